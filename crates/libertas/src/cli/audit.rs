//! `libertas audit verify` and `libertas audit export`.

use super::open_store;
use crate::config::Config;
use clap::Subcommand;
use libertas_store::audit::{Actor, AuditEvent, AuditQuery, VerifyOutcome};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Re-walk the chain: exit 0 with the number of events checked, or 1 naming the first
    /// event that does not verify. Without the checkpoint file a cut-off tail cannot be
    /// detected, so a chain with events but no checkpoint also exits 1.
    Verify {
        /// Verify without the checkpoint file (a server killed before its first checkpoint,
        /// or a node that never wrote one): events cut off the end will not show.
        #[arg(long)]
        no_checkpoint: bool,
    },
    /// Print events as JSON lines ("who opened this person's record, and when").
    Export {
        /// Only events about this object (person, case, user … id).
        #[arg(long)]
        object_id: Option<String>,
        /// Only events by this username.
        #[arg(long)]
        actor: Option<String>,
    },
}

pub async fn audit(config: Config, c: AuditCommand) -> anyhow::Result<ExitCode> {
    let store = open_store(&config).await?;
    match c {
        AuditCommand::Verify { no_checkpoint } => match store.verify_audit().await? {
            VerifyOutcome::Intact {
                checked,
                checkpoint,
            } => {
                if checkpoint.is_none() && checked > 0 {
                    let path = config.store.checkpoint_path();
                    if !no_checkpoint {
                        println!(
                            "audit chain not verified to its end: {checked} events are linked, but the checkpoint file {} is missing, \
                             so events cut off the end of the chain (or the whole chain replaced) would not show. \
                             If you know why it is missing, run `libertas audit verify --no-checkpoint`.",
                            path.display()
                        );
                        return Ok(ExitCode::FAILURE);
                    }
                    eprintln!(
                        "warning: verified without the checkpoint file {}: events cut off the end of the chain would not show",
                        path.display()
                    );
                }
                println!("audit chain intact: {checked} events checked");
                Ok(ExitCode::SUCCESS)
            }
            VerifyOutcome::Broken { seq, id, problem } => {
                let id = id.map(|i| format!(" ({i})")).unwrap_or_default();
                println!("audit chain broken at event #{seq}{id}: {problem}");
                Ok(ExitCode::FAILURE)
            }
        },
        AuditCommand::Export { object_id, actor } => {
            store
                .record(
                    Actor::cli(),
                    vec![AuditEvent::new(
                        "audit.export",
                        "audit",
                        object_id.clone(),
                        "cli: audit export",
                    )],
                )
                .await?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut after = 0;
            loop {
                let q = AuditQuery {
                    org_id: None,
                    object_id: object_id.clone(),
                    actor: actor.clone(),
                    after_seq: after,
                    limit: 5000,
                };
                let batch = store
                    .audit_events(libertas_store::admin::Operator::console(), &q)
                    .await?;
                let Some(last) = batch.last() else { break };
                after = last.seq;
                for e in &batch {
                    serde_json::to_writer(&mut out, e)?;
                    out.write_all(b"\n")?;
                }
            }
            out.flush()?;
            store.checkpoint().await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
