//! The fields of the HTCDS v2 export (Human Trafficking Case Data Standard 2.0,
//! UNMigration/HTCDS, `HTCDS Field Standards 2.0.ods`): what Libertas fills, by HTCDS field
//! name with its prefix, and the one table that maps the codes of a screening onto the HTCDS
//! picklists `vic_MethodsOfControl` and `vic_TypeOfExploitation`. `docs/exports.md` lists the
//! fields Libertas does not hold.

use crate::reports::screening::{Indicator, Means, Purpose};
use crate::stats::ctdc::Exploitation;

/// Fields of a case (`cas_`), plus the case number, a Libertas extension (`lib_`).
pub const CASE_FIELDS: [&str; 5] = [
    "lib_CaseNumber",
    "cas_Status",
    "cas_ReasonForCaseClosure",
    "cas_CaseOwner",
    "victims",
];
/// Fields of a victim without personal data (`prs_` codes and `vic_`).
pub const VICTIM_FIELDS: [&str; 7] = [
    "prs_Gender",
    "prs_Citizenship",
    "prs_PrimaryLanguage",
    "prs_SecondaryLanguage",
    "vic_TraffickingStatus",
    "vic_MethodsOfControl",
    "vic_TypeOfExploitation",
];
/// Personal fields of a victim, written only when personal data is asked for.
pub const PERSONAL_FIELDS: [&str; 6] = [
    "prs_FirstName",
    "prs_SecondName",
    "prs_Birthdate",
    "prs_Email",
    "prs_MobilePhone",
    "prs_IdentityNumber",
];

/// The value names of `vic_MethodsOfControl` in HTCDS 2.0, in the standard's order.
pub const METHODS_OF_CONTROL: [&str; 16] = [
    "PhysicalThreats",
    "ThreatsLawEnforcement",
    "ThreatensChildrenFamily",
    "DebtBondage",
    "FalsePromises",
    "PhysicalAbuse",
    "SexualAbuse",
    "TakesEarnings",
    "RestrictsFinancialAccess",
    "RestrictsMedicalCare",
    "WithholdsNecessities",
    "PsychologicalAbuse",
    "PsychoactiveSubstance",
    "ExcessiveWorkingHours",
    "WithholdsDocuments",
    "Other",
];

/// The value names of `vic_TypeOfExploitation` in HTCDS 2.0, in the standard's order.
pub const TYPES_OF_EXPLOITATION: [&str; 11] = [
    "ForcedLabour",
    "SexualExploitation",
    "ChildLabour",
    "ForcedMarriage",
    "Servitude",
    "ForcedMilitaryByNonStateActors",
    "OrganRemoval",
    "ForcedBegging",
    "ForcedAdoption",
    "Surrogacy",
    "Other",
];

/// A code of a screening: a Palermo means, an ILO indicator or a Palermo purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScreeningCode {
    Means(Means),
    Indicator(Indicator),
    Purpose(Purpose),
}

/// The HTCDS field a code fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HtcdsField {
    MethodsOfControl,
    TypeOfExploitation,
}

use HtcdsField::{MethodsOfControl as Control, TypeOfExploitation as Type};
use ScreeningCode::{Indicator as I, Means as M, Purpose as P};

