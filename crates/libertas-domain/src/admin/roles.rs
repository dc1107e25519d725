//! The eight staff roles. A user has exactly one.

use crate::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A staff role. The set is fixed by the stable surface in DESIGN.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Hotline,
    Caseworker,
    Investigator,
    Legal,
    Aftercare,
    Trainer,
    Analyst,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::Hotline,
        Role::Caseworker,
        Role::Investigator,
        Role::Legal,
        Role::Aftercare,
        Role::Trainer,
        Role::Analyst,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Hotline => "hotline",
            Role::Caseworker => "caseworker",
            Role::Investigator => "investigator",
            Role::Legal => "legal",
            Role::Aftercare => "aftercare",
            Role::Trainer => "trainer",
            Role::Analyst => "analyst",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == raw)
            .ok_or_else(|| {
                FieldError::new(
                    "role",
                    "must be one of admin, hotline, caseworker, investigator, legal, aftercare, trainer, analyst",
                )
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert_eq!(Role::parse("root").unwrap_err().field, "role");
    }
}
