//! Gift Aid in the portal: the signed-in donor sees their declarations, makes one (HMRC's
//! wording for all gifts, their taxpayer status confirmed) or cancels one. Each call reaches
//! only the session's supporter; reads and writes are audited (codes and counts only).

use super::{portal_actor, PortalSession};
use crate::audit::AuditEvent;
use crate::supporters::gift_aid::{cancel, today, DeclarationView, NewDeclaration};
use crate::{Store, StoreError};
use libertas_domain::supporters::gift_aid::{DeclarationId, Donor, Method, Scope};
use serde_json::json;

impl Store {
    /// HMRC's wording of a declaration for all gifts, naming the donor's charity: what the
    /// portal shows before the donor ticks the box (and what is stored with it).
    pub async fn portal_gift_aid_wording(&self, s: &PortalSession) -> Result<String, StoreError> {
        let org = self.portal_org(s).await?;
        Ok(libertas_domain::supporters::gift_aid::wording(
            Scope::AllGifts,
            &self.charity_name(&org).await?,
        ))
    }

    /// The signed-in donor's declarations, newest first (an audited read).
    pub async fn portal_gift_aid(
        &self,
        s: &PortalSession,
    ) -> Result<Vec<DeclarationView>, StoreError> {
        let org = self.portal_org(s).await?;
        let sid = s.supporter_id.as_str();
        let rows = self.declaration_rows(sid).await?;
        let key = self.supporter_key(sid).await?;
        self.record(
            portal_actor(Some(&org)),
            vec![AuditEvent::new(
                "gift_aid.portal.read",
                "supporter",
                Some(sid.into()),
                "portal",
            )
            .detail(json!({ "declarations": rows.len() }))],
        )
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| r.view(key.as_ref().map(|k| &k.0)))
            .collect())
    }

    /// The signed-in donor makes a declaration for all their gifts (the past four years and
    /// the future), made today in the portal. It replaces the one in force, if any (a donor
    /// who moved house declares again): that one is cancelled from today.
    pub async fn portal_declare_gift_aid(
        &self,
        s: &PortalSession,
        donor: Donor,
        taxpayer_confirmed: bool,
    ) -> Result<DeclarationId, StoreError> {
        let org = self.portal_org(s).await?;
        let sid = s.supporter_id.as_str();
        let (key, version) = self.supporter_key(sid).await?.ok_or(StoreError::NotFound)?;
        let d = NewDeclaration {
            donor,
            scope: Scope::AllGifts,
            gift_id: None,
            made_on: today(),
            method: Method::Portal,
            confirmed_on: None,
            taxpayer_confirmed,
        };
        let mut tx = self.write(portal_actor(Some(&org))).await?;
        let replaced = sqlx::query(
            "update supporters.gift_aid_declarations
             set cancelled_on = $2, cancelled_by = 'donor'
             where supporter_id = $1 and scope = 'all_gifts' and cancelled_on is null",
        )
        .bind(sid)
        .bind(super::super::gift_aid::date_text(d.made_on))
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        let id = self
            .write_declaration(&mut tx, &org, sid, (&key, version), &d, "portal", None)
            .await?;
        tx.audit(
            AuditEvent::new(
                "gift_aid.portal.declare",
                "gift_aid_declaration",
                Some(id.to_string()),
                "portal",
            )
            .detail(json!({ "supporter_id": sid, "replaced": replaced,
                            "overseas": d.donor.postcode.is_none() })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The signed-in donor cancels one of their declarations from today. `NotFound` for one
    /// that is not theirs or is cancelled already.
    pub async fn portal_cancel_gift_aid(
        &self,
        s: &PortalSession,
        id: DeclarationId,
    ) -> Result<(), StoreError> {
        let org = self.portal_org(s).await?;
        let sid = s.supporter_id.as_str();
        let mut tx = self.write(portal_actor(Some(&org))).await?;
        cancel(
            &mut tx,
            &id.to_string(),
            None,
            Some(sid),
            today(),
            "donor",
            None,
        )
        .await?;
        tx.audit(
            AuditEvent::new(
                "gift_aid.portal.cancel",
                "gift_aid_declaration",
                Some(id.to_string()),
                "portal",
            )
            .detail(json!({ "supporter_id": sid })),
        )
        .await?;
        tx.commit().await
    }
}
