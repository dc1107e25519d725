//! Search and duplicate warnings over HTTP: misspelt Romanian names, need-to-know, erasure,
//! validation, the search page and the warning after adding a person, and no plaintext name in
//! any file Libertas wrote.

use crate::common::{files_containing, hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn new_case(app: &TestApp, token: &str, title: &str) -> String {
    let (s, case) = app
        .post("/api/v1/cases", token, json!({ "title": title }))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    case["id"].as_str().unwrap().to_owned()
}

async fn add(app: &TestApp, token: &str, case: &str, body: Value) -> Value {
    let (s, v) = app
        .post(&format!("/api/v1/cases/{case}/people"), token, body)
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v
}

fn stefan(family: &str) -> Value {
    json!({"role": "victim", "given_name": "Ștefan", "family_name": family,
           "birth_date": "1990-04-02", "phone": "+40 721 555 019"})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_and_duplicate_warnings_over_the_api() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let anna = app.user("North", "anna", Role::Caseworker).await;
        let bogdan = app.user("North", "bogdan", Role::Investigator).await;
        let south = app.user("South", "south", Role::Caseworker).await;
        let heron = new_case(&app, &anna, "Operation Heron").await;
        let first = add(&app, &anna, &heron, stefan("Popescu")).await;
        let first_id = first["id"].as_str().unwrap().to_owned();
        assert_eq!(first["possible_duplicates"], json!([]));
        assert_eq!(first["possible_duplicates_elsewhere"], 0);

        // A misspelt name without diacritics finds him, with his case.
        let (s, found) = app
            .post("/api/v1/search", &anna, json!({"name": "stefan popesku"}))
            .await;
        assert_eq!(s, StatusCode::OK, "{found}");
        let people = found["people"].as_array().unwrap();
        assert_eq!(people.len(), 1, "{backend}: {found}");
        assert_eq!(people[0]["person_id"], first_id.as_str());
        assert_eq!(people[0]["given_name"], "Ștefan");
        assert_eq!(people[0]["reasons"], json!(["name", "name_phonetic"]));
        assert_eq!(people[0]["cases"][0]["case_id"], heron.as_str());
        assert_eq!(people[0]["cases"][0]["title"], "Operation Heron");
        assert_eq!(found["others"], 0);
        for body in [
            json!({"phone": "0040721555019"}),
            json!({"birth_date": "1990-04-02"}),
            json!({"birth_date": "1990", "name": "Popescu"}),
        ] {
            let (s, v) = app.post("/api/v1/search", &anna, body.clone()).await;
            assert_eq!(s, StatusCode::OK);
            assert_eq!(v["people"].as_array().unwrap().len(), 1, "{body}: {v}");
        }

        // Adding him again, misspelt, in another case: the first record is flagged, and the
        // response keeps its documented fields.
        let egret = new_case(&app, &anna, "Operation Egret").await;
        let again = add(
            &app,
            &anna,
            &egret,
            json!({"role": "witness", "given_name": "Stefan", "family_name": "Popesku",
                   "birth_date": "1990-04-02"}),
        )
        .await;
        for field in ["id", "case_person_id", "case_id", "role"] {
            assert!(again.get(field).is_some(), "{field} in {again}");
        }
        assert_eq!(again["case_id"], egret.as_str());
        assert_eq!(again["role"], "witness");
        let dups = again["possible_duplicates"].as_array().unwrap();
        assert_eq!(dups.len(), 1, "{backend}: {again}");
        assert_eq!(dups[0]["person_id"], first_id.as_str());
        assert_eq!(dups[0]["case_ids"], json!([heron]));
        assert_eq!(
            dups[0]["reasons"],
            json!(["birth_date", "name", "name_phonetic"])
        );
        assert_eq!(again["possible_duplicates_elsewhere"], 0);

        // A colleague outside those cases is told only how many; another organisation nothing.
        let plover = new_case(&app, &bogdan, "Operation Plover").await;
        let his = add(&app, &bogdan, &plover, stefan("Popescu")).await;
        assert_eq!(his["possible_duplicates"], json!([]));
        assert_eq!(his["possible_duplicates_elsewhere"], 2, "{backend}: {his}");
        let (_, v) = app
            .post("/api/v1/search", &bogdan, json!({"name": "Ştefan Popescu"}))
            .await;
        assert_eq!(v["people"].as_array().unwrap().len(), 1, "only his own");
        assert_eq!(v["others"], 2);
        let wren = new_case(&app, &south, "Operation Wren").await;
        let theirs = add(&app, &south, &wren, stefan("Popescu")).await;
        assert_eq!(theirs["possible_duplicates"], json!([]));
        assert_eq!(theirs["possible_duplicates_elsewhere"], 0);
        let (_, v) = app
            .post("/api/v1/search", &south, json!({"phone": "+40721555019"}))
            .await;
        assert_eq!(v["people"].as_array().unwrap().len(), 1, "only their own");
        assert_eq!(v["others"], 0);

        // Bad criteria name their field.
        for (body, field) in [
            (json!({}), "name"),
            (json!({"name": "  "}), "name"),
            (json!({"birth_date": "1990-13-01"}), "birth_date"),
            (json!({"birth_date": "2999"}), "birth_date"),
            (json!({"phone": "call me"}), "phone"),
            (json!({"identity_number": "#"}), "identity_number"),
        ] {
            let (s, v) = app.post("/api/v1/search", &anna, body.clone()).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(v["error"]["field"], field, "{body}: {v}");
        }
        let (s, _) = app
            .post(
                "/api/v1/search",
                &anna,
                json!({"name": "Stefan", "case": "x"}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "unknown fields are refused");

        // Erased, he is gone from every search.
        app.store
            .erase_person(
                libertas_store::admin::Operator::console(),
                first_id.parse().unwrap(),
                "test",
            )
            .await
            .unwrap();
        let (_, v) = app
            .post("/api/v1/search", &anna, json!({"name": "Stefan Popescu"}))
            .await;
        let ids: Vec<&str> = v["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["person_id"].as_str().unwrap())
            .collect();
        assert!(!ids.contains(&first_id.as_str()), "{backend}: {v}");
        assert_eq!(ids.len(), 1, "the Egret record stays");

        // Every search is audited by field names and counts only.
        let events = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &libertas_store::audit::AuditQuery {
                    limit: 5000,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let searches = events
            .iter()
            .filter(|e| e.action == "search.people")
            .count();
        assert_eq!(searches, 7, "{backend}: bad requests are not searches");
        for e in &events {
            let text = serde_json::to_string(e).unwrap().to_lowercase();
            assert!(
                !text.contains("popes") && !text.contains("stefan"),
                "{text}"
            );
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_page_and_duplicate_warning_after_adding_on_the_page() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let anna = app.user("North", "anna", Role::Caseworker).await;
        let heron = new_case(&app, &anna, "Operation Heron").await;
        let first = add(&app, &anna, &heron, stefan("Popescu")).await;
        let first_id = first["id"].as_str().unwrap();

        let mut b = Browser::new(&app);
        let csrf = b.sign_in("anna").await;
        let (s, _, page) = b.get("/search").await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("name=\"birth_date\""));
        let (s, _, page) = b
            .post(
                "/search",
                &[
                    ("csrf", &csrf),
                    ("name", "Stefan Popesku"),
                    ("birth_date", ""),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{page}");
        assert!(
            page.contains(&format!("href=\"/people/{first_id}\"")),
            "{page}"
        );
        assert!(page.contains(&format!("href=\"/cases/{heron}\"")));
        assert!(page.contains("Ștefan Popescu"));
        assert!(page.contains("similar-sounding name"));
        let (s, _, page) = b
            .post("/search", &[("csrf", &csrf), ("name", "Nobody Known")])
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("id=\"search-none\""));
        let (s, _, page) = b
            .post("/search", &[("csrf", &csrf), ("birth_date", "02.04.1990")])
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert!(page.contains("id=\"search-error\""));
        let (s, _, _) = b
            .post("/search", &[("csrf", "forged"), ("name", "Stefan")])
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "the CSRF token is checked");

        // Adding the same person on the case page ends on a person page with the warning.
        let egret = new_case(&app, &anna, "Operation Egret").await;
        let (_, _, case_page) = b.get(&format!("/cases/{egret}")).await;
        let csrf = hidden(&case_page, "csrf");
        let (s, loc, _) = b
            .post(
                &format!("/cases/{egret}/people"),
                &[
                    ("csrf", &csrf),
                    ("role", "victim"),
                    ("given_name", "Stefan"),
                    ("family_name", "Popesku"),
                    ("birth_date", "1990-04-02"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let loc = loc.unwrap();
        assert!(loc.ends_with("?added=1"), "{loc}");
        let (s, _, page) = b.get(&loc).await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("id=\"possible-duplicates\""), "{page}");
        assert!(page.contains(&format!("href=\"/people/{first_id}\"")));
        // The plain person page does not run the check again.
        let (_, _, page) = b.get(loc.trim_end_matches("?added=1")).await;
        assert!(!page.contains("possible-duplicates"));
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_name_token_or_birth_date_in_any_file_written() {
    // SQLite: the whole database lives in the data directory, so a grep covers it all.
    let app = TestApp::spawn("sqlite").await;
    let anna = app.user("North", "anna", Role::Caseworker).await;
    let case = new_case(&app, &anna, "Operation Heron").await;
    add(
        &app,
        &anna,
        &case,
        json!({"role": "victim", "given_name": "Ștefănică", "family_name": "Zărnescu-Vulturar",
               "birth_date": "1987-06-05", "identity_numbers": ["RX 881122"]}),
    )
    .await;
    for body in [
        json!({"name": "Stefanica Zarnescu"}),
        json!({"name": "Vulturar", "birth_date": "1987-06-05"}),
        json!({"identity_number": "rx881122"}),
    ] {
        let (s, v) = app.post("/api/v1/search", &anna, body).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(v["people"].as_array().unwrap().len(), 1, "{v}");
    }
    let dir = app.data.dir.path().to_owned();
    app.store.close().await;
    for needle in [
        "Ștefănică",
        "stefanica",
        "Stefanica",
        "Zărnescu",
        "zarnescu",
        "Zarnescu",
        "vulturar",
        "Vulturar",
        "1987-06-05",
        "RX881122",
        "rx881122",
        "RX 881122",
    ] {
        let hits = files_containing(&dir, needle.as_bytes());
        assert!(hits.is_empty(), "{needle} found in {hits:?}");
    }
    // The grep can find things: the username is a plain column.
    assert!(!files_containing(&dir, b"anna").is_empty());
    app.stop().await;
}

/// Searches are limited per user by the store's look-up budget (30 within 10 minutes, shared
/// with duplicate warnings and identifier look-ups: `lookups.rs`); another user is not
/// slowed down.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searches_are_rate_limited_per_user() {
    let app = TestApp::spawn("sqlite").await;
    let ana = app.user("North", "ana", Role::Caseworker).await;
    let bob = app.user("North", "bob", Role::Caseworker).await;
    for day in 1..=30 {
        let (s, v) = app
            .post(
                "/api/v1/search",
                &ana,
                json!({"name": "Stefan Popescu", "birth_date": format!("1990-01-{day:02}")}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "search {day}: {v}");
    }
    let res = app
        .http
        .post(format!("{}/api/v1/search", app.base))
        .bearer_auth(&ana)
        .json(&json!({"name": "Stefan Popescu", "birth_date": "1990-01-31"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&wait), "{wait}");
    let (s, _) = app
        .post("/api/v1/search", &bob, json!({"name": "Stefan Popescu"}))
        .await;
    assert_eq!(s, StatusCode::OK, "another user is not limited");
    app.stop().await;
}
