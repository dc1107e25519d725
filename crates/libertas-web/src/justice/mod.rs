//! The `justice` feature's routes (see the domain and store modules of the same name).

use crate::state::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
}
