//! Suspects' roles in the trafficking process: HTCDS v2 `per_RoleInProcess` (Person
//! Perpetrator Context, a multi-select picklist), plus two roles investigators asked for that
//! HTCDS does not list (`Controller`, `Financier`; map them to `Other` for an HTCDS export).

use crate::codes::code_list;
use crate::FieldError;

code_list!(
    /// What a suspect did in the trafficking process (HTCDS v2 `per_RoleInProcess`).
    SuspectRole, "roles", {
        TravellingPartner => "TravellingPartner",
        Transporter => "Transporter",
        RecruiterOrIntermediary => "RecruiterOrIntermediary",
        BrokerTravelAgent => "BrokerTravelAgent",
        TransferredIndividual => "TransferredIndividual",
        HarbouredIndividual => "HarbouredIndividual",
        SoldIndividual => "SoldIndividual",
        BoughtIndividual => "BoughtIndividual",
        ReceivedIndividual => "ReceivedIndividual",
        ControlledIndividual => "ControlledIndividual",
        Smuggler => "Smuggler",
        Abuser => "Abuser",
        Kidnapper => "Kidnapper",
        Exploiter => "Exploiter",
        // Libertas additions (not in HTCDS v2): export them as `Other`.
        Controller => "Controller",
        Financier => "Financier",
        Other => "Other",
    }
);

impl SuspectRole {
    /// Whether the code is one of HTCDS v2's own (else export it as `Other`).
    pub fn in_htcds(self) -> bool {
        !matches!(self, Self::Controller | Self::Financier)
    }
}

/// Parses a set of role codes: every one must be known (else 400 naming `roles`); duplicates
/// collapse; the result is sorted so that a stored set reads the same every time.
pub fn parse_roles<S: AsRef<str>>(raw: &[S]) -> Result<Vec<SuspectRole>, FieldError> {
    if raw.len() > SuspectRole::ALL.len() * 2 {
        return Err(FieldError::new("roles", "too many roles"));
    }
    let mut out = Vec::with_capacity(raw.len());
    for r in raw {
        out.push(SuspectRole::parse(r.as_ref().trim())?);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_dedupe_and_refuse_unknown_codes() {
        let r = parse_roles(&["Exploiter", "RecruiterOrIntermediary", "Exploiter"]).unwrap();
        assert_eq!(
            r,
            vec![SuspectRole::RecruiterOrIntermediary, SuspectRole::Exploiter]
        );
        let e = parse_roles(&["Exploiter", "Boss"]).unwrap_err();
        assert_eq!(e.field, "roles");
        assert!(e.message.contains("Transporter"));
        assert!(parse_roles::<&str>(&[]).unwrap().is_empty());
        assert!(!SuspectRole::Financier.in_htcds());
        assert!(SuspectRole::Smuggler.in_htcds());
    }
}
