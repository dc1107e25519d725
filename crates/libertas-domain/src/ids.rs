//! Typed identifiers.
//!
//! Every record is addressed by a UUIDv7 (time-ordered, so indexes stay compact). Each kind of
//! record has its own newtype so a case id can never be passed where a person id is expected.

use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// An organisation (tenant).
    OrgId
);
id_type!(
    /// A staff account.
    UserId
);
id_type!(
    /// A case.
    CaseId
);
id_type!(
    /// A person known to the organisation (victim, suspect, witness or reporter).
    PersonId
);
id_type!(
    /// A person's participation in one case with one role.
    CasePersonId
);
id_type!(
    /// A case note.
    NoteId
);
id_type!(
    /// An API bearer token (the id, never the secret).
    TokenId
);
id_type!(
    /// An audit event.
    AuditEventId
);
id_type!(
    /// A report of suspected trafficking.
    ReportId
);
id_type!(
    /// A message in a report's thread with its reporter.
    ReportMessageId
);
