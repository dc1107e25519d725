//! Reasons as sentences, in the operator's language, and the contract's output JSON.
//!
//! The Fluent files are compiled into the binary (`include_str!`), so rendering does no I/O
//! and cannot fail for lack of a file at run time; tests check that every reason id and every
//! code label exists in every language and renders without errors. Unicode isolation marks
//! are turned off: the output is read aloud or shown as plain JSON, where invisible
//! characters would only get in the way.

use super::reasons::{Reason, ReasonArg};
use super::result::{Elements, ScreeningResult, Verdict};
use super::vocab::{Means, Purpose};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Serialize;
use serde_json::{json, Value};
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

const EN_FTL: &str = include_str!("../../../locales/en/screening.ftl");
const RO_FTL: &str = include_str!("../../../locales/ro/screening.ftl");
const UK_FTL: &str = include_str!("../../../locales/uk/screening.ftl");
const RU_FTL: &str = include_str!("../../../locales/ru/screening.ftl");

pub use crate::i18n::Lang;

fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN_FTL,
        Lang::Ro => RO_FTL,
        Lang::Uk => UK_FTL,
        Lang::Ru => RU_FTL,
    }
}

/// A message is missing or did not resolve. Only a broken `.ftl` file causes this, and the
/// tests catch it; at run time [`render`] falls back to the message id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("screening.ftl ({lang}): {id}: {detail}")]
pub struct RenderError {
    pub lang: &'static str,
    pub id: String,
    pub detail: String,
}

/// The contract's output: the result with its reasons as sentences.
///
/// Fields serialise in the contract's order: `verdict, child, elements, smuggling,
/// means_found, exploitation, urgent, reasons`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RenderedScreening {
    pub verdict: Verdict,
    pub child: Option<bool>,
    pub elements: Elements,
    pub smuggling: bool,
    pub means_found: Vec<Means>,
    pub exploitation: Vec<Purpose>,
    pub urgent: bool,
    pub reasons: Vec<String>,
}

impl RenderedScreening {
    /// The output as a JSON value (keys in `serde_json`'s map order).
    pub fn to_json(&self) -> Value {
        let codes = |items: &mut dyn Iterator<Item = &'static str>| items.collect::<Vec<_>>();
        json!({
            "verdict": self.verdict.as_str(),
            "child": self.child,
            "elements": {
                "act": self.elements.act,
                "means": self.elements.means.as_str(),
                "purpose": self.elements.purpose,
            },
            "smuggling": self.smuggling,
            "means_found": codes(&mut self.means_found.iter().map(|m| m.as_str())),
            "exploitation": codes(&mut self.exploitation.iter().map(|p| p.as_str())),
            "urgent": self.urgent,
            "reasons": self.reasons,
        })
    }
}

/// Renders a result in `lang`.
pub fn render(result: &ScreeningResult, lang: Lang) -> RenderedScreening {
    RenderedScreening {
        verdict: result.verdict,
        child: result.child,
        elements: result.elements,
        smuggling: result.smuggling,
        means_found: result.means_found.clone(),
        exploitation: result.exploitation.clone(),
        urgent: result.urgent,
        reasons: result
            .reasons
            .iter()
            .map(|r| render_reason(r, lang).unwrap_or_else(|_| r.id.as_str().to_owned()))
            .collect(),
    }
}

/// Renders one reason as a sentence in `lang`.
pub fn render_reason(reason: &Reason, lang: Lang) -> Result<String, RenderError> {
    let bundle = bundle(lang)?;
    let mut args = FluentArgs::new();
    for (name, value) in &reason.args {
        let value: FluentValue<'_> = match value {
            ReasonArg::Age(age) => age.years().into(),
            ReasonArg::Count(n) => (*n).into(),
            ReasonArg::Acts(v) => labels(bundle, lang, "act", v.iter().map(|c| c.as_str()))?.into(),
            ReasonArg::Means(v) => {
                labels(bundle, lang, "means", v.iter().map(|c| c.as_str()))?.into()
            }
            ReasonArg::Purposes(v) => {
                labels(bundle, lang, "purpose", v.iter().map(|c| c.as_str()))?.into()
            }
            ReasonArg::Indicators(v) => {
                labels(bundle, lang, "indicator", v.iter().map(|c| c.as_str()))?.into()
            }
        };
        args.set(*name, value);
    }
    message(bundle, lang, reason.id.as_str(), Some(&args))
}

/// The label message id of a code: `screening-means-abuse-of-power` for `abuse_of_power`.
pub fn label_id(kind: &str, code: &str) -> String {
    format!("screening-{kind}-{}", code.replace('_', "-"))
}

/// Translated labels joined as a sentence list: "a, b and c".
fn labels<'c>(
    bundle: &Bundle,
    lang: Lang,
    kind: &str,
    codes: impl Iterator<Item = &'c str>,
) -> Result<String, RenderError> {
    let words = codes
        .map(|code| message(bundle, lang, &label_id(kind, code), None))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => {
            let and = message(bundle, lang, "screening-list-and", None)?;
            format!("{} {and} {last}", rest.join(", "))
        }
    })
}

type Bundle = FluentBundle<FluentResource>;

fn message(
    bundle: &Bundle,
    lang: Lang,
    id: &str,
    args: Option<&FluentArgs<'_>>,
) -> Result<String, RenderError> {
    let fail = |detail: String| RenderError {
        lang: lang.as_str(),
        id: id.to_owned(),
        detail,
    };
    let pattern = bundle
        .get_message(id)
        .and_then(|m| m.value())
        .ok_or_else(|| fail("no such message".to_owned()))?;
    let mut errors = Vec::new();
    let text = bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned();
    match errors.first() {
        None => Ok(text),
        Some(e) => Err(fail(e.to_string())),
    }
}

fn bundle(lang: Lang) -> Result<&'static Bundle, RenderError> {
    static EN: OnceLock<Result<Bundle, String>> = OnceLock::new();
    static RO: OnceLock<Result<Bundle, String>> = OnceLock::new();
    static UK: OnceLock<Result<Bundle, String>> = OnceLock::new();
    static RU: OnceLock<Result<Bundle, String>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Ro => &RO,
        Lang::Uk => &UK,
        Lang::Ru => &RU,
    };
    cell.get_or_init(|| build_bundle(lang))
        .as_ref()
        .map_err(|detail| RenderError {
            lang: lang.as_str(),
            id: "screening.ftl".to_owned(),
            detail: detail.clone(),
        })
}

fn build_bundle(lang: Lang) -> Result<Bundle, String> {
    let langid: LanguageIdentifier = lang.as_str().parse().map_err(|e| format!("{e}"))?;
    let resource = FluentResource::try_new(source(lang).to_owned())
        .map_err(|(_, errors)| format!("syntax errors: {errors:?}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|errors| format!("duplicate messages: {errors:?}"))?;
    Ok(bundle)
}
