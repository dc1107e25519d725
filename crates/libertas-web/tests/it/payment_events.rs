//! `POST /api/v1/public/payment-events`: the payment provider's signed events record gifts
//! and cancel regular gifts (docs/supporters.md, "Gifts"). Only a request signed with the
//! configured secret within five minutes of the server's clock is applied, each event once;
//! a bad field is a 400 naming it. Real server, SQLite and (when configured) PostgreSQL.

use crate::common::{seen, TestApp};
use libertas_domain::admin::Role;
use libertas_domain::people::Email;
use libertas_store::testing::backends;
use libertas_web::webhook_signature::sign;
use libertas_web::WebConfig;
use serde_json::{json, Value};

pub const SECRET: &str = "the payment provider's secret, thirty-two+";

pub fn with_secret() -> WebConfig {
    WebConfig {
        payment_events_secret: Some(SECRET.to_owned().into()),
        ..WebConfig::default()
    }
}

/// Posts `body` as the provider would, signed at `t` with `secret` (`None`: unsigned);
/// recorded for the access matrix.
pub async fn post(
    app: &TestApp,
    secret: Option<&str>,
    t: i64,
    body: &[u8],
    content_type: &str,
) -> (u16, Value) {
    let mut req = app
        .http
        .post(format!("{}/api/v1/public/payment-events", app.base))
        .header("content-type", content_type)
        .body(body.to_vec());
    if let Some(s) = secret {
        req = req.header("Libertas-Signature", sign(s.as_bytes(), t, body));
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    seen::record("POST", "/api/v1/public/payment-events", false, status, None);
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

pub fn gift_event(id: &str, provider_id: &str, amount: &str) -> Value {
    json!({"id": id, "type": "gift.succeeded", "provider": "stripe", "provider_id": provider_id,
           "email": "Card.Donor@Example.net", "name": "Card Donor", "amount": amount,
           "currency": "EUR", "method": "card", "received": "2026-11-05",
           "frequency": "monthly", "subscription": "sub_1"})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_payment_events_record_gifts_once() {
    for backend in backends() {
        let app = TestApp::spawn_with(backend, with_secret()).await;
        let finn = libertas_store::testing::principal(
            &app.store,
            "North",
            "finn",
            Role::FundraisingManager,
        )
        .await;
        let json = "application/json";
        let body = |events: Value| serde_json::to_vec(&json!({ "events": events })).unwrap();
        let first = body(json!([gift_event("evt_1", "pi_1", "20.00")]));

        // Refused before anything is read.
        let (s, _) = post(&app, None, now(), &first, json).await;
        assert_eq!(s, 401, "{backend}");
        let (s, _) = post(
            &app,
            Some("another secret, also thirty-two chars!"),
            now(),
            &first,
            json,
        )
        .await;
        assert_eq!(s, 401, "{backend}");
        let (s, _) = post(&app, Some(SECRET), now() - 301, &first, json).await;
        assert_eq!(s, 401, "{backend}: five minutes old");
        let (s, _) = post(&app, Some(SECRET), now() + 301, &first, json).await;
        assert_eq!(s, 401, "{backend}: five minutes ahead");
        let (s, _) = post(&app, Some(SECRET), now(), &first, "text/plain").await;
        assert_eq!(s, 415, "{backend}");

        // A bad field is named, and nothing of the request is applied.
        let mut bad = gift_event("evt_2", "pi_2", "20.001");
        let (s, v) = post(
            &app,
            Some(SECRET),
            now(),
            &body(json!([gift_event("evt_0", "pi_0", "1.00"), bad.clone()])),
            json,
        )
        .await;
        assert_eq!(s, 400, "{backend}: {v}");
        assert_eq!(v["error"]["field"], "events[1].amount", "{backend}: {v}");
        bad["colour"] = json!("red");
        let (s, v) = post(&app, Some(SECRET), now(), &body(json!([bad])), json).await;
        assert_eq!(s, 400, "{backend}: {v}");
        assert!(v.to_string().contains("colour"), "{backend}: {v}");
        let (s, v) = post(
            &app,
            Some(SECRET),
            now(),
            &body(json!([{"id": "e", "type": "gift.refunded"}])),
            json,
        )
        .await;
        assert_eq!(s, 400, "{backend}: {v}");

        let (s, v) = post(&app, Some(SECRET), now(), &first, json).await;
        assert_eq!(s, 200, "{backend}: {v}");
        assert_eq!(
            v,
            json!({"gifts_added": 1, "cancelled": 0, "already": 0, "unknown": 0})
        );
        // A replay answers the same status, and changes nothing.
        let (s, v) = post(&app, Some(SECRET), now(), &first, json).await;
        assert_eq!(s, 200, "{backend}: {v}");
        assert_eq!(
            v,
            json!({"gifts_added": 0, "cancelled": 0, "already": 1, "unknown": 0})
        );
        // The same payment id with another amount is a conflict naming the event.
        let (s, v) = post(
            &app,
            Some(SECRET),
            now(),
            &body(json!([gift_event("evt_3", "pi_1", "21.00")])),
            json,
        )
        .await;
        assert_eq!(s, 409, "{backend}: {v}");
        assert_eq!(
            v["error"]["field"], "events[0].provider_id",
            "{backend}: {v}"
        );
        // The provider ends the subscription.
        let cancel = body(json!([{"id": "evt_4", "type": "regular_gift.cancelled",
                                  "provider": "stripe", "subscription": "sub_1"}]));
        let (s, v) = post(&app, Some(SECRET), now(), &cancel, json).await;
        assert_eq!((s, &v["cancelled"]), (200, &json!(1)), "{backend}: {v}");

        let email = Email::parse("card.donor@example.net").unwrap();
        let giving = app.store.giving_by_address(&finn, &email).await.unwrap();
        assert_eq!(giving.gifts.len(), 1, "{backend}");
        assert_eq!(giving.gifts[0].amount_minor, 2000);
        assert_eq!(giving.regular[0].status, "cancelled");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_secret_a_signed_request_finds_no_route() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let body = serde_json::to_vec(&json!({"events": [gift_event("e", "p", "1")]})).unwrap();
        let (s, _) = post(&app, Some(SECRET), now(), &body, "application/json").await;
        assert_eq!(s, 404, "{backend}");
        let (s, _) = post(&app, None, now(), &body, "application/json").await;
        assert_eq!(s, 401, "{backend}");
        app.stop().await;
    }
}
