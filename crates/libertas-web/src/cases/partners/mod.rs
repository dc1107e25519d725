//! The partner directory: the JSON API, the browse page for case workers and the
//! administrators' pages that keep it (`/admin/partners`).

pub(crate) mod admin_pages;
pub(crate) mod api;
pub(crate) mod pages;
