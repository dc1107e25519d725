//! u conditioned on agreement elsewhere: evidence from fields that are not independent.
//!
//! Fellegi-Sunter adds up evidence as if fields were independent given "different people".
//! In person data they are not, and at a million records that made strangers look like
//! matches: two strangers in one postcode also share the city and have postcodes one digit
//! apart; two strangers with one name share the gender, the e-mail user name built from the
//! name, and (through the language of the name) the city. For a few agreement events (same
//! full name, postcode, address or city) this module measures, on the data, how each other
//! field compares between clearly different people for whom the event holds. Scoring then
//! uses the smaller of the ordinary and the conditional weight, so a dependence can only
//! reduce the evidence for a match, never invent it. Nothing about the data is assumed: where
//! fields are independent (FEBRL draws postcode and suburb separately) the conditional u
//! equals the ordinary one and nothing changes.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::blocking::BlockingRule;
use super::comparison::{compare, level_count, Gamma, NULL_LEVEL};
use super::dataset::{Dataset, Row, MISSING};
use super::field::Field;
use super::pairs::CandidatePairs;
use super::progress::Silent;

/// Fewer clearly different pairs than this and the condition is not used for a field.
const MIN_PAIRS: f64 = 100.0;

/// An agreement event that other fields are conditioned on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Given name and surname both agree exactly.
    SameName,
    /// Postcode agrees exactly.
    SamePostcode,
    /// Address agrees exactly.
    SameAddress,
    /// City agrees exactly.
    SameCity,
}

/// u of one field's levels given a condition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConditionalU {
    /// The condition.
    pub given: Condition,
    /// The field compared.
    pub field: Field,
    /// u per level, as in the field's model.
    pub u: Vec<f64>,
}

impl Condition {
    /// Every condition.
    pub const ALL: [Condition; 4] = [
        Condition::SameName,
        Condition::SamePostcode,
        Condition::SameAddress,
        Condition::SameCity,
    ];

    /// The fields that must agree.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Condition::SameName => &[Field::FirstName, Field::Surname],
            Condition::SamePostcode => &[Field::Postcode],
            Condition::SameAddress => &[Field::Address],
            Condition::SameCity => &[Field::City],
        }
    }

    /// Whether the condition holds for two records.
    pub fn holds(self, ri: &Row, rj: &Row) -> bool {
        self.fields().iter().all(|f| {
            let k = f.index();
            ri[k] != MISSING && ri[k] == rj[k]
        })
    }

    /// Whether a pair meeting the condition is clearly two people: different names for the
    /// place conditions, a different date of birth for the name condition, and no agreement
    /// at all, not even a near one, on any identifying field (so that duplicates with a
    /// corrupted name or date do not pass for strangers).
    fn clearly_different(self, g: &Gamma) -> bool {
        let is_else = |f: Field| {
            let l = g[f.index()];
            l != NULL_LEVEL && usize::from(l) == level_count(f) - 1
        };
        let required = match self {
            Condition::SameName => is_else(Field::Dob),
            _ => is_else(Field::FirstName) && is_else(Field::Surname),
        };
        required
            && IDENTIFYING
                .iter()
                .filter(|f| !self.fields().contains(f))
                .all(|&f| g[f.index()] == NULL_LEVEL || is_else(f))
    }
}

/// Fields on which any agreement suggests the same person.
const IDENTIFYING: [Field; 6] = [
    Field::FirstName,
    Field::Surname,
    Field::Dob,
    Field::NationalId,
    Field::Phone,
    Field::Email,
];

/// Measures conditional u for every condition whose fields are active, from up to `max_pairs`
/// sampled pairs per condition.
pub fn estimate_conditional(
    ds: &Dataset,
    active: &[bool; Field::COUNT],
    link_only: bool,
    u: &[Vec<f64>],
    max_pairs: usize,
    max_block: usize,
    seed: u64,
) -> Vec<ConditionalU> {
    let mut out = Vec::new();
    for given in Condition::ALL {
        if !given.fields().iter().all(|f| active[f.index()]) {
            continue;
        }
        let cp = CandidatePairs::new(
            ds,
            &[BlockingRule::on(given.fields())],
            link_only,
            max_block,
        );
        let rate = (max_pairs as f64 / cp.upper_bound().max(1) as f64).min(1.0);
        let counts = cp.fold_sample(
            rate,
            seed,
            FxHashMap::<(usize, u8), f64>::default,
            |acc, i, j| {
                let g = compare(ds, active, i as usize, j as usize);
                if given.clearly_different(&g) {
                    for (k, &l) in g.iter().enumerate() {
                        if l != NULL_LEVEL {
                            *acc.entry((k, l)).or_default() += 1.0;
                        }
                    }
                }
            },
            |mut a, b| {
                for (k, c) in b {
                    *a.entry(k).or_default() += c;
                }
                a
            },
            &Silent,
        );
        for field in Field::ALL {
            let k = field.index();
            if !active[k] || given.fields().contains(&field) {
                continue;
            }
            let n: Vec<f64> = (0..level_count(field))
                .map(|l| counts.get(&(k, l as u8)).copied().unwrap_or(0.0))
                .collect();
            let total: f64 = n.iter().sum();
            if total < MIN_PAIRS {
                continue;
            }
            // A lower confidence bound (about two standard errors) of the conditional rate: a
            // level is only weakened by a dependence the sample clearly shows, never by the
            // noise of a few chance agreements in a small file.
            let u = n
                .iter()
                .zip(&u[k])
                .map(|(c, base)| ((c - 2.0 * c.sqrt()).max(0.0) / total).clamp(*base, 1.0))
                .collect();
            out.push(ConditionalU { given, field, u });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::dataset::{DatasetBuilder, RawRecord};
    use super::*;

    /// Postcode determines the city here; given the postcode, agreeing on the city is certain
    /// for strangers, so its conditional u of exact agreement must be near 1.
    #[test]
    fn measures_dependence_of_city_on_postcode() {
        let mut b = DatasetBuilder::new();
        let names: Vec<String> = (0..400).map(|i| format!("n{}x", i * 7919 % 1000)).collect();
        let surnames: Vec<String> = (0..400)
            .map(|i| format!("s{}y", i * 104_729 % 1000))
            .collect();
        let postcodes: Vec<String> = (0..400).map(|i| format!("p{}", i % 5)).collect();
        let cities: Vec<String> = (0..400).map(|i| format!("city{}", i % 5)).collect();
        for i in 0..400 {
            let mut r = RawRecord {
                source: "x",
                ..Default::default()
            };
            r.values[Field::FirstName.index()] = &names[i];
            r.values[Field::Surname.index()] = &surnames[i];
            r.values[Field::Postcode.index()] = &postcodes[i];
            r.values[Field::City.index()] = &cities[i];
            b.push(&r);
        }
        let ds = b.finish();
        let mut active = [false; Field::COUNT];
        for f in [
            Field::FirstName,
            Field::Surname,
            Field::Postcode,
            Field::City,
        ] {
            active[f.index()] = true;
        }
        let u: Vec<Vec<f64>> = Field::ALL
            .iter()
            .map(|&f| vec![1.0 / level_count(f) as f64; level_count(f)])
            .collect();
        let cond = estimate_conditional(&ds, &active, false, &u, 100_000, 1000, 1);
        let city = cond
            .iter()
            .find(|c| c.given == Condition::SamePostcode && c.field == Field::City)
            .expect("city given postcode");
        assert!(city.u[0] > 0.95, "{:?}", city.u);
    }
}
