//! Decisions and tasks in the store: rule-made tasks share the decision's transaction and audit
//! event, reads are audited, roles and membership are enforced, the chain stays intact.

use libertas_domain::admin::Role;
use libertas_domain::cases::deadlines::{Calendar, RuleSet};
use libertas_domain::cases::decisions::{NewDecision, OrgType, Outcome};
use libertas_domain::cases::tasks::{NewTask, TaskKind, TaskStatus, TaskTitle};
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{NewPerson, PersonName, PersonRole, TraffickingStatus};
use libertas_store::audit::{AuditQuery, VerifyOutcome};
use libertas_store::cases::{TaskFilter, VictimRef};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::macros::date;

fn person(role: PersonRole) -> NewPerson {
    NewPerson {
        role,
        given_name: PersonName::parse("Zamfira").unwrap(),
        family_name: PersonName::parse("Oprescu").unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_make_tasks_in_one_audited_write() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let bob = principal(&store, "North", "bob", Role::Caseworker).await;
        let case = store
            .create_case(&ana, &CaseTitle::parse("Operation Lark").unwrap(), "t")
            .await
            .unwrap();
        let (pid, cpid) = store
            .add_person(&ana, case.id, &person(PersonRole::Victim), "t")
            .await
            .unwrap();
        let (wid, _) = store
            .add_person(&ana, case.id, &person(PersonRole::Witness), "t")
            .await
            .unwrap();
        let rules = RuleSet::UK_NRM;
        let holidays = [date!(2098 - 12 - 25)];
        let referral = NewDecision {
            trafficking_status: Some(TraffickingStatus::Possible),
            deciding_org_type: Some(OrgType::Ngo),
            referral_date: Some(date!(2098 - 12 - 19)),
            ..NewDecision::default()
        };
        let pid_s = pid.to_string();
        let victim = VictimRef::Person(&pid_s);

        // Wrong role, wrong person, non-member: refused before anything is written.
        let denied = store
            .record_decision(
                &ann,
                case.id,
                victim,
                &referral,
                Calendar {
                    rules: &rules,
                    holidays: &holidays,
                },
                "t",
            )
            .await;
        assert!(matches!(denied, Err(StoreError::Forbidden)), "{backend}");
        let wid_s = wid.to_string();
        let witness = VictimRef::Person(&wid_s);
        let wrong = store
            .record_decision(
                &ana,
                case.id,
                witness,
                &referral,
                Calendar {
                    rules: &rules,
                    holidays: &holidays,
                },
                "t",
            )
            .await;
        assert!(
            matches!(wrong, Err(StoreError::Invalid(ref e)) if e.field == "person_id"),
            "{backend}: {wrong:?}"
        );
        let outside = store
            .record_decision(
                &bob,
                case.id,
                victim,
                &referral,
                Calendar {
                    rules: &rules,
                    holidays: &holidays,
                },
                "t",
            )
            .await;
        assert!(matches!(outside, Err(StoreError::NotFound)), "{backend}");

        let d = store
            .record_decision(
                &ana,
                case.id,
                victim,
                &referral,
                Calendar {
                    rules: &rules,
                    holidays: &holidays,
                },
                "t",
            )
            .await
            .unwrap();
        assert_eq!(d.case_person_id, cpid.to_string());
        // Fri 19 → Mon 22, Tue 23, Wed 24, (Thu 25 holiday) Fri 26, Mon 29.
        assert_eq!(
            d.deadlines.reasonable_grounds_due,
            Some(date!(2098 - 12 - 29))
        );
        let tasks = store
            .case_tasks(&ana, case.id, date!(2098 - 12 - 30), "t")
            .await
            .unwrap();
        assert_eq!(tasks.len(), 1, "{backend}");
        assert_eq!(
            (tasks[0].kind, tasks[0].status, tasks[0].overdue),
            (TaskKind::ReasonableGroundsDue, TaskStatus::Open, true)
        );
        assert_eq!(tasks[0].title, "Reasonable-grounds decision due");
        let overdue = store
            .my_tasks(
                &ana,
                TaskFilter { overdue: true },
                date!(2098 - 12 - 30),
                "t",
            )
            .await
            .unwrap();
        assert_eq!(overdue.len(), 1);
        assert!(store
            .my_tasks(
                &ana,
                TaskFilter { overdue: true },
                date!(2098 - 12 - 29),
                "t"
            )
            .await
            .unwrap()
            .is_empty());
        assert!(store
            .my_tasks(
                &bob,
                TaskFilter { overdue: true },
                date!(2098 - 12 - 30),
                "t"
            )
            .await
            .unwrap()
            .is_empty());

        // Recording the same referral again does not duplicate the open rule task.
        store
            .record_decision(
                &ana,
                case.id,
                victim,
                &referral,
                Calendar {
                    rules: &rules,
                    holidays: &holidays,
                },
                "t",
            )
            .await
            .unwrap();
        let rg = NewDecision {
            rg_decision: Some(Outcome::Negative),
            rg_date: Some(date!(2098 - 12 - 23)),
            ..NewDecision::default()
        };
        store
            .record_decision(
                &ana,
                case.id,
                victim,
                &rg,
                Calendar {
                    rules: &rules,
                    holidays: &holidays,
                },
                "t",
            )
            .await
            .unwrap();
        let tasks = store
            .case_tasks(&ana, case.id, date!(2098 - 12 - 30), "t")
            .await
            .unwrap();
        assert_eq!(
            tasks.len(),
            1,
            "{backend}: a negative decision opens no recovery task"
        );
        assert_eq!(tasks[0].status, TaskStatus::Done);

        let manual = NewTask {
            title: TaskTitle::parse("Call").unwrap(),
            description: None,
            due: date!(2099 - 01 - 04),
        };
        let denied = store.add_task(&ann, case.id, &manual, None, "t").await;
        assert!(matches!(denied, Err(StoreError::Forbidden)));
        let task = store
            .add_task(&ana, case.id, &manual, Some("ana"), "t")
            .await
            .unwrap();
        assert!(matches!(
            store
                .complete_task(&bob, task.id, date!(2099 - 01 - 01), "t")
                .await,
            Err(StoreError::NotFound)
        ));
        let done = store
            .complete_task(&ana, task.id, date!(2099 - 01 - 01), "t")
            .await
            .unwrap();
        assert_eq!(done.status, TaskStatus::Done);

        let events = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &AuditQuery {
                    actor: Some("ana".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let count = |action: &str| events.iter().filter(|e| e.action == action).count();
        assert_eq!(count("case.decision.create"), 3, "{backend}");
        assert_eq!(count("case.task.create"), 1);
        assert_eq!(count("case.task.done"), 1);
        assert!(count("case.task.read") >= 2 && count("case.task.list") >= 2);
        let first = events
            .iter()
            .find(|e| e.action == "case.decision.create")
            .unwrap();
        assert_eq!(first.detail["tasks_created"], 1);
        match store.verify_audit().await.unwrap() {
            VerifyOutcome::Intact { .. } => {}
            other => panic!("{backend}: {other:?}"),
        }
        store.close().await;
    }
}

/// Concurrent decisions about one victim each merge over the newest one: nothing a decision
/// recorded is lost because another was being written at the same time.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_decisions_do_not_lose_each_others_values() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let case = store
            .create_case(&ana, &CaseTitle::parse("Operation Wren").unwrap(), "t")
            .await
            .unwrap();
        let (pid, _) = store
            .add_person(&ana, case.id, &person(PersonRole::Victim), "t")
            .await
            .unwrap();
        let rules = RuleSet::UK_NRM;
        let pid_s = pid.to_string();
        let first = NewDecision {
            trafficking_status: Some(TraffickingStatus::Possible),
            ..NewDecision::default()
        };
        store
            .record_decision(
                &ana,
                case.id,
                VictimRef::Person(&pid_s),
                &first,
                Calendar {
                    rules: &rules,
                    holidays: &[],
                },
                "t",
            )
            .await
            .unwrap();
        // One writer adds the referral date, the other the deciding organisation type, many
        // times over, all at once.
        let mut handles = vec![];
        for i in 0..12 {
            let (store, ana, pid_s) = (store.clone(), ana.clone(), pid_s.clone());
            handles.push(tokio::spawn(async move {
                let d = if i % 2 == 0 {
                    NewDecision {
                        referral_date: Some(date!(2098 - 12 - 19)),
                        ..NewDecision::default()
                    }
                } else {
                    NewDecision {
                        deciding_org_type: Some(OrgType::Ngo),
                        ..NewDecision::default()
                    }
                };
                store
                    .record_decision(
                        &ana,
                        case.id,
                        VictimRef::Person(&pid_s),
                        &d,
                        Calendar {
                            rules: &rules,
                            holidays: &[],
                        },
                        "t",
                    )
                    .await
            }));
        }
        for h in handles {
            h.await.unwrap().unwrap();
        }
        let current = store
            .current_decisions(&ana, case.id, &[], "t")
            .await
            .unwrap();
        let d = &current[0];
        assert_eq!(d.referral_date, Some(date!(2098 - 12 - 19)), "{backend}");
        assert_eq!(d.deciding_org_type, Some(OrgType::Ngo), "{backend}");
        assert_eq!(d.trafficking_status, Some(TraffickingStatus::Possible));
        store.close().await;
    }
}
