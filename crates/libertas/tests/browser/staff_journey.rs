//! The sign-in-to-sign-out journey in real Chromium against the real `libertas serve`.
//!
//! Unit and HTTP tests check each response; only a browser shows what a person at a shared
//! computer would see: that first login forces the password change and TOTP enrolment, that the
//! pages work without JavaScript, and above all that after signing out the back button (history,
//! back/forward cache, HTTP cache) brings back no personal data.
//!
//! It runs when `LIBERTAS_TEST_BROWSER=1` (`.ci/run` sets it, with Debian's Chromium and
//! ChromeDriver installed); otherwise it says loudly that it was skipped, and fails under
//! `CI=true`. With the variable set, a missing Chromium or ChromeDriver is a failure, so CI
//! cannot pass without having looked.

use crate::server;
use crate::server::{browser_tests_enabled, libertas, totp_now, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::path::Path;

const FIRST_PASSWORD: &str = "a long enough password 1";
const NEW_PASSWORD: &str = "another long password 2";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_open_a_case_see_a_person_sign_out_and_back_shows_nothing() {
    if !browser_tests_enabled("browser test") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", "North Shelter"], "");
        libertas(
            data,
            &[
                "user",
                "add",
                "--org",
                "North Shelter",
                "--username",
                "ana",
                "--role",
                "caseworker",
            ],
            FIRST_PASSWORD,
        );
    })
    .await;
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;

    // First login: password, then the forced password change.
    browser.goto(&server.url("/login")).await;
    browser.fill("#username", "ana").await;
    browser.fill("#password", FIRST_PASSWORD).await;
    browser
        .click(r#"form[action="/login"] button[type="submit"]"#)
        .await;
    browser.wait_for_path("/account/password").await;
    browser.fill("#current", FIRST_PASSWORD).await;
    browser.fill("#new", NEW_PASSWORD).await;
    browser.fill("#repeat", NEW_PASSWORD).await;
    browser
        .click(r#"form[action="/account/password"] button[type="submit"]"#)
        .await;

    // TOTP enrolment with the secret shown on the page, then the recovery codes.
    browser.wait_for_path("/account/totp").await;
    let secret = browser.text("#totp-secret").await;
    browser.fill("#code", &totp_now(&secret, "ana")).await;
    browser
        .click(r#"form[action="/account/totp"] button[type="submit"]"#)
        .await;
    browser.wait_for("ul.codes li").await;
    browser.click(r#"main a[href="/"]"#).await;

    // Open a case and add a person to it.
    browser.wait_for_path("/").await;
    browser.fill("#title", "Operation Lark").await;
    browser
        .click(r#"form[action="/cases"] button[type="submit"]"#)
        .await;
    let case_url = browser
        .wait_for_path_where("a case page", |p| p.starts_with("/cases/"))
        .await;
    browser.click("details summary").await;
    browser.click(r#"#role option[value="victim"]"#).await;
    browser.fill("#given_name", "Zamfira").await;
    browser.fill("#family_name", "Oprescu").await;
    browser
        .click(r#"form[action$="/people"] button[type="submit"]"#)
        .await;
    let person_url = browser
        .wait_for_path_where("a person page", |p| p.starts_with("/people/"))
        .await;
    assert_eq!(browser.text("#person-name").await, "Zamfira Oprescu");

    browser.goto(&case_url).await;
    let source = browser.source().await;
    assert!(
        source.contains("Zamfira Oprescu"),
        "the case page lists the person:\n{source}"
    );

    // Sign out, then try to get the personal data back.
    browser
        .click(r#"form[action="/logout"] button[type="submit"]"#)
        .await;
    browser.wait_for_path("/login").await;

    browser.back().await;
    let source = browser.source().await;
    let shown = browser.url().await;
    assert!(
        !source.contains("Zamfira") && !source.contains("Oprescu"),
        "after signing out, the back button shows personal data at {shown}:\n{source}"
    );
    assert_eq!(
        browser.path().await,
        "/login",
        "after signing out, back leads to the login page"
    );
    browser.wait_for("#username").await;

    browser.goto(&person_url).await;
    let source = browser.source().await;
    let shown = browser.url().await;
    assert!(
        !source.contains("Zamfira") && !source.contains("Oprescu"),
        "after signing out, the person page still shows personal data at {shown}:\n{source}"
    );
    assert_eq!(
        browser.path().await,
        "/login",
        "after signing out, the person page sends to login"
    );

    browser.quit().await;
}
