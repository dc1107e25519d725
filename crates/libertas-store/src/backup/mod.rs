//! Encrypted, consistent, online backups of the main database and the supporter store, and
//! restore.
//!
//! A backup is a logical dump of every table of the main database and of the supporter store
//! taken inside one read transaction (one snapshot of both: see `snapshot.rs`), written as JSON
//! lines and encrypted with the master-derived backup key
//! using the STREAM construction (XChaCha20-Poly1305 in 64 KiB segments), which also detects a
//! truncated file. The master key and the key store are never part of it: a stolen backup is
//! useless without them, and erasing a person (destroying their key) makes their data in
//! every earlier backup unreadable.
//!
//! Sessions are not backed up: a restore signs everybody out.
//!
//! **Format.** Version 2 (`FORMAT`) carries the supporter store's tables as lines named
//! `supporters.<table>` and records the supporter store's migration version in the header;
//! version 1 files (made before) hold the main database only, and `restore` refuses them
//! unless told to leave the supporter store as it is (`RestoreOptions::keep_supporters`).

mod load;
mod restore;
mod snapshot;
mod stream;

pub use restore::RestoreOptions;

use crate::admin::Operator;
use crate::audit::{Actor, AuditEvent};
use crate::db::Backend;
use crate::justice::files::evidence_dir;
use crate::{Store, StoreError};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use stream::{dump, Content};

/// The tables in a backup, parents before children.
const TABLES: &[&str] = &[
    "meta",
    "organisations",
    "users",
    "api_tokens",
    "cases",
    "case_members",
    "persons",
    "case_people",
    "blind_index",
    "notes",
    "decisions",
    "tasks",
    "evidence",
    "evidence_custody",
    "consents",
    "assessments",
    "care_closures",
    // 0007 referrals, partners, operations (Protect)
    "partners",
    "referrals",
    "duty_notifications",
    "operations",
    "operation_people",
    // end 0007
    // 0008 suspects and proceedings (Prosecute)
    "suspect_roles",
    "charges",
    "hearings",
    "verdicts",
    "sentences",
    "sentence_restitutions",
    // end 0008
    // 0009 care plans and services (Restore)
    "care_plans",
    "care_goals",
    "care_services",
    "care_deliveries",
    // end 0009
    // 0010 training and mentoring (Strengthen)
    "training_events",
    "mentoring_sessions",
    // end 0010
    // 0011 search indexes
    "search_index",
    "search_index_state",
    // end 0011
    // 0015 published statistics: kept so a restored system shows protected readers the
    // same quarters as before (recomputing them would let two versions be compared).
    "stats_releases",
    // end 0015
    // 0017 the last short case number given per organisation and year
    "id_counters",
    // end 0017
    // 0024 hidden-victim estimates: aggregates only, kept so a result can be shown again
    "estimates",
    // end 0024
    "reports",
    "report_messages",
    "report_identifiers",
    // 0025 duplicate jobs, candidate pairs and merges (after persons: they refer to them)
    "dedupe_jobs",
    "dedupe_candidates",
    "person_merges",
    // end 0025
    // 0031 survivors' stories (after persons and users)
    "stories",
    // end 0031
    "audit_events",
    "audit_head",
];

/// Tables that exist but are not backed up; dropped and recreated empty on restore.
/// `lookups` and `receipt_handoffs` (0013) are minutes-long working state, `login_attempts`
/// (0012) the sign-in throttle.
const TRANSIENT: &[&str] = &[
    "sessions",
    "login_attempts",
    "lookups",
    "receipt_handoffs",
    // Derived from other tables by triggers, which rebuild them as a restore inserts rows.
    "impact_reports",
    "impact_victims",
    "impact_refresh",
    // Summaries computed at read time, used only while their month's stamp is current.
    "impact_month_stamps",
    "impact_months",
    // The justice indicators' facts (0030): derived by triggers like the impact facts.
    "indicator_cases",
    "indicator_identified",
    "indicator_charges",
    "indicator_charged",
    "indicator_verdicts",
    "indicator_refresh",
];

