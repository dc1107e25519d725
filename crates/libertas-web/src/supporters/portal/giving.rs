//! `GET /portal/giving`: the signed-in supporter's gifts and regular gifts; and cancelling a
//! regular gift themself: `GET /portal/giving/regular/{id}/cancel` asks to confirm, the POST
//! cancels (recorded as cancelled by the donor; the supporter staff see it on their gifts
//! page). The store decides whose gifts these are (the portal session's supporter only).

use super::{PortalForm, PortalUser};
use crate::http::PublicFrame as Frame;
use crate::http::{error_page, render};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::supporters::gifts::{Currency, RegularGiftId};
use libertas_store::supporters::gifts::{Giving, RegularGiftView};
use libertas_store::StoreError;

/// A line of either table, as shown.
pub struct Line {
    id: String,
    /// Major units and currency code: `25.00 GBP`.
    amount: String,
    method: String,
    /// A gift's date received, or a regular gift's start date.
    date: String,
    frequency: String,
    next_due: String,
    active: bool,
    cancelled_at: String,
}

#[derive(Template)]
#[template(path = "supporters/portal_giving.html")]
pub struct GivingPage {
    t: Tr,
    p: Frame,
    cancelled: bool,
    gifts: Vec<Line>,
    regular: Vec<Line>,
}

#[derive(Template)]
#[template(path = "supporters/portal_cancel.html")]
pub struct CancelPage {
    t: Tr,
    p: Frame,
    csrf: String,
    gift: Line,
}

impl CancelPage {
    pub fn frequency_key(&self) -> String {
        format!("gifts-frequency-{}", self.gift.frequency)
    }
}

#[derive(serde::Deserialize, Default)]
pub struct GivingQuery {
    #[serde(default)]
    cancelled: Option<String>,
}

fn amount(currency: &str, minor: i64) -> String {
    let major = Currency::parse(currency).map_or_else(|_| minor.to_string(), |c| c.format(minor));
    format!("{major} {currency}")
}

fn regular_line(r: RegularGiftView) -> Line {
    Line {
        amount: amount(&r.currency, r.amount_minor),
        active: r.status == "active",
        id: r.id,
        method: r.method,
        date: r.start_date,
        frequency: r.frequency,
        next_due: r.next_due,
        cancelled_at: r
            .cancelled_at
            .map(|c| c.chars().take(10).collect())
            .unwrap_or_default(),
    }
}

fn lines(g: Giving) -> (Vec<Line>, Vec<Line>) {
    let gifts = g
        .gifts
        .into_iter()
        .map(|g| Line {
            amount: amount(&g.currency, g.amount_minor),
            id: g.id,
            method: g.method,
            date: g.received_on,
            frequency: String::new(),
            next_due: String::new(),
            active: false,
            cancelled_at: String::new(),
        })
        .collect();
    (gifts, g.regular.into_iter().map(regular_line).collect())
}

fn failed(t: Tr, e: StoreError) -> Response {
    match e {
        StoreError::NotFound => error_page(t.lang, StatusCode::NOT_FOUND),
        e => crate::http::ApiError::from(e).into_response(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PortalUser,
    Query(q): Query<GivingQuery>,
) -> Response {
    let (gifts, regular) = match state.store.portal_giving(&user.session).await {
        Ok(g) => lines(g),
        Err(e) => return failed(t, e),
    };
    let page = GivingPage {
        t,
        p: Frame::new(t, &state.config, "/portal/giving"),
        cancelled: q.cancelled.is_some(),
        gifts,
        regular,
    };
    render(StatusCode::OK, &page)
}

/// The regular gift `raw` names among the session's own active ones, if any.
async fn own_active(state: &AppState, user: &PortalUser, raw: &str) -> Result<Line, StoreError> {
    let id: RegularGiftId = raw.parse().map_err(|_| StoreError::NotFound)?;
    let giving = state.store.portal_giving(&user.session).await?;
    giving
        .regular
        .into_iter()
        .find(|r| r.status == "active" && r.id == id.to_string())
        .map(regular_line)
        .ok_or(StoreError::NotFound)
}

pub async fn confirm(
    State(state): State<AppState>,
    t: Tr,
    user: PortalUser,
    Path(raw): Path<String>,
) -> Response {
    let gift = match own_active(&state, &user, &raw).await {
        Ok(g) => g,
        Err(e) => return failed(t, e),
    };
    let page = CancelPage {
        t,
        p: Frame::new(t, &state.config, "/portal/giving"),
        csrf: user.session.csrf().to_owned(),
        gift,
    };
    render(StatusCode::OK, &page)
}

#[tracing::instrument(skip_all)]
pub async fn cancel(
    State(state): State<AppState>,
    t: Tr,
    Path(raw): Path<String>,
    PortalForm(user, _f): PortalForm,
) -> Response {
    let Ok(id) = raw.parse::<RegularGiftId>() else {
        return error_page(t.lang, StatusCode::NOT_FOUND);
    };
    match state
        .store
        .portal_cancel_regular_gift(&user.session, id)
        .await
    {
        Ok(()) => {
            Redirect::to(&format!("/portal/giving?lang={}&cancelled=1", t.code())).into_response()
        }
        Err(e) => failed(t, e),
    }
}
