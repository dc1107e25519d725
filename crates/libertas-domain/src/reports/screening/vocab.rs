//! The closed code lists a screening is made of.
//!
//! The lists and their order are the contract of issue 3 ("Screening rules"): acts, means and
//! purposes follow the three elements of the Palermo Protocol art. 3(a), and the indicators are
//! the eleven ILO indicators of forced labour (ILO, 2012). Declaration order is the order used
//! in results (`means_found`, `exploitation`), so the derived `Ord` doubles as the documented,
//! stable output order and sets of these codes iterate in it.

use serde::{Serialize, Serializer};
use std::fmt;

/// Declares a code list: an enum whose wire name is the snake_case code, with `ALL` in
/// contract order, `as_str`, `from_code` and `Serialize` as the code string.
macro_rules! code_list {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in the order of the contract (and of results).
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code used in JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value for a JSON code, or `None` when the code is not in the list.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// All codes, comma separated, for error messages that list what is accepted.
            pub fn expected() -> String {
                let codes: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                codes.join(", ")
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

code_list!(
    /// The "act" element (Palermo art. 3(a)): what was done with the person.
    Act {
        Recruitment => "recruitment",
        Transportation => "transportation",
        Transfer => "transfer",
        Harbouring => "harbouring",
        Receipt => "receipt",
    }
);

code_list!(
    /// The "means" element (Palermo art. 3(a)): how the person's will was overridden.
    Means {
        Threat => "threat",
        Force => "force",
        Coercion => "coercion",
        Abduction => "abduction",
        Fraud => "fraud",
        Deception => "deception",
        AbuseOfPower => "abuse_of_power",
        AbuseOfVulnerability => "abuse_of_vulnerability",
        /// Giving or receiving payments or benefits to get the consent of a person having
        /// control over another person.
        PaymentToController => "payment_to_controller",
    }
);

code_list!(
    /// The "purpose" element (Palermo art. 3(a)): the exploitation intended or taking place.
    Purpose {
        SexualExploitation => "sexual_exploitation",
        OnlineSexualExploitation => "online_sexual_exploitation",
        ForcedLabour => "forced_labour",
        DomesticServitude => "domestic_servitude",
        ForcedBegging => "forced_begging",
        ForcedCriminality => "forced_criminality",
        ForcedMarriage => "forced_marriage",
        Slavery => "slavery",
        Servitude => "servitude",
        OrganRemoval => "organ_removal",
    }
);

code_list!(
    /// The eleven ILO indicators of forced labour: signs a caller can observe and describe
    /// without knowing the law. Most of them are also means of trafficking (see
    /// [`Indicator::means`]).
    Indicator {
        AbuseOfVulnerability => "abuse_of_vulnerability",
        Deception => "deception",
        RestrictionOfMovement => "restriction_of_movement",
        Isolation => "isolation",
        PhysicalAndSexualViolence => "physical_and_sexual_violence",
        IntimidationAndThreats => "intimidation_and_threats",
        RetentionOfIdentityDocuments => "retention_of_identity_documents",
        WithholdingOfWages => "withholding_of_wages",
        DebtBondage => "debt_bondage",
        AbusiveWorkingAndLivingConditions => "abusive_working_and_living_conditions",
        ExcessiveOvertime => "excessive_overtime",
    }
);

code_list!(
    /// Whether, and how, the person crossed a border. Absent means the same as `unknown`.
    BorderCrossing {
        Irregular => "irregular",
        Regular => "regular",
        None => "none",
        Unknown => "unknown",
    }
);

impl Indicator {
    /// The means of trafficking this indicator shows, if any (the contract's mapping).
    ///
    /// Abusive working and living conditions and excessive overtime are signs of forced labour
    /// but do not by themselves show how the person's will was overridden, so they map to
    /// nothing.
    pub const fn means(self) -> Option<Means> {
        match self {
            Indicator::Deception => Some(Means::Deception),
            Indicator::PhysicalAndSexualViolence => Some(Means::Force),
            Indicator::IntimidationAndThreats => Some(Means::Threat),
            Indicator::AbuseOfVulnerability => Some(Means::AbuseOfVulnerability),
            Indicator::DebtBondage
            | Indicator::RetentionOfIdentityDocuments
            | Indicator::RestrictionOfMovement
            | Indicator::Isolation
            | Indicator::WithholdingOfWages => Some(Means::Coercion),
            Indicator::AbusiveWorkingAndLivingConditions | Indicator::ExcessiveOvertime => None,
        }
    }
}

impl Purpose {
    /// Purposes that, with means but no act, point to forced labour (verdict rule 3).
    pub const fn is_forced_labour_kind(self) -> bool {
        matches!(
            self,
            Purpose::ForcedLabour
                | Purpose::DomesticServitude
                | Purpose::Slavery
                | Purpose::Servitude
        )
    }
}
