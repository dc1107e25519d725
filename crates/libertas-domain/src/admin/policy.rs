//! Function-level permissions: which role may do what at all.
//!
//! This is the first of the three checks every request passes (function, then organisation,
//! then object membership). It is a plain table so that a reader can audit it at a glance and
//! the access-matrix tests can enumerate it. Organisation and membership checks live next to
//! the data in the store, because they need the database.

use super::Role;

/// Something a user may be allowed to do, independent of any particular record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capability {
    /// Create cases and, as a member, read and write their people and notes.
    WorkCases,
    /// Read the audit trail and administer accounts of the own organisation.
    Administer,
    /// Record training events and mentoring sessions of justice professionals.
    Train,
    /// See the justice indicators (aggregates; small counts suppressed for analysts).
    ReadIndicators,
    /// See the impact measures: the hotline funnel and the assistance rate (aggregates;
    /// protected for analysts and for the network scope).
    ReadImpact,
    /// As a case member, record suspects' roles, charges, hearings, verdicts and sentences.
    Prosecute,
    /// Export the organisation's de-identified, k-anonymised victim records (the CTDC layout)
    /// for a data collaborative. No names, contacts or dates; the store decrypts birth dates
    /// in memory only to band the age.
    ExportDeidentified,
    /// Run the hidden-victim estimate over the organisation's own lists. The store links the
    /// people in memory; the caller sees only the estimate and the suppressed capture-history
    /// table, never a person.
    RunEstimate,
    /// Work with supporters (the public who sign up for updates, later donors): their
    /// sign-ups, consents and the outbox. Only the two supporter roles: no case role, the
    /// administrator included, reaches the donor list (`docs/supporters.md`).
    CareForSupporters,
    /// Record gifts and regular gifts and cancel regular gifts (`supporters/gifts`). Only the
    /// fundraising manager: supporter care reads a donor's giving but does not change it.
    RecordGifts,
}

/// The permissions policy.
pub struct Policy;

impl Policy {
    /// Deny by default: a capability is granted only where this table says so.
    ///
    /// Trainers and analysts never work cases: they see no personal data at all. Analysts get
    /// aggregates through the statistics features instead.
    pub fn allows(role: Role, capability: Capability) -> bool {
        use Capability::*;
        use Role::*;
        match capability {
            WorkCases => matches!(
                role,
                Admin | Hotline | Caseworker | Investigator | Legal | Aftercare
            ),
            Administer => role == Admin,
            Train => matches!(role, Admin | Trainer),
            // Every case role; the supporter side sees no statistic about the case work.
            ReadIndicators => !role.is_supporter_side(),
            ReadImpact => matches!(role, Admin | Analyst),
            Prosecute => matches!(role, Admin | Investigator | Legal),
            ExportDeidentified => matches!(role, Admin | Analyst),
            RunEstimate => matches!(role, Admin | Analyst),
            CareForSupporters => matches!(role, SupporterCare | FundraisingManager),
            RecordGifts => role == FundraisingManager,
        }
    }

    /// Whether this role may ever see personal or narrative data (and therefore needs a second
    /// factor in the browser).
    pub fn reads_personal_data(role: Role) -> bool {
        Self::allows(role, Capability::WorkCases)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analysts_and_trainers_never_work_cases() {
        assert!(!Policy::allows(Role::Analyst, Capability::WorkCases));
        assert!(!Policy::allows(Role::Trainer, Capability::WorkCases));
        assert!(!Policy::reads_personal_data(Role::Analyst));
        assert!(Policy::allows(Role::Caseworker, Capability::WorkCases));
        assert!(Policy::allows(Role::Admin, Capability::Administer));
        assert!(!Policy::allows(Role::Hotline, Capability::Administer));
        assert!(Policy::allows(Role::Investigator, Capability::Prosecute));
        assert!(!Policy::allows(Role::Caseworker, Capability::Prosecute));
        assert!(Policy::allows(
            Role::Analyst,
            Capability::ExportDeidentified
        ));
        assert!(!Policy::allows(
            Role::Caseworker,
            Capability::ExportDeidentified
        ));
        assert!(Policy::allows(Role::Analyst, Capability::ReadImpact));
        assert!(Policy::allows(Role::Analyst, Capability::RunEstimate));
        assert!(!Policy::allows(Role::Caseworker, Capability::RunEstimate));
        assert!(Policy::allows(Role::Admin, Capability::ReadImpact));
        assert!(!Policy::allows(Role::Caseworker, Capability::ReadImpact));
        assert!(!Policy::allows(Role::Trainer, Capability::ReadImpact));
    }

    #[test]
    fn the_supporter_side_and_the_case_side_never_meet() {
        for role in Role::ALL {
            let supporter = role.is_supporter_side();
            assert_eq!(
                Policy::allows(role, Capability::CareForSupporters),
                supporter
            );
            assert_eq!(
                Policy::allows(role, Capability::RecordGifts),
                role == Role::FundraisingManager
            );
            for c in [
                Capability::WorkCases,
                Capability::Administer,
                Capability::Train,
                Capability::ReadIndicators,
                Capability::ReadImpact,
                Capability::Prosecute,
                Capability::ExportDeidentified,
                Capability::RunEstimate,
            ] {
                if supporter {
                    assert!(!Policy::allows(role, c), "{role} {c:?}");
                }
            }
        }
    }
}
