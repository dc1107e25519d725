//! The impact view's month summaries (migration 0028): an admin's exact figures read through
//! them must equal the figures read from the fact rows alone, for periods of whole months,
//! partial months and one month, before and after every kind of change that alters which
//! cases and people occur in one month only; a summary is really used while its month is
//! unchanged, and no longer once its month changes. SQLite and (when configured) PostgreSQL.

use crate::impact::{assessed_victim, real_case, Rows, POS};
use libertas_domain::admin::{Principal, Role};
use libertas_domain::stats::{Period, Scope};
use libertas_store::admin::Operator;
use libertas_store::stats::testing::{exec, impact_from_facts, impact_months, Arg};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::Store;
use time::macros::date;

const PERIODS: [Period; 5] = [
    // Twelve whole months.
    Period {
        from: date!(2025 - 01 - 01),
        to: date!(2025 - 12 - 31),
    },
    // Partial months at both edges.
    Period {
        from: date!(2025 - 02 - 15),
        to: date!(2025 - 09 - 20),
    },
    // One whole month, and part of one.
    Period {
        from: date!(2025 - 03 - 01),
        to: date!(2025 - 03 - 31),
    },
    Period {
        from: date!(2025 - 03 - 02),
        to: date!(2025 - 03 - 30),
    },
    // Across the year, starting mid-month.
    Period {
        from: date!(2024 - 12 - 10),
        to: date!(2025 - 06 - 30),
    },
];

/// Every period's figures through the summaries equal those from the facts alone.
async fn agree(store: &Store, adm: &Principal, backend: &str, step: &str) {
    for period in PERIODS {
        agree_on(store, adm, backend, step, period).await;
    }
}

async fn agree_on(store: &Store, adm: &Principal, backend: &str, step: &str, period: Period) {
    let got = store
        .impact(adm, period, Scope::Organisation, date!(2026 - 06 - 01), "t")
        .await
        .unwrap();
    assert!(!got.protected);
    let want = impact_from_facts(store, &adm.org_id.to_string(), period).await;
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        want,
        "{backend}: after {step}, {period:?}"
    );
}

async fn reports_in_2025(store: &Store, adm: &Principal) -> u64 {
    let year = PERIODS[0];
    let got = store
        .impact(adm, year, Scope::Organisation, date!(2026 - 06 - 01), "t")
        .await
        .unwrap();
    got.funnel[0].count.unwrap()
}

async fn kept_months(store: &Store) -> usize {
    impact_months(store).await.len()
}

