//! Finding people without plaintext: the normal forms that the store's keyed search index hashes.
//!
//! The store never keeps a name or a birth date in the clear. To find "Ștefan Popescu" it keeps
//! keyed hashes (HMAC) of *terms* derived here: each name token in a normal form, a phonetic key
//! of each token (so "Popesku" finds "Popescu"), the birth date and the birth year. A query is
//! turned into the same terms and hashed with the same key, so matching is equality of hashes.
//!
//! The rules are defined once, here, and [`INDEX_VERSION`] names them: when they change, the
//! version goes up and the store re-indexes every person whose rows carry an older version.

use super::{normalise_identity_number, BirthDate, Phone};
use crate::FieldError;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The version of the normal forms below. Raise it whenever [`name_tokens`] or
/// [`phonetic_key`] change, so stored index rows are rebuilt.
pub const INDEX_VERSION: i64 = 1;

/// Longest name query accepted, in characters.
const MAX_NAME_CHARS: usize = 200;

/// The kinds of term in the search index (each hashed in its own namespace).
pub mod kind {
    /// A name token in normal form.
    pub const NAME: &str = "name";
    /// The phonetic key of a name token.
    pub const NAME_PHONETIC: &str = "name_phonetic";
    /// A full birth date, `YYYY-MM-DD`.
    pub const BIRTH_DATE: &str = "birth_date";
    /// A birth year, `YYYY`.
    pub const BIRTH_YEAR: &str = "birth_year";
}

