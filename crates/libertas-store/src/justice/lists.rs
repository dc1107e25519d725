//! The prosecution lists across all my cases, one page at a time: evidence (by whether it
//! still needs verifying) and hearings (by when they are held). The home's "evidence to
//! verify" and "hearings this month" count the same rows (`home.rs`), so each count equals
//! the total of the list it links to.
//!
//! Access is decided here: only cases the caller is a member of, in the caller's
//! organisation; evidence only for roles that prosecute (as the home count), hearings for
//! every role that works cases (as a case's proceedings page). Case titles and evidence names
//! (and hearings' courts) are opened for the page shown only, with the page's case keys read in one query, and each
//! listing is audited as one event naming what was shown.

use super::suspects::require_prosecute;
use crate::audit::AuditEvent;
use crate::cases::require_case_work;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::ids::CaseId;
use libertas_domain::justice::proceedings::HearingKind;
use sqlx::FromRow;
use time::{Date, Duration};

/// Items on one page of the evidence and hearings lists.
pub const JUSTICE_PAGE_SIZE: i64 = 50;

/// Whether the latest verification of an item found it intact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Verified {
    /// Never verified, or its latest verification failed (the default: the work to do).
    #[default]
    No,
    /// Its latest verification found it intact.
    Yes,
    /// Every item.
    Any,
}

impl Verified {
    pub const ALL: [Verified; 3] = [Verified::No, Verified::Yes, Verified::Any];

    pub fn as_str(self) -> &'static str {
        match self {
            Verified::No => "no",
            Verified::Yes => "yes",
            Verified::Any => "any",
        }
    }

    /// The condition on [`LATEST_CHECK`], as `home.rs` counts it.
    fn condition(self) -> &'static str {
        match self {
            Verified::No => "and ck <> 'verified_ok'",
            Verified::Yes => "and ck = 'verified_ok'",
            Verified::Any => "",
        }
    }
}

/// The latest custody entry of an item that is a verification, `none` without one.
const LATEST_CHECK: &str = "coalesce((select x.event from evidence_custody x
     where x.evidence_id = e.id and x.event in ('verified_ok', 'verify_failed')
     order by x.recorded_at desc, x.id desc limit 1), 'none')";

/// One evidence item of the list.
#[derive(Clone, Debug)]
pub struct EvidenceItem {
    pub id: String,
    pub case_id: CaseId,
    pub case_number: String,
    /// `None` once the case's key was destroyed.
    pub case_title: Option<String>,
    /// The item's file name; `None` once the case's key was destroyed.
    pub label: Option<String>,
    /// When it was taken in (the intake entry's time), UTC text.
    pub collected_at: String,
    /// Who holds it now: the case member who last received it.
    pub holder: Option<String>,
    pub verified: bool,
}

/// A page of evidence and how many items match in all.
#[derive(Clone, Debug, Default)]
pub struct EvidenceList {
    pub items: Vec<EvidenceItem>,
    pub total: i64,
}

#[derive(FromRow)]
struct EvidenceRow {
    id: String,
    case_id: String,
    number: Option<String>,
    title: Vec<u8>,
    file_name: Vec<u8>,
    collected_at: String,
    holder: Option<String>,
    ck: String,
}

/// When the listed hearings are held, relative to today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HearingWhen {
    /// From the first to the last day of this month (the home's count).
    Month,
    /// Today and the six days after.
    Week,
    /// Today or later (the default).
    #[default]
    Upcoming,
    /// Before today, the latest first.
    Past,
}

