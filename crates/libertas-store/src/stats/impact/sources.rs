//! Where the impact measures come from: three range scans over the funnel facts
//! (`impact_reports`, `impact_victims`: plain ids, codes and dates that triggers keep equal to
//! their from-scratch views in the transaction of every write; `migrations/0026_impact_facts.sql`),
//! always for one organisation (the network's figures are the sum of the organisations'), then
//! the sealed assessments of the assessed victims, opened here.
//!
//! The cohort is the reports an organisation received in the period (`reports.created_at`
//! between the period's start and end instants), followed downstream whenever the later steps
//! happened:
//! - screened: the report has a screening verdict;
//! - cases opened: distinct cases the cohort's reports were linked to;
//! - victims identified: distinct people of those cases with a positive reasonable grounds or
//!   conclusive grounds decision in them; confirmed: a positive conclusive grounds decision;
//! - referred: of those, people with a referral or transfer recorded from a case they were
//!   identified in;
//! - assisted: of those, people with at least one service delivered under a care plan of the
//!   organisation;
//! - outcomes: of those, people with outcome assessments recorded by the organisation — their
//!   first (intake) and latest scores, whether the latest overall score is above the first,
//!   whether the latest meets the closure criterion, and the days from the first assessment
//!   to the first closure of their care. The scores are sealed under each person's key: they
//!   are opened here in memory, reduced to those facts at once, and never kept (a person
//!   whose key was destroyed by erasure counts as not assessed).

use super::months::{self, Fresh};
use super::{OutcomeSteps, Raw};
use crate::care::assessments::open_scores;
use crate::crypto::key_version_of;
use crate::keystore::OwnerKind;
use crate::{Store, StoreError};
use futures_util::future::{try_join, try_join3, try_join_all};
use libertas_domain::care::AssessmentScores;
use libertas_domain::stats::{days_between, Period};
use sqlx::FromRow;
use std::collections::{BTreeMap, HashMap};

/// Reports of the cohort with one verdict (`None`: not screened yet).
#[derive(FromRow)]
struct VerdictRow {
    verdict: Option<String>,
    n: i64,
}

/// Rows of one fact table in the period as one text (rows joined by `;`; each row's fields
/// joined by `,` in its `packed` column, a null as an empty field): a year's cohort is tens of
/// thousands of rows, and the driver's cost per row returned is several times the database's
/// cost of reading one, so they come back as one value.
#[derive(FromRow)]
struct Packed {
    packed: Option<String>,
}

/// One sealed outcome assessment of a cohort victim.
#[derive(FromRow)]
struct AssessmentRow {
    id: String,
    person_id: String,
    assessed_on: String,
    scores: Vec<u8>,
}

/// A cohort victim's first closure of care.
#[derive(FromRow)]
struct ClosureRow {
    person_id: String,
    closed_at: String,
}

/// The cohort's reports linked to a case: "case_id,received_at,opened_on" each (the case's
/// opening day; see `migrations/0026_impact_facts.sql`).
const CASES: &str = "select string_agg(packed, ';') as packed from impact_reports
     where org_id = $1 and received_at >= $2 and received_at < $3";

/// Per cohort report, the people with a dated positive decision in its case:
/// "person_id,opened_on,rg_on,cg_on,referred_on,assisted_on,assessed" each (the case's
/// opening day, their earliest positive reasonable and conclusive grounds dates in it, their
/// first referral from it, their first delivered service, and 1 when the organisation
/// assessed them).
const VICTIMS: &str = "select string_agg(packed, ';') as packed from impact_victims
     where org_id = $1 and received_at >= $2 and received_at < $3";

/// The tables whose writes the facts' triggers follow (migration 0026).
pub(crate) const FACT_SOURCES: [&str; 9] = [
    "reports",
    "cases",
    "decisions",
    "case_people",
    "referrals",
    "care_plans",
    "care_services",
    "care_deliveries",
    "assessments",
];

