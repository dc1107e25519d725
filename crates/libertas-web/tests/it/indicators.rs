//! Justice indicators over real HTTP: figures counted from the database, filtered by period
//! and organisation, exact for case workers of the organisation; analysts, trainers and
//! everyone looking at the whole network get published calendar quarters, protected as one
//! table (`indicators_attack.rs` attacks them). SQLite always, PostgreSQL when configured.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_domain::stats::Quarter;
use libertas_store::stats::testing::backdate;
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

/// Moves every case and decision recorded since `since` into `at` (a day of 2025), as if
/// entered then: protected readers see published quarters only.
async fn entered_on(app: &TestApp, since: &str, at: &str) {
    backdate(&app.store, since, &format!("{at}T10:00:00.000000Z")).await;
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
        entered_on(&app, "2000-01-01", "2025-05-15").await;

        // A case worker of North sees North's exact figures, for any days.
        let (s, v) = app
            .get("/api/v1/indicators?from=2025-05-15&to=2025-05-15", &worker)
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        assert_eq!(v["protected"], false);
        assert_eq!(v["scope"], "organisation");
        assert_eq!(
            (v["from"].as_str(), v["quarter"].is_null()),
            (Some("2025-05-15"), true)
        );
        assert_eq!(v["cases_total"], 8, "{backend}: {v}");
        assert_eq!(v["victims_identified"], 3);
        assert_eq!(stage(&v, "opened"), 5);
        assert_eq!(stage(&v, "victim_identified"), 3);

        // The analyst sees the published quarter: 3 is small, and hiding it alone would let
        // 8 - 5 give it away, so the other stage is hidden as well; the total stays.
        let (s, v) = app.get("/api/v1/indicators?to=2025-06-30", &analyst).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["protected"], true);
        assert_eq!(v["quarter"], "2025-Q2");
        assert_eq!(
            (v["from"].as_str(), v["to"].as_str()),
            (Some("2025-04-01"), Some("2025-06-30"))
        );
        assert!(v["published_at"].is_string());
        assert!(v["victims_identified"].is_null(), "{backend}: {v}");
        assert!(stage(&v, "victim_identified").is_null());
        assert!(stage(&v, "opened").is_null());
        assert_eq!(v["cases_total"], 8);
        assert_eq!(v["identified_with_care_plan"], 0, "zeros are printed");
        let published = v;

        // South counts only its own cases; the network view is protected for everyone.
        let (_, v) = app
            .get("/api/v1/indicators?from=2025-01-01&to=2025-12-31", &south)
            .await;
        assert_eq!(v["cases_total"], 2);
        let (_, v) = app
            .get("/api/v1/indicators?to=2025-06-30&scope=network", &worker)
            .await;
        assert_eq!(v["protected"], true);
        // 10 cases in all, but North knows its own 8 exactly: South's 2 would follow.
        assert!(v["cases_total"].is_null(), "{backend}: {v}");
        assert!(v["victims_identified"].is_null());

        // A published quarter never changes: two more cases entered late into the second
        // quarter show in North's exact figures only.
        let since = libertas_store::clock::now_text();
        cases(&app, &worker, 2, 0).await;
        entered_on(&app, &since, "2025-06-01").await;
        let (_, exact) = app
            .get("/api/v1/indicators?from=2025-04-01&to=2025-06-30", &worker)
            .await;
        assert_eq!(exact["cases_total"], 10);
        let (_, again) = app.get("/api/v1/indicators?to=2025-06-30", &analyst).await;
        assert_eq!(
            again, published,
            "{backend}: the published quarter is kept as it was"
        );

        // South's five cases of the third quarter: the others' part (5) is not small.
        let since = libertas_store::clock::now_text();
        cases(&app, &south, 5, 0).await;
        entered_on(&app, &since, "2025-08-10").await;
        let (_, v) = app
            .get("/api/v1/indicators?to=2025-09-30&scope=network", &worker)
            .await;
        assert_eq!(v["cases_total"], 5, "{backend}: {v}");

        // Protected readers get whole calendar quarters; the latest published by default.
        let (_, v) = app
            .get("/api/v1/indicators?from=2025-03-10&to=2025-03-20", &analyst)
            .await;
        assert_eq!(
            (v["from"].as_str(), v["to"].as_str(), v["quarter"].as_str()),
            (Some("2025-01-01"), Some("2025-03-31"), Some("2025-Q1"))
        );
        let today = time::OffsetDateTime::now_utc().date();
        let latest = Quarter::for_protected_reader(today, today).label();
        for query in ["", "?to=2099-12-31"] {
            let (_, v) = app
                .get(&format!("/api/v1/indicators{query}"), &analyst)
                .await;
            assert_eq!(v["quarter"].as_str(), Some(latest.as_str()), "{query}");
        }
        let (_, v) = app
            .get("/api/v1/indicators?from=2026-03-10&to=2026-03-20", &worker)
            .await;
        assert_eq!(v["from"], "2026-03-10", "exact readers keep their days");

        // The period filters: nothing was opened in 2001.
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
        let op = &doc["paths"]["/api/v1/indicators"]["get"];
        assert!(op.is_object(), "the OpenAPI document lists the indicators");
        for status in ["200", "400", "401"] {
            assert!(op["responses"][status].is_object(), "{status}");
        }

        // Reading the figures is audited, and so is publishing a quarter.
        let events = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &Default::default(),
            )
            .await
            .unwrap();
        for action in ["indicators.read", "indicators.publish"] {
            assert!(
                events.iter().any(|e| e.action == action),
                "{backend} {action}"
            );
        }
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
        entered_on(&app, "2000-01-01", "2025-05-15").await;
        let mut b = Browser::new(&app);
        let (s, location, _) = b.get("/indicators").await;
        assert_eq!(
            (s, location.as_deref()),
            (StatusCode::SEE_OTHER, Some("/login")),
            "{backend}: anonymous visitors are sent to sign in"
        );
        b.sign_in("analyst").await;
        let (s, _, page) = b.get("/indicators?to=2025-06-30").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(page.contains("id=\"protected\""), "{page}");
        assert!(page.contains("id=\"published\""), "{page}");
        assert!(page.contains("2025-Q2"), "{page}");
        assert!(page.contains("<svg"), "{page}");
        for table in [
            "stages",
            "verdicts",
            "verdict-time",
            "sentences",
            "referral",
            "reach",
        ] {
            assert!(page.contains(&format!("id=\"table-{table}\"")), "{table}");
        }
        // Every label is a translated text, never a message id.
        for label in [
            "More than 120 months",
            "Victim identified",
            "Social workers",
            "Acquitted",
            "More than a year",
        ] {
            assert!(page.contains(label), "{label}");
        }
        assert!(!page.contains("stats-"), "an untranslated id: {page}");
        assert!(
            page.contains("data-key=\"victims-identified\">not shown</dd>"),
            "{page}"
        );
        assert!(
            page.contains("data-key=\"stages.victim_identified\">not shown</td>"),
            "{page}"
        );
        assert!(page.contains("data-key=\"cases\">6</dd>"), "{page}");
        assert!(
            !page.contains("&#60;5"),
            "no \"<5\" marks: hidden is hidden, whatever its size"
        );
        let (_, _, ro) = b.get("/indicators?lang=ro&to=2025-06-30").await;
        assert!(ro.contains("Indicatori ai justiției"));
        assert!(ro.contains("nu se arată"));
        let (s, _, _) = b.get("/indicators?to=nonsense").await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_case_role_reads_the_indicators_and_only_cases_workers_exactly() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        for role in Role::ALL {
            let token = app
                .user("North", &format!("u-{}", role.as_str()), role)
                .await;
            let (s, v) = app.get("/api/v1/indicators", &token).await;
            // The supporter side sees no statistic about the case work (docs/supporters.md).
            if role.is_supporter_side() {
                assert_eq!(s, StatusCode::FORBIDDEN, "{backend} {role:?}: {v}");
                continue;
            }
            assert_eq!(s, StatusCode::OK, "{backend} {role:?}: {v}");
            let exact = libertas_domain::admin::Policy::reads_personal_data(role);
            assert_eq!(v["protected"], !exact, "{backend} {role:?}");
        }
        app.stop().await;
    }
}