impl HearingWhen {
    pub const ALL: [HearingWhen; 4] = [
        HearingWhen::Upcoming,
        HearingWhen::Week,
        HearingWhen::Month,
        HearingWhen::Past,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HearingWhen::Month => "month",
            HearingWhen::Week => "week",
            HearingWhen::Upcoming => "upcoming",
            HearingWhen::Past => "past",
        }
    }

    /// The first day included and the first day after, `None` for no bound.
    fn bounds(self, today: Date) -> (Option<Date>, Option<Date>) {
        match self {
            HearingWhen::Month => {
                let first = today.replace_day(1).unwrap_or(today);
                let next = first
                    .checked_add(Duration::days(31))
                    .and_then(|d| d.replace_day(1).ok());
                (Some(first), next)
            }
            HearingWhen::Week => (Some(today), today.checked_add(Duration::days(7))),
            HearingWhen::Upcoming => (Some(today), None),
            HearingWhen::Past => (None, Some(today)),
        }
    }
}

/// One hearing of the list.
#[derive(Clone, Debug)]
pub struct HearingItem {
    pub id: String,
    pub case_id: CaseId,
    pub case_number: String,
    pub case_title: Option<String>,
    pub date: Date,
    /// Sealed under the case key (it finds the prosecution in public court lists); `None`
    /// once that key was destroyed.
    pub court: Option<String>,
    pub kind: HearingKind,
}

/// A page of hearings and how many match in all.
#[derive(Clone, Debug, Default)]
pub struct HearingList {
    pub items: Vec<HearingItem>,
    pub total: i64,
}

#[derive(FromRow)]
struct HearingRow {
    id: String,
    case_id: String,
    number: Option<String>,
    title: Vec<u8>,
    held_on: String,
    court: Option<Vec<u8>>,
    kind: String,
}

fn bad(what: &str) -> StoreError {
    StoreError::Internal(format!("bad {what} in a justice list"))
}

