//! List exports: which lists a user may download as a file, and in which format
//! (`docs/exports.md`).
//!
//! The store decides who sees which rows (the same rules as the list pages) and whether the
//! file may hold personal data; this module only names the choices, so the web layer and the
//! CLI parse them the same way.

use crate::admin::{Capability, Policy, Role};
use crate::FieldError;

/// A list that can be exported: the same rows its list page shows the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportList {
    /// The cases the caller is a member of.
    Cases,
    /// The people of those cases.
    People,
    /// The open tasks of those cases.
    Tasks,
    /// The referrals the caller's referral lists show: sent from their cases, and received
    /// by their organisation from others.
    Referrals,
    /// The services of the care plans of the people of those cases (planned, active,
    /// completed, cancelled), with their deliveries counted.
    Services,
    /// The organisation's training events.
    Trainings,
}

impl ExportList {
    pub const ALL: [ExportList; 6] = [
        ExportList::Cases,
        ExportList::People,
        ExportList::Tasks,
        ExportList::Referrals,
        ExportList::Services,
        ExportList::Trainings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportList::Cases => "cases",
            ExportList::People => "people",
            ExportList::Tasks => "tasks",
            ExportList::Referrals => "referrals",
            ExportList::Services => "services",
            ExportList::Trainings => "trainings",
        }
    }

    /// Whether `role` may export this list at all: trainings any staff role, the others only
    /// roles that work cases (the list pages' own rule). Which rows and columns come out is
    /// then decided by the store for the caller.
    pub fn allowed(self, role: Role) -> bool {
        (self == ExportList::Trainings && !role.is_supporter_side())
            || Policy::allows(role, Capability::WorkCases)
    }

    /// Whether the list has personal or narrative columns at all (trainings hold none, so
    /// asking for them changes nothing and the file is never encrypted).
    pub fn has_personal_columns(self) -> bool {
        self != ExportList::Trainings
    }

    /// `cases`, `people`, `tasks`, `referrals`, `services` or `trainings`; otherwise an
    /// error naming `list`.
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| {
                FieldError::new(
                    "list",
                    "must be cases, people, tasks, referrals, services or trainings",
                )
            })
    }
}

/// The file format of an export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values, UTF-8, header row first.
    #[default]
    Csv,
    /// An Excel workbook with one sheet.
    Xlsx,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 2] = [ExportFormat::Csv, ExportFormat::Xlsx];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    /// `csv` or `xlsx`; otherwise an error naming `format`.
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| FieldError::new("format", "must be csv or xlsx"))
    }

    /// The media type of a plain (unencrypted) file of this format.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// A cell as written to a CSV file: a value a spreadsheet would run as a formula (starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, so opening the
/// export never runs what someone typed into a record.
pub fn csv_cell(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_formats_parse_their_own_names_only() {
        for l in ExportList::ALL {
            assert_eq!(ExportList::parse(l.as_str()), Ok(l));
        }
        assert_eq!(ExportList::parse("audit").unwrap_err().field, "list");
        assert_eq!(ExportFormat::parse("xlsx"), Ok(ExportFormat::Xlsx));
        assert_eq!(ExportFormat::parse("pdf").unwrap_err().field, "format");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("Ana"), "Ana");
        assert_eq!(csv_cell(""), "");
    }
}

pub mod htcds;
