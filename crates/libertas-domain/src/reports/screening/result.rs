//! What a screening concludes, in the shape of the contract's output.

use super::reasons::Reason;
use super::vocab::{Means, Purpose};
use serde::Serialize;

/// Which law the reasons are written against.
///
/// The verdict always follows the Palermo Protocol (the international definition every
/// partner shares); a deployment under a national law that is wider adds reasons saying
/// where that law goes further, so an operator does not dismiss a case the local police
/// would take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Jurisdiction {
    /// UN Palermo Protocol (2000) art. 3 only.
    #[default]
    Palermo,
    /// England and Wales: the Modern Slavery Act 2015 s.2 needs no means for adults either.
    UkModernSlaveryAct,
}

impl Jurisdiction {
    /// The configuration code (`palermo`, `uk`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Jurisdiction::Palermo => "palermo",
            Jurisdiction::UkModernSlaveryAct => "uk",
        }
    }

    /// The jurisdiction for a configuration code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "palermo" => Some(Jurisdiction::Palermo),
            "uk" => Some(Jurisdiction::UkModernSlaveryAct),
            _ => None,
        }
    }
}

/// The outcome of the screening rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Trafficking,
    PossibleTrafficking,
    ForcedLabour,
    Smuggling,
    NoIndication,
}

impl Verdict {
    /// The code used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Trafficking => "trafficking",
            Verdict::PossibleTrafficking => "possible_trafficking",
            Verdict::ForcedLabour => "forced_labour",
            Verdict::Smuggling => "smuggling",
            Verdict::NoIndication => "no_indication",
        }
    }
}

/// Which of the contract's six verdict rules applied (the first that matched).
///
/// Two rules give `possible_trafficking` for different reasons; keeping the rule lets the
/// reasons, the tests and an audit tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// 1: act, purpose, and means or a child.
    AllElements,
    /// 2: act and purpose, no means, age unknown.
    AgeUnknown,
    /// 3: no act, means, and a forced-labour purpose.
    ForcedLabour,
    /// 4: paid irregular crossing and no sign of exploitation.
    Smuggling,
    /// 5: some means, indicator or purpose, or not free on arrival.
    SomeSigns,
    /// 6: nothing of the above.
    Nothing,
}

impl Rule {
    /// The rule's number in the contract, 1 to 6.
    pub const fn number(self) -> u8 {
        match self {
            Rule::AllElements => 1,
            Rule::AgeUnknown => 2,
            Rule::ForcedLabour => 3,
            Rule::Smuggling => 4,
            Rule::SomeSigns => 5,
            Rule::Nothing => 6,
        }
    }

    /// The verdict this rule gives.
    pub const fn verdict(self) -> Verdict {
        match self {
            Rule::AllElements => Verdict::Trafficking,
            Rule::AgeUnknown | Rule::SomeSigns => Verdict::PossibleTrafficking,
            Rule::ForcedLabour => Verdict::ForcedLabour,
            Rule::Smuggling => Verdict::Smuggling,
            Rule::Nothing => Verdict::NoIndication,
        }
    }
}

/// The state of the "means" element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeansElement {
    Present,
    Absent,
    /// A child without means: none are needed (Palermo art. 3(c)).
    NotRequired,
}

impl MeansElement {
    /// The code used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            MeansElement::Present => "present",
            MeansElement::Absent => "absent",
            MeansElement::NotRequired => "not_required",
        }
    }
}

/// The three elements of the Palermo definition, as found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Elements {
    pub act: bool,
    pub means: MeansElement,
    pub purpose: bool,
}

/// The result of [`super::screen`], with reasons still structured (not yet translated).
///
/// Serialising it gives the stored form (reasons as ids and arguments); use
/// [`super::render`] for the contract's output with reasons as sentences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScreeningResult {
    pub verdict: Verdict,
    /// `None` when the age is unknown.
    pub child: Option<bool>,
    pub elements: Elements,
    /// A paid facilitator arranged an irregular crossing. Can be true alongside any verdict.
    pub smuggling: bool,
    /// Means given plus means shown by indicators, in contract order, without repeats.
    pub means_found: Vec<Means>,
    /// The purposes given, in contract order.
    pub exploitation: Vec<Purpose>,
    pub urgent: bool,
    /// The rule that gave the verdict (not part of the rendered output).
    pub rule: Rule,
    /// At least one; the first explains the verdict.
    pub reasons: Vec<Reason>,
}
