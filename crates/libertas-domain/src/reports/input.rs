//! A report's content, validated at the edge.

use crate::text::clean_text;
use crate::FieldError;

/// Length limits, in characters.
pub const TEXT_LIMITS: [(&str, usize); 6] = [
    ("narrative", 20_000),
    ("location", 500),
    ("when", 200),
    ("people", 5_000),
    ("contact", 500),
    ("contact_safety", 500),
];

fn limit(field: &str) -> usize {
    TEXT_LIMITS
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, n)| *n)
        .unwrap_or(500)
}

/// What someone reported. Every free-text field is personal or narrative data (the store
/// seals them); `identifiers` are plain strings whose type is inferred later.
#[derive(Clone, Debug, Default)]
pub struct ReportInput {
    pub narrative: String,
    pub location: Option<String>,
    pub when: Option<String>,
    pub people: Option<String>,
    pub in_danger_now: bool,
    pub identifiers: Vec<String>,
    pub contact: Option<String>,
    /// Whether it is safe to contact the reporter, and how (channel, times).
    pub safe_to_contact: Option<bool>,
    pub contact_safety: Option<String>,
    /// The language the report was made in (a short code such as `en` or `ro`).
    pub language: Option<String>,
}

/// The most identifiers one report may carry.
pub const MAX_IDENTIFIERS: usize = 50;
/// The longest identifier, in characters as sent.
pub const MAX_IDENTIFIER: usize = 300;

/// Blank (empty or only white space) is "not given"; a given value is checked as sent (its
/// length counts the white space `clean_text` then trims), as the API document states it.
fn optional(field: &str, raw: Option<&str>) -> Result<Option<String>, FieldError> {
    match raw.filter(|s| !s.trim().is_empty()) {
        Some(v) => clean_text(field, v, 1, limit(field), true).map(Some),
        None => Ok(None),
    }
}

/// A report's fields as sent (a form or a JSON body), before [`ReportInput::parse`]
/// checks them. Named fields instead of ten positional arguments, so that two optional
/// texts cannot be swapped by accident at a call site.
#[derive(Clone, Copy, Debug, Default)]
pub struct RawReport<'a> {
    pub narrative: &'a str,
    pub location: Option<&'a str>,
    pub when: Option<&'a str>,
    pub people: Option<&'a str>,
    pub in_danger_now: bool,
    pub identifiers: &'a [String],
    pub contact: Option<&'a str>,
    pub safe_to_contact: Option<bool>,
    pub contact_safety: Option<&'a str>,
    pub language: Option<&'a str>,
}

impl ReportInput {
    /// Validates raw fields, naming the first that is wrong.
    pub fn parse(raw: &RawReport<'_>) -> Result<Self, FieldError> {
        let RawReport {
            narrative,
            location,
            when,
            people,
            in_danger_now,
            identifiers,
            contact,
            safe_to_contact,
            contact_safety,
            language,
        } = *raw;
        let narrative = clean_text("narrative", narrative, 1, limit("narrative"), true)?;
        if identifiers.len() > MAX_IDENTIFIERS {
            return Err(FieldError::new(
                "identifiers",
                format!("at most {MAX_IDENTIFIERS} identifiers"),
            ));
        }
        let mut ids = vec![];
        for (i, raw) in identifiers.iter().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            let field = format!("identifiers[{i}]");
            ids.push(clean_text(&field, raw, 1, MAX_IDENTIFIER, false)?);
        }
        // A language code as sent: two to eight letters or hyphens (`en`, `pt-BR`).
        let language = match language.filter(|s| !s.trim().is_empty()) {
            Some(l)
                if (2..=8).contains(&l.len())
                    && l.chars().all(|c| c.is_ascii_alphabetic() || c == '-') =>
            {
                Some(l.to_ascii_lowercase())
            }
            Some(_) => {
                return Err(FieldError::new(
                    "language",
                    "must be a language code such as en or ro",
                ))
            }
            None => None,
        };
        Ok(Self {
            narrative,
            location: optional("location", location)?,
            when: optional("when", when)?,
            people: optional("people", people)?,
            in_danger_now,
            identifiers: ids,
            contact: optional("contact", contact)?,
            safe_to_contact,
            contact_safety: optional("contact_safety", contact_safety)?,
            language,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_and_names_fields() {
        let ids = ["07700 900123".to_owned(), " ".to_owned()];
        let ok = ReportInput::parse(&RawReport {
            narrative: "They take the workers' passports.",
            location: Some(" "),
            in_danger_now: true,
            identifiers: &ids,
            language: Some("RO"),
            ..RawReport::default()
        })
        .unwrap();
        assert_eq!(ok.location, None);
        assert_eq!(ok.identifiers.len(), 1);
        assert_eq!(ok.language.as_deref(), Some("ro"));
        assert_eq!(
            ReportInput::parse(&RawReport {
                narrative: "  ",
                ..RawReport::default()
            })
            .unwrap_err()
            .field,
            "narrative"
        );
        let long = "x".repeat(600);
        assert_eq!(
            ReportInput::parse(&RawReport {
                narrative: "a",
                location: Some(&long),
                ..RawReport::default()
            })
            .unwrap_err()
            .field,
            "location"
        );
        assert_eq!(
            ReportInput::parse(&RawReport {
                narrative: "a",
                identifiers: &["ok".into(), "a\u{7}".into()],
                ..RawReport::default()
            })
            .unwrap_err()
            .field,
            "identifiers[1]"
        );
        assert_eq!(
            ReportInput::parse(&RawReport {
                narrative: "a",
                language: Some("english!"),
                ..RawReport::default()
            })
            .unwrap_err()
            .field,
            "language"
        );
    }
}
