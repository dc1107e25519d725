//! A donor's optional second factor for the portal (TOTP, RFC 6238: SHA-1, 6 digits, 30 s,
//! supporter migration 11).
//!
//! **Enrolment.** A signed-in supporter draws a secret; it waits on their portal session,
//! sealed under their own data key, until a first code proves the authenticator has it.
//! Removing it needs a current code too, so a session left open on a shared computer cannot
//! take the factor away.
//!
//! **Sign-in.** When a supporter with a factor uses a link, the session it starts has
//! `second_factor_due` set: [`Store::portal_session`] does not serve it until
//! [`Store::portal_second_factor`] accepts a code. A code is accepted once (the step is kept);
//! the fifth wrong code ends the session, and the supporter asks for a new link (which is
//! itself limited per minute and per address).
//!
//! A supporter who lost their phone asks supporter care, who remove the factor
//! ([`Store::supporter_totp_reset`]); every step is audited.

use super::{portal_actor, PortalSession};
use crate::audit::AuditEvent;
use crate::crypto::{open_field, seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::supporters::require_supporter_care;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::supporters::SupporterId;
use rand::RngCore;
use serde_json::json;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

const STEP: u64 = 30;
/// Wrong codes a pending sign-in may give before it ends.
const WRONG_CODES: i64 = 5;

/// What a supporter needs to add the portal to an authenticator app.
#[derive(Clone)]
pub struct PortalTotpEnrolment {
    pub secret_base32: String,
    pub otpauth_url: String,
}

impl std::fmt::Debug for PortalTotpEnrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PortalTotpEnrolment(<redacted>)")
    }
}

/// What a code given at sign-in did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondFactorOutcome {
    /// Accepted: the session is open.
    Passed,
    /// Wrong (or used already): try again.
    Wrong,
    /// No pending sign-in behind this cookie (unknown, expired, or ended by wrong codes).
    Ended,
}

fn secret_at(row: &str) -> FieldRef<'_> {
    FieldRef {
        table: "supporters.portal_totp",
        column: "secret",
        row,
    }
}

fn pending_at(row: &str) -> FieldRef<'_> {
    FieldRef {
        table: "supporters.portal_sessions",
        column: "pending_totp",
        row,
    }
}

fn totp_for(secret: Vec<u8>) -> Result<TOTP, StoreError> {
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP,
        secret,
        Some("Libertas".into()),
        "supporter".into(),
    )
    .map_err(|e| StoreError::Internal(format!("totp: {e}")))
}

/// The time step whose code matches, within one step of `now`, and later than `last`.
fn matching_step(totp: &TOTP, code: &str, now: u64, last: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let current = now / STEP;
    [current.saturating_sub(1), current, current + 1]
        .into_iter()
        .filter(|step| *step > last)
        .find(|step| bool::from(totp.generate(step * STEP).as_bytes().ct_eq(code.as_bytes())))
}

fn unix_now() -> u64 {
    clock::now().unix_timestamp().max(0) as u64
}

fn enrolment(secret: Vec<u8>) -> Result<PortalTotpEnrolment, StoreError> {
    let totp = totp_for(secret)?;
    Ok(PortalTotpEnrolment {
        secret_base32: totp.get_secret_base32(),
        otpauth_url: totp.get_url(),
    })
}

#[derive(sqlx::FromRow)]
struct Factor {
    secret: Vec<u8>,
    last_step: i64,
}

