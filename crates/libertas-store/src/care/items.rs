//! The contents of a care plan: goals, services and their deliveries, with status changes.
//! Each write checks access through the plan's person, seals its text under that person's
//! key and carries its audit event in the same transaction.

use super::plans::{bad, day, DeliveryView, GoalView, ServiceView};
use super::sealed::seal;
use crate::audit::AuditEvent;
use crate::tx::WriteTx;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::care::{
    check_end, CareGoalId, CarePlanId, CareServiceId, GoalStatus, NewDelivery, NewGoal, NewService,
    ServiceStatus,
};
use libertas_domain::cases::decisions::date_text;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

#[derive(FromRow)]
struct GoalStatusRow {
    plan_id: String,
    status: String,
}

#[derive(FromRow)]
struct ServiceStartRow {
    plan_id: String,
    start_date: String,
}

fn closed_plan() -> StoreError {
    StoreError::Conflict("the care plan is closed")
}

/// Refuses any change to a closed plan (409). Read inside the write transaction, so a
/// closure committed a moment earlier counts.
async fn require_open(tx: &mut WriteTx<'_>, plan: CarePlanId) -> Result<(), StoreError> {
    let status: Option<String> = sqlx::query_scalar("select status from care_plans where id = $1")
        .bind(plan.to_string())
        .fetch_optional(tx.conn()?)
        .await?;
    match status.as_deref() {
        Some("open") => Ok(()),
        Some(_) => Err(closed_plan()),
        None => Err(StoreError::NotFound),
    }
}

