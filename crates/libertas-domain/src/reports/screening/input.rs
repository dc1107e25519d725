//! What a screening is computed from: the answers an operator (or a web form) collected.
//!
//! Every answer is optional because callers rarely know everything; an unknown answer must
//! never be mistaken for "no". That is why the yes/no answers are `Option<bool>`: for example
//! `free_on_arrival: None` (not asked) and `Some(false)` (not free) lead to different verdicts.
//! Values are valid by construction, so the rules never re-check them.

use super::vocab::{Act, BorderCrossing, Indicator, Means, Purpose};
use serde::{Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;

/// A person's age in whole years, 0 to 130.
///
/// The upper bound rejects typing slips (a year of birth typed as an age) instead of carrying
/// them into a legal assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Age(u8);

/// The age was outside 0 to 130.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("must be a whole number from 0 to {max}", max = Age::MAX)]
pub struct AgeOutOfRange;

impl Age {
    /// The oldest accepted age.
    pub const MAX: u8 = 130;
    /// The age of majority: under it a person is a child (Palermo art. 3(d)).
    pub const ADULT: u8 = 18;

    /// The age in whole years.
    pub const fn years(self) -> u8 {
        self.0
    }

    /// Under 18: a child needs no means to be trafficked (Palermo art. 3(c), 3(d)).
    pub const fn is_child(self) -> bool {
        self.0 < Self::ADULT
    }
}

impl TryFrom<u64> for Age {
    type Error = AgeOutOfRange;

    fn try_from(years: u64) -> Result<Self, Self::Error> {
        match u8::try_from(years) {
            Ok(y) if y <= Self::MAX => Ok(Age(y)),
            _ => Err(AgeOutOfRange),
        }
    }
}

impl fmt::Display for Age {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Age {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.0)
    }
}

/// The answers of one screening. Build it with [`super::parse_screening`] from JSON, or
/// directly (all fields are already valid types).
///
/// Serialises back to the same JSON shape it is parsed from, leaving out unanswered fields,
/// so a screening can be stored and recomputed later under newer rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ScreeningInput {
    /// `None` when the age is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<Age>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub acts: BTreeSet<Act>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub means: BTreeSet<Means>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub purposes: BTreeSet<Purpose>,
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub indicators: BTreeSet<Indicator>,
    /// `None` means the same as [`BorderCrossing::Unknown`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub border_crossing: Option<BorderCrossing>,
    /// Someone was paid to arrange the crossing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_facilitator: Option<bool>,
    /// The person was free to go their own way after arriving.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_on_arrival: Option<bool>,
    /// The person agreed to what happened. Never changes the verdict (Palermo art. 3(b)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consented: Option<bool>,
    /// Someone is in danger now: the result is urgent whatever the verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_danger_now: Option<bool>,
}

/// The JSON field names of [`ScreeningInput`], in the order error messages list them.
pub const FIELDS: &[&str] = &[
    "age",
    "acts",
    "means",
    "purposes",
    "indicators",
    "border_crossing",
    "paid_facilitator",
    "free_on_arrival",
    "consented",
    "in_danger_now",
];
