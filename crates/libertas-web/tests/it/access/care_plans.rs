//! The care-plan routes as anonymous, wrong role, other organisation, non-member and member,
//! with the exact status of each (the same rules as consents and assessments).

use crate::care_common::victim;
use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub async fn care_plan_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Aftercare).await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let trainer = app.user("North", "trainer", Role::Trainer).await;
        let other = app.user("South", "other", Role::Aftercare).await;
        let pid = victim(&app, &owner).await;
        // A plan, a goal and a service made by the member, for the routes below them.
        let (s, plan) = app
            .post(
                &format!("/api/v1/people/{pid}/care-plans"),
                &owner,
                json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let plan = plan["id"].as_str().unwrap().to_owned();
        let (_, goal) = app
            .post(
                &format!("/api/v1/care-plans/{plan}/goals"),
                &owner,
                json!({"domain": "safety", "text": "Safe place to live"}),
            )
            .await;
        let goal = goal["id"].as_str().unwrap().to_owned();
        let (_, service) = app
            .post(
                &format!("/api/v1/care-plans/{plan}/services"),
                &owner,
                json!({"service_type": "Housing", "provider": "Shelter", "start_date": "2025-01-01"}),
            )
            .await;
        let service = service["id"].as_str().unwrap().to_owned();
        let goal_body = json!({"domain": "social_support", "text": "Friends"});
        let service_body =
            json!({"service_type": "Legal", "provider": "Legal aid", "start_date": "2025-01-02"});
        let delivery = json!({"delivered_on": "2025-01-05", "delivered": "Night shelter"});
        let rows: Vec<(Method, String, Option<Value>, [u16; 5])> = vec![
            (
                Method::GET,
                format!("/api/v1/people/{pid}/care-plans"),
                None,
                [401, 403, 404, 404, 200],
            ),
            // The member already has an open plan: 409 is how far they get.
            (
                Method::POST,
                format!("/api/v1/people/{pid}/care-plans"),
                Some(json!({})),
                [401, 403, 404, 404, 409],
            ),
            (
                Method::GET,
                format!("/api/v1/care-plans/{plan}"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                format!("/api/v1/care-plans/{plan}/goals"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                format!("/api/v1/care-plans/{plan}/goals"),
                Some(goal_body),
                [401, 403, 404, 404, 201],
            ),
            (
                Method::GET,
                format!("/api/v1/care-plans/{plan}/services"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                format!("/api/v1/care-plans/{plan}/services"),
                Some(service_body),
                [401, 403, 404, 404, 201],
            ),
            (
                Method::POST,
                format!("/api/v1/goals/{goal}/status"),
                Some(json!({"status": "in_progress"})),
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                format!("/api/v1/services/{service}/status"),
                Some(json!({"status": "active"})),
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                format!("/api/v1/services/{service}/deliveries"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                format!("/api/v1/services/{service}/deliveries"),
                Some(delivery),
                [401, 403, 404, 404, 201],
            ),
            (
                Method::GET,
                "/api/v1/care-plans/not-a-uuid".into(),
                None,
                [401, 400, 400, 400, 400],
            ),
        ];
        let callers = [
            None,
            Some(&trainer),
            Some(&other),
            Some(&nonmember),
            Some(&owner),
        ];
        for (method, path, body, expect) in rows {
            for (i, (who, want)) in callers.iter().zip(expect).enumerate() {
                let (s, v) = app
                    .call(method.clone(), &path, who.map(String::as_str), body.clone())
                    .await;
                assert_eq!(
                    s.as_u16(),
                    want,
                    "{backend} {method} {path} as caller {i}: {v}"
                );
            }
        }
        let (_, full) = app.get(&format!("/api/v1/care-plans/{plan}"), &owner).await;
        assert_eq!(
            full["goals"].as_array().unwrap().len(),
            2,
            "only the member's goal"
        );
        assert_eq!(
            full["services"][0]["deliveries"].as_array().unwrap().len(),
            1
        );
        app.stop().await;
    }
}

pub async fn care_plan_forms_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Aftercare).await;
        app.user("North", "nonmember", Role::Caseworker).await;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("South", "other", Role::Aftercare).await;
        let pid = victim(&app, &owner).await;
        let page = format!("/people/{pid}/care");
        let (_, plan) = app
            .post(
                &format!("/api/v1/people/{pid}/care-plans"),
                &owner,
                json!({}),
            )
            .await;
        let plan = plan["id"].as_str().unwrap().to_owned();
        let (_, service) = app
            .post(
                &format!("/api/v1/care-plans/{plan}/services"),
                &owner,
                json!({"service_type": "Housing", "provider": "Shelter", "start_date": "2025-01-01"}),
            )
            .await;
        let service = service["id"].as_str().unwrap().to_owned();
        for (user, status) in [
            ("analyst", 403u16),
            ("other", 404),
            ("nonmember", 404),
            ("owner", 303),
        ] {
            let mut b = Browser::new(&app);
            let csrf = b.sign_in(user).await;
            let forms: Vec<(String, Vec<(&str, &str)>)> = vec![
                (
                    format!("{page}/goals"),
                    vec![
                        ("plan", plan.as_str()),
                        ("domain", "safety"),
                        ("text", "Safe home"),
                    ],
                ),
                (
                    format!("{page}/services"),
                    vec![
                        ("plan", plan.as_str()),
                        ("service_type", "Health"),
                        ("provider", "Clinic"),
                        ("start_date", "2025-02-01"),
                    ],
                ),
                (
                    format!("{page}/services/{service}/deliveries"),
                    vec![
                        ("delivered_on", "2025-01-03"),
                        ("delivered", "Bed and meals"),
                    ],
                ),
                (
                    format!("{page}/services/{service}/status"),
                    vec![("status", "active")],
                ),
            ];
            for (path, mut fields) in forms {
                fields.push(("csrf", csrf.as_str()));
                let (s, _, _) = b.post(&path, &fields).await;
                assert_eq!(s.as_u16(), status, "{backend}: {user} {path}");
            }
        }
        let (_, full) = app.get(&format!("/api/v1/care-plans/{plan}"), &owner).await;
        assert_eq!(
            full["goals"].as_array().unwrap().len(),
            1,
            "{backend}: only the member wrote"
        );
        assert_eq!(full["services"].as_array().unwrap().len(), 2);
        let mut anon = Browser::new(&app);
        let (s, loc, _) = anon.get(&page).await;
        assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        for form in [
            format!("{page}/goals"),
            format!("{page}/services"),
            format!("{page}/services/{service}/deliveries"),
            format!("{page}/services/{service}/status"),
        ] {
            let (s, loc, _) = anon.post(&form, &[("status", "active")]).await;
            assert_eq!(
                (s, loc.as_deref()),
                (StatusCode::SEE_OTHER, Some("/login")),
                "{backend}: anonymous {form}"
            );
        }
        app.stop().await;
    }
}
