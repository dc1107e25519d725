//! Helpers shared by the evidence tests: a multipart upload, a fresh case.

use crate::common::TestApp;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Uploads `bytes` as `name` to `case` through the API.
pub async fn upload(
    app: &TestApp,
    token: &str,
    case: &str,
    bytes: Vec<u8>,
    name: &str,
) -> (StatusCode, Value) {
    let form = Form::new()
        .part("file", Part::bytes(bytes).file_name(name.to_owned()))
        .text("description", "Statement given at the shelter");
    let res = app
        .http
        .post(format!("{}/api/v1/cases/{case}/evidence", app.base))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let s = res.status();
    crate::common::seen::record(
        "POST",
        &format!("/api/v1/cases/{case}/evidence"),
        true,
        s.as_u16(),
        None,
    );
    (s, res.json().await.unwrap_or(Value::Null))
}

/// Opens a case owned by the token's user.
pub async fn new_case(app: &TestApp, token: &str) -> String {
    let (s, case) = app
        .post("/api/v1/cases", token, json!({"title": "Operation Wren"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    case["id"].as_str().unwrap().to_owned()
}
