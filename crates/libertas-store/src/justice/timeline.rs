//! One chronological view of a case: the report it came from, identification decisions,
//! evidence intake and custody, charges, hearings, verdicts and sentences, operations with
//! authorities and referrals to partners.
//!
//! The view is a list of sources ([`SOURCES`]), one small function each, returning entries of
//! one kind. To add a kind (operations, referrals, …) write a function of the
//! [`TimelineSource`] shape next to the feature's store code and add it to the list; entries
//! that decrypt anything set `decrypted`, and [`Store::case_timeline`] audits each of them.

use super::charges::ChargeView;
use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::proceedings::amount_text;
use serde::Serialize;
use sqlx::FromRow;
use std::future::Future;
use std::pin::Pin;

/// One dated thing that happened in a case.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    /// `YYYY-MM-DD`, or a stored UTC time (`YYYY-MM-DDTHH:MM:SS.ffffffZ`); text order is time
    /// order, and a bare date sorts before the times of its day.
    pub date: String,
    /// `report`, `decision`, `evidence`, `custody`, `charge`, `hearing`, `verdict`, `sentence`,
    /// `operation`, `referral`.
    pub kind: &'static str,
    /// The Fluent message id of the entry's one-line summary (`timeline-…` in
    /// `proceedings.ftl`); the web layer renders it in the reader's language.
    pub message: &'static str,
    /// The message's arguments: values from the record (names and narrative decrypted).
    /// An empty value stands for a name that was erased.
    pub args: Vec<(&'static str, String)>,
    /// Where the record is shown in full.
    pub link: Option<String>,
    /// The table and row the entry comes from (for the audit trail).
    #[serde(skip)]
    pub source: (&'static str, String),
    /// Whether building the entry decrypted personal or narrative data (then it is audited).
    #[serde(skip)]
    pub decrypted: bool,
}

/// The future a source returns.
pub type SourceFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Vec<TimelineEntry>, StoreError>> + Send + 'a>>;
/// A source of timeline entries of one case. The caller has checked membership.
pub type TimelineSource = for<'a> fn(&'a Store, CaseId) -> SourceFuture<'a>;

/// Every source, in the order entries of the same moment are shown.
pub const SOURCES: &[TimelineSource] = &[
    report_entries,
    decision_entries,
    evidence_entries,
    charge_entries,
    hearing_entries,
    verdict_entries,
    sentence_entries,
    operation_entries,
    referral_entries,
];

impl Store {
    /// The timeline of `case` (members only), oldest first. Audited before it is returned:
    /// one `case.timeline.read`, and one `timeline.entry.read` per entry that was decrypted.
    pub async fn case_timeline(
        &self,
        p: &Principal,
        case: CaseId,
        reason: &str,
    ) -> Result<Vec<TimelineEntry>, StoreError> {
        self.check_member(p, case).await?;
        let mut all = vec![];
        for source in SOURCES {
            all.extend(source(self, case).await?);
        }
        all.sort_by(|a, b| a.date.cmp(&b.date));
        // The report itself opens only for those who work the report queue: nobody else gets
        // a link that would answer 403.
        if crate::reports::require_report_work(p).is_err() {
            for e in all.iter_mut().filter(|e| e.kind == "report") {
                e.link = None;
            }
        }
        let cid = case.to_string();
        let mut events =
            vec![
                AuditEvent::new("case.timeline.read", "case", Some(cid.clone()), reason)
                    .detail(serde_json::json!({ "count": all.len() })),
            ];
        for e in all.iter().filter(|e| e.decrypted) {
            events.push(
                AuditEvent::new(
                    "timeline.entry.read",
                    e.source.0,
                    Some(e.source.1.clone()),
                    reason,
                )
                .detail(serde_json::json!({ "case_id": cid, "kind": e.kind })),
            );
        }
        self.record(p.into(), events).await?;
        Ok(all)
    }
}

/// What an entry says: its message id and arguments.
type Says = (&'static str, Vec<(&'static str, String)>);

#[derive(FromRow)]
struct ReportRow {
    id: String,
    channel: String,
    created_at: String,
}

