//! The case workflow page and its forms, and the workflow routes in the OpenAPI document.
//! Runs on SQLite, and on PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A case owned by `owner` with `member` (an investigator) added; returns its id.
async fn case_with_member(app: &TestApp, owner: &str) -> String {
    let (s, case) = app
        .post("/api/v1/cases", owner, json!({"title": "Operation Wren"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let id = case["id"].as_str().unwrap().to_owned();
    let (s, _) = app
        .post(
            &format!("/api/v1/cases/{id}/members"),
            owner,
            json!({"username": "member"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workflow_page_and_forms() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        let _member = app.user("North", "member", Role::Investigator).await;
        let _stranger = app.user("North", "stranger", Role::Caseworker).await;
        let id = case_with_member(&app, &owner).await;
        let mut b = Browser::new(&app);
        let csrf = b.sign_in("owner").await;
        let (s, _, page) = b.get(&format!("/cases/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains(&format!("/cases/{id}/workflow")));
        let (s, _, page) = b.get(&format!("/cases/{id}/workflow")).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(page.contains("Case workflow") && page.contains("Goals of the case plan achieved"));

        let status = format!("/cases/{id}/status");
        let (s, loc, _) = b
            .post(
                &status,
                &[("csrf", &csrf), ("status", "Closed"), ("reason", "")],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        assert_eq!(loc, Some(format!("/cases/{id}/workflow?error=reason")));
        let (s, loc, _) = b
            .post(
                &status,
                &[
                    ("csrf", &csrf),
                    ("status", "Closed"),
                    ("reason", "LostContact"),
                ],
            )
            .await;
        assert_eq!(
            (s, loc),
            (StatusCode::SEE_OTHER, Some(format!("/cases/{id}/workflow")))
        );
        let (_, _, page) = b.get(&format!("/cases/{id}/workflow")).await;
        assert!(page.contains("Contact lost") && page.contains("Closed in error"));

        let role = format!("/cases/{id}/members/member/role");
        let (s, loc, _) = b
            .post(&role, &[("csrf", &csrf), ("role", "aftercare")])
            .await;
        assert_eq!(
            (s, loc),
            (StatusCode::SEE_OTHER, Some(format!("/cases/{id}/workflow")))
        );
        let (s, loc, _) = b
            .post(
                &format!("/cases/{id}/owner"),
                &[("csrf", &csrf), ("username", "member")],
            )
            .await;
        assert_eq!(
            (s, loc),
            (StatusCode::SEE_OTHER, Some(format!("/cases/{id}/workflow")))
        );
        let (_, _, page) = b.get(&format!("/cases/{id}/workflow")).await;
        assert!(page.contains("Owner: member"), "{page}");
        let (s, _, _) = b.post(&role, &[("csrf", "wrong"), ("role", "legal")]).await;
        assert!(
            s.is_client_error(),
            "a form without its CSRF token is refused"
        );

        let mut stranger = Browser::new(&app);
        stranger.sign_in("stranger").await;
        let (s, _, _) = stranger.get(&format!("/cases/{id}/workflow")).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_lists_workflow_routes() {
    let app = TestApp::spawn("sqlite").await;
    let res = app
        .http
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    let doc: Value = res.json().await.unwrap();
    for p in [
        "/api/v1/cases/{id}/status",
        "/api/v1/cases/{id}/owner",
        "/api/v1/cases/{id}/workflow",
        "/api/v1/cases/{id}/members/{username}/role",
        "/api/v1/cases/{id}/members/{username}/remove",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p} missing");
    }
    app.stop().await;
}
