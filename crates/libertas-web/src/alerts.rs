//! Alerts to the on-duty helpline staff about urgent reports.
//!
//! In the app, every helpline page carries a banner while urgent reports wait (see
//! `views::Chrome`). When `alert_webhook_url` is configured, Libertas also posts a small JSON
//! event there — `{"event": "urgent_report", "report_id", "org_id", "at"}` — so an on-call
//! system can page someone. The event holds no personal or narrative data; the receiver must
//! sign in to read the report. Delivery is best effort (three tries), off the request path.

use crate::state::AppState;
use libertas_domain::ids::ReportId;
use std::time::Duration;

pub fn urgent_report(state: &AppState, report: ReportId, org: libertas_domain::ids::OrgId) {
    let Some(url) = state.config.alert_webhook_url.clone() else {
        return;
    };
    let body = serde_json::json!({
        "event": "urgent_report",
        "report_id": report,
        "org_id": org,
        "at": libertas_store::clock::now_text(),
    });
    tokio::spawn(async move {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build();
        let Ok(client) = client else { return };
        for attempt in 0..3u64 {
            match client.post(&url).json(&body).send().await {
                Ok(r) if r.status().is_success() => return,
                Ok(r) => {
                    tracing::warn!(status = %r.status(), attempt, "alert webhook refused the event")
                }
                Err(e) => tracing::warn!(error = %e, attempt, "alert webhook unreachable"),
            }
            tokio::time::sleep(Duration::from_secs(2 << attempt)).await;
        }
    });
}
