//! Signing in under attack: limits before hashing (429 with `Retry-After`), attempts
//! reserved per (account, client) so concurrent guesses cannot outrun the lock and a stranger
//! cannot lock the real user out, second-factor guesses counted the same way, and the alert
//! to administrators. Runs on SQLite, and on PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is
//! set.

use crate::common;
use crate::common::{between, hidden, totp_next, Browser, TestApp, SIGNED_IN_PASSWORD};
use libertas_domain::admin::Role;
use libertas_store::admin::{LoginPolicy, Operator};
use libertas_store::audit::AuditQuery;
use libertas_store::testing::backends;
use libertas_web::WebConfig;
use reqwest::StatusCode;

/// A config whose server believes 127.0.0.1 as a proxy, so tests can speak as many clients
/// through `X-Forwarded-For`.
fn behind_proxy(rate_limits: bool) -> WebConfig {
    WebConfig {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        rate_limits,
        logins: LoginPolicy {
            alert_after: 5,
            ..LoginPolicy::default()
        },
        ..WebConfig::default()
    }
}

/// A login form token and its cookie, reusable for many posts.
async fn login_form(app: &TestApp) -> (String, String) {
    let res = app
        .http
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.contains("libertas_pre="))
        .unwrap();
    let page = res.text().await.unwrap();
    (hidden(&page, "csrf"), cookie)
}

