//! The OpenAPI document, generated from the handlers' annotations (utoipa) and completed
//! with what the shared layers answer for every route ([`contract`]).

mod contract;

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Libertas API", description = "Case, intelligence and impact platform of a counter-trafficking organisation. \
Errors are `{\"error\": {\"code\", \"message\", \"field\"?}}`; anything the caller may not see answers 404."),
    paths(
        crate::cases::api::create, crate::cases::api::list, crate::cases::api::get_one,
        crate::cases::api::add_member, crate::cases::api::members,
        crate::cases::api::add_note, crate::cases::api::notes,
        crate::people::api::add, crate::people::api::list, crate::people::api::get_one,
        crate::admin::audit::api, crate::admin::audit::me,
        crate::admin::users::api_users, crate::admin::users::api_create,
        crate::admin::users::api_disable, crate::admin::users::api_reset_totp,
        crate::admin::users::api_tokens, crate::admin::users::api_revoke_token,
        crate::admin::users::api_sessions, crate::admin::users::api_end_session,
        crate::reports::public::api::submit, crate::reports::public::api::follow_up,
        crate::reports::screening::compute,
        crate::reports::staff::queue_api::queue, crate::reports::staff::api::intake, crate::reports::staff::api::get_one,
        crate::reports::staff::api::save_screening, crate::reports::staff::api::ask, crate::reports::staff::api::set_status,
        crate::reports::staff::api::open_case, crate::reports::staff::api::lookup,
        crate::reports::staff::assignee::api,
        crate::cases::decisions::api::record, crate::cases::decisions::api::list, crate::cases::decisions::api::deadlines,
        crate::cases::tasks::api::create, crate::cases::tasks::api::list, crate::cases::tasks::api::done, crate::cases::tasks::api::mine,
        crate::care::api::record_consent, crate::care::api::consents, crate::care::api::withdraw,
        crate::care::api::add_assessment, crate::care::api::assessments,
        crate::care::closure::close, crate::care::closure::list,
        crate::cases::workflow::api::set_status, crate::cases::workflow::api::set_owner, crate::cases::workflow::api::set_role,
        crate::cases::workflow::api::remove, crate::cases::workflow::api::get_workflow,
        crate::justice::evidence::api::upload, crate::justice::evidence::api::list,
        crate::justice::evidence::api::get_one, crate::justice::evidence::api::download,
        crate::justice::evidence::api::verify, crate::justice::evidence::custody_api::add,
        crate::justice::evidence::custody_api::list,
    ),
    components(schemas(
        crate::cases::CaseJson, crate::cases::CreateCase, crate::cases::MemberJson, crate::cases::NewMember,
        crate::cases::NoteJson, crate::cases::NewNote, crate::http::NewPersonJson, crate::people::PersonJson,
        crate::admin::users::NewUserJson, crate::admin::users::ReasonJson,
        crate::reports::public::api::PublicReportJson, crate::reports::public::api::FollowUpJson,
        crate::reports::staff::api::IntakeJson, crate::reports::staff::api::MessageJson, crate::reports::staff::api::StatusJson,
        crate::reports::staff::api::OpenCaseJson, crate::reports::staff::api::LookupJson,
        crate::reports::staff::assignee::AssigneeJson,
        crate::reports::staff::queue_api::QueueJson, crate::reports::staff::queue_api::ReportSummaryJson,
        crate::reports::screening::ScreeningInputJson,
        crate::cases::decisions::api::NewDecisionJson, crate::cases::decisions::api::DecisionJson,
        crate::cases::decisions::api::DeadlinesJson, crate::cases::tasks::api::NewTaskJson, crate::cases::tasks::api::TaskJson,
        crate::care::ConsentJson, crate::care::ConsentRecordJson, crate::care::ConsentListJson,
        crate::care::WithdrawJson, crate::care::NewAssessmentJson, crate::care::DomainsInput,
        crate::care::DomainInput, crate::care::AssessmentJson, crate::care::DomainScoreJson,
        crate::care::AssessmentListJson, crate::care::NewClosureJson, crate::care::ClosureJson,
        crate::cases::workflow::api::StatusJson, crate::cases::workflow::api::OwnerJson, crate::cases::workflow::api::RoleJson,
        crate::cases::workflow::api::TeamMemberJson, crate::cases::workflow::api::WorkflowJson,
        crate::justice::evidence::api::EvidenceJson, crate::justice::evidence::api::EvidenceDetailJson,
        crate::justice::evidence::api::VerifyJson, crate::justice::evidence::api::UploadForm,
        crate::justice::evidence::custody_api::CustodyJson, crate::justice::evidence::custody_api::NewCustodyJson,
    )),
    modifiers(&BearerAuth),
    tags((name = "public"), (name = "reports"), (name = "cases"), (name = "people"), (name = "care"), (name = "justice"), (name = "admin"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document served at `/api/v1/openapi.json`.
pub fn document() -> serde_json::Value {
    let mut doc = serde_json::to_value(annotated()).unwrap_or_default();
    contract::complete(&mut doc);
    doc
}

/// The document as the annotations give it.
fn annotated() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for part in parts() {
        doc.merge(part);
    }
    doc
}

/// The features' parts of the document, merged into [`ApiDoc`].
fn parts() -> [utoipa::openapi::OpenApi; 9] {
    [
        crate::cases::api_doc(),
        crate::admin::api_doc(),
        crate::people::api_doc(),
        crate::justice::api_doc(),
        crate::care::api_doc(),
        crate::training::api_doc(),
        crate::stats::api_doc(),
        crate::exports::api_doc(),
        crate::supporters::api_doc(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Merging keeps one schema per name, so two request types of the same name (a report's
    /// `StatusJson` and a case's, say) would leave one route documented with the other's
    /// body. Every name must stand for one schema across the whole document.
    #[test]
    fn no_two_schemas_share_a_name() {
        let mut seen: BTreeMap<String, serde_json::Value> = BTreeMap::new();
        let mut clashes = vec![];
        for doc in std::iter::once(ApiDoc::openapi()).chain(parts()) {
            let schemas = doc.components.map(|c| c.schemas).unwrap_or_default();
            for (name, schema) in schemas {
                let v = serde_json::to_value(schema).unwrap_or_default();
                match seen.get(&name) {
                    Some(earlier) if *earlier != v => clashes.push(name),
                    Some(_) => {}
                    None => {
                        seen.insert(name, v);
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "names used by two schemas: {clashes:?}");
    }
}
