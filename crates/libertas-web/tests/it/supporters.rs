//! Issue 13, first slice, over HTTP with a real SMTP server (aiosmtpd): the public sign-up
//! sends exactly one message, the confirmation; its link confirms once, and a used or expired
//! link is refused in words; the consent record keeps what was agreed; every message carries
//! the RFC 8058 headers and the one-click POST to their URL unsubscribes while a GET does
//! not; a message queued while the mail server is down is sent after the server restarts; no
//! address is written in plain text to the data directory. SQLite and PostgreSQL.

use crate::common::{files_containing, Browser, TestApp};
use crate::smtp_sink::{self, Received, SmtpSink};
use libertas_domain::admin::Role;
use libertas_store::testing::{backends, TestData};
use libertas_store::SUPPORTERS_FILE;
use libertas_web::mailer::{MailConfig, SmtpTls};
use libertas_web::WebConfig;
use sqlx::Connection;
use std::time::Duration;

const ADDRESS: &str = "Ada.Supporter@Example.org";

fn mail_to(port: u16) -> WebConfig {
    let mut m = MailConfig::new(
        "127.0.0.1",
        port,
        "Libertas updates <updates@libertas.test>",
    );
    m.tls = SmtpTls::None;
    m.retry_base = Duration::from_secs(1);
    m.poll = Duration::from_millis(200);
    WebConfig {
        mail: Some(m),
        ..WebConfig::default()
    }
}

async fn sign_up(app: &TestApp, fields: &[(&str, &str)]) -> (u16, Option<String>, String) {
    let res = app
        .http
        .post(format!("{}/updates/signup?lang=en", app.base))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let loc = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, loc, res.text().await.unwrap())
}

