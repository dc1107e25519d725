//! SparseMSE's stepwise model choice (`stepwisefit` within `estimatepopulation.0`).
//!
//! Start from main effects; at each step, for every two-list interaction not yet in the model,
//! compare the number of people seen on both lists with its Poisson distribution under the
//! current fit and take the smaller tail probability. Add the interaction with the lowest
//! p-value (the first one on ties, in the order (1,2), (1,3), …, (2,3), …) provided it is below
//! the threshold and the enlarged model passes the existence and identifiability check.
//! Pairs of lists that never overlap can be added too; they are fitted at −∞.

use serde::Serialize;

use super::{
    fit::{fit_model, PoissonFit},
    special::poisson_overlap_pvalue,
    zeta, CaptureData, ExistenceCache, Model, MseError, Result,
};

/// One accepted step of the forward selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The two-list term added.
    pub term: usize,
    /// Its p-value when added.
    pub p_value: f64,
}

/// The chosen model and its fit.
#[derive(Debug, Clone, PartialEq)]
pub struct StepwiseResult {
    /// Selected model.
    pub model: Model,
    /// Its fit.
    pub fit: PoissonFit,
    /// Interactions in the order they were added.
    pub steps: Vec<Step>,
}

fn all_pairs(m: usize) -> Vec<usize> {
    let mut pairs = Vec::new();
    for i in 0..m {
        for j in (i + 1)..m {
            pairs.push((1 << i) | (1 << j));
        }
    }
    pairs
}

/// Runs the selection with threshold `pthresh` (0: main effects only; 1: all pairs if admissible).
pub fn stepwise(
    data: &CaptureData,
    pthresh: f64,
    cache: &ExistenceCache,
) -> Result<StepwiseResult> {
    if !(0.0..=1.0).contains(&pthresh) {
        return Err(MseError::InvalidArgument(format!(
            "p-value threshold {pthresh} is outside [0, 1]"
        )));
    }
    let m = data.n_lists();
    if m < 2 {
        return Err(MseError::TooFewLists { min: 2, got: m });
    }
    if data.n_observed() <= 0.0 {
        return Err(MseError::NoObservations);
    }
    let overlaps = data.overlaps();
    let pairs = all_pairs(m);
    if pthresh == 1.0 {
        let full = Model::from_interactions(m, &pairs)?;
        if cache.check(data, &overlaps, &full)?.is_ok() {
            let fit = fit_model(data, &overlaps, &full)?;
            return Ok(StepwiseResult {
                model: full,
                fit,
                steps: Vec::new(),
            });
        }
    }
    let mut model = Model::main_effects(m);
    let mut fit = fit_model(data, &overlaps, &model)?;
    let mut steps = Vec::new();
    if pthresh == 0.0 {
        return Ok(StepwiseResult { model, fit, steps });
    }
    let mut included = vec![false; pairs.len()];
    for _ in 0..pairs.len() {
        let mut expected = fit.fitted.clone();
        zeta::superset_sums(&mut expected, m);
        let mut candidates: Vec<(f64, usize)> = pairs
            .iter()
            .enumerate()
            .filter(|(j, _)| !included[*j])
            .map(|(j, &t)| (poisson_overlap_pvalue(overlaps[t], expected[t]), j))
            .filter(|(p, _)| *p < pthresh)
            .collect();
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut chosen = None;
        for (p, j) in candidates {
            let candidate = model.with_term(pairs[j])?;
            if cache.check(data, &overlaps, &candidate)?.is_ok() {
                chosen = Some((p, j, candidate));
                break;
            }
        }
        let Some((p_value, j, candidate)) = chosen else {
            break;
        };
        fit = fit_model(data, &overlaps, &candidate)?;
        model = candidate;
        included[j] = true;
        steps.push(Step {
            term: pairs[j],
            p_value,
        });
    }
    Ok(StepwiseResult { model, fit, steps })
}
