//! Match weights: how many bits of evidence a pair of records gives for "same person".
//!
//! The weight of a level is log2(m/u); a pair's weight is the sum over fields (missing fields
//! add nothing) plus, for exact agreement on fields with term-frequency adjustment,
//! log2(u_exact / frequency of the value): sharing a hub phone number or the commonest surname
//! counts for less than sharing a rare one. Fields that depend on each other are corrected as
//! described in [`super::conditional`]. Weights exclude the prior, so the prior can be
//! re-estimated after scoring without scoring again.

use super::comparison::{inexact_level, shifted_surname, swapped_names};
use super::conditional::Condition;
use super::dataset::{Dataset, MISSING};
use rustc_hash::FxHashMap;

use super::field::Field;
use super::model::Model;

/// Most levels any field has.
const MAX_LEVELS: usize = 8;
/// Largest term-frequency adjustment in either direction, in bits.
const TF_LIMIT: f64 = 15.0;

/// Order in which inexact fields are compared: cheap and decisive first, so that a pair that
/// cannot reach the floor is dropped before the long strings are compared.
const EVALUATION_ORDER: [Field; Field::COUNT] = [
    Field::Dob,
    Field::Phone,
    Field::NationalId,
    Field::Postcode,
    Field::Gender,
    Field::Occupation,
    Field::City,
    Field::Surname,
    Field::FirstName,
    Field::Email,
    Field::Address,
];

/// Scores pairs of records of one dataset under one model.
pub struct Scorer<'a> {
    ds: &'a Dataset,
    active: [bool; Field::COUNT],
    weights: [[f32; MAX_LEVELS]; Field::COUNT],
    best_inexact: [f32; Field::COUNT],
    tf: Vec<Vec<f32>>,
    full_name_tf: FxHashMap<u64, f32>,
    /// Per condition, the conditional weights of each field's levels (None: not measured).
    conditional: Vec<(Condition, Vec<Option<[f32; MAX_LEVELS]>>)>,
}

impl<'a> Scorer<'a> {
    /// Prepares weights and term-frequency adjustments. Fields of the model that are empty in
    /// `ds` are ignored.
    pub fn new(ds: &'a Dataset, model: &Model) -> Self {
        let mut active = [false; Field::COUNT];
        let mut weights = [[0f32; MAX_LEVELS]; Field::COUNT];
        let mut best_inexact = [0f32; Field::COUNT];
        let mut tf = vec![Vec::new(); Field::COUNT];
        for fm in &model.fields {
            let f = fm.field.index();
            if ds.column(fm.field).present == 0 || fm.levels.len() > MAX_LEVELS {
                continue;
            }
            active[f] = true;
            let w: Vec<f64> = fm.levels.iter().map(|l| (l.m / l.u).log2()).collect();
            let w = monotone(&w);
            for (slot, v) in weights[f].iter_mut().zip(&w) {
                *slot = *v as f32;
            }
            best_inexact[f] = w[1..].iter().copied().fold(f64::NEG_INFINITY, f64::max) as f32;
            if fm.term_frequency {
                let col = ds.column(fm.field);
                let u_exact = fm.levels[0].u;
                let present = col.present.max(1) as f64;
                tf[f] = col
                    .counts
                    .iter()
                    .map(|&c| {
                        let freq = f64::from(c.max(1)) / present;
                        (u_exact / freq).log2().clamp(-TF_LIMIT, TF_LIMIT) as f32
                    })
                    .collect();
            }
        }
        let mut conditional: Vec<(Condition, Vec<Option<[f32; MAX_LEVELS]>>)> = Vec::new();
        for cu in &model.conditional {
            let Some(fm) = model.fields.iter().find(|fm| fm.field == cu.field) else {
                continue;
            };
            if !active[cu.field.index()] || cu.u.len() != fm.levels.len() {
                continue;
            }
            let slot = match conditional.iter().position(|(c, _)| *c == cu.given) {
                Some(p) => p,
                None => {
                    conditional.push((cu.given, vec![None; Field::COUNT]));
                    conditional.len() - 1
                }
            };
            let mut levels = [0f32; MAX_LEVELS];
            for (l, (lp, u)) in fm.levels.iter().zip(&cu.u).enumerate() {
                levels[l] = (lp.m / u).log2() as f32;
            }
            conditional[slot].1[cu.field.index()] = Some(levels);
        }
        let full_name_tf = full_name_adjustments(ds, model);
        Scorer {
            ds,
            active,
            weights,
            best_inexact,
            tf,
            full_name_tf,
            conditional,
        }
    }

