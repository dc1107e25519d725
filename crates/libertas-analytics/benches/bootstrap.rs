//! Speed of 1000 bootstrap replicates with full stepwise reselection (plus the jackknife) at
//! 5, 8 and 10 lists. Run with `cargo bench -p libertas-analytics --bench bootstrap`.
//!
//! Targets (issue 5): < 1 s at 5 lists, < 60 s at 8, and ≥ 30× faster than SparseMSE in R
//! (about 1 min, 15 min and 3–5 h on this kind of machine) at 10 lists. Data are synthetic,
//! drawn from a seeded generator with heterogeneous capture and two dependent list pairs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

use libertas_analytics::mse::{
    bootstrap::resample, estimate, CaptureData, EstimateOptions, Method,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha20Rng;

fn synthetic(n_lists: usize, population: usize, seed: u64) -> CaptureData {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let probs: Vec<f64> = (0..n_lists).map(|_| rng.gen_range(0.03..0.15)).collect();
    let names = (0..n_lists).map(|k| format!("L{}", k + 1)).collect();
    let mut data = CaptureData::new(names).unwrap();
    for _ in 0..population {
        let frailty = [0.4, 1.0, 2.2][rng.gen_range(0..3)];
        let mut mask = 0usize;
        for (k, p) in probs.iter().enumerate() {
            let mut p = (p * frailty).min(0.95);
            if k % 4 == 1 && mask & (1 << (k - 1)) != 0 {
                p = (p * 3.0).min(0.95);
            }
            if rng.gen::<f64>() < p {
                mask |= 1 << k;
            }
        }
        if mask != 0 {
            data.add(mask, 1.0).unwrap();
        }
    }
    data
}

fn main() {
    println!("lists  observed  patterns  estimate  bca_95%              seconds");
    for (n_lists, population) in [(5, 3000), (8, 5000), (10, 8000)] {
        let data = synthetic(n_lists, population, 20_240_501 + n_lists as u64);
        let mut rng = ChaCha20Rng::seed_from_u64(1234);
        let samples = resample(&data, 1000, &mut rng);
        let opts = EstimateOptions {
            method: Method::Stepwise { pthresh: 0.02 },
            level: 0.95,
            bootstrap: Some(samples),
        };
        let start = Instant::now();
        let est = estimate(&data, &opts).unwrap();
        let secs = start.elapsed().as_secs_f64();
        let patterns = data.counts().iter().filter(|&&c| c > 0.0).count();
        let ci = est.ci.unwrap_or([f64::NAN, f64::NAN]);
        println!(
            "{n_lists:>5}  {:>8}  {patterns:>8}  {:>8.0}  [{:>7.0}, {:>7.0}]  {secs:>9.3}",
            est.observed, est.estimate, ci[0], ci[1]
        );
    }
}
