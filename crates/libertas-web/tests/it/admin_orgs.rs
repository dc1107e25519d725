//! Item 15 of issue 4: changing a user's role (API and the users page) and the organisations
//! overview, as every kind of caller; the last administrator cannot be demoted.

use crate::common::{hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::audit::AuditQuery;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn user_id(app: &TestApp, name: &str) -> String {
    app.store
        .user_by_username(libertas_store::admin::Operator::console(), name)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_change_only_by_own_admins_and_never_leave_no_admin() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let boss = app.user("North", "boss", Role::Admin).await;
        let worker = app.user("North", "worker", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let south = app.user("South", "southboss", Role::Admin).await;
        let wid = user_id(&app, "worker").await;
        let bid = user_id(&app, "boss").await;
        let path = format!("/api/v1/admin/users/{wid}/role");
        let body = Some(json!({"role": "investigator"}));
        for (who, want) in [
            (None, 401u16),
            (Some(&analyst), 403),
            (Some(&worker), 403),
            (Some(&south), 404),
            (Some(&boss), 200),
        ] {
            let (s, v) = app
                .call(Method::PUT, &path, who.map(String::as_str), body.clone())
                .await;
            assert_eq!(s.as_u16(), want, "{backend}: {v}");
        }
        let u = app
            .store
            .user_by_username(libertas_store::admin::Operator::console(), "worker")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.role, Role::Investigator, "{backend}");
        for (p, b, field) in [
            (path.clone(), json!({"role": "root"}), "role"),
            (path.clone(), json!({"role": "admin", "x": 1}), "x"),
            (
                "/api/v1/admin/users/nope/role".to_owned(),
                json!({"role": "admin"}),
                "id",
            ),
        ] {
            let (s, v) = app.call(Method::PUT, &p, Some(&boss), Some(b)).await;
            assert_eq!(
                (s, v["error"]["field"].as_str()),
                (StatusCode::BAD_REQUEST, Some(field))
            );
        }
        // The only admin may not demote themselves; once there is another, they may.
        let own = format!("/api/v1/admin/users/{bid}/role");
        let (s, v) = app
            .call(
                Method::PUT,
                &own,
                Some(&boss),
                Some(json!({"role": "caseworker"})),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{backend}: {v}");
        let (s, _) = app
            .call(
                Method::PUT,
                &path,
                Some(&boss),
                Some(json!({"role": "admin"})),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let (s, v) = app
            .call(
                Method::PUT,
                &own,
                Some(&boss),
                Some(json!({"role": "caseworker"})),
            )
            .await;
        assert_eq!(
            (s, v["role"].as_str()),
            (StatusCode::OK, Some("caseworker")),
            "{v}"
        );
        let events = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &AuditQuery::default(),
            )
            .await
            .unwrap();
        let changes = events
            .iter()
            .filter(|e| e.action == "user.role.change")
            .count();
        assert_eq!(changes, 3, "{backend}: every change audited, refusals not");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organisations_page_and_the_role_form() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "boss", Role::Admin).await;
        app.user("North", "worker", Role::Caseworker).await;
        app.user("South", "southboss", Role::Admin).await;
        app.user("South", "southworker", Role::Caseworker).await;
        app.user("South", "souththird", Role::Caseworker).await;
        let mut anon = Browser::new(&app);
        let (s, loc, _) = anon.get("/admin/organisations").await;
        assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        let mut w = Browser::new(&app);
        w.sign_in("worker").await;
        let (s, _, _) = w.get("/admin/organisations").await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        let mut b = Browser::new(&app);
        let csrf = b.sign_in("boss").await;
        let (s, _, html) = b.get("/admin/organisations").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(html.contains("North") && html.contains("South"));
        assert!(html.contains("libertas org add"));
        assert!(html.contains("2 / 2"), "own staff counted: {html}");
        assert!(
            !html.contains("3 / 3"),
            "other organisation's staff not counted"
        );

        let (_, _, html) = b.get("/admin/users").await;
        assert!(html.contains("action=\"/admin/users/role\""));
        let form = [
            ("csrf", csrf.as_str()),
            ("username", "worker"),
            ("role", "legal"),
        ];
        let (s, loc, _) = b.post("/admin/users/role", &form).await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/admin/users"))
        );
        let u = app
            .store
            .user_by_username(libertas_store::admin::Operator::console(), "worker")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(u.role, Role::Legal);
        let form = [
            ("csrf", csrf.as_str()),
            ("username", "southworker"),
            ("role", "legal"),
        ];
        let (s, _, _) = b.post("/admin/users/role", &form).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "another organisation's user");
        let form = [
            ("csrf", csrf.as_str()),
            ("username", "boss"),
            ("role", "analyst"),
        ];
        let (s, _, html) = b.post("/admin/users/role", &form).await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert!(html.contains("last administrator"));
        let (s, _, _) = b
            .post(
                "/admin/users/role",
                &[("csrf", "nope"), ("username", "worker"), ("role", "admin")],
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let csrf_w = hidden(&w.get("/").await.2, "csrf");
        let (s, _, _) = w
            .post(
                "/admin/users/role",
                &[("csrf", &csrf_w), ("username", "worker"), ("role", "admin")],
            )
            .await;
        assert_eq!(
            s,
            StatusCode::FORBIDDEN,
            "a non-admin cannot promote themselves"
        );
        app.stop().await;
    }
}
