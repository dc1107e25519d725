//! Steps every browser journey shares: a staff user's first sign-in (password change and TOTP
//! enrolment) and typing dates into Chromium's date fields.

use crate::server::{libertas, totp_now, Server};
use crate::webdriver::Browser;
use std::path::Path;

/// The password `libertas user add` is given; the first sign-in replaces it.
pub const FIRST_PASSWORD: &str = "a long enough password 1";
pub const NEW_PASSWORD: &str = "another long password 2";

/// Adds a staff user with [`FIRST_PASSWORD`] through the CLI.
pub fn add_user(data: &Path, org: &str, username: &str, role: &str) {
    libertas(
        data,
        &[
            "user",
            "add",
            "--org",
            org,
            "--username",
            username,
            "--role",
            role,
        ],
        FIRST_PASSWORD,
    );
}

/// First sign-in of `username`: password, forced password change, TOTP enrolment, recovery
/// codes, then the home page.
pub async fn first_sign_in(browser: &Browser, server: &Server, username: &str) {
    browser.goto(&server.url("/login")).await;
    browser.fill("#username", username).await;
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
    browser.fill("#code", &totp_now(&secret, username)).await;
    browser
        .click(r#"form[action="/account/totp"] button[type="submit"]"#)
        .await;
    browser.wait_for("ul.codes li").await;
    browser.click(r#"main a[href="/"]"#).await;
    browser.wait_for_path("/").await;
}

/// Types a date into a date field the way Chromium's en-US date control expects it.
pub async fn fill_date(browser: &Browser, css: &str, iso: &str) {
    let (y, rest) = iso.split_at(4);
    let (m, d) = (&rest[1..3], &rest[4..6]);
    browser.fill(css, &format!("{m}{d}{y}")).await;
}
