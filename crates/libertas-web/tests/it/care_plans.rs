//! Care plans (issue 4, item 9) and assessment-due tasks (item 11) over HTTP, on SQLite and,
//! when `LIBERTAS_TEST_DATABASE_URL` is set, PostgreSQL.

use crate::care_common::{scores, victim};
use crate::common;
use crate::common::{files_containing, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn field(v: &Value) -> &str {
    v["error"]["field"].as_str().unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_goals_services_and_deliveries() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Aftercare).await;
        let pid = victim(&app, &ana).await;
        let plans = format!("/api/v1/people/{pid}/care-plans");

        let (s, list) = app.get(&plans, &ana).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {list}");
        assert_eq!(list["care_plans"].as_array().unwrap().len(), 0);
        let (s, e) = app
            .post(&plans, &ana, json!({"opened_on": "2999-01-01"}))
            .await;
        assert_eq!((s, field(&e)), (StatusCode::BAD_REQUEST, "opened_on"));
        let (s, e) = app.post(&plans, &ana, json!({"colour": "red"})).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}: unknown field {e}");
        let (s, plan) = app
            .post(&plans, &ana, json!({"opened_on": "2025-01-10"}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {plan}");
        assert_eq!(plan["opened_on"], "2025-01-10");
        assert_eq!(plan["status"], "open");
        let (s, _) = app.post(&plans, &ana, json!({})).await;
        assert_eq!(
            s,
            StatusCode::CONFLICT,
            "{backend}: one open plan per person"
        );
        let plan_id = plan["id"].as_str().unwrap();
        let cp = |s: &str| format!("/api/v1/care-plans/{plan_id}{s}");

        let (s, g) = app
            .post(
                &cp("/goals"),
                &ana,
                json!({"domain": "safety", "text": "Moves into a flat of her own, away from the recruiter's town", "target_date": "2025-12-01"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {g}");
        assert_eq!(g["status"], "planned");
        let (s, _) = app
            .post(
                &cp("/goals"),
                &ana,
                json!({"domain": "economic_empowerment", "text": "Finishes the hairdressing course", "status": "in_progress"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        for (body, want) in [
            (json!({"domain": "wealth", "text": "x"}), "domain"),
            (json!({"domain": "safety", "text": " "}), "text"),
            (
                json!({"domain": "safety", "text": "x", "status": "won"}),
                "status",
            ),
            (
                json!({"domain": "safety", "text": "x", "target_date": "soon"}),
                "target_date",
            ),
        ] {
            let (s, e) = app.post(&cp("/goals"), &ana, body).await;
            assert_eq!(
                (s, field(&e)),
                (StatusCode::BAD_REQUEST, want),
                "{backend}: {e}"
            );
        }
        let gid = g["id"].as_str().unwrap();
        let (s, g2) = app
            .post(
                &format!("/api/v1/goals/{gid}/status"),
                &ana,
                json!({"status": "achieved"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {g2}");
        assert_eq!(g2["status"], "achieved");
        let (s, e) = app
            .post(
                &format!("/api/v1/goals/{gid}/status"),
                &ana,
                json!({"status": "done"}),
            )
            .await;
        assert_eq!((s, field(&e)), (StatusCode::BAD_REQUEST, "status"));

        let service = |t: &str, start: &str, end: Option<&str>| json!({"service_type": t, "provider": "Casa Noua shelter, Iasi", "start_date": start, "end_date": end});
        let (s, e) = app
            .post(
                &cp("/services"),
                &ana,
                service("Housing", "2025-02-01", Some("2025-01-31")),
            )
            .await;
        assert_eq!(
            (s, field(&e)),
            (StatusCode::BAD_REQUEST, "end_date"),
            "{backend}: {e}"
        );
        let (s, e) = app
            .post(&cp("/services"), &ana, service("Spa", "2025-02-01", None))
            .await;
        assert_eq!((s, field(&e)), (StatusCode::BAD_REQUEST, "service_type"));
        let (s, sv) = app
            .post(
                &cp("/services"),
                &ana,
                service("Housing", "2025-02-01", None),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {sv}");
        assert_eq!(sv["status"], "planned");
        let (s, _) = app
            .post(
                &cp("/services"),
                &ana,
                service("Counselling", "2025-02-03", Some("2025-06-30")),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let sid = sv["id"].as_str().unwrap();
        let status = format!("/api/v1/services/{sid}/status");
        let (s, e) = app
            .post(
                &status,
                &ana,
                json!({"status": "completed", "end_date": "2025-01-01"}),
            )
            .await;
        assert_eq!((s, field(&e)), (StatusCode::BAD_REQUEST, "end_date"));
        let (s, sv2) = app.post(&status, &ana, json!({"status": "active"})).await;
        assert_eq!(
            (s, sv2["status"].as_str()),
            (StatusCode::OK, Some("active"))
        );

        let deliveries = format!("/api/v1/services/{sid}/deliveries");
        let (s, e) = app
            .post(
                &deliveries,
                &ana,
                json!({"delivered_on": "2025-01-20", "delivered": "Keys handed over"}),
            )
            .await;
        assert_eq!(
            (s, field(&e)),
            (StatusCode::BAD_REQUEST, "delivered_on"),
            "before start"
        );
        let (s, d) = app
            .post(
                &deliveries,
                &ana,
                json!({"delivered_on": "2025-02-01", "delivered": "Keys handed over", "note": "Settled in well; neighbour is kind"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {d}");
        assert_eq!(d["recorded_by"], "ana");
        let (_, dl) = app.get(&deliveries, &ana).await;
        assert_eq!(dl["deliveries"].as_array().unwrap().len(), 1);

        let (s, full) = app.get(&cp(""), &ana).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(full["goals"].as_array().unwrap().len(), 2);
        assert_eq!(full["services"].as_array().unwrap().len(), 2);
        assert_eq!(
            full["services"][0]["deliveries"][0]["note"],
            "Settled in well; neighbour is kind"
        );
        let (_, goals) = app.get(&cp("/goals"), &ana).await;
        assert_eq!(
            goals["goals"][0]["text"],
            "Moves into a flat of her own, away from the recruiter's town"
        );
        let (_, services) = app.get(&cp("/services"), &ana).await;
        assert_eq!(services["services"][1]["service_type"], "Counselling");

        // Sealed: the texts are nowhere on disk in the clear.
        for needle in [
            "recruiter's town",
            "Casa Noua shelter",
            "neighbour is kind",
            "Keys handed over",
        ] {
            assert!(
                files_containing(app.data.dir.path(), needle.as_bytes()).is_empty(),
                "{backend}: {needle}"
            );
        }
        let events = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &Default::default(),
            )
            .await
            .unwrap();
        for action in [
            "care_plan.create",
            "care_goal.create",
            "care_goal.status",
            "care_service.create",
            "care_service.status",
            "care_delivery.create",
            "care_plan.read",
        ] {
            assert!(
                events.iter().any(|e| e.action == action),
                "{backend}: {action} audited"
            );
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_victims_get_care_plans() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        let (_, case) = app
            .post("/api/v1/cases", &ana, json!({"title": "Op"}))
            .await;
        let cid = case["id"].as_str().unwrap();
        let (_, w) = app
            .post(
                &format!("/api/v1/cases/{cid}/people"),
                &ana,
                json!({"role": "witness", "given_name": "Dan", "family_name": "Pop"}),
            )
            .await;
        let wid = w["id"].as_str().unwrap();
        let (s, e) = app
            .post(&format!("/api/v1/people/{wid}/care-plans"), &ana, json!({}))
            .await;
        assert_eq!(
            (s, field(&e)),
            (StatusCode::CONFLICT, "id"),
            "{backend}: {e}"
        );
        app.stop().await;
    }
}

async fn assessment_tasks(app: &TestApp, token: &str) -> Vec<Value> {
    let (s, v) = app.get("/api/v1/tasks", token).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "assessment_due")
        .cloned()
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assessments_fall_due_as_tasks() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Aftercare).await;
        let pid = victim(&app, &ana).await;
        let (s, _) = app
            .post(
                &format!("/api/v1/people/{pid}/care-plans"),
                &ana,
                json!({"opened_on": "2025-01-10"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let open = assessment_tasks(&app, &ana).await;
        assert_eq!(open.len(), 1, "{backend}: the intake task");
        assert_eq!(open[0]["due_date"], "2025-01-10");
        assert_eq!(open[0]["title"], "Intake outcome assessment due");
        assert_eq!(open[0]["overdue"], true);
        let (_, overdue) = app.get("/api/v1/tasks?overdue=true", &ana).await;
        assert!(
            overdue["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["kind"] == "assessment_due"),
            "{backend}: in the overdue list"
        );

        let assess = format!("/api/v1/people/{pid}/assessments");
        let (s, _) = app
            .post(&assess, &ana, scores("2025-01-15", [2, 2, 2], 2))
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let open = assessment_tasks(&app, &ana).await;
        assert_eq!(open.len(), 1, "{backend}: intake done, six-month task made");
        assert_eq!(open[0]["due_date"], "2025-07-15");
        let (s, _) = app
            .post(&assess, &ana, scores("2025-07-20", [3, 3, 3], 3))
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let open = assessment_tasks(&app, &ana).await;
        assert_eq!(open.len(), 1);
        assert_eq!(
            open[0]["due_date"], "2026-01-15",
            "{backend}: then yearly from the first"
        );

        // The case's list keeps the completed ones as history.
        let case_id = open[0]["case_id"].as_str().unwrap();
        let (_, all) = app
            .get(&format!("/api/v1/cases/{case_id}/tasks"), &ana)
            .await;
        let mine: Vec<&Value> = all["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["kind"] == "assessment_due")
            .collect();
        assert_eq!(mine.len(), 3, "{backend}: {all}");
        assert_eq!(mine.iter().filter(|t| t["status"] == "done").count(), 2);
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_opened_after_assessments_schedules_the_next_one() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Aftercare).await;
        let pid = victim(&app, &ana).await;
        let (s, _) = app
            .post(
                &format!("/api/v1/people/{pid}/assessments"),
                &ana,
                scores("2025-03-01", [2, 2, 2], 2),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        assert!(
            assessment_tasks(&app, &ana).await.is_empty(),
            "{backend}: no plan, no task"
        );
        let (s, _) = app
            .post(
                &format!("/api/v1/people/{pid}/care-plans"),
                &ana,
                json!({"opened_on": "2025-03-05"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let open = assessment_tasks(&app, &ana).await;
        assert_eq!(open.len(), 1);
        assert_eq!(open[0]["due_date"], "2025-09-01", "{backend}");
        assert_eq!(open[0]["title"], "Outcome assessment due");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_care_page_opens_a_plan_and_fills_it() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Aftercare).await;
        let pid = victim(&app, &ana).await;
        let page = format!("/people/{pid}/care");
        let mut b = Browser::new(&app);
        let csrf = b.sign_in("ana").await;
        let (s, _, body) = b.get(&page).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(body.contains("id=\"open-plan\""));
        let (s, loc, _) = b
            .post(
                &format!("{page}/plans"),
                &[("csrf", csrf.as_str()), ("opened_on", "")],
            )
            .await;
        assert_eq!(
            (s.as_u16(), loc.as_deref()),
            (303, Some(page.as_str())),
            "{backend}"
        );
        let (_, _, body) = b.get(&page).await;
        let plan = common::hidden(&body, "plan");
        assert!(!plan.is_empty(), "{backend}: the plan id in the goal form");
        let (s, loc, _) = b
            .post(
                &format!("{page}/goals"),
                &[
                    ("csrf", csrf.as_str()),
                    ("plan", plan.as_str()),
                    ("domain", "social_support"),
                    ("text", "Rebuilds contact with her sister"),
                    ("target_date", ""),
                ],
            )
            .await;
        assert_eq!((s.as_u16(), loc.as_deref()), (303, Some(page.as_str())));
        let (s, loc, _) = b
            .post(
                &format!("{page}/services"),
                &[
                    ("csrf", csrf.as_str()),
                    ("plan", plan.as_str()),
                    ("service_type", "Education"),
                    ("provider", "Liceul Tehnologic 2"),
                    ("start_date", "2025-09-01"),
                    ("end_date", "2025-08-01"),
                    ("status", "active"),
                ],
            )
            .await;
        assert_eq!(s.as_u16(), 303);
        assert_eq!(loc.unwrap(), format!("{page}?error=end_date"), "{backend}");
        let (s, _, _) = b
            .post(
                &format!("{page}/services"),
                &[
                    ("csrf", csrf.as_str()),
                    ("plan", plan.as_str()),
                    ("service_type", "Education"),
                    ("provider", "Liceul Tehnologic 2"),
                    ("start_date", "2025-09-01"),
                    ("end_date", ""),
                    ("status", "active"),
                ],
            )
            .await;
        assert_eq!(s.as_u16(), 303);
        let (s, _, _) = b
            .post(
                &format!("{page}/goals"),
                &[
                    ("csrf", "wrong"),
                    ("plan", plan.as_str()),
                    ("domain", "safety"),
                    ("text", "x"),
                ],
            )
            .await;
        assert_eq!(s.as_u16(), 403, "{backend}: CSRF");
        let (_, _, body) = b.get(&page).await;
        assert!(
            body.contains("Rebuilds contact with her sister"),
            "{backend}"
        );
        assert!(body.contains("Liceul Tehnologic 2"));
        assert!(
            body.contains("Social support"),
            "grouped under its domain label"
        );
        let (_, plans) = app
            .get(&format!("/api/v1/people/{pid}/care-plans"), &ana)
            .await;
        let sid = plans["care_plans"][0]["services"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (s, _, _) = b
            .post(
                &format!("{page}/services/{sid}/deliveries"),
                &[
                    ("csrf", csrf.as_str()),
                    ("delivered_on", "2025-09-02"),
                    ("delivered", "School supplies"),
                    ("note", ""),
                ],
            )
            .await;
        assert_eq!(s.as_u16(), 303);
        let (s, _, _) = b
            .post(
                &format!("{page}/services/{sid}/status"),
                &[
                    ("csrf", csrf.as_str()),
                    ("status", "completed"),
                    ("end_date", "2025-12-20"),
                ],
            )
            .await;
        assert_eq!(s.as_u16(), 303);
        let (_, plans) = app
            .get(&format!("/api/v1/people/{pid}/care-plans"), &ana)
            .await;
        let sv = &plans["care_plans"][0]["services"][0];
        assert_eq!(sv["status"], "completed", "{backend}: {sv}");
        // The status select starts at the current value, never at the list's first entry.
        let (_, _, body) = b.get(&page).await;
        let select = crate::common::between(&body, &format!("id=\"ss-{sid}\""), "</select>");
        assert!(
            select.contains(r#"<option value="completed" selected>"#),
            "{backend}: {select}"
        );
        assert_eq!(select.matches(" selected").count(), 1, "{backend}");
        assert_eq!(sv["end_date"], "2025-12-20");
        assert_eq!(sv["deliveries"][0]["delivered"], "School supplies");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_lists_the_care_plan_routes() {
    let app = TestApp::spawn("sqlite").await;
    let doc: Value = app
        .http
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, method) in [
        ("/api/v1/people/{id}/care-plans", "post"),
        ("/api/v1/people/{id}/care-plans", "get"),
        ("/api/v1/care-plans/{id}", "get"),
        ("/api/v1/care-plans/{id}/goals", "post"),
        ("/api/v1/care-plans/{id}/services", "get"),
        ("/api/v1/goals/{id}/status", "post"),
        ("/api/v1/services/{id}/status", "post"),
        ("/api/v1/services/{id}/deliveries", "post"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} documented"
        );
    }
    assert!(doc["components"]["schemas"]["CarePlanJson"].is_object());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_care_closes_the_plan_and_its_assessment_task() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Aftercare).await;
        let pid = victim(&app, &ana).await;
        let (_, plan) = app
            .post(&format!("/api/v1/people/{pid}/care-plans"), &ana, json!({}))
            .await;
        let plan_id = plan["id"].as_str().unwrap();
        let d = time::OffsetDateTime::now_utc().date();
        let today = format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
        let (_, goal) = app
            .post(
                &format!("/api/v1/care-plans/{plan_id}/goals"),
                &ana,
                json!({"domain": "safety", "text": "A safe place to live"}),
            )
            .await;
        let (s, sv) = app
            .post(
                &format!("/api/v1/care-plans/{plan_id}/services"),
                &ana,
                json!({"service_type": "Housing", "provider": "Casa Noua shelter, Iasi",
                       "start_date": today}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {sv}");
        let (s, _) = app
            .post(
                &format!("/api/v1/people/{pid}/assessments"),
                &ana,
                scores(&today, [4, 4, 4], 4),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        assert_eq!(
            assessment_tasks(&app, &ana).await.len(),
            1,
            "the six-month task"
        );
        let (s, c) = app
            .post(
                &format!("/api/v1/people/{pid}/care-closures"),
                &ana,
                json!({"justification": "All goals met; she chose to end support."}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {c}");
        let (_, p) = app
            .get(&format!("/api/v1/care-plans/{plan_id}"), &ana)
            .await;
        assert_eq!(p["status"], "closed", "{backend}");
        assert!(
            assessment_tasks(&app, &ana).await.is_empty(),
            "{backend}: nothing due"
        );
        let (s, _) = app
            .post(
                &format!("/api/v1/care-plans/{plan_id}/goals"),
                &ana,
                json!({"domain": "safety", "text": "x"}),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::CONFLICT,
            "{backend}: a closed plan takes no goals"
        );
        // Nor changes to what it holds.
        let (gid, sid) = (goal["id"].as_str().unwrap(), sv["id"].as_str().unwrap());
        for (path, body) in [
            (
                format!("/api/v1/goals/{gid}/status"),
                json!({"status": "achieved"}),
            ),
            (
                format!("/api/v1/services/{sid}/status"),
                json!({"status": "completed"}),
            ),
            (
                format!("/api/v1/services/{sid}/deliveries"),
                json!({"delivered_on": today, "delivered": "Keys handed over"}),
            ),
        ] {
            let (s, e) = app.post(&path, &ana, body).await;
            assert_eq!(s, StatusCode::CONFLICT, "{backend} {path}: {e}");
        }
        let (s, _) = app
            .post(&format!("/api/v1/people/{pid}/care-plans"), &ana, json!({}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: care can start again");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasing_the_person_leaves_the_plan_unreadable() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Aftercare).await;
        let pid = victim(&app, &ana).await;
        let (_, plan) = app
            .post(
                &format!("/api/v1/people/{pid}/care-plans"),
                &ana,
                json!({"opened_on": "2025-01-10"}),
            )
            .await;
        let plan_id = plan["id"].as_str().unwrap();
        let cp = |s: &str| format!("/api/v1/care-plans/{plan_id}{s}");
        app.post(
            &cp("/goals"),
            &ana,
            json!({"domain": "safety", "text": "Moves to a safe town"}),
        )
        .await;
        let (_, sv) = app
            .post(&cp("/services"), &ana, json!({"service_type": "Housing", "provider": "Safe house Nord", "start_date": "2025-01-10"}))
            .await;
        let sid = sv["id"].as_str().unwrap();
        app.post(
            &format!("/api/v1/services/{sid}/deliveries"),
            &ana,
            json!({"delivered_on": "2025-01-11", "delivered": "Bed and meals", "note": "Calm night"}),
        )
        .await;
        app.store
            .erase_person(
                libertas_store::admin::Operator::console(),
                pid.parse().unwrap(),
                "request of the person",
            )
            .await
            .unwrap();
        let (s, p) = app.get(&cp(""), &ana).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {p}");
        assert!(p["goals"][0]["text"].is_null(), "{backend}: {p}");
        assert_eq!(p["goals"][0]["domain"], "safety", "codes stay");
        assert!(p["services"][0]["provider"].is_null());
        assert!(p["services"][0]["deliveries"][0]["delivered"].is_null());
        assert!(p["services"][0]["deliveries"][0]["note"].is_null());
        let (s, _) = app
            .post(
                &cp("/goals"),
                &ana,
                json!({"domain": "safety", "text": "x"}),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::NOT_FOUND,
            "{backend}: nothing new is written about them"
        );
        app.stop().await;
    }
}
