//! Evidence files: intake, listing, download and verification.
//!
//! File names and descriptions are narrative (sealed under the case key, like notes); the
//! media type, size and SHA-256 of the plaintext are stored plain, because the hash identifies
//! a file, not a person, and must be shown and compared with copies held by others.
//!
//! Active content is refused unless the uploader marks it ([`Store::finish_evidence`]).
//! Reading files back (download, verify) is in `download`.

use super::custody::CustodyView;
use super::files::{evidence_dir, EvidenceUpload};
use crate::audit::AuditEvent;
use crate::crypto::{seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{CaseId, UserId};
use libertas_domain::justice::evidence::{
    CustodyEvent, EvidenceDescription, EvidenceId, EvidenceType, FileName, VerifyOutcome,
};
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

/// An evidence file's record as members of its case see it.
#[derive(Clone, Debug, Serialize)]
pub struct EvidenceView {
    pub id: EvidenceId,
    pub case_id: CaseId,
    pub file_name: String,
    pub description: String,
    pub media_type: EvidenceType,
    pub size_bytes: u64,
    pub sha256: String,
    pub uploaded_by: UserId,
    pub uploader: String,
    pub created_at: String,
}

/// What a verification found; `custody` is the log entry that records it.
#[derive(Clone, Debug, Serialize)]
pub struct VerifyReport {
    pub outcome: VerifyOutcome,
    pub expected_sha256: String,
    /// The hash of the stored file now, when it could be decrypted.
    pub actual_sha256: Option<String>,
    pub custody: CustodyView,
}

const SELECT: &str = "select e.id, e.file_name, e.description, e.media_type, e.size_bytes,
     e.sha256, e.uploaded_by, u.username, e.created_at, e.key_version
     from evidence e join users u on u.id = e.uploaded_by";

/// A row of [`SELECT`], names sealed.
#[derive(FromRow)]
struct EvidenceRow {
    id: String,
    file_name: Vec<u8>,
    description: Vec<u8>,
    media_type: String,
    size_bytes: i64,
    sha256: String,
    uploaded_by: String,
    username: String,
    created_at: String,
    key_version: i64,
}

pub(crate) fn seal(
    key: &crate::crypto::DataKey,
    table: &str,
    column: &str,
    row: &str,
    v: &str,
) -> Vec<u8> {
    seal_field(key, 1, FieldRef { table, column, row }, v.as_bytes())
}

/// What the store learnt of an uploaded file before writing its row.
struct StoredFile<'a> {
    kind: EvidenceType,
    sha: &'a str,
    name: &'a FileName,
    description: &'a EvidenceDescription,
}

