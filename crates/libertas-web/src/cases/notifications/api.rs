//! `/api/v1/cases/{id}/notifications`: anonymous duty-to-notify records (UK MS1 style) for
//! adults who do not consent to a referral.

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
use libertas_domain::cases::notifications::{
    notified_on, parse_exploitation, ExploitationRegion, ExploitationType, NewNotification,
};
use libertas_domain::ids::CaseId;
use libertas_domain::ids::PersonId;
use libertas_domain::FieldError;
use libertas_store::cases::NotificationView;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

/// A notification about a victim of the case. The person is named only so that Libertas can
/// take their gender, age band and nationality; nothing identifying is stored.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewNotificationJson {
    /// An adult victim of this case (else 400 naming `person_id`).
    #[schema(schema_with = schema::uuid)]
    pub person_id: String,
    /// 1 to 50 of sexual_exploitation, forced_labour, domestic_servitude, forced_criminality,
    /// forced_begging, forced_marriage, organ_removal, other (one given twice counts once).
    #[schema(schema_with = schema::code_items::<ExploitationType, 1, 50>)]
    pub exploitation_types: Vec<String>,
    /// Region (county, region or city) where the exploitation happened; never an address.
    #[schema(schema_with = schema::text::<ExploitationRegion>)]
    pub region: String,
    /// `YYYY-MM-DD`, default today, not in the future (else 400 naming `notified_on`).
    #[schema(schema_with = schema::blank_or_date)]
    pub notified_on: Option<String>,
}

impl NewNotificationJson {
    pub fn parse(&self, today: Date) -> Result<NewNotification, FieldError> {
        Ok(NewNotification {
            person: PersonId::from_uuid(uuid("person_id", &self.person_id, "a person id")?),
            types: parse_exploitation(&self.exploitation_types)?,
            region: ExploitationRegion::parse(&self.region)?,
            notified_on: notified_on(given(&self.notified_on), today)?,
        })
    }
}

/// One anonymous notification.
#[derive(Serialize, ToSchema)]
pub struct NotificationJson {
    #[schema(format = "uuid")]
    pub id: String,
    pub notified_on: String,
    /// HTCDS gender code, if known.
    pub gender: Option<String>,
    /// 18-24, 25-34, 35-44, 45-54, 55-64, 65+ or unknown.
    pub age_band: String,
    /// ISO 3166-1 alpha-2, if known.
    pub nationality: Option<String>,
    pub exploitation_types: Vec<String>,
    pub region: String,
    /// The notifying organisation.
    pub organisation: String,
    pub created_by: String,
    pub created_at: String,
}

impl From<NotificationView> for NotificationJson {
    fn from(v: NotificationView) -> Self {
        Self {
            id: v.id,
            notified_on: v.notified_on,
            gender: v.gender,
            age_band: v.age_band,
            nationality: v.nationality,
            exploitation_types: v.exploitation_types,
            region: v.region,
            organisation: v.organisation,
            created_by: v.created_by,
            created_at: v.created_at,
        }
    }
}

/// A case's notifications, newest first.
#[derive(Serialize, ToSchema)]
pub struct NotificationListJson {
    pub notifications: Vec<NotificationJson>,
}

/// Records an anonymous duty-to-notify record about an adult victim of the case. 400 naming
/// `person_id` when the person is not a victim of this case or is a child (children are
/// referred, not notified), or naming `notified_on` for a date after today.
#[utoipa::path(post, path = "/api/v1/cases/{id}/notifications", tag = "referrals", request_body = NewNotificationJson,
    params(("id" = String, Path, description = "case id")),
    responses((status = 201, body = NotificationJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
    ApiJson(body): ApiJson<NewNotificationJson>,
) -> Result<Response, ApiError> {
    let day = today();
    let n = body.parse(day)?;
    let v = state
        .store
        .add_notification(&p, case, &n, day, "api: duty to notify")
        .await?;
    Ok((StatusCode::CREATED, Json(NotificationJson::from(v))).into_response())
}

/// A case's duty-to-notify records.
#[utoipa::path(get, path = "/api/v1/cases/{id}/notifications", tag = "referrals",
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = NotificationListJson), (status = 400), (status = 401), (status = 403), (status = 404)),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(case): ApiPathId<CaseId>,
) -> Result<Json<NotificationListJson>, ApiError> {
    let list = state
        .store
        .notifications(&p, case, "api: list notifications")
        .await?;
    Ok(Json(NotificationListJson {
        notifications: list.into_iter().map(Into::into).collect(),
    }))
}
