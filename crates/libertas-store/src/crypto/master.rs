//! The master key: 32 random bytes in a file of mode 0600, never in the database or a backup.

use base64::Engine;
use hkdf::Hkdf;
use rand::RngCore;
use sha2::Sha256;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

/// The default file name of the master key inside the data directory.
pub const MASTER_KEY_FILE: &str = "master.key";

const HEADER: &str = "libertas-master-key-v1";

/// The root secret. Dropping it wipes the bytes from memory.
pub struct MasterKey(Zeroizing<[u8; 32]>);

#[derive(Debug, thiserror::Error)]
pub enum MasterKeyError {
    #[error("master key file {path} does not exist")]
    Missing { path: String },
    #[error("master key file {path} could not be read: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("master key file {path} is not a Libertas master key (expected a '{HEADER}' line and 32 base64 bytes)")]
    Malformed { path: String },
    #[error("master key file {path} already exists; refusing to overwrite it")]
    Exists { path: String },
    #[error("master key file {path} could not be written: {source}")]
    Unwritable {
        path: String,
        source: std::io::Error,
    },
}

impl MasterKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// Draws a new key from the operating system's random source.
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        Self(bytes)
    }

    /// Reads the key file. Never creates one: a missing key must stop the program, not
    /// silently start a second, unrelated keyring over existing data.
    pub fn load(path: &Path) -> Result<Self, MasterKeyError> {
        let p = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => Zeroizing::new(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(MasterKeyError::Missing { path: p })
            }
            Err(source) => return Err(MasterKeyError::Unreadable { path: p, source }),
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if let Ok(meta) = std::fs::metadata(path) {
                if meta.permissions().mode() & 0o077 != 0 {
                    tracing::warn!(path = %p, "the master key file is readable by other users; chmod 600 it");
                }
            }
        }
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some(HEADER) {
            return Err(MasterKeyError::Malformed { path: p });
        }
        let raw = lines.next().map(str::trim).unwrap_or_default();
        let decoded = Zeroizing::new(
            base64::engine::general_purpose::STANDARD
                .decode(raw)
                .map_err(|_| MasterKeyError::Malformed { path: p.clone() })?,
        );
        let bytes: [u8; 32] = decoded
            .as_slice()
            .try_into()
            .map_err(|_| MasterKeyError::Malformed { path: p })?;
        Ok(Self::from_bytes(bytes))
    }

    /// Writes a new key file with mode 0600, refusing to replace an existing one.
    pub fn create(path: &Path) -> Result<Self, MasterKeyError> {
        let p = path.display().to_string();
        let key = Self::generate();
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = match opts.open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(MasterKeyError::Exists { path: p })
            }
            Err(source) => return Err(MasterKeyError::Unwritable { path: p, source }),
        };
        let body = Zeroizing::new(format!(
            "{HEADER}\n{}\n",
            base64::engine::general_purpose::STANDARD.encode(key.0.as_ref())
        ));
        f.write_all(body.as_bytes())
            .and_then(|_| f.sync_all())
            .map_err(|source| MasterKeyError::Unwritable {
                path: p.clone(),
                source,
            })?;
        Ok(key)
    }

    /// HKDF-SHA256 expansion of the master key for one purpose.
    pub(crate) fn derive(&self, purpose: &str) -> Zeroizing<[u8; 32]> {
        let hk = Hkdf::<Sha256>::new(Some(b"libertas"), self.0.as_ref());
        let mut out = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit of 8160, so expansion cannot fail.
        let _ = hk.expand(purpose.as_bytes(), out.as_mut());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_load_and_refuse_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let a = MasterKey::create(&path).unwrap();
        let b = MasterKey::load(&path).unwrap();
        assert_eq!(*a.0, *b.0);
        assert!(matches!(
            MasterKey::create(&path),
            Err(MasterKeyError::Exists { .. })
        ));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn missing_and_malformed_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope.key");
        assert!(matches!(
            MasterKey::load(&path),
            Err(MasterKeyError::Missing { .. })
        ));
        std::fs::write(&path, "hello\n").unwrap();
        assert!(matches!(
            MasterKey::load(&path),
            Err(MasterKeyError::Malformed { .. })
        ));
    }
}
