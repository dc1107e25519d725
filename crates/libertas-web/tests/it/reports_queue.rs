//! Issue 11, the helpline's working day, over real HTTP: report numbers and finding a report by
//! its number, the queue's filters and pages (a bad filter comes back as typed, marked, 400),
//! taking a report (taking over needs a second step), closing with confirmation, urgency
//! decided by the screening. SQLite always, PostgreSQL when configured. The public forms that
//! keep what was typed are in `reports_public_forms`.

use crate::common::{hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Records a contact through the API; returns its id.
async fn intake(app: &TestApp, token: &str, channel: &str, danger: bool) -> String {
    let (s, r) = app
        .post(
            "/api/v1/reports",
            token,
            json!({"channel": channel, "narrative": "Workers sleep at the car wash.", "in_danger_now": danger}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    r["id"].as_str().unwrap().to_owned()
}

fn is_report_number(n: &str) -> bool {
    let parts: Vec<&str> = n.split('-').collect();
    parts.len() == 3
        && parts[0] == "R"
        && parts[1].len() == 4
        && parts[2].len() == 5
        && (parts[1].to_owned() + parts[2])
            .bytes()
            .all(|b| b.is_ascii_digit())
}

/// The queue's rows: the number column, top to bottom.
fn numbers(page: &str) -> Vec<String> {
    page.split("<td data-label=\"Number\">")
        .skip(1)
        .map(|rest| {
            let link = rest.split("</a>").next().unwrap();
            link.rsplit('>').next().unwrap().to_owned()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_pages_filters_and_keeps_a_bad_filter_as_typed() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let olga = app.user("North", "olga", Role::Hotline).await;
        for i in 0..55 {
            let channel = if i % 5 == 0 { "sms" } else { "phone" };
            intake(&app, &olga, channel, i == 54).await;
        }
        // The JSON: pages of 50 with the total, each report with its number.
        let (s, q) = app.get("/api/v1/reports", &olga).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert_eq!(
            (q["total"].as_i64(), q["per_page"].as_i64()),
            (Some(55), Some(50))
        );
        let reports = q["reports"].as_array().unwrap();
        assert_eq!(reports.len(), 50);
        assert_eq!(reports[0]["urgent"], true, "urgent first");
        assert!(reports
            .iter()
            .all(|r| is_report_number(r["number"].as_str().unwrap())));
        let (_, q2) = app.get("/api/v1/reports?page=2&sort=newest", &olga).await;
        assert_eq!(q2["reports"].as_array().unwrap().len(), 5);
        let (_, sms) = app.get("/api/v1/reports?channel=sms", &olga).await;
        assert_eq!(sms["total"], 11, "{backend}");
        let (s, e) = app.get("/api/v1/reports?status=bogus", &olga).await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("status"))
        );

        let mut b = Browser::new(&app);
        b.sign_in("olga").await;
        let (s, _, page) = b.get("/reports").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert_eq!(numbers(&page).len(), 50, "{backend}: 50 a page");
        assert!(page.contains("55 reports match."), "{backend}");
        assert!(page.contains("Page 1 of 2"));
        assert!(
            page.contains("<table class=\"cards\">"),
            "stacks on a phone"
        );
        assert!(
            page.contains("href=\"/reports?page=2\" rel=\"next\""),
            "{backend}"
        );
        let (_, _, second) = b.get("/reports?page=2").await;
        assert_eq!(numbers(&second).len(), 5);
        let (_, _, newest) = b.get("/reports?sort=newest&channel=sms").await;
        let shown = numbers(&newest);
        assert_eq!(shown.len(), 11);
        let mut sorted = shown.clone();
        sorted.sort();
        sorted.reverse();
        assert_eq!(shown, sorted, "{backend}: newest first");
        assert!(
            newest.contains("<option value=\"sms\" selected>"),
            "the filter is kept"
        );
        // A history view lists the newest first unless asked, and its order select says so;
        // the open queue's default stays the working order.
        let (_, _, history) = b.get("/reports?status=all&channel=sms").await;
        assert_eq!(
            numbers(&history),
            shown,
            "{backend}: newest first by default"
        );
        assert!(history.contains("<option value=\"newest\" selected>"));
        let (_, _, open) = b.get("/reports").await;
        assert!(open.contains("<option value=\"urgent\" selected>"));
        let (_, q) = app
            .get("/api/v1/reports?status=all&channel=sms", &olga)
            .await;
        let api: Vec<&str> = q["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["number"].as_str().unwrap())
            .collect();
        assert_eq!(api, shown, "{backend}: the API has the same default");
        // A bad value: 400, kept as typed and marked, the first one focused, no reports.
        let (s, _, bad) = b
            .get("/reports?channel=sms&status=bogus&sort=sideways")
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        assert!(bad.contains(
            "<select id=\"filter-status\" name=\"status\" aria-invalid=\"true\" aria-describedby=\"filter-status-error\" autofocus>"
        ), "{bad}");
        assert!(bad.contains("<option value=\"bogus\" selected>bogus</option>"));
        assert!(bad.contains("aria-describedby=\"filter-sort-error\">"));
        assert!(bad.contains("<option value=\"sms\" selected>"));
        assert!(numbers(&bad).is_empty());
        // Every language, with its plural forms; unknown parameters never break the page.
        for (lang, total) in [
            ("ro", "55 de rapoarte corespund."),
            ("uk", "Відповідають 55 повідомлень."),
            ("ru", "Подходят 55 сообщений."),
        ] {
            let (s, _, page) = b.get(&format!("/reports?lang={lang}&whatever=1")).await;
            assert_eq!(s, StatusCode::OK, "{backend} {lang}");
            assert!(page.contains(total), "{backend} {lang}");
            assert!(
                !page.contains("reports-"),
                "{lang}: an untranslated message id"
            );
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_is_found_by_its_number_in_its_organisation_only() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let olga = app.user("North", "olga", Role::Hotline).await;
        let sven = app.user("South", "sven", Role::Hotline).await;
        app.user("North", "cara", Role::Caseworker).await;
        let id = intake(&app, &olga, "phone", false).await;
        let theirs = intake(&app, &sven, "phone", false).await;
        let (_, r) = app.get(&format!("/api/v1/reports/{id}"), &olga).await;
        let number = r["number"].as_str().unwrap().to_owned();
        assert!(is_report_number(&number), "{number}");
        let (_, t) = app.get(&format!("/api/v1/reports/{theirs}"), &sven).await;
        assert_eq!(t["number"], number, "{backend}: counted per organisation");

        let mut b = Browser::new(&app);
        b.sign_in("olga").await;
        let (s, loc, _) = b
            .get(&format!("/reports/find?number=+{}+", number.to_lowercase()))
            .await;
        assert_eq!(
            (s, loc.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some(format!("/reports/{id}").as_str())
            ),
            "{backend}"
        );
        let (_, _, shown) = b.get(&format!("/reports/{id}")).await;
        assert!(shown.contains(&format!("<span id=\"report-number\">{number}</span>")));
        // Reports sharing an identifier name each other by number.
        let mut shared = vec![];
        for _ in 0..2 {
            let (_, r) = app
                .post(
                    "/api/v1/reports",
                    &olga,
                    json!({"channel": "sms", "narrative": "Texts from +44 7700 900555 offering work."}),
                )
                .await;
            shared.push(r["id"].as_str().unwrap().to_owned());
        }
        let (_, other) = app
            .get(&format!("/api/v1/reports/{}", shared[1]), &olga)
            .await;
        let (_, _, page) = b.get(&format!("/reports/{}", shared[0])).await;
        assert!(
            page.contains(&format!(
                "<a href=\"/reports/{}\">{}</a>",
                shared[1],
                other["number"].as_str().unwrap()
            )),
            "{backend}"
        );
        let (s, _, bad) = b.get("/reports/find?number=R-12").await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        assert!(bad.contains(
            "<input id=\"number\" name=\"number\" value=\"R-12\" autocomplete=\"off\" spellcheck=\"false\" aria-invalid=\"true\" aria-describedby=\"number-error\" autofocus>"
        ), "{bad}");
        assert!(bad.contains("id=\"number-error\""));
        let year = &number[2..6];
        let (s, _, _) = b.get(&format!("/reports/find?number=R-{year}-00099")).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{backend}");
        let mut cara = Browser::new(&app);
        cara.sign_in("cara").await;
        let (s, _, _) = cara.get(&format!("/reports/find?number={number}")).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{backend}");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_takes_a_report_and_taking_it_over_needs_confirmation() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana_token = app.user("North", "ana", Role::Hotline).await;
        app.user("North", "bob", Role::Hotline).await;
        let id = intake(&app, &ana_token, "phone", false).await;
        let assignee = |v: &Value| v["assignee"].as_str().map(str::to_owned);
        let mut ana = Browser::new(&app);
        let csrf = ana.sign_in("ana").await;
        let path = format!("/reports/{id}/assignee");
        let (s, loc, _) = ana
            .post(&path, &[("csrf", &csrf), ("action", "take")])
            .await;
        assert_eq!(
            (s, loc),
            (StatusCode::SEE_OTHER, Some(format!("/reports/{id}")))
        );
        let (_, _, page) = ana.get(&format!("/reports/{id}")).await;
        assert!(page.contains("You have taken this report."), "{backend}");
        let (_, _, queue) = ana.get("/reports?assignee=me").await;
        assert!(
            queue.contains("<td data-label=\"Taken by\">ana</td>"),
            "{backend}"
        );

        let mut bob = Browser::new(&app);
        let csrf_bob = bob.sign_in("bob").await;
        let (_, _, page) = bob.get(&format!("/reports/{id}")).await;
        assert!(page.contains("ana has taken this report."));
        // Taking it over: first a confirmation page, and nothing changes.
        let (s, _, confirm) = bob
            .post(&path, &[("csrf", &csrf_bob), ("action", "take")])
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(confirm.contains("ana has taken report R-"), "{confirm}");
        assert_eq!(hidden(&confirm, "confirm"), "yes");
        let (_, r) = app.get(&format!("/api/v1/reports/{id}"), &ana_token).await;
        assert_eq!(assignee(&r).as_deref(), Some("ana"), "{backend}");
        let (s, _, _) = bob
            .post(
                &path,
                &[("csrf", &csrf_bob), ("action", "take"), ("confirm", "yes")],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (_, r) = app.get(&format!("/api/v1/reports/{id}"), &ana_token).await;
        assert_eq!(assignee(&r).as_deref(), Some("bob"), "{backend}");

        // The API: 409 naming the assignee until `replace`; release gives it back.
        let api = format!("/api/v1/reports/{id}/assignee");
        let (s, e) = app.post(&api, &ana_token, json!({"action": "take"})).await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::CONFLICT, Some("assignee"))
        );
        let (s, r) = app
            .post(&api, &ana_token, json!({"action": "take", "replace": true}))
            .await;
        assert_eq!(
            (s, r["assignee"].as_str(), r["changed"].as_bool()),
            (StatusCode::OK, Some("ana"), Some(true))
        );
        let (s, r) = app
            .post(&api, &ana_token, json!({"action": "release"}))
            .await;
        assert_eq!((s, r["assignee"].clone()), (StatusCode::OK, Value::Null));
        let (s, _) = app.post(&api, &ana_token, json!({"action": "grab"})).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        let admin = app.user("North", "adam", Role::Admin).await;
        let (_, trail) = app.get("/api/v1/audit?limit=5000", &admin).await;
        let count = |action: &str| {
            trail["events"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["action"] == action && e["object_id"] == id.as_str())
                .count()
        };
        assert_eq!(
            (count("report.take"), count("report.release")),
            (3, 1),
            "{backend}"
        );
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_a_report_asks_for_confirmation_first() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let olga = app.user("North", "olga", Role::Hotline).await;
        let id = intake(&app, &olga, "phone", false).await;
        let mut b = Browser::new(&app);
        let csrf = b.sign_in("olga").await;
        let path = format!("/reports/{id}/status");
        let form = [
            ("csrf", csrf.as_str()),
            ("status", "closed"),
            ("reason", "A duplicate of an earlier call"),
        ];
        let (s, _, confirm) = b.post(&path, &form).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(confirm.contains("Close this report?"));
        assert_eq!(hidden(&confirm, "reason"), "A duplicate of an earlier call");
        let (_, r) = app.get(&format!("/api/v1/reports/{id}"), &olga).await;
        assert_eq!(
            r["status"], "new",
            "{backend}: a POST without confirm changes nothing"
        );
        let (s, _, _) = b
            .post(&path, &[("csrf", &csrf), ("status", "closed")])
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "a reason first");
        let mut confirmed = form.to_vec();
        confirmed.push(("confirm", "yes"));
        let (s, _, _) = b.post(&path, &confirmed).await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (_, r) = app.get(&format!("/api/v1/reports/{id}"), &olga).await;
        assert_eq!(r["status"], "closed", "{backend}");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_screening_that_finds_no_urgency_clears_the_alert_but_keeps_the_flag() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let olga = app.user("North", "olga", Role::Hotline).await;
        let id = intake(&app, &olga, "phone", true).await;
        let (_, q) = app.get("/api/v1/reports?urgent=true", &olga).await;
        assert_eq!(
            (q["urgent_waiting"].as_i64(), q["total"].as_i64()),
            (Some(1), Some(1))
        );
        let (s, result) = app
            .post(
                &format!("/api/v1/reports/{id}/screening"),
                &olga,
                json!({"in_danger_now": false}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{result}");
        assert_eq!(result["urgent"], false);
        let (_, q) = app.get("/api/v1/reports?urgent=true", &olga).await;
        assert_eq!(
            (q["urgent_waiting"].as_i64(), q["total"].as_i64()),
            (Some(0), Some(0)),
            "{backend}"
        );
        let (_, r) = app.get(&format!("/api/v1/reports/{id}"), &olga).await;
        assert_eq!(
            (r["urgent"].as_bool(), r["in_danger_now"].as_bool()),
            (Some(false), Some(true))
        );
        let mut b = Browser::new(&app);
        b.sign_in("olga").await;
        let (_, _, page) = b.get(&format!("/reports/{id}")).await;
        assert!(
            page.contains("id=\"danger-flag\""),
            "{backend}: the reporter's flag is still shown"
        );
        assert!(!page.contains("urgent-alert"), "{backend}");
        app.stop().await;
    }
}

/// Posts `body` to a public API route, as an anonymous reporter would.
async fn post_public(app: &TestApp, path: &str, body: Value) -> (StatusCode, Value) {
    let res = app
        .http
        .post(format!("{}{path}", app.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    let s = res.status();
    (s, res.json().await.unwrap_or(Value::Null))
}

/// A public report through the API; returns its receipt.
async fn public_report(app: &TestApp) -> String {
    let body = json!({"narrative": "Workers sleep in the back of the car wash."});
    let (s, r) = post_public(app, "/api/v1/public/reports", body).await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    r["receipt"].as_str().unwrap().to_owned()
}

/// The reporter's answer through the public API.
async fn reporter_answers(app: &TestApp, receipt: &str) {
    let body = json!({"receipt": receipt, "answer": "More detail."});
    let (s, r) = post_public(app, "/api/v1/public/followup", body).await;
    assert_eq!(s, StatusCode::OK, "{r}");
}

/// "Unanswered" (the newest message is the reporter's) is a filter of the page and of the API
/// alike, and clears once the helpline answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_unanswered_view_is_the_same_on_the_page_and_in_the_api() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let olga = app.user("North", "olga", Role::Hotline).await;
        let waiting = public_report(&app).await;
        let _quiet = public_report(&app).await;
        reporter_answers(&app, &waiting).await;

        let (s, all) = app.get("/api/v1/reports", &olga).await;
        assert_eq!((s, all["total"].as_i64()), (StatusCode::OK, Some(2)));
        let (s, q) = app.get("/api/v1/reports?unanswered=true", &olga).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {q}");
        assert_eq!(q["total"], 1, "{backend}: only the report with an answer");
        let id = q["reports"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(q["reports"][0]["unanswered_reporter_messages"], 1);
        let (_, q) = app.get("/api/v1/reports?unanswered=false", &olga).await;
        assert_eq!(q["total"], 2, "{backend}: false is no filter");
        let (s, e) = app.get("/api/v1/reports?unanswered=maybe", &olga).await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("unanswered")),
            "{backend}"
        );

        let mut b = Browser::new(&app);
        b.sign_in("olga").await;
        let (s, _, page) = b.get("/reports?unanswered=true").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert_eq!(numbers(&page).len(), 1, "{backend}: the page agrees");

        // The helpline answers: the report is no longer waiting for it.
        let (s, r) = app
            .post(
                &format!("/api/v1/reports/{id}/messages"),
                &olga,
                json!({"text": "Thank you. Can you tell us the street?"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {r}");
        let (_, q) = app.get("/api/v1/reports?unanswered=true", &olga).await;
        assert_eq!(q["total"], 0, "{backend}: answered");
        app.stop().await;
    }
}
