//! Changing a staff member's role, and the organisations overview for administrators.
//!
//! Creating organisations stays an operator task on the server's command line (`libertas org
//! add`): an administrator works inside their own organisation only.

use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::{Capability, Principal, Role};
use libertas_domain::ids::{OrgId, UserId};
use serde::Serialize;
use sqlx::FromRow;

/// One organisation on this Libertas. `users` is given only for the caller's own.
#[derive(Clone, Debug, Serialize)]
pub struct OrgOverview {
    pub id: OrgId,
    pub name: String,
    pub created_at: String,
    pub own: bool,
    pub users: Option<i64>,
    pub active_users: Option<i64>,
}

fn require_admin(p: &Principal) -> Result<(), StoreError> {
    if p.can(Capability::Administer) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

/// Accounts of an organisation: all of them, and those not disabled.
#[derive(FromRow)]
struct UserCounts {
    users: i64,
    active: i64,
}

impl Store {
    /// Gives a user of the caller's organisation another role (administrators only). The
    /// change is refused (`Conflict`) when it would leave the organisation without an
    /// active administrator — for example an only administrator demoting themselves.
    pub async fn set_user_role(
        &self,
        p: &Principal,
        user: UserId,
        role: Role,
        reason: &str,
    ) -> Result<(), StoreError> {
        require_admin(p)?;
        let target = self
            .user_row(user)
            .await?
            .filter(|u| u.org_id == p.org_id)
            .ok_or(StoreError::NotFound)?;
        let from = target.role;
        let mut tx = self.write(p.into()).await?;
        if from == Role::Admin && role != Role::Admin && !target.disabled {
            let others: i64 = sqlx::query_scalar(
                "select count(*) from users where org_id = $1 and role = 'admin'
                 and disabled_at is null and id <> $2",
            )
            .bind(p.org_id.to_string())
            .bind(user.to_string())
            .fetch_one(tx.conn()?)
            .await?;
            if others == 0 {
                return Err(StoreError::Conflict(
                    "this is the organisation's last administrator; make someone else administrator first",
                ));
            }
        }
        self.journal_role(user, role).await?;
        sqlx::query("update users set role = $1 where id = $2 and org_id = $3")
            .bind(role.as_str())
            .bind(user.to_string())
            .bind(p.org_id.to_string())
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new("user.role.change", "user", Some(user.to_string()), reason).detail(
                serde_json::json!({ "from": from.as_str(), "to": role.as_str(), "self": user == p.user_id }),
            ),
        )
        .await?;
        tx.commit().await
    }

    /// The organisations on this Libertas, oldest first, with user counts for the caller's
    /// own organisation only (administrators only; the read is audited).
    pub async fn org_overview(
        &self,
        p: &Principal,
        reason: &str,
    ) -> Result<Vec<OrgOverview>, StoreError> {
        require_admin(p)?;
        let counts = sqlx::query_as::<_, UserCounts>(
            "select count(*) as users,
                    coalesce(sum(case when disabled_at is null then 1 else 0 end), 0) as active
             from users where org_id = $1",
        )
        .bind(p.org_id.to_string())
        .fetch_one(self.pool())
        .await?;
        let UserCounts { users, active } = counts;
        let out = self
            .org_rows()
            .await?
            .into_iter()
            .map(|o| {
                let own = o.id == p.org_id;
                OrgOverview {
                    id: o.id,
                    name: o.name,
                    created_at: o.created_at,
                    own,
                    users: own.then_some(users),
                    active_users: own.then_some(active),
                }
            })
            .collect::<Vec<_>>();
        self.record(
            p.into(),
            vec![AuditEvent::new("org.list", "organisation", None, reason)
                .detail(serde_json::json!({ "count": out.len() }))],
        )
        .await?;
        Ok(out)
    }
}
