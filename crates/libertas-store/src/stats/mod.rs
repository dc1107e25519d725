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

fn small(n: u64) -> bool {
    n > 0 && n < SMALL_COUNT
}

/// The counts behind a [`Raw`], in the shape the figures are shown: what disclosure control
/// looks at. For the network, the same counts of the *other* organisations (network minus the
/// reader's own) are checked too, so that subtracting one's own exact figures from the
/// network's cannot reveal another organisation's small count.
#[derive(Clone, Debug, Default)]
pub(crate) struct Counts {
    stages: Vec<(&'static str, u64)>,
    victims_identified: u64,
    with_care_plan: u64,
    brought_to_safety: u64,
    charges: u64,
    verdicts: Vec<(&'static str, u64)>,
    convictions: u64,
    referral_to_charge: u64,
    charge_to_verdict: u64,
    bands: Vec<(&'static str, u64)>,
    sentences: u64,
    training_events: u64,
    reach: Vec<(&'static str, u64)>,
}

impl Counts {
    fn of(raw: &Raw) -> Self {
        Counts {
            stages: Stage::ALL
                .iter()
                .map(|s| {
                    (
                        s.as_str(),
                        raw.stages.iter().filter(|x| *x == s).count() as u64,
                    )
                })
                .collect(),
            victims_identified: raw.victims_identified,
            with_care_plan: raw.with_care_plan,
            brought_to_safety: raw.brought_to_safety,
            charges: raw.charges,
            verdicts: raw.verdicts.clone(),
            convictions: raw.convictions,
            referral_to_charge: raw.referral_to_charge.len() as u64,
            charge_to_verdict: raw.charge_to_verdict.len() as u64,
            bands: sentence_bands(&raw.sentence_months),
            sentences: raw.sentence_months.len() as u64,
            training_events: raw.training_events,
            reach: raw.reach.clone(),
        }
    }

    /// `self - own`, figure by figure (never below zero).
    fn minus(&self, own: &Counts) -> Counts {
        let rows = |a: &[(&'static str, u64)], b: &[(&'static str, u64)]| {
            a.iter()
                .map(|(k, n)| {
                    let m = b.iter().find(|(j, _)| j == k).map_or(0, |(_, m)| *m);
                    (*k, n.saturating_sub(m))
                })
                .collect()
        };
        Counts {
            stages: rows(&self.stages, &own.stages),
            victims_identified: self
                .victims_identified
                .saturating_sub(own.victims_identified),
            with_care_plan: self.with_care_plan.saturating_sub(own.with_care_plan),
            brought_to_safety: self.brought_to_safety.saturating_sub(own.brought_to_safety),
            charges: self.charges.saturating_sub(own.charges),
            verdicts: rows(&self.verdicts, &own.verdicts),
            convictions: self.convictions.saturating_sub(own.convictions),
            referral_to_charge: self
                .referral_to_charge
                .saturating_sub(own.referral_to_charge),
            charge_to_verdict: self.charge_to_verdict.saturating_sub(own.charge_to_verdict),
            bands: rows(&self.bands, &own.bands),
            sentences: self.sentences.saturating_sub(own.sentences),
            training_events: self.training_events.saturating_sub(own.training_events),
            reach: rows(&self.reach, &own.reach),
        }
    }
}

/// Which cells of a table to hide: small counts, with secondary suppression so a hidden cell
/// cannot be worked out from the total. The threshold is a constant above zero, so the
/// suppression cannot fail; if it ever did, everything is hidden rather than too much shown.
fn hidden_cells(counts: &[u64]) -> Vec<bool> {
    suppress_with_total(counts, SMALL_COUNT, ZeroPolicy::Publish)
        .map(|v| v.iter().map(Option::is_none).collect())
        .unwrap_or_else(|_| vec![true; counts.len()])
}

/// Applies disclosure control to a table with its total: the cells, then the total. With
/// `others`, a cell is hidden also when the other organisations' part of it is small.
fn table(
    rows: &[(&'static str, u64)],
    others: Option<&[(&'static str, u64)]>,
    protect: bool,
) -> (Vec<Cell>, Shown) {
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
    let mut hidden = hidden_cells(&counts);
    if let Some(o) = others {
        let theirs: Vec<u64> = o.iter().map(|(_, n)| *n).collect();
        for (h, t) in hidden.iter_mut().zip(hidden_cells(&theirs)) {
            *h |= t;
        }
        // The union may leave one cell hidden on its own again: hide the next smallest.
        if hidden.iter().filter(|h| **h).count() == 1 {
            if let Some(j) = (0..counts.len())
                .filter(|&j| !hidden[j] && counts[j] > 0)
                .min_by_key(|&j| counts[j])
            {
                hidden[j] = true;
            }
        }
    }
    let cells = rows
        .iter()
        .zip(hidden)
        .map(|((key, n), h)| Cell {
            key,
            count: if h { Shown::Small } else { Shown::Count(*n) },
        })
        .collect();
    let their_total = others.map(|o| o.iter().map(|(_, n)| n).sum());
    (cells, single(total, their_total, protect))
}

/// One count: hidden when small, or when the other organisations' part of it is small.
fn single(n: u64, others: Option<u64>, protect: bool) -> Shown {
    if protect && (small(n) || others.is_some_and(small)) {
        Shown::Small
    } else {
        Shown::Count(n)
    }
}

/// A part of a whole (`part` of `whole`) and its rate. Protected readers see neither the part
/// nor the rate when the part or the rest is small, since either lets the other be worked out
/// (and the same for the other organisations' part and whole, with `others`).
fn part_of(
    part: u64,
    whole: u64,
    others: Option<(u64, u64)>,
    protect: bool,
) -> (Shown, Option<f64>) {
    if whole == 0 {
        return (Shown::Count(0), None);
    }
    let risky = |part: u64, whole: u64| {
        whole > 0 && (small(part) || small(whole.saturating_sub(part)) || whole < SMALL_COUNT)
    };
    if protect && (risky(part, whole) || others.is_some_and(|(p, w)| risky(p, w))) {
        return (Shown::Small, None);
    }
    (Shown::Count(part), Some(part as f64 / whole as f64))
}

/// A median with its number of values: protected readers need at least five values (and,
/// with `others`, not a small number of them from other organisations).
fn median_of(values: &[i64], others: Option<u64>, protect: bool) -> Median {
    let n = values.len() as u64;
    if protect && (n < SMALL_COUNT || others.is_some_and(small)) {
        return Median {
            median: None,
            n: single(n, others, protect),
        };
    }
    Median {
        median: median(values),
        n: Shown::Count(n),
    }
}

impl Raw {
    fn protect(
        self,
        period: Period,
        scope: Scope,
        protect: bool,
        others: Option<&Counts>,
    ) -> Indicators {
        let c = Counts::of(&self);
        let (cases_by_stage, cases_total) =
            table(&c.stages, others.map(|o| o.stages.as_slice()), protect);
        let (verdicts_by_outcome, verdicts) =
            table(&c.verdicts, others.map(|o| o.verdicts.as_slice()), protect);
        let total_verdicts: u64 = c.verdicts.iter().map(|(_, n)| n).sum();
        let their_verdicts = others.map(|o| o.verdicts.iter().map(|(_, n)| n).sum::<u64>());
        let (mut convictions, mut conviction_rate) = part_of(
            c.convictions,
            total_verdicts,
            others.zip(their_verdicts).map(|(o, w)| (o.convictions, w)),
            protect,
        );
        // A hidden "convicted" cell must not come back as the convictions figure.
        if verdicts_by_outcome
            .iter()
            .any(|cell| cell.key == "convicted" && cell.count == Shown::Small)
        {
            convictions = Shown::Small;
            conviction_rate = None;
        }
        let (identified_with_care_plan, assistance_rate) = part_of(
            c.with_care_plan,
            c.victims_identified,
            others.map(|o| (o.with_care_plan, o.victims_identified)),
            protect,
        );
        let (training_reach, participants) =
            table(&c.reach, others.map(|o| o.reach.as_slice()), protect);
        Indicators {
            from: libertas_domain::cases::decisions::date_text(period.from),
            to: libertas_domain::cases::decisions::date_text(period.to),
            scope: scope.as_str(),
            protected: protect,
            cases_by_stage,
            cases_total,
            victims_identified: single(
                c.victims_identified,
                others.map(|o| o.victims_identified),
                protect,
            ),
            victims_brought_to_safety: single(
                c.brought_to_safety,
                others.map(|o| o.brought_to_safety),
                protect,
            ),
            identified_with_care_plan,
            assistance_rate,
            charges: single(c.charges, others.map(|o| o.charges), protect),
            verdicts_by_outcome,
            verdicts,
            convictions,
            conviction_rate,
            days_referral_to_charge: median_of(
                &self.referral_to_charge,
                others.map(|o| o.referral_to_charge),
                protect,
            ),
            days_charge_to_verdict: median_of(
                &self.charge_to_verdict,
                others.map(|o| o.charge_to_verdict),
                protect,
            ),
            sentence_bands: table(&c.bands, others.map(|o| o.bands.as_slice()), protect).0,
            sentence_months: median_of(&self.sentence_months, others.map(|o| o.sentences), protect),
            training_events: single(
                c.training_events,
                others.map(|o| o.training_events),
                protect,
            ),
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
        let protect = scope == Scope::Network || !p.can(Capability::WorkCases);
        // Protected readers count whole calendar months only, so that two periods a day
        // apart cannot be subtracted to single out one day's events.
        let period = if protect {
            period.whole_months()
        } else {
            period
        };
        let own = p.org_id.to_string();
        let out = match scope {
            Scope::Organisation => {
                let raw = sources::gather(self, Some(&own), period).await?;
                raw.protect(period, scope, protect, None)
            }
            Scope::Network => {
                let raw = sources::gather(self, None, period).await?;
                let mine = sources::gather(self, Some(&own), period).await?;
                let others = Counts::of(&raw).minus(&Counts::of(&mine));
                raw.protect(period, scope, protect, Some(&others))
            }
        };
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
        let (cells, total) = table(&[("a", 3), ("b", 40), ("c", 12)], None, true);
        let shown: Vec<Shown> = cells.iter().map(|c| c.count).collect();
        assert_eq!(shown[0], Shown::Small);
        // With only "a" hidden, 55 - 40 - 12 would give it away: a second cell is hidden.
        assert_eq!(shown.iter().filter(|s| **s == Shown::Small).count(), 2);
        assert_eq!(total, Shown::Count(55));
        let (open, _) = table(&[("a", 3), ("b", 40)], None, false);
        assert_eq!(open[0].count, Shown::Count(3));
    }

    #[test]
    fn network_figures_hide_what_subtracting_ones_own_would_reveal() {
        // The network has 7 convictions; the reader's organisation 6 of them: the other
        // organisations' 1 must not be worked out, so the network figure is hidden.
        assert_eq!(single(7, Some(1), true), Shown::Small);
        assert_eq!(single(12, Some(7), true), Shown::Count(12));
        assert_eq!(single(12, Some(0), true), Shown::Count(12));
        // In a table, a cell whose other-organisation part is small is hidden, and a second
        // one with it so the total does not give it away.
        let net = [("a", 20), ("b", 30), ("c", 40)];
        let theirs = [("a", 2), ("b", 10), ("c", 10)];
        let (cells, _) = table(&net, Some(&theirs), true);
        let hidden: Vec<&str> = cells
            .iter()
            .filter(|c| c.count == Shown::Small)
            .map(|c| c.key)
            .collect();
        assert_eq!(hidden, ["a", "b"]);
        assert_eq!(part_of(10, 20, Some((1, 5)), true), (Shown::Small, None));
        assert_eq!(median_of(&[1, 2, 3, 4, 5, 6], Some(2), true).median, None);
    }

    #[test]
    fn a_hidden_convicted_cell_hides_the_convictions_figure() {
        // Convicted 6, acquitted 2, dismissed 30, withdrawn 10: acquitted is small and the
        // next smallest (convicted) is hidden with it; showing 6 convictions would give
        // acquitted = 48 - 6 - 30 - 10 away.
        let raw = Raw {
            verdicts: vec![
                ("convicted", 6),
                ("acquitted", 2),
                ("dismissed", 30),
                ("withdrawn", 10),
            ],
            convictions: 6,
            ..Raw::default()
        };
        let today = time::macros::date!(2026 - 11 - 22);
        let period = Period::parse(None, None, today).unwrap();
        let out = raw.protect(period, Scope::Organisation, true, None);
        assert_eq!(out.convictions, Shown::Small);
        assert_eq!(out.conviction_rate, None);
        assert_eq!(out.verdicts, Shown::Count(48));
    }

    #[test]
    fn rates_hide_when_part_or_rest_is_small() {
        assert_eq!(part_of(18, 20, None, true), (Shown::Small, None));
        assert_eq!(part_of(3, 20, None, true), (Shown::Small, None));
        assert_eq!(part_of(10, 20, None, true), (Shown::Count(10), Some(0.5)));
        assert_eq!(part_of(0, 20, None, true), (Shown::Count(0), Some(0.0)));
        assert_eq!(part_of(20, 20, None, true), (Shown::Count(20), Some(1.0)));
        assert_eq!(part_of(3, 4, None, false), (Shown::Count(3), Some(0.75)));
        assert_eq!(part_of(2, 3, None, true), (Shown::Small, None));
    }

    #[test]
    fn medians_need_five_values_when_protected() {
        assert_eq!(median_of(&[1, 2, 3], None, true).median, None);
        assert_eq!(median_of(&[1, 2, 3], None, true).n, Shown::Small);
        assert_eq!(median_of(&[1, 2, 3], None, false).median, Some(2.0));
        assert_eq!(median_of(&[1, 2, 3, 4, 5], None, true).median, Some(3.0));
        assert_eq!(
            serde_json::to_value(Shown::Small).unwrap(),
            serde_json::json!("<5")
        );
    }
}
