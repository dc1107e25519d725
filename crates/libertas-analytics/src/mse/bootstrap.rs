//! Bootstrap intervals as SparseMSE computes them: multinomial resampling of the observed
//! people, full model reselection in every replicate, acceleration from a count-weighted
//! delete-one jackknife, and BCa limits read off with R's quantile type 8.
//!
//! Randomness stays with the caller: [`resample`] draws replicate count vectors from an RNG the
//! caller seeds, and replicates can equally come from a file (to check against R).

use rand::Rng;
use rayon::prelude::*;
use serde::Serialize;

use super::{
    special::{pnorm, qnorm},
    CaptureData, MseError, Result,
};

/// Draws `n_boot` multinomial replicates of the observed people (cell counts indexed by pattern).
pub fn resample<R: Rng + ?Sized>(data: &CaptureData, n_boot: usize, rng: &mut R) -> Vec<Vec<f64>> {
    let cells: Vec<(usize, u64)> = data
        .counts()
        .iter()
        .enumerate()
        .filter(|(_, &c)| c > 0.0)
        .map(|(mask, &c)| (mask, c as u64))
        .collect();
    let mut cumulative = Vec::with_capacity(cells.len());
    let mut total = 0u64;
    for &(_, c) in &cells {
        total += c;
        cumulative.push(total);
    }
    (0..n_boot)
        .map(|_| {
            let mut counts = vec![0.0; data.counts().len()];
            for _ in 0..total {
                let person = rng.gen_range(0..total);
                let idx = cumulative.partition_point(|&cum| cum <= person);
                if let Some(&(mask, _)) = cells.get(idx) {
                    counts[mask] += 1.0;
                }
            }
            counts
        })
        .collect()
}

/// R's `quantile(x, p, type = 8)` (median-unbiased) of already sorted, finite values.
pub fn quantile_type8(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let fuzz = 4.0 * f64::EPSILON;
    let nppm = 1.0 / 3.0 + p * (n as f64 + 1.0 / 3.0);
    let j = (nppm + fuzz).floor();
    let mut h = nppm - j;
    if h.abs() < fuzz {
        h = 0.0;
    }
    let at = |i: f64| -> f64 {
        let i = i.clamp(1.0, n as f64) as usize;
        sorted[i - 1]
    };
    let lo = at(j);
    let hi = at(j + 1.0);
    if h == 0.0 || lo == hi {
        lo
    } else if h == 1.0 {
        hi
    } else {
        (1.0 - h) * lo + h * hi
    }
}

/// BCa limits and the quantities behind them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BcaInterval {
    /// Requested lower-tail probabilities.
    pub alphas: Vec<f64>,
    /// BCa limit for each alpha.
    pub limits: Vec<f64>,
    /// Bias correction ẑ₀.
    pub z0: f64,
    /// Acceleration â.
    pub ahat: f64,
}

/// BCa limits (SparseMSE `bcaconfvalues`); non-finite replicates are left out as R's `na.rm`.
///
/// Where `1 − â(ẑ₀ + z_α)` is not positive the BCa level map has passed its pole; the level is
/// then taken as 0 or 1 (the extreme replicate) so limits stay monotone in alpha. R does not
/// guard this, but it only arises with |â| large and extreme alphas.
pub fn bca(replicates: &[f64], point: f64, ahat: f64, alphas: &[f64]) -> Result<BcaInterval> {
    let mut sorted: Vec<f64> = replicates
        .iter()
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    if sorted.is_empty() {
        return Err(MseError::InvalidArgument(
            "no bootstrap replicate gave a finite estimate".into(),
        ));
    }
    sorted.sort_by(f64::total_cmp);
    let below = sorted.iter().filter(|&&x| x < point).count() as f64;
    let z0 = qnorm(below / sorted.len() as f64);
    let limits = alphas
        .iter()
        .map(|&alpha| {
            let za0 = qnorm(alpha) + z0;
            let q = if z0.is_infinite() {
                if z0 > 0.0 {
                    1.0
                } else {
                    0.0
                }
            } else if 1.0 - ahat * za0 <= 0.0 {
                if za0 > 0.0 {
                    1.0
                } else {
                    0.0
                }
            } else {
                pnorm(z0 + za0 / (1.0 - ahat * za0))
            };
            quantile_type8(&sorted, if q.is_nan() { 0.5 } else { q })
        })
        .collect();
    Ok(BcaInterval {
        alphas: alphas.to_vec(),
        limits,
        z0,
        ahat,
    })
}

