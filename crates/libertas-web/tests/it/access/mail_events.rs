//! The mail provider's webhook (`POST /api/v1/public/mail-events`): no account, authorised by
//! its signature. Anonymous and unsigned: 401; anonymous and signed: served. The behaviour is
//! tested in `mail_events.rs`.

use crate::access::matrix::expect;
use crate::common::TestApp;
use crate::mail_events::{now, post, with_secret, SECRET};
use libertas_store::testing::backends;
use serde_json::json;

pub async fn mail_events_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn_with(backend, with_secret()).await;
        let report =
            json!({"events": [{"id": "m-1", "type": "complaint", "email": "x@example.org"}]});
        let (s, _) = post(&app, None, now(), &report, "application/json").await;
        expect(s == 401, || format!("{backend}: unsigned mail events: {s}"));
        let (s, _) = post(&app, Some(SECRET), now(), &report, "application/json").await;
        expect(s == 200, || format!("{backend}: signed mail events: {s}"));
        app.stop().await;
    }
}
