//! Every pillar feeds the justice indicators, over real HTTP: decisions, operations, care
//! plans, charges, verdicts, sentences and training, each counted once, exact for the
//! investigator and protected for the analyst (whose view an independent attacker then
//! tries to solve). SQLite always, PostgreSQL when configured.

use crate::common::TestApp;
use crate::indicators_common::Attacker;
use libertas_domain::admin::Role;
use libertas_store::stats::testing::backdate;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn stage(v: &Value, key: &str) -> Value {
    v["cases_by_stage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap()["count"]
        .clone()
}

/// Every pillar feeds the indicators: decisions, operations, care plans, charges, verdicts,
/// sentences and training, each counted once and protected for analysts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indicators_follow_every_pillar() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let inv = app.user("North", "inv", Role::Investigator).await;
        let tina = app.user("North", "tina", Role::Trainer).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let mut victims = vec![];
        let mut first_case = String::new();
        for i in 0..6 {
            let (_, case) = app
                .post("/api/v1/cases", &inv, json!({"title": format!("Case {i}")}))
                .await;
            let case = case["id"].as_str().unwrap().to_owned();
            let person = |role: &'static str| {
                let (app, inv, case) = (&app, inv.clone(), case.clone());
                async move {
                    let (s, p) = app
                        .post(
                            &format!("/api/v1/cases/{case}/people"),
                            &inv,
                            json!({"role": role, "given_name": "Ilinca", "family_name": "Vasilescu"}),
                        )
                        .await;
                    assert_eq!(s, StatusCode::CREATED, "{p}");
                    p["id"].as_str().unwrap().to_owned()
                }
            };
            let victim = person("victim").await;
            let suspect = person("suspect").await;
            let (s, d) = app
                .post(
                    &format!("/api/v1/cases/{case}/decisions"),
                    &inv,
                    json!({"person_id": victim, "trafficking_status": "PossibleVictimOfTrafficking",
                           "deciding_org_type": "CentralGovernmentOrganisation", "referral_date": "2026-01-05"}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}: {d}");
            if i < 5 {
                let (s, p) = app
                    .post(
                        &format!("/api/v1/people/{victim}/care-plans"),
                        &inv,
                        json!({}),
                    )
                    .await;
                assert_eq!(s, StatusCode::CREATED, "{backend}: {p}");
            }
            let (s, c) = app
                .post(
                    &format!("/api/v1/cases/{case}/charges"),
                    &inv,
                    json!({"suspect_id": suspect, "law": "Modern Slavery Act 2015", "section": "s.2",
                           "counts": 1, "filed_on": "2026-02-04"}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}: {c}");
            let outcome = if i < 5 { "convicted" } else { "acquitted" };
            let (s, v) = app
                .post(
                    &format!("/api/v1/charges/{}/verdicts", c["id"].as_str().unwrap()),
                    &inv,
                    json!({"outcome": outcome, "date": "2026-06-03"}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}: {v}");
            if i < 5 {
                let months = [24, 24, 48, 72, 130][i];
                let (s, x) = app
                    .post(
                        &format!("/api/v1/verdicts/{}/sentences", v["id"].as_str().unwrap()),
                        &inv,
                        json!({"prison_months": months}),
                    )
                    .await;
                assert_eq!(s, StatusCode::CREATED, "{backend}: {x}");
            }
            if i == 0 {
                first_case = case.clone();
            }
            victims.push(victim);
        }
        // One operation brings two victims of the first case to safety (the second is added
        // to that case for it).
        let (_, second) = app
            .post(
                &format!("/api/v1/cases/{first_case}/people"),
                &inv,
                json!({"role": "victim", "given_name": "Sorina", "family_name": "Vlad"}),
            )
            .await;
        let (s, op) = app
            .post(
                &format!("/api/v1/cases/{first_case}/operations"),
                &inv,
                json!({"name": "Greenhouse", "agencies": ["police"], "location": "Farm road 7",
                       "planned_on": "2026-03-01"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {op}");
        let (s, v) = app
            .post(
                &format!("/api/v1/operations/{}/status", op["id"].as_str().unwrap()),
                &inv,
                json!({"status": "executed", "executed_on": "2026-03-02",
                       "people": [victims[0], second["id"]]}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        let (s, t) = app
            .post(
                "/api/v1/trainings",
                &tina,
                json!({"topic": "Victim-centred interviewing", "held_on": "2026-03-10",
                       "place": "Iasi", "audiences": ["police", "prosecutor"],
                       "participants": {"police": 18, "prosecutor": 4},
                       "pre_score": 50.0, "post_score": 70.0}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {t}");

        let cell = |v: &Value, list: &str, key: &str| -> Value {
            v[list]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["key"] == key)
                .unwrap()["count"]
                .clone()
        };
        // The cases and decisions are entered in January (protected readers see published
        // quarters only; the other dates are given in the requests).
        backdate(&app.store, "2000-01-01", "2026-01-10T10:00:00.000000Z").await;
        let (s, v) = app
            .get("/api/v1/indicators?from=2026-01-01&to=2026-12-31", &inv)
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        assert_eq!(stage(&v, "verdict"), 6, "{backend}: {v}");
        assert_eq!(stage(&v, "charged"), 0);
        assert_eq!(v["victims_identified"], 6);
        assert_eq!(v["victims_brought_to_safety"], 2);
        assert_eq!(v["identified_with_care_plan"], 5);
        assert!((v["care_plan_rate"].as_f64().unwrap() - 5.0 / 6.0).abs() < 1e-9);
        assert_eq!(v["charges"], 6);
        assert_eq!(cell(&v, "verdicts_by_outcome", "convicted"), 5);
        assert_eq!(cell(&v, "verdicts_by_outcome", "acquitted"), 1);
        assert_eq!(v["convictions"], 5);
        assert!((v["conviction_rate"].as_f64().unwrap() - 5.0 / 6.0).abs() < 1e-9);
        assert_eq!(v["days_referral_to_charge"]["median"], 30.0, "{v}");
        assert_eq!(v["days_referral_to_charge"]["band"], "0-30");
        assert_eq!(v["days_referral_to_charge"]["n"], 6);
        assert_eq!(v["days_charge_to_verdict"]["median"], 119.0);
        assert_eq!(v["days_charge_to_verdict"]["band"], "91-180");
        assert_eq!(v["days_charge_to_verdict"]["n"], 6);
        assert_eq!(v["sentence_months"]["median"], 48.0);
        assert_eq!(v["sentence_months"]["band"], "37-60");
        let bands: Vec<Value> = v["sentence_months"]["bands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["count"].clone())
            .collect();
        assert_eq!(
            bands,
            vec![json!(0), json!(2), json!(1), json!(1), json!(1)]
        );
        assert_eq!(v["training_events"], 1);
        assert_eq!(cell(&v, "training_reach", "police"), 18);
        assert_eq!(cell(&v, "training_reach", "prosecutor"), 4);
        assert_eq!(v["participants"], 22);

        // The analyst sees the first quarter (cases, decisions, charges, the operation and
        // the training) and the second (the verdicts), published and protected: small parts
        // and everything that would reveal them are hidden.
        let (_, a) = app.get("/api/v1/indicators?to=2026-03-31", &analyst).await;
        assert_eq!(
            (a["protected"].as_bool(), a["quarter"].as_str()),
            (Some(true), Some("2026-Q1"))
        );
        assert_eq!(a["cases_total"], 6, "{backend}: {a}");
        assert_eq!(stage(&a, "verdict"), 6);
        assert_eq!(a["victims_identified"], 6);
        assert!(a["victims_brought_to_safety"].is_null());
        assert!(
            a["identified_with_care_plan"].is_null(),
            "one without a plan: {a}"
        );
        assert!(a["care_plan_rate"].is_null());
        assert_eq!(a["charges"], 6);
        assert!(
            a["days_referral_to_charge"]["median"].is_null(),
            "only exact readers get medians"
        );
        assert_eq!(
            a["days_referral_to_charge"]["band"], "0-30",
            "every band printed: {a}"
        );
        assert!(a["training_events"].is_null());
        assert!(cell(&a, "training_reach", "prosecutor").is_null());
        assert!(
            cell(&a, "training_reach", "police").is_null(),
            "secondary suppression: 22 - 18 would give the prosecutors away"
        );
        assert_eq!(a["participants"], 22);
        let (_, q2) = app.get("/api/v1/indicators?to=2026-06-30", &analyst).await;
        assert!(cell(&q2, "verdicts_by_outcome", "acquitted").is_null());
        // Even the total goes: the four sentence bands hidden are each at least one (zeros
        // are printed), so convictions are at least four, and 6 verdicts would leave at most
        // two acquittals. Durations print 6 in one band, so another band is hidden with it.
        assert!(q2["verdicts"].is_null(), "{backend}: {q2}");
        assert!(q2["days_charge_to_verdict"]["n"].is_null());
        assert!(q2["convictions"].is_null(), "{q2}");
        assert!(q2["conviction_rate"].is_null());
        assert!(q2["sentence_months"]["median"].is_null());
        // Nothing either view hides can be worked out from what both print.
        for view in [&a, &q2] {
            let mut attacker = Attacker::default();
            attacker.see(view, &["North"]);
            let found = attacker.recovered(&[]);
            assert!(found.is_empty(), "{backend}: {found:?}");
        }
        // Outside the period, nothing.
        let (_, old) = app
            .get("/api/v1/indicators?from=2024-01-01&to=2024-12-31", &inv)
            .await;
        assert_eq!(old["cases_total"], 0);
        assert_eq!(old["charges"], 0);
        assert_eq!(old["training_events"], 0);
        assert_eq!(old["victims_brought_to_safety"], 0);
        app.stop().await;
    }
}
