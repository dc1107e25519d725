//! The lists the home's remaining counts link to, decided in the store: each count equals
//! the total of its list for the same reader, a reader outside the cases (or the
//! organisation) gets nothing, a role without the work gets `Forbidden`. SQLite and (when
//! configured) PostgreSQL. Evidence and hearings are driven through HTTP in the web crate's
//! `justice_lists` tests, on both backends too.

use libertas_domain::admin::Role;
use libertas_domain::cases::referrals::{
    HelpKind, NewPartner, NewReferral, OverrideReason, ReferralKind, ReferralStatus,
};
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{NewPerson, PersonName, PersonRole};
use libertas_domain::reports::identifiers::DefaultRegion;
use libertas_domain::reports::ReportInput;
use libertas_store::reports::QueueFilter;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::macros::date;

fn report() -> ReportInput {
    ReportInput {
        narrative: "Workers locked in at night.".into(),
        location: None,
        when: None,
        people: None,
        in_danger_now: false,
        identifiers: vec![],
        contact: None,
        safe_to_contact: None,
        contact_safety: None,
        language: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unanswered_reports_count_what_the_queue_filter_lists() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let hot = principal(&store, "North", "hot", Role::Hotline).await;
        let far = principal(&store, "South", "far", Role::Hotline).await;
        let region = DefaultRegion::default();
        let mut receipts = vec![];
        for _ in 0..3 {
            let s = store
                .submit_public_report(hot.org_id, &report(), region)
                .await
                .unwrap();
            receipts.push(s.receipt);
        }
        for r in &receipts[..2] {
            store
                .follow_up(r, Some("Is anyone coming?"))
                .await
                .unwrap()
                .unwrap();
        }
        let unanswered = QueueFilter {
            unanswered: true,
            ..Default::default()
        };
        let count = store.report_work(&hot).await.unwrap().unanswered;
        let listed = store.report_queue(&hot, &unanswered).await.unwrap();
        assert_eq!((count, listed.total), (2, 2), "{backend}");
        assert_eq!(listed.reports.len(), 2, "{backend}");
        let all = store.report_queue(&hot, &QueueFilter::default()).await;
        assert_eq!(all.unwrap().total, 3, "{backend}: the filter narrows");
        let theirs = store.report_queue(&far, &unanswered).await.unwrap();
        assert_eq!(theirs.total, 0, "{backend}: another organisation");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referrals_waiting_count_what_the_outgoing_list_lists() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let bob = principal(&store, "North", "bob", Role::Caseworker).await;
        let adm = principal(&store, "North", "adm", Role::Admin).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let far = principal(&store, "South", "far", Role::Caseworker).await;
        let case = store
            .create_case(&ana, &CaseTitle::parse("Operation Kestrel").unwrap(), "t")
            .await
            .unwrap();
        let person = NewPerson {
            role: PersonRole::Victim,
            given_name: PersonName::parse("Zenovia").unwrap(),
            family_name: PersonName::parse("Cârlig").unwrap(),
            birth_date: None,
            gender: None,
            citizenship: vec![],
            languages: vec![],
            phone: None,
            email: None,
            identity_numbers: vec![],
            trafficking_status: None,
        };
        let (pid, _) = store.add_person(&ana, case.id, &person, "t").await.unwrap();
        let kinds = vec!["legal".to_owned()];
        let langs = vec!["ro".to_owned()];
        let partner = store
            .create_partner(
                &adm,
                &NewPartner::parse("Legal aid", &kinds, "Iași", &langs, "Call", "112").unwrap(),
                None,
                "t",
            )
            .await
            .unwrap();
        let new = NewReferral {
            person: pid,
            partner_id: partner.id,
            kind: ReferralKind::Referral,
            services: vec![HelpKind::Legal],
            note: None,
            child: false,
            override_reason: Some(OverrideReason::parse("Threats received last night").unwrap()),
            safeguarding_note: None,
        };
        for _ in 0..2 {
            store
                .create_referral(&ana, case.id, &new, date!(2026 - 01 - 10), "t")
                .await
                .unwrap();
        }
        let today = date!(2026 - 01 - 10);
        let waiting = store
            .case_work(&ana, today)
            .await
            .unwrap()
            .referrals_waiting;
        let (list, total) = store
            .outgoing_referrals_page(&ana, Some(ReferralStatus::Requested), 0, "t")
            .await
            .unwrap();
        assert_eq!((waiting, total, list.len()), (2, 2, 2), "{backend}");
        assert!(list.iter().all(|r| r.person_name.is_some() && !r.incoming));
        let (_, done) = store
            .outgoing_referrals_page(&ana, Some(ReferralStatus::Done), 0, "t")
            .await
            .unwrap();
        assert_eq!(done, 0, "{backend}: the status filter narrows");
        for outsider in [&bob, &far] {
            let (list, total) = store
                .outgoing_referrals_page(outsider, None, 0, "t")
                .await
                .unwrap();
            assert_eq!(
                (list.len(), total),
                (0, 0),
                "{backend}: {}",
                outsider.username
            );
        }
        assert!(matches!(
            store.outgoing_referrals_page(&ann, None, 0, "t").await,
            Err(StoreError::Forbidden)
        ));
    }
}
