//! `GET /portal`: the signed-in supporter's page (contact details, e-mail preferences) and
//! its two forms, `POST /portal/details` (name, language) and `POST /portal/interests`.
//! Post/Redirect/Get; a refused form comes back with the error beside its field.

use super::{PortalForm, PortalUser};
use crate::http::PublicFrame as Frame;
use crate::http::{render, Fields};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::{Interest, SupporterName, SupporterRegion};
use libertas_store::supporters::PortalProfile;

#[derive(Template)]
#[template(path = "supporters/portal_home.html")]
pub struct HomePage {
    t: Tr,
    p: Frame,
    csrf: String,
    me: PortalProfile,
    language_name: String,
    /// "Saved" after a form went through.
    notice: Option<String>,
    error: Option<String>,
    /// The field in error and its message.
    invalid: Option<(&'static str, String)>,
    /// What the forms show: as saved, or as typed when refused.
    name: String,
    language: String,
    chosen: Vec<String>,
    region: String,
    interests: Vec<&'static str>,
    languages: Vec<(&'static str, &'static str)>,
}

impl HomePage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.invalid
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn chose(&self, interest: &&str) -> bool {
        self.chosen.iter().any(|i| i == interest)
    }

    pub fn subscribed(&self) -> bool {
        self.me.status == "subscribed" && !self.me.interests.is_empty()
    }
}

#[derive(serde::Deserialize, Default)]
pub struct HomeQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// What was typed into a refused form, to show again.
struct Typed {
    name: Option<String>,
    language: Option<String>,
    chosen: Option<Vec<String>>,
    region: Option<String>,
}

async fn page(
    state: &AppState,
    t: Tr,
    user: &PortalUser,
    status: StatusCode,
    notice: Option<String>,
    invalid: Option<(&'static str, String)>,
    typed: Typed,
) -> Response {
    let me = match state.store.portal_profile(&user.session).await {
        Ok(me) => me,
        Err(e) => return crate::http::ApiError::from(e).into_response(),
    };
    let language_name = Lang::from_code(&me.language)
        .map(|l| l.native_name().to_owned())
        .unwrap_or_default();
    let page = HomePage {
        t,
        p: Frame::new(t, &state.config, "/portal"),
        csrf: user.session.csrf().to_owned(),
        error: invalid.as_ref().map(|_| t.get("portal-error-summary")),
        invalid,
        notice,
        name: typed
            .name
            .unwrap_or_else(|| me.name.clone().unwrap_or_default()),
        language: typed.language.unwrap_or_else(|| me.language.clone()),
        chosen: typed.chosen.unwrap_or_else(|| me.interests.clone()),
        region: typed
            .region
            .unwrap_or_else(|| me.region.clone().unwrap_or_default()),
        language_name,
        me,
        interests: Interest::ALL.iter().map(|i| i.as_str()).collect(),
        languages: Lang::ALL
            .iter()
            .map(|l| (l.code(), l.native_name()))
            .collect(),
    };
    render(status, &page)
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PortalUser,
    Query(q): Query<HomeQuery>,
) -> Response {
    let notice = match q.saved.as_deref() {
        Some("details") => Some(t.get("portal-details-saved")),
        Some("interests") => Some(t.get("portal-interests-saved")),
        _ => None,
    };
    let typed = Typed {
        name: None,
        language: None,
        chosen: None,
        region: None,
    };
    page(&state, t, &user, StatusCode::OK, notice, None, typed).await
}

fn saved(t: Tr, what: &str) -> Response {
    Redirect::to(&format!("/portal?lang={}&saved={what}", t.code())).into_response()
}

#[tracing::instrument(skip_all)]
pub async fn details(
    State(state): State<AppState>,
    t: Tr,
    PortalForm(user, f): PortalForm,
) -> Response {
    let name = f.text("name");
    let language = f.text("language");
    let parsed_name = if name.trim().is_empty() {
        Ok(None)
    } else {
        SupporterName::parse(&name).map(Some)
    };
    let lang = Lang::from_code(&language);
    let (parsed_name, lang) = match (parsed_name, lang) {
        (Ok(n), Some(l)) => (n, l),
        (n, _) => {
            let field = if n.is_err() { "name" } else { "language" };
            let invalid = Some((field, t.get(&format!("portal-error-{field}"))));
            let typed = Typed {
                name: Some(name),
                language: Some(language),
                chosen: None,
                region: None,
            };
            return page(
                &state,
                t,
                &user,
                StatusCode::BAD_REQUEST,
                None,
                invalid,
                typed,
            )
            .await;
        }
    };
    match state
        .store
        .portal_update_details(&user.session, parsed_name.as_ref(), lang)
        .await
    {
        Ok(()) => saved(t, "details"),
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}

/// The interests and region of the form, or the field at fault. The region counts only
/// with events, and is required with them (as on the sign-up form).
#[allow(clippy::type_complexity)]
fn read_interests(f: &Fields) -> Result<(Vec<Interest>, Option<SupporterRegion>), &'static str> {
    let mut chosen = Vec::new();
    for raw in f.all("interests") {
        let i = Interest::parse(raw).map_err(|_| "interests")?;
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    let region = if chosen.contains(&Interest::Events) {
        Some(SupporterRegion::parse(&f.text("region")).map_err(|_| "region")?)
    } else {
        None
    };
    Ok((chosen, region))
}

#[tracing::instrument(skip_all)]
pub async fn interests(
    State(state): State<AppState>,
    t: Tr,
    PortalForm(user, f): PortalForm,
) -> Response {
    match read_interests(&f) {
        Ok((chosen, region)) => match state
            .store
            .portal_update_interests(&user.session, &chosen, region.as_ref())
            .await
        {
            Ok(()) => saved(t, "interests"),
            Err(e) => crate::http::ApiError::from(e).into_response(),
        },
        Err(field) => {
            let typed = Typed {
                name: None,
                language: None,
                chosen: Some(f.texts("interests")),
                region: Some(f.text("region")),
            };
            let invalid = Some((field, t.get(&format!("portal-error-{field}"))));
            page(
                &state,
                t,
                &user,
                StatusCode::BAD_REQUEST,
                None,
                invalid,
                typed,
            )
            .await
        }
    }
}