impl Store {
    /// Starts an upload to `case` (members only). Stream the file into the returned value with
    /// `push`, then hand it to [`Store::finish_evidence`].
    pub async fn begin_evidence(
        &self,
        p: &Principal,
        case: CaseId,
    ) -> Result<EvidenceUpload, StoreError> {
        self.check_member(p, case).await?;
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Case, &case.to_string(), 1)
            .await?
            .ok_or(StoreError::Crypto("case key missing"))?;
        let id = EvidenceId::from_uuid(Uuid::now_v7());
        let dir = evidence_dir(&self.config().data_dir);
        EvidenceUpload::create(&dir, id, case, &key, 1).await
    }

    /// Makes an upload durable, then records it with its first custody entry (intake) and an
    /// audit event in one transaction. A refused upload leaves no file behind. Active content
    /// (markup, scripts, a PDF with JavaScript) is refused naming `file` unless the uploader
    /// marked it as active content (`active_marked`); then it is kept as
    /// [`EvidenceType::Active`].
    pub async fn finish_evidence(
        &self,
        p: &Principal,
        mut up: EvidenceUpload,
        name: &FileName,
        description: &EvidenceDescription,
        active_marked: bool,
        reason: &str,
    ) -> Result<EvidenceView, StoreError> {
        let sniffed = up.sniffed().ok_or_else(|| {
            FieldError::new("file", "this type of file is not accepted as evidence")
        })?;
        let kind = match up.active() {
            None => sniffed,
            Some(_) if active_marked => EvidenceType::Active,
            Some(found) => {
                return Err(FieldError::new(
                    "file",
                    format!(
                        "the file holds active content ({}); mark the upload as active content \
                         (active_content=true) to keep it as it is",
                        found.describe()
                    ),
                )
                .into())
            }
        };
        self.check_member(p, up.case).await?;
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Case, &up.case.to_string(), 1)
            .await?
            .ok_or(StoreError::Crypto("case key missing"))?;
        let sha = up.complete().await?;
        let result = self
            .insert_evidence(
                p,
                &up,
                &key,
                StoredFile {
                    kind,
                    sha: &sha,
                    name,
                    description,
                },
                reason,
            )
            .await;
        if result.is_err() {
            let _ = tokio::fs::remove_file(&up.path).await;
        }
        result
    }

    async fn insert_evidence(
        &self,
        p: &Principal,
        up: &EvidenceUpload,
        key: &crate::crypto::DataKey,
        file: StoredFile<'_>,
        reason: &str,
    ) -> Result<EvidenceView, StoreError> {
        let StoredFile {
            kind,
            sha,
            name,
            description,
        } = file;
        let eid = up.id.to_string();
        let cid = up.case.to_string();
        let custody_id = Uuid::now_v7().to_string();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into evidence (id, case_id, file_name, description, media_type, size_bytes,
             sha256, key_version, uploaded_by, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&eid)
        .bind(&cid)
        .bind(seal(key, "evidence", "file_name", &eid, name.as_str()))
        .bind(seal(
            key,
            "evidence",
            "description",
            &eid,
            description.as_str(),
        ))
        .bind(kind.as_str())
        .bind(up.size() as i64)
        .bind(sha)
        .bind(i64::from(up.key_version))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        sqlx::query(
            "insert into evidence_custody (id, evidence_id, event, received_by, occurred_at,
             recorded_by, recorded_at) values ($1, $2, $3, $4, $5, $4, $5)",
        )
        .bind(&custody_id)
        .bind(&eid)
        .bind(CustodyEvent::Intake.as_str())
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("evidence.create", "evidence", Some(eid), reason).detail(
                serde_json::json!({ "case_id": cid, "type": kind.as_str(), "size": up.size() }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(EvidenceView {
            id: up.id,
            case_id: up.case,
            file_name: name.as_str().to_owned(),
            description: description.as_str().to_owned(),
            media_type: kind,
            size_bytes: up.size(),
            sha256: sha.to_owned(),
            uploaded_by: p.user_id,
            uploader: p.username.clone(),
            created_at: now,
        })
    }

    /// A case's evidence, oldest first; the listing is audited.
    pub async fn list_evidence(
        &self,
        p: &Principal,
        case: CaseId,
        reason: &str,
    ) -> Result<Vec<EvidenceView>, StoreError> {
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let sql = format!("{SELECT} where e.case_id = $1 order by e.created_at, e.id");
        let rows = sqlx::query(&sql).bind(&cid).fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.evidence_from_row(case, r).await?.0);
        }
        self.record(
            p.into(),
            vec![AuditEvent::new("evidence.list", "case", Some(cid), reason)
                .detail(serde_json::json!({ "count": out.len() }))],
        )
        .await?;
        Ok(out)
    }

    /// One evidence record of `case` with its custody log; the read is audited.
    pub async fn get_evidence(
        &self,
        p: &Principal,
        case: CaseId,
        id: EvidenceId,
        reason: &str,
    ) -> Result<(EvidenceView, Vec<CustodyView>), StoreError> {
        self.check_member(p, case).await?;
        let (view, _) = self.load_evidence(case, id).await?;
        let log = self.custody_entries(case, id).await?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("evidence.read", "evidence", Some(id.to_string()), reason)
                    .detail(serde_json::json!({ "case_id": case.to_string() })),
            ],
        )
        .await?;
        Ok((view, log))
    }

    /// The record of `id`, which must belong to `case` (else `NotFound`), and its key version.
    pub(crate) async fn load_evidence(
        &self,
        case: CaseId,
        id: EvidenceId,
    ) -> Result<(EvidenceView, u32), StoreError> {
        let sql = format!("{SELECT} where e.id = $1 and e.case_id = $2");
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .bind(case.to_string())
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        self.evidence_from_row(case, &row).await
    }

    async fn evidence_from_row(
        &self,
        case: CaseId,
        r: &sqlx::any::AnyRow,
    ) -> Result<(EvidenceView, u32), StoreError> {
        let bad = |w: &str| StoreError::Internal(format!("bad evidence {w}"));
        let cid = case.to_string();
        let r = EvidenceRow::from_row(r)?;
        let (id, name, desc) = (r.id, r.file_name, r.description);
        let (kind, size, by, version) = (r.media_type, r.size_bytes, r.uploaded_by, r.key_version);
        let file_name = self
            .open_case_field(&cid, "evidence", "file_name", &id, &name)
            .await?;
        let description = self
            .open_case_field(&cid, "evidence", "description", &id, &desc)
            .await?;
        let view = EvidenceView {
            id: id.parse().map_err(|_| bad("id"))?,
            case_id: case,
            file_name: file_name.unwrap_or_default(),
            description: description.unwrap_or_default(),
            media_type: EvidenceType::parse(&kind).map_err(|_| bad("type"))?,
            size_bytes: u64::try_from(size).map_err(|_| bad("size"))?,
            sha256: r.sha256,
            uploaded_by: by.parse().map_err(|_| bad("uploader"))?,
            uploader: r.username,
            created_at: r.created_at,
        };
        Ok((
            view,
            u32::try_from(version).map_err(|_| bad("key version"))?,
        ))
    }
}
