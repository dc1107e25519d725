//! The justice indicators' facts (`indicator_cases`, `indicator_identified`,
//! `indicator_charges`, `indicator_charged`, `indicator_verdicts`, migration 0030) are kept by
//! triggers in the transaction of each write; after every kind of write that changes them — a
//! case opened, a victim identified, the decision changed, a charge filed, a verdict and a
//! sentence given, a backup restored, and the edits and deletes no store method makes today —
//! they must equal their from-scratch recomputation (the views of the migration), and hold
//! what the figures read. SQLite and (when configured) PostgreSQL. Merges are checked in
//! `impact_facts.rs`.

use crate::proceedings::person;
use libertas_domain::admin::Role;
use libertas_domain::cases::deadlines::{Calendar, RuleSet};
use libertas_domain::cases::decisions::NewDecision;
use libertas_domain::cases::CaseTitle;
use libertas_domain::justice::proceedings::{
    LawName, LawSection, NewCharge, SentenceTerms, VerdictOutcome,
};
use libertas_domain::people::{PersonRole, TraffickingStatus};
use libertas_store::admin::Operator;
use libertas_store::stats::testing::{exec, indicator_facts, Arg};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::Store;
use time::macros::date;

/// Asserts that every kept fact table equals its recomputation after `step`, and that the
/// tables hold `counts` rows (cases, identifications, charges, charged cases, verdicts), so
/// the step is not vacuous. Returns the kept rows of each table.
pub async fn same(
    store: &Store,
    backend: &str,
    step: &str,
    counts: [usize; 5],
) -> Vec<Vec<String>> {
    let mut kept_rows = vec![];
    let mut sizes = vec![];
    for (table, kept, fresh) in indicator_facts(store).await {
        assert_eq!(kept, fresh, "{backend}: {table} after {step}");
        sizes.push(kept.len());
        kept_rows.push(kept);
    }
    assert_eq!(sizes, counts, "{backend}: rows after {step}");
    kept_rows
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_keeps_the_indicator_facts_equal_to_a_recomputation() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ivan = principal(&store, "North", "ivan", Role::Investigator).await;
        same(&store, backend, "nothing", [0, 0, 0, 0, 0]).await;

        let case = store
            .create_case(&ivan, &CaseTitle::parse("Operation Heron").unwrap(), "t")
            .await
            .unwrap()
            .id;
        let rows = same(&store, backend, "a case opened", [1, 0, 0, 0, 0]).await;
        assert!(
            rows[0][0].ends_with("|0"),
            "{backend}: opened: {:?}",
            rows[0]
        );
        let (victim, _) = store
            .add_person(&ivan, case, &person(PersonRole::Victim, "Ilinca"), "t")
            .await
            .unwrap();
        let (suspect, _) = store
            .add_person(&ivan, case, &person(PersonRole::Suspect, "Sorin"), "t")
            .await
            .unwrap();
        same(&store, backend, "two people added", [1, 0, 0, 0, 0]).await;

        let rules = RuleSet::UK_NRM;
        let calendar = Calendar {
            rules: &rules,
            holidays: &[],
        };
        let victim_s = victim.to_string();
        let who = libertas_store::cases::VictimRef::Person(&victim_s);
        let decision = NewDecision {
            trafficking_status: Some(TraffickingStatus::Possible),
            referral_date: Some(date!(2025 - 03 - 03)),
            ..NewDecision::default()
        };
        store
            .record_decision(&ivan, case, who, &decision, calendar, "t")
            .await
            .unwrap();
        let rows = same(&store, backend, "a victim identified", [1, 1, 0, 0, 0]).await;
        assert!(rows[0][0].ends_with("|1"), "{backend}: {:?}", rows[0]);
        assert!(rows[1][0].ends_with(&format!("|{victim}")), "{backend}");

        let charge = store
            .add_charge(
                &ivan,
                case,
                &NewCharge {
                    suspect: suspect.to_string(),
                    law: LawName::parse("Modern Slavery Act 2015").unwrap(),
                    section: LawSection::parse("s.2").unwrap(),
                    counts: 1,
                    filed_on: date!(2025 - 05 - 10),
                    note: None,
                },
                "t",
            )
            .await
            .unwrap();
        let rows = same(&store, backend, "a charge filed", [1, 1, 1, 1, 0]).await;
        assert!(rows[0][0].ends_with("|2"), "{backend}: {:?}", rows[0]);
        // Days to the first charge are counted from the victim's NRM referral.
        assert!(
            rows[3][0].ends_with("|2025-05-10|2025-05-10,2025-03-03"),
            "{backend}: {:?}",
            rows[3]
        );
        let verdict = store
            .add_verdict(
                &ivan,
                case,
                charge.id,
                VerdictOutcome::Convicted,
                date!(2025 - 09 - 01),
                "t",
            )
            .await
            .unwrap();
        let rows = same(&store, backend, "a verdict", [1, 1, 1, 1, 1]).await;
        assert!(rows[0][0].ends_with("|3"), "{backend}: {:?}", rows[0]);
        assert!(
            rows[4][0].ends_with("|convicted,2025-05-10,2025-09-01,"),
            "{backend}: {:?}",
            rows[4]
        );
        let terms = SentenceTerms::check(
            30,
            SentenceTerms {
                prison_months: 0,
                suspended: false,
                fine: None,
                currency: None,
                restitution: vec![],
            },
        )
        .unwrap();
        store
            .add_sentence(&ivan, case, verdict.id, &terms, None, "t")
            .await
            .unwrap();
        let rows = same(&store, backend, "a sentence", [1, 1, 1, 1, 1]).await;
        assert!(
            rows[4][0].ends_with("|convicted,2025-05-10,2025-09-01,30"),
            "{backend}: {:?}",
            rows[4]
        );

        // A restore loads the source rows again (PostgreSQL: with the triggers off, then the
        // facts computed once); the facts come back equal.
        let file = t.dir.path().join("facts.lbk");
        store.backup(Operator::console(), &file, "t").await.unwrap();
        for (table, ..) in indicator_facts(&store).await {
            exec(&store, &format!("delete from {table}"), &[]).await;
        }
        store
            .restore(Operator::console(), &file, "t")
            .await
            .unwrap();
        same(&store, backend, "a restore", [1, 1, 1, 1, 1]).await;

        // Writes no store method makes today, which the triggers cover all the same.
        let case = case.to_string();
        let edits: [(&str, &str, [usize; 5]); 9] = [
            (
                "a sentence changed",
                "update sentences set prison_months = 48 where case_id = $1",
                [1, 1, 1, 1, 1],
            ),
            (
                "a charge's filing moved",
                "update charges set filed_on = '2025-04-01' where case_id = $1",
                [1, 1, 1, 1, 1],
            ),
            (
                "a referral date moved",
                "update decisions set referral_date = '2025-02-01' where case_id = $1",
                [1, 1, 1, 1, 1],
            ),
            (
                "a case's opening moved",
                "update cases set created_at = '2025-01-05T08:00:00.000000Z' where id = $1",
                [1, 1, 1, 1, 1],
            ),
            (
                "the sentence deleted",
                "delete from sentences where case_id = $1",
                [1, 1, 1, 1, 1],
            ),
            (
                "the verdict deleted",
                "delete from verdicts where case_id = $1",
                [1, 1, 1, 1, 0],
            ),
            (
                "the decision changed to not a victim",
                "update decisions set trafficking_status = 'NotAVictimOfTrafficking' where case_id = $1",
                [1, 0, 1, 1, 0],
            ),
            (
                "the charge deleted",
                "delete from charges where case_id = $1",
                [1, 0, 0, 0, 0],
            ),
            (
                "the decision identifies again",
                "update decisions set trafficking_status = 'ActualVictimOfTrafficking' where case_id = $1",
                [1, 1, 0, 0, 0],
            ),
        ];
        for (step, sql, counts) in edits {
            if step == "the charge deleted" {
                // Hearings point at charges: remove them first.
                exec(
                    &store,
                    "delete from hearings where case_id = $1",
                    &[Arg::Text(&case)],
                )
                .await;
            }
            exec(&store, sql, &[Arg::Text(&case)]).await;
            let rows = same(&store, backend, step, counts).await;
            match step {
                "a sentence changed" => assert!(rows[4][0].ends_with(",48"), "{backend}"),
                "a charge's filing moved" => {
                    assert!(rows[4][0].contains("convicted,2025-04-01,"), "{backend}")
                }
                "a referral date moved" => {
                    assert!(rows[3][0].ends_with(",2025-02-01"), "{backend}")
                }
                "a case's opening moved" => {
                    assert!(rows[0][0].contains("|2025-01-05T08:00"), "{backend}")
                }
                "the verdict deleted" => assert!(rows[0][0].ends_with("|2"), "{backend}"),
                "the charge deleted" => assert!(rows[0][0].ends_with("|0"), "{backend}"),
                "the decision identifies again" => {
                    assert!(rows[0][0].ends_with("|1"), "{backend}")
                }
                _ => {}
            }
        }
    }
}
