//! Merge, undo and dismiss: one write transaction each, audited, decided here.
//!
//! The merge model, kept deliberately small:
//! - Both `persons` rows stay; nothing that points at either (case links, decisions, care,
//!   referrals) is rewritten, so every piece of history stays traceable to the record it was
//!   written for. The absorbed record is marked by an active `person_merges` row and leaves
//!   the review queue and the job; its own sealed values and key are untouched.
//! - The kept record is the older one (`person_a`). Each personal field it lacked is filled
//!   from the absorbed record: opened with the absorbed person's key and re-sealed under the
//!   kept person's key, bound to the kept row. So the merged record's fields are all under
//!   one person key.
//! - The merge row stores the kept record's previous sealed bytes; undo writes them back and
//!   closes the merge, giving exactly the two separately keyed records of before, and puts
//!   the candidate back in the queue.
//! - Erasing the kept record erases the records merged into it too (`people/erase.rs`).

use super::parse_id;
use crate::audit::AuditEvent;
use crate::crypto::{key_version_of, open_field, seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::people::SEALED_COLUMNS;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{DedupeCandidateId, PersonId, PersonMergeId};
use serde::Serialize;
use sqlx::FromRow;
use std::collections::HashSet;
use uuid::Uuid;

/// A merge, for the queue's history and the person page (ids and times only).
#[derive(Clone, Debug, Serialize)]
pub struct MergeView {
    pub id: PersonMergeId,
    pub candidate_id: DedupeCandidateId,
    pub kept_id: PersonId,
    pub absorbed_id: PersonId,
    /// Names of the fields the kept record received.
    pub filled: Vec<String>,
    pub merged_at: String,
    pub undone_at: Option<String>,
}

#[derive(FromRow)]
struct MergeRow {
    id: String,
    candidate_id: String,
    kept_id: String,
    absorbed_id: String,
    filled: String,
    merged_at: String,
    undone_at: Option<String>,
}

impl MergeRow {
    fn view(&self) -> Result<MergeView, StoreError> {
        Ok(MergeView {
            id: parse_id(&self.id)?,
            candidate_id: parse_id(&self.candidate_id)?,
            kept_id: parse_id(&self.kept_id)?,
            absorbed_id: parse_id(&self.absorbed_id)?,
            filled: self
                .filled
                .split(',')
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect(),
            merged_at: self.merged_at.clone(),
            undone_at: self.undone_at.clone(),
        })
    }
}

/// The sealed columns of one person row, in [`SEALED_COLUMNS`] order.
#[derive(FromRow)]
struct SealedRow {
    given_name: Option<Vec<u8>>,
    family_name: Option<Vec<u8>>,
    birth_date: Option<Vec<u8>>,
    phone: Option<Vec<u8>>,
    email: Option<Vec<u8>>,
    identity_numbers: Option<Vec<u8>>,
}

impl SealedRow {
    fn columns(self) -> [Option<Vec<u8>>; 6] {
        [
            self.given_name,
            self.family_name,
            self.birth_date,
            self.phone,
            self.email,
            self.identity_numbers,
        ]
    }
}

const MERGE_COLUMNS: &str = "id, candidate_id, kept_id, absorbed_id, filled, merged_at, undone_at";

impl Store {
    /// Merges an open candidate: the newer record into the older one. Only a caseworker on a
    /// case of each record (`NotFound` otherwise).
    pub async fn merge_candidate(
        &self,
        p: &Principal,
        id: DedupeCandidateId,
        reason: &str,
    ) -> Result<MergeView, StoreError> {
        let c = self.candidate_for_decision(p, id).await?;
        let (kept, absorbed) = (c.person_a.clone(), c.person_b.clone());
        let before = self.sealed_row(&kept).await?;
        let other = self.sealed_row(&absorbed).await?;
        let kept_version = before
            .iter()
            .flatten()
            .find_map(|s| key_version_of(s))
            .ok_or(StoreError::NotFound)?;
        let kept_key = self
            .keys()
            .get(self.ring(), OwnerKind::Person, &kept, kept_version)
            .await?
            .ok_or(StoreError::NotFound)?;
        let absorbed_key = match other.iter().flatten().find_map(|s| key_version_of(s)) {
            Some(v) => {
                self.keys()
                    .get(self.ring(), OwnerKind::Person, &absorbed, v)
                    .await?
            }
            None => None,
        }
        .ok_or(StoreError::NotFound)?;
        let mut merged = before.clone();
        let mut filled = vec![];
        for (i, column) in SEALED_COLUMNS.iter().enumerate() {
            let (None, Some(theirs)) = (&before[i], &other[i]) else {
                continue;
            };
            let at = |row| FieldRef {
                table: "persons",
                column,
                row,
            };
            let plain = open_field(&absorbed_key, at(&absorbed), theirs)
                .ok_or(StoreError::Crypto("person field"))?;
            merged[i] = Some(seal_field(&kept_key, kept_version, at(&kept), &plain));
            filled.push(*column);
        }
        let merge_id = PersonMergeId::from_uuid(Uuid::now_v7());
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        let [g, f, b, ph, e, ids] = before;
        sqlx::query(
            "insert into person_merges (id, org_id, candidate_id, kept_id, absorbed_id,
                prev_given_name, prev_family_name, prev_birth_date, prev_phone, prev_email,
                prev_identity_numbers, filled, merged_by, merged_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(merge_id.to_string())
        .bind(p.org_id.to_string())
        .bind(&c.id)
        .bind(&kept)
        .bind(&absorbed)
        .bind(g)
        .bind(f)
        .bind(b)
        .bind(ph)
        .bind(e)
        .bind(ids)
        .bind(filled.join(","))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        write_sealed(&mut tx, &kept, merged).await?;
        decide(&mut tx, &c.id, ("open", "merged"), Some((p, &now))).await?;
        tx.audit(
            AuditEvent::new("person.merge", "person", Some(kept.clone()), reason).detail(
                serde_json::json!({
                    "merge_id": merge_id.to_string(),
                    "absorbed_id": absorbed,
                    "candidate_id": c.id,
                    "filled": filled,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(MergeView {
            id: merge_id,
            candidate_id: parse_id(&c.id)?,
            kept_id: parse_id(&kept)?,
            absorbed_id: parse_id(&absorbed)?,
            filled: filled.into_iter().map(str::to_owned).collect(),
            merged_at: now,
            undone_at: None,
        })
    }

    /// Undoes an active merge: the kept record gets back its previous sealed values byte for
    /// byte, the absorbed one is a record of its own again and the candidate is open again.
    /// Only a caseworker on a case of each record (`NotFound` otherwise). Returns the kept
    /// record's id.
    pub async fn undo_merge(
        &self,
        p: &Principal,
        id: PersonMergeId,
        reason: &str,
    ) -> Result<PersonId, StoreError> {
        crate::cases::require_case_work(p)?;
        let m = sqlx::query_as::<_, MergeRow>(&format!(
            "select {MERGE_COLUMNS} from person_merges
             where id = $1 and org_id = $2 and undone_at is null"
        ))
        .bind(id.to_string())
        .bind(p.org_id.to_string())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        self.require_sees_both(p, &m.kept_id, &m.absorbed_id)
            .await?;
        let prev = sqlx::query_as::<_, SealedRow>(
            "select prev_given_name as given_name, prev_family_name as family_name,
                    prev_birth_date as birth_date, prev_phone as phone, prev_email as email,
                    prev_identity_numbers as identity_numbers
             from person_merges where id = $1",
        )
        .bind(&m.id)
        .fetch_one(self.pool())
        .await?
        .columns();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        let closed = sqlx::query(
            "update person_merges set undone_at = $1, undone_by = $2
             where id = $3 and undone_at is null",
        )
        .bind(&now)
        .bind(p.user_id.to_string())
        .bind(&m.id)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if closed != 1 {
            return Err(StoreError::NotFound);
        }
        write_sealed(&mut tx, &m.kept_id, prev).await?;
        decide(&mut tx, &m.candidate_id, ("merged", "open"), None).await?;
        tx.audit(
            AuditEvent::new(
                "person.merge.undo",
                "person",
                Some(m.kept_id.clone()),
                reason,
            )
            .detail(serde_json::json!({
                "merge_id": m.id,
                "absorbed_id": m.absorbed_id,
                "candidate_id": m.candidate_id,
            })),
        )
        .await?;
        tx.commit().await?;
        m.kept_id
            .parse()
            .map_err(|_| StoreError::Internal("a merge's kept id does not read back".into()))
    }

    /// "Not the same person": the pair is closed and never proposed again. Only a caseworker
    /// on a case of each record (`NotFound` otherwise).
    pub async fn dismiss_candidate(
        &self,
        p: &Principal,
        id: DedupeCandidateId,
        reason: &str,
    ) -> Result<(), StoreError> {
        let c = self.candidate_for_decision(p, id).await?;
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        decide(&mut tx, &c.id, ("open", "dismissed"), Some((p, &now))).await?;
        tx.audit(
            AuditEvent::new(
                "dedupe.dismiss",
                "dedupe_candidate",
                Some(c.id.clone()),
                reason,
            )
            .detail(serde_json::json!({ "person_a": c.person_a, "person_b": c.person_b })),
        )
        .await?;
        tx.commit().await
    }

    /// The merges a person took part in (kept or absorbed), newest first, for their page.
    /// The caller must be a member of one of the person's cases (`NotFound` otherwise); merges
    /// are listed only when the caller may see both records.
    pub async fn merges_of(
        &self,
        p: &Principal,
        person: PersonId,
    ) -> Result<Vec<MergeView>, StoreError> {
        crate::cases::require_case_work(p)?;
        let visible = self.people_visible_to(p).await?;
        if !visible.contains(&person.to_string()) {
            return Err(StoreError::NotFound);
        }
        Ok(self
            .merges_visible(p, &visible)
            .await?
            .into_iter()
            .filter(|m| m.kept_id == person || m.absorbed_id == person)
            .collect())
    }

    /// The organisation's merges whose two records are both in `visible`, newest first.
    pub(super) async fn merges_visible(
        &self,
        p: &Principal,
        visible: &HashSet<String>,
    ) -> Result<Vec<MergeView>, StoreError> {
        let rows = sqlx::query_as::<_, MergeRow>(&format!(
            "select {MERGE_COLUMNS} from person_merges where org_id = $1
             order by merged_at desc, id desc limit 100"
        ))
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .filter(|m| visible.contains(&m.kept_id) && visible.contains(&m.absorbed_id))
            .map(MergeRow::view)
            .collect()
    }

    async fn sealed_row(&self, person: &str) -> Result<[Option<Vec<u8>>; 6], StoreError> {
        Ok(sqlx::query_as::<_, SealedRow>(
            "select given_name, family_name, birth_date, phone, email, identity_numbers
             from persons where id = $1 and erased_at is null",
        )
        .bind(person)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?
        .columns())
    }
}

async fn write_sealed(
    tx: &mut crate::WriteTx<'_>,
    person: &str,
    values: [Option<Vec<u8>>; 6],
) -> Result<(), StoreError> {
    let [g, f, b, ph, e, ids] = values;
    sqlx::query(
        "update persons set given_name = $1, family_name = $2, birth_date = $3, phone = $4,
            email = $5, identity_numbers = $6 where id = $7",
    )
    .bind(g)
    .bind(f)
    .bind(b)
    .bind(ph)
    .bind(e)
    .bind(ids)
    .bind(person)
    .execute(tx.conn()?)
    .await?;
    Ok(())
}

/// Moves a candidate from one status to another; `by` records who decided (none when reopened by an undo).
async fn decide(
    tx: &mut crate::WriteTx<'_>,
    candidate: &str,
    (from, status): (&str, &str),
    by: Option<(&Principal, &str)>,
) -> Result<(), StoreError> {
    let changed = sqlx::query(
        "update dedupe_candidates set status = $1, decided_by = $2, decided_at = $3
         where id = $4 and status = $5",
    )
    .bind(status)
    .bind(by.map(|(p, _)| p.user_id.to_string()))
    .bind(by.map(|(_, at)| at.to_owned()))
    .bind(candidate)
    .bind(from)
    .execute(tx.conn()?)
    .await?
    .rows_affected();
    // Two people deciding the same pair at once: the second finds it already decided.
    if changed == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}
