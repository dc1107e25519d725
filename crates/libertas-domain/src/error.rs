//! The one validation error of the domain: which field is wrong and why.
//!
//! Every parser in this crate reports the offending field by name so the web layer can answer
//! `400 {"error": {"code": "invalid_field", "field": ..., "message": ...}}` and the CLI can name
//! the argument, without either of them knowing the rules.

use std::fmt;

/// A value failed validation. `field` is the API field name (for example `birth_date`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same error reported under another (usually more specific) field name.
    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}
