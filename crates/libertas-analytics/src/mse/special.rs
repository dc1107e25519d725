//! Special functions matching R's `pnorm`, `qnorm`, `ppois` and `lgamma` closely enough that
//! p-value comparisons and BCa quantile positions agree with the reference packages.

/// Natural log of the gamma function.
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// Standard normal distribution function Φ(x).
pub fn pnorm(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// Standard normal quantile Φ⁻¹(p); ±∞ at 0 and 1, NaN outside [0, 1].
pub fn qnorm(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p == 0.5 {
        return 0.0;
    }
    if p > 0.5 {
        return -qnorm_lower(1.0 - p);
    }
    qnorm_lower(p)
}

fn qnorm_lower(p: f64) -> f64 {
    let (mut lo, mut hi) = (-40.0f64, 0.0f64);
    for _ in 0..80 {
        let mid = 0.5 * (lo + hi);
        if pnorm(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut x = 0.5 * (lo + hi);
    for _ in 0..2 {
        let dens = (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
        if dens > 0.0 {
            let step = (pnorm(x) - p) / dens;
            if step.is_finite() && step.abs() < 1e-6 {
                x -= step;
            }
        }
    }
    x
}

/// Regularized lower incomplete gamma function P(a, x).
pub fn gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x < a + 1.0 {
        gamma_series(a, x)
    } else {
        1.0 - gamma_cont_frac(a, x)
    }
}

/// Regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x).
pub fn gamma_q(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    if x < a + 1.0 {
        1.0 - gamma_series(a, x)
    } else {
        gamma_cont_frac(a, x)
    }
}

fn gamma_prefactor(a: f64, x: f64) -> f64 {
    (a * x.ln() - x - ln_gamma(a)).exp()
}

fn gamma_series(a: f64, x: f64) -> f64 {
    let mut ap = a;
    let mut term = 1.0 / a;
    let mut sum = term;
    for _ in 0..10_000 {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if term.abs() < sum.abs() * 1e-17 {
            break;
        }
    }
    sum * gamma_prefactor(a, x)
}

fn gamma_cont_frac(a: f64, x: f64) -> f64 {
    let tiny = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..10_000 {
        let an = -(i as f64) * (i as f64 - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + an / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h * gamma_prefactor(a, x)
}

/// P(X ≤ n) for X ~ Poisson(λ) (R's `ppois(n, λ)`).
pub fn ppois_lower(n: f64, lambda: f64) -> f64 {
    if n < 0.0 {
        return 0.0;
    }
    if lambda <= 0.0 {
        return 1.0;
    }
    gamma_q(n.floor() + 1.0, lambda)
}

/// P(X > n) for X ~ Poisson(λ) (R's `ppois(n, λ, lower.tail = FALSE)`).
pub fn ppois_upper(n: f64, lambda: f64) -> f64 {
    if n < 0.0 {
        return 1.0;
    }
    if lambda <= 0.0 {
        return 0.0;
    }
    gamma_p(n.floor() + 1.0, lambda)
}

/// SparseMSE's p-value for an observed overlap `n` with Poisson mean `λ`:
/// the smaller of P(X ≤ n) and P(X ≥ n).
pub fn poisson_overlap_pvalue(n: f64, lambda: f64) -> f64 {
    ppois_lower(n, lambda).min(ppois_upper(n - 1.0, lambda))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_functions() {
        assert!((pnorm(1.959963984540054) - 0.975).abs() < 1e-15);
        assert!((qnorm(0.975) - 1.959963984540054).abs() < 1e-13);
        assert!((qnorm(0.16) + 0.994457883209753).abs() < 1e-13);
        assert!((qnorm(1e-10) + 6.361340902404056).abs() < 1e-10);
        assert_eq!(qnorm(0.5), 0.0);
        assert!(qnorm(-0.1).is_nan());
    }

    #[test]
    fn poisson_tails_match_r() {
        let pmf = |k: i32| (-2.5f64).exp() * 2.5f64.powi(k) / (1..=k).product::<i32>() as f64;
        let low: f64 = (0..=3).map(pmf).sum();
        assert!((ppois_lower(3.0, 2.5) - low).abs() < 1e-14);
        assert!((ppois_upper(2.0, 2.5) - (1.0 - (0..=2).map(pmf).sum::<f64>())).abs() < 1e-14);
        assert!((poisson_overlap_pvalue(0.0, 2.0) - (-2.0f64).exp()).abs() < 1e-15);
        assert!((ppois_lower(150.0, 100.0) + ppois_upper(150.0, 100.0) - 1.0).abs() < 1e-12);
    }
}
