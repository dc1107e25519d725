//! The `training` feature's routes: training events and mentoring sessions of justice
//! professionals, as JSON (`/api/v1/trainings`, `/api/v1/mentoring`) and as the `/trainings`
//! pages (see the domain and store modules of the same name).

pub(crate) mod api;
mod forms;
mod pages;

use crate::http::{get, post, Routes};

pub fn router() -> Routes {
    Routes::new()
        .route("/api/v1/trainings", get(api::list).post(api::create))
        .route("/api/v1/trainings/{id}", get(api::get_one).put(api::update))
        .route(
            "/api/v1/mentoring",
            get(api::mentoring).post(api::add_mentoring),
        )
        .route("/trainings", get(pages::list).post(forms::create))
        .route("/trainings/mentoring", post(forms::add_mentoring))
        .route("/trainings/{id}", get(pages::show).post(forms::update))
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        api::create, api::list, api::get_one, api::update, api::add_mentoring, api::mentoring,
    ),
    components(schemas(
        api::ParticipantsJson, api::ParticipantTotalsJson, api::NewTrainingJson, api::TrainingJson, api::TotalsJson,
        api::TrainingListJson, api::NewMentoringJson, api::MentoringJson, api::MentoringListJson,
    )),
    tags((name = "training"))
)]
struct Doc;

/// This feature's part of the OpenAPI document.
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    <Doc as utoipa::OpenApi>::openapi()
}
