//! `libertas estimate`: reads capture data from a CSV file, runs multiple systems estimation and
//! prints one JSON object on stdout.
//!
//! All statistics live in `libertas_analytics::mse`; this module only parses arguments and
//! files, seeds the bootstrap's random numbers, and prints.

mod input;

use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use libertas_analytics::mse::{
    bma::PopulationPrior, bootstrap::resample, estimate, EstimateOptions, Method,
};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

/// Estimation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// SparseMSE stepwise selection of two-list interactions (the default).
    Stepwise,
    /// Best BIC over all hierarchical models (MultipleSystemsEstimation).
    Bic,
    /// Bayesian model averaging over decomposable graphs (dga).
    Bma,
}

/// Arguments of `libertas estimate`.
#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// CSV with one 0/1 column per list and a `count` column, or one row per person.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Estimation method.
    #[arg(long, value_enum, default_value_t = MethodArg::Stepwise)]
    pub method: MethodArg,
    /// Stepwise: p-value below which an interaction is added.
    #[arg(long, default_value_t = 0.02)]
    pub pthresh: f64,
    /// BIC: highest interaction order (default 2 for 3 or 6 lists, 3 for 4–5; ≥ lists: all).
    #[arg(long, value_name = "K")]
    pub max_order: Option<usize>,
    /// BIC bootstrap: reselect among this many best models (default all, 20 or 100).
    #[arg(long, value_name = "N")]
    pub ntop: Option<usize>,
    /// Number of bootstrap replicates for a BCa interval (with model reselection).
    #[arg(long, value_name = "N", conflicts_with = "bootstrap_samples")]
    pub bootstrap: Option<usize>,
    /// Seed of the bootstrap's random numbers.
    #[arg(long, value_name = "S", default_value_t = 1234)]
    pub seed: u64,
    /// CSV of bootstrap replicates (header: capture patterns such as 10100; one row each).
    #[arg(long, value_name = "FILE")]
    pub bootstrap_samples: Option<PathBuf>,
    /// BMA: negative-binomial prior on N with parameters A,B (default: 1/N).
    #[arg(long, value_name = "A,B", value_parser = parse_prior)]
    pub prior: Option<(f64, f64)>,
    /// BMA: hyper-Dirichlet prior observations per cell (default 2^-lists).
    #[arg(long)]
    pub delta: Option<f64>,
    /// BMA: largest number missed on the posterior grid (default: chosen from the data).
    #[arg(long, value_name = "N")]
    pub missing_max: Option<u64>,
    /// Confidence level of the intervals.
    #[arg(long, default_value_t = 0.95)]
    pub ci_level: f64,
    /// Use only these columns as lists (comma-separated); default: every column but `count`.
    #[arg(long, value_delimiter = ',')]
    pub lists: Option<Vec<String>>,
    /// Indent the JSON output.
    #[arg(long)]
    pub pretty: bool,
}

fn parse_prior(s: &str) -> Result<(f64, f64), String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    let [a, b] = parts.as_slice() else {
        return Err("expected two numbers A,B".into());
    };
    let a: f64 = a.parse().map_err(|_| format!("{a:?} is not a number"))?;
    let b: f64 = b.parse().map_err(|_| format!("{b:?} is not a number"))?;
    if !(a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite()) {
        return Err("A and B must be positive".into());
    }
    Ok((a, b))
}

/// Runs the command and prints the JSON result.
pub fn run(args: EstimateArgs) -> anyhow::Result<()> {
    let data = input::read_capture_csv(&args.file, args.lists.as_deref())?;
    let method = match args.method {
        MethodArg::Stepwise => Method::Stepwise {
            pthresh: args.pthresh,
        },
        MethodArg::Bic => Method::Bic {
            max_order: args.max_order,
            ntop: args.ntop,
        },
        MethodArg::Bma => Method::Bma {
            delta: args.delta,
            prior: args.prior.map_or(PopulationPrior::Inverse, |(a, b)| {
                PopulationPrior::NegativeBinomial { a, b }
            }),
            missing_max: args.missing_max,
        },
    };
    let bootstrap = match (&args.bootstrap_samples, args.bootstrap) {
        (Some(path), _) => Some(input::read_replicates(path, &data)?),
        (None, Some(0)) => bail!("--bootstrap needs at least one replicate"),
        (None, Some(n)) => {
            let mut rng = ChaCha20Rng::seed_from_u64(args.seed);
            Some(resample(&data, n, &mut rng))
        }
        (None, None) => None,
    };
    let options = EstimateOptions {
        method,
        level: args.ci_level,
        bootstrap,
    };
    let result = estimate(&data, &options)
        .with_context(|| format!("estimating from {}", args.file.display()))?;
    let json = if args.pretty {
        serde_json::to_string_pretty(&result)?
    } else {
        serde_json::to_string(&result)?
    };
    println!("{json}");
    Ok(())
}
