//! Survivors' stories on the care page (issue 13): the "Stories" section (`stories_section`,
//! rendered by `pages.rs`), the form to write or edit a draft (its own page, so a refused
//! form comes back with what was typed and the field in error), and the publish and withdraw
//! buttons. The store decides everything: who may see the person, whether the pseudonym
//! matches a real name, whether the current consent covers storytelling.

use super::forms::start;
use crate::http::{render, Chrome, CsrfForm, Fields, OrPage, PageError, PageResult, PageUser};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::care::{NewStory, StoryId};
use libertas_domain::ids::PersonId;
use libertas_store::care::StoryView;
use libertas_store::StoreError;

/// The story form's values as typed and the field in error.
pub struct StoryForm {
    pub pseudonym: String,
    pub text: String,
    pub invalid: Option<(String, String)>,
}

impl StoryForm {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.invalid
            .as_ref()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

#[derive(Template)]
#[template(path = "care/story_form.html")]
pub struct StoryFormPage {
    t: Tr,
    chrome: Chrome,
    /// The person.
    id: String,
    /// `None`: a new story.
    story: Option<String>,
    form: StoryForm,
}

fn story_id(t: Tr, raw: &str) -> Result<StoryId, PageError> {
    raw.parse().map_err(|_| PageError::not_found(t))
}

fn to_care(person: PersonId) -> PageResult {
    Ok(Redirect::to(&format!("/people/{person}/care#stories")).into_response())
}

/// The person's stories, or the error page (404 for a person the caller may not see).
async fn load(
    state: &AppState,
    user: &PageUser,
    t: Tr,
    person: PersonId,
) -> Result<Vec<StoryView>, PageError> {
    state
        .store
        .stories(user.principal(), person, "page: story form, read stories")
        .await
        .or_page(t)
}

fn page(
    t: Tr,
    chrome: Chrome,
    person: PersonId,
    story: Option<StoryId>,
    form: StoryForm,
) -> StoryFormPage {
    StoryFormPage {
        t,
        chrome,
        id: person.to_string(),
        story: story.map(|s| s.to_string()),
        form,
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path(id): Path<String>,
) -> PageResult {
    let person = start(t, &id)?;
    load(&state, &user, t, person).await?;
    let form = StoryForm {
        pseudonym: String::new(),
        text: String::new(),
        invalid: None,
    };
    Ok(render(StatusCode::OK, &page(t, chrome, person, None, form)))
}

pub async fn edit_form(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path((id, story)): Path<(String, String)>,
) -> PageResult {
    let person = start(t, &id)?;
    let story = story_id(t, &story)?;
    let stories = load(&state, &user, t, person).await?;
    let s = stories
        .into_iter()
        .find(|s| s.id == story)
        .ok_or_else(|| PageError::not_found(t))?;
    if s.status != libertas_domain::care::StoryStatus::Draft {
        return to_care(person);
    }
    let form = StoryForm {
        pseudonym: s.pseudonym.unwrap_or_default(),
        text: s.text.unwrap_or_default(),
        invalid: None,
    };
    Ok(render(
        StatusCode::OK,
        &page(t, chrome, person, Some(story), form),
    ))
}

/// Saves the form (a new story when `story` is `None`); a refused field comes back on the
/// form with what was typed.
async fn save(
    state: &AppState,
    t: Tr,
    user: &PageUser,
    chrome: Chrome,
    person: PersonId,
    story: Option<StoryId>,
    f: &Fields,
) -> PageResult {
    let form = StoryForm {
        pseudonym: f.text("pseudonym"),
        text: f.first("text").unwrap_or_default().to_owned(),
        invalid: None,
    };
    let p = user.principal();
    let result = match NewStory::parse(&form.pseudonym, &form.text) {
        Err(e) => Err(StoreError::Invalid(e)),
        Ok(s) => match story {
            None => state
                .store
                .story_create(p, person, &s, "page: write a story")
                .await
                .map(|_| ()),
            Some(id) => {
                state
                    .store
                    .story_edit(p, id, &s, "page: edit a story")
                    .await
            }
        },
    };
    match result {
        Ok(()) | Err(StoreError::Conflict(_)) => to_care(person),
        Err(e) => match e.field().map(|f| f.field.clone()) {
            Some(field) => {
                // The person first: a caller who may not see them is refused, not told.
                load(state, user, t, person).await?;
                let message = t.get(&format!("care-story-error-{field}"));
                let form = StoryForm {
                    invalid: Some((field, message)),
                    ..form
                };
                let page = page(t, chrome, person, story, form);
                Ok(render(StatusCode::BAD_REQUEST, &page))
            }
            None => Err(PageError::store(t, e)),
        },
    }
}

#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    save(&state, t, &user, chrome, person, None, &f).await
}

#[tracing::instrument(skip_all)]
pub async fn edit(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    Path((id, story)): Path<(String, String)>,
    CsrfForm(f): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let story = story_id(t, &story)?;
    save(&state, t, &user, chrome, person, Some(story), &f).await
}

/// Publishes a draft; without storytelling consent, back to the care page saying so.
#[tracing::instrument(skip_all)]
pub async fn publish(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, story)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let story = story_id(t, &story)?;
    match state
        .store
        .story_publish(user.principal(), story, "page: publish a story")
        .await
    {
        Ok(()) | Err(StoreError::Conflict(_)) => to_care(person),
        Err(StoreError::Conflicting(_)) => Err(PageError::redirect(format!(
            "/people/{person}/care?error=storytelling#stories"
        ))),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// Withdraws a story everywhere (see the store).
#[tracing::instrument(skip_all)]
pub async fn withdraw(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    Path((id, story)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Fields>,
) -> PageResult {
    let person = start(t, &id)?;
    let story = story_id(t, &story)?;
    match state
        .store
        .story_withdraw(user.principal(), story, "page: withdraw a story")
        .await
    {
        Ok(()) | Err(StoreError::Conflict(_)) => to_care(person),
        Err(e) => Err(PageError::store(t, e)),
    }
}
