//! The care forms the other care modules leave out (opening a plan, a goal's status, an
//! outcome assessment, withdrawing consent) and closing care on the API once an assessment is
//! current, as anonymous, an analyst, an aftercare worker of another organisation, a colleague
//! who is not a member, and the member, with the exact status of each.

use crate::access::matrix::{api, check_api, check_pages, expect, form, sign_out_all, Caller};
use crate::care_common::{consent, victim};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::Method;
use serde_json::json;

/// The assessment form's score fields: `domain.subdomain` for every subdomain.
const SCORES: [&str; 18] = [
    "safety.0",
    "safety.1",
    "safety.2",
    "legal_protection.0",
    "legal_protection.1",
    "legal_protection.2",
    "mental_wellbeing.0",
    "mental_wellbeing.1",
    "mental_wellbeing.2",
    "economic_empowerment.0",
    "economic_empowerment.1",
    "economic_empowerment.2",
    "economic_empowerment.3",
    "social_support.0",
    "social_support.1",
    "physical_wellbeing.0",
    "physical_wellbeing.1",
    "physical_wellbeing.2",
];

pub async fn care_forms_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Aftercare).await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Aftercare).await;
        let pid = victim(&app, &owner).await;
        let p = |s: &str| format!("/people/{pid}/care{s}");
        let (s, _) = app
            .post(
                &format!("/api/v1/people/{pid}/consents"),
                &owner,
                consent(true),
            )
            .await;
        assert_eq!(s.as_u16(), 201);
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "other").await,
            Caller::signed_in(&app, "nonmember").await,
            Caller::signed_in(&app, "owner").await,
        ];
        let rows = [form(
            p("/plans"),
            &[("opened_on", "2025-01-01")],
            [303, 403, 404, 404, 303],
        )];
        check_pages(backend, &rows, &mut callers).await;
        let (_, plans) = app
            .get(&format!("/api/v1/people/{pid}/care-plans"), &owner)
            .await;
        let list = plans["care_plans"].as_array().cloned().unwrap_or_default();
        expect(list.len() == 1, || format!("{backend}: one plan: {plans}"));
        let plan = list[0]["id"].as_str().unwrap().to_owned();
        let (_, goal) = app
            .post(
                &format!("/api/v1/care-plans/{plan}/goals"),
                &owner,
                json!({"domain": "safety", "text": "Safe place to live"}),
            )
            .await;
        let goal = goal["id"].as_str().unwrap().to_owned();
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let mut fields = vec![("assessed_on", today.as_str())];
        fields.extend(SCORES.iter().map(|k| (*k, "3")));
        let rows = [
            form(
                p(&format!("/goals/{goal}/status")),
                &[("status", "in_progress")],
                [303, 403, 404, 404, 303],
            ),
            form(p("/assessments"), &fields, [303, 403, 404, 404, 303]),
            form(
                p("/consents/withdraw"),
                &[("research_use", "1")],
                [303, 403, 404, 404, 303],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;
        sign_out_all(backend, &mut callers).await;
        let (_, full) = app.get(&format!("/api/v1/care-plans/{plan}"), &owner).await;
        expect(full["goals"][0]["status"] == "in_progress", || {
            format!("{backend}: the member's goal status: {full}")
        });
        let (_, a) = app
            .get(&format!("/api/v1/people/{pid}/assessments"), &owner)
            .await;
        let n = a["assessments"].as_array().map_or(0, Vec::len);
        expect(n == 1, || format!("{backend}: one assessment: {a}"));

        // The assessment is current, so the member may close the survivor's care.
        let callers = [
            ("anonymous", None),
            ("analyst", Some(analyst.as_str())),
            ("other", Some(other.as_str())),
            ("nonmember", Some(nonmember.as_str())),
            ("owner", Some(owner.as_str())),
        ];
        let rows = [api(
            Method::POST,
            format!("/api/v1/people/{pid}/care-closures"),
            Some(json!({"justification": "Goals met; support ends by choice."})),
            [401, 403, 404, 404, 201],
        )];
        check_api(&app, backend, &rows, &callers).await;
        let (_, closed) = app
            .get(&format!("/api/v1/people/{pid}/care-closures"), &owner)
            .await;
        let n = closed["closures"].as_array().map_or(0, Vec::len);
        expect(n == 1, || format!("{backend}: one closure: {closed}"));
        app.stop().await;
    }
}
