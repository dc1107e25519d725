//! Expectation-maximisation for m, with u held fixed.
//!
//! Inside a training block (pairs that agree on, say, date of birth) matches are common enough
//! for EM to separate them from non-matches on the other fields. u stays at its random-pair
//! estimate, as in Splink: letting EM move u as well makes it find "pairs that look alike"
//! rather than "the same person". Comparison vectors are grouped into distinct patterns with
//! counts first, so an iteration costs the number of patterns, not of pairs.

use super::comparison::{Gamma, NULL_LEVEL};
use super::field::Field;

/// Iteration limit.
const MAX_ITERATIONS: usize = 200;
/// Convergence tolerance on the largest parameter change.
const TOLERANCE: f64 = 1e-6;
/// Smallest m kept for a level: no single disagreement may rule a match out, since real data
/// has errors the training data happened not to show (a gender typed wrongly once).
const M_FLOOR: f64 = 5e-4;

/// Result of one EM run.
#[derive(Clone, Debug)]
pub struct EmFit {
    /// Share of matches among the training pairs.
    pub lambda: f64,
    /// m per field and level; only fields that were estimated are meaningful.
    pub m: Vec<Vec<f64>>,
    /// Iterations used.
    pub iterations: usize,
}

/// A starting m for a field with `levels` levels: exact agreement likely, "else" rare.
pub fn initial_m(levels: usize) -> Vec<f64> {
    match levels {
        0 => Vec::new(),
        1 => vec![1.0],
        2 => vec![0.9, 0.1],
        _ => {
            let middle = 0.1 / (levels - 2) as f64;
            let mut m = vec![0.85];
            m.extend(std::iter::repeat_n(middle, levels - 2));
            m.push(0.05);
            m
        }
    }
}

/// Fits m for the fields marked in `estimate` and the share of matches, over `patterns`
/// (comparison vector, number of pairs) with u fixed. Fields not marked are ignored.
pub fn fit(
    patterns: &[(Gamma, f64)],
    estimate: &[bool; Field::COUNT],
    u: &[Vec<f64>],
    m0: &[Vec<f64>],
    lambda0: f64,
) -> EmFit {
    let fields: Vec<usize> = (0..Field::COUNT).filter(|&f| estimate[f]).collect();
    let mut m: Vec<Vec<f64>> = m0.to_vec();
    let mut lambda = lambda0.clamp(1e-6, 1.0 - 1e-6);
    let mut iterations = 0;
    let total: f64 = patterns.iter().map(|(_, c)| c).sum();
    if total <= 0.0 || fields.is_empty() {
        return EmFit {
            lambda,
            m,
            iterations,
        };
    }
    while iterations < MAX_ITERATIONS {
        iterations += 1;
        let mut sums: Vec<Vec<f64>> = m.iter().map(|v| vec![0.0; v.len()]).collect();
        let mut matched = 0.0;
        for (g, count) in patterns {
            let (mut lm, mut lu) = (lambda.ln(), (1.0 - lambda).ln());
            for &f in &fields {
                let l = g[f];
                if l != NULL_LEVEL {
                    lm += m[f][l as usize].ln();
                    lu += u[f][l as usize].ln();
                }
            }
            let p = 1.0 / (1.0 + (lu - lm).exp());
            let w = p * count;
            matched += w;
            for &f in &fields {
                let l = g[f];
                if l != NULL_LEVEL {
                    sums[f][l as usize] += w;
                }
            }
        }
        let mut change: f64 = 0.0;
        for &f in &fields {
            let s: f64 = sums[f].iter().sum();
            if s <= 0.0 {
                continue;
            }
            for (mi, si) in m[f].iter_mut().zip(&sums[f]) {
                let new = (si / s).max(M_FLOOR);
                change = change.max((new - *mi).abs());
                *mi = new;
            }
        }
        let new_lambda = (matched / total).clamp(1e-9, 1.0 - 1e-9);
        change = change.max((new_lambda - lambda).abs());
        lambda = new_lambda;
        if change < TOLERANCE {
            break;
        }
    }
    EmFit {
        lambda,
        m,
        iterations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    use rustc_hash::FxHashMap;

    fn draw(rng: &mut ChaCha8Rng, probs: &[f64]) -> u8 {
        let mut x: f64 = rng.gen();
        for (l, p) in probs.iter().enumerate() {
            if x < *p {
                return l as u8;
            }
            x -= p;
        }
        (probs.len() - 1) as u8
    }

    /// Simulates pairs from known m/u on four fields and checks EM recovers m and lambda.
    #[test]
    fn recovers_known_m_and_lambda() {
        let true_m = [
            vec![0.9, 0.07, 0.03],
            vec![0.85, 0.15],
            vec![0.8, 0.1, 0.1],
            vec![0.95, 0.05],
        ];
        let u = [
            vec![0.01, 0.09, 0.9],
            vec![0.05, 0.95],
            vec![0.02, 0.08, 0.9],
            vec![0.5, 0.5],
        ];
        let fields = [0, 2, 4, 7];
        let lambda = 0.2;
        let mut rng = ChaCha8Rng::seed_from_u64(42);
        let mut counts: FxHashMap<Gamma, f64> = FxHashMap::default();
        for _ in 0..200_000 {
            let is_match = rng.gen::<f64>() < lambda;
            let mut g = [NULL_LEVEL; Field::COUNT];
            for (k, &f) in fields.iter().enumerate() {
                let probs = if is_match { &true_m[k] } else { &u[k] };
                g[f] = draw(&mut rng, probs);
            }
            *counts.entry(g).or_default() += 1.0;
        }
        let patterns: Vec<(Gamma, f64)> = counts.into_iter().collect();
        let mut estimate = [false; Field::COUNT];
        let mut u_all = vec![Vec::new(); Field::COUNT];
        let mut m0 = vec![Vec::new(); Field::COUNT];
        for (k, &f) in fields.iter().enumerate() {
            estimate[f] = true;
            u_all[f] = u[k].clone();
            m0[f] = initial_m(u[k].len());
        }
        let fit = fit(&patterns, &estimate, &u_all, &m0, 0.5);
        assert!((fit.lambda - lambda).abs() < 0.01, "lambda {}", fit.lambda);
        for (k, &f) in fields.iter().enumerate() {
            for (got, want) in fit.m[f].iter().zip(&true_m[k]) {
                assert!((got - want).abs() < 0.02, "field {f}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn initial_m_sums_to_one() {
        for n in 1..7 {
            assert!((initial_m(n).iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }
}
