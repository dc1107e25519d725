//! `/supporters/updates`: the supporter staff compose updates (a subject and a Markdown body
//! per language, an audience), preview them, send a test to an address they type, schedule
//! them or send them now, and follow their progress. Pages only, no JavaScript; every form
//! carries the CSRF token; a refused form comes back with the error beside its field.
//!
//! **The preview** shows the HTML part exactly as a recipient gets it, inside the page. It
//! cannot run anything: the renderer passes no raw HTML and no image (what staff type as
//! `<script>` is shown as text), only `https:`, `http:` and `mailto:` links pass, and the page's
//! CSP (`script-src 'self'`, no inline script or handler, `img-src 'self'`) would refuse a
//! script or a remote image even if the renderer let one through.
//!
//! The store decides access (`Capability::CareForSupporters`, the caller's organisation: an
//! update of another answers 404).

use crate::http::{render, Chrome, CsrfForm, OrPage, PageError, PageResult, PageUser, PathId};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use libertas_domain::i18n::Lang;
use libertas_domain::people::Email;
use libertas_domain::supporters::markdown::{to_html, to_text};
use libertas_domain::supporters::{Interest, UpdateDraft, UpdateId, UpdateStatus};
use libertas_store::supporters::{PublishedStory, UpdateProgress, UpdateSummary};
use libertas_store::StoreError;
use std::collections::HashMap;

/// One language's fields on the form.
pub struct LangFields {
    pub code: &'static str,
    pub name: &'static str,
    pub subject: String,
    pub body: String,
}

/// The form's values as typed (or as stored, when editing) and the field in error.
pub struct Typed {
    pub langs: Vec<LangFields>,
    pub interests: Vec<String>,
    pub region: String,
    pub invalid: Option<(String, String)>,
}

impl Typed {
    fn empty() -> Self {
        Typed {
            langs: Lang::ALL
                .iter()
                .map(|l| LangFields {
                    code: l.code(),
                    name: l.native_name(),
                    subject: String::new(),
                    body: String::new(),
                })
                .collect(),
            interests: vec![],
            region: String::new(),
            invalid: None,
        }
    }

    fn from_draft(d: &UpdateDraft) -> Self {
        let mut t = Typed::empty();
        for f in &mut t.langs {
            if let Some(text) = Lang::from_code(f.code).and_then(|l| d.text_for(l)) {
                f.subject = text.subject.as_str().to_owned();
                f.body = text.body.as_str().to_owned();
            }
        }
        t.interests = d.interests.iter().map(|i| i.as_str().to_owned()).collect();
        t.region = d
            .region
            .as_ref()
            .map(|r| r.as_str().to_owned())
            .unwrap_or_default();
        t
    }

    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.invalid
            .as_ref()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn chose(&self, interest: &&str) -> bool {
        self.interests.iter().any(|i| i == interest)
    }
}

#[derive(Template)]
#[template(path = "supporters/updates.html")]
pub struct ListPage {
    t: Tr,
    chrome: Chrome,
    updates: Vec<UpdateSummary>,
}

#[derive(Template)]
#[template(path = "supporters/update_form.html")]
pub struct FormPage {
    t: Tr,
    chrome: Chrome,
    /// `None`: a new update.
    id: Option<String>,
    form: Typed,
    interests: Vec<&'static str>,
}

/// One language's preview: the subject, the HTML part (from our renderer, see the module's
/// comment) and the text part.
pub struct Preview {
    pub code: &'static str,
    pub name: &'static str,
    pub subject: String,
    pub html: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "supporters/update.html")]
pub struct UpdatePage {
    t: Tr,
    chrome: Chrome,
    id: String,
    status: String,
    editable: bool,
    scheduled: bool,
    send_at: Option<String>,
    interests: Vec<String>,
    region: Option<String>,
    recipients: i64,
    progress: UpdateProgress,
    previews: Vec<Preview>,
    /// The field in error of the test or schedule form, and its message.
    error: Option<(String, String)>,
    /// What was just done (`test`, `scheduled`, `sending`…).
    done: Option<String>,
    /// The published stories the update may include (issue 13), and the one it includes.
    stories: Vec<PublishedStory>,
    story_token: Option<String>,
    /// When the story it included was withdrawn (it can no longer be sent).
    blocked_at: Option<String>,
}

impl UpdatePage {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether `token` is the story the update includes.
    pub fn includes(&self, token: &str) -> bool {
        self.story_token.as_deref() == Some(token)
    }

    /// The pseudonym of the story it includes, while that story is published.
    pub fn story_name(&self) -> Option<&str> {
        self.stories
            .iter()
            .find(|s| self.includes(&s.token))
            .map(|s| s.pseudonym.as_str())
    }
}

