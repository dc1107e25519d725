//! What the public sign-up form may contain.

use crate::i18n::Lang;
use crate::people::Email;
use crate::text::text_type;
use crate::FieldError;

text_type!(
    /// A supporter's name as they gave it (optional on the form).
    SupporterName,
    "name",
    1,
    200,
    false
);

text_type!(
    /// The area a supporter wants to hear about events in, as they wrote it ("Iași county").
    SupporterRegion,
    "region",
    1,
    100,
    false
);

/// What a supporter may ask to hear about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Interest {
    /// Stories from the field.
    Stories,
    /// Events in their area (with a region).
    Events,
    /// Opportunities to get involved.
    Involved,
}

impl Interest {
    pub const ALL: [Interest; 3] = [Interest::Stories, Interest::Events, Interest::Involved];

    pub fn as_str(self) -> &'static str {
        match self {
            Interest::Stories => "stories",
            Interest::Events => "events",
            Interest::Involved => "involved",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Interest::ALL
            .into_iter()
            .find(|i| i.as_str() == raw)
            .ok_or_else(|| FieldError::new("interests", "must be among stories, events, involved"))
    }

    /// Interests as stored in a consent record: codes in a fixed order, comma-separated.
    pub fn list_code(interests: &[Interest]) -> String {
        Interest::ALL
            .into_iter()
            .filter(|i| interests.contains(i))
            .map(Interest::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A validated sign-up.
#[derive(Clone, Debug)]
pub struct SignUp {
    pub email: Email,
    pub name: Option<SupporterName>,
    /// At least one, no repeats, in [`Interest::ALL`]'s order.
    pub interests: Vec<Interest>,
    /// Required with [`Interest::Events`], refused without it.
    pub region: Option<SupporterRegion>,
    pub language: Lang,
}

impl SignUp {
    /// Builds a sign-up from the form's raw values; the error names the field at fault.
    pub fn parse(
        email: &str,
        name: Option<&str>,
        interests: &[&str],
        region: Option<&str>,
        language: &str,
    ) -> Result<Self, FieldError> {
        let email = Email::parse(email)?;
        let name = name
            .filter(|n| !n.trim().is_empty())
            .map(SupporterName::parse)
            .transpose()?;
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
        let events = chosen.contains(&Interest::Events);
        if events && region.is_none() {
            return Err(FieldError::new(
                "region",
                "name the area you want to hear about events in",
            ));
        }
        let region = if events { region } else { None };
        let language = Lang::from_code(language)
            .ok_or_else(|| FieldError::new("language", "must be one of en, ro, ru, uk"))?;
        Ok(SignUp {
            email,
            name,
            interests: chosen,
            region,
            language,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_up_needs_an_address_and_an_interest() {
        let s = SignUp::parse(
            " Ana@Example.org ",
            Some(""),
            &["involved", "stories", "stories"],
            None,
            "ro",
        )
        .unwrap();
        assert_eq!(s.email.normalised(), "ana@example.org");
        assert!(s.name.is_none());
        assert_eq!(Interest::list_code(&s.interests), "stories,involved");
        assert_eq!(s.language, Lang::Ro);
        assert_eq!(
            SignUp::parse("nope", None, &["stories"], None, "en")
                .unwrap_err()
                .field,
            "email"
        );
        assert_eq!(
            SignUp::parse("a@b.org", None, &[], None, "en")
                .unwrap_err()
                .field,
            "interests"
        );
        assert_eq!(
            SignUp::parse("a@b.org", None, &["gifts"], None, "en")
                .unwrap_err()
                .field,
            "interests"
        );
        assert_eq!(
            SignUp::parse("a@b.org", None, &["stories"], None, "fr")
                .unwrap_err()
                .field,
            "language"
        );
    }

    #[test]
    fn events_need_a_region_and_only_events_keep_it() {
        assert_eq!(
            SignUp::parse("a@b.org", None, &["events"], None, "en")
                .unwrap_err()
                .field,
            "region"
        );
        let s = SignUp::parse("a@b.org", None, &["events"], Some("Iași"), "en").unwrap();
        assert_eq!(s.region.unwrap().as_str(), "Iași");
        let s = SignUp::parse("a@b.org", None, &["stories"], Some("Iași"), "en").unwrap();
        assert!(s.region.is_none());
    }
}
