//! Issue 13, the donor portal's giving over HTTP with a real SMTP server (aiosmtpd): a donor
//! whose gifts staff recorded (they never signed up for updates) signs in by an e-mailed
//! link, sees their own gifts and regular gifts and nobody else's, cancels their regular gift
//! after a confirmation step (CSRF required); the supporter staff's gifts page then lists the
//! cancellation until the fundraising manager marks it seen. SQLite and PostgreSQL.

use crate::common::{hidden, Browser, TestApp};
use crate::smtp_sink::{self, SmtpSink};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use libertas_web::mailer::{MailConfig, SmtpTls};
use libertas_web::WebConfig;
use reqwest::StatusCode;
use std::time::Duration;

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

/// Staff record a gift on the gifts page; answers the donor's giving page path.
async fn record(finn: &mut Browser, email: &str, amount: &str, frequency: &str) -> String {
    let (_, _, page) = finn.get("/supporters/gifts").await;
    let csrf = hidden(&page, "csrf");
    let (s, to, _) = finn
        .post(
            "/supporters/gifts",
            &[
                ("csrf", csrf.as_str()),
                ("email", email),
                ("amount", amount),
                ("currency", "GBP"),
                ("method", "direct_debit"),
                ("received", "2026-11-20"),
                ("frequency", frequency),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    to.unwrap().split('?').next().unwrap().to_owned()
}

/// Asks for a sign-in link for `email` in a new browser, reads it from the message received
/// (the `n`-th) and uses it: the browser is signed in.
async fn signed_in(app: &TestApp, sink: &SmtpSink, email: &str, n: usize) -> Browser {
    let mut b = Browser::new(app);
    let res = app
        .http
        .post(format!("{}/portal/sign-in?lang=en", app.base))
        .form(&[("email", email)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let set = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    let (k, v) = set.split(';').next().unwrap().split_once('=').unwrap();
    b.cookies.push((k.to_owned(), v.to_owned()));
    let got = sink.wait_for(n).await;
    let m = got
        .iter()
        .rev()
        .find(|m| m.body.contains("/portal/link/") && m.header("x-rcptto").unwrap().contains(email))
        .expect("a sign-in link");
    let line = m
        .body
        .lines()
        .find(|l| l.contains("/portal/link/"))
        .unwrap()
        .trim();
    let link = line.strip_prefix(&app.base).unwrap().to_owned();
    let (s, to, _) = b.post(&link, &[]).await;
    assert_eq!(
        (s, to.as_deref()),
        (StatusCode::SEE_OTHER, Some("/portal?lang=en"))
    );
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_sees_their_giving_and_cancels_a_regular_gift_and_staff_are_told() {
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
        record(&mut finn, "pat.partner@example.net", "15.00", "monthly").await;
        record(&mut finn, "pat.partner@example.net", "50", "").await;
        record(&mut finn, "kim.giver@example.net", "7.25", "monthly").await;
        // Kim's regular gift, from the staff's page.
        let kims = record(&mut finn, "kim.giver@example.net", "1", "").await;
        let (_, _, page) = finn.get(&kims).await;
        let kim_rid = page
            .split("/supporters/gifts/regular/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();

        let mut pat = signed_in(&app, &sink, "pat.partner@example.net", 1).await;
        let (s, _, home) = pat.get("/portal?lang=en").await;
        assert!(
            s == 200 && home.contains("href=\"/portal/giving?lang=en\""),
            "{backend}"
        );
        let (s, _, page) = pat.get("/portal/giving?lang=en").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(
            page.contains("15.00 GBP") && page.contains("50.00 GBP"),
            "{page}"
        );
        assert!(
            page.contains("Monthly") && page.contains("Direct debit"),
            "{page}"
        );
        assert!(!page.contains("7.25"), "{backend}: nobody else's gifts");

        // Kim's regular gift is not Pat's to see or cancel: 404 either way.
        let kim_path = format!("/portal/giving/regular/{kim_rid}/cancel?lang=en");
        let (s, _, _) = pat.get(&kim_path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");
        let (_, _, home) = pat.get("/portal?lang=en").await;
        let csrf = hidden(&home, "csrf");
        let (s, _, _) = pat.post(&kim_path, &[("csrf", &csrf)]).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");
        let (s, _, _) = pat
            .get("/portal/giving/regular/not-an-id/cancel?lang=en")
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");

        // Pat's own: a confirmation page, then the POST (which needs the session's token).
        let own = page
            .split("href=\"/portal/giving/regular/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let own = format!("/portal/giving/regular/{own}").replace("&amp;", "&");
        let (s, _, confirm) = pat.get(&own).await;
        assert!(s == 200 && confirm.contains("15.00 GBP"), "{confirm}");
        let action = confirm
            .split("action=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&amp;", "&");
        let (s, _, _) = pat.post(&action, &[]).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}: no CSRF token");
        let (s, _, _) = pat
            .post(&action, &[("csrf", "x".repeat(64).as_str())])
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}: a wrong token");
        let token = hidden(&confirm, "csrf");
        let (s, to, _) = pat.post(&action, &[("csrf", &token)]).await;
        assert_eq!(
            (s, to.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some("/portal/giving?lang=en&cancelled=1")
            )
        );
        let (_, _, page) = pat.get("/portal/giving?lang=en&cancelled=1").await;
        assert!(page.contains("Your regular gift is cancelled") && page.contains("Ended on"));
        let (s, _, _) = pat.post(&action, &[("csrf", &token)]).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}: cancelled once");

        // The staff are told: supporter care sees it, the fundraising manager marks it seen.
        let mut sonia = Browser::new(&app);
        sonia.sign_in("sonia").await;
        let (_, _, gifts) = sonia.get("/supporters/gifts").await;
        assert!(gifts.contains("Regular gifts cancelled by donors") && gifts.contains("15.00 GBP"));
        assert!(
            !gifts.contains("/seen\""),
            "{backend}: supporter care cannot mark it seen"
        );
        let (_, _, gifts) = finn.get("/supporters/gifts").await;
        let seen = gifts
            .split("action=\"/supporters/gifts/regular/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let seen = format!("/supporters/gifts/regular/{seen}");
        assert!(seen.ends_with("/seen"), "{seen}");
        let csrf = hidden(&gifts, "csrf");
        let (s, _, _) = sonia
            .post(&seen, &[("csrf", &hidden(&gifts, "csrf"))])
            .await;
        assert_eq!(
            s,
            StatusCode::FORBIDDEN,
            "{backend}: another session's token"
        );
        let (s, to, _) = finn.post(&seen, &[("csrf", &csrf)]).await;
        assert_eq!(
            (s, to.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some("/supporters/gifts?seen=1#notices")
            )
        );
        let (_, _, gifts) = finn.get("/supporters/gifts?seen=1").await;
        assert!(
            gifts.contains("Marked seen.") && !gifts.contains("15.00 GBP"),
            "{backend}"
        );
        let (s, _, _) = finn.post(&seen, &[("csrf", &csrf)]).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}: seen once");
        app.stop().await;
    }
}