/// A second case of `person` (already in another case), with a report received `received`,
/// opened `opened`, and a positive reasonable grounds decision on `rg`.
/// Returns the decision's id.
async fn second_case(
    store: &Store,
    rows: &mut Rows<'_>,
    adm: &Principal,
    person: &str,
    received: &str,
    rg: &str,
) -> String {
    let tag = format!("{person}-2");
    let case = rows.case(received).await;
    rows.report(received, Some("trafficking"), Some(&case))
        .await;
    exec(
        store,
        "insert into case_people (id, case_id, person_id, role, created_at)
         values ($1, $2, $3, 'victim', '2025-01-01T00:00:00.000000Z')",
        &[Arg::Text(&tag), Arg::Text(&case), Arg::Text(person)],
    )
    .await;
    exec(
        store,
        "insert into decisions (id, case_id, case_person_id, rule_set, rg_decision, rg_date, created_by, created_at)
         values ($1, $2, $3, 'uk-nrm', 'positive', $4, $5, '2025-01-01T00:00:00.000000Z')",
        &[
            Arg::Text(&format!("d-{tag}")),
            Arg::Text(&case),
            Arg::Text(&tag),
            Arg::Text(rg),
            Arg::Text(&adm.user_id.to_string()),
        ],
    )
    .await;
    format!("d-{tag}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn month_summaries_give_the_figures_of_the_facts_through_every_change() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let adm = principal(&store, "North", "adm", Role::Admin).await;
        let mut rows = Rows::new(&store, &adm);

        // January: a report never screened, one screened without a case, and a case whose
        // victim was identified, referred and given a service; another whose person was
        // refused.
        rows.report("2025-01-03", None, None).await;
        rows.report("2025-01-04", Some("no_indication"), None).await;
        let jan = rows.case("2025-01-10").await;
        rows.report("2025-01-05", Some("trafficking"), Some(&jan))
            .await;
        let (a, a_cp) = rows
            .person(&jan, Some((POS, "2025-01-20")), Some((POS, "2025-03-01")))
            .await;
        rows.referral(&jan, &a, "2025-02-01").await;
        rows.delivery(&jan, &a, &a_cp, "2025-02-03").await;
        rows.person(&jan, Some(("negative", "2025-01-21")), None)
            .await;
        // March: a case with a second report in May (it occurs in two months).
        let mar = rows.case("2025-03-03").await;
        rows.report("2025-03-01", Some("forced_labour"), Some(&mar))
            .await;
        rows.report("2025-05-02", Some("trafficking"), Some(&mar))
            .await;
        rows.person(&mar, None, Some((POS, "2025-03-20"))).await;
        // April: a person identified again in a June case (two months).
        let apr = rows.case("2025-04-05").await;
        rows.report("2025-04-04", Some("trafficking"), Some(&apr))
            .await;
        let (x, _) = rows.person(&apr, Some((POS, "2025-04-15")), None).await;
        let june = second_case(&store, &mut rows, &adm, &x, "2025-06-06", "2025-06-08").await;
        // December 2024 (before the year) and a survivor assessed through the store.
        let dec = rows.case("2024-12-12").await;
        rows.report("2024-12-11", Some("smuggling"), Some(&dec))
            .await;
        rows.person(&dec, Some((POS, "2024-12-20")), None).await;
        let assessed_case = real_case(&store, &adm, "2025-03-10", "2025-03-09").await;
        assessed_victim(
            &store,
            &adm,
            assessed_case,
            "2025-03-15",
            &[("2025-03-20", [2; 6]), ("2025-05-01", [3; 6])],
            true,
        )
        .await;
        let never = assessed_victim(&store, &adm, assessed_case, "2025-03-16", &[], false).await;

        assert_eq!(kept_months(&store).await, 0);
        agree(&store, &adm, backend, "the first readings").await;
        // The whole months read that have facts are kept (none for the months without).
        let months: Vec<String> = impact_months(&store)
            .await
            .into_iter()
            .map(|(_, month, _)| month)
            .collect();
        assert_eq!(
            months,
            ["2025-01", "2025-03", "2025-04", "2025-05", "2025-06"],
            "{backend}: the readings keep their month summaries"
        );

        // A kept summary is what the next reading uses while its month is unchanged: a
        // summary altered behind the store's back shows...
        let (_, _, summary) = impact_months(&store)
            .await
            .into_iter()
            .find(|(_, month, _)| month == "2025-06")
            .unwrap();
        let mut altered: serde_json::Value = serde_json::from_str(&summary).unwrap();
        altered["unscreened"] = serde_json::json!(100);
        exec(
            &store,
            "update impact_months set summary = $1 where month = '2025-06'",
            &[Arg::Text(&altered.to_string())],
        )
        .await;
        let seen = reports_in_2025(&store, &adm).await;
        // ... until a change in its month replaces it.
        rows.report("2025-06-09", None, None).await;
        assert_eq!(reports_in_2025(&store, &adm).await + 100, seen + 1);
        agree(&store, &adm, backend, "a report received in June").await;

        // The January case gets a report in September: it and its victim now occur in two
        // months, so January's summary must give them back as rows.
        rows.report("2025-09-09", Some("trafficking"), Some(&jan))
            .await;
        agree(&store, &adm, backend, "a second report of a January case").await;
        exec(
            &store,
            "delete from reports where created_at like '2025-09-09%'",
            &[],
        )
        .await;
        agree(&store, &adm, backend, "that report deleted").await;

        // The June case of the April victim goes: the April victim occurs in one month again.
        exec(
            &store,
            "delete from decisions where id = $1",
            &[Arg::Text(&june)],
        )
        .await;
        agree(&store, &adm, backend, "the June decision deleted").await;

        // A victim counted in March's summary is assessed: from then on they are read with
        // their sealed scores.
        store
            .add_assessment(
                &adm,
                never,
                libertas_domain::cases::decisions::parse_date("d", "2025-04-01").unwrap(),
                &crate::impact::scores([3; 6]),
                "t",
            )
            .await
            .unwrap();
        agree(&store, &adm, backend, "an assessment of a counted victim").await;

        // A decision changes the date of identification and a referral is recorded.
        exec(
            &store,
            "update decisions set rg_date = '2025-04-01' where case_person_id = $1",
            &[Arg::Text(&a_cp)],
        )
        .await;
        rows.referral(&mar, &x, "2025-03-25").await;
        agree(&store, &adm, backend, "a decision changed and a referral").await;

        // A case moved to another month by its opening day.
        exec(
            &store,
            "update cases set created_at = '2025-02-20T10:00:00.000000Z' where id = $1",
            &[Arg::Text(&apr)],
        )
        .await;
        agree(&store, &adm, backend, "a case's opening moved").await;

        // Months without facts are neither computed nor kept: two centuries (2,400 months)
        // cost what the fixture's months with facts (at most 8, some emptied since) cost.
        let centuries = Period {
            from: date!(1900 - 01 - 01),
            to: date!(2099 - 12 - 31),
        };
        store
            .impact(
                &adm,
                centuries,
                Scope::Organisation,
                date!(2026 - 06 - 01),
                "t",
            )
            .await
            .unwrap();
        let kept = kept_months(&store).await;
        assert!((7..=8).contains(&kept), "{backend}: {kept} months kept");
        agree_on(&store, &adm, backend, "two centuries", centuries).await;

        // A restore starts without summaries (PostgreSQL: facts rebuilt, months stamped
        // afresh), and the figures are the facts' again.
        let file = t.dir.path().join("months.lbk");
        store.backup(Operator::console(), &file, "t").await.unwrap();
        store
            .restore(Operator::console(), &file, "t")
            .await
            .unwrap();
        assert_eq!(kept_months(&store).await, 0, "{backend}");
        let adm = principal(&store, "North", "adm2", Role::Admin).await;
        agree(&store, &adm, backend, "a restore").await;
    }
}