/// A decision with its victim's case-person and person; outcomes and dates as stored.
#[derive(FromRow)]
struct DecisionRow {
    id: String,
    case_person_id: String,
    person_id: String,
    referral_date: Option<String>,
    rg_decision: Option<String>,
    rg_date: Option<String>,
    cg_decision: Option<String>,
    cg_date: Option<String>,
}

/// An operation with the number of people it brought to safety.
#[derive(FromRow)]
struct OperationRow {
    id: String,
    name: Vec<u8>,
    status: String,
    planned_on: Option<String>,
    executed_on: Option<String>,
    updated_at: Option<String>,
    people: i64,
}

#[derive(FromRow)]
struct ReferralRow {
    id: String,
    person_id: String,
    kind: String,
    status: String,
    created_at: String,
    partner_name: Option<Vec<u8>>,
    partner_id: String,
}

fn entry(
    date: String,
    kind: &'static str,
    (message, args): Says,
    link: String,
    source: (&'static str, String),
    decrypted: bool,
) -> TimelineEntry {
    TimelineEntry {
        date,
        kind,
        message,
        args,
        link: Some(link),
        source,
        decrypted,
    }
}

/// A decrypted name, or empty once the person was erased.
fn name(n: &Option<String>) -> String {
    n.clone().unwrap_or_default()
}

/// The report the case was opened from: channel and date only (nothing decrypted).
pub fn report_entries(s: &Store, case: CaseId) -> SourceFuture<'_> {
    Box::pin(async move {
        let rows = sqlx::query_as::<_, ReportRow>(
            "select id, channel, created_at from reports where case_id = $1",
        )
        .bind(case.to_string())
        .fetch_all(s.pool())
        .await?;
        let mut out = vec![];
        for r in rows {
            let id = r.id;
            out.push(entry(
                r.created_at,
                "report",
                ("timeline-report", vec![("channel", r.channel)]),
                format!("/reports/{id}"),
                ("reports", id),
                false,
            ));
        }
        Ok(out)
    })
}

/// Identification decisions: each victim's current referral, reasonable- and
/// conclusive-grounds dates, with the victim's name.
pub fn decision_entries(s: &Store, case: CaseId) -> SourceFuture<'_> {
    Box::pin(async move {
        let rows = sqlx::query_as::<_, DecisionRow>(
            "select d.id, cp.id as case_person_id, cp.person_id, d.referral_date, d.rg_decision, d.rg_date,
                 d.cg_decision, d.cg_date
             from decisions d join case_people cp on cp.id = d.case_person_id
             where d.case_id = $1 order by d.created_at desc, d.id desc",
        )
        .bind(case.to_string())
        .fetch_all(s.pool())
        .await?;
        let link = format!("/cases/{case}/decisions");
        let mut seen: Vec<String> = vec![];
        let mut out = vec![];
        for r in rows {
            if seen.contains(&r.case_person_id) {
                continue;
            }
            seen.push(r.case_person_id);
            let id = r.id;
            let who = s.person_name(&r.person_id).await?;
            let steps: [(Option<String>, &'static str, String); 3] = [
                (r.referral_date, "timeline-referral", String::new()),
                (
                    r.rg_date,
                    "timeline-reasonable-grounds",
                    r.rg_decision.unwrap_or_default(),
                ),
                (
                    r.cg_date,
                    "timeline-conclusive-grounds",
                    r.cg_decision.unwrap_or_default(),
                ),
            ];
            for (date, message, outcome) in steps {
                if let Some(date) = date {
                    out.push(entry(
                        date,
                        "decision",
                        (message, vec![("person", name(&who)), ("outcome", outcome)]),
                        link.clone(),
                        ("decisions", id.clone()),
                        true,
                    ));
                }
            }
        }
        Ok(out)
    })
}

