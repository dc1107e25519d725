//! Identification deadlines: working-day arithmetic and the jurisdiction rule sets.
//!
//! The rules of a national referral mechanism are data ([`RuleSet`]), not code paths, so a
//! second country's mechanism is one more constant rather than a new set of functions. The
//! holiday list is passed in: public holidays differ by country and year, and the deployment
//! configures them.

use serde::Serialize;
use time::{Date, Duration, Weekday};

/// The numbers that drive a national referral mechanism's deadlines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleSet {
    /// Stored with each decision, so a later change of rules never reinterprets old records.
    pub name: &'static str,
    /// Target for the reasonable-grounds decision, in working days after the referral.
    pub reasonable_grounds_working_days: u32,
    /// The recovery period lasts at least this many calendar days after a positive
    /// reasonable-grounds decision (and until the conclusive-grounds decision).
    pub recovery_period_min_days: u32,
}

impl RuleSet {
    /// The UK National Referral Mechanism (Modern Slavery Act 2015 statutory guidance).
    pub const UK_NRM: RuleSet = RuleSet {
        name: "uk-nrm",
        reasonable_grounds_working_days: 5,
        recovery_period_min_days: 30,
    };

    /// Every rule set Libertas knows; add another country's here.
    pub const ALL: &'static [RuleSet] = &[RuleSet::UK_NRM];

    pub fn by_name(name: &str) -> Option<RuleSet> {
        Self::ALL.iter().copied().find(|r| r.name == name)
    }
}

/// What deadlines are counted against: the jurisdiction's rules and the deployment's public
/// holidays, passed together wherever a decision is recorded.
#[derive(Clone, Copy, Debug)]
pub struct Calendar<'a> {
    pub rules: &'a RuleSet,
    pub holidays: &'a [Date],
}

/// A working day is a weekday that is not in `holidays`.
pub fn is_working_day(day: Date, holidays: &[Date]) -> bool {
    !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) && !holidays.contains(&day)
}

/// The day `n` working days after `start` (`start` itself never counts). With `n == 0`,
/// `start` is returned unchanged. Saturates at the last representable date.
pub fn add_working_days(start: Date, n: u32, holidays: &[Date]) -> Date {
    let mut day = start;
    let mut left = n;
    while left > 0 {
        match day.next_day() {
            Some(next) => day = next,
            None => return day,
        }
        if is_working_day(day, holidays) {
            left -= 1;
        }
    }
    day
}

fn add_days(day: Date, n: u32) -> Date {
    day.checked_add(Duration::days(i64::from(n)))
        .unwrap_or(Date::MAX)
}

/// The dates of one victim's path through the mechanism, as recorded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NrmDates {
    pub referral: Option<Date>,
    pub reasonable_grounds: Option<Date>,
    pub reasonable_grounds_positive: bool,
    pub conclusive_grounds: Option<Date>,
}

/// The deadlines computed from [`NrmDates`] under a [`RuleSet`]; `None` where the path has
/// not reached the step that starts the clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    /// Target date of the reasonable-grounds decision.
    pub reasonable_grounds_due: Option<Date>,
    /// The recovery period starts with a positive reasonable-grounds decision…
    pub recovery_start: Option<Date>,
    /// …lasts at least until this day…
    pub recovery_min_end: Option<Date>,
    /// …and ends with the conclusive-grounds decision (or the minimum, whichever is later).
    pub recovery_end: Option<Date>,
    /// The earliest day a conclusive-grounds decision may be made.
    pub conclusive_grounds_earliest: Option<Date>,
}

/// Computes the deadlines of one victim's path.
pub fn compute(rules: &RuleSet, dates: &NrmDates, holidays: &[Date]) -> Deadlines {
    let reasonable_grounds_due = dates
        .referral
        .map(|r| add_working_days(r, rules.reasonable_grounds_working_days, holidays));
    let recovery_start = dates
        .reasonable_grounds
        .filter(|_| dates.reasonable_grounds_positive);
    let recovery_min_end = recovery_start.map(|s| add_days(s, rules.recovery_period_min_days));
    let recovery_end = match (recovery_min_end, dates.conclusive_grounds) {
        (Some(min), Some(cg)) => Some(min.max(cg)),
        _ => None,
    };
    Deadlines {
        reasonable_grounds_due,
        recovery_start,
        recovery_min_end,
        recovery_end,
        conclusive_grounds_earliest: recovery_min_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn uk_nrm_reasonable_grounds_skips_weekend_and_holiday() {
        // Friday 2026-12-18; the holidays are Friday 25 and Monday 28 December.
        let holidays = [date!(2026 - 12 - 25), date!(2026 - 12 - 28)];
        let d = compute(
            &RuleSet::UK_NRM,
            &NrmDates {
                referral: Some(date!(2026 - 12 - 18)),
                ..NrmDates::default()
            },
            &holidays,
        );
        // Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25 holiday, weekend, Mon 28 holiday) Tue 29.
        assert_eq!(d.reasonable_grounds_due, Some(date!(2026 - 12 - 29)));
        assert_eq!(d.recovery_start, None);
    }

    #[test]
    fn recovery_period_and_conclusive_grounds_earliest() {
        let mut dates = NrmDates {
            referral: Some(date!(2026 - 01 - 05)),
            reasonable_grounds: Some(date!(2026 - 01 - 09)),
            reasonable_grounds_positive: true,
            conclusive_grounds: None,
        };
        let d = compute(&RuleSet::UK_NRM, &dates, &[]);
        assert_eq!(d.recovery_start, Some(date!(2026 - 01 - 09)));
        assert_eq!(d.recovery_min_end, Some(date!(2026 - 02 - 08)));
        assert_eq!(d.conclusive_grounds_earliest, Some(date!(2026 - 02 - 08)));
        assert_eq!(d.recovery_end, None);
        dates.conclusive_grounds = Some(date!(2026 - 03 - 01));
        let d = compute(&RuleSet::UK_NRM, &dates, &[]);
        assert_eq!(d.recovery_end, Some(date!(2026 - 03 - 01)));
        dates.reasonable_grounds_positive = false;
        assert_eq!(compute(&RuleSet::UK_NRM, &dates, &[]).recovery_start, None);
    }

    #[test]
    fn rule_sets_by_name() {
        assert_eq!(RuleSet::by_name("uk-nrm"), Some(RuleSet::UK_NRM));
        assert_eq!(RuleSet::by_name("xx"), None);
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (0i32..3650).prop_map(|n| date!(2020 - 01 - 01) + Duration::days(i64::from(n)))
    }

    proptest! {
        #[test]
        fn working_days_never_land_on_a_weekend_or_holiday(
            start in any_date(),
            n in 1u32..40,
            offsets in proptest::collection::vec(0i64..60, 0..10),
        ) {
            let holidays: Vec<Date> = offsets.iter().map(|o| start + Duration::days(*o)).collect();
            let end = add_working_days(start, n, &holidays);
            prop_assert!(is_working_day(end, &holidays));
            prop_assert!(end > start);
            let mut counted = 0;
            let mut day = start;
            while day < end {
                day = day.next_day().unwrap();
                if is_working_day(day, &holidays) { counted += 1; }
            }
            prop_assert_eq!(counted, n);
        }

        #[test]
        fn reasonable_grounds_due_is_after_referral(start in any_date()) {
            let d = compute(&RuleSet::UK_NRM, &NrmDates { referral: Some(start), ..NrmDates::default() }, &[]);
            prop_assert!(d.reasonable_grounds_due.unwrap() > start);
        }
    }
}