    /// Fields this scorer compares.
    pub fn active(&self) -> &[bool; Field::COUNT] {
        &self.active
    }

    /// Match weight of records `i` and `j` in bits, without the prior.
    pub fn weight(&self, i: usize, j: usize) -> f32 {
        self.score(i, j, f32::NEG_INFINITY, None)
            .unwrap_or(f32::NEG_INFINITY)
    }

    /// The match weight of `i` and `j` if it reaches `floor`, else `None`. Exact agreements and
    /// missing values cost nothing to score; string comparisons are made in
    /// [`EVALUATION_ORDER`] and stop as soon as even the best remaining levels could not lift
    /// the pair to `floor`. Most candidate pairs are settled that way.
    pub fn weight_at_least(&self, i: usize, j: usize, floor: f32) -> Option<f32> {
        self.score(i, j, floor, None)
    }

    /// Level and weight (term-frequency adjustment and dependence corrections included) of
    /// each field that counted, for explaining a score to a person reviewing a link.
    pub fn explain(&self, i: usize, j: usize) -> Vec<(Field, u8, f32)> {
        let mut out = Vec::new();
        self.score(i, j, f32::NEG_INFINITY, Some(&mut out));
        out.sort_by_key(|(f, _, _)| *f);
        out
    }

    fn score(
        &self,
        i: usize,
        j: usize,
        floor: f32,
        mut trace: Option<&mut Vec<(Field, u8, f32)>>,
    ) -> Option<f32> {
        let (ri, rj) = (self.ds.row(i), self.ds.row(j));
        let (first, sur) = (Field::FirstName.index(), Field::Surname.index());
        let swapped = (self.active[first] || self.active[sur]) && swapped_names(self.ds, ri, rj);
        let exact = |k: usize| {
            ri[k] != MISSING && (ri[k] == rj[k] || (swapped && (k == first || k == sur)))
        };
        let full_name = (exact(first) && exact(sur))
            .then(|| {
                self.full_name_tf
                    .get(&name_key(ri[first], ri[sur]))
                    .copied()
            })
            .flatten();
        let mut holding = [0usize; Condition::ALL.len()];
        let mut n_holding = 0;
        for (c, (given, _)) in self.conditional.iter().enumerate() {
            if given.holds(ri, rj) {
                holding[n_holding] = c;
                n_holding += 1;
            }
        }
        let holding = &holding[..n_holding];
        let mut w = full_name.unwrap_or(0.0);
        let mut optimistic = 0f32;
        let mut pending = [Field::Dob; Field::COUNT];
        let mut n_pending = 0;
        let shifted = if self.active[sur] {
            shifted_surname(self.ds, ri, rj)
        } else {
            None
        };
        for f in EVALUATION_ORDER {
            let k = f.index();
            if let Some(level) = shifted.filter(|_| k == first || k == sur) {
                if k == sur {
                    let add = self.conditioned(holding, k, level, self.weights[k][level as usize]);
                    w += add;
                    if let Some(t) = trace.as_deref_mut() {
                        t.push((f, level, add));
                    }
                }
                continue;
            }
            if !self.active[k] || ri[k] == MISSING || rj[k] == MISSING {
                continue;
            }
            if exact(k) {
                let tf = if full_name.is_some() && (k == first || k == sur) {
                    0.0
                } else {
                    self.tf[k].get(ri[k] as usize).copied().unwrap_or(0.0)
                };
                let add = self.conditioned(holding, k, 0, self.weights[k][0] + tf);
                w += add;
                if let Some(t) = trace.as_deref_mut() {
                    t.push((f, 0, add));
                }
            } else {
                pending[n_pending] = f;
                n_pending += 1;
                optimistic += self.best_inexact[k];
            }
        }
        for &f in &pending[..n_pending] {
            if w + optimistic < floor {
                return None;
            }
            let k = f.index();
            let level = inexact_level(self.ds, f, ri[k], rj[k]);
            let add = self.conditioned(holding, k, level, self.weights[k][level as usize]);
            w += add;
            optimistic -= self.best_inexact[k];
            if let Some(t) = trace.as_deref_mut() {
                t.push((f, level, add));
            }
        }
        (w >= floor).then_some(w)
    }

