//! Sign-up with double opt-in, confirmation and unsubscribe.
//!
//! A sign-up stores the supporter as *pending* with a consent record (not yet confirmed) and
//! queues exactly one message: the confirmation. Nothing else is ever queued for a pending
//! supporter. The link confirms once, within `CONFIRM_LIFETIME`. The answer to the public is
//! the same whether the address was new, pending, subscribed or unsubscribed (the web page
//! says "if the address can receive our updates, a message is on its way").

use super::{new_token, plausible_token, public_actor, require_supporter_care};
use crate::audit::AuditEvent;
use crate::crypto::{open_field, seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::OrgId;
use libertas_domain::supporters::message::Message;
use libertas_domain::supporters::{
    ConsentId, Interest, SignUp, SupporterId, CONFIRM_LIFETIME, SIGNUP_FORM, SIGNUP_WORDING_VERSION,
};
use serde_json::json;
use uuid::Uuid;

/// A repeated sign-up of a pending or unsubscribed address within this time queues no new
/// confirmation: a stranger cannot turn the form into a way of flooding someone's mailbox.
const REPEAT_QUIET: time::Duration = time::Duration::minutes(10);

/// What a confirmation link did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmOutcome {
    Confirmed,
    /// Used before: nothing changes.
    AlreadyUsed,
    Expired,
    /// No such link.
    Unknown,
}

/// The supporters of an organisation by status (the supporter staff's overview).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SupporterCounts {
    pub pending: i64,
    pub subscribed: i64,
    pub unsubscribed: i64,
    /// Erased on request: tombstones, no person behind them.
    pub erased: i64,
    /// Donors who never signed up for updates (gifts only).
    pub donors: i64,
}

#[derive(sqlx::FromRow)]
struct Known {
    id: String,
    status: String,
    key_version: i64,
    unsubscribe_token: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct Link {
    supporter_id: String,
    consent_id: String,
    expires_at: String,
    used_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StatusCount {
    status: String,
    n: i64,
}

fn at<'a>(table: &'a str, column: &'a str, row: &'a str) -> FieldRef<'a> {
    FieldRef { table, column, row }
}

/// The recipient's domain (what the per-domain rate limit counts), normalised.
pub(super) fn domain_of(address: &str) -> String {
    address
        .rsplit_once('@')
        .map(|(_, d)| d.to_lowercase())
        .unwrap_or_default()
}

