//! Translations (Fluent): English, Romanian, Ukrainian and Russian.
//!
//! The `.ftl` files are compiled into the binary, so a deployment cannot lose a translation
//! and no file is read at run time. A message missing from a language falls back to English;
//! the tests insist that every language defines the same messages, so the fallback is only a
//! safety net.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// A supported language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ro,
    Uk,
    Ru,
}

impl Lang {
    /// Every language, in the order the language switch offers them.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Ro, Lang::Uk, Lang::Ru];

    /// The BCP 47 code (`en`, `ro`, `uk`, `ru`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ro => "ro",
            Lang::Uk => "uk",
            Lang::Ru => "ru",
        }
    }

    /// The BCP 47 code, as [`Lang::as_str`].
    pub fn code(self) -> &'static str {
        self.as_str()
    }

    /// The language's name in itself, for the language switch.
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ro => "Română",
            Lang::Uk => "Українська",
            Lang::Ru => "Русский",
        }
    }

    /// The language of a code such as `ro` or `uk` (any case, surrounding blanks ignored).
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim();
        Lang::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(code))
    }

    /// Picks the first supported language of an `Accept-Language` header.
    pub fn negotiate(accept_language: &str) -> Lang {
        accept_language
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| tag.trim().split('-').next())
            .find_map(Lang::from_code)
            .unwrap_or_default()
    }

    const fn index(self) -> usize {
        self as usize
    }
}

/// The same file in every language, English first.
macro_rules! every_language {
    ($($file:literal),* $(,)?) => {
        &[$(
            (Lang::En, include_str!(concat!("../locales/en/", $file))),
            (Lang::Ro, include_str!(concat!("../locales/ro/", $file))),
            (Lang::Uk, include_str!(concat!("../locales/uk/", $file))),
            (Lang::Ru, include_str!(concat!("../locales/ru/", $file))),
        )*]
    };
}

const SOURCES: &[(Lang, &str)] = every_language![
    "main.ftl",
    "public.ftl",
    "reports.ftl",
    "screening.ftl",
    "protect.ftl",
    "workflow.ftl",
    "justice.ftl",
    "care.ftl",
    "referrals.ftl",
    "proceedings.ftl",
    "training.ftl",
    "search.ftl",
    "duplicates.ftl",
    "stats.ftl",
    "exports.ftl",
    "estimates.ftl",
    "home.ftl",
    "countries.ftl",
    "supporters.ftl",
    "portal.ftl",
    "gift_aid.ftl",
    "statements.ftl",
];

fn build(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for (l, src) in SOURCES {
        if *l != lang {
            continue;
        }
        // A syntax error in a shipped file is caught by the tests; at run time the parsable
        // part of the file is still used.
        let res = match FluentResource::try_new((*src).to_owned()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = bundle.add_resource(res);
    }
    bundle
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 4]> = OnceLock::new();
    &BUNDLES.get_or_init(|| Lang::ALL.map(build))[lang.index()]
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let b = bundle(lang);
    let msg = b.get_message(id)?;
    let pattern = msg.value()?;
    let mut errors = vec![];
    Some(b.format_pattern(pattern, args, &mut errors).into_owned())
}

/// The message `id` in `lang`, falling back to English, then to the id itself.
pub fn t(lang: Lang, id: &str) -> String {
    format(lang, id, None)
        .or_else(|| format(Lang::En, id, None))
        .unwrap_or_else(|| id.to_owned())
}

/// The message `id` with named arguments.
///
/// An argument written as a whole number (`5`, `21`, not `05` or `+40`) is passed as a number,
/// so the message can choose its plural form (`[one]`, `[few]`, `[many]`) and exact variants
/// (`[0]`); anything else stays text.
pub fn t_args(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, argument(v));
    }
    format(lang, id, Some(&fa))
        .or_else(|| format(Lang::En, id, Some(&fa)))
        .unwrap_or_else(|| id.to_owned())
}

fn argument(v: &str) -> FluentValue<'_> {
    let whole = !v.is_empty()
        && v.len() <= 15
        && v.bytes().all(|b| b.is_ascii_digit())
        && (v == "0" || !v.starts_with('0'));
    match v.parse::<u64>() {
        Ok(n) if whole => FluentValue::from(n),
        _ => FluentValue::from(v),
    }
}

/// Whether `lang` defines message `id` (used by tests and template checks).
pub fn has_message(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// Every message id defined in `lang`'s files.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let mut ids = vec![];
    for (l, src) in SOURCES {
        if *l != lang {
            continue;
        }
        if let Ok(res) = FluentResource::try_new((*src).to_owned()) {
            for entry in res.entries() {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    ids.push(m.id.name.to_owned());
                }
            }
        }
    }
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_parse_and_languages_match() {
        for (_, src) in SOURCES {
            assert!(FluentResource::try_new((*src).to_owned()).is_ok());
        }
        assert!(!message_ids(Lang::En).is_empty());
        for lang in Lang::ALL {
            assert_eq!(message_ids(lang), message_ids(Lang::En), "{lang:?}");
        }
    }

    #[test]
    fn negotiates() {
        assert_eq!(Lang::negotiate("ro-RO,ro;q=0.9,en;q=0.8"), Lang::Ro);
        assert_eq!(Lang::negotiate("de-DE,en;q=0.5"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
        assert_eq!(Lang::negotiate("uk-UA,uk;q=0.9,ru;q=0.8"), Lang::Uk);
        assert_eq!(Lang::negotiate("ru"), Lang::Ru);
        assert_eq!(Lang::from_code(" RO "), Some(Lang::Ro));
        assert_eq!(Lang::from_code("ua"), None);
    }

    #[test]
    fn whole_numbers_choose_plural_forms() {
        // English `[one]`, Ukrainian and Russian `[one]`/`[few]`/`[many]`.
        let en: Vec<String> = ["1", "2"]
            .iter()
            .map(|n| t_args(Lang::En, "urgent-alert", &[("count", n)]))
            .collect();
        assert_ne!(en[0].replace('1', ""), en[1].replace('2', ""), "{en:?}");
        for lang in [Lang::Uk, Lang::Ru] {
            let forms: Vec<String> = ["1", "3", "5"]
                .iter()
                .map(|n| t_args(lang, "urgent-alert", &[("count", n)]))
                .collect();
            let words: Vec<String> = forms
                .iter()
                .map(|f| f.chars().filter(|c| !c.is_ascii_digit()).collect())
                .collect();
            assert!(
                words[0] != words[1] && words[1] != words[2],
                "{lang:?}: {forms:?}"
            );
        }
        // Text that only looks like a number keeps its form.
        assert_eq!(argument("0042"), FluentValue::from("0042"));
        assert_eq!(argument("+40"), FluentValue::from("+40"));
        assert_eq!(argument("12"), FluentValue::from(12u64));
    }

    #[test]
    fn formats_with_fallback() {
        assert_eq!(t(Lang::En, "no-such-message"), "no-such-message");
        assert!(!t(Lang::Ro, "app-name").is_empty());
    }
}
