//! The counts on each role's home page: what waits for the caller today.
//!
//! Only numbers leave here, never a name or a narrative, so these reads are not audited one by
//! one (the lists they link to are). Access is still decided here, not in the page: case
//! counts cover only the cases the caller is a member of, report counts only roles that work
//! the report queue, account counts only administrators; anyone else gets `Forbidden`.

use crate::cases::require_case_work;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Capability, Principal, Role};
use libertas_domain::cases::decisions::date_text;
use libertas_domain::cases::CaseStatus;
use time::{Date, Duration, OffsetDateTime};

/// The case work waiting for a member of cases.
#[derive(Clone, Debug, Default)]
pub struct CaseWork {
    /// My cases (those I am a member of) by status, every status listed, in
    /// [`CaseStatus::ALL`] order.
    pub caseload: Vec<(CaseStatus, i64)>,
    /// Open tasks of my cases past their due date.
    pub tasks_overdue: i64,
    /// Open tasks of my cases due today.
    pub tasks_today: i64,
    /// Open identification-decision tasks (reasonable or conclusive grounds) due within a week
    /// or overdue.
    pub decisions_due: i64,
    /// Open outcome-assessment tasks due within a week or overdue.
    pub assessments_due: i64,
    /// Referrals from partners of other organisations to mine, still requested.
    pub referrals_incoming: i64,
    /// Referrals from my cases still waiting for the partner's answer.
    pub referrals_waiting: i64,
}

/// The prosecution work in my cases (investigators, legal staff).
#[derive(Clone, Debug, Default)]
pub struct JusticeWork {
    /// Evidence items of my cases never verified, or whose latest verification failed.
    pub evidence_to_verify: i64,
    /// Hearings of my cases from the first to the last day of this month.
    pub hearings_this_month: i64,
}

/// The report queue at a glance (hotline, administrators).
#[derive(Clone, Debug, Default)]
pub struct ReportWork {
    /// Open urgent reports.
    pub urgent: i64,
    /// Reports nobody has screened yet.
    pub new: i64,
    /// When the longest-waiting unscreened report came in (UTC text), if any waits.
    pub oldest_new_at: Option<String>,
    /// Open reports whose newest message is from the reporter.
    pub unanswered: i64,
    /// Reports screened in the last seven days by verdict (code, count), largest first.
    pub week_by_verdict: Vec<(String, i64)>,
}

/// The accounts of my organisation (administrators).
#[derive(Clone, Debug, Default)]
pub struct AccountWork {
    /// Accounts locked out from at least one client after failed sign-ins, lock not yet
    /// expired (locks belong to an account and a client; see migration 0012).
    pub locked: i64,
    /// Sessions seen in the last 30 minutes.
    pub live_sessions: i64,
    /// Security alerts in the last seven days.
    pub alerts_week: i64,
}

impl Store {
    /// The case work waiting for `p` on `today`. `Forbidden` unless the role works cases.
    pub async fn case_work(&self, p: &Principal, today: Date) -> Result<CaseWork, StoreError> {
        require_case_work(p)?;
        let (user, org) = (p.user_id.to_string(), p.org_id.to_string());
        // Memberships are of the member's own organisation's cases only (`add_member` refuses
        // anyone else, and neither a case's nor a user's organisation changes), so the counts
        // below start from the membership rows and never visit another organisation's case.
        // The membership row carries its case's status (migration 0023): one index to count.
        let by_status: Vec<(String, i64)> = sqlx::query_as(
            "select m.case_status, count(*) from case_members m
             where m.user_id = $1 and m.case_status is not null group by m.case_status",
        )
        .bind(&user)
        .fetch_all(self.pool())
        .await?;
        let caseload = CaseStatus::ALL
            .into_iter()
            .map(|s| {
                let n = by_status
                    .iter()
                    .find(|(code, _)| code == s.as_str())
                    .map_or(0, |(_, n)| *n);
                (s, n)
            })
            .collect();
        // One pass over the open tasks of my cases due within a week (overdue ones included)
        // gives all four task counts. It starts from my memberships (`cross join` keeps that
        // order on SQLite) and finds each case's open tasks by `tasks_case`, instead of
        // checking every open task of the organisation due this week against them.
        let (tasks_overdue, tasks_today, decisions_due, assessments_due): (i64, i64, i64, i64) =
            sqlx::query_as(
                "select
                   coalesce(sum(case when t.due_date < $2 then 1 else 0 end), 0),
                   coalesce(sum(case when t.due_date = $2 then 1 else 0 end), 0),
                   coalesce(sum(case when t.kind in ('reasonable_grounds_due', 'conclusive_grounds_earliest')
                                     then 1 else 0 end), 0),
                   coalesce(sum(case when t.kind = 'assessment_due' then 1 else 0 end), 0)
                 from case_members m cross join tasks t
                 where t.case_id = m.case_id and m.user_id = $1 and t.status = 'open'
                   and t.due_date <= $3",
            )
            .bind(&user)
            .bind(date_text(today))
            .bind(date_text(today + Duration::days(7)))
            .fetch_one(self.pool())
            .await?;
        let referrals_incoming: i64 = sqlx::query_scalar(
            "select count(*) from referrals
             where to_org_id = $1 and org_id <> $1 and status = 'requested'",
        )
        .bind(&org)
        .fetch_one(self.pool())
        .await?;
        let referrals_waiting: i64 = sqlx::query_scalar(
            "select count(*) from referrals r join case_members m on m.case_id = r.case_id
             where m.user_id = $1 and r.org_id = $2 and r.status = 'requested'",
        )
        .bind(&user)
        .bind(&org)
        .fetch_one(self.pool())
        .await?;
        Ok(CaseWork {
            caseload,
            tasks_overdue,
            tasks_today,
            decisions_due,
            assessments_due,
            referrals_incoming,
            referrals_waiting,
        })
    }

