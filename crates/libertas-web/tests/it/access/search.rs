//! The search routes (`POST /api/v1/search`, `GET`/`POST /search`) and the duplicate fields of
//! the add-person answer as anonymous, wrong role, other organisation, non-member and member.
//! Search is not an object, so other organisations and non-members get 200 — with nothing of
//! the member's person in it.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::json;

pub async fn search_api_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        let nonmember = app.user("North", "nonmember", Role::Aftercare).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Caseworker).await;
        let (_, case) = app
            .post("/api/v1/cases", &owner, json!({"title": "Operation Lark"}))
            .await;
        let cid = case["id"].as_str().unwrap();
        let (s, person) = app
            .post(
                &format!("/api/v1/cases/{cid}/people"),
                &owner,
                json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu",
                       "birth_date": "1999-09-09"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let pid = person["id"].as_str().unwrap();
        let body = json!({"name": "Zamfira Oprescu", "birth_date": "1999-09-09"});
        // (caller, status, people returned, others counted)
        let callers = [
            (None, 401u16, 0usize, None),
            (Some(&analyst), 403, 0, None),
            (Some(&other), 200, 0, Some(0)),
            (Some(&nonmember), 200, 0, Some(1)),
            (Some(&owner), 200, 1, Some(0)),
        ];
        for (i, (who, status, people, others)) in callers.into_iter().enumerate() {
            let (s, v) = app
                .call(
                    Method::POST,
                    "/api/v1/search",
                    who.map(String::as_str),
                    Some(body.clone()),
                )
                .await;
            assert_eq!(s.as_u16(), status, "{backend} caller {i}: {v}");
            if status == 200 {
                assert_eq!(v["people"].as_array().unwrap().len(), people, "caller {i}");
                assert_eq!(v["others"].as_i64(), others, "caller {i}");
                assert_eq!(v.to_string().contains(pid), people == 1, "caller {i}");
            }
        }
        // The add-person answer never names a record the caller may not see.
        let (_, mine) = app
            .post(
                "/api/v1/cases",
                &nonmember,
                json!({"title": "Operation Finch"}),
            )
            .await;
        let mine = mine["id"].as_str().unwrap();
        let (s, v) = app
            .post(
                &format!("/api/v1/cases/{mine}/people"),
                &nonmember,
                json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu",
                       "birth_date": "1999-09-09"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        assert_eq!(v["possible_duplicates"], json!([]));
        assert_eq!(v["possible_duplicates_elsewhere"], 1);
        assert!(!v.to_string().contains(pid));
        app.stop().await;
    }
}

pub async fn search_page_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        app.user("North", "nonmember", Role::Legal).await;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("South", "other", Role::Caseworker).await;
        let (_, case) = app
            .post("/api/v1/cases", &owner, json!({"title": "Operation Lark"}))
            .await;
        let cid = case["id"].as_str().unwrap();
        let (_, person) = app
            .post(
                &format!("/api/v1/cases/{cid}/people"),
                &owner,
                json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu"}),
            )
            .await;
        let pid = person["id"].as_str().unwrap();

        let mut anon = Browser::new(&app);
        let (s, loc, _) = anon.get("/search").await;
        assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        let (s, _, _) = anon.post("/search", &[("name", "Zamfira")]).await;
        assert!(
            s == StatusCode::SEE_OTHER || s == StatusCode::FORBIDDEN,
            "{backend}: anonymous POST refused, got {s}"
        );
        for (user, status, sees) in [
            ("analyst", 403u16, false),
            ("other", 200, false),
            ("nonmember", 200, false),
            ("owner", 200, true),
        ] {
            let mut b = Browser::new(&app);
            let csrf = b.sign_in(user).await;
            let (s, _, page) = b.get("/search").await;
            assert_eq!(s.as_u16(), status, "{backend}: GET as {user}");
            let (s, _, page2) = b
                .post("/search", &[("csrf", &csrf), ("name", "zamfira oprescu")])
                .await;
            assert_eq!(s.as_u16(), status, "{backend}: POST as {user}");
            assert_eq!(page2.contains(pid), sees, "{backend}: {user}");
            assert_eq!(page2.contains("Oprescu"), sees, "{backend}: {user}");
            assert!(!page.contains(pid));
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_is_in_the_openapi_document() {
    let app = TestApp::spawn("sqlite").await;
    let (s, doc) = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let op = &doc["paths"]["/api/v1/search"]["post"];
    assert!(op.is_object(), "POST /api/v1/search is documented");
    assert!(doc["components"]["schemas"]["SearchJson"].is_object());
    assert!(doc["components"]["schemas"]["SearchResultJson"].is_object());
    app.stop().await;
}
