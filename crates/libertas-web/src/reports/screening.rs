//! `POST /api/v1/screenings`: the screening rules, computed only (nothing is stored).

use crate::auth::ApiPrincipal;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::Json;
use libertas_domain::admin::{Principal, Role};
use libertas_domain::reports::screening::{parse_screening, render, screen, Jurisdiction};
use serde::Deserialize;

/// Roles that screen: hotline, caseworker, investigator, legal, admin.
pub fn require_screening(p: &Principal) -> Result<(), ApiError> {
    if matches!(
        p.role,
        Role::Hotline | Role::Caseworker | Role::Investigator | Role::Legal | Role::Admin
    ) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ScreeningQuery {
    /// `palermo` (default) or `uk`: the law the reasons are written against.
    law: Option<String>,
    /// `en` or `ro`: the language of the reasons.
    lang: Option<String>,
}

/// The screening result as JSON (the same as `libertas screen` prints), or a 400 naming the
/// field.
pub fn screening_json(
    body: &[u8],
    law: Jurisdiction,
    lang: libertas_domain::i18n::Lang,
) -> Result<serde_json::Value, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::BadRequest("the request body is not valid UTF-8".into()))?;
    let input = parse_screening(text).map_err(|e| match e.field() {
        Some(f) => ApiError::invalid(f, e.message()),
        None => ApiError::BadRequest(e.message()),
    })?;
    Ok(render(&screen(&input, law), lang).to_json())
}

/// Applies the legal definition (Palermo Protocol art. 3) and the ILO indicators to answers.
#[utoipa::path(post, path = "/api/v1/screenings", tag = "reports", params(ScreeningQuery),
    request_body(content = Object, description = "`{age?, acts?, means?, purposes?, indicators?, border_crossing?, paid_facilitator?, free_on_arrival?, consented?, in_danger_now?}`"),
    responses((status = 200, description = "`{verdict, child, elements, smuggling, means_found, exploitation, urgent, reasons}`"), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn compute(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    t: Tr,
    Query(q): Query<ScreeningQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    require_screening(&p)?;
    let json_body = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .eq_ignore_ascii_case("application/json")
        });
    if !json_body {
        return Err(ApiError::UnsupportedMediaType);
    }
    let law = law_of(q.law.as_deref(), state.config.screening_law)?;
    let lang = q
        .lang
        .as_deref()
        .and_then(libertas_domain::i18n::Lang::from_code)
        .unwrap_or(t.lang);
    screening_json(&body, law, lang).map(Json)
}

/// The law named in a request, or the deployment's default.
pub fn law_of(raw: Option<&str>, default: Jurisdiction) -> Result<Jurisdiction, ApiError> {
    match raw {
        None => Ok(default),
        Some("palermo") => Ok(Jurisdiction::Palermo),
        Some("uk") => Ok(Jurisdiction::UkModernSlaveryAct),
        Some(_) => Err(ApiError::invalid("law", "must be palermo or uk")),
    }
}
