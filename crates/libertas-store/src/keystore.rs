//! The key store: wrapped per-person and per-case data keys, apart from the main database.
//!
//! Destroying an owner's rows here is what erasure means (crypto-shredding): the ciphertext
//! left in the main database, and in every backup of it, can no longer be opened. The store
//! also keeps a tombstone per erased owner so that a restored (older) database backup can be
//! brought back in line: its blind-index rows are removed again and its people marked erased.

use crate::crypto::{open_field, seal_field, DataKey, FieldRef, Keyring};
use crate::db::{self, Backend};
use crate::migrations;
use crate::residue::Destroyed;
use crate::{clock, StoreError};
use sqlx::AnyPool;

const KEY_CHECK: &[u8] = b"libertas key check v1";

/// Whose key it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerKind {
    Person,
    Case,
    Report,
    /// One mentoring session's notes (training feature).
    Mentoring,
    /// A supporter (e-mail updates, later gifts): wrapped under the supporters' own key.
    Supporter,
    /// An update staff compose for supporters: wrapped under the supporters' own key.
    SupporterUpdate,
    /// A survivor's story as published for updates (no case or person id; its token):
    /// wrapped under the supporters' own key.
    SupporterStory,
}

impl OwnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Person => "person",
            OwnerKind::Case => "case",
            OwnerKind::Report => "report",
            OwnerKind::Mentoring => "mentoring",
            OwnerKind::Supporter => "supporter",
            OwnerKind::SupporterUpdate => "supporter-update",
            OwnerKind::SupporterStory => "supporter-story",
        }
    }
}

/// The key store's connection.
pub struct KeyStore {
    pool: AnyPool,
}

impl KeyStore {
    pub(crate) async fn open(url: &str, backend: Backend) -> Result<Self, StoreError> {
        let search_path = (backend == Backend::Postgres).then_some("libertas_keys");
        let pool = db::connect(url, 4, search_path).await?;
        migrations::migrate(&pool, backend, migrations::KEYSTORE_MIGRATIONS).await?;
        Ok(Self { pool })
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Proves the master key is the one this key store was created with. On a new key
    /// store (`init`), writes the proof.
    pub(crate) async fn check_master_key(
        &self,
        ring: &Keyring,
        init: bool,
    ) -> Result<(), StoreError> {
        let at = FieldRef {
            table: "keystore_meta",
            column: "value",
            row: "key-check",
        };
        let sealed: Option<Vec<u8>> =
            sqlx::query_scalar("select value from keystore_meta where key = 'key-check'")
                .fetch_optional(&self.pool)
                .await?;
        match sealed {
            Some(sealed) => {
                match open_field(&ring.wrap, at, &sealed) {
                    Some(v) if v.as_slice() == KEY_CHECK => Ok(()),
                    _ => Err(StoreError::WrongMasterKey),
                }
            }
            None if init => {
                let sealed = seal_field(&ring.wrap, 1, at, KEY_CHECK);
                sqlx::query("insert into keystore_meta (key, value) values ('key-check', $1)")
                    .bind(sealed)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
            None => Err(StoreError::Config(
                "the key store is empty: this data directory was not initialised with `libertas init`"
                    .into(),
            )),
        }
    }

    /// Creates version 1 of an owner's data key and returns it.
    pub(crate) async fn create(
        &self,
        ring: &Keyring,
        kind: OwnerKind,
        owner_id: &str,
    ) -> Result<DataKey, StoreError> {
        let key = DataKey::generate();
        let at = FieldRef {
            table: "data_keys",
            column: kind.as_str(),
            row: owner_id,
        };
        let wrapped = seal_field(ring.wrap_for(kind), 1, at, key.bytes());
        sqlx::query(
            "insert into data_keys (owner_kind, owner_id, version, wrapped, created_at)
             values ($1, $2, 1, $3, $4)",
        )
        .bind(kind.as_str())
        .bind(owner_id)
        .bind(wrapped)
        .bind(clock::now_text())
        .execute(&self.pool)
        .await?;
        Ok(key)
    }

    /// [`Self::create`] for many owners in one transaction: the benchmarks' bulk seeding
    /// (`testing::bulk_people`) keys each person exactly as `create` does.
    #[cfg(feature = "testing")]
    pub(crate) async fn create_many(
        &self,
        ring: &Keyring,
        kind: OwnerKind,
        owners: &[String],
    ) -> Result<Vec<DataKey>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let mut keys = Vec::with_capacity(owners.len());
        let now = clock::now_text();
        for owner_id in owners {
            let key = DataKey::generate();
            let at = FieldRef {
                table: "data_keys",
                column: kind.as_str(),
                row: owner_id,
            };
            sqlx::query(
                "insert into data_keys (owner_kind, owner_id, version, wrapped, created_at)
                 values ($1, $2, 1, $3, $4)",
            )
            .bind(kind.as_str())
            .bind(owner_id)
            .bind(seal_field(ring.wrap_for(kind), 1, at, key.bytes()))
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            keys.push(key);
        }
        tx.commit().await?;
        Ok(keys)
    }

    /// An owner's data key of `version`, or `None` once it has been destroyed.
    pub(crate) async fn get(
        &self,
        ring: &Keyring,
        kind: OwnerKind,
        owner_id: &str,
        version: u32,
    ) -> Result<Option<DataKey>, StoreError> {
        let wrapped: Option<Vec<u8>> = sqlx::query_scalar(
            "select wrapped from data_keys where owner_kind = $1 and owner_id = $2 and version = $3",
        )
        .bind(kind.as_str())
        .bind(owner_id)
        .bind(i64::from(version))
        .fetch_optional(&self.pool)
        .await?;
        let Some(wrapped) = wrapped else {
            return Ok(None);
        };
        let at = FieldRef {
            table: "data_keys",
            column: kind.as_str(),
            row: owner_id,
        };
        let bytes =
            open_field(ring.wrap_for(kind), at, &wrapped).ok_or(StoreError::Crypto("data key"))?;
        let arr: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| StoreError::Crypto("data key length"))?;
        Ok(Some(DataKey::from_bytes(arr)))
    }

