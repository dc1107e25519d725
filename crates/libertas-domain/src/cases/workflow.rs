//! The case workflow: which status may follow which, the reason a case is closed or reopened,
//! and the role each member plays in a case.
//!
//! HTCDS v2 gives the statuses (`cas_Status`) but leaves `cas_ReasonForCaseClosure` as long
//! text. Free text here would be narrative data (reasons name people), so Libertas records a
//! code instead: it can be counted in the indicators and never needs sealing. Notes carry the
//! story.

use super::CaseStatus;
use crate::FieldError;

/// Why a case was closed (a code standing in for HTCDS `cas_ReasonForCaseClosure`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClosureReason {
    /// The case plan was completed and the survivor agreed to close.
    GoalsAchieved,
    /// Handed over to another organisation (the usual reason for `ClosedReferred`).
    ReferredElsewhere,
    /// The survivor chose to stop working with the organisation.
    SurvivorDeclined,
    /// No contact despite follow-up attempts.
    LostContact,
    /// The survivor moved out of the organisation's reach.
    Relocated,
    Deceased,
    /// Assessment found the situation was not trafficking.
    NotTrafficking,
    /// The same situation is handled in another case.
    Duplicate,
    Other,
}

impl ClosureReason {
    pub const ALL: [ClosureReason; 9] = [
        ClosureReason::GoalsAchieved,
        ClosureReason::ReferredElsewhere,
        ClosureReason::SurvivorDeclined,
        ClosureReason::LostContact,
        ClosureReason::Relocated,
        ClosureReason::Deceased,
        ClosureReason::NotTrafficking,
        ClosureReason::Duplicate,
        ClosureReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClosureReason::GoalsAchieved => "GoalsAchieved",
            ClosureReason::ReferredElsewhere => "ReferredElsewhere",
            ClosureReason::SurvivorDeclined => "SurvivorDeclined",
            ClosureReason::LostContact => "LostContact",
            ClosureReason::Relocated => "Relocated",
            ClosureReason::Deceased => "Deceased",
            ClosureReason::NotTrafficking => "NotTrafficking",
            ClosureReason::Duplicate => "Duplicate",
            ClosureReason::Other => "Other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }
}

impl crate::codes::CodeList for ClosureReason {
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|r| r.as_str()).collect()
    }
}

/// Why a closed case was opened again. Codes for the same reason as closure reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReopenReason {
    NewInformation,
    /// The survivor came back with new needs.
    NewNeeds,
    ClosedInError,
    Other,
}

impl ReopenReason {
    pub const ALL: [ReopenReason; 4] = [
        ReopenReason::NewInformation,
        ReopenReason::NewNeeds,
        ReopenReason::ClosedInError,
        ReopenReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReopenReason::NewInformation => "NewInformation",
            ReopenReason::NewNeeds => "NewNeeds",
            ReopenReason::ClosedInError => "ClosedInError",
            ReopenReason::Other => "Other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }
}

impl crate::codes::CodeList for ReopenReason {
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|r| r.as_str()).collect()
    }
}

/// A requested status change. [`StatusRequest::parse`] checks what the request alone must
/// satisfy (closing names a closure reason; reopening may name a reopen reason; a move between
/// open statuses names none), [`StatusRequest::apply`] what depends on where the case stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusRequest {
    pub to: CaseStatus,
    reason: Option<Reason>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reason {
    Close(ClosureReason),
    Reopen(ReopenReason),
}

/// A status change that is allowed from the current status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// Active ↔ FollowUp: no reason needed.
    Move { from: CaseStatus, to: CaseStatus },
    Close {
        from: CaseStatus,
        to: CaseStatus,
        reason: ClosureReason,
    },
    Reopen {
        from: CaseStatus,
        reason: ReopenReason,
    },
}

impl Transition {
    pub fn to(self) -> CaseStatus {
        match self {
            Transition::Move { to, .. } | Transition::Close { to, .. } => to,
            Transition::Reopen { .. } => CaseStatus::Active,
        }
    }

    pub fn from(self) -> CaseStatus {
        match self {
            Transition::Move { from, .. }
            | Transition::Close { from, .. }
            | Transition::Reopen { from, .. } => from,
        }
    }

