//! API bearer tokens.
//!
//! 256 random bits, shown once, stored as a SHA-256 look-up hash (a fast hash is right here:
//! the secret has full entropy, so there is nothing to brute-force). Issued only by an
//! administrator on the server, who stands in for the user's second factor; each token expires
//! and can be revoked.

use super::{random_token, Caller};
use crate::audit::{Actor, AuditEvent};
use crate::crypto::sha256_hex;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{TokenId, UserId};
use serde::Serialize;
use sqlx::FromRow;
use time::Duration;
use uuid::Uuid;

/// The visible prefix of every token, so leaked tokens can be recognised by scanners.
pub const TOKEN_PREFIX: &str = "lbt_";

/// A token as listed (never the secret).
#[derive(Clone, Debug, Serialize)]
pub struct TokenInfo {
    pub id: TokenId,
    pub username: String,
    pub label: String,
    pub created_at: String,
    pub created_by: String,
    pub expires_at: String,
    pub revoked_at: Option<String>,
}

/// A token row as listed: its owner's name instead of the owner's id.
#[derive(FromRow)]
struct TokenRow {
    id: String,
    username: String,
    label: String,
    created_at: String,
    created_by: String,
    expires_at: String,
    revoked_at: Option<String>,
}

impl Store {
    /// Issues a token for a user. Returns its id and the secret (to print once). The operator
    /// only: a token stands in for the user's second factor, so only someone at the server
    /// issues one (DESIGN.md); every staff role, administrators included, gets `Forbidden`.
    pub async fn create_token<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        username: &str,
        label: &str,
        valid_for: Duration,
    ) -> Result<(TokenId, String), StoreError> {
        let op = caller.into().operator_only()?;
        let user = self
            .user_row_by_username(username)
            .await?
            .ok_or(StoreError::NotFound)?;
        if user.disabled {
            return Err(StoreError::Conflict("the user is disabled"));
        }
        let id = TokenId::from_uuid(Uuid::now_v7());
        let secret = format!("{TOKEN_PREFIX}{}", random_token(32));
        let now = clock::now();
        let actor = Actor::from(op);
        let created_by = actor.label.clone();
        let mut tx = self.write(actor).await?;
        sqlx::query(
            "insert into api_tokens (id, user_id, token_hash, label, created_at, created_by, expires_at)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.to_string())
        .bind(user.id.to_string())
        .bind(sha256_hex(secret.as_bytes()))
        .bind(label)
        .bind(clock::to_text(now))
        .bind(created_by)
        .bind(clock::to_text(now + valid_for))
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("token.create", "api_token", Some(id.to_string()), "administrator issued an API token")
                .detail(serde_json::json!({ "user_id": user.id.to_string(), "expires_at": clock::to_text(now + valid_for) })),
        )
        .await?;
        tx.commit().await?;
        Ok((id, secret))
    }

    /// Tokens, newest first (never their secrets), audited as `token.list`: administrators
    /// see their own organisation's, the operator every one.
    pub async fn list_tokens<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        reason: &str,
    ) -> Result<Vec<TokenInfo>, StoreError> {
        let caller = caller.into();
        caller.may_administer()?;
        let rows = sqlx::query_as::<_, TokenRow>(
            "select t.id, u.username, t.label, t.created_at, t.created_by, t.expires_at, t.revoked_at
             from api_tokens t join users u on u.id = t.user_id
             where $1 is null or u.org_id = $1
             order by t.created_at desc, t.id desc",
        )
        .bind(caller.org_scope().map(|o| o.to_string()))
        .fetch_all(self.pool())
        .await?;
        let out = rows
            .into_iter()
            .map(|r| {
                Ok(TokenInfo {
                    id: r
                        .id
                        .parse()
                        .map_err(|_| StoreError::Internal("bad token id".into()))?,
                    username: r.username,
                    label: r.label,
                    created_at: r.created_at,
                    created_by: r.created_by,
                    expires_at: r.expires_at,
                    revoked_at: r.revoked_at,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        self.record(
            caller.actor(),
            vec![AuditEvent::new("token.list", "api_token", None, reason)
                .detail(serde_json::json!({ "count": out.len() }))],
        )
        .await?;
        Ok(out)
    }

    /// Revokes a live token: administrators of the token user's organisation, or the
    /// operator. `NotFound` for no such live token and for another organisation's.
    pub async fn revoke_token<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        id: TokenId,
        reason: &str,
    ) -> Result<(), StoreError> {
        let caller = caller.into();
        caller.may_administer()?;
        let org: String = sqlx::query_scalar(
            "select u.org_id from api_tokens t join users u on u.id = t.user_id
             where t.id = $1 and t.revoked_at is null",
        )
        .bind(id.to_string())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let org = org
            .parse()
            .map_err(|_| StoreError::Internal("bad organisation id".into()))?;
        caller.administer(org)?;
        self.journal_token_revoked(id).await?;
        let mut tx = self.write(caller.actor()).await?;
        let n = sqlx::query(
            "update api_tokens set revoked_at = $1 where id = $2 and revoked_at is null",
        )
        .bind(clock::now_text())
        .bind(id.to_string())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(AuditEvent::new(
            "token.revoke",
            "api_token",
            Some(id.to_string()),
            reason,
        ))
        .await?;
        tx.commit().await
    }

    /// The principal a bearer token stands for, if it is live and its user active.
    pub async fn principal_for_token(&self, secret: &str) -> Result<Option<Principal>, StoreError> {
        if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 200 {
            return Ok(None);
        }
        let user: Option<String> = sqlx::query_scalar(
            "select user_id from api_tokens
             where token_hash = $1 and revoked_at is null and expires_at > $2",
        )
        .bind(sha256_hex(secret.as_bytes()))
        .bind(clock::now_text())
        .fetch_optional(self.pool())
        .await?;
        let Some(user) = user else { return Ok(None) };
        let user: UserId = user
            .parse()
            .map_err(|_| StoreError::Internal("bad token user".into()))?;
        self.active_principal(user).await
    }
}
