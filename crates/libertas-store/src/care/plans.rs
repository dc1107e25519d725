//! Care plans: opening one for a victim and reading plans back with their goals, services and
//! deliveries, text decrypted under the person's key.

use crate::audit::AuditEvent;
use crate::crypto::FieldRef;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::care::{
    next_due, CareGoalId, CarePlanId, CareServiceId, GoalStatus, ServiceStatus, ServiceType,
};
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::ids::PersonId;
use libertas_domain::FieldError;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// A care plan with everything in it. Sealed text is `None` once the person was erased.
#[derive(Clone, Debug)]
pub struct CarePlanView {
    pub id: CarePlanId,
    pub person_id: String,
    pub case_id: String,
    pub opened_on: Date,
    pub status: String,
    pub created_by: String,
    pub created_at: String,
    pub goals: Vec<GoalView>,
    pub services: Vec<ServiceView>,
}

#[derive(Clone, Debug)]
pub struct GoalView {
    pub id: CareGoalId,
    pub plan_id: CarePlanId,
    pub domain: String,
    pub text: Option<String>,
    pub target_date: Option<Date>,
    pub status: GoalStatus,
    pub updated_at: String,
}

#[derive(Clone, Debug)]
pub struct ServiceView {
    pub id: CareServiceId,
    pub plan_id: CarePlanId,
    pub service_type: ServiceType,
    pub provider: Option<String>,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub status: ServiceStatus,
    pub updated_at: String,
    pub deliveries: Vec<DeliveryView>,
}

#[derive(Clone, Debug)]
pub struct DeliveryView {
    pub id: String,
    pub service_id: CareServiceId,
    pub delivered_on: Date,
    pub delivered: Option<String>,
    pub note: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// The victim's place in a case through which a plan is opened.
#[derive(FromRow)]
struct ViaRow {
    id: String,
    case_id: String,
}

/// The first and latest assessment dates of a person.
#[derive(FromRow)]
pub(super) struct SpanRow {
    pub(super) first_on: Option<String>,
    pub(super) latest_on: Option<String>,
}

#[derive(FromRow)]
struct IdRow {
    id: String,
}

#[derive(FromRow)]
struct PlanPersonRow {
    person_id: String,
    status: String,
}

#[derive(FromRow)]
struct PlanRow {
    person_id: String,
    case_id: String,
    opened_on: String,
    status: String,
    username: String,
    created_at: String,
}

#[derive(FromRow)]
struct GoalRow {
    id: String,
    domain: String,
    text: Vec<u8>,
    target_date: Option<String>,
    status: String,
    updated_at: String,
}

#[derive(FromRow)]
struct ServiceRow {
    id: String,
    plan_id: String,
    service_type: String,
    provider: Vec<u8>,
    start_date: String,
    end_date: Option<String>,
    status: String,
    updated_at: String,
}

#[derive(FromRow)]
struct DeliveryRow {
    id: String,
    delivered_on: String,
    delivered: Vec<u8>,
    note: Option<Vec<u8>>,
    username: String,
    recorded_at: String,
}

const ONE_OPEN: &str = "the person already has an open care plan";

pub(super) fn bad(what: &str) -> StoreError {
    StoreError::Internal(format!("bad care plan {what}"))
}

pub(super) fn day(raw: &str) -> Result<Date, StoreError> {
    parse_date("date", raw).map_err(|_| bad("date"))
}

pub(super) fn opt_day(raw: Option<String>) -> Result<Option<Date>, StoreError> {
    raw.as_deref().map(day).transpose()
}

pub(super) fn at<'a>(table: &'a str, column: &'a str, row: &'a str) -> FieldRef<'a> {
    FieldRef { table, column, row }
}

