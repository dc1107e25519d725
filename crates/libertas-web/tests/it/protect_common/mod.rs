//! The case every Protect test starts from: a caseworker's case with a victim and a witness,
//! on a server configured with a holiday list.

use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_web::WebConfig;
use reqwest::StatusCode;
use serde_json::json;
use time::macros::date;

pub struct Fixture {
    pub app: TestApp,
    pub owner: String,
    pub case_id: String,
    pub victim: String,
    pub witness: String,
}

pub async fn fixture(backend: &str) -> Fixture {
    let config = WebConfig {
        // Christmas Day and the Monday after, 2098 (a Thursday and a Monday).
        holidays: vec![date!(2098 - 12 - 25), date!(2098 - 12 - 29)],
        ..WebConfig::default()
    };
    let app = TestApp::spawn_with(backend, config).await;
    let owner = app.user("North", "owner", Role::Caseworker).await;
    let (_, case) = app
        .post("/api/v1/cases", &owner, json!({"title": "Operation Lark"}))
        .await;
    let case_id = case["id"].as_str().unwrap().to_owned();
    let mut ids = vec![];
    for role in ["victim", "witness"] {
        let (s, p) = app
            .post(
                &format!("/api/v1/cases/{case_id}/people"),
                &owner,
                json!({"role": role, "given_name": "Zamfira", "family_name": "Oprescu"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}");
        ids.push(p["id"].as_str().unwrap().to_owned());
    }
    Fixture {
        app,
        owner,
        case_id,
        victim: ids[0].clone(),
        witness: ids[1].clone(),
    }
}