    /// The weight of `level` of field `k`, lowered to the conditional weight of any condition
    /// holding for the pair (see [`super::conditional`]).
    fn conditioned(&self, holding: &[usize], k: usize, level: u8, weight: f32) -> f32 {
        holding.iter().fold(weight, |w, &c| {
            let cond = &self.conditional[c].1;
            match cond[k] {
                Some(ref levels) => w.min(levels[level as usize]),
                None => w,
            }
        })
    }
}

fn name_key(first: u32, surname: u32) -> u64 {
    u64::from(first) << 32 | u64::from(surname)
}

/// Term-frequency adjustment for agreeing on both names, from the frequency of the full name
/// rather than the product of the two name frequencies: names are not independent (they come
/// from one language), so "Hong Duong" is far more common than "Hong" times "Duong" suggests.
fn full_name_adjustments(ds: &Dataset, model: &Model) -> FxHashMap<u64, f32> {
    let u_exact = |field: Field| {
        model
            .fields
            .iter()
            .find(|fm| fm.field == field && fm.term_frequency)
            .map(|fm| fm.levels[0].u)
    };
    let (Some(uf), Some(us)) = (u_exact(Field::FirstName), u_exact(Field::Surname)) else {
        return FxHashMap::default();
    };
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for i in 0..ds.len() {
        if let (Some(f), Some(s)) = (ds.id(Field::FirstName, i), ds.id(Field::Surname, i)) {
            *counts.entry(name_key(f, s)).or_default() += 1;
        }
    }
    let total: f64 = counts.values().map(|&c| f64::from(c)).sum();
    counts
        .into_iter()
        .map(|(k, c)| {
            let freq = f64::from(c) / total.max(1.0);
            (
                k,
                (uf * us / freq)
                    .log2()
                    .clamp(-2.0 * TF_LIMIT, 2.0 * TF_LIMIT) as f32,
            )
        })
        .collect()
}

/// Level weights made safe: exact agreement is the strongest level and the "else" level never
/// counts in favour of a match, whatever EM estimated on odd data.
fn monotone(w: &[f64]) -> Vec<f64> {
    let mut out = w.to_vec();
    let n = out.len();
    if n >= 2 {
        let best_other = out[1..].iter().copied().fold(f64::NEG_INFINITY, f64::max);
        out[0] = out[0].max(best_other).max(0.0);
        let worst_other = out[..n - 1].iter().copied().fold(0.0, f64::min);
        out[n - 1] = out[n - 1].min(worst_other);
    }
    out
}

/// log2 of the odds of probability `p`.
pub fn logit2(p: f64) -> f64 {
    (p / (1.0 - p)).log2()
}

/// Probability from a weight in bits (prior included).
pub fn probability(bits: f64) -> f64 {
    1.0 / (1.0 + (-bits).exp2())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn monotone_orders_levels() {
        assert_eq!(monotone(&[3.0, 5.0, -1.0]), vec![5.0, 5.0, -1.0]);
        assert_eq!(monotone(&[3.0, 1.0, 2.0]), vec![3.0, 1.0, 0.0]);
        assert_eq!(monotone(&[-2.0, -3.0]), vec![0.0, -3.0]);
    }

    proptest! {
        #[test]
        fn probability_inverts_logit(p in 0.001f64..0.999) {
            prop_assert!((probability(logit2(p)) - p).abs() < 1e-9);
        }
    }
}
