//! Where each indicator comes from: one small query per figure, over plain columns only
//! (codes, dates, ids, counts) of one organisation.
//!
//! The figures of cases, identifications, charges and verdicts are read from the facts that
//! migration 0030 keeps by triggers (one row per case, identification, charge and verdict,
//! indexed by organisation and date), so a period is one range scan of an index; operations
//! and training events are read from their own tables.
//!
//! Times (`created_at`) are compared with the period's start and end instants; dates
//! (`filed_on`, `decided_on`, …, `YYYY-MM-DD`) with its first and last day.

use super::Raw;
use crate::{Store, StoreError};
use futures_util::future::{try_join, try_join3, try_join4};
use libertas_domain::cases::decisions::date_text;
use libertas_domain::stats::{days_between, Period, Stage};
use sqlx::FromRow;
use std::collections::HashMap;

/// Verdict outcomes, in the order the page shows them.
const OUTCOMES: [&str; 4] = ["convicted", "acquitted", "dismissed", "withdrawn"];

/// Audience types of training events: the count columns of `training_events`.
const AUDIENCES: [&str; 5] = ["police", "prosecutor", "judge", "social_worker", "other"];

/// Victims identified in the period, and those of them with a care plan.
#[derive(FromRow)]
struct IdentifiedRow {
    identified: i64,
    with_care_plan: i64,
}

/// How many cases of the period reached one stage (0 opened, 1 victim identified, 2 charged,
/// 3 verdict).
#[derive(FromRow)]
struct StageRow {
    stage: i64,
    n: i64,
}

/// A verdict with the filing date of its charge and the prison months of its sentence.
struct VerdictRow {
    outcome: String,
    filed_on: String,
    decided_on: String,
    prison_months: Option<i64>,
}

/// A charged case: its first charge, and its victims' earliest NRM referral (or, without
/// one, its opening).
struct ChargedCaseRow {
    first_filed: String,
    since: String,
}

/// Training events in the period and their participants per audience type.
#[derive(FromRow)]
struct TrainingRow {
    events: i64,
    police: i64,
    prosecutor: i64,
    judge: i64,
    social_worker: i64,
    other: i64,
}

/// The bounds a query is given: organisation, period instants and days.
struct Bounds {
    org: String,
    start: String,
    end: String,
    first_day: String,
    last_day: String,
}

pub(super) async fn gather(store: &Store, org: &str, period: Period) -> Result<Raw, StoreError> {
    let b = Bounds {
        org: org.to_owned(),
        start: period.start_text(),
        end: period.end_text(),
        first_day: date_text(period.from),
        last_day: date_text(period.to),
    };
    // The figures' queries do not depend on one another: they run at once, each on a
    // connection of its own.
    let brought_to_safety = by_days(
        store,
        "select count(distinct op.person_id) from operation_people op
         join operations o on o.id = op.operation_id
         where o.org_id = $1 and o.status = 'executed'
           and o.executed_on >= $2 and o.executed_on <= $3",
        &b,
    );
    let charges = by_days(
        store,
        "select count(*) from indicator_charges
         where org_id = $1 and filed_on >= $2 and filed_on <= $3",
        &b,
    );
    let (
        (stages, identified, brought_to_safety),
        (charges, verdicts, referral_to_charge, training),
    ) = try_join(
        try_join3(stages(store, &b), identified(store, &b), brought_to_safety),
        try_join4(
            charges,
            verdicts(store, &b),
            referral_to_charge(store, &b),
            training(store, &b),
        ),
    )
    .await?;
    let (events, reach) = training;
    Ok(Raw {
        stages,
        victims_identified: count_of(identified.identified),
        with_care_plan: count_of(identified.with_care_plan),
        brought_to_safety,
        charges,
        verdicts: verdicts.by_outcome,
        convictions: verdicts.convictions,
        referral_to_charge,
        charge_to_verdict: verdicts.charge_to_verdict,
        sentence_months: verdicts.sentence_months,
        training_events: events,
        reach,
    })
}

/// Victims (distinct people) identified in the period, and those of them with a care plan.
async fn identified(store: &Store, b: &Bounds) -> Result<IdentifiedRow, StoreError> {
    let sql = "select count(*) as identified,
                coalesce(sum(case when exists (select 1 from care_plans pl where pl.person_id = x.person_id)
                                  then 1 else 0 end), 0) as with_care_plan
         from (select distinct person_id from indicator_identified
               where org_id = $1 and created_at >= $2 and created_at < $3) x";
    Ok(sqlx::query_as::<_, IdentifiedRow>(sql)
        .bind(&b.org)
        .bind(&b.start)
        .bind(&b.end)
        .fetch_one(store.pool())
        .await?)
}

