//! The supporter staff's gift pages (`docs/supporters.md`, "Gifts"):
//!
//! - `GET /supporters/gifts`: find a donor by address, and (fundraising manager) record a gift;
//! - `POST /supporters/gifts/find`: the donor with that address → their giving page (the
//!   address travels in the form, never in a URL);
//! - `POST /supporters/gifts`: record a gift (the donor found by address, or created without
//!   any consent to mail);
//! - `GET /supporters/gifts/donors/{id}`: a donor's gifts and regular gifts;
//! - `POST /supporters/gifts/regular/{id}/cancel`: cancel a regular gift (staff decided, or
//!   the donor asked).
//!
//! The store decides access: supporter care reads, the fundraising manager also records and
//! cancels, every case role is refused (403).

use crate::http::{
    render, Chrome, CsrfForm, OrPage, PageError, PageQuery, PageResult, PageUser, PathId,
};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::error::FieldError;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{
    parse_date, CancelledBy, Currency, Frequency, GiftMethod, NewGift, RegularGiftId,
};
use libertas_domain::supporters::{SupporterId, SupporterName};
use libertas_store::supporters::gifts::Giving;
use serde::Deserialize;

/// The methods and frequencies offered by the form (codes; the labels are messages).
const METHODS: [&str; 7] = [
    "card",
    "direct_debit",
    "bank_transfer",
    "standing_order",
    "cash",
    "cheque",
    "other",
];
const FREQUENCIES: [&str; 3] = ["monthly", "quarterly", "annual"];

/// The record form as typed, and the field in error.
#[derive(Debug, Default, Deserialize)]
pub struct GiftForm {
    #[allow(dead_code)]
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    received: String,
    #[serde(default)]
    frequency: String,
    #[serde(skip)]
    invalid: Option<String>,
}

impl GiftForm {
    pub fn error_for(&self, field: &str) -> bool {
        self.invalid.as_deref() == Some(field)
    }
}

