//! `/admin/partners`: administrators manage their organisation's partner directory — add a
//! partner, change one, take one out of the directory or put it back. The forms build the
//! same request type as the JSON API and answer with the field name when input is refused.

use super::api::{partner_id, PartnerInput};
use super::pages::{kind_options, partner_row, PartnerRow};
use crate::http::PageUser;
use crate::http::{render, Chrome, CsrfForm, Fields, OrPage, PageError, PageResult};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::admin::{Capability, Principal};
use libertas_store::cases::{PartnerFilter, PartnerView};
use libertas_store::StoreError;
use std::collections::HashMap;

/// What the partner form shows: the current values (empty for a new partner).
pub struct PartnerFormValues {
    pub action: String,
    pub name: String,
    pub kinds: Vec<String>,
    pub area: String,
    pub languages: String,
    pub how_to_refer: String,
    pub contact: String,
    pub linked_org_id: String,
}

impl PartnerFormValues {
    fn blank() -> Self {
        Self {
            action: "/admin/partners".into(),
            name: String::new(),
            kinds: vec![],
            area: String::new(),
            languages: String::new(),
            how_to_refer: String::new(),
            contact: String::new(),
            linked_org_id: String::new(),
        }
    }

    fn of(v: &PartnerView) -> Self {
        Self {
            action: format!("/admin/partners/{}", v.id),
            name: v.name.clone(),
            kinds: v.kinds.clone(),
            area: v.area.clone(),
            languages: v.languages.join(", "),
            how_to_refer: v.how_to_refer.clone(),
            contact: v.contact.clone(),
            linked_org_id: v.linked_org_id.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/partners.html")]
pub struct AdminPartnersPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub error: Option<String>,
    pub partners: Vec<PartnerRow>,
    pub kinds: Vec<(&'static str, String)>,
    pub orgs: Vec<(String, String)>,
    pub f: PartnerFormValues,
    /// Editing one partner (the page shows only the form).
    pub editing: bool,
}

fn is_admin(p: &Principal) -> bool {
    p.can(Capability::Administer)
}

fn error_text(t: &Tr, q: &HashMap<String, String>) -> Option<String> {
    q.get("error").map(|f| {
        let f: String = f
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '[' | ']'))
            .take(64)
            .collect();
        t.arg("referrals-error-field", "field", &f)
    })
}

/// The other organisations on this Libertas, for the "linked organisation" select.
async fn other_orgs(state: &AppState, p: &Principal) -> Result<Vec<(String, String)>, StoreError> {
    Ok(state
        .store
        .orgs(p)
        .await?
        .into_iter()
        .filter(|o| o.id != p.org_id)
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}

/// `GET /admin/partners`: every partner (active or not) and the form for a new one.
pub async fn list(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let p = user.principal();
    if !is_admin(p) {
        return Err(PageError::forbidden(t));
    }
    let filter = PartnerFilter {
        include_inactive: true,
        ..Default::default()
    };
    let loaded = async {
        Ok::<_, StoreError>((
            state.store.partners(p, &filter).await?,
            other_orgs(&state, p).await?,
        ))
    }
    .await;
    let (list, orgs) = loaded.or_page(t)?;
    let page = AdminPartnersPage {
        chrome,
        error: error_text(&t, &q),
        partners: list.iter().map(|v| partner_row(&t, v)).collect(),
        kinds: kind_options(&t),
        orgs,
        f: PartnerFormValues::blank(),
        editing: false,
        t,
    };
    Ok(render(StatusCode::OK, &page))
}

/// `GET /admin/partners/{id}`: the form to change one partner.
pub async fn edit(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let p = user.principal();
    if !is_admin(p) {
        return Err(PageError::forbidden(t));
    }
    let id = partner_id(&id).map_err(|_| PageError::not_found(t))?;
    let loaded = async {
        Ok::<_, StoreError>((
            state.store.partner(p, id).await?,
            other_orgs(&state, p).await?,
        ))
    }
    .await;
    let (v, orgs) = loaded.or_page(t)?;
    let page = AdminPartnersPage {
        chrome,
        error: error_text(&t, &q),
        partners: vec![],
        kinds: kind_options(&t),
        orgs,
        f: PartnerFormValues::of(&v),
        editing: true,
        t,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The request the JSON API would get, from the form's fields (trimmed).
fn input_of(f: &Fields) -> PartnerInput {
    PartnerInput {
        name: f.text("name"),
        kinds: f.texts("kinds"),
        area: f.text("area"),
        languages: f
            .text("languages")
            .split([',', ' '])
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        how_to_refer: f.text("how_to_refer"),
        contact: f.text("contact"),
        linked_org_id: Some(f.text("linked_org_id")),
    }
}

/// `POST /admin/partners`: adds a partner.
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let back = |field: &str| PageError::redirect(format!("/admin/partners?error={field}"));
    let (new, linked) = input_of(&f).parse().map_err(|e| back(&e.field))?;
    match state
        .store
        .create_partner(user.principal(), &new, linked, "page: add a partner")
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/partners").into_response()),
        Err(StoreError::Invalid(e)) => Err(back(&e.field)),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// `POST /admin/partners/{id}`: changes a partner.
#[tracing::instrument(skip_all)]
pub async fn update(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = partner_id(&id).map_err(|_| PageError::not_found(t))?;
    let back = |field: &str| PageError::redirect(format!("/admin/partners/{id}?error={field}"));
    let (new, linked) = input_of(&f).parse().map_err(|e| back(&e.field))?;
    match state
        .store
        .update_partner(user.principal(), id, &new, linked, "page: change a partner")
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/partners").into_response()),
        Err(StoreError::Invalid(e)) => Err(back(&e.field)),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// `POST /admin/partners/{id}/active`: `active=1` puts it back, anything else takes it out.
#[tracing::instrument(skip_all)]
pub async fn set_active(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = partner_id(&id).map_err(|_| PageError::not_found(t))?;
    let active = f.text("active") == "1";
    match state
        .store
        .set_partner_active(user.principal(), id, active, "page: (de)activate a partner")
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/partners").into_response()),
        Err(e) => Err(PageError::store(t, e)),
    }
}
