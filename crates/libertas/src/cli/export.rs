//! `libertas export ctdc`: the organisation's identified victims in the CTDC layout,
//! k-anonymised, for a data collaborative (`docs/statistics.md`, "The CTDC export").
//! `libertas export list`: a list as a user sees it, as CSV or XLSX (`docs/exports.md`); with
//! `--personal` an AES-256 ZIP whose passphrase is printed once on stdout.
//!
//! The file holds no personal data, but it is still about survivors: it is written with mode
//! 0600, atomically (a temporary file beside it, synced, then linked into place, so a crash
//! leaves either no file or the whole file), and never over an existing file. The summary
//! printed after it shows small counts of what was lost as "fewer than k".

use super::open_store;
use crate::config::Config;
use anyhow::Context;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use libertas_domain::exports::{ExportFormat, ExportList};
use libertas_domain::stats::ctdc::{ExportK, MAX_K, MIN_K};
use libertas_store::admin::Operator;
use libertas_store::exports::ExportRequest;
use libertas_store::private_fs;
use libertas_store::StoreError;
use secrecy::ExposeSecret;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// De-identified victim records in the CTDC layout (k-anonymised; ages banded, dates to
    /// the year, no names or contacts), as CSV.
    Ctdc(CtdcArgs),
    /// A list exactly as a user sees it (cases, people, tasks, referrals, services,
    /// trainings), as CSV or XLSX;
    /// with `--personal`, an AES-256 encrypted ZIP whose passphrase is printed on stdout.
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The user whose list is exported (their role, organisation and cases decide the rows).
    #[arg(long)]
    pub username: String,
    /// cases, people, tasks, referrals, services or trainings.
    #[arg(long)]
    pub list: String,
    /// csv (default) or xlsx.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Include names, birth dates, contacts, titles, notes, partners and providers (the file
    /// is then encrypted).
    #[arg(long)]
    pub personal: bool,
    /// The file to create (must not exist).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct CtdcArgs {
    /// The organisation whose victims are exported.
    #[arg(long)]
    pub org: String,
    /// The CSV file to create (must not exist).
    #[arg(long)]
    pub out: PathBuf,
    /// Every combination of year, gender, age band, citizenship and country of exploitation
    /// appears at least this many times (2 to 1000; default 10, for data with children).
    #[arg(long)]
    pub k: Option<u32>,
}

pub async fn export(config: Config, c: ExportCommand) -> anyhow::Result<ExitCode> {
    match c {
        ExportCommand::Ctdc(a) => ctdc(config, a).await,
        ExportCommand::List(a) => list(config, a).await,
    }
}

async fn list(config: Config, a: ListArgs) -> anyhow::Result<ExitCode> {
    let list = ExportList::parse(&a.list).map_err(|e| anyhow::anyhow!("--{e}"))?;
    let format = ExportFormat::parse(&a.format).map_err(|e| anyhow::anyhow!("--{e}"))?;
    if a.out.exists() {
        anyhow::bail!(
            "--out: {} already exists; choose a new file",
            a.out.display()
        );
    }
    let store = open_store(&config).await?;
    let op = Operator::console();
    let user = store
        .user_by_username(op, &a.username)
        .await?
        .with_context(|| format!("--username: no user named {:?}", a.username))?;
    let p = store
        .principal(op, user.id)
        .await?
        .with_context(|| format!("--username: {:?} is disabled", a.username))?;
    let bar = progress_bar("reading records");
    let show = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let r = ExportRequest {
        list,
        format,
        personal: a.personal,
    };
    let today = libertas_store::clock::now().date();
    let export = store
        .export_list(&p, r, today, &show, "cli: export list")
        .await
        .map_err(|e| match e {
            StoreError::Forbidden => anyhow::anyhow!(
                "--list: {:?} may not export this list{}",
                a.username,
                if a.personal {
                    " with personal data"
                } else {
                    ""
                }
            ),
            e => e.into(),
        })?;
    bar.finish_and_clear();
    store.checkpoint().await?;
    write_atomically(&a.out, &export.bytes)
        .with_context(|| format!("--out: cannot write {}", a.out.display()))?;
    match &export.passphrase {
        Some(pass) => {
            eprintln!(
                "Wrote {} ({} rows, an AES-256 encrypted ZIP). Its passphrase follows, shown once:",
                a.out.display(),
                export.rows
            );
            println!("{}", pass.expose_secret());
        }
        None => eprintln!("Wrote {} ({} rows).", a.out.display(), export.rows),
    }
    Ok(ExitCode::SUCCESS)
}

async fn ctdc(config: Config, a: CtdcArgs) -> anyhow::Result<ExitCode> {
    let k = ExportK::parse(a.k)
        .map_err(|_| anyhow::anyhow!("--k: must be a whole number from {MIN_K} to {MAX_K}"))?;
    if a.out.exists() {
        anyhow::bail!(
            "--out: {} already exists; choose a new file",
            a.out.display()
        );
    }
    let store = open_store(&config).await?;
    let op = Operator::console();
    let org = store
        .org_by_name(op, &a.org)
        .await?
        .with_context(|| format!("--org: no organisation named {:?}", a.org))?;
    let bar = progress_bar("reading victims");
    let show = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let export = store
        .export_ctdc(op.into(), org.id, k, &show, "cli: export ctdc")
        .await?;
    bar.finish_and_clear();
    store.checkpoint().await?;
    write_atomically(&a.out, &export.csv)
        .with_context(|| format!("--out: cannot write {}", a.out.display()))?;
    let levels: Vec<String> = export
        .levels
        .iter()
        .filter(|(_, l)| *l > 0)
        .map(|(name, l)| format!("{name} +{l}"))
        .collect();
    eprintln!(
        "Wrote {} ({} rows, k = {}). Victims left out: {}; rows with facts blanked: {}. Generalised: {}.",
        a.out.display(),
        export.shown(export.rows),
        export.k,
        export.shown(export.dropped),
        export.shown(export.blanked),
        if levels.is_empty() {
            "nothing".to_owned()
        } else {
            levels.join(", ")
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// A bar on a terminal; nothing when stderr is piped.
fn progress_bar(what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template(&format!("{what} [{{bar:40}}] {{pos}}/{{len}}"))
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Writes `bytes` to `out` (mode 0600) so that `out` appears whole or not at all, and never
/// replaces an existing file.
pub(crate) fn write_atomically(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = out
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file name"))?;
    let mut part_name = std::ffi::OsString::from(".");
    part_name.push(name);
    part_name.push(format!(".{}.part", std::process::id()));
    let part = out.with_file_name(part_name);
    let result = (|| {
        let mut f = private_fs::create(&part)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        // A hard link refuses an existing target, unlike a rename.
        std::fs::hard_link(&part, out)
    })();
    let _ = std::fs::remove_file(&part);
    result?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}
