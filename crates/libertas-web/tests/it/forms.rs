//! How page forms read their bodies. Every staff form reads its fields through the shared
//! `CsrfForm`, so each answers a body that is not a form with 415 and a CSRF token with
//! padding, or a second token that is not the session's, with 403; the admin user and access
//! forms, the helpline's forms and the partner directory's forms included.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;

/// Forms that were read another way before they moved onto `CsrfForm`.
/// Unknown ids must not matter: the body and token are refused first.
const FORMS: &[&str] = &[
    "/admin/users",
    "/admin/access",
    "/admin/partners",
    "/admin/partners/0190a0a0-0000-7000-8000-000000000000",
    "/admin/partners/0190a0a0-0000-7000-8000-000000000000/active",
    "/reports/new",
    "/reports/lookup",
    "/reports/0190a0a0-0000-7000-8000-000000000000/screening",
    "/reports/0190a0a0-0000-7000-8000-000000000000/messages",
    "/reports/0190a0a0-0000-7000-8000-000000000000/status",
    "/reports/0190a0a0-0000-7000-8000-000000000000/case",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_forms_refuse_other_bodies_and_padded_tokens() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "boss", Role::Admin).await;
        let mut b = Browser::new(&app);
        let csrf = b.sign_in("boss").await;
        for path in FORMS {
            let body = format!("csrf={csrf}&action=create&username=x&role=hotline");
            let (s, _, _) = b.post_raw(path, "text/plain", body).await;
            assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{backend} {path}");
            let padded = format!(" {csrf} ");
            let (s, _, _) = b
                .post(path, &[("csrf", padded.as_str()), ("action", "create")])
                .await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{backend} {path} padded token");
            let (s, _, _) = b
                .post(path, &[("csrf", csrf.as_str()), ("csrf", "forged")])
                .await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{backend} {path} second token");
        }
        app.stop().await;
    }
}
