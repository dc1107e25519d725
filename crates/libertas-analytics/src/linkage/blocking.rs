//! Blocking rules: which pairs of records are worth comparing at all.
//!
//! Comparing every pair of a million records is 5·10¹¹ comparisons, so only records that agree
//! exactly on some combination of fields are compared. Several rules are OR-ed, so a typo in one
//! field does not hide a pair that another rule catches; a pair found by more than one rule is
//! scored only by the first (see [`super::pairs`]). Keys are hashes of interned value ids.

use super::dataset::Dataset;
use super::field::Field;

/// One component of a blocking key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyPart {
    /// The whole normalised value.
    Whole(Field),
    /// The first `n` characters of the normalised value.
    Prefix(Field, usize),
    /// Given name and surname as an unordered pair, so swapped names block together.
    NamePair,
}

impl KeyPart {
    fn fields(self) -> Vec<Field> {
        match self {
            KeyPart::Whole(f) | KeyPart::Prefix(f, _) => vec![f],
            KeyPart::NamePair => vec![Field::FirstName, Field::Surname],
        }
    }
}

/// A conjunction of key parts: records block together when every part agrees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockingRule {
    /// The parts, all of which must be present and equal.
    pub parts: Vec<KeyPart>,
}

impl BlockingRule {
    /// A rule on whole values of `fields`.
    pub fn on(fields: &[Field]) -> Self {
        BlockingRule {
            parts: fields.iter().map(|&f| KeyPart::Whole(f)).collect(),
        }
    }

    /// The fields the rule reads.
    pub fn fields(&self) -> Vec<Field> {
        self.parts.iter().flat_map(|p| p.fields()).collect()
    }

    /// The key of record `i`, or `None` when a part is missing.
    pub fn key(&self, ds: &Dataset, i: usize) -> Option<u64> {
        let mut h: u64 = 0x243f_6a88_85a3_08d3;
        for part in &self.parts {
            let v = match *part {
                KeyPart::Whole(f) => u64::from(ds.id(f, i)?),
                KeyPart::Prefix(f, n) => {
                    let s = ds.value(f, i)?;
                    let end = s.char_indices().nth(n).map_or(s.len(), |(k, _)| k);
                    hash_bytes(&s.as_bytes()[..end])
                }
                KeyPart::NamePair => {
                    let a = hash_bytes(ds.value(Field::FirstName, i)?.as_bytes());
                    let b = hash_bytes(ds.value(Field::Surname, i)?.as_bytes());
                    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
                    mix(lo) ^ hi
                }
            };
            h = mix(h ^ v);
        }
        // u64::MAX is reserved for "no key".
        Some(h.min(u64::MAX - 1))
    }
}

impl std::fmt::Display for BlockingRule {
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|p| match *p {
                KeyPart::Whole(f) => f.column().to_string(),
                KeyPart::Prefix(f, n) => format!("{}[..{n}]", f.column()),
                KeyPart::NamePair => "{first_name,surname}".to_string(),
            })
            .collect();
        write!(out, "{}", parts.join(" & "))
    }
}

/// The default rules for the fields marked present: names (exact, or their first letters, so
/// that late typos still block) with a birth year or city, each name with a date of birth or
/// postcode, date of birth with a place, the identifiers alone and an exact address, so that
/// each common kind of corruption (typo in a name, missing or wrong date, moved house) still
/// leaves one rule that finds the pair. Names alone are a rule only when there is neither date
/// of birth nor city: common names make such blocks huge.
pub fn default_rules(present: &[bool; Field::COUNT]) -> Vec<BlockingRule> {
    use Field::*;
    use KeyPart::*;
    let candidates: Vec<Vec<KeyPart>> = vec![
        vec![NamePair, Prefix(Dob, 4)],
        vec![Prefix(FirstName, 3), Prefix(Surname, 3), Whole(City)],
        vec![Whole(Surname), Whole(Dob)],
        vec![Whole(FirstName), Whole(Dob)],
        vec![Prefix(FirstName, 3), Prefix(Surname, 3), Prefix(Dob, 4)],
        vec![Whole(Dob), Whole(Postcode)],
        vec![Whole(Dob), Whole(City)],
        vec![Whole(Postcode), Whole(FirstName)],
        vec![Whole(Postcode), Whole(Surname)],
        vec![Whole(Phone)],
        vec![Whole(Email)],
        vec![Whole(NationalId)],
        vec![Whole(Address)],
    ];
    let mut candidates = candidates;
    if !present[Dob.index()] && !present[City.index()] {
        candidates.insert(0, vec![NamePair]);
    }
    candidates
        .into_iter()
        .map(|parts| BlockingRule { parts })
        .filter(|r| r.fields().iter().all(|f| present[f.index()]))
        .collect()
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// SplitMix64 finaliser: spreads key bits so that grouping by key is uniform.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::super::dataset::{DatasetBuilder, RawRecord};
    use super::*;

    #[test]
    fn keys_agree_on_swapped_names_and_prefixes() {
        let mut b = DatasetBuilder::new();
        for (f, s) in [
            ("Anna", "Popescu"),
            ("Popescu", "Anna"),
            ("Annamaria", "Popa"),
            ("", "Popa"),
        ] {
            let mut r = RawRecord {
                source: "x",
                ..Default::default()
            };
            r.values[Field::FirstName.index()] = f;
            r.values[Field::Surname.index()] = s;
            b.push(&r);
        }
        let ds = b.finish();
        let pair = BlockingRule {
            parts: vec![KeyPart::NamePair],
        };
        assert_eq!(pair.key(&ds, 0), pair.key(&ds, 1));
        assert_ne!(pair.key(&ds, 0), pair.key(&ds, 2));
        assert_eq!(pair.key(&ds, 3), None);
        let pre = BlockingRule {
            parts: vec![KeyPart::Prefix(Field::FirstName, 3)],
        };
        assert_eq!(pre.key(&ds, 0), pre.key(&ds, 2));
    }
}
