//! Posterior over (decomposable graph, number missed), as dga's `bma.cr` computes it.
//!
//! Under the hyper-Dirichlet prior with `delta` prior observations per cell, the log marginal
//! likelihood of a clique's marginal table is a sum of log-gamma terms in which only the
//! all-absent cell depends on the number missed; a graph's likelihood is the product over
//! cliques divided by the product over separators.

use serde::Serialize;

use super::graphs::{decomposable_graphs, DecomposableGraph};
use crate::mse::{special::ln_gamma, CaptureData, MseError, Result};

/// Prior on the total population N.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum PopulationPrior {
    /// p(N) ∝ 1/N, dga's default.
    Inverse,
    /// Negative-binomial-type prior of Madigan and York with parameters a, b.
    NegativeBinomial {
        /// Shape a > 0.
        a: f64,
        /// Scale b > 0.
        b: f64,
    },
}

impl PopulationPrior {
    fn log_density(&self, n: f64) -> f64 {
        match *self {
            Self::Inverse => -n.ln(),
            Self::NegativeBinomial { a, b } => {
                n * b.ln() - (n + a) * (1.0 + b).ln() + ln_gamma(n + a)
                    - ln_gamma(n + 1.0)
                    - ln_gamma(a)
            }
        }
    }
}

/// Settings for [`bma`].
#[derive(Debug, Clone, PartialEq)]
pub struct BmaOptions {
    /// Prior observations per cell of the hyper-Dirichlet (dga suggests 2^-lists).
    pub delta: f64,
    /// Prior on N.
    pub prior: PopulationPrior,
    /// Smallest and largest number missed on the grid.
    pub missing_range: (u64, u64),
    /// Credible level of the reported interval.
    pub level: f64,
}

/// Posterior of one graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphPosterior {
    /// Cliques as list bit masks.
    #[serde(skip)]
    pub cliques: Vec<usize>,
    /// Posterior probability of the graph.
    pub posterior: f64,
    /// Bayes estimate of N under relative squared error, Σ(w/N)/Σ(w/N²).
    pub bayes_estimate: f64,
    /// Posterior mode of N.
    pub mode: f64,
}

/// Model-averaged posterior of N and the per-graph posteriors.
#[derive(Debug, Clone, PartialEq)]
pub struct BmaResult {
    /// Graphs, most probable first.
    pub graphs: Vec<GraphPosterior>,
    /// Values of N on the grid.
    pub population: Vec<f64>,
    /// Averaged posterior probability of each N.
    pub posterior: Vec<f64>,
    /// Averaged Bayes estimate Σ(w/N)/Σ(w/N²).
    pub bayes_estimate: f64,
    /// Averaged posterior mode.
    pub mode: f64,
    /// Equal-tailed credible interval.
    pub interval: [f64; 2],
    /// Posterior mass in the top tenth of the grid (large: widen the grid).
    pub upper_tail_mass: f64,
}

struct Marginals {
    constant: Vec<f64>,
    absent: Vec<f64>,
    delta: Vec<f64>,
}

fn marginals(counts: &[f64], n_lists: usize, delta: f64) -> Marginals {
    let size = counts.len();
    let mut constant = vec![0.0; size];
    let mut absent = vec![0.0; size];
    let mut deltas = vec![0.0; size];
    for c in 1..size {
        let dc = delta * 2f64.powi((n_lists - c.count_ones() as usize) as i32);
        let mut marg = vec![0.0; size];
        for (mask, &y) in counts.iter().enumerate() {
            marg[mask & c] += y;
        }
        constant[c] = (1..size)
            .filter(|k| k & c == *k && marg[*k] > 0.0)
            .map(|k| ln_gamma(marg[k] + dc) - ln_gamma(dc))
            .sum();
        absent[c] = marg[0];
        deltas[c] = dc;
    }
    Marginals {
        constant,
        absent,
        delta: deltas,
    }
}

fn log_sum_exp(v: &[f64]) -> f64 {
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + v.iter().map(|x| (x - max).exp()).sum::<f64>().ln()
}

fn bayes_and_mode(population: &[f64], weights: &[f64]) -> (f64, f64) {
    let (mut a, mut b) = (0.0, 0.0);
    let mut best = (f64::NEG_INFINITY, f64::NAN);
    for (&n, &w) in population.iter().zip(weights) {
        a += w / n;
        b += w / (n * n);
        if w > best.0 {
            best = (w, n);
        }
    }
    (a / b, best.1)
}

