//! Issue 13, giving statements over HTTP with a real SMTP server (aiosmtpd): a supporter
//! signed in to the portal lists the years they gave in, downloads a year's PDF (its text,
//! read by `pdftotext`, shows their gifts and total) and has it e-mailed to them (the message
//! arrives with the PDF attached; a second request within ten minutes is refused); another
//! supporter's session gets only their own years; without a session the download sends to
//! the sign-in; supporter staff download the same statement from the donor's giving page.
//! SQLite and PostgreSQL.

use crate::common::{hidden, Browser, TestApp};
use crate::smtp_sink::{self, Received, SmtpSink};
use libertas_domain::admin::Role;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{Currency, GiftMethod, NewGift};
use libertas_store::testing::backends;
use libertas_web::mailer::{MailConfig, SmtpTls};
use libertas_web::WebConfig;
use reqwest::StatusCode;
use std::time::{Duration, Instant};
use time::macros::date;

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

/// The text `pdftotext -layout` reads from `pdf` (no-break spaces as spaces), or `None` where
/// poppler-utils is missing outside CI (the check is then skipped, and says so).
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.pdf");
    std::fs::write(&file, pdf).unwrap();
    match std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(o) => {
            assert!(o.status.success());
            Some(String::from_utf8(o.stdout).unwrap().replace('\u{a0}', " "))
        }
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: pdftotext (poppler-utils) is not installed");
            None
        }
        Err(e) => panic!("pdftotext: {e}"),
    }
}

/// The newest message to `to` whose body contains `part`, waiting for it (a minute at most).
async fn message_to(sink: &SmtpSink, to: &str, part: &str) -> Received {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let found = sink.messages().into_iter().rev().find(|m| {
            m.header("x-rcptto").is_some_and(|r| r.contains(to))
                && (m.body.contains(part) || m.raw.contains(part))
        });
        if let Some(m) = found {
            return m;
        }
        assert!(Instant::now() < deadline, "no message to {to} with {part}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The link starting with `part` in `body`, as a path on the test server.
fn path_of(app: &TestApp, body: &str, part: &str) -> String {
    let line = body.lines().find(|l| l.contains(part)).unwrap().trim();
    line.strip_prefix(&app.base).unwrap().to_owned()
}

/// Signs `address` up, confirms, and signs in to the portal in a new browser.
async fn signed_in(app: &TestApp, sink: &SmtpSink, address: &str, name: &str) -> Browser {
    let mut b = Browser::new(app);
    let fields = [
        ("email", address),
        ("name", name),
        ("interests", "stories"),
        ("language", "en"),
    ];
    let (s, _, _) = b.post("/updates/signup?lang=en", &fields).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let m = message_to(sink, address, "/updates/confirm/").await;
    let confirm = path_of(app, &m.body, "/updates/confirm/");
    let (s, _, _) = b.post(&confirm, &[]).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _, _) = b
        .post("/portal/sign-in?lang=en", &[("email", address)])
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let m = message_to(sink, address, "/portal/link/").await;
    let link = path_of(app, &m.body, "/portal/link/");
    let (s, to, _) = b.post(&link, &[]).await;
    assert_eq!(to.as_deref(), Some("/portal?lang=en"), "{s}");
    b
}

/// GET `path` with `b`'s cookies: status, headers and the body as bytes.
async fn download(b: &Browser, path: &str) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let cookies: Vec<String> = b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let res = b
        .http
        .get(format!("{}{path}", b.base))
        .header("cookie", cookies.join("; "))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    (status, headers, res.bytes().await.unwrap().to_vec())
}

fn gift(minor: i64, method: GiftMethod, received: time::Date) -> NewGift {
    NewGift {
        amount_minor: minor,
        currency: Currency::parse("GBP").unwrap(),
        method,
        received,
        frequency: None,
    }
}

/// Ada's 2025 gifts as her statement must show them.
const ADA_2025: [&str; 5] = [
    "Ada Byron",
    "GBP 25.00",
    "GBP 1,234.50",
    "GBP 1,259.50",
    "Giving statement 2025",
];

