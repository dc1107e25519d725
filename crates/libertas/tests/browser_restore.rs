//! The Restore journey in real Chromium against the real `libertas serve`: an aftercare
//! worker who is a member of the case opens a survivor's care page, opens a care plan, adds a
//! goal and a service, records an outcome assessment and sees the chart.
//!
//! Gated like `browser.rs`: runs when `LIBERTAS_TEST_BROWSER=1`, otherwise says it was skipped.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod server;
#[allow(dead_code)]
#[path = "support/webdriver.rs"]
mod webdriver;

use server::{browser_tests_enabled, libertas, totp_now, Server, CHROMEDRIVER, CHROMIUM};
use std::path::Path;
use webdriver::Browser;

const FIRST_PASSWORD: &str = "a long enough password 1";
const NEW_PASSWORD: &str = "another long password 2";

/// Types a date into a date field the way Chromium's en-US date control expects it.
async fn fill_date(browser: &Browser, css: &str, iso: &str) {
    let (y, rest) = iso.split_at(4);
    let (m, d) = (&rest[1..3], &rest[4..6]);
    browser.fill(css, &format!("{m}{d}{y}")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aftercare_opens_a_plan_adds_goal_and_service_and_records_an_assessment() {
    if !browser_tests_enabled("browser restore test") {
        return;
    }
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
                "aftercare",
            ],
            FIRST_PASSWORD,
        );
    })
    .await;
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;

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
    browser.wait_for_path("/account/totp").await;
    let secret = browser.text("#totp-secret").await;
    browser.fill("#code", &totp_now(&secret, "ana")).await;
    browser
        .click(r#"form[action="/account/totp"] button[type="submit"]"#)
        .await;
    browser.wait_for("ul.codes li").await;
    browser.click(r#"main a[href="/"]"#).await;

    // The aftercare worker opens the case, so is a member of it, and adds the survivor.
    browser.wait_for_path("/").await;
    browser.fill("#title", "Operation Wren").await;
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
    browser.click(r#"a[href$="/care"]"#).await;
    let care = browser
        .wait_for_path_where("the care page", |p| p.ends_with("/care"))
        .await;

    // Open the plan, then add a goal and a service.
    browser.click(r#"#open-plan button[type="submit"]"#).await;
    browser.wait_for("#add-goal").await;
    browser
        .click(r#"#goal-domain option[value="social_support"]"#)
        .await;
    browser
        .fill("#goal-text", "Joins the survivors' peer support group")
        .await;
    browser.click(r#"#add-goal button[type="submit"]"#).await;
    let goals = browser
        .wait_for_text("#goals", "Joins the survivors' peer support group")
        .await;
    assert!(
        goals.contains("Social support"),
        "grouped by domain: {goals}"
    );

    browser
        .click(r#"#service-type option[value="Counselling"]"#)
        .await;
    browser
        .fill("#service-provider", "Trauma counsellor, Speranta centre")
        .await;
    fill_date(&browser, "#service-start", "2025-09-01").await;
    browser
        .click(r#"#service-status option[value="active"]"#)
        .await;
    browser.click(r#"#add-service button[type="submit"]"#).await;
    let services = browser
        .wait_for_text("#services", "Trauma counsellor, Speranta centre")
        .await;
    assert!(services.contains("Counselling"), "{services}");
    assert!(services.contains("2025-09-01"), "{services}");

    // An outcome assessment: the chart and its table appear.
    fill_date(&browser, "#assessed_on", "2025-09-15").await;
    browser.click(r#"#safety\.0 option[value="2"]"#).await;
    browser
        .click(r#"form[action$="/care/assessments"] button[type="submit"]"#)
        .await;
    browser.wait_for("figure svg").await;
    let table = browser.wait_for_text("#scores", "2025-09-15").await;
    assert!(table.contains("2.67"), "safety mean (2+3+3)/3: {table}");
    assert!(
        care.ends_with(&browser.path().await),
        "back on the care page: {care}"
    );

    browser.quit().await;
}
