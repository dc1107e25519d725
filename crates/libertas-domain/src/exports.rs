//! List exports: which lists a user may download as a file, and in which format
//! (`docs/exports.md`).
//!
//! The store decides who sees which rows (the same rules as the list pages) and whether the
//! file may hold personal data; this module only names the choices, so the web layer and the
//! CLI parse them the same way.

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
    /// The organisation's training events.
    Trainings,
}

impl ExportList {
    pub const ALL: [ExportList; 4] = [
        ExportList::Cases,
        ExportList::People,
        ExportList::Tasks,
        ExportList::Trainings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportList::Cases => "cases",
            ExportList::People => "people",
            ExportList::Tasks => "tasks",
            ExportList::Trainings => "trainings",
        }
    }

    /// `cases`, `people`, `tasks` or `trainings`; otherwise an error naming `list`.
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| FieldError::new("list", "must be cases, people, tasks or trainings"))
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

/// The fields of the HTCDS v2 export (Human Trafficking Case Data Standard 2.0,
/// UNMigration/HTCDS, "HTCDS Field Standards 2.0"): what Libertas fills, by HTCDS field name
/// with its prefix. `docs/exports.md` lists the fields Libertas does not hold.
pub mod htcds {
    /// Fields of a case (`cas_`), plus the case number, a Libertas extension (`lib_`).
    pub const CASE_FIELDS: [&str; 5] = [
        "lib_CaseNumber",
        "cas_Status",
        "cas_ReasonForCaseClosure",
        "cas_CaseOwner",
        "victims",
    ];
    /// Fields of a victim without personal data (`prs_` codes and `vic_`).
    pub const VICTIM_FIELDS: [&str; 5] = [
        "prs_Gender",
        "prs_Citizenship",
        "prs_PrimaryLanguage",
        "prs_SecondaryLanguage",
        "vic_TraffickingStatus",
    ];
    /// Personal fields of a victim, written only when personal data is asked for.
    pub const PERSONAL_FIELDS: [&str; 6] = [
        "prs_FirstName",
        "prs_SecondName",
        "prs_Birthdate",
        "prs_Email",
        "prs_MobilePhone",
        "prs_IdentityNumber",
    ];
}
