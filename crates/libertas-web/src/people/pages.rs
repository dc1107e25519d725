//! The person page and the add-person form on the case page. After adding, the person page
//! warns of likely existing records of the same person (see `search`). That warning answers
//! about records outside the reader's cases, so it spends from the reader's look-up budget:
//! when the budget is spent, the form refuses to add (429, nothing saved) and the person page
//! says the check is paused (429 with `Retry-After`).

use super::views::PersonPage;
use crate::http::{
    case_id, render, Chrome, CsrfForm, NewPersonJson, OrPage, PageError, PageResult, PageUser,
};
use crate::i18n::Tr;
use crate::people::search::pages::reasons_text;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::people::normalise_phone;
use libertas_store::people::search::DuplicateProbe;
use libertas_store::StoreError;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
pub struct PersonForm {
    /// Required: a form without it is a 422, as it always was ([`CsrfForm`] checks its value).
    #[allow(dead_code)]
    csrf: String,
    role: String,
    given_name: String,
    family_name: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
}

pub async fn add(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<PersonForm>,
) -> PageResult {
    let case = case_id(&id).map_err(|_| PageError::not_found(t))?;
    let body = NewPersonJson {
        role: f.role,
        given_name: f.given_name,
        family_name: f.family_name,
        birth_date: Some(f.birth_date),
        phone: Some(f.phone),
        email: Some(f.email),
        ..Default::default()
    };
    // The person is added whatever the look-up budget (a large intake must not stop); the
    // person page then says the duplicate check is paused, and answers nothing about others.
    let back = |field: &str| {
        PageError::redirect(format!(
            "/cases/{case}?error=person-{}",
            field.replace('_', "-")
        ))
    };
    let person = body
        .parse(crate::http::clock::now().date())
        .map_err(|e| back(&e.field))?;
    match state
        .store
        .add_person(
            user.principal(),
            case,
            &person,
            "page: add a person to a case",
        )
        .await
    {
        // `?added=1` asks the person page for the duplicate warning: a flag, no personal data.
        Ok((pid, _)) => Ok(Redirect::to(&format!("/people/{pid}?added=1")).into_response()),
        Err(StoreError::Invalid(e)) => Err(back(&e.field)),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// The warning shown after adding a person who may already be on record.
pub struct DuplicateNotice {
    /// `(person id, case ids, reasons)` of records the reader may open.
    pub visible: Vec<(String, Vec<String>, String)>,
    /// The sentence about records in cases the reader is not a member of, if any.
    pub others: Option<String>,
    /// Set instead when the check could not run because the reader's look-up budget is spent.
    pub paused: Option<String>,
    /// Seconds until the check can run again, when paused.
    pub retry_after: Option<u64>,
}

async fn duplicate_notice(
    state: &AppState,
    t: &Tr,
    p: &libertas_domain::admin::Principal,
    v: &libertas_store::people::PersonView,
) -> Result<Option<DuplicateNotice>, StoreError> {
    let (Some(given), Some(family)) = (&v.given_name, &v.family_name) else {
        return Ok(None);
    };
    let phone = v.phone.as_deref().and_then(normalise_phone);
    let probe = DuplicateProbe {
        given_name: given,
        family_name: family,
        birth_date: v.birth_date.as_deref(),
        phone: phone.as_deref(),
        identity_numbers: &v.identity_numbers,
    };
    let d = match state
        .store
        .possible_duplicates(
            p,
            v.id,
            &probe,
            "page: duplicate check after adding a person",
        )
        .await
    {
        Err(StoreError::TooManyRequests(wait)) => {
            let minutes = wait.div_ceil(60).to_string();
            return Ok(Some(DuplicateNotice {
                visible: vec![],
                others: None,
                paused: Some(t.arg("duplicates-paused", "minutes", &minutes)),
                retry_after: Some(wait),
            }));
        }
        other => other?,
    };
    if d.visible.is_empty() && d.others == 0 {
        return Ok(None);
    }
    Ok(Some(DuplicateNotice {
        visible: d
            .visible
            .iter()
            .map(|x| {
                (
                    x.person_id.to_string(),
                    x.case_ids.iter().map(ToString::to_string).collect(),
                    reasons_text(t, &x.reasons),
                )
            })
            .collect(),
        others: (d.others > 0).then(|| t.arg("duplicates-others", "count", &d.others.to_string())),
        paused: None,
        retry_after: None,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path(id): Path<String>,
    crate::http::PageQuery(q): crate::http::PageQuery<HashMap<String, String>>,
) -> PageResult {
    let id = id.parse().map_err(|_| PageError::not_found(t))?;
    let p = user.principal();
    let v = state
        .store
        .get_person(p, id, "page: open the person page")
        .await
        .or_page(t)?;
    let duplicates = if q.contains_key("added") {
        duplicate_notice(&state, &t, p, &v).await.or_page(t)?
    } else {
        None
    };
    let name = match (&v.given_name, &v.family_name) {
        (Some(g), Some(f)) => format!("{g} {f}"),
        _ => t.get("person-erased-short"),
    };
    let mut facts = vec![];
    let mut fact = |label: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            facts.push((t.get(label), v));
        }
    };
    fact(
        "person-birth-date",
        v.birth_date.as_deref().map(|d| t.date(d)),
    );
    fact(
        "person-gender",
        v.gender.clone().map(|g| t.get(&format!("gender-{g}"))),
    );
    let countries: Vec<String> = v
        .citizenship
        .iter()
        .map(|c| t.label("country", c))
        .collect();
    fact("person-citizenship", Some(countries.join(", ")));
    fact("person-languages", Some(v.languages.join(", ")));
    fact("person-phone", v.phone.clone());
    fact("person-email", v.email.clone());
    fact(
        "person-identity-numbers",
        Some(v.identity_numbers.join(", ")),
    );
    // Each case by its number and title (for the reader's own cases) and the person's role in
    // it, so the page says which case it came from and links back.
    let mut cases = Vec::with_capacity(v.cases.len());
    for c in &v.cases {
        let role = t.get(&format!("role-{}", c.role));
        let label = match state
            .store
            .get_case(p, c.case_id, "page: person page, name the person's cases")
            .await
        {
            Ok(case) => format!("{} · {} ({role})", case.number, case.title),
            Err(_) => role,
        };
        cases.push((c.case_id.to_string(), label));
    }
    // Merges of this record with another the reader may also see; a role that works no
    // cases has none to show.
    let merges = match state.store.merges_of(p, id).await {
        Ok(m) => m,
        Err(libertas_store::StoreError::Forbidden) => vec![],
        Err(e) => return Err(PageError::store(t, e)),
    };
    let merges = merges
        .iter()
        .map(|m| {
            let kept = m.kept_id == id;
            let id_text = if kept {
                "person-merged-in"
            } else {
                "person-merged-into"
            };
            let mut text = t.arg(id_text, "date", &t.date(&m.merged_at));
            if m.undone_at.is_some() {
                text = format!("{text} ({})", t.get("dupes-undone"));
            }
            super::views::PersonMerge {
                id: m.id.to_string(),
                other_id: if kept { m.absorbed_id } else { m.kept_id }.to_string(),
                text,
                active: m.undone_at.is_none(),
            }
        })
        .collect();
    let retry = duplicates.as_ref().and_then(|d| d.retry_after);
    let status = match retry {
        Some(_) => StatusCode::TOO_MANY_REQUESTS,
        None => StatusCode::OK,
    };
    let res = render(
        status,
        &PersonPage {
            t,
            chrome,
            id: v.id.to_string(),
            name,
            erased: v.erased,
            facts,
            cases,
            duplicates,
            merges,
        },
    );
    Ok(match retry {
        Some(wait) => crate::http::with_retry_after(res, wait),
        None => res,
    })
}
