//! The care page of a person (`/people/{id}/care`): the care plan with its forms (see
//! `plan_page.rs`), consent state and forms, the outcome
//! assessment form, the scores over time as an SVG chart, and the same figures as a table.

use super::chart::{self, Chart, Frame};
use crate::care::plan::pages::{self as plan_page, PlanOptions, PlanSection};
use crate::http::PageUser;
use crate::http::{render, Chrome, OrPage, PageResult, PathId};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::care::{next_due, ConsentAnswers, Purpose, DOMAINS};
use libertas_domain::cases::decisions::date_text;
use libertas_domain::ids::PersonId;
use libertas_store::care::{AssessmentView, ConsentView};
use libertas_store::StoreError;
use std::collections::HashMap;

/// One consent question with the current answer (already a visible word).
pub struct Answer {
    pub key: &'static str,
    pub label: String,
    pub value: String,
}

/// One line of the consent history.
pub struct ConsentRow {
    pub kind: String,
    pub allowed: String,
    pub by: String,
    /// The stored UTC time; the page shows it with `Tr::datetime`.
    pub at: String,
}

/// One domain in the assessment form: its sub-domains as (form field name, label).
pub struct FormDomain {
    pub label: String,
    pub subdomains: Vec<(String, String)>,
}

/// One assessment in the fallback table: date, domain scores, overall.
pub struct ScoreRow {
    pub on: String,
    pub scores: Vec<String>,
    pub overall: String,
}

#[derive(Template)]
#[template(path = "care/page.html")]
pub struct CarePage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    pub error: Option<String>,
    pub answers: Vec<Answer>,
    pub has_consent: bool,
    pub purposes: Vec<(&'static str, String)>,
    pub history: Vec<ConsentRow>,
    pub questions: Vec<(&'static str, String)>,
    pub domains: Vec<FormDomain>,
    pub domain_labels: Vec<String>,
    pub rows: Vec<ScoreRow>,
    pub next_due: Option<String>,
    pub chart: Option<Chart>,
    pub frame: Frame,
    pub plan: Option<PlanSection>,
    pub options: PlanOptions,
    pub stories: Vec<libertas_store::care::StoryView>,
}

const QUESTIONS: [&str; 8] = [
    "interview",
    "purpose_explained",
    "data_use",
    "data_sharing",
    "research_use",
    "storytelling",
    "right_to_see_explained",
    "withdrawal_explained",
];

fn msg_key(prefix: &str, key: &str) -> String {
    format!("{prefix}{}", key.replace('_', "-"))
}

fn answer_of(a: &ConsentAnswers, key: &str) -> bool {
    match key {
        "interview" => a.interview,
        "purpose_explained" => a.purpose_explained,
        "data_use" => a.data_use,
        "data_sharing" => a.data_sharing,
        "research_use" => a.research_use,
        "storytelling" => a.storytelling,
        "right_to_see_explained" => a.right_to_see_explained,
        _ => a.withdrawal_explained,
    }
}

fn yes_no(t: &Tr, v: bool) -> String {
    t.get(if v { "care-yes" } else { "care-no" })
}

fn consent_parts(t: &Tr, records: &[ConsentView]) -> (Vec<Answer>, Vec<ConsentRow>) {
    let mut answers = vec![];
    if let Some(c) = records.first() {
        for key in QUESTIONS {
            answers.push(Answer {
                key,
                label: t.get(&msg_key("care-q-", key)),
                value: yes_no(t, answer_of(&c.answers, key)),
            });
        }
        answers.push(Answer {
            key: "retention_months",
            label: t.get("care-q-retention-months"),
            value: c.answers.retention.get().to_string(),
        });
    }
    let history = records
        .iter()
        .map(|c| ConsentRow {
            kind: t.get(&format!("care-kind-{}", c.kind)),
            allowed: Purpose::ALL
                .iter()
                .filter(|p| c.answers.allows(**p))
                .map(|p| t.get(&msg_key("care-purpose-", p.as_str())))
                .collect::<Vec<_>>()
                .join(", "),
            by: c.recorded_by.clone(),
            at: c.recorded_at.clone(),
        })
        .collect();
    (answers, history)
}

fn score_rows(t: &Tr, list: &[AssessmentView]) -> Vec<ScoreRow> {
    list.iter()
        .map(|a| ScoreRow {
            on: date_text(a.assessed_on),
            scores: a
                .scores
                .domain_scores()
                .iter()
                .map(|s| t.decimal(*s, 2))
                .collect(),
            overall: t.decimal(a.scores.overall(), 2),
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(person): PathId<PersonId>,
    crate::http::PageQuery(q): crate::http::PageQuery<HashMap<String, String>>,
) -> PageResult {
    let p = user.principal();
    let loaded = async {
        let v = state
            .store
            .get_person(p, person, "page: care page, read the person")
            .await?;
        let c = state
            .store
            .consents(p, person, "page: care page, read consents")
            .await?;
        let a = state
            .store
            .assessments(p, person, "page: care page, read assessments")
            .await?;
        let plans = state
            .store
            .care_plans(p, person, "page: care page, read care plans")
            .await?;
        let stories = state
            .store
            .stories(p, person, "page: care page, read stories")
            .await?;
        Ok::<_, StoreError>((v, c, a, plans, stories))
    }
    .await;
    let (v, consents, list, plans, stories) = loaded.or_page(t)?;
    let name = match (&v.given_name, &v.family_name) {
        (Some(g), Some(f)) => format!("{g} {f}"),
        _ => t.get("person-erased-short"),
    };
    let (answers, history) = consent_parts(&t, &consents);
    let first = list.iter().map(|a| a.assessed_on).min();
    let latest = list.iter().map(|a| a.assessed_on).max();
    let error = q
        .get("error")
        .filter(|f| f.len() <= 64 && f.chars().all(|c| c.is_ascii_graphic()))
        .map(|f| match f.as_str() {
            "storytelling" => t.get("care-story-no-consent"),
            _ => t.arg("care-error", "field", f),
        });
    let page = CarePage {
        chrome,
        id: person.to_string(),
        name,
        error,
        answers,
        has_consent: !consents.is_empty(),
        purposes: Purpose::ALL
            .iter()
            .map(|p| (p.as_str(), t.get(&msg_key("care-purpose-", p.as_str()))))
            .collect(),
        history,
        questions: QUESTIONS
            .iter()
            .map(|k| (*k, t.get(&msg_key("care-q-", k))))
            .collect(),
        domains: DOMAINS
            .iter()
            .map(|d| FormDomain {
                label: t.get(&msg_key("care-domain-", d.key)),
                subdomains: d
                    .subdomains
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (format!("{}.{i}", d.key), t.get(&msg_key("care-sub-", s))))
                    .collect(),
            })
            .collect(),
        domain_labels: DOMAINS
            .iter()
            .map(|d| t.get(&msg_key("care-domain-", d.key)))
            .collect(),
        rows: score_rows(&t, &list),
        next_due: first.zip(latest).map(|(f, l)| date_text(next_due(f, l))),
        chart: chart::build(&t, &list),
        frame: chart::frame(),
        plan: plan_page::section(&t, &plans),
        options: plan_page::options(&t),
        stories,
        t,
    };
    Ok(render(StatusCode::OK, &page))
}
