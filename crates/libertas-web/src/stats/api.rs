//! `GET /api/v1/indicators?from=YYYY-MM-DD&to=YYYY-MM-DD&scope=organisation|network`.

use crate::http::ApiError;
use crate::http::ApiPrincipal;
use crate::http::{schema, ApiQuery};
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::stats::{Period, Scope};
use serde::Deserialize;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::IntoParams;

/// The period and scope asked for; blank counts as not given.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct IndicatorQuery {
    /// First day, `YYYY-MM-DD` (default: a year before `to`). Ignored for protected readers,
    /// who get the calendar quarter holding `to`.
    #[param(schema_with = schema::blank_or_date)]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, not before `from` (default: today). Protected readers get the
    /// published calendar quarter holding it, or the latest published before it.
    #[param(schema_with = schema::blank_or_date)]
    pub to: Option<String>,
    /// `organisation` (default) or `network` (every organisation; always protected).
    #[param(schema_with = scope_schema)]
    pub scope: Option<String>,
}

fn scope_schema() -> RefOr<Schema> {
    schema::blank_or(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["organisation", "network"])),
    )
}

impl IndicatorQuery {
    pub fn parse(&self) -> Result<(Period, Scope), ApiError> {
        let today = crate::http::clock::now().date();
        let period = Period::parse(self.from.as_deref(), self.to.as_deref(), today)?;
        let scope = Scope::parse(self.scope.as_deref())?;
        Ok((period, scope))
    }
}

/// Justice indicators for a period: cases by stage, victims identified and brought to safety,
/// the share of them with a care plan, charges, verdicts and conviction rate, median durations, sentence
/// lengths, training reach.
#[utoipa::path(get, path = "/api/v1/indicators", tag = "stats",
    params(IndicatorQuery),
    responses(
        (status = 200, description = "The indicators. Case workers looking at their own organisation get exact figures for the days asked. Everyone else (analysts, trainers, and everyone looking at the network) gets `protected: true` and the figures of one published calendar quarter (`quarter`, `published_at`; `from`/`to` are its first and last day), protected as one table: a count is a number, or null where it is hidden (counts from 1 to 4, and any figure that would let one — or another hidden figure — be worked out from what is printed, by this reader or any other); rates are null unless their part and whole are printed; `median` is null and `band` (the band holding the median) is set only when every band is printed. A published quarter never changes."),
        (status = 400, description = "A malformed date (`from`, `to`), `to` before `from`, an unknown `scope` or an unknown parameter; `field` names it."),
        (status = 401, description = "No valid session or token."),
        (status = 403)
    ),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn indicators(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<IndicatorQuery>,
) -> Result<Response, ApiError> {
    let (period, scope) = q.parse()?;
    let today = crate::http::clock::now().date();
    let figures = state
        .store
        .indicators(&p, period, scope, today, "api: read the indicators")
        .await?;
    Ok(Json(figures).into_response())
}

/// Impact measures for a period: the hotline funnel of the reports received in it (reports →
/// screened by verdict → cases opened → victims identified → referred → assisted → outcome
/// improved) with conversion rates and days between steps, the assistance rate, and the
/// survivor outcomes of the identified victims. Definitions in
/// `docs/impact.md`.
#[utoipa::path(get, path = "/api/v1/impact", tag = "stats",
    params(IndicatorQuery),
    responses(
        (status = 200, description = "The impact measures. The cohort is the reports received in the period, followed downstream: `screened` has a verdict (`screened_by_verdict`; the rest `unscreened`); `cases_opened` counts distinct cases those reports were linked to; `identified` distinct people of those cases with a positive reasonable or conclusive grounds decision; `referred` those with a referral or transfer from a case they were identified in; `assisted` those with at least one service delivered under a care plan of the organisation; `improved` those assessed at least twice by the organisation whose latest overall outcome score (ASO) is above their first. `outcomes` counts the identified victims with outcome assessments (`assessed`), those assessed at least twice (`reassessed`) and improved (`improved_rate` = improved / reassessed), those whose latest assessment meets the closure criterion (overall score at least 3 and no domain below 2; `criterion_rate` = of assessed), the days from the first assessment to the closure of care (`days_intake_to_closure`, `n` = closed), and the reassessed victims' domain scores at intake and latest by band (`1`: 1 to under 2 … `4`: 4). Each funnel step's `rate` is its count divided by the count of the step named in `of` (identified victims per case opened can exceed 1). `assistance_rate` is confirmed victims (positive conclusive grounds) with at least one delivered service divided by confirmed victims. Admins looking at their own organisation get exact figures for the days asked, with medians. Everyone else (analysts, and everyone looking at the network) gets `protected: true` and the figures of one published calendar quarter (`quarter`, `published_at`; `from`/`to` are its first and last day), protected as one table: a count is a number, or null where it is hidden (counts from 1 to 4, and any figure that would let one — or another hidden figure — be worked out from what is printed, by this reader or any other); rates are null unless their part and whole are printed; `median` is null and `band` is set only when every band is printed. A published quarter never changes."),
        (status = 400, description = "A malformed date (`from`, `to`), `to` before `from`, an unknown `scope` or an unknown parameter; `field` names it."),
        (status = 401, description = "No valid session or token."),
        (status = 403, description = "The caller's role may not read the impact measures (only admins and analysts may).")
    ),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn impact(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<IndicatorQuery>,
) -> Result<Response, ApiError> {
    // A role that may never read them is turned away before its query is read (403, not 400);
    // the store checks again.
    if !p.can(libertas_domain::admin::Capability::ReadImpact) {
        return Err(ApiError::Forbidden);
    }
    let (period, scope) = q.parse()?;
    let today = crate::http::clock::now().date();
    let figures = state
        .store
        .impact(&p, period, scope, today, "api: read the impact measures")
        .await?;
    Ok(Json(figures).into_response())
}

