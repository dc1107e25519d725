//! Evidence files on disk: encrypted while they stream in, never written in plaintext.
//!
//! Layout of `<data_dir>/evidence/<id>`: `LBEVID1\n | key_version (u32 BE) | nonce (19
//! bytes)`, then segments `length (u32 BE) | ciphertext+tag`. Each segment holds 64 KiB of
//! plaintext, sealed with XChaCha20-Poly1305 in the STREAM construction (big-endian 32-bit
//! counter, last-segment flag), so segments cannot be reordered, dropped or the file cut short
//! without failing to open. The associated data names the evidence id and key version, so a
//! file copied over another evidence file fails to open.
//!
//! Crash safety: the upload is written to `<id>.part`, fsynced, renamed to `<id>` and the
//! directory fsynced *before* the database row commits. A crash before the commit leaves an
//! encrypted orphan file without a row (harmless, and removable by hand); a committed row
//! never points at a missing or half-written file.

use crate::crypto::DataKey;
use crate::StoreError;
#[cfg(test)]
use chacha20poly1305::aead::stream::DecryptorBE32;
use chacha20poly1305::aead::stream::EncryptorBE32;
use chacha20poly1305::aead::{KeyInit, Payload};
use chacha20poly1305::XChaCha20Poly1305;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::active::{ActiveKind, ActiveScan};
use libertas_domain::justice::evidence::{EvidenceId, EvidenceType, SNIFF_LEN};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;
use zeroize::Zeroizing;

pub(super) const MAGIC: &[u8; 8] = b"LBEVID1\n";
const NONCE_LEN: usize = 19;
pub(super) const HEADER_LEN: usize = MAGIC.len() + 4 + NONCE_LEN;
/// Plaintext bytes per segment.
pub(super) const SEGMENT: usize = 64 * 1024;

/// The folder of encrypted evidence files inside the data directory.
pub(crate) fn evidence_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("evidence")
}

/// Associated data of every segment: binds the file to its evidence row and key version.
pub(super) fn associated_data(id: &str, key_version: u32) -> Vec<u8> {
    let mut ad = Vec::with_capacity(64);
    for part in [b"libertas/v1/evidence".as_slice(), id.as_bytes()] {
        ad.extend_from_slice(&(part.len() as u32).to_be_bytes());
        ad.extend_from_slice(part);
    }
    ad.extend_from_slice(&key_version.to_be_bytes());
    ad
}

/// An upload in progress: hashes the plaintext, scans it for active content and encrypts it
/// to a `.part` file as chunks arrive. Dropping it before
/// [`Store::finish_evidence`](crate::Store::finish_evidence) deletes the partial file.
pub struct EvidenceUpload {
    pub(crate) id: EvidenceId,
    pub(crate) case: CaseId,
    pub(crate) key_version: u32,
    enc: Option<EncryptorBE32<XChaCha20Poly1305>>,
    aad: Vec<u8>,
    buf: Vec<u8>,
    hash: Sha256,
    head: Vec<u8>,
    scan: ActiveScan,
    size: u64,
    file: Option<tokio::fs::File>,
    part: PathBuf,
    pub(crate) path: PathBuf,
    renamed: bool,
}

impl EvidenceUpload {
    pub(crate) async fn create(
        dir: &Path,
        id: EvidenceId,
        case: CaseId,
        key: &DataKey,
        key_version: u32,
    ) -> Result<Self, StoreError> {
        create_private_dir(dir).await?;
        let sid = id.to_string();
        let part = dir.join(format!("{sid}.part"));
        let path = dir.join(&sid);
        let mut file = tokio::fs::File::from_std(crate::private_fs::create_new(&part)?);
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&key_version.to_be_bytes());
        header.extend_from_slice(&nonce);
        file.write_all(&header).await?;
        let cipher = XChaCha20Poly1305::new(key.bytes().into());
        Ok(Self {
            id,
            case,
            key_version,
            enc: Some(EncryptorBE32::from_aead(cipher, nonce.as_slice().into())),
            aad: associated_data(&sid, key_version),
            buf: Vec::with_capacity(SEGMENT * 2),
            hash: Sha256::new(),
            head: Vec::with_capacity(SNIFF_LEN),
            scan: ActiveScan::new(),
            size: 0,
            file: Some(file),
            part,
            path,
            renamed: false,
        })
    }

    /// The evidence id the finished file will have.
    pub fn id(&self) -> EvidenceId {
        self.id
    }

    /// Plaintext bytes received so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The file type recognised from the first bytes received so far.
    pub fn sniffed(&self) -> Option<EvidenceType> {
        EvidenceType::sniff(&self.head)
    }

    /// The active content found in what was received so far, for the type it sniffs as.
    pub fn active(&self) -> Option<ActiveKind> {
        self.scan.verdict(self.sniffed()?, &self.head)
    }

    /// Takes the next chunk of plaintext: hashed, scanned, then encrypted a segment at a time.
    pub async fn push(&mut self, data: &[u8]) -> Result<(), StoreError> {
        self.hash.update(data);
        self.scan.push(data);
        self.size += data.len() as u64;
        let room = SNIFF_LEN.saturating_sub(self.head.len()).min(data.len());
        self.head.extend_from_slice(&data[..room]);
        self.buf.extend_from_slice(data);
        while self.buf.len() > SEGMENT {
            let rest = self.buf.split_off(SEGMENT);
            let seg = Zeroizing::new(std::mem::replace(&mut self.buf, rest));
            let enc = self
                .enc
                .as_mut()
                .ok_or(StoreError::Crypto("evidence stream closed"))?;
            let ct = enc
                .encrypt_next(Payload {
                    msg: seg.as_slice(),
                    aad: &self.aad,
                })
                .map_err(|_| StoreError::Crypto("evidence segment"))?;
            self.write_segment(&ct).await?;
        }
        Ok(())
    }

    async fn write_segment(&mut self, ct: &[u8]) -> Result<(), StoreError> {
        let file = self
            .file
            .as_mut()
            .ok_or(StoreError::Crypto("evidence stream closed"))?;
        file.write_all(&(ct.len() as u32).to_be_bytes()).await?;
        file.write_all(ct).await?;
        Ok(())
    }

    /// Seals the last segment, makes the file durable under its final name and returns the
    /// plaintext's SHA-256 (hex).
    pub(crate) async fn complete(&mut self) -> Result<String, StoreError> {
        let enc = self
            .enc
            .take()
            .ok_or(StoreError::Crypto("evidence stream closed"))?;
        let last = Zeroizing::new(std::mem::take(&mut self.buf));
        let ct = enc
            .encrypt_last(Payload {
                msg: last.as_slice(),
                aad: &self.aad,
            })
            .map_err(|_| StoreError::Crypto("evidence segment"))?;
        self.write_segment(&ct).await?;
        let mut file = self
            .file
            .take()
            .ok_or(StoreError::Crypto("evidence stream closed"))?;
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&self.part, &self.path).await?;
        self.renamed = true;
        if let Some(dir) = self.path.parent() {
            tokio::fs::File::open(dir).await?.sync_all().await?;
        }
        Ok(hex::encode(self.hash.clone().finalize()))
    }
}

