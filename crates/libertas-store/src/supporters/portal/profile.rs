//! What a signed-in supporter sees and changes in the portal: their contact details and
//! e-mail preferences. Each call takes the [`PortalSession`] and reaches only that session's
//! supporter; every read and write is audited (field names and counts, never values).

use super::{at, portal_actor, PortalSession};
use crate::audit::AuditEvent;
use crate::crypto::{open_field, seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::{
    ConsentId, Interest, SupporterName, SupporterRegion, PORTAL_FORM, PORTAL_WORDING_VERSION,
};
use serde_json::json;
use uuid::Uuid;

/// A supporter's own details, opened for their portal page.
#[derive(Clone)]
pub struct PortalProfile {
    pub email: String,
    pub name: Option<String>,
    pub language: String,
    /// subscribed or unsubscribed.
    pub status: String,
    /// Interest codes of the consent in force (empty when none is).
    pub interests: Vec<String>,
    pub region: Option<String>,
}

impl std::fmt::Debug for PortalProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PortalProfile(<redacted>)")
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct Me {
    pub(super) org_id: String,
    email: Vec<u8>,
    name: Option<Vec<u8>>,
    language: String,
    status: String,
    key_version: i64,
}

#[derive(sqlx::FromRow)]
struct Consent {
    id: String,
    interests: String,
    region: Option<Vec<u8>>,
}

impl Store {
    pub(super) async fn portal_me(
        &self,
        s: &PortalSession,
    ) -> Result<(Me, DataKey, u32), StoreError> {
        let me = sqlx::query_as::<_, Me>(
            "select org_id, email, name, language, status, key_version
             from supporters.supporters where id = $1 and status <> 'erased'",
        )
        .bind(&s.supporter_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let version = u32::try_from(me.key_version).unwrap_or(1);
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Supporter, &s.supporter_id, version)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok((me, key, version))
    }

    /// The signed-in supporter's details and preferences (an audited read).
    pub async fn portal_profile(&self, s: &PortalSession) -> Result<PortalProfile, StoreError> {
        let (me, key, _) = self.portal_me(s).await?;
        let sid = s.supporter_id.as_str();
        let open = |f: FieldRef<'_>, sealed: &[u8]| {
            open_field(&key, f, sealed)
                .map(|v| String::from_utf8_lossy(&v).into_owned())
                .ok_or(StoreError::Crypto("supporter field"))
        };
        let email = open(at("email", sid), &me.email)?;
        let name = me
            .name
            .as_deref()
            .map(|n| open(at("name", sid), n))
            .transpose()?;
        let consent = sqlx::query_as::<_, Consent>(
            "select id, interests, region from supporters.consents
             where supporter_id = $1 and confirmed_at is not null and withdrawn_at is null
             order by confirmed_at desc, id desc limit 1",
        )
        .bind(sid)
        .fetch_optional(self.pool())
        .await?;
        let (interests, region) = match &consent {
            Some(c) => (
                c.interests
                    .split(',')
                    .filter(|i| !i.is_empty())
                    .map(str::to_owned)
                    .collect(),
                c.region
                    .as_deref()
                    .map(|r| open(consent_at(&c.id), r))
                    .transpose()?,
            ),
            None => (Vec::new(), None),
        };
        let event = AuditEvent::new(
            "supporter.portal.read",
            "supporter",
            Some(sid.into()),
            "portal",
        )
        .detail(
            json!({ "fields": ["email", "name", "language", "interests", "region"],
                            "name": name.is_some(), "region": region.is_some() }),
        );
        self.record(portal_actor(Some(&me.org_id)), vec![event])
            .await?;
        Ok(PortalProfile {
            email,
            name,
            language: me.language,
            status: me.status,
            interests,
            region,
        })
    }

    /// Changes the signed-in supporter's name (none clears it) and language.
    pub async fn portal_update_details(
        &self,
        s: &PortalSession,
        name: Option<&SupporterName>,
        language: Lang,
    ) -> Result<(), StoreError> {
        let (me, key, version) = self.portal_me(s).await?;
        let sid = s.supporter_id.as_str();
        let mut tx = self.write(portal_actor(Some(&me.org_id))).await?;
        sqlx::query("update supporters.supporters set name = $2, language = $3 where id = $1")
            .bind(sid)
            .bind(name.map(|n| seal_field(&key, version, at("name", sid), n.as_str().as_bytes())))
            .bind(language.code())
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new(
                "supporter.portal.details",
                "supporter",
                Some(sid.into()),
                "portal",
            )
            .detail(json!({ "name": name.is_some(), "language": language.code() })),
        )
        .await?;
        tx.commit().await
    }

    /// Replaces the signed-in supporter's interests: a new consent record (form `portal`,
    /// confirmed now: the sign-in link proved the address) supersedes the ones in force. No
    /// interest at all withdraws every consent and unsubscribes (queued messages are
    /// cancelled); interests chosen by an unsubscribed supporter subscribe them again.
    pub async fn portal_update_interests(
        &self,
        s: &PortalSession,
        interests: &[Interest],
        region: Option<&SupporterRegion>,
    ) -> Result<(), StoreError> {
        let (me, key, version) = self.portal_me(s).await?;
        let sid = s.supporter_id.as_str();
        if interests.is_empty() {
            // Journaled first, so restoring an older backup does not subscribe them again.
            self.journal_supporter_unsubscribed(sid).await?;
        }
        let now = clock::now_text();
        let mut tx = self.write(portal_actor(Some(&me.org_id))).await?;
        let withdrawn = sqlx::query(
            "update supporters.consents set withdrawn_at = $2
             where supporter_id = $1 and withdrawn_at is null",
        )
        .bind(sid)
        .bind(&now)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        let mut cancelled = 0;
        if interests.is_empty() {
            sqlx::query(
                "update supporters.supporters set status = 'unsubscribed', unsubscribed_at = $2
                 where id = $1 and status not in ('unsubscribed', 'donor')",
            )
            .bind(sid)
            .bind(&now)
            .execute(tx.conn()?)
            .await?;
            cancelled = sqlx::query(
                "update supporters.outbox set status = 'cancelled'
                 where supporter_id = $1 and status = 'queued'",
            )
            .bind(sid)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
        } else {
            let consent = ConsentId::from_uuid(Uuid::now_v7()).to_string();
            sqlx::query(
                "insert into supporters.consents (id, supporter_id, interests, region, form,
                     wording_version, language, asked_at, confirmed_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            )
            .bind(&consent)
            .bind(sid)
            .bind(Interest::list_code(interests))
            .bind(
                region.map(|r| {
                    seal_field(&key, version, consent_at(&consent), r.as_str().as_bytes())
                }),
            )
            .bind(PORTAL_FORM)
            .bind(PORTAL_WORDING_VERSION)
            .bind(&me.language)
            .bind(&now)
            .execute(tx.conn()?)
            .await?;
            sqlx::query(
                "update supporters.supporters
                 set status = 'subscribed', unsubscribed_at = null,
                     confirmed_at = coalesce(confirmed_at, $2)
                 where id = $1",
            )
            .bind(sid)
            .bind(&now)
            .execute(tx.conn()?)
            .await?;
        }
        tx.audit(
            AuditEvent::new(
                "supporter.portal.interests",
                "supporter",
                Some(sid.into()),
                "portal",
            )
            .detail(json!({ "interests": Interest::list_code(interests),
                                "region": region.is_some(), "was": me.status,
                                "consents_withdrawn": withdrawn,
                                "messages_cancelled": cancelled })),
        )
        .await?;
        tx.commit().await
    }
}

fn consent_at(id: &str) -> FieldRef<'_> {
    FieldRef {
        table: "supporters.consents",
        column: "region",
        row: id,
    }
}
