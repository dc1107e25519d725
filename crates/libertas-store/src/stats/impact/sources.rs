//! Where the impact measures come from: a few small queries over plain columns only (codes,
//! dates, ids), never decrypting anything. `org` is the organisation counted, or `None` for
//! all.
//!
//! The cohort is the reports an organisation received in the period (`reports.created_at`
//! between the period's start and end instants), followed downstream whenever the later steps
//! happened:
//! - screened: the report has a screening verdict;
//! - cases opened: distinct cases the cohort's reports were linked to;
//! - victims identified: distinct people of those cases with a positive reasonable grounds or
//!   conclusive grounds decision in them; confirmed: a positive conclusive grounds decision;
//! - referred: of those, people with a referral or transfer recorded from one of those cases;
//! - assisted: of those, people with at least one service delivered under a care plan of the
//!   organisation.

use super::Raw;
use crate::{Store, StoreError};
use libertas_domain::stats::{days_between, Period};
use sqlx::FromRow;
use std::collections::HashMap;

/// One report of the cohort: its verdict (`None` if not screened yet).
#[derive(FromRow)]
struct ReportRow {
    verdict: Option<String>,
}

/// A case opened from the cohort: when, and when its first cohort report came in.
#[derive(FromRow)]
struct CaseRow {
    opened: String,
    first_report: String,
}

/// One person's positive decision in a cohort case, with that case's opening.
#[derive(FromRow)]
struct DecisionRow {
    person_id: String,
    opened: String,
    rg_decision: Option<String>,
    rg_date: Option<String>,
    cg_decision: Option<String>,
    cg_date: Option<String>,
}

/// A person and the first date of something that happened to them.
#[derive(FromRow)]
struct FirstRow {
    person_id: String,
    first: String,
}

/// The cohort's reports of `org` ('' for all) in the period: `$1` org, `$2`/`$3` instants.
const COHORT: &str = "select r.case_id from reports r
     where ($1 = '' or r.org_id = $1) and r.created_at >= $2 and r.created_at < $3
       and r.case_id is not null";

pub(crate) async fn gather(
    store: &Store,
    org: Option<&str>,
    period: Period,
) -> Result<Raw, StoreError> {
    let org = org.unwrap_or("").to_owned();
    let (start, end) = (period.start_text(), period.end_text());
    let mut raw = Raw::default();

    let reports = sqlx::query_as::<_, ReportRow>(
        "select r.verdict from reports r
         where ($1 = '' or r.org_id = $1) and r.created_at >= $2 and r.created_at < $3",
    )
    .bind(&org)
    .bind(&start)
    .bind(&end)
    .fetch_all(store.pool())
    .await?;
    for r in reports {
        match r.verdict {
            Some(v) => *raw.verdicts.entry(v).or_default() += 1,
            None => raw.unscreened += 1,
        }
    }

    let cases = sqlx::query_as::<_, CaseRow>(
        "select c.created_at as opened, min(r.created_at) as first_report
         from reports r join cases c on c.id = r.case_id
         where ($1 = '' or r.org_id = $1) and r.created_at >= $2 and r.created_at < $3
         group by c.id, c.created_at",
    )
    .bind(&org)
    .bind(&start)
    .bind(&end)
    .fetch_all(store.pool())
    .await?;
    raw.report_to_case = cases
        .iter()
        .map(|c| days_between(&c.first_report, &c.opened).unwrap_or(0))
        .collect();

    // People with a positive decision in a cohort case; a person in two cohort cases counts
    // once, identified on their first positive decision.
    let decisions = sqlx::query_as::<_, DecisionRow>(&format!(
        "select cp.person_id, c.created_at as opened, d.rg_decision, d.rg_date, d.cg_decision, d.cg_date
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
        });
        if on < v.identified_on {
            v.identified_on = on;
            v.opened = d.opened;
        }
        v.confirmed |= cg.is_some();
    }

    let referrals = sqlx::query_as::<_, FirstRow>(&format!(
        "select f.person_id, min(f.created_at) as first from referrals f
         where f.case_id in ({COHORT})
         group by f.person_id"
    ))
    .bind(&org)
    .bind(&start)
    .bind(&end)
    .fetch_all(store.pool())
    .await?;
    for r in referrals {
        if let Some(v) = victims.get_mut(&r.person_id) {
            v.referred_on = Some(r.first);
        }
    }

    let deliveries = sqlx::query_as::<_, FirstRow>(&format!(
        "select pl.person_id, min(dl.delivered_on) as first
         from care_deliveries dl
         join care_services s on s.id = dl.service_id
         join care_plans pl on pl.id = s.plan_id
         where ($1 = '' or pl.org_id = $1)
           and pl.person_id in (select cp.person_id from case_people cp where cp.case_id in ({COHORT}))
         group by pl.person_id"
    ))
    .bind(&org)
    .bind(&start)
    .bind(&end)
    .fetch_all(store.pool())
    .await?;
    for d in deliveries {
        if let Some(v) = victims.get_mut(&d.person_id) {
            v.assisted_on = Some(d.first);
        }
    }

    for v in victims.into_values() {
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
        raw.victims.push(super::VictimSteps {
            confirmed: v.confirmed,
            referred: v.referred_on.is_some(),
            assisted: v.assisted_on.is_some(),
        });
    }
    Ok(raw)
}

/// One identified victim while the steps are being gathered.
struct Victim {
    identified_on: String,
    opened: String,
    confirmed: bool,
    referred_on: Option<String>,
    assisted_on: Option<String>,
}
