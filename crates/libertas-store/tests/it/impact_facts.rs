//! The impact measures' funnel facts (`impact_reports`, `impact_victims`, migration 0026) are
//! kept by triggers in the transaction of each write; after every kind of write that changes
//! them — a report received, screened and linked to a case, a decision recorded and changed,
//! a referral, a care plan, service and delivered service, an assessment, an erasure, a
//! restore, a merge of two people and its undo, and the deletes and edits no store method makes
//! today — they
//! must equal their from-scratch recomputation (the views of the migration). SQLite and (when
//! configured) PostgreSQL.

use crate::dedupe::{run_job, world};
use libertas_domain::admin::Role;
use libertas_domain::care::{
    AssessmentScores, Delivered, NewDelivery, NewService, Provider, ServiceStatus, ServiceType,
    DOMAINS,
};
use libertas_domain::cases::deadlines::{Calendar, RuleSet};
use libertas_domain::cases::decisions::{NewDecision, Outcome};
use libertas_domain::cases::referrals::{
    HelpKind, NewPartner, NewReferral, OverrideReason, ReferralKind,
};
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{NewPerson, PersonName, PersonRole, TraffickingStatus};
use libertas_domain::reports::identifiers::DefaultRegion;
use libertas_domain::reports::{Channel, ReportInput};
use libertas_store::admin::Operator;
use libertas_store::reports::OpenCase;
use libertas_store::stats::testing::{exec, impact_facts, Arg};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::Store;
use time::macros::date;

/// Asserts that the kept facts equal the recomputed ones after `step`, and that there are
/// `reports` report facts and `victims` victim facts (so the step is not vacuous).
async fn same(store: &Store, backend: &str, step: &str, reports: usize, victims: usize) {
    let (kept, fresh, kept_v, fresh_v) = impact_facts(store).await;
    assert_eq!(kept, fresh, "{backend}: report facts after {step}");
    assert_eq!(kept_v, fresh_v, "{backend}: victim facts after {step}");
    assert_eq!(
        (kept.len(), kept_v.len()),
        (reports, victims),
        "{backend}: {step}"
    );
}

/// The single victim fact (there must be exactly one).
async fn victim(store: &Store) -> libertas_store::stats::testing::VictimFact {
    let (_, _, mut v, _) = impact_facts(store).await;
    assert_eq!(v.len(), 1);
    v.remove(0)
}

fn person(given: &str) -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(given).unwrap(),
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

