//! Justice indicators: counts and durations over a period, for one organisation or the whole
//! network, with disclosure control applied here from the reader's role.
//!
//! Who sees what:
//! - staff who work cases, looking at their own organisation: exact figures;
//! - everyone else (analysts and trainers, or anyone looking at the network): counts below
//!   [`SMALL_COUNT`] are shown as "<5", with secondary suppression wherever a total or a rate
//!   would let a hidden count be worked out, and medians only over at least five values.
//!
//! No figure here is personal data and no personal field is decrypted: the counts come from
//! plain columns (codes, dates, ids). Reading them is still audited (`indicators.read`).

mod sources;

use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_analytics::disclosure::{suppress_with_total, ZeroPolicy};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::stats::{median, sentence_bands, Period, Scope, Stage, SMALL_COUNT};
use serde::{Serialize, Serializer};

/// A count as a reader may see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Count(u64),
    /// Below the threshold (or hidden so that another hidden count cannot be worked out).
    Small,
}

impl Shown {
    /// The number, or `None` when hidden.
    pub fn value(self) -> Option<u64> {
        match self {
            Shown::Count(n) => Some(n),
            Shown::Small => None,
        }
    }
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Shown::Count(n) => write!(f, "{n}"),
            Shown::Small => write!(f, "<{SMALL_COUNT}"),
        }
    }
}

/// JSON: a number, or the string `"<5"`.
impl Serialize for Shown {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Shown::Count(n) => s.serialize_u64(*n),
            Shown::Small => s.serialize_str(&format!("<{SMALL_COUNT}")),
        }
    }
}

/// A labelled count (a row of a table, a bar of a chart).
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    pub key: &'static str,
    pub count: Shown,
}

/// A median of a number of days or months, with how many values it is taken over.
#[derive(Clone, Debug, Serialize)]
pub struct Median {
    /// `None` when there are no values, or too few to show.
    pub median: Option<f64>,
    pub n: Shown,
}

/// The whole indicator set for one period and scope.
#[derive(Clone, Debug, Serialize)]
pub struct Indicators {
    pub from: String,
    pub to: String,
    pub scope: &'static str,
    /// Whether small counts were suppressed for this reader.
    pub protected: bool,
    /// Cases opened in the period, by the furthest stage they have reached.
    pub cases_by_stage: Vec<Cell>,
    pub cases_total: Shown,
    /// Victims identified (possible or actual victim of trafficking) in the period.
    pub victims_identified: Shown,
    /// Victims brought to safety by operations executed in the period.
    pub victims_brought_to_safety: Shown,
    /// Of the victims identified in the period, those with a care plan.
    pub identified_with_care_plan: Shown,
    /// `identified_with_care_plan / victims_identified`, when it may be shown.
    pub assistance_rate: Option<f64>,
    /// Charges filed in the period.
    pub charges: Shown,
    /// Final verdicts given in the period, by outcome.
    pub verdicts_by_outcome: Vec<Cell>,
    pub verdicts: Shown,
    pub convictions: Shown,
    /// `convictions / verdicts`, when it may be shown.
    pub conviction_rate: Option<f64>,
    /// Days from the NRM referral (or the case's opening) to the first charge, for charges
    /// filed in the period.
    pub days_referral_to_charge: Median,
    /// Days from a charge to its verdict, for verdicts given in the period.
    pub days_charge_to_verdict: Median,
    /// Prison sentences of verdicts in the period, by length band in months.
    pub sentence_bands: Vec<Cell>,
    pub sentence_months: Median,
    /// Training events held in the period.
    pub training_events: Shown,
    /// Participants of those events by audience type.
    pub training_reach: Vec<Cell>,
    pub participants: Shown,
}

/// The raw figures before disclosure control.
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

