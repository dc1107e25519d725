//! Survivors' stories on the care page (issue 13) as anonymous, an analyst, an aftercare
//! worker of another organisation, a colleague who is not a member of the survivor's case,
//! and the member, with the exact status of each: write, edit, publish (with storytelling
//! consent on record) and withdraw. The supporter roles are refused these routes by
//! `supporters::every_other_route_refuses_the_supporter_roles`.

use crate::access::matrix::{check_pages, expect, form, page, sign_out_all, Caller};
use crate::care_common::{consent, victim};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::Method;

const STORY: [(&str, &str); 2] = [
    ("pseudonym", "Maria"),
    ("text", "She found work she chose and now trains others."),
];

pub async fn story_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let owner = app.user("North", "owner", Role::Aftercare).await;
        app.user("North", "nonmember", Role::Caseworker).await;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("South", "other", Role::Aftercare).await;
        let pid = victim(&app, &owner).await;
        let mut yes = consent(true);
        yes["storytelling"] = serde_json::Value::Bool(true);
        let (s, _) = app
            .post(&format!("/api/v1/people/{pid}/consents"), &owner, yes)
            .await;
        assert_eq!(s.as_u16(), 201);
        let p = |s: &str| format!("/people/{pid}/care/stories{s}");
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "other").await,
            Caller::signed_in(&app, "nonmember").await,
            Caller::signed_in(&app, "owner").await,
        ];
        let rows = [
            page(p("/new"), [303, 403, 404, 404, 200]),
            form(p(""), &STORY, [303, 403, 404, 404, 303]),
        ];
        check_pages(backend, &rows, &mut callers).await;
        // The member's story, read from the care page's publish button.
        let (_, _, html) = callers[4]
            .send(&Method::GET, &format!("/people/{pid}/care"), &[])
            .await;
        let marker = format!("/people/{pid}/care/stories/");
        let sid = html
            .match_indices(&marker)
            .map(|(at, m)| &html[at + m.len()..])
            .find(|rest| rest.len() > 36 && rest[36..].starts_with("/publish"))
            .map(|rest| rest[..36].to_owned());
        expect(sid.is_some(), || {
            format!("{backend}: the care page shows the story's publish button")
        });
        let Some(sid) = sid else { continue };
        let rows = [
            page(p(&format!("/{sid}/edit")), [303, 403, 404, 404, 200]),
            form(p(&format!("/{sid}")), &STORY, [303, 403, 404, 404, 303]),
            form(
                p(&format!("/{sid}/publish")),
                &[],
                [303, 403, 404, 404, 303],
            ),
            form(
                p(&format!("/{sid}/withdraw")),
                &[],
                [303, 403, 404, 404, 303],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;
        sign_out_all(backend, &mut callers).await;
        app.stop().await;
    }
}
