//! The home page's counts and the lists of my cases and tasks, decided in the store: counts
//! and rows cover only the caller's cases in the caller's organisation, roles without the
//! work get `Forbidden`, on SQLite and PostgreSQL.

use libertas_domain::admin::Role;
use libertas_domain::cases::tasks::{NewTask, TaskTitle};
use libertas_domain::cases::workflow::StatusRequest;
use libertas_domain::cases::{CaseStatus, CaseTitle};
use libertas_store::cases::{CaseBrowse, CaseSort, TaskBrowse, TaskDue};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::macros::date;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_and_lists_cover_only_my_cases() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let bob = principal(&store, "North", "bob", Role::Caseworker).await;
        let far = principal(&store, "South", "far", Role::Caseworker).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let hot = principal(&store, "North", "hot", Role::Hotline).await;
        let adm = principal(&store, "North", "adm", Role::Admin).await;
        let today = date!(2099 - 03 - 10);
        let mut mine = vec![];
        for i in 0..3 {
            let title = CaseTitle::parse(&format!("Ana {i}")).unwrap();
            mine.push(store.create_case(&ana, &title, "t").await.unwrap());
        }
        let bobs = store
            .create_case(&bob, &CaseTitle::parse("Bob alone").unwrap(), "t")
            .await
            .unwrap();
        let fars = store
            .create_case(&far, &CaseTitle::parse("South").unwrap(), "t")
            .await
            .unwrap();
        for (who, case, due) in [
            (&ana, mine[0].id, date!(2099 - 03 - 01)),
            (&ana, mine[1].id, today),
            (&ana, mine[2].id, date!(2099 - 03 - 15)),
            (&bob, bobs.id, date!(2099 - 03 - 01)),
            (&far, fars.id, date!(2099 - 03 - 01)),
        ] {
            let task = NewTask {
                title: TaskTitle::parse("Call").unwrap(),
                description: None,
                due,
            };
            store.add_task(who, case, &task, None, "t").await.unwrap();
        }

        let work = store.case_work(&ana, today).await.unwrap();
        assert_eq!(work.caseload[0], (CaseStatus::Active, 3), "{backend}");
        assert_eq!(
            work.caseload.iter().map(|c| c.1).sum::<i64>(),
            3,
            "{backend}"
        );
        assert_eq!((work.tasks_overdue, work.tasks_today), (1, 1), "{backend}");
        let bobs_work = store.case_work(&bob, today).await.unwrap();
        assert_eq!(
            bobs_work.caseload.iter().map(|c| c.1).sum::<i64>(),
            1,
            "{backend}"
        );
        assert_eq!(
            (bobs_work.tasks_overdue, bobs_work.tasks_today),
            (1, 0),
            "{backend}"
        );

        let list = store
            .browse_cases(
                &ana,
                &CaseBrowse {
                    sort: CaseSort::Number,
                    ..Default::default()
                },
                "t",
            )
            .await
            .unwrap();
        assert_eq!(list.total, 3, "{backend}");
        let titles: Vec<_> = list.cases.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Ana 0", "Ana 1", "Ana 2"], "{backend}");
        let none = store
            .browse_cases(
                &ana,
                &CaseBrowse {
                    status: Some(CaseStatus::Closed),
                    ..Default::default()
                },
                "t",
            )
            .await
            .unwrap();
        assert_eq!((none.total, none.cases.len()), (0, 0), "{backend}");
        // A number prefix with LIKE's wildcards in it finds nothing more than the digits.
        let wild = store
            .browse_cases(
                &ana,
                &CaseBrowse {
                    number: Some("C-%".into()),
                    ..Default::default()
                },
                "t",
            )
            .await
            .unwrap();
        assert_eq!(
            wild.total, 3,
            "{backend}: '%' is dropped, 'C-' matches all of mine"
        );

        let now = store
            .browse_tasks(&ana, &TaskBrowse::default(), today, "t")
            .await
            .unwrap();
        assert_eq!(
            now.total, 2,
            "{backend}: overdue and today, not next week's"
        );
        assert!(
            now.tasks.iter().all(|t| t.case_title.starts_with("Ana")),
            "{backend}"
        );
        let any = store
            .browse_tasks(
                &ana,
                &TaskBrowse {
                    due: TaskDue::Any,
                    ..Default::default()
                },
                today,
                "t",
            )
            .await
            .unwrap();
        assert_eq!(any.total, 3, "{backend}");

        // Roles without the work are refused in the store, whatever page asks.
        for r in [
            store.case_work(&ann, today).await.map(|_| ()),
            store
                .browse_cases(&ann, &CaseBrowse::default(), "t")
                .await
                .map(|_| ()),
            store
                .browse_tasks(&ann, &TaskBrowse::default(), today, "t")
                .await
                .map(|_| ()),
            store.justice_work(&ana, today).await.map(|_| ()),
            store.report_work(&ana).await.map(|_| ()),
            store
                .account_work(&hot, libertas_store::clock::now())
                .await
                .map(|_| ()),
        ] {
            assert!(matches!(r, Err(StoreError::Forbidden)), "{backend}: {r:?}");
        }
        assert!(store.report_work(&hot).await.is_ok(), "{backend}");
        let acc = store
            .account_work(&adm, libertas_store::clock::now())
            .await
            .unwrap();
        assert_eq!(acc.locked, 0, "{backend}");
    }
}

/// The caseload by status follows every status change and every new member, for each member
/// of the case (a membership row carries its case's status, migration 0023), and a refused
/// change changes no count.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_caseload_follows_status_changes_and_new_members() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let bob = principal(&store, "North", "bob", Role::Caseworker).await;
        let today = date!(2099 - 03 - 10);
        let caseload = |who| {
            let store = store.clone();
            async move {
                let work = store.case_work(who, today).await.unwrap();
                work.caseload
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .collect::<Vec<_>>()
            }
        };
        let case = store
            .create_case(&ana, &CaseTitle::parse("Moves").unwrap(), "t")
            .await
            .unwrap();
        assert_eq!(caseload(&ana).await, [(CaseStatus::Active, 1)], "{backend}");
        let follow = StatusRequest::parse("FollowUp", None).unwrap();
        store
            .change_case_status(&ana, case.id, &follow, "t")
            .await
            .unwrap();
        store.add_member(&ana, case.id, "bob", "t").await.unwrap();
        for who in [&ana, &bob] {
            assert_eq!(
                caseload(who).await,
                [(CaseStatus::FollowUp, 1)],
                "{backend}"
            );
        }
        // The same change again is refused and counts nothing twice.
        assert!(store
            .change_case_status(&bob, case.id, &follow, "t")
            .await
            .is_err());
        let close = StatusRequest::parse("Closed", Some("GoalsAchieved")).unwrap();
        store
            .change_case_status(&bob, case.id, &close, "t")
            .await
            .unwrap();
        for who in [&ana, &bob] {
            assert_eq!(caseload(who).await, [(CaseStatus::Closed, 1)], "{backend}");
        }
        let reopen = StatusRequest::parse("Active", Some("NewInformation")).unwrap();
        store
            .change_case_status(&ana, case.id, &reopen, "t")
            .await
            .unwrap();
        for who in [&ana, &bob] {
            assert_eq!(caseload(who).await, [(CaseStatus::Active, 1)], "{backend}");
        }
    }
}
