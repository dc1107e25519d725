//! `POST /api/v1/public/payment-events`: the payment provider reports gifts that succeeded and
//! regular gifts it cancelled (`libertas-store/src/supporters/gifts/`, docs/supporters.md,
//! "Gifts").
//!
//! No account: the request is authorised by its signature, exactly as the mail provider's
//! (`crate::webhook_signature`), under its own secret (`[payments] webhook_secret`). A
//! signature more than five minutes from the server's clock is refused; within them a replay
//! changes nothing, because each event is applied once by its id and each gift once by the
//! provider's id of the payment. The gifts go to the organisation that receives public
//! sign-ups.

use crate::http::ApiError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use libertas_domain::error::FieldError;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{
    parse_date, parse_provider, parse_reference, CancelledBy, Currency, Frequency, GiftMethod,
    NewGift,
};
use libertas_domain::supporters::SupporterName;
use libertas_store::supporters::gifts::{Origin, PaymentEvent, PaymentEventKind, ReportedGift};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The provider's events.
// The document's description of the body: the handler reads it through `RawEvents`, then
// each event by its type, so that an error names the event's own field.
#[allow(dead_code)]
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentEventsJson {
    /// 1 to 1,000 events.
    #[schema(min_items = 1, max_items = 1000)]
    pub events: Vec<PaymentEventJson>,
}

/// One event: `gift.succeeded` or `regular_gift.cancelled` (its `type`).
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum PaymentEventJson {
    GiftSucceeded(GiftSucceededJson),
    RegularGiftCancelled(RegularGiftCancelledJson),
}

/// The body as it is read: the events as JSON values, each then read by its `type`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvents {
    events: Vec<serde_json::Value>,
}

#[derive(Deserialize, ToSchema, Clone, Copy)]
pub enum GiftSucceededType {
    #[serde(rename = "gift.succeeded")]
    GiftSucceeded,
}

#[derive(Deserialize, ToSchema, Clone, Copy)]
pub enum RegularGiftCancelledType {
    #[serde(rename = "regular_gift.cancelled")]
    RegularGiftCancelled,
}

/// `gift.succeeded`: a payment received.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GiftSucceededJson {
    /// The provider's id of the event (1 to 200 visible ASCII characters): an event already
    /// applied changes nothing.
    #[schema(pattern = "^[!-~]{1,200}$")]
    pub id: String,
    /// Checked when read: its only value.
    #[allow(dead_code)]
    #[serde(rename = "type")]
    pub kind: GiftSucceededType,
    /// The provider's short code (`stripe`, `gocardless`).
    #[schema(pattern = "^[a-z0-9_-]{1,40}$")]
    pub provider: String,
    /// The provider's id of the payment: a payment already recorded under it is not recorded
    /// again.
    #[schema(pattern = "^[ -~]*[!-~][ -~]*$", max_length = 100)]
    pub provider_id: String,
    /// The donor's address: finds the donor, or makes one (who gets no e-mail).
    #[schema(schema_with = crate::http::schema::email)]
    pub email: String,
    /// The donor's name, for a donor not known yet (1 to 200 characters).
    #[schema(schema_with = crate::http::schema::text_opt::<libertas_domain::supporters::SupporterName>)]
    pub name: Option<String>,
    /// In the major unit (`25.00`), with at most as many decimals as the currency has.
    #[schema(pattern = r"^[0-9]{1,13}(\.[0-9]{1,3})?$", example = "25.00")]
    pub amount: String,
    /// ISO 4217 code in use (`GBP`, `EUR`, `RON`).
    #[schema(pattern = "^[A-Z]{3}$")]
    pub currency: String,
    pub method: MethodJson,
    /// The day the money arrived, YYYY-MM-DD.
    #[schema(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", example = "2026-11-03")]
    pub received: String,
    /// Set when the payment is one of a regular gift given this often.
    pub frequency: Option<FrequencyJson>,
    /// The provider's id of the subscription or mandate it pays, if any.
    #[schema(pattern = "^[ -~]*[!-~][ -~]*$", max_length = 100)]
    pub subscription: Option<String>,
}

/// `regular_gift.cancelled`: the provider ended a subscription or mandate.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegularGiftCancelledJson {
    #[schema(pattern = "^[!-~]{1,200}$")]
    pub id: String,
    /// Checked when read: its only value.
    #[allow(dead_code)]
    #[serde(rename = "type")]
    pub kind: RegularGiftCancelledType,
    #[schema(pattern = "^[a-z0-9_-]{1,40}$")]
    pub provider: String,
    /// The provider's id of the subscription or mandate (as in `gift.succeeded`).
    #[schema(pattern = "^[ -~]*[!-~][ -~]*$", max_length = 100)]
    pub subscription: String,
    /// Who ended it: the donor (default) or the provider (a failed mandate).
    pub cancelled_by: Option<CancelledByJson>,
}

#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum MethodJson {
    Card,
    DirectDebit,
    BankTransfer,
    StandingOrder,
    Cash,
    Cheque,
    Other,
}

#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum FrequencyJson {
    Monthly,
    Quarterly,
    Annual,
}

#[derive(Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum CancelledByJson {
    Donor,
    Provider,
}

/// What the request did (the same status for a replay: its events count as `already`).
#[derive(Serialize, ToSchema)]
pub struct PaymentEventsOutcome {
    /// Gifts recorded now.
    pub gifts_added: u64,
    /// Regular gifts cancelled now.
    pub cancelled: u64,
    /// Events applied before, payments recorded before, regular gifts cancelled before.
    pub already: u64,
    /// Cancellations of a subscription nobody here pays by.
    pub unknown: u64,
}

