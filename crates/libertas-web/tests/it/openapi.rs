//! The OpenAPI document is a contract: it lists exactly the API routes the server serves, and
//! for each every status the shared layers can answer, so a generated client is never
//! surprised. (The schemathesis run in `.ci/run` checks the rest against a live server.)

use serde_json::Value;
use std::collections::BTreeSet;

fn document() -> Value {
    libertas_web::openapi::document()
}

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                out.push((method.to_uppercase(), path.clone(), op.clone()));
            }
        }
    }
    out
}

#[test]
fn the_document_lists_exactly_the_api_routes_served() {
    let doc = document();
    let documented: BTreeSet<(String, String)> = operations(&doc)
        .into_iter()
        .map(|(m, p, _)| (m, p))
        .collect();
    let served: BTreeSet<(String, String)> = libertas_web::route_table()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/") && r.path != "/api/v1/openapi.json")
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty() && unserved.is_empty(),
        "served but not documented: {undocumented:?}\ndocumented but not served: {unserved:?}"
    );
}

#[test]
fn every_operation_states_what_the_shared_layers_answer() {
    let doc = document();
    assert!(doc["components"]["schemas"]["Error"].is_object());
    for (method, path, op) in operations(&doc) {
        let responses = op["responses"].as_object().unwrap();
        let has = |s: &str| responses.contains_key(s);
        let name = format!("{method} {path}");
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{name}: no success response"
        );
        let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
        assert_eq!(
            secured,
            !path.starts_with("/api/v1/public/"),
            "{name}: only the public routes go without credentials"
        );
        if secured {
            assert!(has("401") && has("403"), "{name}: 401 and 403");
        }
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        for p in &params {
            // A parameter documented in the path that the path does not hold is a query
            // parameter declared without `parameter_in = Query`: clients would send it where
            // the server never reads it.
            if p["in"] == "path" {
                let name = p["name"].as_str().unwrap_or_default();
                assert!(
                    path.contains(&format!("{{{name}}}")),
                    "{method} {path}: `{name}` is documented as a path parameter"
                );
            }
            if p["in"] == "path" {
                assert!(has("400") && has("404"), "{name}: 400 and 404");
                let schema = &p["schema"];
                assert!(
                    schema["format"] == "uuid" || schema["pattern"].is_string(),
                    "{name}: path parameter {} has no exact form",
                    p["name"]
                );
            }
        }
        if op.get("requestBody").is_some() {
            for s in ["400", "413", "415"] {
                assert!(has(s), "{name}: {s}");
            }
        }
        for (status, r) in responses {
            if status.starts_with('4') {
                assert_eq!(
                    r["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/Error",
                    "{name} {status}: the error body"
                );
            }
        }
    }
}

#[test]
fn request_schemas_refuse_undeclared_properties() {
    let doc = document();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for (method, path, op) in operations(&doc) {
        let Some(body) = op.get("requestBody") else {
            continue;
        };
        let Some(r) = body["content"]["application/json"]["schema"]["$ref"].as_str() else {
            continue;
        };
        let name = r.trim_start_matches("#/components/schemas/");
        // A schema with variants (`oneOf`: which fields go with which status) is closed in each.
        let variants = match schemas[name]["oneOf"].as_array() {
            Some(v) => v.clone(),
            None => vec![schemas[name].clone()],
        };
        for v in variants {
            assert_eq!(
                v["additionalProperties"],
                Value::Bool(false),
                "{method} {path}: {name}"
            );
        }
    }
}
