//! The proceedings page of a case (`/cases/{id}/proceedings`): suspects with their roles,
//! charges with their hearings, verdict and sentence, and the forms to record each (shown to
//! investigators, legal staff and admins). Forms post to `proceedings_forms` and come back here;
//! refusals travel as `?error=<field>`, never as values.

use crate::http::PageUser;
use crate::http::{render, Chrome, OrPage, PageResult, PathId};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::admin::Capability;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::proceedings::{HearingKind, VerdictOutcome};
use libertas_domain::justice::suspects::SuspectRole;
use libertas_store::justice::{HearingView, SentenceView};
use serde::Deserialize;

/// A code with its label in the reader's language, and whether it is chosen.
pub struct Choice {
    pub code: String,
    pub label: String,
    pub checked: bool,
}

pub struct SuspectRow {
    pub person_id: String,
    pub name: String,
    pub roles: String,
    pub choices: Vec<Choice>,
}

pub struct HearingRow {
    pub date: String,
    pub kind: String,
    pub court: String,
    pub outcome: String,
}

pub struct SentenceRow {
    pub prison: String,
    pub fine: String,
    pub restitution: Vec<String>,
    pub date: String,
}

pub struct ChargeRow {
    pub id: String,
    pub suspect: String,
    pub law: String,
    pub section: String,
    pub counts: u32,
    pub filed_on: String,
    pub note: String,
    pub hearings: Vec<HearingRow>,
    /// (verdict id, outcome label, date, convicted)
    pub verdict: Option<(String, String, String, bool)>,
    pub sentence: Option<SentenceRow>,
}

#[derive(Template)]
#[template(path = "justice/proceedings.html")]
pub struct ProceedingsPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub can_write: bool,
    pub suspects: Vec<SuspectRow>,
    pub victims: Vec<(String, String)>,
    pub charges: Vec<ChargeRow>,
    pub case_hearings: Vec<HearingRow>,
    pub kinds: Vec<Choice>,
    pub outcomes: Vec<Choice>,
    pub error: Option<String>,
}

#[derive(Deserialize)]
pub struct PageQuery {
    error: Option<String>,
}

/// Keeps only characters that may appear in a field name.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(40)
        .collect()
}

fn erased(t: &Tr, n: Option<String>) -> String {
    n.unwrap_or_else(|| t.get("proceedings-erased"))
}

fn hearing_row(t: &Tr, h: &HearingView) -> HearingRow {
    HearingRow {
        date: date_text(h.date),
        kind: t.get(&format!("proceedings-kind-{}", h.kind.as_str())),
        court: h.court.clone(),
        outcome: h.outcome.clone().unwrap_or_default(),
    }
}

fn sentence_row(t: &Tr, s: &SentenceView) -> SentenceRow {
    let cur = s.currency.clone().unwrap_or_default();
    let prison = if s.prison_months == 0 {
        t.get("proceedings-no-prison")
    } else if s.suspended {
        t.arg(
            "proceedings-prison-suspended",
            "months",
            &s.prison_months.to_string(),
        )
    } else {
        t.arg("proceedings-prison", "months", &s.prison_months.to_string())
    };
    SentenceRow {
        prison,
        fine: s.fine_minor.map(|f| t.money(f, &cur)).unwrap_or_default(),
        restitution: s
            .restitution
            .iter()
            .map(|r| {
                format!(
                    "{}: {}",
                    erased(t, r.name.clone()),
                    t.money(r.amount_minor, &cur)
                )
            })
            .collect(),
        date: date_text(s.date),
    }
}

/// `GET /cases/{id}/proceedings` (members of the case).
pub async fn page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<CaseId>,
    crate::http::PageQuery(q): crate::http::PageQuery<PageQuery>,
) -> PageResult {
    let p = user.principal();
    let why = "page: proceedings";
    let store = &state.store;
    let case = store.get_case(p, id, why).await.or_page(t)?;
    let loaded = async {
        Ok::<_, libertas_store::StoreError>((
            store.suspects(p, id, why).await?,
            // Victims' names only feed the restitution form: read (and audited) for writers.
            if p.can(Capability::Prosecute) {
                store.case_victims(p, id, why).await?
            } else {
                vec![]
            },
            store.charges(p, id, why).await?,
            store.hearings(p, id, None, why).await?,
            store.verdicts(p, id, None, why).await?,
            store.sentences(p, id, None, why).await?,
        ))
    }
    .await;
    let (suspects, victims, charges, hearings, verdicts, sentences) = loaded.or_page(t)?;
    let suspects = suspects
        .into_iter()
        .map(|s| SuspectRow {
            person_id: s.person_id.to_string(),
            roles: s
                .roles
                .iter()
                .map(|r| t.get(&format!("proceedings-role-{}", r.as_str())))
                .collect::<Vec<_>>()
                .join(", "),
            choices: SuspectRole::ALL
                .iter()
                .map(|r| Choice {
                    code: r.as_str().to_owned(),
                    label: t.get(&format!("proceedings-role-{}", r.as_str())),
                    checked: s.roles.contains(r),
                })
                .collect(),
            name: erased(&t, s.name),
        })
        .collect();
    let charges = charges
        .into_iter()
        .map(|c| {
            let verdict = verdicts.iter().find(|v| v.charge_id == c.id);
            let sentence = verdict
                .and_then(|v| sentences.iter().find(|s| s.verdict_id == v.id))
                .map(|s| sentence_row(&t, s));
            ChargeRow {
                id: c.id.to_string(),
                suspect: erased(&t, c.suspect_name),
                law: c.law,
                section: c.section,
                counts: c.counts,
                filed_on: date_text(c.filed_on),
                note: c.note.unwrap_or_default(),
                hearings: hearings
                    .iter()
                    .filter(|h| h.charge_id == Some(c.id))
                    .map(|h| hearing_row(&t, h))
                    .collect(),
                verdict: verdict.map(|v| {
                    (
                        v.id.to_string(),
                        t.get(&format!("proceedings-outcome-{}", v.outcome.as_str())),
                        date_text(v.date),
                        v.outcome == VerdictOutcome::Convicted,
                    )
                }),
                sentence,
            }
        })
        .collect();
    let case_hearings = hearings
        .iter()
        .filter(|h| h.charge_id.is_none())
        .map(|h| hearing_row(&t, h))
        .collect();
    let choices = |prefix: &str, codes: Vec<&'static str>| -> Vec<Choice> {
        codes
            .into_iter()
            .map(|c| Choice {
                code: c.to_owned(),
                label: t.get(&format!("{prefix}{c}")),
                checked: false,
            })
            .collect()
    };
    let kinds = choices(
        "proceedings-kind-",
        HearingKind::ALL.iter().map(|k| k.as_str()).collect(),
    );
    let outcomes = choices(
        "proceedings-outcome-",
        VerdictOutcome::ALL.iter().map(|k| k.as_str()).collect(),
    );
    let error = q.error.as_deref().map(|f| match clean(f).as_str() {
        "conflict" => t.get("proceedings-error-conflict"),
        other => t.arg("justice-error-field", "field", other),
    });
    Ok(render(
        StatusCode::OK,
        &ProceedingsPage {
            t,
            chrome,
            id: id.to_string(),
            title: case.title,
            can_write: p.can(Capability::Prosecute),
            suspects,
            victims: victims
                .into_iter()
                .map(|(pid, n)| (pid.to_string(), erased(&t, n)))
                .collect(),
            charges,
            case_hearings,
            kinds,
            outcomes,
            error,
        },
    ))
}
