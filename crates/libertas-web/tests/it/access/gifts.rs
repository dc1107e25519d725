//! The gift pages in the access matrix (`/supporters/gifts`, docs/supporters.md "Gifts"):
//! anonymous callers are sent to sign in, every case role (the administrator included) is
//! refused, another organisation's fundraising manager finds nobody of North's (404, or 409
//! for an address that is North's donor), supporter care reads but may not record or cancel
//! (403), the fundraising manager does everything. Both supporter roles download a donor's
//! statement.

use crate::access::matrix::{check_pages, expect, form, page, Caller};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{Currency, Frequency, GiftMethod, NewGift};
use libertas_store::testing::backends;
use reqwest::Method;

pub async fn gift_pages_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        for (user, role) in [
            ("admin", Role::Admin),
            ("caseworker", Role::Caseworker),
            ("analyst", Role::Analyst),
            ("care", Role::SupporterCare),
            ("fundraiser", Role::FundraisingManager),
        ] {
            app.user("North", user, role).await;
        }
        app.user("South", "southfund", Role::FundraisingManager)
            .await;
        // North's donor, giving monthly.
        let maker = libertas_store::testing::principal(
            &app.store,
            "North",
            "fund-maker",
            Role::FundraisingManager,
        )
        .await;
        let known = Email::parse("known.donor@example.org").unwrap();
        let monthly = NewGift {
            amount_minor: 1500,
            currency: Currency::parse("GBP").unwrap(),
            method: GiftMethod::DirectDebit,
            received: time::macros::date!(2026 - 10 - 01),
            frequency: Some(Frequency::Monthly),
        };
        app.store
            .record_gift(&maker, &known, None, &monthly)
            .await
            .unwrap();
        let giving = app.store.giving_by_address(&maker, &known).await.unwrap();
        let donor = giving.supporter;
        let regular = giving.regular[0].id.clone();

        // Another donor cancelled their regular gift in the portal: a notice for the staff.
        let leaving = Email::parse("leaving.donor@example.org").unwrap();
        app.store
            .record_gift(&maker, &leaving, None, &monthly)
            .await
            .unwrap();
        let token = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let seen_token = token.clone();
        let browser = "b".repeat(43);
        app.store
            .portal_request_link(
                maker.org_id,
                &leaving,
                &browser,
                move |tok, to, _, unsub| {
                    *seen_token.lock().unwrap() = tok.to_owned();
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
        let link = token.lock().unwrap().clone();
        let libertas_store::supporters::PortalLinkOutcome::SignedIn(cookie) = app
            .store
            .portal_use_link(&link, Some(&browser))
            .await
            .unwrap()
        else {
            panic!("{backend}: the leaving donor was not signed in");
        };
        let session = app.store.portal_session(&cookie).await.unwrap().unwrap();
        // The known donor has a second factor for the portal, for supporter care to remove.
        let known_session = {
            let browser = "k".repeat(43);
            let token = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
            let seen_token = token.clone();
            app.store
                .portal_request_link(maker.org_id, &known, &browser, move |tok, to, _, unsub| {
                    *seen_token.lock().unwrap() = tok.to_owned();
                    libertas_domain::supporters::message::portal_link(
                        libertas_domain::i18n::Lang::En,
                        to,
                        &format!("https://x.test/portal/link/{tok}"),
                        &format!("https://x.test/updates/unsubscribe/{unsub}"),
                    )
                })
                .await
                .unwrap();
            let link = token.lock().unwrap().clone();
            let libertas_store::supporters::PortalLinkOutcome::SignedIn(cookie) = app
                .store
                .portal_use_link(&link, Some(&browser))
                .await
                .unwrap()
            else {
                panic!("{backend}: the known donor was not signed in");
            };
            (
                app.store.portal_session(&cookie).await.unwrap().unwrap(),
                cookie,
            )
        };
        let e = app
            .store
            .portal_totp_begin(&known_session.0, &known_session.1)
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
        let code = totp.generate(libertas_store::clock::now().unix_timestamp() as u64);
        assert!(app
            .store
            .portal_totp_confirm(&known_session.0, &known_session.1, &code)
            .await
            .unwrap());
        let leaving_rid = app.store.portal_giving(&session).await.unwrap().regular[0]
            .id
            .clone();
        app.store
            .portal_cancel_regular_gift(&session, leaving_rid.parse().unwrap())
            .await
            .unwrap();

        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "admin").await,
            Caller::signed_in(&app, "caseworker").await,
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "southfund").await,
            Caller::signed_in(&app, "care").await,
            Caller::signed_in(&app, "fundraiser").await,
        ];
        let gift = [
            ("email", "known.donor@example.org"),
            ("amount", "15.00"),
            ("currency", "GBP"),
            ("method", "direct_debit"),
            ("received", "2026-11-01"),
            ("frequency", "monthly"),
        ];
        let rows = [
            page("/supporters/gifts", [303, 403, 403, 403, 200, 200, 200]),
            form(
                "/supporters/gifts/find",
                &[("email", "known.donor@example.org")],
                [303, 403, 403, 403, 303, 303, 303],
            ),
            form(
                "/supporters/gifts",
                &gift,
                [303, 403, 403, 403, 409, 403, 303],
            ),
            page(
                format!("/supporters/gifts/donors/{donor}"),
                [303, 403, 403, 403, 404, 200, 200],
            ),
            // The donor's statement for a year with gifts, and for one without (404).
            page(
                format!("/supporters/gifts/donors/{donor}/statements/2026.pdf"),
                [303, 403, 403, 403, 404, 200, 200],
            ),
            page(
                format!("/supporters/gifts/donors/{donor}/statements/2019.pdf"),
                [303, 403, 403, 403, 404, 404, 404],
            ),
            form(
                format!("/supporters/gifts/regular/{regular}/cancel"),
                &[("by", "donor")],
                [303, 403, 403, 403, 404, 403, 303],
            ),
            form(
                format!("/supporters/gifts/regular/{leaving_rid}/seen"),
                &[],
                [303, 403, 403, 403, 404, 403, 303],
            ),
            // Supporter care (before the fundraiser) removes the known donor's factor; the
            // fundraiser then finds none to remove.
            form(
                format!("/supporters/gifts/donors/{donor}/second-factor/remove"),
                &[],
                [303, 403, 403, 403, 404, 303, 404],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;

        // The find form sends another organisation's staff nowhere near North's donor.
        let find = [("email", "known.donor@example.org".to_owned())];
        let (_, south, _) = callers[4]
            .send(&Method::POST, "/supporters/gifts/find", &find)
            .await;
        expect(
            south.as_deref() == Some("/supporters/gifts?find=none#find-email"),
            || format!("{backend}: another organisation found North's donor: {south:?}"),
        );
        let (_, north, _) = callers[5]
            .send(&Method::POST, "/supporters/gifts/find", &find)
            .await;
        expect(
            north.as_deref() == Some(format!("/supporters/gifts/donors/{donor}").as_str()),
            || format!("{backend}: supporter care did not find the donor: {north:?}"),
        );
        // Only the fundraiser's gift was added, and the regular gift was cancelled once.
        let giving = app.store.giving(&maker, donor).await.unwrap();
        expect(
            giving.gifts.len() == 2 && giving.regular[0].status == "cancelled",
            || format!("{backend}: refused callers changed the giving: {giving:?}"),
        );
        app.stop().await;
    }
}