/// A POST with no session, no cookie and no CSRF token, as a mail client or a link sends it.
async fn post_link(app: &TestApp, url: &str, body: &str) -> (u16, String) {
    let res = app
        .http
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn get(app: &TestApp, url: &str) -> (u16, String) {
    let res = app.http.get(url).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The supporter store, for what no page shows (the consent row, ageing a link).
async fn raw(data: &TestData) -> sqlx::AnyConnection {
    sqlx::any::install_default_drivers();
    match &data.config.database_url {
        Some(url) => {
            let mut c = sqlx::AnyConnection::connect(url).await.unwrap();
            sqlx::query("set search_path to supporters")
                .execute(&mut c)
                .await
                .unwrap();
            c
        }
        None => sqlx::AnyConnection::connect(&format!(
            "sqlite://{}",
            data.config.data_dir.join(SUPPORTERS_FILE).display()
        ))
        .await
        .unwrap(),
    }
}

/// The first line of the body holding `part` (a link written out whole).
fn link_in(m: &Received, part: &str) -> String {
    m.body
        .lines()
        .find(|l| l.contains(part))
        .unwrap_or_else(|| panic!("no {part} link in {}", m.body))
        .trim()
        .to_owned()
}

#[derive(sqlx::FromRow)]
struct Consent {
    interests: String,
    form: String,
    wording_version: String,
    asked_at: String,
    confirmed_at: Option<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_confirm_and_unsubscribe_through_a_real_mail_server() {
    if !smtp_sink::available() {
        return;
    }
    for backend in backends() {
        let sink = SmtpSink::start(smtp_sink::free_port());
        let app = TestApp::spawn_with(backend, mail_to(sink.port)).await;
        app.user("North", "sonia", Role::SupporterCare).await;

        let (s, page) = get(&app, &format!("{}/updates/signup?lang=en", app.base)).await;
        assert_eq!(s, 200);
        assert!(page.contains("name=\"pow_challenge\"") && page.contains("value=\"events\""));
        // A field at fault comes back beside its field, everything typed kept.
        let (s, _, page) = sign_up(
            &app,
            &[
                ("email", ADDRESS),
                ("interests", "events"),
                ("language", "en"),
            ],
        )
        .await;
        assert_eq!(s, 400, "{backend}");
        assert!(page.contains("id=\"region-error\"") && page.contains(ADDRESS));

        let fields = [
            ("email", ADDRESS),
            ("name", "Ada Lovelace-Byron"),
            ("interests", "stories"),
            ("interests", "events"),
            ("region", "Cluj county"),
            ("language", "en"),
        ];
        let (s, first, _) = sign_up(&app, &fields).await;
        assert_eq!(
            (s, first.as_deref()),
            (303, Some("/updates/signup/sent?lang=en")),
            "{backend}"
        );
        let (s, page) = get(&app, &format!("{}/updates/signup/sent?lang=en", app.base)).await;
        assert!(s == 200 && page.contains("72 hours"), "{page}");

        // Exactly one message, the confirmation, plain text with the unsubscribe headers.
        let got = sink.wait_for(1).await;
        let m = &got[0];
        assert!(
            m.header("x-rcptto").unwrap().contains(ADDRESS),
            "{:?}",
            m.headers
        );
        assert!(m.header("content-type").unwrap().starts_with("text/plain"));
        assert_eq!(
            m.header("list-unsubscribe-post"),
            Some("List-Unsubscribe=One-Click")
        );
        let unsubscribe = m
            .header("list-unsubscribe")
            .unwrap()
            .trim_matches(['<', '>'])
            .to_owned();
        assert!(
            unsubscribe.starts_with(&format!("{}/updates/unsubscribe/", app.base)),
            "{unsubscribe}"
        );
        let confirm = link_in(m, "/updates/confirm/");
        assert!(confirm.starts_with(&format!("{}/updates/confirm/", app.base)));
        assert!(!m.raw.contains("<img") && !m.raw.contains("text/html"));

        // Signing up again, or with an address nobody knows, answers exactly the same.
        let (s, again, _) = sign_up(&app, &fields).await;
        assert_eq!((s, &again), (303, &first));
        let (s, other, _) = sign_up(
            &app,
            &[
                ("email", "late@example.net"),
                ("interests", "involved"),
                ("language", "ro"),
            ],
        )
        .await;
        assert_eq!((s, &other), (303, &first));
        sink.wait_for(2).await;

        // The GET shows a button and confirms nothing; the POST confirms once.
        let (s, page) = get(&app, &confirm).await;
        assert!(s == 200 && page.contains("<form method=\"post\""), "{page}");
        let mut staff = Browser::new(&app);
        staff.sign_in("sonia").await;
        let (_, _, overview) = staff.get("/supporters").await;
        assert!(
            overview.contains("<strong>2</strong> Waiting for confirmation"),
            "{overview}"
        );
        let (s, page) = post_link(&app, &confirm, "").await;
        assert!(
            s == 200 && page.contains("You are signed up"),
            "{backend}: {s} {page}"
        );
        let (s, page) = post_link(&app, &confirm, "").await;
        assert!(s == 409 && page.contains("already been used"), "{s} {page}");
        let (s, page) = post_link(
            &app,
            &format!("{}/updates/confirm/{}", app.base, "x".repeat(43)),
            "",
        )
        .await;
        assert!(s == 404 && page.contains("not valid"), "{s}");

        // The consent record keeps what was agreed, from which form, in which wording, when.
        let mut db = raw(&app.data).await;
        let c = sqlx::query_as::<_, Consent>(
            "select interests, form, wording_version, asked_at, confirmed_at from consents
             where confirmed_at is not null",
        )
        .fetch_all(&mut db)
        .await
        .unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].interests, "stories,events");
        assert_eq!(c[0].form, "updates-signup");
        assert_eq!(
            c[0].wording_version,
            libertas_domain::supporters::SIGNUP_WORDING_VERSION
        );
        assert!(c[0].confirmed_at.as_deref().unwrap() >= c[0].asked_at.as_str());

        // An expired link is refused in words.
        let late = sink
            .messages()
            .into_iter()
            .find(|m| m.header("x-rcptto").unwrap().contains("late@"))
            .unwrap();
        sqlx::query("update confirmations set expires_at = '2000-01-01T00:00:00.000000Z' where used_at is null")
            .execute(&mut db)
            .await
            .unwrap();
        // (That sign-up chose Romanian: its link, and the page it leads to, are in Romanian.)
        let (s, page) = post_link(&app, &link_in(&late, "/updates/confirm/"), "").await;
        assert!(
            s == 410 && page.contains("Acest link a expirat"),
            "{s} {page}"
        );

        // Unsubscribe: the GET only asks; the one-click POST to the header's URL, with no
        // session or token, unsubscribes.
        let (s, page) = get(&app, &unsubscribe).await;
        assert!(s == 200 && page.contains("<form method=\"post\""));
        let (_, _, overview) = staff.get("/supporters").await;
        assert!(
            overview.contains("<strong>1</strong> Subscribed"),
            "{overview}"
        );
        let (s, page) = post_link(&app, &unsubscribe, "List-Unsubscribe=One-Click").await;
        assert!(
            s == 200 && page.contains("You are unsubscribed"),
            "{s} {page}"
        );
        let (_, _, overview) = staff.get("/supporters").await;
        assert!(
            overview.contains("<strong>0</strong> Subscribed")
                && overview.contains("<strong>1</strong> Unsubscribed"),
            "{overview}"
        );
        assert!(overview.contains("<strong>2</strong> Sent"), "{overview}");

        // Nothing else was ever sent: two sign-ups, two confirmations.
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(sink.messages().len(), 2, "{backend}");
        db.close().await.unwrap();
        let data = app.shut_down().await;
        for needle in [
            ADDRESS,
            &ADDRESS.to_lowercase(),
            "Ada Lovelace-Byron",
            "Cluj county",
        ] {
            let found = files_containing(&data.config.data_dir, needle.as_bytes());
            assert!(found.is_empty(), "{backend}: {needle} in {found:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_queued_while_the_mail_server_is_down_is_sent_after_a_restart() {
    if !smtp_sink::available() {
        return;
    }
    for backend in backends() {
        let port = smtp_sink::free_port();
        let app = TestApp::spawn_with(backend, mail_to(port)).await;
        app.user("North", "sonia", Role::FundraisingManager).await;
        let (s, _, _) = sign_up(
            &app,
            &[
                ("email", ADDRESS),
                ("interests", "stories"),
                ("language", "ro"),
            ],
        )
        .await;
        assert_eq!(s, 303);
        // The sender tries, finds nobody listening, and backs off.
        let mut db = raw(&app.data).await;
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            let attempts: i64 = sqlx::query_scalar("select attempts from outbox")
                .fetch_one(&mut db)
                .await
                .unwrap();
            if attempts >= 1 {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{backend}: never tried"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut staff = Browser::new(&app);
        staff.sign_in("sonia").await;
        let (_, _, overview) = staff.get("/supporters").await;
        assert!(
            overview.contains("<strong>1</strong> Waiting to be sent"),
            "{overview}"
        );
        db.close().await.unwrap();
        let data = app.shut_down().await;

        // The mail server comes up; the restarted server sends what was queued.
        let sink = SmtpSink::start(port);
        let app = TestApp::reopen_with(data, mail_to(port)).await;
        let got = sink.wait_for(1).await;
        assert!(
            got[0].header("x-rcptto").unwrap().contains(ADDRESS),
            "{backend}"
        );
        assert!(got[0].body.contains("/updates/confirm/"));
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(sink.messages().len(), 1);
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_mail_server_messages_wait_and_the_staff_page_says_so() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "sonia", Role::SupporterCare).await;
        let (s, _, _) = sign_up(
            &app,
            &[
                ("email", ADDRESS),
                ("interests", "involved"),
                ("language", "uk"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        let mut staff = Browser::new(&app);
        staff.sign_in("sonia").await;
        let (s, _, overview) = staff.get("/supporters").await;
        assert_eq!(s, 200);
        assert!(
            overview.contains("No mail server is configured"),
            "{overview}"
        );
        assert!(
            overview.contains("<strong>1</strong> Waiting to be sent"),
            "{overview}"
        );
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supporter_care_erases_a_supporter_after_confirming() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "sonia", Role::SupporterCare).await;
        let (s, _, _) = sign_up(
            &app,
            &[
                ("email", ADDRESS),
                ("interests", "involved"),
                ("language", "en"),
            ],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        let mut staff = Browser::new(&app);
        let csrf = staff.sign_in("sonia").await;
        // Not an address: back to the form, the field in error.
        let (s, loc, _) = staff
            .post("/supporters/erase", &[("csrf", &csrf), ("email", "nobody")])
            .await;
        assert_eq!(s, 303);
        let loc = loc.unwrap();
        let (_, _, page) = staff.get(&loc).await;
        assert!(page.contains("aria-invalid=\"true\""), "{page}");
        assert!(page.contains("Enter an e-mail address like"), "{page}");
        // The first submit only asks, naming the address; nothing changes.
        let (s, _, asked) = staff
            .post("/supporters/erase", &[("csrf", &csrf), ("email", ADDRESS)])
            .await;
        assert_eq!(s, 200, "{backend}");
        assert!(
            asked.contains(&format!("Erase the supporter with the address {ADDRESS}?")),
            "{asked}"
        );
        assert!(asked.contains("name=\"confirm\" value=\"yes\""), "{asked}");
        assert_eq!(app.store.outbox_due(10).await.unwrap().len(), 1);
        // Confirmed: erased, the queued confirmation dropped, the overview says so.
        let (s, loc, _) = staff
            .post(
                "/supporters/erase",
                &[("csrf", &csrf), ("email", ADDRESS), ("confirm", "yes")],
            )
            .await;
        assert_eq!(
            (s.as_u16(), loc.as_deref()),
            (303, Some("/supporters?erased=1")),
            "{backend}"
        );
        assert!(
            app.store.outbox_due(10).await.unwrap().is_empty(),
            "{backend}"
        );
        let (_, _, overview) = staff.get("/supporters?erased=1").await;
        assert!(overview.contains("The supporter was erased."), "{overview}");
        assert!(
            overview.contains("<strong>1</strong> Erased on request"),
            "{overview}"
        );
        // Erased already: nobody is found any more.
        let (s, _, _) = staff
            .post("/supporters/erase", &[("csrf", &csrf), ("email", ADDRESS)])
            .await;
        assert_eq!(s, 404, "{backend}");
        app.stop().await;
    }
}

/// A suppressed address gets nothing until supporter care lifts the suppression, after a
/// confirmation step; lifting it again finds nothing to lift. The address never reaches the
/// audit trail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supporter_care_lifts_a_suppression_after_confirming() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "sonia", Role::SupporterCare).await;
        let sonia = libertas_store::testing::principal(
            &app.store,
            "North",
            "sonia-maker",
            Role::SupporterCare,
        )
        .await;
        let report = format!("email,reason\n{ADDRESS},hard_bounce\n");
        let rows = libertas_store::supporters::suppress::read_report(report.as_bytes()).unwrap();
        app.store
            .supporter_suppress_import(libertas_store::admin::Operator::console(), &rows)
            .await
            .unwrap();
        // A test send to the suppressed address is cancelled at once: nothing is due.
        let draft = libertas_domain::supporters::UpdateDraft::parse(
            &[(libertas_domain::i18n::Lang::En, "Winter fair", "Come.")],
            &["events"],
            None,
        )
        .unwrap();
        let update = app.store.update_create(&sonia, &draft).await.unwrap();
        let address = libertas_domain::people::Email::parse(ADDRESS).unwrap();
        let test_send = || async {
            app.store
                .update_test_send(
                    &sonia,
                    &update,
                    &address,
                    libertas_domain::i18n::Lang::En,
                    "https://x.test/u",
                )
                .await
                .unwrap();
            app.store.outbox_due(10).await.unwrap().len()
        };
        assert_eq!(test_send().await, 0, "{backend}: suppressed");

        let mut staff = Browser::new(&app);
        let csrf = staff.sign_in("sonia").await;
        let (s, loc, _) = staff
            .post(
                "/supporters/suppressions/lift",
                &[("csrf", &csrf), ("email", "nobody")],
            )
            .await;
        assert_eq!(s, 303);
        let (_, _, page) = staff.get(&loc.unwrap()).await;
        assert!(page.contains("aria-invalid=\"true\""), "{page}");
        // The first submit only asks; nothing changes.
        let (s, _, asked) = staff
            .post(
                "/supporters/suppressions/lift",
                &[("csrf", &csrf), ("email", ADDRESS)],
            )
            .await;
        assert_eq!(s, 200, "{backend}");
        assert!(asked.contains("Send messages to"), "{asked}");
        assert_eq!(test_send().await, 0, "{backend}: still suppressed");
        // Confirmed: lifted; a message queued now is due.
        let confirmed = [
            ("csrf", csrf.as_str()),
            ("email", ADDRESS),
            ("confirm", "yes"),
        ];
        let (s, loc, _) = staff
            .post("/supporters/suppressions/lift", &confirmed)
            .await;
        assert_eq!(
            (s.as_u16(), loc.as_deref()),
            (303, Some("/supporters?lift=done#lift")),
            "{backend}"
        );
        let (_, _, overview) = staff.get("/supporters?lift=done").await;
        assert!(
            overview.contains("The suppression was lifted."),
            "{overview}"
        );
        assert_eq!(test_send().await, 1, "{backend}: lifted");
        // Nothing left to lift.
        let (_, loc, _) = staff
            .post("/supporters/suppressions/lift", &confirmed)
            .await;
        assert_eq!(loc.as_deref(), Some("/supporters?lift=none#lift"));
        // The audit names the reason, never the address.
        let q = libertas_store::audit::AuditQuery {
            limit: 100_000,
            ..Default::default()
        };
        let details: Vec<String> = app
            .store
            .audit_events(libertas_store::admin::Operator::console(), &q)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "supporter.suppress.lift")
            .map(|e| e.detail.to_string())
            .collect();
        assert_eq!(details.len(), 1, "{backend}: one lift recorded");
        assert!(details[0].contains("hard_bounce"), "{}", details[0]);
        assert!(!details[0].to_lowercase().contains("example.org"));
        app.stop().await;
    }
}
