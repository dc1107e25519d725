//! Search journey in real Chromium against the real `libertas serve`: add a person with
//! Romanian diacritics, add them again misspelt in another case and see the duplicate warning,
//! then search by the misspelt name on `/search` and open the result.
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).

use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::path::Path;

/// Opens a case from the home page and adds a victim; returns the person page's path (no query).
async fn case_with_person(
    browser: &Browser,
    server: &Server,
    title: &str,
    given: &str,
    family: &str,
) -> String {
    browser.goto(&server.url("/")).await;
    browser.fill("#title", title).await;
    browser
        .click(r#"form[action="/cases"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("a case page", |p| p.starts_with("/cases/"))
        .await;
    browser.click("details summary").await;
    browser.click(r#"#role option[value="victim"]"#).await;
    browser.fill("#given_name", given).await;
    browser.fill("#family_name", family).await;
    browser
        .click(r#"form[action$="/people"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("a person page", |p| p.starts_with("/people/"))
        .await;
    browser.path().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_a_person_search_a_misspelt_name_and_open_the_result() {
    if !browser_tests_enabled("browser search test") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", "North Shelter"], "");
        journey::add_user(data, "North Shelter", "dana", "investigator");
    })
    .await;
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    journey::first_sign_in(&browser, &server, "dana").await;

    let first = case_with_person(&browser, &server, "Operation Heron", "Ștefan", "Popescu").await;
    assert_eq!(browser.text("#person-name").await, "Ștefan Popescu");
    let source = browser.source().await;
    assert!(
        !source.contains("possible-duplicates"),
        "no warning for the first record:\n{source}"
    );

    // The same man again, misspelt, in another case: the first record is offered.
    case_with_person(&browser, &server, "Operation Egret", "Stefan", "Popesku").await;
    browser.wait_for("#possible-duplicates").await;
    browser
        .wait_for(&format!(r#"#possible-duplicates a[href="{first}"]"#))
        .await;

    // Search by a misspelt name and open the result.
    browser.goto(&server.url("/search")).await;
    browser.fill("#name", "stefan popeskou").await;
    browser.click("#search-submit").await;
    browser.wait_for("#search-results").await;
    let path = browser.path().await;
    assert_eq!(path, "/search", "the criteria are not in the URL");
    assert!(!browser.url().await.contains("stefan"));
    browser
        .click(&format!(r#"#search-results a[href="{first}"]"#))
        .await;
    browser
        .wait_for_path_where("the person page", |p| p == first)
        .await;
    assert_eq!(browser.text("#person-name").await, "Ștefan Popescu");

    browser.quit().await;
}
