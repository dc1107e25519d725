//! Audit reasons are stored sealed.
//!
//! Most reasons are constant route strings ("api: read a person"), but some are typed by
//! people: why a person was erased, why an account was disabled or its second factor reset.
//! Typed text can name someone, so every reason is sealed, whatever its source (telling the two
//! apart reliably is impossible once a value is a `String`):
//!
//! - when the event's object is a person whose data key still exists, under that person's key:
//!   erasing the person shreds the reasons of every event about them along with the rest of
//!   their data (the events themselves, their actors, actions and times stay);
//! - otherwise under the master-derived `audit-reason` key. The erasure event itself falls
//!   here, since the person's key is destroyed before it is written, so the why of an erasure
//!   stays readable to administrators.
//!
//! The stored text is a prefix naming the key (`sealed:person:` or `sealed:audit:`) and the
//! base64 of the sealed bytes, bound to `audit_events.reason` of the event's own id. The MAC
//! chain covers the stored text, so `audit verify` needs no key but the chain key and keeps
//! working after an erasure; `audit export`, the audit page and the alert list open the
//! reasons. Events written before migration 0014 keep their plain reason: the chain and the
//! append-only triggers forbid rewriting them, and they are shown as they are.

use crate::crypto::{open_text, seal_text, DataKey, Keyring};
use crate::keystore::{KeyStore, OwnerKind};
use crate::StoreError;
use base64::Engine;
use std::collections::HashMap;

const AUDIT_PREFIX: &str = "sealed:audit:";
const PERSON_PREFIX: &str = "sealed:person:";
const TABLE: &str = "audit_events";
const COLUMN: &str = "reason";

/// The key an event's reason is sealed under, decided before the event is appended.
#[derive(Clone)]
pub(crate) enum ReasonKey {
    /// The master-derived `audit-reason` key.
    Audit,
    /// The data key of the person the event is about.
    Person(DataKey),
}

impl std::fmt::Debug for ReasonKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ReasonKey::Audit => "Audit",
            ReasonKey::Person(_) => "Person(<key>)",
        })
    }
}

/// Why a stored reason cannot be shown.
pub const REASON_ERASED: &str = "erased";
/// The stored reason failed to open (damaged or moved; `audit verify` names the event).
pub const REASON_UNREADABLE: &str = "unreadable";

/// Chooses the key for an event about `object_type`/`object_id`: the person's key while it
/// exists, the audit-reason key otherwise.
pub(crate) async fn key_for(
    keys: &KeyStore,
    ring: &Keyring,
    object_type: &str,
    object_id: Option<&str>,
) -> Result<ReasonKey, StoreError> {
    if object_type != "person" {
        return Ok(ReasonKey::Audit);
    }
    let Some(id) = object_id else {
        return Ok(ReasonKey::Audit);
    };
    Ok(match keys.get(ring, OwnerKind::Person, id, 1).await? {
        Some(k) => ReasonKey::Person(k),
        None => ReasonKey::Audit,
    })
}

/// The text to store for `reason` of the event `event_id`.
pub(crate) fn seal(ring: &Keyring, key: &ReasonKey, event_id: &str, reason: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    match key {
        ReasonKey::Audit => {
            let sealed = seal_text(&ring.audit_reason, TABLE, COLUMN, event_id, reason);
            format!("{AUDIT_PREFIX}{}", b64.encode(sealed))
        }
        ReasonKey::Person(k) => {
            let sealed = seal_text(k, TABLE, COLUMN, event_id, reason);
            format!("{PERSON_PREFIX}{}", b64.encode(sealed))
        }
    }
}

/// Opens stored reasons for reading, remembering person keys across the events of one call.
pub(crate) struct Opener<'a> {
    ring: &'a Keyring,
    keys: &'a KeyStore,
    person_keys: HashMap<(String, u32), Option<DataKey>>,
}

/// A stored reason, opened.
pub(crate) enum Opened {
    Text(String),
    /// Why it cannot be shown: [`REASON_ERASED`] or [`REASON_UNREADABLE`].
    Unavailable(&'static str),
}

impl<'a> Opener<'a> {
    pub(crate) fn new(ring: &'a Keyring, keys: &'a KeyStore) -> Self {
        Self {
            ring,
            keys,
            person_keys: HashMap::new(),
        }
    }

    /// The reason as written. A stored text without a known prefix is a reason from before
    /// sealing began and is returned unchanged.
    pub(crate) async fn open(
        &mut self,
        event_id: &str,
        object_id: Option<&str>,
        stored: &str,
    ) -> Result<Opened, StoreError> {
        let b64 = base64::engine::general_purpose::STANDARD;
        let unreadable = Opened::Unavailable(REASON_UNREADABLE);
        if let Some(rest) = stored.strip_prefix(AUDIT_PREFIX) {
            let Ok(sealed) = b64.decode(rest) else {
                return Ok(unreadable);
            };
            return Ok(
                match open_text(&self.ring.audit_reason, TABLE, COLUMN, event_id, &sealed) {
                    Some(t) => Opened::Text(t),
                    None => unreadable,
                },
            );
        }
        if let Some(rest) = stored.strip_prefix(PERSON_PREFIX) {
            let (Ok(sealed), Some(person)) = (b64.decode(rest), object_id) else {
                return Ok(unreadable);
            };
            let Some(version) = crate::crypto::key_version_of(&sealed) else {
                return Ok(unreadable);
            };
            let slot = (person.to_owned(), version);
            if !self.person_keys.contains_key(&slot) {
                let k = self
                    .keys
                    .get(self.ring, OwnerKind::Person, person, version)
                    .await?;
                self.person_keys.insert(slot.clone(), k);
            }
            return Ok(match self.person_keys.get(&slot) {
                Some(Some(k)) => match open_text(k, TABLE, COLUMN, event_id, &sealed) {
                    Some(t) => Opened::Text(t),
                    None => unreadable,
                },
                _ => Opened::Unavailable(REASON_ERASED),
            });
        }
        Ok(Opened::Text(stored.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::MasterKey;

    #[test]
    fn sealed_reasons_hide_the_text_and_name_their_key() {
        let ring = Keyring::derive(&MasterKey::from_bytes([3; 32]));
        let a = seal(&ring, &ReasonKey::Audit, "e1", "Maria Popescu asked");
        assert!(a.starts_with(AUDIT_PREFIX));
        assert!(!a.contains("Maria"));
        let p = seal(
            &ring,
            &ReasonKey::Person(DataKey::generate()),
            "e1",
            "Maria Popescu asked",
        );
        assert!(p.starts_with(PERSON_PREFIX));
        assert!(!p.contains("Maria"));
        // Bound to its event: the same text under another event id does not open.
        let b64 = base64::engine::general_purpose::STANDARD;
        let sealed = b64.decode(&a[AUDIT_PREFIX.len()..]).unwrap();
        assert!(open_text(&ring.audit_reason, TABLE, COLUMN, "e2", &sealed).is_none());
        assert_eq!(
            open_text(&ring.audit_reason, TABLE, COLUMN, "e1", &sealed).as_deref(),
            Some("Maria Popescu asked")
        );
    }
}
