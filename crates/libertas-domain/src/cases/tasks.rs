//! Tasks: work with a due date and, optionally, an assignee, created by hand or by the
//! decision rules (a decision deadline becomes a task so it shows on someone's list).

use crate::ids::id_type;
use crate::text::text_type;
use crate::FieldError;
use serde::{Deserialize, Serialize};
use time::Date;

id_type!(
    /// A task of a case.
    TaskId
);

text_type!(
    /// A task's title. May name people, so it is sealed under the case key.
    TaskTitle, "title", 1, 200, false
);

text_type!(
    /// A task's longer description: narrative data, sealed under the case key.
    TaskDescription, "description", 1, 10_000, true
);

/// Where a task is in its short life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskStatus {
    Open,
    Done,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Done => "done",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw {
            "open" => Ok(TaskStatus::Open),
            "done" => Ok(TaskStatus::Done),
            _ => Err(FieldError::new("status", "must be one of open, done")),
        }
    }
}

/// Why a task exists: by hand, or which rule created it. Rule-made tasks are shown with a
/// translated title chosen by this kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    Manual,
    /// The reasonable-grounds decision is due (from a referral).
    ReasonableGroundsDue,
    /// The earliest day of the conclusive-grounds decision (from a positive RG decision).
    ConclusiveGroundsEarliest,
    /// A survivor's outcome assessment is due (from their care plan; `care::schedule`).
    AssessmentDue,
}

impl TaskKind {
    pub const ALL: [TaskKind; 4] = [
        TaskKind::Manual,
        TaskKind::ReasonableGroundsDue,
        TaskKind::ConclusiveGroundsEarliest,
        TaskKind::AssessmentDue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Manual => "manual",
            TaskKind::ReasonableGroundsDue => "reasonable_grounds_due",
            TaskKind::ConclusiveGroundsEarliest => "conclusive_grounds_earliest",
            TaskKind::AssessmentDue => "assessment_due",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| FieldError::new("kind", "unknown task kind"))
    }

    /// The English title stored for rule-made tasks (pages translate by kind).
    pub fn default_title(self) -> &'static str {
        match self {
            TaskKind::Manual => "Task",
            TaskKind::ReasonableGroundsDue => "Reasonable-grounds decision due",
            TaskKind::ConclusiveGroundsEarliest => "Conclusive-grounds decision: earliest date",
            TaskKind::AssessmentDue => "Outcome assessment due",
        }
    }
}

/// A task made by hand, validated.
#[derive(Clone, Debug)]
pub struct NewTask {
    pub title: TaskTitle,
    pub description: Option<TaskDescription>,
    pub due: Date,
}

/// A task is overdue when it is open and its due day has passed.
pub fn is_overdue(status: TaskStatus, due: Date, today: Date) -> bool {
    status == TaskStatus::Open && due < today
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn values_validate_and_round_trip() {
        assert_eq!(TaskTitle::parse(" ").unwrap_err().field, "title");
        assert!(TaskTitle::parse("a\nb").is_err());
        assert!(TaskDescription::parse("a\nb").is_ok());
        assert_eq!(TaskStatus::parse("done").unwrap(), TaskStatus::Done);
        assert_eq!(TaskStatus::parse("closed").unwrap_err().field, "status");
        for k in TaskKind::ALL {
            assert_eq!(TaskKind::parse(k.as_str()).unwrap(), k);
        }
        assert_eq!(
            format!("{:?}", TaskTitle::parse("Call Ana").unwrap()),
            "TaskTitle(<8 chars>)"
        );
    }

    #[test]
    fn overdue_means_open_and_past() {
        let today = date!(2026 - 03 - 10);
        assert!(is_overdue(TaskStatus::Open, date!(2026 - 03 - 09), today));
        assert!(!is_overdue(TaskStatus::Open, today, today));
        assert!(!is_overdue(TaskStatus::Done, date!(2026 - 03 - 01), today));
    }
}
