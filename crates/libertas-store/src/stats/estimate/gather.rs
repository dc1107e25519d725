//! Who is on which list, and their identifying fields opened in memory for linkage.
//!
//! Each list is one SQL statement over plain columns (ids, codes, dates) of the caller's
//! organisation. The union of the people found is then read from `persons` and their sealed
//! names, birth date, phone and e-mail opened one batch at a time, straight into the values
//! linkage compares; the plaintext lives only in memory, is never logged or written, and is
//! zeroed when the run ends ([`People`] drops it).

use crate::crypto::{key_version_of, open_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{Store, StoreError};
use libertas_domain::cases::decisions::date_text;
use libertas_domain::stats::estimate::ListSource;
use libertas_domain::stats::Period;
use sqlx::FromRow;
use std::collections::BTreeMap;
use zeroize::Zeroize;

/// People whose keys are fetched and fields opened together.
const BATCH: usize = 500;

/// The sealed columns linkage reads, in [`Opened::values`] order.
pub(super) const SEALED: [&str; 5] = ["given_name", "family_name", "birth_date", "phone", "email"];

/// The statement listing the people on `source` in the period (`$1` organisation, `$2`/`$3`
/// the period as instants, `$4`/`$5` as days). Victims only, never erased people.
fn list_sql(source: ListSource) -> &'static str {
    match source {
        ListSource::Reports => {
            "select distinct cp.person_id from reports r
             join cases c on c.id = r.case_id
             join case_people cp on cp.case_id = c.id and cp.role = 'victim'
             where r.org_id = $1 and r.created_at >= $2 and r.created_at < $3
               and $4 <= $5"
        }
        ListSource::Identification => {
            "select distinct cp.person_id from decisions d
             join cases c on c.id = d.case_id
             join case_people cp on cp.id = d.case_person_id
             where c.org_id = $1 and d.created_at >= $2 and d.created_at < $3
               and $4 <= $5"
        }
        ListSource::Police => {
            "select distinct op.person_id from operations o
             join operation_people op on op.operation_id = o.id
             where o.org_id = $1 and o.status = 'executed' and $2 <= $3
               and o.executed_on >= $4 and o.executed_on <= $5"
        }
        ListSource::Referrals => {
            "select distinct person_id from referrals
             where org_id = $1 and created_at >= $2 and created_at < $3 and $4 <= $5"
        }
        ListSource::Aftercare => {
            "select distinct person_id from care_plans
             where org_id = $1 and $2 <= $3 and opened_on >= $4 and opened_on <= $5"
        }
    }
}

#[derive(FromRow)]
struct PersonOnList {
    person_id: String,
}

/// A person as stored, the fields linkage compares still sealed.
#[derive(FromRow)]
struct PersonRow {
    id: String,
    given_name: Option<Vec<u8>>,
    family_name: Option<Vec<u8>>,
    birth_date: Option<Vec<u8>>,
    phone: Option<Vec<u8>>,
    email: Option<Vec<u8>>,
    gender: Option<String>,
}

/// One stored person with the lists they are on (bit `k`: the request's `sources[k]`).
pub(super) struct Opened {
    pub mask: usize,
    /// Plaintext of [`SEALED`] (empty when missing or unreadable), then the gender code.
    pub values: [String; 6],
}

/// The people of a run, in memory only; their values are zeroed on drop.
pub(super) struct People(pub Vec<Opened>);

impl Drop for People {
    fn drop(&mut self) {
        for p in &mut self.0 {
            for v in &mut p.values {
                v.zeroize();
            }
        }
    }
}

impl Store {
    /// The people on each of `sources` in `period` for organisation `org`, with their
    /// comparable fields opened.
    pub(super) async fn estimate_people(
        &self,
        org: &str,
        sources: &[ListSource],
        period: Period,
    ) -> Result<People, StoreError> {
        let mut masks: BTreeMap<String, usize> = BTreeMap::new();
        for (bit, &source) in sources.iter().enumerate() {
            let rows = sqlx::query_as::<_, PersonOnList>(list_sql(source))
                .bind(org)
                .bind(period.start_text())
                .bind(period.end_text())
                .bind(date_text(period.from))
                .bind(date_text(period.to))
                .fetch_all(self.pool())
                .await?;
            for r in rows {
                *masks.entry(r.person_id).or_default() |= 1 << bit;
            }
        }
        // The organisation's people in one statement (a person is recorded by the
        // organisation whose cases list them), kept only when on a list.
        let rows: Vec<PersonRow> = sqlx::query_as::<_, PersonRow>(
            "select id, given_name, family_name, birth_date, phone, email, gender
             from persons where org_id = $1 and erased_at is null order by id",
        )
        .bind(org)
        .fetch_all(self.pool())
        .await?
        .into_iter()
        .filter(|r| masks.contains_key(&r.id))
        .collect();
        let mut out = Vec::with_capacity(rows.len());
        for chunk in rows.chunks(BATCH) {
            out.extend(self.open_people(chunk, &masks).await?);
        }
        Ok(People(out))
    }

    /// Opens the comparable fields of one batch of people.
    async fn open_people(
        &self,
        rows: &[PersonRow],
        masks: &BTreeMap<String, usize>,
    ) -> Result<Vec<Opened>, StoreError> {
        let mut wanted: Vec<(&str, u32)> = Vec::new();
        for r in rows {
            for sealed in sealed_of(r).into_iter().flatten() {
                if let Some(v) = key_version_of(sealed) {
                    wanted.push((r.id.as_str(), v));
                }
            }
        }
        wanted.sort_unstable();
        wanted.dedup();
        let keys = self
            .keys()
            .get_many(self.ring(), OwnerKind::Person, &wanted)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let mut values: [String; 6] = Default::default();
            for (i, sealed) in sealed_of(r).into_iter().enumerate() {
                let Some(sealed) = sealed else { continue };
                let Some(key) = key_version_of(sealed).and_then(|v| keys.get(&(r.id.clone(), v)))
                else {
                    continue;
                };
                let at = FieldRef {
                    table: "persons",
                    column: SEALED[i],
                    row: &r.id,
                };
                if let Some(plain) = open_field(key, at, sealed) {
                    values[i] = String::from_utf8_lossy(&plain).into_owned();
                }
            }
            values[5] = r.gender.clone().unwrap_or_default();
            out.push(Opened {
                mask: masks.get(&r.id).copied().unwrap_or_default(),
                values,
            });
        }
        Ok(out)
    }
}

fn sealed_of(r: &PersonRow) -> [Option<&[u8]>; 5] {
    [
        r.given_name.as_deref(),
        r.family_name.as_deref(),
        r.birth_date.as_deref(),
        r.phone.as_deref(),
        r.email.as_deref(),
    ]
}
