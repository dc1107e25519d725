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
pub(crate) mod plan;
mod stories;

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
        .route("/people/{id}/care/stories", post(stories::create))
        .route("/people/{id}/care/stories/new", get(stories::new_form))
        .route("/people/{id}/care/stories/{story}", post(stories::edit))
        .route(
            "/people/{id}/care/stories/{story}/edit",
            get(stories::edit_form),
        )
        .route(
            "/people/{id}/care/stories/{story}/publish",
            post(stories::publish),
        )
        .route(
            "/people/{id}/care/stories/{story}/withdraw",
            post(stories::withdraw),
        )
        .route(
            "/api/v1/people/{id}/care-plans",
            get(plan::api::plans).post(plan::api::open_plan),
        )
        .route("/api/v1/care-plans/{id}", get(plan::api::plan))
        .route(
            "/api/v1/care-plans/{id}/goals",
            get(plan::api::goals).post(plan::api::add_goal),
        )
        .route(
            "/api/v1/care-plans/{id}/services",
            get(plan::api::services).post(plan::api::add_service),
        )
        .route("/api/v1/goals/{id}/status", post(plan::api::goal_status))
        .route(
            "/api/v1/services/{id}/status",
            post(plan::api::service_status),
        )
        .route(
            "/api/v1/services/{id}/deliveries",
            get(plan::api::deliveries).post(plan::api::add_delivery),
        )
        .route("/people/{id}/care/plans", post(plan::forms::open_plan))
        .route("/people/{id}/care/goals", post(plan::forms::add_goal))
        .route(
            "/people/{id}/care/goals/{goal}/status",
            post(plan::forms::goal_status),
        )
        .route("/people/{id}/care/services", post(plan::forms::add_service))
        .route(
            "/people/{id}/care/services/{service}/status",
            post(plan::forms::service_status),
        )
        .route(
            "/people/{id}/care/services/{service}/deliveries",
            post(plan::forms::add_delivery),
        )
}

/// The care-plan part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        plan::api::open_plan,
        plan::api::plans,
        plan::api::plan,
        plan::api::add_goal,
        plan::api::goals,
        plan::api::goal_status,
        plan::api::add_service,
        plan::api::services,
        plan::api::service_status,
        plan::api::add_delivery,
        plan::api::deliveries,
    ),
    components(schemas(
        plan::json::NewCarePlanJson,
        plan::json::NewGoalJson,
        plan::json::NewServiceJson,
        plan::json::GoalStatusJson,
        plan::json::ServiceStatusJson,
        plan::json::NewDeliveryJson,
        plan::json::GoalJson,
        plan::json::DeliveryJson,
        plan::json::ServiceJson,
        plan::json::CarePlanJson,
        plan::json::CarePlanListJson,
        plan::json::GoalListJson,
        plan::json::ServiceListJson,
        plan::json::DeliveryListJson,
    ))
)]
struct Doc;

/// Routes documented apart from the main list in `openapi.rs` (merged into the document).
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    <Doc as utoipa::OpenApi>::openapi()
}