/// Replaces every funnel fact by its recomputation from the views (after a bulk load made
/// with the triggers off; PostgreSQL only). With `months` (a schema of 0028 or later), the
/// month summaries are dropped and every month with facts stamped afresh.
pub(crate) async fn rebuild_facts(
    conn: &mut sqlx::AnyConnection,
    months: bool,
) -> Result<(), StoreError> {
    // The month stamps' triggers (0028) are off too: the stamps are set once at the end.
    for sql in [
        "alter table impact_reports disable trigger user",
        "alter table impact_victims disable trigger user",
        "delete from impact_reports",
        "delete from impact_victims",
        "insert into impact_reports (report_id, org_id, received_at, verdict, case_id, opened_on, packed)
         select report_id, org_id, received_at, verdict, case_id, opened_on, packed
         from impact_report_source",
        "insert into impact_victims (report_id, case_id, person_id, org_id, received_at, opened_on,
                                     rg_on, cg_on, referred_on, assisted_on, assessed, packed)
         select report_id, case_id, person_id, org_id, received_at, opened_on,
                rg_on, cg_on, referred_on, assisted_on, assessed, packed
         from impact_victim_source",
        "alter table impact_reports enable trigger user",
        "alter table impact_victims enable trigger user",
    ] {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    if months {
        for sql in [
            "delete from impact_months",
            "delete from impact_month_stamps",
            "insert into impact_month_stamps (org_id, month, stamp)
             select distinct org_id, substr(received_at, 1, 7), 1 from impact_reports",
        ] {
            sqlx::query(sql).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// The rows of `packed`, each split into exactly `N` fields (`None` for an empty one).
pub(crate) fn unpack<const N: usize>(
    packed: Option<&str>,
) -> Result<Vec<[Option<&str>; N]>, StoreError> {
    let Some(packed) = packed.filter(|p| !p.is_empty()) else {
        return Ok(vec![]);
    };
    let malformed = || StoreError::Internal("impact facts row".into());
    packed
        .split(';')
        .map(|row| {
            let mut fields = row.split(',');
            let mut out = [None; N];
            for slot in &mut out {
                *slot = Some(fields.next().ok_or_else(malformed)?).filter(|f| !f.is_empty());
            }
            match fields.next() {
                None => Ok(out),
                Some(_) => Err(malformed()),
            }
        })
        .collect()
}

/// The fact rows of one organisation's reports received in `[start, end)`.
#[derive(Debug, Default)]
pub(crate) struct FactRows {
    pub unscreened: u64,
    /// Screened reports by verdict code.
    pub verdicts: BTreeMap<String, u64>,
    /// The reports linked to a case, packed ([`CASES`]).
    pub cases: Option<String>,
    /// The victims of those cases, packed ([`VICTIMS`]).
    pub victims: Option<String>,
}

/// The facts of `[start, end)`: reports by verdict, and the packed case and victim rows.
/// Three connections at once: the scans do not wait for one another.
pub(crate) async fn facts_of_range(
    pool: &sqlx::AnyPool,
    org: &str,
    start: &str,
    end: &str,
) -> Result<FactRows, StoreError> {
    let verdicts = sqlx::query_as::<_, VerdictRow>(
        "select verdict, count(*) as n from impact_reports
         where org_id = $1 and received_at >= $2 and received_at < $3
         group by verdict",
    )
    .bind(org)
    .bind(start)
    .bind(end)
    .fetch_all(pool);
    let packed = |sql: &'static str| {
        sqlx::query_as::<_, Packed>(sql)
            .bind(org)
            .bind(start)
            .bind(end)
            .fetch_one(pool)
    };
    let (verdicts, cases, victims) = try_join3(verdicts, packed(CASES), packed(VICTIMS)).await?;
    let mut rows = FactRows {
        cases: cases.packed,
        victims: victims.packed,
        ..FactRows::default()
    };
    for r in verdicts {
        let n = u64::try_from(r.n).unwrap_or(0);
        match r.verdict {
            Some(v) => *rows.verdicts.entry(v).or_default() += n,
            None => rows.unscreened += n,
        }
    }
    Ok(rows)
}

/// Appends the rows of `packed` to `all` (both `;`-joined).
fn append(all: &mut String, packed: Option<&str>) {
    let Some(packed) = packed.filter(|p| !p.is_empty()) else {
        return;
    };
    if !all.is_empty() {
        all.push(';');
    }
    all.push_str(packed);
}

/// Adds `n` times each day count of `histogram` to `days`.
fn expand(days: &mut Vec<i64>, histogram: &BTreeMap<i64, u64>) {
    for (d, n) in histogram {
        days.extend(std::iter::repeat_n(*d, usize::try_from(*n).unwrap_or(0)));
    }
}

/// The raw funnel of `org` for `period`: the whole months from their summaries (computing
/// those not kept at their current stamp, returned to be kept), the partial months at the
/// edges and the rows the summaries keep from the facts, deduplicated here.
pub(crate) async fn gather(
    store: &Store,
    org: &str,
    period: Period,
) -> Result<(Raw, Vec<Fresh>), StoreError> {
    gather_planned(store, org, months::plan(period)).await
}

/// [`gather`] for a period already split into whole months and edges (the tests read a
/// period as one edge, from the facts alone, to check the summaries against).
pub(crate) async fn gather_planned(
    store: &Store,
    org: &str,
    plan: months::Plan,
) -> Result<(Raw, Vec<Fresh>), StoreError> {
    // The edges beside the summaries.
    let edges = try_join_all(
        plan.edges
            .iter()
            .map(|(start, end)| facts_of_range(store.pool(), org, start, end)),
    );
    let (edges, (summaries, fresh)) =
        try_join(edges, months::summaries(store, org, &plan.months)).await?;

    let mut raw = Raw::default();
    let mut case_rows = String::new();
    let mut victim_rows = String::new();
    for e in &edges {
        raw.unscreened += e.unscreened;
        for (v, n) in &e.verdicts {
            *raw.verdicts.entry(v.clone()).or_default() += n;
        }
        append(&mut case_rows, e.cases.as_deref());
        append(&mut victim_rows, e.victims.as_deref());
    }
    for s in &summaries {
        raw.unscreened += s.unscreened;
        for (v, n) in &s.verdicts {
            *raw.verdicts.entry(v.clone()).or_default() += n;
        }
        expand(&mut raw.report_to_case, &s.report_to_case);
        expand(&mut raw.case_to_identified, &s.case_to_identified);
        expand(&mut raw.identified_to_referred, &s.identified_to_referred);
        expand(&mut raw.identified_to_assisted, &s.identified_to_assisted);
        for (all, n) in raw.settled.iter_mut().zip(s.victims) {
            *all += n;
        }
        append(&mut case_rows, Some(&s.cases));
        append(&mut victim_rows, Some(&s.people));
    }

    // Per case opened: its first report of the period, and its opening.
    let mut first: HashMap<&str, (&str, &str)> = HashMap::new();
    for row in unpack::<3>(Some(&case_rows))? {
        let [Some(case), Some(received), Some(opened)] = row else {
            continue;
        };
        let e = first.entry(case).or_insert((received, opened));
        if received < e.0 {
            e.0 = received;
        }
    }
    raw.report_to_case.extend(
        first
            .values()
            .map(|(received, opened)| days_between(received, opened).unwrap_or(0)),
    );

    let victims = victims(unpack::<7>(Some(&victim_rows))?);
    let assessed: Vec<&str> = victims
        .iter()
        .filter(|(_, v)| v.assessed)
        .map(|(id, _)| *id)
        .collect();
    let mut outcomes = outcomes(store, org, &assessed).await?;
    raw.assessments_opened = outcomes.opened;

    for (person, v) in victims {
        raw.case_to_identified
            .push(days_between(v.opened, v.identified_on).unwrap_or(0));
        if let Some(on) = v.referred_on {
            raw.identified_to_referred
                .push(days_between(v.identified_on, on).unwrap_or(0));
        }
        if let Some(on) = v.assisted_on {
            raw.identified_to_assisted
                .push(days_between(v.identified_on, on).unwrap_or(0));
        }
        let outcome = outcomes.by_person.remove(person);
        if let Some(days) = outcome.as_ref().and_then(|o| o.closed_after) {
            raw.intake_to_closure.push(days);
        }
        raw.victims.push(super::VictimSteps {
            confirmed: v.confirmed,
            referred: v.referred_on.is_some(),
            assisted: v.assisted_on.is_some(),
            outcome,
        });
    }
    Ok((raw, fresh))
}

/// People with a positive decision in the given victim rows; a person in two cases (or in a
/// case with two reports) counts once, identified on their first positive decision (on a
/// tie, in the case opened first).
pub(crate) fn victims<'a>(rows: Vec<[Option<&'a str>; 7]>) -> HashMap<&'a str, Victim<'a>> {
    let mut victims: HashMap<&str, Victim> = HashMap::new();
    for row in rows {
        let [Some(person), Some(opened), rg, cg, referred, assisted, assessed] = row else {
            continue;
        };
        let Some(on) = [rg, cg].into_iter().flatten().min() else {
            continue;
        };
        let v = victims.entry(person).or_insert(Victim {
            identified_on: on,
            opened,
            confirmed: false,
            referred_on: None,
            assisted_on: None,
            assessed: false,
        });
        v.assessed |= assessed == Some("1");
        if (on, opened) < (v.identified_on, v.opened) {
            v.identified_on = on;
            v.opened = opened;
        }
        v.confirmed |= cg.is_some();
        v.referred_on = earliest(v.referred_on, referred);
        v.assisted_on = earliest(v.assisted_on, assisted);
    }
    victims
}

