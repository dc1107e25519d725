//! Justice indicators: what is counted, over which period and organisations, and the small
//! pure helpers (periods and quarters, medians, length bands) the store and the pages share.
//!
//! The store counts; disclosure control is applied in the store too, from the caller's role,
//! so no page or API handler can forget it: readers who may not see exact figures get the
//! figures of one protected table per view (`libertas_analytics::disclosure::ProtectedTable`),
//! for whole calendar quarters only.

pub mod ctdc;
pub mod estimate;
mod period;

pub use period::{Period, Quarter, PUBLICATION_LAG_DAYS};

use crate::FieldError;

/// Counts from 1 to this minus one are small: never printed to readers who see counts only,
/// and never allowed to be worked out from what is printed.
pub const SMALL_COUNT: u64 = 5;

/// Whose work the figures count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The reader's own organisation.
    Organisation,
    /// Every organisation on this Libertas (always shown with small counts suppressed).
    Network,
}

impl Scope {
    /// `organisation` or `network`, exactly; missing or blank means `organisation`.
    pub fn parse(raw: Option<&str>) -> Result<Self, FieldError> {
        match raw.filter(|s| !s.trim().is_empty()) {
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

/// A length band: its key, lowest and highest value (both included).
pub type Band = (&'static str, i64, i64);

/// Sentence length bands in months.
pub const SENTENCE_BANDS: [Band; 5] = [
    ("0-12", 0, 12),
    ("13-36", 13, 36),
    ("37-60", 37, 60),
    ("61-120", 61, 120),
    ("121+", 121, i64::MAX),
];

/// Bands of days between two steps of a case (referral to charge, charge to verdict). A
/// negative number of days (a date entered out of order) falls in the first band, so every
/// value has a band and the bands always add up to the figure they break down.
pub const DURATION_BANDS: [Band; 5] = [
    ("0-30", i64::MIN, 30),
    ("31-90", 31, 90),
    ("91-180", 91, 180),
    ("181-365", 181, 365),
    ("366+", 366, i64::MAX),
];

/// Counts per band of a list of values.
pub fn band_counts(values: &[i64], bands: &[Band]) -> Vec<(&'static str, u64)> {
    bands
        .iter()
        .map(|(label, lo, hi)| {
            let n = values.iter().filter(|v| (*lo..=*hi).contains(*v)).count() as u64;
            (*label, n)
        })
        .collect()
}

/// Counts per band of a list of sentence lengths in months.
pub fn sentence_bands(months: &[i64]) -> Vec<(&'static str, u64)> {
    band_counts(months, &SENTENCE_BANDS)
}

/// The band holding the median of a distribution given only by its band counts (the band of
/// the ⌈n/2⌉-th smallest value); `None` if any count is unknown or there are no values. It is
/// worked out from the counts alone, so it tells nothing the counts do not.
pub fn median_band(counts: &[Option<u64>]) -> Option<usize> {
    let known: Option<Vec<u64>> = counts.iter().copied().collect();
    let known = known?;
    let n: u64 = known.iter().sum();
    if n == 0 {
        return None;
    }
    let middle = n.div_ceil(2);
    let mut seen = 0;
    known.iter().position(|c| {
        seen += c;
        seen >= middle
    })
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
        let d = band_counts(&[-3, 0, 30, 31, 365, 366], &DURATION_BANDS);
        let n: Vec<u64> = d.iter().map(|(_, n)| *n).collect();
        assert_eq!(n, vec![3, 1, 0, 1, 1]);
        // 1, 2 | 3 | 4, 5, 6: the 3rd of 6 values is in the second band.
        assert_eq!(median_band(&[Some(2), Some(1), Some(3)]), Some(1));
        assert_eq!(median_band(&[Some(0), Some(1), Some(0)]), Some(1));
        assert_eq!(median_band(&[Some(2), None, Some(3)]), None);
        assert_eq!(median_band(&[Some(0), Some(0)]), None);
    }
}
