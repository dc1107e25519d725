//! Server-side browser sessions.
//!
//! The cookie carries 256 random bits; the database keeps only their SHA-256, so a copy of the
//! database does not let anyone ride a session. Sessions end after an idle period and after an
//! absolute lifetime, at logout, when the user is disabled, and are replaced by a new id
//! whenever the privilege level changes (password accepted, second factor accepted).

use super::{random_token, Caller};
use crate::audit::{Actor, AuditEvent};
use crate::crypto::sha256_hex;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::UserId;
use sqlx::FromRow;
use time::Duration;

/// Timeouts.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: Duration::minutes(30),
            absolute: Duration::hours(12),
        }
    }
}

/// A live session.
#[derive(Clone, Debug)]
pub struct SessionInfo {
    pub principal: Principal,
    pub csrf_token: String,
    /// The second factor was given (or waived in demo mode).
    pub mfa_done: bool,
    pub must_change_password: bool,
    pub totp_enrolled: bool,
}

/// The plain columns of a session lookup; `totp_enrolled` is read with [`super::users::flag`].
#[derive(FromRow)]
struct SessionRow {
    user_id: String,
    created_at: String,
    last_seen_at: String,
    csrf_token: String,
    mfa_done: i64,
    must_change_password: i64,
}

impl Store {
    /// Starts a session for a user whose password was accepted; returns the cookie value.
    pub async fn create_session(
        &self,
        principal: &Principal,
        mfa_done: bool,
    ) -> Result<String, StoreError> {
        let cookie = random_token(32);
        let now = clock::now_text();
        let mut tx = self.write(principal.into()).await?;
        sqlx::query(
            "insert into sessions (id_hash, user_id, created_at, last_seen_at, csrf_token, mfa_done)
             values ($1, $2, $3, $3, $4, $5)",
        )
        .bind(sha256_hex(cookie.as_bytes()))
        .bind(principal.user_id.to_string())
        .bind(&now)
        .bind(random_token(32))
        .bind(i64::from(mfa_done))
        .execute(tx.conn()?)
        .await?;
        tx.audit(AuditEvent::new(
            "session.start",
            "user",
            Some(principal.user_id.to_string()),
            "login",
        ))
        .await?;
        tx.commit().await?;
        Ok(cookie)
    }

