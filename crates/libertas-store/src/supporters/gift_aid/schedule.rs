//! The claim schedule: the eligible, unclaimed gifts received between two dates, in the
//! layout of HMRC's Gift Aid schedule spreadsheet; and marking a schedule as submitted, so
//! its gifts are never claimed again.
//!
//! Producing a schedule is an export of donors' names and addresses: audited
//! (`gift_aid.schedule`, counts only). Marking it submitted is a separate, explicit step
//! (`gift_aid.claim`): it names the schedule by its digest (the gifts and amounts it held),
//! and is refused when the eligible gifts changed since, so what is marked is what was sent.

use super::{date_text, require_gifts, DeclarationRow};
use crate::admin::Operator;
use crate::audit::{Actor, AuditEvent};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::error::FieldError;
use libertas_domain::ids::OrgId;
use libertas_domain::supporters::gift_aid::eligibility::{covers, eligibility, GiftFacts};
use libertas_domain::supporters::gift_aid::schedule::{csv_parts, row, Row};
use libertas_domain::supporters::gift_aid::ClaimId;
use libertas_domain::supporters::gifts::parse_date;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use time::Date;
use uuid::Uuid;

/// One gift on a schedule.
#[derive(Clone, Debug)]
pub struct ScheduledGift {
    pub gift_id: String,
    pub declaration_id: String,
    pub amount_minor: i64,
    pub gift_aid_minor: i64,
    pub received_on: String,
    /// The spreadsheet row (personal: the donor's name and address).
    pub row: Row,
}

/// The schedule of a date range.
#[derive(Clone, Debug)]
pub struct GiftAidSchedule {
    pub from: Date,
    pub to: Date,
    /// Oldest first.
    pub gifts: Vec<ScheduledGift>,
    pub total_minor: i64,
    pub gift_aid_minor: i64,
    /// Names this schedule's gifts and amounts: what "mark as submitted" is given back.
    pub digest: String,
    /// Gifts of the range left out, by reason code (`not_sterling`, `no_declaration`, ...).
    pub left_out: BTreeMap<String, u64>,
}

impl GiftAidSchedule {
    /// The CSV files to attach to the claim: one per 1,000 rows.
    pub fn parts(&self) -> Vec<String> {
        let rows: Vec<Row> = self.gifts.iter().map(|g| g.row.clone()).collect();
        csv_parts(&rows)
    }
}

#[derive(sqlx::FromRow)]
struct GiftRow {
    id: String,
    supporter_id: String,
    amount_minor: i64,
    currency: String,
    received_on: String,
    claimed: Option<String>,
}

fn check_range(from: Date, to: Date) -> Result<(), StoreError> {
    if to < from {
        return Err(StoreError::Invalid(FieldError::new(
            "to",
            "must not be before from",
        )));
    }
    Ok(())
}

impl Store {
    /// The schedule of the caller's organisation (the fundraising manager), audited.
    pub async fn gift_aid_schedule(
        &self,
        p: &Principal,
        from: Date,
        to: Date,
    ) -> Result<GiftAidSchedule, StoreError> {
        require_gifts(p)?;
        let s = self.build_schedule(p.org_id, from, to).await?;
        self.record(p.into(), vec![schedule_event(&s)]).await?;
        Ok(s)
    }

    /// The schedule of `org` for the operator (`libertas supporters gift-aid schedule`),
    /// audited.
    pub async fn gift_aid_schedule_console(
        &self,
        op: Operator,
        org: OrgId,
        from: Date,
        to: Date,
    ) -> Result<GiftAidSchedule, StoreError> {
        let s = self.build_schedule(org, from, to).await?;
        self.record(Actor::from(op), vec![schedule_event(&s)])
            .await?;
        Ok(s)
    }

    async fn build_schedule(
        &self,
        org: OrgId,
        from: Date,
        to: Date,
    ) -> Result<GiftAidSchedule, StoreError> {
        check_range(from, to)?;
        let gifts = sqlx::query_as::<_, GiftRow>(
            "select g.id, g.supporter_id, g.amount_minor, g.currency, g.received_on,
                    c.claim_id as claimed
             from supporters.gifts g
             join supporters.supporters s on s.id = g.supporter_id
             left join supporters.gift_aid_claimed c on c.gift_id = g.id
             where g.org_id = $1 and g.received_on >= $2 and g.received_on <= $3
                   and s.status <> 'erased'
             order by g.received_on, g.id",
        )
        .bind(org.to_string())
        .bind(date_text(from))
        .bind(date_text(to))
        .fetch_all(self.pool())
        .await?;
        let mut declarations: HashMap<String, Vec<DeclarationRow>> = HashMap::new();
        let mut keys = HashMap::new();
        let mut out = Vec::new();
        let mut left_out = BTreeMap::new();
        for g in gifts {
            if !declarations.contains_key(&g.supporter_id) {
                let rows = self.declaration_rows(&g.supporter_id).await?;
                declarations.insert(g.supporter_id.clone(), rows);
                keys.insert(
                    g.supporter_id.clone(),
                    self.supporter_key(&g.supporter_id).await?,
                );
            }
            let rows = declarations
                .get(&g.supporter_id)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let covering: Vec<_> = rows.iter().filter_map(DeclarationRow::covering).collect();
            let received = parse_date("received_on", &g.received_on)
                .map_err(|_| StoreError::Internal("gift date".into()))?;
            let facts = GiftFacts {
                id: &g.id,
                currency: &g.currency,
                amount_minor: g.amount_minor,
                received,
                claimed: g.claimed.is_some(),
            };
            let aid = match eligibility(&facts, &covering) {
                Ok(aid) => aid,
                Err(why) => {
                    *left_out.entry(why.as_str().to_owned()).or_insert(0) += 1;
                    continue;
                }
            };
            // The newest declaration that covers it gives the name and address.
            let Some(d) = rows
                .iter()
                .find(|d| d.covering().is_some_and(|c| covers(&c, &facts).is_ok()))
            else {
                continue;
            };
            let key = keys.get(&g.supporter_id).and_then(Option::as_ref);
            let Some(donor) = key.and_then(|k| super::open_donor(&k.0, &d.id, &d.donor)) else {
                *left_out.entry("unreadable".to_owned()).or_insert(0) += 1;
                continue;
            };
            out.push(ScheduledGift {
                row: row(&donor, received, g.amount_minor),
                declaration_id: d.id.clone(),
                gift_id: g.id,
                amount_minor: g.amount_minor,
                gift_aid_minor: aid,
                received_on: g.received_on,
            });
        }
        let mut hash = Sha256::new();
        for g in &out {
            hash.update(format!("{}:{}\n", g.gift_id, g.amount_minor));
        }
        let digest = hex::encode(&hash.finalize()[..8]);
        Ok(GiftAidSchedule {
            from,
            to,
            total_minor: out.iter().map(|g| g.amount_minor).sum(),
            gift_aid_minor: out.iter().map(|g| g.gift_aid_minor).sum(),
            gifts: out,
            digest,
            left_out,
        })
    }