/// Evidence intake and every hand-over and verification of its custody.
pub fn evidence_entries(s: &Store, case: CaseId) -> SourceFuture<'_> {
    Box::pin(async move {
        let link = format!("/cases/{case}/evidence");
        let rows: Vec<String> = sqlx::query_scalar("select id from evidence where case_id = $1")
            .bind(case.to_string())
            .fetch_all(s.pool())
            .await?;
        let mut out = vec![];
        for id in rows {
            let eid = id.parse().map_err(|_| super::charges::bad("evidence id"))?;
            let (ev, _) = s.load_evidence(case, eid).await?;
            for c in s.custody_entries(case, eid).await? {
                let file = ("file", ev.file_name.clone());
                let says: Says = match c.event.as_str() {
                    "intake" => (
                        "timeline-evidence-intake",
                        vec![file, ("sha", ev.sha256.chars().take(12).collect())],
                    ),
                    "transfer" => (
                        "timeline-evidence-transfer",
                        vec![
                            file,
                            ("to", c.received_by.clone().unwrap_or_default()),
                            ("from", c.received_from.clone().unwrap_or_default()),
                        ],
                    ),
                    _ => (
                        "timeline-evidence-verified",
                        vec![
                            file,
                            (
                                "outcome",
                                c.outcome.map(|o| o.as_str()).unwrap_or("").to_owned(),
                            ),
                        ],
                    ),
                };
                let kind = if c.event.as_str() == "intake" {
                    "evidence"
                } else {
                    "custody"
                };
                out.push(entry(
                    c.occurred_at,
                    kind,
                    says,
                    link.clone(),
                    ("evidence_custody", c.id.to_string()),
                    true,
                ));
            }
        }
        Ok(out)
    })
}

/// The arguments naming a charge: law, section, counts and the suspect.
fn charge_args(c: &ChargeView) -> Vec<(&'static str, String)> {
    vec![
        ("law", c.law.clone()),
        ("section", c.section.clone()),
        ("counts", c.counts.to_string()),
        ("suspect", name(&c.suspect_name)),
    ]
}

/// Charges filed, dated by filing.
pub fn charge_entries(s: &Store, case: CaseId) -> SourceFuture<'_> {
    Box::pin(async move {
        let mut out = vec![];
        for c in s.charge_rows(case, None).await? {
            out.push(entry(
                date_text(c.filed_on),
                "charge",
                ("timeline-charge", charge_args(&c)),
                format!("/cases/{case}/proceedings#charge-{}", c.id),
                ("charges", c.id.to_string()),
                true,
            ));
        }
        Ok(out)
    })
}

/// Hearings, with their outcome when recorded.
pub fn hearing_entries(s: &Store, case: CaseId) -> SourceFuture<'_> {
    Box::pin(async move {
        let mut out = vec![];
        for h in s.hearing_rows(case, None).await? {
            let mut args = vec![
                ("kind", h.kind.as_str().to_owned()),
                ("court", h.court.clone()),
            ];
            let message = match &h.outcome {
                Some(o) => {
                    args.push(("outcome", o.clone()));
                    "timeline-hearing-outcome"
                }
                None => "timeline-hearing",
            };
            let anchor = h
                .charge_id
                .map(|c| format!("#charge-{c}"))
                .unwrap_or_default();
            out.push(entry(
                date_text(h.date),
                "hearing",
                (message, args),
                format!("/cases/{case}/proceedings{anchor}"),
                ("hearings", h.id.to_string()),
                h.outcome.is_some(),
            ));
        }
        Ok(out)
    })
}

/// Verdicts, naming the charge and the suspect.
pub fn verdict_entries(s: &Store, case: CaseId) -> SourceFuture<'_> {
    Box::pin(async move {
        let charges = s.charge_rows(case, None).await?;
        let mut out = vec![];
        for v in s.verdict_rows(case, None).await? {
            let mut args = charges
                .iter()
                .find(|c| c.id == v.charge_id)
                .map(charge_args)
                .unwrap_or_default();
            args.push(("outcome", v.outcome.as_str().to_owned()));
            out.push(entry(
                date_text(v.date),
                "verdict",
                ("timeline-verdict", args),
                format!("/cases/{case}/proceedings#charge-{}", v.charge_id),
                ("verdicts", v.id.to_string()),
                true,
            ));
        }
        Ok(out)
    })
}

