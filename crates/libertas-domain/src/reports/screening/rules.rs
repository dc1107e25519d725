//! The verdict rules of issue 3, in the contract's order: the first rule that applies wins.
//!
//! The rules encode the Palermo Protocol art. 3: trafficking is an act (recruitment,
//! transportation, transfer, harbouring, receipt) by means (threat, force, deception, abuse
//! of vulnerability, ...) for the purpose of exploitation (art. 3(a)); consent is irrelevant
//! once means are used (art. 3(b)); a child (under 18, art. 3(d)) needs no means (art. 3(c)).
//! Callers rarely name legal means, but they describe what they saw, so the ILO indicators of
//! forced labour are read as means too (deception, violence, threats, debt, withheld
//! documents or wages, isolation, confinement). Where elements are missing the rules lean
//! towards `possible_trafficking` rather than `no_indication`, because a missed victim costs
//! more than a second look.

use super::input::ScreeningInput;
use super::reasons::explain;
use super::result::{Elements, Jurisdiction, MeansElement, Rule, ScreeningResult, Verdict};
use super::vocab::{BorderCrossing, Indicator, Means};
use std::collections::BTreeSet;

/// Computes the verdict, the elements found and the reasons for one screening.
///
/// Pure and total: every valid input has a result, and the same input always gives the same
/// result. `law` changes only the reasons, never the verdict.
pub fn screen(input: &ScreeningInput, law: Jurisdiction) -> ScreeningResult {
    let facts = Facts::of(input);
    let rule = facts.rule(input);
    let verdict = rule.verdict();
    let urgency = Urgency::of(input, &facts, verdict);
    let means = if facts.means_present() {
        MeansElement::Present
    } else if facts.child == Some(true) {
        MeansElement::NotRequired
    } else {
        MeansElement::Absent
    };
    ScreeningResult {
        verdict,
        child: facts.child,
        elements: Elements {
            act: facts.act,
            means,
            purpose: facts.purpose,
        },
        smuggling: facts.smuggling,
        means_found: facts.means_found.iter().copied().collect(),
        exploitation: input.purposes.iter().copied().collect(),
        urgent: urgency.any(),
        rule,
        reasons: explain(input, &facts, rule, &urgency, law),
    }
}

/// The values the contract derives from the input before applying the rules.
pub(super) struct Facts {
    /// `age < 18`; `None` when the age is unknown.
    pub child: Option<bool>,
    pub act: bool,
    pub purpose: bool,
    /// Means given or shown by indicators (a set: contract order, no repeats).
    pub means_found: BTreeSet<Means>,
    /// Means shown by indicators, whether or not they were also given.
    pub means_from_indicators: BTreeSet<Means>,
    /// An irregular crossing arranged by a paid facilitator.
    pub smuggling: bool,
}

impl Facts {
    fn of(input: &ScreeningInput) -> Self {
        let means_from_indicators: BTreeSet<Means> =
            input.indicators.iter().filter_map(|i| i.means()).collect();
        let means_found = input.means.union(&means_from_indicators).copied().collect();
        Facts {
            child: input.age.map(|age| age.is_child()),
            act: !input.acts.is_empty(),
            purpose: !input.purposes.is_empty(),
            means_found,
            means_from_indicators,
            smuggling: input.border_crossing == Some(BorderCrossing::Irregular)
                && input.paid_facilitator == Some(true),
        }
    }

    pub fn means_present(&self) -> bool {
        !self.means_found.is_empty()
    }

    fn rule(&self, input: &ScreeningInput) -> Rule {
        let means = self.means_present();
        if self.act && self.purpose && (means || self.child == Some(true)) {
            Rule::AllElements
        } else if self.act && self.purpose && !means && self.child.is_none() {
            Rule::AgeUnknown
        } else if !self.act && means && input.purposes.iter().any(|p| p.is_forced_labour_kind()) {
            Rule::ForcedLabour
        } else if self.smuggling
            && !means
            && input.indicators.is_empty()
            && input.purposes.is_empty()
            && input.free_on_arrival != Some(false)
        {
            Rule::Smuggling
        } else if means
            || !input.indicators.is_empty()
            || self.purpose
            || input.free_on_arrival == Some(false)
        {
            Rule::SomeSigns
        } else {
            Rule::Nothing
        }
    }
}

/// Why a result is urgent; each cause gets its own reason.
pub(super) struct Urgency {
    pub in_danger_now: bool,
    /// A child with verdict `trafficking` or `possible_trafficking`.
    pub child_at_risk: bool,
    /// The `physical_and_sexual_violence` indicator.
    pub violence: bool,
}

impl Urgency {
    fn of(input: &ScreeningInput, facts: &Facts, verdict: Verdict) -> Self {
        Urgency {
            in_danger_now: input.in_danger_now == Some(true),
            child_at_risk: facts.child == Some(true)
                && matches!(verdict, Verdict::Trafficking | Verdict::PossibleTrafficking),
            violence: input
                .indicators
                .contains(&Indicator::PhysicalAndSexualViolence),
        }
    }

    fn any(&self) -> bool {
        self.in_danger_now || self.child_at_risk || self.violence
    }
}
