//! The Restore journey in real Chromium against the real `libertas serve`: an aftercare
//! worker who is a member of the case opens a survivor's care page, opens a care plan, adds a
//! goal and a service, records an outcome assessment and sees the chart.
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).

use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::path::Path;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aftercare_opens_a_plan_adds_goal_and_service_and_records_an_assessment() {
    if !browser_tests_enabled("browser restore test") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", "North Shelter"], "");
        journey::add_user(data, "North Shelter", "ana", "aftercare");
    })
    .await;
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;

    journey::first_sign_in(&browser, &server, "ana").await;

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
    journey::fill_date(&browser, "#service-start", "2025-09-01").await;
    browser
        .click(r#"#service-status option[value="active"]"#)
        .await;
    browser.click(r#"#add-service button[type="submit"]"#).await;
    let services = browser
        .wait_for_text("#services", "Trauma counsellor, Speranta centre")
        .await;
    assert!(services.contains("Counselling"), "{services}");
    assert!(services.contains("01/09/2025"), "{services}");

    // An outcome assessment: the chart and its table appear.
    journey::fill_date(&browser, "#assessed_on", "2025-09-15").await;
    browser.click(r#"#safety\.0 option[value="2"]"#).await;
    browser
        .click(r#"form[action$="/care/assessments"] button[type="submit"]"#)
        .await;
    browser.wait_for("figure svg").await;
    let table = browser.wait_for_text("#scores", "15/09/2025").await;
    assert!(table.contains("2.67"), "safety mean (2+3+3)/3: {table}");
    assert!(
        care.ends_with(&browser.path().await),
        "back on the care page: {care}"
    );

    // A story (issue 13): the survivor's own name is refused as pseudonym, on the form, with
    // the text kept; then the draft is saved, and publishing without storytelling consent is
    // refused with the reason on the care page.
    let text = "She found work she chose and now trains others to spot the signs.";
    browser.click(r#"a[href$="/care/stories/new"]"#).await;
    browser
        .wait_for_path_where("the story form", |p| p.ends_with("/care/stories/new"))
        .await;
    browser.fill("#pseudonym", "ILINCA").await;
    browser.fill("#text", text).await;
    browser
        .click(r#"form[action$="/care/stories"] button[type="submit"]"#)
        .await;
    browser.wait_for("#pseudonym-error").await;
    browser
        .wait_for_path_where("the story form again", |p| p.ends_with("/care/stories"))
        .await;
    browser.clear("#pseudonym").await;
    browser.fill("#pseudonym", "Maria").await;
    browser
        .click(r#"form[action$="/care/stories"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("the care page", |p| p.ends_with("/care"))
        .await;
    let stories = browser
        .wait_for_text("#stories + p + article", "Maria")
        .await;
    assert!(stories.contains(text), "{stories}");
    browser
        .click(r#"form[action$="/publish"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_text(".error", "does not cover storytelling")
        .await;

    browser.quit().await;
}
