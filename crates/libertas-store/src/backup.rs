//! Encrypted, consistent, online backups of the main database, and restore.
//!
//! A backup is a logical dump of every table taken inside one read transaction (a snapshot on
//! both backends), written as JSON lines and encrypted with the master-derived backup key
//! using the STREAM construction (XChaCha20-Poly1305 in 64 KiB segments), which also detects a
//! truncated file. The master key and the key store are never part of it: a stolen backup is
//! useless without them, and erasing a person (destroying their key) makes their data in
//! every earlier backup unreadable.
//!
//! Sessions are not backed up: a restore signs everybody out.

use crate::audit::{checkpoint, Actor, AuditEvent};
use crate::db::{Backend, MAIN_MIGRATIONS};
use crate::justice::files::evidence_dir;
use crate::{clock, Store, StoreError};
use base64::Engine;
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::aead::KeyInit;
use chacha20poly1305::XChaCha20Poly1305;
use futures_util::TryStreamExt;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::any::AnyTypeInfoKind;
use sqlx::{Column, Executor, Row};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8] = b"LIBERTAS-BACKUP-1\n";
const SEGMENT: usize = 64 * 1024;

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
    "reports",
    "report_messages",
    "report_identifiers",
    "audit_events",
    "audit_head",
];

/// The newest migration's version. Migration numbers are reserved per change and may have
/// gaps while branches are apart, so this is the highest version, not the count.
fn schema_version() -> i64 {
    MAIN_MIGRATIONS.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Tables that exist but are not backed up; dropped and recreated empty on restore.
const TRANSIENT: &[&str] = &["sessions"];

/// The plaintext header: enough to refuse a wrong file, nothing about its content.
#[derive(Debug, Serialize, Deserialize)]
pub struct BackupHeader {
    pub format: u32,
    /// `database` or `keystore`.
    #[serde(default = "database_content")]
    pub content: String,
    pub created_at: String,
    pub schema_version: i64,
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
}

#[derive(Serialize, Deserialize)]
struct Line {
    t: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    c: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    v: Vec<Value>,
}

struct SealedWriter<W: Write> {
    out: W,
    enc: Option<EncryptorBE32<XChaCha20Poly1305>>,
    buf: Vec<u8>,
    bytes: u64,
}

impl<W: Write> SealedWriter<W> {
    fn push(&mut self, data: &[u8]) -> Result<(), StoreError> {
        self.buf.extend_from_slice(data);
        while self.buf.len() > SEGMENT {
            let rest = self.buf.split_off(SEGMENT);
            let seg = std::mem::replace(&mut self.buf, rest);
            let enc = self
                .enc
                .as_mut()
                .ok_or_else(|| StoreError::Internal("backup stream closed".into()))?;
            let ct = enc
                .encrypt_next(seg.as_slice())
                .map_err(|_| StoreError::Crypto("backup segment"))?;
            self.write_segment(&ct)?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<u64, StoreError> {
        let enc = self
            .enc
            .take()
            .ok_or_else(|| StoreError::Internal("backup stream closed".into()))?;
        let last = std::mem::take(&mut self.buf);
        let ct = enc
            .encrypt_last(last.as_slice())
            .map_err(|_| StoreError::Crypto("backup segment"))?;
        self.write_segment(&ct)?;
        self.out.flush()?;
        Ok(self.bytes)
    }

    fn write_segment(&mut self, ct: &[u8]) -> Result<(), StoreError> {
        self.out.write_all(&(ct.len() as u32).to_be_bytes())?;
        self.out.write_all(ct)?;
        self.bytes += ct.len() as u64 + 4;
        Ok(())
    }
}

fn encode_value(row: &sqlx::any::AnyRow, i: usize) -> Result<Value, StoreError> {
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return Ok(v.map(Value::from).unwrap_or(Value::Null));
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return Ok(v.map(Value::from).unwrap_or(Value::Null));
    }
    if let Ok(v) = row.try_get::<Option<Vec<u8>>, _>(i) {
        return Ok(v
            .map(|b| serde_json::json!({ "b64": base64::engine::general_purpose::STANDARD.encode(b) }))
            .unwrap_or(Value::Null));
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return Ok(v.map(Value::from).unwrap_or(Value::Null));
    }
    Err(StoreError::Internal(format!(
        "column {i} has a type backups do not handle"
    )))
}

impl Store {
    /// Writes an encrypted backup of the main database to `out` (a new file).
    pub async fn backup(
        &self,
        actor: Actor,
        out: &Path,
        reason: &str,
    ) -> Result<BackupSummary, StoreError> {
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
            TABLES,
            "database",
            out,
            Some(&evidence),
        )
        .await
    }

    /// Writes an encrypted copy of the key store to `out`. Kept apart from database backups,
    /// and pruned after the retention period so erasures become final there too.
    pub async fn keystore_backup(
        &self,
        actor: Actor,
        out: &Path,
        reason: &str,
    ) -> Result<BackupSummary, StoreError> {
        self.record(
            actor,
            vec![AuditEvent::new("keystore.backup", "keystore", None, reason)],
        )
        .await?;
        dump(
            self.keys().pool(),
            self.backend(),
            self.ring(),
            KEYSTORE_TABLES,
            "keystore",
            out,
            None,
        )
        .await
    }

    /// Replaces the main database's content with a backup, in one transaction. The current
    /// content is first saved as a backup under `<data dir>/backups/`.
    pub async fn restore(
        &self,
        actor: Actor,
        input: &Path,
        reason: &str,
    ) -> Result<BackupSummary, StoreError> {
        let (header, lines) = self.read_backup(input, "database")?;
        let (files, lines): (Vec<Line>, Vec<Line>) =
            lines.into_iter().partition(|l| l.t == EVIDENCE_FILE);
        let has_data = sqlx::query("select 1 from organisations limit 1")
            .fetch_optional(self.pool())
            .await?
            .is_some();
        let safety_copy = if has_data {
            let dir = self.config().data_dir.join("backups");
            std::fs::create_dir_all(&dir)?;
            let stamp = clock::now_text().replace([':', '.'], "-");
            let path = dir.join(format!("pre-restore-{stamp}.lbk"));
            self.backup(actor.clone(), &path, "automatic copy before restore")
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
        for table in schema_tables(&mut tx, self.backend()).await? {
            sqlx::query(&format!("drop table if exists {table}{cascade}"))
                .execute(&mut *tx)
                .await?;
        }
        if self.backend() == Backend::Postgres {
            sqlx::query("drop function if exists audit_events_append_only()")
                .execute(&mut *tx)
                .await?;
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
        summary.rows = insert_lines(&mut tx, TABLES, lines).await?;
        for m in &newer {
            apply_migration(&mut tx, self.backend(), m).await?;
        }
        tx.commit().await?;
        if self.backend() == Backend::Sqlite {
            // Free pages of the replaced data must not linger in the file.
            sqlx::query("vacuum").execute(self.pool()).await?;
        }
        self.reapply_erasures().await?;
        self.record(
            actor,
            vec![AuditEvent::new("backup.restore", "database", None, reason)
                .detail(serde_json::json!({ "rows": summary.rows, "files": summary.files }))],
        )
        .await?;
        let row = sqlx::query("select seq, mac from audit_head where id = 1")
            .fetch_one(self.pool())
            .await?;
        checkpoint::reset(
            &self.config().checkpoint_path(),
            self.ring(),
            row.try_get(0)?,
            &row.try_get::<String, _>(1)?,
        )?;
        Ok(summary)
    }

    /// Replaces the key store's content with a key-store backup, in one transaction, then
    /// checks that the master key opens it. For disaster recovery only: keys destroyed since
    /// the backup come back, so erasures made since then must be repeated (the database's
    /// audit trail lists them).
    pub async fn restore_keystore(
        &self,
        actor: Actor,
        input: &Path,
        reason: &str,
    ) -> Result<BackupSummary, StoreError> {
        let (_, lines) = self.read_backup(input, "keystore")?;
        let mut tx = self.keys().pool().begin().await?;
        for table in KEYSTORE_TABLES {
            sqlx::query(&format!("delete from {table}"))
                .execute(&mut *tx)
                .await?;
        }
        let rows = insert_lines(&mut tx, KEYSTORE_TABLES, lines).await?;
        tx.commit().await?;
        self.keys().check_master_key(self.ring(), false).await?;
        self.reapply_erasures().await?;
        self.record(
            actor,
            vec![
                AuditEvent::new("keystore.restore", "keystore", None, reason)
                    .detail(serde_json::json!({ "rows": rows })),
            ],
        )
        .await?;
        Ok(BackupSummary {
            rows,
            tables: KEYSTORE_TABLES.len(),
            ..Default::default()
        })
    }

    fn read_backup(
        &self,
        input: &Path,
        content: &str,
    ) -> Result<(BackupHeader, Vec<Line>), StoreError> {
        let name = input.display().to_string();
        let damaged = |why: &str| StoreError::Config(format!("{name}: {why}"));
        let mut file = std::io::BufReader::new(std::fs::File::open(input)?);
        let mut magic = vec![0u8; MAGIC.len()];
        file.read_exact(&mut magic)
            .map_err(|_| damaged("not a Libertas backup"))?;
        if magic != MAGIC {
            return Err(damaged("not a Libertas backup"));
        }
        let mut header_line = vec![];
        loop {
            let mut b = [0u8; 1];
            file.read_exact(&mut b)
                .map_err(|_| damaged("the header is cut off"))?;
            if b[0] == b'\n' {
                break;
            }
            header_line.push(b[0]);
            if header_line.len() > 4096 {
                return Err(damaged("the header is damaged"));
            }
        }
        let header: BackupHeader =
            serde_json::from_slice(&header_line).map_err(|_| damaged("the header is damaged"))?;
        if header.content != content {
            return Err(damaged(&format!(
                "it is a {} backup, not a {content} backup",
                header.content
            )));
        }
        if content == "database" && header.schema_version > schema_version() {
            return Err(damaged(&format!(
                "it was made by a newer Libertas (schema version {}; this one has {})",
                header.schema_version,
                schema_version()
            )));
        }
        let nonce = hex::decode(&header.nonce).map_err(|_| damaged("the header is damaged"))?;
        if nonce.len() != 19 {
            return Err(damaged("the header is damaged"));
        }
        let cipher = XChaCha20Poly1305::new(self.ring().backup.bytes().into());
        let mut dec = DecryptorBE32::from_aead(cipher, nonce.as_slice().into());
        let undecryptable = || {
            damaged("cannot be decrypted: it was made with another master key, or it is damaged or cut off")
        };
        let mut body = vec![];
        file.read_to_end(&mut body)?;
        let mut plain = Vec::with_capacity(body.len());
        let mut at = 0usize;
        loop {
            let len_bytes: [u8; 4] = body
                .get(at..at + 4)
                .and_then(|b| b.try_into().ok())
                .ok_or_else(undecryptable)?;
            let len = u32::from_be_bytes(len_bytes) as usize;
            let seg = body.get(at + 4..at + 4 + len).ok_or_else(undecryptable)?;
            at += 4 + len;
            if at == body.len() {
                plain.extend_from_slice(&dec.decrypt_last(seg).map_err(|_| undecryptable())?);
                break;
            }
            plain.extend_from_slice(&dec.decrypt_next(seg).map_err(|_| undecryptable())?);
        }
        let lines = plain
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice::<Line>(l).map_err(|_| damaged("a record is damaged")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((header, lines))
    }
}

/// The key store's tables.
const KEYSTORE_TABLES: &[&str] = &["data_keys", "erasures", "keystore_meta"];

async fn dump(
    pool: &sqlx::AnyPool,
    backend: Backend,
    ring: &crate::crypto::Keyring,
    tables: &[&str],
    content: &str,
    out: &Path,
    evidence: Option<&Path>,
) -> Result<BackupSummary, StoreError> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)?;
    let mut nonce = [0u8; 19];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let header = BackupHeader {
        format: 1,
        content: content.to_owned(),
        created_at: clock::now_text(),
        schema_version: schema_version(),
        nonce: hex::encode(nonce),
    };
    let mut w = std::io::BufWriter::new(file);
    w.write_all(MAGIC)?;
    w.write_all(&serde_json::to_vec(&header).map_err(|e| StoreError::Internal(e.to_string()))?)?;
    w.write_all(b"\n")?;
    let cipher = XChaCha20Poly1305::new(ring.backup.bytes().into());
    let mut sw = SealedWriter {
        out: w,
        enc: Some(EncryptorBE32::from_aead(cipher, nonce.as_slice().into())),
        buf: Vec::with_capacity(SEGMENT * 2),
        bytes: 0,
    };
    let mut summary = BackupSummary {
        tables: tables.len(),
        ..Default::default()
    };
    let mut tx = pool.begin().await?;
    if backend == Backend::Postgres {
        sqlx::query("set transaction isolation level repeatable read, read only")
            .execute(&mut *tx)
            .await?;
    }
    for table in tables {
        let sql = format!("select * from {table}");
        let mut rows = sqlx::query(&sql).fetch(&mut *tx);
        let mut first = true;
        while let Some(row) = rows.try_next().await? {
            let mut line = Line {
                t: (*table).to_owned(),
                c: vec![],
                v: vec![],
            };
            if first {
                line.c = row.columns().iter().map(|c| c.name().to_owned()).collect();
                first = false;
            }
            line.v = (0..row.columns().len())
                .map(|i| encode_value(&row, i))
                .collect::<Result<_, _>>()?;
            let mut bytes =
                serde_json::to_vec(&line).map_err(|e| StoreError::Internal(e.to_string()))?;
            bytes.push(b'\n');
            sw.push(&bytes)?;
            summary.rows += 1;
        }
    }
    // The evidence files of the rows just written, in the same snapshot, as stored (already
    // encrypted under their case key; the backup stream encrypts them once more).
    if let Some(dir) = evidence {
        let ids: Vec<String> = sqlx::query_scalar("select id from evidence order by id")
            .fetch_all(&mut *tx)
            .await?;
        for id in ids {
            let data = match std::fs::read(dir.join(&id)) {
                Ok(d) => d,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    summary.files_missing += 1;
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            let line = Line {
                t: EVIDENCE_FILE.to_owned(),
                c: vec![id],
                v: vec![serde_json::json!({
                    "b64": base64::engine::general_purpose::STANDARD.encode(&data)
                })],
            };
            let mut bytes =
                serde_json::to_vec(&line).map_err(|e| StoreError::Internal(e.to_string()))?;
            bytes.push(b'\n');
            sw.push(&bytes)?;
            summary.files += 1;
        }
    }
    drop(tx);
    summary.bytes = sw.finish()?;
    Ok(summary)
}

/// The line kind of an evidence file in a database backup (not a table name: tables are
/// lower-case identifiers).
const EVIDENCE_FILE: &str = "@evidence";

/// Writes the evidence files of a backup back under `dir`, each durable (written to a
/// temporary name, synced, renamed, directory synced) before the database rows that point at
/// them are committed. The id must be a UUID, so a damaged backup cannot write elsewhere.
fn write_evidence_files(dir: &Path, files: &[Line]) -> Result<u64, StoreError> {
    if files.is_empty() {
        return Ok(0);
    }
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
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
            let mut f = std::fs::File::create(&part)?;
            f.write_all(&data)?;
            f.sync_all()?;
        }
        std::fs::rename(&part, dir.join(&id))?;
    }
    std::fs::File::open(dir)?.sync_all()?;
    Ok(files.len() as u64)
}

/// Inserts backup lines (column header, then rows, per table) inside `tx`.
async fn insert_lines(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    tables: &[&str],
    lines: Vec<Line>,
) -> Result<u64, StoreError> {
    let mut rows = 0u64;
    let mut columns: Option<(String, String, Vec<AnyTypeInfoKind>)> = None;
    for line in lines {
        if !tables.contains(&line.t.as_str()) {
            return Err(StoreError::Config(format!(
                "the backup holds an unknown table {}",
                line.t
            )));
        }
        if !line.c.is_empty() {
            // Plain lower-case SQL identifiers only (`sha256` has digits), never quoted names.
            let ok = line.c.iter().all(|c| {
                c.starts_with(|ch: char| ch.is_ascii_lowercase())
                    && c.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
            });
            if !ok {
                return Err(StoreError::Config(
                    "the backup names an invalid column".into(),
                ));
            }
            let placeholders: Vec<String> = (1..=line.c.len()).map(|i| format!("${i}")).collect();
            // NULLs must be bound with the column's type (PostgreSQL will not cast text to bytea).
            let described = (&mut **tx)
                .describe(&format!("select {} from {}", line.c.join(", "), line.t))
                .await?;
            let kinds = described
                .columns()
                .iter()
                .map(|c| c.type_info().kind())
                .collect();
            columns = Some((
                line.t.clone(),
                format!(
                    "insert into {} ({}) values ({})",
                    line.t,
                    line.c.join(", "),
                    placeholders.join(", ")
                ),
                kinds,
            ));
        }
        let Some((table, sql, kinds)) = &columns else {
            return Err(StoreError::Config(
                "the backup is damaged (rows before their columns)".into(),
            ));
        };
        if *table != line.t {
            return Err(StoreError::Config(
                "the backup is damaged (rows of one table under another)".into(),
            ));
        }
        let mut q = sqlx::query(sql);
        for (i, v) in line.v.into_iter().enumerate() {
            q = match v {
                Value::Null => match kinds.get(i) {
                    Some(AnyTypeInfoKind::Blob) => q.bind(Option::<Vec<u8>>::None),
                    Some(
                        AnyTypeInfoKind::BigInt
                        | AnyTypeInfoKind::Integer
                        | AnyTypeInfoKind::SmallInt,
                    ) => q.bind(Option::<i64>::None),
                    _ => q.bind(Option::<String>::None),
                },
                Value::Number(n) => q.bind(n.as_i64().ok_or_else(|| {
                    StoreError::Config("the backup holds a non-integer number".into())
                })?),
                Value::String(s) => q.bind(s),
                Value::Object(o) => {
                    let b64 = o.get("b64").and_then(Value::as_str).unwrap_or_default();
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .map_err(|_| {
                            StoreError::Config("the backup holds a damaged blob".into())
                        })?;
                    q.bind(bytes)
                }
                _ => {
                    return Err(StoreError::Config(
                        "the backup holds an unexpected value".into(),
                    ))
                }
            };
        }
        q.execute(&mut **tx).await?;
        rows += 1;
    }
    Ok(rows)
}

async fn apply_migration(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    m: &crate::db::Migration,
) -> Result<(), StoreError> {
    let sql = match backend {
        Backend::Sqlite => m.sqlite,
        Backend::Postgres => m.postgres,
    };
    sqlx::raw_sql(sql).execute(&mut **tx).await?;
    sqlx::query("insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)")
        .bind(m.version)
        .bind(m.name)
        .bind(clock::now_text())
        .execute(&mut **tx)
        .await?;
    Ok(())
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
    let rows = sqlx::query(sql).fetch_all(&mut **tx).await?;
    let mut out = vec![];
    for r in rows {
        let name: String = r.try_get(0)?;
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

impl Store {
    /// Tables present in the database that backups would not carry (a new table someone forgot
    /// to add to the backup list). Empty when all is well; tested.
    pub async fn tables_missing_from_backups(&self) -> Result<Vec<String>, StoreError> {
        let mut tx = self.pool().begin().await?;
        let all = schema_tables(&mut tx, self.backend()).await?;
        drop(tx);
        Ok(all
            .into_iter()
            .filter(|t| {
                !TABLES.contains(&t.as_str())
                    && !TRANSIENT.contains(&t.as_str())
                    && t != "schema_migrations"
            })
            .collect())
    }
}
