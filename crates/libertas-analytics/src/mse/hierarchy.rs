//! Enumeration of every hierarchical log-linear model with all main effects, up to an order.
//!
//! MultipleSystemsEstimation ships the list as data (`hiermodels`); here it is generated: a set
//! of interaction terms is hierarchical when every term's sub-terms of one order less are in it,
//! so terms are decided in order of size and a term may only join when its faces already have.

use super::{Model, MseError, Result};

/// Refuse to enumerate more models than this (six lists up to order 2 give 32,768).
pub const MAX_MODELS: usize = 250_000;

/// The interaction order MultipleSystemsEstimation uses when none is given.
pub fn default_max_order(n_lists: usize) -> usize {
    match n_lists {
        0..=2 => 1,
        3 => 2,
        4 | 5 => 3,
        _ => 2,
    }
}

/// All hierarchical models over `n_lists` lists with interactions of order ≤ `max_order`
/// (orders at or above `n_lists` mean every order short of the saturated model).
pub fn hierarchical_models(n_lists: usize, max_order: usize) -> Result<Vec<Model>> {
    if n_lists < 2 {
        return Err(MseError::TooFewLists {
            min: 2,
            got: n_lists,
        });
    }
    let max_order = max_order.min(n_lists - 1);
    let mut candidates: Vec<usize> = (1..(1usize << n_lists))
        .filter(|t| (2..=max_order as u32).contains(&t.count_ones()))
        .collect();
    candidates.sort_by_key(|&t| (t.count_ones(), t));
    let mut included = vec![false; 1 << n_lists];
    let mut chosen = Vec::new();
    let mut out = Vec::new();
    walk(
        n_lists,
        &candidates,
        0,
        &mut included,
        &mut chosen,
        &mut out,
    )?;
    Ok(out)
}

fn faces_present(term: usize, included: &[bool]) -> bool {
    if term.count_ones() <= 2 {
        return true;
    }
    (0..usize::BITS)
        .map(|b| 1usize << b)
        .filter(|b| term & b != 0)
        .all(|b| included[term ^ b])
}

fn walk(
    n_lists: usize,
    candidates: &[usize],
    idx: usize,
    included: &mut [bool],
    chosen: &mut Vec<usize>,
    out: &mut Vec<Model>,
) -> Result<()> {
    if out.len() > MAX_MODELS {
        return Err(MseError::TooManyModels(out.len()));
    }
    let Some(&term) = candidates.get(idx) else {
        out.push(Model::from_interactions(n_lists, chosen)?);
        return Ok(());
    };
    walk(n_lists, candidates, idx + 1, included, chosen, out)?;
    if faces_present(term, included) {
        included[term] = true;
        chosen.push(term);
        walk(n_lists, candidates, idx + 1, included, chosen, out)?;
        chosen.pop();
        included[term] = false;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_multiple_systems_estimation() {
        assert_eq!(hierarchical_models(2, 5).unwrap().len(), 1);
        assert_eq!(hierarchical_models(3, 2).unwrap().len(), 8);
        assert_eq!(hierarchical_models(4, 3).unwrap().len(), 113);
        assert_eq!(hierarchical_models(4, 2).unwrap().len(), 64);
        assert_eq!(hierarchical_models(6, 2).unwrap().len(), 32_768);
    }
}
