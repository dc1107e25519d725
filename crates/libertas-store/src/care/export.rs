//! Every care-plan service the caller may see, for a list export (`docs/exports.md`): the
//! services of the care plans of people who are in a case of the caller's organisation that
//! the caller is a member of (the need-to-know of [`Store::check_person_member`], applied to
//! every row in one query), with their deliveries counted. The provider is opened under the
//! person's key only when the export asks for personal data.

use super::plans::{bad, day, opt_day};
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::care::{ServiceStatus, ServiceType};
use sqlx::FromRow;
use time::Date;

/// One service as the export writes it.
pub(crate) struct ServiceLine {
    pub id: String,
    pub plan_id: String,
    pub plan_status: String,
    pub person_id: String,
    pub service_type: ServiceType,
    pub status: ServiceStatus,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub deliveries: i64,
    pub last_delivered_on: Option<Date>,
    pub updated_at: String,
    /// Opened only for a personal export; `None` otherwise or after erasure.
    pub provider: Option<String>,
}

#[derive(FromRow)]
struct Row {
    id: String,
    plan_id: String,
    plan_status: String,
    person_id: String,
    service_type: String,
    provider: Vec<u8>,
    start_date: String,
    end_date: Option<String>,
    status: String,
    updated_at: String,
    deliveries: i64,
    last_delivered_on: Option<String>,
}

impl Store {
    /// The services of every care plan whose person `p` may see, oldest plan first. Not
    /// audited here: the export records what it hands out.
    pub(crate) async fn all_care_services(
        &self,
        p: &Principal,
        personal: bool,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<Vec<ServiceLine>, StoreError> {
        crate::cases::require_case_work(p)?;
        let rows = sqlx::query_as::<_, Row>(
            "select s.id, s.plan_id, cp.status as plan_status, cp.person_id, s.service_type,
                s.provider, s.start_date, s.end_date, s.status, s.updated_at,
                (select count(*) from care_deliveries d where d.service_id = s.id) as deliveries,
                (select max(d.delivered_on) from care_deliveries d where d.service_id = s.id)
                    as last_delivered_on
             from care_services s join care_plans cp on cp.id = s.plan_id
             where cp.org_id = $2 and exists (
                 select 1 from case_people x
                 join cases c on c.id = x.case_id
                 join case_members m on m.case_id = x.case_id
                 join persons pe on pe.id = x.person_id
                 where x.person_id = cp.person_id and c.org_id = $2 and pe.org_id = $2
                   and m.user_id = $1)
             order by cp.opened_on, cp.id, s.start_date, s.id",
        )
        .bind(p.user_id.to_string())
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let total = rows.len() as u64;
        progress(0, total);
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let provider = if personal {
                let at = super::plans::at("care_services", "provider", &r.id);
                self.open_person_text(&r.person_id, at, &r.provider).await?
            } else {
                None
            };
            out.push(ServiceLine {
                service_type: ServiceType::parse(&r.service_type)
                    .map_err(|_| bad("service type"))?,
                status: ServiceStatus::parse(&r.status).map_err(|_| bad("service status"))?,
                start_date: day(&r.start_date)?,
                end_date: opt_day(r.end_date)?,
                last_delivered_on: opt_day(r.last_delivered_on)?,
                deliveries: r.deliveries,
                provider,
                id: r.id,
                plan_id: r.plan_id,
                plan_status: r.plan_status,
                person_id: r.person_id,
                updated_at: r.updated_at,
            });
            if out.len() % crate::exports::BATCH == 0 {
                progress(out.len() as u64, total);
            }
        }
        progress(total, total);
        Ok(out)
    }
}
