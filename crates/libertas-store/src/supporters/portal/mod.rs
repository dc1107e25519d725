//! The donor portal's sign-in: links e-mailed to a supporter's address, bound to the browser
//! that asked, and the portal sessions they start (`/portal`, supporter migration 7).
//!
//! **Links.** A request names an address and carries the asking browser's binding cookie (a
//! random value the web layer set). If a supporter of the organisation has the address (not
//! erased, confirmed once or has given, address not suppressed) and has had no link in the last minute,
//! one single-use link token is stored as a keyed hash with the keyed hash of the browser's
//! cookie, valid [`PORTAL_LINK_LIFETIME`], and the message is queued (kind `portal-link`).
//! The caller learns nothing either way: the same `Ok(())`.
//!
//! **Using a link** needs the same browser cookie: a link forwarded, or opened on another
//! device, is refused (and stays usable in the browser that asked). Success marks it used and
//! starts a portal session: a new random cookie, kept as a keyed hash, ending after
//! [`PORTAL_IDLE`] idle or [`PORTAL_ABSOLUTE`] in all. Every outcome is audited.
//!
//! **Access.** A [`PortalSession`] can only be made here, from a live session cookie, and
//! every portal read or write takes one and touches only its own supporter's rows
//! (`profile.rs`). Staff sessions are another table on the case side: neither kind of cookie
//! opens the other's pages.

mod gift_aid;
mod giving;
mod profile;
mod totp;

pub use profile::PortalProfile;
pub use totp::{PortalTotpEnrolment, SecondFactorOutcome};
mod statements;

pub use statements::{StatementMail, STATEMENT_MAIL_QUIET};

use super::{new_token, plausible_token};
use crate::audit::{Actor, AuditEvent};
use crate::crypto::open_field;
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::ids::OrgId;
use libertas_domain::people::Email;
use libertas_domain::supporters::message::Message;
use libertas_domain::supporters::PORTAL_LINK_LIFETIME;
use serde_json::json;
use time::Duration;

/// A portal session ends after this long without a request...
pub const PORTAL_IDLE: Duration = Duration::minutes(30);
/// ...and this long after it started, whatever happened.
pub const PORTAL_ABSOLUTE: Duration = Duration::hours(12);
/// No new link for a supporter within this time of the last one (the answer is the same).
const LINK_QUIET: Duration = Duration::minutes(1);
/// At most this many unused, unexpired links per supporter at once.
const LIVE_LINKS: i64 = 3;

/// What using a sign-in link did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortalLinkOutcome {
    /// Signed in: the new session's cookie value.
    SignedIn(String),
    /// The supporter has a second factor: the new session's cookie value, which opens
    /// nothing until [`Store::portal_second_factor`] accepts a code.
    CodeNeeded(String),
    Unknown,
    Used,
    Expired,
    /// The link was asked for in another browser (binding cookie missing or different).
    OtherBrowser,
}

/// A live portal session: whose it is. Made only by [`Store::portal_session`].
#[derive(Clone)]
pub struct PortalSession {
    supporter_id: String,
    csrf: String,
}

impl std::fmt::Debug for PortalSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PortalSession(<redacted>)")
    }
}

impl PortalSession {
    /// The CSRF token of the portal's forms: a keyed hash of the session cookie, so it is
    /// tied to this session and changes with it.
    pub fn csrf(&self) -> &str {
        &self.csrf
    }
}

#[derive(sqlx::FromRow)]
struct Asker {
    id: String,
    org_id: String,
    language: String,
    key_version: i64,
    email: Vec<u8>,
    unsubscribe_token: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    supporter_id: String,
    browser_hash: String,
    expires_at: String,
    used_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    supporter_id: String,
    created_at: String,
    last_seen_at: String,
}

/// The portal's actor in the audit chain: the supporter (no staff user), with their
/// organisation when known.
pub(crate) fn portal_actor(org: Option<&str>) -> Actor {
    Actor {
        user_id: None,
        org_id: org.and_then(|o| o.parse().ok()),
        label: "supporter portal".into(),
    }
}

fn at<'a>(column: &'a str, row: &'a str) -> crate::crypto::FieldRef<'a> {
    crate::crypto::FieldRef {
        table: "supporters.supporters",
        column,
        row,
    }
}

