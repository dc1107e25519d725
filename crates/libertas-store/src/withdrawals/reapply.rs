//! Applying the withdrawal journal to a restored database.
//!
//! Every entry is replayed in journal order (see the module above for why not only the newer
//! ones). For things that can be withdrawn and given back (a case membership, a role, a
//! password, a second factor, a partner) only the newest entry counts. Each change made is
//! recorded as a `withdrawal.reapply` event by `system`, naming the object and the kind.

use super::secret_ref;
use crate::audit::{Actor, AuditEvent};
use crate::crypto::{open_field, sha256_hex};
use crate::{Store, StoreError, WriteTx};
use libertas_domain::admin::Role;
use serde_json::Value;
use sqlx::FromRow;
use std::collections::HashMap;

/// One journal row.
#[derive(FromRow)]
struct Entry {
    id: String,
    at: String,
    kind: String,
    object: String,
    subject: Option<String>,
    value: Option<String>,
    secret: Option<Vec<u8>>,
}

/// Kinds where a newer entry about the same thing replaces an older one.
fn group(kind: &str) -> Option<&'static str> {
    match kind {
        "case.member.remove" | "case.member.add" => Some("member"),
        "user.role" => Some("role"),
        "user.password" => Some("password"),
        "user.totp.reset" | "user.totp.enrol" => Some("totp"),
        "partner.active" => Some("partner"),
        _ => None,
    }
}

fn bad(what: &str) -> StoreError {
    StoreError::Internal(format!("withdrawal journal: bad {what}"))
}

impl Store {
    /// Applies the journal to the database; returns how many changes that made. Run after a
    /// restore.
    pub(crate) async fn reapply_withdrawals(&self) -> Result<u64, StoreError> {
        let entries = sqlx::query_as::<_, Entry>(
            "select id, at, kind, object_id as object, subject_id as subject, value, secret
             from withdrawals order by at, id",
        )
        .fetch_all(self.keys().pool())
        .await?;
        let mut newest: HashMap<(&str, &str, Option<&str>), usize> = HashMap::new();
        let mut chosen = vec![];
        for (i, e) in entries.iter().enumerate() {
            match group(&e.kind) {
                Some(g) => {
                    newest.insert((g, &e.object, e.subject.as_deref()), i);
                }
                None => chosen.push(i),
            }
        }
        chosen.extend(newest.into_values());
        chosen.sort_unstable();
        if chosen.is_empty() {
            return Ok(0);
        }
        let mut tx = self.write(Actor::system()).await?;
        let mut applied = 0u64;
        for e in chosen.iter().filter_map(|i| entries.get(*i)) {
            let Some(object_type) = self.apply(&mut tx, e).await? else {
                continue;
            };
            applied += 1;
            tx.audit(
                AuditEvent::new(
                    "withdrawal.reapply",
                    object_type,
                    Some(e.object.clone()),
                    "withdrawal re-applied to restored data",
                )
                .detail(serde_json::json!({ "kind": e.kind, "subject_id": e.subject,
                    "journaled_at": e.at })),
            )
            .await?;
        }
        if applied > 0 {
            tx.commit().await?;
        }
        Ok(applied)
    }

