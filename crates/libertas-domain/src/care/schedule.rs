//! When outcome assessments fall due: at intake, six months later, then every year.
//!
//! The schedule is anchored on the first assessment, not on the latest, so a late
//! assessment does not push every later one back.

use time::{Date, Month};

/// Months after the first assessment at which later ones are due, before the yearly rhythm.
pub const ASSESSMENT_MONTHS: [u32; 2] = [6, 12];

/// The next due date after `latest`, given the date of the `first` assessment: first + 6
/// months, first + 12 months, then every 12 months more.
pub fn next_due(first: Date, latest: Date) -> Date {
    let mut k = 0u32;
    loop {
        let months = match ASSESSMENT_MONTHS.get(k as usize) {
            Some(m) => *m,
            None => 12 * (k - ASSESSMENT_MONTHS.len() as u32 + 2),
        };
        let due = add_months(first, months);
        if due > latest || months > 12 * 200 {
            return due;
        }
        k += 1;
    }
}

/// `d` plus `months` calendar months; the day is clamped to the month's end (31 Aug + 6
/// months is 28 or 29 Feb).
pub fn add_months(d: Date, months: u32) -> Date {
    let total = d.year() * 12 + i32::from(u8::from(d.month())) - 1 + months as i32;
    let year = total.div_euclid(12);
    let month = Month::try_from((total.rem_euclid(12) + 1) as u8).unwrap_or(Month::January);
    let day = d.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn intake_then_six_months_then_yearly() {
        let first = date!(2025 - 01 - 15);
        assert_eq!(next_due(first, first), date!(2025 - 07 - 15));
        assert_eq!(
            next_due(first, date!(2025 - 07 - 20)),
            date!(2026 - 01 - 15)
        );
        assert_eq!(
            next_due(first, date!(2026 - 01 - 15)),
            date!(2027 - 01 - 15)
        );
        assert_eq!(
            next_due(first, date!(2027 - 03 - 01)),
            date!(2028 - 01 - 15)
        );
    }

    #[test]
    fn month_end_is_clamped() {
        assert_eq!(add_months(date!(2025 - 08 - 31), 6), date!(2026 - 02 - 28));
        assert_eq!(add_months(date!(2023 - 08 - 31), 6), date!(2024 - 02 - 29));
    }
}
