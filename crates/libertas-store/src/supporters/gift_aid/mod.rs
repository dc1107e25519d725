//! Gift Aid declarations (supporter migration 8): recorded by the fundraising manager from a
//! written or oral declaration, or made by the donor in the portal (`portal::gift_aid`);
//! listed, confirmed and cancelled. `docs/supporters.md`, "Gift Aid".
//!
//! **Sealed.** The donor's name and home address as the declaration gives them are one value
//! sealed under the supporter's own data key (`donor`, bound to the declaration's row), so
//! erasing the supporter destroys them with everything else; erasure also blanks the value
//! and cancels the declaration (`erase.rs`).
//!
//! **Access.** `Capability::RecordGifts` (the fundraising manager) records, confirms,
//! cancels and claims; `Capability::CareForSupporters` reads. Every read of a declaration's
//! donor details is audited (`gift_aid.read`), every write carries its event.

mod schedule;
mod staff;

pub use schedule::{GiftAidSchedule, ScheduledGift};
pub(crate) use staff::cancel;

use crate::crypto::{open_field, seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError, WriteTx};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::error::FieldError;
use libertas_domain::supporters::gift_aid::eligibility::Covering;
use libertas_domain::supporters::gift_aid::{
    wording, DeclarationId, Donor, Method, Scope, WORDING_VERSION,
};
use libertas_domain::supporters::gifts::{parse_date, GiftId};
use time::Date;
use uuid::Uuid;

/// A declaration as staff record it (written or oral) or the donor makes it (portal).
#[derive(Clone, Debug)]
pub struct NewDeclaration {
    pub donor: Donor,
    pub scope: Scope,
    /// The gift a one-gift declaration is for (the donor's own).
    pub gift_id: Option<GiftId>,
    pub made_on: Date,
    pub method: Method,
    /// Oral: the day the written confirmation was sent, if it was.
    pub confirmed_on: Option<Date>,
    pub taxpayer_confirmed: bool,
}

/// A declaration as the pages show it.
#[derive(Clone, Debug)]
pub struct DeclarationView {
    pub id: String,
    /// `None` when it can no longer be opened (the supporter was erased).
    pub donor: Option<Donor>,
    pub scope: String,
    pub gift_id: Option<String>,
    pub made_on: String,
    pub method: String,
    pub confirmed_on: Option<String>,
    pub cancelled_on: Option<String>,
    pub cancelled_by: Option<String>,
    pub wording: String,
    pub wording_version: String,
    pub created_by: String,
}

impl DeclarationView {
    pub fn active(&self) -> bool {
        self.cancelled_on.is_none()
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct DeclarationRow {
    pub id: String,
    pub donor: Vec<u8>,
    pub address: String,
    pub taxpayer_confirmed: String,
    pub scope: String,
    pub gift_id: Option<String>,
    pub made_on: String,
    pub method: String,
    pub confirmed_on: Option<String>,
    pub cancelled_on: Option<String>,
    pub cancelled_by: Option<String>,
    pub wording: String,
    pub wording_version: String,
    pub created_by: String,
}

pub(crate) const DECLARATION_COLUMNS: &str = "id, donor, address, taxpayer_confirmed, scope, \
    gift_id, made_on, method, confirmed_on, cancelled_on, cancelled_by, wording, \
    wording_version, created_by";

impl DeclarationRow {
    /// The facts the eligibility rules need; `None` for a row whose codes are not ours.
    pub(crate) fn covering(&self) -> Option<Covering> {
        let date = |s: &str| parse_date("date", s).ok();
        Some(Covering {
            scope: Scope::parse(&self.scope).ok()?,
            gift_id: self.gift_id.clone(),
            made_on: date(&self.made_on)?,
            method: Method::parse(&self.method).ok()?,
            confirmed_on: self.confirmed_on.as_deref().and_then(date),
            cancelled_on: self.cancelled_on.as_deref().and_then(date),
            taxpayer_confirmed: self.taxpayer_confirmed == "yes",
            non_uk: self.address != "uk",
        })
    }

    pub(crate) fn view(self, key: Option<&DataKey>) -> DeclarationView {
        let donor = key.and_then(|k| open_donor(k, &self.id, &self.donor));
        DeclarationView {
            donor,
            id: self.id,
            scope: self.scope,
            gift_id: self.gift_id,
            made_on: self.made_on,
            method: self.method,
            confirmed_on: self.confirmed_on,
            cancelled_on: self.cancelled_on,
            cancelled_by: self.cancelled_by,
            wording: self.wording,
            wording_version: self.wording_version,
            created_by: self.created_by,
        }
    }
}

fn donor_at(id: &str) -> FieldRef<'_> {
    FieldRef {
        table: "supporters.gift_aid_declarations",
        column: "donor",
        row: id,
    }
}

pub(crate) fn open_donor(key: &DataKey, id: &str, sealed: &[u8]) -> Option<Donor> {
    if sealed.is_empty() {
        return None;
    }
    let plain = open_field(key, donor_at(id), sealed)?;
    serde_json::from_slice(&plain).ok()
}

pub(crate) fn date_text(d: Date) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    d.format(&format).unwrap_or_default()
}

