//! The decisions page of a case (`/cases/{id}/decisions`, with the computed deadlines) and
//! what it shares with the tasks page: loading the victims and decisions, the deadline rows.

use crate::cases::decisions::api::NewDecisionJson;
use crate::http::{render, Chrome, CsrfForm, OrPage, PageError, PageResult, PageUser, PathId};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::cases::deadlines::Calendar;
use libertas_domain::cases::decisions::{date_text, OrgType};
use libertas_domain::ids::CaseId;
use libertas_domain::people::TraffickingStatus;
use libertas_store::cases::DecisionView;
use libertas_store::StoreError;
use serde::Deserialize;
use time::Date;

/// One option of a `<select>`: the submitted value and its visible label.
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// One victim's current path and deadlines, formatted for a table.
pub struct DeadlineRow {
    pub victim: String,
    pub referral: String,
    pub rg_due: String,
    pub rg: String,
    pub recovery: String,
    pub cg_earliest: String,
    pub cg: String,
}

/// One recorded decision, formatted for the history table.
pub struct DecisionRow {
    pub victim: String,
    pub status: String,
    pub org_type: String,
    pub rg: String,
    pub cg: String,
    pub note: String,
    pub by: String,
    /// The stored UTC time; the page shows it with `Tr::datetime`.
    pub at: String,
}

#[derive(Template)]
#[template(path = "cases/decisions.html")]
pub struct DecisionsPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub victims: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub org_types: Vec<Choice>,
    pub decisions: Vec<DecisionRow>,
    pub deadlines: Vec<DeadlineRow>,
    pub error: Option<String>,
}

/// A day as the reader writes it (`21.11.2026`), or a dash.
fn d(t: &Tr, v: Option<Date>) -> String {
    v.map(|v| t.date(&date_text(v)))
        .unwrap_or_else(|| "—".to_owned())
}

fn outcome(
    t: &Tr,
    o: Option<libertas_domain::cases::decisions::Outcome>,
    on: Option<Date>,
) -> String {
    match o {
        Some(o) => format!(
            "{} ({})",
            t.get(&format!("protect-outcome-{}", o.as_str())),
            d(t, on)
        ),
        None => "—".to_owned(),
    }
}

/// The case title, the victims (case-person id → name) and the current decisions: what both
/// pages need. Each read is audited by the store.
pub(crate) async fn load(
    state: &AppState,
    t: &Tr,
    user: &PageUser,
    id: CaseId,
) -> Result<(String, Vec<Choice>, Vec<DecisionView>), StoreError> {
    let p = user.principal();
    let case = state
        .store
        .get_case(p, id, "page: protect pages, read the case")
        .await?;
    let people = state
        .store
        .case_people(p, id, "page: protect pages, list victims")
        .await?;
    let erased = t.get("person-erased-short");
    let victims = people
        .into_iter()
        .filter_map(|v| {
            let link = v
                .cases
                .iter()
                .find(|l| l.case_id == id && l.role == "victim")?;
            let label = match (&v.given_name, &v.family_name) {
                (Some(g), Some(f)) => format!("{g} {f}"),
                _ => erased.clone(),
            };
            Some(Choice {
                value: link.id.to_string(),
                label,
            })
        })
        .collect();
    let decisions = state
        .store
        .decisions(
            p,
            id,
            &state.config.holidays,
            "page: protect pages, read decisions",
        )
        .await?;
    Ok((case.title, victims, decisions))
}

fn name_of(victims: &[Choice], case_person: &str) -> String {
    victims
        .iter()
        .find(|v| v.value == case_person)
        .map(|v| v.label.clone())
        .unwrap_or_default()
}

pub(crate) fn deadline_rows(
    t: &Tr,
    victims: &[Choice],
    decisions: &[DecisionView],
) -> Vec<DeadlineRow> {
    let mut rows: Vec<DeadlineRow> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for x in decisions.iter().rev() {
        if seen.contains(&x.case_person_id.as_str()) {
            continue;
        }
        seen.push(&x.case_person_id);
        let dl = &x.deadlines;
        rows.push(DeadlineRow {
            victim: name_of(victims, &x.case_person_id),
            referral: d(t, x.referral_date),
            rg_due: d(t, dl.reasonable_grounds_due),
            rg: outcome(t, x.rg_decision, x.rg_date),
            recovery: match dl.recovery_start {
                Some(s) => format!(
                    "{} – {}",
                    t.date(&date_text(s)),
                    d(t, dl.recovery_end.or(dl.recovery_min_end))
                ),
                None => "—".to_owned(),
            },
            cg_earliest: d(t, dl.conclusive_grounds_earliest),
            cg: outcome(t, x.cg_decision, x.cg_date),
        });
    }
    rows.reverse();
    rows
}