/// Acceleration â from delete-one jackknife estimates, each weighted by its cell's count.
pub fn acceleration(counts: &[f64], jackknife: &[f64]) -> f64 {
    let total: f64 = counts.iter().sum();
    let mean: f64 = counts
        .iter()
        .zip(jackknife)
        .filter(|(&c, _)| c > 0.0)
        .map(|(&c, &j)| c * j)
        .sum::<f64>()
        / total;
    let (mut s2, mut s3) = (0.0, 0.0);
    for (&c, &j) in counts.iter().zip(jackknife) {
        if c > 0.0 {
            let r = mean - j;
            s2 += c * r * r;
            s3 += c * r * r * r;
        }
    }
    if s2 <= 0.0 {
        return 0.0;
    }
    s3 / (6.0 * s2.powf(1.5))
}

/// Replicate estimates and acceleration for a point estimator, computed in parallel.
#[derive(Debug, Clone, PartialEq)]
pub struct BootstrapRun {
    /// Estimate per replicate (NaN where the estimator failed).
    pub replicates: Vec<f64>,
    /// Delete-one jackknife estimate per pattern (0 for empty cells).
    pub jackknife: Vec<f64>,
    /// Acceleration â.
    pub ahat: f64,
}

/// Applies `estimator` to every replicate and to every delete-one jackknife data set.
pub fn run<F>(data: &CaptureData, samples: &[Vec<f64>], estimator: F) -> Result<BootstrapRun>
where
    F: Fn(&CaptureData) -> Result<f64> + Sync,
{
    let replicates: Vec<f64> = samples
        .par_iter()
        .map(|counts| {
            data.with_counts(counts.clone())
                .and_then(|d| estimator(&d))
                .unwrap_or(f64::NAN)
        })
        .collect();
    let counts = data.counts();
    let jackknife: Vec<f64> = (0..counts.len())
        .into_par_iter()
        .map(|cell| {
            if counts[cell] <= 0.0 {
                return Ok(0.0);
            }
            let mut reduced = counts.to_vec();
            reduced[cell] -= 1.0;
            if reduced.iter().all(|&c| c == 0.0) {
                return Ok(f64::NAN);
            }
            data.with_counts(reduced).and_then(|d| estimator(&d))
        })
        .collect::<Result<_>>()?;
    let ahat = acceleration(counts, &jackknife);
    Ok(BootstrapRun {
        replicates,
        jackknife,
        ahat,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_type8_matches_r() {
        let x: Vec<f64> = (1..=10).map(f64::from).collect();
        // R: quantile(1:10, c(0, .1, .5, .9, 1), type = 8) = 1, 1.366667, 5.5, 9.633333, 10
        let want = [1.0, 1.366_666_666_666_667, 5.5, 9.633_333_333_333_333, 10.0];
        for (p, w) in [0.0, 0.1, 0.5, 0.9, 1.0].iter().zip(want) {
            assert!((quantile_type8(&x, *p) - w).abs() < 1e-12, "{p}");
        }
    }

    #[test]
    fn bca_without_bias_is_percentile() {
        let x: Vec<f64> = (1..=1000).map(f64::from).collect();
        let b = bca(&x, 500.5, 0.0, &[0.025, 0.975]).unwrap();
        assert!(b.z0.abs() < 1e-12);
        assert!((b.limits[0] - quantile_type8(&x, 0.025)).abs() < 1e-9);
    }
}