fn count_of(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Cases opened in the period, each at the furthest stage it has reached (kept per case by
/// 0030's triggers). Counted by stage in the database: a year is tens of thousands of cases,
/// and the driver's cost per row returned is several times the database's cost of reading one.
async fn stages(store: &Store, b: &Bounds) -> Result<Vec<Stage>, StoreError> {
    let sql = "select stage, count(*) as n from indicator_cases
         where org_id = $1 and created_at >= $2 and created_at < $3
         group by stage";
    let rows = sqlx::query_as::<_, StageRow>(sql)
        .bind(&b.org)
        .bind(&b.start)
        .bind(&b.end)
        .fetch_all(store.pool())
        .await?;
    let mut out = vec![];
    for row in rows {
        let stage = match row.stage {
            3 => Stage::Verdict,
            2 => Stage::Charged,
            1 => Stage::VictimIdentified,
            _ => Stage::Opened,
        };
        out.extend(std::iter::repeat_n(
            stage,
            usize::try_from(row.n).unwrap_or(0),
        ));
    }
    Ok(out)
}

/// Verdicts given in the period by outcome, days from charge to verdict, and the prison
/// sentences of the convictions among them.
/// The verdict figures of a period.
#[derive(Default)]
struct Verdicts {
    by_outcome: Vec<(&'static str, u64)>,
    convictions: u64,
    charge_to_verdict: Vec<i64>,
    sentence_months: Vec<i64>,
}

async fn verdicts(store: &Store, b: &Bounds) -> Result<Verdicts, StoreError> {
    let packed = packed(
        store,
        "select string_agg(packed, ';') as packed from indicator_verdicts
         where org_id = $1 and decided_on >= $2 and decided_on <= $3",
        b,
    )
    .await?;
    let mut rows = vec![];
    for [outcome, filed_on, decided_on, months] in unpack::<4>(packed.as_deref())? {
        rows.push(VerdictRow {
            outcome: outcome.to_owned(),
            filed_on: filed_on.to_owned(),
            decided_on: decided_on.to_owned(),
            prison_months: months.parse().ok(),
        });
    }
    let mut out = Verdicts::default();
    let mut by_outcome: HashMap<String, u64> = HashMap::new();
    for row in rows {
        let outcome = row.outcome;
        *by_outcome.entry(outcome.clone()).or_default() += 1;
        // Every verdict gets a duration, so the verdicts by duration add up to the verdicts
        // by outcome (a structural fact the protection relies on). Dates are validated when
        // entered; one that does not parse counts as no time at all.
        out.charge_to_verdict
            .push(days_between(&row.filed_on, &row.decided_on).unwrap_or(0));
        if outcome == "convicted" {
            if let Some(m) = row.prison_months.filter(|m| *m > 0) {
                out.sentence_months.push(m);
            }
        }
    }
    out.convictions = by_outcome.get("convicted").copied().unwrap_or(0);
    out.by_outcome = OUTCOMES
        .iter()
        .map(|o| (*o, by_outcome.get(*o).copied().unwrap_or(0)))
        .collect();
    Ok(out)
}

/// For each case whose first charge was filed in the period: days from the earliest NRM
/// referral of its victims (or, without one, from the case's opening) to that charge.
async fn referral_to_charge(store: &Store, b: &Bounds) -> Result<Vec<i64>, StoreError> {
    let packed = packed(
        store,
        "select string_agg(packed, ';') as packed from indicator_charged
         where org_id = $1 and first_filed >= $2 and first_filed <= $3",
        b,
    )
    .await?;
    let mut rows = vec![];
    for [first_filed, since] in unpack::<2>(packed.as_deref())? {
        rows.push(ChargedCaseRow {
            first_filed: first_filed.to_owned(),
            since: since.to_owned(),
        });
    }
    let mut out = vec![];
    for row in rows {
        if let Some(days) = days_between(&row.since, &row.first_filed).filter(|d| *d >= 0) {
            out.push(days);
        }
    }
    Ok(out)
}

/// Training events held in the period and their participants by audience type.
async fn training(
    store: &Store,
    b: &Bounds,
) -> Result<(u64, Vec<(&'static str, u64)>), StoreError> {
    let row = sqlx::query_as::<_, TrainingRow>(
        "select count(*) as events, cast(coalesce(sum(police), 0) as bigint) as police,
                cast(coalesce(sum(prosecutor), 0) as bigint) as prosecutor,
                cast(coalesce(sum(judge), 0) as bigint) as judge,
                cast(coalesce(sum(social_worker), 0) as bigint) as social_worker,
                cast(coalesce(sum(other), 0) as bigint) as other
         from training_events
         where org_id = $1 and held_on >= $2 and held_on <= $3",
    )
    .bind(&b.org)
    .bind(&b.first_day)
    .bind(&b.last_day)
    .fetch_one(store.pool())
    .await?;
    let counts = [
        row.police,
        row.prosecutor,
        row.judge,
        row.social_worker,
        row.other,
    ];
    let reach = AUDIENCES
        .iter()
        .zip(counts)
        .map(|(a, n)| (*a, count_of(n)))
        .collect();
    Ok((count_of(row.events), reach))
}

/// Rows of a query as one text (rows joined by `;`, fields by `,`): the driver's cost per row
/// returned is several times the database's cost of reading one, and a year holds thousands.
#[derive(FromRow)]
struct Packed {
    packed: Option<String>,
}

/// Runs a query of one `packed` text bound to organisation, first and last day.
async fn packed(store: &Store, sql: &str, b: &Bounds) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_as::<_, Packed>(sql)
        .bind(&b.org)
        .bind(&b.first_day)
        .bind(&b.last_day)
        .fetch_one(store.pool())
        .await?
        .packed)
}

/// The rows of `packed`, each split into exactly `N` fields (codes and dates: no commas).
fn unpack<const N: usize>(packed: Option<&str>) -> Result<Vec<[&str; N]>, StoreError> {
    let Some(packed) = packed.filter(|p| !p.is_empty()) else {
        return Ok(vec![]);
    };
    let malformed = || StoreError::Internal("indicator row".into());
    packed
        .split(';')
        .map(|row| {
            let mut fields = row.split(',');
            let mut out = [""; N];
            for slot in &mut out {
                *slot = fields.next().ok_or_else(malformed)?;
            }
            match fields.next() {
                None => Ok(out),
                Some(_) => Err(malformed()),
            }
        })
        .collect()
}

/// Runs a `select count(…)` bound to organisation, first and last day of the period.
async fn by_days(store: &Store, sql: &str, b: &Bounds) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar(sql)
        .bind(&b.org)
        .bind(&b.first_day)
        .bind(&b.last_day)
        .fetch_one(store.pool())
        .await?;
    Ok(count_of(n))
}

/// The tables whose writes the indicator facts' triggers follow (migration 0030).
pub(crate) const INDICATOR_SOURCES: [&str; 6] = [
    "cases",
    "decisions",
    "case_people",
    "charges",
    "verdicts",
    "sentences",
];

/// The indicator facts' tables and the views that define them (migration 0030), with the
/// columns both share.
pub(crate) const INDICATOR_FACTS: [(&str, &str, &str); 5] = [
    (
        "indicator_cases",
        "indicator_case_source",
        "case_id, org_id, created_at, stage",
    ),
    (
        "indicator_identified",
        "indicator_identified_source",
        "decision_id, case_id, org_id, created_at, person_id",
    ),
    (
        "indicator_charges",
        "indicator_charge_source",
        "charge_id, case_id, org_id, filed_on",
    ),
    (
        "indicator_charged",
        "indicator_charged_source",
        "case_id, org_id, first_filed, packed",
    ),
    (
        "indicator_verdicts",
        "indicator_verdict_source",
        "verdict_id, case_id, org_id, decided_on, packed",
    ),
];

/// Replaces every indicator fact by its recomputation from the views (after a bulk load made
/// with the triggers off; PostgreSQL only).
pub(crate) async fn rebuild_indicator_facts(
    conn: &mut sqlx::AnyConnection,
) -> Result<(), StoreError> {
    for (table, view, columns) in INDICATOR_FACTS {
        sqlx::query(&format!("delete from {table}"))
            .execute(&mut *conn)
            .await?;
        sqlx::query(&format!(
            "insert into {table} ({columns}) select {columns} from {view}"
        ))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
