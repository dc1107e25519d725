//! The case workflow: status changes with their reason, reopening, ownership and the role each
//! member plays in the case.
//!
//! Every member may move a case through its statuses and give colleagues their part in it.
//! Handing the case to another owner and removing a member are the owner's decisions (or an
//! administrator's who is a member): a member who is not the owner gets `Forbidden`, since
//! they already see the case and hiding it would be pointless.

use super::CaseView;
use crate::admin::UserInfo;
use crate::audit::AuditEvent;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Policy, Principal, Role};
use libertas_domain::cases::workflow::{CaseRole, StatusRequest, Transition};
use libertas_domain::cases::CaseStatus;
use libertas_domain::ids::{CaseId, UserId};
use libertas_domain::FieldError;
use sqlx::FromRow;

/// A member of a case with the part they play in it.
#[derive(Clone, Debug)]
pub struct TeamMember {
    pub user_id: UserId,
    pub username: String,
    /// Their staff role (what they may do anywhere).
    pub role: Role,
    /// Their part in this case; the owner is always `Lead`.
    pub role_in_case: CaseRole,
    pub is_owner: bool,
}

fn no_such_member() -> StoreError {
    StoreError::Invalid(FieldError::new(
        "username",
        "no member of this case has this username",
    ))
}

/// A member of a case with the case's owner, to mark the lead.
#[derive(FromRow)]
struct TeamRow {
    id: String,
    username: String,
    role: String,
    role_in_case: Option<String>,
    owner_id: String,
}

impl Store {
    /// Moves a case to another status. The current status is read inside the write
    /// transaction, so two people closing the same case at once cannot both succeed.
    pub async fn change_case_status(
        &self,
        p: &Principal,
        case: CaseId,
        request: &StatusRequest,
        reason: &str,
    ) -> Result<Transition, StoreError> {
        self.check_member(p, case).await?;
        let sid = case.to_string();
        let current: String = sqlx::query_scalar("select status from cases where id = $1")
            .bind(&sid)
            .fetch_one(self.pool())
            .await?;
        let from = CaseStatus::parse(&current)
            .map_err(|_| StoreError::Internal("bad case status".into()))?;
        // Checked before the write begins: a write transaction must end in a commit.
        let change = request.apply(from).map_err(StoreError::Conflicting)?;
        let mut tx = self.write(p.into()).await?;
        let now = clock::now_text();
        let (closure_reason, closed_at) = match change {
            Transition::Close { reason, .. } => (Some(reason.as_str()), Some(now.as_str())),
            Transition::Move { .. } | Transition::Reopen { .. } => (None, None),
        };
        // Closing sets the reason, reopening clears it. `status = $6` makes a change raced by
        // another one a no-op, which is audited as stale and refused below.
        let done = sqlx::query(
            "update cases set status = $1, closure_reason = $2, closed_at = $3, updated_at = $4
             where id = $5 and status = $6",
        )
        .bind(change.to().as_str())
        .bind(closure_reason)
        .bind(closed_at)
        .bind(&now)
        .bind(&sid)
        .bind(from.as_str())
        .execute(tx.conn()?)
        .await?
        .rows_affected()
            == 1;
        if done {
            // The members' copy of the status, read by their home counts (migration 0023).
            sqlx::query("update case_members set case_status = $1 where case_id = $2")
                .bind(change.to().as_str())
                .bind(&sid)
                .execute(tx.conn()?)
                .await?;
        }
        let action = match change {
            _ if !done => "case.status.stale",
            Transition::Reopen { .. } => "case.reopen",
            Transition::Close { .. } => "case.close",
            Transition::Move { .. } => "case.status",
        };
        tx.audit(
            AuditEvent::new(action, "case", Some(sid), reason).detail(serde_json::json!({
                "from": change.from().as_str(),
                "to": change.to().as_str(),
                "reason": change.reason_code(),
            })),
        )
        .await?;
        tx.commit().await?;
        if !done {
            return Err(StoreError::Conflicting(FieldError::new(
                "status",
                "the case's status changed meanwhile: reload and try again",
            )));
        }
        Ok(change)
    }

