//! Issue 13, the donor portal over HTTP with a real SMTP server (aiosmtpd): a supporter asks
//! for a sign-in link, reads it from the message received, and uses it in the same browser
//! (signed in) while another browser without the binding cookie is refused; the portal page
//! shows their details, and they change their name, language and interests (CSRF required);
//! an unknown address gets the same answer and no message; a portal session opens no staff or
//! case page and a staff session no portal page. SQLite and PostgreSQL.

use crate::common::{hidden, Browser, TestApp};
use crate::smtp_sink::{self, SmtpSink};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use libertas_web::mailer::{MailConfig, SmtpTls};
use libertas_web::WebConfig;
use reqwest::StatusCode;
use std::time::Duration;

const ADDRESS: &str = "ada.donor@example.org";

fn mail_to(port: u16) -> WebConfig {
    let mut m = MailConfig::new("127.0.0.1", port, "Libertas <updates@libertas.test>");
    m.tls = SmtpTls::None;
    m.retry_base = Duration::from_secs(1);
    m.poll = Duration::from_millis(200);
    WebConfig {
        mail: Some(m),
        ..WebConfig::default()
    }
}

/// The link in a received message starting with `part`, as a path on the test server.
fn path_of(app: &TestApp, body: &str, part: &str) -> String {
    let line = body
        .lines()
        .find(|l| l.contains(part))
        .unwrap_or_else(|| panic!("no {part} in {body}"))
        .trim();
    line.strip_prefix(&app.base).unwrap().to_owned()
}

