//! The administration API (users, API tokens, browser sessions, roles) as anonymous, a
//! caseworker (a role that may never administer), another organisation's administrator and
//! the organisation's own administrator, with the exact status of each.
//!
//! Every destructive row acts on a user, token or session made for it; the refused callers go
//! first, then the test checks that nothing changed, then the administrator acts and the test
//! checks that the change happened.

use crate::access::matrix::{api, check_api, expect, ApiCaller};
use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::admin::UserInfo;
use libertas_store::testing::backends;
use reqwest::Method;
use serde_json::json;

/// The stored account of `username`.
pub async fn user(app: &TestApp, username: &str) -> UserInfo {
    app.store
        .user_by_username(libertas_store::admin::Operator::console(), username)
        .await
        .unwrap()
        .unwrap()
}

/// The id of `username`'s API token.
pub async fn token_id(app: &TestApp, username: &str) -> String {
    let tokens = app
        .store
        .list_tokens(libertas_store::admin::Operator::console(), "test")
        .await
        .unwrap();
    let t = tokens.iter().find(|t| t.username == username).unwrap();
    t.id.to_string()
}

/// The handle of `username`'s browser session, as their administrator `admin` sees it.
pub async fn session_handle(app: &TestApp, admin: &str, username: &str) -> String {
    let admin = app
        .store
        .principal(
            libertas_store::admin::Operator::console(),
            user(app, admin).await.id,
        )
        .await
        .unwrap()
        .unwrap();
    let sessions = app.store.org_sessions(&admin).await.unwrap();
    let s = sessions.iter().find(|s| s.username == username).unwrap();
    s.handle.clone()
}

/// Whether `browser`'s session still opens the home page.
pub async fn still_signed_in(browser: &mut Browser) -> bool {
    browser.get("/").await.0.as_u16() == 200
}

pub async fn admin_api_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let boss = app.user("North", "boss", Role::Admin).await;
        let cara = app.user("North", "cara", Role::Caseworker).await;
        let south = app.user("South", "southboss", Role::Admin).await;
        for target in ["apileaver", "apilost", "apirole", "apisession"] {
            app.user("North", target, Role::Caseworker).await;
        }
        let held = app.user("North", "apitoken", Role::Caseworker).await;
        // The lost phone is an enrolled one; the session is a live one.
        Browser::new(&app).sign_in("apilost").await;
        let mut holder = Browser::new(&app);
        holder.sign_in("apisession").await;
        let callers: [ApiCaller; 4] = [
            ("anonymous", None),
            ("cara", Some(&cara)),
            ("southboss", Some(&south)),
            ("boss", Some(&boss)),
        ];
        let rows = [
            api(
                Method::GET,
                "/api/v1/admin/users",
                None,
                [401, 403, 200, 200],
            ),
            api(
                Method::POST,
                "/api/v1/admin/users",
                Some(json!({"username": "api-by-{caller}", "role": "hotline"})),
                [401, 403, 201, 201],
            ),
            api(
                Method::GET,
                "/api/v1/admin/tokens",
                None,
                [401, 403, 200, 200],
            ),
            api(
                Method::GET,
                "/api/v1/admin/sessions",
                None,
                [401, 403, 200, 200],
            ),
        ];
        check_api(&app, backend, &rows, &callers).await;
        let made = app
            .store
            .user_by_username(libertas_store::admin::Operator::console(), "api-by-cara")
            .await
            .unwrap();
        expect(made.is_none(), || {
            format!("{backend}: a caseworker created a user")
        });
        let north = user(&app, "boss").await.org_id;
        expect(user(&app, "api-by-southboss").await.org_id != north, || {
            format!("{backend}: South's administrator created a user in North")
        });
        let (_, listed) = app.get("/api/v1/admin/users", &south).await;
        expect(!listed.to_string().contains("apileaver"), || {
            format!("{backend}: South's administrator lists North's users")
        });
        let (_, listed) = app.get("/api/v1/admin/sessions", &south).await;
        expect(!listed.to_string().contains("apisession"), || {
            format!("{backend}: South's administrator lists North's sessions")
        });

        let (refused, allowed) = callers.split_at(3);
        let act = |path: String, body: Option<serde_json::Value>, refused: [u16; 3]| {
            (
                api(Method::POST, path.clone(), body.clone(), refused),
                api(Method::POST, path, body, [204]),
            )
        };

        let (no, yes) = act(
            "/api/v1/admin/users/apileaver/disable".into(),
            Some(json!({"reason": "left the organisation"})),
            [401, 403, 404],
        );
        check_api(&app, backend, &[no], refused).await;
        expect(!user(&app, "apileaver").await.disabled, || {
            format!("{backend}: a refused caller disabled a user")
        });
        check_api(&app, backend, &[yes], allowed).await;
        expect(user(&app, "apileaver").await.disabled, || {
            format!("{backend}: the administrator could not disable a user")
        });

        let (no, yes) = act(
            "/api/v1/admin/users/apilost/reset-totp".into(),
            Some(json!({"reason": "lost phone"})),
            [401, 403, 404],
        );
        check_api(&app, backend, &[no], refused).await;
        expect(user(&app, "apilost").await.totp_enrolled, || {
            format!("{backend}: a refused caller reset a second factor")
        });
        check_api(&app, backend, &[yes], allowed).await;
        expect(!user(&app, "apilost").await.totp_enrolled, || {
            format!("{backend}: the administrator could not reset a second factor")
        });

        let id = token_id(&app, "apitoken").await;
        let (no, yes) = act(
            format!("/api/v1/admin/tokens/{id}/revoke"),
            None,
            [401, 403, 404],
        );
        check_api(&app, backend, &[no], refused).await;
        let works = app.get("/api/v1/me", &held).await.0.as_u16();
        expect(works == 200, || {
            format!("{backend}: a refused caller revoked a token ({works})")
        });
        check_api(&app, backend, &[yes], allowed).await;
        let works = app.get("/api/v1/me", &held).await.0.as_u16();
        expect(works == 401, || {
            format!("{backend}: a revoked token still works ({works})")
        });

        let handle = session_handle(&app, "boss", "apisession").await;
        let (no, yes) = act(
            format!("/api/v1/admin/sessions/{handle}/end"),
            None,
            [401, 403, 404],
        );
        check_api(&app, backend, &[no], refused).await;
        expect(still_signed_in(&mut holder).await, || {
            format!("{backend}: a refused caller ended a session")
        });
        check_api(&app, backend, &[yes], allowed).await;
        expect(!still_signed_in(&mut holder).await, || {
            format!("{backend}: an ended session still works")
        });

        let id = user(&app, "apirole").await.id;
        let path = format!("/api/v1/admin/users/{id}/role");
        let body = Some(json!({"role": "legal"}));
        let no = api(Method::PUT, path.clone(), body.clone(), [401, 403, 404]);
        check_api(&app, backend, &[no], refused).await;
        expect(user(&app, "apirole").await.role == Role::Caseworker, || {
            format!("{backend}: a refused caller changed a role")
        });
        check_api(
            &app,
            backend,
            &[api(Method::PUT, path, body, [200])],
            allowed,
        )
        .await;
        expect(user(&app, "apirole").await.role == Role::Legal, || {
            format!("{backend}: the administrator could not change a role")
        });
        app.stop().await;
    }
}
