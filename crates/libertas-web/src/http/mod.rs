//! The shared web layer: what every feature builds on. Features import from here, from the
//! store and from the domain, never from a sibling feature.
//!
//! - `auth`: who is asking (API principal, browser session, [`PageUser`]);
//! - `cookies`, `clock`: the request's cookies and the one clock web code reads;
//! - `error`, `page`: [`ApiError`] for the API, [`PageError`] and the page chrome for pages;
//!   `error_chrome`: error pages keep a signed-in caller's menu;
//! - `form`, `path`, `query`, `input`: reading forms ([`CsrfForm`]), path ids ([`PathId`]),
//!   query strings and request values;
//! - `list`: what every list page shares (filter errors, choices, page links, the pager);
//! - `client`: the client's address for rate limits;
//! - `confirm`: the second step of a form that takes something away;
//! - `jobs`: background jobs of this server process, their progress and their files;
//! - `person`, `public_frame`: a request body and a layout two features share;
//! - `routes`, `schema`: the route table and the OpenAPI schemas of request fields.

pub mod auth;
pub mod client;
pub mod clock;
pub mod confirm;
pub mod cookies;
pub mod error;
pub mod error_chrome;
pub mod form;
pub mod input;
pub mod jobs;
pub mod list;
pub mod page;
pub mod path;
pub mod person;
pub mod public_frame;
pub mod query;
pub mod routes;
pub mod schema;

pub use auth::{AnySession, ApiPrincipal, PageUser};
pub use client::client_addr;
pub use confirm::{ConfirmForm, ConfirmPage};
pub use cookies::{add_session_cookie, cookie, session_cookie_name, set_cookie};
pub use error::{not_found, ApiError};
pub use error_chrome::error_pages_keep_menu;
pub use form::{CsrfForm, CsrfOnly, Fields, PublicForm};
pub use page::{
    error_page, page_error, render, with_retry_after, Chrome, ErrorPage, OrPage, PageError,
    PageResult,
};
pub use path::{case_id, ApiId, ApiPathId, ApiPathIds, PathId};
pub use person::NewPersonJson;
pub use public_frame::PublicFrame;
pub use query::{ApiQuery, PageQuery};
pub use routes::{get, post, put, RouteInfo, Routes};
