//! Duty-to-notify records: anonymous by construction. The row is built from the person's
//! gender, age band and nationality inside the store, and the person's id, name, birth date
//! and contact never reach the table (nor the audit detail). The region is free text
//! ("where the exploitation happened") and, with the date and age band, can point at a
//! person, so it is sealed under the case key (migration 0014).

use crate::audit::AuditEvent;
use crate::crypto::{open_text, seal_text};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::cases::notifications::{AgeBand, NewNotification};
use libertas_domain::ids::CaseId;
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// One anonymous notification.
#[derive(Clone, Debug, Serialize)]
pub struct NotificationView {
    pub id: String,
    pub notified_on: String,
    pub gender: Option<String>,
    pub age_band: String,
    pub nationality: Option<String>,
    pub exploitation_types: Vec<String>,
    pub region: String,
    pub organisation: String,
    pub created_by: String,
    pub created_at: String,
}

#[derive(FromRow)]
struct VictimRow {
    gender: Option<String>,
    citizenship: Option<String>,
}

#[derive(FromRow)]
struct NotificationRow {
    id: String,
    notified_on: String,
    gender: Option<String>,
    age_band: String,
    nationality: Option<String>,
    exploitation_types: String,
    region: Option<Vec<u8>>,
    organisation: String,
    username: String,
    created_at: String,
}

fn whole_years(birth: Date, today: Date) -> i32 {
    let mut age = today.year() - birth.year();
    if (today.month() as u8, today.day()) < (birth.month() as u8, birth.day()) {
        age -= 1;
    }
    age
}

impl Store {
    /// Records an anonymous notification about `person` (a victim of `case`, an adult).
    pub async fn add_notification(
        &self,
        p: &Principal,
        case: CaseId,
        new: &NewNotification,
        today: Date,
        reason: &str,
    ) -> Result<NotificationView, StoreError> {
        let NewNotification {
            person,
            types,
            region,
            notified_on: on,
        } = new;
        let (person, on) = (*person, *on);
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let pid = person.to_string();
        let row = sqlx::query_as::<_, VictimRow>(
            "select x.gender, x.citizenship from case_people cp join persons x on x.id = cp.person_id
             where cp.case_id = $1 and cp.person_id = $2 and cp.role = 'victim'",
        )
        .bind(&cid)
        .bind(&pid)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| FieldError::new("person_id", "is not a victim of this case"))?;
        let gender = row.gender;
        let nationality = row
            .citizenship
            .and_then(|c| c.split(',').next().map(str::to_owned));
        let birth = self
            .person_basics(&pid)
            .await?
            .birth_date
            .and_then(|b| parse_date("birth_date", &b).ok());
        let band = AgeBand::of_age(birth.map(|b| whole_years(b, today))).ok_or_else(|| {
            FieldError::new(
                "person_id",
                "is a child: refer a child for protection instead of notifying anonymously",
            )
        })?;
        let id = Uuid::now_v7().to_string();
        let codes: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
        let key = self.case_key(&cid).await?;
        let sealed_region = seal_text(&key, "duty_notifications", "region", &id, region.as_str());
        let organisation = self.org_name(p.org_id).await?;
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into duty_notifications (id, org_id, case_id, notified_on, gender, age_band,
                nationality, exploitation_types, region, created_by, created_at, region_legacy)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '')",
        )
        .bind(&id)
        .bind(p.org_id.to_string())
        .bind(&cid)
        .bind(date_text(on))
        .bind(gender.clone())
        .bind(band.as_str())
        .bind(nationality.clone())
        .bind(codes.join(","))
        .bind(sealed_region)
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "notification.create",
                "notification",
                Some(id.clone()),
                reason,
            )
            .detail(serde_json::json!({ "case_id": cid })),
        )
        .await?;
        tx.commit().await?;
        Ok(NotificationView {
            id,
            notified_on: date_text(on),
            gender,
            age_band: band.as_str().to_owned(),
            nationality,
            exploitation_types: codes.join(",").split(',').map(str::to_owned).collect(),
            region: region.as_str().to_owned(),
            organisation,
            created_by: p.username.clone(),
            created_at: now,
        })
    }

    /// A case's notifications, newest first (members only; anonymous data, still audited).
    pub async fn notifications(
        &self,
        p: &Principal,
        case: CaseId,
        reason: &str,
    ) -> Result<Vec<NotificationView>, StoreError> {
        self.check_member(p, case).await?;
        let rows = sqlx::query_as::<_, NotificationRow>(
            "select n.id, n.notified_on, n.gender, n.age_band, n.nationality, n.exploitation_types,
                n.region, o.name as organisation, u.username, n.created_at
             from duty_notifications n join organisations o on o.id = n.org_id
             join users u on u.id = n.created_by
             where n.case_id = $1 and n.org_id = $2 order by n.notified_on desc, n.id desc",
        )
        .bind(case.to_string())
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let key = if rows.is_empty() {
            None
        } else {
            Some(self.case_key(&case.to_string()).await?)
        };
        let mut out = vec![];
        for r in rows {
            let id = r.id;
            let region = match (&key, r.region) {
                (Some(k), Some(s)) => open_text(k, "duty_notifications", "region", &id, &s),
                _ => None,
            }
            .ok_or(StoreError::Crypto("notification region"))?;
            out.push(NotificationView {
                id,
                notified_on: r.notified_on,
                gender: r.gender,
                age_band: r.age_band,
                nationality: r.nationality,
                exploitation_types: r.exploitation_types.split(',').map(str::to_owned).collect(),
                region,
                organisation: r.organisation,
                created_by: r.username,
                created_at: r.created_at,
            });
        }
        self.record(
            p.into(),
            vec![
                AuditEvent::new("notification.list", "case", Some(case.to_string()), reason)
                    .detail(serde_json::json!({ "count": out.len() })),
            ],
        )
        .await?;
        Ok(out)
    }
}
