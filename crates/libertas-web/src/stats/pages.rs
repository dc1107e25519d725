//! `/indicators`: the period and scope form, the key figures, and bar charts with their
//! tables.

use super::api::IndicatorQuery;
use super::chart::{bars, BarChart};
use crate::auth::PageUser;
use crate::cases::pages::page_error;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::views::{render, Chrome};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use libertas_domain::stats::{Period, Scope};
use libertas_store::stats::{Indicators, Median, Shown};
use time::OffsetDateTime;

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
    pub from: String,
    pub to: String,
    pub network: bool,
    pub protected: bool,
    pub figures: Vec<Figure>,
    pub charts: Vec<BarChart>,
}

fn percent(rate: Option<f64>, t: &Tr) -> String {
    rate.map_or_else(
        || t.get("stats-not-shown"),
        |r| format!("{:.0} %", r * 100.0),
    )
}

fn median(m: &Median, unit: &str, t: &Tr) -> String {
    match (m.median, m.n) {
        (Some(v), Shown::Count(n)) => {
            t.arg(unit, "value", &format!("{v:.0}")) + &format!(" (n = {n})")
        }
        (_, n) => format!("{} (n = {n})", t.get("stats-not-shown")),
    }
}

fn figures(i: &Indicators, t: &Tr) -> Vec<Figure> {
    let f = |id: &'static str, value: String| Figure {
        id,
        label: t.get(&format!("stats-{id}")),
        value,
    };
    vec![
        f("cases", i.cases_total.to_string()),
        f("victims-identified", i.victims_identified.to_string()),
        f("brought-to-safety", i.victims_brought_to_safety.to_string()),
        f("with-care-plan", i.identified_with_care_plan.to_string()),
        f("assistance-rate", percent(i.assistance_rate, t)),
        f("charges", i.charges.to_string()),
        f("verdicts", i.verdicts.to_string()),
        f("convictions", i.convictions.to_string()),
        f("conviction-rate", percent(i.conviction_rate, t)),
        f(
            "referral-to-charge",
            median(&i.days_referral_to_charge, "stats-days", t),
        ),
        f(
            "charge-to-verdict",
            median(&i.days_charge_to_verdict, "stats-days", t),
        ),
        f("sentence", median(&i.sentence_months, "stats-months", t)),
        f("training-events", i.training_events.to_string()),
        f("participants", i.participants.to_string()),
    ]
}

fn charts(i: &Indicators, t: &Tr) -> Vec<BarChart> {
    let chart = |id: &'static str, cells, prefix: &'static str| {
        bars(
            id,
            t.get(&format!("stats-chart-{id}")),
            t.get(&format!("stats-chart-{id}-desc")),
            cells,
            |k| {
                t.get(&format!(
                    "{prefix}{}",
                    k.replace('_', "-").replace('+', "-plus")
                ))
            },
        )
    };
    vec![
        chart("stages", &i.cases_by_stage, "stats-stage-"),
        chart("verdicts", &i.verdicts_by_outcome, "stats-verdict-"),
        chart("sentences", &i.sentence_bands, "stats-band-"),
        chart("reach", &i.training_reach, "stats-audience-"),
    ]
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    q: Result<Query<IndicatorQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let p = user.principal();
    let parsed = match q {
        Ok(Query(q)) => q.parse(),
        Err(e) => Err(ApiError::invalid("query", e.body_text())),
    };
    // A bad period or scope shows the default figures with the form, not an error page.
    let (period, scope, status) = match parsed {
        Ok((period, scope)) => (period, scope, StatusCode::OK),
        Err(_) => (
            Period::parse(None, None, OffsetDateTime::now_utc().date())
                .unwrap_or_else(|_| unreachable_period()),
            Scope::Organisation,
            StatusCode::BAD_REQUEST,
        ),
    };
    let i = match state
        .store
        .indicators(p, period, scope, "page: the indicators page")
        .await
    {
        Ok(i) => i,
        Err(e) => return page_error(t, e),
    };
    let page = IndicatorsPage {
        chrome: Chrome::for_user(state.config.demo, p, user.csrf()),
        from: i.from.clone(),
        to: i.to.clone(),
        network: scope == Scope::Network,
        protected: i.protected,
        figures: figures(&i, &t),
        charts: charts(&i, &t),
        t,
    };
    render(status, &page).into_response()
}

/// Today back one year always parses; this is only here so no `unwrap` is needed.
fn unreachable_period() -> Period {
    let today = OffsetDateTime::now_utc().date();
    Period {
        from: today,
        to: today,
    }
}
