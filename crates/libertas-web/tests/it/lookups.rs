//! Issue 9, finding 8: every answer about records the caller may not see ("exists elsewhere")
//! shares one per-user budget decided in the store, one audit action (`lookup.elsewhere`), and
//! an alert to administrators when someone makes many distinct look-ups; and no such answer
//! depends on a birth date, so a birth date cannot be recovered by asking with every guess.
//!
//! Table-driven over every path that answers "exists elsewhere": the search API and page, the
//! duplicate warning of the add-person API and of the person page after the add-person form,
//! and the report identifier look-up API and page. Runs on SQLite, and on PostgreSQL when
//! `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::common::{between, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::audit::AuditQuery;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;
use std::collections::BTreeSet;

/// Look-ups a user may make within the window before the store answers 429.
const BUDGET: usize = 30;

/// A path that answers whether something exists outside the caller's cases.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Path {
    ApiSearch,
    PageSearch,
    ApiAddPerson,
    PageAddPerson,
    ApiReportLookup,
    PageReportLookup,
}

const ALL: [Path; 6] = [
    Path::ApiSearch,
    Path::PageSearch,
    Path::ApiAddPerson,
    Path::PageAddPerson,
    Path::ApiReportLookup,
    Path::PageReportLookup,
];

/// The paths whose answer could depend on a birth date.
const BY_BIRTH_DATE: [Path; 4] = [
    Path::ApiSearch,
    Path::PageSearch,
    Path::ApiAddPerson,
    Path::PageAddPerson,
];

/// A staff member probing: an API token, a signed-in browser and a case of their own.
struct Prober {
    token: String,
    browser: Browser,
    csrf: String,
    case_id: String,
}

