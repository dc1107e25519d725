//! Estimating u, the chance that two different people agree at each level.
//!
//! Two records picked at random are almost surely different people, so level frequencies over
//! random pairs estimate u without labels. Exact agreement is computed exactly from value counts
//! (a random sample would see a one-in-a-million phone match zero times and call it impossible);
//! the other levels come from a seeded sample of random pairs, split in chunks with their own
//! derived seeds so the result does not depend on the number of threads.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::blocking::mix;
use super::comparison::{level, level_count, NULL_LEVEL};
use super::dataset::Dataset;
use super::field::Field;

const CHUNK: usize = 1 << 14;

/// u per field and level (empty vectors for inactive fields), from `samples` random pairs.
pub fn estimate_u(
    ds: &Dataset,
    active: &[bool; Field::COUNT],
    link_only: bool,
    samples: usize,
    seed: u64,
) -> Vec<Vec<f64>> {
    let counts = sample_levels(ds, active, link_only, samples, seed);
    Field::ALL
        .into_iter()
        .map(|f| {
            if !active[f.index()] {
                return Vec::new();
            }
            let exact = exact_agreement(ds, f, link_only);
            spread(exact, &counts[f.index()])
        })
        .collect()
}

/// u of every level given u of exact agreement and sampled counts of the other levels
/// (smoothed so no level is impossible).
fn spread(exact: f64, counts: &[u64]) -> Vec<f64> {
    let rest: f64 = counts[1..].iter().map(|&c| c as f64 + 0.5).sum();
    let mut u = vec![exact];
    u.extend(
        counts[1..]
            .iter()
            .map(|&c| (1.0 - exact) * (c as f64 + 0.5) / rest),
    );
    u
}

/// P(two different records agree exactly | both present), from value counts.
fn exact_agreement(ds: &Dataset, field: Field, link_only: bool) -> f64 {
    let col = ds.column(field);
    let present = col.present as f64;
    let floor = 1.0 / (present * present).max(1.0);
    if !link_only {
        let same: f64 = col
            .counts
            .iter()
            .map(|&c| c as f64 * (c as f64 - 1.0))
            .sum();
        let all = present * (present - 1.0);
        return if all > 0.0 {
            (same / all).max(floor)
        } else {
            0.5
        };
    }
    let mut by_source: FxHashMap<(u32, u16), u64> = FxHashMap::default();
    let mut per_source: FxHashMap<u16, u64> = FxHashMap::default();
    for i in 0..ds.len() {
        if let Some(id) = ds.id(field, i) {
            *by_source.entry((id, ds.source(i))).or_default() += 1;
            *per_source.entry(ds.source(i)).or_default() += 1;
        }
    }
    let within: f64 = by_source.values().map(|&c| (c * c) as f64).sum();
    let total: f64 = col.counts.iter().map(|&c| c as f64 * c as f64).sum();
    let cross_all = present * present - per_source.values().map(|&c| (c * c) as f64).sum::<f64>();
    if cross_all > 0.0 {
        ((total - within) / cross_all).max(floor)
    } else {
        0.5
    }
}

/// Level counts of each field over `samples` random pairs of records that both have the field
/// (pairs from different sources in link-only mode). Sampling per field, rather than per record
/// pair, spends no comparisons on missing values.
fn sample_levels(
    ds: &Dataset,
    active: &[bool; Field::COUNT],
    link_only: bool,
    samples: usize,
    seed: u64,
) -> Vec<Vec<u64>> {
    Field::ALL
        .iter()
        .map(|&f| {
            if active[f.index()] {
                sample_field(ds, f, link_only, samples, seed ^ mix(f.index() as u64))
            } else {
                vec![0; level_count(f)]
            }
        })
        .collect()
}

fn sample_field(
    ds: &Dataset,
    field: Field,
    link_only: bool,
    samples: usize,
    seed: u64,
) -> Vec<u64> {
    let levels = level_count(field);
    let present: Vec<u32> = (0..ds.len() as u32)
        .filter(|&i| ds.id(field, i as usize).is_some())
        .collect();
    if present.len() < 2 {
        return vec![0; levels];
    }
    let col = |i: u32| ds.row(i as usize)[field.index()];
    (0..samples.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ mix(c as u64));
            let mut counts = vec![0u64; levels];
            for _ in 0..CHUNK.min(samples - c * CHUNK) {
                let i = present[rng.gen_range(0..present.len())];
                let j = present[rng.gen_range(0..present.len())];
                if i == j || (link_only && ds.source(i as usize) == ds.source(j as usize)) {
                    continue;
                }
                let l = level(ds, field, col(i), col(j));
                if l != NULL_LEVEL {
                    counts[l as usize] += 1;
                }
            }
            counts
        })
        .reduce(
            || vec![0u64; levels],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        )
}

#[cfg(test)]
mod tests {
    use super::super::dataset::{DatasetBuilder, RawRecord};
    use super::*;

    #[test]
    fn exact_u_from_counts() {
        let mut b = DatasetBuilder::new();
        for (src, g) in [("a", "m"), ("a", "m"), ("b", "f"), ("b", "m")] {
            let mut r = RawRecord {
                source: src,
                ..Default::default()
            };
            r.values[Field::Gender.index()] = g;
            b.push(&r);
        }
        let ds = b.finish();
        // dedupe: 3 "m" give 3 of 6 pairs
        assert!((exact_agreement(&ds, Field::Gender, false) - 0.5).abs() < 1e-12);
        // link-only: cross pairs (a,b): 4, of which m-m: 2
        assert!((exact_agreement(&ds, Field::Gender, true) - 0.5).abs() < 1e-12);
        let mut active = [false; Field::COUNT];
        active[Field::Gender.index()] = true;
        let u = estimate_u(&ds, &active, false, 1000, 7);
        assert_eq!(u[Field::Gender.index()].len(), 2);
        assert!((u[Field::Gender.index()].iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert_eq!(u, estimate_u(&ds, &active, false, 1000, 7));
    }
}
