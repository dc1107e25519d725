//! `GET /api/v1/impact` against the real server: an admin gets the exact funnel of the days
//! asked, an analyst and the network scope a published quarter, protected; other roles are
//! turned away (the access matrix has the full rows). The figures themselves are checked
//! against hand-counted fixtures and attacked in the store's tests (`tests/it/impact.rs`).

use crate::common::TestApp;
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
                "assisted"
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
    }
}
