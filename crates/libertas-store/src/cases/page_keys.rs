//! Reading what one page of a list needs from its cases in a fixed number of queries, not
//! one per row: the sealed case fields (case titles, evidence names, courts) opened with the
//! page's case keys read in one query ([`crate::keystore`]'s `get_many`), and the page's
//! cases themselves. A destroyed key leaves its fields unopened (`None`), as everywhere.

use crate::crypto::{key_version_of, open_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::{Store, StoreError};
use libertas_domain::ids::CaseId;
use std::collections::HashMap;

use super::{CaseView, CASE_SELECT};

/// The case keys a page needs, by `(case id, version)`.
pub(crate) struct PageKeys(HashMap<(String, u32), DataKey>);

impl Store {
    /// The keys of every `(case id, sealed value)` given, in one query.
    pub(crate) async fn page_case_keys(
        &self,
        sealed: &[(&str, &[u8])],
    ) -> Result<PageKeys, StoreError> {
        let wanted = sealed
            .iter()
            .map(|(case, s)| {
                key_version_of(s)
                    .map(|v| (*case, v))
                    .ok_or(StoreError::Crypto("case field header"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let keys = self
            .keys()
            .get_many(self.ring(), OwnerKind::Case, &wanted)
            .await?;
        Ok(PageKeys(keys))
    }

    /// The cases `ids` (each once), titles opened, in one query and one key read; the caller
    /// has decided access.
    pub(crate) async fn load_cases(
        &self,
        ids: &[CaseId],
    ) -> Result<HashMap<CaseId, CaseView>, StoreError> {
        let mut ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!("{CASE_SELECT} where c.id in ({})", marks.join(", "));
        let mut q = sqlx::query(&sql);
        for id in &ids {
            q = q.bind(id);
        }
        let rows = q.fetch_all(self.pool()).await?;
        let cases = self.cases_from_rows(&rows).await?;
        Ok(cases.into_iter().map(|c| (c.id, c)).collect())
    }
}

impl PageKeys {
    /// The text sealed in `table.column` of `row` under `case`'s key; `None` when that key
    /// was destroyed.
    pub(crate) fn open(
        &self,
        case: &str,
        table: &str,
        column: &str,
        row: &str,
        sealed: &[u8],
    ) -> Result<Option<String>, StoreError> {
        let version = key_version_of(sealed).ok_or(StoreError::Crypto("case field header"))?;
        let Some(key) = self.0.get(&(case.to_owned(), version)) else {
            return Ok(None);
        };
        let plain = open_field(key, FieldRef { table, column, row }, sealed)
            .ok_or(StoreError::Crypto("case field"))?;
        String::from_utf8(plain.to_vec())
            .map(Some)
            .map_err(|_| StoreError::Crypto("case field utf-8"))
    }
}