fn scores(v: i64) -> AssessmentScores {
    let raw: Vec<Option<Vec<i64>>> = DOMAINS
        .iter()
        .map(|d| Some(vec![v; d.subdomains.len()]))
        .collect();
    AssessmentScores::parse(&raw).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_keeps_the_funnel_facts_equal_to_a_recomputation() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let hana = principal(&store, "North", "hana", Role::Hotline).await;
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let adm = principal(&store, "North", "boss", Role::Admin).await;
        same(&store, backend, "nothing", 0, 0).await;

        let input = ReportInput {
            narrative: "Women kept in a flat, passports taken.".into(),
            location: None,
            when: None,
            people: None,
            in_danger_now: false,
            identifiers: vec![],
            contact: None,
            safe_to_contact: None,
            contact_safety: None,
            language: None,
        };
        let report = store
            .operator_intake(&hana, Channel::Phone, &input, DefaultRegion::default())
            .await
            .unwrap();
        same(&store, backend, "a report received", 1, 0).await;
        let screening = serde_json::json!({"input": {}, "result": {"verdict": "trafficking"}});
        store
            .save_screening(&hana, report, screening, "trafficking", false)
            .await
            .unwrap();
        same(&store, backend, "a screening", 1, 0).await;
        let (kept, ..) = impact_facts(&store).await;
        assert_eq!(kept[0].verdict.as_deref(), Some("trafficking"), "{backend}");

        let open = OpenCase {
            title: CaseTitle::parse("Operation Lark").unwrap(),
            people: vec![],
        };
        let case = store
            .open_case_from_report(&hana, report, &open)
            .await
            .unwrap();
        same(&store, backend, "a case opened from the report", 1, 0).await;
        let (kept, ..) = impact_facts(&store).await;
        assert_eq!(kept[0].case_id, Some(case.to_string()), "{backend}");
        store.add_member(&hana, case, "ana", "t").await.unwrap();
        let (pid, _) = store
            .add_person(&ana, case, &person("Zamfira"), "t")
            .await
            .unwrap();
        same(&store, backend, "a victim added", 1, 0).await;

        let rules = RuleSet::UK_NRM;
        let calendar = Calendar {
            rules: &rules,
            holidays: &[],
        };
        let pid_s = pid.to_string();
        let who = libertas_store::cases::VictimRef::Person(&pid_s);
        let rg = NewDecision {
            trafficking_status: Some(TraffickingStatus::Possible),
            referral_date: Some(date!(2025 - 03 - 03)),
            rg_decision: Some(Outcome::Positive),
            rg_date: Some(date!(2025 - 03 - 05)),
            ..NewDecision::default()
        };
        store
            .record_decision(&ana, case, who, &rg, calendar, "t")
            .await
            .unwrap();
        same(&store, backend, "a positive decision", 1, 1).await;
        let v = victim(&store).await;
        assert_eq!(
            (v.rg_on.as_deref(), v.cg_on.as_deref()),
            (Some("2025-03-05"), None)
        );
        let cg = NewDecision {
            cg_decision: Some(Outcome::Positive),
            cg_date: Some(date!(2025 - 06 - 02)),
            ..NewDecision::default()
        };
        store
            .record_decision(&ana, case, who, &cg, calendar, "t")
            .await
            .unwrap();
        same(&store, backend, "a decision changed", 1, 1).await;
        assert_eq!(victim(&store).await.cg_on.as_deref(), Some("2025-06-02"));

        let kinds = vec!["shelter".to_owned()];
        let langs = vec!["ro".to_owned()];
        let new = NewPartner::parse("Shelter", &kinds, "Iasi", &langs, "Call", "112").unwrap();
        let partner = store.create_partner(&adm, &new, None, "t").await.unwrap();
        let referral = NewReferral {
            person: pid,
            partner_id: partner.id,
            kind: ReferralKind::Referral,
            services: vec![HelpKind::Legal],
            note: None,
            child: false,
            override_reason: Some(
                OverrideReason::parse("Threats received yesterday evening").unwrap(),
            ),
            safeguarding_note: None,
        };
        store
            .create_referral(&ana, case, &referral, date!(2025 - 06 - 03), "t")
            .await
            .unwrap();
        same(&store, backend, "a referral", 1, 1).await;
        assert!(victim(&store).await.referred_on.is_some(), "{backend}");

        let plan = store
            .open_care_plan(&ana, pid, date!(2025 - 06 - 04), "t")
            .await
            .unwrap();
        let service = NewService {
            service_type: ServiceType::Housing,
            provider: Provider::parse("Casa Noua").unwrap(),
            start_date: date!(2025 - 06 - 04),
            end_date: None,
            status: ServiceStatus::Active,
        };
        let service = store
            .add_care_service(&ana, plan.id, &service, "t")
            .await
            .unwrap();
        same(&store, backend, "a care plan and service", 1, 1).await;
        assert_eq!(victim(&store).await.assisted_on, None);
        let delivery = NewDelivery {
            delivered_on: date!(2025 - 06 - 09),
            delivered: Delivered::parse("Session").unwrap(),
            note: None,
        };
        store
            .add_care_delivery(&ana, service.id, &delivery, date!(2025 - 07 - 01), "t")
            .await
            .unwrap();
        same(&store, backend, "a service delivered", 1, 1).await;
        assert_eq!(
            victim(&store).await.assisted_on.as_deref(),
            Some("2025-06-09")
        );
        store
            .add_assessment(&ana, pid, date!(2025 - 06 - 10), &scores(2), "t")
            .await
            .unwrap();
        same(&store, backend, "an assessment", 1, 1).await;
        assert_eq!(victim(&store).await.assessed, 1, "{backend}");

        store
            .erase_person(Operator::console(), pid, "t")
            .await
            .unwrap();
        same(&store, backend, "an erasure", 1, 1).await;

        // A restore loads the source rows again (PostgreSQL: with the triggers off, then the
        // facts computed once); the facts come back equal.
        let file = t.dir.path().join("facts.lbk");
        store.backup(Operator::console(), &file, "t").await.unwrap();
        exec(&store, "delete from impact_victims", &[]).await;
        store
            .restore(Operator::console(), &file, "t")
            .await
            .unwrap();
        same(&store, backend, "a restore", 1, 1).await;

        // Writes no store method makes today, which the triggers cover all the same.
        let edits: [(&str, &str, usize); 7] = [
            (
                "a delivery deleted",
                "delete from care_deliveries where service_id = $1",
                1,
            ),
            (
                "a case's opening moved",
                "update cases set created_at = '2025-02-01T08:00:00.000000Z' where id = $1",
                1,
            ),
            (
                "a referral deleted",
                "delete from referrals where case_id = $1",
                1,
            ),
            (
                "an assessment deleted",
                "delete from assessments where person_id in (select person_id from case_people where case_id = $1)",
                1,
            ),
            (
                "a report's reception moved",
                "update reports set created_at = '2025-01-30T08:00:00.000000Z' where case_id = $1",
                1,
            ),
            (
                "a report unlinked",
                "update reports set case_id = null where case_id = $1",
                0,
            ),
            (
                "the decisions deleted",
                "delete from decisions where case_id = $1",
                0,
            ),
        ];
        let ids = [
            service.id.to_string(),
            case.to_string(),
            case.to_string(),
            case.to_string(),
            case.to_string(),
            case.to_string(),
            case.to_string(),
        ];
        for ((step, sql, victims), id) in edits.iter().zip(&ids) {
            // tasks point at decisions: remove them first.
            if step.starts_with("the decisions") {
                exec(
                    &store,
                    "delete from tasks where case_id = $1",
                    &[Arg::Text(id)],
                )
                .await;
            }
            exec(&store, sql, &[Arg::Text(id)]).await;
            same(&store, backend, step, 1, *victims).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merging_and_undoing_keep_the_funnel_facts_equal_to_a_recomputation() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let w = world(&t).await;
        // Maria's and Mariia's cases came from reports, and both were identified.
        let user = w.ana.user_id.to_string();
        let org = w.ana.org_id.to_string();
        for (n, pid) in [w.maria, w.mariia].into_iter().enumerate() {
            let pid = pid.to_string();
            exec(
                &w.store,
                "insert into reports (id, org_id, channel, status, narrative, case_id, created_at, updated_at)
                 select $1, $2, 'phone', 'case_opened', $3, cp.case_id, '2025-01-02T09:00:00.000000Z', '2025-01-02T09:00:00.000000Z'
                 from case_people cp where cp.person_id = $4",
                &[Arg::Text(&format!("r-{n}")), Arg::Text(&org), Arg::Bytes(b"sealed"), Arg::Text(&pid)],
            )
            .await;
            exec(
                &w.store,
                "insert into decisions (id, case_id, case_person_id, trafficking_status, rule_set, rg_decision, rg_date, created_by, created_at)
                 select $1, cp.case_id, cp.id, 'PossibleVictimOfTrafficking', 'uk-nrm', 'positive', '2025-02-01', $2, '2025-02-01T00:00:00.000000Z'
                 from case_people cp where cp.person_id = $3",
                &[Arg::Text(&format!("d-{n}")), Arg::Text(&user), Arg::Text(&pid)],
            )
            .await;
        }
        same(&w.store, backend, "two identified victims", 2, 2).await;
        run_job(&w).await;
        let id = w.store.review_queue(&w.ana, "t").await.unwrap().entries[0].id;
        let merge = w.store.merge_candidate(&w.ana, id, "same").await.unwrap();
        same(&w.store, backend, "a merge", 2, 2).await;
        // The indicator facts follow the merged person too (two cases, two identifications).
        crate::indicator_facts::same(&w.store, backend, "a merge", [2, 2, 0, 0, 0]).await;
        w.store.undo_merge(&w.ana, merge.id, "t").await.unwrap();
        same(&w.store, backend, "an undone merge", 2, 2).await;
        crate::indicator_facts::same(&w.store, backend, "an undone merge", [2, 2, 0, 0, 0]).await;
    }
}
