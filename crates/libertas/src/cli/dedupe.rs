//! `libertas person dedupe --org NAME`: the duplicates job, on demand or from cron.
//!
//! Runs the store's job (`Store::run_dedupe_job`) as the operator: people are opened in
//! memory inside this process only, and the pairs found wait in the review queue
//! (`/people/duplicates`). Progress goes to stderr (a bar on a terminal, a line per stage
//! otherwise, which suits cron's mail); the job page shows the same progress from the job's row.
//! Nightly, for example:
//!
//! ```text
//! 15 2 * * *  LIBERTAS_DATA_DIR=/srv/libertas libertas person dedupe --org "North Shelter"
//! ```

use super::open_store;
use crate::config::Config;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use libertas_store::admin::Operator;
use libertas_store::people::dedupe::{DedupeOptions, JobProgress};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `libertas person dedupe`.
#[derive(Debug, clap::Args)]
pub struct DedupeArgs {
    /// The organisation whose people are linked.
    #[arg(long)]
    pub org: String,
    /// Pairs at or above this match probability go to the review queue.
    #[arg(long, value_name = "P", default_value_t = DedupeOptions::default().threshold)]
    pub threshold: f64,
    /// Seed of the engine's random samples (same seed and data, same pairs).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub async fn run(config: Config, a: DedupeArgs) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&a.threshold) {
        anyhow::bail!("--threshold: must be between 0 and 1");
    }
    let store = open_store(&config).await?;
    let op = Operator::console();
    let org = store
        .org_by_name(op, &a.org)
        .await?
        .with_context(|| format!("--org: no organisation named {:?}", a.org))?;
    let progress = Arc::new(JobProgress::default());
    let shown = Arc::clone(&progress);
    let terminal = std::io::stderr().is_terminal();
    let reporter = tokio::spawn(async move {
        let bar = if terminal {
            ProgressBar::new(0)
        } else {
            ProgressBar::hidden()
        };
        if let Ok(style) = ProgressStyle::with_template("{msg:>14} [{bar:40}] {pos}/{len}") {
            bar.set_style(style.progress_chars("=> "));
        }
        let mut last = "";
        loop {
            let (stage, done, total) = shown.snapshot();
            if stage != last {
                if !terminal {
                    eprintln!("{stage}");
                }
                bar.set_message(stage);
                last = stage;
            }
            bar.set_length(total);
            bar.set_position(done);
            if matches!(stage, "done" | "failed") {
                bar.finish_and_clear();
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    });
    let opts = DedupeOptions {
        threshold: a.threshold,
        seed: a.seed,
    };
    let started = std::time::Instant::now();
    let job = store
        .run_dedupe_job(op.into(), org.id, &opts, progress)
        .await;
    let _ = reporter.await;
    let job = job?;
    store.checkpoint().await?;
    eprintln!(
        "Linked {} people of {:?} in {:.1} s: {} candidate pairs at or above {} (job {}). \
         Caseworkers review them at /people/duplicates.",
        job.people,
        a.org,
        started.elapsed().as_secs_f64(),
        job.candidates,
        a.threshold,
        job.id
    );
    Ok(ExitCode::SUCCESS)
}
