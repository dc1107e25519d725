//! The access matrix of the evidence routes: anonymous, wrong role (analyst), other
//! organisation, non-member and member, with the exact status each must get.

use crate::common::TestApp;
use crate::evidence_common::{new_case, upload};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub async fn evidence_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        let member = app.user("North", "member", Role::Legal).await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Caseworker).await;
        let case = new_case(&app, &owner).await;
        app.post(
            &format!("/api/v1/cases/{case}/members"),
            &owner,
            json!({"username": "member"}),
        )
        .await;
        let (_, ev) = upload(&app, &owner, &case, b"%PDF-1.4 x".to_vec(), "a.pdf").await;
        let eid = ev["id"].as_str().unwrap().to_owned();
        let e = |p: &str| format!("/api/v1/cases/{case}/evidence{p}");
        let custody = json!({"received_from": "Court clerk", "purpose": "returned after hearing"});
        let rows: Vec<(Method, String, Option<Value>, [u16; 5])> = vec![
            (Method::GET, e(""), None, [401, 403, 404, 404, 200]),
            (Method::POST, e(""), None, [401, 403, 404, 404, 201]),
            (
                Method::GET,
                e(&format!("/{eid}")),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                e(&format!("/{eid}/file")),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                e(&format!("/{eid}/verify")),
                Some(json!({})),
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                e(&format!("/{eid}/custody")),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::POST,
                e(&format!("/{eid}/custody")),
                Some(custody),
                [401, 403, 404, 404, 201],
            ),
        ];
        let callers = [
            None,
            Some(&analyst),
            Some(&other),
            Some(&nonmember),
            Some(&member),
        ];
        for (method, path, body, expect) in rows {
            for (who, want) in callers.iter().zip(expect) {
                let s = if method == Method::POST && body.is_none() {
                    match who {
                        Some(t) => {
                            upload(&app, t, &case, b"%PDF-1.4 y".to_vec(), "b.pdf")
                                .await
                                .0
                        }
                        None => {
                            let s = app
                                .http
                                .post(format!("{}{path}", app.base))
                                .multipart(Form::new().part(
                                    "file",
                                    Part::bytes(b"%PDF-1.4".to_vec()).file_name("c.pdf"),
                                ))
                                .send()
                                .await
                                .unwrap()
                                .status();
                            crate::common::seen::record("POST", &path, false, s.as_u16(), None);
                            s
                        }
                    }
                } else {
                    app.call(method.clone(), &path, who.map(|t| t.as_str()), body.clone())
                        .await
                        .0
                };
                assert_eq!(
                    s.as_u16(),
                    want,
                    "{backend} {method} {path} as caller #{}",
                    expect.iter().position(|x| *x == want).unwrap_or(9)
                );
            }
        }
        // Another case's evidence id under this case is a 404 even for a member of both.
        let case2 = new_case(&app, &owner).await;
        let (s, _) = app
            .get(&format!("/api/v1/cases/{case2}/evidence/{eid}"), &owner)
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _) = app
            .get(&format!("/api/v1/cases/{case}/evidence/not-an-id"), &owner)
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        app.stop().await;
    }
}
