//! Duty to notify: an anonymous record that a potential adult victim was met who did not
//! consent to a referral, modelled on the UK MS1 form. It carries no identifying data: only
//! the date, gender, an age band, nationality, the types of exploitation and the region
//! where it happened, and the organisation that notified.

use super::codes::parse_list;
use crate::codes::code_list;
use crate::ids::PersonId;
use crate::text::text_type;
use crate::FieldError;
use time::Date;

code_list!(
    /// Age bands of an adult: wide enough that the band does not identify anyone.
    AgeBand, "age_band", {
        A18To24 => "18-24",
        A25To34 => "25-34",
        A35To44 => "35-44",
        A45To54 => "45-54",
        A55To64 => "55-64",
        A65Plus => "65+",
        Unknown => "unknown",
    }
);

code_list!(
    /// Types of exploitation (the purposes of the Palermo Protocol, as in screening).
    ExploitationType, "exploitation_types", {
        SexualExploitation => "sexual_exploitation",
        ForcedLabour => "forced_labour",
        DomesticServitude => "domestic_servitude",
        ForcedCriminality => "forced_criminality",
        ForcedBegging => "forced_begging",
        ForcedMarriage => "forced_marriage",
        OrganRemoval => "organ_removal",
        Other => "other",
    }
);

text_type!(
    /// Where the exploitation happened, as a region (county, region or city), never an
    /// address: the record must not point at a person.
    ExploitationRegion, "region", 1, 100, false
);

impl AgeBand {
    /// The band of an age in whole years; `None` for a child (children are referred, not
    /// notified anonymously).
    pub fn of_age(age: Option<i32>) -> Option<AgeBand> {
        Some(match age {
            None => AgeBand::Unknown,
            Some(a) if a < 18 => return None,
            Some(a) if a < 25 => AgeBand::A18To24,
            Some(a) if a < 35 => AgeBand::A25To34,
            Some(a) if a < 45 => AgeBand::A35To44,
            Some(a) if a < 55 => AgeBand::A45To54,
            Some(a) if a < 65 => AgeBand::A55To64,
            Some(_) => AgeBand::A65Plus,
        })
    }
}

/// Parses the exploitation types of a notification (at least one).
pub fn parse_exploitation(raw: &[String]) -> Result<Vec<ExploitationType>, FieldError> {
    parse_list("exploitation_types", raw, true, ExploitationType::parse)
}

/// The notification date: given, or today; never in the future.
pub fn notified_on(raw: Option<&str>, today: Date) -> Result<Date, FieldError> {
    let d = match raw {
        Some(r) => super::decisions::parse_date("notified_on", r)?,
        None => today,
    };
    if d > today {
        return Err(FieldError::new("notified_on", "must not be in the future"));
    }
    Ok(d)
}

/// An anonymous notification to record about a victim of a case, validated at the edge.
#[derive(Clone, Debug)]
pub struct NewNotification {
    pub person: PersonId,
    pub types: Vec<ExploitationType>,
    pub region: ExploitationRegion,
    pub notified_on: Date,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn bands() {
        assert_eq!(AgeBand::of_age(Some(17)), None);
        assert_eq!(AgeBand::of_age(Some(18)), Some(AgeBand::A18To24));
        assert_eq!(AgeBand::of_age(Some(70)), Some(AgeBand::A65Plus));
        assert_eq!(AgeBand::of_age(None), Some(AgeBand::Unknown));
    }

    #[test]
    fn dates_and_types() {
        let today = date!(2026 - 01 - 10);
        assert!(notified_on(Some("2026-01-11"), today).is_err());
        assert_eq!(notified_on(None, today).unwrap(), today);
        let e = parse_exploitation(&["x".into()]).unwrap_err();
        assert_eq!(e.field, "exploitation_types[0]");
        assert_eq!(
            parse_exploitation(&[]).unwrap_err().field,
            "exploitation_types"
        );
    }
}
