//! Identification decisions about a victim: the HTCDS trafficking status with the type of
//! organisation that decided it, and the path through a national referral mechanism (the UK
//! NRM first): referral, reasonable-grounds decision, recovery period, conclusive-grounds
//! decision.
//!
//! A decision is checked as a whole, so dates in the wrong order are refused with the name of
//! the field that breaks the order, before anything is stored.

use super::deadlines::{compute, Deadlines, NrmDates, RuleSet};
use crate::codes::code_list;
use crate::people::TraffickingStatus;
use crate::text::text_type;
use crate::FieldError;
use time::Date;

/// Parses an ISO date `YYYY-MM-DD`, naming `field` when it is not one.
pub fn parse_date(field: &str, raw: &str) -> Result<Date, FieldError> {
    let err = || FieldError::new(field, "must be a date written YYYY-MM-DD");
    let shape_ok = raw.len() == 10
        && raw.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(err());
    }
    let mut parts = raw.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(err());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(err());
    }
    let y: i32 = y.parse().map_err(|_| err())?;
    let m: u8 = m.parse().map_err(|_| err())?;
    let d: u8 = d.parse().map_err(|_| err())?;
    let month = time::Month::try_from(m).map_err(|_| err())?;
    Date::from_calendar_date(y, month, d).map_err(|_| err())
}

/// Writes a date as `YYYY-MM-DD` (the stored and the API form).
pub fn date_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

code_list!(
    /// HTCDS v2 `org_Type`: the kind of organisation that made the decision.
    OrgType, "deciding_org_type", {
        Ngo => "NGO",
        LawEnforcement => "LawEnforcement",
        HealthServiceOrganisation => "HealthServiceOrganisation",
        CentralGovernmentOrganisation => "CentralGovernmentOrganisation",
        LocalGovernmentOrganisation => "LocalGovernmentOrganisation",
        ImmigrationService => "ImmigrationService",
        LegalService => "LegalService",
        CorporateBusiness => "CorporateBusiness",
    }
);

code_list!(
    /// The outcome of a reasonable- or conclusive-grounds decision.
    Outcome, "decision", {
        Positive => "positive",
        Negative => "negative",
    }
);

text_type!(
    /// Free-text notes on a decision: narrative data, sealed under the case key.
    DecisionNote, "note", 1, 10_000, true
);

/// A decision as recorded for one victim, validated as a whole by [`NewDecision::check`].
#[derive(Clone, Debug, Default)]
pub struct NewDecision {
    pub trafficking_status: Option<TraffickingStatus>,
    pub deciding_org_type: Option<OrgType>,
    pub referral_date: Option<Date>,
    pub rg_decision: Option<Outcome>,
    pub rg_date: Option<Date>,
    pub cg_decision: Option<Outcome>,
    pub cg_date: Option<Date>,
    pub note: Option<DecisionNote>,
}

