//! Sealing and opening field values.
//!
//! Layout of a sealed value: `0x01 | key_version (u32, big endian) | nonce (24 bytes) |
//! ciphertext+tag`. XChaCha20's 192-bit nonces are drawn at random, which is safe for any
//! number of messages under one key.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::Zeroizing;

const FORMAT: u8 = 1;
const HEADER_LEN: usize = 1 + 4 + 24;

/// A 256-bit symmetric key, wiped from memory when dropped.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    pub fn generate() -> Self {
        let mut b = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(b.as_mut());
        Self(b)
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// Where a value lives: it becomes the associated data of its ciphertext.
#[derive(Clone, Copy, Debug)]
pub struct FieldRef<'a> {
    pub table: &'a str,
    pub column: &'a str,
    pub row: &'a str,
}

impl FieldRef<'_> {
    fn associated_data(&self, key_version: u32) -> Vec<u8> {
        let mut ad = Vec::with_capacity(64);
        for part in [
            b"libertas/v1".as_slice(),
            self.table.as_bytes(),
            self.column.as_bytes(),
            self.row.as_bytes(),
        ] {
            ad.extend_from_slice(&(part.len() as u32).to_be_bytes());
            ad.extend_from_slice(part);
        }
        ad.extend_from_slice(&key_version.to_be_bytes());
        ad
    }
}

/// Encrypts `plaintext` for the field `at` under `key` (of version `key_version`).
pub fn seal_field(key: &DataKey, key_version: u32, at: FieldRef<'_>, plaintext: &[u8]) -> Vec<u8> {
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let ad = at.associated_data(key_version);
    let ct = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: &ad,
            },
        )
        // Encryption only fails for messages longer than 256 GiB.
        .unwrap_or_default();
    let mut out = Vec::with_capacity(HEADER_LEN + ct.len());
    out.push(FORMAT);
    out.extend_from_slice(&key_version.to_be_bytes());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    out
}

/// The key version a sealed value was written with, or `None` if it is not a sealed value.
pub fn key_version_of(sealed: &[u8]) -> Option<u32> {
    if sealed.len() < HEADER_LEN || sealed[0] != FORMAT {
        return None;
    }
    Some(u32::from_be_bytes([
        sealed[1], sealed[2], sealed[3], sealed[4],
    ]))
}

/// Decrypts a value sealed by [`seal_field`] for the same field. Fails if the key, the field
/// or any byte differs.
pub fn open_field(key: &DataKey, at: FieldRef<'_>, sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let version = key_version_of(sealed)?;
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    let nonce = XNonce::from_slice(&sealed[5..HEADER_LEN]);
    let ad = at.associated_data(version);
    cipher
        .decrypt(
            nonce,
            Payload {
                msg: &sealed[HEADER_LEN..],
                aad: &ad,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

/// Seals a text value for `table.column` of `row` (key version 1).
pub fn seal_text(key: &DataKey, table: &str, column: &str, row: &str, value: &str) -> Vec<u8> {
    seal_field(key, 1, FieldRef { table, column, row }, value.as_bytes())
}

/// Opens a text value sealed by [`seal_text`] (or [`seal_field`] with UTF-8 content); `None`
/// if the key, the place or any byte differs.
pub fn open_text(
    key: &DataKey,
    table: &str,
    column: &str,
    row: &str,
    sealed: &[u8],
) -> Option<String> {
    let plain = open_field(key, FieldRef { table, column, row }, sealed)?;
    String::from_utf8(plain.to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const AT: FieldRef<'static> = FieldRef {
        table: "persons",
        column: "given_name",
        row: "r1",
    };

    proptest! {
        #[test]
        fn round_trip(data in proptest::collection::vec(any::<u8>(), 0..512), version in any::<u32>()) {
            let key = DataKey::generate();
            let sealed = seal_field(&key, version, AT, &data);
            prop_assert_eq!(key_version_of(&sealed), Some(version));
            let opened = open_field(&key, AT, &sealed).unwrap();
            prop_assert_eq!(opened.as_slice(), data.as_slice());
        }

        #[test]
        fn any_flipped_byte_fails(data in proptest::collection::vec(any::<u8>(), 1..64), pos in any::<usize>()) {
            let key = DataKey::generate();
            let mut sealed = seal_field(&key, 1, AT, &data);
            let i = pos % sealed.len();
            sealed[i] ^= 0x01;
            prop_assert!(open_field(&key, AT, &sealed).is_none());
        }
    }

    #[test]
    fn bound_to_its_field_and_key() {
        let key = DataKey::generate();
        let sealed = seal_field(&key, 1, AT, b"Maria");
        let other_row = FieldRef { row: "r2", ..AT };
        let other_col = FieldRef {
            column: "family_name",
            ..AT
        };
        assert!(open_field(&key, other_row, &sealed).is_none());
        assert!(open_field(&key, other_col, &sealed).is_none());
        assert!(open_field(&DataKey::generate(), AT, &sealed).is_none());
        assert!(open_field(&key, AT, b"short").is_none());
    }
}