/// The tokens of a name: Unicode NFKD with combining marks (diacritics) removed, remaining
/// non-ASCII letters transliterated ("ł" → "l", Cyrillic → Latin), lower case, split on
/// anything that is not a letter or digit; apostrophes vanish ("O'Brien" → "obrien"), hyphens
/// split ("Popescu-Ionescu" → two tokens). Single letters (initials) are dropped as too weak
/// to search on; duplicates are dropped.
pub fn name_tokens(raw: &str) -> Vec<String> {
    let stripped: String = raw
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ' | '`'))
        .collect();
    let ascii = deunicode::deunicode(&stripped).to_ascii_lowercase();
    let mut out: Vec<String> = vec![];
    for t in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        if t.len() >= 2 && !out.iter().any(|o| o == t) {
            out.push(t.to_owned());
        }
    }
    out
}

/// A phonetic key of one normalised token: a Soundex-style consonant skeleton tuned for the
/// spellings met in Romanian and neighbouring languages.
///
/// 1. Spellings of one sound are unified: `ph`→`f`, `gh`→`g`, `ch`/`ck`/`qu`→`k`, `sch`/`sh`→`s`,
///    `th`→`t`, `x`→`ks`, `w`→`v`, `y`→`i`.
/// 2. Consonants fall into classes: `b p`→P, `f v`→F, `c g k q`→K, `s z j`→S, `d t`→T, `l`→L,
///    `m n`→M, `r`→R; `h` and digits are ignored.
/// 3. Vowels are dropped, except that a vowel before any consonant is kept as `A`.
/// 4. Runs of one class collapse to one letter.
///
/// So "popescu", "popesku" and "popescou" all give `PSK`; "stefan" and "stephan" give `STFM`;
/// "cristina" and "kristina" give `KRSTM`. Unlike Soundex the key is not cut to four letters,
/// which keeps long Romanian surnames apart. A token of digits only has an empty key.
pub fn phonetic_key(token: &str) -> String {
    let t = token
        .replace("sch", "s")
        .replace("sh", "s")
        .replace("ph", "f")
        .replace("gh", "g")
        .replace("ch", "k")
        .replace("ck", "k")
        .replace("qu", "k")
        .replace("th", "t")
        .replace('x', "ks")
        .replace('w', "v")
        .replace('y', "i");
    let mut key = String::new();
    for c in t.chars() {
        let class = match c {
            'b' | 'p' => 'P',
            'f' | 'v' => 'F',
            'c' | 'g' | 'k' | 'q' => 'K',
            's' | 'z' | 'j' => 'S',
            'd' | 't' => 'T',
            'l' => 'L',
            'm' | 'n' => 'M',
            'r' => 'R',
            'a' | 'e' | 'i' | 'o' | 'u' if key.is_empty() => 'A',
            _ => continue,
        };
        if !key.ends_with(class) {
            key.push(class);
        }
    }
    key
}

/// The index terms of a person: `(kind, value)` pairs, each to be hashed with the search key.
pub fn person_terms(
    given_name: &str,
    family_name: &str,
    birth_date: Option<&str>,
) -> Vec<(&'static str, String)> {
    let mut terms = vec![];
    let mut tokens = name_tokens(given_name);
    for t in name_tokens(family_name) {
        if !tokens.contains(&t) {
            tokens.push(t);
        }
    }
    name_terms(&tokens, &mut terms);
    if let Some(b) = birth_date.filter(|b| b.len() == 10) {
        terms.push((kind::BIRTH_DATE, b.to_owned()));
        terms.push((kind::BIRTH_YEAR, b[..4].to_owned()));
    }
    terms
}

fn name_terms(tokens: &[String], terms: &mut Vec<(&'static str, String)>) {
    for t in tokens {
        terms.push((kind::NAME, t.clone()));
        let p = phonetic_key(t);
        if !p.is_empty()
            && !terms
                .iter()
                .any(|(k, v)| *k == kind::NAME_PHONETIC && *v == p)
        {
            terms.push((kind::NAME_PHONETIC, p));
        }
    }
}

/// A birth date criterion: a full date, or only the year when that is all that is known.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BirthCriterion {
    Date(BirthDate),
    Year(i32),
}

impl std::fmt::Debug for BirthCriterion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BirthCriterion(<redacted>)")
    }
}

/// What a search looks for, validated. At least one criterion is present.
#[derive(Clone)]
pub struct SearchCriteria {
    /// Normalised name tokens.
    pub name_tokens: Vec<String>,
    pub birth: Option<BirthCriterion>,
    pub phone: Option<Phone>,
    /// Normalised identity number.
    pub identity_number: Option<String>,
}

impl std::fmt::Debug for SearchCriteria {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchCriteria({:?})", self.fields())
    }
}

fn present(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}

impl SearchCriteria {
    /// Parses the raw criteria; empty strings count as absent. `today` bounds birth dates.
    pub fn parse(
        name: Option<&str>,
        birth_date: Option<&str>,
        phone: Option<&str>,
        identity_number: Option<&str>,
        today: time::Date,
    ) -> Result<Self, FieldError> {
        let mut name_tokens_ = vec![];
        if let Some(n) = present(name) {
            if n.chars().count() > MAX_NAME_CHARS {
                return Err(FieldError::new("name", "must be at most 200 characters"));
            }
            name_tokens_ = name_tokens(n);
            if name_tokens_.is_empty() {
                return Err(FieldError::new(
                    "name",
                    "must contain a name of at least two letters",
                ));
            }
        }
        let birth = match present(birth_date) {
            None => None,
            Some(b) if b.len() == 4 && b.chars().all(|c| c.is_ascii_digit()) => {
                let y: i32 = b.parse().unwrap_or(0);
                if y < 1900 || y > today.year() {
                    return Err(FieldError::new(
                        "birth_date",
                        "must be a year between 1900 and this year",
                    ));
                }
                Some(BirthCriterion::Year(y))
            }
            Some(b) => Some(BirthCriterion::Date(BirthDate::parse(b, today)?)),
        };
        let phone = present(phone).map(Phone::parse).transpose()?;
        let identity_number = match present(identity_number) {
            None => None,
            Some(n) => Some(normalise_identity_number(n).ok_or_else(|| {
                FieldError::new("identity_number", "must be 2 to 64 letters and digits")
            })?),
        };
        let c = Self {
            name_tokens: name_tokens_,
            birth,
            phone,
            identity_number,
        };
        if c.fields().is_empty() {
            return Err(FieldError::new(
                "name",
                "give at least one of name, birth date, phone or identity number",
            ));
        }
        Ok(c)
    }

    /// The names of the criteria used (for the audit log, which never holds their values).
    pub fn fields(&self) -> Vec<&'static str> {
        let mut f = vec![];
        if !self.name_tokens.is_empty() {
            f.push("name");
        }
        if self.birth.is_some() {
            f.push("birth_date");
        }
        if self.phone.is_some() {
            f.push("phone");
        }
        if self.identity_number.is_some() {
            f.push("identity_number");
        }
        f
    }

    /// The index terms of the name and birth criteria, `(kind, value)`.
    pub fn terms(&self) -> Vec<(&'static str, String)> {
        let mut terms = vec![];
        name_terms(&self.name_tokens, &mut terms);
        match self.birth {
            Some(BirthCriterion::Date(d)) => terms.push((kind::BIRTH_DATE, d.to_iso())),
            Some(BirthCriterion::Year(y)) => terms.push((kind::BIRTH_YEAR, format!("{y:04}"))),
            None => {}
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn romanian_diacritics_vanish() {
        assert_eq!(name_tokens("Ștefan  POPESCU"), ["stefan", "popescu"]);
        assert_eq!(name_tokens("Ştefan"), ["stefan"]); // cedilla form
        assert_eq!(name_tokens("Ţugui-Mărăşescu"), ["tugui", "marasescu"]);
        assert_eq!(name_tokens("Îonuț Ânghel"), ["ionut", "anghel"]);
        assert_eq!(name_tokens("O'Brien, J."), ["obrien"]);
        assert_eq!(name_tokens("Łukasz Wałęsa"), ["lukasz", "walesa"]);
        assert_eq!(name_tokens("ana Ana ANA"), ["ana"]);
        assert!(name_tokens(" - . ").is_empty());
    }

    #[test]
    fn phonetic_keys_join_spellings() {
        let same = [
            ("popescu", "popesku"),
            ("popescu", "popescou"),
            ("stefan", "stephan"),
            ("cristina", "kristina"),
            ("cristina", "christina"),
            ("alexandru", "aleksandru"),
            ("ionescu", "ionesco"),
            ("andreea", "andreia"),
            ("gheorghe", "george"),
            ("maria", "marya"),
            ("ana", "anna"),
            ("mihai", "mihay"),
            ("schmidt", "smit"),
        ];
        for (a, b) in same {
            assert_eq!(phonetic_key(a), phonetic_key(b), "{a} vs {b}");
        }
        assert_eq!(phonetic_key("popescu"), "PSK");
        assert_eq!(phonetic_key("stefan"), "STFM");
        let apart = [
            ("popescu", "ionescu"),
            ("maria", "mihai"),
            ("stefan", "stan"),
            ("radu", "rares"),
        ];
        for (a, b) in apart {
            assert_ne!(phonetic_key(a), phonetic_key(b), "{a} vs {b}");
        }
        for t in ["ab", "io", "zz", "ha", "hm"] {
            assert!(!phonetic_key(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn person_terms_cover_names_and_birth() {
        let t = person_terms("Ștefan", "Popescu", Some("1990-04-02"));
        let has = |k: &str, v: &str| t.iter().any(|(a, b)| *a == k && b == v);
        assert!(has(kind::NAME, "stefan"));
        assert!(has(kind::NAME, "popescu"));
        assert!(has(kind::NAME_PHONETIC, "STFM"));
        assert!(has(kind::NAME_PHONETIC, "PSK"));
        assert!(has(kind::BIRTH_DATE, "1990-04-02"));
        assert!(has(kind::BIRTH_YEAR, "1990"));
        assert_eq!(t.len(), 6);
    }

    #[test]
    fn criteria_parse_and_refuse() {
        let today = date!(2026 - 11 - 22);
        let c =
            SearchCriteria::parse(Some("Stefan Popesku"), Some("1990"), None, None, today).unwrap();
        assert_eq!(c.fields(), ["name", "birth_date"]);
        assert!(c
            .terms()
            .iter()
            .any(|(k, v)| *k == kind::BIRTH_YEAR && v == "1990"));
        let field = |r: Result<SearchCriteria, FieldError>| r.unwrap_err().field;
        assert_eq!(
            field(SearchCriteria::parse(None, None, None, None, today)),
            "name"
        );
        assert_eq!(
            field(SearchCriteria::parse(
                Some(" "),
                Some(""),
                None,
                None,
                today
            )),
            "name"
        );
        assert_eq!(
            field(SearchCriteria::parse(None, Some("1850"), None, None, today)),
            "birth_date"
        );
        assert_eq!(
            field(SearchCriteria::parse(
                None,
                Some("1990-02-30"),
                None,
                None,
                today
            )),
            "birth_date"
        );
        assert_eq!(
            field(SearchCriteria::parse(None, None, Some("12"), None, today)),
            "phone"
        );
        assert_eq!(
            field(SearchCriteria::parse(None, None, None, Some("-"), today)),
            "identity_number"
        );
        let long = "a".repeat(201);
        assert_eq!(
            field(SearchCriteria::parse(Some(&long), None, None, None, today)),
            "name"
        );
        assert!(!format!("{c:?}").contains("tefan"));
    }
}
