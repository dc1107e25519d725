//! Gifts in the store (docs/supporters.md, "Gifts"): recorded by the fundraising manager, by
//! an import (all or nothing, idempotent by the provider's id, a changed row refused by line)
//! and by the payment webhook (each event once); donors without consent never mailed; access
//! for the supporter roles only. SQLite and (when configured) PostgreSQL.

use crate::exports::files_holding;
use crate::supporters::raw;
use libertas_domain::admin::Role;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{
    CancelledBy, Currency, Frequency, GiftMethod, NewGift, RegularGiftId,
};
use libertas_domain::supporters::SupporterName;
use libertas_store::admin::Operator;
use libertas_store::supporters::gifts::import::read_gifts;
use libertas_store::supporters::gifts::{
    GiftImportOutcome, Origin, PaymentEvent, PaymentEventKind, PaymentOutcome, ReportedGift,
};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::macros::date;

const REPORT: &str = "\
received,provider,provider_id,email,name,amount,currency,method,frequency
2026-11-03,bank,TX-1001 J DONOR,Jo.Donor@Example.net,Jo Giverson,25.00,GBP,standing_order,monthly
2026-11-04,bank,TX-1002,ana.one-off@example.net,,12.5,EUR,bank_transfer,
2026-12-03,bank,TX-1101 J DONOR,jo.donor@example.net,,25,GBP,standing_order,monthly
";

fn gift(amount_minor: i64, frequency: Option<Frequency>) -> NewGift {
    NewGift {
        amount_minor,
        currency: Currency::parse("GBP").unwrap(),
        method: GiftMethod::Cash,
        received: date!(2026 - 11 - 20),
        frequency,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_is_all_or_nothing_and_idempotent_by_the_providers_id() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let org = finn.org_id;
        let rows = read_gifts(REPORT.as_bytes()).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].gift.amount_minor, 1250);

        let out = store
            .gifts_import(Operator::console(), org, &rows)
            .await
            .unwrap();
        assert_eq!(
            out,
            GiftImportOutcome {
                added: 3,
                already: 0,
                donors_created: 2,
                regular_started: 1
            },
            "{backend}"
        );
        // The same file again changes nothing.
        let again = store
            .gifts_import(Operator::console(), org, &rows)
            .await
            .unwrap();
        assert_eq!((again.added, again.already), (0, 3), "{backend}");

        // Jo's two standing-order payments pay one regular gift, next due in January.
        let jo = Email::parse("jo.donor@example.net").unwrap();
        let giving = store.giving_by_address(&finn, &jo).await.unwrap();
        assert_eq!(giving.gifts.len(), 2, "{backend}");
        assert_eq!(giving.regular.len(), 1, "{backend}");
        let regular = &giving.regular[0];
        assert_eq!(
            (
                regular.amount_minor,
                regular.currency.as_str(),
                regular.frequency.as_str()
            ),
            (2500, "GBP", "monthly")
        );
        assert_eq!(regular.start_date, "2026-11-03");
        assert_eq!(regular.next_due, "2027-01-03", "{backend}");
        assert!(giving.gifts.iter().all(|g| g.regular_gift_id.as_deref()
            == Some(regular.id.as_str())
            && g.recorded_by == "import"));

        // Donors made from a report have no consent: nobody to mail.
        let mut c = raw(&t).await;
        let statuses: Vec<String> =
            sqlx::query_scalar("select status from supporters order by status")
                .fetch_all(&mut c)
                .await
                .unwrap();
        assert_eq!(statuses, ["donor", "donor"], "{backend}");
        let consents: i64 = sqlx::query_scalar("select count(*) from consents")
            .fetch_one(&mut c)
            .await
            .unwrap();
        let queued: i64 = sqlx::query_scalar("select count(*) from outbox")
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!((consents, queued), (0, 0), "{backend}");
        drop(c);

        // A file with a new row and one whose provider id came before with another amount:
        // refused, naming the line, and the new row is not written either.
        let changed = "provider,provider_id,email,amount,currency,method,received\n\
                       bank,TX-2000,new.donor@example.net,5.00,GBP,cash,2026-12-10\n\
                       bank,TX-1002,ana.one-off@example.net,13.50,EUR,bank_transfer,2026-11-04\n";
        let rows = read_gifts(changed.as_bytes()).unwrap();
        match store.gifts_import(Operator::console(), org, &rows).await {
            Err(StoreError::Conflicting(e)) => {
                assert_eq!(e.field, "line 3, field provider_id", "{backend}")
            }
            other => panic!("{backend}: {other:?}"),
        }
        let new = Email::parse("new.donor@example.net").unwrap();
        assert!(matches!(
            store.giving_by_address(&finn, &new).await,
            Err(StoreError::NotFound)
        ));

        // Neither the addresses, the name nor the bank's references are stored in plain.
        store.checkpoint().await.unwrap();
        for needle in ["example.net", "Jo Giverson", "J DONOR", "TX-1001"] {
            assert_eq!(
                files_holding(&t.config.data_dir, needle),
                Vec::<String>::new(),
                "{backend}: {needle}"
            );
        }
    }
}

