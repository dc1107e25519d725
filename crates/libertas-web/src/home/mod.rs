//! The home page: each role lands on its work. Counts of what waits (cases by status, tasks
//! due, referrals, evidence, hearings, reports, accounts), each linking to the list it counts,
//! small charts where people would rather look, and the tasks due today with their case and
//! person. What a role may count is decided in the store (`libertas_store::home`).

mod chart;
mod page;

use crate::http::{get, Routes};

pub fn router() -> Routes {
    Routes::new().route("/", get(page::home))
}
