//! Taking a report and releasing it: the report page's form and
//! `POST /api/v1/reports/{id}/assignee`.
//!
//! Taking over (or releasing) a report another operator holds needs a second step: the page
//! answers a confirmation page whose form sends `confirm=yes`; the API a 409 naming
//! `assignee` until the body says `"replace": true`. Without it nothing changes.

use super::report::report_page;
use crate::http::{
    render, ApiError, ApiPathId, ApiPrincipal, Chrome, CsrfForm, Fields, PageError, PageResult,
    PageUser,
};
use crate::i18n::Tr;
use crate::json::ApiJson;
use crate::reports::report_id;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use libertas_domain::ids::ReportId;
use libertas_store::reports::Assignment;
use libertas_store::StoreError;
use serde::Deserialize;
use utoipa::ToSchema;

/// A hidden field the confirmation form sends back.
pub struct Hidden {
    pub name: &'static str,
    pub value: String,
}

/// "Are you sure?": the second step of a change that is easy to regret, without JavaScript.
/// The form posts `fields` again with `confirm=yes`; "cancel" goes back to `back`.
#[derive(Template)]
#[template(path = "reports/confirm.html")]
pub struct ConfirmPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub heading: String,
    pub text: String,
    pub action: String,
    pub fields: Vec<Hidden>,
    pub submit: String,
    pub back: String,
}

/// `POST /reports/{id}/assignee` with `action=take|release` (and `confirm=yes` to take over
/// from, or release for, someone else).
pub async fn set(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let id = report_id(&id).map_err(|_| PageError::not_found(t))?;
    let Some(what) = f.filled("action").and_then(Assignment::parse) else {
        let msg = Some(t.get("reports-move-invalid"));
        return report_page(&state, t, &user, id, StatusCode::BAD_REQUEST, msg).await;
    };
    let confirmed = f.filled("confirm") == Some("yes");
    match state
        .store
        .assign_report(user.principal(), id, what, confirmed)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/reports/{id}")).into_response()),
        Err(StoreError::Conflicting(e)) if e.field == "assignee" => {
            confirm_take_over(&state, t, &user, id, what).await
        }
        Err(StoreError::Conflicting(_)) => {
            let msg = Some(t.get("reports-take-ended"));
            report_page(&state, t, &user, id, StatusCode::CONFLICT, msg).await
        }
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// The confirmation page for taking over (or releasing) a report someone else holds.
async fn confirm_take_over(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    id: ReportId,
    what: Assignment,
) -> PageResult {
    let s = state
        .store
        .report_summary(user.principal(), id)
        .await
        .map_err(|e| PageError::store(t, e))?;
    let holder = s.assignee.unwrap_or_default();
    let (heading, submit) = match what {
        Assignment::Take => ("reports-take-over-heading", "reports-take-over-confirm"),
        Assignment::Release => (
            "reports-release-other-heading",
            "reports-release-other-confirm",
        ),
    };
    let text = libertas_domain::i18n::t_args(
        t.lang,
        &format!("{heading}-text"),
        &[("number", &s.number), ("holder", &holder)],
    );
    let page = ConfirmPage {
        t,
        chrome: super::pages::chrome(state, user).await,
        heading: t.get(heading),
        text,
        action: format!("/reports/{id}/assignee"),
        fields: vec![Hidden {
            name: "action",
            value: what.as_str().to_owned(),
        }],
        submit: t.get(submit),
        back: format!("/reports/{id}"),
    };
    Ok(render(StatusCode::OK, &page))
}

/// Take (`take`) or give back (`release`) a report.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssigneeJson {
    /// `take`: the caller holds the report from now on; `release`: nobody holds it.
    #[schema(schema_with = action_schema)]
    pub action: String,
    /// Take over, or release, a report another operator holds (default false: answered 409).
    pub replace: Option<bool>,
}

fn action_schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(["take", "release"]))
        .into()
}

/// Takes or releases a report; answers who holds it now. Audited (`report.take`,
/// `report.release`) when something changed.
#[utoipa::path(post, path = "/api/v1/reports/{id}/assignee", tag = "reports", request_body = AssigneeJson,
    params(("id" = String, Path, description = "report id")),
    responses((status = 200, description = "`{\"assignee\": username or null, \"changed\": bool}`"),
        (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "refused, naming the field: `assignee` (another operator holds the report; send `\"replace\": true` to take it over or release it), `status` (taking a report whose workflow has ended)"),
        (status = 413), (status = 415)),
    security(("bearer" = [])))]
pub async fn api(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<ReportId>,
    ApiJson(body): ApiJson<AssigneeJson>,
) -> Result<Response, ApiError> {
    let what = Assignment::parse(&body.action)
        .ok_or_else(|| ApiError::invalid("action", "must be take or release"))?;
    let changed = state
        .store
        .assign_report(&p, id, what, body.replace.unwrap_or(false))
        .await?;
    let now = state.store.report_summary(&p, id).await?;
    Ok(Json(serde_json::json!({ "assignee": now.assignee, "changed": changed })).into_response())
}
