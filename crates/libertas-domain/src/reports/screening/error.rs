//! Why a screening could not be read, naming the field so a person can fix it.

/// The input is not a valid screening.
///
/// `Field` errors carry a path into the input (`age`, `acts[2]`); the other two concern the
/// document as a whole, so they have no field. The `Display` form is `field: message` (or just
/// the message), ready for `error: <source>: ...` in the CLI and for `400` bodies.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScreeningError {
    /// The text is not JSON at all.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON, but not an object (`found` says what it is).
    #[error("must be a JSON object, not {found}")]
    NotAnObject { found: &'static str },
    /// One field is wrong.
    #[error("{field}: {message}")]
    Field { field: String, message: String },
}

impl ScreeningError {
    pub(crate) fn at(field: impl Into<String>, message: impl Into<String>) -> Self {
        ScreeningError::Field {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The path of the offending field (`age`, `acts[2]`, `colour`), or `None` when the
    /// document as a whole is wrong.
    pub fn field(&self) -> Option<&str> {
        match self {
            ScreeningError::Field { field, .. } => Some(field),
            ScreeningError::Syntax { .. } | ScreeningError::NotAnObject { .. } => None,
        }
    }

    /// What is wrong, without the field path.
    pub fn message(&self) -> String {
        match self {
            ScreeningError::Field { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }
}
