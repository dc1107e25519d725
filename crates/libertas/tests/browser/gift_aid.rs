//! Gift Aid in real Chromium against the real `libertas serve`: the fundraising manager
//! records a gift, finds the donor on `/supporters/gift-aid`, records their written
//! declaration, and prepares the claim schedule. Every page waited for is checked with
//! axe-core (`docs/supporters.md`, "Gift Aid").
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).

use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::path::Path;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fundraiser_records_a_declaration_and_prepares_the_schedule() {
    if !browser_tests_enabled("browser gift aid test") {
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

    // A gift to claim on.
    browser.goto(&server.url("/supporters/gifts")).await;
    browser.wait_for_path("/supporters/gifts").await;
    browser.fill("#email", "aid@example.org").await;
    browser.fill("#amount", "40.00").await;
    browser.clear("#currency").await;
    browser.fill("#currency", "GBP").await;
    browser.click(r#"#method option[value="cheque"]"#).await;
    journey::fill_date(&browser, "#received", "2026-11-03").await;
    browser
        .click(r#"form[action="/supporters/gifts"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("a donor's giving page", |p| {
            p.starts_with("/supporters/gifts/donors/")
        })
        .await;

    // Find the donor's declarations and record one.
    browser.goto(&server.url("/supporters/gift-aid")).await;
    browser.wait_for_path("/supporters/gift-aid").await;
    browser.fill("#find-email", "aid@example.org").await;
    browser
        .click(r#"form[action="/supporters/gift-aid/find"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("a donor's declarations", |p| {
            p.starts_with("/supporters/gift-aid/donors/")
        })
        .await;
    journey::fill_date(&browser, "#made_on", "2026-11-01").await;
    browser.fill("#title", "Ms").await;
    browser.fill("#first_name", "Aideen").await;
    browser.fill("#last_name", "Claimant").await;
    browser.fill("#house", "5").await;
    browser.fill("#postcode", "zz9 9zz").await;
    browser.click(r#"input[name="taxpayer"]"#).await;
    browser
        .click(r#"form[action^="/supporters/gift-aid/donors/"] button[type="submit"]"#)
        .await;
    let page = browser
        .wait_for_text("main", "The declaration was recorded.")
        .await;
    assert!(page.contains("Ms Aideen Claimant, 5, ZZ9 9ZZ"), "{page}");
    browser
        .wait_for_path_where("the declarations after recording", |p| {
            p.starts_with("/supporters/gift-aid/donors/")
        })
        .await;

    // The schedule of November: one gift, £10.00 of Gift Aid, one part to download.
    browser
        .goto(&server.url("/supporters/gift-aid?from=2026-11-01&to=2026-11-30"))
        .await;
    browser.wait_for_path("/supporters/gift-aid").await;
    let schedule = browser.text(r#"section[aria-labelledby="schedule"]"#).await;
    assert!(schedule.contains("40.00 GBP"), "{schedule}");
    assert!(schedule.contains("10.00 GBP"), "{schedule}");
    assert!(schedule.contains("Download part 1 (CSV)"), "{schedule}");
    browser.quit().await;
}
