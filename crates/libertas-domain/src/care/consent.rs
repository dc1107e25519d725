//! The HTCDS consent questions (`con_`) and what each answer allows.
//!
//! Every question is a yes/no answer except the retention period. Consent is only informed
//! when the purpose was explained, so no purpose is allowed without that answer.

use crate::FieldError;

/// What a piece of work needs consent for. Other features (referrals, research exports)
/// ask the store `consent_allows(person, purpose)` before they go ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Interviewing the person.
    Interview,
    /// Keeping and using their personal data for their own case and care.
    DataUse,
    /// Sharing their personal data with a partner organisation (referrals, transfers).
    DataSharing,
    /// Using non-identifying data for research and statistics.
    Research,
    /// Telling their story, under a pseudonym, in updates to supporters (issue 13).
    Storytelling,
}

impl Purpose {
    pub const ALL: [Purpose; 5] = [
        Purpose::Interview,
        Purpose::DataUse,
        Purpose::DataSharing,
        Purpose::Research,
        Purpose::Storytelling,
    ];

    /// The API name, also the consent column it reads.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Interview => "interview",
            Purpose::DataUse => "data_use",
            Purpose::DataSharing => "data_sharing",
            Purpose::Research => "research_use",
            Purpose::Storytelling => "storytelling",
        }
    }

    pub fn parse(s: &str) -> Result<Self, FieldError> {
        Purpose::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                FieldError::new(
                    "purposes",
                    "must be interview, data_use, data_sharing, research_use or storytelling",
                )
            })
    }
}

impl crate::codes::CodeList for Purpose {
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|p| p.as_str()).collect()
    }
}

/// How long the person agreed their data may be kept, in months (1 to 1200).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetentionMonths(u16);

impl RetentionMonths {
    pub fn parse(months: i64) -> Result<Self, FieldError> {
        u16::try_from(months)
            .ok()
            .filter(|m| (1..=1200).contains(m))
            .map(RetentionMonths)
            .ok_or_else(|| FieldError::new("retention_months", "must be 1 to 1200 months"))
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

/// One consent record's answers. A withdrawal is the same answers with some turned to no.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsentAnswers {
    /// `con_` interview consent.
    pub interview: bool,
    /// The purpose of collecting the data was explained.
    pub purpose_explained: bool,
    /// Agreement to the organisation managing their personal data.
    pub data_use: bool,
    /// Agreement to sharing with partner organisations for referral (needed by item 3).
    pub data_sharing: bool,
    /// Research use of non-identifying data.
    pub research_use: bool,
    /// Telling their story under a pseudonym in updates to supporters.
    pub storytelling: bool,
    /// The right to see their own data was explained.
    pub right_to_see_explained: bool,
    /// How to withdraw consent was explained.
    pub withdrawal_explained: bool,
    pub retention: RetentionMonths,
}

impl ConsentAnswers {
    /// Whether these answers allow `purpose`. Without an explained purpose nothing is allowed.
    pub fn allows(&self, purpose: Purpose) -> bool {
        self.purpose_explained
            && match purpose {
                Purpose::Interview => self.interview,
                Purpose::DataUse => self.data_use,
                Purpose::DataSharing => self.data_use && self.data_sharing,
                Purpose::Research => self.research_use,
                Purpose::Storytelling => self.storytelling,
            }
    }

    /// The answers after withdrawing `purposes` (all consents when empty). Withdrawing data
    /// use also withdraws sharing, which depends on it.
    pub fn withdraw(mut self, purposes: &[Purpose]) -> Self {
        let all = purposes.is_empty();
        let has = |p| all || purposes.contains(&p);
        if has(Purpose::Interview) {
            self.interview = false;
        }
        if has(Purpose::DataUse) {
            self.data_use = false;
            self.data_sharing = false;
        }
        if has(Purpose::DataSharing) {
            self.data_sharing = false;
        }
        if has(Purpose::Research) {
            self.research_use = false;
        }
        if has(Purpose::Storytelling) {
            self.storytelling = false;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yes() -> ConsentAnswers {
        ConsentAnswers {
            interview: true,
            purpose_explained: true,
            data_use: true,
            data_sharing: true,
            research_use: true,
            storytelling: true,
            right_to_see_explained: true,
            withdrawal_explained: true,
            retention: RetentionMonths::parse(60).unwrap(),
        }
    }

    #[test]
    fn withdrawal_stops_what_it_covers() {
        let a = yes().withdraw(&[Purpose::DataSharing]);
        assert!(!a.allows(Purpose::DataSharing));
        assert!(a.allows(Purpose::DataUse));
        let b = yes().withdraw(&[]);
        assert!(Purpose::ALL.iter().all(|p| !b.allows(*p)));
        let c = yes().withdraw(&[Purpose::DataUse]);
        assert!(!c.allows(Purpose::DataSharing));
    }

    #[test]
    fn unexplained_purpose_allows_nothing() {
        let a = ConsentAnswers {
            purpose_explained: false,
            ..yes()
        };
        assert!(Purpose::ALL.iter().all(|p| !a.allows(*p)));
    }

    #[test]
    fn retention_bounds() {
        assert!(RetentionMonths::parse(0).is_err());
        assert!(RetentionMonths::parse(1201).is_err());
        assert_eq!(RetentionMonths::parse(12).unwrap().get(), 12);
        assert_eq!(
            Purpose::parse("data_sharing").unwrap(),
            Purpose::DataSharing
        );
        assert_eq!(Purpose::parse("x").unwrap_err().field, "purposes");
    }
}
