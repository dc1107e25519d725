//! The shared web layer: what every feature builds on. Features import from here, from the
//! store and from the domain, never from a sibling feature.

pub mod routes;
pub mod schema;

pub use routes::{get, post, put, RouteInfo, Routes};
