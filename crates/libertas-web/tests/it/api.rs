//! The JSON API's contract: shapes of the stable surface, bad input, headers, OpenAPI.

use std::collections::BTreeSet;

use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stable_surface_round_trip() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        let (s, case) = app
            .post("/api/v1/cases", &ana, json!({"title": "Operation Lark"}))
            .await;
        assert_eq!(s, StatusCode::CREATED);
        assert_eq!(case["title"], "Operation Lark");
        assert_eq!(case["status"], "Active");
        let id = case["id"].as_str().unwrap();
        let (s, p) = app
            .post(
                &format!("/api/v1/cases/{id}/people"),
                &ana,
                json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu", "birth_date": "2007-05-01",
                       "phone": "+40 721 555 019", "email": "z@example.org", "citizenship": ["RO"],
                       "trafficking_status": "PossibleVictimOfTrafficking"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
        let (s, person) = app
            .get(
                &format!("/api/v1/people/{}", p["id"].as_str().unwrap()),
                &ana,
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(person["given_name"], "Zamfira");
        assert_eq!(person["family_name"], "Oprescu");
        assert_eq!(person["birth_date"], "2007-05-01");
        assert_eq!(person["citizenship"], json!(["RO"]));
        assert_eq!(
            person["cases"][0]["trafficking_status"],
            "PossibleVictimOfTrafficking"
        );
        for text in ["first", "second", "third"] {
            assert_eq!(
                app.post(
                    &format!("/api/v1/cases/{id}/notes"),
                    &ana,
                    json!({"text": text})
                )
                .await
                .0,
                StatusCode::CREATED
            );
        }
        let (_, notes) = app.get(&format!("/api/v1/cases/{id}/notes"), &ana).await;
        let texts: Vec<&str> = notes["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["first", "second", "third"]);
        let (_, notes) = app
            .get(&format!("/api/v1/cases/{id}/notes?limit=2"), &ana)
            .await;
        assert_eq!(notes["notes"].as_array().unwrap().len(), 2);
        assert_eq!(notes["notes"][1]["text"], "third");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_a_precise_4xx_and_writes_nothing() {
    let app = TestApp::spawn("sqlite").await;
    let ana = app.user("North", "ana", Role::Caseworker).await;
    let (_, case) = app
        .post("/api/v1/cases", &ana, json!({"title": "Lark"}))
        .await;
    let id = case["id"].as_str().unwrap();
    let people = format!("/api/v1/cases/{id}/people");
    let events_before = app
        .store
        .audit_events(
            libertas_store::admin::Operator::console(),
            &Default::default(),
        )
        .await
        .unwrap()
        .len();
    let cases: Vec<(serde_json::Value, &str)> = vec![
        (
            json!({"role": "boss", "given_name": "A", "family_name": "B"}),
            "role",
        ),
        (
            json!({"role": "victim", "given_name": "", "family_name": "B"}),
            "given_name",
        ),
        (
            json!({"role": "victim", "given_name": 5, "family_name": "B"}),
            "given_name",
        ),
        (json!({"role": "victim", "given_name": "A"}), "family_name"),
        (
            json!({"role": "victim", "given_name": "A", "family_name": "B", "nickname": "x"}),
            "nickname",
        ),
        (
            json!({"role": "victim", "given_name": "A", "family_name": "B", "birth_date": "2001-02-30"}),
            "birth_date",
        ),
        (
            json!({"role": "victim", "given_name": "A", "family_name": "B", "birth_date": "2999-01-01"}),
            "birth_date",
        ),
        (
            json!({"role": "victim", "given_name": "A", "family_name": "B", "phone": "call me"}),
            "phone",
        ),
        (
            json!({"role": "victim", "given_name": "A", "family_name": "B", "email": "nope"}),
            "email",
        ),
        (
            json!({"role": "victim", "given_name": "A", "family_name": "B", "citizenship": ["RO", "XX"]}),
            "citizenship[1]",
        ),
        (
            json!({"role": "suspect", "given_name": "A", "family_name": "B", "trafficking_status": "PossibleVictimOfTrafficking"}),
            "trafficking_status",
        ),
    ];
    for (body, field) in cases {
        let (s, err) = app.post(&people, &ana, body.clone()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(err["error"]["field"], field, "{body}: {err}");
        assert_eq!(err["error"]["code"], "invalid_field");
    }
    let raw = |body: &'static [u8], ctype: &'static str| {
        app.http
            .post(format!("{}{people}", app.base))
            .bearer_auth(&ana)
            .header("content-type", ctype)
            .body(body)
            .send()
    };
    assert_eq!(
        raw(b"{\"role\": ", "application/json")
            .await
            .unwrap()
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        raw(b"{\"role\": \"\xff\"}", "application/json")
            .await
            .unwrap()
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        raw(b"role=victim", "application/x-www-form-urlencoded")
            .await
            .unwrap()
            .status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let big = format!("{{\"text\": \"{}\"}}", "x".repeat(300 * 1024));
    let res = app
        .http
        .post(format!("{}/api/v1/cases/{id}/notes", app.base))
        .bearer_auth(&ana)
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let err: serde_json::Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "payload_too_large");
    assert_eq!(
        app.get("/api/v1/cases/not-a-uuid", &ana).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get("/api/v1/cases/01a20092-0000-7000-8000-000000000000", &ana)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/v1/nothing-here", &ana).await.0,
        StatusCode::NOT_FOUND
    );
    let (_, notes) = app.get(&format!("/api/v1/cases/{id}/notes"), &ana).await;
    assert_eq!(
        notes["notes"].as_array().unwrap().len(),
        0,
        "nothing half-written"
    );
    let (_, ppl) = app.get(&people, &ana).await;
    assert_eq!(ppl["people"].as_array().unwrap().len(), 0);
    // Only the two successful reads since, no write events from rejected requests.
    let events_after = app
        .store
        .audit_events(
            libertas_store::admin::Operator::console(),
            &Default::default(),
        )
        .await
        .unwrap();
    assert!(
        events_after[events_before..]
            .iter()
            .all(|e| e.action.ends_with(".read")),
        "{:?}",
        &events_after[events_before..]
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_on_every_response() {
    let app = TestApp::spawn("sqlite").await;
    let ana = app.user("North", "ana", Role::Caseworker).await;
    for path in [
        "/healthz",
        "/login",
        "/api/v1/cases",
        "/api/v1/openapi.json",
        "/nowhere",
        "/static/app.css",
    ] {
        let res = app
            .http
            .get(format!("{}{path}", app.base))
            .bearer_auth(&ana)
            .send()
            .await
            .unwrap();
        let h = res.headers();
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(
            h.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        assert_eq!(h.get("referrer-policy").unwrap(), "no-referrer", "{path}");
        if path != "/static/app.css" {
            assert_eq!(h.get("cache-control").unwrap(), "no-store", "{path}");
        }
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_documents_every_api_route() {
    let app = TestApp::spawn("sqlite").await;
    let res = app
        .http
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    let doc: serde_json::Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    // The routes come from the router itself: a route added without documentation, or a
    // documented path the router lost, fails here by name.
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|m| ["get", "put", "post", "delete", "patch"].contains(&m.as_str()))
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    let served: BTreeSet<(String, String)> = libertas_web::route_table()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/") && r.path != "/api/v1/openapi.json")
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert!(served.len() > 8, "the router lists its API routes");
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "API routes missing from the served OpenAPI document: {undocumented:?}"
    );
    assert!(
        unserved.is_empty(),
        "paths in the served OpenAPI document that the router lacks: {unserved:?}"
    );
    assert_eq!(
        doc,
        libertas_web::openapi::document(),
        "the document served"
    );
    app.stop().await;
}