fn parse(f: &crate::http::Fields) -> (Typed, Result<UpdateDraft, libertas_domain::FieldError>) {
    let mut typed = Typed::empty();
    for l in &mut typed.langs {
        l.subject = f.text(&format!("subject_{}", l.code));
        l.body = f
            .first(&format!("body_{}", l.code))
            .unwrap_or_default()
            .to_owned();
    }
    typed.interests = f.texts("interests");
    typed.region = f.text("region");
    let texts: Vec<(Lang, &str, &str)> = typed
        .langs
        .iter()
        .filter_map(|l| {
            Some((
                Lang::from_code(l.code)?,
                l.subject.as_str(),
                l.body.as_str(),
            ))
        })
        .collect();
    let interests: Vec<&str> = typed.interests.iter().map(String::as_str).collect();
    let parsed = UpdateDraft::parse(&texts, &interests, Some(typed.region.as_str()));
    (typed, parsed)
}

/// The message of an error on `field` (`subject_ro` → `updates-compose-error-subject`).
fn error_message(t: Tr, field: &str) -> String {
    let base = field.split('_').next().unwrap_or(field);
    t.get(&format!("updates-compose-error-{base}"))
}

fn form_page(t: Tr, chrome: Chrome, id: Option<String>, form: Typed) -> FormPage {
    FormPage {
        t,
        chrome,
        id,
        form,
        interests: Interest::ALL.iter().map(|i| i.as_str()).collect(),
    }
}

pub async fn list(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
) -> PageResult {
    let updates = state.store.update_list(user.principal()).await.or_page(t)?;
    Ok(render(StatusCode::OK, &ListPage { t, chrome, updates }))
}

pub async fn new(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
) -> PageResult {
    // The list answers the role check (a case role gets 403 here as there).
    state.store.update_list(user.principal()).await.or_page(t)?;
    Ok(render(
        StatusCode::OK,
        &form_page(t, chrome, None, Typed::empty()),
    ))
}

