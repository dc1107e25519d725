//! The report workflow: `new → screened → referred | case_opened | closed`.

use crate::FieldError;
use serde::Serialize;

/// Where a report came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The public form or `POST /api/v1/public/reports`.
    Public,
    Phone,
    Email,
    Sms,
    WalkIn,
    Web,
}

impl Channel {
    pub const OPERATOR: [Channel; 5] = [
        Channel::Phone,
        Channel::Email,
        Channel::Sms,
        Channel::WalkIn,
        Channel::Web,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Public => "public",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::WalkIn => "walk_in",
            Channel::Web => "web",
        }
    }

    /// A channel an operator may record (not `public`).
    pub fn parse_operator(raw: &str) -> Result<Self, FieldError> {
        Self::OPERATOR
            .into_iter()
            .find(|c| c.as_str() == raw)
            .ok_or_else(|| {
                FieldError::new("channel", "must be one of phone, email, sms, walk_in, web")
            })
    }

    pub fn parse_stored(raw: &str) -> Option<Self> {
        std::iter::once(Channel::Public)
            .chain(Self::OPERATOR)
            .find(|c| c.as_str() == raw)
    }
}

/// Where a report is in its workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    New,
    Screened,
    Referred,
    CaseOpened,
    Closed,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 5] = [
        ReportStatus::New,
        ReportStatus::Screened,
        ReportStatus::Referred,
        ReportStatus::CaseOpened,
        ReportStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::New => "new",
            ReportStatus::Screened => "screened",
            ReportStatus::Referred => "referred",
            ReportStatus::CaseOpened => "case_opened",
            ReportStatus::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .ok_or_else(|| {
                FieldError::new(
                    "status",
                    "must be one of new, screened, referred, case_opened, closed",
                )
            })
    }

    /// Whether the workflow allows going from `self` to `to`. Screening can be redone while a
    /// report is open; referral, case opening and closing end the workflow.
    pub fn can_move_to(self, to: ReportStatus) -> bool {
        use ReportStatus::*;
        matches!(
            (self, to),
            (New | Screened, Screened)
                | (Screened, Referred | CaseOpened)
                | (New | Screened, Closed)
        )
    }

    /// What the reporter is told.
    pub fn public(self) -> PublicStatus {
        match self {
            ReportStatus::New => PublicStatus::Received,
            ReportStatus::Screened => PublicStatus::InReview,
            ReportStatus::Referred | ReportStatus::CaseOpened => PublicStatus::ActedOn,
            ReportStatus::Closed => PublicStatus::Closed,
        }
    }
}

/// The status a reporter sees: enough to know the report was heard, nothing about people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicStatus {
    Received,
    InReview,
    ActedOn,
    Closed,
}

impl PublicStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PublicStatus::Received => "received",
            PublicStatus::InReview => "in_review",
            PublicStatus::ActedOn => "acted_on",
            PublicStatus::Closed => "closed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_moves() {
        use ReportStatus::*;
        assert!(New.can_move_to(Screened));
        assert!(Screened.can_move_to(Screened));
        assert!(!New.can_move_to(Referred), "screen before referring");
        assert!(Screened.can_move_to(CaseOpened));
        assert!(New.can_move_to(Closed));
        assert!(!Closed.can_move_to(Screened));
        assert!(!CaseOpened.can_move_to(Closed));
        for s in ReportStatus::ALL {
            assert_eq!(ReportStatus::parse(s.as_str()).unwrap(), s);
        }
        assert!(Channel::parse_operator("public").is_err());
        assert_eq!(Channel::parse_operator("walk_in").unwrap(), Channel::WalkIn);
    }
}
