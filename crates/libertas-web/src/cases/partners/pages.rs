//! `/partners`: the partner directory for staff who work cases, filtered by kind of help,
//! area and language (a plain GET form, so it works without JavaScript and can be
//! bookmarked).

use crate::cases::partners::api::PartnerQuery;
use crate::http::{render, Chrome, OrPage, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use libertas_domain::cases::referrals::HelpKind;
use libertas_store::cases::PartnerView;

/// A partner ready for a table, kinds in the reader's language.
pub struct PartnerRow {
    pub id: String,
    pub name: String,
    pub kinds: String,
    pub area: String,
    pub languages: String,
    pub how_to_refer: String,
    pub contact: String,
    pub linked: Option<String>,
    pub active: bool,
}

/// The kinds of help as (code, label) for selects and checkboxes.
pub fn kind_options(t: &Tr) -> Vec<(&'static str, String)> {
    HelpKind::ALL
        .iter()
        .map(|k| (k.as_str(), t.get(&format!("referrals-kind-{}", k.as_str()))))
        .collect()
}

/// Labels a list of help-kind codes.
pub fn kind_labels(t: &Tr, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| t.get(&format!("referrals-kind-{c}")))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn partner_row(t: &Tr, v: &PartnerView) -> PartnerRow {
    PartnerRow {
        id: v.id.to_string(),
        name: v.name.clone(),
        kinds: kind_labels(t, &v.kinds),
        area: v.area.clone(),
        languages: v.languages.join(", "),
        how_to_refer: v.how_to_refer.clone(),
        contact: v.contact.clone(),
        linked: v.linked_org_name.clone(),
        active: v.active,
    }
}

#[derive(Template)]
#[template(path = "cases/partners.html")]
pub struct PartnersPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub kinds: Vec<(&'static str, String)>,
    pub kind: String,
    pub area: String,
    pub language: String,
    pub error: Option<String>,
    pub partners: Vec<PartnerRow>,
}

/// `GET /partners`: the directory (active partners), filtered.
pub async fn browse(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    crate::http::PageQuery(mut q): crate::http::PageQuery<PartnerQuery>,
) -> PageResult {
    let p = user.principal();
    // The form's language box takes what people type ("RO", " ro"); the API takes the code.
    q.language = q.language.map(|l| l.trim().to_ascii_lowercase());
    let (filter, error) = match q.parse() {
        Ok(f) => (f, None),
        Err(e) => (
            Default::default(),
            Some(t.arg("referrals-error-field", "field", &e.field)),
        ),
    };
    let list = state.store.partners(p, &filter).await.or_page(t)?;
    let page = PartnersPage {
        chrome,
        kinds: kind_options(&t),
        kind: q.kind.clone().unwrap_or_default(),
        area: q.area.clone().unwrap_or_default(),
        language: q.language.clone().unwrap_or_default(),
        error,
        partners: list.iter().map(|v| partner_row(&t, v)).collect(),
        t,
    };
    Ok(render(StatusCode::OK, &page))
}
