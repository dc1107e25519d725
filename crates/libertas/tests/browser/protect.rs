//! The referral journey in real Chromium against the real `libertas serve`: a caseworker
//! records a victim's consent to data sharing on the care page, refers them to a partner of
//! the directory from the case's referrals page, and sees the referral listed as requested.
//!
//! The HTTP tests check each route; the browser shows that the forms (checkbox groups, selects,
//! CSRF tokens) join up without JavaScript as a caseworker would use them.
//!
//! Gated like every browser journey (`server::browser_tests_enabled`).

use crate::journey;
use crate::server;
use crate::server::{
    browser_tests_enabled, libertas, libertas_command, Server, CHROMEDRIVER, CHROMIUM,
};
use crate::webdriver::Browser;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};

const ORG: &str = "North Shelter";
const PARTNER: &str = "Casa Luminii emergency shelter";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_consent_refer_a_victim_and_see_the_referral_requested() {
    if !browser_tests_enabled("browser_protect test") {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let token = Arc::new(Mutex::new(String::new()));
    let keep = token.clone();
    let server = Server::start(move |data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", ORG], "");
        for (user, role) in [("ana", "caseworker"), ("boss", "admin")] {
            journey::add_user(data, ORG, user, role);
        }
        let out = libertas_command(data)
            .args(["token", "create", "--username", "boss"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success());
        *keep.lock().unwrap() = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    })
    .await;
    // The administrator puts one partner in the directory (through the API).
    let admin_token = token.lock().unwrap().clone();
    let res = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(server.url("/api/v1/partners"))
        .bearer_auth(&admin_token)
        .json(&serde_json::json!({
            "name": PARTNER, "kinds": ["shelter", "counselling"], "area": "Iași county",
            "languages": ["ro", "uk"], "how_to_refer": "Phone the night coordinator.",
            "contact": "+40 232 000 451"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), reqwest::StatusCode::CREATED);

    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;
    // First login: password change and TOTP enrolment.
    journey::first_sign_in(&browser, &server, "ana").await;

    // A case with a victim.
    browser.wait_for_path("/").await;
    browser.fill("#title", "Operation Heron").await;
    browser
        .click(r#"form[action="/cases"] button[type="submit"]"#)
        .await;
    let case_url = browser
        .wait_for_path_where("a case page", |p| p.starts_with("/cases/"))
        .await;
    browser.click("details summary").await;
    browser.click(r#"#role option[value="victim"]"#).await;
    browser.fill("#given_name", "Ilinca").await;
    browser.fill("#family_name", "Vlad").await;
    browser
        .click(r#"form[action$="/people"] button[type="submit"]"#)
        .await;
    let person_url = browser
        .wait_for_path_where("a person page", |p| p.starts_with("/people/"))
        .await;

    // Consent to data sharing, recorded on the care page.
    // The person page after adding carries `?added=1` (the duplicate check): drop it.
    let person_url = person_url.split('?').next().unwrap_or_default().to_owned();
    browser.goto(&format!("{person_url}/care")).await;
    for q in [
        "interview",
        "purpose_explained",
        "data_use",
        "data_sharing",
        "right_to_see_explained",
        "withdrawal_explained",
    ] {
        browser
            .click(&format!(
                r#"form[action$="/care/consents"] input[name="{q}"]"#
            ))
            .await;
    }
    browser.fill("#retention_months", "60").await;
    browser
        .click(r#"form[action$="/care/consents"] button[type="submit"]"#)
        .await;
    browser
        .wait_for_text(r#"#consent-current dd[data-key="data_sharing"]"#, "yes")
        .await;

    // The referral, from the case's referrals page (linked from the case page).
    browser.goto(&case_url).await;
    browser.click(r#"a[href$="/referrals"]"#).await;
    browser
        .wait_for_path_where("the referrals page", |p| p.ends_with("/referrals"))
        .await;
    let source = browser.source().await;
    assert!(
        source.contains(PARTNER),
        "the directory's partner is offered:\n{source}"
    );
    browser
        .click(r#"#refer-form input[name="services"][value="shelter"]"#)
        .await;
    browser
        .fill("#note", "Needs a safe bed tonight; speaks Romanian.")
        .await;
    browser
        .click(r##"#refer-form button[type="submit"]"##)
        .await;
    let text = browser
        .wait_for_text(r#"#referrals tr[data-status="requested"]"#, PARTNER)
        .await;
    assert!(
        text.contains("Ilinca Vlad"),
        "the referral names the person: {text}"
    );
    assert!(
        text.contains("Requested"),
        "the referral is requested: {text}"
    );
    assert!(
        text.contains("Consent"),
        "it rests on the recorded consent: {text}"
    );
    let source = browser.source().await;
    assert!(
        !source.contains("class=\"error\""),
        "no error shown:\n{source}"
    );
    browser.quit().await;
}