#[utoipa::path(post, path = "/api/v1/public/payment-events", tag = "public",
    request_body = PaymentEventsJson,
    params(("Libertas-Signature" = String, Header,
        description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.\" and the body>` under the secret of `[payments] webhook_secret`")),
    responses((status = 200, body = PaymentEventsOutcome),
              (status = 400, description = "a malformed body or a field that does not hold (`field` names it, `events[i].amount` for an amount with more decimals than its currency has)"),
              (status = 401, description = "no signature, a signature that does not match, or one more than five minutes from the server's clock"),
              (status = 404, description = "no webhook secret is configured (a request without a signature is 401 all the same)"),
              (status = 409, description = "a payment id recorded before with another amount, currency or date, or an address that is another organisation's supporter (`field` names the event)"),
              (status = 413), (status = 415)))]
#[tracing::instrument(skip_all)]
pub async fn receive_payment_events(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<PaymentEventsOutcome>, ApiError> {
    crate::webhook_signature::check(
        "payment-events",
        state.config.payment_events_secret.as_ref(),
        &headers,
        &body,
    )?;
    if !crate::json::is_json(&headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let report: RawEvents = crate::json::parse(&body)?;
    if report.events.is_empty() || report.events.len() > 1000 {
        return Err(ApiError::invalid("events", "must hold 1 to 1,000 events"));
    }
    let mut events = Vec::with_capacity(report.events.len());
    for (i, e) in report.events.into_iter().enumerate() {
        let e = read_event(i, e)?;
        let at = |f: FieldError| ApiError::invalid(format!("events[{i}].{}", f.field), f.message);
        events.push(match e {
            PaymentEventJson::GiftSucceeded(g) => PaymentEvent {
                id: event_id(i, g.id.clone())?,
                kind: PaymentEventKind::GiftSucceeded(gift(i, g).map_err(at)?),
            },
            PaymentEventJson::RegularGiftCancelled(c) => PaymentEvent {
                id: event_id(i, c.id)?,
                kind: PaymentEventKind::RegularGiftCancelled {
                    provider: parse_provider(&c.provider).map_err(at)?,
                    subscription: parse_reference("subscription", &c.subscription).map_err(at)?,
                    by: match c.cancelled_by {
                        None | Some(CancelledByJson::Donor) => CancelledBy::Donor,
                        Some(CancelledByJson::Provider) => CancelledBy::Provider,
                    },
                },
            },
        });
    }
    let org = state
        .store
        .public_reports_org(state.config.public_reports_org.as_deref())
        .await?
        .ok_or_else(|| ApiError::Internal("no organisation yet".into()))?;
    let out = state.store.payment_events_reported(org, &events).await?;
    Ok(Json(PaymentEventsOutcome {
        gifts_added: out.gifts_added,
        cancelled: out.cancelled,
        already: out.already,
        unknown: out.unknown,
    }))
}

/// One event read by its `type`; an error names `events[i]` and the field at fault.
fn read_event(i: usize, e: serde_json::Value) -> Result<PaymentEventJson, ApiError> {
    fn read<T: serde::de::DeserializeOwned>(i: usize, e: serde_json::Value) -> Result<T, ApiError> {
        serde_path_to_error::deserialize(e).map_err(|err| {
            let path = err.path().to_string();
            let message = err.into_inner().to_string();
            let field = match path.as_str() {
                "." | "" => format!("events[{i}]"),
                p => format!("events[{i}].{p}"),
            };
            ApiError::invalid(field, message)
        })
    }
    match e.get("type").and_then(|t| t.as_str()) {
        Some("gift.succeeded") => read(i, e).map(PaymentEventJson::GiftSucceeded),
        Some("regular_gift.cancelled") => read(i, e).map(PaymentEventJson::RegularGiftCancelled),
        _ => Err(ApiError::invalid(
            format!("events[{i}].type"),
            "must be gift.succeeded or regular_gift.cancelled",
        )),
    }
}

fn event_id(i: usize, id: String) -> Result<String, ApiError> {
    if id.is_empty() || id.len() > 200 || !id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::invalid(
            format!("events[{i}].id"),
            "must be 1 to 200 visible ASCII characters",
        ));
    }
    Ok(id)
}

/// A `gift.succeeded` event as the store takes it; errors name the event's field.
fn gift(i: usize, g: GiftSucceededJson) -> Result<ReportedGift, FieldError> {
    let currency = Currency::parse(&g.currency)?;
    Ok(ReportedGift {
        origin: Origin::Event(i),
        provider: parse_provider(&g.provider)?,
        provider_id: parse_reference("provider_id", &g.provider_id)?,
        email: Email::parse(&g.email).map_err(|e| FieldError::new("email", e.message))?,
        name: g
            .name
            .as_deref()
            .map(SupporterName::parse)
            .transpose()
            .map_err(|e| FieldError::new("name", e.message))?,
        gift: NewGift {
            amount_minor: currency.minor_units(&g.amount)?,
            currency,
            method: GiftMethod::parse(match g.method {
                MethodJson::Card => "card",
                MethodJson::DirectDebit => "direct_debit",
                MethodJson::BankTransfer => "bank_transfer",
                MethodJson::StandingOrder => "standing_order",
                MethodJson::Cash => "cash",
                MethodJson::Cheque => "cheque",
                MethodJson::Other => "other",
            })?,
            received: parse_date("received", &g.received)?,
            frequency: g.frequency.map(|f| match f {
                FrequencyJson::Monthly => Frequency::Monthly,
                FrequencyJson::Quarterly => Frequency::Quarterly,
                FrequencyJson::Annual => Frequency::Annual,
            }),
        },
        subscription: g
            .subscription
            .as_deref()
            .map(|s| parse_reference("subscription", s))
            .transpose()?,
    })
}
