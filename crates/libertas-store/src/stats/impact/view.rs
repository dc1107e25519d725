//! The impact measures as a reader gets them, built from printed figures only (exact, or a
//! published quarter), like the indicators ([`crate::stats::view`]): rates are printed only
//! when both their part and their whole are, the band holding a median only when every band
//! is; exact readers also get the medians themselves, from the records.

use super::figures::VERDICTS;
use super::Raw;
use crate::stats::figures::Figures;
use crate::stats::view::{cells, distribution, get, rate, Frame};
use crate::stats::{Cell, Median};
use libertas_domain::stats::DURATION_BANDS;
use serde::Serialize;

/// One step of the hotline funnel: how many, and the conversion from an earlier step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunnelStep {
    /// `reports`, `screened`, `cases_opened`, `identified`, `referred`, `assisted`.
    pub key: &'static str,
    /// `None` where hidden.
    pub count: Option<u64>,
    /// The step the rate is taken against (`None` for the first step).
    pub of: Option<&'static str>,
    /// `count / count of "of"`, when both are printed and the latter is not zero. Identified
    /// victims are people and cases opened are cases, so that rate can exceed 1.
    pub rate: Option<f64>,
}

/// The impact measures for one period and scope.
#[derive(Clone, Debug, Serialize)]
pub struct Impact {
    pub from: String,
    pub to: String,
    pub scope: &'static str,
    /// Whether the reader gets protected figures (a published quarter) rather than exact ones.
    pub protected: bool,
    /// For protected readers: the calendar quarter shown (`2025-Q3`) and when it was published.
    pub quarter: Option<String>,
    pub published_at: Option<String>,
    /// The funnel of the reports received in the period, step by step.
    pub funnel: Vec<FunnelStep>,
    /// The screened reports by verdict.
    pub screened_by_verdict: Vec<Cell>,
    /// Reports of the period not screened (yet).
    pub unscreened: Option<u64>,
    /// Identified victims with a positive conclusive grounds decision.
    pub confirmed: Option<u64>,
    /// Confirmed victims with at least one service delivered.
    pub confirmed_assisted: Option<u64>,
    /// `confirmed_assisted / confirmed`, when both are printed.
    pub assistance_rate: Option<f64>,
    /// Days from a case's first report (of the period) to the case's opening.
    pub days_report_to_case: Median,
    /// Days from the opening of the case to the victim's first positive decision.
    pub days_case_to_identified: Median,
    /// Days from identification to the first referral (referred victims).
    pub days_identified_to_referred: Median,
    /// Days from identification to the first delivered service (assisted victims).
    pub days_identified_to_assisted: Median,
}

/// The steps of the funnel and the step each one's rate is taken against.
pub const STEPS: [(&str, Option<&str>); 6] = [
    ("reports", None),
    ("screened", Some("reports")),
    ("cases_opened", Some("screened")),
    ("identified", Some("cases_opened")),
    ("referred", Some("identified")),
    ("assisted", Some("identified")),
];

/// The impact measures from `f`; `raw` (exact readers only) adds the medians themselves.
pub(crate) fn impact(frame: Frame, f: &Figures, raw: Option<&Raw>) -> Impact {
    let funnel = STEPS
        .iter()
        .map(|(key, of)| {
            let count = get(f, key);
            FunnelStep {
                key,
                count,
                of: *of,
                rate: of.and_then(|o| rate(count, get(f, o))),
            }
        })
        .collect();
    let confirmed = get(f, "confirmed");
    let confirmed_assisted = get(f, "confirmed_assisted");
    let d = |prefix: &str, n: &str, exact: Option<&[i64]>| {
        distribution(f, prefix, n, &DURATION_BANDS, exact)
    };
    Impact {
        from: frame.from,
        to: frame.to,
        scope: frame.scope,
        protected: frame.protected,
        quarter: frame.quarter,
        published_at: frame.published_at,
        funnel,
        screened_by_verdict: cells(f, "screen", &VERDICTS),
        unscreened: get(f, "unscreened"),
        confirmed,
        confirmed_assisted,
        assistance_rate: rate(confirmed_assisted, confirmed),
        days_report_to_case: d(
            "open",
            "cases_opened",
            raw.map(|r| r.report_to_case.as_slice()),
        ),
        days_case_to_identified: d(
            "ident",
            "identified",
            raw.map(|r| r.case_to_identified.as_slice()),
        ),
        days_identified_to_referred: d(
            "refd",
            "referred",
            raw.map(|r| r.identified_to_referred.as_slice()),
        ),
        days_identified_to_assisted: d(
            "aidd",
            "assisted",
            raw.map(|r| r.identified_to_assisted.as_slice()),
        ),
    }
}
