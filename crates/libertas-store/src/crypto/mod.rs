//! Field encryption, key derivation and blind indexes (`store::crypto`).
//!
//! One master key (a file outside the database) derives a handful of purpose keys with HKDF,
//! so that a leak of one derived key (say, the blind-index key) reveals nothing about the
//! others. Personal and narrative values are sealed with XChaCha20-Poly1305 under per-person or
//! per-case data keys; the associated data binds every ciphertext to its table, column, row and
//! key version, so a ciphertext copied into another row or column fails to open.

mod aead;
pub(crate) mod master;

pub use aead::{key_version_of, open_field, open_text, seal_field, seal_text, DataKey, FieldRef};
pub use master::{MasterKey, MASTER_KEY_FILE};

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

type HmacSha256 = Hmac<Sha256>;

/// The keys derived from the master key, one per purpose.
pub struct Keyring {
    /// Wraps (encrypts) the per-person and per-case data keys in the key store.
    pub(crate) wrap: DataKey,
    /// Encrypts account secrets (TOTP seeds).
    pub(crate) accounts: DataKey,
    /// Encrypts backups.
    pub(crate) backup: DataKey,
    /// Seals the organisation's partner directory (names, areas, contacts of shelters and
    /// services): text that belongs to no case or person but can place a survivor.
    pub(crate) directory: DataKey,
    /// Seals training and mentoring topics and places (the organisation's programme).
    pub(crate) programme: DataKey,
    /// Seals audit reasons of events that concern no person (see `audit::reason`).
    pub(crate) audit_reason: DataKey,
    /// Wraps the supporters' data keys. A purpose of its own, so that the case side's wrap
    /// key (or any case data key) opens no supporter, and this one no survivor.
    pub(crate) supporter_wrap: DataKey,
    blind: Zeroizing<[u8; 32]>,
    search: Zeroizing<[u8; 32]>,
    audit: Zeroizing<[u8; 32]>,
    checkpoint: Zeroizing<[u8; 32]>,
    receipt: Zeroizing<[u8; 32]>,
    login_client: Zeroizing<[u8; 32]>,
    /// The supporters' blind index (their e-mail addresses), apart from the case side's.
    supporter_blind: Zeroizing<[u8; 32]>,
    /// Hashes the supporters' link tokens (confirmation, unsubscribe) for look-up.
    supporter_token: Zeroizing<[u8; 32]>,
}

impl Keyring {
    pub fn derive(master: &MasterKey) -> Self {
        let k = |purpose: &str| master.derive(purpose);
        Self {
            wrap: DataKey::from_bytes(*k("libertas/v1/wrap")),
            accounts: DataKey::from_bytes(*k("libertas/v1/accounts")),
            backup: DataKey::from_bytes(*k("libertas/v1/backup")),
            directory: DataKey::from_bytes(*k("libertas/v1/directory")),
            programme: DataKey::from_bytes(*k("libertas/v1/programme")),
            audit_reason: DataKey::from_bytes(*k("libertas/v1/audit-reason")),
            supporter_wrap: DataKey::from_bytes(*k("libertas/v1/supporter-wrap")),
            blind: k("libertas/v1/blind-index"),
            search: k("libertas/v1/search-index"),
            audit: k("libertas/v1/audit-chain"),
            checkpoint: k("libertas/v1/audit-checkpoint"),
            receipt: k("libertas/v1/report-receipt"),
            login_client: k("libertas/v1/login-client"),
            supporter_blind: k("libertas/v1/supporter-blind-index"),
            supporter_token: k("libertas/v1/supporter-token"),
        }
    }

    /// The blind index of a normalised value: a keyed hash that allows exact look-up without
    /// storing the value. `kind` separates namespaces (a phone number and an identity number
    /// with the same digits must not collide).
    pub fn blind_index(&self, kind: &str, normalised: &str) -> String {
        hex::encode(mac(&self.blind, &[kind.as_bytes(), normalised.as_bytes()]))
    }

