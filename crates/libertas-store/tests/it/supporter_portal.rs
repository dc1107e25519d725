//! Issue 13, the donor portal's sign-in in the store: links that only a known, confirmed,
//! unsuppressed address gets (the same answer otherwise), bound to the asking browser,
//! single use, 15 minutes; portal sessions and their limits; the self-service reads and
//! writes, audited. SQLite and (when configured) PostgreSQL.

use crate::supporters::{raw, sign_up, signed_up};
use libertas_domain::admin::Role;
use libertas_domain::i18n::Lang;
use libertas_domain::people::Email;
use libertas_domain::supporters::message::{portal_link, Message};
use libertas_domain::supporters::{
    Interest, SupporterName, SupporterRegion, PORTAL_FORM, PORTAL_WORDING_VERSION,
};
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::supporters::{PortalLinkOutcome, PortalSession};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::Store;
use std::sync::{Arc, Mutex};

pub(crate) const BROWSER: &str = "browserbrowserbrowserbrowserbrowserbrowser1";
const OTHER: &str = "browserbrowserbrowserbrowserbrowserbrowser2";

/// Asks for a link; returns the token written into the message, if one was.
pub(crate) async fn ask(
    store: &Store,
    org: libertas_domain::ids::OrgId,
    address: &str,
    browser: &str,
) -> Option<String> {
    let token = Arc::new(Mutex::new(None));
    let seen = token.clone();
    store
        .portal_request_link(
            org,
            &Email::parse(address).unwrap(),
            browser,
            move |tok, to, lang, unsub| {
                *seen.lock().unwrap() = Some(tok.to_owned());
                portal_link(
                    Lang::from_code(lang).unwrap(),
                    to,
                    &format!("https://x.test/portal/link/{tok}"),
                    &format!("https://x.test/updates/unsubscribe/{unsub}"),
                )
            },
        )
        .await
        .unwrap();
    let t = token.lock().unwrap().clone();
    t
}

/// The portal-link messages due, opened.
pub(crate) async fn portal_messages(store: &Store) -> Vec<Message> {
    let due = store.outbox_due(100).await.unwrap();
    let ids: Vec<String> = due.into_iter().map(|d| d.id).collect();
    let claimed = store
        .outbox_claim(&ids, time::Duration::minutes(5))
        .await
        .unwrap();
    let mut out = Vec::new();
    for c in claimed {
        store.outbox_sent(&c.id).await.unwrap();
        if c.message.text.contains("/portal/link/") {
            out.push(c.message);
        }
    }
    out
}

async fn actions(store: &Store) -> Vec<(String, String)> {
    let q = AuditQuery {
        limit: 100_000,
        ..Default::default()
    };
    store
        .audit_events(Operator::console(), &q)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action.clone(), format!("{e:?}")))
        .collect()
}

pub(crate) async fn sign_in(store: &Store, token: &str) -> (String, PortalSession) {
    let PortalLinkOutcome::SignedIn(cookie) =
        store.portal_use_link(token, Some(BROWSER)).await.unwrap()
    else {
        panic!("not signed in");
    };
    let s = store.portal_session(&cookie).await.unwrap().unwrap();
    (cookie, s)
}

