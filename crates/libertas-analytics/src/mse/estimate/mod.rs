//! One call from capture data to a published-style estimate: point, intervals, model, warnings.
//!
//! The warnings matter as much as the number: sparse data, lists that never overlap or a model
//! whose estimate does not exist all produce figures that look precise and are not.

use serde::Serialize;

mod bma;
mod loglinear;
mod warnings;

use super::{
    bic::BicEntry,
    bma::{GraphPosterior, PopulationPrior},
    hierarchy::default_max_order,
    CaptureData, MseError, Result,
};
use loglinear::Selector;

/// Lower-tail probabilities SparseMSE reports BCa limits for.
pub const SPARSEMSE_ALPHAS: [f64; 8] = [0.025, 0.05, 0.1, 0.16, 0.84, 0.9, 0.95, 0.975];

/// Which estimator to use.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// SparseMSE stepwise selection with this p-value threshold (default 0.02).
    Stepwise {
        /// Threshold below which an interaction is added.
        pthresh: f64,
    },
    /// Best BIC over hierarchical models (MultipleSystemsEstimation).
    Bic {
        /// Highest interaction order; `None` for the package's default.
        max_order: Option<usize>,
        /// Models (best BIC first) among which each replicate reselects; `None`: package default.
        ntop: Option<usize>,
    },
    /// Bayesian model averaging over decomposable graphs (dga).
    Bma {
        /// Hyper-Dirichlet prior observations per cell; `None`: 2^-lists.
        delta: Option<f64>,
        /// Prior on the population size.
        prior: PopulationPrior,
        /// Largest number missed on the grid; `None`: chosen from the data.
        missing_max: Option<u64>,
    },
}

impl Method {
    fn name(&self) -> &'static str {
        match self {
            Self::Stepwise { .. } => "stepwise",
            Self::Bic { .. } => "bic",
            Self::Bma { .. } => "bma",
        }
    }
}

/// What to estimate and how.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateOptions {
    /// The estimator.
    pub method: Method,
    /// Confidence level of the reported intervals (0.95 by default).
    pub level: f64,
    /// Bootstrap replicate counts (indexed by pattern), drawn by the caller or read from a file.
    pub bootstrap: Option<Vec<Vec<f64>>>,
}

/// BCa bootstrap details.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BootstrapSummary {
    /// Replicates used.
    pub replicates: usize,
    /// Replicates whose estimator failed (left out).
    pub failed: usize,
    /// Acceleration from the jackknife.
    pub ahat: f64,
    /// Bias correction.
    pub z0: f64,
    /// Lower-tail probabilities.
    pub alphas: Vec<f64>,
    /// BCa limits at each probability.
    pub limits: Vec<f64>,
}

/// An estimate of the total population, ready to serialise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// `stepwise`, `bic` or `bma`.
    pub method: String,
    /// People seen on at least one list.
    pub observed: f64,
    /// Estimated total population (seen and unseen).
    pub estimate: f64,
    /// BCa interval with a bootstrap, the Wald interval without, the credible interval for BMA.
    pub ci: Option<[f64; 2]>,
    /// Wald interval on the log of the unseen count.
    pub ci_wald: Option<[f64; 2]>,
    /// Level of both intervals.
    pub ci_level: f64,
    /// Generators of the chosen model, lists named, e.g. `["A:E", "B", "C", "D"]`.
    pub model: Vec<String>,
    /// The model in MultipleSystemsEstimation notation, e.g. `[15,2,3,4]`.
    pub model_notation: String,
    /// Terms fitted at minus infinity because their lists never overlap.
    pub neg_inf_terms: Vec<String>,
    /// Why the figure may not be trustworthy.
    pub warnings: Vec<String>,
    /// BIC of the chosen model (method `bic`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bic: Option<f64>,
    /// Best models by BIC (method `bic`, at most ten).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bic_table: Vec<BicEntry>,
    /// Most probable graphs (method `bma`, at most ten).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub graphs: Vec<GraphSummary>,
    /// Posterior mode of N (method `bma`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posterior_mode: Option<f64>,
    /// Bootstrap details, when one was run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bootstrap: Option<BootstrapSummary>,
}

/// One graph of the BMA output with its cliques named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphSummary {
    /// Cliques, lists named.
    pub cliques: Vec<String>,
    /// Posterior details.
    #[serde(flatten)]
    pub posterior: GraphPosterior,
}

/// Estimates the total population of `data` as `options` says.
pub fn estimate(data: &CaptureData, options: &EstimateOptions) -> Result<Estimate> {
    if !(options.level > 0.0 && options.level < 1.0) {
        return Err(MseError::InvalidArgument(format!(
            "confidence level {} is not between 0 and 1",
            options.level
        )));
    }
    if data.n_observed() <= 0.0 {
        return Err(MseError::NoObservations);
    }
    match &options.method {
        Method::Stepwise { pthresh } => loglinear::run(data, options, Selector::Stepwise(*pthresh)),
        Method::Bic { max_order, ntop } => {
            let order = max_order.unwrap_or_else(|| default_max_order(data.n_lists()));
            loglinear::run(data, options, Selector::Bic(order, *ntop))
        }
        Method::Bma {
            delta,
            prior,
            missing_max,
        } => bma::run(data, options, *delta, *prior, *missing_max),
    }
}