/// Applies disclosure control to a table with its total: the cells, then the total.
fn table(rows: &[(&'static str, u64)], protect: bool) -> (Vec<Cell>, Shown) {
    let total: u64 = rows.iter().map(|(_, n)| n).sum();
    if !protect {
        return (
            rows.iter()
                .map(|(key, n)| Cell {
                    key,
                    count: Shown::Count(*n),
                })
                .collect(),
            Shown::Count(total),
        );
    }
    let counts: Vec<u64> = rows.iter().map(|(_, n)| *n).collect();
    // The threshold is a constant above zero, so suppression cannot fail; if it ever did,
    // hide everything rather than show too much.
    let shown = suppress_with_total(&counts, SMALL_COUNT, ZeroPolicy::Publish)
        .unwrap_or_else(|_| vec![None; counts.len()]);
    let cells = rows
        .iter()
        .zip(shown)
        .map(|((key, _), s)| Cell {
            key,
            count: s.map_or(Shown::Small, Shown::Count),
        })
        .collect();
    (cells, single(total, protect))
}

fn single(n: u64, protect: bool) -> Shown {
    if protect && n > 0 && n < SMALL_COUNT {
        Shown::Small
    } else {
        Shown::Count(n)
    }
}

/// A part of a whole (`part` of `whole`) and its rate. Protected readers see neither the part
/// nor the rate when the part or the rest is small, since either lets the other be worked out.
fn part_of(part: u64, whole: u64, protect: bool) -> (Shown, Option<f64>) {
    if whole == 0 {
        return (Shown::Count(0), None);
    }
    let rest = whole.saturating_sub(part);
    let small = |n: u64| n > 0 && n < SMALL_COUNT;
    if protect && (small(part) || small(rest) || whole < SMALL_COUNT) {
        return (Shown::Small, None);
    }
    (Shown::Count(part), Some(part as f64 / whole as f64))
}

fn median_of(values: &[i64], protect: bool) -> Median {
    let n = values.len() as u64;
    if protect && n < SMALL_COUNT {
        return Median {
            median: None,
            n: single(n, protect),
        };
    }
    Median {
        median: median(values),
        n: Shown::Count(n),
    }
}

impl Raw {
    fn protect(self, period: Period, scope: Scope, protect: bool) -> Indicators {
        let stage_rows: Vec<(&'static str, u64)> = Stage::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str(),
                    self.stages.iter().filter(|x| *x == s).count() as u64,
                )
            })
            .collect();
        let (cases_by_stage, cases_total) = table(&stage_rows, protect);
        let (verdicts_by_outcome, verdicts) = table(&self.verdicts, protect);
        let total_verdicts: u64 = self.verdicts.iter().map(|(_, n)| n).sum();
        let (convictions, conviction_rate) = part_of(self.convictions, total_verdicts, protect);
        let (identified_with_care_plan, assistance_rate) =
            part_of(self.with_care_plan, self.victims_identified, protect);
        let bands = sentence_bands(&self.sentence_months);
        let (training_reach, participants) = table(&self.reach, protect);
        Indicators {
            from: libertas_domain::cases::decisions::date_text(period.from),
            to: libertas_domain::cases::decisions::date_text(period.to),
            scope: scope.as_str(),
            protected: protect,
            cases_by_stage,
            cases_total,
            victims_identified: single(self.victims_identified, protect),
            victims_brought_to_safety: single(self.brought_to_safety, protect),
            identified_with_care_plan,
            assistance_rate,
            charges: single(self.charges, protect),
            verdicts_by_outcome,
            verdicts,
            convictions,
            conviction_rate,
            days_referral_to_charge: median_of(&self.referral_to_charge, protect),
            days_charge_to_verdict: median_of(&self.charge_to_verdict, protect),
            sentence_bands: table(&bands, protect).0,
            sentence_months: median_of(&self.sentence_months, protect),
            training_events: single(self.training_events, protect),
            training_reach,
            participants,
        }
    }
}

impl Store {
    /// The justice indicators for `period` and `scope`, protected for the reader.
    ///
    /// Every staff role may read them; the reader's organisation is the only one counted
    /// unless `scope` is the network. Exact figures go only to staff who work cases and look
    /// at their own organisation.
    pub async fn indicators(
        &self,
        p: &Principal,
        period: Period,
        scope: Scope,
        reason: &str,
    ) -> Result<Indicators, StoreError> {
        if !p.can(Capability::ReadIndicators) {
            return Err(StoreError::Forbidden);
        }
        let org = match scope {
            Scope::Organisation => Some(p.org_id.to_string()),
            Scope::Network => None,
        };
        let raw = sources::gather(self, org.as_deref(), period).await?;
        let protect = scope == Scope::Network || !p.can(Capability::WorkCases);
        let out = raw.protect(period, scope, protect);
        self.record(
            p.into(),
            vec![
                AuditEvent::new("indicators.read", "indicators", None, reason).detail(
                    serde_json::json!({
                        "scope": scope.as_str(),
                        "from": out.from,
                        "to": out.to,
                        "protected": protect,
                    }),
                ),
            ],
        )
        .await?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_small_cell_takes_another_with_it() {
        let (cells, total) = table(&[("a", 3), ("b", 40), ("c", 12)], true);
        let shown: Vec<Shown> = cells.iter().map(|c| c.count).collect();
        assert_eq!(shown[0], Shown::Small);
        // With only "a" hidden, 55 - 40 - 12 would give it away: a second cell is hidden.
        assert_eq!(shown.iter().filter(|s| **s == Shown::Small).count(), 2);
        assert_eq!(total, Shown::Count(55));
        let (open, _) = table(&[("a", 3), ("b", 40)], false);
        assert_eq!(open[0].count, Shown::Count(3));
    }

    #[test]
    fn rates_hide_when_part_or_rest_is_small() {
        assert_eq!(part_of(18, 20, true), (Shown::Small, None));
        assert_eq!(part_of(3, 20, true), (Shown::Small, None));
        assert_eq!(part_of(10, 20, true), (Shown::Count(10), Some(0.5)));
        assert_eq!(part_of(0, 20, true), (Shown::Count(0), Some(0.0)));
        assert_eq!(part_of(20, 20, true), (Shown::Count(20), Some(1.0)));
        assert_eq!(part_of(3, 4, false), (Shown::Count(3), Some(0.75)));
        assert_eq!(part_of(2, 3, true), (Shown::Small, None));
    }

    #[test]
    fn medians_need_five_values_when_protected() {
        assert_eq!(median_of(&[1, 2, 3], true).median, None);
        assert_eq!(median_of(&[1, 2, 3], true).n, Shown::Small);
        assert_eq!(median_of(&[1, 2, 3], false).median, Some(2.0));
        assert_eq!(median_of(&[1, 2, 3, 4, 5], true).median, Some(3.0));
        assert_eq!(
            serde_json::to_value(Shown::Small).unwrap(),
            serde_json::json!("<5")
        );
    }
}
