//! Justice indicators: counts and durations over a period, for one organisation or the whole
//! network, with disclosure control applied here from the reader's role.
//!
//! Who sees what:
//! - staff who work cases, looking at their own organisation: exact figures, for any days;
//! - everyone else (analysts and trainers, and anyone looking at the network): the figures of
//!   a published calendar quarter ([`release`]), protected as one table per view
//!   ([`figures`], `libertas_analytics::disclosure::ProtectedTable`) together with every
//!   organisation's figures and against what every reader already knows, so that no
//!   combination of periods, scopes and figures gives a small count or a hidden figure back.
//!
//! No figure here is personal data and no personal field is decrypted: the counts come from
//! plain columns (codes, dates, ids). Reading them is still audited (`indicators.read`), and
//! publishing a quarter too (`indicators.publish`).

pub mod ctdc;
pub mod estimate;
mod figures;
pub mod impact;
mod release;
pub(crate) mod sources;
#[cfg(feature = "testing")]
pub mod testing;
mod view;

pub use impact::{DomainScores, FunnelStep, Impact, Outcomes};
pub use view::{Cell, Indicators, Median};

use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::cases::decisions::date_text;
use libertas_domain::stats::{Period, Quarter, Scope, Stage};
use time::Date;
use view::Frame;

/// The raw figures of one organisation (or of all) for a period, before any protection.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    pub stages: Vec<Stage>,
    pub victims_identified: u64,
    pub with_care_plan: u64,
    pub brought_to_safety: u64,
    pub charges: u64,
    pub verdicts: Vec<(&'static str, u64)>,
    pub convictions: u64,
    pub referral_to_charge: Vec<i64>,
    pub charge_to_verdict: Vec<i64>,
    pub sentence_months: Vec<i64>,
    pub training_events: u64,
    pub reach: Vec<(&'static str, u64)>,
}

impl Store {
    /// The justice indicators for `period` and `scope`, protected for the reader.
    ///
    /// Every staff role may read them; the reader's organisation is the only one counted
    /// unless `scope` is the network. Exact figures go only to staff who work cases and look
    /// at their own organisation; everyone else gets the published calendar quarter holding
    /// `period.to`, or the latest published before it (`today` decides what is published).
    pub async fn indicators(
        &self,
        p: &Principal,
        period: Period,
        scope: Scope,
        today: Date,
        reason: &str,
    ) -> Result<Indicators, StoreError> {
        if !p.can(Capability::ReadIndicators) {
            return Err(StoreError::Forbidden);
        }
        let own = p.org_id.to_string();
        let exact = scope == Scope::Organisation && p.can(Capability::WorkCases);
        let out = if exact {
            let raw = sources::gather(self, &own, period).await?;
            let frame = Frame {
                from: date_text(period.from),
                to: date_text(period.to),
                scope: scope.as_str(),
                protected: false,
                quarter: None,
                published_at: None,
            };
            view::indicators(frame, &figures::exact(&raw), Some(&raw))
        } else {
            let quarter = Quarter::for_protected_reader(period.to, today);
            let org = match scope {
                Scope::Network => release::NETWORK,
                Scope::Organisation => own.as_str(),
            };
            let r = self
                .release(p, release::View::Indicators, quarter, org)
                .await?;
            let shown = quarter.period();
            let frame = Frame {
                from: date_text(shown.from),
                to: date_text(shown.to),
                scope: scope.as_str(),
                protected: true,
                quarter: Some(quarter.label()),
                published_at: Some(r.published_at),
            };
            view::indicators(frame, &r.figures, None)
        };
        self.record(
            p.into(),
            vec![
                AuditEvent::new("indicators.read", "indicators", None, reason).detail(
                    serde_json::json!({
                        "scope": scope.as_str(),
                        "from": out.from,
                        "to": out.to,
                        "protected": out.protected,
                    }),
                ),
            ],
        )
        .await?;
        Ok(out)
    }
}
