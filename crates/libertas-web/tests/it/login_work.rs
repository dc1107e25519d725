//! Every refused sign-in costs the same work as a real one: exactly one argon2id
//! verification through the bounded hasher, whether the username is unknown, the password
//! wrong, the account locked for this client or disabled, or the password absurdly long.
//! Proven by the counter of this server's store (`Store::password_hash_runs`), not by timing:
//! other tests hash at the same time in this test binary, each on its own store.

use crate::common;
use crate::common::{hidden, TestApp};
use libertas_domain::admin::Role;
use libertas_store::admin::Operator;
use libertas_store::testing::backends;
use libertas_web::WebConfig;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_refused_login_runs_the_hasher_exactly_once() {
    for backend in backends() {
        let config = WebConfig {
            rate_limits: false,
            trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
            ..WebConfig::default()
        };
        let app = TestApp::spawn_with(backend, config).await;
        app.user("North", "boss", Role::Admin).await;
        app.user("North", "ana", Role::Caseworker).await;
        app.user("North", "gone", Role::Caseworker).await;
        app.store
            .disable_user(Operator::console(), "gone", "left")
            .await
            .unwrap();
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
        let csrf = hidden(&res.text().await.unwrap(), "csrf");
        let login = |client: &'static str, user: &'static str, password: String| {
            let (app, cookie, csrf) = (&app, cookie.clone(), csrf.clone());
            async move {
                app.http
                    .post(format!("{}/login", app.base))
                    .header("cookie", cookie)
                    .header("origin", &app.base)
                    .header("x-forwarded-for", client)
                    .form(&[
                        ("csrf", csrf.as_str()),
                        ("username", user),
                        ("password", password.as_str()),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
            }
        };
        // Lock "ana" for one client.
        for i in 0..5 {
            login("192.0.2.1", "ana", format!("wrong password {i}")).await;
        }
        let cases: Vec<(&str, &str, &str, String, StatusCode)> = vec![
            (
                "known user, right password",
                "192.0.2.2",
                "ana",
                common::PASSWORD.into(),
                StatusCode::SEE_OTHER,
            ),
            (
                "known user, wrong password",
                "192.0.2.3",
                "ana",
                "not her password".into(),
                StatusCode::UNAUTHORIZED,
            ),
            (
                "unknown user",
                "192.0.2.3",
                "nobody",
                "whatever it is".into(),
                StatusCode::UNAUTHORIZED,
            ),
            (
                "locked for this client",
                "192.0.2.1",
                "ana",
                common::PASSWORD.into(),
                StatusCode::UNAUTHORIZED,
            ),
            (
                "disabled account",
                "192.0.2.3",
                "gone",
                common::PASSWORD.into(),
                StatusCode::UNAUTHORIZED,
            ),
            (
                "over-long password, known user",
                "192.0.2.4",
                "boss",
                "y".repeat(100_000),
                StatusCode::UNAUTHORIZED,
            ),
            (
                "over-long password, unknown user",
                "192.0.2.4",
                "nobody",
                "y".repeat(100_000),
                StatusCode::UNAUTHORIZED,
            ),
        ];
        for (what, client, user, password, want) in cases {
            let before = app.store.password_hash_runs();
            let status = login(client, user, password).await;
            let after = app.store.password_hash_runs();
            assert_eq!(status, want, "{backend}: {what}");
            assert_eq!(
                after - before,
                1,
                "{backend}: {what} runs the hasher exactly once"
            );
        }
        app.stop().await;
    }
}