async fn try_login(
    app: &TestApp,
    form: &(String, String),
    client: &str,
    username: &str,
    password: &str,
) -> reqwest::Response {
    app.http
        .post(format!("{}/login", app.base))
        .header("cookie", &form.1)
        .header("origin", &app.base)
        .header("x-forwarded-for", client)
        .form(&[
            ("csrf", form.0.as_str()),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
}

fn retry_after(res: &reqwest::Response) -> Option<u64> {
    res.headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_per_client_and_per_username_answer_429_before_hashing() {
    let app = TestApp::spawn_with("sqlite", behind_proxy(true)).await;
    app.user("North", "ana", Role::Caseworker).await;
    let form = login_form(&app).await;
    // Per username, from ever new addresses: 10 attempts, then 429.
    for i in 0..10 {
        let res = try_login(
            &app,
            &form,
            &format!("198.51.100.{i}"),
            "ana",
            "wrong guess 1234",
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let before = app.store.password_hash_runs();
    let res = try_login(&app, &form, "198.51.100.200", "ana", "wrong guess 1234").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        retry_after(&res).is_some_and(|s| s >= 1),
        "Retry-After is sent"
    );
    let page = res.text().await.unwrap();
    assert!(page.contains("Too many sign-in attempts"));
    // Per client, with ever new (unknown) usernames: a burst of 30, then 429 (the bucket
    // refills 10 a minute, so a slow machine may squeeze in an attempt or two more).
    for i in 0..30 {
        let res = try_login(&app, &form, "203.0.113.9", &format!("nobody{i}"), "x").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let mut refused = None;
    for i in 30..40 {
        let res = try_login(&app, &form, "203.0.113.9", &format!("nobody{i}"), "x").await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(res);
            break;
        }
    }
    let res = refused.expect("the client is refused within 40 attempts");
    assert!(retry_after(&res).is_some_and(|s| s >= 1));
    // Another client is not affected.
    let res = try_login(&app, &form, "203.0.113.10", "nobody-else", "x").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(
        app.store.password_hash_runs() > before,
        "the check happens before hashing; others still hash"
    );
    app.stop().await;
}

/// Finding 4: 40 concurrent wrong passwords for one account from one client verified 27
/// times where 5 were allowed, and locked the real user out. Now at most 5 are verified, the
/// same account signs in from another client, and its administrators get an alert.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_guesses_cannot_outrun_the_lock_nor_lock_the_user_out() {
    for backend in backends() {
        let app = TestApp::spawn_with(backend, behind_proxy(false)).await;
        let boss = app.user("North", "boss", Role::Admin).await;
        app.user("North", "ana", Role::Caseworker).await;
        let form = login_form(&app).await;
        let guesses = (0..40).map(|i| {
            let (app, form) = (&app, &form);
            async move {
                try_login(
                    app,
                    form,
                    "192.0.2.66",
                    "ana",
                    &format!("guess number {i:02}"),
                )
                .await
                .status()
            }
        });
        let statuses = futures_join_all(guesses).await;
        assert!(
            statuses.iter().all(|s| *s == StatusCode::UNAUTHORIZED),
            "{statuses:?}"
        );
        let ana = app
            .store
            .user_by_username(Operator::console(), "ana")
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        let events = app
            .store
            .audit_events(
                Operator::console(),
                &AuditQuery {
                    object_id: Some(ana.clone()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let verified = events
            .iter()
            .filter(|e| e.action == "login.failure" && e.reason == "wrong password")
            .count();
        let refused = events
            .iter()
            .filter(|e| e.action == "login.failure" && e.reason == "locked out for this client")
            .count();
        assert_eq!((verified, refused), (5, 35), "{backend}");
        // The same client is still locked out, even with the right password.
        let res = try_login(&app, &form, "192.0.2.66", "ana", common::PASSWORD).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{backend}");
        // The real user, elsewhere, signs in.
        let res = try_login(&app, &form, "192.0.2.77", "ana", common::PASSWORD).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{backend}");
        // Administrators see the alert (through the API, like the audit page).
        let (s, body) = app.get("/api/v1/audit", &boss).await;
        assert_eq!(s, StatusCode::OK);
        let alerts: Vec<&serde_json::Value> = body["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "alert.login_guessing" && e["object_id"] == ana.as_str())
            .collect();
        assert_eq!(alerts.len(), 1, "{backend}: one alert, not one per guess");
        app.stop().await;
    }
}

async fn futures_join_all<F: std::future::Future<Output = StatusCode> + Send>(
    futs: impl Iterator<Item = F>,
) -> Vec<StatusCode> {
    // Polled together on this task: the requests are in flight at the same time.
    let mut set = Vec::new();
    for f in futs {
        set.push(Box::pin(f));
    }
    let mut out = Vec::with_capacity(set.len());
    let mut pending: Vec<_> = set.into_iter().map(Some).collect();
    std::future::poll_fn(|cx| {
        let mut left = false;
        for slot in pending.iter_mut() {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        out.push(v);
                        *slot = None;
                    }
                    std::task::Poll::Pending => left = true,
                }
            }
        }
        if left {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out
}

/// TOTP codes at `/login/totp` are attempts like passwords: five wrong codes lock this
/// client out of the account (even the right code is refused), another client is unaffected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn second_factor_guesses_are_counted_per_client() {
    for backend in backends() {
        let app = TestApp::spawn_with(backend, behind_proxy(false)).await;
        app.user("North", "ana", Role::Caseworker).await;
        let mut first = Browser::new(&app);
        first.forwarded_for = Some("192.0.2.10".into());
        let (_, secret) = first.sign_in_with_secret("ana").await;

        let mut guesser = Browser::new(&app);
        guesser.forwarded_for = Some("192.0.2.11".into());
        let csrf = password_step(&mut guesser).await;
        for i in 0..5 {
            let (s, _, _) = guesser
                .post(
                    "/login/totp",
                    &[("csrf", &csrf), ("code", &format!("00000{i}"))],
                )
                .await;
            assert_eq!(s, StatusCode::UNAUTHORIZED, "{backend}: guess {i}");
        }
        let (s, _, _) = guesser
            .post(
                "/login/totp",
                &[("csrf", &csrf), ("code", &totp_next(&secret))],
            )
            .await;
        assert_eq!(
            s,
            StatusCode::UNAUTHORIZED,
            "{backend}: locked out, even the right code"
        );

        let mut real = Browser::new(&app);
        real.forwarded_for = Some("192.0.2.12".into());
        let csrf = password_step(&mut real).await;
        let (s, loc, _) = real
            .post(
                "/login/totp",
                &[("csrf", &csrf), ("code", &totp_next(&secret))],
            )
            .await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/")),
            "{backend}"
        );
        app.stop().await;
    }
}

/// Password accepted; returns the CSRF token of the `/login/totp` form.
async fn password_step(b: &mut Browser) -> String {
    let (_, _, page) = b.get("/login").await;
    let csrf = hidden(&page, "csrf");
    let (s, _, _) = b
        .post(
            "/login",
            &[
                ("csrf", &csrf),
                ("username", "ana"),
                ("password", SIGNED_IN_PASSWORD),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, _, page) = b.get("/login/totp").await;
    assert!(
        page.contains("name=\"code\""),
        "{}",
        between(&page, "<h1>", "</h1>")
    );
    hidden(&page, "csrf")
}
