//! The TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s), with recovery codes.
//!
//! Secrets are sealed under the master-derived accounts key and bound to their user row. A
//! code is accepted once: the accepted time step is remembered and older or equal steps are
//! refused, so a shoulder-surfed code cannot be replayed.

use super::attempts::LoginClient;
use super::{random_token, Caller, LoginPolicy};
use crate::audit::{Actor, AuditEvent};
use crate::crypto::{open_field, seal_field, sha256_hex, FieldRef};
use crate::{Store, StoreError, WriteTx};
use libertas_domain::admin::Principal;
use rand::RngCore;
use sqlx::FromRow;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

const STEP: u64 = 30;

/// What a user needs to add Libertas to an authenticator app.
#[derive(Clone, Debug)]
pub struct TotpEnrolment {
    pub secret_base32: String,
    pub otpauth_url: String,
}

fn field<'a>(user: &'a str, column: &'a str) -> FieldRef<'a> {
    FieldRef {
        table: "users",
        column,
        row: user,
    }
}

fn totp_for(secret: Vec<u8>, account: &str) -> Result<TOTP, StoreError> {
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP,
        secret,
        Some("Libertas".into()),
        account.to_owned(),
    )
    .map_err(|e| StoreError::Internal(format!("totp: {e}")))
}

/// The time step whose code matches, within one step of `now`.
fn matching_step(totp: &TOTP, code: &str, now: u64) -> Option<u64> {
    let code = code.trim().replace(' ', "");
    let current = now / STEP;
    [current.saturating_sub(1), current, current + 1]
        .into_iter()
        .find(|step| bool::from(totp.generate(step * STEP).as_bytes().ct_eq(code.as_bytes())))
}

fn unix_now() -> u64 {
    crate::clock::now().unix_timestamp().max(0) as u64
}

/// An account's second factors: the sealed TOTP secret, the last step used, recovery code hashes.
#[derive(FromRow)]
struct FactorRow {
    totp_secret: Option<Vec<u8>>,
    totp_last_step: Option<i64>,
    recovery_codes: Option<String>,
}

impl Store {
    /// Starts enrolment: draws a secret and keeps it, sealed, on the session until confirmed.
    pub async fn begin_totp_enrolment(
        &self,
        cookie: &str,
        principal: &Principal,
    ) -> Result<TotpEnrolment, StoreError> {
        let mut secret = vec![0u8; 20];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let user = principal.user_id.to_string();
        let sealed = seal_field(
            &self.ring().accounts,
            1,
            field(&user, "pending_totp"),
            &secret,
        );
        sqlx::query("update sessions set pending_totp = $1 where id_hash = $2")
            .bind(sealed)
            .bind(sha256_hex(cookie.as_bytes()))
            .execute(self.pool())
            .await?;
        let totp = totp_for(secret, &principal.username)?;
        Ok(TotpEnrolment {
            secret_base32: totp.get_secret_base32(),
            otpauth_url: totp.get_url(),
        })
    }

    /// The pending enrolment of this session, to show it again after a wrong code.
    pub async fn pending_totp_enrolment(
        &self,
        cookie: &str,
        principal: &Principal,
    ) -> Result<Option<TotpEnrolment>, StoreError> {
        let Some(secret) = self.pending_secret(cookie, principal).await? else {
            return Ok(None);
        };
        let totp = totp_for(secret, &principal.username)?;
        Ok(Some(TotpEnrolment {
            secret_base32: totp.get_secret_base32(),
            otpauth_url: totp.get_url(),
        }))
    }

