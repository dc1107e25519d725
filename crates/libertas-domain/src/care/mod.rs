//! Restore: care plans, consent records and survivor outcome assessments.
//!
//! Consent decides what may be done with a survivor's data, so it is modelled as plain
//! yes/no answers with a history: the newest record wins and a withdrawal is simply a newer
//! record saying no. Outcome assessments follow IJM's Assessment of Survivor Outcomes (ASO):
//! six domains scored 1 (most vulnerable) to 4 by sub-domain, averaged up.

pub mod assessment;
pub mod consent;
pub mod plan;
pub mod schedule;
pub mod story;

pub use assessment::{AssessmentScores, CareDomain, Score, DOMAINS};
pub use consent::{ConsentAnswers, Purpose, RetentionMonths};
pub use plan::{
    check_end, parse_domain, CareGoalId, CarePlanId, CareServiceId, Delivered, DeliveryNote,
    GoalStatus, GoalText, NewDelivery, NewGoal, NewService, Provider, ServiceStatus, ServiceType,
};
pub use schedule::{next_due, ASSESSMENT_MONTHS};
pub use story::{check_pseudonym, NewStory, Pseudonym, StoryId, StoryStatus, StoryText};

crate::text::text_type!(
    /// Why a survivor's care is being closed: required in writing (issue 4, item 11), and
    /// narrative data about the person, so it is sealed under the person's key.
    ClosureJustification, "justification", 20, 10_000, true
);
