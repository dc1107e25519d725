//! Justice indicators over real HTTP: figures counted from the database, filtered by period
//! and organisation, exact for case workers of the organisation, small counts hidden from
//! analysts and from everyone looking at the whole network. SQLite always, PostgreSQL when
//! configured.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Opens `n` cases with one victim each; the first `identified` get a decision.
async fn cases(app: &TestApp, token: &str, n: usize, identified: usize) {
    for i in 0..n {
        let (s, case) = app
            .post(
                "/api/v1/cases",
                token,
                json!({"title": format!("Case {i}")}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let id = case["id"].as_str().unwrap();
        let (s, person) = app
            .post(
                &format!("/api/v1/cases/{id}/people"),
                token,
                json!({"role": "victim", "given_name": "Ilinca", "family_name": "Vasilescu"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        if i < identified {
            let (s, d) = app
                .post(
                    &format!("/api/v1/cases/{id}/decisions"),
                    token,
                    json!({"person_id": person["id"], "trafficking_status": "PossibleVictimOfTrafficking",
                           "deciding_org_type": "CentralGovernmentOrganisation"}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{d}");
        }
    }
}

fn stage(v: &Value, key: &str) -> Value {
    v["cases_by_stage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == key)
        .unwrap()["count"]
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indicators_count_and_protect_small_numbers() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let worker = app.user("North", "worker", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let south = app.user("South", "south", Role::Caseworker).await;
        cases(&app, &worker, 8, 3).await;
        cases(&app, &south, 2, 0).await;

        // A case worker of North sees North's exact figures.
        let (s, v) = app.get("/api/v1/indicators", &worker).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        assert_eq!(v["protected"], false);
        assert_eq!(v["scope"], "organisation");
        assert_eq!(v["cases_total"], 8, "{backend}: {v}");
        assert_eq!(v["victims_identified"], 3);
        assert_eq!(stage(&v, "opened"), 5);
        assert_eq!(stage(&v, "victim_identified"), 3);

        // The analyst sees counts only: 3 is small, and hiding it alone would let 8 - 5 give
        // it away, so the other stage is hidden as well; the total stays.
        let (s, v) = app.get("/api/v1/indicators", &analyst).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["protected"], true);
        assert_eq!(v["victims_identified"], "<5");
        assert_eq!(stage(&v, "victim_identified"), "<5");
        assert_eq!(stage(&v, "opened"), "<5");
        assert_eq!(v["cases_total"], 8);

        // South counts only its own cases; the network view is protected for everyone.
        let (_, v) = app.get("/api/v1/indicators", &south).await;
        assert_eq!(v["cases_total"], "2".parse::<u64>().unwrap());
        let (_, v) = app.get("/api/v1/indicators?scope=network", &worker).await;
        assert_eq!(v["protected"], true);
        // 10 cases in all, but North knows its own 8 exactly: South's 2 would follow.
        assert_eq!(v["cases_total"], "<5", "{backend}: {v}");
        assert_eq!(v["victims_identified"], "<5");
        // South adds five more: now the others' part (7) is no longer small.
        cases(&app, &south, 5, 0).await;
        let (_, v) = app.get("/api/v1/indicators?scope=network", &worker).await;
        assert_eq!(v["cases_total"], 15, "{backend}: {v}");

        // Protected readers get whole calendar months.
        let (_, v) = app
            .get("/api/v1/indicators?from=2026-03-10&to=2026-03-20", &analyst)
            .await;
        assert_eq!(
            (v["from"].as_str(), v["to"].as_str()),
            (Some("2026-03-01"), Some("2026-03-31"))
        );
        let (_, v) = app
            .get("/api/v1/indicators?from=2026-03-10&to=2026-03-20", &worker)
            .await;
        assert_eq!(v["from"], "2026-03-10", "exact readers keep their days");

        // The period filters: nothing was opened last year.
        let (_, v) = app
            .get("/api/v1/indicators?from=2001-01-01&to=2001-12-31", &worker)
            .await;
        assert_eq!(v["cases_total"], 0);
        assert_eq!(v["from"], "2001-01-01");

        // Bad input names the field; no token is 401.
        let (s, e) = app
            .get("/api/v1/indicators?from=2026-05-01&to=2026-04-01", &worker)
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "to");
        let (s, e) = app.get("/api/v1/indicators?scope=world", &worker).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "scope");
        let (s, e) = app.get("/api/v1/indicators?colour=red", &worker).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{e}");
        let (s, _) = app
            .call(Method::GET, "/api/v1/indicators", None, None)
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (_, doc) = app
            .call(Method::GET, "/api/v1/openapi.json", None, None)
            .await;
        assert!(
            doc["paths"]["/api/v1/indicators"]["get"].is_object(),
            "the OpenAPI document lists the indicators"
        );

        // Reading the figures is audited.
        let events = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &Default::default(),
            )
            .await
            .unwrap();
        assert!(
            events.iter().any(|e| e.action == "indicators.read"),
            "{backend}"
        );
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_indicators_page_draws_charts_and_hides_small_counts() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let worker = app.user("North", "worker", Role::Caseworker).await;
        app.user("North", "analyst", Role::Analyst).await;
        cases(&app, &worker, 6, 2).await;
        let mut b = Browser::new(&app);
        let (s, location, _) = b.get("/indicators").await;
        assert_eq!(
            (s, location.as_deref()),
            (StatusCode::SEE_OTHER, Some("/login")),
            "{backend}: anonymous visitors are sent to sign in"
        );
        b.sign_in("analyst").await;
        let (s, _, page) = b.get("/indicators").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(page.contains("id=\"protected\""), "{page}");
        assert!(page.contains("<svg"), "{page}");
        assert!(page.contains("id=\"table-stages\""));
        // Every label is a translated text, never a message id.
        for label in [
            "More than 120 months",
            "Victim identified",
            "Social workers",
            "Acquitted",
        ] {
            assert!(page.contains(label), "{label}");
        }
        assert!(!page.contains("stats-"), "an untranslated id: {page}");
        assert!(
            page.contains("data-key=\"victims-identified\">&#60;5</dd>"),
            "{page}"
        );
        assert!(page.contains("data-key=\"cases\">6</dd>"), "{page}");
        let (_, _, ro) = b.get("/indicators?lang=ro").await;
        assert!(ro.contains("Indicatori ai justiției"));
        let (s, _, _) = b.get("/indicators?to=nonsense").await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_staff_role_reads_the_indicators_and_only_cases_workers_exactly() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        for role in Role::ALL {
            let token = app
                .user("North", &format!("u-{}", role.as_str()), role)
                .await;
            let (s, v) = app.get("/api/v1/indicators", &token).await;
            assert_eq!(s, StatusCode::OK, "{backend} {role:?}: {v}");
            let exact = libertas_domain::admin::Policy::reads_personal_data(role);
            assert_eq!(v["protected"], !exact, "{backend} {role:?}");
        }
        app.stop().await;
    }
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
        let (s, v) = app.get("/api/v1/indicators", &inv).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        assert_eq!(stage(&v, "verdict"), 6, "{backend}: {v}");
        assert_eq!(stage(&v, "charged"), 0);
        assert_eq!(v["victims_identified"], 6);
        assert_eq!(v["victims_brought_to_safety"], 2);
        assert_eq!(v["identified_with_care_plan"], 5);
        assert!((v["assistance_rate"].as_f64().unwrap() - 5.0 / 6.0).abs() < 1e-9);
        assert_eq!(v["charges"], 6);
        assert_eq!(cell(&v, "verdicts_by_outcome", "convicted"), 5);
        assert_eq!(cell(&v, "verdicts_by_outcome", "acquitted"), 1);
        assert_eq!(v["convictions"], 5);
        assert!((v["conviction_rate"].as_f64().unwrap() - 5.0 / 6.0).abs() < 1e-9);
        assert_eq!(v["days_referral_to_charge"]["median"], 30.0, "{v}");
        assert_eq!(v["days_referral_to_charge"]["n"], 6);
        assert_eq!(v["days_charge_to_verdict"]["median"], 119.0);
        assert_eq!(v["sentence_months"]["median"], 48.0);
        let bands: Vec<Value> = v["sentence_bands"]
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

        // The analyst: small parts and everything that would reveal them are hidden.
        let (_, a) = app.get("/api/v1/indicators", &analyst).await;
        assert_eq!(a["victims_identified"], 6);
        assert_eq!(a["victims_brought_to_safety"], "<5");
        assert_eq!(
            a["identified_with_care_plan"], "<5",
            "one without a plan: {a}"
        );
        assert!(a["assistance_rate"].is_null());
        assert_eq!(a["convictions"], "<5");
        assert!(a["conviction_rate"].is_null());
        assert_eq!(cell(&a, "verdicts_by_outcome", "acquitted"), "<5");
        assert_eq!(a["days_referral_to_charge"]["median"], 30.0);
        assert_eq!(a["sentence_months"]["median"], 48.0);
        assert_eq!(a["training_events"], "<5");
        assert_eq!(cell(&a, "training_reach", "prosecutor"), "<5");
        assert_eq!(
            cell(&a, "training_reach", "police"),
            "<5",
            "secondary suppression: 22 - 18 would give the prosecutors away"
        );
        assert_eq!(a["participants"], 22);
        // Outside the period, nothing.
        let (_, old) = app
            .get("/api/v1/indicators?from=2024-01-01&to=2024-12-31", &inv)
            .await;
        assert_eq!(old["charges"], 0);
        assert_eq!(old["training_events"], 0);
        assert_eq!(old["victims_brought_to_safety"], 0);
        app.stop().await;
    }
}