/// Averages over every decomposable graph on the data's lists.
pub fn bma(data: &CaptureData, options: &BmaOptions) -> Result<BmaResult> {
    let p = data.n_lists();
    let graphs = decomposable_graphs(p)?;
    let n_obs = data.n_observed();
    if n_obs <= 0.0 {
        return Err(MseError::NoObservations);
    }
    let (lo, hi) = options.missing_range;
    if !(options.delta > 0.0 && options.delta.is_finite()) || lo > hi || hi > 5_000_000 {
        return Err(MseError::InvalidArgument(
            "delta must be positive and the grid of missing counts non-empty".into(),
        ));
    }
    if let PopulationPrior::NegativeBinomial { a, b } = options.prior {
        if !(a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite()) {
            return Err(MseError::InvalidArgument(
                "prior a and b must be positive".into(),
            ));
        }
    }
    let marg = marginals(data.counts(), p, options.delta);
    let total_delta = options.delta * 2f64.powi(p as i32);
    let sum_lfact: f64 = data.counts().iter().map(|&y| ln_gamma(y + 1.0)).sum();
    let missing: Vec<f64> = (lo..=hi).map(|x| x as f64).collect();
    let population: Vec<f64> = missing.iter().map(|&x| x + n_obs).collect();
    let common: Vec<f64> = missing
        .iter()
        .zip(&population)
        .map(|(&x, &n)| {
            ln_gamma(n + 1.0) - sum_lfact - ln_gamma(x + 1.0) + options.prior.log_density(n)
        })
        .collect();
    let norm: Vec<f64> = population
        .iter()
        .map(|&n| ln_gamma(total_delta) - ln_gamma(n + total_delta))
        .collect();
    let log_ml = |c: usize, i: usize| -> f64 {
        marg.constant[c] + ln_gamma(marg.absent[c] + missing[i] + marg.delta[c])
            - ln_gamma(marg.delta[c])
            + norm[i]
    };
    let graph_weights = |g: &DecomposableGraph| -> Vec<f64> {
        (0..missing.len())
            .map(|i| {
                let cl: f64 = g.cliques.iter().map(|&c| log_ml(c, i)).sum();
                let sep: f64 = g.separators.iter().map(|&s| log_ml(s, i)).sum();
                cl - sep + common[i]
            })
            .collect()
    };
    let graph_lse: Vec<f64> = graphs
        .iter()
        .map(|g| log_sum_exp(&graph_weights(g)))
        .collect();
    let total = log_sum_exp(&graph_lse);
    if !total.is_finite() {
        return Err(MseError::InvalidArgument(
            "the posterior could not be normalised".into(),
        ));
    }
    let mut averaged = vec![0.0; missing.len()];
    let mut summaries = Vec::with_capacity(graphs.len());
    for (g, &lse) in graphs.iter().zip(&graph_lse) {
        let w: Vec<f64> = graph_weights(g).iter().map(|x| (x - total).exp()).collect();
        for (a, x) in averaged.iter_mut().zip(&w) {
            *a += x;
        }
        let (bayes, mode) = bayes_and_mode(&population, &w);
        summaries.push(GraphPosterior {
            cliques: g.cliques.clone(),
            posterior: (lse - total).exp(),
            bayes_estimate: bayes,
            mode,
        });
    }
    summaries.sort_by(|a, b| b.posterior.total_cmp(&a.posterior));
    let (bayes_estimate, mode) = bayes_and_mode(&population, &averaged);
    let interval = credible_interval(&population, &averaged, options.level);
    let tail_start = missing.len() - missing.len().div_ceil(10);
    let upper_tail_mass = averaged[tail_start..].iter().sum();
    Ok(BmaResult {
        graphs: summaries,
        population,
        posterior: averaged,
        bayes_estimate,
        mode,
        interval,
        upper_tail_mass,
    })
}

fn credible_interval(population: &[f64], posterior: &[f64], level: f64) -> [f64; 2] {
    let tail = (1.0 - level) / 2.0;
    let mut cum = 0.0;
    let mut lo = f64::NAN;
    let mut hi = f64::NAN;
    for (&n, &w) in population.iter().zip(posterior) {
        cum += w;
        if lo.is_nan() && cum >= tail {
            lo = n;
        }
        if hi.is_nan() && cum >= 1.0 - tail {
            hi = n;
        }
    }
    if hi.is_nan() {
        hi = population.last().copied().unwrap_or(f64::NAN);
    }
    [lo, hi]
}
