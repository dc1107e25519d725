//! BIC, identifiability and BMA figures from `shared/mse/expected.json`.

use crate::common::{close, expected, load};
use libertas_analytics::mse::{
    bic::bic_table,
    bma::{bma, BmaOptions, PopulationPrior},
    estimate,
    exist::check_model,
    hierarchy::hierarchical_models,
    EstimateOptions, ExistenceCache, Method, Model,
};

fn bic_opts(max_order: Option<usize>) -> EstimateOptions {
    EstimateOptions {
        method: Method::Bic {
            max_order,
            ntop: None,
        },
        level: 0.95,
        bootstrap: None,
    }
}

#[test]
fn korea_bic_table() {
    let data = load("Korea.csv");
    let models = hierarchical_models(3, 2).unwrap();
    let table = bic_table(&data, &models, &ExistenceCache::new()).unwrap();
    let exp = &expected()["Korea"]["references"][0];
    let fixed = exp["fixed_models"].as_object().unwrap();
    assert_eq!(table.len(), fixed.len());
    for entry in &table {
        let name = &entry.notation;
        let vals = &fixed[name];
        assert!(
            close(entry.estimate, vals[0].as_f64().unwrap()),
            "{name} {}",
            entry.estimate
        );
        assert!(
            close(entry.bic, vals[1].as_f64().unwrap()),
            "{name} {}",
            entry.bic
        );
    }
    assert!(table.windows(2).all(|w| w[0].bic <= w[1].bic));
    let est = estimate(&data, &bic_opts(None)).unwrap();
    assert!(close(est.estimate, 157.1667));
    assert!(close(est.bic.unwrap(), 57.14081));
    assert_eq!(est.model_notation, "[12,23]");
}

#[test]
fn kosovo_bic_all_orders_and_pairwise() {
    let data = load("Kosovo.csv");
    let models = hierarchical_models(4, 3).unwrap();
    let table = bic_table(&data, &models, &ExistenceCache::new()).unwrap();
    assert_eq!(table.len(), 113);
    let all = estimate(&data, &bic_opts(Some(3))).unwrap();
    assert_eq!(all.model_notation, "[123,14,34]");
    assert_eq!(all.estimate.round(), 10357.0, "{}", all.estimate);
    let pairwise = estimate(&data, &bic_opts(Some(2))).unwrap();
    assert_eq!(pairwise.model_notation, "[12,13,14,23,34]");
    assert_eq!(pairwise.estimate.round(), 14342.0, "{}", pairwise.estimate);
}

#[test]
fn artificial_identifiability_codes() {
    let data = load("Artificial_3.csv");
    let overlaps = data.overlaps();
    let exp = &expected()["Artificial_3"]["references"][0]["codes"];
    let pair = |s: &str| -> usize {
        s.chars()
            .map(|c| 1usize << (c as u8 - b'A'))
            .fold(0, |a, b| a | b)
    };
    for (name, code) in exp.as_object().unwrap() {
        let terms: Vec<usize> = if name == "main" {
            Vec::new()
        } else {
            name.split(',').map(pair).collect()
        };
        let model = Model::from_interactions(3, &terms).unwrap();
        let got = check_model(&data, &overlaps, &model).unwrap().code();
        assert_eq!(u64::from(got), code.as_u64().unwrap(), "model {name}");
    }
}

#[test]
fn madigan_york_three_lists() {
    let data = load("MY3_dga.csv");
    let opts = BmaOptions {
        delta: 1.0,
        prior: PopulationPrior::NegativeBinomial { a: 13.14, b: 55.17 },
        missing_range: (1, 300),
        level: 0.95,
    };
    let r = bma(&data, &opts).unwrap();
    let exp = &expected()["MY3_dga"]["references"][0];
    let top = &r.graphs[0];
    assert_eq!(
        (top.posterior * 100.0).round() / 100.0,
        exp["top_model_posterior"].as_f64().unwrap()
    );
    assert_eq!(
        top.bayes_estimate.round(),
        exp["top_model_bayes_estimate"].as_f64().unwrap()
    );
    assert_eq!(top.mode, exp["top_model_mode"].as_f64().unwrap());
    assert_eq!(
        r.bayes_estimate.round(),
        exp["averaged_bayes_estimate"].as_f64().unwrap()
    );
    assert_eq!(r.mode, exp["averaged_mode"].as_f64().unwrap());
    let total: f64 = r.graphs.iter().map(|g| g.posterior).sum();
    assert!((total - 1.0).abs() < 1e-9);
}
