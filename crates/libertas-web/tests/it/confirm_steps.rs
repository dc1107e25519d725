//! Taking something away asks first, without JavaScript: removing a case member from the
//! workflow page. The first submit answers a page naming who loses access and what follows;
//! a POST without `confirm=yes` (or with another value) changes nothing; only the confirming
//! submit removes. (Revoking a token and ending a session: `admin.rs` and the access matrix.)

use crate::common::{hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;

async fn members(app: &TestApp, token: &str, case: &str) -> Vec<String> {
    let (_, v) = app
        .get(&format!("/api/v1/cases/{case}/workflow"), token)
        .await;
    v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["username"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_a_member_asks_first_and_only_the_confirmation_removes() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "olive", Role::Caseworker).await;
        app.user("North", "leon", Role::Caseworker).await;
        let (_, case) = app
            .post("/api/v1/cases", &owner, json!({"title": "Lark"}))
            .await;
        let case = case["id"].as_str().unwrap().to_owned();
        let (s, _) = app
            .post(
                &format!("/api/v1/cases/{case}/members"),
                &owner,
                json!({"username": "leon"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}");
        let mut b = Browser::new(&app);
        b.sign_in("olive").await;
        let (_, _, page) = b.get(&format!("/cases/{case}/workflow?lang=ro")).await;
        let csrf = hidden(&page, "csrf");
        let path = format!("/cases/{case}/members/leon/remove");

        for extra in [None, Some("no"), Some("")] {
            let mut form = vec![("csrf", csrf.as_str())];
            if let Some(v) = extra {
                form.push(("confirm", v));
            }
            let (s, _, page) = b.post(&format!("{path}?lang=ro"), &form).await;
            assert_eq!(s, StatusCode::OK, "{backend} {extra:?}");
            assert!(
                page.contains("Eliminați pe leon din acest caz?"),
                "{backend}: the question names the member: {page}"
            );
            assert!(page.contains(&format!("action=\"{path}\"")), "{backend}");
            assert!(page.contains("name=\"confirm\" value=\"yes\""), "{backend}");
            assert!(page.contains("action=\"/logout\""), "{backend}: the menu");
            assert_eq!(
                members(&app, &owner, &case).await,
                ["olive", "leon"],
                "{backend}: asking removed nobody ({extra:?})"
            );
        }
        // Asking about someone who is not on the case is the 404 page, as for a stranger.
        let (s, _, _) = b
            .post(
                &format!("/cases/{case}/members/nobody/remove"),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");

        let (s, loc, _) = b.post(&path, &[("csrf", &csrf), ("confirm", "yes")]).await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        assert_eq!(loc.unwrap(), format!("/cases/{case}/workflow"), "{backend}");
        assert_eq!(members(&app, &owner, &case).await, ["olive"], "{backend}");
        app.stop().await;
    }
}