impl Store {
    /// Asks for a sign-in link to `email` for the browser whose binding cookie is `browser`.
    /// `compose(token, to, language, unsubscribe)` writes the message. Answers `Ok(())`
    /// whether or not anything was sent.
    #[tracing::instrument(skip_all)]
    pub async fn portal_request_link(
        &self,
        org: OrgId,
        email: &Email,
        browser: &str,
        compose: impl FnOnce(&str, &str, &str, &str) -> Message,
    ) -> Result<(), StoreError> {
        let index = self.ring().supporter_index("email", email.normalised());
        let asker = sqlx::query_as::<_, Asker>(
            "select s.id, s.org_id, s.language, s.key_version, s.email, s.unsubscribe_token
             from supporters.supporters s
             where s.email_index = $1 and s.org_id = $2
               and s.status in ('subscribed', 'unsubscribed', 'donor')
               and (s.confirmed_at is not null
                    or exists (select 1 from supporters.gifts g where g.supporter_id = s.id))
               and not exists (select 1 from supporters.suppressions x
                               where x.email_index = s.email_index)",
        )
        .bind(&index)
        .bind(org.to_string())
        .fetch_optional(self.pool())
        .await?;
        let Some(a) = asker else {
            // Unknown, pending, erased or suppressed: nothing to send, and nothing to name.
            let event = AuditEvent::new("supporter.portal.link", "supporter", None, "portal")
                .detail(json!({ "queued": 0, "known": false }));
            return self.record(portal_actor(None), vec![event]).await;
        };
        let now = clock::now();
        #[derive(sqlx::FromRow)]
        struct Recent {
            last: Option<String>,
            live: i64,
        }
        let recent = sqlx::query_as::<_, Recent>(
            "select max(created_at) as last,
                    count(case when used_at is null and expires_at > $2 then 1 end) as live
             from supporters.portal_links where supporter_id = $1",
        )
        .bind(&a.id)
        .bind(clock::to_text(now))
        .fetch_one(self.pool())
        .await?;
        let quiet = recent
            .last
            .is_some_and(|l| l > clock::to_text(now - LINK_QUIET))
            || recent.live >= LIVE_LINKS;
        if quiet {
            let event = AuditEvent::new("supporter.portal.link", "supporter", Some(a.id), "portal")
                .detail(json!({ "queued": 0, "known": true, "throttled": true }));
            return self
                .record(portal_actor(Some(&a.org_id)), vec![event])
                .await;
        }
        let version = u32::try_from(a.key_version).unwrap_or(1);
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Supporter, &a.id, version)
            .await?
            .ok_or(StoreError::NotFound)?;
        let open = |column: &str, sealed: &[u8]| {
            open_field(&key, at(column, &a.id), sealed)
                .map(|v| String::from_utf8_lossy(&v).into_owned())
                .ok_or(StoreError::Crypto("supporter field"))
        };
        let to = open("email", &a.email)?;
        let unsubscribe = open("unsubscribe_token", &a.unsubscribe_token)?;
        let token = new_token();
        let message = compose(&token, &to, &a.language, &unsubscribe);
        let org_id: OrgId = a
            .org_id
            .parse()
            .map_err(|_| StoreError::Internal("supporter org".into()))?;
        let mut tx = self.write(portal_actor(Some(&a.org_id))).await?;
        sqlx::query(
            "insert into supporters.portal_links (token_hash, supporter_id, browser_hash,
                 created_at, expires_at)
             values ($1, $2, $3, $4, $5)",
        )
        .bind(self.ring().supporter_token_hash("portal-link", &token))
        .bind(&a.id)
        .bind(self.ring().supporter_token_hash("portal-browser", browser))
        .bind(clock::to_text(now))
        .bind(clock::to_text(now + PORTAL_LINK_LIFETIME))
        .execute(tx.conn()?)
        .await?;
        self.queue_message(
            &mut tx,
            org_id,
            &a.id,
            &key,
            version,
            "portal-link",
            &message,
        )
        .await?;
        tx.audit(
            AuditEvent::new("supporter.portal.link", "supporter", Some(a.id), "portal")
                .detail(json!({ "queued": 1, "known": true })),
        )
        .await?;
        tx.commit().await
    }

    /// Uses a sign-in link from the browser whose binding cookie is `browser` (if it sent
    /// one). Every outcome is audited; only success changes anything.
    #[tracing::instrument(skip_all)]
    pub async fn portal_use_link(
        &self,
        token: &str,
        browser: Option<&str>,
    ) -> Result<PortalLinkOutcome, StoreError> {
        let refuse = |sid: Option<String>, outcome: PortalLinkOutcome, code: &str| {
            let e = AuditEvent::new("supporter.portal.sign_in", "supporter", sid, "portal link")
                .detail(json!({ "outcome": code }));
            (outcome, e)
        };
        let hash = self.ring().supporter_token_hash("portal-link", token);
        let link = if plausible_token(token) {
            sqlx::query_as::<_, LinkRow>(
                "select supporter_id, browser_hash, expires_at, used_at
                 from supporters.portal_links where token_hash = $1",
            )
            .bind(&hash)
            .fetch_optional(self.pool())
            .await?
        } else {
            None
        };
        let now = clock::now_text();
        let refused = match &link {
            None => Some(refuse(None, PortalLinkOutcome::Unknown, "unknown")),
            Some(l)
                // Keyed hashes are compared: equal prefixes tell a timer nothing about the
                // cookie.
                if !browser.is_some_and(|b| {
                    self.ring().supporter_token_hash("portal-browser", b) == l.browser_hash
                }) =>
            {
                Some(refuse(
                    Some(l.supporter_id.clone()),
                    PortalLinkOutcome::OtherBrowser,
                    if browser.is_some() {
                        "other_browser"
                    } else {
                        "no_browser_cookie"
                    },
                ))
            }
            Some(l) if l.used_at.is_some() => Some(refuse(
                Some(l.supporter_id.clone()),
                PortalLinkOutcome::Used,
                "used",
            )),
            Some(l) if l.expires_at <= now => Some(refuse(
                Some(l.supporter_id.clone()),
                PortalLinkOutcome::Expired,
                "expired",
            )),
            Some(_) => None,
        };
        if let Some((outcome, event)) = refused {
            self.record(portal_actor(None), vec![event]).await?;
            return Ok(outcome);
        }
        let sid = link.map(|l| l.supporter_id).unwrap_or_default();
        let org: Option<String> = sqlx::query_scalar(
            "select org_id from supporters.supporters where id = $1 and status <> 'erased'",
        )
        .bind(&sid)
        .fetch_optional(self.pool())
        .await?;
        let Some(org) = org else {
            let (outcome, event) = refuse(Some(sid), PortalLinkOutcome::Unknown, "erased");
            self.record(portal_actor(None), vec![event]).await?;
            return Ok(outcome);
        };
        let mut tx = self.write(portal_actor(Some(&org))).await?;
        let used = sqlx::query(
            "update supporters.portal_links set used_at = $2
             where token_hash = $1 and used_at is null",
        )
        .bind(&hash)
        .bind(&now)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if used == 0 {
            // Used by a request that committed between the look-up and here.
            tx.audit(
                AuditEvent::new(
                    "supporter.portal.sign_in",
                    "supporter",
                    Some(sid),
                    "portal link",
                )
                .detail(json!({ "outcome": "used" })),
            )
            .await?;
            tx.commit().await?;
            return Ok(PortalLinkOutcome::Used);
        }
        let cookie = new_token();
        let due: i64 = sqlx::query_scalar(
            "select count(*) from supporters.portal_totp where supporter_id = $1",
        )
        .bind(&sid)
        .fetch_one(tx.conn()?)
        .await?;
        sqlx::query(
            "insert into supporters.portal_sessions (token_hash, supporter_id, created_at,
                 last_seen_at, second_factor_due)
             values ($1, $2, $3, $3, $4)",
        )
        .bind(self.ring().supporter_token_hash("portal-session", &cookie))
        .bind(&sid)
        .bind(&now)
        .bind(i64::from(due > 0))
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "supporter.portal.sign_in",
                "supporter",
                Some(sid),
                "portal link",
            )
            .detail(json!({ "outcome": if due > 0 { "code_needed" } else { "signed_in" } })),
        )
        .await?;
        tx.commit().await?;
        Ok(if due > 0 {
            PortalLinkOutcome::CodeNeeded(cookie)
        } else {
            PortalLinkOutcome::SignedIn(cookie)
        })
    }

    /// The portal session behind a cookie value, if it is live; refreshes its idle timer.
    pub async fn portal_session(&self, cookie: &str) -> Result<Option<PortalSession>, StoreError> {
        if !plausible_token(cookie) {
            return Ok(None);
        }
        let hash = self.ring().supporter_token_hash("portal-session", cookie);
        let row = sqlx::query_as::<_, SessionRow>(
            "select p.supporter_id, p.created_at, p.last_seen_at
             from supporters.portal_sessions p
             join supporters.supporters s on s.id = p.supporter_id
             where p.token_hash = $1 and p.second_factor_due = 0 and s.status <> 'erased'",
        )
        .bind(&hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let now = clock::now();
        let created = clock::from_text(&row.created_at);
        let seen = clock::from_text(&row.last_seen_at);
        let live = matches!((created, seen),
            (Some(c), Some(s)) if now - c < PORTAL_ABSOLUTE && now - s < PORTAL_IDLE);
        if !live {
            sqlx::query("delete from supporters.portal_sessions where token_hash = $1")
                .bind(&hash)
                .execute(self.pool())
                .await?;
            return Ok(None);
        }
        // Touch at most once a minute to keep reads cheap.
        if seen.is_some_and(|s| now - s > Duration::minutes(1)) {
            sqlx::query(
                "update supporters.portal_sessions set last_seen_at = $1 where token_hash = $2",
            )
            .bind(clock::to_text(now))
            .bind(&hash)
            .execute(self.pool())
            .await?;
        }
        Ok(Some(PortalSession {
            supporter_id: row.supporter_id,
            csrf: self.ring().supporter_token_hash("portal-csrf", cookie),
        }))
    }

    /// Ends a portal session (sign-out).
    pub async fn portal_sign_out(&self, cookie: &str) -> Result<(), StoreError> {
        let Some(s) = self.portal_session(cookie).await? else {
            return Ok(());
        };
        let mut tx = self.write(portal_actor(None)).await?;
        sqlx::query("delete from supporters.portal_sessions where token_hash = $1")
            .bind(self.ring().supporter_token_hash("portal-session", cookie))
            .execute(tx.conn()?)
            .await?;
        tx.audit(AuditEvent::new(
            "supporter.portal.sign_out",
            "supporter",
            Some(s.supporter_id),
            "portal",
        ))
        .await?;
        tx.commit().await
    }
}
