//! How page forms read their bodies. Every staff form reads its fields through the shared
//! `CsrfForm`, so each answers a body that is not a form with 415 and a CSRF token with
//! padding with 403, the admin user and access forms, the helpline's forms and the partner
//! directory's forms included. The public report forms have no session and read whatever
//! body they get, as they always have.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;

/// Forms that were read another way before they moved onto `CsrfForm`; the ids are unknown,
/// which must not matter: the body and token are refused first.
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
    "/reports/0190a0a0-0000-7000-8000-000000000000/assignee",
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_forms_read_any_body_as_before() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "olga", Role::Hotline).await;
        let mut b = Browser::new(&app);
        let story = "narrative=Girls+are+driven+to+a+house+every+night.&pow_challenge=x&pow_nonce=";
        let (s, loc, _) = b.post_raw("/report", "text/plain", story.into()).await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        assert!(loc.unwrap_or_default().starts_with("/report/receipt"));
        let (s, _, page) = b
            .post_raw("/report/followup", "text/plain", "receipt=nonsense".into())
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");
        assert!(
            page.contains("name=\"receipt\""),
            "the follow-up form again"
        );
        app.stop().await;
    }
}
