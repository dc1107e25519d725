//! The partner directory of an organisation: services its staff refer people to.
//!
//! Partners are organisational data, not personal data, so their reads are not audited one by
//! one. But a partner is often a shelter, and a referral row links a person to it, so the
//! directory's free text (name, area, how to refer, contact) can place a survivor: it is
//! sealed under the master-derived `directory` key (migration 0014), bound to the partner's
//! row. Kinds and languages are codes and stay plain. Everyone who works cases reads the
//! directory of their own organisation; only administrators change it (and every change is
//! audited).

use super::require_case_work;
use crate::audit::AuditEvent;
use crate::crypto::{open_text, seal_text, Keyring};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::cases::referrals::{HelpKind, NewPartner, PartnerId};
use libertas_domain::ids::OrgId;
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

/// One partner as the directory shows it.
#[derive(Clone, Debug, Serialize)]
pub struct PartnerView {
    pub id: PartnerId,
    pub name: String,
    pub kinds: Vec<String>,
    pub area: String,
    pub languages: Vec<String>,
    pub how_to_refer: String,
    pub contact: String,
    /// An organisation on this Libertas that receives referrals to this partner directly.
    pub linked_org_id: Option<String>,
    pub linked_org_name: Option<String>,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// Narrows the directory. Every given filter must match.
#[derive(Clone, Debug, Default)]
pub struct PartnerFilter {
    pub kind: Option<HelpKind>,
    /// Case-insensitive part of the area served.
    pub area: Option<String>,
    /// A two-letter language code.
    pub language: Option<String>,
    pub include_inactive: bool,
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

const SELECT: &str = "select p.id, p.name, p.kinds, p.area, p.languages, p.how_to_refer,
        p.contact, p.linked_org_id, o.name as linked_org_name, p.active, p.created_at,
        p.updated_at
     from partners p left join organisations o on o.id = p.linked_org_id";

/// Seals one free-text column of partner `id` under the directory key.
fn seal(ring: &Keyring, id: &str, column: &str, value: &str) -> Vec<u8> {
    seal_text(&ring.directory, "partners", column, id, value)
}

/// Opens one sealed free-text column of partner `id` (a `None` column is a value from before
/// 0014 not yet sealed, which cannot happen once the store is open).
pub(crate) fn open(
    ring: &Keyring,
    id: &str,
    column: &str,
    sealed: Option<Vec<u8>>,
) -> Result<String, StoreError> {
    let sealed = sealed.ok_or(StoreError::Crypto("partner value not sealed"))?;
    open_text(&ring.directory, "partners", column, id, &sealed)
        .ok_or(StoreError::Crypto("partner value"))
}

/// A row of [`SELECT`]: free text sealed under the directory key, `active` an integer 0/1.
#[derive(FromRow)]
struct PartnerRow {
    id: String,
    name: Option<Vec<u8>>,
    kinds: String,
    area: Option<Vec<u8>>,
    languages: String,
    how_to_refer: Option<Vec<u8>>,
    contact: Option<Vec<u8>>,
    linked_org_id: Option<String>,
    linked_org_name: Option<String>,
    active: i64,
    created_at: String,
    updated_at: String,
}

fn from_row(ring: &Keyring, r: &sqlx::any::AnyRow) -> Result<PartnerView, StoreError> {
    let r = PartnerRow::from_row(r)?;
    let id = r.id;
    let typed = id
        .parse()
        .map_err(|_| StoreError::Internal("bad partner id".into()))?;
    Ok(PartnerView {
        name: open(ring, &id, "name", r.name)?,
        kinds: list(&r.kinds),
        area: open(ring, &id, "area", r.area)?,
        languages: list(&r.languages),
        how_to_refer: open(ring, &id, "how_to_refer", r.how_to_refer)?,
        contact: open(ring, &id, "contact", r.contact)?,
        linked_org_id: r.linked_org_id,
        linked_org_name: r.linked_org_name,
        active: r.active != 0,
        created_at: r.created_at,
        updated_at: r.updated_at,
        id: typed,
    })
}

fn require_admin(p: &Principal) -> Result<(), StoreError> {
    if p.can(Capability::Administer) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

impl Store {
    /// The caller's organisation's directory, by name (case-insensitive, sorted after opening,
    /// since the names are sealed), narrowed by `f`.
    pub async fn partners(
        &self,
        p: &Principal,
        f: &PartnerFilter,
    ) -> Result<Vec<PartnerView>, StoreError> {
        require_case_work(p)?;
        let sql = format!("{SELECT} where p.org_id = $1 order by p.id");
        let rows = sqlx::query(&sql)
            .bind(p.org_id.to_string())
            .fetch_all(self.pool())
            .await?;
        let area = f.area.as_ref().map(|a| a.to_lowercase());
        let mut out = vec![];
        for r in &rows {
            let v = from_row(self.ring(), r)?;
            let keep = (f.include_inactive || v.active)
                && f.kind
                    .is_none_or(|k| v.kinds.iter().any(|x| x == k.as_str()))
                && area
                    .as_ref()
                    .is_none_or(|a| v.area.to_lowercase().contains(a.as_str()))
                && f.language.as_ref().is_none_or(|l| v.languages.contains(l));
            if keep {
                out.push(v);
            }
        }
        out.sort_by_cached_key(|v| (v.name.to_lowercase(), v.id));
        Ok(out)
    }

    /// One partner of the caller's organisation (`NotFound` for another's).
    pub async fn partner(&self, p: &Principal, id: PartnerId) -> Result<PartnerView, StoreError> {
        require_case_work(p)?;
        self.partner_in_org(p.org_id, id).await
    }

    pub(crate) async fn partner_in_org(
        &self,
        org: OrgId,
        id: PartnerId,
    ) -> Result<PartnerView, StoreError> {
        let sql = format!("{SELECT} where p.id = $1 and p.org_id = $2");
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .bind(org.to_string())
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        from_row(self.ring(), &row)
    }

    /// Checks the linked organisation: it must exist and not be the caller's own.
    async fn check_linked(&self, p: &Principal, linked: Option<OrgId>) -> Result<(), StoreError> {
        let Some(org) = linked else { return Ok(()) };
        let bad = |m: &str| StoreError::Invalid(FieldError::new("linked_org_id", m));
        if org == p.org_id {
            return Err(bad("must be another organisation than your own"));
        }
        let found = sqlx::query("select 1 from organisations where id = $1")
            .bind(org.to_string())
            .fetch_optional(self.pool())
            .await?;
        found
            .map(|_| ())
            .ok_or_else(|| bad("is not an organisation on this Libertas"))
    }

    /// Adds a partner to the caller's organisation's directory (administrators only).
    pub async fn create_partner(
        &self,
        p: &Principal,
        new: &NewPartner,
        linked: Option<OrgId>,
        reason: &str,
    ) -> Result<PartnerView, StoreError> {
        require_admin(p)?;
        self.check_linked(p, linked).await?;
        let typed = PartnerId::from_uuid(Uuid::now_v7());
        let id = typed.to_string();
        let now = clock::now_text();
        let kinds: Vec<&str> = new.kinds.iter().map(|k| k.as_str()).collect();
        let ring = self.ring();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into partners (id, org_id, name, kinds, area, languages, how_to_refer, contact,
                linked_org_id, active, created_by, created_at, updated_at, name_legacy,
                area_legacy, how_to_refer_legacy, contact_legacy)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $11, '', '', '', '')",
        )
        .bind(&id)
        .bind(p.org_id.to_string())
        .bind(seal(ring, &id, "name", new.name.as_str()))
        .bind(kinds.join(","))
        .bind(seal(ring, &id, "area", new.area.as_str()))
        .bind(new.languages.join(","))
        .bind(seal(ring, &id, "how_to_refer", new.how_to_refer.as_str()))
        .bind(seal(ring, &id, "contact", new.contact.as_str()))
        .bind(linked.map(|o| o.to_string()))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("partner.create", "partner", Some(id.clone()), reason)
                .detail(serde_json::json!({ "kinds": kinds, "linked_org_id": linked.map(|o| o.to_string()) })),
        )
        .await?;
        tx.commit().await?;
        self.partner_in_org(p.org_id, typed).await
    }

