//! `GET /api/v1/impact` against the real server: an admin gets the exact funnel of the days
//! asked, an analyst and the network scope a published quarter, protected; other roles are
//! turned away (the access matrix has the full rows). The figures themselves are checked
//! against hand-counted fixtures and attacked in the store's tests (`tests/it/impact.rs`).

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_get_the_exact_funnel_analysts_a_protected_quarter() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let admin = app.user("North", "boss", Role::Admin).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let q = "from=2025-02-01&to=2025-02-10";
        let (s, v) = app.get(&format!("/api/v1/impact?{q}"), &admin).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        assert_eq!(v["protected"], false, "{backend}: {v}");
        assert_eq!(v["from"], "2025-02-01", "{backend}: {v}");
        let keys: Vec<&str> = v["funnel"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["key"].as_str().unwrap())
            .collect();
        assert_eq!(
            keys,
            [
                "reports",
                "screened",
                "cases_opened",
                "identified",
                "referred",
                "assisted",
                "improved"
            ],
            "{backend}"
        );
        assert_eq!(v["funnel"][0]["count"], 0, "{backend}: {v}");
        for (who, token, scope) in [
            ("analyst", &analyst, "organisation"),
            ("analyst", &analyst, "network"),
            ("admin", &admin, "network"),
        ] {
            let (s, v) = app
                .get(&format!("/api/v1/impact?{q}&scope={scope}"), token)
                .await;
            assert_eq!(s, StatusCode::OK, "{backend} {who}: {v}");
            assert_eq!(v["protected"], true, "{backend} {who} {scope}: {v}");
            assert_eq!(v["quarter"], "2025-Q1", "{backend} {who} {scope}: {v}");
            assert!(v["funnel"][0]["count"].is_number(), "{backend}: {v}");
        }

        // The CSV download: the same figures, as an attachment, audited.
        let res = app
            .http
            .get(format!("{}/api/v1/impact.csv?{q}", app.base))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{backend}");
        let header = |name: &str| {
            res.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let (kind, disposition) = (header("content-type"), header("content-disposition"));
        assert!(kind.starts_with("text/csv"), "{backend}: {kind}");
        assert!(
            disposition.starts_with(
                "attachment; filename=\"impact-organisation-2025-02-01-2025-02-10.csv\""
            ),
            "{backend}: {disposition}"
        );
        let body = res.text().await.unwrap();
        assert!(
            body.starts_with("section,key,count,rate\n"),
            "{backend}: {body}"
        );
        assert!(body.contains("\nfunnel,reports,0,\n"), "{backend}: {body}");
        assert!(body.contains("\nperiod,exact,,\n"), "{backend}: {body}");
        assert!(
            body.contains("\noutcomes,assessed,0,\n"),
            "{backend}: {body}"
        );
        assert!(
            body.contains("\noutcome_scores,safety.intake.1,0,\n"),
            "{backend}: {body}"
        );
    }
}

/// The value a page prints under `data-key="key"` (the first one).
fn shown<'a>(page: &'a str, key: &str) -> &'a str {
    let mark = format!("data-key=\"{key}\">");
    let at = page
        .find(&mark)
        .unwrap_or_else(|| panic!("{key} not on the page"));
    let rest = &page[at + mark.len()..];
    rest[..rest.find('<').unwrap()].trim()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_impact_page_prints_the_figures_of_the_api_with_charts_and_tables() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let admin = app.user("North", "boss", Role::Admin).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        app.user("North", "worker", Role::Caseworker).await;
        // Ten reports today: a funnel whose first step is large enough to be printed.
        for k in 0..10 {
            let (s, v) = app
                .call(
                    reqwest::Method::POST,
                    "/api/v1/public/reports",
                    None,
                    Some(serde_json::json!({"narrative": format!("Report number {k} about a farm where workers are locked in at night")})),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}: {v}");
        }
        for (who, token) in [("boss", &admin), ("analyst", &analyst)] {
            let mut b = Browser::new(&app);
            b.sign_in(who).await;
            let (s, _, page) = b.get("/impact").await;
            assert_eq!(s, StatusCode::OK, "{backend} {who}");
            let (_, v) = app.get("/api/v1/impact", token).await;
            // Every step and key figure is the API's, for the same reader.
            for step in v["funnel"].as_array().unwrap() {
                let key = step["key"].as_str().unwrap();
                let on_page = shown(&page, &format!("step.{key}"));
                match step["count"].as_u64() {
                    Some(n) => assert_eq!(on_page, n.to_string(), "{backend} {who} {key}"),
                    None => assert_eq!(on_page, "not shown", "{backend} {who} {key}"),
                }
            }
            assert_eq!(v["protected"], who == "analyst", "{backend} {who}");
            assert_eq!(page.contains("id=\"protected\""), who == "analyst");
            for id in [
                "funnel",
                "verdicts",
                "report-to-case",
                "case-to-identified",
                "identified-to-assisted",
                "intake-to-closure",
                "steps",
                "scores",
            ] {
                assert!(
                    page.contains(&format!("id=\"table-{id}\"")),
                    "{backend} {id}"
                );
            }
            assert!(page.contains("<svg"), "{backend}");
            // The assistance rate is printed with its definition beside it.
            assert!(
                page.contains("Confirmed victims who received at least one delivered service"),
                "{backend}"
            );
            assert!(
                page.contains("href=\"/api/v1/impact.csv?from="),
                "{backend}"
            );
            // Every label is a translated text, never a message id.
            assert!(
                !page.contains("impact-"),
                "{backend} {who}: a message id leaked"
            );
            assert!(page.contains("Outcome improved"), "{backend}");
            assert!(
                page.contains("Economic empowerment and education"),
                "{backend}"
            );
            // The menu and the home page lead here.
            let (_, _, home) = b.get("/").await;
            assert!(home.contains("href=\"/impact\""), "{backend} {who}: {home}");
            let (_, _, ro) = b.get("/impact?lang=ro").await;
            assert!(ro.contains("De la sesizare la recuperare"), "{backend}");
            let (s, _, _) = b.get("/impact?to=nonsense").await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        }
        let mut b = Browser::new(&app);
        b.sign_in("worker").await;
        let (_, _, home) = b.get("/").await;
        assert!(
            !home.contains("href=\"/impact\""),
            "{backend}: a caseworker is not offered it"
        );
        let (s, _, _) = b.get("/impact").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}");
        app.stop().await;
    }
}
