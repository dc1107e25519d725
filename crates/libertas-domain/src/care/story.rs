//! Survivors' stories (issue 13, "Survivor stories, only with consent").
//!
//! A story is told under a pseudonym and may reach supporters only while the survivor's
//! current consent covers storytelling; the store decides that. The rule that a pseudonym
//! must not give the survivor away lives here: no token of the pseudonym, in the normal form
//! the people search uses (case folded, accents stripped, transliterated), may equal a token of
//! any of the survivor's real names.

use crate::ids::id_type;
use crate::people::search::name_tokens;
use crate::text::text_type;
use crate::FieldError;

id_type!(
    /// A survivor's story.
    StoryId
);

text_type!(
    /// The name a story is told under: narrative data, sealed under the person's key.
    Pseudonym, "pseudonym", 2, 80, false
);

text_type!(
    /// A story's text: narrative data, sealed under the person's key.
    StoryText, "text", 20, 8_000, true
);

/// A story as written or edited by staff.
#[derive(Clone, Debug)]
pub struct NewStory {
    pub pseudonym: Pseudonym,
    pub text: StoryText,
}

impl NewStory {
    /// Parses both fields; the first error names its field.
    pub fn parse(pseudonym: &str, text: &str) -> Result<Self, FieldError> {
        Ok(Self {
            pseudonym: Pseudonym::parse(pseudonym)?,
            text: StoryText::parse(text)?,
        })
    }
}

/// Where a story stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryStatus {
    /// Written, not shown to anyone outside the case.
    Draft,
    /// Copied to the supporter side, where updates may include it.
    Published,
    /// Taken back (the story, or the consent, was withdrawn); it cannot be published again.
    Withdrawn,
}

impl StoryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StoryStatus::Draft => "draft",
            StoryStatus::Published => "published",
            StoryStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Draft, Self::Published, Self::Withdrawn]
            .into_iter()
            .find(|s| s.as_str() == code)
    }
}

/// Refuses a pseudonym sharing a name token with any of `real_names` (given name, family
/// name, any other name the person is known by). Case, accents, transliteration and order
/// do not matter: "ȘTEFANIA" and "Stefania" are the same token.
pub fn check_pseudonym(pseudonym: &Pseudonym, real_names: &[&str]) -> Result<(), FieldError> {
    let real: Vec<String> = real_names.iter().flat_map(|n| name_tokens(n)).collect();
    if name_tokens(pseudonym.as_str())
        .iter()
        .any(|t| real.contains(t))
    {
        return Err(FieldError::new(
            "pseudonym",
            "must not match any of the survivor's real names",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pseudonym {
        Pseudonym::parse(s).unwrap()
    }

    #[test]
    fn a_real_name_in_any_spelling_is_refused() {
        let names = ["Ștefania", "Popescu-Ionescu"];
        for bad in [
            "Stefania",
            "ȘTEFANIA",
            "stéfania M.",
            "Ionescu",
            "Maria Popescu",
        ] {
            let e = check_pseudonym(&p(bad), &names).unwrap_err();
            assert_eq!(e.field, "pseudonym", "{bad}");
        }
        for good in ["Maria", "Elena S.", "Stefan"] {
            assert!(check_pseudonym(&p(good), &names).is_ok(), "{good}");
        }
    }

    #[test]
    fn a_story_needs_both_fields() {
        assert_eq!(
            NewStory::parse("", "x".repeat(30).as_str())
                .unwrap_err()
                .field,
            "pseudonym"
        );
        assert_eq!(NewStory::parse("Maria", "short").unwrap_err().field, "text");
    }
}
