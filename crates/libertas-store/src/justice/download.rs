//! Reading evidence files back: the download and the verification.
//!
//! Files are read one segment at a time ([`EvidenceReader`]), so memory does not grow with the
//! file. A download is verified whole first (every segment authentic, SHA-256 equal to the
//! intake hash) and only then streamed, so a damaged file is a 409 before any byte is sent.

use super::evidence::{EvidenceView, VerifyReport};
use super::files::evidence_dir;
use super::stream::{EvidenceReader, OpenFail};
use crate::audit::AuditEvent;
use crate::keystore::OwnerKind;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::evidence::{EvidenceId, VerifyOutcome};
use sha2::{Digest, Sha256};

impl Store {
    /// The file, for download, as a reader that decrypts it one segment at a time. Before
    /// anything is returned the whole file is read once: every segment must authenticate and
    /// the SHA-256 must equal the intake hash, else `Conflict` (run `verify` to record it),
    /// never a 500 and never a partial file. The download is audited before the reader is
    /// returned. (If the file changes after that first pass, the reader fails at the altered
    /// segment; see [`EvidenceReader`].)
    pub async fn evidence_file(
        &self,
        p: &Principal,
        case: CaseId,
        id: EvidenceId,
        reason: &str,
    ) -> Result<(EvidenceView, EvidenceReader), StoreError> {
        self.check_member(p, case).await?;
        let (view, version) = self.load_evidence(case, id).await?;
        let failed = || StoreError::Conflict("the stored file fails verification");
        match self.hash_evidence_file(case, id, version).await? {
            Ok(h) if h == view.sha256 => {}
            _ => return Err(failed()),
        }
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "evidence.download",
                "evidence",
                Some(id.to_string()),
                reason,
            )
            .detail(serde_json::json!({ "case_id": case.to_string() }))],
        )
        .await?;
        let reader = self
            .open_evidence_file(case, id, version)
            .await?
            .map_err(|_| failed())?;
        Ok((view, reader))
    }

    /// Decrypts and re-hashes the stored file, compares it with the intake hash and records
    /// the outcome in the custody log and the audit trail (one transaction).
    pub async fn verify_evidence(
        &self,
        p: &Principal,
        case: CaseId,
        id: EvidenceId,
        reason: &str,
    ) -> Result<VerifyReport, StoreError> {
        self.check_member(p, case).await?;
        let (view, version) = self.load_evidence(case, id).await?;
        let actual = self.hash_evidence_file(case, id, version).await?;
        let outcome = match &actual {
            Ok(h) if *h == view.sha256 => VerifyOutcome::Ok,
            Ok(_) => VerifyOutcome::Mismatch,
            Err(o) => *o,
        };
        let custody = self
            .record_verification(p, case, id, outcome, reason)
            .await?;
        Ok(VerifyReport {
            outcome,
            expected_sha256: view.sha256,
            actual_sha256: actual.ok(),
            custody,
        })
    }

    /// Opens the stored file for reading: `Err(outcome)` when it is missing or unreadable.
    async fn open_evidence_file(
        &self,
        case: CaseId,
        id: EvidenceId,
        version: u32,
    ) -> Result<Result<EvidenceReader, VerifyOutcome>, StoreError> {
        let path = evidence_dir(&self.config().data_dir).join(id.to_string());
        let Some(key) = self
            .keys()
            .get(self.ring(), OwnerKind::Case, &case.to_string(), version)
            .await?
        else {
            return Ok(Err(VerifyOutcome::Unreadable));
        };
        Ok(EvidenceReader::open(&path, &id.to_string(), &key)
            .await
            .map_err(|e| match e {
                OpenFail::Missing => VerifyOutcome::Missing,
                OpenFail::Unreadable => VerifyOutcome::Unreadable,
            }))
    }

    /// The SHA-256 (hex) of the stored file's plaintext, read one segment at a time:
    /// `Err(outcome)` when it is missing or any segment fails authentication.
    async fn hash_evidence_file(
        &self,
        case: CaseId,
        id: EvidenceId,
        version: u32,
    ) -> Result<Result<String, VerifyOutcome>, StoreError> {
        let mut reader = match self.open_evidence_file(case, id, version).await? {
            Ok(r) => r,
            Err(o) => return Ok(Err(o)),
        };
        let mut hash = Sha256::new();
        loop {
            match reader.next_segment().await {
                Ok(Some(segment)) => hash.update(segment.as_slice()),
                Ok(None) => return Ok(Ok(hex::encode(hash.finalize()))),
                Err(_) => return Ok(Err(VerifyOutcome::Unreadable)),
            }
        }
    }
}
