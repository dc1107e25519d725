//! Issue 13, the donor portal's giving in the store: a donor (who never signed up for
//! updates) signs in, sees only their own gifts, cancels their own regular gift and no one
//! else's; the staff are told until they mark it seen; a later cancellation survives the
//! restore of an older backup. SQLite and (when configured) PostgreSQL.

use crate::supporter_portal::{ask, portal_messages, sign_in};
use libertas_domain::admin::Role;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{
    CancelledBy, Currency, Frequency, GiftMethod, NewGift, RegularGiftId,
};
use libertas_domain::supporters::SupporterName;
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::macros::date;

fn gift(amount_minor: i64, frequency: Option<Frequency>) -> NewGift {
    NewGift {
        amount_minor,
        currency: Currency::parse("GBP").unwrap(),
        method: GiftMethod::DirectDebit,
        received: date!(2026 - 11 - 20),
        frequency,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_sees_only_their_giving_and_cancels_their_own_regular_gift() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let south = principal(&store, "South", "sam", Role::FundraisingManager).await;
        let pat = Email::parse("pat.partner@example.net").unwrap();
        let kim = Email::parse("kim.giver@example.net").unwrap();
        let name = SupporterName::parse("Pat Partner").unwrap();
        store
            .record_gift(
                &finn,
                &pat,
                Some(&name),
                &gift(1500, Some(Frequency::Monthly)),
            )
            .await
            .unwrap();
        store
            .record_gift(&finn, &pat, None, &gift(5000, None))
            .await
            .unwrap();
        store
            .record_gift(&finn, &kim, None, &gift(700, Some(Frequency::Monthly)))
            .await
            .unwrap();
        let kims = store.giving_by_address(&finn, &kim).await.unwrap();
        let kim_rid: RegularGiftId = kims.regular[0].id.parse().unwrap();

        // A donor never signed up for updates, yet the portal lets them in by a link.
        let token = ask(
            &store,
            finn.org_id,
            pat.as_str(),
            crate::supporter_portal::BROWSER,
        )
        .await
        .expect("a donor gets a sign-in link");
        assert_eq!(portal_messages(&store).await.len(), 1, "{backend}");
        let (_, s) = sign_in(&store, &token).await;

        let mine = store.portal_giving(&s).await.unwrap();
        assert_eq!(mine.gifts.len(), 2, "{backend}");
        assert_eq!(mine.regular.len(), 1, "{backend}");
        assert!(mine.gifts.iter().all(|g| g.amount_minor != 700));
        let rid: RegularGiftId = mine.regular[0].id.parse().unwrap();

        // Someone else's regular gift: the same answer as one that does not exist.
        assert!(matches!(
            store.portal_cancel_regular_gift(&s, kim_rid).await,
            Err(StoreError::NotFound)
        ));
        let kims = store.giving_by_address(&finn, &kim).await.unwrap();
        assert_eq!(kims.regular[0].status, "active", "{backend}");

        assert!(store.donor_cancellations(&care).await.unwrap().is_empty());
        store.portal_cancel_regular_gift(&s, rid).await.unwrap();
        assert!(matches!(
            store.portal_cancel_regular_gift(&s, rid).await,
            Err(StoreError::NotFound)
        ));
        let mine = store.portal_giving(&s).await.unwrap();
        assert_eq!(mine.regular[0].status, "cancelled", "{backend}");
        assert_eq!(mine.regular[0].cancelled_by.as_deref(), Some("donor"));

        // A staff cancellation is no notice; the donor's is, for their organisation only.
        store
            .cancel_regular_gift(&finn, kim_rid, CancelledBy::Staff)
            .await
            .unwrap();
        let told = store.donor_cancellations(&care).await.unwrap();
        assert_eq!(told.len(), 1, "{backend}");
        assert_eq!(told[0].regular_gift_id, rid.to_string());
        assert_eq!(told[0].supporter_id, mine.supporter.to_string());
        assert_eq!(
            (told[0].amount_minor, told[0].frequency.as_str()),
            (1500, "monthly")
        );
        assert!(store.donor_cancellations(&south).await.unwrap().is_empty());
        for role in [Role::Admin, Role::Caseworker, Role::Analyst, Role::Hotline] {
            let p = principal(&store, "North", role.as_str(), role).await;
            assert!(matches!(
                store.donor_cancellations(&p).await,
                Err(StoreError::Forbidden)
            ));
        }
        // Supporter care reads the notice; the fundraising manager marks it seen, once.
        assert!(matches!(
            store.donor_cancellation_seen(&care, rid).await,
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(
            store.donor_cancellation_seen(&south, rid).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.donor_cancellation_seen(&finn, kim_rid).await,
            Err(StoreError::NotFound)
        ));
        store.donor_cancellation_seen(&finn, rid).await.unwrap();
        assert!(store.donor_cancellations(&care).await.unwrap().is_empty());
        assert!(matches!(
            store.donor_cancellation_seen(&finn, rid).await,
            Err(StoreError::NotFound)
        ));

        // Audited, with codes and counts only.
        let events = store
            .audit_events(
                Operator::console(),
                &AuditQuery {
                    limit: 100_000,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let portal_cancel = events
            .iter()
            .filter(|e| e.action == "regular_gift.cancel")
            .find(|e| e.detail.to_string().contains("portal"))
            .expect("the donor's cancellation is audited");
        assert!(portal_cancel.actor_id.is_none(), "{backend}");
        assert!(events
            .iter()
            .any(|e| e.action == "gift.read" && e.reason == "portal"));
        assert!(events
            .iter()
            .any(|e| e.action == "regular_gift.notice_seen"));
        for e in events.iter().filter(|e| e.action.contains("gift")) {
            let d = e.detail.to_string();
            assert!(!d.contains('@') && !d.contains("Pat"), "{d}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restoring_an_older_backup_keeps_later_cancellations() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let pat = Email::parse("pat.partner@example.net").unwrap();
        let kim = Email::parse("kim.giver@example.net").unwrap();
        for who in [&pat, &kim] {
            store
                .record_gift(&finn, who, None, &gift(1000, Some(Frequency::Monthly)))
                .await
                .unwrap();
        }
        let file = t.dir.path().join("before.lbk");
        store.backup(Operator::console(), &file, "t").await.unwrap();

        // After the backup: Pat cancels in the portal, staff cancel Kim's.
        let token = ask(
            &store,
            finn.org_id,
            pat.as_str(),
            crate::supporter_portal::BROWSER,
        )
        .await
        .unwrap();
        let (_, s) = sign_in(&store, &token).await;
        let rid: RegularGiftId = store.portal_giving(&s).await.unwrap().regular[0]
            .id
            .parse()
            .unwrap();
        store.portal_cancel_regular_gift(&s, rid).await.unwrap();
        let kims = store.giving_by_address(&finn, &kim).await.unwrap();
        let kim_rid: RegularGiftId = kims.regular[0].id.parse().unwrap();
        store
            .cancel_regular_gift(&finn, kim_rid, CancelledBy::Staff)
            .await
            .unwrap();

        store
            .restore(Operator::console(), &file, "t")
            .await
            .unwrap();
        for (who, by) in [(&pat, "donor"), (&kim, "staff")] {
            let g = store.giving_by_address(&finn, who).await.unwrap();
            assert_eq!(g.regular[0].status, "cancelled", "{backend}: {by}");
            assert_eq!(g.regular[0].cancelled_by.as_deref(), Some(by), "{backend}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_who_signs_up_keeps_their_name_and_portal_and_is_counted() {
    use crate::supporters::{sign_up, signed_up};
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let pat = Email::parse("pat.partner@example.net").unwrap();
        let name = SupporterName::parse("Pat Partner").unwrap();
        store
            .record_gift(&finn, &pat, Some(&name), &gift(1000, None))
            .await
            .unwrap();
        let counts = store.supporter_counts(&care).await.unwrap();
        assert_eq!((counts.donors, counts.pending), (1, 0), "{backend}");

        // Anyone may type Pat's address and another name into the public form: until the
        // link is used nothing about Pat changes but the pending consent, and the name
        // recorded stays (the form is not a way to rename someone).
        let (confirm, _) = signed_up(
            &store,
            finn.org_id,
            &sign_up(pat.as_str(), &["stories"], None),
        )
        .await;
        let counts = store.supporter_counts(&care).await.unwrap();
        assert_eq!((counts.donors, counts.pending), (1, 0), "{backend}");
        let token = ask(
            &store,
            finn.org_id,
            pat.as_str(),
            crate::supporter_portal::BROWSER,
        )
        .await
        .expect("still a donor: the portal lets them in");
        let (_, s) = sign_in(&store, &token).await;
        let me = store.portal_profile(&s).await.unwrap();
        assert_eq!(me.name.as_deref(), Some("Pat Partner"), "{backend}");

        store.supporter_confirm(&confirm).await.unwrap();
        let counts = store.supporter_counts(&care).await.unwrap();
        assert_eq!((counts.donors, counts.subscribed), (0, 1), "{backend}");
        let me = store.portal_profile(&s).await.unwrap();
        assert_eq!(me.name.as_deref(), Some("Pat Partner"), "{backend}");
    }
}
