//! `/estimates` (the form and the organisation's past runs), `POST /estimates` (runs one and
//! goes to its result) and `/estimates/{id}` (the result in plain words, a chart of the people
//! seen against the estimated total, the suppressed capture-history table and its download).
//!
//! The form is read into the API's request type ([`NewEstimateJson`]) so the page and the API
//! refuse exactly the same input; a refused form is shown again with what was typed and the
//! field in error. A run answers with a redirect to its result (303), so reloading or going
//! Back never runs it twice.

use super::estimate::{NewEstimateJson, ASSUMPTIONS};
use crate::http::{render, Chrome, CsrfForm, Fields, OrPage, PageError, PageResult, PageUser};
use crate::http::{ApiError, PathId};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::cases::decisions::date_text;
use libertas_domain::stats::estimate::{EstimateId, ListSource};
use libertas_domain::stats::Period;
use libertas_store::stats::estimate::EstimateView;

/// One list the analyst may pick.
pub struct SourceChoice {
    pub code: &'static str,
    pub label: String,
    pub hint: String,
    pub checked: bool,
}

/// One method of the select.
pub struct MethodChoice {
    pub code: &'static str,
    pub label: String,
    pub chosen: bool,
}

/// A past run in the table under the form.
pub struct PastRun {
    pub id: String,
    pub created: String,
    pub period: String,
    pub lists: String,
    pub method: String,
    pub observed: String,
    pub estimate: String,
}

/// What the form shows: the values typed (or the defaults) and the refusal, if any.
struct Entered {
    sources: Vec<String>,
    from: String,
    to: String,
    method: String,
    seed: String,
}

#[derive(Template)]
#[template(path = "stats/estimates.html")]
pub struct EstimatesPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub sources: Vec<SourceChoice>,
    pub methods: Vec<MethodChoice>,
    pub from: String,
    pub to: String,
    pub seed: String,
    /// The field in error and what is wrong with it, in words.
    pub error: Option<(String, String)>,
    pub past: Vec<PastRun>,
}

impl EstimatesPage {
    /// Whether `field` is the one in error (for `aria-invalid` and the message beside it).
    pub fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|(f, _)| f == field)
    }
}

fn source_label(t: &Tr, s: ListSource) -> String {
    t.get(&format!("estimate-source-{}", s.as_str()))
}

fn method_label(t: &Tr, code: &str) -> String {
    t.get(&format!("estimate-method-{code}"))
}

async fn form_page(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    status: StatusCode,
    entered: Entered,
    error: Option<(String, String)>,
) -> PageResult {
    let p = user.principal();
    let past = state
        .store
        .recent_estimates(p, "page: the estimates page")
        .await
        .or_page(t)?
        .into_iter()
        .map(|v| PastRun {
            id: v.id.to_string(),
            created: t.datetime(&v.created_at),
            period: format!(
                "{} – {}",
                t.date(&date_text(v.period.from)),
                t.date(&date_text(v.period.to))
            ),
            lists: v
                .sources
                .iter()
                .map(|s| source_label(&t, *s))
                .collect::<Vec<_>>()
                .join(", "),
            method: method_label(&t, v.method.as_str()),
            observed: t.number(i64::try_from(v.result.observed).unwrap_or(i64::MAX)),
            estimate: whole(&t, v.result.estimate),
        })
        .collect();
    let page = EstimatesPage {
        sources: ListSource::ALL
            .iter()
            .map(|s| SourceChoice {
                code: s.as_str(),
                label: source_label(&t, *s),
                hint: t.get(&format!("estimate-source-{}-hint", s.as_str())),
                checked: entered.sources.iter().any(|c| c == s.as_str()),
            })
            .collect(),
        methods: ["stepwise", "bic", "bma"]
            .into_iter()
            .map(|code| MethodChoice {
                code,
                label: method_label(&t, code),
                chosen: entered.method == code,
            })
            .collect(),
        from: entered.from,
        to: entered.to,
        seed: entered.seed,
        error,
        past,
        chrome: Chrome::for_page_user(state.config.demo, user),
        t,
    };
    Ok(render(status, &page))
}

