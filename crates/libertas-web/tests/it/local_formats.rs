//! Dates, times, numbers and money on every staff page the way the reader's language writes
//! them (issue 11): a test of the class, not of one page. A case with something dated or
//! priced in every part is read page by page in English, Romanian, Ukrainian and Russian; the
//! visible text (tags and their attributes removed, so `<time datetime>` and form values may
//! stay ISO) must hold no stored value: no ISO day, no `T` instant, no offset, no fractional
//! second. The case's pages come from its tab bar, so a new tab is read without editing this
//! test; the other pages are a fixed list, and the count is asserted so neither can shrink.
//! The public follow-up page, where a reporter reads staff's messages, is held to the same.

use crate::common::Browser;
use crate::local_formats_common::world;
use libertas_store::testing::backends;
use regex::Regex;
use reqwest::StatusCode;

/// The tabs the case bar had when this test was written (overview, workflow, tasks,
/// decisions, referrals, operations, evidence, proceedings, timeline); more may come.
const TABS_AT_LEAST: usize = 9;

/// What a person sees of `page` that the page itself formats: scripts and styles dropped,
/// free text people wrote (`class="text"`: notes, narratives, messages; the note a case opened
/// from a report starts with was written by the store once, in English) dropped, every tag
/// (with its attributes) replaced by a space, the few entities askama writes decoded.
fn visible(page: &str) -> String {
    let hidden = Regex::new(r"(?s)<(script|style)\b.*?</(script|style)>").unwrap();
    let free = Regex::new(r#"(?s)<(p|dd|td) class="text"[^>]*>.*?</(p|dd|td)>"#).unwrap();
    let tags = Regex::new(r"(?s)<[^>]*>").unwrap();
    let text = hidden.replace_all(page, " ");
    let text = free.replace_all(&text, " ");
    tags.replace_all(&text, " ")
        .replace("&#x2f;", "/")
        .replace("&#43;", "+")
        .replace("&amp;", "&")
}

/// The stored forms that must never reach a reader, each with its name.
fn raw_values() -> Vec<(&'static str, Regex)> {
    [
        ("an ISO instant", r"\d{4}-\d{2}-\d{2}T"),
        ("an ISO day", r"\d{4}-\d{2}-\d{2}"),
        ("a +00:00 offset", r"[+-]\d{2}:\d{2}\b"),
        ("a Z offset", r"\d{2}:\d{2}(:\d{2})?(\.\d+)?Z\b"),
        ("fractional seconds", r"\d{2}:\d{2}:\d{2}\.\d"),
        ("an amount written by the store", r"\d\.\d{2} [A-Z]{3}\b"),
    ]
    .into_iter()
    .map(|(name, re)| (name, Regex::new(re).unwrap()))
    .collect()
}

/// The tab bar's links on the case overview, in order.
fn tab_links(page: &str) -> Vec<String> {
    let nav = crate::common::between(page, r#"<nav class="tabs""#, "</nav>");
    Regex::new(r#"href="(/cases/[^"?#]+)""#)
        .unwrap()
        .captures_iter(&nav)
        .map(|c| c[1].to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_staff_page_writes_dates_times_numbers_and_money_per_locale() {
    for backend in backends() {
        let w = world(backend).await;
        let mut b = Browser::new(&w.app);
        b.sign_in("ada").await;
        let (s, _, overview) = b.get(&format!("/cases/{}", w.case_id)).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        let tabs = tab_links(&overview);
        assert!(tabs.len() >= TABS_AT_LEAST, "{backend}: {tabs:?}");
        let others = [
            "/".to_owned(),
            "/cases".to_owned(),
            "/tasks".to_owned(),
            "/people".to_owned(),
            format!("/people/{}", w.victim),
            format!("/people/{}/care", w.victim),
            "/referrals/incoming".to_owned(),
            "/partners".to_owned(),
            "/reports".to_owned(),
            format!("/reports/{}", w.report_id),
            "/indicators".to_owned(),
            "/trainings".to_owned(),
            format!("/trainings/{}", w.training_id),
            "/admin/audit".to_owned(),
            "/admin/users".to_owned(),
            "/admin/access".to_owned(),
            "/admin/organisations".to_owned(),
            "/admin/partners".to_owned(),
            "/search".to_owned(),
        ];
        let pages: Vec<String> = tabs.into_iter().chain(others).collect();
        assert!(pages.len() >= TABS_AT_LEAST + 19, "{backend}");
        let raw = raw_values();
        let mut read = 0;
        for lang in ["en", "ro", "uk", "ru"] {
            for path in &pages {
                let (s, _, page) = b.get(&format!("{path}?lang={lang}")).await;
                assert_eq!(s, StatusCode::OK, "{backend}: {path} in {lang}");
                let text = visible(&page);
                for (name, re) in &raw {
                    if let Some(m) = re.find(&text) {
                        let around =
                            &text[m.start().saturating_sub(60)..(m.end() + 60).min(text.len())];
                        panic!(
                            "{backend}: {path} in {lang} shows {name}: {:?} in …{around}…",
                            m.as_str()
                        );
                    }
                }
                read += 1;
            }
        }
        assert_eq!(read, pages.len() * 4, "{backend}");

        // Money the Romanian way, from the sentence's own figures and from the timeline.
        let case = &w.case_id;
        for (path, want) in [
            (
                format!("/cases/{case}/proceedings"),
                ["1.985,00\u{a0}GBP", "2.500,00\u{a0}GBP"],
            ),
            (
                format!("/cases/{case}/timeline"),
                ["1.985,00\u{a0}GBP", "2.500,00\u{a0}GBP"],
            ),
        ] {
            let (_, _, page) = b.get(&format!("{path}?lang=ro")).await;
            let text = visible(&page);
            for amount in want {
                assert!(text.contains(amount), "{backend}: {path} lacks {amount}");
            }
            let (_, _, page) = b.get(&format!("{path}?lang=en")).await;
            assert!(
                visible(&page).contains("GBP\u{a0}1,985.00"),
                "{backend}: {path} in en"
            );
        }
        // A count of a thousand or more carries the group separator, a mean its decimal comma.
        let (_, _, page) = b.get("/trainings?lang=ro").await;
        let text = visible(&page);
        assert!(
            text.contains("1.250") && text.contains("72,5"),
            "{backend}: {text}"
        );
        // Search results, which only a submitted search shows.
        let (_, _, form) = b.get("/search?lang=ro").await;
        let csrf = crate::common::hidden(&form, "csrf");
        let (s, _, page) = b
            .post(
                "/search?lang=ro",
                &[("csrf", csrf.as_str()), ("name", "Ilinca Dobre")],
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        let text = visible(&page);
        assert!(text.contains("02.03.1994"), "{backend}: {text}");
        for (name, re) in &raw {
            assert!(!re.is_match(&text), "{backend}: search results show {name}");
        }
        // How long a report has waited, in the reader's units.
        let (_, _, page) = b.get(&format!("/reports/{}?lang=uk", w.report_id)).await;
        assert!(visible(&page).contains(" хв"), "{backend}: {page}");
        w.app.stop().await;
    }
}

/// The public follow-up page shows staff's messages with their time the reporter's way too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reporters_follow_up_page_writes_times_per_locale() {
    for backend in backends() {
        let app = crate::common::TestApp::spawn(backend).await;
        let olga = app
            .user("North", "olga", libertas_domain::admin::Role::Hotline)
            .await;
        let res = app
            .http
            .post(format!("{}/api/v1/public/reports", app.base))
            .json(&serde_json::json!({"narrative": "Workers sleep in the back room of the car wash."}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED, "{backend}");
        let body: serde_json::Value = res.json().await.unwrap();
        let receipt = body["receipt"].as_str().unwrap().to_owned();
        let (_, q) = app.get("/api/v1/reports", &olga).await;
        let id = q["reports"][0]["id"].as_str().unwrap();
        let (s, _) = app
            .post(
                &format!("/api/v1/reports/{id}/messages"),
                &olga,
                serde_json::json!({"text": "How many workers are there?"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}");
        let raw = raw_values();
        for lang in ["en", "ro", "uk", "ru"] {
            let res = app
                .http
                .post(format!("{}/report/followup?lang={lang}", app.base))
                .form(&[("receipt", receipt.as_str())])
                .send()
                .await
                .unwrap();
            let page = res.text().await.unwrap();
            assert!(
                page.contains("How many workers"),
                "{backend}: {lang}: {page}"
            );
            let shown = crate::common::between(&page, r#"<p class="meta">"#, "</p>");
            let year = time::OffsetDateTime::now_utc().year();
            assert!(
                visible(&shown).contains(&year.to_string()),
                "{backend}: {shown}"
            );
            let text = visible(&page);
            for (name, re) in &raw {
                assert!(
                    !re.is_match(&text),
                    "{backend}: {lang} shows {name}: {text}"
                );
            }
        }
        app.stop().await;
    }
}