impl NewDecision {
    /// The ordering rules of the mechanism. Each error names the field that breaks them.
    pub fn check(&self, rules: &RuleSet) -> Result<(), FieldError> {
        if self.trafficking_status.is_none() && self.referral_date.is_none() {
            return Err(FieldError::new(
                "trafficking_status",
                "give a trafficking status or a referral date",
            ));
        }
        pair("rg_decision", self.rg_decision, "rg_date", self.rg_date)?;
        pair("cg_decision", self.cg_decision, "cg_date", self.cg_date)?;
        if let Some(rg) = self.rg_date {
            let Some(referral) = self.referral_date else {
                return Err(FieldError::new(
                    "referral_date",
                    "is needed with a reasonable-grounds decision",
                ));
            };
            if rg < referral {
                return Err(FieldError::new(
                    "rg_date",
                    "must not be before the referral date",
                ));
            }
        }
        if let Some(cg) = self.cg_date {
            if self.rg_decision != Some(Outcome::Positive) {
                return Err(FieldError::new(
                    "cg_date",
                    "needs a positive reasonable-grounds decision first",
                ));
            }
            let earliest = self.deadlines(rules, &[]).conclusive_grounds_earliest;
            if self.rg_date.is_some_and(|rg| cg < rg) {
                return Err(FieldError::new(
                    "cg_date",
                    "must not be before the reasonable-grounds decision",
                ));
            }
            if let Some(earliest) = earliest.filter(|e| cg < *e) {
                return Err(FieldError::new(
                    "cg_date",
                    format!(
                        "must not be before the end of the minimum recovery period ({})",
                        date_text(earliest)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// This decision over the victim's current one: a value not given keeps the current value,
    /// so a follow-up names only what changed. The note belongs to the new record alone.
    pub fn merged_over(&self, current: &NewDecision) -> NewDecision {
        NewDecision {
            trafficking_status: self.trafficking_status.or(current.trafficking_status),
            deciding_org_type: self.deciding_org_type.or(current.deciding_org_type),
            referral_date: self.referral_date.or(current.referral_date),
            rg_decision: self.rg_decision.or(current.rg_decision),
            rg_date: self.rg_date.or(current.rg_date),
            cg_decision: self.cg_decision.or(current.cg_decision),
            cg_date: self.cg_date.or(current.cg_date),
            note: self.note.clone(),
        }
    }

    /// The dates that drive the deadlines.
    pub fn nrm_dates(&self) -> NrmDates {
        NrmDates {
            referral: self.referral_date,
            reasonable_grounds: self.rg_date,
            reasonable_grounds_positive: self.rg_decision == Some(Outcome::Positive),
            conclusive_grounds: self.cg_date,
        }
    }

    /// The deadlines of this decision's path under `rules`.
    pub fn deadlines(&self, rules: &RuleSet, holidays: &[Date]) -> Deadlines {
        compute(rules, &self.nrm_dates(), holidays)
    }
}

fn pair<T>(a: &str, x: Option<T>, b: &str, y: Option<Date>) -> Result<(), FieldError> {
    match (x.is_some(), y.is_some()) {
        (true, false) => Err(FieldError::new(b, format!("is needed with {a}"))),
        (false, true) => Err(FieldError::new(a, format!("is needed with {b}"))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn referred() -> NewDecision {
        NewDecision {
            trafficking_status: Some(TraffickingStatus::Possible),
            deciding_org_type: Some(OrgType::CentralGovernmentOrganisation),
            referral_date: Some(date!(2026 - 01 - 05)),
            ..NewDecision::default()
        }
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            parse_date("d", "2026-02-28").unwrap(),
            date!(2026 - 02 - 28)
        );
        assert_eq!(parse_date("d", "2026-02-30").unwrap_err().field, "d");
        assert!(parse_date("d", "26-2-3").is_err());
        assert_eq!(date_text(date!(2026 - 02 - 03)), "2026-02-03");
        assert_eq!(OrgType::parse("NGO").unwrap(), OrgType::Ngo);
        assert_eq!(
            OrgType::parse("ngo").unwrap_err().field,
            "deciding_org_type"
        );
    }

    #[test]
    fn a_follow_up_keeps_what_it_does_not_change() {
        let follow_up = NewDecision {
            rg_decision: Some(Outcome::Positive),
            rg_date: Some(date!(2026 - 01 - 09)),
            note: Some(DecisionNote::parse("RG letter received").unwrap()),
            ..NewDecision::default()
        };
        assert!(follow_up.check(&RuleSet::UK_NRM).is_err());
        let mut current = referred();
        current.note = Some(DecisionNote::parse("old").unwrap());
        let merged = follow_up.merged_over(&current);
        assert!(merged.check(&RuleSet::UK_NRM).is_ok());
        assert_eq!(merged.referral_date, Some(date!(2026 - 01 - 05)));
        assert_eq!(
            merged.deciding_org_type,
            Some(OrgType::CentralGovernmentOrganisation)
        );
        assert_eq!(merged.note.unwrap().as_str(), "RG letter received");
    }

    #[test]
    fn ordering_rules_name_the_field() {
        let rules = RuleSet::UK_NRM;
        assert!(referred().check(&rules).is_ok());
        let mut d = referred();
        d.rg_decision = Some(Outcome::Positive);
        assert_eq!(d.check(&rules).unwrap_err().field, "rg_date");
        d.rg_date = Some(date!(2026 - 01 - 02));
        assert_eq!(d.check(&rules).unwrap_err().field, "rg_date");
        d.rg_date = Some(date!(2026 - 01 - 09));
        assert!(d.check(&rules).is_ok());
        d.cg_decision = Some(Outcome::Positive);
        d.cg_date = Some(date!(2026 - 01 - 08));
        assert_eq!(d.check(&rules).unwrap_err().field, "cg_date");
        d.cg_date = Some(date!(2026 - 02 - 01));
        assert_eq!(d.check(&rules).unwrap_err().field, "cg_date");
        d.cg_date = Some(date!(2026 - 02 - 08));
        assert!(d.check(&rules).is_ok());
        d.rg_decision = Some(Outcome::Negative);
        assert_eq!(d.check(&rules).unwrap_err().field, "cg_date");
        let mut e = referred();
        e.referral_date = None;
        e.rg_decision = Some(Outcome::Negative);
        e.rg_date = Some(date!(2026 - 01 - 09));
        assert_eq!(e.check(&rules).unwrap_err().field, "referral_date");
        assert_eq!(
            NewDecision::default().check(&rules).unwrap_err().field,
            "trafficking_status"
        );
    }
}
