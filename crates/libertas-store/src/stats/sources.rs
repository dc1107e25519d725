//! Where each indicator comes from: one small query per figure, over plain columns only
//! (codes, dates, ids, counts). `org` is the organisation counted, or `None` for all.

use super::Raw;
use crate::{Store, StoreError};
use libertas_domain::stats::{Period, Stage};
use sqlx::Row;

/// Trafficking statuses that count as identified.
const IDENTIFIED: &str = "('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking')";

pub(super) async fn gather(
    store: &Store,
    org: Option<&str>,
    period: Period,
) -> Result<Raw, StoreError> {
    let mut raw = Raw::default();
    let org = org.unwrap_or("");
    let (from, to) = (period.start_text(), period.end_text());
    raw.stages = stages(store, org, &from, &to).await?;
    raw.victims_identified = count(
        store,
        &format!(
            "select count(distinct d.case_person_id) from decisions d
             join cases c on c.id = d.case_id
             where ($1 = '' or c.org_id = $1) and d.created_at >= $2 and d.created_at < $3
             and d.trafficking_status in {IDENTIFIED}"
        ),
        org,
        &from,
        &to,
    )
    .await?;
    Ok(raw)
}

/// Cases opened in the period, each at the furthest stage it has reached.
async fn stages(store: &Store, org: &str, from: &str, to: &str) -> Result<Vec<Stage>, StoreError> {
    let sql = format!(
        "select
           (select count(*) from decisions d where d.case_id = c.id
              and d.trafficking_status in {IDENTIFIED}) as identified
         from cases c
         where ($1 = '' or c.org_id = $1) and c.created_at >= $2 and c.created_at < $3"
    );
    let rows = sqlx::query(&sql)
        .bind(org)
        .bind(from)
        .bind(to)
        .fetch_all(store.pool())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let identified: i64 = row.try_get(0)?;
        out.push(if identified > 0 {
            Stage::VictimIdentified
        } else {
            Stage::Opened
        });
    }
    Ok(out)
}

/// Runs a `select count(…)` bound to organisation, start and end of the period.
async fn count(
    store: &Store,
    sql: &str,
    org: &str,
    from: &str,
    to: &str,
) -> Result<u64, StoreError> {
    let row = sqlx::query(sql)
        .bind(org)
        .bind(from)
        .bind(to)
        .fetch_one(store.pool())
        .await?;
    let n: i64 = row.try_get(0)?;
    Ok(u64::try_from(n).unwrap_or(0))
}