    /// The session behind a cookie value, if it is live; refreshes its idle timer.
    pub async fn session(
        &self,
        cookie: &str,
        policy: SessionPolicy,
    ) -> Result<Option<SessionInfo>, StoreError> {
        let hash = sha256_hex(cookie.as_bytes());
        let row = sqlx::query(
            "select s.user_id, s.created_at, s.last_seen_at, s.csrf_token, s.mfa_done,
                    u.must_change_password, u.totp_secret is not null as totp_enrolled
             from sessions s join users u on u.id = s.user_id
             where s.id_hash = $1 and u.disabled_at is null",
        )
        .bind(&hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let totp_enrolled = super::users::flag(&row, "totp_enrolled")?;
        let row = SessionRow::from_row(&row)?;
        let now = clock::now();
        let created = clock::from_text(&row.created_at);
        let seen = clock::from_text(&row.last_seen_at);
        let live = matches!((created, seen), (Some(c), Some(s)) if now - c < policy.absolute && now - s < policy.idle);
        if !live {
            sqlx::query("delete from sessions where id_hash = $1")
                .bind(&hash)
                .execute(self.pool())
                .await?;
            return Ok(None);
        }
        let user: UserId = row
            .user_id
            .parse()
            .map_err(|_| StoreError::Internal("bad session user".into()))?;
        let Some(principal) = self.active_principal(user).await? else {
            return Ok(None);
        };
        // Touch at most once a minute to keep reads cheap.
        if seen.is_some_and(|s| now - s > Duration::minutes(1)) {
            sqlx::query("update sessions set last_seen_at = $1 where id_hash = $2")
                .bind(clock::to_text(now))
                .bind(&hash)
                .execute(self.pool())
                .await?;
        }
        Ok(Some(SessionInfo {
            principal,
            csrf_token: row.csrf_token,
            mfa_done: row.mfa_done != 0,
            must_change_password: row.must_change_password != 0,
            totp_enrolled,
        }))
    }

    /// Replaces a session's id (and CSRF token) after a privilege change, optionally marking
    /// the second factor done. Returns the new cookie value and the new CSRF token.
    pub async fn rotate_session(
        &self,
        cookie: &str,
        principal: &Principal,
        mfa_done: bool,
    ) -> Result<(String, String), StoreError> {
        let new_cookie = random_token(32);
        let new_csrf = random_token(32);
        let mut tx = self.write(principal.into()).await?;
        let n = sqlx::query(
            "update sessions set id_hash = $1, csrf_token = $2, mfa_done = $3, pending_totp = null
             where id_hash = $4",
        )
        .bind(sha256_hex(new_cookie.as_bytes()))
        .bind(&new_csrf)
        .bind(i64::from(mfa_done))
        .bind(sha256_hex(cookie.as_bytes()))
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(AuditEvent::new(
            if mfa_done {
                "login.second_factor"
            } else {
                "session.rotate"
            },
            "user",
            Some(principal.user_id.to_string()),
            "privilege change",
        ))
        .await?;
        tx.commit().await?;
        Ok((new_cookie, new_csrf))
    }

    /// Ends the caller's own session (logout).
    pub async fn end_session(&self, cookie: &str, principal: &Principal) -> Result<(), StoreError> {
        let user = principal.user_id.to_string();
        let mut tx = self.write(principal.into()).await?;
        sqlx::query("delete from sessions where id_hash = $1 and user_id = $2")
            .bind(sha256_hex(cookie.as_bytes()))
            .bind(&user)
            .execute(tx.conn()?)
            .await?;
        tx.audit(AuditEvent::new("session.end", "user", Some(user), "logout"))
            .await?;
        tx.commit().await
    }

    /// Ends every session of a user: administrators of the user's organisation, or the
    /// operator.
    pub async fn end_sessions_of<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        username: &str,
        reason: &str,
    ) -> Result<u64, StoreError> {
        let caller = caller.into();
        caller.may_administer()?;
        let user = self
            .user_row_by_username(username)
            .await?
            .ok_or(StoreError::NotFound)?;
        caller.administer(user.org_id)?;
        let mut tx = self.write(caller.actor()).await?;
        let n = sqlx::query("delete from sessions where user_id = $1")
            .bind(user.id.to_string())
            .execute(tx.conn()?)
            .await?
            .rows_affected();
        tx.audit(
            AuditEvent::new("session.end_all", "user", Some(user.id.to_string()), reason)
                .detail(serde_json::json!({ "sessions": n })),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }
}

impl Store {
    /// Deletes sessions past their idle or absolute timeout. Run periodically by the server so
    /// abandoned sessions do not linger in the database.
    pub async fn sweep_sessions(&self, policy: SessionPolicy) -> Result<u64, StoreError> {
        self.sweep_attempts().await?;
        let now = clock::now();
        let idle = clock::to_text(now - policy.idle);
        let absolute = clock::to_text(now - policy.absolute);
        let stale: i64 = sqlx::query_scalar(
            "select count(*) from sessions where last_seen_at < $1 or created_at < $2",
        )
        .bind(&idle)
        .bind(&absolute)
        .fetch_one(self.pool())
        .await?;
        if stale == 0 {
            return Ok(0);
        }
        let mut tx = self.write(Actor::system()).await?;
        let n = sqlx::query("delete from sessions where last_seen_at < $1 or created_at < $2")
            .bind(&idle)
            .bind(&absolute)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
        tx.audit(
            AuditEvent::new("session.sweep", "session", None, "expired sessions removed")
                .detail(serde_json::json!({ "sessions": n })),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }
}
