//! The forms of the proceedings page: suspect roles, charges, hearings, verdicts and
//! sentences. Each checks the cross-site token, turns the form into the API's request type
//! (so both take the same rules), writes through the store and goes back to the page.

use crate::http::case_id;
use crate::http::error_page;
use crate::http::page_error;
use crate::http::PageUser;
use crate::i18n::Tr;
use crate::justice::proceedings::charges_api::{charge_id, today, NewChargeJson, NewHearingJson};
use crate::justice::proceedings::pages::clean;
use crate::justice::proceedings::suspects_api::person_id;
use crate::justice::proceedings::verdicts_api::{
    verdict_id, NewRestitutionJson, NewSentenceJson, NewVerdictJson,
};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::suspects::parse_roles;
use libertas_domain::FieldError;
use libertas_store::StoreError;

type Pairs = Vec<(String, String)>;

fn value<'a>(f: &'a Pairs, name: &str) -> Option<&'a str> {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn text(f: &Pairs, name: &str) -> String {
    value(f, name).unwrap_or_default().to_owned()
}

fn opt(f: &Pairs, name: &str) -> Option<String> {
    value(f, name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn number(f: &Pairs, name: &str) -> Result<Option<f64>, FieldError> {
    opt(f, name)
        .map(|v| {
            v.replace(',', ".")
                .parse::<f64>()
                .map_err(|_| FieldError::new(name, "must be a number"))
        })
        .transpose()
}

fn back(id: CaseId, field: &str) -> Response {
    Redirect::to(&format!("/cases/{id}/proceedings?error={}", clean(field))).into_response()
}

fn done(id: CaseId, anchor: &str) -> Response {
    Redirect::to(&format!("/cases/{id}/proceedings{anchor}")).into_response()
}

/// Maps a store refusal to the page: a field back to the form, a conflict explained, the rest
/// as the error page.
fn refused(t: Tr, id: CaseId, e: StoreError) -> Response {
    match e {
        StoreError::Invalid(f) | StoreError::Conflicting(f) => back(id, &f.field),
        StoreError::Conflict(_) => back(id, "conflict"),
        other => page_error(t, other),
    }
}

/// Checks the token and the case id of a form post.
fn open(
    user: &PageUser,
    method: &Method,
    headers: &HeaderMap,
    f: &Pairs,
    t: Tr,
    raw: &str,
) -> Result<CaseId, Box<Response>> {
    user.0
        .check_form(method, headers, value(f, "csrf").unwrap_or_default())
        .map_err(Box::new)?;
    case_id(raw).map_err(|_| Box::new(error_page(t.lang, StatusCode::NOT_FOUND)))
}

/// `POST /cases/{id}/suspects/{person_id}/roles`: the checked `roles` boxes.
#[tracing::instrument(skip_all)]
pub async fn roles(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path((id, pid)): Path<(String, String)>,
    Form(f): Form<Pairs>,
) -> Response {
    let id = match open(&user, &method, &headers, &f, t, &id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let Ok(pid) = person_id(&pid) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let codes: Vec<&str> = f
        .iter()
        .filter(|(k, _)| k == "roles")
        .map(|(_, v)| v.as_str())
        .collect();
    let roles = match parse_roles(&codes) {
        Ok(r) => r,
        Err(e) => return back(id, &e.field),
    };
    match state
        .store
        .set_suspect_roles(user.principal(), id, pid, &roles, "page: set suspect roles")
        .await
    {
        Ok(_) => done(id, "#suspects"),
        Err(e) => refused(t, id, e),
    }
}

/// `POST /cases/{id}/charges`.
#[tracing::instrument(skip_all)]
pub async fn charge(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<Pairs>,
) -> Response {
    let id = match open(&user, &method, &headers, &f, t, &id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let Ok(counts) = text(&f, "counts").trim().parse::<i64>() else {
        return back(id, "counts");
    };
    let body = NewChargeJson {
        suspect_id: text(&f, "suspect_id"),
        law: text(&f, "law"),
        section: text(&f, "section"),
        counts,
        filed_on: text(&f, "filed_on"),
        note: opt(&f, "note"),
    };
    let new = match body.parse(today()) {
        Ok(n) => n,
        Err(e) => return back(id, &e.field),
    };
    match state
        .store
        .add_charge(user.principal(), id, &new, "page: file a charge")
        .await
    {
        Ok(c) => done(id, &format!("#charge-{}", c.id)),
        Err(e) => refused(t, id, e),
    }
}

/// The charge of a form, which must belong to the case in the path (else 404).
async fn charge_of(
    state: &AppState,
    user: &PageUser,
    t: Tr,
    id: CaseId,
    raw: &str,
) -> Result<libertas_domain::justice::proceedings::ChargeId, Response> {
    let not_found = || error_page(t.lang, StatusCode::NOT_FOUND);
    let charge = charge_id(raw).map_err(|_| not_found())?;
    match state.store.charge_case(user.principal(), charge).await {
        Ok(c) if c == id => Ok(charge),
        Ok(_) => Err(not_found()),
        Err(e) => Err(page_error(t, e)),
    }
}

/// `POST /cases/{id}/charges/{charge}/hearings`.
#[tracing::instrument(skip_all)]
pub async fn hearing(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path((id, ch)): Path<(String, String)>,
    Form(f): Form<Pairs>,
) -> Response {
    let id = match open(&user, &method, &headers, &f, t, &id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let charge = match charge_of(&state, &user, t, id, &ch).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let new = match hearing_of(&f) {
        Ok(n) => n,
        Err(e) => return back(id, &e.field),
    };
    match state
        .store
        .add_hearing(
            user.principal(),
            id,
            Some(charge),
            &new,
            "page: record a hearing",
        )
        .await
    {
        Ok(_) => done(id, &format!("#charge-{charge}")),
        Err(e) => refused(t, id, e),
    }
}

fn hearing_of(f: &Pairs) -> Result<libertas_domain::justice::proceedings::NewHearing, FieldError> {
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
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<Pairs>,
) -> Response {
    let id = match open(&user, &method, &headers, &f, t, &id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let new = match hearing_of(&f) {
        Ok(n) => n,
        Err(e) => return back(id, &e.field),
    };
    match state
        .store
        .add_hearing(user.principal(), id, None, &new, "page: record a hearing")
        .await
    {
        Ok(_) => done(id, "#case-hearings"),
        Err(e) => refused(t, id, e),
    }
}

/// `POST /cases/{id}/charges/{charge}/verdict`.
#[tracing::instrument(skip_all)]
pub async fn verdict(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path((id, ch)): Path<(String, String)>,
    Form(f): Form<Pairs>,
) -> Response {
    let id = match open(&user, &method, &headers, &f, t, &id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let charge = match charge_of(&state, &user, t, id, &ch).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let body = NewVerdictJson {
        outcome: text(&f, "outcome"),
        date: text(&f, "date"),
    };
    let (outcome, date) = match body.parse(today()) {
        Ok(v) => v,
        Err(e) => return back(id, &e.field),
    };
    match state
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
    {
        Ok(_) => done(id, &format!("#charge-{charge}")),
        Err(e) => refused(t, id, e),
    }
}

/// `POST /cases/{id}/verdicts/{verdict}/sentence`: restitution comes as one
/// `restitution_<person id>` amount per victim (empty: none).
#[tracing::instrument(skip_all)]
pub async fn sentence(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path((id, vid)): Path<(String, String)>,
    Form(f): Form<Pairs>,
) -> Response {
    let id = match open(&user, &method, &headers, &f, t, &id) {
        Ok(id) => id,
        Err(r) => return *r,
    };
    let Ok(verdict) = verdict_id(&vid) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    match state.store.verdict_case(user.principal(), verdict).await {
        Ok(c) if c == id => {}
        Ok(_) => return error_page(t.lang, StatusCode::NOT_FOUND),
        Err(e) => return page_error(t, e),
    }
    let parsed = (|| -> Result<NewSentenceJson, FieldError> {
        let months = opt(&f, "prison_months")
            .map(|m| {
                m.parse::<i64>()
                    .map_err(|_| FieldError::new("prison_months", "must be a whole number"))
            })
            .transpose()?;
        let mut restitution = vec![];
        for (k, _) in &f {
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
            suspended: Some(value(&f, "suspended").is_some()),
            fine_amount: number(&f, "fine_amount")?,
            currency: opt(&f, "currency"),
            restitution: Some(restitution),
            date: opt(&f, "date"),
        })
    })();
    let (terms, date) = match parsed.and_then(|b| b.parse(today())) {
        Ok(v) => v,
        Err(e) => return back(id, &e.field),
    };
    match state
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
    {
        Ok(s) => done(id, &format!("#charge-{}", s.charge_id)),
        Err(e) => refused(t, id, e),
    }
}
