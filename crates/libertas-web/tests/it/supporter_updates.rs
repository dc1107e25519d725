//! Issue 13, updates, through the running server and a real SMTP server (aiosmtpd): an update
//! sent now is queued by the server's own task and arrives as `multipart/alternative` (text
//! and HTML from the Markdown, raw HTML never passed) with the RFC 8058 headers, only to the
//! confirmed supporter with the matching interest and region; a test send arrives only at the
//! typed address, marked as a test. SQLite and PostgreSQL.

use crate::common::{Browser, TestApp};
use crate::smtp_sink::{self, Received, SmtpSink};
use libertas_domain::admin::Role;
use libertas_domain::i18n::Lang;
use libertas_domain::people::Email;
use libertas_domain::supporters::message::confirmation;
use libertas_domain::supporters::{SignUp, UpdateDraft, UpdateStatus};
use libertas_store::testing::{backends, principal};
use libertas_store::Store;
use libertas_web::mailer::{MailConfig, SmtpTls};
use libertas_web::WebConfig;
use std::sync::{Arc, Mutex};
use std::time::Duration;

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

/// A confirmed supporter of the organisation that receives sign-ups.
async fn confirmed(store: &Store, address: &str, interests: &[&str], region: Option<&str>) {
    let org = store.public_reports_org(None).await.unwrap().unwrap();
    let s = SignUp::parse(address, None, interests, region, "en").unwrap();
    let token = Arc::new(Mutex::new(String::new()));
    let seen = token.clone();
    store
        .supporter_sign_up(org, &s, move |c, _| {
            *seen.lock().unwrap() = c.to_owned();
            confirmation(Lang::En, address, "https://x.test/c", "https://x.test/u")
        })
        .await
        .unwrap();
    let c = token.lock().unwrap().clone();
    store.supporter_confirm(&c).await.unwrap();
}

