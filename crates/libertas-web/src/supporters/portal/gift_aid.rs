//! `/portal/gift-aid`: the signed-in donor's Gift Aid declarations; making one (HMRC's
//! wording for all gifts shown, a box to tick confirming they are a UK taxpayer) and
//! cancelling one. Post/Redirect/Get; a refused form comes back with the error beside its
//! field (400). The store reaches only the session's supporter.

use super::{PortalForm, PortalUser};
use crate::http::render;
use crate::http::PublicFrame as Frame;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::supporters::gift_aid::{DeclarationId, Donor};
use libertas_store::supporters::gift_aid::DeclarationView;

#[derive(Template)]
#[template(path = "supporters/portal_gift_aid.html")]
pub struct GiftAidPage {
    t: Tr,
    p: Frame,
    csrf: String,
    declarations: Vec<DeclarationView>,
    wording: String,
    notice: Option<String>,
    invalid: Option<&'static str>,
    typed: Typed,
}

impl GiftAidPage {
    pub fn error_for(&self, field: &str) -> bool {
        self.invalid == Some(field)
    }

    pub fn in_force(&self) -> Option<&DeclarationView> {
        self.declarations.iter().find(|d| d.active())
    }
}

/// What the form shows: as typed when refused.
#[derive(Default)]
pub struct Typed {
    title: String,
    first_name: String,
    last_name: String,
    house: String,
    postcode: String,
    non_uk: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct GiftAidQuery {
    #[serde(default)]
    done: Option<String>,
}

async fn page(
    state: &AppState,
    t: Tr,
    user: &PortalUser,
    status: StatusCode,
    notice: Option<String>,
    invalid: Option<&'static str>,
    typed: Typed,
) -> Response {
    let declarations = match state.store.portal_gift_aid(&user.session).await {
        Ok(d) => d,
        Err(e) => return crate::http::ApiError::from(e).into_response(),
    };
    let wording = match state.store.portal_gift_aid_wording(&user.session).await {
        Ok(w) => w,
        Err(e) => return crate::http::ApiError::from(e).into_response(),
    };
    let page = GiftAidPage {
        t,
        p: Frame::new(t, &state.config, "/portal/gift-aid"),
        csrf: user.session.csrf().to_owned(),
        declarations,
        wording,
        notice,
        invalid,
        typed,
    };
    render(status, &page)
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PortalUser,
    Query(q): Query<GiftAidQuery>,
) -> Response {
    let notice = match q.done.as_deref() {
        Some("declared") => Some(t.get("portal-giftaid-declared")),
        Some("cancelled") => Some(t.get("portal-giftaid-cancelled")),
        _ => None,
    };
    page(
        &state,
        t,
        &user,
        StatusCode::OK,
        notice,
        None,
        Typed::default(),
    )
    .await
}

fn done(t: Tr, what: &str) -> Response {
    Redirect::to(&format!("/portal/gift-aid?lang={}&done={what}", t.code())).into_response()
}

/// The fields that name a field in error on this form.
const FIELDS: [&str; 6] = [
    "title",
    "first_name",
    "last_name",
    "house",
    "postcode",
    "taxpayer",
];

fn field_of(name: &str) -> &'static str {
    FIELDS
        .into_iter()
        .find(|f| *f == name)
        .unwrap_or("taxpayer")
}

#[tracing::instrument(skip_all)]
pub async fn declare(
    State(state): State<AppState>,
    t: Tr,
    PortalForm(user, f): PortalForm,
) -> Response {
    let typed = Typed {
        title: f.text("title"),
        first_name: f.text("first_name"),
        last_name: f.text("last_name"),
        house: f.text("house"),
        postcode: f.text("postcode"),
        non_uk: f.first("non_uk").is_some(),
    };
    let taxpayer = f.first("taxpayer").is_some();
    let refuse = |field: &str, typed: Typed| {
        let state = state.clone();
        let user = user.clone();
        let field = field_of(field);
        async move {
            page(
                &state,
                t,
                &user,
                StatusCode::BAD_REQUEST,
                None,
                Some(field),
                typed,
            )
            .await
        }
    };
    let donor = match Donor::parse(
        &typed.title,
        &typed.first_name,
        &typed.last_name,
        &typed.house,
        &typed.postcode,
        typed.non_uk,
    ) {
        Ok(d) => d,
        Err(e) => return refuse(&e.field, typed).await,
    };
    if !taxpayer {
        return refuse("taxpayer", typed).await;
    }
    match state
        .store
        .portal_declare_gift_aid(&user.session, donor, true)
        .await
    {
        Ok(_) => done(t, "declared"),
        Err(libertas_store::StoreError::Invalid(e)) => refuse(&e.field, typed).await,
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}

#[tracing::instrument(skip_all)]
pub async fn cancel(
    State(state): State<AppState>,
    t: Tr,
    Path(id): Path<String>,
    PortalForm(user, _f): PortalForm,
) -> Response {
    let Ok(id) = id.parse::<DeclarationId>() else {
        return crate::http::error_page(t.lang, StatusCode::NOT_FOUND);
    };
    match state.store.portal_cancel_gift_aid(&user.session, id).await {
        Ok(()) => done(t, "cancelled"),
        Err(libertas_store::StoreError::NotFound) => {
            crate::http::error_page(t.lang, StatusCode::NOT_FOUND)
        }
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}