    async fn pending_secret(
        &self,
        cookie: &str,
        principal: &Principal,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let sealed: Option<Option<Vec<u8>>> = sqlx::query_scalar(
            "select pending_totp from sessions where id_hash = $1 and user_id = $2",
        )
        .bind(sha256_hex(cookie.as_bytes()))
        .bind(principal.user_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        let Some(sealed) = sealed.flatten() else {
            return Ok(None);
        };
        let user = principal.user_id.to_string();
        Ok(
            open_field(&self.ring().accounts, field(&user, "pending_totp"), &sealed)
                .map(|s| s.to_vec()),
        )
    }

    /// Confirms enrolment with a first code. Returns ten single-use recovery codes, to be shown
    /// once; `None` when the code is wrong.
    pub async fn confirm_totp_enrolment(
        &self,
        cookie: &str,
        principal: &Principal,
        code: &str,
    ) -> Result<Option<Vec<String>>, StoreError> {
        let Some(secret) = self.pending_secret(cookie, principal).await? else {
            return Ok(None);
        };
        let totp = totp_for(secret.clone(), &principal.username)?;
        let Some(step) = matching_step(&totp, code, unix_now()) else {
            return Ok(None);
        };
        let user = principal.user_id.to_string();
        let sealed = seal_field(
            &self.ring().accounts,
            1,
            field(&user, "totp_secret"),
            &secret,
        );
        let codes: Vec<String> = (0..10).map(|_| recovery_code()).collect();
        let hashes: Vec<String> = codes
            .iter()
            .map(|c| sha256_hex(normalise_code(c).as_bytes()))
            .collect();
        self.journal_totp_enrolled(principal.user_id, &sealed)
            .await?;
        let mut tx = self.write(principal.into()).await?;
        sqlx::query("update users set totp_secret = $1, totp_last_step = $2, recovery_codes = $3 where id = $4")
            .bind(sealed)
            .bind(step as i64)
            .bind(serde_json::to_string(&hashes).map_err(|e| StoreError::Internal(e.to_string()))?)
            .bind(&user)
            .execute(tx.conn()?)
            .await?;
        tx.audit(AuditEvent::new(
            "user.totp.enrol",
            "user",
            Some(user.clone()),
            "second factor enrolled",
        ))
        .await?;
        tx.commit().await?;
        Ok(Some(codes))
    }

    /// Checks a TOTP code or a recovery code at sign-in; a recovery code is used up. Each
    /// code is an attempt reserved for this (account, client) before it is checked, exactly
    /// like a password, so the six digits cannot be guessed by a caller who has the password.
    pub async fn check_second_factor(
        &self,
        principal: &Principal,
        code: &str,
        client: LoginClient,
        policy: LoginPolicy,
    ) -> Result<bool, StoreError> {
        let user = principal.user_id.to_string();
        let actor = Actor::from(principal);
        let attempt = match self.reserve_attempt(&user, &client, policy).await? {
            Ok(a) => a,
            Err(_) => {
                self.record(
                    actor,
                    vec![AuditEvent::new(
                        "login.failure",
                        "user",
                        Some(user),
                        "locked out for this client",
                    )],
                )
                .await?;
                return Ok(false);
            }
        };
        match self.match_second_factor(principal, code).await? {
            Some(used) => {
                let mut tx = self.write(actor.clone()).await?;
                match used.apply(&mut tx, &user).await {
                    Ok(()) => {
                        tx.commit().await?;
                        self.settle_success(&attempt).await?;
                        Ok(true)
                    }
                    // Used up by a concurrent request a moment ago: a failure like any other.
                    Err(StoreError::Conflict(_)) => {
                        drop(tx);
                        self.settle_failure(
                            &attempt,
                            actor,
                            principal.org_id,
                            "second factor already used",
                            policy,
                        )
                        .await?;
                        Ok(false)
                    }
                    Err(e) => Err(e),
                }
            }
            None => {
                self.settle_failure(
                    &attempt,
                    actor,
                    principal.org_id,
                    "wrong second factor",
                    policy,
                )
                .await?;
                Ok(false)
            }
        }
    }

    /// Which of the user's second factors `code` is, if any, without using it up. Callers
    /// apply the returned use in the transaction of what the factor guards.
    pub(crate) async fn match_second_factor(
        &self,
        principal: &Principal,
        code: &str,
    ) -> Result<Option<FactorUse>, StoreError> {
        let user = principal.user_id.to_string();
        let row = sqlx::query_as::<_, FactorRow>(
            "select totp_secret, totp_last_step, recovery_codes from users where id = $1",
        )
        .bind(&user)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let FactorRow {
            totp_secret: sealed,
            totp_last_step: last_step,
            recovery_codes: recovery,
        } = row;
        let Some(sealed) = sealed else {
            return Ok(None);
        };
        let secret = open_field(&self.ring().accounts, field(&user, "totp_secret"), &sealed)
            .ok_or(StoreError::Crypto("totp secret"))?;
        let totp = totp_for(secret.to_vec(), &principal.username)?;
        if let Some(step) = matching_step(&totp, code, unix_now()) {
            // A code works once: the same or an older step is refused.
            if last_step.is_some_and(|l| step as i64 <= l) {
                return Ok(None);
            }
            return Ok(Some(FactorUse::Totp { step }));
        }
        let before = recovery.unwrap_or_default();
        let mut hashes: Vec<String> = serde_json::from_str(&before).unwrap_or_default();
        let given = sha256_hex(normalise_code(code).as_bytes());
        if let Some(pos) = hashes
            .iter()
            .position(|h| bool::from(h.as_bytes().ct_eq(given.as_bytes())))
        {
            hashes.remove(pos);
            // Journaled on a match, before any write: a restore never brings a used code back
            // (and errs on the side of less access if the sign-in then fails).
            self.journal_recovery_code_used(principal.user_id, &given)
                .await?;
            return Ok(Some(FactorUse::Recovery {
                remaining: hashes,
                before,
            }));
        }
        Ok(None)
    }

    /// Removes a user's TOTP device (lost phone): they enrol again at next sign-in, and every
    /// session of theirs ends. Administrators of the user's organisation, or the operator.
    /// API tokens survive: they were issued on the server and stand in for the second factor
    /// (see docs/security.md).
    pub async fn reset_totp<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        username: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        let caller = caller.into();
        caller.may_administer()?;
        let user = self
            .user_row_by_username(username)
            .await?
            .ok_or(StoreError::NotFound)?;
        caller.administer(user.org_id)?;
        self.journal_totp_reset(user.id).await?;
        let id = user.id.to_string();
        let mut tx = self.write(caller.actor()).await?;
        sqlx::query("update users set totp_secret = null, totp_last_step = null, recovery_codes = null where id = $1")
            .bind(&id)
            .execute(tx.conn()?)
            .await?;
        let ended = sqlx::query("delete from sessions where user_id = $1")
            .bind(&id)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
        tx.audit(
            AuditEvent::new("user.totp.reset", "user", Some(id), reason)
                .detail(serde_json::json!({ "sessions_ended": ended })),
        )
        .await?;
        tx.commit().await
    }
}