/// Runs `sql` on the supporter store, `{0}`, `{1}` replaced by the times given.
async fn age(c: &mut sqlx::AnyConnection, sql: &str, times: &[time::OffsetDateTime]) {
    let mut q = sql.to_owned();
    for (i, at) in times.iter().enumerate() {
        q = q.replace(
            &format!("{{{i}}}"),
            &format!("'{}'", libertas_store::clock::to_text(*at)),
        );
    }
    sqlx::query(&q).execute(c).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_goes_only_to_a_known_address_and_works_once_in_its_browser() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let org = care.org_id;
        // Mira confirmed; Petra is still pending; nobody has the third address.
        let (confirm, _) = signed_up(
            &store,
            org,
            &sign_up("mira@example.org", &["stories"], None),
        )
        .await;
        store.supporter_confirm(&confirm).await.unwrap();
        signed_up(
            &store,
            org,
            &sign_up("petra@example.org", &["stories"], None),
        )
        .await;
        portal_messages(&store).await;
        let before = store.outbox_due(100).await.unwrap().len();
        assert_eq!(before, 0);

        assert_eq!(
            ask(&store, org, "nobody@example.org", BROWSER).await,
            None,
            "{backend}"
        );
        assert_eq!(
            ask(&store, org, "petra@example.org", BROWSER).await,
            None,
            "{backend}"
        );
        assert!(portal_messages(&store).await.is_empty(), "{backend}");

        // Mira's address, spelt otherwise: one message, in her language, with the link.
        let token = ask(&store, org, "MIRA@example.org", BROWSER).await.unwrap();
        let sent = portal_messages(&store).await;
        assert_eq!(sent.len(), 1, "{backend}");
        assert_eq!(sent[0].to, "mira@example.org");
        assert!(sent[0].text.contains(&format!("/portal/link/{token}")));
        assert!(
            sent[0].text.contains("15"),
            "{backend}: the lifetime is said"
        );
        assert_eq!(
            sent[0].subject,
            libertas_domain::i18n::t(Lang::Ro, "portal-mail-subject")
        );
        // Asking again at once sends nothing (throttled), and answers the same.
        assert_eq!(ask(&store, org, "mira@example.org", BROWSER).await, None);
        assert!(portal_messages(&store).await.is_empty());

        // Stored hashed, 15 minutes.
        let mut c = raw(&t).await;
        #[derive(sqlx::FromRow)]
        struct Row {
            token_hash: String,
            browser_hash: String,
            created_at: String,
            expires_at: String,
        }
        let row = sqlx::query_as::<_, Row>(
            "select token_hash, browser_hash, created_at, expires_at from portal_links",
        )
        .fetch_one(&mut c)
        .await
        .unwrap();
        assert_ne!(row.token_hash, token);
        assert!(!row.token_hash.contains(&token) && !row.browser_hash.contains(BROWSER));
        let (made, ends) = (
            libertas_store::clock::from_text(&row.created_at).unwrap(),
            libertas_store::clock::from_text(&row.expires_at).unwrap(),
        );
        assert_eq!(ends - made, time::Duration::minutes(15), "{backend}");

        // Another browser, or none, is refused and does not use the link up.
        assert_eq!(
            store.portal_use_link(&token, Some(OTHER)).await.unwrap(),
            PortalLinkOutcome::OtherBrowser,
            "{backend}"
        );
        assert_eq!(
            store.portal_use_link(&token, None).await.unwrap(),
            PortalLinkOutcome::OtherBrowser
        );
        assert_eq!(
            store
                .portal_use_link("made-up", Some(BROWSER))
                .await
                .unwrap(),
            PortalLinkOutcome::Unknown
        );
        // The asking browser signs in, once.
        let (_, s) = sign_in(&store, &token).await;
        assert_eq!(
            store.portal_use_link(&token, Some(BROWSER)).await.unwrap(),
            PortalLinkOutcome::Used,
            "{backend}"
        );
        let me = store.portal_profile(&s).await.unwrap();
        assert_eq!(me.email, "mira@example.org");

        // Audited, without the address or the tokens.
        let events = actions(&store).await;
        let outcomes: Vec<_> = events
            .iter()
            .filter(|(a, _)| a == "supporter.portal.sign_in")
            .collect();
        assert_eq!(outcomes.len(), 5, "{backend}");
        let links = events
            .iter()
            .filter(|(a, _)| a == "supporter.portal.link")
            .count();
        assert_eq!(links, 4, "{backend}");
        for (a, text) in events
            .iter()
            .filter(|(a, _)| a.starts_with("supporter.portal"))
        {
            let text = text.to_lowercase();
            assert!(
                !text.contains("example") && !text.contains(&token.to_lowercase()),
                "{a}"
            );
        }
        assert!(events.iter().any(|(a, _)| a == "supporter.portal.read"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_expires_after_15_minutes_and_sessions_end() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let org = care.org_id;
        let (confirm, _) = signed_up(
            &store,
            org,
            &sign_up("mira@example.org", &["stories"], None),
        )
        .await;
        store.supporter_confirm(&confirm).await.unwrap();
        let token = ask(&store, org, "mira@example.org", BROWSER).await.unwrap();
        let mut c = raw(&t).await;
        let now = libertas_store::clock::now();
        let min = time::Duration::minutes;
        // Asked 15 minutes ago: expired. Asked 14 minutes ago: still good.
        let link = "update portal_links set created_at = {0}, expires_at = {1}";
        age(&mut c, link, &[now - min(15), now]).await;
        assert_eq!(
            store.portal_use_link(&token, Some(BROWSER)).await.unwrap(),
            PortalLinkOutcome::Expired,
            "{backend}"
        );
        age(&mut c, link, &[now - min(14), now + min(1)]).await;
        let (cookie, _) = sign_in(&store, &token).await;
        assert!(store.portal_session(&cookie).await.unwrap().is_some());
        // Stored hashed.
        let hashes: Vec<String> = sqlx::query_scalar("select token_hash from portal_sessions")
            .fetch_all(&mut c)
            .await
            .unwrap();
        assert_eq!(hashes.len(), 1);
        assert!(!hashes[0].contains(&cookie));

        // Idle for 29 minutes: live; for 31: over.
        let idle = "update portal_sessions set last_seen_at = {0}";
        age(&mut c, idle, &[now - min(29)]).await;
        assert!(
            store.portal_session(&cookie).await.unwrap().is_some(),
            "{backend}"
        );
        age(&mut c, idle, &[now - min(31)]).await;
        assert!(
            store.portal_session(&cookie).await.unwrap().is_none(),
            "{backend}"
        );

        // Busy but 12 hours old: over.
        let reuse = "update portal_links set used_at = null";
        age(&mut c, reuse, &[]).await;
        let (cookie, _) = sign_in(&store, &token).await;
        let old = "update portal_sessions set created_at = {0}, last_seen_at = {1}";
        age(&mut c, old, &[now - time::Duration::hours(12), now]).await;
        assert!(
            store.portal_session(&cookie).await.unwrap().is_none(),
            "{backend}"
        );

        // Signing out ends a session.
        age(&mut c, reuse, &[]).await;
        let (cookie, _) = sign_in(&store, &token).await;
        store.portal_sign_out(&cookie).await.unwrap();
        assert!(
            store.portal_session(&cookie).await.unwrap().is_none(),
            "{backend}"
        );
        assert!(actions(&store)
            .await
            .iter()
            .any(|(a, _)| a == "supporter.portal.sign_out"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suppressed_and_erased_addresses_get_nothing_and_sessions_die_with_erasure() {
    use libertas_store::supporters::suppress::read_report;
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let org = care.org_id;
        for a in ["mira@example.org", "gone@example.org"] {
            let (confirm, _) = signed_up(&store, org, &sign_up(a, &["stories"], None)).await;
            store.supporter_confirm(&confirm).await.unwrap();
        }
        portal_messages(&store).await;
        let token = ask(&store, org, "gone@example.org", BROWSER).await.unwrap();
        let (cookie, _) = sign_in(&store, &token).await;
        let rows = read_report("email,reason\nmira@example.org,complaint\n".as_bytes()).unwrap();
        store
            .supporter_suppress_import(Operator::console(), &rows)
            .await
            .unwrap();
        portal_messages(&store).await;
        assert_eq!(
            ask(&store, org, "mira@example.org", BROWSER).await,
            None,
            "{backend}"
        );

        let id = store
            .supporter_by_address(&care, &Email::parse("gone@example.org").unwrap())
            .await
            .unwrap();
        store.erase_supporter(&care, id, "asked").await.unwrap();
        assert!(
            store.portal_session(&cookie).await.unwrap().is_none(),
            "{backend}"
        );
        let mut c = raw(&t).await;
        let left: i64 = sqlx::query_scalar(
            "select (select count(*) from portal_links) + (select count(*) from portal_sessions)",
        )
        .fetch_one(&mut c)
        .await
        .unwrap();
        assert_eq!(left, 0, "{backend}");
        // Nothing for an erased address either.
        assert_eq!(ask(&store, org, "gone@example.org", BROWSER).await, None);
        assert!(portal_messages(&store).await.is_empty(), "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supporter_changes_details_and_interests_and_may_come_back() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let org = care.org_id;
        let (confirm, unsubscribe) = signed_up(
            &store,
            org,
            &sign_up("mira@example.org", &["stories"], None),
        )
        .await;
        store.supporter_confirm(&confirm).await.unwrap();
        let token = ask(&store, org, "mira@example.org", BROWSER).await.unwrap();
        let (cookie, s) = sign_in(&store, &token).await;
        let me = store.portal_profile(&s).await.unwrap();
        assert_eq!(me.name.as_deref(), Some("Mira Lindqvist"));
        assert_eq!(me.language, "ro");
        assert_eq!(me.interests, vec!["stories"]);
        assert_eq!(me.status, "subscribed");

        store
            .portal_update_details(
                &s,
                Some(&SupporterName::parse("Mira L.").unwrap()),
                Lang::Uk,
            )
            .await
            .unwrap();
        store
            .portal_update_interests(
                &s,
                &[Interest::Events, Interest::Involved],
                Some(&SupporterRegion::parse("Cluj").unwrap()),
            )
            .await
            .unwrap();
        let me = store.portal_profile(&s).await.unwrap();
        assert_eq!(me.name.as_deref(), Some("Mira L."), "{backend}");
        assert_eq!(me.language, "uk");
        assert_eq!(me.interests, vec!["events", "involved"]);
        assert_eq!(me.region.as_deref(), Some("Cluj"));

        // The consent record: the old one withdrawn, a new one from the portal, confirmed.
        let mut c = raw(&t).await;
        #[derive(sqlx::FromRow)]
        struct Consent {
            form: String,
            wording_version: String,
            confirmed_at: Option<String>,
            withdrawn_at: Option<String>,
        }
        let rows = sqlx::query_as::<_, Consent>(
            "select form, wording_version, confirmed_at, withdrawn_at from consents
             order by asked_at",
        )
        .fetch_all(&mut c)
        .await
        .unwrap();
        assert_eq!(rows.len(), 2, "{backend}");
        assert!(rows[0].withdrawn_at.is_some());
        assert_eq!(rows[1].form, PORTAL_FORM);
        assert_eq!(rows[1].wording_version, PORTAL_WORDING_VERSION);
        assert!(rows[1].confirmed_at.is_some() && rows[1].withdrawn_at.is_none());
        let name: Vec<u8> = sqlx::query_scalar("select name from supporters")
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert!(!String::from_utf8_lossy(&name).contains("Mira"), "sealed");

        // No interest at all: unsubscribed, every consent withdrawn.
        store.portal_update_interests(&s, &[], None).await.unwrap();
        let me = store.portal_profile(&s).await.unwrap();
        assert_eq!(me.status, "unsubscribed", "{backend}");
        assert!(me.interests.is_empty());
        // Unsubscribed by the link in a message, then back from the portal.
        store
            .portal_update_interests(&s, &[Interest::Stories], None)
            .await
            .unwrap();
        assert!(store.supporter_unsubscribe(&unsubscribe).await.unwrap());
        assert_eq!(
            store.portal_profile(&s).await.unwrap().status,
            "unsubscribed"
        );
        store
            .portal_update_interests(&s, &[Interest::Stories], None)
            .await
            .unwrap();
        let me = store.portal_profile(&s).await.unwrap();
        assert_eq!(me.status, "subscribed", "{backend}");
        assert_eq!(me.interests, vec!["stories"]);

        let events = actions(&store).await;
        for a in ["supporter.portal.details", "supporter.portal.interests"] {
            let e: Vec<_> = events.iter().filter(|(x, _)| x == a).collect();
            assert!(!e.is_empty(), "{backend}: {a}");
            for (_, text) in e {
                assert!(!text.contains("Cluj") && !text.contains("Mira"), "{text}");
            }
        }
        store.portal_sign_out(&cookie).await.unwrap();
        assert!(store.portal_session(&cookie).await.unwrap().is_none());
    }
}
