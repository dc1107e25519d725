//! Case membership: who may read a case's people and notes.

use super::require_case_work;
use crate::audit::AuditEvent;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Policy, Principal, Role};
use libertas_domain::ids::{CaseId, UserId};
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;

#[derive(Clone, Debug, Serialize)]
pub struct MemberView {
    pub user_id: UserId,
    pub username: String,
    pub role: Role,
    pub added_at: String,
}

#[derive(FromRow)]
struct MemberRow {
    id: String,
    username: String,
    role: String,
    added_at: String,
}

impl Store {
    /// Adds a colleague of the same organisation to a case. Returns `false` if they already
    /// were a member. Only roles that work cases can be added.
    pub async fn add_member(
        &self,
        p: &Principal,
        case: CaseId,
        username: &str,
        reason: &str,
    ) -> Result<bool, StoreError> {
        self.check_member(p, case).await?;
        let no_such = || {
            StoreError::Invalid(FieldError::new(
                "username",
                "no colleague with this username can work cases",
            ))
        };
        let user = self
            .user_row_by_username(username)
            .await?
            .ok_or_else(no_such)?;
        if user.org_id != p.org_id || user.disabled || !Policy::reads_personal_data(user.role) {
            return Err(no_such());
        }
        self.journal_member(case, user.id, true).await?;
        let mut tx = self.write(p.into()).await?;
        let exists = sqlx::query("select 1 from case_members where case_id = $1 and user_id = $2")
            .bind(case.to_string())
            .bind(user.id.to_string())
            .fetch_optional(tx.conn()?)
            .await?
            .is_some();
        if !exists {
            sqlx::query(
                "insert into case_members (case_id, user_id, added_at, added_by, case_status)
                 values ($1, $2, $3, $4, (select c.status from cases c where c.id = $1))",
            )
            .bind(case.to_string())
            .bind(user.id.to_string())
            .bind(clock::now_text())
            .bind(p.user_id.to_string())
            .execute(tx.conn()?)
            .await?;
        }
        tx.audit(
            AuditEvent::new("case.member.add", "case", Some(case.to_string()), reason).detail(
                serde_json::json!({ "user_id": user.id.to_string(), "already_member": exists }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(!exists)
    }

    /// The members of a case.
    pub async fn members(
        &self,
        p: &Principal,
        case: CaseId,
    ) -> Result<Vec<MemberView>, StoreError> {
        require_case_work(p)?;
        self.check_member(p, case).await?;
        let rows = sqlx::query_as::<_, MemberRow>(
            "select u.id, u.username, u.role, m.added_at from case_members m join users u on u.id = m.user_id
             where m.case_id = $1 order by m.added_at, u.username",
        )
        .bind(case.to_string())
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(MemberView {
                    user_id: r
                        .id
                        .parse()
                        .map_err(|_| StoreError::Internal("bad member id".into()))?,
                    username: r.username,
                    role: Role::parse(&r.role)
                        .map_err(|_| StoreError::Internal("bad member role".into()))?,
                    added_at: r.added_at,
                })
            })
            .collect()
    }
}
