//! `libertas supporters …`: the supporter side's operator commands.

use super::open_store;
use crate::config::Config;
use clap::Subcommand;
use libertas_store::admin::Operator;
use libertas_store::supporters::suppress::read_report;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum SupportersCommand {
    /// Suppress the addresses of a mail provider's bounce and complaint report: no message is
    /// sent to them again. CSV with a header: `email`, `reason` (hard_bounce or complaint) and
    /// optionally `id` (the provider's event id; a repeated report changes nothing). All rows
    /// or none.
    Suppress {
        /// The report (CSV).
        file: PathBuf,
    },
}

pub async fn supporters(config: Config, c: SupportersCommand) -> anyhow::Result<ExitCode> {
    let SupportersCommand::Suppress { file } = c;
    let shown = file.display();
    let input = std::fs::File::open(&file).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    // Every row is read and checked before the store is touched.
    let rows =
        read_report(std::io::BufReader::new(input)).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let store = open_store(&config).await?;
    let outcome = store
        .supporter_suppress_import(Operator::console(), &rows)
        .await?;
    eprintln!(
        "{shown}: {} rows; {} addresses suppressed, {} already suppressed or applied before; {} queued messages cancelled.",
        rows.len(),
        outcome.suppressed,
        outcome.already,
        outcome.cancelled
    );
    Ok(ExitCode::SUCCESS)
}
