//! `POST /api/v1/public/mail-events`: the mail provider's signed report of hard bounces and
//! complaints suppresses the addresses (docs/supporters.md). Only a request signed with the
//! configured secret within five minutes of the server's clock is applied, each event once;
//! without a secret a signed request finds no route. Real server, SQLite and (when configured)
//! PostgreSQL.

use crate::common::{seen, TestApp};
use libertas_domain::admin::Role;
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::message::confirmation;
use libertas_domain::supporters::SignUp;
use libertas_store::testing::backends;
use libertas_web::webhook_signature::sign;
use libertas_web::WebConfig;
use serde_json::{json, Value};

pub const SECRET: &str = "a shared secret of at least thirty-two characters";

pub fn with_secret() -> WebConfig {
    WebConfig {
        mail_events_secret: Some(SECRET.to_owned().into()),
        ..WebConfig::default()
    }
}

/// Posts `body` as the provider would, signed at `t` (unix seconds) with `secret` (`None`: no
/// signature), with `content_type`; recorded for the access matrix.
pub async fn post(
    app: &TestApp,
    secret: Option<&str>,
    t: i64,
    body: &Value,
    content_type: &str,
) -> (u16, Value) {
    let bytes = serde_json::to_vec(body).unwrap();
    let mut req = app
        .http
        .post(format!("{}/api/v1/public/mail-events", app.base))
        .header("content-type", content_type)
        .body(bytes.clone());
    if let Some(s) = secret {
        req = req.header("Libertas-Signature", sign(s.as_bytes(), t, &bytes));
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    seen::record("POST", "/api/v1/public/mail-events", false, status, None);
    let text = res.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

async fn signed_up(app: &TestApp, org: libertas_domain::ids::OrgId, address: &str) {
    let s = SignUp::parse(address, None, &["stories"], None, "en").unwrap();
    app.store
        .supporter_sign_up(org, &s, |c, u| {
            confirmation(
                Lang::En,
                s.email.as_str(),
                &format!("https://x.test/updates/confirm/{c}"),
                &format!("https://x.test/updates/unsubscribe/{u}"),
            )
        })
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_report_suppresses_addresses_once_and_nothing_else_is_let_in() {
    for backend in backends() {
        let app = TestApp::spawn_with(backend, with_secret()).await;
        app.user("North", "sonia", Role::SupporterCare).await;
        let org = app
            .store
            .org_by_name(libertas_store::admin::Operator::console(), "North")
            .await
            .unwrap()
            .unwrap()
            .id;
        signed_up(&app, org, "bounced@example.org").await;
        signed_up(&app, org, "happy@example.org").await;
        assert_eq!(app.store.outbox_due(10).await.unwrap().len(), 2);
        let report = json!({"events": [
            {"id": "evt-1", "type": "hard_bounce", "email": "Bounced@Example.org"},
            {"id": "evt-2", "type": "complaint", "email": "never-signed-up@example.net"}
        ]});
        let json = "application/json";

        // Refused before anything is read: no signature, another secret, a stale or future
        // time, a signature of another body.
        let (s, v) = post(&app, None, now(), &report, json).await;
        assert_eq!(s, 401, "{backend}: {v}");
        let (s, _) = post(
            &app,
            Some("another secret, also thirty-two chars"),
            now(),
            &report,
            json,
        )
        .await;
        assert_eq!(s, 401, "{backend}");
        let (s, _) = post(&app, Some(SECRET), now() - 301, &report, json).await;
        assert_eq!(s, 401, "{backend}: five minutes old");
        let (s, _) = post(&app, Some(SECRET), now() + 301, &report, json).await;
        assert_eq!(s, 401, "{backend}: five minutes ahead");
        let bytes = serde_json::to_vec(&report).unwrap();
        let res = app
            .http
            .post(format!("{}/api/v1/public/mail-events", app.base))
            .header("content-type", json)
            .header("Libertas-Signature", sign(SECRET.as_bytes(), now(), b"{}"))
            .body(bytes)
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status().as_u16(),
            401,
            "{backend}: another body's signature"
        );
        assert_eq!(
            app.store.outbox_due(10).await.unwrap().len(),
            2,
            "{backend}"
        );

        // Signed, but not right: the field is named, nothing is applied.
        let bad = json!({"events": [
            {"id": "evt-9", "type": "hard_bounce", "email": "happy@example.org"},
            {"id": "evt-10", "type": "complaint", "email": "not an address"}
        ]});
        let (s, v) = post(&app, Some(SECRET), now(), &bad, json).await;
        assert_eq!(s, 400, "{backend}: {v}");
        assert_eq!(v["error"]["field"], "events[1].email", "{backend}: {v}");
        let (s, _) = post(&app, Some(SECRET), now(), &json!({"events": []}), json).await;
        assert_eq!(s, 400, "{backend}");
        let (s, v) = post(
            &app,
            Some(SECRET),
            now(),
            &json!({"events": [{"id": "e", "type": "soft_bounce", "email": "a@b.org"}]}),
            json,
        )
        .await;
        assert_eq!(s, 400, "{backend}: {v}");
        let (s, _) = post(&app, Some(SECRET), now(), &report, "text/plain").await;
        assert_eq!(s, 415, "{backend}");
        assert_eq!(
            app.store.outbox_due(10).await.unwrap().len(),
            2,
            "{backend}"
        );

        // Applied: the bounced address's confirmation is cancelled, the other still due.
        let (s, v) = post(&app, Some(SECRET), now(), &report, json).await;
        assert_eq!(s, 200, "{backend}: {v}");
        assert_eq!(
            v,
            json!({"suppressed": 2, "already": 0, "cancelled": 1}),
            "{backend}"
        );
        assert_eq!(
            app.store.outbox_due(10).await.unwrap().len(),
            1,
            "{backend}"
        );
        // A replay within the five minutes changes nothing.
        let (s, v) = post(&app, Some(SECRET), now(), &report, json).await;
        assert_eq!(s, 200, "{backend}");
        assert_eq!(
            v,
            json!({"suppressed": 0, "already": 2, "cancelled": 0}),
            "{backend}"
        );
        // The address that complained before signing up gets not even a confirmation.
        signed_up(&app, org, "never-signed-up@example.net").await;
        assert_eq!(
            app.store.outbox_due(10).await.unwrap().len(),
            1,
            "{backend}"
        );
        app.stop().await;

        // Without a secret a signed request finds no route; an unsigned one is refused as
        // everywhere (401).
        let app = TestApp::spawn(backend).await;
        let (s, _) = post(&app, Some(SECRET), now(), &report, json).await;
        assert_eq!(s, 404, "{backend}");
        let (s, _) = post(&app, None, now(), &report, json).await;
        assert_eq!(s, 401, "{backend}");
        app.stop().await;
    }
}
