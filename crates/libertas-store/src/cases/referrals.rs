//! Referrals and transfers of a person to a partner, with the basis for sharing their data.
//!
//! The sending side is the case: its members refer, list and revoke. The receiving side is
//! an organisation on this same Libertas that a partner is linked to: its staff who work
//! cases see their incoming referrals with the minimum data needed (name, birth date,
//! services asked for, note), each read audited, and accept or reject them. Nobody else sees
//! anything. The person's data is shared only while the referral is live and its basis
//! still holds: a referral made on consent stops sharing the moment that consent to data
//! sharing is withdrawn (checked on every read, not copied).

use super::require_case_work;
use crate::audit::AuditEvent;
use crate::crypto::{seal_field, DataKey, FieldRef};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::care::Purpose;
use libertas_domain::cases::decisions::parse_date;
use libertas_domain::cases::referrals::{
    is_child, referral_basis, NewReferral, PartnerId, ReferralBasis, ReferralId, ReferralKind,
    ReferralStatus, StatusReason,
};
use libertas_domain::ids::CaseId;
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// A referral as one side sees it. Fields the caller's side may not see are `None`.
#[derive(Clone, Debug, Serialize)]
pub struct ReferralView {
    pub id: ReferralId,
    /// True when the caller is the receiving organisation.
    pub incoming: bool,
    pub case_id: Option<String>,
    pub person_id: Option<String>,
    /// The person's name and birth date: for the sender always, for the receiver only while
    /// `sharing` is true.
    pub person_name: Option<String>,
    pub birth_date: Option<String>,
    pub partner_id: PartnerId,
    pub partner_name: String,
    pub from_org: String,
    pub to_org_id: Option<String>,
    pub kind: ReferralKind,
    pub status: ReferralStatus,
    /// `consent`, `override` or `child` (sender only).
    pub basis: Option<ReferralBasis>,
    pub services: Vec<String>,
    pub note: Option<String>,
    pub override_reason: Option<String>,
    pub safeguarding_note: Option<String>,
    pub status_reason: Option<String>,
    /// Whether the partner may see the person's data now.
    pub sharing: bool,
    pub created_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

pub(super) const SELECT: &str =
    "select r.id, r.org_id, r.case_id, r.person_id, r.partner_id, pa.name as partner_name,
        o.name as from_org, r.to_org_id, r.kind, r.status, r.basis, r.services, r.note, r.override_reason,
        r.safeguarding_note, r.status_reason, u.username, r.created_at, r.updated_at
     from referrals r join partners pa on pa.id = r.partner_id
     join organisations o on o.id = r.org_id
     join users u on u.id = r.created_by";

/// A row of [`SELECT`]: sealed columns still sealed, codes still text.
#[derive(FromRow)]
pub(super) struct ReferralRow {
    pub id: String,
    pub org_id: String,
    pub case_id: String,
    pub person_id: String,
    pub partner_id: String,
    pub partner_name: Option<Vec<u8>>,
    pub from_org: String,
    pub to_org_id: Option<String>,
    pub kind: String,
    pub status: String,
    pub basis: String,
    pub services: String,
    pub note: Option<Vec<u8>>,
    pub override_reason: Option<Vec<u8>>,
    pub safeguarding_note: Option<Vec<u8>>,
    pub status_reason: Option<Vec<u8>>,
    pub username: String,
    pub created_at: String,
    pub updated_at: String,
}

pub(super) fn at<'a>(row: &'a str, column: &'a str) -> FieldRef<'a> {
    FieldRef {
        table: "referrals",
        column,
        row,
    }
}

pub(super) fn bad(what: &str) -> StoreError {
    StoreError::Internal(format!("bad referral {what}"))
}

/// The person's given name, family name and birth date, opened with their key (`None`s
/// after erasure).
pub(crate) struct PersonBasics {
    pub name: Option<String>,
    pub birth_date: Option<String>,
    pub key: Option<DataKey>,
}

impl Store {
    /// Refers one person of `case` to a partner of the caller's directory.
    ///
    /// The basis is decided by the domain rule: a child needs a safeguarding note; an adult
    /// needs recorded consent to data sharing (checked and audited through
    /// `consent_allows`) or a written override reason, which is audited as its own action
    /// (`referral.consent_override`).
    pub async fn create_referral(
        &self,
        p: &Principal,
        case: CaseId,
        new: &NewReferral,
        today: Date,
        reason: &str,
    ) -> Result<ReferralView, StoreError> {
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let pid = new.person.to_string();
        let in_case =
            sqlx::query("select 1 from case_people where case_id = $1 and person_id = $2")
                .bind(&cid)
                .bind(&pid)
                .fetch_optional(self.pool())
                .await?;
        if in_case.is_none() {
            return Err(FieldError::new("person_id", "is not a person of this case").into());
        }
        let partner = self
            .partner_in_org(p.org_id, new.partner_id)
            .await
            .map_err(|e| match e {
                StoreError::NotFound => {
                    FieldError::new("partner_id", "is not a partner in your directory").into()
                }
                other => other,
            })?;
        if !partner.active {
            return Err(FieldError::new("partner_id", "this partner is no longer active").into());
        }
        let basics = self.person_basics(&pid).await?;
        let key = basics
            .key
            .ok_or_else(|| FieldError::new("person_id", "this person's data was erased"))?;
        let birth = basics
            .birth_date
            .as_deref()
            .and_then(|b| parse_date("birth_date", b).ok());
        let child = is_child(birth, new.child, today);
        let consent = if child {
            false
        } else {
            self.consent_allows(p, new.person, Purpose::DataSharing, reason)
                .await?
        };
        let basis = referral_basis(
            child,
            consent,
            new.override_reason.as_ref(),
            new.safeguarding_note.as_ref(),
        )?;
        let typed = ReferralId::from_uuid(Uuid::now_v7());
        let id = typed.to_string();
        let seal = |column: &str, v: Option<&str>| {
            v.map(|v| seal_field(&key, 1, at(&id, column), v.as_bytes()))
        };
        let override_reason = new
            .override_reason
            .as_ref()
            .filter(|_| basis == ReferralBasis::Override);
        let services: Vec<&str> = new.services.iter().map(|s| s.as_str()).collect();
        let from_org = self.org_name(p.org_id).await?;
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into referrals (id, org_id, case_id, person_id, partner_id, to_org_id, kind,
                status, basis, services, note, override_reason, safeguarding_note, created_by,
                created_at, updated_by, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $15)",
        )
        .bind(&id)
        .bind(p.org_id.to_string())
        .bind(&cid)
        .bind(&pid)
        .bind(partner.id.to_string())
        .bind(partner.linked_org_id.clone())
        .bind(new.kind.as_str())
        .bind(ReferralStatus::Requested.as_str())
        .bind(basis.as_str())
        .bind(services.join(","))
        .bind(seal("note", new.note.as_ref().map(|n| n.as_str())))
        .bind(seal("override_reason", override_reason.map(|n| n.as_str())))
        .bind(seal(
            "safeguarding_note",
            new.safeguarding_note.as_ref().map(|n| n.as_str()),
        ))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        let detail = serde_json::json!({
            "case_id": cid, "person_id": pid, "partner_id": partner.id,
            "to_org_id": partner.linked_org_id, "kind": new.kind.as_str(),
            "basis": basis.as_str(), "services": services,
        });
        tx.audit(
            AuditEvent::new("referral.create", "referral", Some(id.clone()), reason).detail(detail),
        )
        .await?;
        if basis == ReferralBasis::Override {
            tx.audit(
                AuditEvent::new(
                    "referral.consent_override",
                    "referral",
                    Some(id.clone()),
                    reason,
                )
                .detail(serde_json::json!({ "person_id": pid, "purpose": "data_sharing" })),
            )
            .await?;
        }
        tx.commit().await?;
        // The sender's view, built from what was just written: the caller is a member of the
        // case, and a new referral shares while its basis holds (checked above, key present).
        Ok(ReferralView {
            incoming: false,
            case_id: Some(cid),
            person_id: Some(pid),
            person_name: basics.name,
            birth_date: basics.birth_date,
            partner_id: partner.id,
            partner_name: partner.name,
            from_org,
            to_org_id: partner.linked_org_id,
            kind: new.kind,
            status: ReferralStatus::Requested,
            basis: Some(basis),
            services: services.iter().map(|s| (*s).to_owned()).collect(),
            note: new.note.as_ref().map(|n| n.as_str().to_owned()),
            override_reason: override_reason.map(|n| n.as_str().to_owned()),
            safeguarding_note: new
                .safeguarding_note
                .as_ref()
                .map(|n| n.as_str().to_owned()),
            status_reason: None,
            sharing: ReferralStatus::Requested.shares(),
            created_by: Some(p.username.clone()),
            created_at: now.clone(),
            updated_at: now,
            id: typed,
        })
    }

