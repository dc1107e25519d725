//! The referrals page of a case (`/cases/{id}/referrals`): refer a person to a partner, the
//! referrals with their status and the actions the caller's side may take, and the
//! anonymous duty-to-notify records. `/referrals/incoming` is the receiving organisation's
//! list, where it accepts or rejects.

use super::case_id;
use super::partner_pages::{all, first, kind_labels, kind_options, Pairs};
use super::partners_api::path_id;
use super::referrals_api::{NewReferralJson, ReferralStatusJson};
use super::tasks::today;
use crate::http::page_error;
use crate::http::PageUser;
use crate::http::{error_page, render, short_time, Chrome};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_domain::cases::notifications::ExploitationType;
use libertas_domain::cases::referrals::ReferralStatus;
use libertas_domain::ids::CaseId;
use libertas_store::cases::{NotificationView, PartnerFilter, ReferralView};
use libertas_store::StoreError;

/// A referral ready for a table, with the actions the caller may take.
pub struct ReferralRow {
    pub id: String,
    pub person: String,
    pub birth_date: String,
    pub partner: String,
    pub from_org: String,
    pub kind: String,
    pub status: String,
    pub status_label: String,
    pub basis: String,
    pub services: String,
    pub note: String,
    pub sharing: bool,
    pub created: String,
    /// Accept or reject (the receiver, or the sender for a partner outside Libertas).
    pub can_answer: bool,
    pub can_done: bool,
    pub can_revoke: bool,
}

fn row(t: &Tr, v: &ReferralView) -> ReferralRow {
    let answers = v.incoming || v.to_org_id.is_none();
    ReferralRow {
        id: v.id.clone(),
        person: v
            .person_name
            .clone()
            .unwrap_or_else(|| t.get("referrals-not-shared")),
        birth_date: v.birth_date.clone().unwrap_or_default(),
        partner: v.partner_name.clone(),
        from_org: v.from_org.clone(),
        kind: t.get(&format!("referrals-type-{}", v.kind.as_str())),
        status: v.status.as_str().to_owned(),
        status_label: t.get(&format!("referrals-status-{}", v.status.as_str())),
        basis: v
            .basis
            .map(|b| t.get(&format!("referrals-basis-{}", b.as_str())))
            .unwrap_or_default(),
        services: kind_labels(t, &v.services),
        note: v.note.clone().unwrap_or_default(),
        sharing: v.sharing,
        created: short_time(&v.created_at),
        can_answer: answers && v.status == ReferralStatus::Requested,
        can_done: answers && v.status == ReferralStatus::Accepted,
        can_revoke: !v.incoming && v.status.can_move_to(ReferralStatus::Revoked),
    }
}

/// An anonymous notification for the table.
pub struct NotificationRow {
    pub on: String,
    pub gender: String,
    pub age_band: String,
    pub nationality: String,
    pub types: String,
    pub region: String,
}

fn notification_row(t: &Tr, n: &NotificationView) -> NotificationRow {
    NotificationRow {
        on: n.notified_on.clone(),
        gender: n.gender.clone().unwrap_or_else(|| "—".into()),
        age_band: n.age_band.clone(),
        nationality: n.nationality.clone().unwrap_or_else(|| "—".into()),
        types: n
            .exploitation_types
            .iter()
            .map(|c| t.get(&format!("referrals-exploitation-{c}")))
            .collect::<Vec<_>>()
            .join(", "),
        region: n.region.clone(),
    }
}

#[derive(Template)]
#[template(path = "cases/referrals.html")]
pub struct ReferralsPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub id: String,
    pub title: String,
    pub error: Option<String>,
    pub referrals: Vec<ReferralRow>,
    pub people: Vec<(String, String)>,
    pub victims: Vec<(String, String)>,
    pub partners: Vec<(String, String)>,
    pub kinds: Vec<(&'static str, String)>,
    pub exploitation: Vec<(&'static str, String)>,
    pub notifications: Vec<NotificationRow>,
}

#[derive(Template)]
#[template(path = "cases/incoming.html")]
pub struct IncomingPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub error: Option<String>,
    pub referrals: Vec<ReferralRow>,
}

/// `?error=FIELD` after a refused form: only a field name travels in the URL.
#[derive(serde::Deserialize)]
pub struct ErrorQuery {
    pub error: Option<String>,
}

pub(crate) fn error_text(t: &Tr, q: &ErrorQuery) -> Option<String> {
    q.error.as_deref().map(|f| {
        let f: String = f
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '[' | ']'))
            .take(64)
            .collect();
        t.arg("referrals-error-field", "field", &f)
    })
}

