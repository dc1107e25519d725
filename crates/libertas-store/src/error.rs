//! The store's error type.

use libertas_domain::FieldError;

/// Everything that can go wrong below the web layer.
///
/// Messages never contain personal data: they name tables, constraints and ids at most.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// The caller's role may not do this at all (the function-level check).
    #[error("forbidden")]
    Forbidden,
    #[error("{0}")]
    Invalid(#[from] FieldError),
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The request conflicts with what the record allows, because of one field's value (the
    /// reporter said contact is not safe, say): a 409 naming `field`.
    #[error("refused by {field}: {message}")]
    Refused {
        field: &'static str,
        message: &'static str,
    },
    /// A limit decided in the store (look-ups outside need-to-know, answers per receipt):
    /// try again after this many seconds.
    #[error("too many requests; retry after {0} s")]
    TooManyRequests(u64),
    /// Well formed, but at odds with the record's current state (a case that already has this
    /// status, the owner asked to leave their case): a 409 naming the field, where
    /// [`StoreError::Invalid`] is a 400. Pages treat both alike (see [`StoreError::field`]).
    #[error("conflict: {0}")]
    Conflicting(FieldError),
    #[error("configuration: {0}")]
    Config(String),
    #[error(transparent)]
    MasterKey(#[from] crate::crypto::master::MasterKeyError),
    #[error("the master key does not match this data directory's key store (wrong key file?)")]
    WrongMasterKey,
    #[error("a sealed value could not be opened: {0}")]
    Crypto(&'static str),
    #[error("audit: {0}")]
    Audit(String),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("internal: {0}")]
    Internal(String),
    /// Too much of something expensive is already in progress (password hashing), or this
    /// client has tried too often; try again after `retry_after` seconds.
    #[error("busy: try again in {retry_after} seconds")]
    Busy { retry_after: u64 },
}

impl StoreError {
    /// The field a caller should correct or reconsider: set for [`StoreError::Invalid`] and
    /// [`StoreError::Conflicting`], which a form shows next to that field.
    pub fn field(&self) -> Option<&FieldError> {
        match self {
            StoreError::Invalid(f) | StoreError::Conflicting(f) => Some(f),
            _ => None,
        }
    }

    /// Maps a unique-constraint violation to a conflict the caller can explain.
    pub(crate) fn on_constraint(e: sqlx::Error, constraint: &str, conflict: &'static str) -> Self {
        if let sqlx::Error::Database(db) = &e {
            let msg = db.message();
            let named = db.constraint() == Some(constraint) || msg.contains(constraint);
            let unique = db.is_unique_violation() || msg.contains("UNIQUE constraint failed");
            if named || (unique && constraint_columns_match(msg, constraint)) {
                return StoreError::Conflict(conflict);
            }
        }
        StoreError::Db(e)
    }
}

/// SQLite names the columns, not the constraint: `UNIQUE constraint failed: users.username`.
fn constraint_columns_match(msg: &str, constraint: &str) -> bool {
    // constraint names follow `<table>_<column>_key`
    let Some(stem) = constraint.strip_suffix("_key") else {
        return false;
    };
    let Some((table, column)) = stem.split_once('_') else {
        return false;
    };
    msg.contains(&format!("{table}.{column}"))
}