/// `GET /estimates`: the form with every list ticked and the last twelve months.
pub async fn show(State(state): State<AppState>, t: Tr, user: PageUser) -> PageResult {
    let today = crate::http::clock::now().date();
    let period = Period::parse(None, None, today).map_err(|_| PageError::bad_request(t))?;
    let entered = Entered {
        sources: ListSource::ALL
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect(),
        from: date_text(period.from),
        to: date_text(period.to),
        method: "stepwise".into(),
        seed: "1".into(),
    };
    form_page(&state, t, &user, StatusCode::OK, entered, None).await
}

/// `POST /estimates`: runs the estimate and goes to its result; a refused form comes back
/// with the field in error (400 for input the API also refuses, 409 when the lists hold too
/// few people or no model fits them).
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let entered = Entered {
        sources: f.all("sources").into_iter().map(str::to_owned).collect(),
        from: f.text("from"),
        to: f.text("to"),
        method: f.text("method"),
        seed: f.text("seed"),
    };
    let run = async {
        let seed = match entered.seed.trim() {
            "" => None,
            raw => Some(
                raw.parse::<i64>()
                    .map_err(|_| ApiError::invalid("seed", "must be a whole number"))?,
            ),
        };
        let body = NewEstimateJson {
            sources: entered.sources.clone(),
            from: Some(entered.from.clone()),
            to: Some(entered.to.clone()),
            method: Some(entered.method.clone()),
            seed,
        };
        let req = body.parse()?;
        state
            .store
            .run_estimate(user.principal(), &req, "page: run an estimate")
            .await
            .map_err(ApiError::from)
    };
    let (status, field) = match run.await {
        Ok(v) => return Ok(Redirect::to(&format!("/estimates/{}", v.id)).into_response()),
        Err(ApiError::Invalid { field, .. }) => (StatusCode::BAD_REQUEST, field),
        Err(ApiError::Refused { field, .. }) => (StatusCode::CONFLICT, field),
        Err(ApiError::Forbidden) => return Err(PageError::forbidden(t)),
        Err(e) => return Err(PageError::Api(e)),
    };
    let id = if status == StatusCode::CONFLICT {
        "estimate-error-too-few".to_owned()
    } else {
        format!("estimate-error-{field}")
    };
    let message = t.get(&id);
    form_page(&state, t, &user, status, entered, Some((field, message))).await
}

/// A bar of the result chart.
pub struct ResultBar {
    pub key: &'static str,
    pub label: String,
    pub value: String,
    pub y: String,
    pub text_y: String,
    pub width: String,
    pub value_x: String,
}

/// The chart of people seen against the estimated total, with the interval as a line across
/// the estimate's bar.
pub struct ResultChart {
    pub title: String,
    pub desc: String,
    pub bars: Vec<ResultBar>,
    /// `x1`, `x2` and `y` of the interval line, when there is a finite interval.
    pub interval: Option<(String, String, String)>,
    /// The interval runs beyond the drawing (drawn to the edge, with an arrow-like mark).
    pub clipped: bool,
}

/// One row of the capture-history table.
pub struct HistoryRow {
    pub marks: Vec<bool>,
    pub pattern: String,
    pub count: String,
}

#[derive(Template)]
#[template(path = "stats/estimate.html")]
pub struct EstimateResultPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub created: String,
    pub period: String,
    pub lists: Vec<String>,
    pub method: String,
    pub seed: String,
    pub observed: String,
    pub estimate: String,
    pub unseen: String,
    pub interval: String,
    pub summary: String,
    pub model: Vec<String>,
    pub warnings: Vec<(String, String)>,
    pub assumptions: Vec<String>,
    pub chart: ResultChart,
    pub histories: Vec<HistoryRow>,
}

/// A total as a whole number in the reader's style; an infinite or undefined one in words.
fn whole(t: &Tr, x: f64) -> String {
    if x.is_finite() && x.abs() < 9.0e15 {
        t.number(x.round() as i64)
    } else {
        t.get("estimate-unbounded")
    }
}

const WIDTH: f64 = 640.0;
const LABELS: f64 = 200.0;
const VALUES: f64 = 80.0;
const ROW: f64 = 36.0;
const BAR: f64 = 20.0;
const TOP: f64 = 10.0;

fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// Lays out the two bars on one scale: the larger of the estimate and the interval's upper
/// end, but never more than four times the estimate, so a huge or unbounded interval does not
/// squash the bars into slivers (the line is then drawn to the edge and marked as clipped).
fn chart(t: &Tr, v: &EstimateView) -> ResultChart {
    let r = &v.result;
    let observed = r.observed as f64;
    let estimate = if r.estimate.is_finite() {
        r.estimate.max(observed)
    } else {
        observed
    };
    let hi = match r.ci {
        Some([_, hi]) if hi.is_finite() => hi,
        Some(_) => f64::INFINITY,
        None => estimate,
    };
    let cap = (estimate * 4.0).max(1.0);
    let max = hi.max(estimate).min(cap).max(1.0);
    let span = WIDTH - LABELS - VALUES;
    let x = |value: f64| LABELS + (value.min(max) / max) * span;
    let bar = |i: usize, key: &'static str, label: String, value: f64, text: String| {
        let y = TOP + i as f64 * ROW;
        ResultBar {
            key,
            label,
            value: text,
            y: num(y),
            text_y: num(y + BAR / 2.0 + 4.0),
            width: num(x(value) - LABELS),
            value_x: num(x(value) + 6.0),
        }
    };
    let bars = vec![
        bar(
            0,
            "observed",
            t.get("estimate-observed"),
            observed,
            whole(t, observed),
        ),
        bar(
            1,
            "estimate",
            t.get("estimate-total"),
            estimate,
            whole(t, r.estimate),
        ),
    ];
    let line_y = TOP + ROW + BAR / 2.0;
    let interval =
        r.ci.filter(|[lo, _]| lo.is_finite())
            .map(|[lo, hi]| (num(x(lo)), num(x(if hi.is_finite() { hi } else { max }))));
    let clipped = r.ci.is_some_and(|[_, hi]| !hi.is_finite() || hi > max);
    ResultChart {
        title: t.get("estimate-chart"),
        desc: t.get("estimate-chart-desc"),
        bars,
        interval: interval.map(|(a, b)| (a, b, num(line_y))),
        clipped,
    }
}

/// The model in words: which pairs (or groups) of lists it lets overlap more or less than
/// chance would, or that it treats them as independent.
fn model_words(t: &Tr, v: &EstimateView) -> Vec<String> {
    let name = |code: &str| {
        ListSource::from_code(code)
            .map(|s| source_label(t, s))
            .unwrap_or_else(|| code.to_owned())
    };
    let terms: Vec<String> = v
        .result
        .model
        .iter()
        .filter(|g| g.contains(':'))
        .map(|g| g.split(':').map(name).collect::<Vec<_>>().join(" × "))
        .collect();
    if terms.is_empty() {
        vec![t.get("estimate-model-independent")]
    } else {
        terms
            .into_iter()
            .map(|lists| t.arg("estimate-model-term", "lists", &lists))
            .collect()
    }
}