#[test]
fn a_bad_gift_report_names_its_line_and_field() {
    let head = "provider,provider_id,email,amount,currency,method,received";
    let cases = [
        ("provider,provider_id,email,currency,method,received\n", 1, "amount"),
        (
            &*format!("{head}\nbank,1,a@example.org,25.00,GBP,cash,2026-01-01\nbank,2,a@example.org,25.001,GBP,cash,2026-01-01\n"),
            3,
            "amount",
        ),
        (&*format!("{head}\nbank,1,a@example.org,5,gbp,cash,2026-01-01\n"), 2, "currency"),
        (&*format!("{head}\nbank,1,a@example.org,5,GBP,paypal,2026-01-01\n"), 2, "method"),
        (&*format!("{head}\nbank,1,a@example.org,5,GBP,cash,2026-02-30\n"), 2, "received"),
        (&*format!("{head}\nbank,1,not-an-address,5,GBP,cash,2026-01-01\n"), 2, "email"),
        (&*format!("{head}\nBank!,1,a@example.org,5,GBP,cash,2026-01-01\n"), 2, "provider"),
        (&*format!("{head}\nbank,,a@example.org,5,GBP,cash,2026-01-01\n"), 2, "provider_id"),
        (&*format!("{head}\nbank,1,a@example.org,0.00,GBP,cash,2026-01-01\n"), 2, "amount"),
        (&*format!("{head},frequency\nbank,1,a@example.org,5,GBP,cash,2026-01-01,weekly\n"), 2, "frequency"),
        (&*format!("{head}\nbank,1,a@example.org,5,GBP,cash\n"), 2, "row"),
    ];
    for (text, line, field) in cases {
        let e = read_gifts(text.as_bytes()).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (line, field), "{text:?}: {e}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_record_and_cancel_and_only_the_supporter_roles_reach_gifts() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let south = principal(&store, "South", "sam", Role::FundraisingManager).await;
        let email = Email::parse("pat.partner@example.net").unwrap();
        let name = SupporterName::parse("Pat Partner").unwrap();
        let monthly = gift(1000, Some(Frequency::Monthly));

        // Supporter care reads but does not record; no case role reaches gifts at all.
        assert!(matches!(
            store.record_gift(&care, &email, None, &monthly).await,
            Err(StoreError::Forbidden)
        ));
        for role in [Role::Admin, Role::Caseworker, Role::Analyst, Role::Hotline] {
            let p = principal(&store, "North", role.as_str(), role).await;
            assert!(matches!(
                store.record_gift(&p, &email, None, &monthly).await,
                Err(StoreError::Forbidden)
            ));
            assert!(matches!(
                store.giving_by_address(&p, &email).await,
                Err(StoreError::Forbidden)
            ));
        }

        store
            .record_gift(&finn, &email, Some(&name), &monthly)
            .await
            .unwrap();
        store
            .record_gift(&finn, &email, None, &gift(5000, None))
            .await
            .unwrap();
        let giving = store.giving_by_address(&care, &email).await.unwrap();
        assert_eq!(giving.gifts.len(), 2, "{backend}");
        assert!(giving.gifts.iter().all(|g| g.recorded_by == "staff"));
        assert_eq!(giving.regular.len(), 1, "{backend}");
        assert_eq!(giving.regular[0].next_due, "2026-12-20");
        // Another organisation's staff find nobody.
        assert!(matches!(
            store.giving_by_address(&south, &email).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.giving(&south, giving.supporter).await,
            Err(StoreError::NotFound)
        ));

        let rid: RegularGiftId = giving.regular[0].id.parse().unwrap();
        assert!(matches!(
            store
                .cancel_regular_gift(&care, rid, CancelledBy::Donor)
                .await,
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(
            store
                .cancel_regular_gift(&south, rid, CancelledBy::Donor)
                .await,
            Err(StoreError::NotFound)
        ));
        let donor = store
            .cancel_regular_gift(&finn, rid, CancelledBy::Donor)
            .await
            .unwrap();
        assert_eq!(donor, giving.supporter);
        assert!(matches!(
            store
                .cancel_regular_gift(&finn, rid, CancelledBy::Donor)
                .await,
            Err(StoreError::NotFound)
        ));
        let giving = store.giving(&finn, donor).await.unwrap();
        assert_eq!(giving.regular[0].status, "cancelled");
        assert_eq!(giving.regular[0].cancelled_by.as_deref(), Some("donor"));

        // Every write and the reads are audited, with codes and counts only.
        let events = store
            .audit_events(
                Operator::console(),
                &libertas_store::audit::AuditQuery {
                    limit: 1000,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let count = |a: &str| events.iter().filter(|e| e.action == a).count();
        assert_eq!(count("gift.record"), 2, "{backend}");
        assert_eq!(count("regular_gift.cancel"), 1, "{backend}");
        assert_eq!(count("gift.read"), 2, "{backend}");
        for e in events.iter().filter(|e| e.action.starts_with("gift")) {
            let d = e.detail.to_string();
            assert!(!d.contains('@') && !d.contains("Pat"), "{d}");
        }
    }
}

fn succeeded(id: &str, provider_id: &str, amount: i64, subscription: Option<&str>) -> PaymentEvent {
    PaymentEvent {
        id: id.into(),
        kind: PaymentEventKind::GiftSucceeded(ReportedGift {
            origin: Origin::Event(0),
            provider: "stripe".into(),
            provider_id: provider_id.into(),
            email: Email::parse("web.donor@example.net").unwrap(),
            name: None,
            gift: NewGift {
                amount_minor: amount,
                currency: Currency::parse("EUR").unwrap(),
                method: GiftMethod::Card,
                received: date!(2026 - 11 - 05),
                frequency: subscription.map(|_| Frequency::Monthly),
            },
            subscription: subscription.map(Into::into),
        }),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_events_apply_once() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let org = finn.org_id;
        let events = [
            succeeded("evt_1", "pi_1", 2000, Some("sub_9")),
            succeeded("evt_2", "pi_2", 700, None),
        ];
        let out = store.payment_events_reported(org, &events).await.unwrap();
        assert_eq!(
            out,
            PaymentOutcome {
                gifts_added: 2,
                ..Default::default()
            },
            "{backend}"
        );
        let replay = store.payment_events_reported(org, &events).await.unwrap();
        assert_eq!(
            replay,
            PaymentOutcome {
                already: 2,
                ..Default::default()
            }
        );
        // The same payment under a new event id is still one gift.
        let again = store
            .payment_events_reported(org, &[succeeded("evt_3", "pi_1", 2000, Some("sub_9"))])
            .await
            .unwrap();
        assert_eq!((again.gifts_added, again.already), (0, 1), "{backend}");
        let cancel = |id: &str, sub: &str| PaymentEvent {
            id: id.into(),
            kind: PaymentEventKind::RegularGiftCancelled {
                provider: "stripe".into(),
                subscription: sub.into(),
                by: CancelledBy::Donor,
            },
        };
        let out = store
            .payment_events_reported(org, &[cancel("evt_4", "sub_9"), cancel("evt_5", "sub_x")])
            .await
            .unwrap();
        assert_eq!((out.cancelled, out.unknown), (1, 1), "{backend}");
        let email = Email::parse("web.donor@example.net").unwrap();
        let giving = store.giving_by_address(&finn, &email).await.unwrap();
        assert_eq!(giving.gifts.len(), 2);
        assert_eq!(giving.regular[0].status, "cancelled");
        assert_eq!(giving.regular[0].cancelled_by.as_deref(), Some("donor"));
        assert!(giving.gifts.iter().all(|g| g.recorded_by == "webhook"));
    }
}

proptest::proptest! {
    /// Any file is read or refused with a line and field, never a panic (after a valid header
    /// too, so the rows' checks are reached).
    #[test]
    fn any_report_is_read_or_refused(body in "(.|\n){0,300}") {
        let _ = read_gifts(body.as_bytes());
        let text = format!("provider,provider_id,email,amount,currency,method,received\n{body}");
        if let Err(e) = read_gifts(text.as_bytes()) {
            proptest::prop_assert!(e.line >= 1 && !e.field.is_empty());
        }
    }
}
