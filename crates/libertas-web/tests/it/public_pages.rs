//! The public information pages under `/help` over real HTTP: reachable without login in both
//! languages, each with the quick exit, the deployment's numbers and the security headers, and
//! nothing loaded from another site.

use crate::common::TestApp;
use libertas_domain::i18n::{self, Lang};
use libertas_web::WebConfig;
use reqwest::StatusCode;

const PAGES: [&str; 5] = [
    "/help",
    "/help/signs",
    "/help/smuggling",
    "/help/report",
    "/help/no-trace",
];
const QUICK_EXIT_TARGET: &str = "https://www.bbc.co.uk/weather";

struct Page {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: String,
}

async fn fetch(app: &TestApp, path: &str) -> Page {
    let res = app
        .http
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.text().await.unwrap();
    Page {
        status,
        headers,
        body,
    }
}

fn header<'a>(page: &'a Page, name: &str) -> &'a str {
    page.headers
        .get(name)
        .map(|v| v.to_str().unwrap())
        .unwrap_or("")
}

/// Everything every public page must have, whatever the language.
fn assert_public_page(page: &Page, what: &str, helpline: &str) {
    assert_eq!(page.status, StatusCode::OK, "{what}");
    let body = &page.body;
    assert!(
        body.contains(&format!(
            r#"<a id="quick-exit" class="quick-exit" href="{QUICK_EXIT_TARGET}" rel="noreferrer">"#
        )),
        "{what}: quick-exit link"
    );
    assert!(body.contains(helpline), "{what}: helpline {helpline}");
    assert!(
        body.contains(r#"href="/help/no-trace?lang="#),
        "{what}: link to leaving no trace"
    );
    for lang in ["en", "ro", "uk", "ru"] {
        assert!(
            body.contains(&format!(r#"href="?lang={lang}" lang="{lang}""#)),
            "{what}: language switch to {lang}"
        );
    }
    assert!(
        body.contains(r##"href="#main""##) && body.contains(r#"<main id="main""#),
        "{what}: skip link"
    );
    for landmark in ["<header", "<nav", "<main", "<footer"] {
        assert!(body.contains(landmark), "{what}: {landmark}");
    }
    assert_eq!(body.matches("<h1>").count(), 1, "{what}: one h1");

    // Security headers.
    let csp = header(page, "content-security-policy");
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{what}: CSP {csp}"
    );
    assert!(
        !csp.contains("unsafe-inline"),
        "{what}: CSP allows no inline code"
    );
    assert_eq!(header(page, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(page, "referrer-policy"), "no-referrer", "{what}");
    assert_eq!(header(page, "cache-control"), "no-store", "{what}");
    assert!(
        header(page, "content-type").starts_with("text/html"),
        "{what}"
    );

    // The only script is the quick exit's, loaded from this server.
    let scripts: Vec<&str> = body
        .match_indices("<script")
        .map(|(i, _)| &body[i..])
        .collect();
    assert_eq!(scripts.len(), 1, "{what}: exactly one script");
    assert!(
        scripts[0].starts_with(r#"<script src="/static/quick-exit.js" defer></script>"#),
        "{what}: {}",
        &scripts[0][..60]
    );
    assert!(!has_inline_handler(body), "{what}: an inline event handler");

    // No request to, and no link to, another site except the quick exit's neutral page.
    let rest = body.replacen(QUICK_EXIT_TARGET, "", 1);
    assert!(
        !rest.contains("http://") && !rest.contains("https://"),
        "{what}: an external URL"
    );
    assert!(
        !rest.contains("=\"//") && !rest.contains("url("),
        "{what}: a protocol-relative or CSS URL"
    );

    // Every message resolved: a missing one would show its id.
    assert!(
        !body.contains("public-"),
        "{what}: an untranslated message id"
    );
}

/// Whether an attribute like ` onclick=` appears (the CSP would block it anyway).
fn has_inline_handler(body: &str) -> bool {
    body.match_indices(" on").any(|(i, _)| {
        let rest = &body[i + 3..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase())
            .collect();
        !name.is_empty() && rest[name.len()..].starts_with('=')
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_every_language_is_complete_and_safe() {
    let app = TestApp::spawn("sqlite").await;
    for path in PAGES {
        for lang in ["en", "ro", "uk", "ru"] {
            let what = format!("{path}?lang={lang}");
            let page = fetch(&app, &what).await;
            assert_public_page(&page, &what, "08000 121 700");
            assert!(
                page.body.contains(&format!(r#"<html lang="{lang}">"#)),
                "{what}"
            );
            assert!(
                page.body.contains(r#"href="tel:08000121700""#),
                "{what}: the helpline can be dialled"
            );
            assert!(
                page.body.contains(r#"href="tel:999""#),
                "{what}: the emergency number can be dialled"
            );
            let (exit, helpline) = match lang {
                "ro" => ("Ieșire rapidă", "Linia de asistență"),
                "uk" => ("Швидкий вихід", "Гаряча лінія"),
                "ru" => ("Быстрый выход", "Горячая линия"),
                _ => ("Quick exit", "Helpline"),
            };
            assert!(
                page.body.contains(exit) && page.body.contains(helpline),
                "{what}: {lang}"
            );
            if lang != "en" {
                assert!(
                    !page.body.contains("Quick exit") && !page.body.contains("Helpline"),
                    "{what}: English left"
                );
            }
        }
        // Without a choice the browser's language decides.
        let res = app
            .http
            .get(format!("{}{path}", app.base))
            .header("accept-language", "ro-RO,ro;q=0.9")
            .send()
            .await
            .unwrap();
        assert!(
            res.text().await.unwrap().contains("Ieșire rapidă"),
            "{path}: Accept-Language ro"
        );
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_say_what_they_must() {
    let app = TestApp::spawn("sqlite").await;
    let home = fetch(&app, "/help?lang=en").await.body;
    for needle in [
        "Palermo Protocol",
        "under 18",
        "within one country",
        "do not call themselves victims",
        "Modern Slavery Act 2015",
    ] {
        assert!(home.contains(needle), "/help: {needle}");
    }
    let signs = fetch(&app, "/help/signs?lang=en").await.body;
    assert_eq!(
        signs.matches("<h3>").count(),
        7 + 11,
        "seven groups of signs and eleven ILO indicators"
    );
    for needle in [
        "Physical appearance",
        "Unusual travel times",
        "Debt bondage",
        "Excessive overtime",
        "Identity documents taken",
    ] {
        assert!(signs.contains(needle), "/help/signs: {needle}");
    }
    let smuggling = fetch(&app, "/help/smuggling?lang=en").await.body;
    assert_eq!(
        smuggling.matches(r#"<th scope="row">"#).count(),
        5,
        "consent, exploitation, border, relationship, who is wronged"
    );
    let report = fetch(&app, "/help/report?lang=en").await.body;
    assert!(
        report.contains("If someone is in immediate danger, call 999 now."),
        "/help/report: emergency first"
    );
    assert!(
        report.contains(r#"href="/report?lang=en""#),
        "/help/report: links the report form"
    );
    let report_ro = fetch(&app, "/help/report?lang=ro").await.body;
    assert!(
        report_ro.contains("Dacă cineva este în pericol imediat, sunați acum la 999."),
        "/help/report in Romanian"
    );
    let no_trace = fetch(&app, "/help/no-trace?lang=en").await.body;
    for needle in [
        "private window",
        "history",
        "someone else",
        "Esc",
        "IP address",
    ] {
        assert!(no_trace.contains(needle), "/help/no-trace: {needle}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deployment_shows_its_own_numbers() {
    let config = WebConfig {
        helpline_number: "0800 500 333".to_owned(),
        emergency_number: "112".to_owned(),
        ..Default::default()
    };
    let app = TestApp::spawn_with("sqlite", config).await;
    for path in PAGES {
        for lang in ["en", "ro", "uk", "ru"] {
            let what = format!("{path}?lang={lang}");
            let page = fetch(&app, &what).await;
            assert_public_page(&page, &what, "0800 500 333");
            assert!(
                page.body.contains(r#"href="tel:0800500333""#)
                    && page.body.contains(r#"href="tel:112""#),
                "{what}"
            );
            assert!(
                !page.body.contains("08000 121 700") && !page.body.contains("999"),
                "{what}: a default number"
            );
        }
    }
    let report = fetch(&app, "/help/report?lang=en").await.body;
    assert!(
        report.contains("call 112 now") && report.contains("Call 0800 500 333"),
        "/help/report"
    );
    app.stop().await;
}

/// No cookie at all, even when a language is chosen: the language travels in the links
/// (issue 9; `public_trace.rs` covers every public route and form).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_set_no_cookie_even_when_a_language_is_chosen() {
    let app = TestApp::spawn("sqlite").await;
    for path in PAGES {
        for lang in ["", "?lang=ro"] {
            let page = fetch(&app, &format!("{path}{lang}")).await;
            assert_eq!(page.status, StatusCode::OK, "{path}{lang}");
            assert!(
                page.headers.get("set-cookie").is_none(),
                "{path}{lang}: a cookie"
            );
        }
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_script_and_stylesheet_are_served_here() {
    let app = TestApp::spawn("sqlite").await;
    let js = fetch(&app, "/static/quick-exit.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(header(&js, "content-type").starts_with("text/javascript"));
    assert_eq!(
        header(&js, "cache-control"),
        "no-store",
        "a cached copy would be a trace"
    );
    for needle in ["location.replace", "Escape", "quick-exit"] {
        assert!(js.body.contains(needle), "quick-exit.js: {needle}");
    }
    assert!(
        !js.body.contains("http://")
            && !js.body.contains("https://")
            && !js.body.contains("fetch(")
    );
    let css = fetch(&app, "/static/public.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(header(&css, "content-type").starts_with("text/css"));
    assert!(
        !css.body.contains("url(")
            && !css.body.contains("@import")
            && !css.body.contains("@font-face"),
        "nothing from elsewhere"
    );
    app.stop().await;
}

/// Every public message has a text of its own in every language, not an English copy.
#[test]
fn every_language_translates_every_public_message() {
    let ids: Vec<String> = i18n::message_ids(Lang::En)
        .into_iter()
        .filter(|id| id.starts_with("public-"))
        .collect();
    assert!(ids.len() > 100, "{} public messages", ids.len());
    for lang in [Lang::Ro, Lang::Uk, Lang::Ru] {
        assert_eq!(
            ids,
            i18n::message_ids(lang)
                .into_iter()
                .filter(|id| id.starts_with("public-"))
                .collect::<Vec<_>>(),
            "{lang:?}"
        );
        for id in &ids {
            let (en, other) = (i18n::t(Lang::En, id), i18n::t(lang, id));
            assert!(
                !other.is_empty() && other != *id,
                "{id}: missing in {lang:?}"
            );
            assert_ne!(en, other, "{id}: the {lang:?} text is the English one");
        }
    }
}
