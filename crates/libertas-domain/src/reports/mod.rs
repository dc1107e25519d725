//! Reports of suspected trafficking: the legal-definition screening.

pub mod screening;
