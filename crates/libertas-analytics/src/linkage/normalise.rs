//! Turning what people typed into values that compare fairly.
//!
//! Records arrive from police, NGOs and helplines in different scripts, cases and formats.
//! Everything is transliterated to ASCII (so "Łukasz" and "Lukasz", "Nguyễn" and "Nguyen" agree),
//! lower-cased and stripped of punctuation before any comparison; telephone numbers keep only the
//! digits a country code or trunk prefix cannot change; dates are read in the common layouts.
//! A value that normalises to nothing is missing, never a match.

use super::field::Field;

/// Digits of a telephone number that are compared: the subscriber part, which is the same
/// whether it was written `+44 7…`, `07…`, `0044-7…` or `(44) 7…`.
pub const PHONE_DIGITS: usize = 9;

/// Shortest digit string accepted as a telephone number.
const PHONE_MIN_DIGITS: usize = 6;

/// A calendar date as written (it may be impossible, e.g. month 13, in corrupted records).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1-12 when valid.
    pub month: u32,
    /// Day, 1-31 when valid.
    pub day: u32,
}

impl Date {
    /// Whether the date exists in the proleptic Gregorian calendar.
    pub fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month) && self.day >= 1 && self.day <= days_in_month(self)
    }

    /// Days since 0000-03-01, for distances between valid dates.
    pub fn ordinal(&self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (i64::from(self.year) - 1, i64::from(self.month) + 9)
        } else {
            (i64::from(self.year), i64::from(self.month) - 3)
        };
        365 * y + y.div_euclid(4) - y.div_euclid(100)
            + y.div_euclid(400)
            + (153 * m + 2) / 5
            + i64::from(self.day)
    }
}

fn days_in_month(d: &Date) -> u32 {
    match d.month {
        2 if (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Normalises a raw value of `field`; `None` means missing.
pub fn normalise(field: Field, raw: &str) -> Option<String> {
    match field {
        Field::FirstName | Field::Surname => name(raw),
        Field::Dob => date(raw).map(|(s, _)| s),
        Field::Gender => gender(raw),
        Field::Address | Field::City | Field::Occupation => text(raw),
        Field::Postcode | Field::NationalId => code(raw),
        Field::Phone => phone(raw),
        Field::Email => email(raw),
    }
}

/// ASCII, lower case, words of letters and digits separated by single spaces.
pub fn text(raw: &str) -> Option<String> {
    let ascii = deunicode::deunicode(raw);
    let mut out = String::with_capacity(ascii.len());
    let mut gap = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            gap = true;
        }
    }
    non_empty(out)
}

/// A name: like [`text`], and apostrophes vanish ("O'Brien" = "obrien").
pub fn name(raw: &str) -> Option<String> {
    text(raw)
}

/// Letters and digits only, lower case: postcodes and document numbers are written with and
/// without spaces or dashes.
pub fn code(raw: &str) -> Option<String> {
    let out: String = deunicode::deunicode(raw)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    non_empty(out)
}

/// The last [`PHONE_DIGITS`] digits of a telephone number.
pub fn phone(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < PHONE_MIN_DIGITS {
        return None;
    }
    let start = digits.len().saturating_sub(PHONE_DIGITS);
    Some(digits[start..].to_string())
}

/// Lower-cased e-mail address without spaces; the part after `@` is the domain.
pub fn email(raw: &str) -> Option<String> {
    let out: String = deunicode::deunicode(raw)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    non_empty(out)
}

/// `m` or `f` for the usual spellings, otherwise the normalised text.
pub fn gender(raw: &str) -> Option<String> {
    let t = text(raw)?;
    Some(match t.as_str() {
        "m" | "male" | "man" | "boy" => "m".to_string(),
        "f" | "female" | "woman" | "girl" | "w" => "f".to_string(),
        _ => t,
    })
}

/// Reads `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, `DD/MM/YYYY`, `DD.MM.YYYY` or `DD-MM-YYYY`.
/// Returns the canonical `YYYY-MM-DD` text (kept even for impossible dates, whose digits still
/// compare) and the date when the layout was recognised.
pub fn date(raw: &str) -> Option<(String, Option<Date>)> {
    let parts: Vec<&str> = raw
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let parsed = match parts.as_slice() {
        [all] if all.len() == 8 => Some((&all[0..4], &all[4..6], &all[6..8])),
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => Some((*y, *m, *d)),
        [d, m, y] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => Some((*y, *m, *d)),
        _ => None,
    };
    let Some((y, m, d)) = parsed else {
        return code(raw)
            .filter(|s| s.chars().any(|c| c.is_ascii_digit()))
            .map(|s| (s, None));
    };
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
    else {
        return None;
    };
    let canonical = format!("{year:04}-{month:02}-{day:02}");
    Some((canonical, Some(Date { year, month, day })))
}

fn non_empty(s: String) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn text_transliterates_and_collapses() {
        assert_eq!(
            text("  Łukasz  NGUYỄN-Văn "),
            Some("lukasz nguyen van".into())
        );
        assert_eq!(name("O'Brien"), Some("obrien".into()));
        assert_eq!(text(" -- "), None);
    }

    #[test]
    fn phone_formats_agree() {
        let forms = [
            "+44712345678",
            "+44 712 345 678",
            "0044-712-345678",
            "(44) 712345678",
            "0712345678",
        ];
        for f in forms {
            assert_eq!(phone(f), Some("712345678".into()), "{f}");
        }
        assert_eq!(phone("123"), None);
    }

    #[test]
    fn dates_in_common_layouts() {
        let want = Some(Date {
            year: 1990,
            month: 7,
            day: 4,
        });
        for raw in [
            "1990-07-04",
            "19900704",
            "04/07/1990",
            "4.7.1990",
            "1990/7/4",
        ] {
            let (s, d) = date(raw).unwrap();
            assert_eq!(s, "1990-07-04");
            assert_eq!(d, want);
        }
        let (s, d) = date("1990-13-45").unwrap();
        assert_eq!(s, "1990-13-45");
        assert!(!d.unwrap().is_valid());
        assert_eq!(date(""), None);
    }

    #[test]
    fn ordinal_counts_days() {
        let a = Date {
            year: 2000,
            month: 2,
            day: 28,
        };
        let b = Date {
            year: 2000,
            month: 3,
            day: 1,
        };
        assert_eq!(b.ordinal() - a.ordinal(), 2);
        let c = Date {
            year: 2001,
            month: 3,
            day: 1,
        };
        assert_eq!(c.ordinal() - b.ordinal(), 365);
    }

    #[test]
    fn gender_spellings() {
        assert_eq!(gender("Female"), Some("f".into()));
        assert_eq!(gender(" M "), Some("m".into()));
        assert_eq!(gender("x"), Some("x".into()));
    }

    proptest! {
        #[test]
        fn text_is_idempotent_ascii(s in "\\PC{0,30}") {
            if let Some(t) = text(&s) {
                prop_assert!(t.is_ascii());
                prop_assert!(!t.starts_with(' ') && !t.ends_with(' ') && !t.contains("  "));
                prop_assert_eq!(text(&t), Some(t.clone()));
            }
        }

        #[test]
        fn phone_is_short_digits(s in "[-+() 0-9]{0,25}") {
            if let Some(p) = phone(&s) {
                prop_assert!(p.len() <= PHONE_DIGITS);
                prop_assert!(p.chars().all(|c| c.is_ascii_digit()));
                prop_assert_eq!(phone(&p), Some(p.clone()));
            }
        }
    }
}
