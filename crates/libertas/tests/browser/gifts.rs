//! Gifts in real Chromium against the real `libertas serve`: the fundraising manager signs in,
//! records a monthly gift for a new donor on `/supporters/gifts`, lands on the donor's giving
//! page, and cancels the regular gift at the donor's request. Every page waited for is checked
//! with axe-core.
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).

use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::path::Path;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fundraiser_records_a_monthly_gift_and_cancels_it() {
    if !browser_tests_enabled("browser gifts test") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", "North Shelter"], "");
        journey::add_user(data, "North Shelter", "finn", "fundraising_manager");
    })
    .await;
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    journey::first_sign_in(&browser, &server, "finn").await;

    browser.goto(&server.url("/supporters/gifts")).await;
    browser.wait_for_path("/supporters/gifts").await;
    browser.fill("#email", "partner@example.org").await;
    browser.fill("#amount", "25.00").await;
    browser.clear("#currency").await;
    browser.fill("#currency", "GBP").await;
    browser
        .click(r#"#method option[value="direct_debit"]"#)
        .await;
    journey::fill_date(&browser, "#received", "2026-11-03").await;
    browser.click(r#"#frequency option[value="monthly"]"#).await;
    browser
        .click(r#"form[action="/supporters/gifts"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("a donor's giving page", |p| {
            p.starts_with("/supporters/gifts/donors/")
        })
        .await;
    let regular = browser.text(r#"section[aria-labelledby="regular"]"#).await;
    assert!(regular.contains("25.00 GBP"), "{regular}");
    assert!(regular.contains("2026-12-03"), "{regular}");

    browser
        .click(r#"form[action^="/supporters/gifts/regular/"] button[type="submit"]"#)
        .await;
    let after = browser
        .wait_for_text("main", "The regular gift was cancelled.")
        .await;
    assert!(
        after.contains("Cancelled at the donor's request"),
        "{after}"
    );
    browser
        .wait_for_path_where("the giving page after the cancellation", |p| {
            p.starts_with("/supporters/gifts/donors/")
        })
        .await;
    browser.quit().await;
}
