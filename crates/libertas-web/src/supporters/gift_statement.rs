//! `GET /supporters/gifts/donors/{id}/statements/{year}.pdf`: a donor's giving statement for
//! supporter staff (both supporter roles, as the giving page), the same PDF the donor gets
//! on the portal, in the donor's language. The store decides access and audits the read;
//! another organisation's donor, an erased one or a year without gifts is the 404 page.

use crate::http::{OrPage, PageError, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use axum::extract::{Path, State};
use libertas_domain::supporters::SupporterId;

pub async fn download(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, file)): Path<(String, String)>,
) -> PageResult {
    let id: SupporterId = id.parse().map_err(|_| PageError::not_found(t))?;
    let year = file
        .strip_suffix(".pdf")
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|y| y.parse::<i32>().ok())
        .ok_or_else(|| PageError::not_found(t))?;
    let pdf = state
        .store
        .donor_statement(user.principal(), id, year)
        .await
        .or_page(t)?;
    Ok(super::portal::pdf_response(year, pdf))
}