fn cookie_line<'a>(b: &'a Browser, name: &str) -> Option<&'a str> {
    b.cookies
        .iter()
        .find(|(k, _)| k.ends_with(name))
        .map(|(_, v)| v.as_str())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supporter_signs_in_by_link_in_the_same_browser_and_edits_their_page() {
    if !smtp_sink::available() {
        return;
    }
    for backend in backends() {
        let sink = SmtpSink::start(smtp_sink::free_port());
        let app = TestApp::spawn_with(backend, mail_to(sink.port)).await;
        app.user("North", "sonia", Role::SupporterCare).await;
        app.user("North", "carl", Role::Caseworker).await;

        // Ada signs up and confirms (the portal is for confirmed supporters).
        let mut ada = Browser::new(&app);
        let (s, _, _) = ada
            .post(
                "/updates/signup?lang=en",
                &[
                    ("email", ADDRESS),
                    ("name", "Ada Byron"),
                    ("interests", "stories"),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        let got = sink.wait_for(1).await;
        let confirm = path_of(&app, &got[0].body, "/updates/confirm/");
        let (s, _, _) = ada.post(&confirm, &[]).await;
        assert_eq!(s, StatusCode::OK);

        // Not signed in: the portal sends to its sign-in, which asks for the address.
        let (s, to, _) = ada.get("/portal?lang=en").await;
        assert_eq!(
            (s, to.as_deref()),
            (StatusCode::SEE_OTHER, Some("/portal/sign-in?lang=en"))
        );
        let (s, _, page) = ada.get("/portal/sign-in?lang=en").await;
        assert!(s == 200 && page.contains("name=\"email\"") && page.contains("pow_challenge"));
        // A malformed address comes back beside its field.
        let (s, _, page) = ada
            .post("/portal/sign-in?lang=en", &[("email", "not an address")])
            .await;
        assert!(s == 400 && page.contains("id=\"email-error\""), "{backend}");

        // Ask for a link: the answer sets the browser binding cookie.
        let res = app
            .http
            .post(format!("{}/portal/sign-in?lang=en", app.base))
            .form(&[("email", "ADA.donor@example.org")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let first = res.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(first, "/portal/sign-in/sent?lang=en");
        let set = res.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(
            set.starts_with("__Host-libertas_portal_browser=")
                && set.contains("HttpOnly")
                && set.contains("SameSite=Lax")
                && set.contains("Secure"),
            "{set}"
        );
        let binding = set.split(';').next().unwrap().split_once('=').unwrap();
        ada.cookies
            .push((binding.0.to_owned(), binding.1.to_owned()));
        let (s, _, page) = ada.get(&first).await;
        assert!(s == 200 && page.contains("15 minutes"), "{page}");

        // An unknown address: the very same answer, and no message.
        let mut stranger = Browser::new(&app);
        let (s, to, _) = stranger
            .post(
                "/portal/sign-in?lang=en",
                &[("email", "nobody@example.org")],
            )
            .await;
        assert_eq!(
            (s, to.as_deref()),
            (StatusCode::SEE_OTHER, Some(first.as_str()))
        );

        let got = sink.wait_for(2).await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(
            sink.messages().len(),
            2,
            "{backend}: nothing for the stranger"
        );
        let m = got
            .iter()
            .find(|m| m.body.contains("/portal/link/"))
            .expect("the portal link");
        assert!(m.header("x-rcptto").unwrap().contains(ADDRESS));
        assert_eq!(m.header("subject"), Some("Your sign-in link"));
        let link = path_of(&app, &m.body, "/portal/link/");

        // The GET shows a button and signs nobody in.
        let (s, _, page) = stranger.get(&link).await;
        assert!(s == 200 && page.contains("<form method=\"post\""), "{page}");
        // Another browser (no binding cookie) is refused, in words, and the link survives.
        let (s, _, page) = stranger.post(&link, &[]).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}");
        assert!(page.contains("another browser") && page.contains("/portal/sign-in"));
        assert!(cookie_line(&stranger, "libertas_portal").is_none());

        // The browser that asked signs in.
        let (s, to, _) = ada.post(&link, &[]).await;
        assert_eq!(
            (s, to.as_deref()),
            (StatusCode::SEE_OTHER, Some("/portal?lang=en")),
            "{backend}"
        );
        assert!(cookie_line(&ada, "__Host-libertas_portal").is_some());
        // Once.
        let mut again = Browser::new(&app);
        again.cookies = ada
            .cookies
            .iter()
            .filter(|(k, _)| k.ends_with("_browser"))
            .cloned()
            .collect();
        let (s, _, page) = again.post(&link, &[]).await;
        assert!(
            s == StatusCode::CONFLICT && page.contains("used already"),
            "{backend}"
        );

        let (s, _, page) = ada.get("/portal?lang=en").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(
            page.contains(ADDRESS) && page.contains("Ada Byron"),
            "{page}"
        );
        assert!(page.contains("Stories from the field"));
        let csrf = hidden(&page, "csrf");

        // Without the session's token: refused, nothing changed.
        let (s, _, _) = ada
            .post(
                "/portal/details?lang=en",
                &[("name", "Mallory"), ("language", "en")],
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, to, _) = ada
            .post(
                "/portal/details?lang=en",
                &[("csrf", &csrf), ("name", "Ada King"), ("language", "ro")],
            )
            .await;
        assert_eq!(
            (s, to.as_deref()),
            (StatusCode::SEE_OTHER, Some("/portal?lang=en&saved=details"))
        );
        // Events need an area: refused beside the field.
        let (s, _, page) = ada
            .post(
                "/portal/interests?lang=en",
                &[("csrf", &csrf), ("interests", "events")],
            )
            .await;
        assert!(
            s == 400 && page.contains("id=\"region-error\""),
            "{backend}"
        );
        let (s, _, _) = ada
            .post(
                "/portal/interests?lang=en",
                &[
                    ("csrf", &csrf),
                    ("interests", "events"),
                    ("interests", "involved"),
                    ("region", "Cluj"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (_, _, page) = ada.get("/portal?lang=en&saved=interests").await;
        assert!(
            page.contains("Ada King") && page.contains("Română"),
            "{page}"
        );
        assert!(page.contains("Events in your area") && page.contains("Cluj"));
        assert!(page.contains("Your preferences were saved."));

        // A portal session opens no staff or case page; a staff session no portal page.
        let (s, to, _) = ada.get("/cases").await;
        assert_eq!((s, to.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        let (s, to, _) = ada.get("/supporters").await;
        assert_eq!((s, to.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        let (s, _, _) = ada.get("/api/v1/cases").await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{backend}");
        for user in ["sonia", "carl"] {
            let mut staff = Browser::new(&app);
            staff.sign_in(user).await;
            let (s, to, _) = staff.get("/portal?lang=en").await;
            assert_eq!(
                (s, to.as_deref()),
                (StatusCode::SEE_OTHER, Some("/portal/sign-in?lang=en")),
                "{backend}: {user}"
            );
        }

        // Signing out ends the session.
        let (s, to, _) = ada
            .post("/portal/sign-out?lang=en", &[("csrf", &csrf)])
            .await;
        assert_eq!(
            (s, to.as_deref()),
            (StatusCode::SEE_OTHER, Some("/portal/sign-in?lang=en&out=1"))
        );
        let (s, _, _) = ada.get("/portal?lang=en").await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        app.stop().await;
    }
}
