//! `POST /api/v1/screenings`: the screening rules, computed only (nothing is stored).

use crate::http::ApiError;
use crate::http::ApiPrincipal;
use crate::http::ApiQuery;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use libertas_domain::admin::{Principal, Role};
use libertas_domain::i18n::Lang;
use libertas_domain::reports::screening::{
    parse_screening, render, screen, Act, BorderCrossing, Indicator, Jurisdiction, Means, Purpose,
    MAX_LIST_ITEMS,
};
use serde::Deserialize;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};

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

/// The law and the language of a screening's reasons (both routes that screen).
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ScreeningQuery {
    /// `palermo` or `uk`: the law the reasons are written against (default: the
    /// deployment's).
    #[param(schema_with = law_schema)]
    pub law: Option<String>,
    /// `en` or `ro`: the language of the reasons (default: the caller's).
    #[param(schema_with = lang_schema)]
    pub lang: Option<String>,
}

fn law_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(["palermo", "uk"]))
        .into()
}

fn lang_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(Lang::ALL.iter().map(|l| l.as_str())))
        .into()
}

/// The language named in a request, or `default`; a code that is not one of ours (exactly)
/// is refused naming `lang`, never quietly replaced.
pub fn lang_of(raw: Option<&str>, default: Lang) -> Result<Lang, ApiError> {
    match raw {
        None => Ok(default),
        Some(code) => Lang::ALL
            .into_iter()
            .find(|l| l.as_str() == code)
            .ok_or_else(|| ApiError::invalid("lang", "must be one of en, ro, uk, ru")),
    }
}

/// The screening input as the document states it: what `parse_screening` accepts (each list
/// may repeat a code and holds at most [`MAX_LIST_ITEMS`]; `null` means not known).
pub struct ScreeningInputJson;

impl utoipa::PartialSchema for ScreeningInputJson {
    fn schema() -> RefOr<Schema> {
        fn nullable(t: Type) -> SchemaType {
            SchemaType::from_iter([t, Type::Null])
        }
        fn codes(all: Vec<&'static str>) -> ArrayBuilder {
            ArrayBuilder::new()
                .schema_type(nullable(Type::Array))
                .items(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some(all)),
                )
                .max_items(Some(MAX_LIST_ITEMS))
        }
        let flag = || ObjectBuilder::new().schema_type(nullable(Type::Boolean));
        let mut border: Vec<serde_json::Value> = BorderCrossing::ALL
            .iter()
            .map(|b| serde_json::Value::from(b.as_str()))
            .collect();
        border.push(serde_json::Value::Null);
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "Answers about one person's situation; every field may be left out or `null` \
                 (not known). A field may appear once.",
            ))
            .property(
                "age",
                ObjectBuilder::new()
                    .schema_type(nullable(Type::Integer))
                    .description(Some(
                        "Whole years, written without a fraction or an exponent (`30`, not \
                         `30.0`: the screening contract's rule).",
                    ))
                    .minimum(Some(0))
                    .maximum(Some(130)),
            )
            .property("acts", codes(Act::ALL.iter().map(|c| c.as_str()).collect()))
            .property(
                "means",
                codes(Means::ALL.iter().map(|c| c.as_str()).collect()),
            )
            .property(
                "purposes",
                codes(Purpose::ALL.iter().map(|c| c.as_str()).collect()),
            )
            .property(
                "indicators",
                codes(Indicator::ALL.iter().map(|c| c.as_str()).collect()),
            )
            .property(
                "border_crossing",
                ObjectBuilder::new()
                    .schema_type(nullable(Type::String))
                    .enum_values(Some(border)),
            )
            .property("paid_facilitator", flag())
            .property("free_on_arrival", flag())
            .property("consented", flag())
            .property("in_danger_now", flag())
            .into()
    }
}

impl utoipa::ToSchema for ScreeningInputJson {}

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
    request_body = ScreeningInputJson,
    responses((status = 200, description = "`{verdict, child, elements, smuggling, means_found, exploitation, urgent, reasons}`"), (status = 400), (status = 401), (status = 403), (status = 413), (status = 415)),
    security(("bearer" = [])))]
pub async fn compute(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    t: Tr,
    ApiQuery(q): ApiQuery<ScreeningQuery>,
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
    let lang = lang_of(q.lang.as_deref(), t.lang)?;
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
