//! Consent records and outcome assessments (issue 4, items 10 and 11) over HTTP, on SQLite
//! and, when `LIBERTAS_TEST_DATABASE_URL` is set, PostgreSQL.

use crate::care_common::{consent, scores, victim};
use crate::common;
use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_domain::care::Purpose;
use libertas_domain::ids::PersonId;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consent_round_trip_and_withdrawal() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        let pid = victim(&app, &ana).await;
        let path = format!("/api/v1/people/{pid}/consents");

        let (s, list) = app.get(&path, &ana).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(list["current"].is_null());
        assert_eq!(list["allows"]["data_sharing"], false);

        let (s, rec) = app.post(&path, &ana, consent(true)).await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {rec}");
        assert_eq!(rec["kind"], "given");
        assert_eq!(rec["recorded_by"], "ana");
        let (_, list) = app.get(&path, &ana).await;
        assert_eq!(list["current"]["answers"]["retention_months"], 60);
        assert_eq!(list["allows"]["data_sharing"], true);

        let (s, rec) = app
            .post(
                &format!("{path}/withdraw"),
                &ana,
                json!({"purposes": ["data_sharing"]}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {rec}");
        assert_eq!(rec["kind"], "withdrawal");
        let (_, list) = app.get(&path, &ana).await;
        assert_eq!(
            list["allows"]["data_sharing"], false,
            "withdrawal stops sharing"
        );
        assert_eq!(list["allows"]["data_use"], true, "only what was withdrawn");
        assert_eq!(list["history"].as_array().unwrap().len(), 2, "history kept");
        // The function other features (referrals) call before sharing.
        let principal = app.store.principal_for_token(&ana).await.unwrap().unwrap();
        let person: PersonId = pid.parse().unwrap();
        let allows = |purpose| {
            let (store, principal) = (&app.store, &principal);
            async move {
                store
                    .consent_allows(principal, person, purpose, "test")
                    .await
                    .unwrap()
            }
        };
        assert!(!allows(Purpose::DataSharing).await, "{backend}");
        assert!(allows(Purpose::DataUse).await);
        assert!(allows(Purpose::Interview).await);

        let (s, err) = app
            .post(
                &format!("{path}/withdraw"),
                &ana,
                json!({"purposes": ["everything"]}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(err["error"]["field"], "purposes[0]");
        let mut bad = consent(true);
        bad["retention_months"] = json!(0);
        let (s, err) = app.post(&path, &ana, bad).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(err["error"]["field"], "retention_months");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assessments_are_scored_and_drawn() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        let pid = victim(&app, &ana).await;
        let path = format!("/api/v1/people/{pid}/assessments");

        let (s, out) = app
            .post(&path, &ana, scores("2025-01-15", [1, 2, 3], 2))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {out}");
        let a = &out["assessment"];
        assert_eq!(a["domains"][0]["domain"], "safety");
        assert_eq!(a["domains"][0]["score"], 2.0);
        assert_eq!(a["overall"], 2.0);
        assert_eq!(out["next_due"], "2025-07-15");

        let (s, out) = app
            .post(&path, &ana, scores("2025-07-20", [4, 4, 4], 3))
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let overall = out["assessment"]["overall"].as_f64().unwrap();
        assert!((overall - (4.0 + 5.0 * 3.0) / 6.0).abs() < 1e-9);
        assert_eq!(out["next_due"], "2026-01-15");

        let (s, list) = app.get(&path, &ana).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(list["assessments"].as_array().unwrap().len(), 2);
        assert_eq!(list["next_due"], "2026-01-15");

        let (s, err) = app
            .post(&path, &ana, scores("2025-08-01", [1, 4, 5], 2))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(err["error"]["field"], "domains.safety.scores[2]");
        let (s, err) = app
            .post(&path, &ana, scores("2999-01-01", [1, 1, 1], 1))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(err["error"]["field"], "assessed_on");
        let (_, list) = app.get(&path, &ana).await;
        assert_eq!(
            list["assessments"].as_array().unwrap().len(),
            2,
            "nothing half-written"
        );

        let mut b = Browser::new(&app);
        let csrf = b.sign_in("ana").await;
        let (s, _, page) = b.get(&format!("/people/{pid}/care")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("<svg"), "{backend}");
        assert!(page.contains("<title id=\"chart-title\">") && page.contains("<desc"));
        assert_eq!(
            page.matches("<polyline").count(),
            7,
            "six domains and the overall"
        );
        assert!(page.contains("2025-07-20") && page.contains("<table id=\"scores\">"));
        let svg = common::between(&page, "<svg", "</svg>");
        if let Ok(dir) = std::env::var("LIBERTAS_TEST_DUMP_SVG") {
            std::fs::write(
                format!("{dir}/chart-{backend}.svg"),
                format!("<svg{svg}</svg>"),
            )
            .unwrap();
        }
        assert!(!svg.contains("style="), "no inline style under the CSP");

        let mut form: Vec<(String, String)> = vec![
            ("csrf".into(), csrf.clone()),
            ("assessed_on".into(), "2025-09-01".into()),
        ];
        for (d, n) in [
            ("safety", 3),
            ("legal_protection", 3),
            ("mental_wellbeing", 3),
            ("economic_empowerment", 4),
            ("social_support", 2),
            ("physical_wellbeing", 3),
        ] {
            for i in 0..n {
                form.push((format!("{d}.{i}"), "4".into()));
            }
        }
        let f: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (s, loc, _) = b.post(&format!("/people/{pid}/care/assessments"), &f).await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        assert_eq!(loc.unwrap(), format!("/people/{pid}/care"));
        let form = [
            ("csrf", csrf.as_str()),
            ("interview", "1"),
            ("purpose_explained", "1"),
            ("retention_months", "24"),
        ];
        let (s, _, _) = b.post(&format!("/people/{pid}/care/consents"), &form).await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (_, list) = app
            .get(&format!("/api/v1/people/{pid}/consents"), &ana)
            .await;
        assert_eq!(list["allows"]["interview"], true);
        assert_eq!(list["allows"]["data_sharing"], false);
        let (_, list) = app.get(&path, &ana).await;
        assert_eq!(list["assessments"].as_array().unwrap().len(), 3);
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_care_needs_a_current_assessment_and_a_justification() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Caseworker).await;
        let pid = victim(&app, &ana).await;
        let path = format!("/api/v1/people/{pid}/care-closures");
        let why = json!({"justification": "Goals met; she chose to end support."});

        // Without a current assessment the request conflicts with the person's record: 409.
        let (s, err) = app.post(&path, &ana, why.clone()).await;
        assert_eq!(s, StatusCode::CONFLICT, "{backend}");
        assert_eq!(err["error"]["code"], "conflict");
        assert_eq!(err["error"]["field"], "assessments");
        // An assessment two years old is overdue: still refused.
        let old = format!("/api/v1/people/{pid}/assessments");
        let (s, _) = app
            .post(&old, &ana, scores("2020-01-01", [3, 3, 3], 3))
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (s, err) = app.post(&path, &ana, why.clone()).await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert_eq!(err["error"]["field"], "assessments");

        let today = time::OffsetDateTime::now_utc().date().to_string();
        let (s, a) = app.post(&old, &ana, scores(&today, [4, 4, 4], 4)).await;
        assert_eq!(s, StatusCode::CREATED, "{a}");
        let (s, err) = app
            .post(&path, &ana, json!({"justification": "done"}))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(err["error"]["field"], "justification");
        let (s, c) = app.post(&path, &ana, why.clone()).await;
        assert_eq!(s, StatusCode::CREATED, "{c}");
        assert_eq!(
            c["assessment_id"], a["assessment"]["id"],
            "rests on the latest"
        );
        let (s, list) = app.get(&path, &ana).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(list["closures"][0]["justification"], why["justification"]);

        assert_eq!(
            app.post(&path, &analyst, why.clone()).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(app.get(&path, &other).await.0, StatusCode::NOT_FOUND);
        assert_eq!(
            app.call(Method::GET, &path, None, None).await.0,
            StatusCode::UNAUTHORIZED
        );
        app.stop().await;
    }
}
