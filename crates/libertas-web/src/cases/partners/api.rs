//! `/api/v1/partners`: the partner directory. Staff who work cases read it; administrators
//! add, change, deactivate and reactivate partners.

use crate::http::input::{given, uuid};
use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::http::ApiQuery;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::referrals::{
    HelpKind, HowToRefer, NewPartner, PartnerArea, PartnerContact, PartnerId, PartnerName,
};
use libertas_domain::ids::OrgId;
use libertas_domain::text::clean_text;
use libertas_domain::FieldError;
use libertas_store::cases::{PartnerFilter, PartnerView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Checks a record id from the path (partners, referrals, operations): a malformed one is a
/// 400 naming `id`.
pub(crate) fn path_id(raw: &str) -> Result<String, ApiError> {
    uuid::Uuid::parse_str(raw)
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| ApiError::invalid("id", "must be an id (a UUID)"))
}

/// Parses a partner id from the path of a directory page (a malformed one is theirs to answer).
pub(crate) fn partner_id(raw: &str) -> Result<PartnerId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", "must be an id (a UUID)"))
}

/// A partner service in the directory.
#[derive(Serialize, ToSchema)]
pub struct PartnerJson {
    #[schema(format = "uuid")]
    pub id: String,
    pub name: String,
    /// Kinds of help: shelter, medical, legal, counselling, education, livelihood,
    /// repatriation, child_protection, other.
    pub kinds: Vec<String>,
    pub area: String,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    pub how_to_refer: String,
    pub contact: String,
    /// The organisation on this Libertas that receives referrals to this partner.
    pub linked_org_id: Option<String>,
    pub linked_org_name: Option<String>,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl From<PartnerView> for PartnerJson {
    fn from(v: PartnerView) -> Self {
        Self {
            id: v.id.to_string(),
            name: v.name,
            kinds: v.kinds,
            area: v.area,
            languages: v.languages,
            how_to_refer: v.how_to_refer,
            contact: v.contact,
            linked_org_id: v.linked_org_id,
            linked_org_name: v.linked_org_name,
            active: v.active,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

/// The directory.
#[derive(Serialize, ToSchema)]
pub struct PartnerListJson {
    pub partners: Vec<PartnerJson>,
}

/// A partner as an administrator enters it (create and full replace).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PartnerInput {
    #[schema(schema_with = schema::text::<PartnerName>)]
    pub name: String,
    /// Kinds of help, 1 to 50 (a kind given twice counts once).
    #[schema(schema_with = schema::code_items::<HelpKind, 1, 50>)]
    pub kinds: Vec<String>,
    #[schema(schema_with = schema::text::<PartnerArea>)]
    pub area: String,
    /// ISO 639-1 codes in lowercase, 1 to 30.
    #[schema(schema_with = schema::language_pairs::<1, MAX_LANGUAGES>)]
    pub languages: Vec<String>,
    #[schema(schema_with = schema::text::<HowToRefer>)]
    pub how_to_refer: String,
    #[schema(schema_with = schema::text::<PartnerContact>)]
    pub contact: String,
    /// An organisation on this Libertas (its id), when the partner uses it too (else 400
    /// naming `linked_org_id`).
    #[schema(schema_with = schema::blank_or_uuid)]
    pub linked_org_id: Option<String>,
}

/// The most languages a partner lists.
const MAX_LANGUAGES: usize = 30;

/// An ISO 639-1 code exactly as the document states it: two lowercase letters.
pub(crate) fn language_pair(field: &str, raw: &str) -> Result<String, FieldError> {
    if raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(raw.to_owned())
    } else {
        Err(FieldError::new(
            field,
            "must be a two-letter ISO 639-1 code in lowercase, such as ro or en",
        ))
    }
}

impl PartnerInput {
    /// As the API document states it: `parse`, with languages written exactly as codes and at
    /// most [`MAX_LANGUAGES`] of them. (The administrators' form, which takes what people type,
    /// calls `parse` alone: the domain lowercases and trims.)
    pub fn parse_api(&self) -> Result<(NewPartner, Option<OrgId>), FieldError> {
        if self.languages.len() > MAX_LANGUAGES {
            return Err(FieldError::new(
                "languages",
                format!("must hold at most {MAX_LANGUAGES} languages"),
            ));
        }
        for (i, l) in self.languages.iter().enumerate() {
            language_pair(&format!("languages[{i}]"), l)?;
        }
        self.parse()
    }

    pub fn parse(&self) -> Result<(NewPartner, Option<OrgId>), FieldError> {
        let new = NewPartner::parse(
            &self.name,
            &self.kinds,
            &self.area,
            &self.languages,
            &self.how_to_refer,
            &self.contact,
        )?;
        let linked = given(&self.linked_org_id)
            .map(|raw| uuid("linked_org_id", raw, "an organisation id").map(OrgId::from_uuid))
            .transpose()?;
        Ok((new, linked))
    }
}

/// Directory filters: all optional; blank counts as not given.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct PartnerQuery {
    /// A kind of help.
    #[param(schema_with = schema::blank_or_code::<HelpKind>)]
    pub kind: Option<String>,
    /// Part of the area served (case-insensitive), at most 200 characters.
    #[param(schema_with = schema::line_opt::<0, 200>)]
    pub area: Option<String>,
    /// A two-letter ISO 639-1 language code in lowercase.
    #[param(schema_with = schema::blank_or_language_pair)]
    pub language: Option<String>,
    /// Also list deactivated partners.
    pub include_inactive: Option<bool>,
}

impl PartnerQuery {
    pub fn parse(&self) -> Result<PartnerFilter, FieldError> {
        let area = self
            .area
            .as_deref()
            .map(|a| clean_text("area", a, 0, 200, false))
            .transpose()?
            .filter(|a| !a.is_empty());
        Ok(PartnerFilter {
            kind: given(&self.kind).map(HelpKind::parse).transpose()?,
            area,
            language: given(&self.language)
                .map(|l| language_pair("language", l))
                .transpose()?,
            include_inactive: self.include_inactive.unwrap_or(false),
        })
    }
}

/// The partner directory of the caller's organisation.
#[utoipa::path(get, path = "/api/v1/partners", tag = "partners", params(PartnerQuery),
    responses((status = 200, body = PartnerListJson), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<PartnerQuery>,
) -> Result<Json<PartnerListJson>, ApiError> {
    let filter = q.parse()?;
    let list = state.store.partners(&p, &filter).await?;
    Ok(Json(PartnerListJson {
        partners: list.into_iter().map(Into::into).collect(),
    }))
}

/// One partner of the directory.
#[utoipa::path(get, path = "/api/v1/partners/{id}", tag = "partners",
    params(("id" = String, Path, description = "partner id")),
    responses((status = 200, body = PartnerJson), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<PartnerId>,
) -> Result<Json<PartnerJson>, ApiError> {
    let v = state.store.partner(&p, id).await?;
    Ok(Json(v.into()))
}

/// Adds a partner to the directory (administrators). 400 naming `linked_org_id` when no
/// organisation on this Libertas has that id.
#[utoipa::path(post, path = "/api/v1/partners", tag = "partners", request_body = PartnerInput,
    responses((status = 201, body = PartnerJson), (status = 400), (status = 401), (status = 403)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiJson(body): ApiJson<PartnerInput>,
) -> Result<Response, ApiError> {
    let (new, linked) = body.parse_api()?;
    let v = state
        .store
        .create_partner(&p, &new, linked, "api: add a partner")
        .await?;
    Ok((StatusCode::CREATED, Json(PartnerJson::from(v))).into_response())
}

/// Replaces a partner's details (administrators). 400 naming `linked_org_id` when no
/// organisation on this Libertas has that id.
#[utoipa::path(put, path = "/api/v1/partners/{id}", tag = "partners", request_body = PartnerInput,
    params(("id" = String, Path, description = "partner id")),
    responses((status = 200, body = PartnerJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn update(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<PartnerId>,
    ApiJson(body): ApiJson<PartnerInput>,
) -> Result<Json<PartnerJson>, ApiError> {
    let (new, linked) = body.parse_api()?;
    let v = state
        .store
        .update_partner(&p, id, &new, linked, "api: change a partner")
        .await?;
    Ok(Json(v.into()))
}

/// Takes a partner out of the directory; referrals already made stay (administrators).
#[utoipa::path(post, path = "/api/v1/partners/{id}/deactivate", tag = "partners",
    params(("id" = String, Path, description = "partner id")),
    responses((status = 200, body = PartnerJson), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn deactivate(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<PartnerId>,
) -> Result<Json<PartnerJson>, ApiError> {
    let v = state
        .store
        .set_partner_active(&p, id, false, "api: deactivate a partner")
        .await?;
    Ok(Json(v.into()))
}

/// Puts a deactivated partner back in the directory (administrators).
#[utoipa::path(post, path = "/api/v1/partners/{id}/activate", tag = "partners",
    params(("id" = String, Path, description = "partner id")),
    responses((status = 200, body = PartnerJson), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn activate(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<PartnerId>,
) -> Result<Json<PartnerJson>, ApiError> {
    let v = state
        .store
        .set_partner_active(&p, id, true, "api: reactivate a partner")
        .await?;
    Ok(Json(v.into()))
}
