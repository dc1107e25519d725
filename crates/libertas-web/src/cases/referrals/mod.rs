//! Referrals of a case to a partner: the JSON API and the pages (case referrals; the incoming
//! and outgoing lists).

pub(crate) mod api;
pub(crate) mod lists;
pub(crate) mod pages;