impl Store {
    /// Page `page` (from 0) of the evidence of `p`'s cases, newest first. `Forbidden` unless
    /// the role prosecutes.
    pub async fn evidence_page(
        &self,
        p: &Principal,
        verified: Verified,
        page: i64,
        reason: &str,
    ) -> Result<EvidenceList, StoreError> {
        require_prosecute(p)?;
        let page = page.max(0);
        let from = format!(
            "from (select e.id, e.case_id, e.file_name, e.created_at, c.number, c.title,
                   {LATEST_CHECK} as ck
                   from evidence e join case_members m on m.case_id = e.case_id
                   join cases c on c.id = e.case_id
                   where m.user_id = $1 and c.org_id = $2) v
             where 1 = 1 {}",
            verified.condition()
        );
        let (user, org) = (p.user_id.to_string(), p.org_id.to_string());
        let total: i64 = sqlx::query_scalar(&format!("select count(*) {from}"))
            .bind(&user)
            .bind(&org)
            .fetch_one(self.pool())
            .await?;
        let sql = format!(
            "select v.id, v.case_id, v.number, v.title, v.file_name, v.ck,
               coalesce((select min(x.occurred_at) from evidence_custody x
                         where x.evidence_id = v.id and x.event = 'intake'), v.created_at)
                 as collected_at,
               (select u.username from evidence_custody x join users u on u.id = x.received_by
                where x.evidence_id = v.id
                order by x.occurred_at desc, x.recorded_at desc, x.id desc limit 1) as holder
             {from} order by v.created_at desc, v.id desc
             limit {JUSTICE_PAGE_SIZE} offset {}",
            page * JUSTICE_PAGE_SIZE
        );
        let rows = sqlx::query_as::<_, EvidenceRow>(&sql)
            .bind(&user)
            .bind(&org)
            .fetch_all(self.pool())
            .await?;
        let mut sealed: Vec<(&str, &[u8])> = Vec::with_capacity(rows.len() * 2);
        for r in &rows {
            sealed.push((&r.case_id, &r.title));
            sealed.push((&r.case_id, &r.file_name));
        }
        let keys = self.page_case_keys(&sealed).await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            items.push(EvidenceItem {
                id: r.id.clone(),
                case_id: r.case_id.parse().map_err(|_| bad("case id"))?,
                case_number: r.number.clone().unwrap_or_default(),
                case_title: keys.open(&r.case_id, "cases", "title", &r.case_id, &r.title)?,
                label: keys.open(&r.case_id, "evidence", "file_name", &r.id, &r.file_name)?,
                collected_at: r.collected_at.clone(),
                holder: r.holder.clone(),
                verified: r.ck == "verified_ok",
            });
        }
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        self.record(
            p.into(),
            vec![
                AuditEvent::new("evidence.list", "evidence", None, reason).detail(
                    serde_json::json!({
                        "count": items.len(),
                        "total": total,
                        "page": page,
                        "verified": verified.as_str(),
                        "ids": ids,
                    }),
                ),
            ],
        )
        .await?;
        Ok(EvidenceList { items, total })
    }

    /// Page `page` (from 0) of the hearings of `p`'s cases held `when` (relative to `today`),
    /// soonest first (the latest first for past ones). `Forbidden` unless the role works
    /// cases.
    pub async fn hearings_page(
        &self,
        p: &Principal,
        when: HearingWhen,
        today: Date,
        page: i64,
        reason: &str,
    ) -> Result<HearingList, StoreError> {
        require_case_work(p)?;
        let page = page.max(0);
        let (first, after) = when.bounds(today);
        let text = |d: Option<Date>| d.map(date_text).unwrap_or_default();
        let (first, after) = (text(first), text(after));
        let from = "from hearings h join case_members m on m.case_id = h.case_id
             join cases c on c.id = h.case_id
             where m.user_id = $1 and c.org_id = $2
             and ($3 = '' or h.held_on >= $3) and ($4 = '' or h.held_on < $4)";
        let (user, org) = (p.user_id.to_string(), p.org_id.to_string());
        let total: i64 = sqlx::query_scalar(&format!("select count(*) {from}"))
            .bind(&user)
            .bind(&org)
            .bind(&first)
            .bind(&after)
            .fetch_one(self.pool())
            .await?;
        let order = match when {
            HearingWhen::Past => "h.held_on desc, h.id desc",
            _ => "h.held_on, h.id",
        };
        let sql = format!(
            "select h.id, h.case_id, c.number, c.title, h.held_on, h.court, h.kind {from}
             order by {order} limit {JUSTICE_PAGE_SIZE} offset {}",
            page * JUSTICE_PAGE_SIZE
        );
        let rows = sqlx::query_as::<_, HearingRow>(&sql)
            .bind(&user)
            .bind(&org)
            .bind(&first)
            .bind(&after)
            .fetch_all(self.pool())
            .await?;
        let mut sealed: Vec<(&str, &[u8])> = Vec::with_capacity(rows.len() * 2);
        for r in &rows {
            sealed.push((&r.case_id, &r.title));
            if let Some(court) = &r.court {
                sealed.push((&r.case_id, court));
            }
        }
        let keys = self.page_case_keys(&sealed).await?;
        let mut items = Vec::with_capacity(rows.len());
        for r in &rows {
            items.push(HearingItem {
                id: r.id.clone(),
                case_id: r.case_id.parse().map_err(|_| bad("case id"))?,
                case_number: r.number.clone().unwrap_or_default(),
                case_title: keys.open(&r.case_id, "cases", "title", &r.case_id, &r.title)?,
                date: parse_date("held_on", &r.held_on).map_err(|_| bad("date"))?,
                court: match &r.court {
                    Some(c) => keys.open(&r.case_id, "hearings", "court", &r.id, c)?,
                    None => return Err(StoreError::Crypto("proceedings value not sealed")),
                },
                kind: HearingKind::parse(&r.kind).map_err(|_| bad("kind"))?,
            });
        }
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        self.record(
            p.into(),
            vec![
                AuditEvent::new("hearing.list", "hearing", None, reason).detail(
                    serde_json::json!({
                        "count": items.len(),
                        "total": total,
                        "page": page,
                        "when": when.as_str(),
                        "ids": ids,
                    }),
                ),
            ],
        )
        .await?;
        Ok(HearingList { items, total })
    }
}