/// The mapping, one row per (code, HTCDS value). A code maps to the value it implies and to
/// nothing more: where HTCDS has no value that the code implies (coercion, abuse of power,
/// isolation, slavery, forced criminality…) it maps to `Other`, never to a guess at a more
/// specific value. `docs/exports.md` prints this table.
pub const CODE_TABLE: [(ScreeningCode, HtcdsField, &str); 31] = [
    // Means (Palermo art. 3(a)).
    (M(Means::Threat), Control, "PhysicalThreats"),
    (M(Means::Force), Control, "PhysicalAbuse"),
    (M(Means::Coercion), Control, "Other"),
    (M(Means::Abduction), Control, "Other"),
    (M(Means::Fraud), Control, "FalsePromises"),
    (M(Means::Deception), Control, "FalsePromises"),
    (M(Means::AbuseOfPower), Control, "Other"),
    (M(Means::AbuseOfVulnerability), Control, "Other"),
    (M(Means::PaymentToController), Control, "Other"),
    // ILO indicators of forced labour.
    (I(Indicator::AbuseOfVulnerability), Control, "Other"),
    (I(Indicator::Deception), Control, "FalsePromises"),
    (I(Indicator::RestrictionOfMovement), Control, "Other"),
    (I(Indicator::Isolation), Control, "Other"),
    (
        I(Indicator::PhysicalAndSexualViolence),
        Control,
        "PhysicalAbuse",
    ),
    (
        I(Indicator::IntimidationAndThreats),
        Control,
        "PsychologicalAbuse",
    ),
    (
        I(Indicator::RetentionOfIdentityDocuments),
        Control,
        "WithholdsDocuments",
    ),
    (I(Indicator::WithholdingOfWages), Control, "TakesEarnings"),
    (I(Indicator::DebtBondage), Control, "DebtBondage"),
    (
        I(Indicator::AbusiveWorkingAndLivingConditions),
        Control,
        "Other",
    ),
    (
        I(Indicator::ExcessiveOvertime),
        Control,
        "ExcessiveWorkingHours",
    ),
    // Purposes (Palermo art. 3(a)).
    (P(Purpose::SexualExploitation), Type, "SexualExploitation"),
    (
        P(Purpose::OnlineSexualExploitation),
        Type,
        "SexualExploitation",
    ),
    (P(Purpose::ForcedLabour), Type, "ForcedLabour"),
    (P(Purpose::DomesticServitude), Type, "ForcedLabour"),
    (P(Purpose::DomesticServitude), Type, "Servitude"),
    (P(Purpose::ForcedBegging), Type, "ForcedBegging"),
    (P(Purpose::ForcedCriminality), Type, "Other"),
    (P(Purpose::ForcedMarriage), Type, "ForcedMarriage"),
    (P(Purpose::Slavery), Type, "Other"),
    (P(Purpose::Servitude), Type, "Servitude"),
    (P(Purpose::OrganRemoval), Type, "OrganRemoval"),
];

/// The HTCDS values of `field` that the screening codes `e` fill, each once, in the
/// standard's order.
pub fn values(e: &Exploitation, field: HtcdsField) -> Vec<&'static str> {
    let held = |code: &ScreeningCode| match code {
        ScreeningCode::Means(m) => e.means.contains(m),
        ScreeningCode::Indicator(i) => e.indicators.contains(i),
        ScreeningCode::Purpose(p) => e.purposes.contains(p),
    };
    let on: Vec<&str> = CODE_TABLE
        .iter()
        .filter(|(code, f, _)| *f == field && held(code))
        .map(|(_, _, v)| *v)
        .collect();
    let vocabulary: &[&'static str] = match field {
        HtcdsField::MethodsOfControl => &METHODS_OF_CONTROL,
        HtcdsField::TypeOfExploitation => &TYPES_OF_EXPLOITATION,
    };
    vocabulary
        .iter()
        .copied()
        .filter(|v| on.contains(v))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_maps_into_the_htcds_vocabulary() {
        let mapped = |c: ScreeningCode| CODE_TABLE.iter().any(|(code, _, _)| *code == c);
        for m in Means::ALL {
            assert!(mapped(ScreeningCode::Means(*m)), "{m}");
        }
        for i in Indicator::ALL {
            assert!(mapped(ScreeningCode::Indicator(*i)), "{i}");
        }
        for p in Purpose::ALL {
            assert!(mapped(ScreeningCode::Purpose(*p)), "{p}");
        }
        for (code, field, value) in CODE_TABLE {
            let (ok, right_field) = match field {
                HtcdsField::MethodsOfControl => (
                    METHODS_OF_CONTROL.contains(&value),
                    !matches!(code, ScreeningCode::Purpose(_)),
                ),
                HtcdsField::TypeOfExploitation => (
                    TYPES_OF_EXPLOITATION.contains(&value),
                    matches!(code, ScreeningCode::Purpose(_)),
                ),
            };
            assert!(ok && right_field, "{code:?} -> {field:?} {value}");
        }
    }

    #[test]
    fn values_come_once_in_the_standards_order() {
        let mut e = Exploitation::default();
        e.means
            .extend([Means::Deception, Means::Fraud, Means::Coercion]);
        e.indicators.extend([
            Indicator::DebtBondage,
            Indicator::Deception,
            Indicator::Isolation,
        ]);
        e.purposes
            .extend([Purpose::DomesticServitude, Purpose::ForcedLabour]);
        assert_eq!(
            values(&e, HtcdsField::MethodsOfControl),
            ["DebtBondage", "FalsePromises", "Other"]
        );
        assert_eq!(
            values(&e, HtcdsField::TypeOfExploitation),
            ["ForcedLabour", "Servitude"]
        );
        assert!(values(&Exploitation::default(), HtcdsField::MethodsOfControl).is_empty());
    }
}
