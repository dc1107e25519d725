//! The sign-in steps and the account pages every staff member uses (`/`, `/account/password`,
//! `/account/totp`, `/login/totp`, `/logout`): an anonymous caller is sent to `/login` from
//! each, and a returning user passes the second-factor step (here with a recovery code).
//! Signing in for the first time (`Browser::sign_in`) already serves the account pages.

use crate::access::matrix::{check_pages, expect, form, page, sign_out_all, Caller};
use crate::common::{between, hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;

/// The password `Browser::sign_in` sets at the first sign-in.
const CHANGED: &str = crate::common::SIGNED_IN_PASSWORD;

/// Signs `username` in for the first time and returns one of the recovery codes shown at
/// TOTP enrolment.
async fn first_sign_in(app: &TestApp, username: &str) -> String {
    let mut b = Browser::new(app);
    b.sign_in(username).await;
    // `sign_in` does not keep the codes: enrol again through a reset, by the CLI's path.
    app.store
        .reset_totp(libertas_store::admin::Operator::console(), username, "test")
        .await
        .unwrap();
    let mut b = Browser::new(app);
    let (_, _, html) = b.get("/login").await;
    let csrf = hidden(&html, "csrf");
    let login = [
        ("csrf", csrf.as_str()),
        ("username", username),
        ("password", CHANGED),
    ];
    let (s, _, _) = b.post("/login", &login).await;
    assert_eq!(s.as_u16(), 303);
    let (_, _, html) = b.get("/account/totp").await;
    let csrf = hidden(&html, "csrf");
    let secret = between(&html, "<code id=\"totp-secret\">", "</code>");
    let code = crate::common::totp_now(&secret);
    let (s, _, html) = b
        .post("/account/totp", &[("csrf", &csrf), ("code", &code)])
        .await;
    assert_eq!(s.as_u16(), 200, "{html}");
    between(&html, "<li><code>", "</code>")
}

pub async fn account_pages_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "ana", Role::Analyst).await;
        let recovery = first_sign_in(&app, "ana").await;

        let mut anonymous = [Caller::anonymous(&app)];
        let code = [("code", "123456")];
        let password = [
            ("current", CHANGED),
            ("new", "a third long password 3"),
            ("repeat", "a third long password 3"),
        ];
        let rows = [
            page("/", [303]),
            page("/account/password", [303]),
            form("/account/password", &password, [303]),
            page("/account/totp", [303]),
            form("/account/totp", &code, [303]),
            page("/login/totp", [303]),
            form("/login/totp", &code, [303]),
            form("/logout", &[], [303]),
        ];
        check_pages(backend, &rows, &mut anonymous).await;

        // A returning user: password, then the second-factor step, then the pages.
        let mut b = Browser::new(&app);
        let (_, _, html) = b.get("/login").await;
        let csrf = hidden(&html, "csrf");
        let login = [
            ("csrf", csrf.as_str()),
            ("username", "ana"),
            ("password", CHANGED),
        ];
        let (s, loc, _) = b.post("/login", &login).await;
        assert_eq!((s.as_u16(), loc.as_deref()), (303, Some("/")), "{backend}");
        let (s, loc, _) = b.get("/").await;
        expect(
            s.as_u16() == 303 && loc.as_deref() == Some("/login/totp"),
            || format!("{backend}: a password alone opens the home page: {s} {loc:?}"),
        );
        let (s, _, html) = b.get("/login/totp").await;
        expect(s.as_u16() == 200, || {
            format!("{backend}: GET /login/totp: {s}")
        });
        let csrf = hidden(&html, "csrf");
        let (s, loc, _) = b
            .post("/login/totp", &[("csrf", &csrf), ("code", &recovery)])
            .await;
        expect(s.as_u16() == 303 && loc.as_deref() == Some("/"), || {
            format!("{backend}: POST /login/totp with a recovery code: {s} {loc:?}")
        });
        let (s, _, html) = b.get("/").await;
        expect(s.as_u16() == 200, || {
            format!("{backend}: home after TOTP: {s}")
        });
        let mut ana = [Caller {
            name: "ana",
            browser: b,
            csrf: hidden(&html, "csrf"),
        }];
        sign_out_all(backend, &mut ana).await;
        app.stop().await;
    }
}
