//! The API document states every constraint the server enforces on a request value, so that a
//! client generated from it is never surprised (issue 9): every string a code list, a pattern or
//! a format; every number a range; every list a size limit; every object its fields. The
//! server's side of the bargain — what the document allows is accepted, what it forbids is
//! refused — is checked by the schemathesis run (`.ci/schemathesis.sh`) and, for each rule
//! the server was made stricter on, by the HTTP tests of its feature and `contract_http.rs`.

use serde_json::Value;

fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v["$ref"].as_str() {
        Some(r) => {
            let name = r.trim_start_matches("#/components/schemas/");
            &doc["components"]["schemas"][name]
        }
        None => v,
    }
}

fn types(v: &Value) -> Vec<&str> {
    match &v["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

/// Every way `v` falls short of stating its constraints, under the name `at`.
fn unstated(doc: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    let v = resolve(doc, v);
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(branches) = v[key].as_array() {
            for (i, b) in branches.iter().enumerate() {
                unstated(doc, b, &format!("{at}/{key}[{i}]"), out);
            }
        }
    }
    for t in types(v) {
        let has = |k: &str| v.get(k).is_some();
        match t {
            "string" if !(has("enum") || has("pattern") || has("format") || has("const")) => {
                out.push(format!(
                    "{at}: a string without a code list, pattern or format"
                ));
            }
            "integer" | "number"
                if !(has("minimum") || has("exclusiveMinimum"))
                    || !(has("maximum") || has("exclusiveMaximum")) =>
            {
                out.push(format!("{at}: a number without its range"));
            }
            "array" => {
                if !has("maxItems") {
                    out.push(format!("{at}: a list without its size limit"));
                }
                unstated(doc, &v["items"], &format!("{at}[]"), out);
            }
            "object" => {
                if v["additionalProperties"] != Value::Bool(false) {
                    out.push(format!("{at}: an object open to undeclared fields"));
                }
                for (name, p) in v["properties"].as_object().into_iter().flatten() {
                    unstated(doc, p, &format!("{at}.{name}"), out);
                }
            }
            _ => {}
        }
    }
    let composed = ["anyOf", "oneOf", "allOf"]
        .iter()
        .any(|k| v.get(*k).is_some());
    if types(v).is_empty() && !composed && v.get("enum").is_none() && v.get("const").is_none() {
        out.push(format!("{at}: no type"));
    }
}

#[test]
fn every_request_value_states_its_constraints() {
    let doc = libertas_web::openapi::document();
    let mut out = vec![];
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let name = format!("{} {path}", method.to_uppercase());
            for p in op["parameters"].as_array().into_iter().flatten() {
                if p["in"] == "query" {
                    checked += 1;
                    unstated(
                        &doc,
                        &p["schema"],
                        &format!("{name} ?{}", p["name"]),
                        &mut out,
                    );
                }
            }
            if let Some(body) = op.get("requestBody") {
                for (media, content) in body["content"].as_object().into_iter().flatten() {
                    checked += 1;
                    unstated(
                        &doc,
                        &content["schema"],
                        &format!("{name} {media}"),
                        &mut out,
                    );
                }
            }
        }
    }
    assert!(checked > 40, "only {checked} request parts found");
    assert!(out.is_empty(), "{}", out.join("\n"));
}

#[test]
fn case_status_variants_cover_every_status_once() {
    let doc = libertas_web::openapi::document();
    let schema = &doc["components"]["schemas"]["StatusJson"];
    let mut statuses: Vec<&str> = schema["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| v["properties"]["status"]["enum"].as_array().unwrap())
        .map(|s| s.as_str().unwrap())
        .collect();
    statuses.sort();
    let mut all: Vec<&str> = libertas_domain::cases::CaseStatus::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    all.sort();
    assert_eq!(statuses, all);
}

#[test]
fn assessment_scores_follow_the_domains() {
    let doc = libertas_web::openapi::document();
    let domains = &doc["components"]["schemas"]["DomainsInput"];
    let required: Vec<&str> = domains["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    for d in libertas_domain::care::DOMAINS {
        let scores = &domains["properties"][d.key]["properties"]["scores"];
        let n = d.subdomains.len() as u64;
        assert_eq!(scores["minItems"].as_u64(), Some(n), "{}", d.key);
        assert_eq!(scores["maxItems"].as_u64(), Some(n), "{}", d.key);
        assert!(required.contains(&d.key), "{} is required", d.key);
    }
    assert_eq!(required.len(), libertas_domain::care::DOMAINS.len());
}
