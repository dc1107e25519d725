//! Issue 9, finding 9: a reporter on a shared phone leaves no trace. No public page or public
//! form answer sets a persistent cookie (with or without `?lang=`); the language choice travels
//! in links and forms instead; the form is Post/Redirect/Get and the receipt is handed over
//! once, through a one-time handle in a session cookie, never in a URL; the form's fields ask
//! the browser not to remember them. Runs on SQLite, and on PostgreSQL when
//! `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::common::{between, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::json;

/// How a public route is called.
#[derive(Clone, Copy)]
enum Body {
    None,
    Form(&'static [(&'static str, &'static str)]),
    Json(&'static str),
}

/// Every public route: pages, static files, the form answers and the public API.
const ROUTES: &[(&str, &str, Body)] = &[
    ("GET", "/help", Body::None),
    ("GET", "/help/signs", Body::None),
    ("GET", "/help/smuggling", Body::None),
    ("GET", "/help/report", Body::None),
    ("GET", "/help/no-trace", Body::None),
    ("GET", "/report", Body::None),
    ("GET", "/report/receipt", Body::None),
    ("GET", "/report/followup", Body::None),
    ("GET", "/static/public.css", Body::None),
    ("GET", "/static/quick-exit.js", Body::None),
    ("GET", "/static/pow.js", Body::None),
    ("GET", "/healthz", Body::None),
    ("GET", "/api/v1/openapi.json", Body::None),
    (
        "POST",
        "/report",
        Body::Form(&[("narrative", "A van collects workers at dawn.")]),
    ),
    ("POST", "/report", Body::Form(&[("narrative", "")])),
    (
        "POST",
        "/report/followup",
        Body::Form(&[("receipt", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GG")]),
    ),
    (
        "POST",
        "/api/v1/public/reports",
        Body::Json(r#"{"narrative": "A van collects workers at dawn."}"#),
    ),
    (
        "POST",
        "/api/v1/public/followup",
        Body::Json(r#"{"receipt": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GG"}"#),
    ),
];

/// A cookie the browser would keep after it is closed: `Max-Age` above zero or `Expires`.
/// (`Max-Age=0` deletes a cookie, which is what leaving no trace needs.)
fn persistent(set_cookie: &str) -> bool {
    set_cookie.split(';').skip(1).any(|attr| {
        let a = attr.trim().to_ascii_lowercase();
        (a.starts_with("max-age=") && a != "max-age=0") || a.starts_with("expires=")
    })
}

async fn call(app: &TestApp, method: &str, path: &str, body: Body) -> reqwest::Response {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = app.http.request(method, format!("{}{path}", app.base));
    match body {
        Body::None => {}
        Body::Form(f) => req = req.form(f),
        Body::Json(j) => {
            req = req
                .header("content-type", "application/json")
                .body(j.to_owned())
        }
    }
    req.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_public_answer_sets_a_persistent_cookie() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "olga", Role::Hotline).await;
        for (method, path, body) in ROUTES {
            for lang in ["", "?lang=ro", "?lang=en"] {
                let at = format!("{path}{lang}");
                let res = call(&app, method, &at, *body).await;
                assert!(
                    res.status().as_u16() < 500,
                    "{backend}: {method} {at}: {}",
                    res.status()
                );
                for c in res.headers().get_all("set-cookie") {
                    let c = c.to_str().unwrap();
                    assert!(
                        !persistent(c),
                        "{backend}: {method} {at} sets a persistent cookie: {c}"
                    );
                    assert!(
                        !c.starts_with("lang="),
                        "{backend}: {method} {at} remembers the language in a cookie: {c}"
                    );
                }
            }
        }
        app.stop().await;
    }
}

/// `href="/…"` and `action="/…"` targets of a page, except static files.
fn own_links(page: &str) -> Vec<String> {
    let mut out = vec![];
    for attr in ["href=\"/", "action=\"/"] {
        let mut rest = page;
        while let Some(i) = rest.find(attr) {
            let tail = &rest[i + attr.len() - 1..];
            let end = tail.find('"').unwrap();
            let target = &tail[..end];
            if !target.starts_with("/static/") {
                out.push(target.to_owned());
            }
            rest = &tail[end..];
        }
    }
    out
}

/// Without a cookie, the language chosen with `?lang=` must survive every click and form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_choice_travels_in_links_and_forms() {
    let app = TestApp::spawn("sqlite").await;
    app.user("North", "olga", Role::Hotline).await;
    for path in [
        "/help",
        "/help/signs",
        "/help/smuggling",
        "/help/report",
        "/help/no-trace",
        "/report",
        "/report/followup",
    ] {
        let res = call(&app, "GET", &format!("{path}?lang=ro"), Body::None).await;
        let page = res.text().await.unwrap();
        assert!(page.contains("<html lang=\"ro\">"), "{path}");
        let links = own_links(&page);
        assert!(!links.is_empty(), "{path} links somewhere");
        for l in links {
            assert!(
                l.contains("lang=ro"),
                "{path}: the link or form {l} forgets the language"
            );
        }
    }
    // The form's answer and the receipt page keep Romanian too.
    let res = call(
        &app,
        "POST",
        "/report?lang=ro",
        Body::Form(&[("narrative", "O dubă ia muncitori în zori.")]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.contains("lang=ro"), "{to}");
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    let pair = cookie.split(';').next().unwrap().to_owned();
    let res = app
        .http
        .get(format!("{}{to}", app.base))
        .header("cookie", pair)
        .send()
        .await
        .unwrap();
    let page = res.text().await.unwrap();
    assert!(page.contains("<html lang=\"ro\">") && page.contains("id=\"receipt\""));
    app.stop().await;
}

/// Post/Redirect/Get: the form's answer is a redirect whose address holds no receipt; the
/// receipt travels in a one-time handle (a session cookie: `HttpOnly`, `SameSite=Strict`,
/// only for the receipt page) and is shown exactly once: the same handle again, or Back to
/// the receipt page, shows no receipt.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receipt_is_shown_once_and_never_in_an_address() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "olga", Role::Hotline).await;
        let res = call(
            &app,
            "POST",
            "/report",
            Body::Form(&[
                ("narrative", "Girls are driven to a house every night."),
                ("contact", "ask for Mara"),
            ]),
        )
        .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{backend}");
        let to = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(to.starts_with("/report/receipt"), "{to}");
        let cookies: Vec<String> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|c| c.to_str().unwrap().to_owned())
            .collect();
        assert_eq!(cookies.len(), 1, "{cookies:?}");
        let c = &cookies[0];
        for attr in [
            "HttpOnly",
            "SameSite=Strict",
            "Path=/report/receipt",
            "Secure",
        ] {
            assert!(c.contains(attr), "{backend}: {attr} in {c}");
        }
        assert!(!persistent(c), "{c}");
        let pair = c.split(';').next().unwrap().to_owned();
        let body = res.text().await.unwrap();
        assert!(
            !body.contains("id=\"receipt\""),
            "the POST answer shows no receipt"
        );

        let get = |cookie: Option<String>| {
            let mut req = app.http.get(format!("{}{to}", app.base));
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            req.send()
        };
        let res = get(Some(pair.clone())).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{backend}");
        let cleared: Vec<&str> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|c| c.to_str().unwrap())
            .collect();
        assert!(
            cleared.iter().any(|c| c.contains("Max-Age=0")),
            "{backend}: the handle is deleted from the browser: {cleared:?}"
        );
        assert_eq!(
            res.headers()["clear-site-data"],
            "\"cache\"",
            "{backend}: the form page is dropped from the back/forward cache"
        );
        let page = res.text().await.unwrap();
        let receipt = between(&page, "<code id=\"receipt\">", "</code>");
        assert_eq!(receipt.replace('-', "").len(), 26);
        assert!(!to.contains(&receipt) && !c.contains(&receipt));

        // Once only: the same handle (Back, a replay) and no handle show no receipt.
        for again in [Some(pair.clone()), None] {
            let res = get(again).await.unwrap();
            assert_eq!(res.status(), StatusCode::GONE, "{backend}");
            let page = res.text().await.unwrap();
            assert!(!page.contains(&receipt) && !page.contains("id=\"receipt\""));
        }
        // The receipt itself still works.
        let (s, v) = app
            .call(
                Method::POST,
                "/api/v1/public/followup",
                None,
                Some(json!({ "receipt": receipt })),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        app.stop().await;
    }
}

/// The browser is asked not to remember what was typed into any public form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_forms_ask_the_browser_to_remember_nothing() {
    let app = TestApp::spawn("sqlite").await;
    for path in ["/report", "/report/followup"] {
        let page = call(&app, "GET", path, Body::None)
            .await
            .text()
            .await
            .unwrap();
        let mut fields = 0;
        for tag in ["<textarea", "<input", "<form"] {
            let mut rest = page.as_str();
            while let Some(i) = rest.find(tag) {
                let end = rest[i..].find('>').unwrap() + i;
                let el = &rest[i..end];
                let kind = between(&format!("{el} type=\"text\""), "type=\"", "\"");
                if !matches!(kind.as_str(), "hidden" | "checkbox" | "radio" | "submit") {
                    assert!(
                        el.contains("autocomplete=\"off\""),
                        "{path}: {el} lets the browser remember what was typed"
                    );
                    fields += 1;
                }
                rest = &rest[end..];
            }
        }
        assert!(fields >= 2, "{path}");
    }
    app.stop().await;
}