/// The impact measures as a CSV file, one figure a line: `section,key,count,rate` (`count`
/// empty where hidden, `rate` empty where not printed). Only codes and numbers: nothing a
/// spreadsheet could run. Reading is audited like the JSON (`impact.read`).
#[utoipa::path(get, path = "/api/v1/impact.csv", tag = "stats",
    params(IndicatorQuery),
    responses(
        (status = 200, description = "The figures of `GET /api/v1/impact` for the same reader, period and scope, as `text/csv` (UTF-8, header line `section,key,count,rate`; sections `period`, `funnel`, `screened_by_verdict`, `assistance`, and one per distribution of days with its bands, `n` and `median`), sent as an attachment. Hidden counts and rates not printed are empty cells.", content_type = "text/csv", body = String),
        (status = 400, description = "A malformed date (`from`, `to`), `to` before `from`, an unknown `scope` or an unknown parameter; `field` names it."),
        (status = 401, description = "No valid session or token."),
        (status = 403, description = "The caller's role may not read the impact measures (only admins and analysts may).")
    ),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn impact_csv(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<IndicatorQuery>,
) -> Result<Response, ApiError> {
    if !p.can(libertas_domain::admin::Capability::ReadImpact) {
        return Err(ApiError::Forbidden);
    }
    let (period, scope) = q.parse()?;
    let today = crate::http::clock::now().date();
    let i = state
        .store
        .impact(
            &p,
            period,
            scope,
            today,
            "api: download the impact measures as CSV",
        )
        .await?;
    let name = format!("impact-{}-{}-{}.csv", i.scope, i.from, i.to);
    let headers = [
        (
            axum::http::header::CONTENT_TYPE,
            "text/csv; charset=utf-8".to_owned(),
        ),
        (
            axum::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ),
    ];
    Ok((headers, impact_lines(&i)).into_response())
}

/// The CSV text of the impact measures.
fn impact_lines(i: &libertas_store::stats::Impact) -> String {
    let n = |c: Option<u64>| c.map(|c| c.to_string()).unwrap_or_default();
    let r = |x: Option<f64>| x.map(|x| format!("{x:.4}")).unwrap_or_default();
    let mut out = String::from("section,key,count,rate\n");
    let mut line = |section: &str, key: &str, count: String, rate: String| {
        out.push_str(&format!("{section},{key},{count},{rate}\n"));
    };
    // The period lines carry their value in `key`: from, to, scope, exact or protected.
    line("period", &i.from, String::new(), String::new());
    line("period", &i.to, String::new(), String::new());
    line("period", i.scope, String::new(), String::new());
    let how = if i.protected { "protected" } else { "exact" };
    line("period", how, String::new(), String::new());
    for s in &i.funnel {
        line("funnel", s.key, n(s.count), r(s.rate));
    }
    for c in &i.screened_by_verdict {
        line("screened_by_verdict", c.key, n(c.count), String::new());
    }
    line(
        "screened_by_verdict",
        "unscreened",
        n(i.unscreened),
        String::new(),
    );
    line("assistance", "confirmed", n(i.confirmed), String::new());
    line(
        "assistance",
        "confirmed_assisted",
        n(i.confirmed_assisted),
        r(i.assistance_rate),
    );
    let o = &i.outcomes;
    line("outcomes", "assessed", n(o.assessed), String::new());
    line("outcomes", "reassessed", n(o.reassessed), String::new());
    line("outcomes", "improved", n(o.improved), r(o.improved_rate));
    line(
        "outcomes",
        "meets_criterion",
        n(o.meets_criterion),
        r(o.criterion_rate),
    );
    for d in &o.domains {
        for (when, cells) in [("intake", &d.intake), ("latest", &d.latest)] {
            for c in cells {
                let key = format!("{}.{when}.{}", d.domain, c.key);
                line("outcome_scores", &key, n(c.count), String::new());
            }
        }
    }
    for (section, m) in [
        ("days_intake_to_closure", &o.days_intake_to_closure),
        ("days_report_to_case", &i.days_report_to_case),
        ("days_case_to_identified", &i.days_case_to_identified),
        (
            "days_identified_to_referred",
            &i.days_identified_to_referred,
        ),
        (
            "days_identified_to_assisted",
            &i.days_identified_to_assisted,
        ),
    ] {
        for b in &m.bands {
            line(section, b.key, n(b.count), String::new());
        }
        line(section, "n", n(m.n), String::new());
        let median = m.median.map(|x| format!("{x}")).unwrap_or_default();
        line(section, "median", median, String::new());
        if let Some(band) = m.band {
            line(
                section,
                &format!("median_band {band}"),
                String::new(),
                String::new(),
            );
        }
    }
    out
}