    /// Hands the case to another member, who becomes its lead. The new owner must still be
    /// able to work cases (active, same organisation, a case-working role).
    pub async fn change_case_owner(
        &self,
        p: &Principal,
        case: CaseId,
        username: &str,
        reason: &str,
    ) -> Result<CaseView, StoreError> {
        self.check_member(p, case).await?;
        let user = self.member_candidate(p, username).await?;
        let owner = self.require_owner_or_admin(p, case).await?;
        if !self.is_member(case, user.id).await? {
            return Err(no_such_member());
        }
        let mut tx = self.write(p.into()).await?;
        let changed = owner != user.id;
        if changed {
            sqlx::query("update cases set owner_id = $1, updated_at = $2 where id = $3")
                .bind(user.id.to_string())
                .bind(clock::now_text())
                .bind(case.to_string())
                .execute(tx.conn()?)
                .await?;
        }
        tx.audit(
            AuditEvent::new("case.owner", "case", Some(case.to_string()), reason).detail(
                serde_json::json!({
                    "from": owner.to_string(),
                    "to": user.id.to_string(),
                    "changed": changed,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        self.load_case(case).await
    }

    /// Gives a member their part in the case. The owner's part is `Lead` and cannot be set.
    pub async fn set_member_role(
        &self,
        p: &Principal,
        case: CaseId,
        username: &str,
        role: CaseRole,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.check_member(p, case).await?;
        let user = self.member_at(p, case, username).await?;
        if self.owner_of(case).await? == user.id {
            return Err(StoreError::Conflicting(FieldError::new(
                "username",
                "the owner leads the case: change the owner first",
            )));
        }
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "update case_members set role_in_case = $1 where case_id = $2 and user_id = $3",
        )
        .bind(role.as_str())
        .bind(case.to_string())
        .bind(user.id.to_string())
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("case.member.role", "case", Some(case.to_string()), reason).detail(
                serde_json::json!({ "user_id": user.id.to_string(), "role": role.as_str() }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Takes a member off the case. The owner cannot be removed: hand the case over first.
    pub async fn remove_member(
        &self,
        p: &Principal,
        case: CaseId,
        username: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.check_member(p, case).await?;
        let owner = self.require_owner_or_admin(p, case).await?;
        let user = self.member_at(p, case, username).await?;
        if owner == user.id {
            return Err(StoreError::Conflicting(FieldError::new(
                "username",
                "the owner cannot be removed: change the owner first",
            )));
        }
        self.journal_member(case, user.id, false).await?;
        let mut tx = self.write(p.into()).await?;
        sqlx::query("delete from case_members where case_id = $1 and user_id = $2")
            .bind(case.to_string())
            .bind(user.id.to_string())
            .execute(tx.conn()?)
            .await?;
        // Their open tasks in this case go back to the team: someone who can no longer open
        // the case cannot do them, and the overdue list must not hide them.
        let unassigned = sqlx::query(
            "update tasks set assignee_id = null
             where case_id = $1 and assignee_id = $2 and status = 'open'",
        )
        .bind(case.to_string())
        .bind(user.id.to_string())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        tx.audit(
            AuditEvent::new("case.member.remove", "case", Some(case.to_string()), reason).detail(
                serde_json::json!({
                    "user_id": user.id.to_string(),
                    "tasks_unassigned": unassigned,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The members of a case with their part in it, owner first.
    pub async fn case_team(
        &self,
        p: &Principal,
        case: CaseId,
    ) -> Result<Vec<TeamMember>, StoreError> {
        self.check_member(p, case).await?;
        let rows = sqlx::query_as::<_, TeamRow>(
            "select u.id, u.username, u.role, m.role_in_case, c.owner_id
             from case_members m join users u on u.id = m.user_id join cases c on c.id = m.case_id
             where m.case_id = $1 order by m.added_at, u.username",
        )
        .bind(case.to_string())
        .fetch_all(self.pool())
        .await?;
        let bad = |w: &str| StoreError::Internal(format!("bad member {w}"));
        let mut team = Vec::with_capacity(rows.len());
        for r in rows {
            let (id, role, stored) = (r.id, r.role, r.role_in_case);
            let is_owner = r.owner_id == id;
            team.push(TeamMember {
                user_id: id.parse().map_err(|_| bad("id"))?,
                username: r.username,
                role: Role::parse(&role).map_err(|_| bad("role"))?,
                role_in_case: if is_owner {
                    CaseRole::Lead
                } else {
                    CaseRole::from_stored(stored.as_deref())
                },
                is_owner,
            });
        }
        team.sort_by_key(|m| !m.is_owner);
        Ok(team)
    }

    /// A colleague named in a request: same organisation, else the same 400 as "no such user".
    async fn user_in_org(&self, p: &Principal, username: &str) -> Result<UserInfo, StoreError> {
        match self.user_row_by_username(username.trim()).await? {
            Some(u) if u.org_id == p.org_id => Ok(u),
            _ => Err(no_such_member()),
        }
    }

    /// The member a path names (`…/members/{username}/…`): anyone who is not a member of the
    /// case, or no user at all, is `NotFound`, as a record that does not exist.
    async fn member_at(
        &self,
        p: &Principal,
        case: CaseId,
        username: &str,
    ) -> Result<UserInfo, StoreError> {
        let user = match self.user_in_org(p, username).await {
            Err(StoreError::Invalid(_)) => return Err(StoreError::NotFound),
            other => other?,
        };
        if !self.is_member(case, user.id).await? {
            return Err(StoreError::NotFound);
        }
        Ok(user)
    }

    /// A colleague who could own a case: active and in a role that works cases.
    async fn member_candidate(
        &self,
        p: &Principal,
        username: &str,
    ) -> Result<UserInfo, StoreError> {
        let user = self.user_in_org(p, username).await?;
        if user.disabled || !Policy::reads_personal_data(user.role) {
            return Err(StoreError::Invalid(FieldError::new(
                "username",
                "no member of this case with this username can own cases",
            )));
        }
        Ok(user)
    }

    /// The current owner, after checking that `p` is it or an administrator.
    async fn require_owner_or_admin(
        &self,
        p: &Principal,
        case: CaseId,
    ) -> Result<UserId, StoreError> {
        let owner = self.owner_of(case).await?;
        if owner == p.user_id || p.role == Role::Admin {
            Ok(owner)
        } else {
            Err(StoreError::Forbidden)
        }
    }

    async fn owner_of(&self, case: CaseId) -> Result<UserId, StoreError> {
        let id: String = sqlx::query_scalar("select owner_id from cases where id = $1")
            .bind(case.to_string())
            .fetch_one(self.pool())
            .await?;
        id.parse()
            .map_err(|_| StoreError::Internal("bad case owner".into()))
    }

    async fn is_member(&self, case: CaseId, user: UserId) -> Result<bool, StoreError> {
        Ok(
            sqlx::query("select 1 from case_members where case_id = $1 and user_id = $2")
                .bind(case.to_string())
                .bind(user.to_string())
                .fetch_optional(self.pool())
                .await?
                .is_some(),
        )
    }
}
