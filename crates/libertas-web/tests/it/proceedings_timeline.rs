//! The case timeline through the real server: every source in date order, the report the case
//! came from and identification decisions included, each decrypted entry audited; and the
//! OpenAPI document listing the proceedings routes.

use crate::common;
use crate::evidence_common::upload;
use crate::proceedings_common::fixture;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::{json, Value};

const OUTCOME: &str = "Defendant pleaded not guilty; interpreter Kestrel-7 present";

async fn actions(app: &common::TestApp) -> Vec<String> {
    app.store
        .audit_events(
            libertas_store::admin::Operator::console(),
            &Default::default(),
        )
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_puts_the_case_in_order() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let case = &f.case_id;
        let (s, ev) = upload(
            app,
            &f.owner,
            case,
            b"%PDF-1.4 ledger".to_vec(),
            "ledger.pdf",
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{ev}");
        // Filed out of order on purpose: the timeline sorts by the dates of the events.
        let late = f.charge(1, "2025-04-01").await;
        let charge = f.charge(0, "2025-01-10").await;
        app.post(&format!("/api/v1/charges/{charge}/hearings"), &f.owner,
            json!({"date": "2025-03-01", "court": "Southwark Crown Court", "kind": "trial", "outcome": OUTCOME}))
            .await;
        let verdict = f.verdict(&charge, "convicted", "2025-06-01").await;
        let (s, _) = app
            .post(
                &format!("/api/v1/verdicts/{verdict}/sentences"),
                &f.owner,
                json!({
                    "prison_months": 48, "currency": "GBP",
                    "restitution": [{"person_id": f.victims[1], "amount": 1200}],
                }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        f.verdict(&late, "acquitted", "2025-07-01").await;
        let (s, t) = app
            .get(&format!("/api/v1/cases/{case}/timeline"), &f.lawyer)
            .await;
        assert_eq!(s, StatusCode::OK);
        let entries = t["entries"].as_array().unwrap();
        let kinds: Vec<&str> = entries
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["charge", "hearing", "charge", "verdict", "sentence", "verdict", "evidence"],
            "{backend}: {t}"
        );
        let dates: Vec<&str> = entries
            .iter()
            .map(|e| e["date"].as_str().unwrap())
            .collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted);
        let text = t.to_string();
        assert!(text.contains("Grigore Vulpescu") && text.contains("Lidia Munteanu"));
        assert!(text.contains(OUTCOME) && text.contains("1200.00 GBP"));
        assert!(text.contains("ledger.pdf"));
        assert!(entries.iter().all(|e| e["link"]
            .as_str()
            .unwrap()
            .starts_with(&format!("/cases/{case}/"))));
        let sentence = &entries[4];
        assert_eq!(
            sentence["summary"],
            "Sentence: 48 months' imprisonment; restitution to Lidia Munteanu: 1200.00 GBP"
        );
        assert_eq!(sentence["message"], "timeline-sentence");
        assert_eq!(sentence["values"]["prison"], "48");
        let a = actions(app).await;
        assert!(a.iter().any(|x| x == "case.timeline.read"));
        let decrypted = a.iter().filter(|x| *x == "timeline.entry.read").count();
        assert_eq!(decrypted, 7, "{backend}: every decrypted entry audited");
        // In Romanian; and a suspect erased afterwards reads "(șters)", the survivor's name
        // simply drops out of the restitution line.
        for pid in [&f.suspects[0], &f.victims[1]] {
            app.store
                .erase_person(
                    libertas_store::admin::Operator::console(),
                    pid.parse().unwrap(),
                    "test",
                )
                .await
                .unwrap();
        }
        let (_, t) = app
            .get(&format!("/api/v1/cases/{case}/timeline?lang=ro"), &f.lawyer)
            .await;
        let summaries: Vec<&str> = t["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["summary"].as_str().unwrap())
            .collect();
        assert_eq!(
            summaries[0], "Acuzare: Modern Slavery Act 2015 s.2, capete de acuzare: 2 — (șters)",
            "{backend}: {t}"
        );
        assert_eq!(
            summaries[4],
            "Pedeapsă: 48 luni de închisoare; despăgubiri pentru 1200.00 GBP"
        );
        assert!(!t.to_string().contains("Grigore"));
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_starts_from_the_report_and_shows_decisions() {
    for backend in backends() {
        let app = common::TestApp::spawn(backend).await;
        let ada = app
            .user("North", "ada", libertas_domain::admin::Role::Admin)
            .await;
        let (s, r) = app
            .post("/api/v1/reports", &ada, json!({"channel": "phone", "narrative": "Workers locked in at night at a car wash."}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{r}");
        let rid = r["id"].as_str().unwrap();
        let (s, _) = app
            .post(&format!("/api/v1/reports/{rid}/screening"), &ada, json!({"acts": ["harbouring"], "indicators": ["retention_of_identity_documents"], "purposes": ["forced_labour"]}))
            .await;
        assert_eq!(s, StatusCode::OK);
        let (s, opened) = app
            .post(
                &format!("/api/v1/reports/{rid}/case"),
                &ada,
                json!({"title": "Car wash", "people": [
                {"role": "victim", "given_name": "Ilinca", "family_name": "Dobre"},
                {"role": "suspect", "given_name": "Marcel", "family_name": "Stoica"}]}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{opened}");
        let case = opened["case_id"].as_str().unwrap();
        let (_, people) = app
            .get(&format!("/api/v1/cases/{case}/suspects"), &ada)
            .await;
        let suspect = people["suspects"][0]["person_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (_, people) = app.get(&format!("/api/v1/cases/{case}/people"), &ada).await;
        let victim = people["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["given_name"] == "Ilinca")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (s, d) = app
            .post(&format!("/api/v1/cases/{case}/decisions"), &ada, json!({"person_id": victim, "referral_date": "2025-01-02", "rg_decision": "positive", "rg_date": "2025-01-06"}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{d}");
        let (s, c) = app
            .post(&format!("/api/v1/cases/{case}/charges"), &ada, json!({"suspect_id": suspect, "law": "Cod penal (RO)", "section": "art. 210", "counts": 1, "filed_on": "2025-02-01"}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{c}");
        let (_, t) = app
            .get(&format!("/api/v1/cases/{case}/timeline"), &ada)
            .await;
        let kinds: Vec<&str> = t["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["decision", "decision", "charge", "report"],
            "{backend}: {t}"
        );
        let text = t.to_string();
        assert!(
            text.contains("Ilinca Dobre")
                && text.contains("Reasonable grounds decision, positive: Ilinca Dobre"),
            "{t}"
        );
        assert!(text.contains(&format!("/reports/{rid}")));
        assert!(
            !text.contains("car wash"),
            "the report's narrative stays out of the timeline"
        );
        // An investigator on the case sees the report's entry but gets no link to a report
        // page they may not open.
        let ivy = app
            .user("North", "ivy", libertas_domain::admin::Role::Investigator)
            .await;
        let (s, _) = app
            .post(
                &format!("/api/v1/cases/{case}/members"),
                &ada,
                json!({"username": "ivy"}),
            )
            .await;
        assert!(s.is_success());
        let (_, t) = app
            .get(&format!("/api/v1/cases/{case}/timeline"), &ivy)
            .await;
        let report = t["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "report")
            .unwrap()
            .clone();
        assert!(report["link"].is_null(), "{backend}: {report}");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_lists_the_proceedings_routes() {
    let app = common::TestApp::spawn("sqlite").await;
    let res = app
        .http
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    let doc: Value = res.json().await.unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for (p, methods) in [
        ("/api/v1/cases/{id}/suspects", &["get"][..]),
        ("/api/v1/cases/{id}/suspects/{person_id}/roles", &["put"]),
        ("/api/v1/cases/{id}/charges", &["get", "post"]),
        ("/api/v1/cases/{id}/hearings", &["get", "post"]),
        ("/api/v1/charges/{id}/hearings", &["get", "post"]),
        ("/api/v1/charges/{id}/verdicts", &["get", "post"]),
        ("/api/v1/verdicts/{id}/sentences", &["get", "post"]),
        ("/api/v1/cases/{id}/timeline", &["get"]),
    ] {
        for m in methods {
            assert!(
                paths[p].get(*m).is_some(),
                "{m} {p} missing from the OpenAPI document"
            );
        }
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for s in ["NewChargeJson", "NewSentenceJson", "TimelineEntryJson"] {
        assert!(schemas.contains_key(s), "{s} schema");
    }
    app.stop().await;
}
