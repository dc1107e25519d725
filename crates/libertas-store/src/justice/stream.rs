//! Reading a stored evidence file back one segment at a time, so memory does not grow with
//! the size of the file (a download, a verification, the hash check before a download).
//!
//! Every segment is authenticated by XChaCha20-Poly1305 STREAM before its plaintext is handed
//! out, so nothing unauthenticated ever leaves this reader. What STREAM cannot prevent on its
//! own, when a file is sent while it is read, is an *authentic prefix*: a file altered or cut
//! after segment n still yields n good segments before the error. The store therefore reads a
//! file twice for a download (see [`crate::Store::evidence_file`]): a first pass authenticates
//! every segment and compares the SHA-256 with the intake hash, and only then is the file
//! streamed. If it changes between the passes, the stream stops with an error at the bad
//! segment and the web layer aborts the response (its `Content-Length` is never reached), so a
//! client never mistakes a prefix for the file.

use super::files::{associated_data, HEADER_LEN, MAGIC, SEGMENT};
use crate::crypto::DataKey;
use crate::StoreError;
use chacha20poly1305::aead::stream::DecryptorBE32;
use chacha20poly1305::aead::{KeyInit, Payload};
use chacha20poly1305::XChaCha20Poly1305;
use std::path::Path;
use tokio::io::{AsyncReadExt, BufReader};
use zeroize::Zeroizing;

/// A stored file's tag and length prefix around at most [`SEGMENT`] bytes of plaintext.
const MAX_SEALED_SEGMENT: usize = SEGMENT + 16;

/// Why a stored file could not be opened for reading.
pub(crate) enum OpenFail {
    Missing,
    Unreadable,
}

/// A stored evidence file, decrypted segment by segment.
pub struct EvidenceReader {
    file: BufReader<tokio::fs::File>,
    len: u64,
    at: u64,
    dec: Option<DecryptorBE32<XChaCha20Poly1305>>,
    aad: Vec<u8>,
}