    /// Evidence and hearings of `p`'s cases. `Forbidden` unless the role prosecutes.
    pub async fn justice_work(
        &self,
        p: &Principal,
        today: Date,
    ) -> Result<JusticeWork, StoreError> {
        require_case_work(p)?;
        if !p.can(Capability::Prosecute) {
            return Err(StoreError::Forbidden);
        }
        let (user, org) = (p.user_id.to_string(), p.org_id.to_string());
        // The latest custody entry of each item that is a verification decides: an item with
        // none, or whose latest says it failed, still needs verifying.
        let evidence_to_verify: i64 = sqlx::query_scalar(
            "select count(*) from evidence e join case_members m on m.case_id = e.case_id
             join cases c on c.id = e.case_id
             where m.user_id = $1 and c.org_id = $2
             and coalesce((select x.event from evidence_custody x
                           where x.evidence_id = e.id and x.event in ('verified_ok', 'verify_failed')
                           order by x.recorded_at desc, x.id desc limit 1), 'none') <> 'verified_ok'",
        )
        .bind(&user)
        .bind(&org)
        .fetch_one(self.pool())
        .await?;
        let first = today.replace_day(1).unwrap_or(today);
        let next = first
            .checked_add(Duration::days(31))
            .and_then(|d| d.replace_day(1).ok())
            .unwrap_or(first);
        let hearings_this_month: i64 = sqlx::query_scalar(
            "select count(*) from hearings h join case_members m on m.case_id = h.case_id
             join cases c on c.id = h.case_id
             where m.user_id = $1 and c.org_id = $2 and h.held_on >= $3 and h.held_on < $4",
        )
        .bind(&user)
        .bind(&org)
        .bind(date_text(first))
        .bind(date_text(next))
        .fetch_one(self.pool())
        .await?;
        Ok(JusticeWork {
            evidence_to_verify,
            hearings_this_month,
        })
    }

    /// The report queue's counts for `p`'s organisation. `Forbidden` unless the role works the
    /// queue (hotline, administrators).
    pub async fn report_work(&self, p: &Principal) -> Result<ReportWork, StoreError> {
        if !matches!(p.role, Role::Hotline | Role::Admin) {
            return Err(StoreError::Forbidden);
        }
        let org = p.org_id.to_string();
        let (urgent, new): (i64, i64) = sqlx::query_as(
            "select coalesce(sum(case when urgent = 1 then 1 else 0 end), 0),
                    coalesce(sum(case when status = 'new' then 1 else 0 end), 0)
             from reports where org_id = $1 and status in ('new', 'screened')",
        )
        .bind(&org)
        .fetch_one(self.pool())
        .await?;
        let oldest_new_at: Option<String> = sqlx::query_scalar(
            "select created_at from reports where org_id = $1 and status = 'new'
             order by created_at limit 1",
        )
        .bind(&org)
        .fetch_optional(self.pool())
        .await?;
        let unanswered: i64 = sqlx::query_scalar(
            "select count(*) from reports r
             where r.org_id = $1 and r.status in ('new', 'screened')
             and (select x.direction from report_messages x where x.report_id = r.id
                  order by x.created_at desc, x.id desc limit 1) = 'from_reporter'",
        )
        .bind(&org)
        .fetch_one(self.pool())
        .await?;
        let week_ago = clock::to_text(clock::now() - Duration::days(7));
        let week_by_verdict: Vec<(String, i64)> = sqlx::query_as(
            "select verdict, count(*) from reports
             where org_id = $1 and verdict is not null and updated_at >= $2
             group by verdict order by count(*) desc, verdict",
        )
        .bind(&org)
        .bind(week_ago)
        .fetch_all(self.pool())
        .await?;
        Ok(ReportWork {
            urgent,
            new,
            oldest_new_at,
            unanswered,
            week_by_verdict,
        })
    }

    /// Accounts, sessions and alerts of `p`'s organisation. `Forbidden` unless `p` administers.
    pub async fn account_work(
        &self,
        p: &Principal,
        now: OffsetDateTime,
    ) -> Result<AccountWork, StoreError> {
        if !p.can(Capability::Administer) {
            return Err(StoreError::Forbidden);
        }
        let org = p.org_id.to_string();
        let locked: i64 = sqlx::query_scalar(
            "select count(distinct a.user_id) from login_attempts a join users u on u.id = a.user_id
             where u.org_id = $1 and a.locked_until is not null and a.locked_until > $2",
        )
        .bind(&org)
        .bind(clock::to_text(now))
        .fetch_one(self.pool())
        .await?;
        let live_sessions: i64 = sqlx::query_scalar(
            "select count(*) from sessions s join users u on u.id = s.user_id
             where u.org_id = $1 and s.last_seen_at > $2",
        )
        .bind(&org)
        .bind(clock::to_text(now - Duration::minutes(30)))
        .fetch_one(self.pool())
        .await?;
        let alerts_week: i64 = sqlx::query_scalar(
            "select count(*) from audit_events
             where action like 'alert.%' and at > $1 and (org_id = $2 or org_id is null)",
        )
        .bind(clock::to_text(now - Duration::days(7)))
        .bind(&org)
        .fetch_one(self.pool())
        .await?;
        Ok(AccountWork {
            locked,
            live_sessions,
            alerts_week,
        })
    }
}