/// The supporter store's tables in a backup (`docs/supporters.md`), parents before children,
/// named as the main connections reach them. None is transient: each holds something a person
/// would miss after a restore.
/// - `supporters`: who signed up, their sealed address and name, status, unsubscribe token.
/// - `consents`: what each agreed to and when (the proof of consent the law asks for).
/// - `confirmations`: hashes of confirmation links still in someone's mailbox; without them
///   a pending supporter's link would answer "unknown" after a restore.
/// - `outbox`: messages not yet sent would be lost; sent and failed ones keep the counts and
///   the per-message history the audit events refer to.
/// - `suppressions`, `suppression_events`: addresses that bounced or complained, and the
///   provider events already applied (supporter migration 4).
/// - `updates`: the updates staff wrote, sealed, with their status and progress (supporter
///   migration 2); before `outbox`, whose rows name their update.
/// - `published_stories`: survivors' stories published for updates (supporter migration 6);
///   a restore brings a copy back only with its key, which a withdrawal destroyed.
/// - `portal_totp`: donors' second factors for the portal (supporter migration 11), sealed
///   under their own keys.
pub(crate) const SUPPORTER_TABLES: &[&str] = &[
    "supporters.supporters",
    "supporters.consents",
    "supporters.confirmations",
    "supporters.updates",
    "supporters.outbox",
    "supporters.suppressions",
    "supporters.suppression_events",
    "supporters.published_stories",
    "supporters.regular_gifts",
    "supporters.gifts",
    "supporters.payment_events",
    "supporters.portal_totp",
    "supporters.gift_aid_declarations",
    "supporters.gift_aid_claims",
    "supporters.gift_aid_claimed",
];

/// Supporter tables whose rows must never be lost by restoring an older copy: a restore adds
/// the backup's rows to them instead of replacing them, so an address that complained after
/// the backup was made is still never mailed (like `KEYSTORE_MERGED`).
pub(crate) const SUPPORTER_MERGED: &[&str] =
    &["supporters.suppressions", "supporters.suppression_events"];

/// Supporter-store tables that exist but are not backed up (supporter migration 7): the donor
/// portal's sign-in links and sessions live 15 minutes and 12 hours at most, so a restored
/// copy would only hold dead ones, or revive a session its supporter had ended; after a
/// restore the supporter asks for a new link.
const SUPPORTER_TRANSIENT: &[&str] = &["supporters.portal_links", "supporters.portal_sessions"];

/// The format of database backups written now: 2 carries the supporter store (1 did not).
const FORMAT: u32 = 2;

