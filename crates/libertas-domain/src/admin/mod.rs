//! Staff accounts, roles and the permissions policy.

pub mod password_rules;
mod policy;
mod roles;
mod users;

pub use password_rules::PasswordProblem;
pub use policy::{Capability, Policy};
pub use roles::Role;
pub use users::{OrgName, Password, Username};

use crate::ids::{OrgId, UserId};

/// An authenticated staff member: who is asking, for which organisation, in which role.
/// Built only by the store after a session or token check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub user_id: UserId,
    pub org_id: OrgId,
    pub role: Role,
    pub username: String,
}

impl Principal {
    pub fn can(&self, capability: Capability) -> bool {
        Policy::allows(self.role, capability)
    }
}
