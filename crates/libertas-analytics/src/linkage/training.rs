//! Training a model without labels: u from random pairs, m by EM over training blocks.
//!
//! Each training block is keyed on one field group (date of birth; the full name; …) and
//! estimates m only for fields outside the correlation groups of its key. That is the guard
//! against EM's "same name" optimum: inside a same-name block, two strangers also share the
//! e-mail user name and gender built from that name, and EM would happily call them a match.
//! Estimates of a field from several blocks are averaged. The prior (share of matching pairs)
//! is derived from the share of matches EM finds inside a block and the chance that a match
//! falls into that block; the pipeline refines it later on the scored pairs.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::blocking::BlockingRule;
use super::comparison::{compare, level_count, Gamma};
use super::conditional::estimate_conditional;
use super::em::{fit, initial_m};
use super::field::{Field, Group};
use super::model::Model;
use super::pairs::CandidatePairs;
use super::progress::Silent;
use super::u_estimate::estimate_u;

/// Limits and seed of a training run.
#[derive(Clone, Debug)]
pub struct TrainingOptions {
    /// Random pairs sampled for u.
    pub u_samples: usize,
    /// Pairs sampled per training block for EM.
    pub em_max_pairs: usize,
    /// Training blocks larger than this are skipped.
    pub max_block: usize,
    /// Seed for both samples.
    pub seed: u64,
}

/// Training keys in order of preference. Date of birth comes first: strangers born on the same
/// day are random people, so every other field is estimated cleanly there. Identifiers (phone,
/// id number, e-mail) come next to estimate the date of birth itself: records sharing one are
/// mostly the same person and the strangers among them (hub phones) are random people too. A
/// same-name block is the last resort, because strangers who share a name also tend to share a
/// nationality, and with it cities and postcodes.
fn training_rules(active: &[bool; Field::COUNT]) -> Vec<Vec<Field>> {
    use Field::*;
    let candidates = [
        vec![Dob],
        vec![Phone],
        vec![NationalId],
        vec![Email],
        vec![Postcode],
        vec![FirstName, Surname],
        vec![City],
    ];
    let mut chosen: Vec<Vec<Field>> = Vec::new();
    let mut covered = [false; Field::COUNT];
    for rule in candidates {
        if !rule.iter().all(|f| active[f.index()]) {
            continue;
        }
        let mask = estimable(active, &rule);
        if chosen.len() < 2 || (0..Field::COUNT).any(|f| mask[f] && !covered[f]) {
            for f in 0..Field::COUNT {
                covered[f] |= mask[f];
            }
            chosen.push(rule);
        }
    }
    chosen
}

/// Active fields outside every correlation group of the rule's key.
fn estimable(active: &[bool; Field::COUNT], key: &[Field]) -> [bool; Field::COUNT] {
    let groups: Vec<Group> = key.iter().map(|f| f.group()).collect();
    let mut mask = *active;
    for f in Field::ALL {
        if groups.contains(&f.group()) {
            mask[f.index()] = false;
        }
    }
    mask
}

/// Number of pairs a dedupe or link-only run could compare.
pub fn total_pairs(ds: &super::dataset::Dataset, link_only: bool) -> f64 {
    let n = ds.len() as f64;
    if !link_only {
        return n * (n - 1.0) / 2.0;
    }
    let mut per_source = vec![0f64; ds.source_names().len()];
    for i in 0..ds.len() {
        per_source[ds.source(i) as usize] += 1.0;
    }
    (n * n - per_source.iter().map(|c| c * c).sum::<f64>()) / 2.0
}

struct BlockFit {
    key: Vec<Field>,
    lambda: f64,
    pairs: f64,
    estimated: [bool; Field::COUNT],
    m: Vec<Vec<f64>>,
}

