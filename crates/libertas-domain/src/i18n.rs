//! Translations (Fluent), English and Romanian.
//!
//! The `.ftl` files are compiled into the binary, so a deployment cannot lose a translation
//! and no file is read at run time. A message missing from a language falls back to English;
//! the tests insist that both languages define the same messages, so the fallback is only a
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
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ro];

    /// The BCP 47 code (`en`, `ro`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ro => "ro",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ro => "ro",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ro" => Some(Lang::Ro),
            _ => None,
        }
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
}

const SOURCES: &[(Lang, &str)] = &[
    (Lang::En, include_str!("../locales/en/main.ftl")),
    (Lang::Ro, include_str!("../locales/ro/main.ftl")),
    (Lang::En, include_str!("../locales/en/public.ftl")),
    (Lang::Ro, include_str!("../locales/ro/public.ftl")),
    (Lang::En, include_str!("../locales/en/reports.ftl")),
    (Lang::Ro, include_str!("../locales/ro/reports.ftl")),
    (Lang::En, include_str!("../locales/en/screening.ftl")),
    (Lang::Ro, include_str!("../locales/ro/screening.ftl")),
    (Lang::En, include_str!("../locales/en/protect.ftl")),
    (Lang::Ro, include_str!("../locales/ro/protect.ftl")),
    (Lang::En, include_str!("../locales/en/workflow.ftl")),
    (Lang::Ro, include_str!("../locales/ro/workflow.ftl")),
    (Lang::En, include_str!("../locales/en/justice.ftl")),
    (Lang::Ro, include_str!("../locales/ro/justice.ftl")),
    (Lang::En, include_str!("../locales/en/care.ftl")),
    (Lang::Ro, include_str!("../locales/ro/care.ftl")),
    (Lang::En, include_str!("../locales/en/referrals.ftl")),
    (Lang::Ro, include_str!("../locales/ro/referrals.ftl")),
    (Lang::En, include_str!("../locales/en/proceedings.ftl")),
    (Lang::Ro, include_str!("../locales/ro/proceedings.ftl")),
    (Lang::En, include_str!("../locales/en/training.ftl")),
    (Lang::Ro, include_str!("../locales/ro/training.ftl")),
    (Lang::En, include_str!("../locales/en/search.ftl")),
    (Lang::Ro, include_str!("../locales/ro/search.ftl")),
    (Lang::En, include_str!("../locales/en/stats.ftl")),
    (Lang::Ro, include_str!("../locales/ro/stats.ftl")),
];

struct Bundles {
    en: FluentBundle<FluentResource>,
    ro: FluentBundle<FluentResource>,
}

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

fn bundles() -> &'static Bundles {
    static B: OnceLock<Bundles> = OnceLock::new();
    B.get_or_init(|| Bundles {
        en: build(Lang::En),
        ro: build(Lang::Ro),
    })
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::En => &bundles().en,
        Lang::Ro => &bundles().ro,
    }
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
pub fn t_args(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        fa.set(*k, FluentValue::from(*v));
    }
    format(lang, id, Some(&fa))
        .or_else(|| format(Lang::En, id, Some(&fa)))
        .unwrap_or_else(|| id.to_owned())
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
        assert_eq!(message_ids(Lang::En), message_ids(Lang::Ro));
        assert!(!message_ids(Lang::En).is_empty());
    }

    #[test]
    fn negotiates() {
        assert_eq!(Lang::negotiate("ro-RO,ro;q=0.9,en;q=0.8"), Lang::Ro);
        assert_eq!(Lang::negotiate("de-DE,en;q=0.5"), Lang::En);
        assert_eq!(Lang::negotiate(""), Lang::En);
    }

    #[test]
    fn formats_with_fallback() {
        assert_eq!(t(Lang::En, "no-such-message"), "no-such-message");
        assert!(!t(Lang::Ro, "app-name").is_empty());
    }
}
