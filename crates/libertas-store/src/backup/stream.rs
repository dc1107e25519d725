//! The backup file format: a plaintext header line, then JSON lines encrypted with the
//! backup key in the STREAM construction (XChaCha20-Poly1305, 64 KiB segments, so a cut or
//! reordered file fails to decrypt); writing a consistent dump (`load.rs` puts one back).

use super::{BackupHeader, BackupSummary, EVIDENCE_FILE};
use crate::db::Backend;
use crate::{clock, Store, StoreError};
use base64::Engine;
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::aead::KeyInit;
use chacha20poly1305::XChaCha20Poly1305;
use futures_util::TryStreamExt;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::{Column, Row};
use std::io::{Read, Write};
use std::path::Path;

const MAGIC: &[u8] = b"LIBERTAS-BACKUP-1\n";
const SEGMENT: usize = 64 * 1024;

#[derive(Serialize, Deserialize)]
pub(super) struct Line {
    pub t: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub c: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub v: Vec<Value>,
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
    pub(super) fn read_backup(
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
        if header.format > super::FORMAT {
            return Err(damaged(&format!(
                "it was made by a newer Libertas (backup format {}; this one reads up to {})",
                header.format,
                super::FORMAT
            )));
        }
        if content == "database" && header.schema_version > super::schema_version() {
            return Err(damaged(&format!(
                "it was made by a newer Libertas (schema version {}; this one has {})",
                header.schema_version,
                super::schema_version()
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

/// What a dump holds.
pub(super) enum Content<'a> {
    /// The main database, the supporter store and the evidence files under `evidence`.
    Database { evidence: &'a Path },
    /// The key store.
    Keystore,
    /// A database backup as format 1 wrote it (main database only, no supporter version in
    /// the header), for the tests of restoring such a file.
    #[cfg(feature = "testing")]
    Format1 { evidence: &'a Path },
}

pub(super) async fn dump(
    pool: &sqlx::AnyPool,
    backend: Backend,
    ring: &crate::crypto::Keyring,
    content: Content<'_>,
    out: &Path,
) -> Result<BackupSummary, StoreError> {
    let (name, tables, format, supporter_version, evidence): (_, Vec<&str>, _, _, _) = match content
    {
        Content::Database { evidence } => (
            "database",
            super::TABLES
                .iter()
                .chain(super::SUPPORTER_TABLES)
                .copied()
                .collect(),
            super::FORMAT,
            Some(super::supporter_version()),
            Some(evidence),
        ),
        Content::Keystore => ("keystore", super::KEYSTORE_TABLES.to_vec(), 1, None, None),
        #[cfg(feature = "testing")]
        Content::Format1 { evidence } => {
            ("database", super::TABLES.to_vec(), 1, None, Some(evidence))
        }
    };
    let file = crate::private_fs::create_new(out)?;
    let mut nonce = [0u8; 19];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let header = BackupHeader {
        format,
        content: name.to_owned(),
        created_at: clock::now_text(),
        schema_version: super::schema_version(),
        supporter_version,
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
    // The main database and the supporter store as of one instant (`snapshot.rs`).
    let mut tx = match evidence {
        Some(_) => super::snapshot::begin(pool, backend).await?,
        None => {
            let mut tx = pool.begin().await?;
            if backend == Backend::Postgres {
                sqlx::query("set transaction isolation level repeatable read, read only")
                    .execute(&mut *tx)
                    .await?;
            }
            tx
        }
    };
    for table in &tables {
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
            if super::SUPPORTER_TABLES.contains(table) {
                summary.supporter_rows += 1;
            }
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
