//! The donor portal in the access matrix (issue 13). Its routes need no staff account (they
//! are in `coverage.rs` PUBLIC): the sign-in pages and the link are served to anyone; the
//! portal's own pages and forms need a portal session, and everyone without one (anonymous,
//! a case role, supporter-care staff: a staff session is not a portal session) is sent to
//! `/portal/sign-in`; a signed-in supporter is served, and their forms need the portal
//! session's CSRF token.

use crate::access::matrix::{check_pages, expect, form, page, Caller};
use crate::common::{hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::Method;

/// Signs up and confirms `address`, asks for a portal link from `browser`, and returns the
/// link's path (read from the queued message).
pub(crate) async fn link_for(app: &TestApp, browser: &mut Browser, address: &str) -> String {
    let (s, _, _) = browser
        .post(
            "/updates/signup?lang=en",
            &[
                ("email", address),
                ("interests", "stories"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(s, 303);
    let confirm = next_link(app, "/updates/confirm/").await;
    browser.post(&confirm, &[]).await;
    let (s, _, _) = browser
        .post("/portal/sign-in?lang=en", &[("email", address)])
        .await;
    assert_eq!(s, 303);
    next_link(app, "/portal/link/").await
}

/// The path of the link starting with `part` in the messages waiting in the outbox.
async fn next_link(app: &TestApp, part: &str) -> String {
    let due = app.store.outbox_due(100).await.unwrap();
    let ids: Vec<String> = due.into_iter().map(|d| d.id).collect();
    let claimed = app
        .store
        .outbox_claim(&ids, time::Duration::ZERO)
        .await
        .unwrap();
    let text = claimed
        .iter()
        .map(|c| c.message.text.clone())
        .find(|t| t.contains(part))
        .unwrap();
    for c in &claimed {
        app.store.outbox_sent(&c.id).await.unwrap();
    }
    let at = text.find(part).unwrap();
    text[at..at + part.len() + 43].to_owned()
}

/// A regular gift's cancellation path for an id nobody has.
const NO_GIFT: &str = "/portal/giving/regular/0190e5a0-0000-7000-8000-000000000000/cancel?lang=en";

pub async fn portal_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "caseworker", Role::Caseworker).await;
        app.user("North", "care", Role::SupporterCare).await;

        // A supporter signed in to the portal, as a caller of the matrix.
        let mut browser = Browser::new(&app);
        let link = link_for(&app, &mut browser, "matrix@example.org").await;
        let (s, _, _) = browser.post(&link, &[]).await;
        expect(s == 303, || format!("{backend}: POST {link}: {s}"));
        let (_, _, home) = browser.get("/portal").await;
        let csrf = hidden(&home, "csrf");
        let supporter = Caller {
            name: "supporter",
            browser,
            csrf,
        };

        // Public: the sign-in, its answer and a link's button page, to anyone.
        let mut anonymous = [Caller::anonymous(&app)];
        let (s, loc, _) = anonymous[0]
            .send(
                &Method::POST,
                "/portal/sign-in?lang=en",
                &[("email", "whoever@example.org".to_owned())],
            )
            .await;
        expect(
            s == 303 && loc.as_deref() == Some("/portal/sign-in/sent?lang=en"),
            || format!("{backend}: POST /portal/sign-in: {s} {loc:?}"),
        );
        let rows = [
            page("/portal/sign-in", [200]),
            page("/portal/sign-in/sent", [200]),
            page(link.clone(), [200]),
            // Anonymous here: no binding cookie, so the used link is refused as another
            // browser's (403 before "used": nothing is told to a browser that did not ask).
            form(link.clone(), &[], [403]),
        ];
        check_pages(backend, &rows, &mut anonymous).await;
        // No sign-in waits for a code: the form sends to the sign-in, a code is refused.
        let (s, loc, _) = anonymous[0]
            .send(&Method::GET, "/portal/sign-in/code?lang=en", &[])
            .await;
        expect(
            s == 303 && loc.as_deref() == Some("/portal/sign-in?lang=en"),
            || format!("{backend}: GET /portal/sign-in/code with no sign-in: {s} {loc:?}"),
        );
        let (s, _, _) = anonymous[0]
            .send(
                &Method::POST,
                "/portal/sign-in/code?lang=en",
                &[("code", "123456".to_owned())],
            )
            .await;
        expect(s == 403, || {
            format!("{backend}: POST /portal/sign-in/code with no sign-in: {s}")
        });
        second_factor_sign_in(&app, backend).await;

        // The portal itself: anonymous, a case role, supporter-care staff, the supporter.
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "caseworker").await,
            Caller::signed_in(&app, "care").await,
            supporter,
        ];
        let to_sign_in = "/portal/sign-in?lang=en";
        for (method, path, fields) in [
            (Method::GET, "/portal?lang=en", vec![]),
            (
                Method::POST,
                "/portal/details?lang=en",
                vec![("name", "Matrix".to_owned()), ("language", "en".to_owned())],
            ),
            (
                Method::POST,
                "/portal/interests?lang=en",
                vec![("interests", "involved".to_owned())],
            ),
            (Method::GET, "/portal/giving?lang=en", vec![]),
            // No such regular gift (nor anyone's): 404 to the supporter.
            (Method::GET, NO_GIFT, vec![]),
            (Method::POST, NO_GIFT, vec![]),
            (Method::GET, "/portal/security?lang=en", vec![]),
            // A wrong code: 400 beside the field (nothing is set or waiting yet).
            (
                Method::POST,
                "/portal/security/confirm?lang=en",
                vec![("code", "123456".to_owned())],
            ),
            (
                Method::POST,
                "/portal/security/remove?lang=en",
                vec![("code", "123456".to_owned())],
            ),
            (Method::POST, "/portal/security/begin?lang=en", vec![]),
            (Method::GET, "/portal/gift-aid?lang=en", vec![]),
            (
                Method::POST,
                "/portal/gift-aid?lang=en",
                vec![
                    ("first_name", "Matrix".to_owned()),
                    ("last_name", "Donor".to_owned()),
                    ("house", "1".to_owned()),
                    ("postcode", "AB1 2CD".to_owned()),
                    ("taxpayer", "yes".to_owned()),
                ],
            ),
        ] {
            for c in callers.iter_mut() {
                let (s, loc, _) = c.send(&method, path, &fields).await;
                let ok = if c.name == "supporter" && path == NO_GIFT {
                    s == 404
                } else if c.name == "supporter" && path.contains("/security/") {
                    if path.contains("/begin") {
                        s == 303 && loc.as_deref() == Some("/portal/security?lang=en#code")
                    } else {
                        s == 400
                    }
                } else if c.name == "supporter" {
                    (method == Method::GET && s == 200)
                        || (s == 303
                            && loc
                                .as_deref()
                                .is_some_and(|l| l.contains("saved=") || l.contains("done=")))
                } else {
                    s == 303 && loc.as_deref() == Some(to_sign_in)
                };
                expect(ok, || {
                    format!("{backend}: {method} {path} as {}: {s} {loc:?}", c.name)
                });
            }
        }
        // Cancelling the supporter's own declaration (its id read from their page): only
        // with their portal session; anyone else is sent to sign in and changes nothing.
        let (_, _, mine) = callers[3]
            .send(&Method::GET, "/portal/gift-aid?lang=en", &[])
            .await;
        let at = mine
            .find("/portal/gift-aid/")
            .map(|i| i + "/portal/gift-aid/".len());
        let id = at.map(|i| mine[i..i + 36].to_owned()).unwrap_or_default();
        let cancel = format!("/portal/gift-aid/{id}/cancel?lang=en");
        for c in callers.iter_mut() {
            let (s, loc, _) = c.send(&Method::POST, &cancel, &[]).await;
            let ok = if c.name == "supporter" {
                s == 303 && loc.as_deref().is_some_and(|l| l.contains("done=cancelled"))
            } else {
                s == 303 && loc.as_deref() == Some(to_sign_in)
            };
            expect(ok, || {
                format!("{backend}: POST {cancel} as {}: {s} {loc:?}", c.name)
            });
        }
        // Giving statements: the supporter gave in 2026 and not in 2019.
        let fundraiser = libertas_store::testing::principal(
            &app.store,
            "North",
            "matrix-fund",
            Role::FundraisingManager,
        )
        .await;
        let gift = libertas_domain::supporters::gifts::NewGift {
            amount_minor: 2500,
            currency: libertas_domain::supporters::gifts::Currency::parse("GBP").unwrap(),
            method: libertas_domain::supporters::gifts::GiftMethod::Card,
            received: time::macros::date!(2026 - 02 - 01),
            frequency: None,
        };
        let address = libertas_domain::people::Email::parse("matrix@example.org").unwrap();
        app.store
            .record_gift(&fundraiser, &address, None, &gift)
            .await
            .unwrap();
        for (method, path, supporter_gets) in [
            (Method::GET, "/portal/statements?lang=en", 200),
            (Method::GET, "/portal/statements/2026.pdf?lang=en", 200),
            (Method::GET, "/portal/statements/2019.pdf?lang=en", 404),
            (Method::POST, "/portal/statements/2026/email?lang=en", 303),
            (Method::POST, "/portal/statements/2019/email?lang=en", 404),
        ] {
            for c in callers.iter_mut() {
                let (s, loc, _) = c.send(&method, path, &[]).await;
                let ok = if c.name == "supporter" {
                    s == supporter_gets
                        && (s != 303 || loc.as_deref().is_some_and(|l| l.contains("sent=2026")))
                } else {
                    s == 303 && loc.as_deref() == Some(to_sign_in)
                };
                expect(ok, || {
                    format!("{backend}: {method} {path} as {}: {s} {loc:?}", c.name)
                });
            }
        }
        // The supporter's form without the portal session's token (the staff CSRF of a
        // signed-in staff browser would not do either): 403.
        let mut bare = Caller {
            name: "supporter without token",
            browser: Browser {
                cookies: callers[3].browser.cookies.clone(),
                ..Browser::new(&app)
            },
            csrf: String::new(),
        };
        for path in [
            "/portal/details?lang=en",
            "/portal/statements/2026/email?lang=en",
        ] {
            let (s, _, _) = bare
                .send(
                    &Method::POST,
                    path,
                    &[("name", "X".to_owned()), ("language", "en".to_owned())],
                )
                .await;
            expect(s == 403, || {
                format!("{backend}: portal form {path} without token: {s}")
            });
        }
        // A portal session reaches no staff or case page.
        for path in ["/", "/cases", "/supporters"] {
            let (s, loc, _) = callers[3].send(&Method::GET, path, &[]).await;
            expect(s == 303 && loc.as_deref() == Some("/login"), || {
                format!("{backend}: GET {path} with a portal session: {s} {loc:?}")
            });
        }
        // Sign-out last: the anonymous caller and the staff are sent to the sign-in, the
        // supporter is signed out.
        for c in callers.iter_mut() {
            let (s, loc, _) = c.send(&Method::POST, "/portal/sign-out?lang=en", &[]).await;
            let want = if c.name == "supporter" {
                "/portal/sign-in?lang=en&out=1"
            } else {
                to_sign_in
            };
            expect(s == 303 && loc.as_deref() == Some(want), || {
                format!(
                    "{backend}: POST /portal/sign-out as {}: {s} {loc:?}",
                    c.name
                )
            });
        }
        let (s, loc, _) = callers[3].send(&Method::GET, "/portal?lang=en", &[]).await;
        expect(s == 303 && loc.as_deref() == Some(to_sign_in), || {
            format!("{backend}: GET /portal after signing out: {s} {loc:?}")
        });
    }
}

