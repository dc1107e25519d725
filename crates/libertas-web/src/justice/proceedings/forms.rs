//! The forms of the proceedings page: suspect roles, charges, hearings, verdicts and
//! sentences. Each checks the cross-site token, turns the form into the API's request type
//! (so both take the same rules), writes through the store and goes back to the page.

use crate::http::{case_id, CsrfForm, Fields, OrPage, PageError, PageResult, PageUser};
use crate::i18n::Tr;
use crate::justice::proceedings::charges_api::{charge_id, today, NewChargeJson, NewHearingJson};
use crate::justice::proceedings::pages::clean;
use crate::justice::proceedings::suspects_api::person_id;
use crate::justice::proceedings::verdicts_api::{
    verdict_id, NewRestitutionJson, NewSentenceJson, NewVerdictJson,
};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use libertas_domain::ids::CaseId;
use libertas_domain::justice::suspects::parse_roles;
use libertas_domain::FieldError;
use libertas_store::StoreError;

fn text(f: &Fields, name: &str) -> String {
    f.first(name).unwrap_or_default().to_owned()
}

fn opt(f: &Fields, name: &str) -> Option<String> {
    f.first(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn number(f: &Fields, name: &str) -> Result<Option<f64>, FieldError> {
    opt(f, name)
        .map(|v| {
            v.replace(',', ".")
                .parse::<f64>()
                .map_err(|_| FieldError::new(name, "must be a number"))
        })
        .transpose()
}

fn back(id: CaseId, field: &str) -> PageError {
    PageError::redirect(format!("/cases/{id}/proceedings?error={}", clean(field)))
}

fn done(id: CaseId, anchor: &str) -> PageResult {
    Ok(Redirect::to(&format!("/cases/{id}/proceedings{anchor}")).into_response())
}

/// Maps a store refusal to the page: a field back to the form, a conflict explained, the rest
/// as the error page.
fn refused(t: Tr, id: CaseId, e: StoreError) -> PageError {
    match e {
        StoreError::Invalid(f) | StoreError::Conflicting(f) => back(id, &f.field),
        StoreError::Conflict(_) => back(id, "conflict"),
        other => PageError::store(t, other),
    }
}

/// The case id of a form post, read once [`CsrfForm`] has checked the token (a forged form
/// is a 403 whatever its id).
fn open(t: Tr, raw: &str) -> Result<CaseId, PageError> {
    case_id(raw).map_err(|_| PageError::not_found(t))
}

/// `POST /cases/{id}/suspects/{person_id}/roles`: the checked `roles` boxes.
#[tracing::instrument(skip_all)]
pub async fn roles(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, pid)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = open(t, &id)?;
    let pid = person_id(&pid).map_err(|_| PageError::not_found(t))?;
    let codes: Vec<&str> = f.all("roles");
    let roles = parse_roles(&codes).map_err(|e| back(id, &e.field))?;
    state
        .store
        .set_suspect_roles(user.principal(), id, pid, &roles, "page: set suspect roles")
        .await
        .map_err(|e| refused(t, id, e))?;
    done(id, "#suspects")
}

/// `POST /cases/{id}/charges`.
#[tracing::instrument(skip_all)]
pub async fn charge(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = open(t, &id)?;
    let counts = text(&f, "counts")
        .trim()
        .parse::<i64>()
        .map_err(|_| back(id, "counts"))?;
    let body = NewChargeJson {
        suspect_id: text(&f, "suspect_id"),
        law: text(&f, "law"),
        section: text(&f, "section"),
        counts,
        filed_on: text(&f, "filed_on"),
        note: opt(&f, "note"),
    };
    let new = body.parse(today()).map_err(|e| back(id, &e.field))?;
    let c = state
        .store
        .add_charge(user.principal(), id, &new, "page: file a charge")
        .await
        .map_err(|e| refused(t, id, e))?;
    done(id, &format!("#charge-{}", c.id))
}

/// The charge of a form, which must belong to the case in the path (else 404).
async fn charge_of(
    state: &AppState,
    user: &PageUser,
    t: Tr,
    id: CaseId,
    raw: &str,
) -> Result<libertas_domain::justice::proceedings::ChargeId, PageError> {
    let charge = charge_id(raw).map_err(|_| PageError::not_found(t))?;
    match state.store.charge_case(user.principal(), charge).await {
        Ok(c) if c == id => Ok(charge),
        Ok(_) => Err(PageError::not_found(t)),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// `POST /cases/{id}/charges/{charge}/hearings`.
#[tracing::instrument(skip_all)]
pub async fn hearing(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, ch)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = open(t, &id)?;
    let charge = charge_of(&state, &user, t, id, &ch).await?;
    let new = hearing_of(&f).map_err(|e| back(id, &e.field))?;
    state
        .store
        .add_hearing(
            user.principal(),
            id,
            Some(charge),
            &new,
            "page: record a hearing",
        )
        .await
        .map_err(|e| refused(t, id, e))?;
    done(id, &format!("#charge-{charge}"))
}

fn hearing_of(f: &Fields) -> Result<libertas_domain::justice::proceedings::NewHearing, FieldError> {
    NewHearingJson {
        date: text(f, "date"),
        court: text(f, "court"),
        kind: text(f, "kind"),
        outcome: opt(f, "outcome"),
    }
    .parse(today())
}

/// `POST /cases/{id}/hearings`: a hearing of the whole case.
#[tracing::instrument(skip_all)]
pub async fn case_hearing(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = open(t, &id)?;
    let new = hearing_of(&f).map_err(|e| back(id, &e.field))?;
    state
        .store
        .add_hearing(user.principal(), id, None, &new, "page: record a hearing")
        .await
        .map_err(|e| refused(t, id, e))?;
    done(id, "#case-hearings")
}

/// `POST /cases/{id}/charges/{charge}/verdict`.
#[tracing::instrument(skip_all)]
pub async fn verdict(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, ch)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = open(t, &id)?;
    let charge = charge_of(&state, &user, t, id, &ch).await?;
    let body = NewVerdictJson {
        outcome: text(&f, "outcome"),
        date: text(&f, "date"),
    };
    let (outcome, date) = body.parse(today()).map_err(|e| back(id, &e.field))?;
    state
        .store
        .add_verdict(
            user.principal(),
            id,
            charge,
            outcome,
            date,
            "page: record a verdict",
        )
        .await
        .map_err(|e| refused(t, id, e))?;
    done(id, &format!("#charge-{charge}"))
}

/// `POST /cases/{id}/verdicts/{verdict}/sentence`: restitution comes as one
/// `restitution_<person id>` amount per victim (empty: none).
#[tracing::instrument(skip_all)]
pub async fn sentence(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, vid)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = open(t, &id)?;
    let verdict = verdict_id(&vid).map_err(|_| PageError::not_found(t))?;
    let case = state
        .store
        .verdict_case(user.principal(), verdict)
        .await
        .or_page(t)?;
    if case != id {
        return Err(PageError::not_found(t));
    }
    let parsed = (|| -> Result<NewSentenceJson, FieldError> {
        let months = opt(&f, "prison_months")
            .map(|m| {
                m.parse::<i64>()
                    .map_err(|_| FieldError::new("prison_months", "must be a whole number"))
            })
            .transpose()?;
        let mut restitution = vec![];
        for (k, _) in f.pairs() {
            if let Some(pid) = k.strip_prefix("restitution_") {
                if let Some(amount) = number(&f, k).map_err(|e| e.at("restitution"))? {
                    restitution.push(NewRestitutionJson {
                        person_id: pid.to_owned(),
                        amount,
                    });
                }
            }
        }
        Ok(NewSentenceJson {
            prison_months: months,
            suspended: Some(f.first("suspended").is_some()),
            fine_amount: number(&f, "fine_amount")?,
            currency: opt(&f, "currency"),
            restitution: Some(restitution),
            date: opt(&f, "date"),
        })
    })();
    let (terms, date) = parsed
        .and_then(|b| b.parse(today()))
        .map_err(|e| back(id, &e.field))?;
    let s = state
        .store
        .add_sentence(
            user.principal(),
            id,
            verdict,
            &terms,
            date,
            "page: record a sentence",
        )
        .await
        .map_err(|e| refused(t, id, e))?;
    done(id, &format!("#charge-{}", s.charge_id))
}
