//! Does the (extended) maximum likelihood estimate exist, and is it identifiable?
//!
//! SparseMSE's `checkident` and MultipleSystemsEstimation's `check_extended_MLE` solve a linear
//! program (Fienberg and Rinaldo 2012): the MLE exists exactly when some strictly positive
//! table has the same sufficient statistics as the data. That is the same as asking for a
//! direction `d` with `A d = 0` that is positive on every zero cell, which is what is solved
//! here, after two shortcuts: if the cells with a positive count already span every term, such
//! a direction always exists and no LP is needed. Results depend only on which cells are zero,
//! so they are cached by zero pattern for the bootstrap.

use std::collections::HashMap;
use std::sync::Mutex;

use microlp::{ComparisonOp, OptimizationDirection, Problem};
use nalgebra::DMatrix;
use serde::Serialize;

use super::{fit::Layout, CaptureData, Model, MseError, Result};

/// Outcome of the existence and identifiability check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Identifiability {
    /// The extended MLE exists (the LP finds a strictly positive table).
    pub mle_exists: bool,
    /// The design restricted to the fitted cells has full column rank.
    pub identifiable: bool,
}

impl Identifiability {
    /// SparseMSE's error code: 0 ok, 1 no MLE, 2 not identifiable, 3 both.
    pub fn code(&self) -> u8 {
        u8::from(!self.mle_exists) + 2 * u8::from(!self.identifiable)
    }

    /// Both conditions hold, so the model may be fitted.
    pub fn is_ok(&self) -> bool {
        self.mle_exists && self.identifiable
    }
}

fn rank(gram: &DMatrix<f64>) -> usize {
    let sv = gram.clone().singular_values();
    let max = sv.iter().copied().fold(0.0, f64::max);
    let tol = max * 1e-10 * gram.nrows() as f64;
    sv.iter().filter(|&&s| s > tol).count()
}

/// Checks `model` against `data` (`overlaps` must be `data.overlaps()`).
pub fn check_model(data: &CaptureData, overlaps: &[f64], model: &Model) -> Result<Identifiability> {
    let m = data.n_lists();
    let layout = Layout::new(model, overlaps);
    let p = layout.terms.len();
    let ones = vec![1.0; data.counts().len()];
    let identifiable = rank(&layout.gram(&ones, m)) == p;
    let positive: Vec<f64> = data
        .counts()
        .iter()
        .map(|&c| if c > 0.0 { 1.0 } else { 0.0 })
        .collect();
    let mle_exists = rank(&layout.gram(&positive, m)) == p || lp_feasible(data, &layout)?;
    Ok(Identifiability {
        mle_exists,
        identifiable,
    })
}

fn lp_feasible(data: &CaptureData, layout: &Layout) -> Result<bool> {
    let mut problem = Problem::new(OptimizationDirection::Minimize);
    let mut vars = Vec::new();
    for (c, &count) in data.counts().iter().enumerate() {
        if !layout.kept[c] {
            continue;
        }
        let bounds = if count > 0.0 {
            (f64::NEG_INFINITY, f64::INFINITY)
        } else {
            (1.0, f64::INFINITY)
        };
        vars.push((c, problem.add_var(0.0, bounds)));
    }
    for &t in &layout.terms {
        let row: Vec<_> = vars
            .iter()
            .filter(|(c, _)| c & t == t)
            .map(|&(_, v)| (v, 1.0))
            .collect();
        problem.add_constraint(row.as_slice(), ComparisonOp::Eq, 0.0);
    }
    match problem.solve() {
        Ok(_) | Err(microlp::Error::Unbounded) => Ok(true),
        Err(microlp::Error::Infeasible) => Ok(false),
        Err(e) => Err(MseError::LinearProgram(e.to_string())),
    }
}

/// Thread-safe memo of [`check_model`] keyed by zero pattern and model.
#[derive(Debug, Default)]
pub struct ExistenceCache {
    map: Mutex<HashMap<(Vec<u64>, Model), Identifiability>>,
}

impl ExistenceCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// [`check_model`], answered from the cache when the same zero pattern was seen before.
    pub fn check(
        &self,
        data: &CaptureData,
        overlaps: &[f64],
        model: &Model,
    ) -> Result<Identifiability> {
        let key = (data.support_key(), model.clone());
        if let Some(hit) = self.map.lock().ok().and_then(|m| m.get(&key).copied()) {
            return Ok(hit);
        }
        let result = check_model(data, overlaps, model)?;
        if let Ok(mut m) = self.map.lock() {
            m.insert(key, result);
        }
        Ok(result)
    }

    /// Number of distinct (zero pattern, model) pairs checked so far.
    pub fn len(&self) -> usize {
        self.map.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// Whether nothing has been checked yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
