//! The access matrix of the partner, referral, notification and operation routes: every
//! route as anonymous, wrong role, other organisation, non-member and member (for the
//! directory's administration: other organisation's admin, caseworker, own admin), on the
//! API and the pages.

use crate::common::{Browser, TestApp};
use crate::referrals_common::{fixture, partner, referral, Fixture};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

type Row = (Method, String, Option<Value>, [u16; 5]);

async fn check(app: &TestApp, backend: &str, rows: Vec<Row>, callers: [Option<&str>; 5]) {
    for (method, path, body, expect) in rows {
        for (i, (who, want)) in callers.iter().zip(expect).enumerate() {
            let (s, v) = app.call(method.clone(), &path, *who, body.clone()).await;
            assert_eq!(
                s.as_u16(),
                want,
                "{backend} {method} {path} as caller {i}: {v}"
            );
            if s.is_client_error() {
                assert!(v["error"]["code"].is_string(), "{backend} {path}: {v}");
            }
        }
    }
}

pub async fn every_referral_route_as_every_kind_of_caller() {
    for backend in backends() {
        let Fixture {
            app,
            admin,
            owner,
            case_id,
            child,
            adult,
            shelter,
            ..
        } = fixture(backend).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let other = app.user("South", "other", Role::Caseworker).await;
        let other_admin = app.user("South", "southadmin", Role::Admin).await;
        let mut child_ref = referral(&child, &shelter);
        child_ref["safeguarding_note"] = json!("With the child protection duty officer.");
        let (_, r) = app
            .post(
                &format!("/api/v1/cases/{case_id}/referrals"),
                &owner,
                child_ref.clone(),
            )
            .await;
        let rid = r["id"].as_str().unwrap().to_owned();
        let (_, op) = app
            .post(
                &format!("/api/v1/cases/{case_id}/operations"),
                &owner,
                json!({"name": "Farm visit", "agencies": ["police"], "location": "Brăila", "planned_on": "2025-05-01"}),
            )
            .await;
        let oid = op["id"].as_str().unwrap().to_owned();
        let c = |s: &str| format!("/api/v1/cases/{case_id}{s}");
        let rows: Vec<Row> = vec![
            (
                Method::POST,
                c("/referrals"),
                Some(child_ref),
                [401, 403, 404, 404, 201],
            ),
            (
                Method::GET,
                c("/referrals"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                format!("/api/v1/referrals/{rid}"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                format!("/api/v1/referrals/{rid}/status"),
                Some(json!({"status": "accepted"})),
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                "/api/v1/referrals/incoming".into(),
                None,
                [401, 403, 200, 200, 200],
            ),
            (
                Method::GET,
                "/api/v1/referrals/not-a-uuid".into(),
                None,
                [401, 400, 400, 400, 400],
            ),
            (
                Method::POST,
                c("/notifications"),
                Some(
                    json!({"person_id": adult, "exploitation_types": ["forced_labour"], "region": "Galați"}),
                ),
                [401, 403, 404, 404, 201],
            ),
            (
                Method::GET,
                c("/notifications"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                c("/operations"),
                Some(
                    json!({"name": "Raid", "agencies": ["police", "ngo"], "location": "Iași", "planned_on": "2025-06-01"}),
                ),
                [401, 403, 404, 404, 201],
            ),
            (
                Method::GET,
                c("/operations"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                format!("/api/v1/operations/{oid}"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                format!("/api/v1/operations/{oid}/status"),
                Some(json!({"status": "cancelled"})),
                [401, 403, 404, 404, 200],
            ),
        ];
        let callers = [
            None,
            Some(analyst.as_str()),
            Some(other.as_str()),
            Some(nonmember.as_str()),
            Some(owner.as_str()),
        ];
        check(&app, backend, rows, callers).await;

        // The directory: anyone who works cases reads their own; only admins change it.
        let p = format!("/api/v1/partners/{shelter}");
        let rows: Vec<Row> = vec![
            (
                Method::GET,
                "/api/v1/partners".into(),
                None,
                [401, 403, 200, 200, 200],
            ),
            (Method::GET, p.clone(), None, [401, 403, 404, 200, 200]),
            (
                Method::POST,
                "/api/v1/partners".into(),
                Some(partner("New one", &["legal"], None)),
                [401, 403, 201, 403, 201],
            ),
            (
                Method::PUT,
                p.clone(),
                Some(partner("Casa", &["shelter"], None)),
                [401, 403, 404, 403, 200],
            ),
            (
                Method::POST,
                format!("{p}/deactivate"),
                None,
                [401, 403, 404, 403, 200],
            ),
            (
                Method::POST,
                format!("{p}/activate"),
                None,
                [401, 403, 404, 403, 200],
            ),
            (
                Method::GET,
                "/api/v1/partners/nope".into(),
                None,
                [401, 400, 400, 400, 400],
            ),
        ];
        let callers = [
            None,
            Some(analyst.as_str()),
            Some(other_admin.as_str()),
            Some(nonmember.as_str()),
            Some(admin.as_str()),
        ];
        check(&app, backend, rows, callers).await;
        app.stop().await;
    }
}

pub async fn every_referral_page_as_every_kind_of_caller() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("North", "nonmember", Role::Caseworker).await;
        app.user("South", "other", Role::Caseworker).await;
        let case = &f.case_id;
        let pages = [
            format!("/cases/{case}/referrals"),
            format!("/cases/{case}/operations"),
            "/partners".to_owned(),
            "/referrals/incoming".to_owned(),
            "/admin/partners".to_owned(),
            format!("/admin/partners/{}", f.shelter),
        ];
        let mut anon = Browser::new(app);
        for page in &pages {
            let (s, loc, _) = anon.get(page).await;
            assert_eq!(
                (s, loc.as_deref()),
                (StatusCode::SEE_OTHER, Some("/login")),
                "{page}"
            );
        }
        for form in ["referrals", "operations"] {
            let (s, loc, _) = anon
                .post(&format!("/cases/{case}/{form}"), &[("name", "X")])
                .await;
            assert_eq!(
                (s, loc.as_deref()),
                (StatusCode::SEE_OTHER, Some("/login")),
                "{backend}: anonymous {form}"
            );
        }
        // analyst, other organisation, non-member, member, own admin (not a case member)
        let expect: [(&str, [u16; 6]); 5] = [
            ("analyst", [403, 403, 403, 403, 403, 403]),
            ("other", [404, 404, 200, 200, 403, 403]),
            ("nonmember", [404, 404, 200, 200, 403, 403]),
            ("owner", [200, 200, 200, 200, 403, 403]),
            ("northadmin", [404, 404, 200, 200, 200, 200]),
        ];
        for (user, want) in expect {
            let mut b = Browser::new(app);
            let csrf = b.sign_in(user).await;
            for (page, status) in pages.iter().zip(want) {
                let (s, _, body) = b.get(page).await;
                assert_eq!(s.as_u16(), status, "{backend}: {user} {page}");
                if page == "/partners" && status == 200 {
                    assert_eq!(body.contains("Casa Speranța"), user != "other", "{user}");
                }
            }
            // Form posts: refused without the CSRF token, and by role/membership with it.
            let refer = format!("/cases/{case}/referrals");
            let (s, _, _) = b.post(&refer, &[("csrf", "wrong")]).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{user}");
            let form = [
                ("csrf", csrf.as_str()),
                ("person_id", f.child.as_str()),
                ("partner_id", f.shelter.as_str()),
                ("services", "shelter"),
                ("safeguarding_note", "Escorted by the duty social worker."),
            ];
            let (s, _, _) = b.post(&refer, &form).await;
            let want = match user {
                "owner" => 303,
                "analyst" => 403,
                _ => 404,
            };
            assert_eq!(s.as_u16(), want, "{backend}: {user} refers");
            let (s, _, _) = b
                .post(
                    &format!("/cases/{case}/operations"),
                    &[
                        ("csrf", csrf.as_str()),
                        ("name", "X"),
                        ("agencies", "police"),
                        ("location", "Y"),
                        ("planned_on", "2025-01-01"),
                    ],
                )
                .await;
            assert_eq!(s.as_u16(), want, "{backend}: {user} plans an operation");
            let (s, _, _) = b
                .post(
                    "/admin/partners",
                    &[
                        ("csrf", csrf.as_str()),
                        ("name", "P"),
                        ("kinds", "legal"),
                        ("area", "A"),
                        ("languages", "ro"),
                        ("how_to_refer", "H"),
                        ("contact", "C"),
                    ],
                )
                .await;
            let want = if user == "northadmin" { 303 } else { 403 };
            assert_eq!(s.as_u16(), want, "{backend}: {user} adds a partner");
        }
        let (_, v) = app
            .get(&format!("/api/v1/cases/{case}/referrals"), &f.owner)
            .await;
        assert_eq!(
            v["referrals"].as_array().unwrap().len(),
            1,
            "only the member's referral"
        );
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_the_new_routes() {
    let app = TestApp::spawn("sqlite").await;
    let (s, doc) = app
        .call(Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for (p, method) in [
        ("/api/v1/partners", "get"),
        ("/api/v1/partners", "post"),
        ("/api/v1/partners/{id}", "put"),
        ("/api/v1/partners/{id}/deactivate", "post"),
        ("/api/v1/partners/{id}/activate", "post"),
        ("/api/v1/cases/{id}/referrals", "post"),
        ("/api/v1/referrals/incoming", "get"),
        ("/api/v1/referrals/{id}", "get"),
        ("/api/v1/referrals/{id}/status", "post"),
        ("/api/v1/cases/{id}/notifications", "post"),
        ("/api/v1/cases/{id}/operations", "get"),
        ("/api/v1/operations/{id}/status", "post"),
        ("/api/v1/admin/users/{id}/role", "put"),
    ] {
        assert!(
            paths.get(p).and_then(|x| x.get(method)).is_some(),
            "{method} {p} undocumented"
        );
    }
    assert!(doc["components"]["schemas"]["ReferralJson"].is_object());
    app.stop().await;
}
