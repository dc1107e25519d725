//! Restore: care plans, consent records, survivor outcome assessments and the closing of care.
//!
//! All belong to a person, so access follows the person: a caller who works cases may read
//! or record them when they are a member of a case the person is part of, in their own
//! organisation; anyone else gets `NotFound`, as if the person did not exist.

pub(crate) mod assessments;
mod closure;
mod consent;
mod due;
pub(crate) mod export;
mod items;
mod plans;
mod sealed;
pub(crate) mod stories;

pub use assessments::AssessmentView;
pub use closure::ClosureView;
pub use consent::ConsentView;
pub use due::INTAKE_TITLE;
pub use plans::{CarePlanView, DeliveryView, GoalView, ServiceView};
pub use stories::StoryView;

use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::PersonId;

impl Store {
    /// Checks that `p` may see `person` (role, organisation, membership of one of the
    /// person's cases). `Forbidden` for a role that never works cases, `NotFound` otherwise.
    pub(crate) async fn check_person_member(
        &self,
        p: &Principal,
        person: PersonId,
    ) -> Result<(), StoreError> {
        crate::cases::require_case_work(p)?;
        let row = sqlx::query(
            "select 1 from case_people cp
             join cases c on c.id = cp.case_id
             join case_members m on m.case_id = cp.case_id
             join persons x on x.id = cp.person_id
             where cp.person_id = $1 and c.org_id = $2 and x.org_id = $2 and m.user_id = $3
             limit 1",
        )
        .bind(person.to_string())
        .bind(p.org_id.to_string())
        .bind(p.user_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        row.map(|_| ()).ok_or(StoreError::NotFound)
    }
}
