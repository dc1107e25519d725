//! The access matrix of the Protect routes (decisions, deadlines, tasks): every route as
//! anonymous, wrong role, other organisation, non-member and member, on the API and the pages.

use crate::common::Browser;
use crate::protect_common::{fixture, Fixture};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub async fn every_protect_route_as_every_kind_of_caller() {
    for backend in backends() {
        let Fixture {
            app,
            owner,
            case_id,
            victim,
            ..
        } = fixture(backend).await;
        let member = app.user("North", "member", Role::Investigator).await;
        app.post(
            &format!("/api/v1/cases/{case_id}/members"),
            &owner,
            json!({"username": "member"}),
        )
        .await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Caseworker).await;
        let (_, task) = app
            .post(
                &format!("/api/v1/cases/{case_id}/tasks"),
                &owner,
                json!({"title": "Call", "due_date": "2099-01-01"}),
            )
            .await;
        let task_id = task["id"].as_str().unwrap();
        let c = |p: &str| format!("/api/v1/cases/{case_id}{p}");
        let decision = json!({"person_id": victim, "referral_date": "2098-12-19"});
        // anonymous, analyst (wrong role), other organisation, non-member, member
        let rows: Vec<(Method, String, Option<Value>, [u16; 5])> = vec![
            (
                Method::POST,
                c("/decisions"),
                Some(decision),
                [401, 403, 404, 404, 201],
            ),
            (
                Method::GET,
                c("/decisions"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                c("/deadlines"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                c("/tasks"),
                Some(json!({"title": "Visit", "due_date": "2099-01-01"})),
                [401, 403, 404, 404, 201],
            ),
            (Method::GET, c("/tasks"), None, [401, 403, 404, 404, 200]),
            (
                Method::POST,
                format!("/api/v1/tasks/{task_id}/done"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                "/api/v1/tasks?overdue=true".into(),
                None,
                [401, 403, 200, 200, 200],
            ),
            (
                Method::GET,
                "/api/v1/tasks".into(),
                None,
                [401, 403, 200, 200, 200],
            ),
        ];
        let callers: [(&str, Option<&str>); 5] = [
            ("anonymous", None),
            ("analyst", Some(&analyst)),
            ("other org", Some(&other)),
            ("non-member", Some(&nonmember)),
            ("member", Some(&member)),
        ];
        for (method, path, body, expect) in &rows {
            for (i, (who, token)) in callers.iter().enumerate() {
                let (status, res) = app.call(method.clone(), path, *token, body.clone()).await;
                assert_eq!(
                    status.as_u16(),
                    expect[i],
                    "{backend}: {method} {path} as {who}: {res}"
                );
                if status.is_client_error() {
                    assert!(
                        res["error"]["code"].is_string(),
                        "{backend}: {method} {path} as {who}: {res}"
                    );
                }
            }
        }
        // Malformed ids are 400 naming `id`.
        let (s, e) = app
            .call(Method::POST, "/api/v1/tasks/nope/done", Some(&member), None)
            .await;
        assert_eq!(
            (s, &e["error"]["field"]),
            (StatusCode::BAD_REQUEST, &json!("id"))
        );

        // Pages: the same need-to-know, with the answer a page gives.
        for (who, expect) in [
            ("analyst", 403u16),
            ("other", 404),
            ("nonmember", 404),
            ("member", 200),
        ] {
            let mut b = Browser::new(&app);
            b.sign_in(who).await;
            for page in ["decisions", "tasks"] {
                let (s, _, _) = b.get(&format!("/cases/{case_id}/{page}")).await;
                assert_eq!(s.as_u16(), expect, "{backend}: {page} as {who}");
            }
        }
        let mut anon = Browser::new(&app);
        for page in ["tasks", "decisions"] {
            let (s, loc, _) = anon.get(&format!("/cases/{case_id}/{page}")).await;
            assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        }
        app.stop().await;
    }
}
