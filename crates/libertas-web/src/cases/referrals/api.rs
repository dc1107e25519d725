//! `/api/v1/cases/{id}/referrals`, `/api/v1/referrals/{id}` (and its status), and
//! `/api/v1/referrals/incoming`: referring a person of a case to a partner, and the
//! receiving organisation's view.

use crate::cases::tasks::api::today;
use crate::http::input::{given, uuid};
use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPrincipal;
use crate::json::ApiJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::cases::referrals::{
    parse_services, HelpKind, OverrideReason, ReferralKind, ReferralNote, ReferralStatus,
    SafeguardingNote, StatusReason,
};
use libertas_domain::cases::referrals::{NewReferral, PartnerId, ReferralId};
use libertas_domain::ids::CaseId;
use libertas_domain::ids::PersonId;
use libertas_domain::FieldError;
use libertas_store::cases::ReferralView;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A new referral or transfer of one person of the case.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewReferralJson {
    /// A person of this case (else 400 naming `person_id`).
    #[schema(schema_with = schema::uuid)]
    pub person_id: String,
    /// An active partner of your directory (else 400 naming `partner_id`).
    #[schema(schema_with = schema::uuid)]
    pub partner_id: String,
    /// `referral` (default) or `transfer`.
    #[schema(schema_with = schema::blank_or_code::<ReferralKind>)]
    pub kind: Option<String>,
    /// The help asked for: 1 to 50 kinds of help (a kind given twice counts once).
    #[schema(schema_with = schema::code_items::<HelpKind, 1, 50>)]
    pub services: Vec<String>,
    /// What the partner needs to know (shared with the partner).
    #[schema(schema_with = schema::blank_or_text::<ReferralNote>)]
    pub note: Option<String>,
    /// The person is a child although no birth date says so.
    pub child: Option<bool>,
    /// Why the data is shared without recorded consent: required for an adult who has not
    /// consented to data sharing (else 400 naming `override_reason`).
    #[schema(schema_with = schema::blank_or_text::<OverrideReason>)]
    pub override_reason: Option<String>,
    /// How the child is kept safe: required for a child (else 400 naming
    /// `safeguarding_note`).
    #[schema(schema_with = schema::blank_or_text::<SafeguardingNote>)]
    pub safeguarding_note: Option<String>,
}

fn opt<T>(
    v: &Option<String>,
    parse: impl Fn(&str) -> Result<T, FieldError>,
) -> Result<Option<T>, FieldError> {
    given(v).map(parse).transpose()
}

impl NewReferralJson {
    pub fn parse(&self) -> Result<NewReferral, FieldError> {
        let person = PersonId::from_uuid(uuid("person_id", &self.person_id, "a person id")?);
        let partner = uuid("partner_id", &self.partner_id, "a partner id")?;
        Ok(NewReferral {
            person,
            partner_id: PartnerId::from_uuid(partner),
            kind: opt(&self.kind, ReferralKind::parse)?.unwrap_or(ReferralKind::Referral),
            services: parse_services(&self.services)?,
            note: opt(&self.note, ReferralNote::parse)?,
            child: self.child.unwrap_or(false),
            override_reason: opt(&self.override_reason, OverrideReason::parse)?,
            safeguarding_note: opt(&self.safeguarding_note, SafeguardingNote::parse)?,
        })
    }
}