    /// The reason code, for the audit detail and the `cases.closure_reason` column.
    pub fn reason_code(self) -> Option<&'static str> {
        match self {
            Transition::Move { .. } => None,
            Transition::Close { reason, .. } => Some(reason.as_str()),
            Transition::Reopen { reason, .. } => Some(reason.as_str()),
        }
    }
}

fn is_closed(s: CaseStatus) -> bool {
    matches!(s, CaseStatus::Closed | CaseStatus::ClosedReferred)
}

impl StatusRequest {
    /// Parses the request; an empty reason counts as none. Errors name `status` or `reason`.
    pub fn parse(status: &str, reason: Option<&str>) -> Result<Self, FieldError> {
        let to = CaseStatus::parse(status.trim())?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let reason = match (to, reason) {
            (CaseStatus::Closed | CaseStatus::ClosedReferred, None) => {
                return Err(FieldError::new("reason", "closing needs a reason"))
            }
            (CaseStatus::Closed | CaseStatus::ClosedReferred, Some(raw)) => {
                Some(Reason::Close(ClosureReason::parse(raw).ok_or_else(
                    || FieldError::new("reason", "must be one of the closure reason codes"),
                )?))
            }
            (CaseStatus::Active, Some(raw)) => Some(Reason::Reopen(
                ReopenReason::parse(raw).ok_or_else(|| {
                    FieldError::new(
                        "reason",
                        "must be one of NewInformation, NewNeeds, ClosedInError, Other",
                    )
                })?,
            )),
            (CaseStatus::FollowUp, Some(_)) => {
                return Err(FieldError::new(
                    "reason",
                    "only closing or reopening takes a reason",
                ))
            }
            (CaseStatus::Active | CaseStatus::FollowUp, None) => None,
        };
        Ok(Self { to, reason })
    }

    /// Checks the change against the current status. An error is a conflict with that status
    /// (409 naming `status` or `reason`), never a malformed request: `parse` caught those.
    pub fn apply(&self, from: CaseStatus) -> Result<Transition, FieldError> {
        let to = self.to;
        if to == from {
            return Err(FieldError::new(
                "status",
                "the case already has this status",
            ));
        }
        if is_closed(from) {
            if to != CaseStatus::Active {
                return Err(FieldError::new(
                    "status",
                    "a closed case can only be reopened (Active)",
                ));
            }
            return match self.reason {
                Some(Reason::Reopen(reason)) => Ok(Transition::Reopen { from, reason }),
                _ => Err(FieldError::new(
                    "reason",
                    "reopening a closed case needs a reason",
                )),
            };
        }
        match self.reason {
            Some(Reason::Close(reason)) => Ok(Transition::Close { from, to, reason }),
            None => Ok(Transition::Move { from, to }),
            Some(Reason::Reopen(_)) => Err(FieldError::new(
                "reason",
                "the case is open: only a closed case is reopened with a reason",
            )),
        }
    }
}

/// The statuses a case may move to next, for the page's form.
pub fn next_statuses(from: CaseStatus) -> Vec<CaseStatus> {
    if is_closed(from) {
        return vec![CaseStatus::Active];
    }
    CaseStatus::ALL.into_iter().filter(|s| *s != from).collect()
}

/// The part a member plays in one case, independent of their staff role: an investigator may
/// support a case led by a caseworker. `Lead` belongs to the owner alone and moves with
/// ownership, so a case always has exactly one lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseRole {
    Lead,
    Caseworker,
    Investigator,
    Legal,
    Aftercare,
    Support,
}

impl CaseRole {
    pub const ALL: [CaseRole; 6] = [
        CaseRole::Lead,
        CaseRole::Caseworker,
        CaseRole::Investigator,
        CaseRole::Legal,
        CaseRole::Aftercare,
        CaseRole::Support,
    ];

    /// A member without a recorded role works the case as a caseworker.
    pub const DEFAULT: CaseRole = CaseRole::Caseworker;

