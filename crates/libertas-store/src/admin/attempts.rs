//! Counting sign-in attempts per (account, client), atomically, before anything is verified.
//!
//! An attempt is *reserved* by one conditional `update` on `login_attempts` before the
//! password or code is checked; concurrent guesses therefore cannot all pass a check made
//! before any of them is counted (the race of finding 4: 27 of 40 verified where 5 were
//! allowed). The reservation that reaches the free attempts also sets a provisional lock, so
//! nothing more gets through until its outcome is known; a failure then sets the real
//! back-off (doubling from `first_lock` up to `max_lock`), a success lifts it.
//!
//! Locks belong to one client (a keyed hash of its address, IPv6 by /64), so a stranger's
//! guesses never lock the real user out. Across all clients, `users.failed_logins` counts
//! failures since the last full sign-in; past `alert_after` it raises `alert.login_guessing`
//! for the account's organisation instead of locking anyone.

use super::LoginPolicy;
use crate::audit::{Actor, Alert, AuditEvent};
use crate::{clock, Store, StoreError};
use libertas_domain::ids::OrgId;
use std::net::IpAddr;
use time::{Duration, OffsetDateTime};

/// Where a sign-in attempt comes from: the client's address (behind a trusted proxy, the
/// address it forwarded). It is used only to derive the keyed client hash, never stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginClient(IpAddr);

impl LoginClient {
    pub fn new(addr: IpAddr) -> Self {
        Self(addr)
    }

    /// The address as counted: IPv4 as is, IPv6 by its /64 (one subscriber's range), an
    /// IPv4-mapped IPv6 address as the IPv4 address.
    pub fn coarse(&self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
        }
    }
}

/// A reserved attempt, to be settled once the secret has been checked.
pub(crate) struct Attempt {
    pub user_id: String,
    pub client: String,
    /// Failures counted with this one.
    pub failures: i64,
}

/// The back-off after `failures` failures, if any.
pub(crate) fn lock_for(failures: i64, policy: LoginPolicy) -> Option<Duration> {
    let over = failures - policy.free_attempts;
    if over < 0 {
        return None;
    }
    let factor = 1i64 << over.min(20);
    let lock = policy.first_lock.saturating_mul(factor as i32);
    Some(if lock > policy.max_lock {
        policy.max_lock
    } else {
        lock
    })
}

impl Store {
    /// Reserves one attempt for `user_id` from `client`. `Err(until)` when this client is
    /// locked out of this account until then.
    pub(crate) async fn reserve_attempt(
        &self,
        user_id: &str,
        client: &LoginClient,
        policy: LoginPolicy,
    ) -> Result<Result<Attempt, OffsetDateTime>, StoreError> {
        let key = self.ring().login_client(&client.coarse());
        let now = clock::now();
        let now_text = clock::to_text(now);
        sqlx::query(
            "insert into login_attempts (user_id, client, failures, updated_at) values ($1, $2, 0, $3)
             on conflict (user_id, client) do nothing",
        )
        .bind(user_id)
        .bind(&key)
        .bind(&now_text)
        .execute(self.pool())
        .await?;
        let failures: Option<i64> = sqlx::query_scalar(
            "update login_attempts
                set failures = failures + 1,
                    locked_until = case when failures + 1 >= $3 then $4 else null end,
                    updated_at = $5
              where user_id = $1 and client = $2
                and (locked_until is null or locked_until <= $5)
             returning failures",
        )
        .bind(user_id)
        .bind(&key)
        .bind(policy.free_attempts)
        .bind(clock::to_text(now + policy.max_lock))
        .bind(&now_text)
        .fetch_optional(self.pool())
        .await?;
        match failures {
            Some(failures) => Ok(Ok(Attempt {
                user_id: user_id.to_owned(),
                client: key,
                failures,
            })),
            None => {
                let until = sqlx::query_scalar::<_, Option<String>>(
                    "select locked_until from login_attempts where user_id = $1 and client = $2",
                )
                .bind(user_id)
                .bind(&key)
                .fetch_optional(self.pool())
                .await?
                .flatten()
                .and_then(|t| clock::from_text(&t))
                .unwrap_or(now + policy.first_lock);
                Ok(Err(until))
            }
        }
    }

