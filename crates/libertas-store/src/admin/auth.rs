//! Password sign-in.
//!
//! Every attempt costs exactly one argon2id verification through the bounded hasher
//! ([`super::hasher`]), whatever the outcome: unknown usernames and over-long passwords are
//! verified against a decoy, locked and disabled accounts against their real hash, so neither
//! response time nor memory reveals which accounts exist or what state they are in. The
//! attempt is reserved per (account, client) before verification ([`super::attempts`]).

use super::attempts::LoginClient;
use crate::audit::{Actor, AuditEvent};
use crate::{Store, StoreError};
use libertas_domain::admin::{Principal, Role};
use libertas_domain::ids::UserId;
use sqlx::FromRow;
use time::{Duration, OffsetDateTime};

/// How failures are punished and reported.
#[derive(Clone, Copy, Debug)]
pub struct LoginPolicy {
    /// Failed attempts one client may make on one account before its back-off starts.
    pub free_attempts: i64,
    pub first_lock: Duration,
    pub max_lock: Duration,
    /// Failures on one account across all clients (since its last full sign-in) after which
    /// its organisation's administrators get `alert.login_guessing`. Nobody is locked out.
    pub alert_after: i64,
    /// Every refused sign-in (wrong password, unknown username, disabled or locked account)
    /// is answered no sooner than this after it arrived. The paths do the same hashing, but
    /// not the same database work (a known account's attempt is reserved and settled, an
    /// unknown username's is only audited), so without a common floor their answer times
    /// would still tell which usernames exist.
    pub refusal_floor: std::time::Duration,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        Self {
            free_attempts: 5,
            first_lock: Duration::minutes(1),
            max_lock: Duration::hours(1),
            alert_after: 20,
            refusal_floor: std::time::Duration::from_millis(400),
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
    /// This client has failed too often on this account; try again after this time.
    Locked { until: OffsetDateTime },
}

/// The plain columns of the sign-in select; its two boolean expressions are read with
/// [`super::users::flag`].
#[derive(FromRow)]
struct LoginRow {
    id: String,
    org_id: String,
    role: String,
    password_hash: String,
    must_change_password: i64,
}

impl Store {
    /// Checks a username and password from `client`, applying that client's back-off and
    /// recording the attempt. A refusal is answered no sooner than `policy.refusal_floor`
    /// after the call began, whatever the reason (see [`LoginPolicy::refusal_floor`]).
    pub async fn login_password(
        &self,
        username: &str,
        password: &str,
        client: LoginClient,
        policy: LoginPolicy,
    ) -> Result<LoginOutcome, StoreError> {
        let began = tokio::time::Instant::now();
        let outcome = self
            .check_password(username, password, client, policy)
            .await;
        if !matches!(outcome, Ok(LoginOutcome::Ok { .. })) {
            tokio::time::sleep_until(began + policy.refusal_floor).await;
        }
        outcome
    }

    async fn check_password(
        &self,
        username: &str,
        password: &str,
        client: LoginClient,
        policy: LoginPolicy,
    ) -> Result<LoginOutcome, StoreError> {
        let row = sqlx::query(
            "select id, org_id, role, password_hash, must_change_password,
                    totp_secret is not null as totp_enrolled, disabled_at is not null as disabled
             from users where username = $1",
        )
        .bind(username)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            self.hasher().verify(None, password).await?;
            self.record(
                Actor::system(),
                vec![login_event("login.failure", None, "unknown username")],
            )
            .await?;
            return Ok(LoginOutcome::Denied);
        };
        let totp = super::users::flag(&row, "totp_enrolled")?;
        let disabled = super::users::flag(&row, "disabled")?;
        let LoginRow {
            id,
            org_id: org,
            role,
            password_hash: hash,
            must_change_password,
        } = LoginRow::from_row(&row)?;
        let must_change = must_change_password != 0;
        let bad = || StoreError::Internal("bad user row".into());
        let principal = Principal {
            user_id: id.parse::<UserId>().map_err(|_| bad())?,
            org_id: org.parse().map_err(|_| bad())?,
            role: Role::parse(&role).map_err(|_| bad())?,
            username: username.to_owned(),
        };
        let actor = Actor::from(&principal);
        let reserved = self.reserve_attempt(&id, &client, policy).await?;
        let ok = self.hasher().verify(Some(hash), password).await?;
        let attempt = match reserved {
            Ok(a) => a,
            Err(until) => {
                self.record(
                    actor,
                    vec![login_event(
                        "login.failure",
                        Some(&id),
                        "locked out for this client",
                    )],
                )
                .await?;
                return Ok(LoginOutcome::Locked { until });
            }
        };
        if disabled {
            self.record(
                actor,
                vec![login_event("login.failure", Some(&id), "account disabled")],
            )
            .await?;
            return Ok(LoginOutcome::Denied);
        }
        if !ok {
            self.settle_failure(&attempt, actor, principal.org_id, "wrong password", policy)
                .await?;
            return Ok(LoginOutcome::Denied);
        }
        // With a second factor enrolled, earlier failures stay counted until it is given
        // too; otherwise a caller who knows the password could guess codes forever.
        if totp {
            self.settle_refund(&attempt, policy).await?;
        } else {
            self.settle_success(&attempt).await?;
        }
        self.record(
            actor,
            vec![login_event(
                "login.password",
                Some(&id),
                "password accepted",
            )],
        )
        .await?;
        Ok(LoginOutcome::Ok {
            principal,
            must_change_password: must_change,
            totp_enrolled: totp,
        })
    }
}

pub(crate) fn login_event(action: &'static str, user_id: Option<&str>, why: &str) -> AuditEvent {
    AuditEvent::new(action, "user", user_id.map(str::to_owned), why)
}
