//! Differential privacy: Laplace and Gaussian mechanisms with a privacy-budget account.
//!
//! Every noisy release spends part of a fixed budget (ε, δ); under basic sequential composition
//! the spends add up, and the account refuses any release that would overspend, before any
//! noise is drawn. Results are post-processed (rounded, clamped at zero) by the caller as
//! needed; post-processing never weakens the guarantee.
//!
//! Caveat: noise from floating-point samplers leaks through the low bits of the output
//! (Mironov 2012); publish rounded values only.

use rand::Rng;

use super::{DisclosureError, Result};

/// One recorded spend.
#[derive(Debug, Clone, PartialEq)]
pub struct Charge {
    /// What was released.
    pub label: String,
    /// Epsilon spent.
    pub epsilon: f64,
    /// Delta spent.
    pub delta: f64,
}

/// A total (ε, δ) budget and the releases charged to it.
#[derive(Debug, Clone, PartialEq)]
pub struct PrivacyBudget {
    epsilon_total: f64,
    delta_total: f64,
    charges: Vec<Charge>,
}

fn positive(name: &str, v: f64) -> Result<()> {
    if v > 0.0 && v.is_finite() {
        Ok(())
    } else {
        Err(DisclosureError::InvalidParameter(format!(
            "{name} must be positive and finite, got {v}"
        )))
    }
}

impl PrivacyBudget {
    /// A budget of `epsilon` (> 0) and `delta` (0 ≤ δ < 1).
    pub fn new(epsilon: f64, delta: f64) -> Result<Self> {
        positive("epsilon", epsilon)?;
        if !(0.0..1.0).contains(&delta) {
            return Err(DisclosureError::InvalidParameter(format!(
                "delta {delta} is not in [0, 1)"
            )));
        }
        Ok(Self {
            epsilon_total: epsilon,
            delta_total: delta,
            charges: Vec::new(),
        })
    }

    /// Epsilon not yet spent.
    pub fn epsilon_remaining(&self) -> f64 {
        self.epsilon_total - self.charges.iter().map(|c| c.epsilon).sum::<f64>()
    }

    /// Delta not yet spent.
    pub fn delta_remaining(&self) -> f64 {
        self.delta_total - self.charges.iter().map(|c| c.delta).sum::<f64>()
    }

    /// Releases charged so far.
    pub fn charges(&self) -> &[Charge] {
        &self.charges
    }

    /// Records a release of (ε, δ), or refuses it if the budget cannot cover it.
    pub fn spend(&mut self, label: &str, epsilon: f64, delta: f64) -> Result<()> {
        let slack = 1e-12;
        if epsilon > self.epsilon_remaining() + slack {
            return Err(DisclosureError::BudgetExceeded {
                what: "epsilon",
                requested: epsilon,
                remaining: self.epsilon_remaining(),
            });
        }
        if delta > self.delta_remaining() + slack {
            return Err(DisclosureError::BudgetExceeded {
                what: "delta",
                requested: delta,
                remaining: self.delta_remaining(),
            });
        }
        self.charges.push(Charge {
            label: label.to_string(),
            epsilon,
            delta,
        });
        Ok(())
    }
}

fn sample_laplace<R: Rng + ?Sized>(scale: f64, rng: &mut R) -> f64 {
    loop {
        let u: f64 = rng.gen::<f64>() - 0.5;
        if u.abs() < 0.5 {
            return -scale * u.signum() * (1.0 - 2.0 * u.abs()).ln();
        }
    }
}

fn sample_normal<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    let u1 = 1.0 - rng.gen::<f64>();
    let u2: f64 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// Adds Laplace(Δ/ε) noise to `value` (ε-DP for L1 sensitivity Δ), charging ε to `budget`.
pub fn laplace_mechanism<R: Rng + ?Sized>(
    value: f64,
    sensitivity: f64,
    epsilon: f64,
    budget: &mut PrivacyBudget,
    label: &str,
    rng: &mut R,
) -> Result<f64> {
    positive("sensitivity", sensitivity)?;
    positive("epsilon", epsilon)?;
    budget.spend(label, epsilon, 0.0)?;
    Ok(value + sample_laplace(sensitivity / epsilon, rng))
}

/// Noise scale of the classical Gaussian mechanism, σ = Δ·√(2 ln(1.25/δ))/ε, valid for ε < 1.
pub fn gaussian_sigma(l2_sensitivity: f64, epsilon: f64, delta: f64) -> Result<f64> {
    positive("sensitivity", l2_sensitivity)?;
    positive("epsilon", epsilon)?;
    if epsilon >= 1.0 {
        return Err(DisclosureError::InvalidParameter(
            "the classical Gaussian mechanism needs epsilon < 1".into(),
        ));
    }
    if !(delta > 0.0 && delta < 1.0) {
        return Err(DisclosureError::InvalidParameter(format!(
            "delta {delta} is not in (0, 1)"
        )));
    }
    Ok(l2_sensitivity * (2.0 * (1.25 / delta).ln()).sqrt() / epsilon)
}

/// Adds Gaussian noise to `value` ((ε, δ)-DP for L2 sensitivity Δ), charging (ε, δ).
pub fn gaussian_mechanism<R: Rng + ?Sized>(
    value: f64,
    l2_sensitivity: f64,
    epsilon: f64,
    delta: f64,
    budget: &mut PrivacyBudget,
    label: &str,
    rng: &mut R,
) -> Result<f64> {
    let sigma = gaussian_sigma(l2_sensitivity, epsilon, delta)?;
    budget.spend(label, epsilon, delta)?;
    Ok(value + sigma * sample_normal(rng))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn laplace_noise_has_the_right_spread() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut budget = PrivacyBudget::new(1e9, 0.0).unwrap();
        let n = 20_000;
        let draws: Vec<f64> = (0..n)
            .map(|_| laplace_mechanism(0.0, 1.0, 0.5, &mut budget, "t", &mut rng).unwrap())
            .collect();
        let mean = draws.iter().sum::<f64>() / n as f64;
        let mad = draws.iter().map(|x| x.abs()).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.1, "{mean}");
        assert!((mad - 2.0).abs() < 0.1, "{mad}");
    }

    #[test]
    fn gaussian_sigma_formula_and_limits() {
        let s = gaussian_sigma(1.0, 0.5, 1e-5).unwrap();
        assert!((s - (2.0f64 * (1.25e5f64).ln()).sqrt() / 0.5).abs() < 1e-12);
        assert!(gaussian_sigma(1.0, 1.5, 1e-5).is_err());
        assert!(gaussian_sigma(1.0, 0.5, 0.0).is_err());
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut budget = PrivacyBudget::new(1.0, 1e-6).unwrap();
        assert!(gaussian_mechanism(5.0, 1.0, 0.5, 1e-5, &mut budget, "x", &mut rng).is_err());
        assert!(budget.charges().is_empty());
    }

    proptest! {
        #[test]
        fn budget_is_never_overspent(total in 0.01f64..10.0, asks in prop::collection::vec(0.001f64..2.0, 0..30), seed: u64) {
            let mut budget = PrivacyBudget::new(total, 0.0).unwrap();
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            for eps in asks {
                let before = budget.epsilon_remaining();
                let r = laplace_mechanism(10.0, 1.0, eps, &mut budget, "q", &mut rng);
                if r.is_ok() {
                    prop_assert!((budget.epsilon_remaining() - (before - eps)).abs() < 1e-9);
                } else {
                    prop_assert_eq!(budget.epsilon_remaining(), before);
                }
                prop_assert!(budget.epsilon_remaining() > -1e-9);
            }
        }
    }
}
