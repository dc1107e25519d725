//! The menu on every staff page: error pages keep the signed-in caller's menu (language switch
//! and sign-out included) and never show it to a visitor or a half-signed-in session; the
//! account pages are linked from it.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;

const NO_CASE: &str = "/cases/0190a0a0-0000-7000-8000-000000000000";

/// Whether `page` carries the signed-in menu.
fn has_menu(page: &str) -> bool {
    page.contains("action=\"/logout\"") && page.contains("href=\"/account/password\"")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_pages_keep_the_menu_of_a_signed_in_caller_only() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "cora", Role::Caseworker).await;
        let mut cora = Browser::new(&app);
        cora.sign_in("cora").await;
        let mut visitor = Browser::new(&app);
        for (path, status) in [
            ("/no/such/page?lang=ro", StatusCode::NOT_FOUND),
            (NO_CASE, StatusCode::NOT_FOUND),
            ("/cases/not-an-id", StatusCode::NOT_FOUND),
            ("/indicators?from=yesterday", StatusCode::BAD_REQUEST),
            ("/admin/users", StatusCode::FORBIDDEN),
        ] {
            let (s, _, page) = cora.get(path).await;
            assert_eq!(s, status, "{backend} {path}");
            assert!(has_menu(&page), "{backend} {path}: no menu in {page}");
            assert!(page.contains("hreflang=\"uk\""), "{backend} {path}: switch");
            assert!(!page.contains("href=\"/admin/audit\""), "{backend} {path}");
        }
        let (_, _, page) = cora.get("/no/such/page?lang=ro").await;
        assert!(
            page.contains("<html lang=\"ro\">"),
            "{backend}: the 404 in Romanian"
        );

        let (s, _, page) = visitor.get("/no/such/page").await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");
        assert!(!has_menu(&page) && !page.contains("/logout"), "{backend}");
        assert!(
            page.contains("hreflang=\"ro\""),
            "{backend}: the switch stays"
        );

        // A session that has not finished signing in (no password change yet) gets no menu.
        app.user("North", "newbie", Role::Caseworker).await;
        let mut newbie = Browser::new(&app);
        let (_, _, login) = newbie.get("/login").await;
        let csrf = crate::common::hidden(&login, "csrf");
        let (s, _, _) = newbie
            .post(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("username", "newbie"),
                    ("password", crate::common::PASSWORD),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        let (s, _, page) = newbie.get("/no/such/page").await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");
        assert!(!page.contains("/logout"), "{backend}: half signed in");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_menu_links_the_account_pages() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "cora", Role::Caseworker).await;
        let mut cora = Browser::new(&app);
        cora.sign_in("cora").await;
        let (_, _, home) = cora.get("/").await;
        assert!(has_menu(&home), "{backend}");
        // Enrolled: the second factor is not offered again (its page would send them home).
        assert!(!home.contains("href=\"/account/totp\""), "{backend}");
        let (s, _, page) = cora.get("/account/password").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(page.contains("name=\"current\""), "{backend}");
        app.stop().await;
    }
}
