//! The case workflow over HTTP: legal and illegal status changes, reopening, owner changes,
//! roles in the case, removal, and the access matrix of every new route (pages and the
//! OpenAPI entries are in `workflow_pages.rs`).
//! Runs on SQLite, and on PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
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

fn field(body: &Value) -> &str {
    body["error"]["field"].as_str().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuses_move_close_and_reopen() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        let _member = app.user("North", "member", Role::Investigator).await;
        let id = case_with_member(&app, &owner).await;
        let path = format!("/api/v1/cases/{id}/status");
        // What the request alone breaks is a 400; what the case's current status (Active)
        // refuses is a 409. Both name the field.
        let refused = [
            (json!({"status": "Active"}), StatusCode::CONFLICT, "status"),
            (
                json!({"status": "Active", "reason": "NewNeeds"}),
                StatusCode::CONFLICT,
                "status",
            ),
            (json!({"status": "open"}), StatusCode::BAD_REQUEST, "status"),
            (
                json!({"status": "Closed"}),
                StatusCode::BAD_REQUEST,
                "reason",
            ),
            (
                json!({"status": "Closed", "reason": "  "}),
                StatusCode::BAD_REQUEST,
                "reason",
            ),
            (
                json!({"status": "ClosedReferred", "reason": "bored"}),
                StatusCode::BAD_REQUEST,
                "reason",
            ),
            (
                json!({"status": "FollowUp", "reason": "Other"}),
                StatusCode::BAD_REQUEST,
                "reason",
            ),
            (
                json!({"status": "Closed", "reason": "NewNeeds"}),
                StatusCode::BAD_REQUEST,
                "reason",
            ),
        ];
        for (body, status, f) in refused {
            let (s, b) = app.post(&path, &owner, body.clone()).await;
            assert_eq!((s, field(&b)), (status, f), "{backend}: {body} → {b}");
        }
        let (s, _) = app
            .post(&path, &owner, json!({"status": "Active", "note": "x"}))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "unknown fields are refused");

        let (s, c) = app.post(&path, &owner, json!({"status": "FollowUp"})).await;
        assert_eq!(
            (s, c["status"].as_str()),
            (StatusCode::OK, Some("FollowUp"))
        );
        // Back to Active from an open status takes no reopen reason: the case is not closed.
        let (s, b) = app
            .post(
                &path,
                &owner,
                json!({"status": "Active", "reason": "NewNeeds"}),
            )
            .await;
        assert_eq!((s, field(&b)), (StatusCode::CONFLICT, "reason"), "{b}");
        let (s, c) = app
            .post(
                &path,
                &owner,
                json!({"status": "Closed", "reason": "GoalsAchieved"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {c}");
        assert_eq!(c["status"], "Closed");
        assert_eq!(c["closure_reason"], "GoalsAchieved");

        // A closed case only reopens, and only with a reopen reason: anything else conflicts
        // with its status (409), except a reason that is no reopen reason at all (400).
        for (body, status, f) in [
            (
                json!({"status": "FollowUp"}),
                StatusCode::CONFLICT,
                "status",
            ),
            (
                json!({"status": "ClosedReferred", "reason": "ReferredElsewhere"}),
                StatusCode::CONFLICT,
                "status",
            ),
            (json!({"status": "Active"}), StatusCode::CONFLICT, "reason"),
            (
                json!({"status": "Active", "reason": ""}),
                StatusCode::CONFLICT,
                "reason",
            ),
            (
                json!({"status": "Active", "reason": "GoalsAchieved"}),
                StatusCode::BAD_REQUEST,
                "reason",
            ),
        ] {
            let (s, b) = app.post(&path, &owner, body.clone()).await;
            assert_eq!((s, field(&b)), (status, f), "{body}");
        }
        let (s, c) = app
            .post(
                &path,
                &owner,
                json!({"status": "Active", "reason": "NewNeeds"}),
            )
            .await;
        assert_eq!((s, c["status"].as_str()), (StatusCode::OK, Some("Active")));
        assert!(
            c.get("closure_reason").is_none(),
            "reopening clears it: {c}"
        );
        let (s, w) = app
            .get(&format!("/api/v1/cases/{id}/workflow"), &owner)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(w["next"], json!(["FollowUp", "Closed", "ClosedReferred"]));

        // A member who is not the owner may close it too: ClosedReferred straight from Active.
        let member = app.user("North", "helper", Role::Legal).await;
        app.post(
            &format!("/api/v1/cases/{id}/members"),
            &owner,
            json!({"username": "helper"}),
        )
        .await;
        let (s, c) = app
            .post(
                &path,
                &member,
                json!({"status": "ClosedReferred", "reason": "ReferredElsewhere"}),
            )
            .await;
        assert_eq!(
            (s, c["status"].as_str()),
            (StatusCode::OK, Some("ClosedReferred"))
        );
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_roles_and_removal() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        let member = app.user("North", "member", Role::Investigator).await;
        let _outsider = app.user("North", "outsider", Role::Caseworker).await;
        let _far = app.user("South", "far", Role::Caseworker).await;
        let id = case_with_member(&app, &owner).await;
        let c = |p: &str| format!("/api/v1/cases/{id}{p}");

        let (s, _) = app
            .post(&c("/members/member/role"), &owner, json!({"role": "legal"}))
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{backend}");
        // A bad body is a 400; a member the path names who is not one is a 404, as a record
        // that does not exist; the owner's part, always `lead`, is a conflict (409).
        for (path, body, status, f) in [
            (
                "/members/member/role",
                json!({"role": "lead"}),
                StatusCode::BAD_REQUEST,
                "role",
            ),
            (
                "/members/member/role",
                json!({"role": "observer"}),
                StatusCode::BAD_REQUEST,
                "role",
            ),
            (
                "/members/owner/role",
                json!({"role": "legal"}),
                StatusCode::CONFLICT,
                "username",
            ),
            (
                "/members/outsider/role",
                json!({"role": "legal"}),
                StatusCode::NOT_FOUND,
                "",
            ),
            (
                "/members/far/role",
                json!({"role": "legal"}),
                StatusCode::NOT_FOUND,
                "",
            ),
            (
                "/members/nobody/role",
                json!({"role": "legal"}),
                StatusCode::NOT_FOUND,
                "",
            ),
            (
                "/owner",
                json!({"username": "outsider"}),
                StatusCode::BAD_REQUEST,
                "username",
            ),
            (
                "/owner",
                json!({"username": "far"}),
                StatusCode::BAD_REQUEST,
                "username",
            ),
            (
                "/owner",
                json!({"username": "nobody"}),
                StatusCode::BAD_REQUEST,
                "username",
            ),
        ] {
            let (s, b) = app.post(&c(path), &owner, body.clone()).await;
            assert_eq!((s, field(&b)), (status, f), "{path} {body}");
        }
        let (_, w) = app.get(&c("/workflow"), &owner).await;
        assert_eq!(w["owner"], "owner");
        assert_eq!(w["members"][0]["username"], "owner");
        assert_eq!(w["members"][0]["role_in_case"], "lead");
        assert_eq!(w["members"][1]["role_in_case"], "legal");

        // Only the owner hands the case over or removes people.
        let (s, _) = app
            .post(&c("/owner"), &member, json!({"username": "member"}))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = app
            .call(
                Method::POST,
                &c("/members/owner/remove"),
                Some(&member),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        let (s, case) = app
            .post(&c("/owner"), &owner, json!({"username": "member"}))
            .await;
        assert_eq!(
            (s, case["owner"].as_str()),
            (StatusCode::OK, Some("member"))
        );
        let (_, w) = app.get(&c("/workflow"), &member).await;
        let roles: Vec<(&str, &str)> = w["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["username"].as_str().unwrap(),
                    m["role_in_case"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(roles, vec![("member", "lead"), ("owner", "caseworker")]);

        let (s, b) = app
            .call(
                Method::POST,
                &c("/members/member/remove"),
                Some(&member),
                None,
            )
            .await;
        assert_eq!((s, field(&b)), (StatusCode::CONFLICT, "username"));
        let (s, t) = app
            .post(
                &c("/tasks"),
                &member,
                json!({"title": "Visit the shelter", "due_date": "2099-01-10", "assignee": "owner"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{t}");
        let (s, _) = app
            .call(
                Method::POST,
                &c("/members/owner/remove"),
                Some(&member),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        // Their open task goes back to the team.
        let (_, tasks) = app.get(&c("/tasks"), &member).await;
        let task = &tasks["tasks"].as_array().unwrap()[0];
        assert_eq!(task["title"], "Visit the shelter");
        assert!(task["assignee"].is_null(), "{backend}: {task}");
        assert_eq!(app.get(&c(""), &owner).await.0, StatusCode::NOT_FOUND);
        let (s, _) = app
            .call(
                Method::POST,
                &c("/members/owner/remove"),
                Some(&member),
                None,
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "no longer a member");
        app.stop().await;
    }
}

struct Row {
    method: Method,
    path: String,
    body: Option<Value>,
    /// anonymous, analyst (wrong role), other organisation, non-member, member (not owner)
    expect: [u16; 5],
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_matrix_of_workflow_routes() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        let member = app.user("North", "member", Role::Investigator).await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Caseworker).await;
        let id = case_with_member(&app, &owner).await;
        let c = |p: &str| format!("/api/v1/cases/{id}{p}");
        let rows = vec![
            Row {
                method: Method::GET,
                path: c("/workflow"),
                body: None,
                expect: [401, 403, 404, 404, 200],
            },
            Row {
                method: Method::POST,
                path: c("/status"),
                body: Some(json!({"status": "FollowUp"})),
                expect: [401, 403, 404, 404, 200],
            },
            Row {
                method: Method::POST,
                path: c("/owner"),
                body: Some(json!({"username": "member"})),
                expect: [401, 403, 404, 404, 403],
            },
            Row {
                method: Method::POST,
                path: c("/members/member/role"),
                body: Some(json!({"role": "support"})),
                expect: [401, 403, 404, 404, 204],
            },
            Row {
                method: Method::POST,
                path: c("/members/owner/remove"),
                body: None,
                expect: [401, 403, 404, 404, 403],
            },
            Row {
                method: Method::POST,
                path: "/api/v1/cases/not-a-case/status".into(),
                body: Some(json!({"status": "FollowUp"})),
                expect: [401, 400, 400, 400, 400],
            },
        ];
        let callers: [(&str, Option<&str>); 5] = [
            ("anonymous", None),
            ("analyst", Some(&analyst)),
            ("other organisation", Some(&other)),
            ("non-member", Some(&nonmember)),
            ("member", Some(&member)),
        ];
        for row in &rows {
            for (i, (who, token)) in callers.iter().enumerate() {
                let (status, body) = app
                    .call(row.method.clone(), &row.path, *token, row.body.clone())
                    .await;
                assert_eq!(
                    status.as_u16(),
                    row.expect[i],
                    "{backend}: {} {} as {who}: {body}",
                    row.method,
                    row.path
                );
            }
        }
        app.stop().await;
    }
}
