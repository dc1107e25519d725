//! The helpline's pages and forms (the queue, recording a contact, the identifier look-up,
//! the report page, screening, asking the reporter, closing, opening a case, finding a report
//! by number, taking one) as anonymous, an
//! analyst, a caseworker (a role that works cases but not the helpline queue), another
//! organisation's helpline operator and the receiving organisation's operator. A report of
//! another organisation answers 404; a role without the queue, 403. Refusals must not show
//! the report's story.

use crate::access::matrix::{check_pages_hiding, expect, form, page, sign_out_all, Caller};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use serde_json::json;

const STORY: &str = "A caller worries about a neighbour who never leaves the car wash.";

pub async fn report_pages_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        // The receiving organisation is the first one created.
        let olga = app.user("North", "olga", Role::Hotline).await;
        app.user("North", "cara", Role::Caseworker).await;
        app.user("North", "anna", Role::Analyst).await;
        app.user("South", "sven", Role::Hotline).await;
        let mut ids = vec![];
        for i in 0..5 {
            let mut body = json!({"channel": "phone", "narrative": STORY});
            if i == 2 {
                // The reporter said contact is safe: a message may go through the contact.
                body["contact"] = json!("+44 7700 900123");
                body["safe_to_contact"] = json!(true);
            }
            let (s, r) = app.post("/api/v1/reports", &olga, body).await;
            assert_eq!(s.as_u16(), 201, "{backend}: {r}");
            ids.push(r["id"].as_str().unwrap().to_owned());
        }
        let r = |i: usize, p: &str| format!("/reports/{}{p}", ids[i]);
        let screened = ids[4].clone();
        let (s, _) = app
            .post(
                &format!("/api/v1/reports/{screened}/screening"),
                &olga,
                json!({"acts": ["recruitment"]}),
            )
            .await;
        assert_eq!(s.as_u16(), 200);

        let (_, first) = app.get(&format!("/api/v1/reports/{}", ids[0]), &olga).await;
        let number = first["number"].as_str().unwrap_or_default().to_owned();

        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "anna").await,
            Caller::signed_in(&app, "cara").await,
            Caller::signed_in(&app, "sven").await,
            Caller::signed_in(&app, "olga").await,
        ];
        let rows = [
            page("/reports", [303, 403, 403, 200, 200]),
            page("/reports?status=all&sort=newest", [303, 403, 403, 200, 200]),
            // Another organisation's number is no report of theirs: 404.
            page(
                format!("/reports/find?number={number}"),
                [303, 403, 403, 404, 303],
            ),
            page("/reports/new", [303, 403, 403, 200, 200]),
            form(
                "/reports/new",
                &[
                    ("channel", "phone"),
                    ("narrative", "Someone asks for help."),
                ],
                [303, 403, 403, 303, 303],
            ),
            form(
                "/reports/lookup",
                &[("identifier", "07700 900123")],
                [303, 403, 403, 200, 200],
            ),
            page(r(0, ""), [303, 403, 403, 404, 200]),
            form(
                r(1, "/screening"),
                &[("acts", "recruitment"), ("purposes", "forced_labour")],
                [303, 403, 403, 404, 303],
            ),
            form(
                r(2, "/messages"),
                &[("text", "Can you tell us the street?"), ("via", "contact")],
                [303, 403, 403, 404, 303],
            ),
            // Closing asks first (200, nothing changes), then closes with `confirm=yes`.
            form(
                r(3, "/status"),
                &[("status", "closed"), ("reason", "duplicate")],
                [303, 403, 403, 404, 200],
            ),
            form(
                r(3, "/status"),
                &[
                    ("status", "closed"),
                    ("reason", "duplicate"),
                    ("confirm", "yes"),
                ],
                [303, 403, 403, 404, 303],
            ),
            form(
                r(0, "/assignee"),
                &[("action", "take")],
                [303, 403, 403, 404, 303],
            ),
            form(
                r(4, "/case"),
                &[("title", "From a call")],
                [303, 403, 403, 404, 303],
            ),
        ];
        check_pages_hiding(backend, &rows, &mut callers, &[STORY]).await;
        sign_out_all(backend, &mut callers).await;

        // Only the receiving operator's changes happened.
        let (_, one) = app.get(&format!("/api/v1/reports/{}", ids[1]), &olga).await;
        expect(one["screening"].is_object(), || {
            format!("{backend}: screened by the operator: {one}")
        });
        let (_, two) = app.get(&format!("/api/v1/reports/{}", ids[2]), &olga).await;
        let thread = two["thread"].as_array().map_or(0, Vec::len);
        expect(thread == 1, || format!("{backend}: one question: {two}"));
        let (_, zero) = app.get(&format!("/api/v1/reports/{}", ids[0]), &olga).await;
        expect(zero["assignee"] == "olga", || {
            format!("{backend}: taken by the operator only: {zero}")
        });
        let (_, three) = app.get(&format!("/api/v1/reports/{}", ids[3]), &olga).await;
        expect(three["status"] == "closed", || {
            format!("{backend}: closed once confirmed: {three}")
        });
        let (_, four) = app.get(&format!("/api/v1/reports/{}", ids[4]), &olga).await;
        expect(four["status"] == "case_opened", || {
            format!("{backend}: one case opened: {four}")
        });
        let (_, cases) = app.get("/api/v1/cases", &olga).await;
        let opened = cases["cases"].as_array().map_or(0, Vec::len);
        expect(opened == 1, || format!("{backend}: cases: {cases}"));
        app.stop().await;
    }
}
