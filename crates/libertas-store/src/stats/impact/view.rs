//! The impact measures as a reader gets them, built from printed figures only (exact, or a
//! published quarter), like the indicators ([`crate::stats::view`]): rates are printed only
//! when both their part and their whole are, the band holding a median only when every band
//! is; exact readers also get the medians themselves, from the records.

use super::figures::VERDICTS;
use super::Raw;
use crate::stats::figures::Figures;
use crate::stats::view::{cells, distribution, get, rate, Frame};
use crate::stats::{Cell, Median};
use libertas_domain::care::assessment::SCORE_BANDS;
use libertas_domain::care::DOMAINS;
use libertas_domain::stats::DURATION_BANDS;
use serde::Serialize;

/// One step of the hotline funnel: how many, and the conversion from an earlier step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunnelStep {
    /// `reports`, `screened`, `cases_opened`, `identified`, `referred`, `assisted`,
    /// `improved`.
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
    /// Survivor outcomes of the identified victims, from their outcome assessments.
    pub outcomes: Outcomes,
}

/// Survivor outcomes: the identified victims' outcome assessments (ASO scores).
#[derive(Clone, Debug, Serialize)]
pub struct Outcomes {
    /// Identified victims with at least one outcome assessment by the organisation.
    pub assessed: Option<u64>,
    /// Of those, victims assessed at least twice.
    pub reassessed: Option<u64>,
    /// Of those, victims whose latest overall score is above their first.
    pub improved: Option<u64>,
    /// `improved / reassessed`.
    pub improved_rate: Option<f64>,
    /// Assessed victims whose latest assessment meets the closure criterion.
    pub meets_criterion: Option<u64>,
    /// `meets_criterion / assessed`.
    pub criterion_rate: Option<f64>,
    /// Assessed victims whose care was closed, by days from the first assessment to the
    /// closure (`n` is how many were closed).
    pub days_intake_to_closure: Median,
    /// The reassessed victims' domain scores at the first (intake) and the latest assessment,
    /// by band (`1`: 1 to under 2, `2`: 2 to under 3, `3`: 3 to under 4, `4`: 4), one entry
    /// per domain in the ASO order.
    pub domains: Vec<DomainScores>,
}

/// One domain's score bands at intake and at the latest assessment.
#[derive(Clone, Debug, Serialize)]
pub struct DomainScores {
    pub domain: &'static str,
    pub intake: Vec<Cell>,
    pub latest: Vec<Cell>,
}

/// The steps of the funnel and the step each one's rate is taken against.
pub const STEPS: [(&str, Option<&str>); 7] = [
    ("reports", None),
    ("screened", Some("reports")),
    ("cases_opened", Some("screened")),
    ("identified", Some("cases_opened")),
    ("referred", Some("identified")),
    ("assisted", Some("identified")),
    ("improved", Some("identified")),
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
        outcomes: outcomes(f, raw),
    }
}

fn outcomes(f: &Figures, raw: Option<&Raw>) -> Outcomes {
    let assessed = get(f, "assessed");
    let reassessed = get(f, "reassessed");
    let improved = get(f, "improved");
    let meets = get(f, "meets_criterion");
    Outcomes {
        assessed,
        reassessed,
        improved,
        improved_rate: rate(improved, reassessed),
        meets_criterion: meets,
        criterion_rate: rate(meets, assessed),
        days_intake_to_closure: distribution(
            f,
            "cls",
            "closed",
            &DURATION_BANDS,
            raw.map(|r| r.intake_to_closure.as_slice()),
        ),
        domains: DOMAINS
            .iter()
            .map(|d| DomainScores {
                domain: d.key,
                intake: cells(f, &format!("in.{}", d.key), &SCORE_BANDS),
                latest: cells(f, &format!("last.{}", d.key), &SCORE_BANDS),
            })
            .collect(),
    }
}
