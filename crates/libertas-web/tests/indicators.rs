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
        assert_eq!(v["cases_total"], 10);
        assert_eq!(v["victims_identified"], "<5");

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

        // Reading the figures is audited.
        let events = app.store.audit_events(&Default::default()).await.unwrap();
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
        b.sign_in("analyst").await;
        let (s, _, page) = b.get("/indicators").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(page.contains("id=\"protected\""), "{page}");
        assert!(page.contains("<svg"), "{page}");
        assert!(page.contains("id=\"table-stages\""));
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