    /// Replaces a partner's details (administrators only).
    pub async fn update_partner(
        &self,
        p: &Principal,
        typed: PartnerId,
        new: &NewPartner,
        linked: Option<OrgId>,
        reason: &str,
    ) -> Result<PartnerView, StoreError> {
        require_admin(p)?;
        self.partner_in_org(p.org_id, typed).await?;
        self.check_linked(p, linked).await?;
        let id = typed.to_string();
        let id = id.as_str();
        let kinds: Vec<&str> = new.kinds.iter().map(|k| k.as_str()).collect();
        let ring = self.ring();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "update partners set name = $1, kinds = $2, area = $3, languages = $4,
                how_to_refer = $5, contact = $6, linked_org_id = $7, updated_at = $8,
                name_legacy = '', area_legacy = '', how_to_refer_legacy = '', contact_legacy = ''
             where id = $9 and org_id = $10",
        )
        .bind(seal(ring, id, "name", new.name.as_str()))
        .bind(kinds.join(","))
        .bind(seal(ring, id, "area", new.area.as_str()))
        .bind(new.languages.join(","))
        .bind(seal(ring, id, "how_to_refer", new.how_to_refer.as_str()))
        .bind(seal(ring, id, "contact", new.contact.as_str()))
        .bind(linked.map(|o| o.to_string()))
        .bind(clock::now_text())
        .bind(id)
        .bind(p.org_id.to_string())
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("partner.update", "partner", Some(id.to_owned()), reason)
                .detail(serde_json::json!({ "kinds": kinds, "linked_org_id": linked.map(|o| o.to_string()) })),
        )
        .await?;
        tx.commit().await?;
        self.partner_in_org(p.org_id, typed).await
    }

    /// Takes a partner out of the directory (or puts it back). Referrals already made stay.
    pub async fn set_partner_active(
        &self,
        p: &Principal,
        typed: PartnerId,
        active: bool,
        reason: &str,
    ) -> Result<PartnerView, StoreError> {
        require_admin(p)?;
        self.partner_in_org(p.org_id, typed).await?;
        let id = typed.to_string();
        let id = id.as_str();
        self.journal_partner_active(id, active).await?;
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "update partners set active = $1, updated_at = $2 where id = $3 and org_id = $4",
        )
        .bind(i64::from(active))
        .bind(clock::now_text())
        .bind(id)
        .bind(p.org_id.to_string())
        .execute(tx.conn()?)
        .await?;
        let action = if active {
            "partner.activate"
        } else {
            "partner.deactivate"
        };
        tx.audit(AuditEvent::new(
            action,
            "partner",
            Some(id.to_owned()),
            reason,
        ))
        .await?;
        tx.commit().await?;
        self.partner_in_org(p.org_id, typed).await
    }
}