/// The cohort victims' outcomes, by person id, and how many sealed assessments were opened.
struct Outcomes {
    by_person: HashMap<String, OutcomeSteps>,
    opened: u64,
}

/// How many people (or keys) are read in one query.
const BATCH: usize = 500;

/// `$2, $3, …` for `n` values after the organisation.
fn marks(n: usize) -> String {
    (0..n)
        .map(|i| format!("${}", i + 2))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The outcomes of `people` (cohort victims the organisation assessed), from their sealed
/// assessments and their closures of care.
async fn outcomes(store: &Store, org: &str, people: &[&str]) -> Result<Outcomes, StoreError> {
    let mut rows: Vec<AssessmentRow> = vec![];
    let mut closed: HashMap<String, String> = HashMap::new();
    for chunk in people.chunks(BATCH) {
        let sql = format!(
            "select a.id, a.person_id, a.assessed_on, a.scores from assessments a
             where a.org_id = $1 and a.person_id in ({})
             order by a.person_id, a.assessed_on, a.recorded_at, a.id",
            marks(chunk.len())
        );
        let mut q = sqlx::query_as::<_, AssessmentRow>(&sql).bind(org);
        for id in chunk {
            q = q.bind(*id);
        }
        rows.extend(q.fetch_all(store.pool()).await?);
        let sql = format!(
            "select c.person_id, min(c.closed_at) as closed_at from care_closures c
             where c.org_id = $1 and c.person_id in ({})
             group by c.person_id",
            marks(chunk.len())
        );
        let mut q = sqlx::query_as::<_, ClosureRow>(&sql).bind(org);
        for id in chunk {
            q = q.bind(*id);
        }
        closed.extend(
            q.fetch_all(store.pool())
                .await?
                .into_iter()
                .map(|c| (c.person_id, c.closed_at)),
        );
    }

    let mut wanted: Vec<(&str, u32)> = rows
        .iter()
        .filter_map(|r| Some((r.person_id.as_str(), key_version_of(&r.scores)?)))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut keys = HashMap::with_capacity(wanted.len());
    for chunk in wanted.chunks(BATCH) {
        keys.extend(
            store
                .keys()
                .get_many(store.ring(), OwnerKind::Person, chunk)
                .await?,
        );
    }

    // Each person's opened assessments, oldest first (the rows are in that order).
    let mut opened = 0;
    let mut scored: HashMap<&str, Vec<(&str, AssessmentScores)>> = HashMap::new();
    for r in &rows {
        let Some(version) = key_version_of(&r.scores) else {
            continue;
        };
        let Some(key) = keys.get(&(r.person_id.clone(), version)) else {
            continue;
        };
        let scores =
            open_scores(key, &r.id, &r.scores).ok_or(StoreError::Crypto("assessment scores"))?;
        opened += 1;
        scored
            .entry(r.person_id.as_str())
            .or_default()
            .push((r.assessed_on.as_str(), scores));
    }
    let by_person = scored
        .into_iter()
        .filter_map(|(person, list)| {
            let (first_on, first) = list.first()?;
            let (_, latest) = list.last()?;
            let closed_after = closed.get(person).and_then(|on| days_between(first_on, on));
            let steps = OutcomeSteps {
                intake: first.domain_scores(),
                latest: latest.domain_scores(),
                reassessed: list.len() > 1,
                improved: list.len() > 1 && latest.overall() > first.overall(),
                meets_criterion: latest.meets_closure_criterion(),
                closed_after,
            };
            Some((person.to_owned(), steps))
        })
        .collect();
    Ok(Outcomes { by_person, opened })
}

/// One identified victim while the steps are being gathered (dates borrowed from the facts).
pub(crate) struct Victim<'a> {
    pub identified_on: &'a str,
    pub opened: &'a str,
    pub confirmed: bool,
    pub referred_on: Option<&'a str>,
    pub assisted_on: Option<&'a str>,
    /// The organisation recorded at least one outcome assessment of them.
    pub assessed: bool,
}

fn earliest<'a>(a: Option<&'a str>, b: Option<&'a str>) -> Option<&'a str> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