    pub fn as_str(self) -> &'static str {
        match self {
            CaseRole::Lead => "lead",
            CaseRole::Caseworker => "caseworker",
            CaseRole::Investigator => "investigator",
            CaseRole::Legal => "legal",
            CaseRole::Aftercare => "aftercare",
            CaseRole::Support => "support",
        }
    }

    /// The roles a member may be given: all but `lead`, which comes with ownership.
    pub fn assignable() -> impl Iterator<Item = CaseRole> {
        Self::ALL.into_iter().filter(|r| *r != CaseRole::Lead)
    }

    /// Parses a role a member may be given; `lead` is refused because it comes with ownership.
    pub fn parse_assignable(raw: &str) -> Result<Self, FieldError> {
        match Self::ALL.into_iter().find(|r| r.as_str() == raw.trim()) {
            Some(CaseRole::Lead) => Err(FieldError::new(
                "role",
                "the lead is the case owner: change the owner instead",
            )),
            Some(r) => Ok(r),
            None => Err(FieldError::new(
                "role",
                "must be one of caseworker, investigator, legal, aftercare, support",
            )),
        }
    }

    /// Reads a stored value; anything unknown or absent is the default.
    pub fn from_stored(raw: Option<&str>) -> Self {
        raw.and_then(|r| Self::ALL.into_iter().find(|x| x.as_str() == r))
            .unwrap_or(Self::DEFAULT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseStatus::*;

    fn req(to: &str, reason: Option<&str>) -> StatusRequest {
        StatusRequest::parse(to, reason).unwrap()
    }

    #[test]
    fn open_states_move_freely_without_reason() {
        assert_eq!(req("FollowUp", None).apply(Active).unwrap().to(), FollowUp);
        assert_eq!(
            req("Active", Some(" ")).apply(FollowUp).unwrap().to(),
            Active
        );
        assert_eq!(
            StatusRequest::parse("FollowUp", Some("Other"))
                .unwrap_err()
                .field,
            "reason"
        );
        assert_eq!(
            req("Active", None).apply(Active).unwrap_err().field,
            "status"
        );
        assert_eq!(
            req("Active", Some("NewNeeds"))
                .apply(FollowUp)
                .unwrap_err()
                .field,
            "reason",
            "an open case is not reopened"
        );
    }

    #[test]
    fn closing_needs_a_known_reason() {
        for to in ["Closed", "ClosedReferred"] {
            assert_eq!(StatusRequest::parse(to, None).unwrap_err().field, "reason");
            assert_eq!(
                StatusRequest::parse(to, Some("bored")).unwrap_err().field,
                "reason"
            );
            assert_eq!(
                StatusRequest::parse(to, Some("NewNeeds"))
                    .unwrap_err()
                    .field,
                "reason"
            );
            let t = req(to, Some("Duplicate")).apply(FollowUp).unwrap();
            assert_eq!(t.reason_code(), Some("Duplicate"));
        }
    }

    #[test]
    fn closed_cases_only_reopen_with_a_reason() {
        for from in [Closed, ClosedReferred] {
            assert_eq!(
                req("FollowUp", None).apply(from).unwrap_err().field,
                "status"
            );
            assert_eq!(
                req("Closed", Some("Other"))
                    .apply(ClosedReferred)
                    .unwrap_err()
                    .field,
                "status"
            );
            assert_eq!(req("Active", None).apply(from).unwrap_err().field, "reason");
            assert_eq!(
                StatusRequest::parse("Active", Some("GoalsAchieved"))
                    .unwrap_err()
                    .field,
                "reason"
            );
            let t = req("Active", Some("NewNeeds")).apply(from).unwrap();
            assert_eq!((t.from(), t.to()), (from, Active));
            assert_eq!(next_statuses(from), vec![Active]);
        }
        assert_eq!(next_statuses(Active).len(), 3);
    }

    #[test]
    fn roles() {
        assert!(CaseRole::parse_assignable("lead").is_err());
        assert!(CaseRole::parse_assignable("observer").is_err());
        assert_eq!(
            CaseRole::parse_assignable("legal").unwrap(),
            CaseRole::Legal
        );
        assert_eq!(CaseRole::from_stored(None), CaseRole::Caseworker);
        for r in ClosureReason::ALL {
            assert_eq!(ClosureReason::parse(r.as_str()), Some(r));
        }
        for r in ReopenReason::ALL {
            assert_eq!(ReopenReason::parse(r.as_str()), Some(r));
        }
    }
}
