//! Password login with back-off.
//!
//! Hashes are argon2id with the `argon2` crate's defaults (19 MiB, 2 passes), computed on the
//! blocking thread pool so a burst of logins cannot stall the async runtime. After
//! `LoginPolicy::free_attempts` consecutive failures an account is locked for a period that
//! doubles with every further failure, up to `max_lock`. Unknown usernames cost the same
//! hashing work as known ones, so response time does not reveal which accounts exist.

use crate::audit::{Actor, AuditEvent};
use crate::{clock, Store, StoreError};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use libertas_domain::admin::{Password, Principal, Role};
use libertas_domain::ids::UserId;
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// How failures are punished.
#[derive(Clone, Copy, Debug)]
pub struct LoginPolicy {
    pub free_attempts: i64,
    pub first_lock: Duration,
    pub max_lock: Duration,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        Self {
            free_attempts: 5,
            first_lock: Duration::minutes(1),
            max_lock: Duration::hours(1),
        }
    }
}

/// What a password attempt came to.
#[derive(Debug)]
pub enum LoginOutcome {
    /// Password right. The caller still has to ask for the second factor.
    Ok {
        principal: Principal,
        must_change_password: bool,
        totp_enrolled: bool,
    },
    /// Wrong username or password (indistinguishable to the caller).
    Denied,
    /// Too many failures; try again after this time.
    Locked { until: OffsetDateTime },
}

pub(crate) async fn hash_password(password: &Password) -> Result<String, StoreError> {
    let pw = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default()
            .hash_password(pw.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Internal(format!("password hashing: {e}")))
    })
    .await
    .map_err(|e| StoreError::Internal(e.to_string()))?
}

