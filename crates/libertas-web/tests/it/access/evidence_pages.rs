//! The evidence page and its forms (upload, custody, verify) as anonymous, an analyst, a
//! caseworker of another organisation, a colleague who is not a member, and a member, with
//! the exact status of each. The upload is multipart, sent here by hand with the browser's
//! cookies and its CSRF field before the file.

use crate::access::matrix::{check_pages, expect, form, page, sign_out_all, Caller};
use crate::common::{seen, TestApp};
use crate::evidence_common::{new_case, upload};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::multipart::{Form, Part};

/// Uploads a small PDF through the page form as `caller`; returns the status and location.
async fn upload_page(caller: &Caller, path: &str) -> (u16, Option<String>) {
    let b = &caller.browser;
    let cookies: Vec<String> = b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let form = Form::new()
        .text("csrf", caller.csrf.clone())
        .part(
            "file",
            Part::bytes(b"%PDF-1.4 page".to_vec()).file_name("statement.pdf"),
        )
        .text("description", "Statement");
    let res = b
        .http
        .post(format!("{}{path}", b.base))
        .header("cookie", cookies.join("; "))
        .header("origin", b.base.clone())
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let loc = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    seen::record("POST", path, b.signed_in(), status, loc.as_deref());
    (status, loc)
}

pub async fn evidence_pages_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        app.user("North", "nonmember", Role::Caseworker).await;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("South", "other", Role::Caseworker).await;
        let case = new_case(&app, &owner).await;
        let (_, ev) = upload(&app, &owner, &case, b"%PDF-1.4 x".to_vec(), "a.pdf").await;
        let eid = ev["id"].as_str().unwrap().to_owned();
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "other").await,
            Caller::signed_in(&app, "nonmember").await,
            Caller::signed_in(&app, "owner").await,
        ];
        let e = |p: &str| format!("/cases/{case}/evidence{p}");
        let rows = [
            page(e(""), [303, 403, 404, 404, 200]),
            form(
                e(&format!("/{eid}/custody")),
                &[
                    ("received_from", "Court clerk"),
                    ("purpose", "returned after hearing"),
                ],
                [303, 403, 404, 404, 303],
            ),
            form(e(&format!("/{eid}/verify")), &[], [303, 403, 404, 404, 303]),
        ];
        check_pages(backend, &rows, &mut callers).await;
        let path = e("");
        for (caller, want) in callers.iter().zip([303u16, 403, 404, 404, 303]) {
            let (s, loc) = upload_page(caller, &path).await;
            expect(s == want, || {
                format!("{backend}: upload as {}: {s} {loc:?}", caller.name)
            });
            if s == 303 {
                let loc = loc.unwrap_or_default();
                let fine = if caller.csrf.is_empty() {
                    loc == "/login"
                } else {
                    loc == path
                };
                expect(fine, || {
                    format!("{backend}: upload as {}: {loc}", caller.name)
                });
            }
        }
        sign_out_all(backend, &mut callers).await;
        let (_, list) = app
            .get(&format!("/api/v1/cases/{case}/evidence"), &owner)
            .await;
        let n = list["evidence"].as_array().map_or(0, Vec::len);
        expect(n == 2, || {
            format!("{backend}: only the member uploaded: {list}")
        });
        let (_, custody) = app
            .get(
                &format!("/api/v1/cases/{case}/evidence/{eid}/custody"),
                &owner,
            )
            .await;
        expect(
            custody.to_string().matches("Court clerk").count() == 1,
            || format!("{backend}: only the member recorded custody: {custody}"),
        );
        app.stop().await;
    }
}
