//! A malformed id in an API path: the 400 names the field and says which kind of id it wants,
//! the same answer for every route that takes that kind of id (pinned when the handlers moved
//! from `Path<String>` to the `ApiPathId` extractor).

use crate::common::TestApp;
use libertas_domain::admin::Role;
use reqwest::{Method, StatusCode};

const GOOD: &str = "01a20092-0000-7000-8000-000000000000";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_path_id_is_a_400_naming_its_field() {
    let app = TestApp::spawn("sqlite").await;
    let token = app.user("North", "ana", Role::Admin).await;
    let routes: Vec<(String, &str, &str)> = vec![
        ("/api/v1/cases/x".into(), "id", "must be a case id (a UUID)"),
        (
            "/api/v1/cases/x/notes".into(),
            "id",
            "must be a case id (a UUID)",
        ),
        (
            "/api/v1/cases/x/evidence".into(),
            "id",
            "must be a case id (a UUID)",
        ),
        (
            format!("/api/v1/cases/x/evidence/{GOOD}"),
            "id",
            "must be a case id (a UUID)",
        ),
        (
            format!("/api/v1/cases/{GOOD}/evidence/x"),
            "evidence_id",
            "must be an evidence id (a UUID)",
        ),
        (
            format!("/api/v1/cases/{GOOD}/evidence/x/custody"),
            "evidence_id",
            "must be an evidence id (a UUID)",
        ),
        (
            "/api/v1/people/x".into(),
            "id",
            "must be a person id (a UUID)",
        ),
        (
            "/api/v1/people/x/care-plans".into(),
            "id",
            "must be a person id (a UUID)",
        ),
        (
            "/api/v1/reports/x".into(),
            "id",
            "must be a report id (a UUID)",
        ),
        (
            "/api/v1/charges/x/hearings".into(),
            "charge_id",
            "must be a charge id (a UUID)",
        ),
        (
            "/api/v1/verdicts/x/sentences".into(),
            "verdict_id",
            "must be a verdict id (a UUID)",
        ),
        (
            "/api/v1/operations/x".into(),
            "id",
            "must be an id (a UUID)",
        ),
        ("/api/v1/referrals/x".into(), "id", "must be an id (a UUID)"),
        ("/api/v1/partners/x".into(), "id", "must be an id (a UUID)"),
        (
            "/api/v1/care-plans/x".into(),
            "id",
            "must be an id (a UUID)",
        ),
        (
            "/api/v1/care-plans/x/goals".into(),
            "id",
            "must be an id (a UUID)",
        ),
        (
            "/api/v1/care-plans/x/services".into(),
            "id",
            "must be an id (a UUID)",
        ),
        (
            "/api/v1/services/x/deliveries".into(),
            "id",
            "must be an id (a UUID)",
        ),
        (
            "/api/v1/trainings/x".into(),
            "id",
            "must be a training id (a UUID)",
        ),
    ];
    for (path, field, message) in routes {
        let (status, body) = app.get(&path, &token).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert_eq!(body["error"]["field"], field, "{path}: {body}");
        assert_eq!(
            body["error"]["message"],
            format!("{field}: {message}"),
            "{path}: {body}"
        );
    }
    let (status, body) = app
        .call(
            Method::PUT,
            &format!("/api/v1/cases/{GOOD}/suspects/x/roles"),
            Some(&token),
            Some(serde_json::json!({"roles": ["Other"]})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["field"], "person_id", "{body}");
    let (status, body) = app
        .call(
            Method::PUT,
            "/api/v1/admin/users/x/role",
            Some(&token),
            Some(serde_json::json!({"role": "caseworker"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        body["error"]["message"], "id: must be a user id (a UUID)",
        "{body}"
    );
    // Care plan, goal and service writes: the path is read before the body.
    for path in [
        "/api/v1/care-plans/x/goals",
        "/api/v1/care-plans/x/services",
        "/api/v1/goals/x/status",
        "/api/v1/services/x/status",
        "/api/v1/services/x/deliveries",
    ] {
        let (status, body) = app.post(path, &token, serde_json::json!({})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert_eq!(
            body["error"]["message"], "id: must be an id (a UUID)",
            "{path}: {body}"
        );
    }
    let (status, body) = app
        .post("/api/v1/tasks/x/done", &token, serde_json::json!({}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        body["error"]["message"], "id: must be a task id (a UUID)",
        "{body}"
    );
    app.stop().await;
}