impl Store {
    /// Adds a goal to an open plan.
    pub async fn add_care_goal(
        &self,
        p: &Principal,
        plan: CarePlanId,
        goal: &NewGoal,
        reason: &str,
    ) -> Result<GoalView, StoreError> {
        let (pid, status) = self.plan_person(p, plan).await?;
        if status != "open" {
            return Err(closed_plan());
        }
        let key = self.person_key(&pid).await?;
        let goal_id = CareGoalId::from_uuid(Uuid::now_v7());
        let id = goal_id.to_string();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        require_open(&mut tx, plan).await?;
        sqlx::query(
            "insert into care_goals (id, plan_id, domain, text, target_date, status, created_by,
                created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        )
        .bind(&id)
        .bind(plan.to_string())
        .bind(goal.domain)
        .bind(seal(&key, "care_goals", "text", &id, goal.text.as_str()))
        .bind(goal.target_date.map(date_text))
        .bind(goal.status.as_str())
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("care_goal.create", "care_goal", Some(id.clone()), reason)
                .detail(serde_json::json!({ "plan_id": plan, "domain": goal.domain })),
        )
        .await?;
        tx.commit().await?;
        Ok(GoalView {
            id: goal_id,
            plan_id: plan,
            domain: goal.domain.to_owned(),
            text: Some(goal.text.as_str().to_owned()),
            target_date: goal.target_date,
            status: goal.status,
            updated_at: now,
        })
    }

    /// Moves a goal to another status.
    pub async fn set_care_goal_status(
        &self,
        p: &Principal,
        goal: CareGoalId,
        status: GoalStatus,
        reason: &str,
    ) -> Result<GoalView, StoreError> {
        let gid = goal.to_string();
        let row = sqlx::query_as::<_, GoalStatusRow>(
            "select plan_id, status from care_goals where id = $1",
        )
        .bind(&gid)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let GoalStatusRow {
            plan_id: plan,
            status: from,
        } = row;
        let plan: CarePlanId = plan.parse().map_err(|_| bad("goal"))?;
        let (pid, _) = self.plan_person(p, plan).await?;
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        require_open(&mut tx, plan).await?;
        sqlx::query("update care_goals set status = $1, updated_at = $2 where id = $3")
            .bind(status.as_str())
            .bind(&now)
            .bind(&gid)
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new("care_goal.status", "care_goal", Some(gid.clone()), reason).detail(
                serde_json::json!({ "plan_id": plan, "from": from, "to": status.as_str() }),
            ),
        )
        .await?;
        tx.commit().await?;
        self.load_goals(&pid, plan)
            .await?
            .into_iter()
            .find(|g| g.id == goal)
            .ok_or(StoreError::NotFound)
    }

    /// Adds a service to an open plan.
    pub async fn add_care_service(
        &self,
        p: &Principal,
        plan: CarePlanId,
        service: &NewService,
        reason: &str,
    ) -> Result<ServiceView, StoreError> {
        service.check()?;
        let (pid, status) = self.plan_person(p, plan).await?;
        if status != "open" {
            return Err(closed_plan());
        }
        let key = self.person_key(&pid).await?;
        let service_id = CareServiceId::from_uuid(Uuid::now_v7());
        let id = service_id.to_string();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        require_open(&mut tx, plan).await?;
        sqlx::query(
            "insert into care_services (id, plan_id, service_type, provider, start_date, end_date,
                status, created_by, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        )
        .bind(&id)
        .bind(plan.to_string())
        .bind(service.service_type.as_str())
        .bind(seal(
            &key,
            "care_services",
            "provider",
            &id,
            service.provider.as_str(),
        ))
        .bind(date_text(service.start_date))
        .bind(service.end_date.map(date_text))
        .bind(service.status.as_str())
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "care_service.create",
                "care_service",
                Some(id.clone()),
                reason,
            )
            .detail(serde_json::json!({
                "plan_id": plan, "service_type": service.service_type.as_str()
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(ServiceView {
            id: service_id,
            plan_id: plan,
            service_type: service.service_type,
            provider: Some(service.provider.as_str().to_owned()),
            start_date: service.start_date,
            end_date: service.end_date,
            status: service.status,
            updated_at: now,
            deliveries: vec![],
        })
    }

    /// The plan's person and the service's start date, after the access check.
    async fn service_person(
        &self,
        p: &Principal,
        service: &str,
    ) -> Result<(String, CarePlanId, Date), StoreError> {
        let row = sqlx::query_as::<_, ServiceStartRow>(
            "select plan_id, start_date from care_services where id = $1",
        )
        .bind(service)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let plan: CarePlanId = row.plan_id.parse().map_err(|_| bad("service"))?;
        let start = day(&row.start_date)?;
        let (pid, _) = self.plan_person(p, plan).await?;
        Ok((pid, plan, start))
    }

    async fn one_service(&self, pid: &str, service: &str) -> Result<ServiceView, StoreError> {
        self.load_services(pid, "s.id", service)
            .await?
            .pop()
            .ok_or_else(|| bad("service"))
    }

    /// Moves a service to another status, optionally setting its end date (never before
    /// its start: 400 naming `end_date`).
    pub async fn set_care_service_status(
        &self,
        p: &Principal,
        service: CareServiceId,
        status: ServiceStatus,
        end_date: Option<Date>,
        reason: &str,
    ) -> Result<ServiceView, StoreError> {
        let sid = service.to_string();
        let (pid, plan, start) = self.service_person(p, &sid).await?;
        check_end(start, end_date)?;
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        require_open(&mut tx, plan).await?;
        let from: String = sqlx::query_scalar("select status from care_services where id = $1")
            .bind(&sid)
            .fetch_one(tx.conn()?)
            .await?;
        sqlx::query(
            "update care_services set status = $1, end_date = coalesce($2, end_date), updated_at = $3
             where id = $4",
        )
        .bind(status.as_str())
        .bind(end_date.map(date_text))
        .bind(&now)
        .bind(&sid)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "care_service.status",
                "care_service",
                Some(sid.clone()),
                reason,
            )
            .detail(serde_json::json!({ "plan_id": plan, "from": from, "to": status.as_str() })),
        )
        .await?;
        tx.commit().await?;
        self.one_service(&pid, &sid).await
    }

    /// Records one delivery of a service (on or after its start, not in the future).
    pub async fn add_care_delivery(
        &self,
        p: &Principal,
        service: CareServiceId,
        delivery: &NewDelivery,
        today: Date,
        reason: &str,
    ) -> Result<DeliveryView, StoreError> {
        let sid = service.to_string();
        let (pid, plan, start) = self.service_person(p, &sid).await?;
        delivery.check(start, today)?;
        let key = self.person_key(&pid).await?;
        let id = Uuid::now_v7().to_string();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        require_open(&mut tx, plan).await?;
        sqlx::query(
            "insert into care_deliveries (id, service_id, delivered_on, delivered, note,
                recorded_by, recorded_at)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&sid)
        .bind(date_text(delivery.delivered_on))
        .bind(seal(
            &key,
            "care_deliveries",
            "delivered",
            &id,
            delivery.delivered.as_str(),
        ))
        .bind(
            delivery
                .note
                .as_ref()
                .map(|n| seal(&key, "care_deliveries", "note", &id, n.as_str())),
        )
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "care_delivery.create",
                "care_delivery",
                Some(id.clone()),
                reason,
            )
            .detail(serde_json::json!({ "plan_id": plan, "service_id": sid })),
        )
        .await?;
        tx.commit().await?;
        Ok(DeliveryView {
            id,
            service_id: service,
            delivered_on: delivery.delivered_on,
            delivered: Some(delivery.delivered.as_str().to_owned()),
            note: delivery.note.as_ref().map(|n| n.as_str().to_owned()),
            recorded_by: p.username.clone(),
            recorded_at: now,
        })
    }

    /// One service with its deliveries. Audited.
    pub async fn care_service(
        &self,
        p: &Principal,
        service: CareServiceId,
        reason: &str,
    ) -> Result<ServiceView, StoreError> {
        let sid = service.to_string();
        let (pid, _, _) = self.service_person(p, &sid).await?;
        let v = self.one_service(&pid, &sid).await?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("care_service.read", "care_service", Some(sid), reason)
                    .detail(serde_json::json!({ "person_id": pid })),
            ],
        )
        .await?;
        Ok(v)
    }
}
