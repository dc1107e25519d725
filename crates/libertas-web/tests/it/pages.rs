//! The staff pages over real HTTP: login with password change and TOTP enrolment, CSRF,
//! need-to-know on pages, logout, back-off, translations.

use crate::common;
use crate::common::{hidden, Browser, TestApp, PASSWORD};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_follow_need_to_know() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        app.user("North", "member", Role::Investigator).await;
        app.user("North", "nonmember", Role::Caseworker).await;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("South", "other", Role::Caseworker).await;
        let (_, case) = app
            .post("/api/v1/cases", &owner, json!({"title": "Operation Lark"}))
            .await;
        let id = case["id"].as_str().unwrap().to_owned();
        app.post(
            &format!("/api/v1/cases/{id}/members"),
            &owner,
            json!({"username": "member"}),
        )
        .await;
        let (_, p) = app
            .post(
                &format!("/api/v1/cases/{id}/people"),
                &owner,
                json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu"}),
            )
            .await;
        let pid = p["id"].as_str().unwrap().to_owned();

        // Anonymous: every staff page sends to the login page.
        let mut anon = Browser::new(&app);
        for path in [
            "/",
            format!("/cases/{id}").as_str(),
            format!("/people/{pid}").as_str(),
            "/admin/audit",
        ] {
            let (s, loc, _) = anon.get(path).await;
            assert_eq!(
                (s, loc.as_deref()),
                (StatusCode::SEE_OTHER, Some("/login")),
                "{backend}: {path}"
            );
        }
        let expect = [
            ("analyst", 403u16, false),
            ("other", 404, false),
            ("nonmember", 404, false),
            ("member", 200, true),
        ];
        for (user, status, sees) in expect {
            let mut b = Browser::new(&app);
            let csrf = b.sign_in(user).await;
            for path in [format!("/cases/{id}"), format!("/people/{pid}")] {
                let (s, _, page) = b.get(&path).await;
                assert_eq!(s.as_u16(), status, "{backend}: {user} {path}");
                assert_eq!(page.contains("Zamfira"), sees, "{backend}: {user} {path}");
            }
            let (s, _, _) = b
                .post(
                    &format!("/cases/{id}/notes"),
                    &[("csrf", &csrf), ("text", "hello")],
                )
                .await;
            assert_eq!(
                s.as_u16(),
                if sees { 303 } else { status },
                "{backend}: {user} posts a note"
            );
            let (s, _, home) = b.get("/").await;
            assert_eq!(s, StatusCode::OK);
            assert_eq!(
                home.contains("Operation Lark"),
                sees,
                "{backend}: {user} home"
            );
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_refuse_cross_site_and_missing_tokens() {
    let app = TestApp::spawn("sqlite").await;
    app.user("North", "ana", Role::Caseworker).await;
    let mut b = Browser::new(&app);
    let csrf = b.sign_in("ana").await;
    let (s, _, _) = b
        .post("/cases", &[("csrf", "forged"), ("title", "X")])
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Right token, but sent from another site.
    let res = b
        .http
        .post(format!("{}/cases", app.base))
        .header(
            "cookie",
            b.cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
        .header("origin", "https://evil.example")
        .form(&[("csrf", csrf.as_str()), ("title", "X")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A session cookie alone does not authorise an API write without the CSRF header.
    let res = b
        .http
        .post(format!("{}/api/v1/cases", app.base))
        .header(
            "cookie",
            b.cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
        .json(&json!({"title": "X"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (s, loc, _) = b
        .post("/cases", &[("csrf", &csrf), ("title", "Real case")])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(loc.unwrap().starts_with("/cases/"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_ends_the_session_and_login_backs_off() {
    let app = TestApp::spawn("sqlite").await;
    app.user("North", "ana", Role::Caseworker).await;
    let mut b = Browser::new(&app);
    let csrf = b.sign_in("ana").await;
    let old_cookies = b.cookies.clone();
    let (s, loc, _) = b.post("/logout", &[("csrf", &csrf)]).await;
    assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
    b.cookies = old_cookies;
    let (s, loc, _) = b.get("/").await;
    assert_eq!(
        (s, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/login")),
        "a stolen old cookie is worthless"
    );

    let mut c = Browser::new(&app);
    for _ in 0..5 {
        let (_, _, page) = c.get("/login").await;
        let t = hidden(&page, "csrf");
        let (s, _, _) = c
            .post(
                "/login",
                &[
                    ("csrf", &t),
                    ("username", "ana"),
                    ("password", "wrong password!!"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    let (_, _, page) = c.get("/login").await;
    let t = hidden(&page, "csrf");
    let (s, _, _) = c
        .post(
            "/login",
            &[
                ("csrf", &t),
                ("username", "ana"),
                ("password", common::SIGNED_IN_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        s,
        StatusCode::UNAUTHORIZED,
        "locked after five failures, even with the right password"
    );
    let failures = app
        .store
        .audit_events(
            libertas_store::admin::Operator::console(),
            &Default::default(),
        )
        .await
        .unwrap()
        .iter()
        .filter(|e| e.action == "login.failure")
        .count();
    assert!(failures >= 6);
    let _ = PASSWORD;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_speak_romanian_and_demo_waives_the_second_factor() {
    let config = libertas_web::WebConfig {
        demo: true,
        ..Default::default()
    };
    let app = TestApp::spawn_with("sqlite", config).await;
    app.user("North", "ana", Role::Caseworker).await;
    let mut b = Browser::new(&app);
    let (_, _, page) = b.get("/login?lang=ro").await;
    assert!(page.contains("Autentificare") && page.contains("lang=\"ro\""));
    assert!(page.contains("Date demonstrative"));
    let t = hidden(&page, "csrf");
    let (s, _, _) = b
        .post(
            "/login",
            &[("csrf", &t), ("username", "ana"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (s, loc, _) = b.get("/").await;
    assert_eq!(
        (s, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some("/account/password")),
        "demo still asks for the first password change here"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guessing_the_second_factor_locks_the_account() {
    let app = TestApp::spawn("sqlite").await;
    app.user("North", "ana", Role::Caseworker).await;
    let mut b = Browser::new(&app);
    let csrf = b.sign_in("ana").await;
    b.post("/logout", &[("csrf", &csrf)]).await;
    for round in 0..2 {
        let (_, _, page) = b.get("/login").await;
        let t = hidden(&page, "csrf");
        let (s, _, _) = b
            .post(
                "/login",
                &[
                    ("csrf", &t),
                    ("username", "ana"),
                    ("password", common::SIGNED_IN_PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            s,
            StatusCode::SEE_OTHER,
            "round {round}: the password is still accepted while not locked"
        );
        let (s, loc, _) = b.get("/").await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/login/totp"))
        );
        let (_, _, page) = b.get("/login/totp").await;
        let t = hidden(&page, "csrf");
        for _ in 0..3 {
            let (s, _, _) = b
                .post("/login/totp", &[("csrf", &t), ("code", "000000")])
                .await;
            assert_eq!(s, StatusCode::UNAUTHORIZED);
        }
    }
    // Six wrong codes across two password logins: locked, even for the right password.
    let (_, _, page) = b.get("/login").await;
    let t = hidden(&page, "csrf");
    let (s, _, _) = b
        .post(
            "/login",
            &[
                ("csrf", &t),
                ("username", "ana"),
                ("password", common::SIGNED_IN_PASSWORD),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    app.stop().await;
}