impl Drop for EvidenceUpload {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.part);
        }
    }
}

/// The evidence folder, mode 0700 (files in it are 0600: `private_fs`).
async fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let dir = dir.to_owned();
    tokio::task::spawn_blocking(move || crate::private_fs::private_dir(&dir))
        .await
        .map_err(|e| StoreError::Internal(e.to_string()))??;
    Ok(())
}

/// Decrypts a whole stored evidence file in memory (tests only: the store reads files back
/// one segment at a time, see `stream`); `None` if any byte was changed, the file was cut
/// short or it belongs to another evidence id or key.
#[cfg(test)]
fn decrypt(key: &DataKey, id: &str, data: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if data.len() < HEADER_LEN || &data[..MAGIC.len()] != MAGIC {
        return None;
    }
    let v = data.get(MAGIC.len()..MAGIC.len() + 4)?;
    let version = u32::from_be_bytes([v[0], v[1], v[2], v[3]]);
    let aad = associated_data(id, version);
    let nonce = data.get(MAGIC.len() + 4..HEADER_LEN)?;
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    let mut dec = DecryptorBE32::from_aead(cipher, nonce.into());
    let mut plain = Zeroizing::new(Vec::with_capacity(data.len()));
    let mut at = HEADER_LEN;
    loop {
        let len_bytes: [u8; 4] = data.get(at..at + 4)?.try_into().ok()?;
        let len = u32::from_be_bytes(len_bytes) as usize;
        let seg = data.get(at + 4..(at + 4).checked_add(len)?)?;
        at += 4 + len;
        let payload = Payload {
            msg: seg,
            aad: &aad,
        };
        if at == data.len() {
            plain.extend_from_slice(&dec.decrypt_last(payload).ok()?);
            return Some(plain);
        }
        plain.extend_from_slice(&dec.decrypt_next(payload).ok()?);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn write(dir: &Path, key: &DataKey, data: &[u8]) -> (EvidenceId, Vec<u8>, String) {
        let id = EvidenceId::from_uuid(uuid::Uuid::now_v7());
        let case = CaseId::from_uuid(uuid::Uuid::now_v7());
        let mut up = EvidenceUpload::create(dir, id, case, key, 1).await.unwrap();
        for c in data.chunks(10_000) {
            up.push(c).await.unwrap();
        }
        let sha = up.complete().await.unwrap();
        (id, std::fs::read(&up.path).unwrap(), sha)
    }

    #[tokio::test]
    async fn round_trip_and_tamper() {
        let dir = std::env::temp_dir().join(format!("lbev-{}", uuid::Uuid::now_v7()));
        let key = DataKey::generate();
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let (id, stored, sha) = write(&dir, &key, &data).await;
        assert_eq!(sha, hex::encode(Sha256::digest(&data)));
        let sid = id.to_string();
        assert_eq!(
            decrypt(&key, &sid, &stored).unwrap().as_slice(),
            data.as_slice()
        );
        assert!(decrypt(&key, "another id", &stored).is_none());
        assert!(decrypt(&DataKey::generate(), &sid, &stored).is_none());
        let mut bad = stored.clone();
        let i = bad.len() / 2;
        bad[i] ^= 1;
        assert!(decrypt(&key, &sid, &bad).is_none());
        assert!(decrypt(&key, &sid, &stored[..stored.len() - 70_000]).is_none());
        let (_, empty, _) = write(&dir, &key, b"").await;
        assert!(decrypt(&key, "x", &empty).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
