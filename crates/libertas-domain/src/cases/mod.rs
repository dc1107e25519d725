//! Cases: the unit of need-to-know. Only members of a case read its people and notes.

mod codes;
pub mod deadlines;
pub mod decisions;
pub mod notifications;
pub mod operations;
pub mod referrals;
pub mod tasks;
pub mod workflow;

use crate::text::text_type;
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// HTCDS v2 `cas_Status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseStatus {
    Active,
    FollowUp,
    Closed,
    ClosedReferred,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 4] = [
        CaseStatus::Active,
        CaseStatus::FollowUp,
        CaseStatus::Closed,
        CaseStatus::ClosedReferred,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Active => "Active",
            CaseStatus::FollowUp => "FollowUp",
            CaseStatus::Closed => "Closed",
            CaseStatus::ClosedReferred => "ClosedReferred",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .ok_or_else(|| {
                FieldError::new(
                    "status",
                    "must be one of Active, FollowUp, Closed, ClosedReferred",
                )
            })
    }
}

impl crate::codes::CodeList for CaseStatus {
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|s| s.as_str()).collect()
    }
}

text_type!(
    /// A case title. Treated as narrative data (titles often name people): encrypted at rest.
    CaseTitle, "title", 1, 200, false
);

text_type!(
    /// The text of a case note: narrative data, encrypted under the case key.
    NoteText, "text", 1, 50_000, true
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(s.as_str()).unwrap(), s);
        }
        assert!(CaseStatus::parse("open").is_err());
    }

    #[test]
    fn titles_and_notes() {
        assert!(CaseTitle::parse("").is_err());
        assert!(NoteText::parse("line one\nline two").is_ok());
        assert_eq!(
            format!("{:?}", CaseTitle::parse("Secret").unwrap()),
            "CaseTitle(<6 chars>)"
        );
    }
}