fn check_pdf(backend: &str, pdf: &[u8]) {
    assert!(pdf.starts_with(b"%PDF"), "{backend}");
    let Some(text) = pdf_text(pdf) else { return };
    for want in ADA_2025 {
        assert!(text.contains(want), "{backend}: {want} not in\n{text}");
    }
    assert!(
        !text.contains("GBP 99.00"),
        "{backend}: a 2024 gift in 2025"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supporter_downloads_and_is_mailed_their_own_statement() {
    if !smtp_sink::available() {
        return;
    }
    for backend in backends() {
        let sink = SmtpSink::start(smtp_sink::free_port());
        let app = TestApp::spawn_with(backend, mail_to(sink.port)).await;
        app.user("North", "care", Role::SupporterCare).await;
        let fund = libertas_store::testing::principal(
            &app.store,
            "North",
            "fund",
            Role::FundraisingManager,
        )
        .await;

        let mut ada = signed_in(&app, &sink, "ada.donor@example.org", "Ada Byron").await;
        let mut bob = signed_in(&app, &sink, "bob.donor@example.org", "Bob Stone").await;
        let ada_email = Email::parse("ada.donor@example.org").unwrap();
        for g in [
            gift(2500, GiftMethod::Card, date!(2025 - 03 - 05)),
            gift(123_450, GiftMethod::BankTransfer, date!(2025 - 07 - 14)),
            gift(9900, GiftMethod::Cash, date!(2024 - 12 - 31)),
        ] {
            app.store
                .record_gift(&fund, &ada_email, None, &g)
                .await
                .unwrap();
        }
        let bob_email = Email::parse("bob.donor@example.org").unwrap();
        app.store
            .record_gift(
                &fund,
                &bob_email,
                None,
                &gift(700, GiftMethod::Card, date!(2023 - 05 - 01)),
            )
            .await
            .unwrap();

        // The portal home links to the statements; the list has both of Ada's years.
        let (_, _, home) = ada.get("/portal?lang=en").await;
        assert!(
            home.contains("href=\"/portal/statements?lang=en\""),
            "{backend}"
        );
        let (s, _, page) = ada.get("/portal/statements?lang=en").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(
            page.contains("/portal/statements/2025.pdf")
                && page.contains("/portal/statements/2024.pdf")
        );
        assert!(
            !page.contains("2023"),
            "{backend}: Bob's year on Ada's page"
        );
        let csrf = hidden(&page, "csrf");

        // The download: a no-store PDF attachment with her 2025 gifts and total.
        let (s, h, pdf) = download(&ada, "/portal/statements/2025.pdf?lang=en").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert_eq!(h["content-type"], "application/pdf");
        assert_eq!(
            h["content-disposition"],
            "attachment; filename=\"statement-2025.pdf\""
        );
        assert_eq!(h["cache-control"], "no-store");
        check_pdf(backend, &pdf);
        // A year without gifts: the 404 page.
        let (s, _, _) = ada.get("/portal/statements/2022.pdf?lang=en").await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");

        // Bob's session reaches only Bob's gifts: Ada's years are not his.
        let (s, _, _) = bob.get("/portal/statements/2025.pdf?lang=en").await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");
        let (s, _, page) = bob.get("/portal/statements?lang=en").await;
        assert!(
            s == 200 && page.contains("2023.pdf") && !page.contains("2025"),
            "{backend}"
        );
        let (s, _, bob_pdf) = download(&bob, "/portal/statements/2023.pdf").await;
        assert_eq!(s, StatusCode::OK);
        if let Some(text) = pdf_text(&bob_pdf) {
            assert!(
                text.contains("Bob Stone") && !text.contains("Ada"),
                "{text}"
            );
        }
        // Without a session: to the sign-in.
        let mut nobody = Browser::new(&app);
        let (s, to, _) = nobody.get("/portal/statements/2025.pdf?lang=en").await;
        assert_eq!(
            (s, to.as_deref()),
            (StatusCode::SEE_OTHER, Some("/portal/sign-in?lang=en"))
        );

        // By e-mail: without the token refused; with it queued, then sent with the PDF.
        let (s, _, _) = ada.post("/portal/statements/2025/email?lang=en", &[]).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}");
        let (s, to, _) = ada
            .post("/portal/statements/2025/email?lang=en", &[("csrf", &csrf)])
            .await;
        assert_eq!(
            (s, to.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some("/portal/statements?lang=en&sent=2025")
            ),
            "{backend}"
        );
        let m = message_to(&sink, "ada.donor@example.org", "statement-2025.pdf").await;
        assert_eq!(m.header("subject"), Some("Your giving statement for 2025"));
        assert!(m
            .header("content-type")
            .unwrap()
            .starts_with("multipart/mixed"));
        let parts = m.parts();
        assert_eq!(parts.len(), 2, "{backend}: {}", m.raw);
        assert!(parts[0].body.contains("attached") && !parts[0].body.contains("1,234.50"));
        assert!(parts[1]
            .header("content-type")
            .unwrap()
            .starts_with("application/pdf"));
        assert!(parts[1]
            .header("content-disposition")
            .unwrap()
            .contains("statement-2025.pdf"));
        check_pdf(backend, &parts[1].bytes);
        // A second request within ten minutes (any year): refused, nothing queued.
        let (s, to, _) = ada
            .post("/portal/statements/2024/email?lang=en", &[("csrf", &csrf)])
            .await;
        assert_eq!(
            (s, to.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some("/portal/statements?lang=en&wait=2024")
            )
        );
        let (_, _, page) = ada.get("/portal/statements?lang=en&wait=2024").await;
        assert!(page.contains("wait 10 minutes"), "{page}");
        // Bob cannot have Ada's year sent (to himself or anyone): 404, nothing queued.
        let (_, _, page) = bob.get("/portal/statements?lang=en").await;
        let bob_csrf = hidden(&page, "csrf");
        let (s, _, _) = bob
            .post(
                "/portal/statements/2025/email?lang=en",
                &[("csrf", &bob_csrf)],
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");

        // Supporter staff: the same statement from the donor's giving page.
        let mut care = Browser::new(&app);
        care.sign_in("care").await;
        let giving = app
            .store
            .giving_by_address(&fund, &ada_email)
            .await
            .unwrap();
        let donor = giving.supporter;
        let (s, _, page) = care.get(&format!("/supporters/gifts/donors/{donor}")).await;
        assert_eq!(s, StatusCode::OK);
        let link = format!("/supporters/gifts/donors/{donor}/statements/2025.pdf");
        assert!(page.contains(&link), "{backend}: {page}");
        let (s, h, pdf) = download(&care, &link).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert_eq!(h["content-type"], "application/pdf");
        check_pdf(backend, &pdf);
        app.stop().await;
    }
}