impl Store {
    /// Signs `s` up for updates from `org` (double opt-in). `compose` writes the confirmation
    /// message from the confirmation and unsubscribe tokens (the web layer knows the URLs and
    /// the wording). Answers the same whatever was known about the address.
    #[tracing::instrument(skip_all)]
    pub async fn supporter_sign_up(
        &self,
        org: OrgId,
        s: &SignUp,
        compose: impl FnOnce(&str, &str) -> Message,
    ) -> Result<(), StoreError> {
        let index = self.ring().supporter_index("email", s.email.normalised());
        let known = sqlx::query_as::<_, Known>(
            "select id, status, key_version, unsubscribe_token from supporters.supporters
             where email_index = $1",
        )
        .bind(&index)
        .fetch_optional(self.pool())
        .await?;
        let now = clock::now();
        let Some(known) = known else {
            return self.first_sign_up(org, s, &index, compose).await;
        };
        let sid = known.id.clone();
        let quiet = match known.status.as_str() {
            "subscribed" => true,
            _ => {
                let last: Option<String> = sqlx::query_scalar(
                    "select max(created_at) from supporters.confirmations where supporter_id = $1",
                )
                .bind(&sid)
                .fetch_one(self.pool())
                .await?;
                last.is_some_and(|l| l > clock::to_text(now - REPEAT_QUIET))
            }
        };
        if quiet {
            let event = AuditEvent::new("supporter.signup", "supporter", Some(sid), "sign-up form")
                .detail(json!({ "known": true, "status": known.status, "queued": 0 }));
            return self.record(public_actor(), vec![event]).await;
        }
        let version = u32::try_from(known.key_version).unwrap_or(1);
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Supporter, &sid, version)
            .await?
            .ok_or(StoreError::NotFound)?;
        let unsubscribe = open_field(
            &key,
            at("supporters.supporters", "unsubscribe_token", &sid),
            &known.unsubscribe_token,
        )
        .ok_or(StoreError::Crypto("unsubscribe token"))?;
        let unsubscribe = String::from_utf8_lossy(&unsubscribe).into_owned();
        let mut tx = self.write(public_actor()).await?;
        sqlx::query(
            "update supporters.supporters
             set status = case when status = 'donor' then 'donor' else 'pending' end,
                 language = $2, name = coalesce(name, $3), unsubscribed_at = null
             where id = $1",
        )
        .bind(&sid)
        .bind(s.language.as_str())
        .bind(s.name.as_ref().map(|n| {
            seal_field(
                &key,
                version,
                at("supporters.supporters", "name", &sid),
                n.as_str().as_bytes(),
            )
        }))
        .execute(tx.conn()?)
        .await?;
        self.ask_consent(&mut tx, org, &sid, &key, version, s, &unsubscribe, compose)
            .await?;
        tx.audit(
            AuditEvent::new("supporter.signup", "supporter", Some(sid), "sign-up form")
                .detail(json!({ "known": true, "status": known.status, "queued": 1,
                                 "interests": Interest::list_code(&s.interests) })),
        )
        .await?;
        tx.commit().await
    }

    async fn first_sign_up(
        &self,
        org: OrgId,
        s: &SignUp,
        index: &str,
        compose: impl FnOnce(&str, &str) -> Message,
    ) -> Result<(), StoreError> {
        let id = SupporterId::from_uuid(Uuid::now_v7()).to_string();
        let key = self
            .keys()
            .create(self.ring(), OwnerKind::Supporter, &id)
            .await?;
        let unsubscribe = new_token();
        let seal = |column: &str, v: &[u8]| {
            seal_field(&key, 1, at("supporters.supporters", column, &id), v)
        };
        let mut tx = self.write(public_actor()).await?;
        let inserted = sqlx::query(
            "insert into supporters.supporters (id, org_id, email_index, email, name, language,
                 status, key_version, unsubscribe_hash, unsubscribe_token, created_at)
             values ($1, $2, $3, $4, $5, $6, 'pending', 1, $7, $8, $9)",
        )
        .bind(&id)
        .bind(org.to_string())
        .bind(index)
        .bind(seal("email", s.email.as_str().as_bytes()))
        .bind(s.name.as_ref().map(|n| seal("name", n.as_str().as_bytes())))
        .bind(s.language.as_str())
        .bind(
            self.ring()
                .supporter_token_hash("unsubscribe", &unsubscribe),
        )
        .bind(seal("unsubscribe_token", unsubscribe.as_bytes()))
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await;
        if let Err(e) = inserted {
            // The same address signed up at the same moment: that sign-up queued the
            // confirmation, and this one answers the same.
            return match StoreError::on_constraint(e, "supporters_email_index_key", "email") {
                StoreError::Conflict(_) => Ok(()),
                other => Err(other),
            };
        }
        self.ask_consent(&mut tx, org, &id, &key, 1, s, &unsubscribe, compose)
            .await?;
        tx.audit(
            AuditEvent::new("supporter.signup", "supporter", Some(id), "sign-up form").detail(
                json!({ "known": false, "queued": 1, "interests": Interest::list_code(&s.interests),
                        "name": s.name.is_some(), "language": s.language.as_str() }),
            ),
        )
        .await?;
        tx.commit().await
    }

    /// The consent record (not yet confirmed), its confirmation link and the one message.
    #[allow(clippy::too_many_arguments)]
    async fn ask_consent(
        &self,
        tx: &mut crate::WriteTx<'_>,
        org: OrgId,
        sid: &str,
        key: &DataKey,
        version: u32,
        s: &SignUp,
        unsubscribe: &str,
        compose: impl FnOnce(&str, &str) -> Message,
    ) -> Result<(), StoreError> {
        let now = clock::now();
        let consent = ConsentId::from_uuid(Uuid::now_v7()).to_string();
        sqlx::query(
            "insert into supporters.consents (id, supporter_id, interests, region, form,
                 wording_version, language, asked_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&consent)
        .bind(sid)
        .bind(Interest::list_code(&s.interests))
        .bind(s.region.as_ref().map(|r| {
            seal_field(
                key,
                version,
                at("supporters.consents", "region", &consent),
                r.as_str().as_bytes(),
            )
        }))
        .bind(SIGNUP_FORM)
        .bind(SIGNUP_WORDING_VERSION)
        .bind(s.language.as_str())
        .bind(clock::to_text(now))
        .execute(tx.conn()?)
        .await?;
        let token = new_token();
        sqlx::query(
            "insert into supporters.confirmations (token_hash, supporter_id, consent_id,
                 created_at, expires_at)
             values ($1, $2, $3, $4, $5)",
        )
        .bind(self.ring().supporter_token_hash("confirm", &token))
        .bind(sid)
        .bind(&consent)
        .bind(clock::to_text(now))
        .bind(clock::to_text(now + CONFIRM_LIFETIME))
        .execute(tx.conn()?)
        .await?;
        let message = compose(&token, unsubscribe);
        self.queue_message(tx, org, sid, key, version, "confirmation", &message)
            .await
    }

    /// Uses a confirmation link: the supporter is subscribed and the consent confirmed, once.
    #[tracing::instrument(skip_all)]
    pub async fn supporter_confirm(&self, token: &str) -> Result<ConfirmOutcome, StoreError> {
        if !plausible_token(token) {
            return Ok(ConfirmOutcome::Unknown);
        }
        let hash = self.ring().supporter_token_hash("confirm", token);
        let link = sqlx::query_as::<_, Link>(
            "select supporter_id, consent_id, expires_at, used_at
             from supporters.confirmations where token_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(link) = link else {
            return Ok(ConfirmOutcome::Unknown);
        };
        if link.used_at.is_some() {
            return Ok(ConfirmOutcome::AlreadyUsed);
        }
        let now = clock::now_text();
        if link.expires_at <= now {
            return Ok(ConfirmOutcome::Expired);
        }
        let mut tx = self.write(public_actor()).await?;
        let used = sqlx::query(
            "update supporters.confirmations set used_at = $2
             where token_hash = $1 and used_at is null",
        )
        .bind(&hash)
        .bind(&now)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if used == 0 {
            // Used by a request that committed between the look-up and here.
            tx.audit(
                AuditEvent::new(
                    "supporter.confirm",
                    "supporter",
                    Some(link.supporter_id),
                    "confirmation link",
                )
                .detail(json!({ "outcome": "already_used" })),
            )
            .await?;
            tx.commit().await?;
            return Ok(ConfirmOutcome::AlreadyUsed);
        }
        sqlx::query("update supporters.consents set confirmed_at = $2 where id = $1")
            .bind(&link.consent_id)
            .bind(&now)
            .execute(tx.conn()?)
            .await?;
        sqlx::query(
            "update supporters.supporters
             set status = 'subscribed', confirmed_at = $2, unsubscribed_at = null where id = $1",
        )
        .bind(&link.supporter_id)
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "supporter.confirm",
                "supporter",
                Some(link.supporter_id),
                "confirmation link",
            )
            .detail(json!({ "outcome": "confirmed", "consent_id": link.consent_id })),
        )
        .await?;
        tx.commit().await?;
        Ok(ConfirmOutcome::Confirmed)
    }

    /// Uses an unsubscribe link: nothing more is sent (queued messages are cancelled) and
    /// every consent is withdrawn. `false` for a link that matches nobody.
    #[tracing::instrument(skip_all)]
    pub async fn supporter_unsubscribe(&self, token: &str) -> Result<bool, StoreError> {
        if !plausible_token(token) {
            return Ok(false);
        }
        let hash = self.ring().supporter_token_hash("unsubscribe", token);
        let sid: Option<String> =
            sqlx::query_scalar("select id from supporters.supporters where unsubscribe_hash = $1")
                .bind(&hash)
                .fetch_optional(self.pool())
                .await?;
        let Some(sid) = sid else {
            return Ok(false);
        };
        // Journaled first, so restoring an older backup does not subscribe them again.
        self.journal_supporter_unsubscribed(&sid).await?;
        let now = clock::now_text();
        let mut tx = self.write(public_actor()).await?;
        sqlx::query(
            "update supporters.supporters set status = 'unsubscribed', unsubscribed_at = $2
             where id = $1 and status <> 'unsubscribed'",
        )
        .bind(&sid)
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        let withdrawn = sqlx::query(
            "update supporters.consents set withdrawn_at = $2
             where supporter_id = $1 and withdrawn_at is null",
        )
        .bind(&sid)
        .bind(&now)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        let cancelled = sqlx::query(
            "update supporters.outbox set status = 'cancelled'
             where supporter_id = $1 and status = 'queued'",
        )
        .bind(&sid)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        tx.audit(
            AuditEvent::new(
                "supporter.unsubscribe",
                "supporter",
                Some(sid),
                "unsubscribe link",
            )
            .detail(json!({ "consents_withdrawn": withdrawn, "messages_cancelled": cancelled })),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The caller's organisation's supporters by status (counts only, no personal data).
    pub async fn supporter_counts(&self, p: &Principal) -> Result<SupporterCounts, StoreError> {
        require_supporter_care(p)?;
        let rows = sqlx::query_as::<_, StatusCount>(
            "select status, count(*) as n from supporters.supporters
             where org_id = $1 group by status",
        )
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut c = SupporterCounts::default();
        for r in rows {
            match r.status.as_str() {
                "pending" => c.pending = r.n,
                "subscribed" => c.subscribed = r.n,
                "unsubscribed" => c.unsubscribed = r.n,
                "erased" => c.erased = r.n,
                "donor" => c.donors = r.n,
                _ => {}
            }
        }
        Ok(c)
    }
}
