//! Gift Aid in the store (docs/supporters.md, "Gift Aid"): declarations recorded, listed,
//! confirmed and cancelled, sealed under the supporter's key (no name or postcode in any
//! file), erased with the supporter; the claim schedule against hand-computed rows; a
//! submitted schedule never claimed twice; the roles. SQLite and (when configured)
//! PostgreSQL.

use crate::exports::files_holding;
use crate::supporter_portal::{ask, portal_messages, sign_in};
use crate::supporters::{sign_up, signed_up};
use libertas_domain::admin::Principal;
use libertas_domain::admin::Role;
use libertas_domain::people::Email;
use libertas_domain::supporters::gift_aid::{Donor, Method, Scope};
use libertas_domain::supporters::gifts::{Currency, GiftId, GiftMethod, NewGift};
use libertas_domain::supporters::SupporterId;
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::supporters::gift_aid::NewDeclaration;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::macros::date;
use time::Date;

fn donor(first: &str, last: &str, postcode: &str) -> Donor {
    Donor::parse("Mrs", first, last, "14", postcode, false).unwrap()
}

fn declaration(d: Donor, made_on: Date, method: Method) -> NewDeclaration {
    NewDeclaration {
        donor: d,
        scope: Scope::AllGifts,
        gift_id: None,
        made_on,
        method,
        confirmed_on: None,
        taxpayer_confirmed: true,
    }
}

async fn give(
    store: &Store,
    p: &Principal,
    address: &str,
    pence: i64,
    currency: &str,
    received: Date,
) -> (GiftId, SupporterId) {
    store
        .record_gift(
            p,
            &Email::parse(address).unwrap(),
            None,
            &NewGift {
                amount_minor: pence,
                currency: Currency::parse(currency).unwrap(),
                method: GiftMethod::Cheque,
                received,
                frequency: None,
            },
        )
        .await
        .unwrap()
}