/// Trains a model on `ds` for the fields marked in `active`.
pub fn train(
    ds: &super::dataset::Dataset,
    active: &[bool; Field::COUNT],
    link_only: bool,
    opts: &TrainingOptions,
) -> Model {
    let u = estimate_u(ds, active, link_only, opts.u_samples, opts.seed);
    let m0: Vec<Vec<f64>> = Field::ALL
        .iter()
        .map(|&f| {
            if active[f.index()] {
                initial_m(level_count(f))
            } else {
                Vec::new()
            }
        })
        .collect();
    let fits: Vec<BlockFit> = training_rules(active)
        .into_iter()
        .map(|key| fit_block(ds, active, link_only, opts, &u, &m0, key))
        .collect();

    let mut m = m0.clone();
    for f in Field::ALL.into_iter().filter(|f| active[f.index()]) {
        let from: Vec<&BlockFit> = fits.iter().filter(|b| b.estimated[f.index()]).collect();
        if from.is_empty() {
            continue;
        }
        let k = from.len() as f64;
        m[f.index()] = (0..level_count(f))
            .map(|l| from.iter().map(|b| b.m[f.index()][l]).sum::<f64>() / k)
            .collect();
    }
    let prior = prior_from_blocks(ds, link_only, &fits, &m);
    let mut model = Model::from_parts(prior, &m, &u);
    model.conditional = estimate_conditional(
        ds,
        active,
        link_only,
        &u,
        opts.em_max_pairs,
        opts.max_block,
        opts.seed,
    );
    model
}

fn fit_block(
    ds: &super::dataset::Dataset,
    active: &[bool; Field::COUNT],
    link_only: bool,
    opts: &TrainingOptions,
    u: &[Vec<f64>],
    m0: &[Vec<f64>],
    key: Vec<Field>,
) -> BlockFit {
    let estimated = estimable(active, &key);
    let rule = BlockingRule::on(&key);
    let cp = CandidatePairs::new(ds, std::slice::from_ref(&rule), link_only, opts.max_block);
    let rate = (opts.em_max_pairs as f64 / cp.upper_bound().max(1) as f64).min(1.0);
    let (patterns, sampled) = cp.fold_sample(
        rate,
        opts.seed,
        || (FxHashMap::<Gamma, f64>::default(), 0u64),
        |(map, n), i, j| {
            *n += 1;
            *map.entry(compare(ds, &estimated, i as usize, j as usize))
                .or_default() += 1.0;
        },
        |(mut a, na), (b, nb)| {
            for (g, c) in b {
                *a.entry(g).or_default() += c;
            }
            (a, na + nb)
        },
        &Silent,
    );
    let mut patterns: Vec<(Gamma, f64)> = patterns.into_par_iter().collect();
    patterns.sort_unstable_by_key(|p| p.0);
    let em = fit(&patterns, &estimated, u, m0, 0.3);
    // Pairs in the whole block, estimated from the sampled share.
    let pairs = sampled as f64 / rate.max(f64::MIN_POSITIVE);
    BlockFit {
        key,
        lambda: em.lambda,
        pairs,
        estimated,
        m: em.m,
    }
}

/// Expected matches = matches EM found in a block / P(a match lands in that block); the prior
/// is that over all pairs. The median over blocks is used.
fn prior_from_blocks(
    ds: &super::dataset::Dataset,
    link_only: bool,
    fits: &[BlockFit],
    m: &[Vec<f64>],
) -> f64 {
    let total = total_pairs(ds, link_only).max(1.0);
    let mut estimates: Vec<f64> = fits
        .iter()
        .filter(|b| b.pairs > 0.0)
        .map(|b| {
            let reach: f64 = b
                .key
                .iter()
                .map(|f| m[f.index()][0] * ds.fill_rate(*f).powi(2))
                .product();
            b.lambda * b.pairs / reach.max(1e-9)
        })
        .collect();
    estimates.sort_by(f64::total_cmp);
    let matches = estimates
        .get(estimates.len() / 2)
        .copied()
        .unwrap_or(ds.len() as f64 / 2.0);
    (matches / total).clamp(1.0 / total, 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_keys_exclude_correlated_fields() {
        let active = [true; Field::COUNT];
        let rules = training_rules(&active);
        assert_eq!(rules, vec![vec![Field::Dob], vec![Field::Phone]]);
        let names = estimable(&active, &[Field::FirstName, Field::Surname]);
        for f in [
            Field::FirstName,
            Field::Surname,
            Field::Email,
            Field::Gender,
        ] {
            assert!(!names[f.index()]);
        }
        assert!(names[Field::Dob.index()] && names[Field::Phone.index()]);
        let mut covered = [false; Field::COUNT];
        for r in &rules {
            let e = estimable(&active, r);
            for f in 0..Field::COUNT {
                covered[f] |= e[f];
            }
        }
        assert_eq!(covered, active);
    }
}
