//! The whole reporting loop in real Chromium against the real `libertas serve`: a member of the
//! public reports without an account and keeps the receipt; the hotline screens the report and
//! asks a question; the reporter reads it with the receipt and answers; the hotline sees the
//! answer.
//!
//! The HTTP tests check each route; only a browser shows that the pieces join up as a person
//! would use them: the proof-of-work script stamps and submits the public form, the receipt is
//! shown and never put in an address, and two people who share nothing but the receipt can talk.
//! The reporter and the operator each have their own Chromium (own profile, own cookies).
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).

use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::webdriver::Browser;
use std::path::Path;
use std::time::{Duration, Instant};

const ORG: &str = "North Shelter";
const OPERATOR: &str = "olga";
const NARRATIVE: &str = "Workers at the Mill Road car wash sleep in the back room";
const PHONE: &str = "07700 900123";
const QUESTION: &str = "How many workers are there?";
const ANSWER: &str = "About six; two look very young.";

/// The public form submits only after its script has found the proof-of-work stamp.
const PROOF_OF_WORK: Duration = Duration::from_secs(20);

/// The thread of messages, on the reporter's follow-up page and on the staff report page.
const THREAD: &str = r#"section[aria-labelledby="thread"]"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_report_screened_question_answered_with_the_receipt() {
    if !browser_tests_enabled("browser test of the public report loop") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let started = Instant::now();
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        // The first organisation receives the public reports.
        libertas(data, &["org", "add", ORG], "");
        journey::add_user(data, ORG, OPERATOR, "hotline");
    })
    .await;
    let chromedriver = Path::new(CHROMEDRIVER);
    let chromium = Path::new(CHROMIUM);

    // 1. The reporter, in a browser of their own with no account: the public form.
    let reporter = Browser::start(chromedriver, chromium).await;
    reporter.goto(&server.url("/report")).await;
    reporter.wait_for("#quick-exit").await;
    reporter.fill("#narrative", NARRATIVE).await;
    reporter
        .click(r#"#report-form input[name="in_danger_now"]"#)
        .await;
    reporter.fill("#identifiers", PHONE).await;
    reporter
        .click(r#"#report-form button[type="submit"]"#)
        .await;

    // The script finds the stamp and submits; the receipt page says to call the emergency
    // number first, and shows the receipt once, not in the address.
    reporter.wait_for_within("#receipt", PROOF_OF_WORK).await;
    let receipt = reporter.text("#receipt").await.trim().to_owned();
    assert!(
        receipt.len() >= 16,
        "the receipt {receipt:?} is long enough to hold 64 random bits"
    );
    reporter.wait_for(r#"main .danger[role="alert"]"#).await;
    let at = reporter.url().await;
    assert_eq!(
        reporter.path().await,
        "/report/receipt",
        "the form answers with a redirect to the receipt page, not at {at}"
    );
    assert!(
        !at.contains(&receipt),
        "the receipt must never be in an address: {at}"
    );

    // 2. The operator signs in; the report waits in the queue, marked urgent.
    let operator = Browser::start(chromedriver, chromium).await;
    journey::first_sign_in(&operator, &server, OPERATOR).await;
    operator.goto(&server.url("/reports")).await;
    let row = operator.text("tbody tr.urgent").await;
    assert!(
        row.contains("Urgent"),
        "the report of someone in danger now is marked urgent in the queue: {row:?}"
    );
    operator
        .click(r#"tbody tr.urgent a[href^="/reports/"]"#)
        .await;
    let report_url = operator
        .wait_for_path_where("a report page", |p| {
            p.starts_with("/reports/") && p != "/reports/new"
        })
        .await;
    assert_eq!(operator.text("#narrative").await, NARRATIVE);

    // Screening: harbouring, for forced labour, with the documents taken (a means: coercion).
    for (name, value) in [
        ("acts", "harbouring"),
        ("indicators", "retention_of_identity_documents"),
        ("purposes", "forced_labour"),
    ] {
        operator
            .click(&format!(
                r#"form[action$="/screening"] input[name="{name}"][value="{value}"]"#
            ))
            .await;
    }
    operator
        .click(r#"form[action$="/screening"] button[type="submit"]"#)
        .await;
    let verdict = operator.wait_for_text("#verdict", "Trafficking").await;
    assert!(
        verdict.starts_with("Trafficking:"),
        "act, means and purpose are all present: {verdict:?}"
    );
    operator.wait_for("#reasons li").await;

    // A question for the reporter.
    operator.fill("#question", QUESTION).await;
    operator
        .click(r#"form[action$="/messages"] button[type="submit"]"#)
        .await;
    operator.wait_for_text(THREAD, QUESTION).await;

    // 3. The reporter comes back with the receipt, reads the question and answers.
    reporter.goto(&server.url("/report/followup")).await;
    reporter.wait_for("#quick-exit").await;
    reporter.fill("#receipt", &receipt).await;
    reporter
        .click(r#"form[action^="/report/followup"] button[type="submit"]"#)
        .await;
    let status = reporter.text("#report-status").await;
    assert_eq!(
        status, "Being looked at",
        "a screened report is in review for the reporter"
    );
    reporter.wait_for_text(THREAD, QUESTION).await;
    let at = reporter.url().await;
    assert!(
        !at.contains(&receipt),
        "the receipt must never be in an address: {at}"
    );
    reporter.wait_for("#quick-exit").await;
    reporter.fill("#answer", ANSWER).await;
    reporter
        .click(r#"form[action^="/report/followup"] button[type="submit"]"#)
        .await;
    let thread = reporter.wait_for_text(THREAD, ANSWER).await;
    assert!(
        thread.contains(QUESTION),
        "the question stays in the reporter's thread with the answer:\n{thread}"
    );

    // 4. The operator sees the answer on the report.
    operator.goto(&report_url).await;
    let thread = operator.wait_for_text(THREAD, ANSWER).await;
    assert!(
        thread.contains(QUESTION) && thread.contains("From the reporter"),
        "the staff thread shows the question and the reporter's answer:\n{thread}"
    );

    reporter.quit().await;
    operator.quit().await;
    eprintln!(
        "browser report loop passed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Every value typed into the page's fields, joined: what the browser put back.
const FIELD_VALUES: &str =
    "return Array.from(document.querySelectorAll('input, textarea, select'))\
     .map(function (e) { return e.value; }).join('\\n');";

/// Issue 9, finding 9: a reporter on a shared phone. After the report is sent, pressing Back
/// must not show the story again (not in the page, not in a field the browser refilled), nor
/// the receipt; the same after the quick exit. The receipt page itself shows the receipt once:
/// Forward to it again shows nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_after_reporting_and_after_quick_exit_leaves_no_trace() {
    if !browser_tests_enabled("browser test of Back after a public report") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", ORG], "");
    })
    .await;
    let reporter = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    for quick_exit in [false, true] {
        let word = if quick_exit {
            "Quokkaventure"
        } else {
            "Zanzibarrow"
        };
        let what = if quick_exit {
            "after the quick exit"
        } else {
            "after submitting"
        };
        reporter.goto(&server.url("/report")).await;
        reporter.wait_for("#quick-exit").await;
        reporter
            .fill(
                "#narrative",
                &format!("The {word} farm keeps workers locked in."),
            )
            .await;
        reporter.fill("#location", &format!("{word} lane")).await;
        reporter
            .fill("#contact", &format!("{word}@example.org"))
            .await;
        reporter
            .fill("#contact_safety", &format!("{word}: evenings only"))
            .await;
        reporter
            .click(r#"#report-form button[type="submit"]"#)
            .await;
        reporter.wait_for_within("#receipt", PROOF_OF_WORK).await;
        let receipt = reporter.text("#receipt").await.trim().to_owned();
        let at = reporter.url().await;
        assert!(
            !at.contains(&receipt) && !at.contains(word),
            "nothing of the report in the address: {at}"
        );
        if quick_exit {
            reporter.click("#quick-exit").await;
            let base = server.url("/");
            let deadline = Instant::now() + Duration::from_secs(20);
            while reporter.url().await.starts_with(&base) {
                assert!(Instant::now() < deadline, "the quick exit left the site");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        reporter.back().await;
        let page = reporter
            .wait_for_path_where("a page of the site", |p| p.starts_with("/report"))
            .await;
        reporter.wait_for("#quick-exit").await;
        let source = reporter.source().await;
        let values = reporter.execute(FIELD_VALUES).await;
        let values = values.as_str().unwrap_or_default();
        assert!(
            !source.contains(word) && !values.contains(word),
            "Back {what} ({page}) shows what was reported:\nfields: {values:?}\n{source}"
        );
        assert!(
            !source.contains(&receipt),
            "Back {what} ({page}) shows the receipt"
        );
        if !quick_exit {
            // Forward returns to the receipt page: it is not shown a second time.
            reporter.forward().await;
            reporter.wait_for_path("/report/receipt").await;
            reporter.wait_for("#quick-exit").await;
            let source = reporter.source().await;
            assert!(
                !source.contains(&receipt),
                "the receipt is shown once only:\n{source}"
            );
        }
    }
    reporter.quit().await;
}
