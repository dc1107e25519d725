//! The case workflow (status, a member's part in the case, removing a member, handing the case
//! over), on the API and the workflow page, as anonymous, an analyst, a caseworker of another
//! organisation, a colleague who is not a member, a member who is not the owner, and the
//! owner. Every member may move the case and give colleagues their part; only the owner (or
//! an administrator) removes a member or hands the case over: a member gets 403, since they
//! already see the case.

use crate::access::matrix::{
    api, check_api, check_pages, expect, form, page, sign_out_all, Caller,
};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::Method;
use serde_json::json;

/// A case of `owner` with `member` (an investigator), `helper` and `leaver` as members; the
/// users are created in North (`owner` with its token, returned).
async fn team(app: &TestApp, prefix: &str) -> (String, String, String) {
    let owner = app
        .user("North", &format!("{prefix}owner"), Role::Caseworker)
        .await;
    let member = app
        .user("North", &format!("{prefix}member"), Role::Investigator)
        .await;
    let (_, case) = app
        .post("/api/v1/cases", &owner, json!({"title": "Operation Lark"}))
        .await;
    let case = case["id"].as_str().unwrap().to_owned();
    for who in ["member", "helper", "leaver"] {
        let username = format!("{prefix}{who}");
        if who != "member" {
            app.user("North", &username, Role::Caseworker).await;
        }
        let (s, _) = app
            .post(
                &format!("/api/v1/cases/{case}/members"),
                &owner,
                json!({ "username": username }),
            )
            .await;
        assert_eq!(s.as_u16(), 201);
    }
    (case, owner, member)
}

/// Whether `username` is still a member of `case`.
async fn is_member(app: &TestApp, owner: &str, case: &str, username: &str) -> bool {
    let (_, v) = app
        .get(&format!("/api/v1/cases/{case}/members"), owner)
        .await;
    v["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["username"] == username)
}

pub async fn workflow_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let other = app.user("South", "other", Role::Caseworker).await;

        // The API.
        let (case, owner, member) = team(&app, "a").await;
        let c = |p: &str| format!("/api/v1/cases/{case}{p}");
        let callers = [
            ("anonymous", None),
            ("analyst", Some(analyst.as_str())),
            ("other", Some(other.as_str())),
            ("nonmember", Some(nonmember.as_str())),
            ("member", Some(member.as_str())),
            ("owner", Some(owner.as_str())),
        ];
        let rows = [
            api(
                Method::GET,
                c("/workflow"),
                None,
                [401, 403, 404, 404, 200, 200],
            ),
            api(
                Method::POST,
                c("/members/ahelper/role"),
                Some(json!({"role": "legal"})),
                [401, 403, 404, 404, 204, 204],
            ),
        ];
        check_api(&app, backend, &rows, &callers).await;
        // Moving the case: the member moves it on, the owner back (one move each).
        let status = |s: &str| Some(json!({ "status": s }));
        let no = api(
            Method::POST,
            c("/status"),
            status("FollowUp"),
            [401, 403, 404, 404, 200],
        );
        check_api(&app, backend, &[no], &callers[..5]).await;
        let yes = api(Method::POST, c("/status"), status("Active"), [200]);
        check_api(&app, backend, &[yes], &callers[5..]).await;
        let remove = c("/members/aleaver/remove");
        let no = api(Method::POST, &remove, None, [401, 403, 404, 404, 403]);
        check_api(&app, backend, &[no], &callers[..5]).await;
        expect(is_member(&app, &owner, &case, "aleaver").await, || {
            format!("{backend}: a refused caller removed a member")
        });
        check_api(
            &app,
            backend,
            &[api(Method::POST, &remove, None, [204])],
            &callers[5..],
        )
        .await;
        expect(!is_member(&app, &owner, &case, "aleaver").await, || {
            format!("{backend}: the owner could not remove a member")
        });
        let hand = Some(json!({"username": "amember"}));
        let no = api(
            Method::POST,
            c("/owner"),
            hand.clone(),
            [401, 403, 404, 404, 403],
        );
        check_api(&app, backend, &[no], &callers[..5]).await;
        let (_, v) = app.get(&c(""), &owner).await;
        expect(v["owner"] == "aowner", || {
            format!("{backend}: a refused caller took the case: {v}")
        });
        let yes = api(Method::POST, c("/owner"), hand, [200]);
        check_api(&app, backend, &[yes], &callers[5..]).await;

        // The page and its forms.
        let (case, powner, _) = team(&app, "p").await;
        let c = |p: &str| format!("/cases/{case}{p}");
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "other").await,
            Caller::signed_in(&app, "nonmember").await,
            Caller::signed_in(&app, "pmember").await,
            Caller::signed_in(&app, "powner").await,
        ];
        let rows = [
            page(c("/workflow"), [303, 403, 404, 404, 200, 200]),
            form(
                c("/members/phelper/role"),
                &[("role", "legal")],
                [303, 403, 404, 404, 303, 303],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;
        let no = form(
            c("/status"),
            &[("status", "FollowUp")],
            [303, 403, 404, 404, 303],
        );
        check_pages(backend, &[no], &mut callers[..5]).await;
        let yes = form(c("/status"), &[("status", "Active")], [303]);
        check_pages(backend, &[yes], &mut callers[5..]).await;
        let remove = c("/members/pleaver/remove");
        // The first submit asks (members see the question) and removes nobody.
        let ask = form(&remove, &[], [303, 403, 404, 404, 200, 200]);
        check_pages(backend, &[ask], &mut callers).await;
        let yes = [("confirm", "yes")];
        let no = form(&remove, &yes, [303, 403, 404, 404, 403]);
        check_pages(backend, &[no], &mut callers[..5]).await;
        expect(is_member(&app, &powner, &case, "pleaver").await, || {
            format!("{backend}: a refused caller removed a member")
        });
        check_pages(backend, &[form(&remove, &yes, [303])], &mut callers[5..]).await;
        expect(!is_member(&app, &powner, &case, "pleaver").await, || {
            format!("{backend}: the owner could not remove a member")
        });
        let hand = [("username", "pmember")];
        let no = form(c("/owner"), &hand, [303, 403, 404, 404, 403]);
        check_pages(backend, &[no], &mut callers[..5]).await;
        let yes = form(c("/owner"), &hand, [303]);
        check_pages(backend, &[yes], &mut callers[5..]).await;
        sign_out_all(backend, &mut callers).await;
        app.stop().await;
    }
}
