//! Restore: the whole database with the supporter store, or the key store, replaced from a
//! backup in one transaction.

use super::load::insert_lines;
use super::stream::Line;
use super::{
    schema_tables, supporter_version, BackupSummary, EVIDENCE_FILE, KEYSTORE_MERGED,
    KEYSTORE_TABLES, SUPPORTER_MERGED, SUPPORTER_TABLES, TABLES,
};
use crate::admin::Operator;
use crate::audit::{checkpoint, Actor, AuditEvent};
use crate::db::Backend;
use crate::justice::files::evidence_dir;
use crate::migrations::MAIN_MIGRATIONS;
use crate::stats::impact::sources::{rebuild_facts, FACT_SOURCES};
use crate::stats::sources::{rebuild_indicator_facts, INDICATOR_SOURCES};
use crate::{clock, Store, StoreError};
use base64::Engine;
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// Views of the main schema (0026, 0030), dropped before a restore replays the migrations.
const FACT_VIEWS: &[&str] = &[
    "impact_report_source",
    "impact_victim_source",
    // 0030
    "indicator_case_source",
    "indicator_identified_source",
    "indicator_charge_source",
    "indicator_charged_source",
    "indicator_verdict_source",
];

/// PostgreSQL functions created by migrations: dropping the tables leaves them behind.
const PG_FUNCTIONS: &[&str] = &[
    "audit_events_append_only()",
    "impact_refresh_case(text)",
    "impact_refresh_person(text)",
    "impact_refresh_report(text)",
    "impact_reports_changed()",
    "impact_cases_changed()",
    "impact_decisions_changed()",
    "impact_case_people_changed()",
    "impact_referrals_changed()",
    "impact_care_plans_changed()",
    "impact_care_services_changed()",
    "impact_care_deliveries_changed()",
    "impact_assessments_changed()",
    "impact_months_bump(text, text, text, text)",
    "impact_months_reports_changed()",
    "impact_months_victims_changed()",
    "indicator_refresh_case(text)",
    "indicator_rows_changed()",
];

/// How a restore treats the supporter store.
#[derive(Debug, Clone, Copy, Default)]
pub struct RestoreOptions {
    /// Restore the case side only and leave the supporter store exactly as it is now. Needed
    /// for a backup that does not hold the supporter store (format 1, made before backups
    /// carried it) or holds another version of it: without it such a restore is refused,
    /// because emptying the supporter store would lose supporters that exist nowhere else,
    /// and keeping it without being asked would silently join today's supporters to a
    /// database from another time.
    pub keep_supporters: bool,
}

impl Store {
    /// Replaces the main database's and the supporter store's content with a backup, in one
    /// transaction. The current content is first saved as a backup under
    /// `<data dir>/backups/`.
    pub async fn restore(
        &self,
        op: Operator,
        input: &Path,
        reason: &str,
    ) -> Result<BackupSummary, StoreError> {
        self.restore_with(op, input, reason, RestoreOptions::default())
            .await
    }

