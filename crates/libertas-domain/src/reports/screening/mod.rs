//! Legal-definition screening: does what a caller describes meet the definition of human
//! trafficking, forced labour or smuggling?
//!
//! The definition is the UN Palermo Protocol (Protocol to Prevent, Suppress and Punish
//! Trafficking in Persons, 2000) art. 3: an **act** (recruitment, transportation, transfer,
//! harbouring or receipt of persons), by **means** (threat or use of force or other forms of
//! coercion, abduction, fraud, deception, abuse of power or of a position of vulnerability,
//! payments to a person having control over another), for the **purpose** of exploitation.
//! Consent is irrelevant once means are used (art. 3(b)); for a child, under 18 (art. 3(d)),
//! no means are needed (art. 3(c)). Callers describe what they saw rather than legal
//! elements, so the eleven ILO indicators of forced labour (ILO, 2012) are accepted as input
//! and most of them count as means; without an act, means with a forced-labour purpose point
//! to forced labour (ILO Forced Labour Convention 1930, art. 2). Smuggling (a paid, irregular
//! crossing) is told apart because it is a crime against the state that the person agreed to,
//! but it can turn into trafficking, so any sign of exploitation overrides it.
//!
//! The exact rules are the contract of issue 3 and live in `rules.rs`. This module is pure:
//! [`parse_screening`] turns JSON into a valid [`ScreeningInput`], [`screen`] computes a
//! [`ScreeningResult`] with structured [`Reason`]s, and [`render`] turns it into the output
//! JSON with reasons as sentences in English or Romanian (`locales/*/screening.ftl`).

mod error;
mod input;
mod parse;
mod reasons;
mod render;
mod result;
mod rules;
mod vocab;

#[cfg(test)]
mod tests;

pub use error::ScreeningError;
pub use input::{Age, AgeOutOfRange, ScreeningInput, FIELDS};
pub use parse::{parse_screening, MAX_LIST_ITEMS};
pub use reasons::{Reason, ReasonArg, ReasonId};
pub use render::{label_id, render, render_reason, Lang, RenderError, RenderedScreening};
pub use result::{Elements, Jurisdiction, MeansElement, Rule, ScreeningResult, Verdict};
pub use rules::screen;
pub use vocab::{Act, BorderCrossing, Indicator, Means, Purpose};
