//! Administration of accounts and access, scoped to the administrator's organisation.

use crate::common::{self, hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_manage_their_own_organisation_only() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let boss = app.user("North", "boss", Role::Admin).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        let other_boss = app.user("South", "sboss", Role::Admin).await;
        // Create a user: a first password comes back once, and it works for sign-in.
        let (s, created) = app
            .post(
                "/api/v1/admin/users",
                &boss,
                json!({"username": "nina", "role": "hotline"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{created}");
        let first = created["first_password"].as_str().unwrap().to_owned();
        assert!(first.len() >= 20);
        let outcome = app
            .store
            .login_password(
                "nina",
                &first,
                libertas_store::admin::LoginClient::new("192.0.2.1".parse().unwrap()),
                Default::default(),
            )
            .await
            .unwrap();
        assert!(matches!(
            outcome,
            libertas_store::admin::LoginOutcome::Ok {
                must_change_password: true,
                ..
            }
        ));
        let (s, err) = app
            .post(
                "/api/v1/admin/users",
                &boss,
                json!({"username": "nina", "role": "hotline"}),
            )
            .await;
        // Taken: a conflict with what exists (409), not a malformed name.
        assert_eq!(
            (s, err["error"]["field"].as_str()),
            (StatusCode::CONFLICT, Some("username"))
        );
        let (s, err) = app
            .post(
                "/api/v1/admin/users",
                &boss,
                json!({"username": "zed", "role": "king"}),
            )
            .await;
        assert_eq!(
            (s, err["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("role"))
        );
        // Matrix: anonymous, non-admin, other organisation's admin, own admin.
        let rows: Vec<(Method, String, Option<serde_json::Value>, [u16; 4])> = vec![
            (
                Method::GET,
                "/api/v1/admin/users".into(),
                None,
                [401, 403, 200, 200],
            ),
            (
                Method::GET,
                "/api/v1/admin/tokens".into(),
                None,
                [401, 403, 200, 200],
            ),
            (
                Method::GET,
                "/api/v1/admin/sessions".into(),
                None,
                [401, 403, 200, 200],
            ),
            (
                Method::POST,
                "/api/v1/admin/users/nina/reset-totp".into(),
                Some(json!({"reason": "lost phone"})),
                [401, 403, 404, 204],
            ),
            (
                Method::POST,
                "/api/v1/admin/users/nina/disable".into(),
                Some(json!({"reason": "left"})),
                [401, 403, 404, 204],
            ),
        ];
        for (method, path, body, expect) in rows {
            for (i, token) in [None, Some(&ana), Some(&other_boss), Some(&boss)]
                .into_iter()
                .enumerate()
            {
                let (status, b) = app
                    .call(
                        method.clone(),
                        &path,
                        token.map(String::as_str),
                        body.clone(),
                    )
                    .await;
                assert_eq!(
                    status.as_u16(),
                    expect[i],
                    "{backend}: {method} {path} as caller {i}: {b}"
                );
            }
        }
        let (_, users) = app.get("/api/v1/admin/users", &other_boss).await;
        assert_eq!(
            users["users"].as_array().unwrap().len(),
            1,
            "South sees only its own users"
        );
        // Tokens: the other organisation cannot revoke North's; North's admin can.
        let (_, tokens) = app.get("/api/v1/admin/tokens", &boss).await;
        let ana_token = tokens["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["username"] == "ana")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            app.post(
                &format!("/api/v1/admin/tokens/{ana_token}/revoke"),
                &other_boss,
                json!({})
            )
            .await
            .0,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.call(
                Method::POST,
                &format!("/api/v1/admin/tokens/{ana_token}/revoke"),
                Some(&boss),
                None
            )
            .await
            .0,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            app.get("/api/v1/cases", &ana).await.0,
            StatusCode::UNAUTHORIZED,
            "a revoked token stops at once"
        );
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_ends_a_session_from_the_page() {
    let app = TestApp::spawn("sqlite").await;
    app.user("North", "boss", Role::Admin).await;
    app.user("North", "ana", Role::Caseworker).await;
    let mut ana = Browser::new(&app);
    ana.sign_in("ana").await;
    let mut boss = Browser::new(&app);
    let csrf = boss.sign_in("boss").await;
    let (s, _, page) = boss.get("/admin/access").await;
    assert_eq!(s, StatusCode::OK);
    // Ana's session is listed; end it.
    let handle = page
        .split("name=\"handle\" value=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .find(|_| true)
        .unwrap();
    let sessions = app
        .store
        .org_sessions(
            &app.store
                .principal(
                    libertas_store::admin::Operator::console(),
                    app.store
                        .user_by_username(libertas_store::admin::Operator::console(), "boss")
                        .await
                        .unwrap()
                        .unwrap()
                        .id,
                )
                .await
                .unwrap()
                .unwrap(),
        )
        .await
        .unwrap();
    let ana_handle = sessions
        .iter()
        .find(|s| s.username == "ana")
        .unwrap()
        .handle
        .clone();
    assert!(page.contains(&ana_handle) && !handle.is_empty());
    // The first submit asks, naming the user, and ends nothing.
    let (s, _, page) = boss
        .post(
            "/admin/access",
            &[
                ("csrf", &csrf),
                ("action", "end-session"),
                ("handle", &ana_handle),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("End this session of ana?"), "{page}");
    assert!(page.contains("name=\"confirm\" value=\"yes\""), "{page}");
    let (s, _, _) = ana.get("/").await;
    assert_eq!(s, StatusCode::OK, "asking ended nothing");
    let (s, _, _) = boss
        .post(
            "/admin/access",
            &[
                ("csrf", &csrf),
                ("action", "end-session"),
                ("handle", &ana_handle),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, loc, _) = ana.get("/").await;
    assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
    let (s, _, page) = boss.get("/admin/users").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("ana") && page.contains("boss"));
    // A new account's role has no default: the select starts at "Choose a role", and a form
    // sent without one is refused, creating nobody.
    let select = common::between(&page, r#"<select id="new-role""#, "</select>");
    assert!(
        select.contains(r#"<option value="" selected disabled>"#),
        "{select}"
    );
    assert_eq!(select.matches(" selected").count(), 1, "{select}");
    let csrf = hidden(&page, "csrf");
    let (s, _, refused) = boss
        .post(
            "/admin/users",
            &[
                ("csrf", csrf.as_str()),
                ("action", "create"),
                ("username", "norole"),
                ("role", ""),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{refused}");
    let (_, _, page) = boss.get("/admin/users").await;
    assert!(!page.contains("norole"), "nobody was created");
    app.stop().await;
}

/// Finding 1: a caseworker posting the users page's forms disabled any account and reset any
/// colleague's TOTP (303, and it happened). Now the store refuses: 403, nothing changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caseworker_cannot_disable_or_reset_anyone_from_the_users_page() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "boss", Role::Admin).await;
        app.user("North", "ana", Role::Caseworker).await;
        app.user("North", "victim", Role::Investigator).await;
        let mut victim = Browser::new(&app);
        victim.sign_in("victim").await;
        let mut ana = Browser::new(&app);
        let csrf = ana.sign_in("ana").await;
        for (action, who) in [
            ("disable", "victim"),
            ("reset-totp", "victim"),
            ("disable", "boss"),
            ("reset-totp", "boss"),
        ] {
            let (s, _, _) = ana
                .post(
                    "/admin/users",
                    &[
                        ("csrf", &csrf),
                        ("action", action),
                        ("username", who),
                        ("reason", "because"),
                    ],
                )
                .await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{backend}: {action} {who}");
        }
        let op = libertas_store::admin::Operator::console();
        for who in ["victim", "boss"] {
            let u = app.store.user_by_username(op, who).await.unwrap().unwrap();
            assert!(!u.disabled, "{backend}: {who} still enabled");
        }
        let v = app
            .store
            .user_by_username(op, "victim")
            .await
            .unwrap()
            .unwrap();
        assert!(
            v.totp_enrolled,
            "{backend}: the victim keeps their second factor"
        );
        let (s, _, _) = victim.get("/").await;
        assert_eq!(
            s,
            StatusCode::OK,
            "{backend}: the victim's session survives"
        );
        // The pages' GETs are decided by the store too.
        for page in [
            "/admin/users",
            "/admin/access",
            "/admin/audit",
            "/admin/organisations",
        ] {
            assert_eq!(
                ana.get(page).await.0,
                StatusCode::FORBIDDEN,
                "{backend}: {page}"
            );
        }
        app.stop().await;
    }
}

/// A reason that fails validation used to become "administrator action" silently.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_reason_is_refused_naming_the_reason() {
    let app = TestApp::spawn("sqlite").await;
    let boss_token = app.user("North", "boss", Role::Admin).await;
    app.user("North", "ana", Role::Caseworker).await;
    let mut boss = Browser::new(&app);
    let csrf = boss.sign_in("boss").await;
    for reason in ["", "   ", "bad\u{7}reason", &"x".repeat(501)] {
        for action in ["disable", "reset-totp"] {
            let (s, _, page) = boss
                .post(
                    "/admin/users",
                    &[
                        ("csrf", &csrf),
                        ("action", action),
                        ("username", "ana"),
                        ("reason", reason),
                    ],
                )
                .await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{action} with {reason:?}");
            assert!(page.contains("Give a reason."), "the page names the reason");
        }
    }
    let (s, body) = app
        .post(
            "/api/v1/admin/users/ana/disable",
            &boss_token,
            json!({"reason": " "}),
        )
        .await;
    assert_eq!(
        (s, body["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("reason"))
    );
    let op = libertas_store::admin::Operator::console();
    let ana = app
        .store
        .user_by_username(op, "ana")
        .await
        .unwrap()
        .unwrap();
    assert!(!ana.disabled, "nothing happened");
    app.stop().await;
}

/// The class guard for finding 1: handlers hand the caller to the store and never speak as
/// the operator (who may act in every organisation) or forge an audit actor.
#[test]
fn the_web_layer_never_speaks_as_the_operator() {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                for needle in [
                    "Operator",
                    "Actor::cli",
                    "Actor::system",
                    "Actor {",
                    "Caller::",
                ] {
                    if text.contains(needle) {
                        out.push(format!("{} uses {needle}", p.display()));
                    }
                }
            }
        }
    }
    let mut found = vec![];
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(found.is_empty(), "{found:#?}");
}