/// `GET /estimates/{id}`: a stored run of the reader's organisation.
pub async fn result(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<EstimateId>,
) -> PageResult {
    let v = state
        .store
        .estimate(user.principal(), id, "page: an estimate's result")
        .await
        .or_page(t)?;
    let r = &v.result;
    let estimate = whole(&t, r.estimate);
    let unseen = if r.estimate.is_finite() {
        whole(&t, (r.estimate - r.observed as f64).max(0.0))
    } else {
        t.get("estimate-unbounded")
    };
    let level = format!("{:.0}", r.ci_level * 100.0);
    let interval = match r.ci {
        Some([lo, hi]) => libertas_domain::i18n::t_args(
            t.lang,
            "estimate-interval-value",
            &[
                ("level", &level),
                ("low", &whole(&t, lo)),
                ("high", &whole(&t, hi)),
            ],
        ),
        None => t.get("estimate-no-interval"),
    };
    let summary = libertas_domain::i18n::t_args(
        t.lang,
        "estimate-summary",
        &[
            (
                "observed",
                &t.number(i64::try_from(r.observed).unwrap_or(i64::MAX)),
            ),
            ("estimate", &estimate),
            ("unseen", &unseen),
        ],
    );
    let page = EstimateResultPage {
        id: v.id.to_string(),
        created: t.datetime(&v.created_at),
        period: format!(
            "{} – {}",
            t.date(&date_text(v.period.from)),
            t.date(&date_text(v.period.to))
        ),
        lists: v.sources.iter().map(|s| source_label(&t, *s)).collect(),
        method: method_label(&t, v.method.as_str()),
        seed: v.seed.to_string(),
        observed: t.number(i64::try_from(r.observed).unwrap_or(i64::MAX)),
        estimate,
        unseen,
        interval,
        summary,
        model: model_words(&t, &v),
        warnings: r
            .warnings
            .iter()
            .map(|w| {
                (
                    w.clone(),
                    t.get(&format!("estimate-warning-{}", w.replace('_', "-"))),
                )
            })
            .collect(),
        assumptions: ASSUMPTIONS
            .iter()
            .map(|a| t.get(&format!("estimate-assumption-{}", a.replace('_', "-"))))
            .collect(),
        chart: chart(&t, &v),
        histories: v
            .histories
            .iter()
            .map(|h| HistoryRow {
                marks: h.pattern.chars().map(|c| c == '1').collect(),
                pattern: h.pattern.clone(),
                count: h.count.map_or_else(
                    || t.get("stats-not-shown"),
                    |n| t.number(i64::try_from(n).unwrap_or(i64::MAX)),
                ),
            })
            .collect(),
        t,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::*;
    use libertas_domain::i18n::Lang;
    use libertas_domain::stats::estimate::EstimateMethod;
    use libertas_store::stats::estimate::EstimateResult;

    fn view(observed: u64, estimate: f64, ci: Option<[f64; 2]>) -> EstimateView {
        EstimateView {
            id: EstimateId::from_uuid(uuid::Uuid::nil()),
            sources: ListSource::ALL[..3].to_vec(),
            period: Period::parse(Some("2026-01-01"), Some("2026-06-30"), time::Date::MIN).unwrap(),
            method: EstimateMethod::Stepwise,
            seed: 1,
            created_at: "2026-07-01T00:00:00".into(),
            result: EstimateResult {
                observed,
                estimate,
                ci,
                ci_level: 0.95,
                model: vec!["reports:police".into(), "identification".into()],
                warnings: vec![],
            },
            histories: vec![],
        }
    }

    #[test]
    fn the_chart_scales_to_the_interval_and_clips_an_unbounded_one() {
        let t = Tr { lang: Lang::En };
        let c = chart(&t, &view(100, 200.0, Some([150.0, 400.0])));
        let span = WIDTH - LABELS - VALUES;
        // The interval's upper end is the scale: the estimate's bar is half the width.
        assert_eq!(c.bars[1].width, num(span / 2.0));
        assert_eq!(c.bars[0].width, num(span / 4.0));
        let (x1, x2, _) = c.interval.unwrap();
        assert_eq!((x1, x2), (num(LABELS + span * 0.375), num(LABELS + span)));
        assert!(!c.clipped);

        let c = chart(&t, &view(100, 200.0, Some([150.0, f64::INFINITY])));
        assert!(c.clipped);
        assert_eq!(c.bars[1].width, num(span / 4.0), "scale capped at 4×");
        assert_eq!(c.interval.unwrap().1, num(LABELS + span));

        let c = chart(&t, &view(100, f64::INFINITY, None));
        assert!(c.interval.is_none());
        assert_eq!(c.bars[1].value, t.get("estimate-unbounded"));
    }

    #[test]
    fn the_model_is_put_in_words_with_the_lists_names() {
        let t = Tr { lang: Lang::En };
        let words = model_words(&t, &view(100, 200.0, None));
        assert_eq!(words.len(), 1);
        assert!(words[0].contains(&t.get("estimate-source-reports")));
        assert!(words[0].contains(&t.get("estimate-source-police")));
        let mut v = view(100, 200.0, None);
        v.result.model = vec!["reports".into(), "police".into()];
        assert_eq!(
            model_words(&t, &v),
            vec![t.get("estimate-model-independent")]
        );
    }
}
