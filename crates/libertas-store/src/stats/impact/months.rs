//! Month summaries of the funnel facts (migration 0028), so that a year is not twelve months
//! of fact rows deduplicated one by one at every reading.
//!
//! A period's exact funnel counts a case once (from its first report of the period) and a
//! person once (from their first identification in it). Those counts can be added month by
//! month only for the cases and people that occur in one month of the organisation's facts,
//! whatever the period. So a month's [`Summary`] holds:
//! - every report of the month, counted by verdict (a report is in one month);
//! - the cases whose reports all fall in the month, as a histogram of days from report to
//!   opening;
//! - the people whose fact rows all fall in the month and whom the organisation never
//!   assessed, counted by the step they reached, with histograms of the days between steps;
//! - every other fact row as it is (cases and people that also occur in another month, and
//!   assessed people, whose sealed scores are opened at read time), for the reader to
//!   deduplicate with the rest of the period, as before.
//!
//! A summary is computed the first time a reading needs it, from the month's facts read after
//! its stamp, and kept with that stamp in `impact_months`; the reading's
//! own write transaction stores it. Triggers bump a month's stamp whenever a fact row of it,
//! or of a case or person that also occurs in it, changes (migrations/*/0028), and a summary
//! is used only while its stamp is current. So a change never waits for a recomputation, a
//! summary computed while a change commits is never used after it, and a busy month (reports
//! arriving today) is simply read from the facts each time, like the partial months at the
//! period's edges.

use super::sources::{facts_of_range, unpack, FactRows};
use crate::{Store, StoreError};
use futures_util::future::{try_join3, try_join_all};
use futures_util::TryFutureExt;
use libertas_domain::stats::{days_between, Period};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use std::collections::{BTreeMap, HashMap, HashSet};
use time::{Date, Month};

/// What one month of one organisation's facts adds to any period that holds the whole month.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Summary {
    pub unscreened: u64,
    pub verdicts: BTreeMap<String, u64>,
    /// Cases counted here: days from report to opening → how many cases.
    pub report_to_case: BTreeMap<i64, u64>,
    /// People counted here: days from the case's opening to identification → how many.
    pub case_to_identified: BTreeMap<i64, u64>,
    pub identified_to_referred: BTreeMap<i64, u64>,
    pub identified_to_assisted: BTreeMap<i64, u64>,
    /// People counted here by the steps they reached, indexed by [`steps_index`].
    pub victims: [u64; 8],
    /// Fact rows of cases that also occur in another month (`;`-joined, as stored).
    pub cases: String,
    /// Fact rows of people who also occur in another month or were assessed.
    pub people: String,
}

/// The index of `victims` for a person confirmed (conclusive grounds), referred, assisted.
pub(crate) fn steps_index(confirmed: bool, referred: bool, assisted: bool) -> usize {
    usize::from(confirmed) * 4 + usize::from(referred) * 2 + usize::from(assisted)
}

/// A month's summary to keep, computed by this reading.
pub(crate) struct Fresh {
    pub month: String,
    pub stamp: i64,
    pub summary: String,
}

/// A period split into the whole months it holds and the partial ones at its edges.
#[derive(Debug, PartialEq)]
pub(crate) struct Plan {
    /// `yyyy-mm` of each whole month, in order.
    pub months: Vec<String>,
    /// `[start, end)` instants of the parts of the period outside whole months.
    pub edges: Vec<(String, String)>,
}

fn first_of(year: i32, month: Month) -> Date {
    Date::from_calendar_date(year, month, 1).unwrap_or(Date::MIN)
}

fn next_month(d: Date) -> Date {
    let (y, m) = if d.month() == Month::December {
        (d.year() + 1, Month::January)
    } else {
        (d.year(), d.month().next())
    };
    first_of(y, m)
}

fn instant(d: Date) -> String {
    format!(
        "{}T00:00:00",
        libertas_domain::cases::decisions::date_text(d)
    )
}