/// The supporter store's migration version a backup records (its newest migration's number).
fn supporter_version() -> i64 {
    crate::migrations::SUPPORTER_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// The schema version a backup records: the newest migration's number. (Not the count of
/// migrations: numbers are reserved per branch, so a gap can exist until the branches meet.)
fn schema_version() -> i64 {
    crate::migrations::MAIN_MIGRATIONS
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// The key store's tables.
const KEYSTORE_TABLES: &[&str] = &["data_keys", "erasures", "keystore_meta", "withdrawals"];

/// Key-store tables whose rows are facts that must never be lost by restoring an older copy:
/// `restore --keystore` adds the copy's rows to them instead of replacing them.
const KEYSTORE_MERGED: &[&str] = &["erasures", "withdrawals"];

/// The line kind of an evidence file in a database backup (not a table name: tables are
/// lower-case identifiers).
const EVIDENCE_FILE: &str = "@evidence";

/// The plaintext header: enough to refuse a wrong file, nothing about its content.
#[derive(Debug, Serialize, Deserialize)]
pub struct BackupHeader {
    pub format: u32,
    /// `database` or `keystore`.
    #[serde(default = "database_content")]
    pub content: String,
    pub created_at: String,
    pub schema_version: i64,
    /// The supporter store's migration version (format 2 database backups); absent in
    /// format 1 files and key-store backups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supporter_version: Option<i64>,
    pub nonce: String,
}

fn database_content() -> String {
    "database".into()
}

/// What a backup or restore did.
#[derive(Debug, Clone, Default)]
pub struct BackupSummary {
    pub rows: u64,
    pub tables: usize,
    pub bytes: u64,
    /// Evidence files carried (encrypted as stored) in a database backup, or written back.
    pub files: u64,
    /// Evidence rows whose file was not on disk when the backup was made.
    pub files_missing: u64,
    /// On restore: where the database as it was before was saved.
    pub safety_copy: Option<PathBuf>,
    /// On restore: people and supporters whose erasure (made after the backup) was applied
    /// again.
    pub erasures_reapplied: usize,
    /// On restore: withdrawals of access or consent (made after the backup) applied again.
    pub withdrawals_reapplied: u64,
    /// On restore: where replaced or erased content could not yet be wiped from disk.
    pub residue: crate::residue::Residue,
    /// Rows of the supporter store written to the backup, or loaded back (counted in `rows`
    /// too).
    pub supporter_rows: u64,
    /// On restore: the backup did not hold the supporter store (or held another version of
    /// it) and the caller asked to leave the supporter store as it was.
    pub supporters_left_as_is: bool,
}

impl Store {
    /// Writes an encrypted backup of the main database to `out` (a new file).
    pub async fn backup(
        &self,
        op: Operator,
        out: &Path,
        reason: &str,
    ) -> Result<BackupSummary, StoreError> {
        let actor = Actor::from(op);
        self.record(
            actor,
            vec![AuditEvent::new("backup.create", "database", None, reason)
                .detail(serde_json::json!({ "file_name": out.file_name().map(|f| f.to_string_lossy().into_owned()) }))],
        )
        .await?;
        let evidence = evidence_dir(&self.config().data_dir);
        dump(
            self.pool(),
            self.backend(),
            self.ring(),
            Content::Database {
                evidence: &evidence,
            },
            out,
        )
        .await
    }

    /// Writes a database backup as format 1 did, before backups held the supporter store: to
    /// test that restoring such a file never loses or mixes supporters. Not for operators.
    #[cfg(feature = "testing")]
    #[doc(hidden)]
    pub async fn backup_format_1(&self, out: &Path) -> Result<BackupSummary, StoreError> {
        let evidence = evidence_dir(&self.config().data_dir);
        dump(
            self.pool(),
            self.backend(),
            self.ring(),
            Content::Format1 {
                evidence: &evidence,
            },
            out,
        )
        .await
    }

    /// Writes an encrypted copy of the key store to `out`. Kept apart from database backups,
    /// and pruned after the retention period so erasures become final there too.
    pub async fn keystore_backup(
        &self,
        op: Operator,
        out: &Path,
        reason: &str,
    ) -> Result<BackupSummary, StoreError> {
        let actor = Actor::from(op);
        self.record(
            actor,
            vec![AuditEvent::new("keystore.backup", "keystore", None, reason)],
        )
        .await?;
        dump(
            self.keys().pool(),
            self.backend(),
            self.ring(),
            Content::Keystore,
            out,
        )
        .await
    }
}

/// The tables of the main schema (names are checked to be plain identifiers).
pub(crate) async fn schema_tables(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
) -> Result<Vec<String>, StoreError> {
    let sql = match backend {
        Backend::Sqlite => {
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
        }
        Backend::Postgres => {
            "select table_name::text from information_schema.tables
             where table_schema = current_schema() and table_type = 'BASE TABLE'"
        }
    };
    let names: Vec<String> = sqlx::query_scalar(sql).fetch_all(&mut **tx).await?;
    let mut out = vec![];
    for name in names {
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(StoreError::Internal(format!(
                "unexpected table name {name:?}"
            )));
        }
        out.push(name);
    }
    Ok(out)
}

/// The supporter store's tables, as `supporters.<table>`.
pub(crate) async fn supporter_tables(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
) -> Result<Vec<String>, StoreError> {
    let sql = match backend {
        Backend::Sqlite => {
            "select name from supporters.sqlite_master
             where type = 'table' and name not like 'sqlite_%'"
        }
        Backend::Postgres => {
            "select table_name::text from information_schema.tables
             where table_schema = 'supporters' and table_type = 'BASE TABLE'"
        }
    };
    let names: Vec<String> = sqlx::query_scalar(sql).fetch_all(&mut **tx).await?;
    Ok(names
        .into_iter()
        .map(|n| format!("supporters.{n}"))
        .collect())
}

impl Store {
    /// Tables present in the database that backups would not carry (a new table someone forgot
    /// to add to the backup list). Empty when all is well; tested.
    /// The supporter store's tables are named `supporters.<table>`.
    pub async fn tables_missing_from_backups(&self) -> Result<Vec<String>, StoreError> {
        let mut tx = self.pool().begin().await?;
        let all = schema_tables(&mut tx, self.backend()).await?;
        let theirs = supporter_tables(&mut tx, self.backend()).await?;
        drop(tx);
        let main = all.into_iter().filter(|t| {
            !TABLES.contains(&t.as_str())
                && !TRANSIENT.contains(&t.as_str())
                && t != "schema_migrations"
        });
        let supporters = theirs.into_iter().filter(|t| {
            !SUPPORTER_TABLES.contains(&t.as_str())
                && !SUPPORTER_TRANSIENT.contains(&t.as_str())
                && t != "supporters.schema_migrations"
        });
        Ok(main.chain(supporters).collect())
    }
}
