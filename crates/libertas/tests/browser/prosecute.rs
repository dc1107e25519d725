//! The Prosecute journey in real Chromium against the real `libertas serve`: an investigator
//! opens a case with a victim and a suspect, gives the suspect HTCDS roles, files a charge,
//! records a hearing, a conviction and a sentence with restitution to the victim, and finds
//! them all, in order, on the case timeline. Every step is a plain HTML form (no script).
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).
//! Dates are typed with the day equal to the month, so the keystrokes mean the same date
//! whether Chromium's date field is in month/day or day/month order.

use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::path::Path;

const INVESTIGATOR: &str = "ivan";

async fn add_person(browser: &Browser, case_url: &str, role: &str, given: &str, family: &str) {
    browser.goto(case_url).await;
    browser.click("details summary").await;
    browser
        .click(&format!(r#"#role option[value="{role}"]"#))
        .await;
    browser.fill("#given_name", given).await;
    browser.fill("#family_name", family).await;
    browser
        .click(r#"form[action$="/people"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("a person page", |p| p.starts_with("/people/"))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn investigator_charges_a_suspect_and_reads_the_timeline() {
    if !browser_tests_enabled("browser test of the Prosecute journey") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", "Anti-Trafficking Unit"], "");
        journey::add_user(data, "Anti-Trafficking Unit", INVESTIGATOR, "investigator");
    })
    .await;
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    journey::first_sign_in(&browser, &server, INVESTIGATOR).await;

    // A case with a victim and a suspect.
    browser.fill("#title", "Operation Wren").await;
    browser
        .click(r#"form[action="/cases"] button[type="submit"]"#)
        .await;
    let case_url = browser
        .wait_for_path_where("a case page", |p| p.starts_with("/cases/"))
        .await;
    add_person(&browser, &case_url, "victim", "Zamfira", "Oprescu").await;
    add_person(&browser, &case_url, "suspect", "Grigore", "Vulpescu").await;

    // The case page links to the proceedings.
    browser.goto(&case_url).await;
    browser.click(r#"a[href$="/proceedings"]"#).await;
    let page = browser
        .wait_for_path_where("the proceedings page", |p| p.ends_with("/proceedings"))
        .await;
    assert!(browser.source().await.contains("Grigore Vulpescu"));

    // Roles of the suspect.
    browser.click(".suspect details summary").await;
    browser
        .click(r#"input[name="roles"][value="RecruiterOrIntermediary"]"#)
        .await;
    browser
        .click(r#"input[name="roles"][value="Exploiter"]"#)
        .await;
    browser
        .click(r#"form[action$="/roles"] button[type="submit"]"#)
        .await;
    let roles = browser
        .wait_for_text(".suspect .roles", "Recruiter or intermediary")
        .await;
    assert!(roles.contains("Exploiter"), "{roles}");

    // A charge under the Modern Slavery Act, filed on 1 January 2025.
    browser.fill("#law", "Modern Slavery Act 2015").await;
    browser.fill("#section", "s.2").await;
    browser.fill("#filed_on", "01012025").await;
    browser
        .click(r#"form[action$="/charges"] button[type="submit"]"#)
        .await;
    browser.wait_for("article.charge").await;

    // A trial hearing on 3 March 2025.
    browser
        .click(r#"details:has(form[action$="/hearings"]) summary"#)
        .await;
    browser
        .fill(
            r#"form[action$="/hearings"] input[name="date"]"#,
            "03032025",
        )
        .await;
    browser
        .fill(
            r#"form[action$="/hearings"] input[name="court"]"#,
            "Southwark Crown Court",
        )
        .await;
    browser
        .click(r#"form[action$="/hearings"] option[value="trial"]"#)
        .await;
    browser
        .fill(
            r#"form[action$="/hearings"] textarea[name="outcome"]"#,
            "The survivor gave evidence behind a screen.",
        )
        .await;
    browser
        .click(r#"form[action$="/hearings"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_text("article.charge table", "Southwark Crown Court")
        .await;

    // A conviction on 6 June 2025, then the sentence with restitution to the victim.
    browser
        .click(r#"details:has(form[action$="/verdict"]) summary"#)
        .await;
    browser
        .click(r#"form[action$="/verdict"] option[value="convicted"]"#)
        .await;
    browser
        .fill(r#"form[action$="/verdict"] input[name="date"]"#, "06062025")
        .await;
    browser
        .click(r#"form[action$="/verdict"] button[type="submit"]"#)
        .await;
    browser.wait_for_text("p.verdict", "Convicted").await;
    browser
        .click(r#"details:has(form[action$="/sentence"]) summary"#)
        .await;
    browser
        .fill(
            r#"form[action$="/sentence"] input[name="prison_months"]"#,
            "48",
        )
        .await;
    browser
        .fill(r#"form[action$="/sentence"] input[name="currency"]"#, "GBP")
        .await;
    browser
        .fill(
            r#"form[action$="/sentence"] input[name^="restitution_"]"#,
            "2500",
        )
        .await;
    browser
        .click(r#"form[action$="/sentence"] button[type="submit"]"#)
        .await;
    let sentence = browser
        .wait_for_text("ul.sentence", "Zamfira Oprescu: GBP 2,500.00")
        .await;
    assert!(sentence.contains("48 months"), "{sentence}");
    assert!(
        !browser.url().await.contains("error="),
        "no form was refused on {page}"
    );

    // The timeline shows them all, in order, with days and money the reader's way.
    browser.click(r#"a[href$="/timeline"]"#).await;
    let timeline = browser.wait_for_text("ol.timeline", "Sentence").await;
    let at = |needle: &str| {
        timeline
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} on the timeline:\n{timeline}"))
    };
    let order = [
        at("01/01/2025"),
        at("Charged: Modern Slavery Act 2015 s.2"),
        at("03/03/2025"),
        at("Southwark Crown Court"),
        at("06/06/2025"),
        at("Verdict: convicted"),
        at("Sentence: 48 months"),
    ];
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "the timeline is in order:\n{timeline}"
    );
    assert!(timeline.contains("restitution to Zamfira Oprescu: GBP 2,500.00"));
    browser.quit().await;
}
