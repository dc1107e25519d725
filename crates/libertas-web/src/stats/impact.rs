//! `/impact`: the impact measures as a page — the hotline funnel with its conversion rates,
//! the assistance rate with its definition, the days between steps and the survivor outcomes,
//! each chart paired with a table. Every number comes from the store's figures for this
//! reader (exact, or a published quarter protected as one table), so the page, the JSON and
//! the CSV always agree; a hidden one reads "not shown" wherever it appears.

use super::chart::{bars, BarChart};
use super::pages::{band_id, count, median, percent, period_asked, published};
use crate::http::PageUser;
use crate::http::{render, Chrome, OrPage, PageResult};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{RawQuery, State};
use libertas_domain::stats::Scope;
use libertas_store::stats::{Cell, Impact};

/// A key figure: its label, its value as shown, and what it means where that matters.
pub struct KeyFigure {
    pub id: &'static str,
    pub label: String,
    pub value: String,
    pub definition: Option<String>,
}

/// One step of the funnel as a table row.
pub struct StepRow {
    pub key: &'static str,
    pub label: String,
    pub count: String,
    /// "48 % of screened reports", or empty for the first step.
    pub rate: String,
}

/// One domain's score bands at intake and at the latest assessment.
pub struct DomainRow {
    pub key: &'static str,
    pub label: String,
    pub intake: Vec<(String, String)>,
    pub latest: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "stats/impact.html")]
pub struct ImpactPage {
    pub t: Tr,
    pub chrome: Chrome,
    /// Where the period form is sent.
    pub action: &'static str,
    pub from: String,
    pub to: String,
    pub network: bool,
    pub protected: bool,
    pub published: Option<String>,
    /// The query of the CSV download of the same figures.
    pub csv_query: String,
    pub figures: Vec<KeyFigure>,
    pub steps: Vec<StepRow>,
    pub charts: Vec<BarChart>,
    pub band_labels: Vec<String>,
    pub domains: Vec<DomainRow>,
}

fn figures(i: &Impact, t: &Tr) -> Vec<KeyFigure> {
    let f = |id: &'static str, value: String, definition: bool| KeyFigure {
        id,
        label: t.get(&format!("impact-{id}")),
        value,
        definition: definition.then(|| t.get(&format!("impact-{id}-definition"))),
    };
    let days = |m| median(m, "stats-days", "stats-duration-", t);
    let o = &i.outcomes;
    vec![
        f("confirmed", count(i.confirmed, t), true),
        f("confirmed-assisted", count(i.confirmed_assisted, t), false),
        f("assistance-rate", percent(i.assistance_rate, t), true),
        f("report-to-case", days(&i.days_report_to_case), false),
        f(
            "case-to-identified",
            days(&i.days_case_to_identified),
            false,
        ),
        f(
            "identified-to-referred",
            days(&i.days_identified_to_referred),
            false,
        ),
        f(
            "identified-to-assisted",
            days(&i.days_identified_to_assisted),
            false,
        ),
        f("assessed", count(o.assessed, t), false),
        f("reassessed", count(o.reassessed, t), false),
        f("improved-rate", percent(o.improved_rate, t), true),
        f("criterion-rate", percent(o.criterion_rate, t), true),
        f("intake-to-closure", days(&o.days_intake_to_closure), true),
    ]
}

fn steps(i: &Impact, t: &Tr) -> Vec<StepRow> {
    i.funnel
        .iter()
        .map(|s| StepRow {
            key: s.key,
            label: t.get(&format!("impact-step-{}", band_id(s.key))),
            count: count(s.count, t),
            rate: match s.of {
                None => String::new(),
                Some(of) => libertas_domain::i18n::t_args(
                    t.lang,
                    "impact-rate-of",
                    &[
                        ("rate", &percent(s.rate, t)),
                        ("step", &t.get(&format!("impact-of-{}", band_id(of)))),
                    ],
                ),
            },
        })
        .collect()
}

fn charts(i: &Impact, t: &Tr) -> Vec<BarChart> {
    let chart = |id: &'static str, cells: &[Cell], prefix: &'static str| {
        bars(
            id,
            t.get(&format!("impact-chart-{id}")),
            t.get(&format!("impact-chart-{id}-desc")),
            cells,
            |k| t.get(&format!("{prefix}{}", band_id(k))),
            |n| t.number(i64::try_from(n).unwrap_or(i64::MAX)),
            &t.get("stats-not-shown"),
        )
    };
    let funnel: Vec<Cell> = i
        .funnel
        .iter()
        .map(|s| Cell {
            key: s.key,
            count: s.count,
        })
        .collect();
    let o = &i.outcomes;
    vec![
        chart("funnel", &funnel, "impact-step-"),
        chart("verdicts", &i.screened_by_verdict, "impact-verdict-"),
        chart(
            "report-to-case",
            &i.days_report_to_case.bands,
            "stats-duration-",
        ),
        chart(
            "case-to-identified",
            &i.days_case_to_identified.bands,
            "stats-duration-",
        ),
        chart(
            "identified-to-assisted",
            &i.days_identified_to_assisted.bands,
            "stats-duration-",
        ),
        chart(
            "intake-to-closure",
            &o.days_intake_to_closure.bands,
            "stats-duration-",
        ),
    ]
}

fn domains(i: &Impact, t: &Tr) -> Vec<DomainRow> {
    let shown = |cells: &[Cell]| -> Vec<(String, String)> {
        cells
            .iter()
            .map(|c| (c.key.to_owned(), count(c.count, t)))
            .collect()
    };
    i.outcomes
        .domains
        .iter()
        .map(|d| DomainRow {
            key: d.domain,
            label: t.get(&format!("care-domain-{}", band_id(d.domain))),
            intake: shown(&d.intake),
            latest: shown(&d.latest),
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    RawQuery(q): RawQuery,
) -> PageResult {
    let p = user.principal();
    let (period, scope, status) = period_asked(q.as_deref());
    let today = crate::http::clock::now().date();
    let i = state
        .store
        .impact(p, period, scope, today, "page: the impact page")
        .await
        .or_page(t)?;
    let csv_query = format!("from={}&to={}&scope={}", i.from, i.to, i.scope);
    let page = ImpactPage {
        chrome,
        action: "/impact",
        from: i.from.clone(),
        to: i.to.clone(),
        network: scope == Scope::Network,
        protected: i.protected,
        published: published(&t, i.quarter.as_deref(), i.published_at.as_deref()),
        csv_query,
        figures: figures(&i, &t),
        steps: steps(&i, &t),
        charts: charts(&i, &t),
        band_labels: libertas_domain::care::assessment::SCORE_BANDS
            .iter()
            .map(|b| t.get(&format!("impact-score-band-{b}")))
            .collect(),
        domains: domains(&i, &t),
        t,
    };
    Ok(render(status, &page))
}
