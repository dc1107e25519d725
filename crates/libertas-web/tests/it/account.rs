//! Changing one's password: a voluntary change needs the whole login (password and a
//! current second factor), ends every other session, rotates this one, and refuses common,
//! trivial and username-based passwords with a clear message. An administrator's TOTP reset
//! ends every session of the user.

use crate::common;
use crate::common::{hidden, totp_next, Browser, TestApp, SIGNED_IN_PASSWORD};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;

async fn change(
    b: &mut Browser,
    current: &str,
    code: Option<&str>,
    new: &str,
) -> (StatusCode, Option<String>, String) {
    let (_, _, page) = b.get("/account/password").await;
    let csrf = hidden(&page, "csrf");
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("current", current),
        ("new", new),
        ("repeat", new),
    ];
    if let Some(c) = code {
        form.push(("code", c));
    }
    b.post("/account/password", &form).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voluntary_change_needs_the_second_factor_and_ends_other_sessions() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "ana", Role::Caseworker).await;
        let mut here = Browser::new(&app);
        let (_, secret) = here.sign_in_with_secret("ana").await;
        // A second session of the same user (another device), signed in with the next code.
        let mut elsewhere = Browser::new(&app);
        let (_, _, page) = elsewhere.get("/login").await;
        let csrf = hidden(&page, "csrf");
        elsewhere
            .post(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("username", "ana"),
                    ("password", SIGNED_IN_PASSWORD),
                ],
            )
            .await;
        let (_, _, page) = elsewhere.get("/login/totp").await;
        let csrf = hidden(&page, "csrf");
        let (s, _, _) = elsewhere
            .post(
                "/login/totp",
                &[("csrf", &csrf), ("code", &totp_next(&secret))],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        assert_eq!(elsewhere.get("/").await.0, StatusCode::OK);

        let (_, _, page) = here.get("/account/password").await;
        assert!(
            page.contains("name=\"code\""),
            "{backend}: the form asks for a code"
        );
        let new = "a brand new secret phrase";
        // The password alone is not enough.
        let (s, _, page) = change(&mut here, SIGNED_IN_PASSWORD, None, new).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        assert!(page.contains("The code is not right"), "{backend}");
        let (s, _, _) = change(&mut here, SIGNED_IN_PASSWORD, Some("123456"), new).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}: a wrong code");
        let (s, _, _) = change(&mut here, "not my password", Some("123456"), new).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}: a wrong password");
        // Nothing changed: both sessions live, the old password still works.
        assert_eq!(here.get("/").await.0, StatusCode::OK);
        assert_eq!(elsewhere.get("/").await.0, StatusCode::OK);
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_change_with_a_recovery_code_ends_every_other_session() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "ana", Role::Caseworker).await;
        // Sign in by hand to keep a recovery code.
        let mut here = Browser::new(&app);
        let (_, _, page) = here.get("/login").await;
        let csrf = hidden(&page, "csrf");
        here.post(
            "/login",
            &[
                ("csrf", &csrf),
                ("username", "ana"),
                ("password", common::PASSWORD),
            ],
        )
        .await;
        let (s, _, _) = change(&mut here, common::PASSWORD, None, SIGNED_IN_PASSWORD).await;
        assert_eq!(
            s,
            StatusCode::SEE_OTHER,
            "{backend}: the first-login change needs no code"
        );
        let (_, _, page) = here.get("/account/totp").await;
        let csrf = hidden(&page, "csrf");
        let secret = common::between(&page, "<code id=\"totp-secret\">", "</code>");
        let (s, _, page) = here
            .post(
                "/account/totp",
                &[("csrf", &csrf), ("code", &common::totp_now(&secret))],
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let recovery = recovery_codes(&page);
        assert_eq!(recovery.len(), 10, "{backend}");

        let mut elsewhere = Browser::new(&app);
        let (_, _, page) = elsewhere.get("/login").await;
        let csrf = hidden(&page, "csrf");
        elsewhere
            .post(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("username", "ana"),
                    ("password", SIGNED_IN_PASSWORD),
                ],
            )
            .await;
        let (_, _, page) = elsewhere.get("/login/totp").await;
        let csrf = hidden(&page, "csrf");
        elsewhere
            .post("/login/totp", &[("csrf", &csrf), ("code", &recovery[0])])
            .await;
        assert_eq!(elsewhere.get("/").await.0, StatusCode::OK, "{backend}");

        let new = "a brand new secret phrase";
        let (s, loc, _) = change(&mut here, SIGNED_IN_PASSWORD, Some(&recovery[1]), new).await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/")),
            "{backend}"
        );
        assert_eq!(
            here.get("/").await.0,
            StatusCode::OK,
            "{backend}: this session goes on"
        );
        let (s, loc, _) = elsewhere.get("/").await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/login")),
            "{backend}: every other session ended"
        );
        // The recovery code is used up.
        let (s, _, _) = change(
            &mut here,
            new,
            Some(&recovery[1]),
            "yet another fine phrase",
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        app.stop().await;
    }
}

fn recovery_codes(page: &str) -> Vec<String> {
    page.split("<li><code>")
        .skip(1)
        .map(|rest| rest.split("</code>").next().unwrap().to_owned())
        .collect()
}

/// NIST SP 800-63B: common passwords, trivial repeats and sequences, and the username inside
/// are refused on the page with their own message (before any hashing or store call).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weak_new_passwords_are_refused_with_a_clear_message() {
    let app = TestApp::spawn("sqlite").await;
    app.user("North", "ana.pop", Role::Caseworker).await;
    let mut b = Browser::new(&app);
    let (_, _, page) = b.get("/login").await;
    let csrf = hidden(&page, "csrf");
    b.post(
        "/login",
        &[
            ("csrf", &csrf),
            ("username", "ana.pop"),
            ("password", common::PASSWORD),
        ],
    )
    .await;
    for (new, message) in [
        ("qwerty123456", "one of the most common"),
        ("  LeaveMeAlone  ", "one of the most common"),
        ("aaaaaaaaaaaaaa", "a repeat or a sequence"),
        ("abcabcabcabc", "a repeat or a sequence"),
        ("123456789012", "a repeat or a sequence"),
        ("my name is ana.pop!", "must not contain your username"),
        ("short", "at least 12 characters"),
    ] {
        let (s, _, page) = change(&mut b, common::PASSWORD, None, new).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{new}");
        assert!(page.contains(message), "{new}: {message}");
    }
    // Romanian too.
    let (_, _, page) = b.get("/account/password?lang=ro").await;
    let csrf = hidden(&page, "csrf");
    let (_, _, page) = b
        .post(
            "/account/password?lang=ro",
            &[
                ("csrf", csrf.as_str()),
                ("current", common::PASSWORD),
                ("new", "qwerty123456"),
                ("repeat", "qwerty123456"),
            ],
        )
        .await;
    assert!(page.contains("dintre cele mai folosite"), "{page}");
    let (s, _, _) = change(
        &mut b,
        common::PASSWORD,
        None,
        "a perfectly good passphrase",
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrators_totp_reset_ends_every_session() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let boss = app.user("North", "boss", Role::Admin).await;
        app.user("North", "ana", Role::Caseworker).await;
        let mut ana = Browser::new(&app);
        ana.sign_in("ana").await;
        assert_eq!(ana.get("/").await.0, StatusCode::OK);
        let (s, _) = app
            .post(
                "/api/v1/admin/users/ana/reset-totp",
                &boss,
                json!({"reason": "lost phone"}),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{backend}");
        let (s, loc, _) = ana.get("/").await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/login")),
            "{backend}"
        );
        app.stop().await;
    }
}
