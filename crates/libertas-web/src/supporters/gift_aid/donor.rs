//! A donor's Gift Aid declarations (`/supporters/gift-aid/donors/{id}`): the list (their
//! name and address as declared, opened and audited), and (fundraising manager) recording a
//! written or oral declaration, recording an oral one's written confirmation, cancelling.

use crate::http::{
    render, Chrome, CsrfForm, OrPage, PageError, PageQuery, PageResult, PageUser, PathId,
};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::error::FieldError;
use libertas_domain::supporters::gift_aid::{DeclarationId, Donor, Method, Scope};
use libertas_domain::supporters::gifts::{parse_date, GiftId};
use libertas_domain::supporters::SupporterId;
use libertas_store::supporters::gift_aid::{DeclarationView, NewDeclaration};
use libertas_store::StoreError;
use serde::Deserialize;

/// The record form as typed.
#[derive(Debug, Default, Deserialize)]
pub struct DeclarationForm {
    #[allow(dead_code)]
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    house: String,
    #[serde(default)]
    postcode: String,
    #[serde(default)]
    non_uk: Option<String>,
    #[serde(default)]
    method: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    gift_id: String,
    #[serde(default)]
    made_on: String,
    #[serde(default)]
    confirmed_on: String,
    #[serde(default)]
    taxpayer: Option<String>,
}

/// A gift the one-gift declaration may name.
pub struct GiftChoice {
    id: String,
    label: String,
}

#[derive(Template)]
#[template(path = "supporters/gift_aid_donor.html")]
pub struct DonorPage {
    t: Tr,
    chrome: Chrome,
    can_record: bool,
    supporter: String,
    declarations: Vec<DeclarationView>,
    gifts: Vec<GiftChoice>,
    form: DeclarationForm,
    invalid: Option<String>,
    notice: Option<String>,
}

impl DonorPage {
    pub fn error_for(&self, field: &str) -> bool {
        self.invalid.as_deref() == Some(field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DonorQuery {
    #[serde(default)]
    done: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn donor_page(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    chrome: Chrome,
    id: SupporterId,
    form: DeclarationForm,
    invalid: Option<String>,
    notice: Option<String>,
) -> Result<DonorPage, PageError> {
    let p = user.principal();
    let can_record = state.store.gift_aid_access(p).or_page(t)?;
    let declarations = state.store.gift_aid_declarations(p, id).await.or_page(t)?;
    let gifts = if can_record {
        state
            .store
            .giving(p, id)
            .await
            .or_page(t)?
            .gifts
            .into_iter()
            .filter(|g| g.currency == "GBP")
            .map(|g| GiftChoice {
                label: format!(
                    "{} — {} GBP",
                    g.received_on,
                    libertas_domain::supporters::gift_aid::schedule::pounds(g.amount_minor)
                ),
                id: g.id,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(DonorPage {
        t,
        chrome,
        can_record,
        supporter: id.to_string(),
        declarations,
        gifts,
        form,
        invalid,
        notice,
    })
}

/// `GET /supporters/gift-aid/donors/{id}`.
pub async fn declarations(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<SupporterId>,
    PageQuery(q): PageQuery<DonorQuery>,
) -> PageResult {
    let notice = q
        .done
        .filter(|d| ["recorded", "cancelled", "confirmed"].contains(&d.as_str()))
        .map(|d| t.get(&format!("giftaid-done-{d}")));
    let form = DeclarationForm {
        method: "written".into(),
        scope: "all_gifts".into(),
        ..DeclarationForm::default()
    };
    let page = donor_page(&state, t, &user, chrome, id, form, None, notice).await?;
    Ok(render(StatusCode::OK, &page))
}

fn parse(f: &DeclarationForm) -> Result<NewDeclaration, FieldError> {
    let donor = Donor::parse(
        &f.title,
        &f.first_name,
        &f.last_name,
        &f.house,
        &f.postcode,
        f.non_uk.is_some(),
    )?;
    let method = Method::parse(&f.method)?;
    let scope = Scope::parse(&f.scope)?;
    let gift_id =
        match (scope, f.gift_id.trim()) {
            (Scope::AllGifts, _) => None,
            (Scope::ThisGift, raw) => Some(raw.parse::<GiftId>().map_err(|_| {
                FieldError::new("gift_id", "choose the gift this declaration is for")
            })?),
        };
    let made_on = parse_date("made_on", &f.made_on)?;
    let confirmed_on = match (method, f.confirmed_on.trim()) {
        (Method::Oral, raw) if !raw.is_empty() => Some(parse_date("confirmed_on", raw)?),
        _ => None,
    };
    if f.taxpayer.is_none() {
        return Err(FieldError::new(
            "taxpayer",
            "the donor must confirm they are a UK taxpayer",
        ));
    }
    Ok(NewDeclaration {
        donor,
        scope,
        gift_id,
        made_on,
        method,
        confirmed_on,
        taxpayer_confirmed: true,
    })
}

/// `POST /supporters/gift-aid/donors/{id}`: record a written or oral declaration.
#[tracing::instrument(skip_all)]
pub async fn record(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<SupporterId>,
    CsrfForm(f): CsrfForm<DeclarationForm>,
) -> PageResult {
    let p = user.principal();
    // The role first: a caller who may not record is refused, not told about the field.
    if !state.store.gift_aid_access(p).or_page(t)? {
        return Err(StoreError::Forbidden).or_page(t);
    }
    let refused = match parse(&f) {
        Ok(d) => match state.store.record_gift_aid_declaration(p, id, &d).await {
            Ok(_) => {
                return Err(PageError::redirect(format!(
                    "/supporters/gift-aid/donors/{id}?done=recorded"
                )))
            }
            Err(StoreError::Invalid(e)) => e,
            Err(e) => return Err(e).or_page(t),
        },
        Err(e) => e,
    };
    let page = donor_page(&state, t, &user, chrome, id, f, Some(refused.field), None).await?;
    Ok(render(StatusCode::BAD_REQUEST, &page))
}

#[derive(Debug, Deserialize)]
pub struct CancelForm {
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    by: String,
}

/// `POST /supporters/gift-aid/declarations/{id}/cancel`: from today.
#[tracing::instrument(skip_all)]
pub async fn cancel(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<DeclarationId>,
    CsrfForm(f): CsrfForm<CancelForm>,
) -> PageResult {
    let today = crate::http::clock::now().date();
    let sid = state
        .store
        .cancel_gift_aid_declaration(user.principal(), id, today, f.by == "donor")
        .await
        .or_page(t)?;
    Err(PageError::redirect(format!(
        "/supporters/gift-aid/donors/{sid}?done=cancelled"
    )))
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    #[allow(dead_code)]
    csrf: String,
    #[serde(default)]
    confirmed_on: String,
}

/// `POST /supporters/gift-aid/declarations/{id}/confirm`: the written confirmation of an
/// oral declaration was sent on the date given. A bad date is a 400 naming the field.
#[tracing::instrument(skip_all)]
pub async fn confirm(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<DeclarationId>,
    CsrfForm(f): CsrfForm<ConfirmForm>,
) -> PageResult {
    let p = user.principal();
    if !state.store.gift_aid_access(p).or_page(t)? {
        return Err(StoreError::Forbidden).or_page(t);
    }
    let on = parse_date("confirmed_on", &f.confirmed_on)
        .map_err(StoreError::Invalid)
        .or_page(t)?;
    let sid = state
        .store
        .confirm_gift_aid_declaration(p, id, on)
        .await
        .or_page(t)?;
    Err(PageError::redirect(format!(
        "/supporters/gift-aid/donors/{sid}?done=confirmed"
    )))
}