    /// [`Store::restore`], with a choice about the supporter store.
    pub async fn restore_with(
        &self,
        op: Operator,
        input: &Path,
        reason: &str,
        options: RestoreOptions,
    ) -> Result<BackupSummary, StoreError> {
        let actor = Actor::from(op);
        let (header, lines) = self.read_backup(input, "database")?;
        let reload_supporters = !options.keep_supporters;
        if reload_supporters {
            supporters_restorable(input, &header)?;
        }
        let (files, lines): (Vec<Line>, Vec<Line>) =
            lines.into_iter().partition(|l| l.t == EVIDENCE_FILE);
        let (supporter_lines, lines): (Vec<Line>, Vec<Line>) = lines
            .into_iter()
            .partition(|l| SUPPORTER_TABLES.contains(&l.t.as_str()));
        let has_data = sqlx::query("select 1 from organisations limit 1")
            .fetch_optional(self.pool())
            .await?
            .is_some();
        let safety_copy = if has_data {
            let dir = self.config().data_dir.join("backups");
            crate::private_fs::private_dir(&dir)?;
            let stamp = clock::now_text().replace([':', '.'], "-");
            let path = dir.join(format!("pre-restore-{stamp}.lbk"));
            self.backup(op, &path, "automatic copy before restore")
                .await?;
            Some(path)
        } else {
            None
        };
        // Files first: a committed evidence row must never point at a missing file.
        let files_written = write_evidence_files(&evidence_dir(&self.config().data_dir), &files)?;
        let mut tx = self.pool().begin().await?;
        // Drop every table of the main schema (not only the known ones), so a table added by a
        // later migration can never survive a restore; foreign keys are checked at commit.
        let cascade = match self.backend() {
            Backend::Sqlite => {
                sqlx::query("pragma defer_foreign_keys = on")
                    .execute(&mut *tx)
                    .await?;
                ""
            }
            Backend::Postgres => " cascade",
        };
        // Views first: SQLite keeps a view whose tables were dropped (PostgreSQL's cascade
        // drops them with their tables).
        if self.backend() == Backend::Sqlite {
            for view in FACT_VIEWS {
                sqlx::query(&format!("drop view if exists {view}"))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for table in schema_tables(&mut tx, self.backend()).await? {
            sqlx::query(&format!("drop table if exists {table}{cascade}"))
                .execute(&mut *tx)
                .await?;
        }
        if self.backend() == Backend::Postgres {
            for function in PG_FUNCTIONS {
                sqlx::query(&format!("drop function if exists {function}"))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query("create table schema_migrations (version bigint primary key, name text not null, applied_at text not null)")
            .execute(&mut *tx)
            .await?;
        // The schema as it was when the backup was made; newer migrations run after the data.
        let (older, newer): (Vec<_>, Vec<_>) = MAIN_MIGRATIONS
            .iter()
            .partition(|m| m.version <= header.schema_version);
        for m in &older {
            apply_migration(&mut tx, self.backend(), m).await?;
        }
        sqlx::query("delete from audit_head")
            .execute(&mut *tx)
            .await?;
        let mut summary = BackupSummary {
            tables: TABLES.len(),
            files: files_written,
            safety_copy,
            ..Default::default()
        };
        // PostgreSQL's fact triggers recompute per row written, slowly before the new rows
        // have statistics: load without them and compute the facts once (the impact facts
        // since 0026, the indicators' since 0030; older backups get them from the migration).
        let pg = self.backend() == Backend::Postgres;
        let impact = pg && header.schema_version >= 26;
        let indicators = pg && header.schema_version >= 30;
        let mut sources: Vec<&str> = vec![];
        if impact {
            sources.extend(FACT_SOURCES);
        }
        if indicators {
            sources.extend(INDICATOR_SOURCES);
        }
        sources.sort_unstable();
        sources.dedup();
        for table in &sources {
            sqlx::query(&format!("alter table {table} disable trigger user"))
                .execute(&mut *tx)
                .await?;
        }
        summary.rows = insert_lines(&mut tx, TABLES, &[], lines).await?;
        for table in &sources {
            sqlx::query(&format!("alter table {table} enable trigger user"))
                .execute(&mut *tx)
                .await?;
        }
        if impact {
            rebuild_facts(&mut tx, header.schema_version >= 28).await?;
        }
        if indicators {
            rebuild_indicator_facts(&mut tx).await?;
        }
        for m in &newer {
            apply_migration(&mut tx, self.backend(), m).await?;
        }
        // The supporter store, in the same transaction (atomic across both on PostgreSQL; on
        // SQLite atomic per file, see docs/supporters.md): emptied and loaded with the
        // backup's rows. Its schema is not replayed: the version matched above.
        // Suppressed addresses are kept and the backup's added to them (SUPPORTER_MERGED).
        if reload_supporters {
            // Transient rows (portal links and sessions) name supporters: gone first, and
            // never restored.
            for table in super::SUPPORTER_TRANSIENT {
                sqlx::query(&format!("delete from {table}"))
                    .execute(&mut *tx)
                    .await?;
            }
            for table in SUPPORTER_TABLES.iter().rev() {
                if SUPPORTER_MERGED.contains(table) {
                    continue;
                }
                sqlx::query(&format!("delete from {table}"))
                    .execute(&mut *tx)
                    .await?;
            }
            summary.supporter_rows =
                insert_lines(&mut tx, SUPPORTER_TABLES, SUPPORTER_MERGED, supporter_lines).await?;
            summary.rows += summary.supporter_rows;
            summary.tables += SUPPORTER_TABLES.len();
        }
        summary.supporters_left_as_is = !reload_supporters;
        tx.commit().await?;
        if self.backend() == Backend::Sqlite {
            // Free pages of the replaced data must not linger in the files.
            sqlx::query("vacuum").execute(self.pool()).await?;
            if reload_supporters {
                sqlx::query("vacuum supporters")
                    .execute(self.pool())
                    .await?;
            }
        }
        // What was erased or withdrawn after the backup was made stays so.
        summary.erasures_reapplied = self.reapply_erasures().await?;
        summary.withdrawals_reapplied = self.reapply_withdrawals().await?;
        summary.erasures_reapplied += self.reapply_supporter_erasures().await?;
        self.seal_legacy_text().await?;
        self.record(
            actor,
            vec![
                AuditEvent::new("backup.restore", "database", None, reason).detail(
                    serde_json::json!({ "rows": summary.rows, "files": summary.files,
                    "supporter_rows": summary.supporter_rows,
                    "supporters_left_as_is": summary.supporters_left_as_is,
                    "erasures_reapplied": summary.erasures_reapplied,
                    "withdrawals_reapplied": summary.withdrawals_reapplied }),
                ),
            ],
        )
        .await?;
        // The vacuum and the re-applied erasures went through the WAL; the restored copies of
        // erased people's digests must not stay there.
        summary.residue = self.scrub_database().await?;
        let head =
            sqlx::query_as::<_, crate::audit::Head>("select seq, mac from audit_head where id = 1")
                .fetch_one(self.pool())
                .await?;
        checkpoint::reset(
            &self.config().checkpoint_path(),
            self.ring(),
            head.seq,
            &head.mac,
        )?;
        Ok(summary)
    }

    /// Replaces the key store's keys with a key-store backup, in one transaction, then checks
    /// that the master key opens it. For disaster recovery. The tombstones and the withdrawal
    /// journal are merged, never replaced: the current ones stay, the backup's are added. Keys
    /// of every tombstoned owner are then destroyed again, so an erasure made after the copy
    /// holds as long as the current key store still knew of it.
    pub async fn restore_keystore(
        &self,
        op: Operator,
        input: &Path,
        reason: &str,
    ) -> Result<BackupSummary, StoreError> {
        let actor = Actor::from(op);
        let (_, lines) = self.read_backup(input, "keystore")?;
        let mut tx = self.keys().pool().begin().await?;
        for table in KEYSTORE_TABLES {
            if !KEYSTORE_MERGED.contains(table) {
                sqlx::query(&format!("delete from {table}"))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let rows = insert_lines(&mut tx, KEYSTORE_TABLES, KEYSTORE_MERGED, lines).await?;
        tx.commit().await?;
        self.keys().check_master_key(self.ring(), false).await?;
        let destroyed = self.keys().destroy_tombstoned().await?;
        let redestroyed = destroyed.existed;
        let mut residue = self.scrub_keys(destroyed).await?;
        if self.reapply_erasures().await? + self.reapply_supporter_erasures().await? > 0 {
            residue.merge(self.scrub_database().await?);
        }
        self.record(
            actor,
            vec![
                AuditEvent::new("keystore.restore", "keystore", None, reason).detail(
                    serde_json::json!({ "rows": rows, "keys_destroyed_again": redestroyed }),
                ),
            ],
        )
        .await?;
        Ok(BackupSummary {
            rows,
            tables: KEYSTORE_TABLES.len(),
            residue,
            ..Default::default()
        })
    }
}

/// Refuses a backup whose supporter store this Libertas cannot load as it is: none (format 1)
/// or another migration version. The messages say what the operator can do.
fn supporters_restorable(input: &Path, header: &super::BackupHeader) -> Result<(), StoreError> {
    let name = input.display();
    let ours = supporter_version();
    match header.supporter_version {
        Some(v) if v == ours => Ok(()),
        None => Err(StoreError::Config(format!(
            "{name} was made before backups held the supporter store (backup format {}), so \
             it holds no supporters. Restoring it would either lose today's supporters, who \
             exist nowhere else, or mix them into a database from another time; nothing was \
             changed. To restore the case database and keep the supporter store exactly as \
             it is now, run the restore again with --keep-supporters.",
            header.format
        ))),
        Some(v) => Err(StoreError::Config(format!(
            "{name} holds the supporter store at version {v}, and this Libertas loads only \
             version {ours}; nothing was changed. Restore it with the Libertas release that \
             made it, or run the restore again with --keep-supporters to restore the case \
             database and keep the supporter store exactly as it is now."
        ))),
    }
}

/// Writes the evidence files of a backup back under `dir`, each durable (written to a
/// temporary name, synced, renamed, directory synced) before the database rows that point at
/// them are committed. The id must be a UUID, so a damaged backup cannot write elsewhere.
fn write_evidence_files(dir: &Path, files: &[Line]) -> Result<u64, StoreError> {
    if files.is_empty() {
        return Ok(0);
    }
    crate::private_fs::private_dir(dir)?;
    let damaged = || StoreError::Config("the backup holds a damaged evidence file".into());
    for line in files {
        let id = line.c.first().ok_or_else(damaged)?;
        let id = uuid::Uuid::parse_str(id)
            .map_err(|_| damaged())?
            .to_string();
        let b64 = line
            .v
            .first()
            .and_then(|v| v.get("b64"))
            .and_then(Value::as_str)
            .ok_or_else(damaged)?;
        let data = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| damaged())?;
        let part = dir.join(format!("{id}.restore"));
        {
            let mut f = crate::private_fs::create(&part)?;
            f.write_all(&data)?;
            f.sync_all()?;
        }
        std::fs::rename(&part, dir.join(&id))?;
    }
    std::fs::File::open(dir)?.sync_all()?;
    Ok(files.len() as u64)
}

async fn apply_migration(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    m: &crate::migrations::Migration,
) -> Result<(), StoreError> {
    sqlx::raw_sql(&m.sql(backend)).execute(&mut **tx).await?;
    sqlx::query("insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)")
        .bind(m.version)
        .bind(m.name)
        .bind(clock::now_text())
        .execute(&mut **tx)
        .await?;
    Ok(())
}
