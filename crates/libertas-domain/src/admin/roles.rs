//! The staff roles. A user has exactly one.
//!
//! The first eight work on the organisation's cases (DESIGN.md's stable surface); the last two,
//! `supporter_care` and `fundraising_manager`, work only on the supporter side (e-mail updates,
//! later gifts) and reach no case, person, report or statistic (`docs/supporters.md`).

use crate::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A staff role: the eight of DESIGN.md's stable surface, and the two supporter roles.
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
    /// Looks after supporters: their sign-ups, consents and the e-mail outbox.
    SupporterCare,
    /// Runs fundraising: everything supporter care does (and, later, gifts and statements).
    FundraisingManager,
}

impl Role {
    pub const ALL: [Role; 10] = [
        Role::Admin,
        Role::Hotline,
        Role::Caseworker,
        Role::Investigator,
        Role::Legal,
        Role::Aftercare,
        Role::Trainer,
        Role::Analyst,
        Role::SupporterCare,
        Role::FundraisingManager,
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
            Role::SupporterCare => "supporter_care",
            Role::FundraisingManager => "fundraising_manager",
        }
    }

    /// Whether the role belongs to the supporter side, which never reaches case data.
    pub fn is_supporter_side(self) -> bool {
        matches!(self, Role::SupporterCare | Role::FundraisingManager)
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == raw)
            .ok_or_else(|| {
                FieldError::new(
                    "role",
                    "must be one of admin, hotline, caseworker, investigator, legal, aftercare, trainer, analyst, supporter_care, fundraising_manager",
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
        assert_eq!(Role::parse("supporter_care").unwrap(), Role::SupporterCare);
    }
}
