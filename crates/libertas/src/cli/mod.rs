//! The commands. Each module holds one command group; [`run`] maps their errors to exit codes
//! and messages that name the argument or file at fault.

mod accounts;
mod audit;
mod data;
mod dedupe;
mod demo;
mod demo_prosecute;
mod demo_protect;
mod demo_restore;
mod demo_strengthen;
mod estimate;
mod export;
mod gift_aid;
mod link;
mod screen;
mod serve;
mod supporters;

use crate::config::{Config, GlobalOpts, DEFAULT_DATA_DIR};
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "libertas",
    version,
    about = "Libertas: case, intelligence and impact platform for counter-trafficking work."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOpts,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the data directory, database, key store and master key (mode 0600).
    Init,
    /// Serve the web pages and the API (migrates first).
    Serve(serve::ServeArgs),
    /// Create (if needed) and fill a data directory with invented demo data, print the demo
    /// logins, and serve it.
    Demo(serve::ServeArgs),
    /// Organisations.
    #[command(subcommand)]
    Org(accounts::OrgCommand),
    /// Staff accounts.
    #[command(subcommand)]
    User(accounts::UserCommand),
    /// API bearer tokens.
    #[command(subcommand)]
    Token(accounts::TokenCommand),
    /// The audit trail.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// People: erasure, duplicates.
    #[command(subcommand)]
    Person(data::PersonCommand),
    /// Write an encrypted, consistent backup of the database (never the master key).
    Backup(data::BackupArgs),
    /// Replace the database with a backup (the current content is saved first).
    Restore(data::RestoreArgs),
    /// Back up the key store on its own, pruning copies older than the retention.
    KeystoreBackup(data::KeystoreBackupArgs),
    /// Screen JSON answers against the legal definition of trafficking (Palermo art. 3).
    Screen(screen::ScreenArgs),
    /// Estimate the hidden number of victims from overlapping lists (multiple systems
    /// estimation); one JSON object on stdout.
    Estimate(estimate::EstimateArgs),
    /// Link records that describe the same person in a CSV file (Fellegi–Sunter, clusters
    /// that keep precision at scale).
    Link(link::LinkArgs),
    /// Exports for partners: de-identified records in standard layouts.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Supporters: suppress bounced and complaining addresses; import gifts.
    #[command(subcommand)]
    Supporters(supporters::SupportersCommand),
}

pub fn run(cli: Cli) -> ExitCode {
    let command = match cli.command {
        Command::Screen(args) => return screen::run(args),
        Command::Estimate(args) => return offline(estimate::run(args)),
        Command::Link(args) => return offline(link::run(args)),
        other => other,
    };
    let default_dir = match command {
        Command::Demo(_) if cli.global.data_dir.is_none() => demo::DEFAULT_DEMO_DIR,
        _ => DEFAULT_DATA_DIR,
    };
    let result = Config::resolve(&cli.global, default_dir).and_then(|config| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?;
        runtime.block_on(dispatch(command, config))
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Exit status of a command that needs no data directory.
fn offline(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(command: Command, config: Config) -> anyhow::Result<ExitCode> {
    // Before anything hashes a password (user add, demo seeding, sign-in).
    libertas_store::admin::hasher::configure(config.password_hashing);
    match command {
        Command::Init => data::init(config).await,
        Command::Serve(a) => serve::serve(config, a).await,
        Command::Demo(a) => demo::demo(config, a).await,
        Command::Org(c) => accounts::org(config, c).await,
        Command::User(c) => accounts::user(config, c).await,
        Command::Token(c) => accounts::token(config, c).await,
        Command::Audit(c) => audit::audit(config, c).await,
        Command::Person(c) => data::person(config, c).await,
        Command::Backup(a) => data::backup(config, a).await,
        Command::Restore(a) => data::restore(config, a).await,
        Command::KeystoreBackup(a) => data::keystore_backup(config, a).await,
        Command::Export(c) => export::export(config, c).await,
        Command::Supporters(c) => supporters::supporters(config, c).await,
        Command::Screen(_) | Command::Estimate(_) | Command::Link(_) => Ok(ExitCode::SUCCESS),
    }
}

/// Opens the store, with a message that says what to do when it cannot be opened.
pub async fn open_store(config: &Config) -> anyhow::Result<libertas_store::Store> {
    libertas_store::Store::open(config.store.clone())
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot open the data directory {}: {e}",
                config.store.data_dir.display()
            )
        })
}