impl Store {
    /// Opens a care plan for a victim, through the earliest case in which the caller works with
    /// them as a victim. 409 naming `id` when the person is no victim in such a case (they are
    /// known, in another part), and 409 when an open plan exists. In the same transaction the intake assessment task is made unless
    /// one is open (due on `opened_on`, or on the schedule's next date when the person was
    /// assessed before).
    pub async fn open_care_plan(
        &self,
        p: &Principal,
        person: PersonId,
        opened_on: Date,
        reason: &str,
    ) -> Result<CarePlanView, StoreError> {
        self.check_person_member(p, person).await?;
        let pid = person.to_string();
        let via = sqlx::query(
            "select cp.id, cp.case_id from case_people cp
             join cases c on c.id = cp.case_id
             join case_members m on m.case_id = cp.case_id
             where cp.person_id = $1 and cp.role = 'victim' and c.org_id = $2 and m.user_id = $3
             order by c.created_at, cp.id limit 1",
        )
        .bind(&pid)
        .bind(p.org_id.to_string())
        .bind(p.user_id.to_string())
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| {
            StoreError::Conflicting(FieldError::new(
                "id",
                "care plans are for people who are victims in a case",
            ))
        })?;
        let ViaRow {
            id: case_person_id,
            case_id,
        } = ViaRow::from_row(&via)?;
        let id = CarePlanId::from_uuid(Uuid::now_v7());
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        let open = sqlx::query("select 1 from care_plans where person_id = $1 and status = 'open'")
            .bind(&pid)
            .fetch_optional(tx.conn()?)
            .await?;
        if open.is_some() {
            return Err(StoreError::Conflict(ONE_OPEN));
        }
        sqlx::query(
            "insert into care_plans (id, person_id, org_id, case_id, case_person_id, opened_on,
                status, created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, 'open', $7, $8)",
        )
        .bind(id.to_string())
        .bind(&pid)
        .bind(p.org_id.to_string())
        .bind(&case_id)
        .bind(&case_person_id)
        .bind(date_text(opened_on))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await
        .map_err(|e| StoreError::on_constraint(e, "care_plans_one_open", ONE_OPEN))?;
        tx.audit(
            AuditEvent::new(
                "care_plan.create",
                "care_plan",
                Some(id.to_string()),
                reason,
            )
            .detail(serde_json::json!({ "person_id": pid, "case_id": case_id })),
        )
        .await?;
        let span = sqlx::query(
            "select min(assessed_on) as first_on, max(assessed_on) as latest_on from assessments
             where person_id = $1",
        )
        .bind(&pid)
        .fetch_one(tx.conn()?)
        .await?;
        let span = SpanRow::from_row(&span)?;
        let (due, intake) = match (opt_day(span.first_on)?, opt_day(span.latest_on)?) {
            (Some(f), Some(l)) => (next_due(f, l), false),
            _ => (opened_on, true),
        };
        self.make_assessment_task(&mut tx, p, &pid, due, intake, reason)
            .await?;
        tx.commit().await?;
        Ok(CarePlanView {
            id,
            person_id: pid,
            case_id,
            opened_on,
            status: "open".into(),
            created_by: p.username.clone(),
            created_at: now,
            goals: vec![],
            services: vec![],
        })
    }

    /// A person's care plans, newest first, with goals, services and deliveries. Audited.
    pub async fn care_plans(
        &self,
        p: &Principal,
        person: PersonId,
        reason: &str,
    ) -> Result<Vec<CarePlanView>, StoreError> {
        self.check_person_member(p, person).await?;
        let pid = person.to_string();
        let ids = sqlx::query(
            "select id from care_plans where person_id = $1 order by opened_on desc, id desc",
        )
        .bind(&pid)
        .fetch_all(self.pool())
        .await?;
        let mut out = vec![];
        for r in &ids {
            let IdRow { id } = IdRow::from_row(r)?;
            let id = id.parse().map_err(|_| bad("id"))?;
            out.push(self.load_plan(id).await?);
        }
        self.record(
            p.into(),
            vec![
                AuditEvent::new("care_plan.read", "person", Some(pid), reason)
                    .detail(serde_json::json!({ "count": out.len() })),
            ],
        )
        .await?;
        Ok(out)
    }

    /// One care plan. `NotFound` unless the caller may see its person. Audited.
    pub async fn care_plan(
        &self,
        p: &Principal,
        plan: CarePlanId,
        reason: &str,
    ) -> Result<CarePlanView, StoreError> {
        let (pid, _) = self.plan_person(p, plan).await?;
        let view = self.load_plan(plan).await?;
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "care_plan.read",
                "care_plan",
                Some(view.id.to_string()),
                reason,
            )
            .detail(serde_json::json!({ "person_id": pid }))],
        )
        .await?;
        Ok(view)
    }

    /// The person of a plan and the plan's status, after the access check on that person.
    pub(super) async fn plan_person(
        &self,
        p: &Principal,
        plan: CarePlanId,
    ) -> Result<(String, String), StoreError> {
        crate::cases::require_case_work(p)?;
        let row =
            sqlx::query("select person_id, status from care_plans where id = $1 and org_id = $2")
                .bind(plan.to_string())
                .bind(p.org_id.to_string())
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::NotFound)?;
        let row = PlanPersonRow::from_row(&row)?;
        let person: PersonId = row.person_id.parse().map_err(|_| bad("person"))?;
        self.check_person_member(p, person).await?;
        Ok((row.person_id, row.status))
    }

    pub(super) async fn load_plan(&self, id: CarePlanId) -> Result<CarePlanView, StoreError> {
        let plan = id.to_string();
        let r = sqlx::query(
            "select c.person_id, c.case_id, c.opened_on, c.status, u.username, c.created_at
             from care_plans c join users u on u.id = c.created_by where c.id = $1",
        )
        .bind(&plan)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let r = PlanRow::from_row(&r)?;
        let goals = self.load_goals(&r.person_id, id).await?;
        let services = self.load_services(&r.person_id, "s.plan_id", &plan).await?;
        Ok(CarePlanView {
            id,
            opened_on: day(&r.opened_on)?,
            person_id: r.person_id,
            case_id: r.case_id,
            status: r.status,
            created_by: r.username,
            created_at: r.created_at,
            goals,
            services,
        })
    }

    pub(super) async fn load_goals(
        &self,
        pid: &str,
        plan: CarePlanId,
    ) -> Result<Vec<GoalView>, StoreError> {
        let rows = sqlx::query(
            "select id, domain, text, target_date, status, updated_at from care_goals
             where plan_id = $1 order by created_at, id",
        )
        .bind(plan.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let r = GoalRow::from_row(r)?;
            let text = self
                .open_person_text(pid, at("care_goals", "text", &r.id), &r.text)
                .await?;
            out.push(GoalView {
                plan_id: plan,
                domain: r.domain,
                text,
                target_date: opt_day(r.target_date)?,
                status: GoalStatus::parse(&r.status).map_err(|_| bad("goal"))?,
                updated_at: r.updated_at,
                id: r.id.parse().map_err(|_| bad("goal"))?,
            });
        }
        Ok(out)
    }

    /// Services where `column` (`s.plan_id` or `s.id`) equals `value`, with their deliveries.
    pub(super) async fn load_services(
        &self,
        pid: &str,
        column: &str,
        value: &str,
    ) -> Result<Vec<ServiceView>, StoreError> {
        let sql = if column == "s.id" {
            "select s.id, s.plan_id, s.service_type, s.provider, s.start_date, s.end_date, s.status,
                s.updated_at from care_services s where s.id = $1"
        } else {
            "select s.id, s.plan_id, s.service_type, s.provider, s.start_date, s.end_date, s.status,
                s.updated_at from care_services s where s.plan_id = $1 order by s.start_date, s.id"
        };
        let rows = sqlx::query(sql).bind(value).fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let r = ServiceRow::from_row(r)?;
            let sid: CareServiceId = r.id.parse().map_err(|_| bad("service"))?;
            let provider = self
                .open_person_text(pid, at("care_services", "provider", &r.id), &r.provider)
                .await?;
            out.push(ServiceView {
                plan_id: r.plan_id.parse().map_err(|_| bad("plan id"))?,
                service_type: ServiceType::parse(&r.service_type)
                    .map_err(|_| bad("service type"))?,
                provider,
                start_date: day(&r.start_date)?,
                end_date: opt_day(r.end_date)?,
                status: ServiceStatus::parse(&r.status).map_err(|_| bad("service status"))?,
                updated_at: r.updated_at,
                deliveries: self.load_deliveries(pid, sid).await?,
                id: sid,
            });
        }
        Ok(out)
    }

    pub(super) async fn load_deliveries(
        &self,
        pid: &str,
        service: CareServiceId,
    ) -> Result<Vec<DeliveryView>, StoreError> {
        let rows = sqlx::query(
            "select d.id, d.delivered_on, d.delivered, d.note, u.username, d.recorded_at
             from care_deliveries d join users u on u.id = d.recorded_by
             where d.service_id = $1 order by d.delivered_on, d.recorded_at, d.id",
        )
        .bind(service.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let r = DeliveryRow::from_row(r)?;
            let id = r.id;
            let delivered = self
                .open_person_text(pid, at("care_deliveries", "delivered", &id), &r.delivered)
                .await?;
            let note = match r.note {
                Some(n) => {
                    self.open_person_text(pid, at("care_deliveries", "note", &id), &n)
                        .await?
                }
                None => None,
            };
            out.push(DeliveryView {
                service_id: service,
                delivered_on: day(&r.delivered_on)?,
                delivered,
                note,
                recorded_by: r.username,
                recorded_at: r.recorded_at,
                id,
            });
        }
        Ok(out)
    }
}
