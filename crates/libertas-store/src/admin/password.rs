//! Changing one's own password.
//!
//! A voluntary change (a fully signed-in user) needs the whole login again: the current
//! password and, once enrolled, a current TOTP code or a recovery code; someone who found an
//! unlocked screen must not be able to take the account over with the password alone. The
//! first-login change that `user add` forces keeps its flow (current password only: there is
//! no second factor yet). Wrong passwords and codes here count as sign-in failures of this
//! client, like at the login form.
//!
//! After the change every other browser session of the user ends and this one gets a new id
//! and CSRF token, in the same transaction. API tokens survive (see docs/security.md: they
//! are issued on the server by an administrator and do not derive from the password).

use super::attempts::LoginClient;
use super::LoginPolicy;
use crate::audit::{Actor, AuditEvent};
use crate::crypto::sha256_hex;
use crate::{Store, StoreError};
use libertas_domain::admin::{password_rules, Password, Principal};
use libertas_domain::FieldError;
use sqlx::FromRow;

/// What the user typed to prove it is them.
pub struct PasswordChange<'a> {
    pub current: &'a str,
    /// A TOTP code or a recovery code; required once a second factor is enrolled, except in
    /// the forced first-login change.
    pub second_factor: Option<&'a str>,
    pub new: &'a Password,
}

/// The plain columns of the password-change select; `totp_enrolled` is read with
/// [`super::users::flag`].
#[derive(FromRow)]
struct PasswordRow {
    password_hash: String,
    must_change_password: i64,
}

impl Store {
    /// Sets a new password for the session's user. Returns the rotated session's cookie
    /// value and CSRF token. Errors name the field at fault: `current_password`,
    /// `second_factor` or `password`; `Busy` while this client is locked out.
    pub async fn change_password(
        &self,
        principal: &Principal,
        cookie: &str,
        change: PasswordChange<'_>,
        client: LoginClient,
        policy: LoginPolicy,
    ) -> Result<(String, String), StoreError> {
        let user = principal.user_id.to_string();
        let row = sqlx::query(
            "select password_hash, must_change_password, totp_secret is not null as totp_enrolled
             from users where id = $1 and disabled_at is null",
        )
        .bind(&user)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let enrolled = super::users::flag(&row, "totp_enrolled")?;
        let PasswordRow {
            password_hash: hash,
            must_change_password,
        } = PasswordRow::from_row(&row)?;
        let forced = must_change_password != 0;
        let actor = Actor::from(principal);
        let reserved = self.reserve_attempt(&user, &client, policy).await?;
        let ok = self.hasher().verify(Some(hash), change.current).await?;
        let attempt = match reserved {
            Ok(a) => a,
            Err(until) => {
                let wait = (until - crate::clock::now()).whole_seconds();
                return Err(StoreError::Busy {
                    retry_after: wait.max(1) as u64,
                });
            }
        };
        if !ok {
            self.settle_failure(
                &attempt,
                actor,
                principal.org_id,
                "wrong current password",
                policy,
            )
            .await?;
            return Err(invalid("current_password", "is not your current password"));
        }
        let factor = if enrolled && !forced {
            let code = change.second_factor.unwrap_or_default();
            match self.match_second_factor(principal, code).await? {
                Some(f) => Some(f),
                None => {
                    self.settle_failure(
                        &attempt,
                        actor,
                        principal.org_id,
                        "wrong second factor",
                        policy,
                    )
                    .await?;
                    return Err(invalid(
                        "second_factor",
                        "must be a current code from your authenticator app or a recovery code",
                    ));
                }
            }
        } else {
            None
        };
        self.settle_success(&attempt).await?;
        if change.new.expose() == change.current {
            return Err(invalid("password", "must differ from the current password"));
        }
        if let Err(p) = password_rules::check(change.new.expose(), Some(&principal.username)) {
            return Err(StoreError::Invalid(Password::field_error(p)));
        }
        let new_hash = self.hasher().hash(change.new.expose()).await?;
        let new_cookie = super::random_token(32);
        let new_csrf = super::random_token(32);
        let old = sha256_hex(cookie.as_bytes());
        self.journal_password(principal.user_id, &new_hash).await?;
        let mut tx = self.write(actor).await?;
        if let Some(f) = &factor {
            f.apply(&mut tx, &user).await?;
        }
        sqlx::query("update users set password_hash = $1, must_change_password = 0 where id = $2")
            .bind(new_hash)
            .bind(&user)
            .execute(tx.conn()?)
            .await?;
        let ended = sqlx::query("delete from sessions where user_id = $1 and id_hash <> $2")
            .bind(&user)
            .bind(&old)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
        let rotated = sqlx::query(
            "update sessions set id_hash = $1, csrf_token = $2, pending_totp = null
             where id_hash = $3 and user_id = $4",
        )
        .bind(sha256_hex(new_cookie.as_bytes()))
        .bind(&new_csrf)
        .bind(&old)
        .bind(&user)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if rotated == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(
            AuditEvent::new(
                "user.password.change",
                "user",
                Some(user.clone()),
                if forced {
                    "first-login password change"
                } else {
                    "user changed own password"
                },
            )
            .detail(serde_json::json!({
                "other_sessions_ended": ended,
                "second_factor": factor.is_some(),
            })),
        )
        .await?;
        tx.commit().await?;
        Ok((new_cookie, new_csrf))
    }
}

fn invalid(field: &str, message: &str) -> StoreError {
    StoreError::Invalid(FieldError::new(field, message))
}