    /// Applies one entry; returns the type of the object changed, or `None` when the restored
    /// data already agrees (or the object is not in it).
    async fn apply(
        &self,
        tx: &mut WriteTx<'_>,
        e: &Entry,
    ) -> Result<Option<&'static str>, StoreError> {
        let changed = |n: u64, t: &'static str| (n > 0).then_some(t);
        Ok(match e.kind.as_str() {
            "token.revoke" => changed(
                sqlx::query(
                    "update api_tokens set revoked_at = $1 where id = $2 and revoked_at is null",
                )
                .bind(&e.at)
                .bind(&e.object)
                .execute(tx.conn()?)
                .await?
                .rows_affected(),
                "api_token",
            ),
            "user.disable" => {
                let n = sqlx::query(
                    "update users set disabled_at = $1 where id = $2 and disabled_at is null",
                )
                .bind(&e.at)
                .bind(&e.object)
                .execute(tx.conn()?)
                .await?
                .rows_affected();
                let t = sqlx::query(
                    "update api_tokens set revoked_at = $1 where user_id = $2 and revoked_at is null",
                )
                .bind(&e.at)
                .bind(&e.object)
                .execute(tx.conn()?)
                .await?
                .rows_affected();
                changed(n + t, "user")
            }
            "case.member.remove" => {
                let user = e.subject.as_deref().ok_or_else(|| bad("member entry"))?;
                let n = sqlx::query("delete from case_members where case_id = $1 and user_id = $2")
                    .bind(&e.object)
                    .bind(user)
                    .execute(tx.conn()?)
                    .await?
                    .rows_affected();
                if n > 0 {
                    // As when the member was removed: their open tasks go back to the team.
                    sqlx::query(
                        "update tasks set assignee_id = null
                         where case_id = $1 and assignee_id = $2 and status = 'open'",
                    )
                    .bind(&e.object)
                    .bind(user)
                    .execute(tx.conn()?)
                    .await?;
                }
                changed(n, "case")
            }
            "user.role" => {
                let role = e.value.as_deref().ok_or_else(|| bad("role entry"))?;
                let role = Role::parse(role).map_err(|_| bad("role"))?;
                changed(
                    sqlx::query("update users set role = $1 where id = $2 and role <> $1")
                        .bind(role.as_str())
                        .bind(&e.object)
                        .execute(tx.conn()?)
                        .await?
                        .rows_affected(),
                    "user",
                )
            }
            "user.password" => {
                let sealed = e.secret.as_deref().ok_or_else(|| bad("password entry"))?;
                let hash = open_field(&self.ring().accounts, secret_ref(&e.id), sealed)
                    .ok_or(StoreError::Crypto("withdrawal journal"))?;
                let hash = String::from_utf8(hash.to_vec()).map_err(|_| bad("password"))?;
                changed(
                    sqlx::query(
                        "update users set password_hash = $1, must_change_password = 0
                         where id = $2 and password_hash <> $1",
                    )
                    .bind(hash)
                    .bind(&e.object)
                    .execute(tx.conn()?)
                    .await?
                    .rows_affected(),
                    "user",
                )
            }
            "user.totp.reset" => changed(clear_totp(tx, &e.object).await?, "user"),
            "user.totp.enrol" => {
                let restored: Option<Vec<u8>> =
                    sqlx::query_scalar("select totp_secret from users where id = $1")
                        .bind(&e.object)
                        .fetch_optional(tx.conn()?)
                        .await?
                        .flatten();
                match restored {
                    // An older secret than the newest enrolment: the phone it was on was reset.
                    Some(s) if Some(sha256_hex(&s)) != e.value => {
                        changed(clear_totp(tx, &e.object).await?, "user")
                    }
                    _ => None,
                }
            }
            "user.recovery_code.use" => {
                let used = e
                    .value
                    .as_deref()
                    .ok_or_else(|| bad("recovery code entry"))?;
                let codes: Option<String> =
                    sqlx::query_scalar("select recovery_codes from users where id = $1")
                        .bind(&e.object)
                        .fetch_optional(tx.conn()?)
                        .await?
                        .flatten();
                let mut hashes: Vec<String> = codes
                    .and_then(|c| serde_json::from_str(&c).ok())
                    .unwrap_or_default();
                let before = hashes.len();
                hashes.retain(|h| h != used);
                if hashes.len() == before {
                    None
                } else {
                    sqlx::query("update users set recovery_codes = $1 where id = $2")
                        .bind(
                            serde_json::to_string(&hashes)
                                .map_err(|e| StoreError::Internal(e.to_string()))?,
                        )
                        .bind(&e.object)
                        .execute(tx.conn()?)
                        .await?;
                    Some("user")
                }
            }
            "consent.withdraw" => {
                let put_back = reinsert_consent(tx, e).await?;
                // A restored story published under the consent withdrawn since is taken back
                // again (its copy's key was destroyed by the withdrawal; the rows come back).
                if let (Some(_), Some(person)) = (put_back, e.subject.as_deref()) {
                    if !crate::care::stories::storytelling_now(tx, person).await? {
                        self.withdraw_stories(
                            tx,
                            person,
                            None,
                            "consent",
                            "withdrawal re-applied to restored data",
                        )
                        .await?;
                    }
                }
                put_back
            }
            "referral.close" => {
                let status = e.value.as_deref().ok_or_else(|| bad("referral entry"))?;
                if status != "revoked" && status != "rejected" {
                    return Err(bad("referral status"));
                }
                changed(
                    sqlx::query(
                        "update referrals set status = $1,
                            status_reason = coalesce($2, status_reason), updated_at = $3
                         where id = $4 and status in ('requested', 'accepted')",
                    )
                    .bind(status)
                    .bind(e.secret.clone())
                    .bind(&e.at)
                    .bind(&e.object)
                    .execute(tx.conn()?)
                    .await?
                    .rows_affected(),
                    "referral",
                )
            }
            "partner.active" if e.value.as_deref() == Some("0") => changed(
                sqlx::query(
                    "update partners set active = 0, updated_at = $1 where id = $2 and active <> 0",
                )
                .bind(&e.at)
                .bind(&e.object)
                .execute(tx.conn()?)
                .await?
                .rows_affected(),
                "partner",
            ),
            "supporter.unsubscribe" => changed(unsubscribe_again(tx, e).await?, "supporter"),
            "regular_gift.cancel" => {
                let by = e
                    .value
                    .as_deref()
                    .ok_or_else(|| bad("regular gift entry"))?;
                if !["staff", "donor", "provider", "erasure"].contains(&by) {
                    return Err(bad("regular gift cancelled by"));
                }
                changed(
                    sqlx::query(
                        "update supporters.regular_gifts
                         set status = 'cancelled', cancelled_at = $1, cancelled_by = $2
                         where id = $3 and status = 'active'",
                    )
                    .bind(&e.at)
                    .bind(by)
                    .bind(&e.object)
                    .execute(tx.conn()?)
                    .await?
                    .rows_affected(),
                    "regular_gift",
                )
            }
            // Re-grants only cancel an earlier withdrawal.
            "case.member.add" | "partner.active" => None,
            other => {
                tracing::error!(kind = other, "unknown kind in the withdrawal journal");
                return Err(bad("kind"));
            }
        })
    }
}

