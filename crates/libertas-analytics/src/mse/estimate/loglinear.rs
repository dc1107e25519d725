//! Log-linear branches of [`super::estimate`] (stepwise and BIC): point estimate, Wald
//! interval, and the BCa bootstrap with model reselection in every replicate.

use super::{
    warnings::data_warnings, BootstrapSummary, Estimate, EstimateOptions, Method, SPARSEMSE_ALPHAS,
};
use crate::mse::{
    bic, bootstrap,
    fit::{fit_model, PoissonFit},
    hierarchy::hierarchical_models,
    special::qnorm,
    stepwise::stepwise,
    CaptureData, ExistenceCache, Model, MseError, Result,
};

fn wald(n_obs: f64, fit: &PoissonFit, level: f64) -> Option<[f64; 2]> {
    let b0 = *fit.coefficients.first()?;
    let se = fit.intercept_variance.sqrt();
    let z = qnorm(1.0 - (1.0 - level) / 2.0);
    let ci = [n_obs + (b0 - z * se).exp(), n_obs + (b0 + z * se).exp()];
    ci.iter().all(|x| x.is_finite()).then_some(ci)
}

fn describe_model(model: &Model, fit: &PoissonFit, names: &[String]) -> (Vec<String>, Vec<String>) {
    let gens = model
        .generators()
        .iter()
        .map(|&g| Model::term_name(g, names))
        .collect();
    let neg = fit
        .layout
        .neg_inf
        .iter()
        .map(|&t| Model::term_name(t, names))
        .collect();
    (gens, neg)
}

pub(super) enum Selector {
    Stepwise(f64),
    Bic(usize, Option<usize>),
}

pub(super) fn run(
    data: &CaptureData,
    options: &EstimateOptions,
    sel: Selector,
) -> Result<Estimate> {
    let cache = ExistenceCache::new();
    let overlaps = data.overlaps();
    let n = data.n_observed();
    let mut warnings = data_warnings(data);
    let (model, fit, bic_value, table, boot_models) = match sel {
        Selector::Stepwise(p) => {
            let r = stepwise(data, p, &cache)?;
            (r.model, r.fit, None, Vec::new(), Vec::new())
        }
        Selector::Bic(order, ntop) => {
            let models = hierarchical_models(data.n_lists(), order)?;
            let table = bic::bic_table(data, &models, &cache)?;
            let best = table.first().ok_or(MseError::NoAdmissibleModel)?;
            let fit = fit_model(data, &overlaps, &best.model)?;
            let keep = ntop.unwrap_or(match data.n_lists() {
                0..=3 => usize::MAX,
                4 => 20,
                _ => 100,
            });
            let boot: Vec<Model> = table.iter().take(keep).map(|e| e.model.clone()).collect();
            (best.model.clone(), fit, Some(best.bic), table, boot)
        }
    };
    if !cache.check(data, &overlaps, &model)?.is_ok() {
        warnings.push("the maximum likelihood estimate does not exist for the selected model: the estimate is not reliable".into());
    }
    if !fit.converged {
        warnings.push("the log-linear fit did not converge".into());
    }
    let point = n + fit.dark_figure();
    if point > 10.0 * n {
        warnings.push(
            "the estimate is more than ten times the number observed: treat it with great caution"
                .into(),
        );
    }
    let ci_wald = wald(n, &fit, options.level);
    let mut ci = ci_wald;
    let mut boot_summary = None;
    if let Some(samples) = &options.bootstrap {
        let pthresh = match &options.method {
            Method::Stepwise { pthresh } => *pthresh,
            _ => 0.0,
        };
        let is_bic = !boot_models.is_empty();
        let estimator = |d: &CaptureData| -> Result<f64> {
            if is_bic {
                bic::best_estimate(d, &boot_models, &cache)
            } else {
                let r = stepwise(d, pthresh, &cache)?;
                Ok(d.n_observed() + r.fit.dark_figure())
            }
        };
        let (summary, interval, mut w) =
            run_bootstrap(data, samples, point, options.level, estimator)?;
        warnings.append(&mut w);
        ci = interval.or(ci);
        boot_summary = summary;
    }
    let (gens, neg) = describe_model(&model, &fit, data.names());
    Ok(Estimate {
        method: options.method.name().into(),
        observed: n,
        estimate: point,
        ci,
        ci_wald,
        ci_level: options.level,
        model: gens,
        model_notation: model.hier_notation(),
        neg_inf_terms: neg,
        warnings,
        bic: bic_value,
        bic_table: table.into_iter().take(10).collect(),
        graphs: Vec::new(),
        posterior_mode: None,
        bootstrap: boot_summary,
    })
}

type BootOutcome = (Option<BootstrapSummary>, Option<[f64; 2]>, Vec<String>);

fn run_bootstrap<F>(
    data: &CaptureData,
    samples: &[Vec<f64>],
    point: f64,
    level: f64,
    estimator: F,
) -> Result<BootOutcome>
where
    F: Fn(&CaptureData) -> Result<f64> + Sync,
{
    let mut warnings = Vec::new();
    if samples.is_empty() {
        return Ok((
            None,
            None,
            vec!["no bootstrap replicates were given".into()],
        ));
    }
    let run = match bootstrap::run(data, samples, estimator) {
        Ok(r) => r,
        Err(e) => {
            warnings.push(format!(
                "the bootstrap failed ({e}); the Wald interval is reported"
            ));
            return Ok((None, None, warnings));
        }
    };
    let failed = run.replicates.iter().filter(|x| !x.is_finite()).count();
    if failed > 0 {
        warnings.push(format!(
            "{failed} bootstrap replicates gave no estimate and were left out"
        ));
    }
    let tail = (1.0 - level) / 2.0;
    let mut alphas: Vec<f64> = SPARSEMSE_ALPHAS.to_vec();
    alphas.extend([tail, 1.0 - tail]);
    alphas.sort_by(f64::total_cmp);
    alphas.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    let b = match bootstrap::bca(&run.replicates, point, run.ahat, &alphas) {
        Ok(b) => b,
        Err(e) => {
            warnings.push(format!(
                "no BCa interval ({e}); the Wald interval is reported"
            ));
            return Ok((None, None, warnings));
        }
    };
    if b.z0.is_infinite() {
        warnings.push("every bootstrap replicate fell on one side of the estimate: the BCa interval is unreliable".into());
    }
    let pick = |a: f64| {
        alphas
            .iter()
            .position(|x| (x - a).abs() < 1e-12)
            .and_then(|i| b.limits.get(i).copied())
    };
    let interval = pick(tail).zip(pick(1.0 - tail)).map(|(l, h)| [l, h]);
    let summary = BootstrapSummary {
        replicates: samples.len(),
        failed,
        ahat: b.ahat,
        z0: b.z0,
        alphas: b.alphas,
        limits: b.limits,
    };
    Ok((Some(summary), interval, warnings))
}
