//! People known to the organisation and their part in cases.
//!
//! Names, birth dates, contact details and identity numbers are personal data: the store
//! encrypts them under the person's own key. Code-list values (gender, citizenship, role,
//! trafficking status) are internal data and stay in plain columns so they can be counted.

mod codes;
mod contact;
mod country;
mod region;
pub mod search;

pub use codes::{Gender, PersonRole, TraffickingStatus};
pub use contact::{normalise_email, normalise_identity_number, normalise_phone, Email, Phone};
pub use country::CountryCode;
pub use region::region_of;

use crate::text::text_type;
use crate::FieldError;
use time::{Date, Month};

text_type!(
    /// A given or family name.
    PersonName, "name", 1, 200, false
);

/// A date of birth: a real calendar date, not in the future, not before 1900.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct BirthDate(Date);

impl BirthDate {
    /// Parses `YYYY-MM-DD`. `today` is passed in so the rule is testable.
    pub fn parse(raw: &str, today: Date) -> Result<Self, FieldError> {
        let err = || FieldError::new("birth_date", "must be a date written YYYY-MM-DD");
        let parts: Vec<&str> = raw.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(err());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(err());
        }
        let y: i32 = y.parse().map_err(|_| err())?;
        let m: u8 = m.parse().map_err(|_| err())?;
        let d: u8 = d.parse().map_err(|_| err())?;
        let month = Month::try_from(m).map_err(|_| err())?;
        let date = Date::from_calendar_date(y, month, d).map_err(|_| err())?;
        if date > today {
            return Err(FieldError::new("birth_date", "must not be in the future"));
        }
        if y < 1900 {
            return Err(FieldError::new("birth_date", "must not be before 1900"));
        }
        Ok(Self(date))
    }

    pub fn date(&self) -> Date {
        self.0
    }

    /// `YYYY-MM-DD`.
    pub fn to_iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }

    /// Whole years of age on `today`.
    pub fn age_on(&self, today: Date) -> i32 {
        let mut age = today.year() - self.0.year();
        if (today.month() as u8, today.day()) < (self.0.month() as u8, self.0.day()) {
            age -= 1;
        }
        age
    }
}

impl std::fmt::Debug for BirthDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BirthDate(<redacted>)")
    }
}

/// A person to add to a case, fully validated.
#[derive(Clone, Debug)]
pub struct NewPerson {
    pub role: PersonRole,
    pub given_name: PersonName,
    pub family_name: PersonName,
    pub birth_date: Option<BirthDate>,
    pub gender: Option<Gender>,
    pub citizenship: Vec<CountryCode>,
    pub languages: Vec<String>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub identity_numbers: Vec<String>,
    pub trafficking_status: Option<TraffickingStatus>,
}

impl NewPerson {
    /// Checks rules that span fields: only victims carry a trafficking status.
    pub fn check(&self) -> Result<(), FieldError> {
        if self.trafficking_status.is_some() && self.role != PersonRole::Victim {
            return Err(FieldError::new(
                "trafficking_status",
                "may only be given for a person with role victim",
            ));
        }
        Ok(())
    }
}

/// Parses a name field, reporting errors under `field`.
pub fn parse_name(field: &str, raw: &str) -> Result<PersonName, FieldError> {
    PersonName::parse(raw).map_err(|e| e.at(field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn birth_dates() {
        let today = date!(2026 - 11 - 21);
        assert_eq!(
            BirthDate::parse("2001-02-03", today).unwrap().to_iso(),
            "2001-02-03"
        );
        assert!(BirthDate::parse("2001-02-30", today).is_err());
        assert!(BirthDate::parse("2027-01-01", today).is_err());
        assert!(BirthDate::parse("1899-12-31", today).is_err());
        assert!(BirthDate::parse("01-02-2001", today).is_err());
        assert_eq!(
            BirthDate::parse("2008-11-22", today).unwrap().age_on(today),
            17
        );
        assert_eq!(
            BirthDate::parse("2008-11-21", today).unwrap().age_on(today),
            18
        );
    }
}
