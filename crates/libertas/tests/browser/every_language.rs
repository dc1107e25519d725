//! Every page a role reaches from its home, in every language, at phone width: each role
//! (caseworker with a case and a victim, hotline, analyst, trainer, administrator) and a
//! visitor who is not signed in follow every link of the page they land on and of the pages
//! those lead to (three steps), and each kind of page found (`/cases/{id}/people`, `/tasks`…)
//! is shown in English, Romanian, Ukrainian and Russian at 390 × 844 and checked by axe-core
//! (no serious or critical problem) and for sideways scrolling.
//!
//! The pages are found by following links, not listed, so a page added to a menu, a home or
//! a tab bar is checked without touching this test. Gated like every browser journey.

use crate::a11y;
use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

const LANGUAGES: [&str; 4] = ["en", "ro", "uk", "ru"];

/// The kind of page an address shows: ids replaced by `{id}`, query values dropped (the keys
/// kept), so `/cases/0193…/people` and `/cases/?status=Active` each stand for all their kind.
fn kind_of(href: &str) -> String {
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    let path: Vec<String> = path
        .split('/')
        .map(|seg| {
            let looks_like_id =
                seg.len() >= 32 && seg.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
            if looks_like_id {
                "{id}".to_owned()
            } else {
                seg.to_owned()
            }
        })
        .collect();
    let mut keys: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| kv.split('=').next().unwrap_or(kv))
        .collect();
    keys.sort_unstable();
    format!("{}?{}", path.join("/"), keys.join("&"))
}

/// `href` without its `lang` parameter (public pages carry it in their links).
fn without_lang(href: &str) -> String {
    let Some((path, query)) = href.split_once('?') else {
        return href.to_owned();
    };
    let rest: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
        .collect();
    if rest.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", rest.join("&"))
    }
}

/// The same-site pages the page shown links to (no downloads, assets, API or sign-out), each
/// without its language: languages are checked one by one below.
async fn links(browser: &Browser) -> Vec<String> {
    let found = browser
        .execute(
            "return [...document.querySelectorAll('a[href]')]
               .filter(a => !a.hasAttribute('download'))
               .map(a => a.getAttribute('href'));",
        )
        .await;
    found
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|v| v.as_str())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .filter(|h| {
            !["/static", "/api", "/logout", "/healthz"]
                .iter()
                .any(|p| h.starts_with(p))
        })
        .map(|h| without_lang(&h))
        .collect()
}

/// The pages reachable from the page shown within three steps, one address per kind.
async fn crawl(browser: &Browser, server: &Server, start: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut queue = VecDeque::from([(start.to_owned(), 0)]);
    found.insert(kind_of(start), start.to_owned());
    while let Some((href, depth)) = queue.pop_front() {
        browser.goto(&server.url(&href)).await;
        let html = browser
            .execute("return document.contentType === 'text/html';")
            .await;
        if html.as_bool() != Some(true) || depth == 3 {
            continue;
        }
        for link in links(browser).await {
            let kind = kind_of(&link);
            if let std::collections::btree_map::Entry::Vacant(e) = found.entry(kind) {
                e.insert(link.clone());
                queue.push_back((link, depth + 1));
            }
        }
    }
    found
}

/// Shows every page of `pages` in every language and checks it.
async fn check_all(
    browser: &Browser,
    server: &Server,
    who: &str,
    pages: &BTreeMap<String, String>,
) {
    for lang in LANGUAGES {
        for href in pages.values() {
            let sep = if href.contains('?') { '&' } else { '?' };
            browser
                .goto(&server.url(&format!("{href}{sep}lang={lang}")))
                .await;
            let is_html = browser
                .execute("return document.contentType === 'text/html';")
                .await;
            if is_html.as_bool() != Some(true) {
                continue;
            }
            browser.wait_for(&format!(r#"html[lang="{lang}"]"#)).await;
            a11y::fits_phone(browser, &format!("{who}: {href} in {lang}")).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_every_role_in_every_language_at_phone_width() {
    if !browser_tests_enabled("browser every-language test") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", "North Shelter"], "");
        for (user, role) in [
            ("casey", "caseworker"),
            ("hana", "hotline"),
            ("anna", "analyst"),
            ("tina", "trainer"),
            ("adam", "admin"),
        ] {
            journey::add_user(data, "North Shelter", user, role);
        }
    })
    .await;

    // A visitor: the public pages, the report form and the sign-in page.
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    browser.set_size(390, 844).await;
    let public = crawl(&browser, &server, "/help").await;
    assert!(
        public.keys().any(|k| k.starts_with("/help/report")),
        "the report form is linked from the help pages: {public:?}"
    );
    check_all(&browser, &server, "a visitor", &public).await;
    browser.quit().await;

    // The caseworker, with a case and a victim so that the case's tabs and the person's
    // pages have something to show.
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    browser.set_size(390, 844).await;
    journey::first_sign_in(&browser, &server, "casey").await;
    browser.fill("#title", "Operation Heron").await;
    browser
        .click(r#"form[action="/cases"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("a case page", |p| p.starts_with("/cases/"))
        .await;
    browser.click("details summary").await;
    browser.click(r#"#role option[value="victim"]"#).await;
    browser.fill("#given_name", "Ilinca").await;
    browser.fill("#family_name", "Vlad").await;
    browser
        .click(r#"form[action$="/people"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("a person page", |p| p.starts_with("/people/"))
        .await;
    let pages = crawl(&browser, &server, "/").await;
    // The crawl found the case's pages and the person's care plan, so it really followed the
    // tab bar and the person's links.
    for kind in [
        "/cases/{id}?",
        "/cases/{id}/decisions?",
        "/cases/{id}/evidence?",
        "/people/{id}/care?",
        "/tasks?due",
    ] {
        assert!(
            pages.contains_key(kind),
            "no {kind} among {:?}",
            pages.keys()
        );
    }
    check_all(&browser, &server, "the caseworker", &pages).await;
    browser.quit().await;

    for user in ["hana", "anna", "tina", "adam"] {
        let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
        browser.set_size(390, 844).await;
        journey::first_sign_in(&browser, &server, user).await;
        let pages = crawl(&browser, &server, "/").await;
        assert!(pages.len() >= 3, "{user} reaches only {:?}", pages.keys());
        check_all(&browser, &server, user, &pages).await;
        browser.quit().await;
    }
}

#[test]
fn kinds_of_pages() {
    assert_eq!(
        kind_of("/cases/0193a0b1-0c2d-7e3f-8a9b-0c1d2e3f4a5b/people"),
        "/cases/{id}/people?"
    );
    assert_eq!(kind_of("/cases?status=Active&page=2"), "/cases?page&status");
    assert_eq!(kind_of("/"), "/?");
    assert_eq!(without_lang("/help/signs?lang=ro"), "/help/signs");
    assert_eq!(
        without_lang("/cases?lang=ro&status=Active"),
        "/cases?status=Active"
    );
}
