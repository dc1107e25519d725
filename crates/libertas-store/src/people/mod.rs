//! People and their part in cases.
//!
//! Each person's personal values are sealed under that person's own data key, so erasing one
//! person destroys exactly their data and nobody else's. Phone numbers, e-mail addresses and
//! identity numbers also get blind-index rows (keyed hashes of the normal form) for exact
//! look-up without plaintext; names and birth dates get search-index rows (see [`search`]).

pub mod dedupe;
mod erase;
mod list;
mod read;
pub mod search;

pub use erase::Erasure;
pub use list::{PeopleList, PEOPLE_PAGE_SIZE};
pub use read::{PersonCaseLink, PersonView};

use crate::audit::AuditEvent;
use crate::crypto::{seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::tx::WriteTx;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{CaseId, CasePersonId, OrgId, PersonId};
use libertas_domain::people::{normalise_identity_number, NewPerson};
use uuid::Uuid;

/// The sealed columns of `persons`.
pub(crate) const SEALED_COLUMNS: [&str; 6] = [
    "given_name",
    "family_name",
    "birth_date",
    "phone",
    "email",
    "identity_numbers",
];

pub(crate) fn seal(
    key: &DataKey,
    person: &str,
    column: &str,
    value: Option<&str>,
) -> Option<Vec<u8>> {
    value.map(|v| {
        seal_field(
            key,
            1,
            FieldRef {
                table: "persons",
                column,
                row: person,
            },
            v.as_bytes(),
        )
    })
}

impl Store {
    /// Adds a new person to a case with a role.
    pub async fn add_person(
        &self,
        p: &Principal,
        case: CaseId,
        person: &NewPerson,
        reason: &str,
    ) -> Result<(PersonId, CasePersonId), StoreError> {
        person.check()?;
        self.check_member(p, case).await?;
        let id = PersonId::from_uuid(Uuid::now_v7());
        let pid = id.to_string();
        let key = self
            .keys()
            .create(self.ring(), OwnerKind::Person, &pid)
            .await?;
        let birth = person.birth_date.map(|b| b.to_iso());
        let ids_json = (!person.identity_numbers.is_empty())
            .then(|| serde_json::to_string(&person.identity_numbers).unwrap_or_default());
        let citizenship: Vec<&str> = person.citizenship.iter().map(|c| c.as_str()).collect();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into persons (id, org_id, given_name, family_name, birth_date, phone, email, identity_numbers,
                gender, citizenship, languages, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(&pid)
        .bind(p.org_id.to_string())
        .bind(seal(&key, &pid, "given_name", Some(person.given_name.as_str())))
        .bind(seal(&key, &pid, "family_name", Some(person.family_name.as_str())))
        .bind(seal(&key, &pid, "birth_date", birth.as_deref()))
        .bind(seal(&key, &pid, "phone", person.phone.as_ref().map(|x| x.as_str())))
        .bind(seal(&key, &pid, "email", person.email.as_ref().map(|x| x.as_str())))
        .bind(seal(&key, &pid, "identity_numbers", ids_json.as_deref()))
        .bind(person.gender.map(|g| g.as_str()))
        .bind((!citizenship.is_empty()).then(|| citizenship.join(",")))
        .bind((!person.languages.is_empty()).then(|| person.languages.join(",")))
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        let mut indexed = vec![];
        if let Some(phone) = &person.phone {
            indexed.push(("phone", phone.normalised().to_owned()));
        }
        if let Some(email) = &person.email {
            indexed.push(("email", email.normalised().to_owned()));
        }
        for n in person
            .identity_numbers
            .iter()
            .filter_map(|n| normalise_identity_number(n))
        {
            indexed.push(("identity_number", n));
        }
        for (kind, value) in &indexed {
            self.insert_blind_index(&mut tx, p.org_id, &pid, kind, value)
                .await?;
        }
        self.write_search_terms(
            &mut tx,
            &p.org_id.to_string(),
            &pid,
            Some((person.given_name.as_str(), person.family_name.as_str())),
            birth.as_deref(),
        )
        .await?;
        let link = CasePersonId::from_uuid(Uuid::now_v7());
        sqlx::query(
            "insert into case_people (id, case_id, person_id, role, trafficking_status, created_at)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(link.to_string())
        .bind(case.to_string())
        .bind(&pid)
        .bind(person.role.as_str())
        .bind(person.trafficking_status.map(|s| s.as_str()))
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        sqlx::query("update cases set updated_at = $1 where id = $2")
            .bind(&now)
            .bind(case.to_string())
            .execute(tx.conn()?)
            .await?;
        let fields: Vec<&str> = [
            Some("given_name"),
            Some("family_name"),
            birth.as_ref().map(|_| "birth_date"),
            person.phone.as_ref().map(|_| "phone"),
            person.email.as_ref().map(|_| "email"),
            ids_json.as_ref().map(|_| "identity_numbers"),
        ]
        .into_iter()
        .flatten()
        .collect();
        tx.audit(
            AuditEvent::new("person.create", "person", Some(pid.clone()), reason)
                .detail(serde_json::json!({ "case_id": case.to_string(), "role": person.role.as_str(), "fields": fields })),
        )
        .await?;
        tx.commit().await?;
        Ok((id, link))
    }

    async fn insert_blind_index(
        &self,
        tx: &mut WriteTx<'_>,
        org: OrgId,
        person: &str,
        kind: &str,
        value: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "insert into blind_index (person_id, org_id, kind, digest) values ($1, $2, $3, $4)
             on conflict do nothing",
        )
        .bind(person)
        .bind(org.to_string())
        .bind(kind)
        .bind(self.ring().blind_index(kind, value))
        .execute(tx.conn()?)
        .await?;
        Ok(())
    }

    /// How many people of the caller's organisation carry this normalised identifier
    /// (`kind` is `phone`, `email` or `identity_number`). Counts only: no identities. The
    /// count covers cases the caller is not a member of, so it spends one look-up of the
    /// caller's budget (`search::budget`) and is audited as `lookup.elsewhere`.
    pub async fn count_by_identifier(
        &self,
        p: &Principal,
        kind: &str,
        normalised: &str,
    ) -> Result<i64, StoreError> {
        super::cases::require_case_work(p)?;
        self.lookup_budget(p, search::LookupPath::IdentifierCount)
            .await?;
        let n: i64 = sqlx::query_scalar("select count(distinct person_id) from blind_index where org_id = $1 and kind = $2 and digest = $3")
            .bind(p.org_id.to_string())
            .bind(kind)
            .bind(self.ring().blind_index(kind, normalised))
            .fetch_one(self.pool())
            .await?;
        let lookup = search::Lookup {
            path: search::LookupPath::IdentifierCount,
            question: &format!("{kind}={normalised}"),
            detail: serde_json::json!({ "kind": kind, "matches": n }),
        };
        self.spend_lookup(
            p,
            lookup,
            vec![],
            "count the people who carry an identifier",
        )
        .await?;
        Ok(n)
    }
}