/// A referral as the caller's side sees it: the sender sees everything; the receiving
/// organisation sees only the person's name and birth date, the services and the note, and
/// those only while `sharing` is true.
#[derive(Serialize, ToSchema)]
pub struct ReferralJson {
    #[schema(format = "uuid")]
    pub id: String,
    /// True when you are the receiving organisation.
    pub incoming: bool,
    pub case_id: Option<String>,
    pub person_id: Option<String>,
    pub person_name: Option<String>,
    pub birth_date: Option<String>,
    pub partner_id: String,
    pub partner_name: String,
    /// The referring organisation.
    pub from_org: String,
    pub to_org_id: Option<String>,
    /// `referral` or `transfer`.
    pub kind: String,
    /// `requested`, `accepted`, `rejected`, `done` or `revoked`.
    pub status: String,
    /// `consent`, `override` or `child` (sender only).
    pub basis: Option<String>,
    pub services: Vec<String>,
    pub note: Option<String>,
    pub override_reason: Option<String>,
    pub safeguarding_note: Option<String>,
    pub status_reason: Option<String>,
    /// Whether the partner may see the person's data now (false once consent is withdrawn).
    pub sharing: bool,
    pub created_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<ReferralView> for ReferralJson {
    fn from(v: ReferralView) -> Self {
        Self {
            id: v.id.to_string(),
            incoming: v.incoming,
            case_id: v.case_id,
            person_id: v.person_id,
            person_name: v.person_name,
            birth_date: v.birth_date,
            partner_id: v.partner_id.to_string(),
            partner_name: v.partner_name,
            from_org: v.from_org,
            to_org_id: v.to_org_id,
            kind: v.kind.as_str().to_owned(),
            status: v.status.as_str().to_owned(),
            basis: v.basis.map(|b| b.as_str().to_owned()),
            services: v.services,
            note: v.note,
            override_reason: v.override_reason,
            safeguarding_note: v.safeguarding_note,
            status_reason: v.status_reason,
            sharing: v.sharing,
            created_by: v.created_by,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

/// A list of referrals, newest first.
#[derive(Serialize, ToSchema)]
pub struct ReferralListJson {
    pub referrals: Vec<ReferralJson>,
}

/// A status change: `accepted`, `rejected`, `done` or `revoked`; `reason` is required for
/// `rejected` and `revoked` (a blank reason counts as none).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ReferralStatusJson {
    pub status: String,
    pub reason: Option<String>,
}

/// The request rules of `ReferralStatusJson::parse`: one variant for the moves that need a
/// reason, one for those that take one optionally.
impl utoipa::PartialSchema for ReferralStatusJson {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        let status = |codes: &[&'static str]| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(codes.to_vec()))
        };
        OneOfBuilder::new()
            .description(Some(
                "A status change: `accepted` or `done` (a reason optional), `rejected` or \
                 `revoked` (a reason required). A blank reason counts as none.",
            ))
            .item(
                ObjectBuilder::new()
                    .property("status", status(&["accepted", "done"]))
                    .property("reason", schema::blank_or_text::<StatusReason>())
                    .required("status"),
            )
            .item(
                ObjectBuilder::new()
                    .property("status", status(&["rejected", "revoked"]))
                    .property("reason", schema::text::<StatusReason>())
                    .required("status")
                    .required("reason"),
            )
            .into()
    }
}

impl ToSchema for ReferralStatusJson {}

impl ReferralStatusJson {
    /// The new status and reason. `requested` is where a referral starts, never where it moves
    /// to; `rejected` and `revoked` need a reason.
    pub fn parse(&self) -> Result<(ReferralStatus, Option<StatusReason>), FieldError> {
        let next = ReferralStatus::parse(&self.status)?;
        if next == ReferralStatus::Requested {
            return Err(FieldError::new(
                "status",
                "must be one of accepted, rejected, done, revoked",
            ));
        }
        let why = opt(&self.reason, StatusReason::parse)?;
        if matches!(next, ReferralStatus::Rejected | ReferralStatus::Revoked) && why.is_none() {
            return Err(FieldError::new(
                "reason",
                "give the reason for this decision",
            ));
        }
        Ok((next, why))
    }
}

/// Refers a person of the case to a partner (members of the case). 400 naming the field when
/// the person is not in this case or was erased, the partner is not an active partner of your
/// directory, or the legal basis is missing: a child needs `safeguarding_note`; an adult who
/// has not consented to data sharing needs `override_reason`.
#[utoipa::path(post, path = "/api/v1/cases/{id}/referrals", tag = "referrals", request_body = NewReferralJson,
    params(("id" = String, Path, description = "case id")),
    responses((status = 201, body = ReferralJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewReferralJson>,
) -> Result<Response, ApiError> {
    let new = body.parse()?;
    let v = state
        .store
        .create_referral(&p, case, &new, today(), "api: refer a person")
        .await?;
    Ok((StatusCode::CREATED, Json(ReferralJson::from(v))).into_response())
}

/// The referrals of a case, newest first (members of the case).
#[utoipa::path(get, path = "/api/v1/cases/{id}/referrals", tag = "referrals",
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = ReferralListJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
) -> Result<Json<ReferralListJson>, ApiError> {
    let list = state
        .store
        .case_referrals(&p, case, "api: list a case's referrals")
        .await?;
    Ok(Json(ReferralListJson {
        referrals: list.into_iter().map(Into::into).collect(),
    }))
}

/// Referrals sent to your organisation by other organisations on this Libertas.
#[utoipa::path(get, path = "/api/v1/referrals/incoming", tag = "referrals",
    responses((status = 200, body = ReferralListJson), (status = 401), (status = 403)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn incoming(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
) -> Result<Json<ReferralListJson>, ApiError> {
    let list = state
        .store
        .incoming_referrals(&p, "api: incoming referrals")
        .await?;
    Ok(Json(ReferralListJson {
        referrals: list.into_iter().map(Into::into).collect(),
    }))
}

/// One referral, for the sending case's members or the receiving organisation.
#[utoipa::path(get, path = "/api/v1/referrals/{id}", tag = "referrals",
    params(("id" = String, Path, description = "referral id")),
    responses((status = 200, body = ReferralJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn get_one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<ReferralId>,
) -> Result<Json<ReferralJson>, ApiError> {
    let v = state
        .store
        .referral_by_id(&p, id, "api: read a referral")
        .await?;
    Ok(Json(v.into()))
}

/// Moves a referral on: the receiver accepts, rejects or marks done; the sender revokes (or
/// records the answers of a partner outside this Libertas). 403 for a move that is the other
/// side's to make; 409 for one the referral's current status does not allow (requested →
/// accepted | rejected | revoked, accepted → done | revoked) or when the person was erased.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/status", tag = "referrals", request_body = ReferralStatusJson,
    params(("id" = String, Path, description = "referral id")),
    responses((status = 200, body = ReferralJson), (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the move does not fit the referral's current status")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn set_status(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<ReferralId>,
    ApiJson(body): ApiJson<ReferralStatusJson>,
) -> Result<Json<ReferralJson>, ApiError> {
    let (next, why) = body.parse()?;
    let v = state
        .store
        .set_referral_status(
            &p,
            id,
            next,
            why.as_ref(),
            "api: change a referral's status",
        )
        .await?;
    Ok(Json(v.into()))
}