async fn actions(store: &Store) -> Vec<String> {
    let q = AuditQuery {
        limit: 100_000,
        ..Default::default()
    };
    store
        .audit_events(Operator::console(), &q)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declarations_are_sealed_listed_confirmed_and_cancelled_by_the_right_roles() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let caseworker = principal(&store, "North", "cara", Role::Caseworker).await;
        let south = principal(&store, "South", "sam", Role::FundraisingManager).await;
        let (_, ada) = give(
            &store,
            &finn,
            "ada@example.org",
            1000,
            "GBP",
            date!(2026 - 05 - 01),
        )
        .await;

        let written = declaration(
            donor("Adelheid", "Quenby-Marsh", "zx9 9qq"),
            date!(2026 - 05 - 02),
            Method::Written,
        );
        // Only the fundraising manager records; case roles are refused; another
        // organisation's manager does not find her.
        for (who, want) in [
            (&care, "forbidden"),
            (&caseworker, "forbidden"),
            (&south, "not found"),
        ] {
            let got = store.record_gift_aid_declaration(who, ada, &written).await;
            match (want, got) {
                ("forbidden", Err(StoreError::Forbidden))
                | ("not found", Err(StoreError::NotFound)) => {}
                (w, g) => panic!("{backend}: wanted {w}, got {g:?}"),
            }
        }
        let mut untaxed = written.clone();
        untaxed.taxpayer_confirmed = false;
        let e = store
            .record_gift_aid_declaration(&finn, ada, &untaxed)
            .await
            .unwrap_err();
        assert_eq!(
            e.field().map(|f| f.field.as_str()),
            Some("taxpayer"),
            "{backend}"
        );
        let mut one_gift = written.clone();
        one_gift.scope = Scope::ThisGift;
        let e = store
            .record_gift_aid_declaration(&finn, ada, &one_gift)
            .await
            .unwrap_err();
        assert_eq!(
            e.field().map(|f| f.field.as_str()),
            Some("gift_id"),
            "{backend}"
        );

        let w = store
            .record_gift_aid_declaration(&finn, ada, &written)
            .await
            .unwrap();
        let oral = store
            .record_gift_aid_declaration(
                &finn,
                ada,
                &declaration(
                    donor("Ada", "Quenby", "ZX9 9QQ"),
                    date!(2026 - 05 - 03),
                    Method::Oral,
                ),
            )
            .await
            .unwrap();

        // Supporter care reads them; case roles do not.
        let list = store.gift_aid_declarations(&care, ada).await.unwrap();
        assert_eq!(list.len(), 2, "{backend}");
        assert_eq!(list[0].id, oral.to_string(), "{backend}: newest first");
        let d = list[1].donor.clone().unwrap();
        assert_eq!(
            (d.last_name.as_str(), d.postcode.as_deref()),
            ("Quenby-Marsh", Some("ZX9 9QQ"))
        );
        assert!(
            list[1].wording.contains("past 4 years to North"),
            "{backend}"
        );
        assert!(matches!(
            store.gift_aid_declarations(&caseworker, ada).await,
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(
            store.gift_aid_declarations(&south, ada).await,
            Err(StoreError::NotFound)
        ));

        // The oral one is confirmed in writing; confirming twice finds nothing.
        store
            .confirm_gift_aid_declaration(&finn, oral, date!(2026 - 05 - 04))
            .await
            .unwrap();
        assert!(matches!(
            store
                .confirm_gift_aid_declaration(&finn, oral, date!(2026 - 05 - 05))
                .await,
            Err(StoreError::NotFound)
        ));
        // Cancelled once; again is not found; supporter care may not.
        assert!(matches!(
            store
                .cancel_gift_aid_declaration(&care, w, date!(2026 - 06 - 01), true)
                .await,
            Err(StoreError::Forbidden)
        ));
        store
            .cancel_gift_aid_declaration(&finn, w, date!(2026 - 06 - 01), true)
            .await
            .unwrap();
        assert!(matches!(
            store
                .cancel_gift_aid_declaration(&finn, w, date!(2026 - 06 - 01), true)
                .await,
            Err(StoreError::NotFound)
        ));
        let list = store.gift_aid_declarations(&finn, ada).await.unwrap();
        assert_eq!(list[0].confirmed_on.as_deref(), Some("2026-05-04"));
        assert_eq!(
            (
                list[1].cancelled_on.as_deref(),
                list[1].cancelled_by.as_deref()
            ),
            (Some("2026-06-01"), Some("donor"))
        );

        let seen = actions(&store).await;
        for a in [
            "gift_aid.declare",
            "gift_aid.read",
            "gift_aid.confirm",
            "gift_aid.cancel",
        ] {
            assert!(seen.iter().any(|s| s == a), "{backend}: {a}");
        }
        store.close().await;
        for needle in ["Adelheid", "Quenby", "ZX9 9QQ", "ZX9"] {
            assert_eq!(
                files_holding(&t.config.data_dir, needle),
                Vec::<String>::new(),
                "{backend}: {needle}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_schedule_holds_exactly_the_eligible_gifts_and_none_twice() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let (from, to) = (date!(2022 - 01 - 01), date!(2026 - 12 - 31));
        // Bea: all gifts, made 2026-06-01: 2022-06-01 is inside the look-back, 2022-05-31
        // is not; a euro gift never counts.
        let (_, bea) = give(
            &store,
            &finn,
            "bea@example.org",
            2000,
            "GBP",
            date!(2022 - 06 - 01),
        )
        .await;
        give(
            &store,
            &finn,
            "bea@example.org",
            3000,
            "GBP",
            date!(2022 - 05 - 31),
        )
        .await;
        give(
            &store,
            &finn,
            "bea@example.org",
            4000,
            "EUR",
            date!(2026 - 07 - 01),
        )
        .await;
        give(
            &store,
            &finn,
            "bea@example.org",
            1001,
            "GBP",
            date!(2026 - 07 - 02),
        )
        .await;
        store
            .record_gift_aid_declaration(
                &finn,
                bea,
                &declaration(
                    Donor::parse(
                        "Dr",
                        "Béatrice",
                        "Orr-Ewing",
                        "Flat 2, Elm Court",
                        "ab1 2cd",
                        false,
                    )
                    .unwrap(),
                    date!(2026 - 06 - 01),
                    Method::Written,
                ),
            )
            .await
            .unwrap();
        // Cal: an oral declaration never confirmed.
        let (_, cal) = give(
            &store,
            &finn,
            "cal@example.org",
            5000,
            "GBP",
            date!(2026 - 03 - 01),
        )
        .await;
        store
            .record_gift_aid_declaration(
                &finn,
                cal,
                &declaration(
                    donor("Cal", "Ode", "CD1 1EF"),
                    date!(2026 - 01 - 01),
                    Method::Oral,
                ),
            )
            .await
            .unwrap();
        // Dee: one gift declared, the other not.
        let (dee_gift, dee) = give(
            &store,
            &finn,
            "dee@example.org",
            700,
            "GBP",
            date!(2026 - 02 - 01),
        )
        .await;
        give(
            &store,
            &finn,
            "dee@example.org",
            800,
            "GBP",
            date!(2026 - 02 - 02),
        )
        .await;
        let mut single = declaration(
            Donor::parse("", "D", "O'Neil", "The Mill", "EF2 3GH", false).unwrap(),
            date!(2026 - 02 - 01),
            Method::Written,
        );
        single.scope = Scope::ThisGift;
        single.gift_id = Some(dee_gift);
        store
            .record_gift_aid_declaration(&finn, dee, &single)
            .await
            .unwrap();
        // Eve: cancelled from 2026-04-01.
        let (_, eve) = give(
            &store,
            &finn,
            "eve@example.org",
            900,
            "GBP",
            date!(2026 - 03 - 31),
        )
        .await;
        give(
            &store,
            &finn,
            "eve@example.org",
            950,
            "GBP",
            date!(2026 - 04 - 01),
        )
        .await;
        let e = store
            .record_gift_aid_declaration(
                &finn,
                eve,
                &declaration(
                    donor("Eve", "Ash", "GH3 4JK"),
                    date!(2026 - 01 - 01),
                    Method::Written,
                ),
            )
            .await
            .unwrap();
        store
            .cancel_gift_aid_declaration(&finn, e, date!(2026 - 04 - 01), false)
            .await
            .unwrap();
        // Fay: no declaration at all.
        give(
            &store,
            &finn,
            "fay@example.org",
            1200,
            "GBP",
            date!(2026 - 05 - 05),
        )
        .await;

        let s = store.gift_aid_schedule(&finn, from, to).await.unwrap();
        let parts = s.parts();
        assert_eq!(parts.len(), 1);
        assert_eq!(
            parts[0],
            "Title,First name or initial,Last name,House name or number,Postcode,\
             Aggregated donations,Sponsored event,Donation date,Amount\r\n\
             Dr,Beatrice,Orr Ewing,\"Flat 2, Elm Court\",AB1 2CD,,,01/06/22,20.00\r\n\
             ,D,O'Neil,The Mill,EF2 3GH,,,01/02/26,7.00\r\n\
             Mrs,Eve,Ash,14,GH3 4JK,,,31/03/26,9.00\r\n\
             Dr,Beatrice,Orr Ewing,\"Flat 2, Elm Court\",AB1 2CD,,,02/07/26,10.01\r\n",
            "{backend}"
        );
        assert_eq!(
            (s.total_minor, s.gift_aid_minor),
            (2000 + 700 + 900 + 1001, 500 + 175 + 225 + 250)
        );
        let left: Vec<(&str, u64)> = s.left_out.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            left,
            [
                ("before_look_back", 1),
                ("cancelled", 1),
                ("no_declaration", 1),
                ("not_sterling", 1),
                ("oral_unconfirmed", 1),
                ("other_gift", 1)
            ],
            "{backend}"
        );

        // Marking it submitted takes the schedule's digest; a stale one is refused.
        let stale = store
            .gift_aid_mark_submitted(
                &finn,
                from,
                to,
                "0123456789abcdef",
                "CLAIM-1",
                date!(2026 - 12 - 31),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(stale, StoreError::Conflicting(ref f) if f.field == "digest"),
            "{backend}"
        );
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        assert!(matches!(
            store.gift_aid_schedule(&care, from, to).await,
            Err(StoreError::Forbidden)
        ));
        let (_, n) = store
            .gift_aid_mark_submitted(&finn, from, to, &s.digest, "CLAIM-1", date!(2026 - 12 - 31))
            .await
            .unwrap();
        assert_eq!(n, 4);
        // The next schedule holds none of them; marking it again finds nothing to claim.
        let again = store.gift_aid_schedule(&finn, from, to).await.unwrap();
        assert!(again.gifts.is_empty(), "{backend}");
        assert_eq!(again.left_out.get("already_claimed"), Some(&4));
        let e = store
            .gift_aid_mark_submitted(
                &finn,
                from,
                to,
                &again.digest,
                "CLAIM-2",
                date!(2026 - 12 - 31),
            )
            .await
            .unwrap_err();
        assert_eq!(e.field().map(|f| f.field.as_str()), Some("from"));
        // A range the wrong way round names `to`.
        let e = store.gift_aid_schedule(&finn, to, from).await.unwrap_err();
        assert_eq!(e.field().map(|f| f.field.as_str()), Some("to"));
        let seen = actions(&store).await;
        assert!(seen.iter().any(|a| a == "gift_aid.schedule"));
        assert!(seen.iter().any(|a| a == "gift_aid.claim"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_declares_and_cancels_in_the_portal_and_erasure_ends_it() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let org = finn.org_id;
        let (confirm, _) = signed_up(
            &store,
            org,
            &sign_up("mira@example.org", &["stories"], None),
        )
        .await;
        store.supporter_confirm(&confirm).await.unwrap();
        portal_messages(&store).await;
        let (_, mira) = give(
            &store,
            &finn,
            "mira@example.org",
            2500,
            "GBP",
            date!(2026 - 01 - 10),
        )
        .await;
        let token = ask(
            &store,
            org,
            "mira@example.org",
            crate::supporter_portal::BROWSER,
        )
        .await
        .unwrap();
        let (_, s) = sign_in(&store, &token).await;

        assert!(store.portal_gift_aid(&s).await.unwrap().is_empty());
        let e = store
            .portal_declare_gift_aid(&s, donor("Mira", "Lindqvist", "YY1 1YY"), false)
            .await
            .unwrap_err();
        assert_eq!(e.field().map(|f| f.field.as_str()), Some("taxpayer"));
        let first = store
            .portal_declare_gift_aid(&s, donor("Mira", "Lindqvist", "YY1 1YY"), true)
            .await
            .unwrap();
        // Declaring again (she moved) replaces the one in force.
        let second = store
            .portal_declare_gift_aid(&s, donor("Mira", "Lindqvist", "YY2 2YY"), true)
            .await
            .unwrap();
        let mine = store.portal_gift_aid(&s).await.unwrap();
        assert_eq!(mine.len(), 2);
        assert_eq!(mine.iter().filter(|d| d.active()).count(), 1);
        assert_eq!(
            mine.iter().find(|d| d.active()).unwrap().id,
            second.to_string()
        );
        assert_eq!(mine[0].method, "portal");
        assert!(matches!(
            store.portal_cancel_gift_aid(&s, first).await,
            Err(StoreError::NotFound)
        ));
        store.portal_cancel_gift_aid(&s, second).await.unwrap();
        assert!(store
            .portal_gift_aid(&s)
            .await
            .unwrap()
            .iter()
            .all(|d| !d.active()));
        // The gift was received before the cancellation: still claimable.
        let s26 = store
            .gift_aid_schedule(&finn, date!(2026 - 01 - 01), date!(2026 - 01 - 31))
            .await
            .unwrap();
        assert_eq!(s26.gifts.len(), 1, "{backend}");

        // Staff record another; erasure blanks and ends it, and nothing is claimable.
        store
            .record_gift_aid_declaration(
                &finn,
                mira,
                &declaration(
                    donor("Mira", "Lindqvist", "YY3 3YY"),
                    date!(2026 - 02 - 01),
                    Method::Written,
                ),
            )
            .await
            .unwrap();
        store.erase_supporter(&finn, mira, "asked").await.unwrap();
        let after = store.gift_aid_declarations(&finn, mira).await.unwrap();
        assert_eq!(after.len(), 3);
        assert!(
            after.iter().all(|d| d.donor.is_none() && !d.active()),
            "{backend}"
        );
        assert!(after
            .iter()
            .any(|d| d.cancelled_by.as_deref() == Some("erasure")));
        let s26 = store
            .gift_aid_schedule(&finn, date!(2026 - 01 - 01), date!(2026 - 01 - 31))
            .await
            .unwrap();
        assert!(s26.gifts.is_empty(), "{backend}");
        let seen = actions(&store).await;
        for a in [
            "gift_aid.portal.read",
            "gift_aid.portal.declare",
            "gift_aid.portal.cancel",
        ] {
            assert!(seen.iter().any(|s| s == a), "{backend}: {a}");
        }
        store.close().await;
        for needle in ["Lindqvist", "YY1 1YY", "YY3 3YY"] {
            assert!(
                files_holding(&t.config.data_dir, needle).is_empty(),
                "{backend}: {needle}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declarations_and_claims_survive_a_backup_and_restore() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let (from, to) = (date!(2026 - 01 - 01), date!(2026 - 12 - 31));
        let (_, una) = give(
            &store,
            &finn,
            "una@example.org",
            1600,
            "GBP",
            date!(2026 - 03 - 01),
        )
        .await;
        store
            .record_gift_aid_declaration(
                &finn,
                una,
                &declaration(
                    donor("Una", "Backwell", "BK1 1UP"),
                    date!(2026 - 03 - 01),
                    Method::Written,
                ),
            )
            .await
            .unwrap();
        let s = store.gift_aid_schedule(&finn, from, to).await.unwrap();
        store
            .gift_aid_mark_submitted(&finn, from, to, &s.digest, "CLAIM-B", date!(2026 - 04 - 01))
            .await
            .unwrap();
        let file = t.config.data_dir.join("aid.lbk");
        store
            .backup(Operator::console(), &file, "test")
            .await
            .unwrap();
        let bytes = std::fs::read(&file).unwrap();
        for needle in ["Backwell", "BK1 1UP"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{backend}: {needle} in the backup"
            );
        }
        store
            .restore(Operator::console(), &file, "test")
            .await
            .unwrap();
        let list = store.gift_aid_declarations(&finn, una).await.unwrap();
        assert_eq!(list.len(), 1, "{backend}");
        assert_eq!(
            list[0].donor.as_ref().map(|d| d.last_name.as_str()),
            Some("Backwell")
        );
        let again = store.gift_aid_schedule(&finn, from, to).await.unwrap();
        assert!(
            again.gifts.is_empty(),
            "{backend}: claimed again after a restore"
        );
        assert_eq!(again.left_out.get("already_claimed"), Some(&1));
    }
}
