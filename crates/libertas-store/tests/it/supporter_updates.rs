//! Issue 13, updates, in the store: an update reaches exactly the confirmed, subscribed,
//! not suppressed supporters of its organisation with a matching interest and region, in
//! their language (or not at all); raw HTML never passes; asking twice, or queueing again after a crash, queues
//! nobody twice; a scheduled update waits for its time; a test send goes only to the typed
//! address and is counted nowhere. SQLite and (when configured) PostgreSQL.

use crate::supporters::raw;
use libertas_domain::admin::{Principal, Role};
use libertas_domain::i18n::Lang;
use libertas_domain::people::Email;
use libertas_domain::supporters::message::confirmation;
use libertas_domain::supporters::{SignUp, UpdateDraft, UpdateStatus};
use libertas_store::supporters::Claimed;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{clock, Store, StoreError};
use std::sync::{Arc, Mutex};

pub(crate) fn url(token: &str, lang: Lang) -> String {
    format!(
        "https://x.test/updates/unsubscribe/{token}?lang={}",
        lang.code()
    )
}

/// Signs `address` up to `org` (confirmed unless `confirm` is false); answers the
/// unsubscribe token.
pub(crate) async fn supporter(
    store: &Store,
    org: libertas_domain::ids::OrgId,
    address: &str,
    lang: &str,
    interests: &[&str],
    region: Option<&str>,
    confirm: bool,
) -> String {
    let s = SignUp::parse(address, None, interests, region, lang).unwrap();
    let tokens = Arc::new(Mutex::new((String::new(), String::new())));
    let seen = tokens.clone();
    store
        .supporter_sign_up(org, &s, move |c, u| {
            *seen.lock().unwrap() = (c.to_owned(), u.to_owned());
            confirmation(Lang::En, address, "https://x.test/c", "https://x.test/u")
        })
        .await
        .unwrap();
    let (c, u) = tokens.lock().unwrap().clone();
    if confirm {
        store.supporter_confirm(&c).await.unwrap();
    }
    u
}

/// Claims every due message.
pub(crate) async fn claim_all(store: &Store) -> Vec<Claimed> {
    let ids: Vec<String> = store
        .outbox_due(1000)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    store
        .outbox_claim(&ids, time::Duration::minutes(5))
        .await
        .unwrap()
}

/// Claims and marks sent every due message (the confirmations), so the outbox then holds
/// only what a test queues.
pub(crate) async fn drain(store: &Store) {
    for c in claim_all(store).await {
        store.outbox_sent(&c.id).await.unwrap();
    }
}

fn fair() -> UpdateDraft {
    UpdateDraft::parse(
        &[
            (
                Lang::En,
                "Winter fair in Iași",
                "Join us on **Saturday**: [the programme](https://example.org/fair?day=sat&x=1).\n\n<script>alert('x')</script>\n\n<img src=\"https://track.example/p.gif\">",
            ),
            (
                Lang::Ro,
                "Târg de iarnă la Iași",
                "Vă așteptăm **sâmbătă**: [programul](https://example.org/targ).",
            ),
        ],
        &["events"],
        Some("iasi"),
    )
    .unwrap()
}

