//! Finding one's way in a case over real HTTP. Short case numbers: every case gets `C-<year>-<count>` counted per
//! organisation and year, shown on the home list and the case page and in the API, and a
//! member can go to a case by its number (any case, blanks around); anyone else gets the 404
//! page, the same as for a number that does not exist. The tab bar: every part of a case
//! carries the same tabs, with its own marked current.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cases_are_numbered_per_organisation_and_found_by_number() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let north = app.user("North", "northcw", Role::Caseworker).await;
        let south = app.user("South", "southcw", Role::Caseworker).await;
        let year = time::OffsetDateTime::now_utc().year();
        let mut north_numbers = vec![];
        let mut north_ids = vec![];
        for i in 0..3 {
            let (s, c) = app
                .post(
                    "/api/v1/cases",
                    &north,
                    json!({"title": format!("North {i}")}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}");
            north_numbers.push(c["number"].as_str().unwrap().to_owned());
            north_ids.push(c["id"].as_str().unwrap().to_owned());
        }
        let (_, c) = app
            .post("/api/v1/cases", &south, json!({"title": "South 0"}))
            .await;
        assert_eq!(
            north_numbers,
            (1..=3)
                .map(|n| format!("C-{year}-{n:05}"))
                .collect::<Vec<_>>(),
            "{backend}"
        );
        assert_eq!(
            c["number"],
            format!("C-{year}-00001"),
            "{backend}: per organisation"
        );
        let (_, got) = app
            .get(&format!("/api/v1/cases/{}", north_ids[1]), &north)
            .await;
        assert_eq!(
            got["number"], north_numbers[1],
            "{backend}: the read shows it too"
        );

        let mut b = Browser::new(&app);
        b.sign_in("northcw").await;
        let (_, _, home) = b.get("/").await;
        for n in &north_numbers {
            assert!(
                home.contains(&format!(">{n}</td>")),
                "{backend}: {n} on the home list"
            );
        }
        let (_, _, page) = b.get(&format!("/cases/{}", north_ids[2])).await;
        assert!(
            page.contains(&format!("<strong>{}</strong>", north_numbers[2])),
            "{backend}"
        );

        let lower = north_numbers[0].to_lowercase();
        let (s, loc, _) = b.get(&format!("/cases/find?number=+{lower}+")).await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        assert_eq!(
            loc.as_deref(),
            Some(format!("/cases/{}", north_ids[0]).as_str()),
            "{backend}"
        );
        for wrong in [
            format!("C-{year}-00009"),
            "C-26-1".to_owned(),
            String::new(),
        ] {
            let (s, _, page) = b.get(&format!("/cases/find?number={wrong}")).await;
            assert_eq!(s, StatusCode::NOT_FOUND, "{backend}: {wrong}");
            assert!(page.contains("<html"), "{backend}: a page");
        }
        // South's C-…-00001 is not North's first case, and North cannot reach South's.
        let mut sb = Browser::new(&app);
        sb.sign_in("southcw").await;
        let (s, loc, _) = sb.get(&format!("/cases/find?number=C-{year}-00001")).await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{backend}");
        assert_ne!(
            loc.as_deref(),
            Some(format!("/cases/{}", north_ids[0]).as_str()),
            "{backend}"
        );
        let (s, _, _) = sb
            .get(&format!("/cases/find?number={}", north_numbers[2]))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_part_of_a_case_carries_the_tab_bar_with_its_own_tab_current() {
    let app = TestApp::spawn("sqlite").await;
    let token = app.user("North", "wren", Role::Caseworker).await;
    let (_, c) = app
        .post("/api/v1/cases", &token, json!({"title": "Operation Wren"}))
        .await;
    let id = c["id"].as_str().unwrap();
    let number = c["number"].as_str().unwrap();
    let (_, person) = app
        .post(
            &format!("/api/v1/cases/{id}/people"),
            &token,
            json!({"role": "victim", "given_name": "Ilinca", "family_name": "Rusu"}),
        )
        .await;
    let mut b = Browser::new(&app);
    b.sign_in("wren").await;
    // The person page names the case by its number and title and links back to it.
    let (_, _, page) = b
        .get(&format!("/people/{}", person["id"].as_str().unwrap()))
        .await;
    assert!(
        page.contains(&format!(
            r#"<a href="/cases/{id}">{number} · Operation Wren ("#
        )),
        "{}",
        crate::common::between(&page, "<ul>", "</ul>")
    );
    let tabs = [
        ("", "Overview"),
        ("/workflow", "Status and team"),
        ("/tasks", "Tasks"),
        ("/decisions", "Decisions"),
        ("/referrals", "Referrals"),
        ("/operations", "Operations"),
        ("/evidence", "Evidence"),
        ("/proceedings", "Proceedings"),
        ("/timeline", "Timeline"),
    ];
    for (path, label) in tabs {
        let url = format!("/cases/{id}{path}");
        let (s, _, page) = b.get(&url).await;
        assert_eq!(s, StatusCode::OK, "{url}");
        let bar = crate::common::between(&page, r#"<nav class="tabs""#, "</nav>");
        for (other, _) in tabs {
            assert!(
                bar.contains(&format!(r#"href="/cases/{id}{other}""#)),
                "{url}: tab {other}"
            );
        }
        assert_eq!(bar.matches("aria-current").count(), 1, "{url}");
        assert!(
            bar.contains(&format!(r#"href="{url}" aria-current="page">{label}</a>"#)),
            "{url}: {bar}"
        );
        if !path.is_empty() {
            assert!(page.contains("Operation Wren"), "{url}: names the case");
        }
    }
    app.stop().await;
}
