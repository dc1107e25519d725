//! Issue 13, a donor's second factor over HTTP with a real SMTP server (aiosmtpd): the donor
//! sets one up on /portal/security (a wrong first code refused beside the field), signs in
//! again by link and must give a code before the portal opens (a wrong one refused), and
//! supporter care remove it from the donor's giving page. SQLite and PostgreSQL.

use crate::common::{hidden, Browser, TestApp};
use crate::portal_giving::{mail_to, record, signed_in};
use crate::smtp_sink::{self, SmtpSink};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use totp_rs::{Algorithm, Secret, TOTP};

const DONOR: &str = "pat.partner@example.net";

fn code(secret_base32: &str, steps_ahead: u64) -> String {
    let secret = Secret::Encoded(secret_base32.to_owned())
        .to_bytes()
        .unwrap();
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, 30, secret, None, String::new()).unwrap();
    let now = libertas_store::clock::now().unix_timestamp() as u64;
    totp.generate(now + 30 * steps_ahead)
}

fn wrong(right: &str) -> &'static str {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_adds_a_second_factor_and_then_signs_in_with_a_code() {
    if !smtp_sink::available() {
        return;
    }
    for backend in backends() {
        let sink = SmtpSink::start(smtp_sink::free_port());
        let app = TestApp::spawn_with(backend, mail_to(sink.port)).await;
        app.user("North", "finn", Role::FundraisingManager).await;
        app.user("North", "sonia", Role::SupporterCare).await;
        let mut finn = Browser::new(&app);
        finn.sign_in("finn").await;
        let giving = record(&mut finn, DONOR, "10", "").await;

        let mut pat = signed_in(&app, &sink, DONOR, 1).await;
        let (s, _, page) = pat.get("/portal/security?lang=en").await;
        assert!(
            s == 200 && page.contains("No second factor is set"),
            "{page}"
        );
        let csrf = hidden(&page, "csrf");
        let (s, _, _) = pat.post("/portal/security/begin?lang=en", &[]).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}: no CSRF token");
        let (s, to, _) = pat
            .post("/portal/security/begin?lang=en", &[("csrf", &csrf)])
            .await;
        assert_eq!(
            (s, to.as_deref()),
            (StatusCode::SEE_OTHER, Some("/portal/security?lang=en#code"))
        );
        let (_, _, page) = pat.get("/portal/security?lang=en").await;
        assert!(page.contains("<svg class=\"qr\""), "{backend}: a QR code");
        let secret = page
            .split("id=\"totp-secret\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_owned();
        let now = code(&secret, 0);
        let (s, _, page) = pat
            .post(
                "/portal/security/confirm?lang=en",
                &[("csrf", &csrf), ("code", wrong(&now))],
            )
            .await;
        assert!(s == 400 && page.contains("id=\"code-error\""), "{backend}");
        let (s, to, _) = pat
            .post(
                "/portal/security/confirm?lang=en",
                &[("csrf", &csrf), ("code", &now)],
            )
            .await;
        assert_eq!(
            (s, to.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some("/portal/security?lang=en&done=enrolled")
            )
        );

        // Signed out, then in again by a new link (a minute later, as the store asks).
        pat.post("/portal/sign-out?lang=en", &[("csrf", &csrf)])
            .await;
        libertas_store::testing::age_portal_links(&app.store, time::Duration::minutes(2))
            .await
            .unwrap();
        let (link_status, to, mut pat) = {
            let mut b = Browser::new(&app);
            let res = app
                .http
                .post(format!("{}/portal/sign-in?lang=en", app.base))
                .form(&[("email", DONOR)])
                .send()
                .await
                .unwrap();
            let set = res.headers()["set-cookie"].to_str().unwrap().to_owned();
            let (k, v) = set.split(';').next().unwrap().split_once('=').unwrap();
            b.cookies.push((k.to_owned(), v.to_owned()));
            let got = sink.wait_for(2).await;
            let body = &got.last().unwrap().body;
            let line = body
                .lines()
                .find(|l| l.contains("/portal/link/"))
                .unwrap()
                .trim();
            let link = line.strip_prefix(&app.base).unwrap().to_owned();
            let (s, to, _) = b.post(&link, &[]).await;
            (s, to, b)
        };
        assert_eq!(
            (link_status, to.as_deref()),
            (StatusCode::SEE_OTHER, Some("/portal/sign-in/code?lang=en")),
            "{backend}"
        );
        // Nothing opens before the code.
        let (s, to, _) = pat.get("/portal?lang=en").await;
        assert_eq!(
            (s, to.as_deref()),
            (StatusCode::SEE_OTHER, Some("/portal/sign-in?lang=en"))
        );
        let (s, _, page) = pat.get("/portal/sign-in/code?lang=en").await;
        assert!(s == 200 && page.contains("name=\"code\""), "{backend}");
        let next = code(&secret, 1);
        let (s, _, page) = pat
            .post("/portal/sign-in/code?lang=en", &[("code", wrong(&next))])
            .await;
        assert!(s == 400 && page.contains("id=\"code-error\""), "{backend}");
        let (s, to, _) = pat
            .post("/portal/sign-in/code?lang=en", &[("code", &next)])
            .await;
        assert_eq!(
            (s, to.as_deref()),
            (StatusCode::SEE_OTHER, Some("/portal?lang=en"))
        );
        let (s, _, _) = pat.get("/portal?lang=en").await;
        assert_eq!(s, StatusCode::OK, "{backend}");

        // Supporter care remove it from the donor's giving page.
        let mut sonia = Browser::new(&app);
        sonia.sign_in("sonia").await;
        let (_, _, page) = sonia.get(&giving).await;
        assert!(page.contains("Remove their second factor"), "{page}");
        let csrf = hidden(&page, "csrf");
        let (s, to, _) = sonia
            .post(
                &format!("{giving}/second-factor/remove"),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(
            (s, to.map(|t| t.ends_with("?factor=removed"))),
            (StatusCode::SEE_OTHER, Some(true))
        );
        let (_, _, page) = sonia.get(&format!("{giving}?factor=removed")).await;
        assert!(
            page.contains("The second factor was removed")
                && !page.contains("Remove their second factor"),
            "{backend}"
        );
        app.stop().await;
    }
}
