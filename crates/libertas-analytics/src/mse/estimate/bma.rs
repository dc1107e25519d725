//! The `bma` branch of [`super::estimate`]: chooses the grid of missing counts and turns the
//! posterior into the common output.

use super::{warnings::data_warnings, Estimate, EstimateOptions, GraphSummary};
use crate::mse::{
    bma::{bma, BmaOptions, GraphPosterior, PopulationPrior},
    CaptureData, Model, Result,
};

/// Largest grid tried when the posterior still has mass near the top of the grid.
const MAX_GRID: u64 = 1_000_000;

pub(super) fn run(
    data: &CaptureData,
    options: &EstimateOptions,
    delta: Option<f64>,
    prior: PopulationPrior,
    missing_max: Option<u64>,
) -> Result<Estimate> {
    let n = data.n_observed();
    let mut warnings = data_warnings(data);
    let mut max = missing_max.unwrap_or_else(|| ((4.0 * n) as u64).max(300));
    let result = loop {
        let opts = bma_options(data, delta, prior, max, options.level);
        let r = bma(data, &opts)?;
        if missing_max.is_some() || r.upper_tail_mass < 1e-6 || max >= MAX_GRID {
            break r;
        }
        max = (max * 4).min(MAX_GRID);
    };
    if result.upper_tail_mass >= 1e-6 {
        warnings.push(format!(
            "{:.2e} of the posterior lies in the top tenth of the grid (N up to {}): the prior dominates or the grid is too short",
            result.upper_tail_mass,
            n + max as f64
        ));
    }
    if options.bootstrap.is_some() {
        warnings.push("a bootstrap is not used with bma: the credible interval is reported".into());
    }
    let names = data.names();
    let top = result.graphs.first();
    let model = top
        .map(|g| {
            g.cliques
                .iter()
                .map(|&c| Model::term_name(c, names))
                .collect()
        })
        .unwrap_or_default();
    let notation = top
        .map(|g| {
            let gens: Vec<usize> = g.cliques.clone();
            Model::closure(data.n_lists(), &gens).map(|m| m.hier_notation())
        })
        .transpose()?
        .unwrap_or_default();
    Ok(Estimate {
        method: "bma".into(),
        observed: n,
        estimate: result.bayes_estimate,
        ci: Some(result.interval),
        ci_wald: None,
        ci_level: options.level,
        model,
        model_notation: notation,
        neg_inf_terms: Vec::new(),
        warnings,
        bic: None,
        bic_table: Vec::new(),
        graphs: graph_summaries(&result.graphs, names),
        posterior_mode: Some(result.mode),
        bootstrap: None,
    })
}

fn graph_summaries(graphs: &[GraphPosterior], names: &[String]) -> Vec<GraphSummary> {
    graphs
        .iter()
        .take(10)
        .map(|g| GraphSummary {
            cliques: g
                .cliques
                .iter()
                .map(|&c| Model::term_name(c, names))
                .collect(),
            posterior: g.clone(),
        })
        .collect()
}

fn bma_options(
    data: &CaptureData,
    delta: Option<f64>,
    prior: PopulationPrior,
    missing_max: u64,
    level: f64,
) -> BmaOptions {
    BmaOptions {
        delta: delta.unwrap_or_else(|| 2f64.powi(-(data.n_lists() as i32))),
        prior,
        missing_range: (0, missing_max),
        level,
    }
}
