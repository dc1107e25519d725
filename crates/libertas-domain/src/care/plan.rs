//! Individual care plans: goals by ASO domain and services by HTCDS support-plan type.
//!
//! A survivor's plan says what they want to reach (goals, each in one of the six outcome
//! domains of `assessment::DOMAINS`, so progress can be read against the assessment scores)
//! and what is done for them (services, typed by the HTCDS v2 `spl_Type` code list plus
//! housing and counselling, which the issue asks for and HTCDS folds into social care and
//! health). Goal text, providers and what was delivered describe the person, so the store
//! seals them under the person's key; codes, dates and statuses stay plain.

use super::assessment::DOMAINS;
use crate::codes::code_list;
use crate::ids::id_type;
use crate::text::text_type;
use crate::FieldError;
use time::Date;

id_type!(
    /// A survivor's care plan.
    CarePlanId
);
id_type!(
    /// A goal of a care plan.
    CareGoalId
);
id_type!(
    /// A service of a care plan.
    CareServiceId
);

code_list!(
    /// The kind of a service: HTCDS v2 `spl_Type` values, then Housing and Counselling.
    ServiceType, "service_type", {
        Education => "Education",
        Financial => "Financial",
        Health => "Health",
        LabourExploitationRehabilitation => "LabourExploitationRehabilitation",
        Legal => "Legal",
        Livelihood => "Livelihood",
        RightsBasedTraining => "RightsBasedTraining",
        SexualExploitationRehabilitation => "SexualExploitationRehabilitation",
        SocialCare => "SocialCare",
        Housing => "Housing",
        Counselling => "Counselling",
    }
);

code_list!(
    /// Where a service is: planned, under way, finished, or called off.
    ServiceStatus, "status", {
        Planned => "planned",
        Active => "active",
        Completed => "completed",
        Cancelled => "cancelled",
    }
);

code_list!(
    /// Where a goal is.
    GoalStatus, "status", {
        Planned => "planned",
        InProgress => "in_progress",
        Achieved => "achieved",
        Discontinued => "discontinued",
    }
);

text_type!(
    /// What the survivor wants to reach: narrative data, sealed under the person's key.
    GoalText, "text", 1, 2_000, true
);

text_type!(
    /// Who provides a service. A shelter's name can say where a survivor lives, so it is
    /// sealed under the person's key.
    Provider, "provider", 1, 200, false
);

text_type!(
    /// What was delivered on one occasion (e.g. "counselling session"); sealed.
    Delivered, "delivered", 1, 500, false
);

text_type!(
    /// A note on one delivery: narrative data, sealed.
    DeliveryNote, "note", 1, 10_000, true
);

/// The key of an ASO domain (`safety`, `legal_protection`, …), checked against `DOMAINS`.
pub fn parse_domain(raw: &str) -> Result<&'static str, FieldError> {
    DOMAINS
        .iter()
        .map(|d| d.key)
        .find(|k| *k == raw.trim())
        .ok_or_else(|| {
            let keys: Vec<&str> = DOMAINS.iter().map(|d| d.key).collect();
            FieldError::new("domain", format!("must be one of {}", keys.join(", ")))
        })
}

/// A goal as written into a plan, validated.
#[derive(Clone, Debug)]
pub struct NewGoal {
    pub domain: &'static str,
    pub text: GoalText,
    pub target_date: Option<Date>,
    pub status: GoalStatus,
}

/// A service as written into a plan, validated by [`NewService::check`].
#[derive(Clone, Debug)]
pub struct NewService {
    pub service_type: ServiceType,
    pub provider: Provider,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub status: ServiceStatus,
}

impl NewService {
    /// A service cannot end before it starts.
    pub fn check(&self) -> Result<(), FieldError> {
        check_end(self.start_date, self.end_date)
    }
}

/// `end` (if any) must not be before `start`; the error names `end_date`.
pub fn check_end(start: Date, end: Option<Date>) -> Result<(), FieldError> {
    match end {
        Some(e) if e < start => Err(FieldError::new(
            "end_date",
            "must not be before the start date",
        )),
        _ => Ok(()),
    }
}

/// One occasion a service was delivered.
#[derive(Clone, Debug)]
pub struct NewDelivery {
    pub delivered_on: Date,
    pub delivered: Delivered,
    pub note: Option<DeliveryNote>,
}

impl NewDelivery {
    /// A delivery falls on or after the service's start and not after `today`.
    pub fn check(&self, start: Date, today: Date) -> Result<(), FieldError> {
        if self.delivered_on < start {
            return Err(FieldError::new(
                "delivered_on",
                "must not be before the service's start date",
            ));
        }
        if self.delivered_on > today {
            return Err(FieldError::new("delivered_on", "must not be in the future"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn codes_round_trip_and_name_their_field() {
        for t in ServiceType::ALL {
            assert_eq!(ServiceType::parse(t.as_str()).unwrap(), *t);
        }
        assert_eq!(ServiceType::parse("Spa").unwrap_err().field, "service_type");
        assert_eq!(ServiceStatus::parse("done").unwrap_err().field, "status");
        assert_eq!(
            GoalStatus::parse("in_progress").unwrap(),
            GoalStatus::InProgress
        );
        assert_eq!(parse_domain("safety").unwrap(), "safety");
        assert_eq!(parse_domain("wealth").unwrap_err().field, "domain");
    }

    #[test]
    fn a_service_cannot_end_before_it_starts() {
        let s = NewService {
            service_type: ServiceType::Housing,
            provider: Provider::parse("Casa Noua").unwrap(),
            start_date: date!(2026 - 03 - 01),
            end_date: Some(date!(2026 - 02 - 28)),
            status: ServiceStatus::Planned,
        };
        assert_eq!(s.check().unwrap_err().field, "end_date");
        let same_day = NewService {
            end_date: Some(date!(2026 - 03 - 01)),
            ..s
        };
        assert!(same_day.check().is_ok());
    }

    #[test]
    fn deliveries_fall_within_the_service() {
        let d = NewDelivery {
            delivered_on: date!(2026 - 01 - 10),
            delivered: Delivered::parse("Session").unwrap(),
            note: None,
        };
        let e = d.check(date!(2026 - 01 - 11), date!(2026 - 02 - 01));
        assert_eq!(e.unwrap_err().field, "delivered_on");
        assert!(d
            .check(date!(2026 - 01 - 10), date!(2026 - 01 - 10))
            .is_ok());
        assert!(d
            .check(date!(2026 - 01 - 01), date!(2026 - 01 - 09))
            .is_err());
    }
}
