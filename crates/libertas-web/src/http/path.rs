//! Typed ids in paths: pages answer a malformed id with the 404 page (`PathId`), the API with
//! its 400 naming the field (`ApiPathId`, `ApiPathIds`), each id kind with its own message.

use crate::i18n::{lang_of, Tr};
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use std::str::FromStr;

use super::error::ApiError;
use super::page::PageError;
use libertas_domain::care::{CareGoalId, CarePlanId, CareServiceId};
use libertas_domain::cases::referrals::{PartnerId, ReferralId};
use libertas_domain::cases::tasks::TaskId;
use libertas_domain::ids::{CaseId, PersonId, ReportId, UserId};
use libertas_domain::justice::evidence::EvidenceId;
use libertas_domain::justice::proceedings::{ChargeId, VerdictId};

/// The one `{id}` of a page route, parsed as `T` (a case id, a partner id…). An id that does not
/// parse answers the 404 page, as a missing record does: a page never says an id was malformed.
pub struct PathId<T>(pub T);

impl<T, S> FromRequestParts<S> for PathId<T>
where
    T: FromStr + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let t = Tr {
            lang: lang_of(parts),
        };
        raw.parse()
            .map(PathId)
            .map_err(|_| PageError::not_found(t).into_response())
    }
}

/// Parses a case id from the path; a malformed id is a 400 naming `id`.
pub fn case_id(raw: &str) -> Result<CaseId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid("id", "must be a case id (a UUID)"))
}

/// An id kind as the API names it when the path holds a malformed one: the field of the 400
/// and its message. The answers are the ones each feature gave before the extractor existed.
pub trait ApiId: FromStr {
    /// The field a malformed id names when it is the route's `{id}`.
    const FIELD: &'static str = "id";
    /// The field named when it is the route's second id (`{id}/evidence/{eid}`).
    const SECOND_FIELD: &'static str = Self::FIELD;
    /// What the 400 says.
    const MESSAGE: &'static str;
}

impl ApiId for CaseId {
    const MESSAGE: &'static str = "must be a case id (a UUID)";
}

impl ApiId for UserId {
    const MESSAGE: &'static str = "must be a user id (a UUID)";
}

impl ApiId for PersonId {
    const SECOND_FIELD: &'static str = "person_id";
    const MESSAGE: &'static str = "must be a person id (a UUID)";
}

impl ApiId for ReportId {
    const MESSAGE: &'static str = "must be a report id (a UUID)";
}

impl ApiId for EvidenceId {
    const FIELD: &'static str = "evidence_id";
    const MESSAGE: &'static str = "must be an evidence id (a UUID)";
}

impl ApiId for ChargeId {
    const FIELD: &'static str = "charge_id";
    const MESSAGE: &'static str = "must be a charge id (a UUID)";
}

impl ApiId for VerdictId {
    const FIELD: &'static str = "verdict_id";
    const MESSAGE: &'static str = "must be a verdict id (a UUID)";
}

impl ApiId for PartnerId {
    const MESSAGE: &'static str = "must be an id (a UUID)";
}

impl ApiId for ReferralId {
    const MESSAGE: &'static str = "must be an id (a UUID)";
}

impl ApiId for CarePlanId {
    const MESSAGE: &'static str = "must be an id (a UUID)";
}

impl ApiId for CareGoalId {
    const MESSAGE: &'static str = "must be an id (a UUID)";
}

impl ApiId for CareServiceId {
    const MESSAGE: &'static str = "must be an id (a UUID)";
}

impl ApiId for libertas_domain::stats::estimate::EstimateId {
    const MESSAGE: &'static str = "must be an estimate id (a UUID)";
}

impl ApiId for TaskId {
    const MESSAGE: &'static str = "must be a task id (a UUID)";
}

impl ApiId for libertas_domain::ids::DedupeCandidateId {
    const MESSAGE: &'static str = "must be a duplicate candidate id (a UUID)";
}

impl ApiId for libertas_domain::ids::PersonMergeId {
    const MESSAGE: &'static str = "must be a merge id (a UUID)";
}

/// A record id the API has no kind name for yet (operations): the message says only "an id".
impl ApiId for uuid::Uuid {
    const MESSAGE: &'static str = "must be an id (a UUID)";
}

fn parse_api_id<T: ApiId>(raw: &str, field: &'static str) -> Result<T, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::invalid(field, T::MESSAGE))
}

/// The one `{id}` of an API route, parsed as `T`. A malformed id is the API's 400 naming
/// `T::FIELD` (usually `id`) with `T::MESSAGE`.
pub struct ApiPathId<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPathId<T>
where
    T: ApiId + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        parse_api_id(&raw, T::FIELD)
            .map(ApiPathId)
            .map_err(IntoResponse::into_response)
    }
}

/// The two ids of an API route such as `{id}/evidence/{eid}`, checked in order: a malformed
/// first id names `A::FIELD`, a malformed second one `B::SECOND_FIELD`.
pub struct ApiPathIds<A, B>(pub A, pub B);

impl<A, B, S> FromRequestParts<S> for ApiPathIds<A, B>
where
    A: ApiId + Send,
    B: ApiId + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path((a, b)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let parse = || {
            Ok(ApiPathIds(
                parse_api_id(&a, A::FIELD)?,
                parse_api_id(&b, B::SECOND_FIELD)?,
            ))
        };
        parse().map_err(|e: ApiError| e.into_response())
    }
}
