//! The periods figures cover: any days for readers who may see exact figures, and the fixed
//! grid of calendar quarters for everyone else.
//!
//! Why a fixed grid: two overlapping periods (a year and the same year less its first month,
//! a month and its weeks, 80 sliding windows a week apart) differ by a smaller period, and the
//! difference of their figures is that smaller period's figure, however carefully each was
//! protected on its own. Readers who see protected figures therefore see whole calendar
//! quarters only, which never overlap; each quarter is published once, some days after it
//! ends ([`PUBLICATION_LAG_DAYS`]), and then kept as it was (see the store's `stats::release`).

use crate::cases::decisions::date_text;
use crate::FieldError;
use time::{Date, Duration, Month};

/// Days after a quarter ends before it is published to protected readers, so that late
/// entries (a verdict recorded a week after it was given) are in.
pub const PUBLICATION_LAG_DAYS: i64 = 14;

/// The period the figures cover: both days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// Parses `from` and `to` (`YYYY-MM-DD`); either may be missing or blank. The default is the
    /// twelve months up to `today`. `to` before `from` is refused naming `to`.
    pub fn parse(from: Option<&str>, to: Option<&str>, today: Date) -> Result<Self, FieldError> {
        // A given date is read as sent (blank counts as not given), as the API document
        // states it: `" 2026-01-01"` is no `YYYY-MM-DD`.
        let day = |raw: &str, field: &'static str| crate::cases::decisions::parse_date(field, raw);
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

/// A calendar quarter: the only periods protected readers see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    /// The quarter holding `day`.
    pub fn containing(day: Date) -> Self {
        Quarter {
            year: day.year(),
            number: (u8::from(day.month()) - 1) / 3 + 1,
        }
    }

    /// Its first day.
    pub fn first_day(self) -> Date {
        let month =
            Month::try_from(((self.number.clamp(1, 4) - 1) * 3) + 1).unwrap_or(Month::January);
        Date::from_calendar_date(self.year, month, 1).unwrap_or(Date::MIN)
    }

    /// Its last day.
    pub fn last_day(self) -> Date {
        self.next().first_day() - Duration::days(1)
    }

    /// The quarter after it.
    pub fn next(self) -> Self {
        if self.number >= 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number + 1,
            }
        }
    }

    /// The quarter before it.
    pub fn previous(self) -> Self {
        if self.number <= 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number - 1,
            }
        }
    }

    /// The quarter as a period.
    pub fn period(self) -> Period {
        Period {
            from: self.first_day(),
            to: self.last_day(),
        }
    }

    /// Whether it may be published on `today`: ended at least [`PUBLICATION_LAG_DAYS`] ago.
    pub fn is_published(self, today: Date) -> bool {
        today > self.last_day() + Duration::days(PUBLICATION_LAG_DAYS)
    }

    /// The quarter a protected reader asking for figures up to `to` is shown on `today`: the
    /// quarter holding `to`, or the latest published one before it.
    pub fn for_protected_reader(to: Date, today: Date) -> Self {
        let mut q = Quarter::containing(to);
        while !q.is_published(today) {
            q = q.previous();
        }
        q
    }

    /// `2026-Q3`.
    pub fn label(self) -> String {
        format!("{}-Q{}", self.year, self.number)
    }
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
        assert!(!p.contains_text("2025-11-22"));
    }

    #[test]
    fn quarters_tile_the_year_and_publish_after_the_lag() {
        let q = Quarter::containing(date!(2026 - 05 - 17));
        assert_eq!(
            (q.year, q.number, q.label()),
            (2026, 2, "2026-Q2".to_owned())
        );
        assert_eq!(
            (q.first_day(), q.last_day()),
            (date!(2026 - 04 - 01), date!(2026 - 06 - 30))
        );
        let q4 = Quarter::containing(date!(2025 - 12 - 31));
        assert_eq!(q4.last_day(), date!(2025 - 12 - 31));
        assert_eq!(
            q4.next(),
            Quarter {
                year: 2026,
                number: 1
            }
        );
        assert_eq!(
            Quarter {
                year: 2026,
                number: 1
            }
            .previous(),
            q4
        );
        // Every day of a year falls in exactly one quarter, and consecutive quarters touch.
        let mut day = date!(2024 - 01 - 01);
        while day.year() == 2024 {
            let q = Quarter::containing(day);
            assert!(q.first_day() <= day && day <= q.last_day());
            assert_eq!(q.next().first_day(), q.last_day() + Duration::days(1));
            day += Duration::days(1);
        }
        // Q2 2026 ends on 30 June: published from 15 July on.
        assert!(!q.is_published(date!(2026 - 07 - 14)));
        assert!(q.is_published(date!(2026 - 07 - 15)));
        // Asking for figures up to today shows the latest published quarter.
        let today = date!(2026 - 07 - 03);
        assert_eq!(
            Quarter::for_protected_reader(today, today),
            Quarter {
                year: 2026,
                number: 1
            }
        );
        assert_eq!(
            Quarter::for_protected_reader(date!(2030 - 01 - 01), today),
            Quarter {
                year: 2026,
                number: 1
            }
        );
        assert_eq!(
            Quarter::for_protected_reader(date!(2025 - 08 - 09), today),
            Quarter {
                year: 2025,
                number: 3
            }
        );
    }
}
