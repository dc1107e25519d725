//! Staff accounts.

use super::{Caller, Operator};
use crate::audit::AuditEvent;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{password_rules, Password, Principal, Role, Username};
use libertas_domain::ids::{OrgId, UserId};
use serde::Serialize;
use sqlx::{FromRow, Row};
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
    "id, org_id, username, role, must_change_password, totp_secret is not null as totp_enrolled,
     disabled_at is not null as disabled, created_at";

/// The plain columns of [`USER_COLUMNS`]; the two boolean expressions are read with [`flag`].
#[derive(FromRow)]
struct UserRow {
    id: String,
    org_id: String,
    username: String,
    role: String,
    must_change_password: i64,
    created_at: String,
}

pub(crate) fn user_from_row(r: &sqlx::any::AnyRow) -> Result<UserInfo, StoreError> {
    let bad = |what: &str| StoreError::Internal(format!("bad {what} in users"));
    let totp_enrolled = flag(r, "totp_enrolled")?;
    let disabled = flag(r, "disabled")?;
    let r = UserRow::from_row(r)?;
    Ok(UserInfo {
        id: r.id.parse().map_err(|_| bad("id"))?,
        org_id: r.org_id.parse().map_err(|_| bad("org_id"))?,
        username: r.username,
        role: Role::parse(&r.role).map_err(|_| bad("role"))?,
        must_change_password: r.must_change_password != 0,
        totp_enrolled,
        disabled,
        created_at: r.created_at,
    })
}

/// Boolean expressions come back as bool on PostgreSQL and as integers on SQLite, so the
/// column (named with `AS`) is read as either.
pub(crate) fn flag(r: &sqlx::any::AnyRow, name: &str) -> Result<bool, StoreError> {
    match r.try_get::<bool, _>(name) {
        Ok(b) => Ok(b),
        Err(_) => Ok(r.try_get::<i64, _>(name)? != 0),
    }
}

impl Store {
    /// Creates a staff user who must choose a new password at first login: administrators
    /// in their own organisation, or the operator in any.
    pub async fn create_user<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        org_id: OrgId,
        username: &Username,
        role: Role,
        password: &Password,
        reason: &str,
    ) -> Result<UserId, StoreError> {
        let caller = caller.into();
        caller.administer(org_id)?;
        if caller.org_scope().is_none() && !self.org_exists(org_id).await? {
            return Err(StoreError::NotFound);
        }
        if let Err(p) = password_rules::check(password.expose(), Some(username.as_str())) {
            return Err(StoreError::Invalid(Password::field_error(p)));
        }
        let hash = self.hasher().hash(password.expose()).await?;
        let id = UserId::from_uuid(Uuid::now_v7());
        let mut tx = self.write(caller.actor()).await?;
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

    /// An account by username: administrators see their own organisation's (`None` for any
    /// other, as for a name that does not exist), the operator every one.
    pub async fn user_by_username<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        username: &str,
    ) -> Result<Option<UserInfo>, StoreError> {
        let caller = caller.into();
        caller.may_administer()?;
        Ok(self
            .user_row_by_username(username)
            .await?
            .filter(|u| caller.org_scope().is_none_or(|o| o == u.org_id)))
    }

    /// An account by id, with the same rules as [`Store::user_by_username`].
    pub async fn user_by_id<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        id: UserId,
    ) -> Result<Option<UserInfo>, StoreError> {
        let caller = caller.into();
        caller.may_administer()?;
        Ok(self
            .user_row(id)
            .await?
            .filter(|u| caller.org_scope().is_none_or(|o| o == u.org_id)))
    }

    /// The users of one organisation, by name: its administrators, or the operator.
    pub async fn users_of_org<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        org_id: OrgId,
    ) -> Result<Vec<UserInfo>, StoreError> {
        caller.into().administer(org_id)?;
        let sql = format!("select {USER_COLUMNS} from users where org_id = $1 order by username");
        let rows = sqlx::query(&sql)
            .bind(org_id.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// The principal of an active user, for the operator's commands (`libertas demo` seeds
    /// data as its users). Staff never obtain another user's principal: `Forbidden`.
    pub async fn principal<'a>(
        &self,
        caller: impl Into<Caller<'a>>,
        id: UserId,
    ) -> Result<Option<Principal>, StoreError> {
        caller.into().operator_only()?;
        self.active_principal(id).await
    }

    /// Disables a user: ends every session and revokes every token in the same transaction.
    /// Administrators in their own organisation (not its last active administrator), or the
    /// operator in any.
    pub async fn disable_user<'a>(
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
        self.journal_user_disabled(user.id).await?;
        let now = clock::now_text();
        let id = user.id.to_string();
        let mut tx = self.write(caller.actor()).await?;
        if caller.principal().is_some() && user.role == Role::Admin && !user.disabled {
            let others: i64 = sqlx::query_scalar(
                "select count(*) from users where org_id = $1 and role = 'admin'
                 and disabled_at is null and id <> $2",
            )
            .bind(user.org_id.to_string())
            .bind(&id)
            .fetch_one(tx.conn()?)
            .await?;
            if others == 0 {
                return Err(StoreError::Conflict(
                    "this is the organisation's last administrator; make someone else administrator first",
                ));
            }
        }
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
}

impl Store {
    /// Any account by username, without an access check: for sign-in and for the checked
    /// methods above, never handed out as is.
    pub(crate) async fn user_row_by_username(
        &self,
        username: &str,
    ) -> Result<Option<UserInfo>, StoreError> {
        let sql = format!("select {USER_COLUMNS} from users where username = $1");
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| user_from_row(&r)).transpose()
    }

    /// Any account by id, without an access check (see [`Self::user_row_by_username`]).
    pub(crate) async fn user_row(&self, id: UserId) -> Result<Option<UserInfo>, StoreError> {
        let sql = format!("select {USER_COLUMNS} from users where id = $1");
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.map(|r| user_from_row(&r)).transpose()
    }

    /// The principal of an active (not disabled) user: only after a session or token check.
    pub(crate) async fn active_principal(
        &self,
        id: UserId,
    ) -> Result<Option<Principal>, StoreError> {
        Ok(self
            .user_row(id)
            .await?
            .filter(|u| !u.disabled)
            .map(|u| Principal {
                user_id: u.id,
                org_id: u.org_id,
                role: u.role,
                username: u.username,
            }))
    }

    async fn org_exists(&self, org: OrgId) -> Result<bool, StoreError> {
        Ok(sqlx::query("select 1 from organisations where id = $1")
            .bind(org.to_string())
            .fetch_optional(self.pool())
            .await?
            .is_some())
    }
}

impl Store {
    /// Marks this data directory as demo data (the operator's `libertas demo` only): the
    /// demo users keep their printed passwords. The mark only lets `libertas demo` serve the
    /// directory again; the second-factor waiver is decided by that command, never by data.
    pub async fn mark_demo(&self, op: Operator) -> Result<(), StoreError> {
        let mut tx = self.write(op.into()).await?;
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
