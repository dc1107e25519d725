//! One linkage run from interned records to pairs and clusters.
//!
//! Train (unless a model is given) → stream and score candidate pairs, keeping only those with
//! a non-negligible probability → re-estimate the prior on the kept pairs → cluster.

use rand::RngCore;
use rayon::prelude::*;

use super::blocking::{default_rules, loose_rules};
use super::cluster::{cluster, ClusterRules, Edge};
use super::dataset::Dataset;
use super::error::LinkError;
use super::field::Field;
use super::model::Model;
use super::pairs::CandidatePairs;
use super::progress::{Progress, Stage};
use super::scoring::{logit2, probability, Scorer};
use super::training::{total_pairs, train, TrainingOptions};

/// Default probability above which two records join a cluster. High on purpose: a cluster is
/// read as "the same survivor", and a wrong merge mixes two people's case histories, while a
/// missed link leaves two records a caseworker can still merge by hand.
pub const DEFAULT_THRESHOLD: f64 = 0.9;

/// Pairs are kept in memory only above this probability (under a prior 16 times the trained
/// one, so re-estimating the prior cannot bring dropped pairs into play).
const KEEP_PROBABILITY: f64 = 1e-4;

/// Settings of a linkage run. `Default` gives the documented defaults.
#[derive(Clone, Debug)]
pub struct LinkOptions {
    /// Compare only records from different sources (`source_dataset`).
    pub link_only: bool,
    /// Probability above which two records join a cluster.
    pub threshold: f64,
    /// Pairs at or above this probability are returned in [`Linkage::pairs`].
    pub pairs_min_probability: f64,
    /// Mean probability over all cross pairs needed to merge two clusters.
    pub cluster_mean_probability: f64,
    /// A pair with a weight below this many bits (strong evidence of two different people)
    /// never ends up in one cluster.
    pub veto_bits: f32,
    /// Random pairs sampled per field to estimate u.
    pub u_samples: usize,
    /// Pairs sampled per EM training block.
    pub em_max_pairs: usize,
    /// Blocks with more records than this are skipped (a shared placeholder value).
    pub max_block: usize,
    /// Fields filled in for fewer records than this share are not compared.
    pub min_fill: f64,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            link_only: false,
            threshold: DEFAULT_THRESHOLD,
            pairs_min_probability: 0.01,
            cluster_mean_probability: 0.5,
            veto_bits: -8.0,
            u_samples: 100_000,
            em_max_pairs: 500_000,
            max_block: 2_000,
            min_fill: 0.01,
        }
    }
}

/// A pair of records with its match probability.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScoredPair {
    /// Index of the first record (smaller).
    pub a: u32,
    /// Index of the second record.
    pub b: u32,
    /// Probability that both describe the same person.
    pub probability: f64,
}

/// Counts describing a run, for summaries.
#[derive(Clone, Debug, Default)]
pub struct LinkStats {
    /// Records linked.
    pub records: usize,
    /// Candidate pairs scored.
    pub pairs_scored: u64,
    /// Pairs kept in memory after scoring.
    pub pairs_kept: usize,
    /// Each blocking rule with the pairs in its blocks (repeats and same-source pairs included).
    pub rules: Vec<(String, u64)>,
    /// Blocks skipped for size.
    pub dropped_blocks: usize,
    /// Clusters, singletons included.
    pub clusters: usize,
    /// Fields compared.
    pub fields: Vec<Field>,
}

/// The result of [`link`].
#[derive(Clone, Debug)]
pub struct Linkage {
    /// The model used, with the prior re-estimated on this data.
    pub model: Model,
    /// Pairs at or above [`LinkOptions::pairs_min_probability`], sorted by record indices.
    pub pairs: Vec<ScoredPair>,
    /// Cluster of each record, labelled by the smallest record index in the cluster.
    pub clusters: Vec<u32>,
    /// Counts.
    pub stats: LinkStats,
}