    /// Marks the schedule of `from`..`to` whose digest is `digest` as submitted to HMRC on
    /// `submitted_on` under `reference`: its gifts are claimed and never scheduled again.
    /// Refused (`Conflicting`, field `digest`) when the eligible gifts changed since that
    /// schedule was produced, and (`Invalid`, field `from`) when it has no gifts.
    pub async fn gift_aid_mark_submitted(
        &self,
        p: &Principal,
        from: Date,
        to: Date,
        digest: &str,
        reference: &str,
        submitted_on: Date,
    ) -> Result<(ClaimId, usize), StoreError> {
        require_gifts(p)?;
        let reference = reference.trim();
        if reference.is_empty()
            || reference.chars().count() > 100
            || reference.chars().any(char::is_control)
        {
            return Err(StoreError::Invalid(FieldError::new(
                "reference",
                "must be 1 to 100 characters",
            )));
        }
        let s = self.build_schedule(p.org_id, from, to).await?;
        if s.gifts.is_empty() {
            return Err(StoreError::Invalid(FieldError::new(
                "from",
                "there are no eligible unclaimed gifts in this period",
            )));
        }
        if s.digest != digest.trim() {
            return Err(StoreError::Conflicting(FieldError::new(
                "digest",
                "the eligible gifts changed since this schedule was produced: produce it again",
            )));
        }
        let id = ClaimId::from_uuid(Uuid::now_v7());
        let mut tx = self.write(p.into()).await?;
        for g in &s.gifts {
            let taken = sqlx::query("select 1 from supporters.gift_aid_claimed where gift_id = $1")
                .bind(&g.gift_id)
                .fetch_optional(tx.conn()?)
                .await?
                .is_some();
            if taken {
                return Err(StoreError::Conflicting(FieldError::new(
                    "digest",
                    "some of these gifts were claimed meanwhile: produce the schedule again",
                )));
            }
        }
        sqlx::query(
            "insert into supporters.gift_aid_claims (id, org_id, reference, submitted_on,
                 from_date, to_date, gifts, total_minor, gift_aid_minor, created_by_user,
                 created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(id.to_string())
        .bind(p.org_id.to_string())
        .bind(reference)
        .bind(date_text(submitted_on))
        .bind(date_text(from))
        .bind(date_text(to))
        .bind(i64::try_from(s.gifts.len()).unwrap_or(i64::MAX))
        .bind(s.total_minor)
        .bind(s.gift_aid_minor)
        .bind(p.user_id.to_string())
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?;
        for g in &s.gifts {
            sqlx::query(
                "insert into supporters.gift_aid_claimed (gift_id, claim_id, declaration_id,
                     gift_aid_minor) values ($1, $2, $3, $4)",
            )
            .bind(&g.gift_id)
            .bind(id.to_string())
            .bind(&g.declaration_id)
            .bind(g.gift_aid_minor)
            .execute(tx.conn()?)
            .await?;
        }
        tx.audit(
            AuditEvent::new(
                "gift_aid.claim",
                "gift_aid_claim",
                Some(id.to_string()),
                "submitted",
            )
            .detail(
                json!({ "gifts": s.gifts.len(), "total_minor": s.total_minor,
                                "gift_aid_minor": s.gift_aid_minor,
                                "from": date_text(from), "to": date_text(to) }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok((id, s.gifts.len()))
    }
}

fn schedule_event(s: &GiftAidSchedule) -> AuditEvent {
    AuditEvent::new("gift_aid.schedule", "gift_aid", None, "claim schedule").detail(json!({
        "from": date_text(s.from),
        "to": date_text(s.to),
        "gifts": s.gifts.len(),
        "gift_aid_minor": s.gift_aid_minor,
        "left_out": s.left_out,
    }))
}