/// Runs the queueing task until `id` is sent (batches of `batch`).
pub(crate) async fn enqueue_until_sent(store: &Store, care: &Principal, id: &str, batch: i64) {
    for _ in 0..50 {
        store
            .updates_enqueue_due(clock::now(), &url, batch)
            .await
            .unwrap();
        if store.update_get(care, id).await.unwrap().summary.status == UpdateStatus::Sent {
            return;
        }
    }
    panic!("the update was never sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_reaches_exactly_its_audience_once() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let south = principal(&store, "South", "sam", Role::SupporterCare).await;
        let caseworker = principal(&store, "North", "cora", Role::Caseworker).await;
        let org = care.org_id;
        let ana = supporter(
            &store,
            org,
            "ana@ro.example",
            "ro",
            &["events"],
            Some("Iași county"),
            true,
        )
        .await;
        supporter(
            &store,
            org,
            "ben@example.org",
            "en",
            &["events"],
            Some("Cluj"),
            true,
        )
        .await;
        supporter(
            &store,
            org,
            "cara@example.org",
            "en",
            &["stories"],
            None,
            true,
        )
        .await;
        supporter(
            &store,
            org,
            "dan@example.org",
            "en",
            &["events"],
            Some("Iasi"),
            false,
        )
        .await;
        let eva = supporter(
            &store,
            org,
            "eva@example.org",
            "en",
            &["events"],
            Some("iasi"),
            true,
        )
        .await;
        assert!(store.supporter_unsubscribe(&eva).await.unwrap());
        supporter(
            &store,
            org,
            "fay@example.org",
            "uk",
            &["events"],
            Some("Iași"),
            true,
        )
        .await;
        let gus = supporter(
            &store,
            org,
            "gus@example.org",
            "en",
            &["stories", "events"],
            Some("Municipiul IAȘI"),
            true,
        )
        .await;
        supporter(
            &store,
            south.org_id,
            "hal@example.org",
            "en",
            &["events"],
            Some("Iași"),
            true,
        )
        .await;
        // Ivy's mailbox bounced: a suppressed address is in no audience.
        supporter(
            &store,
            org,
            "ivy@example.org",
            "en",
            &["events"],
            Some("Iasi"),
            true,
        )
        .await;
        let report = "email,reason\nivy@example.org,hard_bounce\n";
        let rows = libertas_store::supporters::suppress::read_report(report.as_bytes()).unwrap();
        store
            .supporter_suppress_import(libertas_store::admin::Operator::console(), &rows)
            .await
            .unwrap();
        drain(&store).await;

        let id = store.update_create(&care, &fair()).await.unwrap();
        // Nothing is queued for a draft.
        assert_eq!(
            store
                .updates_enqueue_due(clock::now(), &url, 2)
                .await
                .unwrap(),
            0
        );
        assert!(store.outbox_due(100).await.unwrap().is_empty(), "{backend}");
        // Only the supporter side, and only its own organisation.
        assert!(matches!(
            store.update_get(&south, &id).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.update_send_now(&south, &id).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.update_get(&caseworker, &id).await,
            Err(StoreError::Forbidden)
        ));

        // A double click: the second asks for nothing.
        assert!(store.update_send_now(&care, &id).await.unwrap());
        assert!(!store.update_send_now(&care, &id).await.unwrap());
        // Batches of two supporters: several rounds, each restartable.
        enqueue_until_sent(&store, &care, &id, 2).await;
        let view = store.update_get(&care, &id).await.unwrap();
        assert_eq!(view.summary.recipients, 2, "{backend}");
        assert_eq!(view.progress.queued, 2, "{backend}");
        assert_eq!(
            view.progress.skipped, 1,
            "{backend}: fay has no Ukrainian text"
        );
        // Editing after sending is refused.
        assert!(matches!(
            store.update_edit(&care, &id, &fair()).await,
            Err(StoreError::Conflict(_))
        ));

        // A crash after queueing, before the update was marked: the cursor goes back to the
        // start and it is queued again. Nobody gets a second row.
        let mut c = raw(&t).await;
        sqlx::query("update updates set status = 'sending', cursor = '' where id = $1")
            .bind(&id)
            .execute(&mut c)
            .await
            .unwrap();
        enqueue_until_sent(&store, &care, &id, 50).await;
        let n: i64 = sqlx::query_scalar("select count(*) from outbox where update_id = $1")
            .bind(&id)
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!(n, 2, "{backend}: queued twice after a restart");

        let mut got = claim_all(&store).await;
        got.sort_by(|a, b| a.message.to.cmp(&b.message.to));
        let to: Vec<&str> = got.iter().map(|c| c.message.to.as_str()).collect();
        assert_eq!(to, ["ana@ro.example", "gus@example.org"], "{backend}");
        let (ro, en) = (&got[0].message, &got[1].message);
        assert_eq!(ro.subject, "Târg de iarnă la Iași");
        assert_eq!(en.subject, "Winter fair in Iași");
        assert!(ro.unsubscribe_url.contains(&ana) && ro.unsubscribe_url.ends_with("?lang=ro"));
        assert!(en.unsubscribe_url.contains(&gus));
        let html = en.html.as_deref().unwrap();
        assert!(html.contains("<strong>Saturday</strong>"), "{html}");
        assert!(
            html.contains("href=\"https://example.org/fair?day=sat&amp;x=1\""),
            "{html}"
        );
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains(&en.unsubscribe_url), "{html}");
        assert!(en
            .text
            .contains("the programme (https://example.org/fair?day=sat&x=1)"));
        assert!(en.text.contains(&en.unsubscribe_url));
        for c in &got {
            assert!(c.supporter_id.is_some());
            store.outbox_sent(&c.id).await.unwrap();
        }
        let view = store.update_get(&care, &id).await.unwrap();
        assert_eq!((view.progress.queued, view.progress.sent), (0, 2));
        // South's supporter heard nothing.
        assert!(store.outbox_due(100).await.unwrap().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_update_waits_for_its_time() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        supporter(
            &store,
            care.org_id,
            "ana@example.org",
            "en",
            &["events"],
            Some("Iași"),
            true,
        )
        .await;
        drain(&store).await;
        let id = store.update_create(&care, &fair()).await.unwrap();
        let now = clock::now();
        assert!(matches!(
            store
                .update_schedule(&care, &id, now - time::Duration::minutes(1))
                .await,
            Err(StoreError::Invalid(_))
        ));
        store
            .update_schedule(&care, &id, now + time::Duration::hours(1))
            .await
            .unwrap();
        // Before its time: nothing.
        let before = now + time::Duration::minutes(59);
        assert_eq!(
            store.updates_enqueue_due(before, &url, 100).await.unwrap(),
            0
        );
        let view = store.update_get(&care, &id).await.unwrap();
        assert_eq!(view.summary.status, UpdateStatus::Scheduled, "{backend}");
        assert!(store.outbox_due(100).await.unwrap().is_empty());
        // Once it has come (the schedule is in the database: any server start finds it).
        let after = now + time::Duration::minutes(61);
        let queued = store.updates_enqueue_due(after, &url, 100).await.unwrap();
        let view = store.update_get(&care, &id).await.unwrap();
        assert_eq!(queued, 1, "{backend}: {view:?}");
        assert_eq!(view.summary.status, UpdateStatus::Sent, "{backend}");
        assert_eq!(claim_all(&store).await.len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_send_goes_only_to_the_typed_address() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        supporter(
            &store,
            care.org_id,
            "ana@example.org",
            "en",
            &["events"],
            Some("Iași"),
            true,
        )
        .await;
        drain(&store).await;
        let id = store.update_create(&care, &fair()).await.unwrap();
        let staff = Email::parse("Sonia.Staff@Example.net").unwrap();
        assert!(matches!(
            store
                .update_test_send(&care, &id, &staff, Lang::Uk, "https://x.test/u")
                .await,
            Err(StoreError::Invalid(f)) if f.field == "test_lang"
        ));
        store
            .update_test_send(&care, &id, &staff, Lang::Ro, "https://x.test/u")
            .await
            .unwrap();
        let got = claim_all(&store).await;
        assert_eq!(got.len(), 1, "{backend}");
        assert_eq!(got[0].message.to, "Sonia.Staff@Example.net");
        assert!(got[0].supporter_id.is_none());
        assert_eq!(got[0].message.subject, "[Test] Târg de iarnă la Iași");
        store.outbox_sent(&got[0].id).await.unwrap();
        let view = store.update_get(&care, &id).await.unwrap();
        assert_eq!(view.summary.status, UpdateStatus::Draft, "{backend}");
        assert_eq!(
            view.progress,
            Default::default(),
            "{backend}: a test is not counted"
        );
    }
}
