//! `libertas org …`, `libertas user …`, `libertas token …`: administration on the server.

use super::open_store;
use crate::config::Config;
use anyhow::{bail, Context};
use clap::Subcommand;
use libertas_domain::admin::{OrgName, Password, Role, Username};
use libertas_store::admin::Operator;
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Create an organisation and print its id.
    Add {
        /// The organisation's name.
        name: String,
    },
    /// List organisations.
    List,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff user. The first password is read from standard input; the user must
    /// change it at first login.
    Add {
        /// The organisation's name.
        #[arg(long)]
        org: String,
        #[arg(long)]
        username: String,
        /// admin, hotline, caseworker, investigator, legal, aftercare, trainer or analyst.
        #[arg(long)]
        role: String,
    },
    /// Disable a user: ends every session and revokes every token.
    Disable {
        username: String,
        #[arg(long)]
        reason: String,
    },
    /// Remove a user's TOTP device (lost phone); they enrol a new one at next login.
    ResetTotp {
        username: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Print a new API bearer token for a user (only the token goes to standard output).
    Create {
        #[arg(long)]
        username: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        label: String,
        /// Days until it expires.
        #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u16).range(1..=3650))]
        days: u16,
    },
    /// List tokens (never their secrets).
    List,
    /// Revoke a token by id.
    Revoke { id: String },
}

pub async fn org(config: Config, c: OrgCommand) -> anyhow::Result<ExitCode> {
    let store = open_store(&config).await?;
    let op = Operator::console();
    match c {
        OrgCommand::Add { name } => {
            let name = OrgName::parse(&name).map_err(|e| anyhow::anyhow!("NAME: {}", e.message))?;
            let id = store.create_org(op, &name, "cli: org add").await?;
            println!("{id}");
        }
        OrgCommand::List => {
            store
                .record(
                    op.into(),
                    vec![libertas_store::audit::AuditEvent::new(
                        "org.list",
                        "organisation",
                        None,
                        "cli: org list",
                    )],
                )
                .await?;
            for o in store.orgs(op).await? {
                println!("{}\t{}", o.id, o.name);
            }
        }
    }
    store.checkpoint().await?;
    Ok(ExitCode::SUCCESS)
}

/// Reads the first line of standard input as the new user's password.
fn read_password(username: &Username) -> anyhow::Result<Password> {
    if std::io::stdin().is_terminal() {
        eprintln!(
            "Password for the new user (at least {} characters), then Enter:",
            Password::MIN_CHARS
        );
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("stdin: cannot read the password")?;
    let pw = line.trim_end_matches(['\n', '\r']);
    if pw.is_empty() {
        bail!("stdin: no password given (pipe it in, e.g. `printf '%s\\n' \"$PW\" | libertas user add …`)");
    }
    Password::parse_for(pw, username.as_str())
        .map_err(|e| anyhow::anyhow!("stdin: the password {}", e.message))
}

pub async fn user(config: Config, c: UserCommand) -> anyhow::Result<ExitCode> {
    match c {
        UserCommand::Add {
            org,
            username,
            role,
        } => {
            let username = Username::parse(&username)
                .map_err(|e| anyhow::anyhow!("--username: {}", e.message))?;
            let role = Role::parse(&role).map_err(|e| anyhow::anyhow!("--role: {}", e.message))?;
            let password = read_password(&username)?;
            let store = open_store(&config).await?;
            let op = Operator::console();
            let org = store
                .org_by_name(op, &org)
                .await?
                .with_context(|| format!("--org: no organisation named {org:?}"))?;
            let id = store
                .create_user(op, org.id, &username, role, &password, "cli: user add")
                .await
                .map_err(|e| match e {
                    libertas_store::StoreError::Conflict(m) => anyhow::anyhow!("--username: {m}"),
                    other => other.into(),
                })?;
            println!("{id}");
            store.checkpoint().await?;
        }
        UserCommand::Disable { username, reason } => {
            let store = open_store(&config).await?;
            store
                .disable_user(Operator::console(), &username, &reason)
                .await
                .map_err(|e| not_found(e, "USERNAME"))?;
            eprintln!("{username} is disabled; their sessions and tokens have ended.");
            store.checkpoint().await?;
        }
        UserCommand::ResetTotp { username, reason } => {
            let store = open_store(&config).await?;
            store
                .reset_totp(Operator::console(), &username, &reason)
                .await
                .map_err(|e| not_found(e, "USERNAME"))?;
            eprintln!(
                "{username} will enrol a new second factor at next login; their sessions have ended \
                 (their API tokens stay valid: revoke them with `libertas token revoke` if the phone \
                 may be in someone else's hands)."
            );
            store.checkpoint().await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn not_found(e: libertas_store::StoreError, arg: &str) -> anyhow::Error {
    match e {
        libertas_store::StoreError::NotFound => anyhow::anyhow!("{arg}: no such user"),
        other => other.into(),
    }
}

pub async fn token(config: Config, c: TokenCommand) -> anyhow::Result<ExitCode> {
    let store = open_store(&config).await?;
    let op = Operator::console();
    match c {
        TokenCommand::Create {
            username,
            label,
            days,
        } => {
            let (id, secret) = store
                .create_token(op, &username, &label, time::Duration::days(i64::from(days)))
                .await
                .map_err(|e| match e {
                    libertas_store::StoreError::NotFound => {
                        anyhow::anyhow!("--username: no such user {username:?}")
                    }
                    libertas_store::StoreError::Conflict(m) => anyhow::anyhow!("--username: {m}"),
                    other => other.into(),
                })?;
            println!("{secret}");
            eprintln!(
                "Token {id} for {username}, valid {days} days. It is shown only now: hand it over on a safe channel. \
                 It stands in for the user's second factor. Revoke it with `libertas token revoke {id}`."
            );
        }
        TokenCommand::List => {
            println!("id\tusername\tlabel\tcreated_at\texpires_at\trevoked_at");
            for t in store.list_tokens(op, "cli: token list").await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    t.id,
                    t.username,
                    t.label,
                    t.created_at,
                    t.expires_at,
                    t.revoked_at.unwrap_or_else(|| "-".into())
                );
            }
        }
        TokenCommand::Revoke { id } => {
            let parsed = id
                .parse()
                .map_err(|_| anyhow::anyhow!("ID: {id:?} is not a token id"))?;
            store
                .revoke_token(op, parsed, "cli: token revoke")
                .await
                .map_err(|e| match e {
                    libertas_store::StoreError::NotFound => {
                        anyhow::anyhow!("ID: no live token {id}")
                    }
                    other => other.into(),
                })?;
            eprintln!("Token {id} revoked.");
        }
    }
    store.checkpoint().await?;
    Ok(ExitCode::SUCCESS)
}
