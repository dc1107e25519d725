//! The payment provider's webhook (`POST /api/v1/public/payment-events`): no account,
//! authorised by its signature. Anonymous and unsigned: 401; anonymous and signed: served. The
//! behaviour is tested in `payment_events.rs`.

use crate::access::matrix::expect;
use crate::common::TestApp;
use crate::payment_events::{gift_event, now, post, with_secret, SECRET};
use libertas_store::testing::backends;
use serde_json::json;

pub async fn payment_events_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn_with(backend, with_secret()).await;
        app.user(
            "North",
            "finn",
            libertas_domain::admin::Role::FundraisingManager,
        )
        .await;
        let body =
            serde_json::to_vec(&json!({"events": [gift_event("a-1", "pi-a", "5.00")]})).unwrap();
        let (s, _) = post(&app, None, now(), &body, "application/json").await;
        expect(s == 401, || {
            format!("{backend}: unsigned payment events: {s}")
        });
        let (s, _) = post(&app, Some(SECRET), now(), &body, "application/json").await;
        expect(s == 200, || {
            format!("{backend}: signed payment events: {s}")
        });
        app.stop().await;
    }
}
