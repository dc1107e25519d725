//! The working day in real Chromium at phone width (390 × 844): each role (caseworker, hotline,
//! analyst, investigator, legal, aftercare, trainer, administrator) signs in, lands on its
//! home, follows a count or link to the list it leads to, opens a record where the role has
//! records, and no page scrolls sideways or has a serious accessibility problem.
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).

use crate::a11y;
use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::path::Path;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_follows_a_count_from_home_at_phone_width() {
    if !browser_tests_enabled("browser working-day test") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", "North Shelter"], "");
        journey::add_user(data, "North Shelter", "casey", "caseworker");
        journey::add_user(data, "North Shelter", "hana", "hotline");
        journey::add_user(data, "North Shelter", "anna", "analyst");
        journey::add_user(data, "North Shelter", "ivan", "investigator");
        journey::add_user(data, "North Shelter", "lena", "legal");
        journey::add_user(data, "North Shelter", "afra", "aftercare");
        journey::add_user(data, "North Shelter", "tina", "trainer");
        journey::add_user(data, "North Shelter", "adam", "admin");
    })
    .await;

    // The caseworker: opens two cases, then from home follows "Active" to the list.
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    browser.set_size(390, 844).await;
    journey::first_sign_in(&browser, &server, "casey").await;
    a11y::fits_phone(&browser, "the empty home").await;
    for title in [
        "Operation Lark at the harbour warehouses",
        "Farm in the hills",
    ] {
        browser.goto(&server.url("/")).await;
        browser.wait_for_path("/").await;
        browser.fill("#title", title).await;
        browser
            .click(r#"form[action="/cases"] button[type="submit"]"#)
            .await;
        browser
            .wait_for_path_where("a case page", |p| p.starts_with("/cases/"))
            .await;
        a11y::fits_phone(&browser, "the case page").await;
    }
    browser.goto(&server.url("/")).await;
    browser.wait_for_path("/").await;
    a11y::fits_phone(&browser, "the caseworker's home").await;
    // The same pages in every other language: as accessible, and no wider for longer words.
    for lang in ["ro", "uk", "ru"] {
        for path in ["/", "/cases", "/tasks"] {
            browser
                .goto(&server.url(&format!("{path}?lang={lang}")))
                .await;
            browser.wait_for(&format!(r#"html[lang="{lang}"]"#)).await;
            a11y::fits_phone(&browser, &format!("{path} in {lang}")).await;
        }
    }
    browser.goto(&server.url("/?lang=en")).await;
    browser.wait_for(r#"html[lang="en"]"#).await;
    assert!(browser.text("main").await.contains("All my cases (2)"));
    browser.click(r#"main a[href="/cases"]"#).await;
    browser.wait_for_path("/cases").await;
    a11y::fits_phone(&browser, "the list of cases").await;
    assert!(browser.text("main").await.contains("Cases found: 2"));
    // The filter lives in the URL: choose a status and show.
    browser.goto(&server.url("/cases?status=Active")).await;
    browser.wait_for_text("main", "Cases found: 2").await;
    browser.click(r#"main table a[href^="/cases/"]"#).await;
    browser
        .wait_for_path_where("a case page", |p| p.starts_with("/cases/") && p.len() > 10)
        .await;
    a11y::fits_phone(&browser, "a case opened from the list").await;
    browser.goto(&server.url("/tasks")).await;
    browser.wait_for_path("/tasks").await;
    a11y::fits_phone(&browser, "my tasks").await;
    browser.quit().await;

    // The hotline operator: the queue's counts, then the queue.
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    browser.set_size(390, 844).await;
    journey::first_sign_in(&browser, &server, "hana").await;
    a11y::fits_phone(&browser, "the hotline's home").await;
    assert!(browser.text("main").await.contains("Reports waiting"));
    browser.click(r#"main ul.counts a[href^="/reports"]"#).await;
    browser
        .wait_for_path_where("the report queue", |p| p == "/reports")
        .await;
    a11y::fits_phone(&browser, "the report queue").await;
    browser.quit().await;

    // The analyst: their pages, no personal data, and the indicators fit too.
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    browser.set_size(390, 844).await;
    journey::first_sign_in(&browser, &server, "anna").await;
    a11y::fits_phone(&browser, "the analyst's home").await;
    let home = browser.text("main").await;
    assert!(home.contains("Your pages"), "{home}");
    assert!(!home.contains("Operation Lark"), "{home}");
    browser.click(r#"main a[href="/indicators"]"#).await;
    browser.wait_for_path("/indicators").await;
    a11y::fits_phone(&browser, "the indicators").await;
    // The impact measures: the funnel from report to recovery, reached from home.
    browser.goto(&server.url("/")).await;
    browser.click(r#"main a[href="/impact"]"#).await;
    browser.wait_for_path("/impact").await;
    a11y::fits_phone(&browser, "the impact measures").await;
    let impact = browser.text("main").await;
    assert!(impact.contains("From report to recovery"), "{impact}");
    assert!(impact.contains("Assistance rate"), "{impact}");
    browser.quit().await;

    // The other case roles: open a case, then from home through the list to the case.
    for user in ["ivan", "lena", "afra"] {
        let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
        browser.set_size(390, 844).await;
        journey::first_sign_in(&browser, &server, user).await;
        a11y::fits_phone(&browser, &format!("{user}'s home")).await;
        browser.fill("#title", &format!("Case of {user}")).await;
        browser
            .click(r#"form[action="/cases"] button[type="submit"]"#)
            .await;
        browser
            .wait_for_path_where("a case page", |p| p.starts_with("/cases/"))
            .await;
        browser.goto(&server.url("/")).await;
        browser.wait_for_path("/").await;
        a11y::fits_phone(&browser, &format!("{user}'s home with a case")).await;
        browser.click(r#"main a[href="/cases"]"#).await;
        browser.wait_for_path("/cases").await;
        a11y::fits_phone(&browser, &format!("{user}'s cases")).await;
        browser.click(r#"main table a[href^="/cases/"]"#).await;
        browser
            .wait_for_path_where("a case page", |p| p.starts_with("/cases/") && p.len() > 10)
            .await;
        a11y::fits_phone(&browser, &format!("{user}'s case")).await;
        browser.quit().await;
    }

    // The trainer lands on their pages; the administrator follows a count to the accounts.
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    browser.set_size(390, 844).await;
    journey::first_sign_in(&browser, &server, "tina").await;
    a11y::fits_phone(&browser, "the trainer's home").await;
    browser.click(r#"main a[href="/trainings"]"#).await;
    browser.wait_for_path("/trainings").await;
    a11y::fits_phone(&browser, "the trainings").await;
    browser.quit().await;
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    browser.set_size(390, 844).await;
    journey::first_sign_in(&browser, &server, "adam").await;
    a11y::fits_phone(&browser, "the administrator's home").await;
    assert!(browser.text("main").await.contains("Accounts and security"));
    browser
        .click(r#"main ul.counts a[href="/admin/users"]"#)
        .await;
    browser.wait_for_path("/admin/users").await;
    a11y::fits_phone(&browser, "the accounts").await;
    browser.quit().await;
}