#[derive(Template)]
#[template(path = "supporters/gifts.html")]
pub struct GiftsPage {
    t: Tr,
    chrome: Chrome,
    can_record: bool,
    /// Back from the find form: `invalid` (not an address) or `none` (no such donor).
    find: Option<String>,
    form: GiftForm,
    methods: [&'static str; 7],
    frequencies: [&'static str; 3],
    /// Regular gifts donors cancelled in the portal, not yet marked seen.
    notices: Vec<Notice>,
    /// `?seen=1` after marking one seen.
    seen: bool,
}

/// A donor's cancellation in the portal, as the gifts page lists it.
pub struct Notice {
    id: String,
    supporter: String,
    amount: String,
    currency: String,
    frequency: String,
    /// YYYY-MM-DD.
    date: String,
}

async fn notices(
    state: &AppState,
    p: &libertas_domain::admin::Principal,
) -> Result<Vec<Notice>, libertas_store::StoreError> {
    Ok(state
        .store
        .donor_cancellations(p)
        .await?
        .into_iter()
        .map(|n| Notice {
            amount: amount(&n.currency, n.amount_minor),
            id: n.regular_gift_id,
            supporter: n.supporter_id,
            currency: n.currency,
            frequency: n.frequency,
            date: n.cancelled_at.chars().take(10).collect(),
        })
        .collect())
}

/// `?find=invalid|none` back from the find form.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiftsQuery {
    #[serde(default)]
    find: Option<String>,
    #[serde(default)]
    seen: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PageQuery(q): PageQuery<GiftsQuery>,
) -> PageResult {
    let can_record = state.store.gifts_access(user.principal()).or_page(t)?;
    let find = q.find.filter(|f| f == "invalid" || f == "none");
    let form = GiftForm {
        currency: "GBP".into(),
        ..GiftForm::default()
    };
    let mut page = gifts_page(t, chrome, can_record, find, form);
    page.notices = notices(&state, user.principal()).await.or_page(t)?;
    page.seen = q.seen.is_some();
    Ok(render(StatusCode::OK, &page))
}

fn gifts_page(
    t: Tr,
    chrome: Chrome,
    can_record: bool,
    find: Option<String>,
    form: GiftForm,
) -> GiftsPage {
    GiftsPage {
        t,
        chrome,
        can_record,
        find,
        form,
        methods: METHODS,
        frequencies: FREQUENCIES,
        notices: Vec::new(),
        seen: false,
    }
}

#[derive(Debug, Deserialize)]
pub struct FindForm {
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    email: String,
}

/// `POST /supporters/gifts/find`.
#[tracing::instrument(skip_all)]
pub async fn find(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    CsrfForm(f): CsrfForm<FindForm>,
) -> PageResult {
    let p = user.principal();
    state.store.gifts_access(p).or_page(t)?;
    let Ok(email) = Email::parse(&f.email) else {
        return Err(PageError::redirect(
            "/supporters/gifts?find=invalid#find-email",
        ));
    };
    match state.store.donor_by_address(p, &email).await {
        Ok(id) => Err(PageError::redirect(format!(
            "/supporters/gifts/donors/{id}"
        ))),
        Err(libertas_store::StoreError::NotFound) => Err(PageError::redirect(
            "/supporters/gifts?find=none#find-email",
        )),
        Err(e) => Err(e).or_page(t),
    }
}

fn parse_gift(f: &GiftForm) -> Result<(Email, Option<SupporterName>, NewGift), FieldError> {
    let email = Email::parse(&f.email).map_err(|e| FieldError::new("email", e.message))?;
    let name = match f.name.trim() {
        "" => None,
        n => Some(SupporterName::parse(n).map_err(|e| FieldError::new("name", e.message))?),
    };
    let currency = Currency::parse(&f.currency)?;
    let amount_minor = currency.minor_units(&f.amount)?;
    let method = GiftMethod::parse(&f.method)?;
    let received = parse_date("received", &f.received)?;
    let frequency = match f.frequency.trim() {
        "" => None,
        code => Some(Frequency::parse(code)?),
    };
    Ok((
        email,
        name,
        NewGift {
            amount_minor,
            currency,
            method,
            received,
            frequency,
        },
    ))
}

/// `POST /supporters/gifts`: record a gift; a field in error goes back to the form.
#[tracing::instrument(skip_all)]
pub async fn record(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    CsrfForm(mut f): CsrfForm<GiftForm>,
) -> PageResult {
    let p = user.principal();
    // The role first: a caller who may not record is refused, not told about the field.
    if !state.store.gifts_access(p).or_page(t)? {
        return Err(libertas_store::StoreError::Forbidden).or_page(t);
    }
    let (email, name, gift) = match parse_gift(&f) {
        Ok(parsed) => parsed,
        Err(e) => {
            f.invalid = Some(e.field);
            return Ok(render(
                StatusCode::BAD_REQUEST,
                &gifts_page(t, chrome, true, None, f),
            ));
        }
    };
    let id = match state
        .store
        .record_gift(p, &email, name.as_ref(), &gift)
        .await
    {
        Ok((_, donor)) => donor,
        Err(libertas_store::StoreError::Conflicting(e)) => {
            f.invalid = Some(e.field);
            return Ok(render(
                StatusCode::CONFLICT,
                &gifts_page(t, chrome, true, None, f),
            ));
        }
        Err(e) => return Err(e).or_page(t),
    };
    Err(PageError::redirect(format!(
        "/supporters/gifts/donors/{id}?recorded=1"
    )))
}

/// A gift or regular gift as the giving page shows it (amounts in the major unit).
pub struct Row {
    id: String,
    amount: String,
    currency: String,
    method: String,
    date: String,
    frequency: String,
    next_due: String,
    active: bool,
    who: String,
}

#[derive(Template)]
#[template(path = "supporters/giving.html")]
pub struct GivingPage {
    t: Tr,
    chrome: Chrome,
    can_record: bool,
    recorded: bool,
    cancelled: bool,
    gifts: Vec<Row>,
    regular: Vec<Row>,
    /// The donor's id, for the statement and second-factor forms.
    donor: String,
    /// The years with gifts, newest first (a statement each).
    years: Vec<String>,
    /// Whether they have a second factor for the portal.
    second_factor: bool,
    /// `?factor=removed` after supporter care removed it.
    factor_removed: bool,
}

/// `?recorded=1` / `?cancelled=1` after a change.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GivingQuery {
    #[serde(default)]
    recorded: Option<String>,
    #[serde(default)]
    cancelled: Option<String>,
    #[serde(default)]
    factor: Option<String>,
}

