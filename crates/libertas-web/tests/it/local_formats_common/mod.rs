//! The case the per-locale format test reads (issue 11): opened from a report, with something
//! dated, counted or priced in every part of it, so that every staff page has a date, a time
//! or an amount to show. Amounts are above a thousand so a group separator must appear.

use crate::common::TestApp;
use crate::evidence_common::upload;
use libertas_domain::admin::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Who reads the pages, and the records they show.
pub struct World {
    pub app: TestApp,
    pub case_id: String,
    pub victim: String,
    pub report_id: String,
    pub training_id: String,
}

/// `POST path` as `token`, which must answer 201; the answer's body.
async fn created(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let (s, v) = app.post(path, token, body).await;
    assert_eq!(s, StatusCode::CREATED, "{path}: {v}");
    v
}

pub async fn world(backend: &str) -> World {
    let app = TestApp::spawn(backend).await;
    let ada = app.user("North", "ada", Role::Admin).await;
    let tina = app.user("North", "tina", Role::Trainer).await;
    let r = created(
        &app,
        &ada,
        "/api/v1/reports",
        json!({"channel": "phone",
        "narrative": "Workers locked in at night at a car wash.",
        "contact": "+40 721 555 123", "safe_to_contact": true}),
    )
    .await;
    let report_id = r["id"].as_str().unwrap().to_owned();
    let (s, _) = app
        .post(
            &format!("/api/v1/reports/{report_id}/screening"),
            &ada,
            json!({"acts": ["harbouring"],
            "indicators": ["retention_of_identity_documents"], "purposes": ["forced_labour"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    created(
        &app,
        &ada,
        &format!("/api/v1/reports/{report_id}/messages"),
        json!({"text": "How many workers are there?"}),
    )
    .await;
    let opened = created(&app, &ada, &format!("/api/v1/reports/{report_id}/case"), json!({
        "title": "Car wash", "people": [
            {"role": "victim", "given_name": "Ilinca", "family_name": "Dobre", "birth_date": "1994-03-02"},
            {"role": "suspect", "given_name": "Marcel", "family_name": "Stoica"}]}))
    .await;
    let case_id = opened["case_id"].as_str().unwrap().to_owned();
    let c = |p: &str| format!("/api/v1/cases/{case_id}{p}");
    let (_, people) = app.get(&c("/people"), &ada).await;
    let id_of = |given: &str| {
        people["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["given_name"] == given)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (victim, suspect) = (id_of("Ilinca"), id_of("Marcel"));

    created(
        &app,
        &ada,
        &c("/notes"),
        json!({"text": "Met the night shift supervisor."}),
    )
    .await;
    created(
        &app,
        &ada,
        &c("/decisions"),
        json!({"person_id": victim,
        "trafficking_status": "PossibleVictimOfTrafficking",
        "deciding_org_type": "CentralGovernmentOrganisation", "referral_date": "2025-01-02",
        "rg_decision": "positive", "rg_date": "2025-01-06"}),
    )
    .await;
    created(
        &app,
        &ada,
        &c("/tasks"),
        json!({"title": "Call the shelter",
        "due_date": "2025-02-03"}),
    )
    .await;
    created(
        &app,
        &ada,
        &c("/notifications"),
        json!({"person_id": victim,
        "exploitation_types": ["forced_labour"], "region": "Iasi", "notified_on": "2025-02-03"}),
    )
    .await;
    created(
        &app,
        &ada,
        &c("/operations"),
        json!({"name": "Car wash inspection",
        "agencies": ["police", "ngo"], "location": "Ring road", "planned_on": "2025-04-10"}),
    )
    .await;

    // A referral needs the survivor's consent to share.
    let person = |p: &str| format!("/api/v1/people/{victim}{p}");
    created(
        &app,
        &ada,
        &person("/consents"),
        json!({"interview": true,
        "purpose_explained": true, "data_use": true, "data_sharing": true,
        "research_use": false, "right_to_see_explained": true, "withdrawal_explained": true,
        "retention_months": 60}),
    )
    .await;
    let shelter = created(
        &app,
        &ada,
        "/api/v1/partners",
        json!({"name": "Casa Speranta",
        "kinds": ["shelter"], "area": "Iasi county", "languages": ["ro"],
        "how_to_refer": "Call the duty officer.", "contact": "+40 232 000 000"}),
    )
    .await;
    created(
        &app,
        &ada,
        &c("/referrals"),
        json!({"person_id": victim,
        "partner_id": shelter["id"], "services": ["shelter"], "note": "Needs a safe place."}),
    )
    .await;

    let (s, ev) = upload(
        &app,
        &ada,
        &case_id,
        b"%PDF-1.4 ledger".to_vec(),
        "ledger.pdf",
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{ev}");
    let eid = ev["id"].as_str().unwrap();
    created(
        &app,
        &ada,
        &c(&format!("/evidence/{eid}/custody")),
        json!({"received_by": "ada",
        "received_from": "Police Station 4", "purpose": "copy for the prosecutor",
        "received_at": "2026-01-05T10:30"}),
    )
    .await;

    let charge = created(
        &app,
        &ada,
        &c("/charges"),
        json!({"suspect_id": suspect,
        "law": "Cod penal (RO)", "section": "art. 210", "counts": 2, "filed_on": "2025-02-01"}),
    )
    .await;
    let charge = charge["id"].as_str().unwrap();
    created(
        &app,
        &ada,
        &format!("/api/v1/charges/{charge}/hearings"),
        json!({
        "date": "2025-03-01", "court": "Iasi Tribunal", "kind": "trial"}),
    )
    .await;
    let verdict = created(
        &app,
        &ada,
        &format!("/api/v1/charges/{charge}/verdicts"),
        json!({"outcome": "convicted", "date": "2025-06-01"}),
    )
    .await;
    created(
        &app,
        &ada,
        &format!(
            "/api/v1/verdicts/{}/sentences",
            verdict["id"].as_str().unwrap()
        ),
        json!({"prison_months": 48, "currency": "GBP", "fine_amount": 1985,
               "restitution": [{"person_id": victim, "amount": 2500}]}),
    )
    .await;

    let plan = created(
        &app,
        &ada,
        &person("/care-plans"),
        json!({"opened_on": "2025-01-10"}),
    )
    .await;
    let cp = |p: &str| format!("/api/v1/care-plans/{}{p}", plan["id"].as_str().unwrap());
    created(
        &app,
        &ada,
        &cp("/goals"),
        json!({"domain": "safety",
        "text": "Moves into a flat of her own", "target_date": "2025-12-01"}),
    )
    .await;
    let service = created(
        &app,
        &ada,
        &cp("/services"),
        json!({"service_type": "Housing",
        "provider": "Casa Noua shelter", "start_date": "2025-01-15", "end_date": "2025-06-30"}),
    )
    .await;
    created(
        &app,
        &ada,
        &format!(
            "/api/v1/services/{}/deliveries",
            service["id"].as_str().unwrap()
        ),
        json!({"delivered_on": "2025-01-20", "delivered": "Keys handed over"}),
    )
    .await;
    for on in ["2025-01-12", "2025-04-12"] {
        created(
            &app,
            &ada,
            &person("/assessments"),
            json!({"assessed_on": on, "domains": {
            "safety": {"scores": [2, 3, 3]},
            "legal_protection": {"scores": [3, 3, 3]},
            "mental_wellbeing": {"scores": [3, 3, 3]},
            "economic_empowerment": {"scores": [3, 3, 3, 3]},
            "social_support": {"scores": [3, 3]},
            "physical_wellbeing": {"scores": [3, 3, 3]}}}),
        )
        .await;
    }

    let training = created(
        &app,
        &tina,
        "/api/v1/trainings",
        json!({"topic": "Indicators",
        "held_on": "2026-03-10", "place": "Iasi", "audiences": ["police"],
        "participants": {"police": 1250}, "pre_score": 50.0, "post_score": 72.5}),
    )
    .await;
    created(
        &app,
        &tina,
        "/api/v1/mentoring",
        json!({"held_on": "2026-04-02",
        "mentee_type": "prosecutor", "topic": "Charging decisions", "duration_minutes": 90}),
    )
    .await;
    World {
        app,
        case_id,
        victim,
        report_id,
        training_id: training["id"].as_str().unwrap().to_owned(),
    }
}
