//! Staff accounts.

use super::auth::hash_password;
use crate::audit::{Actor, AuditEvent};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Password, Principal, Role, Username};
use libertas_domain::ids::{OrgId, UserId};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

/// An account as shown to administrators (never the hash or the TOTP secret).
#[derive(Clone, Debug, Serialize)]
pub struct UserInfo {
    pub id: UserId,
    pub org_id: OrgId,
    pub username: String,
    pub role: Role,
    pub must_change_password: bool,
    pub totp_enrolled: bool,
    pub disabled: bool,
    pub created_at: String,
}

pub(crate) const USER_COLUMNS: &str =
    "id, org_id, username, role, must_change_password, totp_secret is not null, disabled_at is not null, created_at";

pub(crate) fn user_from_row(r: &sqlx::any::AnyRow) -> Result<UserInfo, StoreError> {
    let bad = |what: &str| StoreError::Internal(format!("bad {what} in users"));
    let id: String = r.try_get(0)?;
    let org: String = r.try_get(1)?;
    let role: String = r.try_get(3)?;
    Ok(UserInfo {
        id: id.parse().map_err(|_| bad("id"))?,
        org_id: org.parse().map_err(|_| bad("org_id"))?,
        username: r.try_get(2)?,
        role: Role::parse(&role).map_err(|_| bad("role"))?,
        must_change_password: r.try_get::<i64, _>(4)? != 0,
        totp_enrolled: flag(r, 5)?,
        disabled: flag(r, 6)?,
        created_at: r.try_get(7)?,
    })
}

/// Boolean expressions come back as bool on PostgreSQL and as integers on SQLite.
pub(crate) fn flag(r: &sqlx::any::AnyRow, i: usize) -> Result<bool, StoreError> {
    match r.try_get::<bool, _>(i) {
        Ok(b) => Ok(b),
        Err(_) => Ok(r.try_get::<i64, _>(i)? != 0),
    }
}

impl Store {
    /// Creates a staff user who must choose a new password at first login.
    pub async fn create_user(
        &self,
        actor: Actor,
        org_id: OrgId,
        username: &Username,
        role: Role,
        password: &Password,
        reason: &str,
    ) -> Result<UserId, StoreError> {
        let hash = hash_password(password).await?;
        let id = UserId::from_uuid(Uuid::now_v7());
        let mut tx = self.write(actor).await?;
        sqlx::query(
            "insert into users (id, org_id, username, role, password_hash, must_change_password, created_at)
             values ($1, $2, $3, $4, $5, 1, $6)",
        )
        .bind(id.to_string())
        .bind(org_id.to_string())
        .bind(username.as_str())
        .bind(role.as_str())
        .bind(hash)
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await
        .map_err(|e| StoreError::on_constraint(e, "users_username_key", "this username is taken"))?;
        tx.audit(
            AuditEvent::new("user.create", "user", Some(id.to_string()), reason)
                .detail(serde_json::json!({ "role": role.as_str(), "org_id": org_id.to_string() })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn user_by_username(&self, username: &str) -> Result<Option<UserInfo>, StoreError> {
        let sql = format!("select {USER_COLUMNS} from users where username = $1");
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| user_from_row(&r)).transpose()
    }

    pub async fn user_by_id(&self, id: UserId) -> Result<Option<UserInfo>, StoreError> {
        let sql = format!("select {USER_COLUMNS} from users where id = $1");
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| user_from_row(&r)).transpose()
    }

    /// The users of one organisation, by name.
    pub async fn users_of_org(&self, org_id: OrgId) -> Result<Vec<UserInfo>, StoreError> {
        let sql = format!("select {USER_COLUMNS} from users where org_id = $1 order by username");
        let rows = sqlx::query(&sql)
            .bind(org_id.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// The principal of an active (not disabled) user.
    pub async fn principal(&self, id: UserId) -> Result<Option<Principal>, StoreError> {
        Ok(self
            .user_by_id(id)
            .await?
            .filter(|u| !u.disabled)
            .map(|u| Principal {
                user_id: u.id,
                org_id: u.org_id,
                role: u.role,
                username: u.username,
            }))
    }

    /// Disables a user: ends every session and revokes every token in the same transaction.
    pub async fn disable_user(
        &self,
        actor: Actor,
        username: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        let user = self
            .user_by_username(username)
            .await?
            .ok_or(StoreError::NotFound)?;
        if let Some(org) = actor.org_id {
            if org != user.org_id {
                return Err(StoreError::NotFound);
            }
        }
        self.journal_user_disabled(user.id).await?;
        let now = clock::now_text();
        let id = user.id.to_string();
        let mut tx = self.write(actor).await?;
        sqlx::query("update users set disabled_at = $1 where id = $2 and disabled_at is null")
            .bind(&now)
            .bind(&id)
            .execute(tx.conn()?)
            .await?;
        sqlx::query("delete from sessions where user_id = $1")
            .bind(&id)
            .execute(tx.conn()?)
            .await?;
        sqlx::query(
            "update api_tokens set revoked_at = $1 where user_id = $2 and revoked_at is null",
        )
        .bind(&now)
        .bind(&id)
        .execute(tx.conn()?)
        .await?;
        tx.audit(AuditEvent::new("user.disable", "user", Some(id), reason))
            .await?;
        tx.commit().await
    }

    /// Sets a new password after checking the current one; clears the first-login flag.
    pub async fn change_password(
        &self,
        principal: &Principal,
        current: &str,
        new: &Password,
    ) -> Result<(), StoreError> {
        if !self.check_password_of(principal.user_id, current).await? {
            return Err(StoreError::Invalid(libertas_domain::FieldError::new(
                "current_password",
                "is not your current password",
            )));
        }
        if new.expose() == current {
            return Err(StoreError::Invalid(libertas_domain::FieldError::new(
                "password",
                "must differ from the current password",
            )));
        }
        let hash = hash_password(new).await?;
        self.journal_password(principal.user_id, &hash).await?;
        let mut tx = self.write(principal.into()).await?;
        sqlx::query("update users set password_hash = $1, must_change_password = 0 where id = $2")
            .bind(hash)
            .bind(principal.user_id.to_string())
            .execute(tx.conn()?)
            .await?;
        tx.audit(AuditEvent::new(
            "user.password.change",
            "user",
            Some(principal.user_id.to_string()),
            "user changed own password",
        ))
        .await?;
        tx.commit().await
    }
}

impl Store {
    /// Marks this data directory as demo data: every page says so, the second factor is
    /// waived and the demo users keep their printed passwords.
    pub async fn mark_demo(&self) -> Result<(), StoreError> {
        let mut tx = self.write(Actor::cli()).await?;
        Store::set_meta(&mut tx, "demo", "1").await?;
        sqlx::query("update users set must_change_password = 0")
            .execute(tx.conn()?)
            .await?;
        tx.audit(AuditEvent::new(
            "demo.mark",
            "database",
            None,
            "cli: demo data loaded",
        ))
        .await?;
        tx.commit().await
    }
}
