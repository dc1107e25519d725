//! `GET /supporters`: the supporter staff's overview: supporters by status and the outbox's
//! progress, and whether a mail server is configured. Counts only. Refused (403) to every
//! case role, the administrator included (`Capability::CareForSupporters`, checked in the
//! store).
//!
//! `POST /supporters/erase`: erasure of a supporter on request (`docs/supporters.md`,
//! "Erasure"), found by the address they signed up with. The first submit answers a page
//! naming the address; only its form (`confirm=yes`) erases. Another organisation's
//! supporter, or none, is the 404 page.
//!
//! `POST /supporters/suppressions/lift`: lifts the suppression of an address (a hard bounce
//! or a complaint), with the same confirmation step. An address that is not suppressed goes
//! back to the overview saying so.

use crate::http::confirm::CONFIRMED;
use crate::http::{
    render, Chrome, ConfirmPage, CsrfForm, OrPage, PageError, PageQuery, PageResult, PageUser,
};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::people::Email;
use libertas_store::supporters::{OutboxCounts, SupporterCounts};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "supporters/overview.html")]
pub struct OverviewPage {
    t: Tr,
    chrome: Chrome,
    supporters: SupporterCounts,
    outbox: OutboxCounts,
    /// The SMTP host messages go through; `None`: none configured, messages stay queued.
    smtp: Option<String>,
    /// Back from an erasure: say it was done.
    erased: bool,
    /// Back from the erasure form with an address that is not one.
    invalid: bool,
    /// Back from lifting a suppression: `done`, `invalid` (not an address) or `none` (not
    /// suppressed).
    lift: Option<&'static str>,
}

/// `?erased=1` after an erasure, `?erase=invalid` back from the form.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverviewQuery {
    #[serde(default)]
    erased: Option<String>,
    #[serde(default)]
    erase: Option<String>,
    #[serde(default)]
    lift: Option<String>,
}

pub async fn overview(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(q): PageQuery<OverviewQuery>,
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
        erased: q.erased.is_some(),
        invalid: q.erase.as_deref() == Some("invalid"),
        lift: match q.lift.as_deref() {
            Some("done") => Some("done"),
            Some("invalid") => Some("invalid"),
            Some("none") => Some("none"),
            _ => None,
        },
    };
    Ok(render(StatusCode::OK, &page))
}

/// The erasure form: the address, and `confirm=yes` on the second submit.
#[derive(Debug, Deserialize)]
pub struct EraseForm {
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    confirm: Option<String>,
}

/// `POST /supporters/erase`.
#[tracing::instrument(skip_all)]
pub async fn erase(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    CsrfForm(f): CsrfForm<EraseForm>,
) -> PageResult {
    let p = user.principal();
    let Ok(email) = Email::parse(&f.email) else {
        return Err(PageError::redirect("/supporters?erase=invalid#erase-email"));
    };
    let id = state
        .store
        .supporter_by_address(p, &email)
        .await
        .or_page(t)?;
    if f.confirm.as_deref() != Some(CONFIRMED) {
        let page = ConfirmPage {
            t,
            chrome,
            question: t.arg("supporters-erase-question", "address", email.as_str()),
            button: t.get("supporters-erase-button"),
            action: "/supporters/erase".into(),
            fields: vec![("email".into(), email.as_str().to_owned())],
            back: "/supporters".into(),
        };
        return Ok(page.respond());
    }
    state
        .store
        .erase_supporter(p, id, "erasure on request")
        .await
        .or_page(t)?;
    Err(PageError::redirect("/supporters?erased=1"))
}

/// `POST /supporters/suppressions/lift`: the address, and `confirm=yes` on the second submit
/// (the same form as the erasure's).
#[tracing::instrument(skip_all)]
pub async fn lift_suppression(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    CsrfForm(f): CsrfForm<EraseForm>,
) -> PageResult {
    let p = user.principal();
    let Ok(email) = Email::parse(&f.email) else {
        return Err(PageError::redirect("/supporters?lift=invalid#lift-email"));
    };
    if f.confirm.as_deref() != Some(CONFIRMED) {
        // The store decides who may lift; ask it before showing the question.
        state.store.supporter_counts(p).await.or_page(t)?;
        let page = ConfirmPage {
            t,
            chrome,
            question: t.arg("supporters-lift-question", "address", email.as_str()),
            button: t.get("supporters-lift-button"),
            action: "/supporters/suppressions/lift".into(),
            fields: vec![("email".into(), email.as_str().to_owned())],
            back: "/supporters".into(),
        };
        return Ok(page.respond());
    }
    match state.store.supporter_suppression_lift(p, &email).await {
        Ok(_) => Err(PageError::redirect("/supporters?lift=done#lift")),
        Err(libertas_store::StoreError::NotFound) => {
            Err(PageError::redirect("/supporters?lift=none#lift"))
        }
        Err(e) => Err(e).or_page(t),
    }
}
