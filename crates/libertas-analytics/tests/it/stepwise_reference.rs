//! SparseMSE stepwise figures from `shared/mse/expected.json`.

use crate::common::{close, expected, load, load_replicates};
use libertas_analytics::mse::{estimate, EstimateOptions, Method};

fn stepwise_opts(bootstrap: Option<Vec<Vec<f64>>>) -> EstimateOptions {
    EstimateOptions {
        method: Method::Stepwise { pthresh: 0.02 },
        level: 0.95,
        bootstrap,
    }
}

#[test]
fn western_point_model_and_bca_limits() {
    let data = load("Western.csv");
    let reps = load_replicates("Western_R_seed1234.csv", &data);
    assert_eq!(reps.len(), 1000);
    let est = estimate(&data, &stepwise_opts(Some(reps))).unwrap();
    let exp = &expected()["Western"]["references"][1];
    assert!(
        close(est.estimate, exp["point"].as_f64().unwrap()),
        "{}",
        est.estimate
    );
    assert_eq!(est.model_notation, "[15,2,3,4]");
    assert_eq!(est.observed, 345.0);
    let boot = est.bootstrap.as_ref().unwrap();
    assert!(
        close(boot.ahat, exp["ahat"].as_f64().unwrap()),
        "ahat {}",
        boot.ahat
    );
    for (alpha, want) in exp["bca_all"].as_object().unwrap() {
        let a: f64 = alpha.parse().unwrap();
        let i = boot
            .alphas
            .iter()
            .position(|x| (x - a).abs() < 1e-12)
            .unwrap();
        assert_eq!(
            boot.limits[i].round(),
            want.as_f64().unwrap(),
            "alpha {a}: {}",
            boot.limits[i]
        );
    }
    let ci = est.ci.unwrap();
    assert_eq!(ci[0].round(), 1293.0);
    assert_eq!(ci[1].round(), 3672.0);
}

#[test]
fn korea_artificial_kosovo_stepwise() {
    let k = estimate(&load("Korea.csv"), &stepwise_opts(None)).unwrap();
    assert!(close(k.estimate, 268.7778), "{}", k.estimate);
    assert_eq!(k.model_notation, "[12,3]");

    let a = estimate(&load("Artificial_3.csv"), &stepwise_opts(None)).unwrap();
    let exp = &expected()["Artificial_3"]["references"][1];
    assert!(
        close(a.estimate, exp["point"].as_f64().unwrap()),
        "{}",
        a.estimate
    );
    let ci = a.ci_wald.unwrap();
    assert!(close(ci[0], exp["ci_lower"].as_f64().unwrap()), "{ci:?}");
    assert!(close(ci[1], exp["ci_upper"].as_f64().unwrap()), "{ci:?}");
    assert_eq!(a.model_notation, "[1,2,3]");

    let kos = estimate(&load("Kosovo.csv"), &stepwise_opts(None)).unwrap();
    let exp = &expected()["Kosovo"]["references"][2];
    assert!(
        close(kos.estimate, exp["point"].as_f64().unwrap()),
        "{}",
        kos.estimate
    );
    let ci = kos.ci_wald.unwrap();
    assert!(close(ci[0], exp["ci_lower"].as_f64().unwrap()), "{ci:?}");
    assert!(close(ci[1], exp["ci_upper"].as_f64().unwrap()), "{ci:?}");
    let mut want: Vec<String> = ["ABA:OSCE", "OSCE:HRW", "EXH:OSCE", "EXH:ABA", "EXH:HRW"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    want.sort();
    let mut got = kos.model.clone();
    got.sort();
    assert_eq!(got, want);
}
