//! Where the impact measures come from: a few small queries over plain columns only (codes,
//! dates, ids), never decrypting anything, always for one organisation (the network's figures
//! are the sum of the organisations'), so every query starts from the index of the reports
//! received by an organisation (`reports_received`).
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

use super::{OutcomeSteps, Raw};
use crate::care::assessments::open_scores;
use crate::crypto::key_version_of;
use crate::keystore::OwnerKind;
use crate::{Store, StoreError};
use libertas_domain::care::AssessmentScores;
use libertas_domain::stats::{days_between, Period};
use sqlx::FromRow;
use std::collections::HashMap;

/// Reports of the cohort with one verdict (`None`: not screened yet).
#[derive(FromRow)]
struct VerdictRow {
    verdict: Option<String>,
    n: i64,
}

/// Cases opened from the cohort on one day whose first cohort report came in on one day.
#[derive(FromRow)]
struct CaseRow {
    opened: String,
    first_report: String,
    n: i64,
}

/// One person's positive decision in a cohort case, with that case's opening, the person's
/// first referral from that case and their first service delivered by the organisation.
#[derive(FromRow)]
struct DecisionRow {
    person_id: String,
    opened: String,
    rg_decision: Option<String>,
    rg_date: Option<String>,
    cg_decision: Option<String>,
    cg_date: Option<String>,
    referred: Option<String>,
    assisted: Option<String>,
    /// Whether the organisation recorded an outcome assessment of the person (0 or 1).
    assessed: i64,
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

/// The cases of the cohort's reports of `$1` in the period (`$2`/`$3` instants).
const COHORT: &str = "select r.case_id from reports r
     where r.org_id = $1 and r.created_at >= $2 and r.created_at < $3
       and r.case_id is not null";

pub(crate) async fn gather(store: &Store, org: &str, period: Period) -> Result<Raw, StoreError> {
    let org = org.to_owned();
    let (start, end) = (period.start_text(), period.end_text());
    let mut raw = Raw::default();

    let reports = sqlx::query_as::<_, VerdictRow>(
        "select r.verdict, count(*) as n from reports r
         where r.org_id = $1 and r.created_at >= $2 and r.created_at < $3
         group by r.verdict",
    )
    .bind(&org)
    .bind(&start)
    .bind(&end)
    .fetch_all(store.pool())
    .await?;
    for r in reports {
        let n = u64::try_from(r.n).unwrap_or(0);
        match r.verdict {
            Some(v) => *raw.verdicts.entry(v).or_default() += n,
            None => raw.unscreened += n,
        }
    }

    // Counted per pair of days, so a quarter returns a few thousand rows, not one per case.
    let cases = sqlx::query_as::<_, CaseRow>(
        "select opened, first_report, count(*) as n from (
           select substr(c.created_at, 1, 10) as opened, substr(min(r.created_at), 1, 10) as first_report
           from reports r join cases c on c.id = r.case_id
           where r.org_id = $1 and r.created_at >= $2 and r.created_at < $3
           group by c.id, c.created_at) per_case
         group by opened, first_report",
    )
    .bind(&org)
    .bind(&start)
    .bind(&end)
    .fetch_all(store.pool())
    .await?;
    for c in cases {
        let days = days_between(&c.first_report, &c.opened).unwrap_or(0);
        let n = usize::try_from(c.n).unwrap_or(0);
        raw.report_to_case.extend(std::iter::repeat_n(days, n));
    }

    // People with a positive decision in a cohort case; a person in two cohort cases counts
    // once, identified on their first positive decision. One query with the later steps as
    // index lookups per decision: every row returned costs more than a lookup does.
    let decisions = sqlx::query_as::<_, DecisionRow>(&format!(
        "select cp.person_id, c.created_at as opened, d.rg_decision, d.rg_date, d.cg_decision, d.cg_date,
                (select min(f.created_at) from referrals f
                  where f.case_id = d.case_id and f.person_id = cp.person_id) as referred,
                (select min(dl.delivered_on) from care_plans pl
                   join care_services s on s.plan_id = pl.id
                   join care_deliveries dl on dl.service_id = s.id
                  where pl.person_id = cp.person_id and pl.org_id = $1) as assisted,
                (select count(*) from (select 1 from assessments a
                  where a.person_id = cp.person_id and a.org_id = $1 limit 1) one) as assessed
         from decisions d
         join case_people cp on cp.id = d.case_person_id
         join cases c on c.id = d.case_id
         where d.case_id in ({COHORT})
           and (d.rg_decision = 'positive' or d.cg_decision = 'positive')"
    ))
    .bind(&org)
    .bind(&start)
    .bind(&end)
    .fetch_all(store.pool())
    .await?;
    let mut victims: HashMap<String, Victim> = HashMap::new();
    for d in decisions {
        let rg = d
            .rg_date
            .filter(|_| d.rg_decision.as_deref() == Some("positive"));
        let cg = d
            .cg_date
            .filter(|_| d.cg_decision.as_deref() == Some("positive"));
        let Some(on) = [rg.clone(), cg.clone()].into_iter().flatten().min() else {
            continue;
        };
        let v = victims.entry(d.person_id).or_insert_with(|| Victim {
            identified_on: on.clone(),
            opened: d.opened.clone(),
            confirmed: false,
            referred_on: None,
            assisted_on: None,
            assessed: false,
        });
        v.assessed |= d.assessed > 0;
        if on < v.identified_on {
            v.identified_on = on;
            v.opened = d.opened;
        }
        v.confirmed |= cg.is_some();
        v.referred_on = earliest(v.referred_on.take(), d.referred);
        v.assisted_on = earliest(v.assisted_on.take(), d.assisted);
    }

    let assessed: Vec<&str> = victims
        .iter()
        .filter(|(_, v)| v.assessed)
        .map(|(id, _)| id.as_str())
        .collect();
    let mut outcomes = outcomes(store, &org, &assessed).await?;
    raw.assessments_opened = outcomes.opened;

    for (person, v) in victims {
        raw.case_to_identified
            .push(days_between(&v.opened, &v.identified_on).unwrap_or(0));
        if let Some(on) = &v.referred_on {
            raw.identified_to_referred
                .push(days_between(&v.identified_on, on).unwrap_or(0));
        }
        if let Some(on) = &v.assisted_on {
            raw.identified_to_assisted
                .push(days_between(&v.identified_on, on).unwrap_or(0));
        }
        let outcome = outcomes.by_person.remove(&person);
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
    Ok(raw)
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

/// One identified victim while the steps are being gathered.
struct Victim {
    identified_on: String,
    opened: String,
    confirmed: bool,
    referred_on: Option<String>,
    assisted_on: Option<String>,
    /// The organisation recorded at least one outcome assessment of them.
    assessed: bool,
}

fn earliest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