fn to(m: &Received) -> &str {
    m.header("to").unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_arrives_as_text_and_html_only_where_it_should() {
    if !smtp_sink::available() {
        return;
    }
    for backend in backends() {
        let sink = SmtpSink::start(smtp_sink::free_port());
        let app = TestApp::spawn_with(backend, mail_to(sink.port)).await;
        let care = principal(&app.store, "North", "sonia", Role::SupporterCare).await;
        confirmed(
            &app.store,
            "ana@example.org",
            &["events"],
            Some("Iași county"),
        )
        .await;
        confirmed(&app.store, "bob@example.org", &["stories"], None).await;
        // The two confirmations.
        sink.wait_for(2).await;

        let draft = UpdateDraft::parse(
            &[(
                Lang::En,
                "Winter fair",
                "Join us on **Saturday**: [the programme](https://example.org/fair?day=sat).\n\n<script>alert('x')</script>",
            )],
            &["events"],
            Some("iasi"),
        )
        .unwrap();
        let id = app.store.update_create(&care, &draft).await.unwrap();
        let staff = Email::parse("sonia.staff@example.net").unwrap();
        app.store
            .update_test_send(&care, &id, &staff, Lang::En, "https://x.test/u")
            .await
            .unwrap();
        assert!(app.store.update_send_now(&care, &id).await.unwrap());
        assert!(!app.store.update_send_now(&care, &id).await.unwrap());

        let got = sink.wait_for(4).await;
        // Everything queued has gone: nothing more will arrive.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            let view = app.store.update_get(&care, &id).await.unwrap();
            let counts = app.store.outbox_counts(&care).await.unwrap();
            if view.summary.status == UpdateStatus::Sent && counts.queued == 0 {
                assert_eq!(
                    (view.progress.sent, view.progress.failed),
                    (1, 0),
                    "{backend}"
                );
                break;
            }
            assert!(std::time::Instant::now() < deadline, "{backend}: {view:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let all = sink.messages();
        assert_eq!(
            all.len(),
            4,
            "{backend}: {:?}",
            all.iter().map(to).collect::<Vec<_>>()
        );
        // Bob (stories only) got his confirmation and nothing else.
        let bob: Vec<_> = all.iter().filter(|m| to(m).contains("bob@")).collect();
        assert_eq!(bob.len(), 1, "{backend}");
        assert_ne!(bob[0].header("subject"), Some("Winter fair"));
        let _ = got;

        let ana = all
            .iter()
            .find(|m| {
                to(m).contains("ana@example.org") && m.header("subject") == Some("Winter fair")
            })
            .unwrap();
        assert_eq!(ana.header("subject"), Some("Winter fair"));
        assert!(ana
            .header("content-type")
            .unwrap()
            .starts_with("multipart/alternative"));
        let unsubscribe = ana.header("list-unsubscribe").unwrap();
        assert!(
            unsubscribe.starts_with('<') && unsubscribe.contains("/updates/unsubscribe/"),
            "{unsubscribe}"
        );
        assert_eq!(
            ana.header("list-unsubscribe-post"),
            Some("List-Unsubscribe=One-Click")
        );
        let parts = ana.parts();
        assert_eq!(parts.len(), 2, "{}", ana.raw);
        let (text, html) = (&parts[0], &parts[1]);
        assert!(text
            .header("content-type")
            .unwrap()
            .starts_with("text/plain"));
        assert!(html
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
        assert!(
            text.body
                .contains("the programme (https://example.org/fair?day=sat)"),
            "{}",
            text.body
        );
        let url = unsubscribe.trim_matches(['<', '>']);
        assert!(text.body.contains(url), "{}", text.body);
        assert!(
            html.body.contains("<strong>Saturday</strong>"),
            "{}",
            html.body
        );
        assert!(
            html.body
                .contains("<a href=\"https://example.org/fair?day=sat\">"),
            "{}",
            html.body
        );
        assert!(!html.body.contains("<script"), "{}", html.body);
        assert!(html.body.contains(url), "{}", html.body);

        let test = all
            .iter()
            .find(|m| to(m).contains("sonia.staff@example.net"))
            .unwrap();
        assert_eq!(test.header("subject"), Some("[Test] Winter fair"));
        app.stop().await;
    }
}

/// The id in `/supporters/updates/{id}` (a redirect's target).
fn id_in(location: &str) -> String {
    location
        .trim_start_matches("/supporters/updates/")
        .split(['?', '/'])
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_compose_preview_test_and_send_through_the_pages() {
    if !smtp_sink::available() {
        return;
    }
    for backend in backends() {
        let sink = SmtpSink::start(smtp_sink::free_port());
        let app = TestApp::spawn_with(backend, mail_to(sink.port)).await;
        app.user("North", "sonia", Role::SupporterCare).await;
        confirmed(&app.store, "ana@example.org", &["stories"], None).await;
        sink.wait_for(1).await;
        let mut staff = Browser::new(&app);
        let csrf = staff.sign_in("sonia").await;

        let (s, _, page) = staff.get("/supporters/updates/new").await;
        assert_eq!(s, 200, "{backend}");
        assert!(page.contains("name=\"body_uk\""));
        // A field at fault comes back beside its field, everything typed kept.
        let (s, _, page) = staff
            .post(
                "/supporters/updates",
                &[
                    ("csrf", &csrf),
                    ("subject_en", "Our year"),
                    ("body_en", ""),
                    ("interests", "stories"),
                ],
            )
            .await;
        assert_eq!(s, 400, "{backend}");
        assert!(page.contains("id=\"body_en-error\"") && page.contains("value=\"Our year\""));
        let (s, _, page) = staff
            .post(
                "/supporters/updates",
                &[
                    ("csrf", &csrf),
                    ("subject_en", "Our year"),
                    ("body_en", "Thank you."),
                    ("interests", "stories"),
                    ("region", "Iasi"),
                ],
            )
            .await;
        assert_eq!(s, 400, "{backend}");
        assert!(page.contains("id=\"region-error\""));

        let body = "Thank you for **everything**.\n\n<script>alert('x')</script>\n\n[Click](javascript:alert(1)) or [read more](https://example.org/year)";
        let (s, loc, _) = staff
            .post(
                "/supporters/updates",
                &[
                    ("csrf", &csrf),
                    ("subject_en", "Our year"),
                    ("body_en", body),
                    ("interests", "stories"),
                ],
            )
            .await;
        assert_eq!(s, 303, "{backend}");
        let id = id_in(&loc.unwrap());
        let (s, _, page) = staff.get(&format!("/supporters/updates/{id}")).await;
        assert_eq!(s, 200);
        // The preview: the HTML part, with what was typed as a script shown as text.
        assert!(page.contains("<strong>everything</strong>"), "{page}");
        assert!(page.contains("&lt;script&gt;alert"), "{page}");
        assert!(!page.contains("<script>alert") && !page.contains("javascript:"));
        assert!(page.contains("<a href=\"https://example.org/year\">read more</a>"));

        // A test: a wrong address comes back to its field; a good one reaches only it.
        let (s, loc, _) = staff
            .post(
                &format!("/supporters/updates/{id}/test"),
                &[("csrf", &csrf), ("address", "nope"), ("test_lang", "en")],
            )
            .await;
        assert_eq!(
            (s.as_u16(), loc.as_deref()),
            (
                303,
                Some(format!("/supporters/updates/{id}?error=address").as_str())
            )
        );
        let (_, _, page) = staff
            .get(&format!("/supporters/updates/{id}?error=address"))
            .await;
        assert!(page.contains("id=\"address-error\""));
        let (s, _, _) = staff
            .post(
                &format!("/supporters/updates/{id}/test"),
                &[
                    ("csrf", &csrf),
                    ("address", "sonia@example.net"),
                    ("test_lang", "en"),
                ],
            )
            .await;
        assert_eq!(s, 303);
        let got = sink.wait_for(2).await;
        assert!(to(&got[1]).contains("sonia@example.net"), "{backend}");
        assert_eq!(got[1].header("subject"), Some("[Test] Our year"));
        // A test's unsubscribe link says what it is and unsubscribes nobody, as a link and
        // as the one-click POST.
        let unsub = got[1].header("list-unsubscribe").unwrap().to_owned();
        let unsub = unsub
            .trim_matches(|c| c == '<' || c == '>')
            .strip_prefix(&app.base)
            .unwrap()
            .to_owned();
        assert!(
            unsub.starts_with("/updates/unsubscribe/test-message"),
            "{unsub}"
        );
        let (s, _, page) = staff.get(&unsub).await;
        assert!(s == 200 && page.contains("unsubscribes nobody"), "{page}");
        let (s, _, page) = staff
            .post(&unsub, &[("List-Unsubscribe", "One-Click")])
            .await;
        assert!(s == 200 && page.contains("unsubscribes nobody"), "{page}");

        // Send, twice (a double click): one message to the one supporter.
        for _ in 0..2 {
            let (s, loc, _) = staff
                .post(
                    &format!("/supporters/updates/{id}/send"),
                    &[("csrf", &csrf)],
                )
                .await;
            assert_eq!(
                (s.as_u16(), loc.as_deref()),
                (
                    303,
                    Some(format!("/supporters/updates/{id}?done=sending").as_str())
                )
            );
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            let (_, _, page) = staff.get(&format!("/supporters/updates/{id}")).await;
            if page.contains("<strong>1</strong> Sent") {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "{backend}: {page}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let all = sink.messages();
        assert_eq!(all.len(), 3, "{backend}");
        assert!(to(&all[2]).contains("ana@example.org"));
        assert_eq!(all[2].header("subject"), Some("Our year"));
        // Sent: no more edits, schedules or sends.
        let (s, loc, _) = staff
            .post(
                &format!("/supporters/updates/{id}/schedule"),
                &[("csrf", &csrf), ("send_at", "2099-01-01T09:00")],
            )
            .await;
        assert_eq!(
            (s.as_u16(), loc.as_deref()),
            (
                303,
                Some(format!("/supporters/updates/{id}?done=sending").as_str())
            )
        );
        let (_, _, list) = staff.get("/supporters/updates").await;
        assert!(list.contains(&id));
        app.stop().await;
    }
}
