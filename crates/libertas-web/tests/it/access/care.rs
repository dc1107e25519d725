//! The care routes (consents, assessments, care closures and the care page) as anonymous,
//! wrong role, other organisation, non-member and member, with the exact status of each.

use crate::care_common::{consent, scores, victim};
use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub async fn care_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Caseworker).await;
        let pid = victim(&app, &owner).await;
        let p = |s: &str| format!("/api/v1/people/{pid}{s}");
        let rows: Vec<(Method, String, Option<Value>, [u16; 5])> = vec![
            (
                Method::POST,
                p("/consents"),
                Some(consent(true)),
                [401, 403, 404, 404, 201],
            ),
            (Method::GET, p("/consents"), None, [401, 403, 404, 404, 200]),
            (
                Method::POST,
                p("/consents/withdraw"),
                Some(json!({})),
                [401, 403, 404, 404, 201],
            ),
            (
                Method::POST,
                p("/assessments"),
                Some(scores("2025-01-15", [2, 2, 2], 2)),
                [401, 403, 404, 404, 201],
            ),
            (
                Method::GET,
                p("/assessments"),
                None,
                [401, 403, 404, 404, 200],
            ),
            // The only assessment above is long overdue, so even the member is refused (409: the record's state, not the request, is at fault).
            (
                Method::POST,
                p("/care-closures"),
                Some(json!({"justification": "Goals met; support ends by choice."})),
                [401, 403, 404, 404, 409],
            ),
            (
                Method::GET,
                p("/care-closures"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                "/api/v1/people/not-a-uuid/consents".into(),
                None,
                [401, 400, 400, 400, 400],
            ),
        ];
        for (method, path, body, expect) in rows {
            let callers = [
                None,
                Some(&analyst),
                Some(&other),
                Some(&nonmember),
                Some(&owner),
            ];
            for (i, (who, want)) in callers.iter().zip(expect).enumerate() {
                let (s, v) = app
                    .call(method.clone(), &path, who.map(String::as_str), body.clone())
                    .await;
                assert_eq!(
                    s.as_u16(),
                    want,
                    "{backend} {method} {path} as caller {i}: {v}"
                );
            }
        }
        app.stop().await;
    }
}

pub async fn care_page_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        app.user("North", "nonmember", Role::Caseworker).await;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("South", "other", Role::Caseworker).await;
        let pid = victim(&app, &owner).await;
        let page = format!("/people/{pid}/care");

        let mut anon = Browser::new(&app);
        let (s, loc, _) = anon.get(&page).await;
        assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        let (s, loc, _) = anon
            .post(&format!("{page}/consents"), &[("retention_months", "12")])
            .await;
        assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        for (user, status) in [
            ("analyst", 403u16),
            ("other", 404),
            ("nonmember", 404),
            ("owner", 200),
        ] {
            let mut b = Browser::new(&app);
            let csrf = b.sign_in(user).await;
            let (s, _, body) = b.get(&page).await;
            assert_eq!(s.as_u16(), status, "{backend}: {user}");
            assert_eq!(body.contains("Ilinca"), status == 200, "{backend}: {user}");
            let form = [
                ("csrf", csrf.as_str()),
                ("interview", "1"),
                ("purpose_explained", "1"),
                ("retention_months", "12"),
            ];
            let (s, _, _) = b.post(&format!("{page}/consents"), &form).await;
            let want = if status == 200 { 303 } else { status };
            assert_eq!(s.as_u16(), want, "{backend}: {user} records consent");
            let (s, _, _) = b
                .post(
                    &format!("{page}/consents"),
                    &[("csrf", "wrong"), ("retention_months", "12")],
                )
                .await;
            assert_eq!(s.as_u16(), 403, "{backend}: {user} without the CSRF token");
        }
        let (_, list) = app
            .get(&format!("/api/v1/people/{pid}/consents"), &owner)
            .await;
        assert_eq!(
            list["history"].as_array().unwrap().len(),
            1,
            "only the member's record"
        );
        app.stop().await;
    }
}
