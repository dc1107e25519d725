//! The audit viewer's query: one page of the trail, newest first, filtered by actor, action,
//! object and date range.
//!
//! The SQL names only the filters given, so each filter can use its index (`0016`): an actor's
//! or action's events come from `(actor, seq)` / `(action, seq)`, an object's from
//! `(object_id)`, and a date range becomes a range of `seq` (two steps down the `(at)` index)
//! before the newest-first walk starts. Paging is by key (`before`: the oldest `seq` shown), never by offset, so
//! the thousandth page costs what the first does.

use super::chain::{record_from_row, AuditRecord};
use crate::{Store, StoreError};
use time::Date;

/// Events on one page of the audit viewer.
pub const AUDIT_PAGE_SIZE: usize = 50;

/// What the audit viewer asks for. `org_id` is set by the store from the caller, never by the
/// caller.
#[derive(Clone, Debug, Default)]
pub struct AuditBrowse {
    pub org_id: Option<String>,
    /// Events by this username.
    pub actor: Option<String>,
    /// This action (`case.read`), or every action of a kind when it ends with a dot (`case.`).
    pub action: Option<String>,
    /// Events about this object.
    pub object_id: Option<String>,
    /// From this day (UTC), inclusive.
    pub from: Option<Date>,
    /// To this day (UTC), inclusive.
    pub to: Option<Date>,
    /// Only events older than this `seq` (the next page).
    pub before: Option<i64>,
}

/// One page: up to [`AUDIT_PAGE_SIZE`] events, newest first.
#[derive(Clone, Debug)]
pub struct AuditPage {
    pub events: Vec<AuditRecord>,
    /// `before` for the next (older) page, when there is one.
    pub older: Option<i64>,
}

enum Bind {
    Text(String),
    Int(i64),
}

/// The page of events `q` selects, reasons opened.
pub(crate) async fn page(store: &Store, q: &AuditBrowse) -> Result<AuditPage, StoreError> {
    let mut conds: Vec<String> = Vec::new();
    let mut binds: Vec<Bind> = Vec::new();
    let mut push = |cond: &str, b: Bind, binds: &mut Vec<Bind>| {
        binds.push(b);
        conds.push(cond.replace('?', &format!("${}", binds.len())));
    };
    if let Some(org) = &q.org_id {
        push("org_id = ?", Bind::Text(org.clone()), &mut binds);
    }
    if let Some(actor) = &q.actor {
        push("actor = ?", Bind::Text(actor.clone()), &mut binds);
    }
    match q.action.as_deref() {
        Some(kind) if kind.ends_with('.') => {
            // A prefix range rather than LIKE, so `_` and `%` in a code mean nothing and the
            // `(action, seq)` index serves it: every action from `case.` up to `case/`.
            let upper = format!("{}/", kind.trim_end_matches('.'));
            push("action >= ?", Bind::Text(kind.to_owned()), &mut binds);
            push("action < ?", Bind::Text(upper), &mut binds);
        }
        Some(action) => push("action = ?", Bind::Text(action.to_owned()), &mut binds),
        None => {}
    }
    if let Some(object) = &q.object_id {
        push("object_id = ?", Bind::Text(object.clone()), &mut binds);
    }
    // `at` is RFC 3339 text in UTC, so a day's bounds compare as text: every instant of
    // 2026-03-01 sorts at or after "2026-03-01" and before "2026-03-02". Events are appended
    // by one writer reading one clock, so `at` rises with `seq`: the first event of the range
    // (one step down the `at` index) gives the lowest `seq` to walk to, and the last event
    // before its end the highest. The `at` conditions stay, so nothing outside the range is
    // shown; an event stamped during a backward step of the server's clock, right at a day's
    // edge, could fall outside the walk.
    if let Some(from) = q.from {
        let day = from.to_string();
        push(
            "seq >= coalesce((select seq from audit_events where at >= ? order by at limit 1), 9223372036854775807)",
            Bind::Text(day.clone()),
            &mut binds,
        );
        // `at || ''` keeps the planner on the `seq` walk rather than the `at` index.
        push("at || '' >= ?", Bind::Text(day), &mut binds);
    }
    if let Some(to) = q.to {
        let next = to
            .next_day()
            .map_or_else(|| "9999-12-31T".to_owned(), |d| d.to_string());
        push(
            "seq <= coalesce((select seq from audit_events where at < ? order by at desc limit 1), -1)",
            Bind::Text(next.clone()),
            &mut binds,
        );
        push("at || '' < ?", Bind::Text(next), &mut binds);
    }
    if let Some(before) = q.before {
        push("seq < ?", Bind::Int(before), &mut binds);
    }
    let filter = if conds.is_empty() {
        String::new()
    } else {
        format!("where {}", conds.join(" and "))
    };
    let sql = format!(
        "select seq, id, at, org_id, actor_id, actor, action, object_type, object_id, reason,
                detail, prev_mac, mac
         from audit_events {filter}
         order by seq desc
         limit {}",
        AUDIT_PAGE_SIZE + 1
    );
    let mut query = sqlx::query(&sql);
    for b in binds {
        query = match b {
            Bind::Text(s) => query.bind(s),
            Bind::Int(i) => query.bind(i),
        };
    }
    let rows = query.fetch_all(store.pool()).await?;
    let mut events = rows
        .iter()
        .take(AUDIT_PAGE_SIZE)
        .map(record_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    let older = (rows.len() > AUDIT_PAGE_SIZE)
        .then(|| events.last().map(|e| e.seq))
        .flatten();
    store.open_reasons(&mut events).await?;
    Ok(AuditPage { events, older })
}