pub(crate) fn plan(period: Period) -> Plan {
    let end = period.to.next_day().unwrap_or(period.to);
    let mut first = first_of(period.from.year(), period.from.month());
    if first < period.from {
        first = next_month(first);
    }
    let mut months = vec![];
    let mut cursor = first;
    while next_month(cursor) <= end && cursor < end {
        months.push(format!(
            "{:04}-{:02}",
            cursor.year(),
            u8::from(cursor.month())
        ));
        cursor = next_month(cursor);
    }
    if months.is_empty() {
        return Plan {
            months,
            edges: vec![(period.start_text(), period.end_text())],
        };
    }
    let mut edges = vec![];
    if period.from < first {
        edges.push((period.start_text(), instant(first)));
    }
    if cursor < end {
        edges.push((instant(cursor), period.end_text()));
    }
    Plan { months, edges }
}

/// `[start, end)` instants of `yyyy-mm`.
fn bounds(month: &str) -> Result<(String, String), StoreError> {
    let bad = || StoreError::Internal(format!("impact month {month}"));
    let (y, m) = month.split_once('-').ok_or_else(bad)?;
    let y: i32 = y.parse().map_err(|_| bad())?;
    let m: u8 = m.parse().map_err(|_| bad())?;
    let start = first_of(y, Month::try_from(m).map_err(|_| bad())?);
    Ok((instant(start), instant(next_month(start))))
}

#[derive(FromRow)]
struct Kept {
    month: String,
    stamp: i64,
    kept: Option<i64>,
    summary: Option<String>,
}

/// The summaries of `months` for `org`: those kept at their current stamp, and the others
/// computed now (returned to be kept). A month without a stamp never had a fact and adds
/// nothing (migration 0028 and [`super::sources::rebuild_facts`] stamp every month with
/// facts), so a period of centuries costs no more than its months with facts.
pub(crate) async fn summaries(
    store: &Store,
    org: &str,
    months: &[String],
) -> Result<(Vec<Summary>, Vec<Fresh>), StoreError> {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Ok((vec![], vec![]));
    };
    let stamped = sqlx::query_as::<_, Kept>(
        "select s.month, s.stamp, m.stamp as kept, m.summary from impact_month_stamps s
         left join impact_months m on m.org_id = s.org_id and m.month = s.month
         where s.org_id = $1 and s.month >= $2 and s.month <= $3",
    )
    .bind(org)
    .bind(first)
    .bind(last)
    .fetch_all(store.pool())
    .await?;
    let mut out = Vec::with_capacity(stamped.len());
    let mut missing = vec![];
    for k in stamped {
        match k.summary {
            Some(summary) if k.kept == Some(k.stamp) => out.push(
                serde_json::from_str(&summary)
                    .map_err(|e| StoreError::Internal(format!("impact month summary: {e}")))?,
            ),
            _ => missing.push(k.month),
        }
    }
    let computed = try_join_all(missing.iter().map(|m| compute(store, org, m))).await?;
    let mut fresh = Vec::with_capacity(computed.len());
    for (month, (stamp, summary)) in missing.into_iter().zip(computed) {
        let text = serde_json::to_string(&summary)
            .map_err(|e| StoreError::Internal(format!("impact month summary: {e}")))?;
        out.push(summary);
        fresh.push(Fresh {
            month,
            stamp,
            summary: text,
        });
    }
    Ok((out, fresh))
}

