//! Issue 9, finding 10: staff see the reporter's "do not contact me" first, and no staff path
//! can contact a reporter through a channel they refused.
//!
//! Table-driven over what the reporter said (safe / not safe / nothing), how the report came
//! in (public with a receipt, operator intake without one), how the message would go (through
//! the receipt thread, through the contact details, or the default) and the path (API, page
//! form). Runs on SQLite, and on PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_domain::i18n::{t, Lang};
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::{json, Value};

const SAFE_TIMES: &str = "weekdays after 18:00, text only";

/// Creates a report and returns its id.
async fn report(app: &TestApp, hotline: &str, public: bool, safe: Option<bool>) -> String {
    let mut body = json!({
        "narrative": "Men sleep in the car wash's back room.",
        "contact": "+44 7700 900123",
        "contact_safety": SAFE_TIMES,
    });
    if let Some(s) = safe {
        body["safe_to_contact"] = json!(s);
    }
    if public {
        let (s, v) = app
            .call(
                reqwest::Method::POST,
                "/api/v1/public/reports",
                None,
                Some(body),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let (_, q) = app.get("/api/v1/reports", hotline).await;
        q["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .max()
            .unwrap()
    } else {
        body["channel"] = json!("phone");
        let (s, v) = app.post("/api/v1/reports", hotline, body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v["id"].as_str().unwrap().to_owned()
    }
}

/// What a message attempt must get: `Ok` or a 409 naming a field.
#[derive(Debug, PartialEq)]
enum Expect {
    Sent,
    Refused(&'static str),
}

fn expected(public: bool, safe: Option<bool>, via: Option<&str>) -> Expect {
    let via = via.unwrap_or(if public { "receipt" } else { "contact" });
    match via {
        "receipt" if public => Expect::Sent,
        "receipt" => Expect::Refused("via"),
        _ if safe == Some(true) => Expect::Sent,
        _ => Expect::Refused("safe_to_contact"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_staff_message_goes_through_a_channel_the_reporter_refused() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let olga = app.user("North", "olga", Role::Hotline).await;
        let mut page = Browser::new(&app);
        let csrf = page.sign_in("olga").await;
        for public in [true, false] {
            for safe in [Some(true), Some(false), None] {
                let id = report(&app, &olga, public, safe).await;
                for via in [None, Some("receipt"), Some("contact")] {
                    let want = expected(public, safe, via);
                    let what = format!("{backend}: public {public}, safe {safe:?}, via {via:?}");
                    // The API.
                    let mut body = json!({"text": "Can we call you tomorrow?"});
                    if let Some(v) = via {
                        body["via"] = json!(v);
                    }
                    let (s, v) = app
                        .post(&format!("/api/v1/reports/{id}/messages"), &olga, body)
                        .await;
                    match want {
                        Expect::Sent => assert_eq!(s, StatusCode::CREATED, "API {what}: {v}"),
                        Expect::Refused(field) => {
                            assert_eq!(s, StatusCode::CONFLICT, "API {what}: {v}");
                            assert_eq!(v["error"]["field"], field, "API {what}: {v}");
                        }
                    }
                    // The page form.
                    let mut form = vec![("csrf", csrf.as_str()), ("text", "Is it safe to talk?")];
                    if let Some(v) = via {
                        form.push(("via", v));
                    }
                    let (s, _, body) = page.post(&format!("/reports/{id}/messages"), &form).await;
                    match want {
                        Expect::Sent => assert_eq!(s, StatusCode::SEE_OTHER, "page {what}"),
                        Expect::Refused(field) => {
                            assert_eq!(s, StatusCode::CONFLICT, "page {what}");
                            let msg = t(Lang::En, &format!("reports-message-refused-{field}"));
                            assert!(body.contains(&msg), "page {what}: says why");
                        }
                    }
                }
                // Nothing refused reached the thread.
                let (_, r) = app.get(&format!("/api/v1/reports/{id}"), &olga).await;
                let sent = r["thread"].as_array().unwrap().len();
                let want = [None, Some("receipt"), Some("contact")]
                    .into_iter()
                    .filter(|v| expected(public, safe, *v) == Expect::Sent)
                    .count()
                    * 2;
                assert_eq!(sent, want, "{backend}: public {public}, safe {safe:?}");
            }
        }
        app.stop().await;
    }
}

/// The report JSON and page say first and loudly whether the reporter may be contacted, with
/// the safe times.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_see_do_not_contact_first() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let olga = app.user("North", "olga", Role::Hotline).await;
        let mut page = Browser::new(&app);
        page.sign_in("olga").await;
        for public in [true, false] {
            for (safe, allowed, message) in [
                (Some(true), true, "reports-contact-yes"),
                (Some(false), false, "reports-contact-no"),
                (None, false, "reports-contact-unknown"),
            ] {
                let id = report(&app, &olga, public, safe).await;
                let what = format!("{backend}: public {public}, safe {safe:?}");
                let (s, r): (StatusCode, Value) =
                    app.get(&format!("/api/v1/reports/{id}"), &olga).await;
                assert_eq!(s, StatusCode::OK);
                assert_eq!(r["safe_to_contact"], json!(safe), "{what}");
                assert_eq!(r["contact_allowed"], json!(allowed), "{what}");
                assert_eq!(r["contact_safety"], SAFE_TIMES, "{what}");
                let (s, _, html) = page.get(&format!("/reports/{id}")).await;
                assert_eq!(s, StatusCode::OK);
                let block = html.find("id=\"contact-permission\"").expect(&what);
                let story = html.find("id=\"story\"").unwrap();
                assert!(block < story, "{what}: shown before the story");
                let text = &html[block..story];
                assert!(text.contains(&t(Lang::En, message)), "{what}: {text}");
                assert!(text.contains(SAFE_TIMES), "{what}: safe times in the block");
                if !allowed {
                    assert!(text.contains("role=\"alert\""), "{what}: loudly");
                }
            }
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_lists_the_refusal() {
    let app = TestApp::spawn("sqlite").await;
    let (_, doc) = app
        .call(reqwest::Method::GET, "/api/v1/openapi.json", None, None)
        .await;
    let post = &doc["paths"]["/api/v1/reports/{id}/messages"]["post"];
    assert!(post["responses"]["409"].is_object(), "{post}");
    let get = &doc["paths"]["/api/v1/reports/{id}"]["get"];
    assert!(get["responses"]["200"].is_object());
    app.stop().await;
}