    /// The search-index hash of a normalised name token, phonetic key or birth date (see
    /// `libertas_domain::people::search`). A key of its own: the search terms are many and
    /// low in entropy, so they are kept apart from the identifier blind indexes.
    pub fn search_index(&self, kind: &str, normalised: &str) -> String {
        hex::encode(mac(&self.search, &[kind.as_bytes(), normalised.as_bytes()]))
    }

    /// The MAC that chains audit events.
    pub fn audit_mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        mac(&self.audit, parts)
    }

    /// The MAC that authenticates the audit checkpoint file.
    pub fn checkpoint_mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        mac(&self.checkpoint, parts)
    }

    /// The keyed hash under which a public report's receipt is stored.
    pub fn receipt_hash(&self, receipt: &str) -> String {
        hex::encode(mac(&self.receipt, &[receipt.as_bytes()]))
    }
}

impl Keyring {
    /// The supporter side's blind index of a normalised value (an e-mail address).
    pub fn supporter_index(&self, kind: &str, normalised: &str) -> String {
        hex::encode(mac(
            &self.supporter_blind,
            &[kind.as_bytes(), normalised.as_bytes()],
        ))
    }

    /// The keyed hash under which a supporter's link token (`kind`: confirm, unsubscribe) is
    /// stored: the token itself is only in the message sent.
    pub fn supporter_token_hash(&self, kind: &str, token: &str) -> String {
        hex::encode(mac(
            &self.supporter_token,
            &[kind.as_bytes(), token.as_bytes()],
        ))
    }

    /// The key that wraps data keys of `kind`: the supporters' own, or the case side's.
    pub(crate) fn wrap_for(&self, kind: crate::keystore::OwnerKind) -> &DataKey {
        match kind {
            crate::keystore::OwnerKind::Supporter
            | crate::keystore::OwnerKind::SupporterUpdate
            | crate::keystore::OwnerKind::SupporterStory => &self.supporter_wrap,
            _ => &self.wrap,
        }
    }

    /// The keyed hash that names a sign-in client (its address, already coarsened by the
    /// caller) in `login_attempts`: the same on every web node, useless without the master key.
    pub fn login_client(&self, client: &str) -> String {
        hex::encode(&mac(&self.login_client, &[client.as_bytes()])[..16])
    }
}

/// HMAC-SHA256 over length-prefixed parts, so `("ab", "c")` and `("a", "bc")` differ.
fn mac(key: &[u8; 32], parts: &[&[u8]]) -> [u8; 32] {
    let mut m = match <HmacSha256 as Mac>::new_from_slice(key) {
        Ok(m) => m,
        // HMAC accepts keys of any length; this arm cannot be reached.
        Err(_) => return [0; 32],
    };
    for p in parts {
        m.update(&(p.len() as u64).to_be_bytes());
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

/// SHA-256 of `data`, hex encoded: used for API token look-up hashes.
pub fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(Sha256::digest(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_keys_differ_and_are_stable() {
        let m = MasterKey::from_bytes([7; 32]);
        let a = Keyring::derive(&m);
        let b = Keyring::derive(&m);
        assert_eq!(
            a.blind_index("phone", "+40721"),
            b.blind_index("phone", "+40721")
        );
        assert_ne!(
            a.blind_index("phone", "+40721"),
            a.blind_index("email", "+40721")
        );
        let other = Keyring::derive(&MasterKey::from_bytes([8; 32]));
        assert_ne!(
            a.blind_index("phone", "+40721"),
            other.blind_index("phone", "+40721")
        );
        assert_ne!(*a.blind, *a.audit);
        assert_ne!(a.blind_index("name", "ana"), a.search_index("name", "ana"));
    }

    #[test]
    fn mac_is_length_prefixed() {
        let k = [1u8; 32];
        assert_ne!(mac(&k, &[b"ab", b"c"]), mac(&k, &[b"a", b"bc"]));
    }
}
