//! The home page by role and the list of cases, over real HTTP on SQLite and PostgreSQL.
//!
//! Each role lands on its work: a caseworker sees the counts of their cases by status, what is
//! due with the case and the person named, and a chart; a hotline operator the report queue's
//! counts; an administrator accounts and alerts; an analyst their pages and no personal data.
//! The list of cases pages by 50, filters by status, owner and number, keeps the filter in the
//! URL, refuses a filter it cannot read with the value kept, and never lists a case the reader
//! is not a member of.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;

/// The rows of the first table on a page (`<tr>` inside `<tbody>`).
fn body_rows(page: &str) -> usize {
    page.split("<tbody>").nth(1).map_or(0, |b| {
        b.split("</tbody>")
            .next()
            .unwrap_or("")
            .matches("<tr")
            .count()
    })
}

/// Every link in the page's `<main>` answers 200 for the same reader: each count leads to a
/// list that opens (its filter is one the list reads).
async fn every_link_opens(b: &mut Browser, home: &str, backend: &str) {
    let main = home
        .split("<main")
        .nth(1)
        .unwrap_or("")
        .split("</main>")
        .next()
        .unwrap_or("");
    let links: Vec<String> = main
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|h| h.starts_with('/'))
        .map(|h| h.replace("&amp;", "&"))
        .collect();
    assert!(!links.is_empty(), "{backend}: no links on the home");
    for href in links {
        let (s, _, _) = b.get(&href).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {href} from the home");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_lands_on_its_work() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let cw = app.user("North", "casey", Role::Caseworker).await;
        let hot = app.user("North", "hana", Role::Hotline).await;
        let _an = app.user("North", "anna", Role::Analyst).await;
        let adm = app.user("North", "adam", Role::Admin).await;
        let _inv = app.user("North", "ivan", Role::Investigator).await;

        // Three cases; one with a victim whose reasonable-grounds decision is overdue.
        let mut ids = vec![];
        for title in ["Operation Lark", "Farm in the hills", "Car wash"] {
            let (s, c) = app
                .post("/api/v1/cases", &cw, json!({"title": title}))
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}");
            ids.push((
                c["id"].as_str().unwrap().to_owned(),
                c["number"].as_str().unwrap().to_owned(),
            ));
        }
        let (case, number) = ids[0].clone();
        let (_, person) = app
            .post(
                &format!("/api/v1/cases/{case}/people"),
                &cw,
                json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu"}),
            )
            .await;
        let referred =
            (time::OffsetDateTime::now_utc().date() - time::Duration::days(40)).to_string();
        let (s, d) = app
            .post(
                &format!("/api/v1/cases/{case}/decisions"),
                &cw,
                json!({"person_id": person["id"], "referral_date": referred}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {d}");
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let (s, _) = app
            .post(
                &format!("/api/v1/cases/{}/tasks", ids[1].0),
                &cw,
                json!({"title": "Call the shelter", "due_date": today}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}");

        let mut b = Browser::new(&app);
        b.sign_in("casey").await;
        let (s, _, home) = b.get("/").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(home.contains("All my cases (3)"), "{backend}: {home}");
        assert!(
            home.contains("<strong>1</strong> tasks overdue"),
            "{backend}: {home}"
        );
        assert!(
            home.contains("<strong>1</strong> tasks due today"),
            "{backend}"
        );
        // The overdue task names its case (number and title) and its person, linked.
        assert!(
            home.contains("Reasonable-grounds decision due"),
            "{backend}"
        );
        assert!(
            home.contains(&format!("{number} · Operation Lark")),
            "{backend}"
        );
        assert!(
            home.contains(&format!(
                "<a href=\"/people/{}\">Zamfira Oprescu</a>",
                person["id"].as_str().unwrap()
            )),
            "{backend}: {home}"
        );
        assert!(home.contains("Call the shelter"), "{backend}");
        every_link_opens(&mut b, &home, backend).await;
        // The caseload chart: an SVG bar per status, each linking to its filtered list.
        assert!(home.contains("<svg"), "{backend}");
        assert!(
            home.contains("<a href=\"/cases?status=Active\">Active: <strong>3</strong></a>"),
            "{backend}"
        );
        assert!(
            !home.contains("Reports waiting"),
            "{backend}: no report counts for a caseworker"
        );
        assert!(!home.contains("Accounts and security"), "{backend}");
        // The people of my cases, filtered by role; each one listed is an audited read.
        let (s, _, people) = b.get("/people?role=victim").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(
            people.contains("People found: 1") && people.contains("Zamfira Oprescu"),
            "{backend}"
        );
        let (_, _, witnesses) = b.get("/people?role=witness").await;
        assert!(
            witnesses.contains("People found: 0") && !witnesses.contains("Zamfira"),
            "{backend}"
        );
        let (s, _, bad) = b.get("/people?role=boss").await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        assert!(
            bad.contains("id=\"role-error\"") && !bad.contains("Zamfira"),
            "{backend}"
        );
        // The counts link to the task list, filtered in the URL.
        assert!(home.contains("href=\"/tasks?due=overdue\""), "{backend}");
        let (s, _, overdue) = b.get("/tasks?due=overdue").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(overdue.contains("Tasks found: 1"), "{backend}: {overdue}");
        assert!(
            overdue.contains("Zamfira Oprescu") && !overdue.contains("Call the shelter"),
            "{backend}"
        );
        let (_, _, due_today) = b.get("/tasks?due=today").await;
        assert!(
            due_today.contains("Tasks found: 1") && due_today.contains("Call the shelter"),
            "{backend}"
        );
        let (_, _, decisions) = b.get("/tasks?due=week&kind=decision").await;
        assert!(
            decisions.contains("Tasks found: 1")
                && decisions.contains("Reasonable-grounds decision due"),
            "{backend}"
        );
        let (_, _, manual) = b.get("/tasks?due=any&kind=manual&lang=ro").await;
        assert!(manual.contains("Sarcini găsite: 1"), "{backend}");
        for (bad, field) in [
            ("due=yesterday", "due"),
            ("kind=other", "kind"),
            ("page=-1", "page"),
        ] {
            let (s, _, page) = b.get(&format!("/tasks?{bad}")).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}: {bad}");
            assert!(
                page.contains(&format!("id=\"{field}-error\"")),
                "{backend}: {bad}"
            );
            assert!(!page.contains("Zamfira"), "{backend}: {bad}");
        }
        // Reading the home names the person, so it is audited.
        let (_, audit) = app.get("/api/v1/audit?limit=5000", &adm).await;
        let reads = audit["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "person.read" && e["reason"] == "page: home, tasks due")
            .count();
        assert!(reads >= 1, "{backend}: {audit}");

        // The hotline: the queue's counts, no case work.
        let (s, _) = app
            .post("/api/v1/reports", &hot, json!({"channel": "phone", "narrative": "Workers locked in at night.", "in_danger_now": true}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}");
        let mut h = Browser::new(&app);
        h.sign_in("hana").await;
        let (_, _, home) = h.get("/").await;
        assert!(home.contains("Reports waiting"), "{backend}");
        assert!(
            home.contains("<strong>1</strong> urgent"),
            "{backend}: {home}"
        );
        assert!(
            home.contains("<strong>1</strong> not yet screened"),
            "{backend}"
        );
        assert!(
            !home.contains("Operation Lark"),
            "{backend}: no case of another"
        );

        // The analyst: their pages, never a name or a case.
        let mut a = Browser::new(&app);
        a.sign_in("anna").await;
        let (s, _, home) = a.get("/").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(home.contains("href=\"/indicators\""), "{backend}");
        assert!(home.contains("Your pages"), "{backend}");
        for secret in [
            "Operation Lark",
            "Zamfira",
            "Reports waiting",
            "All my cases",
        ] {
            assert!(
                !home.contains(secret),
                "{backend}: {secret} on the analyst's home"
            );
        }

        // The administrator: accounts and alerts (and the queue, which admins also work).
        let mut ad = Browser::new(&app);
        ad.sign_in("adam").await;
        let (_, _, home) = ad.get("/").await;
        assert!(home.contains("Accounts and security"), "{backend}");
        assert!(
            home.contains("sessions active in the last 30 minutes"),
            "{backend}"
        );
        assert!(!home.contains("Operation Lark"), "{backend}: not a member");
        every_link_opens(&mut ad, &home, backend).await;

        // The investigator, member of nothing: evidence and hearings at zero, nobody's tasks.
        let mut i = Browser::new(&app);
        i.sign_in("ivan").await;
        let (_, _, home) = i.get("/").await;
        assert!(
            home.contains("<strong>0</strong> evidence items not yet verified"),
            "{backend}"
        );
        assert!(
            home.contains("<strong>0</strong> hearings this month"),
            "{backend}"
        );
        assert!(
            !home.contains("Zamfira") && !home.contains("Call the shelter"),
            "{backend}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_list_pages_filters_and_sorts() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let cw = app.user("North", "casey", Role::Caseworker).await;
        let other = app.user("North", "otto", Role::Caseworker).await;
        let far = app.user("South", "sami", Role::Caseworker).await;
        let mut numbers = vec![];
        for i in 0..55 {
            let (_, c) = app
                .post(
                    "/api/v1/cases",
                    &cw,
                    json!({"title": format!("Case {i:02}")}),
                )
                .await;
            numbers.push(c["number"].as_str().unwrap().to_owned());
        }
        // Otto's case with Casey as a member: listed, but not among "cases I own".
        let (_, shared) = app
            .post("/api/v1/cases", &other, json!({"title": "Otto's case"}))
            .await;
        let shared_id = shared["id"].as_str().unwrap();
        let (s, _) = app
            .post(
                &format!("/api/v1/cases/{shared_id}/members"),
                &other,
                json!({"username": "casey"}),
            )
            .await;
        assert!(s.is_success(), "{backend}");
        app.post("/api/v1/cases", &other, json!({"title": "Otto alone"}))
            .await;
        app.post("/api/v1/cases", &far, json!({"title": "South case"}))
            .await;

        let mut b = Browser::new(&app);
        b.sign_in("casey").await;
        let (s, _, page) = b.get("/cases").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(page.contains("Cases found: 56"), "{backend}");
        assert_eq!(body_rows(&page), 50, "{backend}");
        assert!(
            page.contains("href=\"/cases?page=2\" rel=\"next\""),
            "{backend}: {page}"
        );
        for hidden in ["Otto alone", "South case"] {
            assert!(!page.contains(hidden), "{backend}: {hidden}");
        }
        let (_, _, two) = b.get("/cases?page=2").await;
        assert_eq!(body_rows(&two), 6, "{backend}");
        assert!(two.contains("href=\"/cases\" rel=\"prev\""), "{backend}");
        assert!(!two.contains("rel=\"next\""), "{backend}");
        for hidden in ["Otto alone", "South case"] {
            assert!(!two.contains(hidden), "{backend}: {hidden}");
        }

        // Owned only: Otto's shared case drops out.
        let (_, _, owned) = b.get("/cases?owned=1&page=2").await;
        assert!(owned.contains("Cases found: 55"), "{backend}");
        assert!(
            !owned.contains("Otto&#x27;s case") && !owned.contains("Otto's case"),
            "{backend}"
        );
        assert!(
            owned.contains("href=\"/cases?owned=1\" rel=\"prev\""),
            "{backend}: the filter stays in the links"
        );

        // By number, lower case and a prefix; sorted by number.
        let (_, _, one) = b
            .get(&format!("/cases?number={}", numbers[7].to_lowercase()))
            .await;
        assert!(one.contains("Cases found: 1"), "{backend}");
        assert!(one.contains("Case 07"), "{backend}");
        let prefix = &numbers[9][..numbers[9].len() - 1];
        let (_, _, some) = b.get(&format!("/cases?number={prefix}&sort=number")).await;
        assert!(some.contains("Cases found: 10"), "{backend}: {prefix}");
        let at = |p: &str, n: &str| p.find(&format!(">{n}</td>")).unwrap();
        assert!(
            at(&some, &numbers[9]) < at(&some, &numbers[18]),
            "{backend}"
        );
        assert!(
            some.contains("<option value=\"number\" selected>"),
            "{backend}"
        );

        // By status.
        let (_, _, active) = b.get("/cases?status=Active").await;
        assert!(active.contains("Cases found: 56"), "{backend}");
        let (_, _, closed) = b.get("/cases?status=Closed").await;
        assert!(closed.contains("Cases found: 0"), "{backend}");
        assert!(closed.contains("No case matches this filter."), "{backend}");

        // A filter it cannot read: 400, the value kept, the field marked, no cases shown.
        for (query, field, kept) in [
            ("status=Open%22%3E", "status", ""),
            ("number=X-1%3Cb%3E", "number", "value=\"X-1&#60;b&#62;\""),
            ("sort=title", "sort", ""),
            ("page=0", "page", ""),
            ("page=abc", "page", ""),
            ("owned=maybe", "owned", ""),
        ] {
            let (s, _, page) = b.get(&format!("/cases?{query}")).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}: {query}");
            assert!(
                page.contains(&format!("id=\"{field}-error\"")),
                "{backend}: {query}"
            );
            assert!(!page.contains("Case 0"), "{backend}: {query} lists nothing");
            assert!(!page.contains("<b>"), "{backend}: {query} is escaped");
            if !kept.is_empty() {
                assert!(page.contains(kept), "{backend}: {query}: {page}");
            }
        }
        // Unknown parameters and the language switch are ignored.
        let (s, _, ro) = b.get("/cases?lang=ro&colour=red").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(ro.contains("Cazuri găsite: 56"), "{backend}");

        // Roles that do not work cases get the forbidden page; the listing is audited.
        let _an = app.user("North", "anna", Role::Analyst).await;
        let adm = app.user("North", "adam", Role::Admin).await;
        let mut a = Browser::new(&app);
        a.sign_in("anna").await;
        let (s, _, _) = a.get("/cases").await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}");
        let (_, audit) = app.get("/api/v1/audit?limit=5000", &adm).await;
        assert!(
            audit["events"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "case.list" && e["reason"] == "page: case list"),
            "{backend}"
        );
    }
}