async fn prober(app: &TestApp, username: &str, role: Role) -> Prober {
    let token = app.user("North", username, role).await;
    let mut browser = Browser::new(app);
    let csrf = browser.sign_in(username).await;
    let (s, case) = app
        .post("/api/v1/cases", &token, json!({"title": "Operation Probe"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{case}");
    Prober {
        token,
        browser,
        csrf,
        case_id: case["id"].as_str().unwrap().to_owned(),
    }
}

/// What one look-up answered: status, `Retry-After` and the "elsewhere" part of the answer.
struct Answer {
    status: StatusCode,
    retry_after: Option<u64>,
    elsewhere: String,
}

fn retry_after(h: &reqwest::header::HeaderMap) -> Option<u64> {
    h.get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap())
}

/// The text of the element with `id`, or "" when the page has none.
fn text_of(page: &str, id: &str) -> String {
    let start = format!("id=\"{id}\">");
    if page.contains(&start) {
        between(page, &start, "</p>")
    } else {
        String::new()
    }
}

async fn page_post(p: &Prober, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    let cookie = p
        .browser
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    p.browser
        .http
        .post(format!("{}{path}", p.browser.base))
        .header("cookie", cookie)
        .header("origin", p.browser.base.clone())
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn page_get(p: &Prober, path: &str) -> reqwest::Response {
    let cookie = p
        .browser
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    p.browser
        .http
        .get(format!("{}{path}", p.browser.base))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

/// One look-up of "Ștefan Popescu" born `guess` (a date), or of a phone number made from it
/// for the report look-up.
async fn look_up(app: &TestApp, p: &Prober, path: Path, guess: &str) -> Answer {
    let phone = format!("+4072{}", guess.replace('-', ""));
    match path {
        Path::ApiSearch | Path::ApiAddPerson | Path::ApiReportLookup => {
            let (url, body) = match path {
                Path::ApiSearch => (
                    "/api/v1/search".to_owned(),
                    json!({"name": "Stefan Popescu", "birth_date": guess}),
                ),
                Path::ApiAddPerson => (
                    format!("/api/v1/cases/{}/people", p.case_id),
                    json!({"role": "victim", "given_name": "Ștefan", "family_name": "Popescu",
                           "birth_date": guess}),
                ),
                _ => (
                    "/api/v1/reports/lookup".to_owned(),
                    json!({"identifier": phone}),
                ),
            };
            let res = app
                .http
                .post(format!("{}{url}", app.base))
                .bearer_auth(&p.token)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = res.status();
            let retry = retry_after(res.headers());
            let v: serde_json::Value = res.json().await.unwrap_or_default();
            let elsewhere = match path {
                Path::ApiSearch => v["others"].to_string(),
                Path::ApiAddPerson => v["possible_duplicates_elsewhere"].to_string(),
                _ => v["reports"].to_string(),
            };
            Answer {
                status,
                retry_after: retry,
                elsewhere,
            }
        }
        Path::PageSearch => {
            let res = page_post(
                p,
                "/search",
                &[
                    ("csrf", &p.csrf),
                    ("name", "Stefan Popescu"),
                    ("birth_date", guess),
                    ("phone", ""),
                    ("identity_number", ""),
                ],
            )
            .await;
            let (status, retry) = (res.status(), retry_after(res.headers()));
            let page = res.text().await.unwrap();
            Answer {
                status,
                retry_after: retry,
                elsewhere: text_of(&page, "search-others"),
            }
        }
        Path::PageReportLookup => {
            let res = page_post(
                p,
                "/reports/lookup",
                &[("csrf", &p.csrf), ("identifier", &phone)],
            )
            .await;
            let (status, retry) = (res.status(), retry_after(res.headers()));
            let page = res.text().await.unwrap();
            Answer {
                status,
                retry_after: retry,
                elsewhere: text_of(&page, "lookup-result"),
            }
        }
        Path::PageAddPerson => {
            let res = page_post(
                p,
                &format!("/cases/{}/people", p.case_id),
                &[
                    ("csrf", &p.csrf),
                    ("role", "victim"),
                    ("given_name", "Ștefan"),
                    ("family_name", "Popescu"),
                    ("birth_date", guess),
                    ("phone", ""),
                    ("email", ""),
                ],
            )
            .await;
            if res.status() != StatusCode::SEE_OTHER {
                let (status, retry) = (res.status(), retry_after(res.headers()));
                return Answer {
                    status,
                    retry_after: retry,
                    elsewhere: res.text().await.unwrap(),
                };
            }
            let to = res.headers()["location"].to_str().unwrap().to_owned();
            assert!(to.ends_with("?added=1"), "{to}");
            let res = page_get(p, &to).await;
            let (status, retry) = (res.status(), retry_after(res.headers()));
            let page = res.text().await.unwrap();
            Answer {
                status,
                retry_after: retry,
                elsewhere: text_of(&page, "duplicates-others"),
            }
        }
    }
}

/// What a look-up over the budget must get: 429 with `Retry-After`, except that adding a person
/// through the API still adds them (a large intake must not stop) and answers 201 with the
/// duplicate check left out (`null`) and `Retry-After` saying when it works again. (The person
/// page after the form says the check is paused, with 429 and `Retry-After`.)
fn over_budget(a: &Answer, path: Path, what: &str) {
    if path == Path::ApiAddPerson {
        assert_eq!(a.status, StatusCode::CREATED, "{what}: the person is added");
        assert_eq!(a.elsewhere, "null", "{what}: no answer about others");
    } else {
        assert_eq!(
            a.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{what} is over the budget"
        );
    }
    let wait = a.retry_after.expect("Retry-After");
    assert!((1..=600).contains(&wait), "{what}: {wait}");
}

/// `1990-03-15` plus `n` days: 35 guesses around the real birth date (1990-04-02 is n = 18).
fn guess(n: i64) -> String {
    let d = time::macros::date!(1990 - 03 - 15) + time::Duration::days(n);
    format!("{d}")
}

fn ok_status(path: Path) -> StatusCode {
    if path == Path::ApiAddPerson {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}

async fn alerts_about(app: &TestApp, username: &str) -> usize {
    let admin = app
        .store
        .user_by_username(libertas_store::admin::Operator::console(), "boss")
        .await
        .unwrap()
        .unwrap();
    let admin = app
        .store
        .principal(libertas_store::admin::Operator::console(), admin.id)
        .await
        .unwrap()
        .unwrap();
    let user = app
        .store
        .user_by_username(libertas_store::admin::Operator::console(), username)
        .await
        .unwrap()
        .unwrap();
    app.store
        .security_alerts(
            &admin,
            time::OffsetDateTime::now_utc() - time::Duration::hours(1),
            100,
        )
        .await
        .unwrap()
        .iter()
        .filter(|a| {
            a.action == "alert.lookup_probing"
                && a.object_id.as_deref() == Some(user.id.to_string().as_str())
        })
        .count()
}

/// Someone outside the case asks about "Ștefan Popescu" with 35 birth dates on every path.
/// Every answer they get is the same whatever the date (nothing to bisect or compare), the
/// store stops them after the budget with 429 and `Retry-After`, and the administrators get an
/// alert about the probing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_35_request_birth_date_attack_recovers_nothing_on_any_path() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "boss", Role::Admin).await;
        let owner = app.user("North", "owner", Role::Caseworker).await;
        let (_, case) = app
            .post(
                "/api/v1/cases",
                &owner,
                json!({"title": "Operation Kestrel"}),
            )
            .await;
        let (s, _) = app
            .post(
                &format!("/api/v1/cases/{}/people", case["id"].as_str().unwrap()),
                &owner,
                json!({"role": "victim", "given_name": "Ștefan", "family_name": "Popescu",
                       "birth_date": "1990-04-02"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        for (i, path) in BY_BIRTH_DATE.into_iter().enumerate() {
            let name = format!("probe{i}");
            let p = prober(&app, &name, Role::Investigator).await;
            let mut answers = BTreeSet::new();
            for n in 0..35 {
                let a = look_up(&app, &p, path, &guess(n)).await;
                if (n as usize) < BUDGET {
                    assert_eq!(a.status, ok_status(path), "{backend} {path:?} guess {n}");
                    answers.insert(a.elsewhere);
                } else {
                    over_budget(&a, path, &format!("{backend} {path:?} guess {n}"));
                }
            }
            assert_eq!(
                answers.len(),
                1,
                "{backend} {path:?}: the answer must not depend on the birth date: {answers:?}"
            );
            assert!(
                !answers.iter().next().unwrap().is_empty() && answers.iter().next().unwrap() != "0",
                "{backend} {path:?}: a record elsewhere is still announced: {answers:?}"
            );
            assert_eq!(
                alerts_about(&app, &name).await,
                1,
                "{backend} {path:?}: one alert about {name}'s probing"
            );
        }
        app.stop().await;
    }
}

/// One budget for every path: a user who spent it on any one path gets 429 with `Retry-After`
/// on every other, and each look-up was audited under the one action `lookup.elsewhere`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_budget_across_every_path() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "boss", Role::Admin).await;
        for (i, spent_on) in ALL.into_iter().enumerate() {
            // Administrators work both cases and reports, so one prober can use every path.
            let name = format!("spender{i}");
            let p = prober(&app, &name, Role::Admin).await;
            for n in 0..BUDGET as i64 {
                let a = look_up(&app, &p, spent_on, &guess(n)).await;
                assert_eq!(a.status, ok_status(spent_on), "{backend} {spent_on:?} {n}");
            }
            for path in ALL {
                let a = look_up(&app, &p, path, &guess(40)).await;
                over_budget(
                    &a,
                    path,
                    &format!("{backend}: {path:?} after the budget was spent on {spent_on:?}"),
                );
            }
            let events = app
                .store
                .audit_events(
                    libertas_store::admin::Operator::console(),
                    &AuditQuery {
                        actor: Some(name.clone()),
                        limit: 10_000,
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            let answered = events
                .iter()
                .filter(|e| {
                    e.action == "lookup.elsewhere"
                        && e.detail.get("refused").and_then(|v| v.as_bool()) != Some(true)
                })
                .count();
            assert_eq!(
                answered, BUDGET,
                "{backend} {spent_on:?}: one event per look-up"
            );
        }
        app.stop().await;
    }
}

/// Repeating the same look-up is not probing: no alert, however often.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeating_one_look_up_raises_no_alert() {
    let app = TestApp::spawn("sqlite").await;
    app.user("North", "boss", Role::Admin).await;
    let p = prober(&app, "repeater", Role::Admin).await;
    for path in [Path::ApiSearch, Path::ApiReportLookup] {
        for _ in 0..BUDGET / 2 {
            let a = look_up(&app, &p, path, &guess(0)).await;
            assert_eq!(a.status, StatusCode::OK);
        }
    }
    assert_eq!(alerts_about(&app, "repeater").await, 0);
    app.stop().await;
}