/// Keeps the summaries computed by a reading, in its write transaction.
pub(crate) async fn keep(
    conn: &mut sqlx::AnyConnection,
    org: &str,
    fresh: &[Fresh],
) -> Result<(), StoreError> {
    for f in fresh {
        sqlx::query(
            "insert into impact_months (org_id, month, stamp, summary) values ($1, $2, $3, $4)
             on conflict (org_id, month) do update
             set stamp = excluded.stamp, summary = excluded.summary",
        )
        .bind(org)
        .bind(&f.month)
        .bind(f.stamp)
        .bind(&f.summary)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Ids of the cases (reports) or people (victims) of the month that also occur outside it.
/// A subquery per row rather than `exists`: PostgreSQL would hash every other row of the
/// organisation for the semi-join instead of looking up the month's few thousand ids.
const SPANNING_CASES: &str = "select distinct i.case_id as id from impact_reports i
     where i.org_id = $1 and i.received_at >= $2 and i.received_at < $3 and i.case_id is not null
       and (select count(*) from impact_reports o where o.case_id = i.case_id and o.org_id = $1
            and (o.received_at < $2 or o.received_at >= $3)) > 0";
const SPANNING_PEOPLE: &str = "select distinct i.person_id as id from impact_victims i
     where i.org_id = $1 and i.received_at >= $2 and i.received_at < $3
       and (select count(*) from impact_victims o where o.person_id = i.person_id and o.org_id = $1
            and (o.received_at < $2 or o.received_at >= $3)) > 0";

/// One month's summary, with the stamp it is valid for.
///
/// The stamp is read before anything else: a change committed after that moment bumps the
/// stamp past it, so the summary is never used even if some of its reads saw the change and
/// others did not. The reads therefore need no common snapshot, and run at once.
async fn compute(store: &Store, org: &str, month: &str) -> Result<(i64, Summary), StoreError> {
    let (start, end) = bounds(month)?;
    let stamp: Option<i64> = sqlx::query_scalar(
        "select stamp from impact_month_stamps where org_id = $1 and month = $2",
    )
    .bind(org)
    .bind(month)
    .fetch_optional(store.pool())
    .await?;
    let spanning = |sql: &'static str| {
        sqlx::query_scalar::<_, String>(sql)
            .bind(org)
            .bind(&start)
            .bind(&end)
            .fetch_all(store.pool())
            .map_err(StoreError::from)
    };
    let (rows, cases, people) = try_join3(
        facts_of_range(store.pool(), org, &start, &end),
        spanning(SPANNING_CASES),
        spanning(SPANNING_PEOPLE),
    )
    .await?;
    let cases: HashSet<String> = cases.into_iter().collect();
    let people: HashSet<String> = people.into_iter().collect();
    Ok((stamp.unwrap_or(0), summarise(&rows, &cases, &people)?))
}

/// A month's summary from its fact rows, given the cases and people that also occur outside
/// it.
pub(crate) fn summarise(
    rows: &FactRows,
    spanning_cases: &HashSet<String>,
    spanning_people: &HashSet<String>,
) -> Result<Summary, StoreError> {
    let mut s = Summary {
        unscreened: rows.unscreened,
        verdicts: rows.verdicts.clone(),
        ..Summary::default()
    };
    let mut kept_cases: Vec<&str> = vec![];
    let mut first: HashMap<&str, (&str, &str)> = HashMap::new();
    let case_rows = rows.cases.as_deref().unwrap_or("");
    for (text, row) in split(case_rows).zip(unpack::<3>(Some(case_rows))?) {
        let [Some(case), Some(received), Some(opened)] = row else {
            continue;
        };
        if spanning_cases.contains(case) {
            kept_cases.push(text);
            continue;
        }
        let e = first.entry(case).or_insert((received, opened));
        if received < e.0 {
            e.0 = received;
        }
    }
    for (received, opened) in first.values() {
        *s.report_to_case
            .entry(days_between(received, opened).unwrap_or(0))
            .or_default() += 1;
    }
    s.cases = kept_cases.join(";");

    let victim_rows = rows.victims.as_deref().unwrap_or("");
    let parsed = unpack::<7>(Some(victim_rows))?;
    // Assessed people are read with their sealed scores at read time: kept as rows.
    let assessed: HashSet<&str> = parsed
        .iter()
        .filter_map(|row| match row {
            [Some(person), .., Some("1")] => Some(*person),
            _ => None,
        })
        .collect();
    let mut kept_people: Vec<&str> = vec![];
    let mut counted = Vec::with_capacity(parsed.len());
    for (text, row) in split(victim_rows).zip(parsed) {
        let Some(person) = row[0] else { continue };
        if spanning_people.contains(person) || assessed.contains(person) {
            kept_people.push(text);
        } else {
            counted.push(row);
        }
    }
    for v in super::sources::victims(counted).into_values() {
        *s.case_to_identified
            .entry(days_between(v.opened, v.identified_on).unwrap_or(0))
            .or_default() += 1;
        if let Some(on) = v.referred_on {
            *s.identified_to_referred
                .entry(days_between(v.identified_on, on).unwrap_or(0))
                .or_default() += 1;
        }
        if let Some(on) = v.assisted_on {
            *s.identified_to_assisted
                .entry(days_between(v.identified_on, on).unwrap_or(0))
                .or_default() += 1;
        }
        s.victims[steps_index(
            v.confirmed,
            v.referred_on.is_some(),
            v.assisted_on.is_some(),
        )] += 1;
    }
    s.people = kept_people.join(";");
    Ok(s)
}

/// The rows of a packed text, as they are.
fn split(packed: &str) -> impl Iterator<Item = &str> {
    packed.split(';').filter(|_| !packed.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn p(from: Date, to: Date) -> Plan {
        plan(Period { from, to })
    }

    #[test]
    fn a_calendar_year_is_twelve_whole_months() {
        let plan = p(date!(2025 - 01 - 01), date!(2025 - 12 - 31));
        assert_eq!(plan.months.len(), 12);
        assert_eq!(plan.months[0], "2025-01");
        assert_eq!(plan.months[11], "2025-12");
        assert!(plan.edges.is_empty());
    }

    #[test]
    fn partial_months_at_the_edges_are_read_from_the_facts() {
        let plan = p(date!(2025 - 12 - 05), date!(2026 - 12 - 04));
        assert_eq!(plan.months.first().map(String::as_str), Some("2026-01"));
        assert_eq!(plan.months.last().map(String::as_str), Some("2026-11"));
        assert_eq!(
            plan.edges,
            vec![
                ("2025-12-05T00:00:00".into(), "2026-01-01T00:00:00".into()),
                ("2026-12-01T00:00:00".into(), "2026-12-05T00:00:00".into()),
            ]
        );
    }

    #[test]
    fn a_period_inside_one_month_is_one_edge() {
        let plan = p(date!(2025 - 03 - 02), date!(2025 - 03 - 30));
        assert!(plan.months.is_empty());
        assert_eq!(
            plan.edges,
            vec![("2025-03-02T00:00:00".into(), "2025-03-31T00:00:00".into())]
        );
        let plan = p(date!(2025 - 02 - 01), date!(2025 - 02 - 28));
        assert_eq!(plan.months, vec!["2025-02".to_owned()]);
        assert!(plan.edges.is_empty());
    }

    #[test]
    fn month_bounds_cross_the_year() {
        assert_eq!(
            bounds("2025-12").unwrap(),
            ("2025-12-01T00:00:00".into(), "2026-01-01T00:00:00".into())
        );
        assert!(bounds("2025-13").is_err());
    }

    #[test]
    fn spanning_and_assessed_rows_are_kept_and_the_rest_counted() {
        let rows = FactRows {
            unscreened: 2,
            verdicts: BTreeMap::from([("trafficking".to_owned(), 3)]),
            cases: Some("c1,2025-03-01T10:00:00,2025-03-03;c2,2025-03-02T00:00:00,2025-03-02;c1,2025-03-02T00:00:00,2025-03-03".into()),
            victims: Some(
                "a,2025-03-03,2025-03-05,,2025-03-09,,0;b,2025-03-02,2025-03-02,2025-03-04,,2025-03-10,0;x,2025-03-02,2025-03-04,,,,0;s,2025-03-02,2025-03-04,,,,1"
                    .into(),
            ),
        };
        let spanning_cases = HashSet::from(["c2".to_owned()]);
        let spanning_people = HashSet::from(["x".to_owned()]);
        let s = summarise(&rows, &spanning_cases, &spanning_people).unwrap();
        assert_eq!(s.unscreened, 2);
        assert_eq!(s.verdicts.get("trafficking"), Some(&3));
        // c1 from its first report (2 days); c2 kept as its row.
        assert_eq!(s.report_to_case, BTreeMap::from([(2, 1)]));
        assert_eq!(s.cases, "c2,2025-03-02T00:00:00,2025-03-02");
        // a: rg only, referred; b: confirmed, assisted; x spans; s assessed.
        assert_eq!(s.victims[steps_index(false, true, false)], 1);
        assert_eq!(s.victims[steps_index(true, false, true)], 1);
        assert_eq!(s.victims.iter().sum::<u64>(), 2);
        assert_eq!(s.case_to_identified, BTreeMap::from([(2, 1), (0, 1)]));
        assert_eq!(s.identified_to_referred, BTreeMap::from([(4, 1)]));
        assert_eq!(s.identified_to_assisted, BTreeMap::from([(8, 1)]));
        assert_eq!(
            s.people,
            "x,2025-03-02,2025-03-04,,,,0;s,2025-03-02,2025-03-04,,,,1"
        );
    }
}
