//! The referrals page of a case (`/cases/{id}/referrals`): refer a person to a partner, the
//! referrals with their status and the actions the caller's side may take, and the
//! anonymous duty-to-notify records. `/referrals/incoming` is the receiving organisation's
//! list (`lists.rs`), where it accepts or rejects.

use crate::cases::partners::pages::{kind_labels, kind_options};
use crate::cases::referrals::api::{NewReferralJson, ReferralStatusJson};
use crate::cases::tasks::api::today;
use crate::http::{
    render, Chrome, CsrfForm, Fields, OrPage, PageError, PageResult, PageUser, PathId,
};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::cases::notifications::ExploitationType;
use libertas_domain::cases::referrals::{ReferralId, ReferralStatus};
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
    /// The stored UTC time; the page shows it with `Tr::datetime`.
    pub created: String,
    /// Accept or reject (the receiver, or the sender for a partner outside Libertas).
    pub can_answer: bool,
    pub can_done: bool,
    pub can_revoke: bool,
}

pub(super) fn row(t: &Tr, v: &ReferralView) -> ReferralRow {
    let answers = v.incoming || v.to_org_id.is_none();
    ReferralRow {
        id: v.id.to_string(),
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
        created: v.created_at.clone(),
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
        gender: n
            .gender
            .as_deref()
            .map_or_else(|| "—".into(), |g| t.label("gender", g)),
        age_band: n.age_band.clone(),
        nationality: n
            .nationality
            .as_deref()
            .map_or_else(|| "—".into(), |c| t.label("country", c)),
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
    chrome: Chrome,
    PathId(id): PathId<CaseId>,
    crate::http::PageQuery(q): crate::http::PageQuery<ErrorQuery>,
) -> PageResult {
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
    let (case, people, partners, refs, notes) = loaded.or_page(t)?;
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
        chrome,
        id: id.to_string(),
        title: case.title,
        error: error_text(&t, &q),
        referrals: refs.iter().map(|v| row(&t, v)).collect(),
        people: people.iter().map(|v| (v.id.to_string(), name(v))).collect(),
        victims,
        partners: partners
            .into_iter()
            .map(|v| (v.id.to_string(), v.name))
            .collect(),
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
    Ok(render(StatusCode::OK, &page))
}

pub(crate) fn some(v: String) -> Option<String> {
    (!v.is_empty()).then_some(v)
}

/// `POST /cases/{id}/referrals`: refer a person; back to the page, naming a refused field.
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(case): PathId<CaseId>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let back = |field: &str| PageError::redirect(format!("/cases/{case}/referrals?error={field}"));
    let body = NewReferralJson {
        person_id: f.text("person_id"),
        partner_id: f.text("partner_id"),
        kind: some(f.text("kind")),
        services: f.texts("services"),
        note: some(f.text("note")),
        child: Some(!f.text("child").is_empty()),
        override_reason: some(f.text("override_reason")),
        safeguarding_note: some(f.text("safeguarding_note")),
    };
    let new = body.parse().map_err(|e| back(&e.field))?;
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
        Ok(_) => Ok(Redirect::to(&format!("/cases/{case}/referrals")).into_response()),
        Err(StoreError::Invalid(e)) => Err(back(&e.field)),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// `POST /referrals/{id}/status`: back to the case's referrals (sender) or to the incoming
/// list (receiver).
#[tracing::instrument(skip_all)]
pub async fn status(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    // A malformed referral id is the 404 page.
    let id: ReferralId = id.parse().map_err(|_| PageError::not_found(t))?;
    let p = user.principal();
    let current = state
        .store
        .referral_by_id(p, id, "page: change a referral's status")
        .await
        .or_page(t)?;
    let to = match &current.case_id {
        Some(c) if !current.incoming => format!("/cases/{c}/referrals"),
        _ => "/referrals/incoming".to_owned(),
    };
    let back = |field: &str| PageError::redirect(format!("{to}?error={field}"));
    let body = ReferralStatusJson {
        status: f.text("status"),
        reason: some(f.text("reason")),
    };
    let (next, why) = body.parse().map_err(|e| back(&e.field))?;
    match state
        .store
        .set_referral_status(
            p,
            id,
            next,
            why.as_ref(),
            "page: change a referral's status",
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&to).into_response()),
        Err(e) => match e.field() {
            Some(f) => Err(back(&f.field)),
            None => Err(PageError::store(t, e)),
        },
    }
}
