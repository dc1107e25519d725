//! Erasure of a supporter on request (docs/supporters.md, "Erasure"): the data key destroyed,
//! the blind index, links and queued messages gone, a tombstone kept, nothing of the address on
//! disk, the address free to sign up again, and an older backup restored afterwards unable to
//! bring the supporter back. SQLite and (when configured) PostgreSQL.

use crate::exports::files_holding;
use crate::supporters::{raw, sign_up, signed_up, ADDRESS};
use libertas_domain::admin::Role;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{Currency, Frequency, GiftMethod, NewGift};
use libertas_domain::supporters::SupporterName;
use libertas_store::admin::Operator;
use libertas_store::supporters::ConfirmOutcome;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError, KEYSTORE_FILE};
use sqlx::Connection;

const SECOND: &str = "second.person@example.net";

/// How many data keys the key store holds for `owner`.
async fn keys_of(t: &TestData, owner: &str) -> i64 {
    let mut c = match &t.config.database_url {
        Some(url) => {
            let mut c = sqlx::AnyConnection::connect(url).await.unwrap();
            sqlx::query("set search_path to libertas_keys")
                .execute(&mut c)
                .await
                .unwrap();
            c
        }
        None => sqlx::AnyConnection::connect(&format!(
            "sqlite://{}",
            t.config.data_dir.join(KEYSTORE_FILE).display()
        ))
        .await
        .unwrap(),
    };
    sqlx::query_scalar("select count(*) from data_keys where owner_id = $1")
        .bind(owner)
        .fetch_one(&mut c)
        .await
        .unwrap()
}

/// The plain-text spellings of Mira's data that must be nowhere on disk.
const HERS: [&str; 4] = [
    ADDRESS,
    "mira.supporter@example.org",
    "Mira Lindqvist",
    "Iași",
];

