//! `GET`/`POST /updates/signup`: the public sign-up for e-mail updates, and the page that
//! follows it. Like the report form: no account, no JavaScript needed (the proof-of-work
//! script only raises the rate limit), Post/Redirect/Get, and a refused submission comes back
//! with everything typed and the error beside its field.
//!
//! The answer after a valid submission is the same redirect whatever the address was (new,
//! waiting for confirmation, subscribed, unsubscribed): the form tells no one who is on the
//! list.

use super::{confirm_url, unsubscribe_url};
use crate::http::client_addr;
use crate::http::PublicFrame as Frame;
use crate::http::{render, PublicForm};
use crate::i18n::Tr;
use crate::limits::Limit;
use crate::state::AppState;
use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::message::confirmation;
use libertas_domain::supporters::{Interest, SignUp, CONFIRM_LIFETIME};
use std::net::SocketAddr;

/// The fields as typed (empty for a new form); written only into the answer's body.
#[derive(Default)]
pub struct Typed {
    pub email: String,
    pub name: String,
    pub interests: Vec<String>,
    pub region: String,
    pub language: String,
    pub invalid: Option<(&'static str, String)>,
}

impl Typed {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.invalid
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn chose(&self, interest: &&str) -> bool {
        self.interests.iter().any(|i| i == interest)
    }
}

/// The fields the page shows, in order (an error about another goes above the form).
const FIELDS: [&str; 5] = ["email", "name", "interests", "region", "language"];

#[derive(Template)]
#[template(path = "supporters/signup.html")]
pub struct SignupPage {
    t: Tr,
    p: Frame,
    error: Option<String>,
    challenge: String,
    pow_bits: u32,
    form: Typed,
    interests: Vec<&'static str>,
    languages: Vec<(&'static str, &'static str)>,
}

fn page(
    state: &AppState,
    t: Tr,
    status: StatusCode,
    error: Option<String>,
    mut form: Typed,
) -> Response {
    if form.language.is_empty() {
        form.language = t.code().to_owned();
    }
    let page = SignupPage {
        t,
        p: Frame::new(t, &state.config, "/updates/signup"),
        error,
        challenge: state.limiter.challenge(),
        pow_bits: state.config.pow_bits,
        form,
        interests: Interest::ALL.iter().map(|i| i.as_str()).collect(),
        languages: Lang::ALL
            .iter()
            .map(|l| (l.code(), l.native_name()))
            .collect(),
    };
    render(status, &page)
}

pub async fn form(State(state): State<AppState>, t: Tr) -> Response {
    page(&state, t, StatusCode::OK, None, Typed::default())
}

#[tracing::instrument(skip_all)]
pub async fn submit(
    State(state): State<AppState>,
    t: Tr,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PublicForm(f): PublicForm,
) -> Response {
    let addr = client_addr(&state, peer, &headers);
    let stamped = state.limiter.form_stamped(&f);
    let limit = if stamped {
        Limit::Signup
    } else {
        Limit::SignupWithoutWork
    };
    let mut typed = Typed {
        email: f.text("email"),
        name: f.text("name"),
        interests: f.texts("interests"),
        region: f.text("region"),
        language: f.text("language"),
        invalid: None,
    };
    if let Err(wait) = state.limiter.check(limit, addr) {
        let msg = t.arg(
            "updates-signup-too-many",
            "minutes",
            &wait.div_ceil(60).to_string(),
        );
        let res = page(&state, t, StatusCode::TOO_MANY_REQUESTS, Some(msg), typed);
        return crate::http::with_retry_after(res, wait);
    }
    let interests: Vec<&str> = typed.interests.iter().map(String::as_str).collect();
    let parsed = SignUp::parse(
        &typed.email,
        Some(typed.name.as_str()),
        &interests,
        Some(typed.region.as_str()),
        &typed.language,
    );
    let s = match parsed {
        Ok(s) => s,
        Err(e) => {
            let field = FIELDS
                .into_iter()
                .find(|f| *f == e.field)
                .unwrap_or("email");
            typed.invalid = Some((field, t.get(&format!("updates-signup-error-{field}"))));
            let summary = t.get("updates-signup-error-summary");
            return page(&state, t, StatusCode::BAD_REQUEST, Some(summary), typed);
        }
    };
    let org = match state
        .store
        .public_reports_org(state.config.public_reports_org.as_deref())
        .await
    {
        Ok(Some(org)) => org,
        Ok(None) => {
            return crate::http::ApiError::Internal("no organisation yet".into()).into_response()
        }
        Err(e) => return crate::http::ApiError::from(e).into_response(),
    };
    let lang = s.language.code();
    let to = s.email.as_str().to_owned();
    let compose = |confirm: &str, unsubscribe: &str| {
        confirmation(
            s.language,
            &to,
            &confirm_url(&state, confirm, lang),
            &unsubscribe_url(&state, unsubscribe, lang),
        )
    };
    let result = async {
        let _permit = state.public_writes.acquire().await.ok();
        state.store.supporter_sign_up(org, &s, compose).await
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("/updates/signup/sent?lang={}", t.code())).into_response(),
        Err(e) => crate::http::ApiError::from(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "supporters/sent.html")]
pub struct SentPage {
    t: Tr,
    p: Frame,
    hours: String,
}

pub async fn sent(State(state): State<AppState>, t: Tr) -> Response {
    let page = SentPage {
        t,
        p: Frame::new(t, &state.config, "/updates/signup"),
        hours: CONFIRM_LIFETIME.whole_hours().to_string(),
    };
    render(StatusCode::OK, &page)
}
