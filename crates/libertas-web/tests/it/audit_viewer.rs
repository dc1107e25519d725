//! The audit viewer page over real HTTP: newest first, 50 a page, older pages by key with the
//! filters kept in the URL; filters by actor, action (exact or a kind), record and days; a
//! filter it cannot read comes back as typed and marked, with no events; an administrator
//! sees only their organisation's events; nobody else sees the page.

use crate::common::{between, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// The `seq` column of the page's table, top to bottom.
fn seqs(page: &str) -> Vec<i64> {
    page.split("<td data-label=\"#\">")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().parse().unwrap())
        .collect()
}

fn href_of(page: &str, rel_text: &str) -> Option<String> {
    let at = page.find(rel_text)?;
    let before = &page[..at];
    let start = before.rfind("href=\"")? + 6;
    let end = page[start..].find('"')? + start;
    Some(page[start..end].replace("&#38;", "&").replace("&amp;", "&"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_viewer_pages_newest_first_and_filters() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "admin1", Role::Admin).await;
        let worker = app.user("North", "worker", Role::Caseworker).await;
        let other = app.user("South", "elsewhere", Role::Caseworker).await;
        let mut case_ids = Vec::new();
        for i in 0..60 {
            let (s, c) = app
                .post(
                    "/api/v1/cases",
                    &worker,
                    json!({"title": format!("Case {i}")}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}");
            case_ids.push(c["id"].as_str().unwrap().to_owned());
        }
        app.post("/api/v1/cases", &other, json!({"title": "Their case"}))
            .await;
        let admin_token = app.token_for("admin1").await;
        let (_, all) = app.get("/api/v1/audit?limit=5000", &admin_token).await;
        let all: Vec<Value> = all["events"].as_array().unwrap().clone();
        assert!(all.len() >= 60, "{backend}: {} events", all.len());
        let mut expected: Vec<i64> = all.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
        expected.reverse();

        let mut admin = Browser::new(&app);
        admin.sign_in("admin1").await;
        let (s, _, first) = admin.get("/admin/audit").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        let first_seqs = seqs(&first);
        assert_eq!(first_seqs.len(), 50, "{backend}: 50 a page");
        assert!(
            first_seqs.windows(2).all(|w| w[0] > w[1]),
            "{backend}: newest first"
        );
        // Everything the API listed (older than the page's own read) appears, in order.
        let newest_listed = expected[0];
        let shown: Vec<i64> = first_seqs
            .iter()
            .copied()
            .filter(|s| *s <= newest_listed)
            .collect();
        assert_eq!(shown, expected[..shown.len()], "{backend}");
        assert!(
            !first.contains("elsewhere"),
            "{backend}: another organisation's events"
        );
        let older = href_of(&first, ">Older events<").expect("an older page");
        let (_, _, second) = admin.get(&older).await;
        let second_seqs = seqs(&second);
        assert!(!second_seqs.is_empty(), "{backend}");
        assert!(
            second_seqs[0] < *first_seqs.last().unwrap(),
            "{backend}: strictly older"
        );
        assert!(href_of(&second, ">Newest events<").is_some(), "{backend}");

        // Filters, kept in the older link.
        let (_, _, mine) = admin.get("/admin/audit?actor=worker&action=case.").await;
        let rows = seqs(&mine);
        assert_eq!(rows.len(), 50, "{backend}");
        assert!(!mine.contains(">admin1<"), "{backend}: only the actor");
        let older = href_of(&mine, ">Older events<").expect("an older page");
        assert!(
            older.contains("actor=worker") && older.contains("action=case."),
            "{older}"
        );
        let (_, _, exact) = admin.get("/admin/audit?action=case.create").await;
        assert_eq!(
            seqs(&exact).len(),
            50,
            "{backend}: one case.create per case"
        );
        let rest = href_of(&exact, ">Older events<").expect("an older page");
        let (_, _, exact2) = admin.get(&rest).await;
        assert_eq!(seqs(&exact2).len(), 10, "{backend}: 60 in all");
        assert!(
            href_of(&exact2, ">Older events<").is_none(),
            "{backend}: the last page"
        );
        let (_, _, one) = admin
            .get(&format!("/admin/audit?object_id={}", case_ids[7]))
            .await;
        assert!(
            !seqs(&one).is_empty() && one.contains(&case_ids[7]),
            "{backend}"
        );
        assert!(!one.contains(&case_ids[8]), "{backend}");
        let today = time::OffsetDateTime::now_utc().date();
        let (_, _, dated) = admin
            .get(&format!(
                "/admin/audit?from={today}&to={today}&action=case.create"
            ))
            .await;
        assert_eq!(seqs(&dated).len(), 50, "{backend}");
        let yesterday = today.previous_day().unwrap();
        let (_, _, none) = admin
            .get(&format!("/admin/audit?from=2020-01-01&to={yesterday}"))
            .await;
        assert!(seqs(&none).is_empty(), "{backend}");
        assert!(none.contains("No events match"), "{backend}");

        // A filter it cannot read: 400, typed value kept and marked, focus on it, no events.
        let (s, _, bad) = admin
            .get("/admin/audit?actor=worker&from=31.12.2026&object_id=nope")
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        assert!(seqs(&bad).is_empty(), "{backend}");
        assert!(
            bad.contains(r#"value="31.12.2026" aria-invalid="true" aria-describedby="from-error""#),
            "{backend}: {}",
            between(&bad, "<form", "</form>")
        );
        assert!(
            bad.contains(
                r#"value="nope" aria-invalid="true" aria-describedby="object_id-error" autofocus"#
            ),
            "{backend}"
        );
        assert!(
            bad.contains(r#"name="actor" type="text" value="worker">"#),
            "{backend}"
        );
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_see_the_viewer() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        for (name, role) in [
            ("worker", Role::Caseworker),
            ("analyst", Role::Analyst),
            ("hotline", Role::Hotline),
        ] {
            app.user("North", name, role).await;
            let mut b = Browser::new(&app);
            b.sign_in(name).await;
            let (s, _, page) = b.get("/admin/audit?actor=worker").await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{backend}: {name}");
            assert!(!page.contains("data-label=\"#\""), "{backend}: {name}");
        }
        app.stop().await;
    }
}
