//! `libertas init`, `person erase`, `backup`, `restore`, `keystore-backup`.

use super::open_store;
use crate::config::Config;
use anyhow::Context;
use clap::{Args, Subcommand};
use libertas_store::{private_fs, Store};
use std::path::PathBuf;
use std::process::ExitCode;

pub async fn init(config: Config) -> anyhow::Result<ExitCode> {
    let store = Store::init(config.store.clone())
        .await
        .with_context(|| format!("cannot initialise {}", config.store.data_dir.display()))?;
    store.close().await;
    eprintln!(
        "Initialised {} ({}).\nThe master key is {}: without it nothing can be read. Keep a copy offline, \
         and in production keep it off the data disk (LIBERTAS_MASTER_KEY_FILE).",
        config.store.data_dir.display(),
        match config.store.backend()? {
            libertas_store::Backend::Sqlite => "SQLite",
            libertas_store::Backend::Postgres => "PostgreSQL",
        },
        config.store.master_key_path().display()
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Crypto-shred one person: their data key and look-up hashes are destroyed, so their
    /// data is unreadable at once, also in earlier database backups.
    Erase {
        /// The person's id.
        id: String,
        /// Why (recorded in the audit trail).
        #[arg(long)]
        reason: String,
    },
    /// Find likely duplicate person records of one organisation with the linkage engine and
    /// put them in the caseworkers' review queue (on demand, or nightly from cron).
    Dedupe(super::dedupe::DedupeArgs),
}

pub async fn person(config: Config, c: PersonCommand) -> anyhow::Result<ExitCode> {
    let (id, reason) = match c {
        PersonCommand::Erase { id, reason } => (id, reason),
        PersonCommand::Dedupe(a) => return super::dedupe::run(config, a).await,
    };
    let pid = id
        .parse()
        .map_err(|_| anyhow::anyhow!("ID: {id:?} is not a person id"))?;
    if reason.trim().is_empty() {
        anyhow::bail!("--reason: must not be empty");
    }
    let store = open_store(&config).await?;
    let erasure = store
        .erase_person(
            libertas_store::admin::Operator::console(),
            pid,
            reason.trim(),
        )
        .await
        .map_err(|e| match e {
            libertas_store::StoreError::NotFound => anyhow::anyhow!("ID: no person {id}"),
            other => other.into(),
        })?;
    store.checkpoint().await?;
    if !erasure.residue.is_clear() {
        eprintln!(
            "error: person {id} is erased (their data key is destroyed, so their data can no longer be read), \
             but old copies could not yet be wiped from {}: another process kept reading the database for {} seconds. \
             Run this command again when the server is quiet, or stop `libertas serve` and run it again.",
            erasure.residue.pending.join(" and "),
            libertas_store::residue::SCRUB_WAIT.as_secs()
        );
        return Ok(ExitCode::FAILURE);
    }
    eprintln!("Person {id} erased: their data key is destroyed and wiped from disk.");
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to create (must not exist).
    pub out: PathBuf,
}

pub async fn backup(config: Config, a: BackupArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(&config).await?;
    let s = store
        .backup(
            libertas_store::admin::Operator::console(),
            &a.out,
            "cli: backup",
        )
        .await
        .with_context(|| format!("{}: backup failed", a.out.display()))?;
    store.checkpoint().await?;
    eprintln!(
        "Wrote {} ({} rows, {} of them the supporter store's, {} evidence files, {} bytes, encrypted). It does not contain the master key or the key store.",
        a.out.display(),
        s.rows,
        s.supporter_rows,
        s.files,
        s.bytes
    );
    if s.files_missing > 0 {
        eprintln!(
            "Warning: {} evidence files were missing from {} and are not in the backup (verify on each evidence item shows which).",
            s.files_missing,
            config.store.data_dir.join("evidence").display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file to restore.
    pub input: PathBuf,
    /// The file is a key-store backup (from `keystore-backup`).
    #[arg(long)]
    pub keystore: bool,
    /// Restore the case database only and leave the supporter store exactly as it is now.
    /// Needed for a backup made before backups held the supporter store.
    #[arg(long, conflicts_with = "keystore")]
    pub keep_supporters: bool,
}

pub async fn restore(config: Config, a: RestoreArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(&config).await?;
    let s = if a.keystore {
        store
            .restore_keystore(
                libertas_store::admin::Operator::console(),
                &a.input,
                "cli: restore key store",
            )
            .await
    } else {
        store
            .restore_with(
                libertas_store::admin::Operator::console(),
                &a.input,
                "cli: restore",
                libertas_store::backup::RestoreOptions {
                    keep_supporters: a.keep_supporters,
                },
            )
            .await
    }
    .with_context(|| format!("{}: restore failed", a.input.display()))?;
    store.checkpoint().await?;
    if let Some(copy) = &s.safety_copy {
        eprintln!("The data as it was before is saved in {}.", copy.display());
    }
    eprintln!(
        "Restored {} rows and {} evidence files from {}. Everyone must sign in again.",
        s.rows,
        s.files,
        a.input.display()
    );
    match (a.keystore, s.supporters_left_as_is) {
        (true, _) => {}
        (false, true) => eprintln!(
            "The supporter store was left exactly as it was (--keep-supporters): its supporters, consents and queued messages are today's, not the backup's."
        ),
        (false, false) => eprintln!(
            "The supporter store was replaced by the backup's ({} of the rows above).",
            s.supporter_rows
        ),
    }
    if s.erasures_reapplied + s.withdrawals_reapplied as usize > 0 {
        eprintln!(
            "Made since the backup and applied again: {} erasures, {} withdrawals of access or consent (see `libertas audit export`).",
            s.erasures_reapplied, s.withdrawals_reapplied
        );
    }
    if !s.residue.is_clear() {
        eprintln!(
            "error: old content could not yet be wiped from {}: another process kept reading the database. \
             Stop `libertas serve`, then repeat the erasure of any one person listed by `libertas audit export` \
             as erased (`libertas person erase ID --reason ...` wipes the logs of both databases).",
            s.residue.pending.join(" and ")
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct KeystoreBackupArgs {
    /// Folder for key-store backups (default: `keystore-backups` in the data directory).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Days to keep key-store backups; older ones are deleted. Erasures become final in
    /// key-store backups once this many days have passed.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u16).range(1..=365))]
    pub retention_days: u16,
}

pub async fn keystore_backup(config: Config, a: KeystoreBackupArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(&config).await?;
    // Libertas's own folder is made private (0700); a folder the operator names is only
    // created (0700) if missing, never changed.
    let dir = match a.dir {
        Some(d) => {
            private_fs::create_dir_all(&d)
                .with_context(|| format!("{}: cannot create", d.display()))?;
            d
        }
        None => {
            let d = config.store.data_dir.join("keystore-backups");
            private_fs::private_dir(&d)
                .with_context(|| format!("{}: cannot create", d.display()))?;
            d
        }
    };
    let stamp = libertas_store::clock::now_text().replace([':', '.'], "-");
    let out = dir.join(format!("keystore-{stamp}.lbk"));
    let s = store
        .keystore_backup(
            libertas_store::admin::Operator::console(),
            &out,
            "cli: keystore-backup",
        )
        .await?;
    let cutoff = std::time::SystemTime::now()
        - std::time::Duration::from_secs(u64::from(a.retention_days) * 86_400);
    let mut pruned = 0;
    for entry in std::fs::read_dir(&dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .map(|t| t < cutoff)
            .unwrap_or(false);
        if name.starts_with("keystore-") && name.ends_with(".lbk") && old {
            std::fs::remove_file(entry.path())?;
            pruned += 1;
        }
    }
    store.checkpoint().await?;
    eprintln!(
        "Wrote {} ({} keys and records); removed {pruned} copies older than {} days.",
        out.display(),
        s.rows,
        a.retention_days
    );
    Ok(ExitCode::SUCCESS)
}
