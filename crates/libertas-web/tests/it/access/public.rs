//! The public routes, served to anyone without signing in: the static files, the help pages,
//! the report form (a report sent without JavaScript) and the follow-up with the receipt it
//! gave, on the page and on the API.

use crate::access::matrix::{check_pages, expect, page, Caller};
use crate::common::{between, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::Method;
use serde_json::json;

pub async fn public_routes_served_to_anyone() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "olga", Role::Hotline).await;
        let mut anonymous = [Caller::anonymous(&app)];
        let rows = [
            page("/static/app.css", [200]),
            page("/static/public.css", [200]),
            page("/static/quick-exit.js", [200]),
            page("/static/pow.js", [200]),
            page("/help", [200]),
            page("/help/no-trace", [200]),
            page("/help/report", [200]),
            page("/help/signs", [200]),
            page("/help/smuggling", [200]),
            page("/report", [200]),
            page("/report/followup", [200]),
        ];
        check_pages(backend, &rows, &mut anonymous).await;

        // A report without JavaScript (no proof-of-work stamp), then its follow-up.
        let report = [
            (
                "narrative",
                "Girls are driven to a house every night.".to_owned(),
            ),
            ("pow_challenge", "x".to_owned()),
            ("pow_nonce", String::new()),
        ];
        // Post/Redirect/Get: the answer is a redirect to the one-time receipt page, which only
        // the browser that sent the report (its session cookie) can open, once.
        let (s, to, _) = anonymous[0].send(&Method::POST, "/report", &report).await;
        let to = to.unwrap_or_default();
        expect(s == 303 && to.starts_with("/report/receipt"), || {
            format!("{backend}: POST /report: {s} to {to}")
        });
        let (s, _, html) = anonymous[0].send(&Method::GET, &to, &[]).await;
        expect(s == 200, || format!("{backend}: GET {to}: {s}"));
        let receipt = between(&html, "<code id=\"receipt\">", "</code>");
        let (s, _, html) = anonymous[0].send(&Method::GET, &to, &[]).await;
        expect(s != 200 || !html.contains("id=\"receipt\""), || {
            format!("{backend}: GET {to} a second time shows the receipt again: {s}")
        });
        let (s, _, html) = anonymous[0]
            .send(
                &Method::POST,
                "/report/followup",
                &[("receipt", receipt.clone())],
            )
            .await;
        expect(s == 200 && html.contains("id=\"report-status\""), || {
            format!("{backend}: the follow-up page shows the status: {s}")
        });
        let (s, v) = app
            .call(
                Method::POST,
                "/api/v1/public/followup",
                None,
                Some(json!({ "receipt": receipt })),
            )
            .await;
        expect(s.as_u16() == 200 && v["status"].is_string(), || {
            format!("{backend}: POST /api/v1/public/followup: {s} {v}")
        });
        app.stop().await;
    }
}
