//! The Strengthen journey in real Chromium against the real `libertas serve`: a trainer signs
//! in, records a training event on `/trainings` and sees it listed with the totals by audience
//! and the average gain.
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).

use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::path::Path;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trainer_records_a_training_and_sees_the_totals() {
    if !browser_tests_enabled("browser strengthen test") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", "North Shelter"], "");
        journey::add_user(data, "North Shelter", "tina", "trainer");
    })
    .await;
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;

    journey::first_sign_in(&browser, &server, "tina").await;
    browser.wait_for_path("/").await;

    // Before: the second quarter of 2026 counts no training (trainers see published quarters
    // only). Asking publishes it, and a published quarter never changes.
    browser
        .goto(&server.url("/indicators?from=2026-04-01&to=2026-06-30"))
        .await;
    browser.wait_for("#figures").await;
    assert_eq!(browser.text(r#"dd[data-key="participants"]"#).await, "0");
    assert!(browser.text("#protected").await.contains("quarter"));
    assert!(browser.text("#published").await.contains("2026"));
    browser.goto(&server.url("/")).await;
    browser.wait_for_path("/").await;

    // The navigation leads trainers to the training page.
    browser.click(r#"a[href="/trainings"]"#).await;
    browser.wait_for_path("/trainings").await;
    browser
        .fill("#topic", "Victim-centred interviewing for investigators")
        .await;
    journey::fill_date(&browser, "#held_on", "2026-08-10").await;
    browser
        .fill("#place", "Iasi, Police Academy regional centre")
        .await;
    browser.click("#aud_police").await;
    browser.clear("#n_police").await;
    browser.fill("#n_police", "18").await;
    browser.click("#aud_prosecutor").await;
    browser.clear("#n_prosecutor").await;
    browser.fill("#n_prosecutor", "4").await;
    browser.fill("#pre_score", "48.5").await;
    browser.fill("#post_score", "72").await;
    browser
        .click(r#"#new-training button[type="submit"]"#)
        .await;

    let list = browser
        .wait_for_text(
            "#training-list",
            "Victim-centred interviewing for investigators",
        )
        .await;
    let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert!(
        words(&list).contains(&"22".into()),
        "total participants: {list}"
    );
    assert!(list.contains("+23.5"), "gain: {list}");
    let totals = browser.text("#training-totals").await;
    // Police, prosecutors, judges, social workers, others, total.
    assert_eq!(
        words(&totals)
            .iter()
            .rev()
            .take(6)
            .rev()
            .cloned()
            .collect::<Vec<_>>(),
        ["18", "4", "0", "0", "0", "22"],
        "totals: {totals}"
    );
    assert_eq!(browser.text("#mean-gain").await, "+23.5");

    // The event's own page.
    browser
        .click(r##"#training-list a[href^="/trainings/"]"##)
        .await;
    browser
        .wait_for_text("#training-topic", "Victim-centred interviewing")
        .await;
    assert_eq!(browser.text("#gain").await, "+23.5");

    // After: the third quarter, published now, counts the 22 professionals; one event and four
    // prosecutors are small counts, and police is hidden with them so 22 - 18 gives nothing away.
    browser.click(r#"a[href="/indicators"]"#).await;
    browser.wait_for_path("/indicators").await;
    browser
        .goto(&server.url("/indicators?from=2026-07-01&to=2026-09-30"))
        .await;
    browser.wait_for("#figures").await;
    assert_eq!(browser.text(r#"dd[data-key="participants"]"#).await, "22");
    assert_eq!(
        browser.text(r#"dd[data-key="training-events"]"#).await,
        "not shown"
    );
    let reach = browser.text("#table-reach").await;
    assert!(reach.contains("Prosecutors"), "{reach}");
    assert!(!reach.contains("18"), "{reach}");
    assert_eq!(reach.matches("not shown").count(), 2, "{reach}");

    // The second quarter, published before, still says what it said.
    browser
        .goto(&server.url("/indicators?from=2026-04-01&to=2026-06-30"))
        .await;
    browser.wait_for("#figures").await;
    assert_eq!(browser.text(r#"dd[data-key="participants"]"#).await, "0");

    browser.quit().await;
}
