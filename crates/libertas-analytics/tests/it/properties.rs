//! Property tests: the log-linear fit, the existence check, BCa and robustness on odd input.

use libertas_analytics::mse::{
    bma::PopulationPrior, bootstrap::bca, estimate, exist::check_model, fit::fit_model,
    CaptureData, EstimateOptions, ExistenceCache, Method, Model,
};
use proptest::prelude::*;

fn data_from(m: usize, cells: &[u32]) -> CaptureData {
    let names = (0..m).map(|k| format!("L{k}")).collect();
    let mut counts = vec![0.0; 1 << m];
    for (mask, c) in counts.iter_mut().enumerate().skip(1) {
        *c = f64::from(cells[mask % cells.len()]);
    }
    CaptureData::from_cells(names, counts).unwrap()
}

fn pairs(m: usize) -> Vec<usize> {
    let mut p = Vec::new();
    for i in 0..m {
        for j in (i + 1)..m {
            p.push((1 << i) | (1 << j));
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn main_effects_fit_reproduces_list_totals(m in 3usize..6, cells in prop::collection::vec(1u32..200, 1..40)) {
        let d = data_from(m, &cells);
        let fit = fit_model(&d, &d.overlaps(), &Model::main_effects(m)).unwrap();
        let total: f64 = fit.fitted.iter().sum();
        prop_assert!((total - d.n_observed()).abs() < 1e-4 * d.n_observed());
        for k in 0..m {
            let fitted: f64 = fit.fitted.iter().enumerate().filter(|(c, _)| c & (1 << k) != 0).map(|(_, f)| f).sum();
            let observed = d.overlaps()[1 << k];
            prop_assert!((fitted - observed).abs() < 1e-4 * observed, "list {k}: {fitted} vs {observed}");
        }
    }

    #[test]
    fn existence_check_invariants(m in 3usize..6, cells in prop::collection::vec(0u32..4, 1..40), pick in prop::collection::vec(any::<bool>(), 10)) {
        let d = data_from(m, &cells);
        let overlaps = d.overlaps();
        let chosen: Vec<usize> = pairs(m).into_iter().zip(&pick).filter(|(_, &b)| b).map(|(p, _)| p).collect();
        let model = Model::from_interactions(m, &chosen).unwrap();
        let r = check_model(&d, &overlaps, &model).unwrap();
        let cache = ExistenceCache::new();
        prop_assert_eq!(cache.check(&d, &overlaps, &model).unwrap(), r);
        prop_assert_eq!(cache.check(&d, &overlaps, &model).unwrap(), r);
        if r.mle_exists {
            for drop in &chosen {
                if overlaps[*drop] > 0.0 {
                    let rest: Vec<usize> = chosen.iter().copied().filter(|t| t != drop).collect();
                    let smaller = Model::from_interactions(m, &rest).unwrap();
                    prop_assert!(check_model(&d, &overlaps, &smaller).unwrap().mle_exists);
                }
            }
        }
        let positive = data_from(m, &cells.iter().map(|c| c + 1).collect::<Vec<_>>());
        let all = check_model(&positive, &positive.overlaps(), &model).unwrap();
        prop_assert!(all.mle_exists);
    }

    #[test]
    fn bca_limits_increase_with_alpha(reps in prop::collection::vec(1.0f64..1e4, 10..300), point in 1.0f64..1e4, ahat in -0.3f64..0.3) {
        let alphas = [0.01, 0.025, 0.05, 0.1, 0.16, 0.5, 0.84, 0.9, 0.95, 0.975, 0.99];
        let b = bca(&reps, point, ahat, &alphas).unwrap();
        for w in b.limits.windows(2) {
            prop_assert!(w[0] <= w[1] + 1e-9, "{:?}", b.limits);
        }
    }

    #[test]
    fn estimation_never_panics(m in 1usize..5, cells in prop::collection::vec(0u32..3, 1..20)) {
        let d = data_from(m, &cells);
        let methods = [
            Method::Stepwise { pthresh: 0.02 },
            Method::Bic { max_order: None, ntop: None },
            Method::Bma { delta: None, prior: PopulationPrior::Inverse, missing_max: Some(2000) },
        ];
        for method in methods {
            let opts = EstimateOptions { method, level: 0.95, bootstrap: Some(vec![d.counts().to_vec(); 3]) };
            if let Ok(e) = estimate(&d, &opts) {
                prop_assert!(e.observed == d.n_observed());
            }
        }
    }
}

#[test]
fn odd_inputs_give_errors_or_warnings() {
    let opts = |method| EstimateOptions {
        method,
        level: 0.95,
        bootstrap: None,
    };
    let zero = CaptureData::new(vec!["A".into(), "B".into(), "C".into()]).unwrap();
    assert!(estimate(&zero, &opts(Method::Stepwise { pthresh: 0.02 })).is_err());
    let one = CaptureData::from_cells(vec!["A".into()], vec![0.0, 10.0]).unwrap();
    assert!(estimate(&one, &opts(Method::Stepwise { pthresh: 0.02 })).is_err());
    let apart =
        CaptureData::from_cells(vec!["A".into(), "B".into()], vec![0.0, 10.0, 12.0, 0.0]).unwrap();
    let e = estimate(&apart, &opts(Method::Stepwise { pthresh: 0.02 })).unwrap();
    assert!(e.warnings.iter().any(|w| w.contains("never overlap")));
    assert!(
        e.warnings.iter().any(|w| w.contains("does not exist")),
        "{:?}",
        e.warnings
    );
    let bad_level = EstimateOptions {
        method: Method::Stepwise { pthresh: 0.02 },
        level: 1.5,
        bootstrap: None,
    };
    assert!(estimate(&apart, &bad_level).is_err());
}
