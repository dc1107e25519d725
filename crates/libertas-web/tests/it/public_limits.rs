//! Issue 9, finding 11: public flooding. Answers per receipt are limited per hour (on the API
//! and the form, one budget); every per-client limit groups IPv6 addresses by /64 and treats
//! IPv4-mapped IPv6 as IPv4; a right receipt still works from an address that used up its
//! wrong-receipt budget. Runs on SQLite, and on PostgreSQL when `LIBERTAS_TEST_DATABASE_URL`
//! is set.

use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use libertas_web::WebConfig;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Answers a reporter may send with one receipt within an hour.
const ANSWERS_PER_HOUR: usize = 10;

/// An app whose clients are told apart by `X-Forwarded-For` from the local proxy.
async fn behind_proxy(backend: &str) -> TestApp {
    let config = WebConfig {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Default::default()
    };
    let app = TestApp::spawn_with(backend, config).await;
    app.user("North", "olga", Role::Hotline).await;
    app
}

async fn report(app: &TestApp, from: &str) -> (StatusCode, Value) {
    let res = app
        .http
        .post(format!("{}/api/v1/public/reports", app.base))
        .header("x-forwarded-for", from)
        .json(&json!({"narrative": "Workers sleep in the back of the car wash."}))
        .send()
        .await
        .unwrap();
    let s = res.status();
    (s, res.json().await.unwrap_or(Value::Null))
}

/// Follows up through the API or the form; returns the status and the `Retry-After`.
async fn follow_up(
    app: &TestApp,
    form: bool,
    from: &str,
    receipt: &str,
    answer: Option<&str>,
) -> (StatusCode, Option<String>) {
    let req = app.http.post(if form {
        format!("{}/report/followup", app.base)
    } else {
        format!("{}/api/v1/public/followup", app.base)
    });
    let req = req.header("x-forwarded-for", from);
    let req = if form {
        let mut f = vec![("receipt", receipt)];
        if let Some(a) = answer {
            f.push(("answer", a));
        }
        req.form(&f)
    } else {
        req.json(&json!({"receipt": receipt, "answer": answer}))
    };
    let res = req.send().await.unwrap();
    let retry = res
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (res.status(), retry)
}

const WRONG: &str = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GG";

/// One budget of answers per receipt, whichever way they come; reading stays possible and
/// another receipt is not affected.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_per_receipt_are_limited_per_hour() {
    for backend in backends() {
        let app = behind_proxy(backend).await;
        let (_, a) = report(&app, "192.0.2.1").await;
        let (_, b) = report(&app, "192.0.2.2").await;
        let (a, b) = (
            a["receipt"].as_str().unwrap(),
            b["receipt"].as_str().unwrap(),
        );
        for i in 0..ANSWERS_PER_HOUR {
            // Alternate the API and the form, and the client address: the budget is the
            // receipt's, not the connection's.
            let from = format!("198.51.100.{i}");
            let (s, _) = follow_up(&app, i % 2 == 1, &from, a, Some("More detail.")).await;
            assert_eq!(s, StatusCode::OK, "{backend}: answer {i}");
        }
        for form in [false, true] {
            let (s, retry) = follow_up(&app, form, "203.0.113.9", a, Some("Again.")).await;
            assert_eq!(
                s,
                StatusCode::TOO_MANY_REQUESTS,
                "{backend}: form {form}, answer over the budget"
            );
            let wait: u64 = retry.expect("Retry-After").parse().unwrap();
            assert!((1..=3600).contains(&wait), "{wait}");
            let (s, _) = follow_up(&app, form, "203.0.113.9", a, None).await;
            assert_eq!(s, StatusCode::OK, "{backend}: reading is still possible");
            let (s, _) = follow_up(&app, form, "203.0.113.9", b, Some("Mine.")).await;
            assert_eq!(
                s,
                StatusCode::OK,
                "{backend}: another receipt is not limited"
            );
        }
        let (_, q) = app
            .get(
                "/api/v1/reports",
                &app.user("North", "ana", Role::Hotline).await,
            )
            .await;
        let waiting: i64 = q["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["unanswered_reporter_messages"].as_i64().unwrap())
            .sum();
        assert_eq!(
            waiting as usize,
            ANSWERS_PER_HOUR + 2,
            "{backend}: refused answers are not stored"
        );
        app.stop().await;
    }
}

