//! The shared web layer: what every feature builds on. Features import from here, from the
//! store and from the domain, never from a sibling feature.

pub mod input;
pub mod query;
pub mod routes;
pub mod schema;

pub use query::ApiQuery;
pub use routes::{get, post, put, RouteInfo, Routes};
