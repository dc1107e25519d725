//! The access matrix: every API route as anonymous, wrong role, other organisation,
//! non-member and member, with the exact status each must get. Runs on SQLite, and on
//! PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::json;

struct Row {
    method: Method,
    path: String,
    body: Option<serde_json::Value>,
    /// anonymous, analyst (wrong role), other organisation, non-member, member
    expect: [u16; 5],
}

/// Calls every route as every caller and asserts the exact status; client errors must carry
/// the JSON error body.
async fn check(app: &TestApp, backend: &str, rows: &[Row], callers: &[(&str, Option<&str>); 5]) {
    for row in rows {
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
            if status.is_client_error() {
                assert!(
                    body["error"]["code"].is_string(),
                    "{backend}: error body for {} {} as {who}: {body}",
                    row.method,
                    row.path
                );
            }
        }
    }
}

pub async fn every_api_route_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        let member = app.user("North", "member", Role::Investigator).await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Caseworker).await;
        let admin = app.user("North", "boss", Role::Admin).await;

        let (s, case) = app
            .post("/api/v1/cases", &owner, json!({"title": "Operation Lark"}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}");
        let case_id = case["id"].as_str().unwrap().to_owned();
        assert_eq!(
            app.post(
                &format!("/api/v1/cases/{case_id}/members"),
                &owner,
                json!({"username": "member"})
            )
            .await
            .0,
            StatusCode::CREATED
        );
        let (s, person) = app
            .post(
                &format!("/api/v1/cases/{case_id}/people"),
                &owner,
                json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let person_id = person["id"].as_str().unwrap().to_owned();

        let c = |p: &str| format!("/api/v1/cases/{case_id}{p}");
        let rows = vec![
            Row {
                method: Method::GET,
                path: "/api/v1/cases".into(),
                body: None,
                expect: [401, 403, 200, 200, 200],
            },
            Row {
                method: Method::POST,
                path: "/api/v1/cases".into(),
                body: Some(json!({"title": "New"})),
                expect: [401, 403, 201, 201, 201],
            },
            Row {
                method: Method::GET,
                path: c(""),
                body: None,
                expect: [401, 403, 404, 404, 200],
            },
            Row {
                method: Method::GET,
                path: c("/members"),
                body: None,
                expect: [401, 403, 404, 404, 200],
            },
            Row {
                method: Method::POST,
                path: c("/members"),
                body: Some(json!({"username": "member"})),
                expect: [401, 403, 404, 404, 204],
            },
            Row {
                method: Method::GET,
                path: c("/people"),
                body: None,
                expect: [401, 403, 404, 404, 200],
            },
            Row {
                method: Method::POST,
                path: c("/people"),
                body: Some(json!({"role": "witness", "given_name": "Ilie", "family_name": "Stan"})),
                expect: [401, 403, 404, 404, 201],
            },
            Row {
                method: Method::GET,
                path: format!("/api/v1/people/{person_id}"),
                body: None,
                expect: [401, 403, 404, 404, 200],
            },
            Row {
                method: Method::GET,
                path: c("/notes"),
                body: None,
                expect: [401, 403, 404, 404, 200],
            },
            Row {
                method: Method::POST,
                path: c("/notes"),
                body: Some(json!({"text": "Seen at the car wash."})),
                expect: [401, 403, 404, 404, 201],
            },
            Row {
                method: Method::GET,
                path: "/api/v1/audit".into(),
                body: None,
                expect: [401, 403, 403, 403, 403],
            },
            Row {
                method: Method::GET,
                path: "/api/v1/me".into(),
                body: None,
                expect: [401, 200, 200, 200, 200],
            },
            Row {
                method: Method::GET,
                path: "/healthz".into(),
                body: None,
                expect: [200, 200, 200, 200, 200],
            },
            Row {
                method: Method::GET,
                path: "/api/v1/openapi.json".into(),
                body: None,
                expect: [200, 200, 200, 200, 200],
            },
        ];
        let callers: [(&str, Option<&str>); 5] = [
            ("anonymous", None),
            ("analyst", Some(&analyst)),
            ("other org", Some(&other)),
            ("non-member", Some(&nonmember)),
            ("member", Some(&member)),
        ];
        check(&app, backend, &rows, &callers).await;
        // The administrator sees the audit trail of their own organisation.
        let (s, events) = app
            .get(&format!("/api/v1/audit?object_id={person_id}"), &admin)
            .await;
        assert_eq!(s, StatusCode::OK);
        let readers: Vec<&str> = events["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "person.read")
            .map(|e| e["actor"].as_str().unwrap())
            .collect();
        assert!(readers.contains(&"member"), "{backend}: {events}");
        // A revoked token stops working at once.
        let tokens = app
            .store
            .list_tokens(libertas_store::admin::Operator::console(), "test")
            .await
            .unwrap();
        let member_token = tokens.iter().find(|t| t.username == "member").unwrap();
        app.store
            .revoke_token(
                libertas_store::admin::Operator::console(),
                member_token.id,
                "test",
            )
            .await
            .unwrap();
        assert_eq!(app.get(&c(""), &member).await.0, StatusCode::UNAUTHORIZED);
        app.stop().await;
    }
}

pub async fn every_report_route_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        // The receiving organisation is the first one created.
        let hotline = app.user("North", "olga", Role::Hotline).await;
        let caseworker = app.user("North", "cara", Role::Caseworker).await;
        let analyst = app.user("North", "anna", Role::Analyst).await;
        let other = app.user("South", "sven", Role::Hotline).await;
        // The caller said contact is safe, so staff may message them (issue 9: otherwise 409).
        let new_report = || {
            json!({"channel": "phone", "narrative": "A caller worries about a neighbour.",
                   "contact": "+44 7700 900123", "safe_to_contact": true})
        };
        let mut ids = vec![];
        for _ in 0..6 {
            let (s, r) = app.post("/api/v1/reports", &hotline, new_report()).await;
            assert_eq!(s, StatusCode::CREATED);
            ids.push(r["id"].as_str().unwrap().to_owned());
        }
        let screened = ids[5].clone();
        app.post(
            &format!("/api/v1/reports/{screened}/screening"),
            &hotline,
            json!({"acts": ["recruitment"]}),
        )
        .await;
        let r = |i: usize, p: &str| format!("/api/v1/reports/{}{p}", ids[i]);
        // anonymous, analyst (wrong role), caseworker (role without the queue), other organisation's hotline, own hotline
        let rows = vec![
            Row {
                method: Method::GET,
                path: "/api/v1/reports".into(),
                body: None,
                expect: [401, 403, 403, 200, 200],
            },
            Row {
                method: Method::POST,
                path: "/api/v1/reports".into(),
                body: Some(new_report()),
                expect: [401, 403, 403, 201, 201],
            },
            Row {
                method: Method::POST,
                path: "/api/v1/reports/lookup".into(),
                body: Some(json!({"identifier": "07700 900123"})),
                expect: [401, 403, 403, 200, 200],
            },
            Row {
                method: Method::GET,
                path: r(0, ""),
                body: None,
                expect: [401, 403, 403, 404, 200],
            },
            Row {
                method: Method::POST,
                path: r(1, "/screening"),
                body: Some(json!({"acts": ["recruitment"]})),
                expect: [401, 403, 403, 404, 200],
            },
            Row {
                method: Method::POST,
                path: r(2, "/messages"),
                body: Some(json!({"text": "A question"})),
                expect: [401, 403, 403, 404, 201],
            },
            Row {
                method: Method::POST,
                path: r(3, "/status"),
                body: Some(json!({"status": "closed", "reason": "duplicate"})),
                expect: [401, 403, 403, 404, 204],
            },
            Row {
                method: Method::POST,
                path: r(4, "/assignee"),
                body: Some(json!({"action": "take"})),
                expect: [401, 403, 403, 404, 200],
            },
            Row {
                method: Method::POST,
                path: r(5, "/case"),
                body: Some(json!({"title": "From a call"})),
                expect: [401, 403, 403, 404, 201],
            },
            Row {
                method: Method::POST,
                path: "/api/v1/screenings".into(),
                body: Some(json!({"acts": ["recruitment"]})),
                expect: [401, 403, 200, 200, 200],
            },
            Row {
                method: Method::POST,
                path: "/api/v1/public/reports".into(),
                body: Some(json!({"narrative": "Seen at the station."})),
                expect: [201, 201, 201, 201, 201],
            },
            Row {
                method: Method::POST,
                path: "/api/v1/public/followup".into(),
                body: Some(json!({"receipt": "nothing"})),
                expect: [404, 404, 404, 404, 404],
            },
        ];
        let callers: [(&str, Option<&str>); 5] = [
            ("anonymous", None),
            ("analyst", Some(&analyst)),
            ("caseworker", Some(&caseworker)),
            ("other org", Some(&other)),
            ("hotline", Some(&hotline)),
        ];
        check(&app, backend, &rows, &callers).await;
        app.stop().await;
    }
}