impl Store {
    async fn portal_supporter_key(&self, sid: &str) -> Result<(DataKey, u32), StoreError> {
        let version: i64 = sqlx::query_scalar(
            "select key_version from supporters.supporters where id = $1 and status <> 'erased'",
        )
        .bind(sid)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let version = u32::try_from(version).unwrap_or(1);
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Supporter, sid, version)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok((key, version))
    }

    async fn portal_factor_of(&self, sid: &str) -> Result<Option<Factor>, StoreError> {
        Ok(sqlx::query_as::<_, Factor>(
            "select secret, last_step from supporters.portal_totp where supporter_id = $1",
        )
        .bind(sid)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Whether the signed-in supporter has a second factor.
    pub async fn portal_totp_enabled(&self, s: &PortalSession) -> Result<bool, StoreError> {
        Ok(self.portal_factor_of(&s.supporter_id).await?.is_some())
    }

    /// Draws a secret and keeps it, sealed, on this portal session until a code confirms it.
    pub async fn portal_totp_begin(
        &self,
        s: &PortalSession,
        cookie: &str,
    ) -> Result<PortalTotpEnrolment, StoreError> {
        let (me, key, version) = self.portal_me(s).await?;
        let mut secret = vec![0u8; 20];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let hash = self.ring().supporter_token_hash("portal-session", cookie);
        let sealed = seal_field(&key, version, pending_at(&hash), &secret);
        let mut tx = self.write(portal_actor(Some(&me.org_id))).await?;
        sqlx::query(
            "update supporters.portal_sessions set pending_totp = $1
             where token_hash = $2 and supporter_id = $3",
        )
        .bind(sealed)
        .bind(&hash)
        .bind(&s.supporter_id)
        .execute(tx.conn()?)
        .await?;
        tx.audit(AuditEvent::new(
            "supporter.portal.totp.begin",
            "supporter",
            Some(s.supporter_id.clone()),
            "portal",
        ))
        .await?;
        tx.commit().await?;
        enrolment(secret)
    }

    async fn portal_pending_secret(
        &self,
        s: &PortalSession,
        cookie: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let hash = self.ring().supporter_token_hash("portal-session", cookie);
        let sealed: Option<Option<Vec<u8>>> = sqlx::query_scalar(
            "select pending_totp from supporters.portal_sessions
             where token_hash = $1 and supporter_id = $2",
        )
        .bind(&hash)
        .bind(&s.supporter_id)
        .fetch_optional(self.pool())
        .await?;
        let Some(sealed) = sealed.flatten() else {
            return Ok(None);
        };
        let (key, _) = self.portal_supporter_key(&s.supporter_id).await?;
        Ok(open_field(&key, pending_at(&hash), &sealed).map(|v| v.to_vec()))
    }

    /// The enrolment waiting on this session, to show again after a wrong code.
    pub async fn portal_totp_pending(
        &self,
        s: &PortalSession,
        cookie: &str,
    ) -> Result<Option<PortalTotpEnrolment>, StoreError> {
        self.portal_pending_secret(s, cookie)
            .await?
            .map(enrolment)
            .transpose()
    }

    /// Confirms the waiting enrolment with a first code; `false` when the code is wrong or
    /// nothing waits.
    pub async fn portal_totp_confirm(
        &self,
        s: &PortalSession,
        cookie: &str,
        code: &str,
    ) -> Result<bool, StoreError> {
        let Some(secret) = self.portal_pending_secret(s, cookie).await? else {
            return Ok(false);
        };
        let org = self.portal_org(s).await?;
        let Some(step) = matching_step(&totp_for(secret.clone())?, code, unix_now(), 0) else {
            let event = AuditEvent::new(
                "supporter.portal.totp.enrol",
                "supporter",
                Some(s.supporter_id.clone()),
                "portal",
            )
            .detail(json!({ "outcome": "wrong_code" }));
            self.record(portal_actor(Some(&org)), vec![event]).await?;
            return Ok(false);
        };
        let (key, version) = self.portal_supporter_key(&s.supporter_id).await?;
        let sealed = seal_field(&key, version, secret_at(&s.supporter_id), &secret);
        let mut tx = self.write(portal_actor(Some(&org))).await?;
        sqlx::query("delete from supporters.portal_totp where supporter_id = $1")
            .bind(&s.supporter_id)
            .execute(tx.conn()?)
            .await?;
        sqlx::query(
            "insert into supporters.portal_totp (supporter_id, secret, enrolled_at, last_step)
             values ($1, $2, $3, $4)",
        )
        .bind(&s.supporter_id)
        .bind(sealed)
        .bind(clock::now_text())
        .bind(step as i64)
        .execute(tx.conn()?)
        .await?;
        sqlx::query(
            "update supporters.portal_sessions set pending_totp = null where supporter_id = $1",
        )
        .bind(&s.supporter_id)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "supporter.portal.totp.enrol",
                "supporter",
                Some(s.supporter_id.clone()),
                "portal",
            )
            .detail(json!({ "outcome": "enrolled" })),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Removes the signed-in supporter's second factor, given a current code; `false` when
    /// the code is wrong (or there is no factor).
    pub async fn portal_totp_remove(
        &self,
        s: &PortalSession,
        code: &str,
    ) -> Result<bool, StoreError> {
        let org = self.portal_org(s).await?;
        let ok = self
            .portal_accept_code(&s.supporter_id, code)
            .await?
            .is_some();
        let mut tx = self.write(portal_actor(Some(&org))).await?;
        if ok {
            sqlx::query("delete from supporters.portal_totp where supporter_id = $1")
                .bind(&s.supporter_id)
                .execute(tx.conn()?)
                .await?;
        }
        tx.audit(
            AuditEvent::new(
                "supporter.portal.totp.remove",
                "supporter",
                Some(s.supporter_id.clone()),
                "portal",
            )
            .detail(json!({ "outcome": if ok { "removed" } else { "wrong_code" } })),
        )
        .await?;
        tx.commit().await?;
        Ok(ok)
    }

    /// The step `code` matches for this supporter's factor, recorded as used (so it is
    /// accepted once); `None` when it does not match or there is no factor.
    async fn portal_accept_code(&self, sid: &str, code: &str) -> Result<Option<u64>, StoreError> {
        let Some(f) = self.portal_factor_of(sid).await? else {
            return Ok(None);
        };
        let (key, _) = self.portal_supporter_key(sid).await?;
        let secret = open_field(&key, secret_at(sid), &f.secret)
            .ok_or(StoreError::Crypto("portal totp secret"))?;
        let last = u64::try_from(f.last_step).unwrap_or(0);
        let Some(step) = matching_step(&totp_for(secret.to_vec())?, code, unix_now(), last) else {
            return Ok(None);
        };
        // Used once: a concurrent request with the same code moves nothing.
        let moved = sqlx::query(
            "update supporters.portal_totp set last_step = $1
             where supporter_id = $2 and last_step < $1",
        )
        .bind(step as i64)
        .bind(sid)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok((moved == 1).then_some(step))
    }

    /// Whether this cookie is a sign-in waiting for its second factor.
    pub async fn portal_second_factor_due(&self, cookie: &str) -> Result<bool, StoreError> {
        if !super::plausible_token(cookie) {
            return Ok(false);
        }
        let hash = self.ring().supporter_token_hash("portal-session", cookie);
        let due: Option<i64> = sqlx::query_scalar(
            "select second_factor_due from supporters.portal_sessions where token_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(self.pool())
        .await?;
        Ok(due == Some(1))
    }

    /// Checks the code of a sign-in waiting for its second factor.
    pub async fn portal_second_factor(
        &self,
        cookie: &str,
        code: &str,
    ) -> Result<SecondFactorOutcome, StoreError> {
        if !super::plausible_token(cookie) {
            return Ok(SecondFactorOutcome::Ended);
        }
        let hash = self.ring().supporter_token_hash("portal-session", cookie);
        #[derive(sqlx::FromRow)]
        struct Pending {
            supporter_id: String,
            created_at: String,
            failed_codes: i64,
            org_id: String,
        }
        let row = sqlx::query_as::<_, Pending>(
            "select p.supporter_id, p.created_at, p.failed_codes, s.org_id
             from supporters.portal_sessions p
             join supporters.supporters s on s.id = p.supporter_id
             where p.token_hash = $1 and p.second_factor_due = 1 and s.status <> 'erased'",
        )
        .bind(&hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(SecondFactorOutcome::Ended);
        };
        // The code must come within the link's own lifetime of using it.
        let fresh = clock::from_text(&row.created_at)
            .is_some_and(|c| clock::now() - c < libertas_domain::supporters::PORTAL_LINK_LIFETIME);
        let accepted = if fresh {
            self.portal_accept_code(&row.supporter_id, code)
                .await?
                .is_some()
        } else {
            false
        };
        let failed = row.failed_codes + i64::from(!accepted);
        let ended = !fresh || failed >= WRONG_CODES;
        let outcome = if accepted {
            SecondFactorOutcome::Passed
        } else if ended {
            SecondFactorOutcome::Ended
        } else {
            SecondFactorOutcome::Wrong
        };
        let mut tx = self.write(portal_actor(Some(&row.org_id))).await?;
        let sql = match outcome {
            SecondFactorOutcome::Passed => {
                "update supporters.portal_sessions
                 set second_factor_due = 0, failed_codes = 0, last_seen_at = $2
                 where token_hash = $1"
            }
            SecondFactorOutcome::Wrong => {
                "update supporters.portal_sessions set failed_codes = failed_codes + 1
                 where token_hash = $1 and $2 <> ''"
            }
            SecondFactorOutcome::Ended => {
                "delete from supporters.portal_sessions where token_hash = $1 and $2 <> ''"
            }
        };
        sqlx::query(sql)
            .bind(&hash)
            .bind(clock::now_text())
            .execute(tx.conn()?)
            .await?;
        let code_name = match outcome {
            SecondFactorOutcome::Passed => "passed",
            SecondFactorOutcome::Wrong => "wrong_code",
            SecondFactorOutcome::Ended => "ended",
        };
        tx.audit(
            AuditEvent::new(
                "supporter.portal.second_factor",
                "supporter",
                Some(row.supporter_id),
                "portal",
            )
            .detail(json!({ "outcome": code_name, "wrong_codes": failed })),
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Removes a supporter's second factor for them (supporter care, when a donor lost their
    /// phone). `NotFound` when the supporter is not the caller's organisation's or has none.
    pub async fn supporter_totp_reset(
        &self,
        p: &Principal,
        id: SupporterId,
    ) -> Result<(), StoreError> {
        require_supporter_care(p)?;
        let sid = id.to_string();
        let mut tx = self.write(p.into()).await?;
        let n = sqlx::query(
            "delete from supporters.portal_totp where supporter_id = $1
               and exists (select 1 from supporters.supporters s
                           where s.id = $1 and s.org_id = $2)",
        )
        .bind(&sid)
        .bind(p.org_id.to_string())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(AuditEvent::new(
            "supporter.portal.totp.reset",
            "supporter",
            Some(sid),
            "second factor removed by supporter care",
        ))
        .await?;
        tx.commit().await
    }

    /// Whether a supporter of the caller's organisation has a portal second factor.
    pub async fn supporter_totp_enabled(
        &self,
        p: &Principal,
        id: SupporterId,
    ) -> Result<bool, StoreError> {
        require_supporter_care(p)?;
        let n: i64 = sqlx::query_scalar(
            "select count(*) from supporters.portal_totp t
             join supporters.supporters s on s.id = t.supporter_id
             where t.supporter_id = $1 and s.org_id = $2",
        )
        .bind(id.to_string())
        .bind(p.org_id.to_string())
        .fetch_one(self.pool())
        .await?;
        Ok(n > 0)
    }
}
