//! Which terms of a query matched a candidate, and how strongly.
//!
//! Ranking is by the number of criteria matched (name, birth, phone, identity number), then by
//! a score in which an exact name token (2) beats a phonetic one (1). A match is *strong* — good
//! enough to warn of a duplicate or to be counted outside need-to-know — when an identifier
//! matches, or the full birth date and a name token match, or every one of at least two name
//! tokens matches and the birth date (if the query has one) does too.
//!
//! What is said about people the caller may *not* see is coarser ([`Matched::elsewhere`]): an
//! identifier, or every one of at least two name tokens, and never anything about the birth
//! date, so asking again with another birth date cannot change the answer (issue 9).

use super::DuplicateProbe;
use crate::crypto::Keyring;
use libertas_domain::people::normalise_identity_number;
use libertas_domain::people::search::{
    kind, name_tokens, phonetic_key, BirthCriterion, SearchCriteria,
};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Why a record matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    IdentityNumber,
    Phone,
    BirthDate,
    BirthYear,
    /// At least one name token matched exactly (after normalisation).
    Name,
    /// At least one name token matched only by its phonetic key.
    NamePhonetic,
}

impl Reason {
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::IdentityNumber => "identity_number",
            Reason::Phone => "phone",
            Reason::BirthDate => "birth_date",
            Reason::BirthYear => "birth_year",
            Reason::Name => "name",
            Reason::NamePhonetic => "name_phonetic",
        }
    }
}

/// One term of a query that can match.
#[derive(Clone, Copy, Debug)]
pub(super) enum Hit {
    Exact(usize),
    Phonetic(usize),
    BirthDate,
    BirthYear,
    Phone,
    Identity,
}

/// The normalised query.
pub(super) struct Probe {
    tokens: Vec<String>,
    birth_date: Option<String>,
    birth_year: Option<String>,
    phone: Option<String>,
    identity: Vec<String>,
}

impl Probe {
    pub(super) fn from_criteria(c: &SearchCriteria) -> Self {
        let (birth_date, birth_year) = match c.birth {
            Some(BirthCriterion::Date(d)) => (Some(d.to_iso()), None),
            Some(BirthCriterion::Year(y)) => (None, Some(format!("{y:04}"))),
            None => (None, None),
        };
        Self {
            tokens: c.name_tokens.clone(),
            birth_date,
            birth_year,
            phone: c.phone.as_ref().map(|p| p.normalised().to_owned()),
            identity: c.identity_number.iter().cloned().collect(),
        }
    }

    pub(super) fn from_person(d: &DuplicateProbe<'_>) -> Self {
        let mut tokens = name_tokens(d.given_name);
        for t in name_tokens(d.family_name) {
            if !tokens.contains(&t) {
                tokens.push(t);
            }
        }
        Self {
            tokens,
            birth_date: d.birth_date.map(str::to_owned),
            birth_year: None,
            phone: d.phone.map(str::to_owned),
            identity: d
                .identity_numbers
                .iter()
                .filter_map(|n| normalise_identity_number(n))
                .collect(),
        }
    }

    /// Search-index digests of the name and birth terms by kind, each with the hits it stands
    /// for (two tokens can share a phonetic key).
    pub(super) fn hashed_terms(
        &self,
        ring: &Keyring,
    ) -> HashMap<&'static str, HashMap<String, Vec<Hit>>> {
        let mut out: HashMap<&'static str, HashMap<String, Vec<Hit>>> = HashMap::new();
        let mut add = |k: &'static str, value: &str, hit: Hit| {
            out.entry(k)
                .or_default()
                .entry(ring.search_index(k, value))
                .or_default()
                .push(hit);
        };
        for (i, t) in self.tokens.iter().enumerate() {
            add(kind::NAME, t, Hit::Exact(i));
            let p = phonetic_key(t);
            if !p.is_empty() {
                add(kind::NAME_PHONETIC, &p, Hit::Phonetic(i));
            }
        }
        if let Some(d) = &self.birth_date {
            add(kind::BIRTH_DATE, d, Hit::BirthDate);
        }
        if let Some(y) = &self.birth_year {
            add(kind::BIRTH_YEAR, y, Hit::BirthYear);
        }
        out
    }

    /// Blind-index look-ups: `(kind, normalised value, hit)`.
    pub(super) fn identifiers(&self) -> Vec<(&'static str, &str, Hit)> {
        let mut v = vec![];
        if let Some(p) = &self.phone {
            v.push(("phone", p.as_str(), Hit::Phone));
        }
        for n in &self.identity {
            v.push(("identity_number", n.as_str(), Hit::Identity));
        }
        v
    }

    fn has_birth(&self) -> bool {
        self.birth_date.is_some() || self.birth_year.is_some()
    }

    /// The question in one canonical line of normalised values, whose keyed digest tells a
    /// repeated look-up from a new one (`budget`). Never stored as it is.
    pub(super) fn question(&self) -> String {
        let mut tokens = self.tokens.clone();
        tokens.sort();
        let mut identity = self.identity.clone();
        identity.sort();
        format!(
            "n={}|d={}|y={}|p={}|i={}",
            tokens.join(" "),
            self.birth_date.as_deref().unwrap_or(""),
            self.birth_year.as_deref().unwrap_or(""),
            self.phone.as_deref().unwrap_or(""),
            identity.join(" ")
        )
    }
}

/// What matched for one candidate.
#[derive(Default, Debug)]
pub(super) struct Matched {
    exact: BTreeSet<usize>,
    phonetic: BTreeSet<usize>,
    birth_date: bool,
    birth_year: bool,
    phone: bool,
    identity: bool,
}

