//! The indicators as a reader gets them, built from printed figures only.
//!
//! Every number here is read from [`Figures`] (exact, or a published quarter): table cells,
//! totals, chart bars and the `n` of medians are figures; rates are printed only when both
//! their part and their whole are, and the band holding a median only when every band is.
//! Both are then worked out from printed figures, so they can tell nothing the figures do not.
//! Exact readers also get the medians themselves, from the records.

use super::figures::Figures;
use super::Raw;
use libertas_domain::stats::{median, median_band, Stage, DURATION_BANDS, SENTENCE_BANDS};
use serde::Serialize;

/// A labelled count (a row of a table, a bar of a chart); `count` is `None` where hidden.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub key: &'static str,
    pub count: Option<u64>,
}

/// A distribution of days or months: its bands, how many values, and the median.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Median {
    /// The median itself: for readers allowed exact figures only.
    pub median: Option<f64>,
    /// The band holding the median, when every band is printed.
    pub band: Option<&'static str>,
    /// How many values; `None` where hidden.
    pub n: Option<u64>,
    pub bands: Vec<Cell>,
}

/// The whole indicator set for one period and scope.
#[derive(Clone, Debug, Serialize)]
pub struct Indicators {
    pub from: String,
    pub to: String,
    pub scope: &'static str,
    /// Whether the reader gets protected figures (a published quarter) rather than exact ones.
    pub protected: bool,
    /// For protected readers: the calendar quarter shown (`2025-Q3`) and when it was published.
    pub quarter: Option<String>,
    pub published_at: Option<String>,
    /// Cases opened in the period, by the furthest stage they have reached.
    pub cases_by_stage: Vec<Cell>,
    pub cases_total: Option<u64>,
    /// Victims identified (possible or actual victim of trafficking) in the period.
    pub victims_identified: Option<u64>,
    /// Victims brought to safety by operations executed in the period.
    pub victims_brought_to_safety: Option<u64>,
    /// Of the victims identified in the period, those with a care plan.
    pub identified_with_care_plan: Option<u64>,
    /// `identified_with_care_plan / victims_identified`, when both are printed: the share of
    /// identified victims with a care plan (the programme's assistance rate, which counts
    /// delivered services among confirmed victims, is an impact measure: `Impact`).
    pub care_plan_rate: Option<f64>,
    /// Charges filed in the period.
    pub charges: Option<u64>,
    /// Verdicts given in the period, by outcome.
    pub verdicts_by_outcome: Vec<Cell>,
    pub verdicts: Option<u64>,
    /// The "convicted" cell of `verdicts_by_outcome`, printed again.
    pub convictions: Option<u64>,
    /// `convictions / verdicts`, when both are printed.
    pub conviction_rate: Option<f64>,
    /// Days from the NRM referral (or the case's opening) to the first charge, for cases
    /// whose first charge was filed in the period.
    pub days_referral_to_charge: Median,
    /// Days from a charge to its verdict, for verdicts given in the period.
    pub days_charge_to_verdict: Median,
    /// Prison sentences of convictions in the period, in months.
    pub sentence_months: Median,
    /// Training events held in the period.
    pub training_events: Option<u64>,
    /// Participants of those events by audience type.
    pub training_reach: Vec<Cell>,
    pub participants: Option<u64>,
}

/// What the figures cover and how they were made.
pub(crate) struct Frame {
    pub from: String,
    pub to: String,
    pub scope: &'static str,
    pub protected: bool,
    pub quarter: Option<String>,
    pub published_at: Option<String>,
}

pub(crate) fn get(f: &Figures, key: &str) -> Option<u64> {
    f.get(key).copied().flatten()
}

pub(crate) fn cells(f: &Figures, prefix: &str, keys: &[&'static str]) -> Vec<Cell> {
    keys.iter()
        .map(|k| Cell {
            key: k,
            count: get(f, &format!("{prefix}.{k}")),
        })
        .collect()
}

pub(crate) fn rate(part: Option<u64>, whole: Option<u64>) -> Option<f64> {
    match (part, whole) {
        (Some(p), Some(w)) if w > 0 => Some(p as f64 / w as f64),
        _ => None,
    }
}

pub(crate) fn distribution(
    f: &Figures,
    prefix: &str,
    n: &str,
    bands: &[(&'static str, i64, i64)],
    exact: Option<&[i64]>,
) -> Median {
    let keys: Vec<&'static str> = bands.iter().map(|b| b.0).collect();
    let cells = cells(f, prefix, &keys);
    let counts: Vec<Option<u64>> = cells.iter().map(|c| c.count).collect();
    Median {
        median: exact.and_then(median),
        band: median_band(&counts).and_then(|i| keys.get(i).copied()),
        n: get(f, n),
        bands: cells,
    }
}

/// The indicators from `f`; `raw` (exact readers only) adds the medians themselves.
pub(crate) fn indicators(frame: Frame, f: &Figures, raw: Option<&Raw>) -> Indicators {
    let stages: Vec<&'static str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
    let outcomes = ["convicted", "acquitted", "dismissed", "withdrawn"];
    let audiences = ["police", "prosecutor", "judge", "social_worker", "other"];
    let identified = get(f, "victims_identified");
    let with_plan = get(f, "identified_with_care_plan");
    let verdicts = get(f, "verdicts");
    let convictions = get(f, "outcome.convicted");
    Indicators {
        from: frame.from,
        to: frame.to,
        scope: frame.scope,
        protected: frame.protected,
        quarter: frame.quarter,
        published_at: frame.published_at,
        cases_by_stage: cells(f, "stage", &stages),
        cases_total: get(f, "cases_total"),
        victims_identified: identified,
        victims_brought_to_safety: get(f, "brought_to_safety"),
        identified_with_care_plan: with_plan,
        care_plan_rate: rate(with_plan, identified),
        charges: get(f, "charges"),
        verdicts_by_outcome: cells(f, "outcome", &outcomes),
        verdicts,
        convictions,
        conviction_rate: rate(convictions, verdicts),
        days_referral_to_charge: distribution(
            f,
            "ref",
            "first_charges",
            &DURATION_BANDS,
            raw.map(|r| r.referral_to_charge.as_slice()),
        ),
        days_charge_to_verdict: distribution(
            f,
            "ctv",
            "verdicts",
            &DURATION_BANDS,
            raw.map(|r| r.charge_to_verdict.as_slice()),
        ),
        sentence_months: distribution(
            f,
            "sent",
            "sentences",
            &SENTENCE_BANDS,
            raw.map(|r| r.sentence_months.as_slice()),
        ),
        training_events: get(f, "training_events"),
        training_reach: cells(f, "reach", &audiences),
        participants: get(f, "participants"),
    }
}
