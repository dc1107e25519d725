//! Operations with authorities (issue 4, item 4): a rescue or inspection planned with the
//! police, labour inspectors or others, then executed or cancelled. The location and the
//! outcome are narrative, sealed under the case key; the agencies and dates are codes.

use super::codes::parse_list;
use crate::codes::code_list;
use crate::ids::PersonId;
use crate::text::text_type;
use crate::FieldError;
use time::Date;

code_list!(
    /// Who takes part in an operation.
    Agency, "agencies", {
        Police => "police",
        BorderPolice => "border_police",
        LabourInspectorate => "labour_inspectorate",
        Prosecutor => "prosecutor",
        SocialServices => "social_services",
        Ngo => "ngo",
        Other => "other",
    }
);

code_list!(
    /// Where an operation stands: planned, then executed or cancelled (both final).
    OperationStatus, "status", {
        Planned => "planned",
        Executed => "executed",
        Cancelled => "cancelled",
    }
);

text_type!(
    /// Where the operation takes place: sealed under the case key.
    OperationLocation, "location", 1, 500, true
);
text_type!(
    /// What came of the operation: sealed under the case key.
    OperationOutcome, "outcome", 1, 10_000, true
);
text_type!(
    /// A short name for the operation, e.g. "Farm inspection, Brăila": sealed.
    OperationName, "name", 1, 200, false
);

/// Parses the agencies taking part (at least one).
pub fn parse_agencies(raw: &[String]) -> Result<Vec<Agency>, FieldError> {
    parse_list("agencies", raw, true, Agency::parse)
}

/// Checks an execution: its date is a real date, not before the planned date and not in the
/// future.
pub fn check_executed_on(planned: Date, executed: Date, today: Date) -> Result<(), FieldError> {
    if executed < planned {
        return Err(FieldError::new(
            "executed_on",
            "must not be before the planned date",
        ));
    }
    if executed > today {
        return Err(FieldError::new("executed_on", "must not be in the future"));
    }
    Ok(())
}

impl OperationStatus {
    /// Only a planned operation changes, to executed or cancelled.
    pub fn can_move_to(self, next: OperationStatus) -> bool {
        self == OperationStatus::Planned && next != OperationStatus::Planned
    }
}

/// An operation to plan, validated at the edge.
#[derive(Clone, Debug)]
pub struct NewOperation {
    pub name: OperationName,
    pub agencies: Vec<Agency>,
    pub location: OperationLocation,
    pub planned_on: Date,
}

/// How an operation ended, validated at the edge.
#[derive(Clone, Debug)]
pub struct OperationEnd {
    pub status: OperationStatus,
    pub executed_on: Option<Date>,
    pub outcome: Option<OperationOutcome>,
    pub people: Vec<PersonId>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn rules() {
        let p = date!(2026 - 03 - 10);
        assert_eq!(
            check_executed_on(p, date!(2026 - 03 - 09), date!(2026 - 04 - 01))
                .unwrap_err()
                .field,
            "executed_on"
        );
        assert!(check_executed_on(p, p, p).is_ok());
        assert!(check_executed_on(p, date!(2026 - 03 - 11), p).is_err());
        assert!(OperationStatus::Planned.can_move_to(OperationStatus::Executed));
        assert!(!OperationStatus::Executed.can_move_to(OperationStatus::Cancelled));
        assert_eq!(parse_agencies(&[]).unwrap_err().field, "agencies");
    }
}
