//! Evidence of a case and its chain of custody: the JSON API (`api`, `custody_api`), the
//! upload reader (`upload`) and the evidence page (`pages`).

pub(crate) mod api;
pub(crate) mod custody_api;
pub(crate) mod pages;
pub(crate) mod upload;
