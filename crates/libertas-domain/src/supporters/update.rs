//! An update staff send to confirmed supporters: a subject and a Markdown body in one or more
//! languages, and its audience (interests, and for events a region).
//!
//! **Language.** Each supporter gets the update in the language they chose at sign-up, or not
//! at all: an update without a text in that language skips them (the update's page counts
//! them, so staff can add the translation before sending). A supporter who asked for
//! Ukrainian did not ask for Russian or English; for a charity working in Moldova, Romania and
//! Ukraine a message in the wrong one of those reads as careless at best. The consent record
//! names the language, and we keep to it.
//!
//! **Region.** Only an update for *events* alone may name a region, and then it goes to the
//! supporters whose region (as they typed it) contains it, compared without case and accents:
//! "Iasi" reaches "Iași county" and "Municipiul Iași". Free text is what the sign-up asks for,
//! so the match is generous rather than exact.

use super::signup::{Interest, SupporterRegion};
use crate::i18n::Lang;
use crate::text::text_type;
use crate::FieldError;
use serde::{Deserialize, Serialize};

text_type!(
    /// An update's subject line in one language.
    UpdateSubject,
    "subject",
    1,
    200,
    false
);

text_type!(
    /// An update's body in one language, in Markdown.
    UpdateBody,
    "body",
    1,
    20_000,
    true
);

/// The update's text in one language.
#[derive(Clone, Debug)]
pub struct UpdateText {
    pub lang: Lang,
    pub subject: UpdateSubject,
    pub body: UpdateBody,
}

/// An update as staff write it: the texts (at least one, one per language at most, in
/// [`Lang::ALL`]'s order) and the audience.
#[derive(Clone, Debug)]
pub struct UpdateDraft {
    pub texts: Vec<UpdateText>,
    /// At least one, in [`Interest::ALL`]'s order.
    pub interests: Vec<Interest>,
    /// Only with `interests == [Events]`.
    pub region: Option<SupporterRegion>,
}

/// The form field of `lang`'s subject or body (`subject_en`, `body_ro`, …).
pub fn field_name(part: &str, lang: Lang) -> String {
    format!("{part}_{}", lang.code())
}

