//! `/indicators`: the period and scope form, the key figures, and bar charts with their
//! tables. Every number comes from the store's figures for this reader (exact, or a published
//! quarter protected as one table); a hidden one reads "not shown" wherever it appears.

use super::api::IndicatorQuery;
use super::chart::{bars, BarChart};
use crate::http::PageUser;
use crate::http::{render, Chrome, OrPage, PageResult};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use libertas_domain::stats::{Period, Scope};
use libertas_store::stats::{Indicators, Median};

/// A key figure: its label and its value as shown.
pub struct Figure {
    pub id: &'static str,
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "stats/page.html")]
pub struct IndicatorsPage {
    pub t: Tr,
    pub chrome: Chrome,
    /// Where the period form is sent.
    pub action: &'static str,
    pub from: String,
    pub to: String,
    pub network: bool,
    pub protected: bool,
    /// For protected readers: which quarter is shown and since when.
    pub published: Option<String>,
    pub figures: Vec<Figure>,
    pub charts: Vec<BarChart>,
}

pub(super) fn percent(rate: Option<f64>, t: &Tr) -> String {
    rate.map_or_else(
        || t.get("stats-not-shown"),
        |r| format!("{:.0} %", r * 100.0),
    )
}

pub(super) fn count(n: Option<u64>, t: &Tr) -> String {
    n.map_or_else(
        || t.get("stats-not-shown"),
        |n| t.number(i64::try_from(n).unwrap_or(i64::MAX)),
    )
}

/// "48 months (n = 5)" for exact readers; "median in 37 to 60 months (n = 5)" for protected
/// ones, where only the band holding the median can be worked out from printed figures.
pub(super) fn median(m: &Median, unit: &str, bands: &str, t: &Tr) -> String {
    let n = count(m.n, t);
    match (m.median, m.band) {
        (Some(v), _) => t.arg(unit, "value", &t.decimal(v, 0)) + &format!(" (n = {n})"),
        (None, Some(band)) => {
            let label = t.get(&format!("{bands}{}", band_id(band)));
            t.arg("stats-median-band", "band", &label) + &format!(" (n = {n})")
        }
        (None, None) => format!("{} (n = {n})", t.get("stats-not-shown")),
    }
}

/// A band or code key as it appears in a message id.
pub(super) fn band_id(key: &str) -> String {
    key.replace('_', "-").replace('+', "-plus")
}

fn figures(i: &Indicators, t: &Tr) -> Vec<Figure> {
    let f = |id: &'static str, value: String| Figure {
        id,
        label: t.get(&format!("stats-{id}")),
        value,
    };
    vec![
        f("cases", count(i.cases_total, t)),
        f("victims-identified", count(i.victims_identified, t)),
        f("brought-to-safety", count(i.victims_brought_to_safety, t)),
        f("with-care-plan", count(i.identified_with_care_plan, t)),
        f("care-plan-rate", percent(i.care_plan_rate, t)),
        f("charges", count(i.charges, t)),
        f("verdicts", count(i.verdicts, t)),
        f("convictions", count(i.convictions, t)),
        f("conviction-rate", percent(i.conviction_rate, t)),
        f(
            "referral-to-charge",
            median(
                &i.days_referral_to_charge,
                "stats-days",
                "stats-duration-",
                t,
            ),
        ),
        f(
            "charge-to-verdict",
            median(
                &i.days_charge_to_verdict,
                "stats-days",
                "stats-duration-",
                t,
            ),
        ),
        f(
            "sentence",
            median(&i.sentence_months, "stats-months", "stats-band-", t),
        ),
        f("training-events", count(i.training_events, t)),
        f("participants", count(i.participants, t)),
    ]
}

fn charts(i: &Indicators, t: &Tr) -> Vec<BarChart> {
    let chart = |id: &'static str, cells, prefix: &'static str| {
        bars(
            id,
            t.get(&format!("stats-chart-{id}")),
            t.get(&format!("stats-chart-{id}-desc")),
            cells,
            |k| t.get(&format!("{prefix}{}", band_id(k))),
            |n| t.number(i64::try_from(n).unwrap_or(i64::MAX)),
            &t.get("stats-not-shown"),
        )
    };
    vec![
        chart("stages", &i.cases_by_stage, "stats-stage-"),
        chart("verdicts", &i.verdicts_by_outcome, "stats-verdict-"),
        chart(
            "verdict-time",
            &i.days_charge_to_verdict.bands,
            "stats-duration-",
        ),
        chart("sentences", &i.sentence_months.bands, "stats-band-"),
        chart(
            "referral",
            &i.days_referral_to_charge.bands,
            "stats-duration-",
        ),
        chart("reach", &i.training_reach, "stats-audience-"),
    ]
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
        .indicators(p, period, scope, today, "page: the indicators page")
        .await
        .or_page(t)?;
    let page = IndicatorsPage {
        chrome,
        action: "/indicators",
        from: i.from.clone(),
        to: i.to.clone(),
        network: scope == Scope::Network,
        protected: i.protected,
        published: published(&t, i.quarter.as_deref(), i.published_at.as_deref()),
        figures: figures(&i, &t),
        charts: charts(&i, &t),
        t,
    };
    Ok(render(status, &page))
}

/// The period and scope of a statistics page's query, and the status to answer with: a bad
/// period or scope shows the default figures with the form (400), not an error page.
pub(super) fn period_asked(query: Option<&str>) -> (Period, Scope, StatusCode) {
    let parsed = crate::http::query::parse_page::<IndicatorQuery>(query.unwrap_or(""))
        .and_then(|q| q.parse());
    match parsed {
        Ok((period, scope)) => (period, scope, StatusCode::OK),
        Err(_) => (
            Period::parse(None, None, crate::http::clock::now().date())
                .unwrap_or_else(|_| unreachable_period()),
            Scope::Organisation,
            StatusCode::BAD_REQUEST,
        ),
    }
}

/// "Figures of 2025-Q3. Published on 2025-10-15; …" for protected readers, `None` otherwise.
pub(super) fn published(t: &Tr, quarter: Option<&str>, at: Option<&str>) -> Option<String> {
    let on = at.and_then(|d| d.get(..10)).unwrap_or("");
    quarter.map(|q| {
        t.arg("stats-published", "quarter", q) + " " + &t.arg("stats-published-on", "date", on)
    })
}

/// Today back one year always parses; this is only here so no `unwrap` is needed.
fn unreachable_period() -> Period {
    let today = crate::http::clock::now().date();
    Period {
        from: today,
        to: today,
    }
}
