//! Sealing and opening care-plan text under the person's data key.

use crate::crypto::{key_version_of, open_field, seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::{Store, StoreError};

impl Store {
    /// The person's current data key (version 1); `NotFound` once the person was erased, so
    /// nothing new is written about them.
    pub(crate) async fn person_key(&self, pid: &str) -> Result<DataKey, StoreError> {
        self.keys()
            .get(self.ring(), OwnerKind::Person, pid, 1)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Opens a value sealed under the person's key; `None` when the key is gone (erased).
    pub(crate) async fn open_person_text(
        &self,
        pid: &str,
        at: FieldRef<'_>,
        sealed: &[u8],
    ) -> Result<Option<String>, StoreError> {
        let version = key_version_of(sealed).ok_or(StoreError::Crypto("care field header"))?;
        let Some(key) = self
            .keys()
            .get(self.ring(), OwnerKind::Person, pid, version)
            .await?
        else {
            return Ok(None);
        };
        let plain = open_field(&key, at, sealed).ok_or(StoreError::Crypto("care field"))?;
        String::from_utf8(plain.to_vec())
            .map(Some)
            .map_err(|_| StoreError::Crypto("care field utf-8"))
    }
}

/// Seals `value` for `table.column` of `row` under the person's key.
pub(crate) fn seal(key: &DataKey, table: &str, column: &str, row: &str, value: &str) -> Vec<u8> {
    seal_field(key, 1, FieldRef { table, column, row }, value.as_bytes())
}
