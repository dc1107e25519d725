//! The four languages over real HTTP: every page's language switch keeps the page's query and
//! changes only `lang`; `?lang=` never breaks a page that reads a query (a list's filters, the
//! indicators period, the audit filter); an unknown or malformed query parameter gives a page,
//! never a raw error text.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_domain::i18n::Lang;
use libertas_store::testing::backends;
use reqwest::StatusCode;

/// The `href` of each language-switch link in `page`, by language code.
fn switch_links(page: &str) -> Vec<(String, String)> {
    Lang::ALL
        .iter()
        .map(|l| {
            let marker = format!("lang=\"{}\" hreflang=\"{}\"", l.code(), l.code());
            let at = page
                .find(&marker)
                .unwrap_or_else(|| panic!("no switch link for {}", l.code()));
            let before = &page[..at];
            let href_at = before.rfind("href=\"").expect("href before the marker") + 6;
            let href = &page[href_at..];
            let end = href.find('"').expect("closing quote");
            (
                l.code().to_owned(),
                href[..end].replace("&#38;", "&").replace("&amp;", "&"),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_switch_keeps_the_query_on_staff_and_public_pages() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "admin1", Role::Admin).await;
        let mut admin = Browser::new(&app);
        admin.sign_in("admin1").await;

        let (s, _, page) = admin
            .get("/indicators?from=2026-01-01&to=2026-03-31&lang=ro")
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {page}");
        assert!(page.contains("<html lang=\"ro\">"), "{backend}");
        for (code, href) in switch_links(&page) {
            assert_eq!(
                href,
                format!("?from=2026-01-01&to=2026-03-31&lang={code}"),
                "{backend}"
            );
        }

        let mut visitor = Browser::new(&app);
        let (s, _, page) = visitor.get("/help/signs?lang=uk").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(page.contains("<html lang=\"uk\">"), "{backend}");
        let links = switch_links(&page);
        assert_eq!(
            links[3],
            ("ru".to_owned(), "?lang=ru".to_owned()),
            "{backend}"
        );
        assert!(
            page.contains("hreflang=\"uk\" aria-current=\"true\""),
            "{backend}: the current language is marked"
        );
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lang_and_unknown_parameters_never_give_a_raw_error() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "admin1", Role::Admin).await;
        let mut admin = Browser::new(&app);
        admin.sign_in("admin1").await;
        for lang in Lang::ALL {
            for path in [
                "/",
                "/indicators",
                "/admin/audit",
                "/partners",
                "/trainings",
            ] {
                let sep = if path.contains('?') { '&' } else { '?' };
                let url = format!("{path}{sep}lang={}", lang.code());
                let (s, _, page) = admin.get(&url).await;
                assert_eq!(s, StatusCode::OK, "{backend}: {url}: {page}");
                assert!(
                    page.contains(&format!("<html lang=\"{}\">", lang.code())),
                    "{backend}: {url}"
                );
            }
        }
        // Parameters a page does not know, and values it cannot read: a page in the reader's
        // language (the 400 page or the page itself), never serde's text.
        for url in [
            "/admin/audit?utm_source=mail&lang=ro",
            "/admin/audit?limit=many&lang=ro",
            "/indicators?from=yesterday&lang=ro",
            "/indicators?colour=blue&lang=ro",
            "/partners?page=x&lang=ro",
        ] {
            let (s, _, page) = admin.get(url).await;
            assert!(
                s == StatusCode::OK || s == StatusCode::BAD_REQUEST,
                "{backend}: {url}: {s}"
            );
            assert!(
                page.starts_with("<!doctype html>") || page.starts_with("<!DOCTYPE html>"),
                "{backend}: {url}: {page}"
            );
            assert!(page.contains("<html lang=\"ro\">"), "{backend}: {url}");
            for raw in ["Failed to deserialize", "unknown field", "invalid digit"] {
                assert!(!page.contains(raw), "{backend}: {url} shows {raw:?}");
            }
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn titles_carry_no_markup_in_any_language() {
    let app = TestApp::spawn("sqlite").await;
    app.user("North", "admin1", Role::Admin).await;
    let mut visitor = Browser::new(&app);
    let mut admin = Browser::new(&app);
    admin.sign_in("admin1").await;
    for lang in Lang::ALL {
        let code = lang.code();
        for (signed_in, path) in [
            (false, "/login"),
            (false, "/help"),
            (false, "/report"),
            (true, "/"),
            (true, "/admin/audit"),
            (true, "/indicators"),
        ] {
            let who = if signed_in { &mut admin } else { &mut visitor };
            let (_, _, page) = who.get(&format!("{path}?lang={code}")).await;
            let title = crate::common::between(&page, "<title>", "</title>");
            assert!(!title.trim().is_empty(), "{path} {code}: empty title");
            assert!(
                !title.contains('<') && !title.contains('>'),
                "{path} {code}: markup in the title: {title}"
            );
        }
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_reach_pages_translated() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "admin1", Role::Admin).await;
        let token = app.user("North", "cora", Role::Caseworker).await;
        let (s, case) = app
            .post(
                "/api/v1/cases",
                &token,
                serde_json::json!({"title": "Lark"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}");
        let case_id = case["id"].as_str().unwrap().to_owned();
        let (s, person) = app
            .post(
                &format!("/api/v1/cases/{case_id}/people"),
                &token,
                serde_json::json!({"role": "victim", "given_name": "Ana", "family_name": "P",
                    "gender": "Feminine", "citizenship": ["MD", "UA"]}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {person}");
        let person_id = person["id"].as_str().unwrap().to_owned();

        let mut admin = Browser::new(&app);
        admin.sign_in("admin1").await;
        let (_, _, users) = admin.get("/admin/users?lang=ro").await;
        assert!(
            users.contains("\">Asistent social de caz</td>"),
            "{backend}"
        );
        assert!(!users.contains(">caseworker</td>"), "{backend}");
        assert!(users.contains(">Administrator</option>"), "{backend}");
        assert!(!users.contains(">hotline</option>"), "{backend}");

        let mut cora = Browser::new(&app);
        cora.sign_in("cora").await;
        let (_, _, page) = cora.get(&format!("/cases/{case_id}?lang=uk")).await;
        assert!(
            page.contains("(Соціальний працівник)"),
            "{backend}: member role"
        );
        assert!(!page.contains(">Active<"), "{backend}: raw case status");
        let (_, _, page) = cora.get(&format!("/people/{person_id}?lang=ru")).await;
        assert!(
            page.contains("Молдова, Украина"),
            "{backend}: countries by name"
        );
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn times_are_shown_per_language_in_the_organisations_zone() {
    for backend in backends() {
        let config = libertas_web::WebConfig {
            time_zone: libertas_web::parse_time_zone("Asia/Kolkata").unwrap(),
            ..Default::default()
        };
        let app = TestApp::spawn_with(backend, config).await;
        app.user("North", "admin1", Role::Admin).await;
        let mut admin = Browser::new(&app);
        admin.sign_in("admin1").await;
        for (lang, sep) in [("en", "/"), ("ro", "."), ("uk", "."), ("ru", ".")] {
            for path in ["/admin/users", "/admin/access"] {
                let (s, _, page) = admin.get(&format!("{path}?lang={lang}")).await;
                assert_eq!(s, StatusCode::OK, "{backend} {path}");
                let iso = crate::common::between(&page, "<time datetime=\"", "\"");
                assert!(iso.ends_with('Z') && iso.contains('.'), "{backend}: {iso}");
                let shown = crate::common::between(&page, &format!("{iso}\">"), "</time>");
                // India is UTC+05:30 all year: the minutes move, so the zone was applied.
                let utc_minute: u32 = iso[14..16].parse().unwrap();
                let shown_minute: u32 = shown[14..16].parse().unwrap();
                assert_eq!(shown_minute, (utc_minute + 30) % 60, "{backend}: {shown}");
                assert!(shown.ends_with(" IST"), "{backend}: {shown}");
                assert_eq!(&shown[2..3], sep, "{backend} {lang}: {shown}");
                assert_eq!(
                    shown.len(),
                    "21/11/2026 10:04 IST".len(),
                    "{backend}: {shown}"
                );
            }
        }
        app.stop().await;
    }
}