/// A second factor that matched, to be used up in the caller's transaction.
pub(crate) enum FactorUse {
    Totp {
        step: u64,
    },
    Recovery {
        remaining: Vec<String>,
        /// The stored list as read, so two concurrent uses of one code cannot both win.
        before: String,
    },
}

impl FactorUse {
    /// Records the use (the accepted step, or the recovery code gone) with its audit event.
    pub(crate) async fn apply(&self, tx: &mut WriteTx<'_>, user: &str) -> Result<(), StoreError> {
        match self {
            FactorUse::Totp { step } => {
                // The step is only ever raised: a concurrent use of an older code loses.
                let n = sqlx::query(
                    "update users set totp_last_step = $1
                      where id = $2 and (totp_last_step is null or totp_last_step < $1)",
                )
                .bind(*step as i64)
                .bind(user)
                .execute(tx.conn()?)
                .await?
                .rows_affected();
                if n == 0 {
                    return Err(StoreError::Conflict("this code was already used"));
                }
                tx.audit(AuditEvent::new(
                    "login.totp",
                    "user",
                    Some(user.to_owned()),
                    "TOTP code accepted",
                ))
                .await
            }
            FactorUse::Recovery { remaining, before } => {
                let n = sqlx::query(
                    "update users set recovery_codes = $1 where id = $2 and recovery_codes = $3",
                )
                .bind(
                    serde_json::to_string(remaining)
                        .map_err(|e| StoreError::Internal(e.to_string()))?,
                )
                .bind(user)
                .bind(before)
                .execute(tx.conn()?)
                .await?
                .rows_affected();
                if n == 0 {
                    return Err(StoreError::Conflict("this code was already used"));
                }
                tx.audit(
                    AuditEvent::new(
                        "login.recovery_code",
                        "user",
                        Some(user.to_owned()),
                        "recovery code used",
                    )
                    .detail(serde_json::json!({ "remaining": remaining.len() })),
                )
                .await
            }
        }
    }
}

fn recovery_code() -> String {
    let raw = random_token(10).to_lowercase().replace(['-', '_'], "x");
    format!("{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12])
}

fn normalise_code(code: &str) -> String {
    code.trim().to_lowercase().replace(['-', ' '], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_within_one_step_only() {
        let totp = totp_for(vec![3u8; 20], "ana").unwrap();
        let now = 1_700_000_000u64;
        let code = totp.generate(now);
        assert_eq!(matching_step(&totp, &code, now), Some(now / STEP));
        assert_eq!(matching_step(&totp, &code, now + STEP), Some(now / STEP));
        assert_eq!(matching_step(&totp, &code, now + 3 * STEP), None);
        assert_eq!(matching_step(&totp, "000000x", now), None);
    }

    #[test]
    fn recovery_codes_have_a_stable_shape() {
        let c = recovery_code();
        assert_eq!(c.len(), 14);
        assert_eq!(normalise_code(&c.to_uppercase()).len(), 12);
    }
}
