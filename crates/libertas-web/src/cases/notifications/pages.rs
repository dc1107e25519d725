//! `POST /cases/{id}/notifications`: the duty-to-notify form of the case's referrals page.

use crate::cases::notifications::api::NewNotificationJson;
use crate::cases::referrals::pages::some;
use crate::cases::tasks::api::today;
use crate::http::{CsrfForm, Fields, PageError, PageResult, PageUser, PathId};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::ids::CaseId;
use libertas_store::StoreError;

/// `POST /cases/{id}/notifications`: an anonymous duty-to-notify record.
#[tracing::instrument(skip_all)]
pub async fn notify(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(case): PathId<CaseId>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let back = |field: &str| PageError::redirect(format!("/cases/{case}/referrals?error={field}"));
    let body = NewNotificationJson {
        person_id: f.text("person_id"),
        exploitation_types: f.texts("exploitation_types"),
        region: f.text("region"),
        notified_on: some(f.text("notified_on")),
    };
    let day = today();
    let n = body.parse(day).map_err(|e| back(&e.field))?;
    match state
        .store
        .add_notification(user.principal(), case, &n, day, "page: duty to notify")
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/cases/{case}/referrals")).into_response()),
        Err(StoreError::Invalid(e)) => Err(back(&e.field)),
        Err(e) => Err(PageError::store(t, e)),
    }
}