/// Unsubscribes a restored supporter again, unless they signed up again after the journaled
/// unsubscription (a consent asked for later: the restored state is newer than the entry).
/// As the link did: status, every consent withdrawn, queued messages cancelled.
async fn unsubscribe_again(tx: &mut WriteTx<'_>, e: &Entry) -> Result<u64, StoreError> {
    let n = sqlx::query(
        "update supporters.supporters set status = 'unsubscribed', unsubscribed_at = $2
         where id = $1 and status not in ('unsubscribed', 'erased')
           and not exists (select 1 from supporters.consents c
                           where c.supporter_id = $1 and c.asked_at > $2)",
    )
    .bind(&e.object)
    .bind(&e.at)
    .execute(tx.conn()?)
    .await?
    .rows_affected();
    if n == 0 {
        return Ok(0);
    }
    sqlx::query(
        "update supporters.consents set withdrawn_at = $2
         where supporter_id = $1 and withdrawn_at is null",
    )
    .bind(&e.object)
    .bind(&e.at)
    .execute(tx.conn()?)
    .await?;
    sqlx::query(
        "update supporters.outbox set status = 'cancelled'
         where supporter_id = $1 and status = 'queued'",
    )
    .bind(&e.object)
    .execute(tx.conn()?)
    .await?;
    Ok(n)
}

async fn clear_totp(tx: &mut WriteTx<'_>, user: &str) -> Result<u64, StoreError> {
    Ok(sqlx::query(
        "update users set totp_secret = null, totp_last_step = null, recovery_codes = null
         where id = $1 and (totp_secret is not null or recovery_codes is not null)",
    )
    .bind(user)
    .execute(tx.conn()?)
    .await?
    .rows_affected())
}

