//! Suspects of a case and their HTCDS roles in the trafficking process.
//!
//! A suspect is a `case_people` row with role `suspect`; names live (sealed under the person's
//! key) in `persons`. Roles are plain codes in `suspect_roles`, replaced as a set.

use crate::audit::AuditEvent;
use crate::crypto::{key_version_of, open_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::ids::{CaseId, PersonId};
use libertas_domain::justice::suspects::SuspectRole;
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;

/// A suspect of a case with their roles. `name` is `None` once the person was erased.
#[derive(Clone, Debug, Serialize)]
pub struct SuspectView {
    pub person_id: PersonId,
    pub case_person_id: String,
    pub name: Option<String>,
    pub roles: Vec<SuspectRole>,
}

/// Writers of proceedings: the role must carry `Prosecute` (else `Forbidden`).
pub(crate) fn require_prosecute(p: &Principal) -> Result<(), StoreError> {
    crate::cases::require_case_work(p)?;
    if p.can(Capability::Prosecute) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

#[derive(FromRow)]
struct CasePersonRow {
    id: String,
    person_id: String,
}

/// A person's sealed name and whether they were erased.
#[derive(FromRow)]
struct NameRow {
    given_name: Option<Vec<u8>>,
    family_name: Option<Vec<u8>>,
    erased_at: Option<String>,
}

impl Store {
    /// The suspects of `case` (members only), names decrypted; one `person.read` audit event
    /// per suspect (or one `suspect.list` when there are none) before anything is returned.
    pub async fn suspects(
        &self,
        p: &Principal,
        case: CaseId,
        reason: &str,
    ) -> Result<Vec<SuspectView>, StoreError> {
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let rows = sqlx::query_as::<_, CasePersonRow>(
            "select cp.id, cp.person_id from case_people cp
             where cp.case_id = $1 and cp.role = 'suspect' order by cp.created_at, cp.id",
        )
        .bind(&cid)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        let mut events = vec![];
        for r in rows {
            let (cp, pid) = (r.id, r.person_id);
            out.push(SuspectView {
                person_id: pid
                    .parse()
                    .map_err(|_| StoreError::Internal("bad person id".into()))?,
                name: self.person_name(&pid).await?,
                roles: self.roles_of(&cp).await?,
                case_person_id: cp,
            });
            events.push(
                AuditEvent::new("person.read", "person", Some(pid), reason)
                    .detail(serde_json::json!({ "case_id": cid, "as": "suspect" })),
            );
        }
        events.push(
            AuditEvent::new("suspect.list", "case", Some(cid), reason)
                .detail(serde_json::json!({ "count": out.len() })),
        );
        self.record(p.into(), events).await?;
        Ok(out)
    }

    /// The victims of `case` (person id and name) for restitution forms; one `person.read`
    /// audit event per victim before anything is returned.
    pub async fn case_victims(
        &self,
        p: &Principal,
        case: CaseId,
        reason: &str,
    ) -> Result<Vec<(PersonId, Option<String>)>, StoreError> {
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let rows: Vec<String> = sqlx::query_scalar(
            "select person_id from case_people where case_id = $1 and role = 'victim'
             order by created_at, id",
        )
        .bind(&cid)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        let mut events = vec![];
        for pid in rows {
            out.push((
                pid.parse()
                    .map_err(|_| StoreError::Internal("bad person id".into()))?,
                self.person_name(&pid).await?,
            ));
            events.push(
                AuditEvent::new("person.read", "person", Some(pid), reason)
                    .detail(serde_json::json!({ "case_id": cid, "as": "victim" })),
            );
        }
        if !events.is_empty() {
            self.record(p.into(), events).await?;
        }
        Ok(out)
    }

    /// Replaces the roles of suspect `person` in `case` (investigator, legal or admin members).
    /// A person who is not a suspect of the case is a 404, like any object out of reach.
    pub async fn set_suspect_roles(
        &self,
        p: &Principal,
        case: CaseId,
        person: PersonId,
        roles: &[SuspectRole],
        reason: &str,
    ) -> Result<Vec<SuspectRole>, StoreError> {
        require_prosecute(p)?;
        self.check_member(p, case).await?;
        let cp = self
            .case_person_of(case, &person.to_string(), "suspect")
            .await?
            .ok_or(StoreError::NotFound)?;
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query("delete from suspect_roles where case_person_id = $1")
            .bind(&cp)
            .execute(tx.conn()?)
            .await?;
        for r in roles {
            sqlx::query(
                "insert into suspect_roles (case_person_id, role, set_by, set_at)
                 values ($1, $2, $3, $4)",
            )
            .bind(&cp)
            .bind(r.as_str())
            .bind(p.user_id.to_string())
            .bind(&now)
            .execute(tx.conn()?)
            .await?;
        }
        let codes: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        tx.audit(
            AuditEvent::new(
                "suspect.roles.set",
                "person",
                Some(person.to_string()),
                reason,
            )
            .detail(serde_json::json!({ "case_id": case.to_string(), "roles": codes })),
        )
        .await?;
        tx.commit().await?;
        Ok(roles.to_vec())
    }

    /// The `case_people` id of `person` in `case` with `role`, if there is one.
    pub(crate) async fn case_person_of(
        &self,
        case: CaseId,
        person: &str,
        role: &str,
    ) -> Result<Option<String>, StoreError> {
        if uuid::Uuid::parse_str(person).is_err() {
            return Ok(None);
        }
        Ok(sqlx::query_scalar(
            "select id from case_people where case_id = $1 and person_id = $2 and role = $3",
        )
        .bind(case.to_string())
        .bind(person)
        .bind(role)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Like [`Store::case_person_of`], but a miss is a 400 naming `field`.
    pub(crate) async fn case_person_field(
        &self,
        case: CaseId,
        person: &str,
        role: &str,
        field: &str,
    ) -> Result<String, StoreError> {
        self.case_person_of(case, person, role)
            .await?
            .ok_or_else(|| {
                StoreError::Invalid(FieldError::new(
                    field,
                    format!("must be the person id of a {role} of this case"),
                ))
            })
    }

    async fn roles_of(&self, case_person: &str) -> Result<Vec<SuspectRole>, StoreError> {
        let rows: Vec<String> =
            sqlx::query_scalar("select role from suspect_roles where case_person_id = $1")
                .bind(case_person)
                .fetch_all(self.pool())
                .await?;
        let mut out = Vec::with_capacity(rows.len());
        for code in rows {
            out.push(
                SuspectRole::parse(&code)
                    .map_err(|_| StoreError::Internal("bad suspect role".into()))?,
            );
        }
        out.sort();
        Ok(out)
    }

    /// "Given Family" of a person, decrypted with their key; `None` once erased. The caller
    /// checks access and audits the read.
    pub(crate) async fn person_name(&self, person: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query_as::<_, NameRow>(
            "select given_name, family_name, erased_at from persons where id = $1",
        )
        .bind(person)
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else { return Ok(None) };
        let (erased, given, family) = (r.erased_at, r.given_name, r.family_name);
        let Some(version) = given.as_deref().and_then(key_version_of) else {
            return Ok(None);
        };
        if erased.is_some() {
            return Ok(None);
        }
        let Some(key) = self
            .keys()
            .get(self.ring(), OwnerKind::Person, person, version)
            .await?
        else {
            return Ok(None);
        };
        let open = |column: &str, v: &Option<Vec<u8>>| -> Option<String> {
            let plain = open_field(
                &key,
                FieldRef {
                    table: "persons",
                    column,
                    row: person,
                },
                v.as_deref()?,
            )?;
            String::from_utf8(plain.to_vec()).ok()
        };
        let parts: Vec<String> = [open("given_name", &given), open("family_name", &family)]
            .into_iter()
            .flatten()
            .collect();
        Ok((!parts.is_empty()).then(|| parts.join(" ")))
    }
}