/// A supporter with a second factor signs in: the link sends to the code form, which the
/// right code passes (served to a caller with no staff account).
async fn second_factor_sign_in(app: &TestApp, backend: &str) {
    let mut browser = Browser::new(app);
    let link = link_for(app, &mut browser, "factor@example.org").await;
    let (s, _, _) = browser.post(&link, &[]).await;
    expect(s == 303, || format!("{backend}: POST {link}: {s}"));
    let cookie = browser
        .cookies
        .iter()
        .find(|(k, _)| k.ends_with("libertas_portal"))
        .map(|(_, v)| v.clone())
        .unwrap();
    let session = app.store.portal_session(&cookie).await.unwrap().unwrap();
    let e = app
        .store
        .portal_totp_begin(&session, &cookie)
        .await
        .unwrap();
    let secret = totp_rs::Secret::Encoded(e.secret_base32)
        .to_bytes()
        .unwrap();
    let totp = totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        secret,
        None,
        String::new(),
    )
    .unwrap();
    let now = libertas_store::clock::now().unix_timestamp() as u64;
    assert!(app
        .store
        .portal_totp_confirm(&session, &cookie, &totp.generate(now))
        .await
        .unwrap());
    libertas_store::testing::age_portal_links(&app.store, time::Duration::minutes(2))
        .await
        .unwrap();
    // Asked through the store: the sign-in form's rate limit on the many requests this
    // test sends from 127.0.0.1 is not what is tried here.
    let binding = browser
        .cookies
        .iter()
        .find(|(k, _)| k.ends_with("_browser"))
        .map(|(_, v)| v.clone())
        .unwrap();
    let org = app.store.public_reports_org(None).await.unwrap().unwrap();
    app.store
        .portal_request_link(
            org,
            &libertas_domain::people::Email::parse("factor@example.org").unwrap(),
            &binding,
            |tok, to, _, unsub| {
                libertas_domain::supporters::message::portal_link(
                    libertas_domain::i18n::Lang::En,
                    to,
                    &format!("https://x.test/portal/link/{tok}"),
                    &format!("https://x.test/updates/unsubscribe/{unsub}"),
                )
            },
        )
        .await
        .unwrap();
    let link = next_link(app, "/portal/link/").await;
    let (s, loc, _) = browser.post(&link, &[]).await;
    expect(
        s == 303 && loc.as_deref() == Some("/portal/sign-in/code?lang=en"),
        || format!("{backend}: a link with a second factor: {s} {loc:?}"),
    );
    let (s, _, _) = browser.get("/portal/sign-in/code?lang=en").await;
    expect(s == 200, || {
        format!("{backend}: GET /portal/sign-in/code: {s}")
    });
    let (s, loc, _) = browser
        .post(
            "/portal/sign-in/code?lang=en",
            &[("code", totp.generate(now + 30).as_str())],
        )
        .await;
    expect(
        s == 303 && loc.as_deref() == Some("/portal?lang=en"),
        || format!("{backend}: POST /portal/sign-in/code: {s} {loc:?}"),
    );
}
