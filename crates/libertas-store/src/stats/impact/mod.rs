//! Impact measures (issue 12, part 1): the hotline funnel of the reports received in a period
//! — screened, cases opened, victims identified, referred, assisted — with conversion rates and
//! days between steps, and the programme's assistance rate (confirmed victims with at least one
//! delivered service ÷ confirmed victims).
//!
//! Built like the justice indicators, and protected the same way: staff who work cases and may
//! read the impact measures (admins) get exact figures of their own organisation for any days;
//! everyone else (analysts, and everyone looking at the network) gets a published calendar
//! quarter of this view, protected as one table ([`figures`]) for the network and every
//! organisation together. The funnel follows a cohort of reports, so the quarters' cohorts are
//! disjoint and one quarter cannot be subtracted from another.
//!
//! Survivor outcomes come from the outcome assessments of the cohort's identified victims:
//! the scores are sealed under each person's key, so they are opened in memory inside the
//! store ([`sources`]), turned into counts at once and never kept or written anywhere; only
//! the protected counts leave the store.

pub(crate) mod figures;
pub(crate) mod months;
pub(crate) mod sources;
pub(crate) mod view;

pub use view::{DomainScores, FunnelStep, Impact, Outcomes, STEPS};

use super::release::{View, NETWORK};
use super::view::Frame;
use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::cases::decisions::date_text;
use libertas_domain::stats::{Period, Quarter, Scope};
use std::collections::BTreeMap;
use time::Date;

/// Where one identified victim has got to.
#[derive(Debug, Default)]
pub(crate) struct VictimSteps {
    /// A positive conclusive grounds decision (otherwise reasonable grounds only).
    pub confirmed: bool,
    pub referred: bool,
    pub assisted: bool,
    /// Their outcome assessments by the organisation, when they have at least one.
    pub outcome: Option<OutcomeSteps>,
}

/// One victim's outcome assessments, reduced to what the measures count.
#[derive(Debug)]
pub(crate) struct OutcomeSteps {
    /// Domain scores of the first (intake) and the latest assessment, in `DOMAINS` order
    /// (the same assessment when there is only one).
    pub intake: Vec<f64>,
    pub latest: Vec<f64>,
    /// Assessed at least twice.
    pub reassessed: bool,
    /// Reassessed, and the latest overall score is above the first's.
    pub improved: bool,
    /// The latest assessment meets the closure criterion.
    pub meets_criterion: bool,
    /// Days from the first assessment to the first closure of their care, once closed.
    pub closed_after: Option<i64>,
}

/// The raw funnel of one organisation (or of all) for a period, before any protection.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    pub unscreened: u64,
    /// Screened reports by verdict code.
    pub verdicts: BTreeMap<String, u64>,
    /// Per case opened: days from its first report of the period to its opening.
    pub report_to_case: Vec<i64>,
    /// Per identified victim: days from the case's opening to identification.
    pub case_to_identified: Vec<i64>,
    /// Per referred victim: days from identification to the first referral.
    pub identified_to_referred: Vec<i64>,
    /// Per assisted victim: days from identification to the first delivered service.
    pub identified_to_assisted: Vec<i64>,
    pub victims: Vec<VictimSteps>,
    /// Identified victims counted in month summaries instead (never assessed), by the steps
    /// they reached ([`months::steps_index`]).
    pub settled: [u64; 8],
    /// Per victim whose care was closed: days from the first assessment to the closure.
    pub intake_to_closure: Vec<i64>,
    /// Sealed assessments opened to count the outcomes (for the audit trail).
    pub assessments_opened: u64,
}

impl Store {
    /// The impact measures for `period` and `scope`, protected for the reader.
    ///
    /// Admins and analysts may read them (`Capability::ReadImpact`); the reader's organisation
    /// is the only one counted unless `scope` is the network. Exact figures go only to readers
    /// who also work cases and look at their own organisation; everyone else gets the published
    /// calendar quarter holding `period.to`, or the latest published before it.
    pub async fn impact(
        &self,
        p: &Principal,
        period: Period,
        scope: Scope,
        today: Date,
        reason: &str,
    ) -> Result<Impact, StoreError> {
        if !p.can(Capability::ReadImpact) {
            return Err(StoreError::Forbidden);
        }
        let own = p.org_id.to_string();
        let exact = scope == Scope::Organisation && p.can(Capability::WorkCases);
        let mut opened = 0;
        let mut fresh = vec![];
        let out = if exact {
            let (raw, computed) = sources::gather(self, &own, period).await?;
            fresh = computed;
            opened = raw.assessments_opened;
            let frame = Frame {
                from: date_text(period.from),
                to: date_text(period.to),
                scope: scope.as_str(),
                protected: false,
                quarter: None,
                published_at: None,
            };
            view::impact(frame, &figures::exact(&raw), Some(&raw))
        } else {
            let quarter = Quarter::for_protected_reader(period.to, today);
            let org = match scope {
                Scope::Network => NETWORK,
                Scope::Organisation => own.as_str(),
            };
            let r = self.release(p, View::Impact, quarter, org).await?;
            let shown = quarter.period();
            let frame = Frame {
                from: date_text(shown.from),
                to: date_text(shown.to),
                scope: scope.as_str(),
                protected: true,
                quarter: Some(quarter.label()),
                published_at: Some(r.published_at),
            };
            view::impact(frame, &r.figures, None)
        };
        let read =
            AuditEvent::new("impact.read", "impact", None, reason).detail(serde_json::json!({
                "scope": scope.as_str(),
                "from": out.from,
                "to": out.to,
                "protected": out.protected,
                "assessments_opened": opened,
                "months_summarised": fresh.len(),
            }));
        if fresh.is_empty() {
            self.record(p.into(), vec![read]).await?;
        } else {
            // The month summaries this reading computed are kept with its audit record.
            let mut tx = self.write(p.into()).await?;
            months::keep(tx.conn()?, &own, &fresh).await?;
            tx.audit(read).await?;
            tx.commit().await?;
        }
        Ok(out)
    }
}
