//! The Gift Aid pages in the access matrix (`/supporters/gift-aid`, docs/supporters.md "Gift
//! Aid"): anonymous callers are sent to sign in, every case role (the administrator
//! included) is refused, another organisation's fundraising manager finds nobody of North's
//! (404) and an empty schedule of their own, supporter care reads declarations but may not
//! record, confirm, cancel, schedule or claim (403), the fundraising manager does all.

use crate::access::matrix::{check_pages, expect, form, page, Caller};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_domain::people::Email;
use libertas_domain::supporters::gift_aid::{Donor, Method, Scope};
use libertas_domain::supporters::gifts::{Currency, GiftMethod, NewGift};
use libertas_store::supporters::gift_aid::NewDeclaration;
use libertas_store::testing::backends;
use time::macros::date;

pub async fn gift_aid_pages_as_every_kind_of_caller() {
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
        let maker = libertas_store::testing::principal(
            &app.store,
            "North",
            "aid-maker",
            Role::FundraisingManager,
        )
        .await;
        let known = Email::parse("aid.donor@example.org").unwrap();
        let gift = NewGift {
            amount_minor: 2000,
            currency: Currency::parse("GBP").unwrap(),
            method: GiftMethod::Cheque,
            received: date!(2026 - 10 - 01),
            frequency: None,
        };
        let (_, donor) = app
            .store
            .record_gift(&maker, &known, None, &gift)
            .await
            .unwrap();
        let declaration = |method| NewDeclaration {
            donor: Donor::parse("", "Aida", "Donor", "3", "AB1 2CD", false).unwrap(),
            scope: Scope::AllGifts,
            gift_id: None,
            made_on: date!(2026 - 09 - 01),
            method,
            confirmed_on: None,
            taxpayer_confirmed: true,
        };
        let written = app
            .store
            .record_gift_aid_declaration(&maker, donor, &declaration(Method::Written))
            .await
            .unwrap();
        let oral = app
            .store
            .record_gift_aid_declaration(&maker, donor, &declaration(Method::Oral))
            .await
            .unwrap();
        let (from, to) = (date!(2026 - 01 - 01), date!(2026 - 12 - 31));
        let digest = app
            .store
            .gift_aid_schedule(&maker, from, to)
            .await
            .unwrap()
            .digest;

        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "admin").await,
            Caller::signed_in(&app, "caseworker").await,
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "southfund").await,
            Caller::signed_in(&app, "care").await,
            Caller::signed_in(&app, "fundraiser").await,
        ];
        let record = [
            ("method", "written"),
            ("made_on", "2026-10-02"),
            ("scope", "all_gifts"),
            ("first_name", "Aida"),
            ("last_name", "Donor"),
            ("house", "3"),
            ("postcode", "AB1 2CD"),
            ("taxpayer", "yes"),
        ];
        let submit = [
            ("from", "2026-01-01"),
            ("to", "2026-12-31"),
            ("digest", digest.as_str()),
            ("reference", "CLAIM-7"),
            ("submitted_on", "2026-12-31"),
        ];
        let rows = [
            page("/supporters/gift-aid", [303, 403, 403, 403, 200, 200, 200]),
            page(
                "/supporters/gift-aid?from=2026-01-01&to=2026-12-31",
                [303, 403, 403, 403, 200, 403, 200],
            ),
            page(
                "/supporters/gift-aid/schedule.csv?from=2026-01-01&to=2026-12-31",
                [303, 403, 403, 403, 200, 403, 200],
            ),
            form(
                "/supporters/gift-aid/find",
                &[("email", "aid.donor@example.org")],
                [303, 403, 403, 403, 303, 303, 303],
            ),
            page(
                format!("/supporters/gift-aid/donors/{donor}"),
                [303, 403, 403, 403, 404, 200, 200],
            ),
            form(
                format!("/supporters/gift-aid/donors/{donor}"),
                &record,
                [303, 403, 403, 403, 404, 403, 303],
            ),
            form(
                format!("/supporters/gift-aid/declarations/{oral}/confirm"),
                &[("confirmed_on", "2026-09-02")],
                [303, 403, 403, 403, 404, 403, 303],
            ),
            // South has nothing to claim: 400 naming `from`.
            form(
                "/supporters/gift-aid/submit",
                &submit,
                [303, 403, 403, 403, 400, 403, 303],
            ),
            form(
                format!("/supporters/gift-aid/declarations/{written}/cancel"),
                &[("by", "donor")],
                [303, 403, 403, 403, 404, 403, 303],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;

        // Exactly the fundraiser's changes happened: one declaration added, the oral one
        // confirmed, the written one cancelled, the gift claimed once.
        let list = app
            .store
            .gift_aid_declarations(&maker, donor)
            .await
            .unwrap();
        let cancelled = list.iter().filter(|d| !d.active()).count();
        let confirmed = list.iter().filter(|d| d.confirmed_on.is_some()).count();
        expect(list.len() == 3 && cancelled == 1 && confirmed == 1, || {
            format!("{backend}: refused callers changed the declarations: {list:?}")
        });
        let again = app.store.gift_aid_schedule(&maker, from, to).await.unwrap();
        expect(
            again.gifts.is_empty() && again.left_out.get("already_claimed") == Some(&1),
            || format!("{backend}: the claim was not recorded once: {again:?}"),
        );
        app.stop().await;
    }
}