    /// The referrals of a case, newest first (members only). One audit event for the list.
    pub async fn case_referrals(
        &self,
        p: &Principal,
        case: CaseId,
        reason: &str,
    ) -> Result<Vec<ReferralView>, StoreError> {
        self.check_member(p, case).await?;
        let sql = format!(
            "{SELECT} where r.case_id = $1 and r.org_id = $2 order by r.created_at desc, r.id desc"
        );
        let rows = sqlx::query_as::<_, ReferralRow>(&sql)
            .bind(case.to_string())
            .bind(p.org_id.to_string())
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.referral_from_row(r, false).await?);
        }
        self.record(
            p.into(),
            vec![
                AuditEvent::new("referral.list", "case", Some(case.to_string()), reason)
                    .detail(serde_json::json!({ "count": out.len() })),
            ],
        )
        .await?;
        Ok(out)
    }

    /// Moves a referral on. The sender may revoke (from requested or accepted); the
    /// receiving organisation accepts or rejects a requested referral and marks an accepted
    /// one done. For a partner outside this Libertas the sender records the partner's
    /// answers instead. Rejecting and revoking need a reason (sealed).
    pub async fn set_referral_status(
        &self,
        p: &Principal,
        id: ReferralId,
        next: ReferralStatus,
        why: Option<&StatusReason>,
        reason: &str,
    ) -> Result<ReferralView, StoreError> {
        require_case_work(p)?;
        let id = id.to_string();
        let id = id.as_str();
        let row = self.load_referral(id).await?;
        let incoming = self
            .referral_side(p, &row)
            .await?
            .ok_or(StoreError::NotFound)?;
        let to = row.to_org_id.as_deref();
        let from = ReferralStatus::parse(&row.status).map_err(|_| bad("status"))?;
        use ReferralStatus::*;
        let allowed_side = match next {
            Revoked => !incoming,
            Accepted | Rejected | Done => incoming || to.is_none(),
            Requested => false,
        };
        if !allowed_side {
            return Err(StoreError::Forbidden);
        }
        if !from.can_move_to(next) {
            return Err(StoreError::Conflicting(FieldError::new(
                "status",
                format!(
                    "a {} referral cannot become {}",
                    from.as_str(),
                    next.as_str()
                ),
            )));
        }
        if matches!(next, Rejected | Revoked) && why.is_none() {
            return Err(FieldError::new("reason", "give the reason for this decision").into());
        }
        let sealed_reason = match why {
            Some(w) => {
                let key = self
                    .person_basics(&row.person_id)
                    .await?
                    .key
                    .ok_or_else(|| {
                        StoreError::Conflicting(FieldError::new(
                            "person_id",
                            "this person's data was erased",
                        ))
                    })?;
                Some(seal_field(
                    &key,
                    1,
                    at(id, "status_reason"),
                    w.as_str().as_bytes(),
                ))
            }
            None => None,
        };
        self.journal_referral_status(id, next, sealed_reason.as_deref())
            .await?;
        let mut tx = self.write(p.into()).await?;
        let changed = sqlx::query(
            "update referrals set status = $1, status_reason = coalesce($2, status_reason),
                updated_by = $3, updated_at = $4 where id = $5 and status = $6",
        )
        .bind(next.as_str())
        .bind(sealed_reason)
        .bind(p.user_id.to_string())
        .bind(clock::now_text())
        .bind(id)
        .bind(from.as_str())
        .execute(tx.conn()?)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::Conflict(
                "the referral changed meanwhile; reload it",
            ));
        }
        tx.audit(
            AuditEvent::new("referral.status", "referral", Some(id.to_owned()), reason).detail(
                serde_json::json!({ "from": from.as_str(), "to": next.as_str(),
                    "side": if incoming { "receiver" } else { "sender" } }),
            ),
        )
        .await?;
        tx.commit().await?;
        // The caller's side was checked above; the update's own event is the audit.
        let row = self.load_referral(id).await?;
        self.referral_from_row(&row, incoming).await
    }
}
