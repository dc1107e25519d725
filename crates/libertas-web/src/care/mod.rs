//! The `care` feature's routes: care plans (goals, services, deliveries), consent records and
//! outcome assessments of a person, as JSON (`/api/v1/people/{id}/care-plans`, `…/consents`,
//! `…/assessments`, `/api/v1/care-plans/…`, `/api/v1/goals/…`, `/api/v1/services/…`) and as
//! the person's care page with the scores drawn as an SVG chart (see the domain and store
//! modules of the same name).

pub(crate) mod api;
mod chart;
pub(crate) mod closure;
mod forms;
mod pages;
pub(crate) mod plan_api;
mod plan_forms;
mod plan_json;
mod plan_page;

use crate::http::{get, post, Routes};

pub use api::{
    AssessmentJson, AssessmentListJson, ConsentJson, ConsentListJson, ConsentRecordJson,
    DomainInput, DomainScoreJson, DomainsInput, NewAssessmentJson, WithdrawJson,
};
pub use closure::{ClosureJson, NewClosureJson};

pub fn router() -> Routes {
    Routes::new()
        .route(
            "/api/v1/people/{id}/consents",
            get(api::consents).post(api::record_consent),
        )
        .route("/api/v1/people/{id}/consents/withdraw", post(api::withdraw))
        .route(
            "/api/v1/people/{id}/assessments",
            get(api::assessments).post(api::add_assessment),
        )
        .route(
            "/api/v1/people/{id}/care-closures",
            get(closure::list).post(closure::close),
        )
        .route("/people/{id}/care", get(pages::show))
        .route("/people/{id}/care/consents", post(forms::consent))
        .route("/people/{id}/care/consents/withdraw", post(forms::withdraw))
        .route("/people/{id}/care/assessments", post(forms::assessment))
        .route(
            "/api/v1/people/{id}/care-plans",
            get(plan_api::plans).post(plan_api::open_plan),
        )
        .route("/api/v1/care-plans/{id}", get(plan_api::plan))
        .route(
            "/api/v1/care-plans/{id}/goals",
            get(plan_api::goals).post(plan_api::add_goal),
        )
        .route(
            "/api/v1/care-plans/{id}/services",
            get(plan_api::services).post(plan_api::add_service),
        )
        .route("/api/v1/goals/{id}/status", post(plan_api::goal_status))
        .route(
            "/api/v1/services/{id}/status",
            post(plan_api::service_status),
        )
        .route(
            "/api/v1/services/{id}/deliveries",
            get(plan_api::deliveries).post(plan_api::add_delivery),
        )
        .route("/people/{id}/care/plans", post(plan_forms::open_plan))
        .route("/people/{id}/care/goals", post(plan_forms::add_goal))
        .route(
            "/people/{id}/care/goals/{goal}/status",
            post(plan_forms::goal_status),
        )
        .route("/people/{id}/care/services", post(plan_forms::add_service))
        .route(
            "/people/{id}/care/services/{service}/status",
            post(plan_forms::service_status),
        )
        .route(
            "/people/{id}/care/services/{service}/deliveries",
            post(plan_forms::add_delivery),
        )
}

/// The care-plan part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        plan_api::open_plan,
        plan_api::plans,
        plan_api::plan,
        plan_api::add_goal,
        plan_api::goals,
        plan_api::goal_status,
        plan_api::add_service,
        plan_api::services,
        plan_api::service_status,
        plan_api::add_delivery,
        plan_api::deliveries,
    ),
    components(schemas(
        plan_json::NewCarePlanJson,
        plan_json::NewGoalJson,
        plan_json::NewServiceJson,
        plan_json::GoalStatusJson,
        plan_json::ServiceStatusJson,
        plan_json::NewDeliveryJson,
        plan_json::GoalJson,
        plan_json::DeliveryJson,
        plan_json::ServiceJson,
        plan_json::CarePlanJson,
        plan_json::CarePlanListJson,
        plan_json::GoalListJson,
        plan_json::ServiceListJson,
        plan_json::DeliveryListJson,
    ))
)]
struct Doc;

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    <Doc as utoipa::OpenApi>::openapi()
}
