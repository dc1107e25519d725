//! `libertas supporters …`: the supporter side's operator commands.

use super::open_store;
use crate::config::Config;
use clap::Subcommand;
use libertas_store::admin::Operator;
use libertas_store::supporters::gifts::import::read_gifts;
use libertas_store::supporters::suppress::read_report;
use libertas_store::StoreError;
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
    /// Gifts (one-off and regular) from a bank's or payment provider's report.
    #[command(subcommand)]
    Gifts(GiftsCommand),
    /// UK Gift Aid: the claim schedule for HMRC.
    #[command(subcommand, name = "gift-aid")]
    GiftAid(GiftAidCommand),
}

#[derive(Debug, Subcommand)]
pub enum GiftAidCommand {
    /// Write the claim schedule: the eligible gifts received from FROM to TO (inclusive) not
    /// claimed before, in the columns of HMRC's Gift Aid schedule spreadsheet (CSV). More
    /// than 1,000 gifts are written as parts: FILE-1.csv, FILE-2.csv, ... Never replaces a
    /// file. Marking the schedule as submitted is a separate step, on the Gift Aid page.
    Schedule {
        /// The first day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// The last day (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// The organisation (default: the one that receives public sign-ups).
        #[arg(long)]
        org: Option<String>,
        /// The CSV file to write (mode 0600: it holds donors' names and addresses).
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum GiftsCommand {
    /// Record the gifts of a report. CSV with a header naming, in any order: `provider`,
    /// `provider_id`, `email`, `amount` (major units, `25.00`), `currency` (ISO 4217),
    /// `method`, `received` (YYYY-MM-DD), and optionally `name` and `frequency` (monthly,
    /// quarterly, annual: the gift pays a regular gift). All rows or none; a gift already
    /// recorded under its provider id is left as it is.
    Import {
        /// The report (CSV).
        file: PathBuf,
        /// The organisation the gifts were given to (default: the one that receives public
        /// sign-ups, `public_reports_org` or the first created).
        #[arg(long)]
        org: Option<String>,
    },
}

pub async fn supporters(config: Config, c: SupportersCommand) -> anyhow::Result<ExitCode> {
    let file = match c {
        SupportersCommand::Suppress { file } => file,
        SupportersCommand::Gifts(GiftsCommand::Import { file, org }) => {
            return import_gifts(config, file, org).await
        }
        SupportersCommand::GiftAid(GiftAidCommand::Schedule { from, to, org, out }) => {
            return super::gift_aid::schedule(config, &from, &to, org, &out).await
        }
    };
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

async fn import_gifts(
    config: Config,
    file: PathBuf,
    org: Option<String>,
) -> anyhow::Result<ExitCode> {
    let shown = file.display();
    let input = std::fs::File::open(&file).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    // Every row is read and checked before the store is touched.
    let rows =
        read_gifts(std::io::BufReader::new(input)).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let store = open_store(&config).await?;
    let name = org.as_deref().or(config.web.public_reports_org.as_deref());
    let Some(org_id) = store.public_reports_org(name).await? else {
        match name {
            Some(n) => anyhow::bail!("no organisation named {n:?}"),
            None => anyhow::bail!("no organisation yet (libertas org add NAME)"),
        }
    };
    let outcome = match store.gifts_import(Operator::console(), org_id, &rows).await {
        // The row at fault, named as `line N, field F`.
        Err(StoreError::Conflicting(e)) => {
            anyhow::bail!("{shown}: {}: {}; nothing was recorded", e.field, e.message)
        }
        other => other?,
    };
    eprintln!(
        "{shown}: {} rows; {} gifts added, {} already present; {} donors created, {} regular gifts started.",
        rows.len(),
        outcome.added,
        outcome.already,
        outcome.donors_created,
        outcome.regular_started
    );
    Ok(ExitCode::SUCCESS)
}
