//! Justice indicators: what is counted, over which period and organisations, and the small
//! pure helpers (period parsing, medians, sentence bands) the store and the pages share.
//!
//! The store counts; disclosure control (small counts shown as "<5") is applied in the store
//! too, from the caller's role, so no page or API handler can forget it.

use crate::cases::decisions::date_text;
use crate::FieldError;
use time::{Date, Duration};

/// Counts below this are shown as "<5" to readers who see counts only.
pub const SMALL_COUNT: u64 = 5;

/// The period the figures cover: both days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// Parses `from` and `to` (`YYYY-MM-DD`); either may be missing. The default is the
    /// twelve months up to `today`. `to` before `from` is refused naming `to`.
    pub fn parse(from: Option<&str>, to: Option<&str>, today: Date) -> Result<Self, FieldError> {
        let day =
            |raw: &str, field: &'static str| crate::cases::decisions::parse_date(field, raw.trim());
        let to = match to.filter(|s| !s.trim().is_empty()) {
            Some(raw) => day(raw, "to")?,
            None => today,
        };
        let from = match from.filter(|s| !s.trim().is_empty()) {
            Some(raw) => day(raw, "from")?,
            None => {
                to.replace_year(to.year() - 1)
                    .unwrap_or(to - Duration::days(365))
                    + Duration::days(1)
            }
        };
        if to < from {
            return Err(FieldError::new("to", "must not be before from"));
        }
        Ok(Self { from, to })
    }

    /// The period widened to whole calendar months: from the first day of `from`'s month to
    /// the last day of `to`'s.
    pub fn whole_months(self) -> Self {
        let first = self.from.replace_day(1).unwrap_or(self.from);
        let next_month = match self.to.month() {
            time::Month::December => {
                Date::from_calendar_date(self.to.year() + 1, time::Month::January, 1)
            }
            m => Date::from_calendar_date(self.to.year(), m.next(), 1),
        };
        let last = next_month.map_or(self.to, |d| d - Duration::days(1));
        Self {
            from: first,
            to: last,
        }
    }

    /// The first instant after the period, as the UTC text the database stores times in, so
    /// `created_at >= start_text() and created_at < end_text()` selects the period.
    pub fn start_text(&self) -> String {
        format!("{}T00:00:00", date_text(self.from))
    }

    pub fn end_text(&self) -> String {
        format!("{}T00:00:00", date_text(self.to + Duration::days(1)))
    }

    /// Whether a `YYYY-MM-DD…` text falls within the period.
    pub fn contains_text(&self, raw: &str) -> bool {
        let day = raw.get(..10).unwrap_or(raw);
        day >= date_text(self.from).as_str() && day <= date_text(self.to).as_str()
    }
}

/// Whose work the figures count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The reader's own organisation.
    Organisation,
    /// Every organisation on this Libertas (always shown with small counts suppressed).
    Network,
}

impl Scope {
    pub fn parse(raw: Option<&str>) -> Result<Self, FieldError> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None | Some("organisation") => Ok(Scope::Organisation),
            Some("network") => Ok(Scope::Network),
            Some(_) => Err(FieldError::new("scope", "must be organisation or network")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Organisation => "organisation",
            Scope::Network => "network",
        }
    }
}

/// How far a case has come along the justice path: the furthest stage it reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Opened, no victim identified yet.
    Opened,
    /// At least one victim identified (possible or actual victim of trafficking).
    VictimIdentified,
    /// At least one charge filed.
    Charged,
    /// At least one verdict given.
    Verdict,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Opened,
        Stage::VictimIdentified,
        Stage::Charged,
        Stage::Verdict,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Opened => "opened",
            Stage::VictimIdentified => "victim_identified",
            Stage::Charged => "charged",
            Stage::Verdict => "verdict",
        }
    }
}

/// Sentence length bands in months: label, lowest, highest (inclusive).
pub const SENTENCE_BANDS: [(&str, i64, i64); 5] = [
    ("0-12", 0, 12),
    ("13-36", 13, 36),
    ("37-60", 37, 60),
    ("61-120", 61, 120),
    ("121+", 121, i64::MAX),
];

/// Counts per band of a list of sentence lengths in months.
pub fn sentence_bands(months: &[i64]) -> Vec<(&'static str, u64)> {
    SENTENCE_BANDS
        .iter()
        .map(|(label, lo, hi)| {
            let n = months.iter().filter(|m| (*lo..=*hi).contains(*m)).count() as u64;
            (*label, n)
        })
        .collect()
}

/// The median of a list (the mean of the middle two for an even count), `None` when empty.
pub fn median(values: &[i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_unstable();
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] as f64 + v[mid] as f64) / 2.0
    } else {
        v[mid] as f64
    })
}

/// Days from one `YYYY-MM-DD…` text to another; `None` if either is not a date.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    let a = crate::cases::decisions::parse_date("from", from.get(..10)?).ok()?;
    let b = crate::cases::decisions::parse_date("to", to.get(..10)?).ok()?;
    Some((b - a).whole_days())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn period_defaults_to_the_last_twelve_months_and_refuses_reversed_dates() {
        let p = Period::parse(None, None, date!(2026 - 11 - 22)).unwrap();
        assert_eq!(p.from, date!(2025 - 11 - 23));
        assert_eq!(p.to, date!(2026 - 11 - 22));
        assert_eq!(p.end_text(), "2026-11-23T00:00:00");
        let e = Period::parse(
            Some("2026-05-01"),
            Some("2026-04-30"),
            date!(2026 - 11 - 22),
        )
        .unwrap_err();
        assert_eq!(e.field, "to");
        assert_eq!(
            Period::parse(Some("2026-13-01"), None, date!(2026 - 11 - 22))
                .unwrap_err()
                .field,
            "from"
        );
        assert!(p.contains_text("2026-01-01T10:00:00Z"));
        let m = Period::parse(
            Some("2026-03-10"),
            Some("2026-12-02"),
            date!(2026 - 11 - 22),
        )
        .unwrap()
        .whole_months();
        assert_eq!(
            (m.from, m.to),
            (date!(2026 - 03 - 01), date!(2026 - 12 - 31))
        );
        let feb = Period::parse(
            Some("2028-02-10"),
            Some("2028-02-11"),
            date!(2026 - 11 - 22),
        )
        .unwrap()
        .whole_months();
        assert_eq!(
            (feb.from, feb.to),
            (date!(2028 - 02 - 01), date!(2028 - 02 - 29))
        );
        assert!(!p.contains_text("2025-11-22"));
    }

    #[test]
    fn scope_parses_and_names_the_field() {
        assert_eq!(Scope::parse(None).unwrap(), Scope::Organisation);
        assert_eq!(Scope::parse(Some("network")).unwrap(), Scope::Network);
        assert_eq!(Scope::parse(Some("world")).unwrap_err().field, "scope");
    }

    #[test]
    fn medians_and_bands() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median(&[9, 1, 4, 3]), Some(3.5));
        assert_eq!(median(&[5, 1, 3]), Some(3.0));
        let b = sentence_bands(&[0, 12, 13, 60, 61, 400]);
        assert_eq!(
            b,
            vec![
                ("0-12", 2),
                ("13-36", 1),
                ("37-60", 1),
                ("61-120", 1),
                ("121+", 1)
            ]
        );
        assert_eq!(days_between("2026-01-01", "2026-03-01T12:00:00Z"), Some(59));
    }
}