/// One row of the grouping table: which limit, its burst, the addresses used in turn, one more
/// address of the same client, and an address of a different client.
type Row = (
    &'static str,
    usize,
    fn(usize) -> String,
    &'static str,
    &'static str,
);

/// Addresses that one client can hold at once share one bucket: the whole IPv6 /64, and an
/// IPv4 address however it is written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn per_client_limits_group_ipv6_by_64_and_mapped_ipv4_as_ipv4() {
    for backend in backends() {
        let rows: [Row; 4] = [
            (
                "reports",
                20,
                |i| format!("2001:db8:aa:bb::{:x}", i + 1),
                "2001:db8:aa:bb:ffff:ffff:ffff:ffff",
                "2001:db8:aa:bc::1",
            ),
            (
                "reports",
                20,
                |_| "::ffff:192.0.2.7".to_owned(),
                "192.0.2.7",
                "192.0.2.8",
            ),
            (
                "wrong receipts",
                20,
                |i| format!("2001:db8:cc:dd:{:x}::1", i + 1),
                "2001:db8:cc:dd::2",
                "2001:db8:cc:de::2",
            ),
            (
                "wrong receipts",
                20,
                |_| "192.0.2.9".to_owned(),
                "::ffff:c000:209",
                "::ffff:c000:20a",
            ),
        ];
        for (what, burst, addr, same, other) in rows {
            let app = behind_proxy(backend).await;
            let call = |from: String| {
                let app = &app;
                async move {
                    if what == "reports" {
                        report(app, &from).await.0
                    } else {
                        follow_up(app, false, &from, WRONG, None).await.0
                    }
                }
            };
            let ok = if what == "reports" {
                StatusCode::CREATED
            } else {
                StatusCode::NOT_FOUND
            };
            for i in 0..burst {
                assert_eq!(call(addr(i)).await, ok, "{backend}: {what} {i}");
            }
            assert_eq!(
                call(same.to_owned()).await,
                StatusCode::TOO_MANY_REQUESTS,
                "{backend}: {what}: {same} is the same client as {}",
                addr(0)
            );
            assert_eq!(
                call(other.to_owned()).await,
                ok,
                "{backend}: {what}: {other} is another client"
            );
            app.stop().await;
        }
    }
}

/// Strangers on a shared address (a café, a shelter, a mobile carrier's NAT) who try wrong
/// receipts must not lock the reporter out: the right receipt works whatever the address did.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_right_receipt_works_after_the_wrong_receipt_budget_is_spent() {
    for backend in backends() {
        for form in [false, true] {
            let app = behind_proxy(backend).await;
            let (_, r) = report(&app, "192.0.2.50").await;
            let receipt = r["receipt"].as_str().unwrap().to_owned();
            let shared = "203.0.113.77";
            for i in 0..20 {
                let (s, _) = follow_up(&app, form, shared, WRONG, None).await;
                assert_eq!(
                    s,
                    StatusCode::NOT_FOUND,
                    "{backend}: form {form}: wrong {i}"
                );
            }
            let (s, retry) = follow_up(&app, form, shared, WRONG, None).await;
            assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "{backend}: form {form}");
            assert!(retry.is_some());
            let (s, _) = follow_up(&app, form, shared, &receipt, None).await;
            assert_eq!(
                s,
                StatusCode::OK,
                "{backend}: form {form}: the reporter's right receipt still works"
            );
            let (s, _) = follow_up(&app, form, shared, &receipt, Some("Still here.")).await;
            assert_eq!(s, StatusCode::OK, "{backend}: form {form}: and can answer");
            app.stop().await;
        }
    }
}
