//! The estimate pages against the real server: an analyst fills in the form, is sent to the
//! result (303, so reloading or going Back never runs it twice), and reads exactly the figures
//! the API gives for the same run, in words, with the suppressed capture-history table and its
//! download; a refused form comes back with what was typed and the field in error; the menu
//! and the home page lead there for analysts only. Who may open what is in the access matrix
//! (`access/estimates.rs`).

use crate::common::{between, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::stats::testing::estimate_fixture;
use libertas_store::testing::backends;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_runs_an_estimate_from_the_form_and_reads_it_in_words() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        estimate_fixture(&app.store).await;
        let token = app.user("North", "ann", Role::Analyst).await;
        app.user("North", "cara", Role::Caseworker).await;
        let mut b = Browser::new(&app);
        let csrf = b.sign_in("ann").await;

        let (s, _, home) = b.get("/").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(home.contains("href=\"/estimates\""), "{backend}: {home}");
        let (s, _, form) = b.get("/estimates").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(form.contains("id=\"new-estimate\""), "{backend}");
        assert!(
            form.contains("Your organisation has not run an estimate yet"),
            "{backend}"
        );
        // Every list is offered, ticked.
        for code in [
            "reports",
            "identification",
            "police",
            "referrals",
            "aftercare",
        ] {
            assert!(
                form.contains(&format!(
                    "id=\"source-{code}\" name=\"sources\" value=\"{code}\" checked"
                )),
                "{backend}: {code}"
            );
        }

        // Two lists: back to the form, 400, the choice kept and the field named.
        let (s, _, page) = b
            .post(
                "/estimates",
                &[
                    ("csrf", &csrf),
                    ("sources", "reports"),
                    ("sources", "police"),
                    ("from", "2026-01-01"),
                    ("to", "2026-03-31"),
                    ("method", "bic"),
                    ("seed", "11"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        assert!(page.contains("data-field=\"sources\""), "{backend}: {page}");
        assert!(
            page.contains("Pick at least three different lists."),
            "{backend}"
        );
        assert!(page.contains("value=\"reports\" checked"), "{backend}");
        assert!(!page.contains("value=\"aftercare\" checked"), "{backend}");
        assert!(page.contains("value=\"2026-03-31\""), "{backend}");
        assert!(page.contains("value=\"bic\" selected"), "{backend}");
        assert!(page.contains("value=\"11\""), "{backend}");
        // A seed that is no number, a period upside down, an unknown method: each named.
        for (field, value, named) in [
            ("seed", "eleven", "seed"),
            ("from", "2027-01-01", "to"),
            ("method", "guess", "method"),
        ] {
            let mut fields = vec![
                ("csrf", csrf.as_str()),
                ("sources", "reports"),
                ("sources", "identification"),
                ("sources", "aftercare"),
                ("to", "2026-12-31"),
            ];
            fields.push((field, value));
            let (s, _, page) = b.post("/estimates", &fields).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{backend} {field}");
            assert!(
                page.contains(&format!("data-field=\"{named}\"")),
                "{backend} {field}"
            );
            assert!(page.contains("aria-invalid=\"true\""), "{backend} {field}");
        }

        // A good form runs the estimate and goes to its result.
        let (s, loc, _) = b
            .post(
                "/estimates",
                &[
                    ("csrf", &csrf),
                    ("sources", "reports"),
                    ("sources", "identification"),
                    ("sources", "police"),
                    ("sources", "referrals"),
                    ("sources", "aftercare"),
                    ("method", "stepwise"),
                    ("seed", "5"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        let loc = loc.unwrap();
        let id = loc.strip_prefix("/estimates/").unwrap().to_owned();
        let (s, _, page) = b.get(&loc).await;
        assert_eq!(s, StatusCode::OK, "{backend}");

        // The page prints the API's figures for the same run.
        let (s, v) = app.get(&format!("/api/v1/estimates/{id}"), &token).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        let observed = v["observed"].as_u64().unwrap();
        assert_eq!(
            between(&page, "data-key=\"observed\">", "<"),
            observed.to_string(),
            "{backend}"
        );
        let estimate = v["estimate"].as_f64().unwrap().round() as i64;
        let shown = between(&page, "data-key=\"estimate\">", "<").replace(',', "");
        assert_eq!(shown, estimate.to_string(), "{backend}");
        assert_eq!(between(&page, "data-key=\"seed\">", "<"), "5", "{backend}");
        // The chart, with its text alternative and a table of the same figures.
        assert!(page.contains("<svg"), "{backend}");
        assert!(
            page.contains("<title id=\"chart-estimate-title\">"),
            "{backend}"
        );
        assert!(page.contains("id=\"table-estimate\""), "{backend}");
        if v["ci"].is_array() {
            assert!(page.contains("95 % interval:"), "{backend}");
        }
        // Warnings and assumptions in words, never as codes.
        for w in v["warnings"].as_array().unwrap() {
            let code = w.as_str().unwrap();
            let item = between(&page, &format!("data-key=\"warning.{code}\">"), "<");
            assert!(item.len() > 30, "{backend}: {code} in words: {item}");
            assert!(!item.contains('_'), "{backend}: {item}");
        }
        assert!(page.contains("Closed population"), "{backend}");
        assert!(page.contains("Correct linking"), "{backend}");
        // (`chart-estimate-…` are the chart's element ids.)
        let leaked = |p: &str| p.replace("chart-estimate-", "").contains("estimate-");
        assert!(!leaked(&page), "{backend}: a message id leaked");
        // The capture-history table as the API has it: hidden cells read "not shown".
        for h in v["histories"].as_array().unwrap() {
            let pattern = h["pattern"].as_str().unwrap();
            let cell = between(&page, &format!("data-key=\"history.{pattern}\">"), "<");
            match h["count"].as_u64() {
                Some(n) => assert_eq!(cell, n.to_string(), "{backend} {pattern}"),
                None => assert_eq!(cell, "not shown", "{backend} {pattern}"),
            }
        }
        // Its download, with the page's session.
        let href = format!("/api/v1/estimates/{id}/histories.csv");
        assert!(page.contains(&format!("href=\"{href}\"")), "{backend}");
        let (s, _, csv) = b.get(&href).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(
            csv.starts_with("reports,identification,police,referrals,aftercare,count"),
            "{backend}: {csv}"
        );

        // Listed under the form; in Romanian every label is translated.
        let (_, _, form) = b.get("/estimates").await;
        assert!(
            form.contains(&format!("href=\"/estimates/{id}\"")),
            "{backend}"
        );
        let (s, _, ro) = b.get(&format!("{loc}?lang=ro")).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(
            ro.contains("Pe ce se bazează această estimare"),
            "{backend}"
        );
        assert!(!leaked(&ro), "{backend}: a message id leaked");

        // A caseworker is neither offered the page nor served it.
        let mut c = Browser::new(&app);
        c.sign_in("cara").await;
        let (_, _, home) = c.get("/").await;
        assert!(!home.contains("href=\"/estimates\""), "{backend}");
        let (s, _, _) = c.get(&loc).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}");
        app.stop().await;
    }
}
