//! `POST /cases/{id}/notifications`: the duty-to-notify form of the case's referrals page.

use super::notifications_api::NewNotificationJson;
use super::partner_pages::{all, first, Pairs};
use super::referral_pages::{some, start};
use super::tasks::today;
use crate::http::page_error;
use crate::http::PageUser;
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use libertas_store::StoreError;

/// `POST /cases/{id}/notifications`: an anonymous duty-to-notify record.
#[tracing::instrument(skip_all)]
pub async fn notify(
    State(state): State<AppState>,
    t: Tr,
    method: Method,
    headers: HeaderMap,
    user: PageUser,
    Path(id): Path<String>,
    Form(f): Form<Pairs>,
) -> Response {
    let case = match start(&user, t, &method, &headers, &id, &f) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let back = |field: &str| {
        Redirect::to(&format!("/cases/{case}/referrals?error={field}")).into_response()
    };
    let body = NewNotificationJson {
        person_id: first(&f, "person_id"),
        exploitation_types: all(&f, "exploitation_types"),
        region: first(&f, "region"),
        notified_on: some(first(&f, "notified_on")),
    };
    let day = today();
    let n = match body.parse(day) {
        Ok(n) => n,
        Err(e) => return back(&e.field),
    };
    match state
        .store
        .add_notification(
            user.principal(),
            case,
            n.person,
            &n.types,
            &n.region,
            n.on,
            day,
            "page: duty to notify",
        )
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{case}/referrals")).into_response(),
        Err(StoreError::Invalid(e)) => back(&e.field),
        Err(e) => page_error(t, e),
    }
}
