//! Operations with authorities: planned, then executed (with the victims brought to safety)
//! or cancelled. Name, location and outcome are narrative, sealed under the case key.

use crate::audit::AuditEvent;
use crate::crypto::{seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::cases::operations::{
    check_executed_on, NewOperation, OperationEnd, OperationStatus,
};
use libertas_domain::ids::CaseId;
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// A victim brought to safety by an operation.
#[derive(Clone, Debug, Serialize)]
pub struct RescuedPerson {
    pub person_id: String,
    pub name: Option<String>,
}

/// An operation as the members of its case see it.
#[derive(Clone, Debug, Serialize)]
pub struct OperationView {
    pub id: String,
    pub case_id: String,
    pub name: String,
    pub agencies: Vec<String>,
    pub location: String,
    pub status: OperationStatus,
    pub planned_on: String,
    pub executed_on: Option<String>,
    pub outcome: Option<String>,
    pub people: Vec<RescuedPerson>,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

fn at<'a>(row: &'a str, column: &'a str) -> FieldRef<'a> {
    FieldRef {
        table: "operations",
        column,
        row,
    }
}

fn bad(what: &str) -> StoreError {
    StoreError::Internal(format!("bad operation {what}"))
}

const SELECT: &str = "select o.id, o.case_id, o.name, o.agencies, o.location, o.status,
        o.planned_on, o.executed_on, o.outcome, u.username, o.created_at, o.updated_at
     from operations o join users u on u.id = o.created_by";

/// A row of [`SELECT`].
#[derive(FromRow)]
struct OperationRow {
    id: String,
    case_id: String,
    name: Vec<u8>,
    agencies: String,
    location: Vec<u8>,
    status: String,
    planned_on: String,
    executed_on: Option<String>,
    outcome: Option<Vec<u8>>,
    username: String,
    created_at: String,
    updated_at: String,
}

#[derive(FromRow)]
struct StatusRow {
    status: String,
    planned_on: String,
}

impl Store {
    /// Plans an operation of a case (members only).
    pub async fn create_operation(
        &self,
        p: &Principal,
        case: CaseId,
        new: &NewOperation,
        reason: &str,
    ) -> Result<OperationView, StoreError> {
        let NewOperation {
            name,
            agencies,
            location,
            planned_on,
        } = new;
        let planned_on = *planned_on;
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Case, &cid, 1)
            .await?
            .ok_or(StoreError::Crypto("case key missing"))?;
        let id = Uuid::now_v7().to_string();
        let codes: Vec<&str> = agencies.iter().map(|a| a.as_str()).collect();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into operations (id, org_id, case_id, name, agencies, location, status,
                planned_on, created_by, created_at, updated_by, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10)",
        )
        .bind(&id)
        .bind(p.org_id.to_string())
        .bind(&cid)
        .bind(seal_field(
            &key,
            1,
            at(&id, "name"),
            name.as_str().as_bytes(),
        ))
        .bind(codes.join(","))
        .bind(seal_field(
            &key,
            1,
            at(&id, "location"),
            location.as_str().as_bytes(),
        ))
        .bind(OperationStatus::Planned.as_str())
        .bind(date_text(planned_on))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("operation.create", "operation", Some(id.clone()), reason)
                .detail(serde_json::json!({ "case_id": cid, "agencies": codes })),
        )
        .await?;
        tx.commit().await?;
        Ok(OperationView {
            id,
            case_id: cid,
            name: name.as_str().to_owned(),
            agencies: codes.iter().map(|c| (*c).to_owned()).collect(),
            location: location.as_str().to_owned(),
            status: OperationStatus::Planned,
            planned_on: date_text(planned_on),
            executed_on: None,
            outcome: None,
            people: vec![],
            created_by: p.username.clone(),
            created_at: now.clone(),
            updated_at: now,
        })
    }

    /// A case's operations, by planned date (members only); the read is audited.
    pub async fn operations(
        &self,
        p: &Principal,
        case: CaseId,
        reason: &str,
    ) -> Result<Vec<OperationView>, StoreError> {
        self.check_member(p, case).await?;
        let sql =
            format!("{SELECT} where o.case_id = $1 and o.org_id = $2 order by o.planned_on, o.id");
        let rows = sqlx::query(&sql)
            .bind(case.to_string())
            .bind(p.org_id.to_string())
            .fetch_all(self.pool())
            .await?;
        let mut out = vec![];
        for r in &rows {
            out.push(self.operation_from_row(r).await?);
        }
        self.record(
            p.into(),
            vec![
                AuditEvent::new("operation.list", "case", Some(case.to_string()), reason)
                    .detail(serde_json::json!({ "count": out.len() })),
            ],
        )
        .await?;
        Ok(out)
    }

    /// The case of an operation, if it belongs to the caller's organisation.
    async fn operation_case(&self, p: &Principal, id: &str) -> Result<CaseId, StoreError> {
        super::require_case_work(p)?;
        let case: String =
            sqlx::query_scalar("select case_id from operations where id = $1 and org_id = $2")
                .bind(id)
                .bind(p.org_id.to_string())
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::NotFound)?;
        let case: CaseId = case.parse().map_err(|_| bad("case"))?;
        self.check_member(p, case).await?;
        Ok(case)
    }

    /// One operation (members of its case only); the read is audited.
    pub async fn operation(
        &self,
        p: &Principal,
        id: &str,
        reason: &str,
    ) -> Result<OperationView, StoreError> {
        self.operation_case(p, id).await?;
        let v = self.load_operation(id).await?;
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "operation.read",
                "operation",
                Some(id.to_owned()),
                reason,
            )],
        )
        .await?;
        Ok(v)
    }

    /// Ends a planned operation: executed (on a date not before the planned one and not in
    /// the future, with the case's victims brought to safety) or cancelled (no people).
    pub async fn end_operation(
        &self,
        p: &Principal,
        id: &str,
        end: &OperationEnd,
        today: Date,
        reason: &str,
    ) -> Result<OperationView, StoreError> {
        let case = self.operation_case(p, id).await?;
        let cid = case.to_string();
        let row = sqlx::query_as::<_, StatusRow>(
            "select status, planned_on from operations where id = $1",
        )
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        let from = OperationStatus::parse(&row.status).map_err(|_| bad("status"))?;
        let planned = parse_date("planned_on", &row.planned_on).map_err(|_| bad("planned_on"))?;
        if !from.can_move_to(end.status) {
            return Err(StoreError::Conflicting(FieldError::new(
                "status",
                format!(
                    "a {} operation cannot become {}",
                    from.as_str(),
                    end.status.as_str()
                ),
            )));
        }
        let executed_on = match end.status {
            OperationStatus::Executed => {
                let on = end.executed_on.ok_or_else(|| {
                    FieldError::new("executed_on", "give the date it was executed")
                })?;
                check_executed_on(planned, on, today)?;
                Some(on)
            }
            _ => {
                if end.executed_on.is_some() {
                    return Err(FieldError::new(
                        "executed_on",
                        "only an executed operation has an execution date",
                    )
                    .into());
                }
                if !end.people.is_empty() {
                    return Err(FieldError::new(
                        "people",
                        "only an executed operation brings people to safety",
                    )
                    .into());
                }
                None
            }
        };
        for (i, person) in end.people.iter().enumerate() {
            let victim = sqlx::query(
                "select 1 from case_people where case_id = $1 and person_id = $2 and role = 'victim'",
            )
            .bind(&cid)
            .bind(person.to_string())
            .fetch_optional(self.pool())
            .await?;
            if victim.is_none() {
                return Err(FieldError::new(
                    format!("people[{i}]"),
                    "is not a victim of this case",
                )
                .into());
            }
        }
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Case, &cid, 1)
            .await?
            .ok_or(StoreError::Crypto("case key missing"))?;
        let outcome = end
            .outcome
            .as_ref()
            .map(|o| seal_field(&key, 1, at(id, "outcome"), o.as_str().as_bytes()));
        let mut tx = self.write(p.into()).await?;
        let changed = sqlx::query(
            "update operations set status = $1, executed_on = $2, outcome = $3, updated_by = $4,
                updated_at = $5 where id = $6 and status = $7",
        )
        .bind(end.status.as_str())
        .bind(executed_on.map(date_text))
        .bind(outcome)
        .bind(p.user_id.to_string())
        .bind(clock::now_text())
        .bind(id)
        .bind(from.as_str())
        .execute(tx.conn()?)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::Conflict(
                "the operation changed meanwhile; reload it",
            ));
        }
        let mut seen = vec![];
        for person in &end.people {
            if seen.contains(person) {
                continue;
            }
            seen.push(*person);
            sqlx::query("insert into operation_people (operation_id, person_id) values ($1, $2)")
                .bind(id)
                .bind(person.to_string())
                .execute(tx.conn()?)
                .await?;
        }
        let action = if end.status == OperationStatus::Executed {
            "operation.execute"
        } else {
            "operation.cancel"
        };
        tx.audit(
            AuditEvent::new(action, "operation", Some(id.to_owned()), reason).detail(
                serde_json::json!({ "case_id": cid, "people": seen.iter().map(|p| p.to_string()).collect::<Vec<_>>() }),
            ),
        )
        .await?;
        tx.commit().await?;
        self.load_operation(id).await
    }

    /// One operation as stored, for callers that have checked access and audit themselves.
    async fn load_operation(&self, id: &str) -> Result<OperationView, StoreError> {
        let sql = format!("{SELECT} where o.id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_one(self.pool()).await?;
        self.operation_from_row(&row).await
    }

    async fn operation_from_row(&self, r: &sqlx::any::AnyRow) -> Result<OperationView, StoreError> {
        let r = OperationRow::from_row(r)?;
        let (id, cid) = (r.id, r.case_id);
        let name = self
            .open_case_field(&cid, "operations", "name", &id, &r.name)
            .await?;
        let location = self
            .open_case_field(&cid, "operations", "location", &id, &r.location)
            .await?;
        let outcome = match r.outcome {
            Some(o) => {
                self.open_case_field(&cid, "operations", "outcome", &id, &o)
                    .await?
            }
            None => None,
        };
        let rows: Vec<String> = sqlx::query_scalar(
            "select person_id from operation_people where operation_id = $1 order by person_id",
        )
        .bind(&id)
        .fetch_all(self.pool())
        .await?;
        let mut people = vec![];
        for pid in rows {
            let name = self.person_basics(&pid).await?.name;
            people.push(RescuedPerson {
                person_id: pid,
                name,
            });
        }
        Ok(OperationView {
            case_id: cid,
            name: name.unwrap_or_default(),
            agencies: r
                .agencies
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            location: location.unwrap_or_default(),
            status: OperationStatus::parse(&r.status).map_err(|_| bad("status"))?,
            planned_on: r.planned_on,
            executed_on: r.executed_on,
            outcome,
            people,
            created_by: r.username,
            created_at: r.created_at,
            updated_at: r.updated_at,
            id,
        })
    }
}