/// `GET /cases/{id}/referrals` (members of the case).
pub async fn page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    Query(q): Query<ErrorQuery>,
) -> Response {
    let Ok(id) = case_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let p = user.principal();
    let loaded = async {
        let case = state.store.get_case(p, id, "page: case referrals").await?;
        let people = state
            .store
            .case_people(p, id, "page: case referrals, people to refer")
            .await?;
        let partners = state.store.partners(p, &PartnerFilter::default()).await?;
        let refs = state
            .store
            .case_referrals(p, id, "page: case referrals")
            .await?;
        let notes = state
            .store
            .notifications(p, id, "page: case referrals, notifications")
            .await?;
        Ok::<_, StoreError>((case, people, partners, refs, notes))
    }
    .await;
    let (case, people, partners, refs, notes) = match loaded {
        Ok(x) => x,
        Err(e) => return page_error(t, e),
    };
    let name = |v: &libertas_store::people::PersonView| match (&v.given_name, &v.family_name) {
        (Some(g), Some(f)) => format!("{g} {f}"),
        _ => t.get("person-erased-short"),
    };
    let victims = people
        .iter()
        .filter(|v| v.cases.iter().any(|c| c.role == "victim"))
        .map(|v| (v.id.to_string(), name(v)))
        .collect();
    let page = ReferralsPage {
        chrome: Chrome::for_user(state.config.demo, p, user.csrf()),
        id: id.to_string(),
        title: case.title,
        error: error_text(&t, &q),
        referrals: refs.iter().map(|v| row(&t, v)).collect(),
        people: people.iter().map(|v| (v.id.to_string(), name(v))).collect(),
        victims,
        partners: partners.into_iter().map(|v| (v.id, v.name)).collect(),
        kinds: kind_options(&t),
        exploitation: ExploitationType::ALL
            .iter()
            .map(|e| {
                (
                    e.as_str(),
                    t.get(&format!("referrals-exploitation-{}", e.as_str())),
                )
            })
            .collect(),
        notifications: notes.iter().map(|n| notification_row(&t, n)).collect(),
        t,
    };
    render(StatusCode::OK, &page)
}

/// `GET /referrals/incoming`: referrals sent to the caller's organisation.
pub async fn incoming(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Query(q): Query<ErrorQuery>,
) -> Response {
    let p = user.principal();
    let list = match state
        .store
        .incoming_referrals(p, "page: incoming referrals")
        .await
    {
        Ok(v) => v,
        Err(e) => return page_error(t, e),
    };
    let page = IncomingPage {
        chrome: Chrome::for_user(state.config.demo, p, user.csrf()),
        error: error_text(&t, &q),
        referrals: list.iter().map(|v| row(&t, v)).collect(),
        t,
    };
    render(StatusCode::OK, &page)
}

#[allow(clippy::result_large_err)]
pub(super) fn start(
    user: &PageUser,
    t: Tr,
    method: &Method,
    headers: &HeaderMap,
    id: &str,
    f: &Pairs,
) -> Result<CaseId, Response> {
    user.0.check_form(method, headers, &first(f, "csrf"))?;
    case_id(id).map_err(|_| error_page(t.lang, StatusCode::NOT_FOUND))
}

pub(super) fn some(v: String) -> Option<String> {
    (!v.is_empty()).then_some(v)
}

/// `POST /cases/{id}/referrals`: refer a person; back to the page, naming a refused field.
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<Pairs>,
) -> Response {
    let case = match start(&user, t, &method, &headers, &id, &f) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let back = |field: &str| {
        Redirect::to(&format!("/cases/{case}/referrals?error={field}")).into_response()
    };
    let body = NewReferralJson {
        person_id: first(&f, "person_id"),
        partner_id: first(&f, "partner_id"),
        kind: some(first(&f, "kind")),
        services: all(&f, "services"),
        note: some(first(&f, "note")),
        child: Some(!first(&f, "child").is_empty()),
        override_reason: some(first(&f, "override_reason")),
        safeguarding_note: some(first(&f, "safeguarding_note")),
    };
    let new = match body.parse() {
        Ok(n) => n,
        Err(e) => return back(&e.field),
    };
    match state
        .store
        .create_referral(
            user.principal(),
            case,
            &new,
            today(),
            "page: refer a person",
        )
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{case}/referrals")).into_response(),
        Err(StoreError::Invalid(e)) => back(&e.field),
        Err(e) => page_error(t, e),
    }
}

/// `POST /referrals/{id}/status`: back to the case's referrals (sender) or to the incoming
/// list (receiver).
#[tracing::instrument(skip_all)]
pub async fn status(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<Pairs>,
) -> Response {
    if let Err(r) = user.0.check_form(&method, &headers, &first(&f, "csrf")) {
        return r;
    }
    let Ok(id) = path_id(&id) else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    let p = user.principal();
    let current = match state
        .store
        .referral_by_id(p, &id, "page: change a referral's status")
        .await
    {
        Ok(v) => v,
        Err(e) => return page_error(t, e),
    };
    let to = match &current.case_id {
        Some(c) if !current.incoming => format!("/cases/{c}/referrals"),
        _ => "/referrals/incoming".to_owned(),
    };
    let back = |field: &str| Redirect::to(&format!("{to}?error={field}")).into_response();
    let body = ReferralStatusJson {
        status: first(&f, "status"),
        reason: some(first(&f, "reason")),
    };
    let (next, why) = match body.parse() {
        Ok(x) => x,
        Err(e) => return back(&e.field),
    };
    match state
        .store
        .set_referral_status(
            p,
            &id,
            next,
            why.as_ref(),
            "page: change a referral's status",
        )
        .await
    {
        Ok(_) => Redirect::to(&to).into_response(),
        Err(e) => match e.field() {
            Some(f) => back(&f.field),
            None => page_error(t, e),
        },
    }
}
