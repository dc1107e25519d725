//! Snapshots of what a refactoring must not change (issue 10): the OpenAPI document as served,
//! and a few rendered pages — the sign-in page, the public report form, the 404 page and a case
//! page. The snapshots live in `snapshots/` beside this file; a difference fails the test with
//! a diff. When a change is meant, review the `.snap.new` file insta writes and move it over the
//! old one (or run with `INSTA_UPDATE=always` and read the diff before committing). Under CI
//! (`CI=true`, as `.ci/run` sets it) insta writes nothing and a difference or a missing
//! snapshot fails.
//!
//! Pages are compared with the values that change on every run replaced: ids, dates (stored
//! and as shown) and times (fractions of a second included),
//! CSRF tokens and the proof-of-work challenge.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use regex::Regex;
use reqwest::StatusCode;
use serde_json::json;

/// `page` with what differs between runs replaced by a name in brackets.
fn redacted(page: &str) -> String {
    let rules = [
        (
            r#"name="csrf" value="[^"]*""#,
            r#"name="csrf" value="[csrf]""#,
        ),
        (
            r#"name="pow_challenge" value="[^"]*""#,
            r#"name="pow_challenge" value="[challenge]""#,
        ),
        (
            r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            "[id]",
        ),
        (r"C-\d{4}-(\d{5,})", "C-[year]-$1"),
        (r"R-\d{4}-(\d{5,})", "R-[year]-$1"),
        (r"\d{4}-\d{2}-\d{2}", "[date]"),
        (r"\d{2}[./]\d{2}[./]\d{4}", "[date]"),
        (r"\d{1,2}:\d{2}(:\d{2})?(\.\d+)?", "[time]"),
    ];
    let mut out = page.to_owned();
    for (pattern, with) in rules {
        out = Regex::new(pattern)
            .unwrap()
            .replace_all(&out, with)
            .into_owned();
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_unchanged() {
    let app = TestApp::spawn("sqlite").await;
    let (status, doc) = app
        .call(reqwest::Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    insta::assert_snapshot!("openapi", serde_json::to_string_pretty(&doc).unwrap());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_pages_are_unchanged() {
    let app = TestApp::spawn("sqlite").await;
    let mut anonymous = Browser::new(&app);
    for (name, path, want) in [
        ("login_page", "/login", StatusCode::OK),
        ("report_form", "/report", StatusCode::OK),
        ("not_found_page", "/no/such/page", StatusCode::NOT_FOUND),
    ] {
        let (status, _, page) = anonymous.get(path).await;
        assert_eq!(status, want, "{path}");
        insta::assert_snapshot!(name, redacted(&page));
    }
    app.stop().await;
}

/// The same snapshot on both backends: a page does not depend on where its data is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_page_is_unchanged() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let token = app.user("North", "ana", Role::Caseworker).await;
        let (status, case) = app
            .post(
                "/api/v1/cases",
                &token,
                json!({"title": "Harbour warehouse"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let id = case["id"].as_str().unwrap();
        let (status, _) = app
            .post(
                &format!("/api/v1/cases/{id}/notes"),
                &token,
                json!({"text": "Met the night shift supervisor."}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let mut ana = Browser::new(&app);
        ana.sign_in("ana").await;
        let (status, _, page) = ana.get(&format!("/cases/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        insta::assert_snapshot!("case_page", redacted(&page));
        app.stop().await;
    }
}