async fn verify_password(hash: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

impl Store {
    /// Checks a username and password, applying back-off and recording the attempt.
    pub async fn login_password(
        &self,
        username: &str,
        password: &str,
        policy: LoginPolicy,
    ) -> Result<LoginOutcome, StoreError> {
        let row = sqlx::query(
            "select id, org_id, role, password_hash, must_change_password, totp_secret is not null,
                    locked_until, disabled_at is not null
             from users where username = $1",
        )
        .bind(username)
        .fetch_optional(self.pool())
        .await?;
        let now = OffsetDateTime::now_utc();
        let Some(row) = row else {
            // Spend the same hashing work as for a real account.
            if let Ok(pw) = Password::parse(&format!("{password:<16}")) {
                let _ = hash_password(&pw).await;
            }
            self.record(
                Actor::system(),
                vec![login_event("login.failure", None, "unknown username")],
            )
            .await?;
            return Ok(LoginOutcome::Denied);
        };
        let id: String = row.try_get(0)?;
        let org: String = row.try_get(1)?;
        let role: String = row.try_get(2)?;
        let hash: String = row.try_get(3)?;
        let must_change = row.try_get::<i64, _>(4)? != 0;
        let totp = super::users::flag(&row, 5)?;
        let locked_until: Option<String> = row.try_get(6)?;
        let disabled = super::users::flag(&row, 7)?;
        let bad = || StoreError::Internal("bad user row".into());
        let principal = Principal {
            user_id: id.parse::<UserId>().map_err(|_| bad())?,
            org_id: org.parse().map_err(|_| bad())?,
            role: Role::parse(&role).map_err(|_| bad())?,
            username: username.to_owned(),
        };
        let actor = Actor::from(&principal);
        if let Some(until) = locked_until.as_deref().and_then(clock::from_text) {
            if until > now {
                self.record(
                    actor,
                    vec![login_event("login.failure", Some(&id), "account locked")],
                )
                .await?;
                return Ok(LoginOutcome::Locked { until });
            }
        }
        let ok = verify_password(hash, password.to_owned()).await;
        if disabled {
            self.record(
                actor,
                vec![login_event("login.failure", Some(&id), "account disabled")],
            )
            .await?;
            return Ok(LoginOutcome::Denied);
        }
        if !ok {
            self.record_login_failure(actor, &id, "wrong password", policy)
                .await?;
            return Ok(LoginOutcome::Denied);
        }
        let mut tx = self.write(actor).await?;
        // With a second factor enrolled the failure count is only reset once that factor is
        // given too; otherwise a caller who knows the password could guess codes forever.
        let reset = if totp {
            "update users set locked_until = null where id = $1"
        } else {
            "update users set failed_logins = 0, locked_until = null where id = $1"
        };
        sqlx::query(reset).bind(&id).execute(tx.conn()?).await?;
        tx.audit(login_event(
            "login.password",
            Some(&id),
            "password accepted",
        ))
        .await?;
        tx.commit().await?;
        Ok(LoginOutcome::Ok {
            principal,
            must_change_password: must_change,
            totp_enrolled: totp,
        })
    }

    /// Counts a failed password or second-factor attempt and locks the account once the
    /// free attempts are used up (the lock doubles with every further failure).
    pub(crate) async fn record_login_failure(
        &self,
        actor: Actor,
        user_id: &str,
        why: &str,
        policy: LoginPolicy,
    ) -> Result<(), StoreError> {
        let mut tx = self.write(actor).await?;
        let row = sqlx::query("update users set failed_logins = failed_logins + 1 where id = $1 returning failed_logins")
            .bind(user_id)
            .fetch_one(tx.conn()?)
            .await?;
        let failures: i64 = row.try_get(0)?;
        let lock =
            lock_for(failures, policy).map(|d| clock::to_text(OffsetDateTime::now_utc() + d));
        if lock.is_some() {
            sqlx::query("update users set locked_until = $1 where id = $2")
                .bind(&lock)
                .bind(user_id)
                .execute(tx.conn()?)
                .await?;
        }
        tx.audit(login_event("login.failure", Some(user_id), why).detail(
            serde_json::json!({ "consecutive_failures": failures, "locked": lock.is_some() }),
        ))
        .await?;
        tx.commit().await
    }

    /// Whether the account is locked now.
    pub(crate) async fn locked(&self, user_id: &str) -> Result<bool, StoreError> {
        let row = sqlx::query("select locked_until from users where id = $1")
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?;
        let until: Option<String> = match row {
            Some(r) => r.try_get(0)?,
            None => return Ok(true),
        };
        Ok(until
            .as_deref()
            .and_then(clock::from_text)
            .is_some_and(|u| u > OffsetDateTime::now_utc()))
    }

    /// Whether `password` is this user's current password (no back-off, no audit: callers
    /// are already signed in and audit the action they guard).
    pub(crate) async fn check_password_of(
        &self,
        user: UserId,
        password: &str,
    ) -> Result<bool, StoreError> {
        let row = sqlx::query("select password_hash from users where id = $1")
            .bind(user.to_string())
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = row else { return Ok(false) };
        Ok(verify_password(row.try_get(0)?, password.to_owned()).await)
    }
}

fn login_event(action: &'static str, user_id: Option<&str>, why: &str) -> AuditEvent {
    AuditEvent::new(action, "user", user_id.map(str::to_owned), why)
}

/// The lock after `failures` consecutive failures, if any.
fn lock_for(failures: i64, policy: LoginPolicy) -> Option<Duration> {
    let over = failures - policy.free_attempts;
    if over < 0 {
        return None;
    }
    let factor = 1i64 << over.min(20);
    let lock = policy.first_lock.saturating_mul(factor as i32);
    Some(if lock > policy.max_lock {
        policy.max_lock
    } else {
        lock
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_and_caps() {
        let p = LoginPolicy::default();
        assert_eq!(lock_for(4, p), None);
        assert_eq!(lock_for(5, p), Some(Duration::minutes(1)));
        assert_eq!(lock_for(6, p), Some(Duration::minutes(2)));
        assert_eq!(lock_for(7, p), Some(Duration::minutes(4)));
        assert_eq!(lock_for(40, p), Some(Duration::hours(1)));
    }
}
