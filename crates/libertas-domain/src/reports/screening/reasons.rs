//! Why the screening concluded what it did, as structured, translatable reasons.
//!
//! Reasons are stored as a message id plus typed arguments, not as text, so the same result
//! can be read in English or Romanian (the `screening.ftl` Fluent files) and re-rendered when
//! the wording improves. Each id is a full sentence an operator can read to a caller. The
//! first reason always explains the verdict; reasons for urgency come next, then, when the
//! verdict is not `trafficking`, the missing elements, so the operator knows what to ask.

use super::input::{Age, ScreeningInput};
use super::result::{Jurisdiction, Rule};
use super::rules::{Facts, Urgency};
use super::vocab::{Act, Indicator, Means, Purpose};
use serde::Serialize;
use std::collections::BTreeMap;

macro_rules! reason_ids {
    ($($(#[$doc:meta])* $variant:ident => $id:literal),+ $(,)?) => {
        /// The Fluent message id of a reason; every one exists in `locales/{en,ro}/screening.ftl`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        pub enum ReasonId {
            $($(#[$doc])* #[serde(rename = $id)] $variant),+
        }

        impl ReasonId {
            /// Every reason, so tests can check each has a translation.
            pub const ALL: &'static [ReasonId] = &[$(ReasonId::$variant),+];

            /// The Fluent message id.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ReasonId::$variant => $id),+
                }
            }
        }
    };
}

reason_ids! {
    /// Rule 1, adult or unknown age: all three elements.
    Trafficking => "screening-reason-trafficking",
    /// Rule 1, child: act and purpose suffice.
    TraffickingChild => "screening-reason-trafficking-child",
    /// Rule 2.
    PossibleAgeUnknown => "screening-reason-possible-age-unknown",
    /// Rule 3.
    ForcedLabour => "screening-reason-forced-labour",
    /// Rule 4.
    Smuggling => "screening-reason-smuggling",
    /// Rule 5.
    PossibleTrafficking => "screening-reason-possible-trafficking",
    /// Rule 6.
    NoIndication => "screening-reason-no-indication",
    MissingAct => "screening-reason-missing-act",
    MissingMeans => "screening-reason-missing-means",
    MissingPurpose => "screening-reason-missing-purpose",
    ChildNoMeansNeeded => "screening-reason-child-no-means-needed",
    InDangerNow => "screening-reason-in-danger-now",
    UrgentChild => "screening-reason-urgent-child",
    UrgentViolence => "screening-reason-urgent-violence",
    MeansFromIndicators => "screening-reason-means-from-indicators",
    IndicatorsFound => "screening-reason-indicators-found",
    IndicatorsNotMeans => "screening-reason-indicators-not-means",
    SmugglingWithSigns => "screening-reason-smuggling-with-signs",
    AskFreeOnArrival => "screening-reason-ask-free-on-arrival",
    NotFreeOnArrival => "screening-reason-not-free-on-arrival",
    UkNoMeansForAdults => "screening-reason-uk-no-means-for-adults",
    ConsentIrrelevant => "screening-reason-consent-irrelevant",
    ConsentChild => "screening-reason-consent-child",
}

/// A value placed into a reason's sentence. Code lists are translated when rendered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ReasonArg {
    Age(Age),
    Count(usize),
    Acts(Vec<Act>),
    Means(Vec<Means>),
    Purposes(Vec<Purpose>),
    Indicators(Vec<Indicator>),
}

/// One reason: a message id and its named arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub id: ReasonId,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<&'static str, ReasonArg>,
}

impl Reason {
    fn new(id: ReasonId) -> Self {
        Reason {
            id,
            args: BTreeMap::new(),
        }
    }

    fn with(mut self, name: &'static str, value: ReasonArg) -> Self {
        self.args.insert(name, value);
        self
    }
}

fn list<T: Copy>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    items.into_iter().collect()
}

