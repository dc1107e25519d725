//! Issue 13's first browser journey, in real Chromium against the real `libertas serve` with
//! its real sender and a real SMTP server (aiosmtpd): a member of the public signs up for
//! updates, confirms by the link in the message that arrived, receives an update composed
//! and sent by supporter-care staff, and unsubscribes from it in one click; nothing more
//! arrives. Every page on the way is checked with axe-core.
//!
//! Gated like every browser journey (`server::browser_tests_enabled`), and on aiosmtpd.

use crate::a11y;
use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::smtp_sink::{self, Received, SmtpSink};
use crate::webdriver::Browser;
use std::path::Path;
use std::time::Duration;

const ORG: &str = "North Shelter";
const CARE: &str = "sonia";
const ADDRESS: &str = "ana.supporter@example.org";
const SUBJECT: &str = "News from the bakery";
const LINE: &str = "This winter the bakery trained six apprentices.";

/// The public form submits only after its script has found the proof-of-work stamp.
const PROOF_OF_WORK: Duration = Duration::from_secs(20);

/// The first link in `m`'s text (the text part of a multipart message) under `path`.
pub(crate) fn link(m: &Received, path: &str) -> String {
    let parts = m.parts();
    let text = parts
        .iter()
        .find(|p| {
            p.header("content-type")
                .is_some_and(|c| c.starts_with("text/plain"))
        })
        .map_or(m.body.as_str(), |p| p.body.as_str());
    let at = text
        .find(path)
        .unwrap_or_else(|| panic!("no {path} link in:\n{text}"));
    let start = text[..at].rfind("http").expect("the link is absolute");
    text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_end_matches(['>', ')', '.'])
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_confirm_receive_an_update_and_unsubscribe_in_one_click() {
    if !browser_tests_enabled("browser journey of e-mail updates") || !smtp_sink::available() {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let sink = SmtpSink::start(smtp_sink::free_port());
    let port = sink.port;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        // The first organisation receives public sign-ups.
        libertas(data, &["org", "add", ORG], "");
        journey::add_user(data, ORG, CARE, "supporter_care");
        std::fs::write(
            data.join("libertas.toml"),
            format!(
                "[mail]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\n\
                 from = \"Libertas updates <updates@libertas.test>\"\n\
                 retry_base_secs = 1\npoll_secs = 1\n"
            ),
        )
        .unwrap();
    })
    .await;
    let chromedriver = Path::new(CHROMEDRIVER);
    let chromium = Path::new(CHROMIUM);

    // 1. The public sign-up form, without an account.
    let public = Browser::start(chromedriver, chromium).await;
    public.goto(&server.url("/updates/signup")).await;
    a11y::check(&public, "the sign-up form").await;
    public.fill("#email", ADDRESS).await;
    public
        .click(r#"#signup-form input[name="interests"][value="stories"]"#)
        .await;
    public.click(r#"#signup-form button[type="submit"]"#).await;
    public
        .wait_for_within(r#"main p[role="status"]"#, PROOF_OF_WORK)
        .await;
    assert_eq!(public.path().await, "/updates/signup/sent");
    a11y::check(&public, "the page after signing up").await;

    // 2. Only the confirmation arrives; its link confirms after one more press.
    let got = sink.wait_for(1).await;
    assert_eq!(
        got.len(),
        1,
        "nothing but the confirmation before it is used"
    );
    assert!(got[0].header("to").unwrap_or_default().contains(ADDRESS));
    let confirm = link(&got[0], "/updates/confirm/");
    public.goto(&confirm).await;
    a11y::check(&public, "the confirmation page").await;
    public
        .click(r#"main form[action^="/updates/confirm/"] button[type="submit"]"#)
        .await;
    public.wait_for_text("main h1", "You are signed up").await;

    // 3. Supporter care composes an update about stories and sends it now.
    let care = Browser::start(chromedriver, chromium).await;
    journey::first_sign_in(&care, &server, CARE).await;
    care.goto(&server.url("/supporters")).await;
    a11y::check(&care, "the supporters overview").await;
    care.goto(&server.url("/supporters/updates/new")).await;
    a11y::check(&care, "the update form").await;
    care.fill("#subject_en", SUBJECT).await;
    care.fill(
        "#body_en",
        &format!("{LINE}\n\n**Thank you** for standing with them."),
    )
    .await;
    care.click(r#"input[name="interests"][value="stories"]"#)
        .await;
    care.click(r#"main form[action="/supporters/updates"] button[type="submit"]"#)
        .await;
    care.wait_for_path_where("the update's page", |p| {
        p.starts_with("/supporters/updates/") && p != "/supporters/updates/new"
    })
    .await;
    care.wait_for("#preview").await;
    a11y::check(&care, "the update page").await;
    care.click(r#"main form[action$="/send"] button[type="submit"]"#)
        .await;

    // 4. The update arrives, text and HTML, with the one-click unsubscribe headers.
    let got = sink.wait_for(2).await;
    let update = got
        .iter()
        .find(|m| m.header("subject") == Some(SUBJECT))
        .unwrap_or_else(|| panic!("the update did not arrive: {got:?}"));
    assert!(update.header("to").unwrap_or_default().contains(ADDRESS));
    assert_eq!(
        update.header("list-unsubscribe-post"),
        Some("List-Unsubscribe=One-Click")
    );
    let header = update.header("list-unsubscribe").unwrap_or_default();
    assert!(header.contains("/updates/unsubscribe/"), "{header}");
    let texts: Vec<String> = update.parts().iter().map(|p| p.body.clone()).collect();
    assert!(
        texts.iter().any(|t| t.contains(LINE)),
        "the update's text arrived: {texts:?}"
    );
    care.wait_for_text("main", "Sent").await;

    // 5. One click on the message's link: the page's single button unsubscribes.
    let unsubscribe = link(update, "/updates/unsubscribe/");
    public.goto(&unsubscribe).await;
    a11y::check(&public, "the unsubscribe page").await;
    public
        .click(r#"main form[action^="/updates/unsubscribe/"] button[type="submit"]"#)
        .await;
    public
        .wait_for_text("main h1", "You are unsubscribed")
        .await;

    // 6. A second update reaches nobody: the address is no longer subscribed.
    care.goto(&server.url("/supporters/updates/new")).await;
    care.fill("#subject_en", "A second update").await;
    care.fill("#body_en", "Nobody should receive this.").await;
    care.click(r#"input[name="interests"][value="stories"]"#)
        .await;
    care.click(r#"main form[action="/supporters/updates"] button[type="submit"]"#)
        .await;
    care.wait_for("#preview").await;
    care.click(r#"main form[action$="/send"] button[type="submit"]"#)
        .await;
    care.wait_for_text("main", "Sent").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        sink.messages().len(),
        2,
        "nothing arrives after unsubscribing"
    );

    public.quit().await;
    care.quit().await;
}
