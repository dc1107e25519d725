//! The staff's side of declarations: reading a supporter's (audited), recording a written or
//! oral one, recording an oral one's written confirmation, cancelling. The fundraising
//! manager changes; supporter care reads; no case role reaches any of it.

use super::{
    date_text, require_gifts, DeclarationRow, DeclarationView, NewDeclaration, DECLARATION_COLUMNS,
};
use crate::audit::AuditEvent;
use crate::supporters::require_supporter_care;
use crate::{Store, StoreError, WriteTx};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::error::FieldError;
use libertas_domain::supporters::gift_aid::{DeclarationId, Method};
use libertas_domain::supporters::SupporterId;
use serde_json::json;
use time::Date;

impl Store {
    /// Whether the caller may reach Gift Aid (`Forbidden` for every case role) and whether
    /// they may change it (record, cancel, claim).
    pub fn gift_aid_access(&self, p: &Principal) -> Result<bool, StoreError> {
        require_supporter_care(p)?;
        Ok(p.can(Capability::RecordGifts))
    }

    async fn our_supporter(&self, p: &Principal, sid: &str) -> Result<(), StoreError> {
        sqlx::query("select 1 from supporters.supporters where id = $1 and org_id = $2")
            .bind(sid)
            .bind(p.org_id.to_string())
            .fetch_optional(self.pool())
            .await?
            .map(|_| ())
            .ok_or(StoreError::NotFound)
    }

    /// A supporter's declarations, newest first, their donor details opened. `NotFound` for
    /// another organisation's supporter. The read is audited.
    pub async fn gift_aid_declarations(
        &self,
        p: &Principal,
        supporter: SupporterId,
    ) -> Result<Vec<DeclarationView>, StoreError> {
        require_supporter_care(p)?;
        let sid = supporter.to_string();
        self.our_supporter(p, &sid).await?;
        let rows = self.declaration_rows(&sid).await?;
        let key = self.supporter_key(&sid).await?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("gift_aid.read", "supporter", Some(sid.clone()), "gift aid")
                    .detail(json!({ "declarations": rows.len(),
                                    "fields": ["title", "first_name", "last_name", "house", "postcode"] })),
            ],
        )
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| r.view(key.as_ref().map(|k| &k.0)))
            .collect())
    }

    pub(crate) async fn declaration_rows(
        &self,
        sid: &str,
    ) -> Result<Vec<DeclarationRow>, StoreError> {
        Ok(sqlx::query_as::<_, DeclarationRow>(&format!(
            "select {DECLARATION_COLUMNS} from supporters.gift_aid_declarations
             where supporter_id = $1 order by made_on desc, id desc"
        ))
        .bind(sid)
        .fetch_all(self.pool())
        .await?)
    }

    /// Records a written or oral declaration of a supporter of the caller's organisation.
    #[tracing::instrument(skip_all)]
    pub async fn record_gift_aid_declaration(
        &self,
        p: &Principal,
        supporter: SupporterId,
        d: &NewDeclaration,
    ) -> Result<DeclarationId, StoreError> {
        require_gifts(p)?;
        if d.method == Method::Portal {
            return Err(StoreError::Invalid(FieldError::new(
                "method",
                "must be written or oral",
            )));
        }
        let sid = supporter.to_string();
        self.our_supporter(p, &sid).await?;
        let (key, version) = self
            .supporter_key(&sid)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut tx = self.write(p.into()).await?;
        let org = p.org_id.to_string();
        let id = self
            .write_declaration(
                &mut tx,
                &org,
                &sid,
                (&key, version),
                d,
                "staff",
                Some(p.user_id.to_string()),
            )
            .await?;
        tx.audit(
            AuditEvent::new(
                "gift_aid.declare",
                "gift_aid_declaration",
                Some(id.to_string()),
                "recorded",
            )
            .detail(json!({ "supporter_id": sid, "method": d.method.as_str(),
                                "scope": d.scope.as_str(), "confirmed": d.confirmed_on.is_some(),
                                "overseas": d.donor.postcode.is_none() })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records that the written confirmation of an oral declaration was sent on `on`: from
    /// then on its gifts count. `NotFound` unless it is an unconfirmed oral declaration of the
    /// caller's organisation.
    pub async fn confirm_gift_aid_declaration(
        &self,
        p: &Principal,
        id: DeclarationId,
        on: Date,
    ) -> Result<SupporterId, StoreError> {
        require_gifts(p)?;
        let did = id.to_string();
        let mut tx = self.write(p.into()).await?;
        let sid: Option<String> = sqlx::query_scalar(
            "update supporters.gift_aid_declarations set confirmed_on = $3
             where id = $1 and org_id = $2 and method = 'oral' and confirmed_on is null
                   and made_on <= $3
             returning supporter_id",
        )
        .bind(&did)
        .bind(p.org_id.to_string())
        .bind(date_text(on))
        .fetch_optional(tx.conn()?)
        .await?;
        let sid = sid.ok_or(StoreError::NotFound)?;
        tx.audit(
            AuditEvent::new(
                "gift_aid.confirm",
                "gift_aid_declaration",
                Some(did),
                "confirmed",
            )
            .detail(json!({ "supporter_id": sid })),
        )
        .await?;
        tx.commit().await?;
        sid.parse()
            .map_err(|_| StoreError::Internal("supporter id".into()))
    }

    /// Cancels a declaration of the caller's organisation from `on` (gifts received from that
    /// day are not covered); `donor_asked` says whether the donor asked or staff decided.
    /// `NotFound` for one that does not exist, is another organisation's or is cancelled.
    pub async fn cancel_gift_aid_declaration(
        &self,
        p: &Principal,
        id: DeclarationId,
        on: Date,
        donor_asked: bool,
    ) -> Result<SupporterId, StoreError> {
        require_gifts(p)?;
        let by = if donor_asked { "donor" } else { "staff" };
        let mut tx = self.write(p.into()).await?;
        let org = p.org_id.to_string();
        let sid = cancel(
            &mut tx,
            &id.to_string(),
            Some(&org),
            None,
            on,
            by,
            Some(p.user_id.to_string()),
        )
        .await?;
        tx.audit(
            AuditEvent::new(
                "gift_aid.cancel",
                "gift_aid_declaration",
                Some(id.to_string()),
                "cancelled",
            )
            .detail(json!({ "supporter_id": sid, "by": by })),
        )
        .await?;
        tx.commit().await?;
        sid.parse()
            .map_err(|_| StoreError::Internal("supporter id".into()))
    }
}

/// Cancels an active declaration (of `org`, or of supporter `sid`) inside `tx`; answers its
/// supporter's id, or `NotFound`.
pub(crate) async fn cancel(
    tx: &mut WriteTx<'_>,
    id: &str,
    org: Option<&str>,
    sid: Option<&str>,
    on: Date,
    by: &str,
    user: Option<String>,
) -> Result<String, StoreError> {
    let found: Option<String> = sqlx::query_scalar(
        "update supporters.gift_aid_declarations
         set cancelled_on = $4, cancelled_by = $5, cancelled_by_user = $6
         where id = $1 and ($2 is null or org_id = $2) and ($3 is null or supporter_id = $3)
               and cancelled_on is null
         returning supporter_id",
    )
    .bind(id)
    .bind(org)
    .bind(sid)
    .bind(date_text(on))
    .bind(by)
    .bind(user)
    .fetch_optional(tx.conn()?)
    .await?;
    found.ok_or(StoreError::NotFound)
}
