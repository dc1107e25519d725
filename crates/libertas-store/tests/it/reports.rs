//! Issue 11 in the store: short report numbers, the queue's filters and pages, taking a
//! report, and urgency decided by the screening. SQLite and (when configured) PostgreSQL.

use libertas_domain::admin::Role;
use libertas_domain::reports::identifiers::DefaultRegion;
use libertas_domain::reports::{Channel, ReportInput, ReportStatus};
use libertas_store::reports::{
    AssigneeFilter, Assignment, QueueFilter, QueueSort, StatusFilter, QUEUE_PAGE,
};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};

fn input(danger: bool) -> ReportInput {
    ReportInput {
        narrative: "Workers locked in at night.".into(),
        location: None,
        when: None,
        people: None,
        in_danger_now: danger,
        identifiers: vec![],
        contact: None,
        safe_to_contact: None,
        contact_safety: None,
        language: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_are_numbered_per_organisation_and_found_by_number() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let north = principal(&store, "North", "north", Role::Hotline).await;
        let south = principal(&store, "South", "south", Role::Hotline).await;
        let region = DefaultRegion::default();
        let a = store
            .operator_intake(&north, Channel::Phone, &input(false), region)
            .await
            .unwrap();
        let b = store
            .submit_public_report(north.org_id, &input(false), region)
            .await
            .unwrap()
            .id;
        let c = store
            .operator_intake(&south, Channel::Sms, &input(false), region)
            .await
            .unwrap();
        let year = &libertas_store::clock::now_text()[0..4];
        let number = |p, id| {
            let store = store.clone();
            async move { store.report_summary(p, id).await.unwrap().number }
        };
        assert_eq!(number(&north, a).await, format!("R-{year}-00001"));
        assert_eq!(number(&north, b).await, format!("R-{year}-00002"));
        assert_eq!(
            number(&south, c).await,
            format!("R-{year}-00001"),
            "{backend}"
        );
        let found = store
            .report_by_number(&north, &format!(" r-{year}-00002 "))
            .await
            .unwrap();
        assert_eq!(found, b);
        // Another organisation's number is not found; a malformed one names the field.
        assert!(matches!(
            store
                .report_by_number(&south, &format!("R-{year}-00002"))
                .await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.report_by_number(&north, "C-2026-00001").await,
            Err(StoreError::Invalid(e)) if e.field == "number"
        ));
        let caseworker = principal(&store, "North", "casey", Role::Caseworker).await;
        assert!(matches!(
            store
                .report_by_number(&caseworker, &format!("R-{year}-00001"))
                .await,
            Err(StoreError::Forbidden)
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn taking_a_report_held_by_someone_else_needs_replace() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Hotline).await;
        let bo = principal(&store, "North", "bob", Role::Hotline).await;
        let id = store
            .operator_intake(
                &ana,
                Channel::Phone,
                &input(false),
                DefaultRegion::default(),
            )
            .await
            .unwrap();
        assert!(store
            .assign_report(&ana, id, Assignment::Take, false)
            .await
            .unwrap());
        assert!(!store
            .assign_report(&ana, id, Assignment::Take, false)
            .await
            .unwrap());
        let s = store.report_summary(&bo, id).await.unwrap();
        assert_eq!(s.assignee.as_deref(), Some("ana"));
        assert!(s.assigned_at.is_some());
        for what in [Assignment::Take, Assignment::Release] {
            assert!(
                matches!(
                    store.assign_report(&bo, id, what, false).await,
                    Err(StoreError::Conflicting(e)) if e.field == "assignee"
                ),
                "{backend} {what:?}"
            );
        }
        assert_eq!(
            store
                .report_summary(&bo, id)
                .await
                .unwrap()
                .assignee
                .as_deref(),
            Some("ana")
        );
        assert!(store
            .assign_report(&bo, id, Assignment::Take, true)
            .await
            .unwrap());
        assert_eq!(
            store
                .report_summary(&ana, id)
                .await
                .unwrap()
                .assignee
                .as_deref(),
            Some("bob")
        );
        assert!(store
            .assign_report(&bo, id, Assignment::Release, false)
            .await
            .unwrap());
        let s = store.report_summary(&ana, id).await.unwrap();
        assert_eq!((s.assignee, s.assigned_at), (None, None));
        // A closed report cannot be taken.
        store
            .finish_report(&ana, id, ReportStatus::Closed, Some("duplicate"))
            .await
            .unwrap();
        assert!(matches!(
            store.assign_report(&ana, id, Assignment::Take, false).await,
            Err(StoreError::Conflicting(e)) if e.field == "status"
        ));
        let trail = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &libertas_store::audit::AuditQuery {
                    limit: 10_000,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let moves: Vec<_> = trail
            .iter()
            .filter(|e| e.action == "report.take" || e.action == "report.release")
            .map(|e| (e.action.as_str(), e.actor.as_str()))
            .collect();
        assert_eq!(
            moves,
            [
                ("report.take", "ana"),
                ("report.take", "bob"),
                ("report.release", "bob")
            ],
            "{backend}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_filters_sorts_and_pages() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Hotline).await;
        let other = principal(&store, "South", "sam", Role::Hotline).await;
        let region = DefaultRegion::default();
        let mut ids = vec![];
        for i in 0..(QUEUE_PAGE + 5) {
            let channel = if i % 2 == 0 {
                Channel::Phone
            } else {
                Channel::Email
            };
            ids.push(
                store
                    .operator_intake(&ana, channel, &input(i == 3), region)
                    .await
                    .unwrap(),
            );
        }
        store
            .operator_intake(&other, Channel::Phone, &input(true), region)
            .await
            .unwrap();
        store
            .assign_report(&ana, ids[7], Assignment::Take, false)
            .await
            .unwrap();
        store
            .finish_report(&ana, ids[8], ReportStatus::Closed, Some("spam"))
            .await
            .unwrap();
        let q = |f: QueueFilter| {
            let store = store.clone();
            let ana = ana.clone();
            async move { store.report_queue(&ana, &f).await.unwrap() }
        };
        let first = q(QueueFilter::default()).await;
        assert_eq!(
            first.total,
            i64::from(QUEUE_PAGE) + 4,
            "{backend}: closed left out"
        );
        assert_eq!(first.reports.len(), QUEUE_PAGE as usize);
        assert_eq!(first.reports[0].id, ids[3], "urgent first");
        let second = q(QueueFilter {
            page: 2,
            ..Default::default()
        })
        .await;
        assert_eq!(second.reports.len(), 4);
        let all = q(QueueFilter {
            status: StatusFilter::All,
            page: 2,
            ..Default::default()
        })
        .await;
        assert_eq!(all.total, i64::from(QUEUE_PAGE) + 5);
        let closed = q(QueueFilter {
            status: StatusFilter::Is(ReportStatus::Closed),
            ..Default::default()
        })
        .await;
        assert_eq!(
            closed.reports.iter().map(|r| r.id).collect::<Vec<_>>(),
            [ids[8]]
        );
        let newest = q(QueueFilter {
            sort: QueueSort::Newest,
            ..Default::default()
        })
        .await;
        assert_eq!(newest.reports[0].id, *ids.last().unwrap());
        let oldest = q(QueueFilter {
            sort: QueueSort::Oldest,
            ..Default::default()
        })
        .await;
        assert_eq!(oldest.reports[0].id, ids[0]);
        let urgent = q(QueueFilter {
            urgent_only: true,
            ..Default::default()
        })
        .await;
        assert_eq!(
            urgent.total, 1,
            "{backend}: the other organisation's is not counted"
        );
        let mine = q(QueueFilter {
            assignee: AssigneeFilter::Me,
            ..Default::default()
        })
        .await;
        assert_eq!(
            mine.reports.iter().map(|r| r.id).collect::<Vec<_>>(),
            [ids[7]]
        );
        let nobody = q(QueueFilter {
            assignee: AssigneeFilter::Nobody,
            ..Default::default()
        })
        .await;
        assert_eq!(nobody.total, i64::from(QUEUE_PAGE) + 3);
        let email = q(QueueFilter {
            channel: Some(Channel::Email),
            ..Default::default()
        })
        .await;
        assert!(email.reports.iter().all(|r| r.channel == "email"));
        assert_eq!(email.total, 27);
        let unscreened = q(QueueFilter {
            verdict: Some("unscreened".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(unscreened.total, first.total);
        let trafficking = q(QueueFilter {
            verdict: Some("trafficking".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(trafficking.total, 0);

        // Every page of every order, read in two steps (the page's ids, then its summaries),
        // gives each report once, in the order asked: newest first is oldest first reversed;
        // urgent first is the urgent one, then the oldest first.
        let every = |status: StatusFilter, sort: QueueSort| async move {
            let mut seen = vec![];
            for page in 1..=3 {
                let got = q(QueueFilter {
                    status,
                    sort,
                    page,
                    ..Default::default()
                })
                .await;
                seen.extend(got.reports.iter().map(|r| r.id));
            }
            seen
        };
        for status in [StatusFilter::Open, StatusFilter::All] {
            let oldest = every(status, QueueSort::Oldest).await;
            let total = if status == StatusFilter::All { 5 } else { 4 };
            assert_eq!(oldest.len(), QUEUE_PAGE as usize + total, "{backend}");
            let mut unique = oldest.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), oldest.len(), "{backend}: no report twice");
            let mut newest = every(status, QueueSort::Newest).await;
            newest.reverse();
            assert_eq!(newest, oldest, "{backend}: {status:?}");
            let urgent = every(status, QueueSort::Urgent).await;
            let mut expected = vec![ids[3]];
            expected.extend(oldest.iter().filter(|id| **id != ids[3]));
            assert_eq!(urgent, expected, "{backend}: {status:?}");
        }
        assert_eq!(
            QueueSort::default_for(StatusFilter::Open),
            QueueSort::Urgent
        );
        assert_eq!(QueueSort::default_for(StatusFilter::All), QueueSort::Newest);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_screening_that_finds_no_urgency_clears_urgent() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Hotline).await;
        let id = store
            .operator_intake(&ana, Channel::Phone, &input(true), DefaultRegion::default())
            .await
            .unwrap();
        assert_eq!(store.urgent_waiting(&ana).await.unwrap(), 1);
        assert!(store.report_summary(&ana, id).await.unwrap().urgent);
        store
            .save_screening(&ana, id, serde_json::json!({}), "no_indication", false)
            .await
            .unwrap();
        let s = store.report_summary(&ana, id).await.unwrap();
        assert!(!s.urgent, "{backend}: the screening decides");
        assert!(
            s.in_danger_now,
            "{backend}: the reporter's flag stays recorded"
        );
        assert_eq!(store.urgent_waiting(&ana).await.unwrap(), 0);
        store
            .save_screening(&ana, id, serde_json::json!({}), "trafficking", true)
            .await
            .unwrap();
        assert_eq!(store.urgent_waiting(&ana).await.unwrap(), 1);
    }
}