/// `?error=FIELD` after a refused form: only a field name travels in the URL, never a value.
#[derive(Deserialize)]
pub struct ErrorQuery {
    error: Option<String>,
}

/// The field named in `?error=`, as a translated message (only the field name travels).
pub(crate) fn error_text(t: &Tr, q: &ErrorQuery) -> Option<String> {
    q.error.as_deref().map(|f| {
        let f: String = f
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        t.arg("protect-error-field", "field", &f)
    })
}

/// `GET /cases/{id}/decisions`: deadlines, history and the form (members only).
pub async fn decisions_page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<CaseId>,
    crate::http::PageQuery(q): crate::http::PageQuery<ErrorQuery>,
) -> PageResult {
    let (title, victims, decisions) = load(&state, &t, &user, id).await.or_page(t)?;
    let deadlines = deadline_rows(&t, &victims, &decisions);
    let rows = decisions
        .iter()
        .map(|x| DecisionRow {
            victim: name_of(&victims, &x.case_person_id),
            status: x
                .trafficking_status
                .map(|s| t.get(&format!("status-{}", s.as_str())))
                .unwrap_or_default(),
            org_type: x
                .deciding_org_type
                .map(|o| t.get(&format!("protect-org-{}", o.as_str())))
                .unwrap_or_default(),
            rg: outcome(&t, x.rg_decision, x.rg_date),
            cg: outcome(&t, x.cg_decision, x.cg_date),
            note: x.note.clone().unwrap_or_default(),
            by: x.created_by.clone(),
            at: x.created_at.clone(),
        })
        .collect();
    let statuses = TraffickingStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: t.get(&format!("status-{}", s.as_str())),
        })
        .collect();
    let org_types = OrgType::ALL
        .iter()
        .map(|o| Choice {
            value: o.as_str().to_owned(),
            label: t.get(&format!("protect-org-{}", o.as_str())),
        })
        .collect();
    let error = error_text(&t, &q);
    let page = DecisionsPage {
        t,
        chrome,
        id: id.to_string(),
        title,
        victims,
        statuses,
        org_types,
        decisions: rows,
        deadlines,
        error,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The decision form; empty inputs count as not given.
#[derive(Deserialize)]
pub struct DecisionForm {
    #[allow(dead_code)]
    csrf: String,
    case_person_id: Option<String>,
    trafficking_status: Option<String>,
    deciding_org_type: Option<String>,
    referral_date: Option<String>,
    rg_decision: Option<String>,
    rg_date: Option<String>,
    cg_decision: Option<String>,
    cg_date: Option<String>,
    note: Option<String>,
}

/// `POST /cases/{id}/decisions`: back to the page, with `?error=FIELD` when refused.
#[tracing::instrument(skip_all)]
pub async fn record_decision(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<CaseId>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> PageResult {
    let body = NewDecisionJson {
        case_person_id: f.case_person_id,
        person_id: None,
        trafficking_status: f.trafficking_status,
        deciding_org_type: f.deciding_org_type,
        referral_date: f.referral_date,
        rg_decision: f.rg_decision,
        rg_date: f.rg_date,
        cg_decision: f.cg_decision,
        cg_date: f.cg_date,
        note: f.note,
    };
    let back = |field: &str| PageError::redirect(format!("/cases/{id}/decisions?error={field}"));
    let (victim, decision) = body.parse().map_err(|e| back(&e.field))?;
    let holidays = &state.config.holidays;
    let rules = &crate::cases::decisions::api::RULES;
    match state
        .store
        .record_decision(
            user.principal(),
            id,
            victim,
            &decision,
            Calendar { rules, holidays },
            "page: record a decision",
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{id}/decisions")).into_response()),
        Err(StoreError::Invalid(e)) => Err(back(&e.field)),
        Err(e) => Err(PageError::store(t, e)),
    }
}