/// Builds the reasons for a result; `rule` already decided the verdict.
pub(super) fn explain(
    input: &ScreeningInput,
    facts: &Facts,
    rule: Rule,
    urgency: &Urgency,
    law: Jurisdiction,
) -> Vec<Reason> {
    let acts = || ReasonArg::Acts(list(input.acts.iter().copied()));
    let purposes = || ReasonArg::Purposes(list(input.purposes.iter().copied()));
    let means = || ReasonArg::Means(list(facts.means_found.iter().copied()));
    let child = facts.child == Some(true);
    let mut out = Vec::new();

    out.push(match rule {
        Rule::AllElements => match input.age.filter(|_| child) {
            Some(age) => Reason::new(ReasonId::TraffickingChild)
                .with("age", ReasonArg::Age(age))
                .with("acts", acts())
                .with("purposes", purposes()),
            None => Reason::new(ReasonId::Trafficking)
                .with("acts", acts())
                .with("means", means())
                .with("purposes", purposes()),
        },
        Rule::AgeUnknown => Reason::new(ReasonId::PossibleAgeUnknown)
            .with("acts", acts())
            .with("purposes", purposes()),
        Rule::ForcedLabour => Reason::new(ReasonId::ForcedLabour)
            .with("means", means())
            .with("purposes", purposes()),
        Rule::Smuggling => Reason::new(ReasonId::Smuggling),
        Rule::SomeSigns => Reason::new(ReasonId::PossibleTrafficking),
        Rule::Nothing => Reason::new(ReasonId::NoIndication),
    });

    // Urgency next: it decides what the operator does first.
    if urgency.in_danger_now {
        out.push(Reason::new(ReasonId::InDangerNow));
    }
    if urgency.child_at_risk {
        out.push(Reason::new(ReasonId::UrgentChild));
    }
    if urgency.violence {
        out.push(Reason::new(ReasonId::UrgentViolence));
    }

    if rule != Rule::AllElements {
        if !facts.act {
            out.push(Reason::new(ReasonId::MissingAct));
        }
        // Rule 2's own reason already explains the missing means and why age matters.
        if !facts.means_present() && !child && rule != Rule::AgeUnknown {
            out.push(Reason::new(ReasonId::MissingMeans));
        }
        if !facts.purpose {
            out.push(Reason::new(ReasonId::MissingPurpose));
        }
        if let Some(age) = input.age.filter(|_| child && !facts.means_present()) {
            out.push(Reason::new(ReasonId::ChildNoMeansNeeded).with("age", ReasonArg::Age(age)));
        }
    }

    push_indicator_reasons(&mut out, input, facts);
    push_border_reasons(&mut out, input, facts, rule);

    if law == Jurisdiction::UkModernSlaveryAct
        && facts.act
        && facts.purpose
        && !facts.means_present()
        && !child
    {
        out.push(Reason::new(ReasonId::UkNoMeansForAdults));
    }
    if input.consented == Some(true) {
        out.push(Reason::new(if child {
            ReasonId::ConsentChild
        } else {
            ReasonId::ConsentIrrelevant
        }));
    }
    out
}

fn push_indicator_reasons(out: &mut Vec<Reason>, input: &ScreeningInput, facts: &Facts) {
    if input.indicators.is_empty() {
        return;
    }
    out.push(
        Reason::new(ReasonId::IndicatorsFound)
            .with("count", ReasonArg::Count(input.indicators.len()))
            .with(
                "indicators",
                ReasonArg::Indicators(list(input.indicators.iter().copied())),
            ),
    );
    if !facts.means_from_indicators.is_empty() {
        let showing = input
            .indicators
            .iter()
            .copied()
            .filter(|i| i.means().is_some());
        out.push(
            Reason::new(ReasonId::MeansFromIndicators)
                .with("indicators", ReasonArg::Indicators(list(showing)))
                .with(
                    "means",
                    ReasonArg::Means(list(facts.means_from_indicators.iter().copied())),
                ),
        );
    }
    let not_means: Vec<Indicator> = list(
        input
            .indicators
            .iter()
            .copied()
            .filter(|i| i.means().is_none()),
    );
    if !not_means.is_empty() {
        out.push(
            Reason::new(ReasonId::IndicatorsNotMeans)
                .with("indicators", ReasonArg::Indicators(not_means)),
        );
    }
}

fn push_border_reasons(out: &mut Vec<Reason>, input: &ScreeningInput, facts: &Facts, rule: Rule) {
    if facts.smuggling && rule != Rule::Smuggling {
        out.push(Reason::new(ReasonId::SmugglingWithSigns));
    }
    match input.free_on_arrival {
        Some(false) => out.push(Reason::new(ReasonId::NotFreeOnArrival)),
        None if facts.smuggling => out.push(Reason::new(ReasonId::AskFreeOnArrival)),
        _ => {}
    }
}
