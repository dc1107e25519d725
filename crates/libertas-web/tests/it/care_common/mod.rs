//! What the care tests share: a case with one victim, and request bodies.

use crate::common::TestApp;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A case owned by `owner` with one victim; returns the person id.
pub async fn victim(app: &TestApp, owner: &str) -> String {
    let (s, case) = app
        .post("/api/v1/cases", owner, json!({"title": "Operation Wren"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let cid = case["id"].as_str().unwrap();
    let (s, person) = app
        .post(
            &format!("/api/v1/cases/{cid}/people"),
            owner,
            json!({"role": "victim", "given_name": "Ilinca", "family_name": "Vlad"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    person["id"].as_str().unwrap().to_owned()
}

pub fn consent(sharing: bool) -> Value {
    json!({
        "interview": true, "purpose_explained": true, "data_use": true,
        "data_sharing": sharing, "research_use": true, "right_to_see_explained": true,
        "withdrawal_explained": true, "retention_months": 60
    })
}

pub fn scores(on: &str, safety: [i64; 3], rest: i64) -> Value {
    json!({
        "assessed_on": on,
        "domains": {
            "safety": {"scores": safety},
            "legal_protection": {"scores": [rest, rest, rest]},
            "mental_wellbeing": {"scores": [rest, rest, rest]},
            "economic_empowerment": {"scores": [rest, rest, rest, rest]},
            "social_support": {"scores": [rest, rest]},
            "physical_wellbeing": {"scores": [rest, rest, rest]}
        }
    })
}