impl EvidenceReader {
    /// Opens `path` (the file of evidence `id`) with `key` and checks its header.
    pub(crate) async fn open(path: &Path, id: &str, key: &DataKey) -> Result<Self, OpenFail> {
        let mut file = match tokio::fs::File::open(path).await {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(OpenFail::Missing),
            Err(_) => return Err(OpenFail::Unreadable),
        };
        let len = file
            .metadata()
            .await
            .map_err(|_| OpenFail::Unreadable)?
            .len();
        let mut header = [0u8; HEADER_LEN];
        file.read_exact(&mut header)
            .await
            .map_err(|_| OpenFail::Unreadable)?;
        if &header[..MAGIC.len()] != MAGIC {
            return Err(OpenFail::Unreadable);
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(&header[MAGIC.len()..MAGIC.len() + 4]);
        let version = u32::from_be_bytes(v);
        let cipher = XChaCha20Poly1305::new(key.bytes().into());
        let nonce = &header[MAGIC.len() + 4..];
        Ok(Self {
            file: BufReader::with_capacity(MAX_SEALED_SEGMENT + 4, file),
            len,
            at: HEADER_LEN as u64,
            dec: Some(DecryptorBE32::from_aead(cipher, nonce.into())),
            aad: associated_data(id, version),
        })
    }

    /// The next segment's plaintext (at most 64 KiB), `None` after the last one. An altered,
    /// reordered, cut or foreign segment is an error, and the reader yields nothing after it.
    pub async fn next_segment(&mut self) -> Result<Option<Zeroizing<Vec<u8>>>, StoreError> {
        let Some(mut dec) = self.dec.take() else {
            return Ok(None);
        };
        let bad = || StoreError::Crypto("evidence segment fails authentication");
        let mut len = [0u8; 4];
        self.file.read_exact(&mut len).await.map_err(|_| bad())?;
        let n = u32::from_be_bytes(len) as usize;
        if n > MAX_SEALED_SEGMENT {
            return Err(bad());
        }
        let mut sealed = vec![0u8; n];
        self.file.read_exact(&mut sealed).await.map_err(|_| bad())?;
        self.at += 4 + n as u64;
        let payload = Payload {
            msg: &sealed,
            aad: &self.aad,
        };
        if self.at == self.len {
            // The last segment carries STREAM's last-segment flag: a file cut at a segment
            // boundary fails here instead of ending early without notice.
            return dec
                .decrypt_last(payload)
                .map(|p| Some(Zeroizing::new(p)))
                .map_err(|_| bad());
        }
        let plain = dec.decrypt_next(payload).map_err(|_| bad())?;
        self.dec = Some(dec);
        Ok(Some(Zeroizing::new(plain)))
    }

    /// The plaintext as a stream of segments, ending after the last one or at the first
    /// error (which is yielded, so the receiver knows the file is incomplete).
    pub fn into_stream(
        self,
    ) -> impl futures_util::Stream<Item = Result<Vec<u8>, StoreError>> + Send + 'static {
        futures_util::stream::unfold(Some(self), |state| async move {
            let mut reader = state?;
            match reader.next_segment().await {
                Ok(Some(mut segment)) => Some((Ok(std::mem::take(&mut *segment)), Some(reader))),
                Ok(None) => None,
                Err(e) => Some((Err(e), None)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::files::EvidenceUpload;
    use super::*;
    use libertas_domain::ids::CaseId;
    use libertas_domain::justice::evidence::EvidenceId;

    async fn stored(dir: &Path, key: &DataKey, data: &[u8]) -> (String, std::path::PathBuf) {
        let id = EvidenceId::from_uuid(uuid::Uuid::now_v7());
        let case = CaseId::from_uuid(uuid::Uuid::now_v7());
        let mut up = EvidenceUpload::create(dir, id, case, key, 1).await.unwrap();
        for c in data.chunks(10_000) {
            up.push(c).await.unwrap();
        }
        up.complete().await.unwrap();
        (id.to_string(), up.path.clone())
    }

    async fn read_all(r: &mut EvidenceReader) -> (Vec<u8>, usize, bool) {
        let (mut out, mut largest) = (vec![], 0);
        loop {
            match r.next_segment().await {
                Ok(Some(s)) => {
                    largest = largest.max(s.len());
                    out.extend_from_slice(&s);
                }
                Ok(None) => return (out, largest, true),
                Err(_) => return (out, largest, false),
            }
        }
    }

    #[tokio::test]
    async fn segments_come_one_at_a_time_and_a_bad_one_stops_the_stream() {
        let dir = std::env::temp_dir().join(format!("lbrd-{}", uuid::Uuid::now_v7()));
        let key = DataKey::generate();
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let (id, path) = stored(&dir, &key, &data).await;
        let mut r = EvidenceReader::open(&path, &id, &key).await.ok().unwrap();
        let (out, largest, ok) = read_all(&mut r).await;
        assert!(ok && out == data);
        assert!(largest <= SEGMENT, "one segment at a time: {largest}");

        // A flipped byte in the last segment: the good segments before it come out, the bad
        // one never does, and the reader says it failed.
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 10;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        let mut r = EvidenceReader::open(&path, &id, &key).await.ok().unwrap();
        let (out, _, ok) = read_all(&mut r).await;
        assert!(!ok);
        assert_eq!(out.len() % SEGMENT, 0, "only whole authentic segments");
        assert!(data.starts_with(&out));
        assert!(r.next_segment().await.unwrap().is_none(), "nothing after");

        // Cut at a segment boundary: the last-segment flag is missing, so it fails.
        let good = std::fs::read(&path).unwrap();
        let cut = HEADER_LEN + 2 * (4 + MAX_SEALED_SEGMENT);
        std::fs::write(&path, &good[..cut]).unwrap();
        let mut r = EvidenceReader::open(&path, &id, &key).await.ok().unwrap();
        assert!(!read_all(&mut r).await.2);
        // Another key or another evidence id: nothing at all.
        std::fs::write(&path, &good).unwrap();
        let mut r = EvidenceReader::open(&path, "another", &key)
            .await
            .ok()
            .unwrap();
        assert_eq!(read_all(&mut r).await.0.len(), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