/// Sentences: prison term, fine and restitution to named survivors.
pub fn sentence_entries(s: &Store, case: CaseId) -> SourceFuture<'_> {
    Box::pin(async move {
        let mut out = vec![];
        for x in s.sentence_rows(case, None).await? {
            let cur = x.currency.clone().unwrap_or_default();
            let owed: Vec<String> = x
                .restitution
                .iter()
                .map(|r| {
                    let amount = format!("{} {cur}", amount_text(r.amount_minor));
                    match &r.name {
                        Some(n) => format!("{n}: {amount}"),
                        None => amount,
                    }
                })
                .collect();
            let or_none = |v: String| if v.is_empty() { "none".to_owned() } else { v };
            let args = vec![
                (
                    "prison",
                    or_none(if x.prison_months > 0 {
                        x.prison_months.to_string()
                    } else {
                        String::new()
                    }),
                ),
                (
                    "suspended",
                    if x.suspended { "yes" } else { "no" }.to_owned(),
                ),
                (
                    "fine",
                    or_none(
                        x.fine_minor
                            .map(|f| format!("{} {cur}", amount_text(f)))
                            .unwrap_or_default(),
                    ),
                ),
                ("restitution", or_none(owed.join(", "))),
            ];
            out.push(entry(
                date_text(x.date),
                "sentence",
                ("timeline-sentence", args),
                format!("/cases/{case}/proceedings#charge-{}", x.charge_id),
                ("sentences", x.id.to_string()),
                !x.restitution.is_empty(),
            ));
        }
        Ok(out)
    })
}

/// Operations with authorities: planned (while still planned), executed with how many people
/// were brought to safety, or cancelled.
pub fn operation_entries(s: &Store, case: CaseId) -> SourceFuture<'_> {
    Box::pin(async move {
        let cid = case.to_string();
        let rows = sqlx::query_as::<_, OperationRow>(
            "select o.id, o.name, o.status, o.planned_on, o.executed_on, o.updated_at,
                    (select count(*) from operation_people op where op.operation_id = o.id)
                    as people
             from operations o where o.case_id = $1",
        )
        .bind(&cid)
        .fetch_all(s.pool())
        .await?;
        let link = format!("/cases/{case}/operations");
        let mut out = vec![];
        for r in rows {
            let id = r.id;
            let title = s
                .open_case_field(&cid, "operations", "name", &id, &r.name)
                .await?
                .unwrap_or_default();
            let people = r.people;
            let (date, message): (Option<String>, &'static str) = match r.status.as_str() {
                "executed" => (r.executed_on, "timeline-operation-executed"),
                "cancelled" => (r.updated_at, "timeline-operation-cancelled"),
                _ => (r.planned_on, "timeline-operation-planned"),
            };
            if let Some(date) = date {
                out.push(entry(
                    date,
                    "operation",
                    (
                        message,
                        vec![("name", title), ("people", people.to_string())],
                    ),
                    link.clone(),
                    ("operations", id),
                    true,
                ));
            }
        }
        Ok(out)
    })
}

/// Referrals and transfers of the case's people to partners, with their current status.
pub fn referral_entries(s: &Store, case: CaseId) -> SourceFuture<'_> {
    Box::pin(async move {
        let rows = sqlx::query_as::<_, ReferralRow>(
            "select r.id, r.person_id, r.kind, r.status, r.created_at, p.name as partner_name,
                p.id as partner_id
             from referrals r join partners p on p.id = r.partner_id
             where r.case_id = $1",
        )
        .bind(case.to_string())
        .fetch_all(s.pool())
        .await?;
        let link = format!("/cases/{case}/referrals");
        let mut out = vec![];
        for r in rows {
            let id = r.id;
            let who = s.person_name(&r.person_id).await?;
            out.push(entry(
                r.created_at,
                "referral",
                (
                    "timeline-referral-made",
                    vec![
                        ("kind", r.kind),
                        ("person", name(&who)),
                        (
                            "partner",
                            crate::cases::partner_text(s, &r.partner_id, "name", r.partner_name)?,
                        ),
                        ("status", r.status),
                    ],
                ),
                link.clone(),
                ("referrals", id),
                true,
            ));
        }
        Ok(out)
    })
}
