//! Blocking rules: which pairs of records are worth comparing at all.
//!
//! Comparing every pair of a million records is 5·10¹¹ comparisons, so only records that agree
//! exactly on some combination of fields are compared. Several rules are OR-ed, so a typo in one
//! field does not hide a pair that another rule catches; a pair found by more than one rule is
//! scored only by the first (see [`super::pairs`]). Keys are hashes of interned value ids.

use rustc_hash::FxHashMap;

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

/// Extra pairs per record a loose rule may add before it is left out (see [`loose_rules`]).
pub const LOOSE_PAIRS_PER_RECORD: u64 = 6;

/// Rules for records that lost the fields the default rules key on: transcribed and historical
/// records often lack a date of birth or postcode, or carry only a year, so that no default
/// rule holds for two records of one person ("Lionel Hopkins, Newcastle" and "Lionel Hopkins,
/// born 1854"). These rules key on names with a place or an initial, the name pair alone, or
/// the postcode alone. Where the data has few distinct names (one community, one language)
/// their blocks are large and cost far more than they find, so each rule is used only when its
/// blocks hold at most [`LOOSE_PAIRS_PER_RECORD`] pairs per record of `ds`; the choice is made
/// from the data, in one pass per rule, before any pair is scored.
pub fn loose_rules(
    ds: &Dataset,
    present: &[bool; Field::COUNT],
    max_block: usize,
) -> Vec<BlockingRule> {
    use Field::*;
    use KeyPart::*;
    let candidates: Vec<Vec<KeyPart>> = vec![
        vec![Whole(Surname), Whole(City)],
        vec![Whole(Surname), Prefix(FirstName, 1)],
        vec![NamePair],
        vec![Whole(Postcode)],
    ];
    let budget = LOOSE_PAIRS_PER_RECORD.saturating_mul(ds.len() as u64);
    candidates
        .into_iter()
        .map(|parts| BlockingRule { parts })
        .filter(|r| r.fields().iter().all(|f| present[f.index()]))
        .filter(|r| block_pairs(ds, r, max_block) <= budget)
        .collect()
}

/// Pairs inside the blocks of `rule` that have at most `max_block` records (larger blocks are
/// dropped when pairs are made, see [`super::pairs`]).
pub fn block_pairs(ds: &Dataset, rule: &BlockingRule, max_block: usize) -> u64 {
    let mut sizes: FxHashMap<u64, u64> = FxHashMap::default();
    for i in 0..ds.len() {
        if let Some(k) = rule.key(ds, i) {
            *sizes.entry(k).or_default() += 1;
        }
    }
    sizes
        .values()
        .filter(|&&n| n as usize <= max_block)
        .map(|&n| n * n.saturating_sub(1) / 2)
        .sum()
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

    fn people(names: &[(&str, &str, &str)]) -> Dataset {
        let mut b = DatasetBuilder::new();
        for (f, s, c) in names {
            let mut r = RawRecord {
                source: "x",
                ..Default::default()
            };
            r.values[Field::FirstName.index()] = f;
            r.values[Field::Surname.index()] = s;
            r.values[Field::City.index()] = c;
            b.push(&r);
        }
        b.finish()
    }

    #[test]
    fn loose_rules_only_where_they_are_cheap() {
        let mut present = [false; Field::COUNT];
        for f in [Field::FirstName, Field::Surname, Field::City] {
            present[f.index()] = true;
        }
        let varied: Vec<(String, String)> = (0..40)
            .map(|k| (format!("given{k}"), format!("family{}", k / 2)))
            .collect();
        let rows: Vec<(&str, &str, &str)> = varied
            .iter()
            .map(|(f, s)| (f.as_str(), s.as_str(), "leeds"))
            .collect();
        let ds = people(&rows);
        let rule = BlockingRule::on(&[Field::Surname, Field::City]);
        assert_eq!(block_pairs(&ds, &rule, 100), 20);
        assert_eq!(block_pairs(&ds, &rule, 1), 0);
        let loose = loose_rules(&ds, &present, 100);
        assert!(loose.contains(&rule));
        assert!(loose.iter().all(|r| r.fields() != vec![Field::Postcode]));

        let same: Vec<(&str, &str, &str)> = (0..40).map(|_| ("ann", "lee", "leeds")).collect();
        let ds = people(&same);
        assert_eq!(block_pairs(&ds, &rule, 100), 40 * 39 / 2);
        assert!(loose_rules(&ds, &present, 100).is_empty());
    }
}