impl Matched {
    pub(super) fn add(&mut self, h: Hit) {
        match h {
            Hit::Exact(i) => {
                self.exact.insert(i);
            }
            Hit::Phonetic(i) => {
                self.phonetic.insert(i);
            }
            Hit::BirthDate => self.birth_date = true,
            Hit::BirthYear => self.birth_year = true,
            Hit::Phone => self.phone = true,
            Hit::Identity => self.identity = true,
        }
    }

    fn name_hits(&self) -> usize {
        self.exact.union(&self.phonetic).count()
    }

    fn phonetic_only(&self) -> usize {
        self.phonetic.difference(&self.exact).count()
    }

    /// The sort key of a candidate: higher is better.
    pub(super) fn rank(&self) -> (u32, u32) {
        (self.criteria(), self.score())
    }

    /// How many criteria (name, birth, phone, identity number) matched.
    pub(super) fn criteria(&self) -> u32 {
        u32::from(self.name_hits() > 0)
            + u32::from(self.birth_date || self.birth_year)
            + u32::from(self.phone)
            + u32::from(self.identity)
    }

    pub(super) fn score(&self) -> u32 {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        2 * n(self.exact.len())
            + n(self.phonetic_only())
            + 3 * u32::from(self.birth_date)
            + 2 * u32::from(self.birth_year)
            + 4 * u32::from(self.phone)
            + 4 * u32::from(self.identity)
    }

    /// Whether the candidate is worth showing at all: an identifier matched, or two criteria,
    /// or the name did on average at least as well as a phonetic match of every token (so a
    /// single shared sound such as "Ion"/"Ana" (`AM`) does not list half the organisation),
    /// or — when no name was asked — the birth date.
    pub(super) fn relevant(&self, probe: &Probe) -> bool {
        let tokens = probe.tokens.len();
        let name_points = 2 * self.exact.len() + self.phonetic_only();
        self.phone
            || self.identity
            || self.criteria() >= 2
            || (tokens > 0 && name_points >= tokens)
            || (tokens == 0 && (self.birth_date || self.birth_year))
    }

    pub(super) fn strong(&self, probe: &Probe) -> bool {
        let names = probe.tokens.len();
        self.phone
            || self.identity
            || (self.birth_date && self.name_hits() > 0)
            || (names >= 2
                && self.name_hits() == names
                && (!probe.has_birth() || self.birth_date || self.birth_year))
    }

    /// Whether the candidate counts as "exists elsewhere" for a caller who may not see it: an
    /// identifier matched, or every one of at least two name tokens did. The birth date plays
    /// no part: otherwise asking with each possible date in turn would reveal it.
    pub(super) fn elsewhere(&self, probe: &Probe) -> bool {
        let names = probe.tokens.len();
        self.phone || self.identity || (names >= 2 && self.name_hits() == names)
    }

    pub(super) fn reasons(&self) -> Vec<Reason> {
        let mut r = vec![];
        if self.identity {
            r.push(Reason::IdentityNumber);
        }
        if self.phone {
            r.push(Reason::Phone);
        }
        if self.birth_date {
            r.push(Reason::BirthDate);
        }
        if self.birth_year {
            r.push(Reason::BirthYear);
        }
        if !self.exact.is_empty() {
            r.push(Reason::Name);
        }
        if self.phonetic_only() > 0 {
            r.push(Reason::NamePhonetic);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(tokens: &[&str], birth: bool) -> Probe {
        Probe {
            tokens: tokens.iter().map(|t| t.to_string()).collect(),
            birth_date: birth.then(|| "1990-01-02".into()),
            birth_year: None,
            phone: None,
            identity: vec![],
        }
    }

    #[test]
    fn strength_and_ranking() {
        let two = probe(&["stefan", "popesku"], true);
        let mut m = Matched::default();
        m.add(Hit::Exact(0));
        m.add(Hit::Phonetic(0));
        m.add(Hit::Phonetic(1));
        assert!(!m.strong(&two), "names without the given birth date");
        assert_eq!(m.reasons(), [Reason::Name, Reason::NamePhonetic]);
        assert_eq!(m.score(), 3);
        m.add(Hit::BirthDate);
        assert!(m.strong(&two));
        assert_eq!(m.criteria(), 2);
        let mut sound = Matched::default();
        sound.add(Hit::Phonetic(1));
        assert!(!sound.relevant(&two), "one shared sound of two tokens");
        sound.add(Hit::Phonetic(0));
        assert!(sound.relevant(&two));
        let one = probe(&["maria"], false);
        let mut weak = Matched::default();
        weak.add(Hit::Exact(0));
        assert!(!weak.strong(&one), "a single name token is never strong");
        weak.add(Hit::Phone);
        assert!(weak.strong(&one));
        assert_eq!(weak.reasons(), [Reason::Phone, Reason::Name]);
    }

    #[test]
    fn elsewhere_never_depends_on_the_birth_date() {
        let two = probe(&["stefan", "popescu"], true);
        let mut names = Matched::default();
        names.add(Hit::Exact(0));
        names.add(Hit::Exact(1));
        let mut with_date = Matched::default();
        with_date.add(Hit::Exact(0));
        with_date.add(Hit::Exact(1));
        with_date.add(Hit::BirthDate);
        assert!(names.elsewhere(&two) && with_date.elsewhere(&two));
        let mut one_and_date = Matched::default();
        one_and_date.add(Hit::Exact(0));
        one_and_date.add(Hit::BirthDate);
        assert!(
            !one_and_date.elsewhere(&two),
            "a date never completes a match"
        );
        assert!(!one_and_date.elsewhere(&probe(&["stefan"], true)));
        assert_ne!(
            two.question().replace("1990-01-02", "1991-01-02"),
            two.question(),
            "another date is another question"
        );
    }
}