#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    CsrfForm(f): CsrfForm,
) -> PageResult {
    let (mut typed, parsed) = parse(&f);
    let draft = match parsed {
        Ok(d) => d,
        Err(e) => {
            // The role first: a case role is refused, not told about the field.
            state.store.update_list(user.principal()).await.or_page(t)?;
            typed.invalid = Some((e.field.clone(), error_message(t, &e.field)));
            return Ok(render(
                StatusCode::BAD_REQUEST,
                &form_page(t, chrome, None, typed),
            ));
        }
    };
    let id = state
        .store
        .update_create(user.principal(), &draft)
        .await
        .or_page(t)?;
    Ok(Redirect::to(&format!("/supporters/updates/{id}")).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<UpdateId>,
) -> PageResult {
    let id = id.to_string();
    let view = state
        .store
        .update_get(user.principal(), &id)
        .await
        .or_page(t)?;
    if !view.summary.status.editable() {
        return Err(PageError::redirect(format!("/supporters/updates/{id}")));
    }
    let form = Typed::from_draft(&view.draft);
    Ok(render(
        StatusCode::OK,
        &form_page(t, chrome, Some(id), form),
    ))
}

#[tracing::instrument(skip_all)]
pub async fn edit(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<UpdateId>,
    CsrfForm(f): CsrfForm,
) -> PageResult {
    let id = id.to_string();
    let (mut typed, parsed) = parse(&f);
    let draft = match parsed {
        Ok(d) => d,
        Err(e) => {
            state
                .store
                .update_get(user.principal(), &id)
                .await
                .or_page(t)?;
            typed.invalid = Some((e.field.clone(), error_message(t, &e.field)));
            let page = form_page(t, chrome, Some(id), typed);
            return Ok(render(StatusCode::BAD_REQUEST, &page));
        }
    };
    match state.store.update_edit(user.principal(), &id, &draft).await {
        Ok(()) | Err(StoreError::Conflict(_)) => {
            Ok(Redirect::to(&format!("/supporters/updates/{id}")).into_response())
        }
        Err(e) => Err(PageError::store(t, e)),
    }
}

pub async fn show(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    chrome: Chrome,
    PathId(id): PathId<UpdateId>,
    Query(q): Query<HashMap<String, String>>,
) -> PageResult {
    let id = id.to_string();
    let view = state
        .store
        .update_get(user.principal(), &id)
        .await
        .or_page(t)?;
    let previews = view
        .draft
        .texts
        .iter()
        .map(|text| Preview {
            code: text.lang.code(),
            name: text.lang.native_name(),
            subject: text.subject.as_str().to_owned(),
            html: to_html(text.body.as_str()),
            text: to_text(text.body.as_str()),
        })
        .collect();
    let stories = state
        .store
        .published_stories(user.principal())
        .await
        .or_page(t)?;
    let known = ["address", "test_lang", "send_at", "story"];
    let error = q
        .get("error")
        .cloned()
        .filter(|f| known.contains(&f.as_str()))
        .map(|f| {
            let m = t.get(&format!("updates-error-{}", f.replace('_', "-")));
            (f, m)
        });
    let done = q
        .get("done")
        .cloned()
        .filter(|d| ["test", "scheduled", "unscheduled", "sending", "story"].contains(&d.as_str()));
    let s = &view.summary;
    let page = UpdatePage {
        t,
        chrome,
        status: s.status.as_str().to_owned(),
        editable: s.status.editable(),
        scheduled: s.status == UpdateStatus::Scheduled,
        send_at: s.send_at.clone(),
        interests: s.interests.clone(),
        region: view.draft.region.as_ref().map(|r| r.as_str().to_owned()),
        recipients: s.recipients,
        progress: view.progress.clone(),
        previews,
        error,
        done,
        stories,
        story_token: s.story_token.clone(),
        blocked_at: s.blocked.as_ref().and(s.blocked_at.clone()),
        id,
    };
    Ok(render(StatusCode::OK, &page))
}

fn back(id: &str, what: &str, value: &str) -> PageResult {
    Ok(Redirect::to(&format!("/supporters/updates/{id}?{what}={value}")).into_response())
}

/// Queues a test to the address typed, in the language chosen.
#[tracing::instrument(skip_all)]
pub async fn test_send(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<UpdateId>,
    CsrfForm(f): CsrfForm,
) -> PageResult {
    let id = id.to_string();
    let p = user.principal();
    // The update first: another organisation's answers 404 whatever was typed.
    state.store.update_get(p, &id).await.or_page(t)?;
    let Ok(address) = Email::parse(&f.text("address")) else {
        return back(&id, "error", "address");
    };
    let Some(lang) = Lang::from_code(&f.text("test_lang")) else {
        return back(&id, "error", "test_lang");
    };
    // A test has no supporter, so no unsubscribe token: its link says so when opened.
    let unsubscribe = format!(
        "{}/updates/unsubscribe/{}?lang={}",
        state.config.public_url.trim_end_matches('/'),
        super::links::TEST_UNSUBSCRIBE,
        lang.code()
    );
    match state
        .store
        .update_test_send(p, &id, &address, lang, &unsubscribe)
        .await
    {
        Ok(()) => back(&id, "done", "test"),
        Err(StoreError::Invalid(_)) => back(&id, "error", "test_lang"),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// Schedules the update for the time typed (`YYYY-MM-DDTHH:MM` as a `datetime-local` field
/// sends it), in the organisation's time zone, as every time on the pages is shown.
pub async fn schedule(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<UpdateId>,
    CsrfForm(f): CsrfForm,
) -> PageResult {
    let id = id.to_string();
    let p = user.principal();
    state.store.update_get(p, &id).await.or_page(t)?;
    let Some(at) = crate::i18n::typed_local_time(&f.text("send_at")) else {
        return back(&id, "error", "send_at");
    };
    match state.store.update_schedule(p, &id, at).await {
        Ok(()) => back(&id, "done", "scheduled"),
        Err(StoreError::Invalid(_)) => back(&id, "error", "send_at"),
        Err(StoreError::Conflict("update_blocked")) => back(&id, "error", "story"),
        Err(StoreError::Conflict(_)) => back(&id, "done", "sending"),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// Takes a scheduled update back to draft.
pub async fn unschedule(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<UpdateId>,
    CsrfForm(_): CsrfForm,
) -> PageResult {
    let id = id.to_string();
    match state.store.update_unschedule(user.principal(), &id).await {
        Ok(()) => back(&id, "done", "unscheduled"),
        Err(StoreError::Conflict(_)) => back(&id, "done", "sending"),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// Sends the update now (the server's task queues it within seconds). A second click
/// changes nothing.
pub async fn send_now(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<UpdateId>,
    CsrfForm(_): CsrfForm,
) -> PageResult {
    let id = id.to_string();
    match state.store.update_send_now(user.principal(), &id).await {
        Ok(_) => back(&id, "done", "sending"),
        Err(StoreError::Conflict("update_blocked")) => back(&id, "error", "story"),
        Err(e) => Err(PageError::store(t, e)),
    }
}

/// Includes a published story in the update (issue 13), or none (an empty choice).
#[tracing::instrument(skip_all)]
pub async fn choose_story(
    State(state): State<AppState>,
    t: Tr,
    user: PageUser,
    PathId(id): PathId<UpdateId>,
    CsrfForm(f): CsrfForm,
) -> PageResult {
    let id = id.to_string();
    let token = f.text("story");
    let token = (!token.is_empty()).then_some(token.as_str());
    match state
        .store
        .update_set_story(user.principal(), &id, token)
        .await
    {
        Ok(()) => back(&id, "done", "story"),
        Err(StoreError::Invalid(_)) => back(&id, "error", "story"),
        Err(StoreError::Conflict(_)) => back(&id, "done", "sending"),
        Err(e) => Err(PageError::store(t, e)),
    }
}
