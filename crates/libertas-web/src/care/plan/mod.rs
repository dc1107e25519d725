//! Care plans: goals, services and deliveries over JSON (`api`, `json`) and the care-plan
//! part of the care page (`pages`, `forms`).

pub(crate) mod api;
pub(crate) mod forms;
pub(crate) mod json;
pub(crate) mod pages;
