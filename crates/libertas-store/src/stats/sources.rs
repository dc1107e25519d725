//! Where each indicator comes from: one small query per figure, over plain columns only
//! (codes, dates, ids, counts). `org` is the organisation counted, or `None` for all.
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

/// Trafficking statuses that count as identified.
const IDENTIFIED: &str = "('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking')";

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

/// How far one case has gone: counts of its identifications, charges and verdicts.
#[derive(FromRow)]
struct StageRow {
    identified: i64,
    charged: i64,
    verdict: i64,
}

/// A verdict with the filing date of its charge and the prison months of its sentence.
#[derive(FromRow)]
struct VerdictRow {
    outcome: String,
    filed_on: String,
    decided_on: String,
    prison_months: Option<i64>,
}

/// A charged case: its first charge, its victims' earliest NRM referral, its opening.
#[derive(FromRow)]
struct ChargedCaseRow {
    first_filed: String,
    referral: Option<String>,
    created_at: String,
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

/// The bounds a query is given: organisation ('' for all), period instants and days.
struct Bounds {
    org: String,
    start: String,
    end: String,
    first_day: String,
    last_day: String,
}

pub(super) async fn gather(
    store: &Store,
    org: Option<&str>,
    period: Period,
) -> Result<Raw, StoreError> {
    let b = Bounds {
        org: org.unwrap_or("").to_owned(),
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
         where ($1 = '' or o.org_id = $1) and o.status = 'executed'
           and o.executed_on >= $2 and o.executed_on <= $3",
        &b,
    );
    let charges = by_days(
        store,
        "select count(*) from charges ch join cases c on c.id = ch.case_id
         where ($1 = '' or c.org_id = $1) and ch.filed_on >= $2 and ch.filed_on <= $3",
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
    let sql = format!(
        "select count(*) as identified,
                coalesce(sum(case when exists (select 1 from care_plans pl where pl.person_id = x.person_id)
                                  then 1 else 0 end), 0) as with_care_plan
         from (select distinct cp.person_id
               from decisions d
               join case_people cp on cp.id = d.case_person_id
               join cases c on c.id = d.case_id
               where ($1 = '' or c.org_id = $1) and d.created_at >= $2 and d.created_at < $3
                 and d.trafficking_status in {IDENTIFIED}) x"
    );
    Ok(sqlx::query_as::<_, IdentifiedRow>(&sql)
        .bind(&b.org)
        .bind(&b.start)
        .bind(&b.end)
        .fetch_one(store.pool())
        .await?)
}

fn count_of(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Cases opened in the period, each at the furthest stage it has reached.
async fn stages(store: &Store, b: &Bounds) -> Result<Vec<Stage>, StoreError> {
    let sql = format!(
        "select
           (select count(*) from decisions d where d.case_id = c.id
              and d.trafficking_status in {IDENTIFIED}) as identified,
           (select count(*) from charges ch where ch.case_id = c.id) as charged,
           (select count(*) from verdicts v where v.case_id = c.id) as verdict
         from cases c
         where ($1 = '' or c.org_id = $1) and c.created_at >= $2 and c.created_at < $3"
    );
    let rows = sqlx::query_as::<_, StageRow>(&sql)
        .bind(&b.org)
        .bind(&b.start)
        .bind(&b.end)
        .fetch_all(store.pool())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(if row.verdict > 0 {
            Stage::Verdict
        } else if row.charged > 0 {
            Stage::Charged
        } else if row.identified > 0 {
            Stage::VictimIdentified
        } else {
            Stage::Opened
        });
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
    let rows = sqlx::query_as::<_, VerdictRow>(
        "select v.outcome, ch.filed_on, v.decided_on,
                (select s.prison_months from sentences s where s.verdict_id = v.id) as prison_months
         from verdicts v
         join charges ch on ch.id = v.charge_id
         join cases c on c.id = v.case_id
         where ($1 = '' or c.org_id = $1) and v.decided_on >= $2 and v.decided_on <= $3",
    )
    .bind(&b.org)
    .bind(&b.first_day)
    .bind(&b.last_day)
    .fetch_all(store.pool())
    .await?;
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
    let rows = sqlx::query_as::<_, ChargedCaseRow>(
        "select min(ch.filed_on) as first_filed,
                (select min(d.referral_date) from decisions d where d.case_id = c.id) as referral,
                c.created_at
         from charges ch join cases c on c.id = ch.case_id
         where ($1 = '' or c.org_id = $1)
           and ch.case_id in (select f.case_id from charges f where f.filed_on >= $2 and f.filed_on <= $3)
         group by c.id, c.created_at",
    )
    .bind(&b.org)
    .bind(&b.first_day)
    .bind(&b.last_day)
    .fetch_all(store.pool())
    .await?;
    let mut out = vec![];
    for row in rows {
        let first = row.first_filed;
        if first.as_str() < b.first_day.as_str() || first.as_str() > b.last_day.as_str() {
            continue;
        }
        let since = row.referral.unwrap_or(row.created_at);
        if let Some(days) = days_between(&since, &first).filter(|d| *d >= 0) {
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
         where ($1 = '' or org_id = $1) and held_on >= $2 and held_on <= $3",
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