    /// The data keys of many owners of one kind at once (one query for a page of a list,
    /// instead of one per row), by `(owner id, version)`; a destroyed key is simply absent.
    pub(crate) async fn get_many(
        &self,
        ring: &Keyring,
        kind: OwnerKind,
        owners: &[(&str, u32)],
    ) -> Result<std::collections::HashMap<(String, u32), DataKey>, StoreError> {
        let mut out = std::collections::HashMap::with_capacity(owners.len());
        if owners.is_empty() {
            return Ok(out);
        }
        let mut ids: Vec<&str> = owners.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "select owner_id, version, wrapped from data_keys
             where owner_kind = $1 and owner_id in ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query_as::<_, (String, i64, Vec<u8>)>(&sql).bind(kind.as_str());
        for id in &ids {
            q = q.bind(*id);
        }
        // Only the versions asked for are unwrapped (a set, so a batch of 500 is not 500²).
        let wanted: std::collections::HashSet<(&str, u32)> = owners.iter().copied().collect();
        for (owner_id, version, wrapped) in q.fetch_all(&self.pool).await? {
            let Ok(version) = u32::try_from(version) else {
                continue;
            };
            if !wanted.contains(&(owner_id.as_str(), version)) {
                continue;
            }
            let at = FieldRef {
                table: "data_keys",
                column: kind.as_str(),
                row: &owner_id,
            };
            let bytes = open_field(ring.wrap_for(kind), at, &wrapped)
                .ok_or(StoreError::Crypto("data key"))?;
            let arr: [u8; 32] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| StoreError::Crypto("data key length"))?;
            out.insert((owner_id, version), DataKey::from_bytes(arr));
        }
        Ok(out)
    }

    /// Destroys every version of an owner's key and records the erasure. The returned proof
    /// must go to `Store::scrub_keys`, which wipes the key's bytes from the key store's files.
    pub(crate) async fn destroy(
        &self,
        kind: OwnerKind,
        owner_id: &str,
    ) -> Result<Destroyed, StoreError> {
        let mut tx = self.pool.begin().await?;
        let deleted = sqlx::query("delete from data_keys where owner_kind = $1 and owner_id = $2")
            .bind(kind.as_str())
            .bind(owner_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query(
            "insert into erasures (owner_id, owner_kind, erased_at) values ($1, $2, $3)
             on conflict (owner_id) do nothing",
        )
        .bind(owner_id)
        .bind(kind.as_str())
        .bind(clock::now_text())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Destroyed {
            existed: deleted > 0,
        })
    }

    /// Destroys the keys of every owner with a tombstone: after a key-store backup from before
    /// an erasure was put back, its key must not come back with it.
    pub(crate) async fn destroy_tombstoned(&self) -> Result<Destroyed, StoreError> {
        let deleted = sqlx::query(
            "delete from data_keys where exists (select 1 from erasures e
               where e.owner_id = data_keys.owner_id and e.owner_kind = data_keys.owner_kind)",
        )
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(Destroyed {
            existed: deleted > 0,
        })
    }

    /// Ids of every erased owner of `kind`.
    pub(crate) async fn erased(&self, kind: OwnerKind) -> Result<Vec<String>, StoreError> {
        Ok(
            sqlx::query_scalar("select owner_id from erasures where owner_kind = $1")
                .bind(kind.as_str())
                .fetch_all(&self.pool)
                .await?,
        )
    }
}
