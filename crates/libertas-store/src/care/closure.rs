//! Closing a survivor's care: only on the latest outcome assessment, and only when that
//! assessment is not overdue, with a written justification sealed under the person's key.
//! Closing also closes the open care plan and the assessment tasks still waiting.

use crate::audit::AuditEvent;
use crate::crypto::{key_version_of, open_field, seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::care::{next_due, ClosureJustification};
use libertas_domain::cases::decisions::parse_date;
use libertas_domain::ids::PersonId;
use libertas_domain::FieldError;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// One closure of a person's care, justification decrypted (`None` after erasure).
#[derive(Clone, Debug)]
pub struct ClosureView {
    pub id: String,
    pub assessment_id: String,
    pub justification: Option<String>,
    pub closed_by: String,
    pub closed_at: String,
}

#[derive(FromRow)]
struct AssessedRow {
    id: String,
    assessed_on: String,
}

#[derive(FromRow)]
struct ClosureRow {
    id: String,
    assessment_id: String,
    justification: Vec<u8>,
    username: String,
    closed_at: String,
}

fn field(row: &str) -> FieldRef<'_> {
    FieldRef {
        table: "care_closures",
        column: "justification",
        row,
    }
}

impl Store {
    /// Closes a person's care. Refused (400 naming `assessments`) without an assessment or
    /// when the next one is already due on `today`: the closure must rest on a current
    /// picture of how the survivor is doing. The check runs inside the write transaction.
    pub async fn close_care(
        &self,
        p: &Principal,
        person: PersonId,
        justification: &ClosureJustification,
        today: Date,
        reason: &str,
    ) -> Result<ClosureView, StoreError> {
        self.check_person_member(p, person).await?;
        let pid = person.to_string();
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Person, &pid, 1)
            .await?
            .ok_or(StoreError::NotFound)?;
        let id = Uuid::now_v7().to_string();
        let sealed = seal_field(&key, 1, field(&id), justification.as_str().as_bytes());
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        let rows = sqlx::query(
            "select id, assessed_on from assessments where person_id = $1
             order by assessed_on, recorded_at, id",
        )
        .bind(&pid)
        .fetch_all(tx.conn()?)
        .await?;
        let rows = rows
            .iter()
            .map(AssessedRow::from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let dates = rows
            .iter()
            .map(|r| {
                parse_date("assessed_on", &r.assessed_on)
                    .map_err(|_| StoreError::Internal("bad assessment date".into()))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let missing = || {
            StoreError::Conflicting(FieldError::new(
                "assessments",
                "closing care needs a current outcome assessment",
            ))
        };
        let (Some(first), Some(latest), Some(last_row)) =
            (dates.iter().min(), dates.iter().max(), rows.last())
        else {
            return Err(missing());
        };
        if next_due(*first, *latest) <= today {
            return Err(missing());
        }
        let assessment_id = last_row.id.clone();
        sqlx::query(
            "insert into care_closures (id, person_id, org_id, assessment_id, justification, closed_by, closed_at)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&pid)
        .bind(p.org_id.to_string())
        .bind(&assessment_id)
        .bind(sealed)
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        // Care has ended: the open care plan closes, and no assessment is due any more.
        let plans = sqlx::query(
            "update care_plans set status = 'closed' where person_id = $1 and status = 'open'",
        )
        .bind(&pid)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        let tasks = sqlx::query(
            "update tasks set status = 'done', done_by = $1, done_at = $2
             where kind = 'assessment_due' and status = 'open'
               and case_person_id in (select id from case_people where person_id = $3)",
        )
        .bind(p.user_id.to_string())
        .bind(&now)
        .bind(&pid)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        tx.audit(
            AuditEvent::new("care.close", "care_closure", Some(id.clone()), reason).detail(
                serde_json::json!({
                    "person_id": pid, "assessment_id": assessment_id,
                    "plans_closed": plans, "tasks_closed": tasks
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(ClosureView {
            id,
            assessment_id,
            justification: Some(justification.as_str().to_owned()),
            closed_by: p.username.clone(),
            closed_at: now,
        })
    }

    /// A person's care closures, oldest first, justifications decrypted. Audited.
    pub async fn care_closures(
        &self,
        p: &Principal,
        person: PersonId,
        reason: &str,
    ) -> Result<Vec<ClosureView>, StoreError> {
        self.check_person_member(p, person).await?;
        let pid = person.to_string();
        let rows = sqlx::query(
            "select c.id, c.assessment_id, c.justification, u.username, c.closed_at
             from care_closures c join users u on u.id = c.closed_by
             where c.person_id = $1 order by c.closed_at, c.id",
        )
        .bind(&pid)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let r = ClosureRow::from_row(r)?;
            let (id, sealed) = (r.id, r.justification);
            let version = key_version_of(&sealed).ok_or(StoreError::Crypto("closure header"))?;
            let key = self
                .keys()
                .get(self.ring(), OwnerKind::Person, &pid, version)
                .await?;
            let justification = match key {
                Some(k) => {
                    let plain = open_field(&k, field(&id), &sealed)
                        .ok_or(StoreError::Crypto("closure justification"))?;
                    Some(
                        String::from_utf8(plain.to_vec())
                            .map_err(|_| StoreError::Crypto("closure utf-8"))?,
                    )
                }
                None => None,
            };
            out.push(ClosureView {
                id,
                assessment_id: r.assessment_id,
                justification,
                closed_by: r.username,
                closed_at: r.closed_at,
            });
        }
        self.record(
            p.into(),
            vec![
                AuditEvent::new("care.closure.read", "person", Some(pid), reason)
                    .detail(serde_json::json!({ "count": out.len() })),
            ],
        )
        .await?;
        Ok(out)
    }
}