/// Links the records of `ds`. With `model` the training step is skipped (the prior is still
/// re-estimated). Randomness (u and EM samples) comes from `rng` only.
pub fn link(
    ds: &Dataset,
    opts: &LinkOptions,
    model: Option<Model>,
    rng: &mut dyn RngCore,
    progress: &dyn Progress,
) -> Result<Linkage, LinkError> {
    check(ds, opts)?;
    let active = active_fields(ds, opts, model.as_ref())?;
    progress.start(Stage::Training, 0);
    let mut model = match model {
        Some(m) => m,
        None => {
            let t = TrainingOptions {
                u_samples: opts.u_samples,
                em_max_pairs: opts.em_max_pairs,
                max_block: opts.max_block,
                seed: rng.next_u64(),
            };
            train(ds, &active, opts.link_only, &t)
        }
    };
    let scorer = Scorer::new(ds, &model);
    let mut rules_used = default_rules(scorer.active());
    rules_used.extend(loose_rules(ds, scorer.active(), opts.max_block));
    let cp = CandidatePairs::new(ds, &rules_used, opts.link_only, opts.max_block);
    progress.start(Stage::Scoring, cp.upper_bound());
    let keep_bits = (logit2(KEEP_PROBABILITY) - logit2(model.prior) - 4.0) as f32;
    let (mut edges, scored) = cp.fold(
        || (Vec::new(), 0u64),
        |(edges, n), a, b| {
            *n += 1;
            if let Some(weight) = scorer.weight_at_least(a as usize, b as usize, keep_bits) {
                edges.push(Edge { a, b, weight });
            }
        },
        |(mut x, nx), (y, ny)| {
            x.extend(y);
            (x, nx + ny)
        },
        progress,
    );
    edges.par_sort_unstable_by_key(|e| (e.a, e.b));
    model.prior = refine_prior(&edges, model.prior, total_pairs(ds, opts.link_only));
    let prior_bits = logit2(model.prior);

    let pairs = edges
        .iter()
        .map(|e| ScoredPair {
            a: e.a,
            b: e.b,
            probability: probability(prior_bits + f64::from(e.weight)),
        })
        .filter(|p| p.probability >= opts.pairs_min_probability)
        .collect();
    let rules = ClusterRules {
        prior_bits,
        threshold: opts.threshold,
        mean_probability: opts.cluster_mean_probability,
        veto_bits: opts.veto_bits,
        max_cross_pairs: 10_000,
    };
    let clusters = cluster(
        ds.len(),
        &edges,
        &rules,
        |x, y| scorer.weight(x as usize, y as usize),
        progress,
    );
    let stats = LinkStats {
        records: ds.len(),
        pairs_scored: scored,
        pairs_kept: edges.len(),
        rules: rules_used
            .iter()
            .map(ToString::to_string)
            .zip(cp.rule_pairs().iter().copied())
            .collect(),
        dropped_blocks: cp.dropped_blocks(),
        clusters: clusters
            .iter()
            .enumerate()
            .filter(|(i, &c)| *i as u32 == c)
            .count(),
        fields: Field::ALL
            .into_iter()
            .filter(|f| scorer.active()[f.index()])
            .collect(),
    };
    Ok(Linkage {
        model,
        pairs,
        clusters,
        stats,
    })
}

fn check(ds: &Dataset, opts: &LinkOptions) -> Result<(), LinkError> {
    if opts.link_only && ds.source_names().len() < 2 {
        return Err(LinkError::NeedTwoSources(ds.source_names().len()));
    }
    for (name, p) in [
        ("threshold", opts.threshold),
        ("pairs minimum probability", opts.pairs_min_probability),
        ("cluster mean probability", opts.cluster_mean_probability),
    ] {
        if !(0.0..=1.0).contains(&p) {
            return Err(LinkError::InvalidOption(format!(
                "{name} must be between 0 and 1, got {p}"
            )));
        }
    }
    if ds.len() > u32::MAX as usize - 1 {
        return Err(LinkError::InvalidOption("too many records".into()));
    }
    Ok(())
}

fn active_fields(
    ds: &Dataset,
    opts: &LinkOptions,
    model: Option<&Model>,
) -> Result<[bool; Field::COUNT], LinkError> {
    let mut active = [false; Field::COUNT];
    for f in Field::ALL {
        let in_model = model.is_none_or(|m| m.fields.iter().any(|fm| fm.field == f));
        active[f.index()] =
            in_model && ds.fill_rate(f) >= opts.min_fill && ds.column(f).present > 0;
    }
    if active.iter().any(|&a| a) {
        Ok(active)
    } else {
        Err(LinkError::NoUsableFields {
            min_fill_percent: opts.min_fill * 100.0,
        })
    }
}

/// The prior as the EM fixed point with m and u held: expected matches among the kept pairs
/// (pairs not kept contribute nothing measurable) over all pairs.
fn refine_prior(edges: &[Edge], start: f64, total: f64) -> f64 {
    let total = total.max(1.0);
    let mut prior = start;
    for _ in 0..200 {
        let bits = logit2(prior);
        let expected: f64 = edges
            .iter()
            .map(|e| probability(bits + f64::from(e.weight)))
            .sum();
        let next = (expected / total).clamp(0.5 / total, 0.5);
        let done = (next - prior).abs() <= 1e-6 * prior;
        prior = next;
        if done {
            break;
        }
    }
    prior
}
