//! Supporters: the public's e-mail updates (sign-up with double opt-in, the confirmation and
//! unsubscribe links) and the supporter staff's pages. The supporter side shares the server,
//! the accounts and the audit chain with the case work but none of its data
//! (`docs/supporters.md`); the outbox is sent by `crate::mailer`.
//!
//! Public routes take no session and no CSRF token: the sign-up is guarded like the public
//! report form (proof-of-work and per-client rate limits), and a link's POST is authorised by
//! the 256-bit token in its URL, which only the recipient of the message has.

pub mod events;
mod gift_aid;
mod gift_statement;
mod gifts;
mod links;
mod payments;
mod portal;
mod signup;
mod staff;
mod updates;

use crate::http::{get, post, Routes};
use crate::state::AppState;

pub fn router() -> Routes {
    portal::routes(Routes::new())
        .route("/updates/signup", get(signup::form).post(signup::submit))
        .route("/updates/signup/sent", get(signup::sent))
        .route(
            "/updates/confirm/{token}",
            get(links::confirm_page).post(links::confirm),
        )
        .route(
            "/updates/unsubscribe/{token}",
            get(links::unsubscribe_page).post(links::unsubscribe),
        )
        .route("/supporters", get(staff::overview))
        .route("/supporters/erase", post(staff::erase))
        .route("/supporters/gifts", get(gifts::page).post(gifts::record))
        .route("/supporters/gifts/find", post(gifts::find))
        .route("/supporters/gifts/donors/{id}", get(gifts::giving))
        .route(
            "/supporters/gifts/donors/{id}/second-factor/remove",
            post(gifts::remove_second_factor),
        )
        .route(
            "/supporters/gifts/donors/{id}/statements/{year}",
            get(gift_statement::download),
        )
        .route("/supporters/gifts/regular/{id}/cancel", post(gifts::cancel))
        .route("/supporters/gifts/regular/{id}/seen", post(gifts::seen))
        .route("/supporters/gift-aid", get(gift_aid::page))
        .route("/supporters/gift-aid/find", post(gift_aid::find))
        .route("/supporters/gift-aid/schedule.csv", get(gift_aid::download))
        .route("/supporters/gift-aid/submit", post(gift_aid::submit))
        .route(
            "/supporters/gift-aid/donors/{id}",
            get(gift_aid::declarations).post(gift_aid::record),
        )
        .route(
            "/supporters/gift-aid/declarations/{id}/cancel",
            post(gift_aid::cancel),
        )
        .route(
            "/supporters/gift-aid/declarations/{id}/confirm",
            post(gift_aid::confirm),
        )
        .route(
            "/supporters/suppressions/lift",
            post(staff::lift_suppression),
        )
        .route(
            "/supporters/updates",
            get(updates::list).post(updates::create),
        )
        .route("/supporters/updates/new", get(updates::new))
        .route("/supporters/updates/{id}", get(updates::show))
        .route(
            "/supporters/updates/{id}/edit",
            get(updates::edit_form).post(updates::edit),
        )
        .route("/supporters/updates/{id}/test", post(updates::test_send))
        .route("/supporters/updates/{id}/schedule", post(updates::schedule))
        .route(
            "/supporters/updates/{id}/unschedule",
            post(updates::unschedule),
        )
        .route("/supporters/updates/{id}/send", post(updates::send_now))
        .route(
            "/supporters/updates/{id}/story",
            post(updates::choose_story),
        )
        .route("/api/v1/public/mail-events", post(events::receive))
        .route(
            "/api/v1/public/payment-events",
            post(payments::receive_payment_events),
        )
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(events::receive, payments::receive_payment_events),
    components(schemas(
        events::MailEventsJson,
        events::MailEventJson,
        events::MailEventKind,
        events::MailEventsOutcome,
        payments::PaymentEventsJson,
        payments::PaymentEventJson,
        payments::GiftSucceededType,
        payments::RegularGiftCancelledType,
        payments::GiftSucceededJson,
        payments::RegularGiftCancelledJson,
        payments::MethodJson,
        payments::FrequencyJson,
        payments::CancelledByJson,
        payments::PaymentEventsOutcome
    ))
)]
struct Doc;

/// This feature's part of the OpenAPI document.
pub(crate) fn api_doc() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    Doc::openapi()
}

/// The link to confirm a sign-up, as written in the message (`lang`: the message's language).
fn confirm_url(state: &AppState, token: &str, lang: &str) -> String {
    format!(
        "{}/updates/confirm/{token}?lang={lang}",
        state.config.public_url.trim_end_matches('/')
    )
}

/// The one-click unsubscribe link of every message (`List-Unsubscribe`).
fn unsubscribe_url(state: &AppState, token: &str, lang: &str) -> String {
    format!(
        "{}/updates/unsubscribe/{token}?lang={lang}",
        state.config.public_url.trim_end_matches('/')
    )
}
