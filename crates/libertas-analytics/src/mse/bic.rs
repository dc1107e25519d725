//! Best-BIC model choice over all hierarchical models (MultipleSystemsEstimation's
//! `estimate_population_bic` / `assemble_bic`).
//!
//! Every candidate must pass the existence and identifiability check; terms whose lists never
//! overlap are fitted at −∞ but still counted in the BIC penalty, which is
//! `n_params · ln(n_observed) − 2 · log likelihood`.

use rayon::prelude::*;
use serde::Serialize;

use super::{fit::fit_model, CaptureData, ExistenceCache, Model, MseError, Result};

/// One admissible model with its estimate and BIC.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BicEntry {
    /// The model.
    #[serde(skip)]
    pub model: Model,
    /// Its hierarchical notation.
    pub notation: String,
    /// Estimated total population.
    pub estimate: f64,
    /// Bayesian information criterion (smaller is better).
    pub bic: f64,
}

/// Fits one model for BIC; `None` when it is not admissible or cannot be fitted.
pub fn bic_entry(
    data: &CaptureData,
    overlaps: &[f64],
    model: &Model,
    cache: &ExistenceCache,
) -> Result<Option<BicEntry>> {
    if !cache.check(data, overlaps, model)?.is_ok() {
        return Ok(None);
    }
    let Ok(fit) = fit_model(data, overlaps, model) else {
        return Ok(None);
    };
    let n = data.n_observed();
    let bic = model.n_params() as f64 * n.ln() - 2.0 * fit.log_likelihood;
    Ok(Some(BicEntry {
        model: model.clone(),
        notation: model.hier_notation(),
        estimate: n + fit.dark_figure(),
        bic,
    }))
}

/// Admissible models among `models`, best BIC first (ties keep the given order).
pub fn bic_table(
    data: &CaptureData,
    models: &[Model],
    cache: &ExistenceCache,
) -> Result<Vec<BicEntry>> {
    if data.n_observed() <= 0.0 {
        return Err(MseError::NoObservations);
    }
    let overlaps = data.overlaps();
    let entries: Vec<Option<BicEntry>> = models
        .par_iter()
        .map(|m| bic_entry(data, &overlaps, m, cache))
        .collect::<Result<_>>()?;
    let mut table: Vec<BicEntry> = entries
        .into_iter()
        .flatten()
        .filter(|e| e.bic.is_finite() && e.estimate.is_finite())
        .collect();
    table.sort_by(|a, b| a.bic.total_cmp(&b.bic));
    Ok(table)
}

/// The minimum-BIC estimate among `models` (used per bootstrap replicate).
pub fn best_estimate(data: &CaptureData, models: &[Model], cache: &ExistenceCache) -> Result<f64> {
    let overlaps = data.overlaps();
    let mut best: Option<(f64, f64)> = None;
    for m in models {
        if let Some(e) = bic_entry(data, &overlaps, m, cache)? {
            if e.bic.is_finite() && best.is_none_or(|(b, _)| e.bic < b) {
                best = Some((e.bic, e.estimate));
            }
        }
    }
    best.map(|(_, est)| est).ok_or(MseError::NoAdmissibleModel)
}
