//! `GET /supporters`: the supporter staff's overview: supporters by status and the outbox's
//! progress, and whether a mail server is configured. Counts only. Refused (403) to every
//! case role, the administrator included (`Capability::CareForSupporters`, checked in the
//! store).

use crate::http::{render, Chrome, OrPage, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_store::supporters::{OutboxCounts, SupporterCounts};

#[derive(Template)]
#[template(path = "supporters/overview.html")]
pub struct OverviewPage {
    t: Tr,
    chrome: Chrome,
    supporters: SupporterCounts,
    outbox: OutboxCounts,
    /// The SMTP host messages go through; `None`: none configured, messages stay queued.
    smtp: Option<String>,
}

pub async fn overview(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
) -> PageResult {
    let p = user.principal();
    let supporters = state.store.supporter_counts(p).await.or_page(t)?;
    let outbox = state.store.outbox_counts(p).await.or_page(t)?;
    let page = OverviewPage {
        t,
        chrome,
        supporters,
        outbox,
        smtp: state.config.mail.as_ref().map(|m| m.host.clone()),
    };
    Ok(render(StatusCode::OK, &page))
}
