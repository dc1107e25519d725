//! What an organisation's administrators see and do about their own people's access: the
//! tokens and sessions of their organisation, and ending them.
//!
//! Everything here is scoped to the administrator's organisation: a token or session of
//! another organisation answers `NotFound`, exactly like one that does not exist.

use super::tokens::TokenInfo;
use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::ids::TokenId;
use serde::Serialize;
use sqlx::FromRow;

/// A live browser session, as administrators see it. `handle` names the session without
/// being usable as a cookie (it is a prefix of the stored hash).
#[derive(Clone, Debug, Serialize)]
pub struct SessionSummary {
    pub handle: String,
    pub username: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub second_factor_done: bool,
}

/// A session row as listed to administrators (the id hash is shortened into a handle).
#[derive(FromRow)]
struct SessionRow {
    id_hash: String,
    username: String,
    created_at: String,
    last_seen_at: String,
    mfa_done: i64,
}

fn require_admin(p: &Principal) -> Result<(), StoreError> {
    if p.can(Capability::Administer) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

impl Store {
    /// The API tokens of the administrator's organisation, newest first (audited).
    pub async fn org_tokens(&self, p: &Principal) -> Result<Vec<TokenInfo>, StoreError> {
        self.list_tokens(p, "administrator listed tokens").await
    }

    /// Revokes a token of the administrator's organisation.
    pub async fn revoke_org_token(
        &self,
        p: &Principal,
        id: TokenId,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.revoke_token(p, id, reason).await
    }

    /// Live sessions of the administrator's organisation.
    pub async fn org_sessions(&self, p: &Principal) -> Result<Vec<SessionSummary>, StoreError> {
        require_admin(p)?;
        let rows = sqlx::query_as::<_, SessionRow>(
            "select s.id_hash, u.username, s.created_at, s.last_seen_at, s.mfa_done from sessions s
             join users u on u.id = s.user_id where u.org_id = $1 order by s.last_seen_at desc",
        )
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let out = rows
            .into_iter()
            .map(|r| {
                Ok(SessionSummary {
                    handle: r.id_hash.chars().take(16).collect(),
                    username: r.username,
                    created_at: r.created_at,
                    last_seen_at: r.last_seen_at,
                    second_factor_done: r.mfa_done != 0,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "session.list",
                "session",
                None,
                "administrator listed sessions",
            )],
        )
        .await?;
        Ok(out)
    }

    /// Ends a session of the administrator's organisation by its handle.
    pub async fn end_org_session(&self, p: &Principal, handle: &str) -> Result<(), StoreError> {
        require_admin(p)?;
        if handle.len() != 16 || !handle.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(StoreError::NotFound);
        }
        let mut tx = self.write(p.into()).await?;
        let n = sqlx::query(
            "delete from sessions where substr(id_hash, 1, 16) = $1
               and user_id in (select id from users where org_id = $2)",
        )
        .bind(handle)
        .bind(p.org_id.to_string())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(AuditEvent::new(
            "session.end",
            "session",
            Some(handle.to_owned()),
            "administrator ended a session",
        ))
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
