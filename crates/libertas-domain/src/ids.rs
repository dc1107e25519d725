//! Typed identifiers.
//!
//! Every record is addressed by a UUIDv7 (time-ordered, so indexes stay compact). Each kind of
//! record has its own newtype so a case id can never be passed where a person id is expected.

/// Declares a UUIDv7 newtype. Shared by every module with records of its own
/// (`justice::evidence`, `justice::proceedings`, …) through `crate::ids::id_type`.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(::uuid::Uuid);

        impl $name {
            pub const fn from_uuid(id: ::uuid::Uuid) -> Self {
                Self(id)
            }

            pub const fn as_uuid(&self) -> ::uuid::Uuid {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                ::uuid::Uuid::parse_str(s).map(Self)
            }
        }
    };
}
pub(crate) use id_type;

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
id_type!(
    /// One run of the duplicates job over an organisation's people.
    DedupeJobId
);
id_type!(
    /// A pair of people the duplicates job proposed for review.
    DedupeCandidateId
);
id_type!(
    /// A merge of one person record into another (undoable).
    PersonMergeId
);