fn nothing_of_hers_on_disk(t: &TestData, backend: &str, when: &str) {
    for needle in HERS {
        assert_eq!(
            files_holding(&t.config.data_dir, needle),
            Vec::<String>::new(),
            "{backend} {when}: {needle}"
        );
    }
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: String,
    supporter_id: String,
    org_id: String,
    kind: String,
    domain_index: String,
    message: Vec<u8>,
    key_version: i64,
    status: String,
    attempts: i64,
    next_attempt_at: String,
    created_at: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erased_supporter_cannot_be_read_found_or_brought_back() {
    // `erasure_disk` holds transactions open on purpose, and on PostgreSQL an erasure waits for
    // every older transaction on the server: take turns.
    let _turn = crate::erasure_disk::ONE_AT_A_TIME.lock().await;
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let south = principal(&store, "South", "sam", Role::SupporterCare).await;
        let admin = principal(&store, "North", "root", Role::Admin).await;
        let finn = principal(&store, "North", "finn", Role::FundraisingManager).await;
        // Mira subscribed, her confirmation still queued; the second pending.
        let (confirm, _) = signed_up(
            &store,
            care.org_id,
            &sign_up(ADDRESS, &["stories", "events"], Some("Iași")),
        )
        .await;
        assert_eq!(
            store.supporter_confirm(&confirm).await.unwrap(),
            ConfirmOutcome::Confirmed
        );
        signed_up(&store, care.org_id, &sign_up(SECOND, &["stories"], None)).await;
        let email = Email::parse(ADDRESS).unwrap();
        let id = store.supporter_by_address(&care, &email).await.unwrap();
        // She gives monthly (recorded by the fundraising manager, under her name).
        let monthly = NewGift {
            amount_minor: 2500,
            currency: Currency::parse("GBP").unwrap(),
            method: GiftMethod::DirectDebit,
            received: time::macros::date!(2026 - 11 - 01),
            frequency: Some(Frequency::Monthly),
        };
        let name = SupporterName::parse("Mira Lindqvist").unwrap();
        store
            .record_gift(&finn, &email, Some(&name), &monthly)
            .await
            .unwrap();
        let sid = id.to_string();
        let mut c = raw(&t).await;
        let hers: OutboxRow = sqlx::query_as(
            "select id, supporter_id, org_id, kind, domain_index, message, key_version, status,
                    attempts, next_attempt_at, created_at
             from outbox where supporter_id = $1",
        )
        .bind(&sid)
        .fetch_one(&mut c)
        .await
        .unwrap();
        drop(c);
        assert_eq!(keys_of(&t, &sid).await, 1);
        let backup = t.config.data_dir.join("before.lbk");
        store
            .backup(Operator::console(), &backup, "test")
            .await
            .unwrap();
        store.checkpoint().await.unwrap();
        nothing_of_hers_on_disk(&t, backend, "before");

        // Only her own organisation's supporter staff may erase her.
        assert!(matches!(
            store.supporter_by_address(&admin, &email).await,
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(
            store.erase_supporter(&admin, id, "t").await,
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(
            store.supporter_by_address(&south, &email).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.erase_supporter(&south, id, "t").await,
            Err(StoreError::NotFound)
        ));

        let erased = store
            .erase_supporter(&care, id, "asked to be forgotten")
            .await
            .unwrap();
        assert!(erased.key_destroyed, "{backend}");
        assert_eq!(erased.messages_dropped, 1, "{backend}");
        assert!(erased.residue.is_clear(), "{backend}");
        // A second erasure finds nobody.
        assert!(matches!(
            store.erase_supporter(&care, id, "t").await,
            Err(StoreError::NotFound)
        ));

        // The key is gone, the blind index finds nothing, the links and consents are gone, her
        // queued message too; the tombstone is counted.
        assert_eq!(keys_of(&t, &sid).await, 0, "{backend}");
        assert!(matches!(
            store.supporter_by_address(&care, &email).await,
            Err(StoreError::NotFound)
        ));
        let mut c = raw(&t).await;
        for table in ["consents", "confirmations", "outbox"] {
            let n: i64 = sqlx::query_scalar(&format!(
                "select count(*) from {table} where supporter_id = $1"
            ))
            .bind(&sid)
            .fetch_one(&mut c)
            .await
            .unwrap();
            assert_eq!(n, 0, "{backend}: {table}");
        }
        // Her gifts stay for the accounts (amount, currency, date, under the tombstone's id);
        // her regular gift expects nothing more.
        let gifts: Vec<(i64, String, String)> = sqlx::query_as(
            "select amount_minor, currency, received_on from gifts where supporter_id = $1",
        )
        .bind(&sid)
        .fetch_all(&mut c)
        .await
        .unwrap();
        assert_eq!(
            gifts,
            [(2500, "GBP".to_owned(), "2026-11-01".to_owned())],
            "{backend}"
        );
        let regular: (String, Option<String>) = sqlx::query_as(
            "select status, cancelled_by from regular_gifts where supporter_id = $1",
        )
        .bind(&sid)
        .fetch_one(&mut c)
        .await
        .unwrap();
        assert_eq!(regular, ("cancelled".into(), Some("erasure".into())));
        let tomb: (String, String, Option<String>) =
            sqlx::query_as("select org_id, status, erased_at from supporters where id = $1")
                .bind(&sid)
                .fetch_one(&mut c)
                .await
                .unwrap();
        assert_eq!(tomb.0, care.org_id.to_string());
        assert_eq!(tomb.1, "erased");
        assert!(tomb.2.is_some());
        let counts = store.supporter_counts(&care).await.unwrap();
        assert_eq!(
            (counts.pending, counts.subscribed, counts.erased),
            (1, 0, 1),
            "{backend}"
        );
        let due = store.outbox_due(10).await.unwrap();
        assert_eq!(due.len(), 1, "{backend}: only the second's message waits");

        // Her sealed message, put back as an old copy would hold it, no longer opens: the
        // sender gets nothing to send her.
        sqlx::query(
            "insert into outbox (id, supporter_id, org_id, kind, domain_index, message,
                 key_version, status, attempts, next_attempt_at, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&hers.id)
        .bind(&hers.supporter_id)
        .bind(&hers.org_id)
        .bind(&hers.kind)
        .bind(&hers.domain_index)
        .bind(&hers.message)
        .bind(hers.key_version)
        .bind(&hers.status)
        .bind(hers.attempts)
        .bind(&hers.next_attempt_at)
        .bind(&hers.created_at)
        .execute(&mut c)
        .await
        .unwrap();
        drop(c);
        let claimed = store
            .outbox_claim(std::slice::from_ref(&hers.id), time::Duration::minutes(5))
            .await
            .unwrap();
        assert!(
            claimed.is_empty(),
            "{backend}: a message to an erased supporter"
        );
        let mut c = raw(&t).await;
        sqlx::query("delete from outbox where id = $1")
            .bind(&hers.id)
            .execute(&mut c)
            .await
            .unwrap();
        drop(c);

        // The erasure is audited, with counts and no value.
        let events = store
            .audit_events(
                Operator::console(),
                &libertas_store::audit::AuditQuery {
                    object_id: Some(sid.clone()),
                    limit: 1000,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let erase: Vec<_> = events
            .iter()
            .filter(|e| e.action == "supporter.erase")
            .collect();
        assert_eq!(erase.len(), 1, "{backend}");
        assert_eq!(erase[0].actor_id, Some(care.user_id.to_string()));
        let detail = erase[0].detail.to_string();
        assert!(detail.contains("\"messages_dropped\":1"), "{detail}");
        assert!(
            !detail.contains('@') && !detail.contains("Mira"),
            "{detail}"
        );

        store.checkpoint().await.unwrap();
        nothing_of_hers_on_disk(&t, backend, "after");

        // The address may sign up again, as a new supporter.
        signed_up(&store, care.org_id, &sign_up(ADDRESS, &["stories"], None)).await;
        let again = store.supporter_by_address(&care, &email).await.unwrap();
        assert_ne!(again, id, "{backend}");

        // The backup from before the erasure: she does not come back (her key is gone, and the
        // tombstone is applied again to the restored rows).
        let restored = store
            .restore(Operator::console(), &backup, "test")
            .await
            .unwrap();
        assert!(restored.erasures_reapplied >= 1, "{backend}");
        assert_eq!(keys_of(&t, &sid).await, 0, "{backend}");
        assert!(matches!(
            store.supporter_by_address(&care, &email).await,
            Err(StoreError::NotFound)
        ));
        let counts = store.supporter_counts(&care).await.unwrap();
        assert_eq!(
            (counts.pending, counts.subscribed, counts.erased),
            (1, 0, 1),
            "{backend}"
        );
        let due: Vec<String> = store
            .outbox_due(10)
            .await
            .unwrap()
            .into_iter()
            .map(|d| d.id)
            .collect();
        assert!(!due.contains(&hers.id), "{backend}");
        let claimed = store
            .outbox_claim(&due, time::Duration::minutes(5))
            .await
            .unwrap();
        assert!(claimed.iter().all(|m| m.message.to == SECOND), "{backend}");
        store.checkpoint().await.unwrap();
        store.close().await;
        nothing_of_hers_on_disk(&t, backend, "after the restore");
    }
}
