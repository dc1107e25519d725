//! The Learn journeys in real Chromium at phone width, on the demo data (`libertas demo`): the
//! analyst runs a hidden-victim estimate from the form, reads it, downloads the suppressed
//! capture-history table and goes Back without running it twice; the caseworker reviews the
//! demo's duplicate pair, merges it, undoes the merge from the kept record's page, and exports
//! the cases list from the export page through its job page. Every page is checked with
//! axe-core and must not scroll sideways.
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).

use crate::a11y;
use crate::server;
use crate::server::{browser_tests_enabled, Server, CHROMEDRIVER, CHROMIUM, DEMO_PASSWORD};
use crate::webdriver::Browser;
use std::path::Path;

/// Signs in a demo user (no password change, the second factor waived) and waits for home.
async fn demo_sign_in(browser: &Browser, server: &Server, username: &str) {
    browser.goto(&server.url("/login")).await;
    browser.fill("#username", username).await;
    browser.fill("#password", DEMO_PASSWORD).await;
    browser
        .click(r#"form[action="/login"] button[type="submit"]"#)
        .await;
    browser.wait_for_path("/").await;
}

/// Rows of the table `css` on the page shown.
async fn rows(browser: &Browser, css: &str) -> i64 {
    browser
        .execute(&format!(
            "return document.querySelectorAll('{css} tbody tr').length;"
        ))
        .await
        .as_i64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_estimates_and_a_caseworker_merges_and_undoes() {
    if !browser_tests_enabled("browser Learn journeys") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start_demo().await;

    // The analyst: from home to the estimate form.
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    browser.set_size(390, 844).await;
    demo_sign_in(&browser, &server, "demo-analyst").await;
    browser.click(r#"main a[href="/estimates"]"#).await;
    browser.wait_for_path("/estimates").await;
    a11y::fits_phone(&browser, "the estimate form").await;
    assert!(browser
        .text("main")
        .await
        .contains("Your organisation has not run an estimate yet"));
    // Three lists: leave out the reports and the operations, keep the default method.
    browser.click("#source-reports").await;
    browser.click("#source-police").await;
    browser
        .click(r#"#new-estimate button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("an estimate's result", |p| {
            p.starts_with("/estimates/") && p.len() > 20
        })
        .await;
    let result = browser.path().await;
    a11y::fits_phone(&browser, "an estimate's result").await;
    let main = browser.text("main").await;
    assert!(main.contains("people were on at least one list"), "{main}");
    assert!(main.contains("What this estimate rests on"), "{main}");
    assert!(main.contains("Closed population"), "{main}");
    browser.wait_for("svg[role=img] title").await;

    // The download: the suppressed capture-history table, with the page's own session.
    let csv = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const a = document.querySelector('#download-histories');
             fetch(a.href).then(r => r.text().then(t => done([r.status, r.headers.get('content-disposition'), t])))
               .catch(e => done([0, '', String(e)]));",
        )
        .await;
    assert_eq!(csv[0], 200, "{csv}");
    assert!(csv[1].as_str().unwrap().starts_with("attachment"), "{csv}");
    let body = csv[2].as_str().unwrap();
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some("identification,referrals,aftercare,count"),
        "{body}"
    );
    let mut shown = 0;
    for line in lines {
        let count = line.rsplit(',').next().unwrap();
        if !count.is_empty() {
            let n: u64 = count.parse().unwrap();
            assert!(n == 0 || n >= 5, "a small cell left the system: {body}");
            shown += n;
        }
    }
    assert!(shown > 0, "{body}");

    // Back to the form and Forward to the result again: nothing is run twice.
    browser.back().await;
    browser.wait_for_path("/estimates").await;
    browser.forward().await;
    browser.wait_for_path(&result).await;
    browser.wait_for("#summary").await;
    browser.goto(&server.url("/estimates")).await;
    browser.wait_for("#past-estimates").await;
    assert_eq!(
        rows(&browser, "#past-estimates").await,
        1,
        "Back or Forward re-ran it"
    );
    browser.quit().await;

    // The caseworker: the duplicates queue, the pair, merge, undo from the kept record.
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    browser.set_size(390, 844).await;
    demo_sign_in(&browser, &server, "demo-caseworker").await;
    browser.goto(&server.url("/people")).await;
    browser.click(r#"main a[href="/people/duplicates"]"#).await;
    browser.wait_for_path("/people/duplicates").await;
    a11y::fits_phone(&browser, "the duplicates queue").await;
    browser
        .click(r#"main a[href^="/people/duplicates/"]"#)
        .await;
    browser
        .wait_for_path_where("a duplicate pair", |p| {
            p.starts_with("/people/duplicates/") && p.len() > 25
        })
        .await;
    a11y::fits_phone(&browser, "a duplicate pair").await;
    let pair = browser.text("main").await;
    assert!(
        pair.contains("Ioana Munteanu") && pair.contains("Ioanna Munteanu"),
        "{pair}"
    );
    browser
        .click(r#"form[action$="/merge"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_path_where("the kept record", |p| {
            p.starts_with("/people/") && !p.starts_with("/people/duplicates")
        })
        .await;
    let kept = browser.path().await;
    a11y::fits_phone(&browser, "the kept record after a merge").await;
    let merged = browser
        .wait_for_text("#person-merges", "was merged into this one")
        .await;
    assert!(!merged.contains("(undone)"), "{merged}");
    // The queue no longer offers the pair; its history has the merge.
    browser.goto(&server.url("/people/duplicates")).await;
    browser.wait_for_path("/people/duplicates").await;
    assert!(!browser.text("main").await.contains("Ioanna Munteanu"));
    browser.back().await;
    browser.wait_for_path(&kept).await;

    // Undo from the kept record's page: back on the page, the merge marked undone.
    browser
        .click(r#"#person-merges form[action$="/undo"] button[type="submit"]"#)
        .await;
    browser.wait_for_text("#person-merges", "(undone)").await;
    assert_eq!(browser.path().await, kept);
    a11y::fits_phone(&browser, "the kept record after an undo").await;
    // The pair is open again in the queue.
    browser.goto(&server.url("/people/duplicates")).await;
    browser.wait_for_text("main", "Ioanna Munteanu").await;
    // The export page, from home: the passphrase is shown before anything is downloaded.
    browser.goto(&server.url("/")).await;
    browser.click(r#"main a[href="/exports"]"#).await;
    browser.wait_for_path("/exports").await;
    a11y::fits_phone(&browser, "the export page").await;
    // The export runs as a job: its page shows the progress, then the download link.
    browser.click(r#"#export-form button[type="submit"]"#).await;
    browser
        .wait_for_path_where("an export's progress", |p| p.starts_with("/exports/jobs/"))
        .await;
    let ready = browser
        .wait_for_text("#export-job", "Download cases.csv")
        .await;
    assert!(ready.contains(" of "), "{ready}");
    a11y::fits_phone(&browser, "a finished export").await;
    let file = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const a = document.querySelector('#export-download');
             fetch(a.href).then(r => r.text().then(t => done([r.status, r.headers.get('content-disposition'), t])))
               .catch(e => done([0, '', String(e)]));",
        )
        .await;
    assert_eq!(file[0], 200, "{file}");
    assert_eq!(file[1], "attachment; filename=\"cases.csv\"", "{file}");
    assert!(file[2].as_str().unwrap().starts_with("number,"), "{file}");
    browser.quit().await;
}