fn amount(currency: &str, minor: i64) -> String {
    Currency::parse(currency).map_or_else(|_| minor.to_string(), |c| c.format(minor))
}

fn rows(g: Giving) -> (Vec<Row>, Vec<Row>) {
    let gifts = g
        .gifts
        .into_iter()
        .map(|g| Row {
            amount: amount(&g.currency, g.amount_minor),
            id: g.id,
            currency: g.currency,
            method: g.method,
            date: g.received_on,
            frequency: String::new(),
            next_due: String::new(),
            active: false,
            who: g.recorded_by,
        })
        .collect();
    let regular = g
        .regular
        .into_iter()
        .map(|r| Row {
            amount: amount(&r.currency, r.amount_minor),
            id: r.id,
            currency: r.currency,
            method: r.method,
            date: r.start_date,
            frequency: r.frequency,
            next_due: r.next_due,
            active: r.status == "active",
            who: r.cancelled_by.unwrap_or_default(),
        })
        .collect();
    (gifts, regular)
}

/// `GET /supporters/gifts/donors/{id}`.
pub async fn giving(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<SupporterId>,
    PageQuery(q): PageQuery<GivingQuery>,
) -> PageResult {
    let p = user.principal();
    let can_record = state.store.gifts_access(p).or_page(t)?;
    let giving = state.store.giving(p, id).await.or_page(t)?;
    let mut years: Vec<String> = giving
        .gifts
        .iter()
        .filter_map(|g| g.received_on.get(..4).map(str::to_owned))
        .collect();
    years.dedup();
    let (gifts, regular) = rows(giving);
    let second_factor = state.store.supporter_totp_enabled(p, id).await.or_page(t)?;
    let page = GivingPage {
        donor: id.to_string(),
        years,
        second_factor,
        factor_removed: q.factor.is_some(),
        t,
        chrome,
        can_record,
        recorded: q.recorded.is_some(),
        cancelled: q.cancelled.is_some(),
        gifts,
        regular,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub struct CancelForm {
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    by: String,
}

/// `POST /supporters/gifts/regular/{id}/cancel`.
#[tracing::instrument(skip_all)]
pub async fn cancel(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<RegularGiftId>,
    CsrfForm(f): CsrfForm<CancelForm>,
) -> PageResult {
    let by = match f.by.as_str() {
        "donor" => CancelledBy::Donor,
        _ => CancelledBy::Staff,
    };
    let donor = state
        .store
        .cancel_regular_gift(user.principal(), id, by)
        .await
        .or_page(t)?;
    Err(PageError::redirect(format!(
        "/supporters/gifts/donors/{donor}?cancelled=1"
    )))
}

/// `POST /supporters/gifts/regular/{id}/seen`: a donor's cancellation in the portal marked
/// seen (the fundraising manager); it leaves the gifts page's list.
#[tracing::instrument(skip_all)]
pub async fn seen(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<RegularGiftId>,
    CsrfForm(_f): CsrfForm<SeenForm>,
) -> PageResult {
    state
        .store
        .donor_cancellation_seen(user.principal(), id)
        .await
        .or_page(t)?;
    Err(PageError::redirect("/supporters/gifts?seen=1#notices"))
}

#[derive(Debug, Deserialize)]
pub struct SeenForm {
    #[allow(dead_code)]
    csrf: String,
}

/// `POST /supporters/gifts/donors/{id}/second-factor/remove`: supporter care remove a
/// donor's portal second factor (a lost phone), after checking by other means that the
/// request is theirs.
#[tracing::instrument(skip_all)]
pub async fn remove_second_factor(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<SupporterId>,
    CsrfForm(_f): CsrfForm<SeenForm>,
) -> PageResult {
    state
        .store
        .supporter_totp_reset(user.principal(), id)
        .await
        .or_page(t)?;
    Err(PageError::redirect(format!(
        "/supporters/gifts/donors/{id}?factor=removed"
    )))
}