pub(crate) fn today() -> Date {
    clock::now().date()
}

fn require_gifts(p: &Principal) -> Result<(), StoreError> {
    if p.can(Capability::RecordGifts) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

impl Store {
    /// The supporter's data key (`None` once erased) and its version.
    pub(crate) async fn supporter_key(
        &self,
        sid: &str,
    ) -> Result<Option<(DataKey, u32)>, StoreError> {
        let version: Option<i64> = sqlx::query_scalar(
            "select key_version from supporters.supporters where id = $1 and status <> 'erased'",
        )
        .bind(sid)
        .fetch_optional(self.pool())
        .await?;
        let Some(version) = version else {
            return Ok(None);
        };
        let version = u32::try_from(version).unwrap_or(1);
        Ok(self
            .keys()
            .get(self.ring(), OwnerKind::Supporter, sid, version)
            .await?
            .map(|k| (k, version)))
    }

    /// The name HMRC's wording gives the charity: the organisation's.
    pub(crate) async fn charity_name(&self, org: &str) -> Result<String, StoreError> {
        Ok(self
            .org_rows()
            .await?
            .into_iter()
            .find(|o| o.id.to_string() == org)
            .map(|o| o.name)
            .unwrap_or_else(|| "this charity".into()))
    }

    /// Writes a declaration of `sid` (in `org`) inside `tx`; the caller adds the audit event.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn write_declaration(
        &self,
        tx: &mut WriteTx<'_>,
        org: &str,
        sid: &str,
        key: (&DataKey, u32),
        d: &NewDeclaration,
        created_by: &str,
        user: Option<String>,
    ) -> Result<DeclarationId, StoreError> {
        if !d.taxpayer_confirmed {
            return Err(StoreError::Invalid(FieldError::new(
                "taxpayer",
                "the donor must confirm they are a UK taxpayer",
            )));
        }
        let gift_id = match (d.scope, d.gift_id) {
            (Scope::ThisGift, None) => {
                return Err(StoreError::Invalid(FieldError::new(
                    "gift_id",
                    "a declaration for one gift must name the gift",
                )))
            }
            (Scope::ThisGift, Some(g)) => {
                let theirs = sqlx::query(
                    "select 1 from supporters.gifts where id = $1 and supporter_id = $2",
                )
                .bind(g.to_string())
                .bind(sid)
                .fetch_optional(tx.conn()?)
                .await?
                .is_some();
                if !theirs {
                    return Err(StoreError::Invalid(FieldError::new(
                        "gift_id",
                        "is not one of this donor's gifts",
                    )));
                }
                Some(g.to_string())
            }
            (Scope::AllGifts, _) => None,
        };
        if d.method == Method::Oral && d.confirmed_on.is_some_and(|c| c < d.made_on) {
            return Err(StoreError::Invalid(FieldError::new(
                "confirmed_on",
                "cannot be before the declaration was made",
            )));
        }
        let id = DeclarationId::from_uuid(Uuid::now_v7());
        let row = id.to_string();
        let plain = serde_json::to_vec(&d.donor)
            .map_err(|_| StoreError::Internal("declaration donor".into()))?;
        let charity = self.charity_name(org).await?;
        sqlx::query(
            "insert into supporters.gift_aid_declarations (id, org_id, supporter_id, donor,
                 address, taxpayer_confirmed, scope, gift_id, wording, wording_version, made_on,
                 method, confirmed_on, created_by, created_by_user, created_at)
             values ($1, $2, $3, $4, $5, 'yes', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(&row)
        .bind(org)
        .bind(sid)
        .bind(seal_field(key.0, key.1, donor_at(&row), &plain))
        .bind(if d.donor.postcode.is_some() {
            "uk"
        } else {
            "overseas"
        })
        .bind(d.scope.as_str())
        .bind(gift_id)
        .bind(wording(d.scope, &charity))
        .bind(WORDING_VERSION)
        .bind(date_text(d.made_on))
        .bind(d.method.as_str())
        .bind(d.confirmed_on.map(date_text))
        .bind(created_by)
        .bind(user)
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?;
        Ok(id)
    }
}