impl UpdateDraft {
    /// Builds a draft from the form's raw values: `texts` holds (language, subject, body), a
    /// language with both empty is absent. The error names the field at fault.
    pub fn parse(
        texts: &[(Lang, &str, &str)],
        interests: &[&str],
        region: Option<&str>,
    ) -> Result<Self, FieldError> {
        let mut out = Vec::new();
        for lang in Lang::ALL {
            let Some((_, subject, body)) = texts.iter().find(|(l, _, _)| *l == lang) else {
                continue;
            };
            if subject.trim().is_empty() && body.trim().is_empty() {
                continue;
            }
            let subject = UpdateSubject::parse(subject)
                .map_err(|e| FieldError::new(field_name("subject", lang), e.message))?;
            let body = UpdateBody::parse(body)
                .map_err(|e| FieldError::new(field_name("body", lang), e.message))?;
            out.push(UpdateText {
                lang,
                subject,
                body,
            });
        }
        if out.is_empty() {
            return Err(FieldError::new(
                "subject_en",
                "write the update in at least one language",
            ));
        }
        let mut chosen = Vec::new();
        for raw in interests {
            let i = Interest::parse(raw)?;
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        if chosen.is_empty() {
            return Err(FieldError::new("interests", "choose at least one"));
        }
        chosen.sort_by_key(|i| Interest::ALL.iter().position(|a| a == i));
        let region = region
            .filter(|r| !r.trim().is_empty())
            .map(SupporterRegion::parse)
            .transpose()?;
        if region.is_some() && chosen != [Interest::Events] {
            return Err(FieldError::new(
                "region",
                "a region narrows an update about events only",
            ));
        }
        Ok(UpdateDraft {
            texts: out,
            interests: chosen,
            region,
        })
    }

    /// The text in `lang`, if the update has one (no other language stands in).
    pub fn text_for(&self, lang: Lang) -> Option<&UpdateText> {
        self.texts.iter().find(|t| t.lang == lang)
    }

    /// The languages it is written in, as codes joined by commas (`en,ro`).
    pub fn languages_code(&self) -> String {
        self.texts
            .iter()
            .map(|t| t.lang.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// What is sealed at rest: the texts and the region (JSON).
    pub fn to_sealed_form(&self) -> Vec<u8> {
        let stored = Stored {
            texts: self
                .texts
                .iter()
                .map(|t| StoredText {
                    lang: t.lang.code().to_owned(),
                    subject: t.subject.as_str().to_owned(),
                    body: t.body.as_str().to_owned(),
                })
                .collect(),
            region: self.region.as_ref().map(|r| r.as_str().to_owned()),
        };
        serde_json::to_vec(&stored).unwrap_or_default()
    }

    /// The draft back from its sealed form and its interests' code; `None` if either does
    /// not hold a valid draft.
    pub fn from_sealed_form(bytes: &[u8], interests: &str) -> Option<Self> {
        let stored: Stored = serde_json::from_slice(bytes).ok()?;
        let texts: Vec<(Lang, &str, &str)> = stored
            .texts
            .iter()
            .filter_map(|t| {
                Some((
                    Lang::from_code(&t.lang)?,
                    t.subject.as_str(),
                    t.body.as_str(),
                ))
            })
            .collect();
        let interests: Vec<&str> = interests.split(',').filter(|s| !s.is_empty()).collect();
        UpdateDraft::parse(&texts, &interests, stored.region.as_deref()).ok()
    }
}

#[derive(Serialize, Deserialize)]
struct Stored {
    texts: Vec<StoredText>,
    region: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredText {
    lang: String,
    subject: String,
    body: String,
}

/// Lowercase, accents removed, spaces collapsed: how regions are compared.
fn fold(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a supporter who typed `theirs` is in the update's region `wanted`.
pub fn region_matches(wanted: &str, theirs: &str) -> bool {
    let wanted = fold(wanted);
    !wanted.is_empty() && fold(theirs).contains(&wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_needs_one_whole_language_and_an_interest() {
        let d = UpdateDraft::parse(
            &[
                (Lang::Ro, "Târg", "Vă așteptăm."),
                (Lang::En, "Fair", "Come."),
                (Lang::Uk, "", ""),
            ],
            &["events", "stories"],
            None,
        )
        .unwrap();
        assert_eq!(d.languages_code(), "en,ro");
        assert_eq!(Interest::list_code(&d.interests), "stories,events");
        assert!(d.text_for(Lang::Uk).is_none());
        let back = UpdateDraft::from_sealed_form(&d.to_sealed_form(), "stories,events").unwrap();
        assert_eq!(back.languages_code(), "en,ro");
        let err = |t: &[(Lang, &str, &str)], i: &[&str], r| {
            UpdateDraft::parse(t, i, r).unwrap_err().field
        };
        assert_eq!(err(&[(Lang::En, "", "")], &["stories"], None), "subject_en");
        assert_eq!(
            err(&[(Lang::Ro, "Subiect", "")], &["stories"], None),
            "body_ro"
        );
        assert_eq!(err(&[(Lang::En, "S", "B")], &[], None), "interests");
        assert_eq!(
            err(
                &[(Lang::En, "S", "B")],
                &["events", "stories"],
                Some("Iași")
            ),
            "region"
        );
        assert!(UpdateDraft::parse(&[(Lang::En, "S", "B")], &["events"], Some("Iași")).is_ok());
    }

    #[test]
    fn regions_match_without_case_and_accents() {
        assert!(region_matches("iasi", "Iași county"));
        assert!(region_matches("Iași", "Municipiul  IAȘI"));
        assert!(!region_matches("Cluj", "Iași county"));
        assert!(!region_matches(" ", "Iași county"));
    }
}
