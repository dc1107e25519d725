//! Operations with authorities over real HTTP: planning, the order of dates, executing with
//! the case's victims brought to safety, cancelling, sealed location and outcome, the page.

use crate::common;
use crate::common::{hidden, Browser};
use crate::referrals_common::fixture;
use libertas_store::audit::AuditQuery;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_are_planned_then_executed_or_cancelled() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let path = format!("/api/v1/cases/{}/operations", f.case_id);
        let plan = json!({"name": "Greenhouse inspection", "agencies": ["police", "labour_inspectorate", "ngo"],
                          "location": "Farm road 7, Însurăței", "planned_on": "2025-04-10"});
        for (field, value, want) in [
            ("agencies", json!([]), "agencies"),
            ("agencies", json!(["army"]), "agencies[0]"),
            ("planned_on", json!("10/04/2025"), "planned_on"),
            ("location", json!(""), "location"),
        ] {
            let mut b = plan.clone();
            b[field] = value;
            let (s, v) = app.post(&path, &f.owner, b).await;
            assert_eq!(
                (s, v["error"]["field"].as_str()),
                (StatusCode::BAD_REQUEST, Some(want)),
                "{backend}"
            );
        }
        let (s, op) = app.post(&path, &f.owner, plan.clone()).await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {op}");
        assert_eq!(
            (op["status"].as_str(), op["location"].as_str()),
            (Some("planned"), Some("Farm road 7, Însurăței"))
        );
        let status = format!("/api/v1/operations/{}/status", op["id"].as_str().unwrap());
        // Executed before it was planned, in the future, without a date, with a non-victim.
        for (body, want) in [
            (
                json!({"status": "executed", "executed_on": "2025-04-09"}),
                "executed_on",
            ),
            (
                json!({"status": "executed", "executed_on": "2999-01-01"}),
                "executed_on",
            ),
            (json!({"status": "executed"}), "executed_on"),
            (
                json!({"status": "executed", "executed_on": "2025-04-10", "people": [f.witness]}),
                "people[0]",
            ),
            (
                json!({"status": "executed", "executed_on": "2025-04-10", "people": ["x"]}),
                "people[0]",
            ),
            (
                json!({"status": "cancelled", "people": [f.adult]}),
                "people",
            ),
            (json!({"status": "planned"}), "status"),
            (json!({"status": "done"}), "status"),
        ] {
            let (s, v) = app.post(&status, &f.owner, body).await;
            assert_eq!(
                (s, v["error"]["field"].as_str()),
                (StatusCode::BAD_REQUEST, Some(want)),
                "{backend}: {v}"
            );
        }
        let (s, v) = app
            .post(
                &status,
                &f.owner,
                json!({"status": "executed", "executed_on": "2025-04-11", "outcome": "Two women brought to the shelter.",
                       "people": [f.adult, f.child, f.adult]}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        assert_eq!(v["status"], "executed");
        assert_eq!(v["executed_on"], "2025-04-11");
        assert_eq!(v["outcome"], "Two women brought to the shelter.");
        let mut names: Vec<&str> = v["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["Ilinca Vlad", "Sorina Vlad"]);
        let (s, v) = app
            .post(&status, &f.owner, json!({"status": "cancelled"}))
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::CONFLICT, Some("status")),
            "final: the operation's current status refuses it"
        );
        // A second one is cancelled.
        let (_, op2) = app.post(&path, &f.owner, plan).await;
        let (s, v) = app
            .post(
                &format!("/api/v1/operations/{}/status", op2["id"].as_str().unwrap()),
                &f.owner,
                json!({"status": "cancelled", "outcome": "The site was empty."}),
            )
            .await;
        assert_eq!(
            (s, v["status"].as_str()),
            (StatusCode::OK, Some("cancelled"))
        );
        let (_, list) = app.get(&path, &f.owner).await;
        assert_eq!(list["operations"].as_array().unwrap().len(), 2);
        // Reading one operation is audited (a create or a status change answers from its
        // write and records no read).
        let (s, _) = app
            .get(
                &format!("/api/v1/operations/{}", op2["id"].as_str().unwrap()),
                &f.owner,
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let acts: Vec<String> = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &AuditQuery::default(),
            )
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        for a in [
            "operation.create",
            "operation.execute",
            "operation.cancel",
            "operation.read",
        ] {
            assert!(acts.iter().any(|x| x == a), "{backend}: {a}");
        }
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operations_page_plans_and_executes() {
    for backend in backends() {
        let f = fixture(backend).await;
        let mut b = Browser::new(&f.app);
        b.sign_in("owner").await;
        let page = format!("/cases/{}/operations", f.case_id);
        let (s, _, html) = b.get(&page).await;
        assert_eq!(s, StatusCode::OK);
        let csrf = hidden(&html, "csrf");
        let (_, loc, _) = b
            .post(
                &page,
                &[
                    ("csrf", &csrf),
                    ("name", "Night check"),
                    ("location", "Hostel, Iași"),
                    ("planned_on", "2025-03-01"),
                ],
            )
            .await;
        assert_eq!(loc.unwrap(), format!("{page}?error=agencies"), "{backend}");
        let (s, loc, _) = b
            .post(
                &page,
                &[
                    ("csrf", &csrf),
                    ("name", "Night check"),
                    ("agencies", "police"),
                    ("agencies", "social_services"),
                    ("location", "Hostel, Iași"),
                    ("planned_on", "2025-03-01"),
                ],
            )
            .await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some(page.as_str()))
        );
        let (_, _, html) = b.get(&page).await;
        assert!(html.contains("Night check") && html.contains("data-status=\"planned\""));
        let oid = common::between(&html, "action=\"/operations/", "/status\"");
        let (_, loc, _) = b
            .post(
                &format!("/operations/{oid}/status"),
                &[
                    ("csrf", &csrf),
                    ("status", "executed"),
                    ("executed_on", "2025-02-28"),
                ],
            )
            .await;
        assert_eq!(loc.unwrap(), format!("{page}?error=executed_on"));
        let (s, _, _) = b
            .post(
                &format!("/operations/{oid}/status"),
                &[
                    ("csrf", &csrf),
                    ("status", "executed"),
                    ("executed_on", "2025-03-01"),
                    ("people", &f.adult),
                    ("outcome", "Safe."),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (_, _, html) = b.get(&page).await;
        assert!(
            html.contains("data-status=\"executed\"") && html.contains("Ilinca Vlad"),
            "{backend}"
        );
        f.app.stop().await;
    }
}