    /// The attempt succeeded and the sign-in is complete: this client starts afresh and the
    /// account's failure count across clients is cleared.
    pub(crate) async fn settle_success(&self, a: &Attempt) -> Result<(), StoreError> {
        sqlx::query(
            "update login_attempts set failures = 0, locked_until = null where user_id = $1 and client = $2",
        )
        .bind(&a.user_id)
        .bind(&a.client)
        .execute(self.pool())
        .await?;
        sqlx::query("update users set failed_logins = 0 where id = $1")
            .bind(&a.user_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The password was right but a second factor is still to come: this attempt is not a
    /// failure, but earlier failures stay counted until the whole sign-in succeeds.
    pub(crate) async fn settle_refund(
        &self,
        a: &Attempt,
        policy: LoginPolicy,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "update login_attempts
                set failures = case when failures > 0 then failures - 1 else 0 end,
                    locked_until = case when failures - 1 < $3 then null else locked_until end
              where user_id = $1 and client = $2",
        )
        .bind(&a.user_id)
        .bind(&a.client)
        .bind(policy.free_attempts)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The attempt failed: set this client's back-off if it has used up its free attempts,
    /// count the failure on the account (audited), and alert the organisation's
    /// administrators once failures across clients pass the ceiling.
    pub(crate) async fn settle_failure(
        &self,
        a: &Attempt,
        actor: Actor,
        org: OrgId,
        why: &str,
        policy: LoginPolicy,
    ) -> Result<(), StoreError> {
        let lock = lock_for(a.failures, policy);
        if let Some(d) = lock {
            sqlx::query(
                "update login_attempts set locked_until = $1
                  where user_id = $2 and client = $3 and failures = $4",
            )
            .bind(clock::to_text(clock::now() + d))
            .bind(&a.user_id)
            .bind(&a.client)
            .bind(a.failures)
            .execute(self.pool())
            .await?;
        }
        let mut tx = self.write(actor).await?;
        let across: i64 = sqlx::query_scalar(
            "update users set failed_logins = failed_logins + 1 where id = $1 returning failed_logins",
        )
        .bind(&a.user_id)
        .fetch_one(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("login.failure", "user", Some(a.user_id.clone()), why).detail(
                serde_json::json!({
                    "failures_from_this_client": a.failures,
                    "failures_all_clients": across,
                    "locked": lock.is_some(),
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        if across >= policy.alert_after {
            self.raise_alert(Alert {
                action: "alert.login_guessing",
                org_id: Some(org),
                object_type: "user",
                object_id: Some(a.user_id.clone()),
                reason: "many failed sign-in attempts on this account".into(),
                detail: serde_json::json!({ "failures_all_clients": across }),
            })
            .await?;
        }
        Ok(())
    }

    /// Deletes attempt rows untouched for a day whose lock (if any) has passed.
    pub(crate) async fn sweep_attempts(&self) -> Result<u64, StoreError> {
        let now = clock::now();
        Ok(sqlx::query(
            "delete from login_attempts where updated_at < $1 and (locked_until is null or locked_until < $2)",
        )
        .bind(clock::to_text(now - Duration::days(1)))
        .bind(clock::to_text(now))
        .execute(self.pool())
        .await?
        .rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_and_caps() {
        let p = LoginPolicy::default();
        assert_eq!(lock_for(4, p), None);
        assert_eq!(lock_for(5, p), Some(Duration::minutes(1)));
        assert_eq!(lock_for(6, p), Some(Duration::minutes(2)));
        assert_eq!(lock_for(7, p), Some(Duration::minutes(4)));
        assert_eq!(lock_for(40, p), Some(Duration::hours(1)));
    }

    #[test]
    fn clients_are_counted_by_address_and_ipv6_by_64() {
        let a = |s: &str| LoginClient::new(s.parse().unwrap()).coarse();
        assert_eq!(a("192.0.2.7"), "192.0.2.7");
        assert_eq!(a("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(a("2001:db8:1:2:aaaa::1"), a("2001:db8:1:2:bbbb::9"));
        assert_ne!(a("2001:db8:1:2::1"), a("2001:db8:1:3::1"));
    }
}