/// The person's newest restored consent record: the answers a re-inserted withdrawal may keep.
#[derive(FromRow)]
struct NewestConsent {
    interview: i64,
    purpose_explained: i64,
    data_use: i64,
    data_sharing: i64,
    research_use: i64,
    storytelling: i64,
    right_to_see_explained: i64,
    withdrawal_explained: i64,
    retention_months: i64,
    recorded_by: String,
}

const FLAGS: [&str; 8] = [
    "interview",
    "purpose_explained",
    "data_use",
    "data_sharing",
    "research_use",
    "storytelling",
    "right_to_see_explained",
    "withdrawal_explained",
];

/// Puts a withdrawal record back if the restored data lacks it. Its answers are those
/// journaled *and* those of the person's newest restored record (a withdrawal only ever turns
/// answers off), so a consent given after the backup is not brought back with it.
async fn reinsert_consent(
    tx: &mut WriteTx<'_>,
    e: &Entry,
) -> Result<Option<&'static str>, StoreError> {
    let person = e.subject.as_deref().ok_or_else(|| bad("consent entry"))?;
    let row: Value = e
        .value
        .as_deref()
        .and_then(|v| serde_json::from_str(v).ok())
        .ok_or_else(|| bad("consent record"))?;
    let present = sqlx::query("select 1 from consents where id = $1")
        .bind(&e.object)
        .fetch_optional(tx.conn()?)
        .await?
        .is_some();
    if present {
        return Ok(None);
    }
    let newest = sqlx::query_as::<_, NewestConsent>(
        "select interview, purpose_explained, data_use, data_sharing, research_use,
                storytelling, right_to_see_explained, withdrawal_explained, retention_months,
                recorded_by
         from consents where person_id = $1 order by recorded_at desc, id desc",
    )
    .bind(person)
    .fetch_optional(tx.conn()?)
    .await?;
    // No consent on record means nothing is allowed: there is nothing to withdraw.
    let Some(newest) = newest else {
        return Ok(None);
    };
    let flag = |name: &str| row.get(name).and_then(Value::as_i64).unwrap_or(0) != 0;
    let kept = [
        newest.interview,
        newest.purpose_explained,
        newest.data_use,
        newest.data_sharing,
        newest.research_use,
        newest.storytelling,
        newest.right_to_see_explained,
        newest.withdrawal_explained,
    ];
    let values: Vec<i64> = FLAGS
        .iter()
        .zip(kept)
        .map(|(name, answer)| i64::from(flag(name) && answer != 0))
        .collect();
    let months = row
        .get("retention_months")
        .and_then(Value::as_i64)
        .ok_or_else(|| bad("consent retention"))?
        .min(newest.retention_months);
    let text = |name: &str| {
        row.get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| bad("consent record"))
    };
    let org = text("org_id")?;
    let recorded_at = text("recorded_at")?;
    // The recorder may be an account created after the backup; then the person's previous
    // recorder stands in (the `withdrawal.reapply` event says who re-applied it).
    let mut recorded_by = text("recorded_by")?;
    let known = sqlx::query("select 1 from users where id = $1")
        .bind(&recorded_by)
        .fetch_optional(tx.conn()?)
        .await?
        .is_some();
    if !known {
        recorded_by = newest.recorded_by;
    }
    let mut q = sqlx::query(
        "insert into consents (id, person_id, org_id, kind, interview, purpose_explained, data_use,
            data_sharing, research_use, storytelling, right_to_see_explained,
            withdrawal_explained, retention_months, recorded_by, recorded_at)
         values ($1, $2, $3, 'withdrawal', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(&e.object)
    .bind(person)
    .bind(org);
    for v in values {
        q = q.bind(v);
    }
    q.bind(months)
        .bind(recorded_by)
        .bind(recorded_at)
        .execute(tx.conn()?)
        .await?;
    Ok(Some("consent"))
}
