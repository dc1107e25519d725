//! Backups carry the supporter store (docs/supporters.md, "Backups"): a restore puts back
//! exactly the supporters, consents, links and outbox of the backup point, sealed values still
//! open, the file holds no address in plain text, and a backup made before backups held the
//! supporter store never loses or mixes supporters. SQLite and (when configured) PostgreSQL.

use crate::exports::files_holding;
use crate::supporters::{raw, sign_up, signed_up, ADDRESS};
use libertas_domain::admin::Role;
use libertas_store::admin::Operator;
use libertas_store::backup::RestoreOptions;
use libertas_store::supporters::ConfirmOutcome;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use sqlx::{Column, Row};

const SECOND: &str = "second.person@example.net";
const THIRD: &str = "third.person@example.com";

/// Every row of every supporter table, every column by name, as text (blobs in hex): what
/// "the supporter side equals the backup point exactly" compares.
async fn supporter_side(t: &TestData) -> Vec<(String, Vec<(String, String)>)> {
    let mut c = raw(t).await;
    let mut out = vec![];
    for table in ["supporters", "consents", "confirmations", "outbox"] {
        let rows = sqlx::query(&format!("select * from {table} order by 1"))
            .fetch_all(&mut c)
            .await
            .unwrap();
        for row in rows {
            let cols = row
                .columns()
                .iter()
                .map(|col| {
                    let n = col.name();
                    let v = if let Ok(v) = row.try_get::<Option<i64>, _>(n) {
                        format!("{v:?}")
                    } else if let Ok(v) = row.try_get::<Option<String>, _>(n) {
                        format!("{v:?}")
                    } else {
                        let v: Option<Vec<u8>> = row.try_get(n).unwrap();
                        format!("{:?}", v.map(hex::encode))
                    };
                    (n.to_owned(), v)
                })
                .collect();
            out.push((table.to_owned(), cols));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_puts_the_supporter_store_back_exactly_as_it_was() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        // Mira confirmed (her confirmation sent), the second still pending (theirs queued).
        let (confirm, _) = signed_up(
            &store,
            care.org_id,
            &sign_up(ADDRESS, &["stories", "events"], Some("Iași")),
        )
        .await;
        let due = store.outbox_due(10).await.unwrap();
        let claimed = store
            .outbox_claim(&[due[0].id.clone()], time::Duration::minutes(5))
            .await
            .unwrap();
        store.outbox_sent(&claimed[0].id).await.unwrap();
        assert_eq!(
            store.supporter_confirm(&confirm).await.unwrap(),
            ConfirmOutcome::Confirmed
        );
        let (second_confirm, _) =
            signed_up(&store, care.org_id, &sign_up(SECOND, &["involved"], None)).await;
        let at_backup = supporter_side(&t).await;
        assert_eq!(at_backup.len(), 2 + 2 + 2 + 2, "{backend}");

        let file = t.config.data_dir.join("point.lbk");
        let made = store
            .backup(Operator::console(), &file, "test")
            .await
            .unwrap();
        assert_eq!(made.supporter_rows, 8, "{backend}");
        // The backup file holds no address or name in plain text (in any spelling).
        let bytes = std::fs::read(&file).unwrap();
        for needle in [
            ADDRESS,
            &ADDRESS.to_lowercase(),
            SECOND,
            "Mira Lindqvist",
            "Iași",
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{backend}: {needle} in the backup"
            );
        }

        // After the backup: a new supporter, the second confirms, Mira's rows are deleted.
        signed_up(&store, care.org_id, &sign_up(THIRD, &["stories"], None)).await;
        assert_eq!(
            store.supporter_confirm(&second_confirm).await.unwrap(),
            ConfirmOutcome::Confirmed
        );
        let mut c = raw(&t).await;
        let mira: String = sqlx::query_scalar(
            "select id from supporters where status = 'subscribed' order by confirmed_at limit 1",
        )
        .fetch_one(&mut c)
        .await
        .unwrap();
        for table in ["outbox", "confirmations", "consents"] {
            sqlx::query(&format!("delete from {table} where supporter_id = $1"))
                .bind(&mira)
                .execute(&mut c)
                .await
                .unwrap();
        }
        sqlx::query("delete from supporters where id = $1")
            .bind(&mira)
            .execute(&mut c)
            .await
            .unwrap();
        drop(c);
        let changed = supporter_side(&t).await;
        assert_ne!(changed, at_backup, "{backend}: the changes happened");

        let restored = store
            .restore(Operator::console(), &file, "test")
            .await
            .unwrap();
        assert_eq!(restored.supporter_rows, 8, "{backend}");
        assert!(!restored.supporters_left_as_is);
        assert_eq!(supporter_side(&t).await, at_backup, "{backend}");

        // What was restored works: counts, the blind index (Mira, subscribed, is found and
        // gets nothing), the pending supporter's link, and the sealed message still opens.
        let counts = store.supporter_counts(&care).await.unwrap();
        assert_eq!((counts.pending, counts.subscribed), (1, 1), "{backend}");
        signed_up(&store, care.org_id, &sign_up(ADDRESS, &["stories"], None)).await;
        let due = store.outbox_due(10).await.unwrap();
        assert_eq!(
            due.len(),
            1,
            "{backend}: only the second's confirmation waits"
        );
        let claimed = store
            .outbox_claim(&[due[0].id.clone()], time::Duration::minutes(5))
            .await
            .unwrap();
        assert_eq!(claimed[0].message.to, SECOND, "{backend}");
        assert_eq!(
            store.supporter_confirm(&second_confirm).await.unwrap(),
            ConfirmOutcome::Confirmed,
            "{backend}"
        );
        assert!(
            matches!(
                store.verify_audit().await.unwrap(),
                libertas_store::audit::VerifyOutcome::Intact { .. }
            ),
            "{backend}"
        );
        store.checkpoint().await.unwrap();
        store.close().await;
        for needle in [ADDRESS, SECOND, THIRD] {
            assert_eq!(
                files_holding(&t.config.data_dir, needle),
                Vec::<String>::new(),
                "{backend}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_made_before_supporters_were_backed_up_never_loses_them() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        signed_up(&store, care.org_id, &sign_up(ADDRESS, &["stories"], None)).await;
        let old = t.config.data_dir.join("old.lbk");
        let made = store.backup_format_1(&old).await.unwrap();
        assert_eq!(made.supporter_rows, 0);
        signed_up(&store, care.org_id, &sign_up(SECOND, &["stories"], None)).await;
        let today = supporter_side(&t).await;

        // Refused, with what to do, and nothing changed.
        let refused = store.restore(Operator::console(), &old, "test").await;
        match refused {
            Err(StoreError::Config(m)) => {
                assert!(m.contains("--keep-supporters"), "{m}");
                assert!(m.contains("nothing was changed"), "{m}");
            }
            other => panic!("{backend}: {other:?}"),
        }
        assert_eq!(supporter_side(&t).await, today, "{backend}");
        assert_eq!(
            store.supporter_counts(&care).await.unwrap().pending,
            2,
            "{backend}"
        );

        // Asked to keep the supporter store: the case side is restored, supporters untouched.
        let restored = store
            .restore_with(
                Operator::console(),
                &old,
                "test",
                RestoreOptions {
                    keep_supporters: true,
                },
            )
            .await
            .unwrap();
        assert!(restored.supporters_left_as_is, "{backend}");
        assert_eq!(restored.supporter_rows, 0);
        assert_eq!(supporter_side(&t).await, today, "{backend}");
        // The restored case side (the same organisation and user ids) still sees them.
        assert_eq!(store.supporter_counts(&care).await.unwrap().pending, 2);
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_another_supporter_store_version_is_refused() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        signed_up(&store, care.org_id, &sign_up(ADDRESS, &["stories"], None)).await;
        let file = t.config.data_dir.join("now.lbk");
        store
            .backup(Operator::console(), &file, "test")
            .await
            .unwrap();
        // The header is plain JSON: say the supporter store was at a version we do not have.
        let bytes = std::fs::read(&file).unwrap();
        let text_end = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(1)
            .unwrap()
            .0;
        let header = String::from_utf8(bytes[..text_end].to_vec()).unwrap();
        assert!(header.contains("\"format\":2"), "{header}");
        let ours = "\"supporter_version\":";
        let at = header.find(ours).unwrap() + ours.len();
        let end = at + header[at..].find([',', '}']).unwrap();
        let edited = format!("{}99{}", &header[..at], &header[end..]);
        let other = t.config.data_dir.join("other.lbk");
        std::fs::write(&other, [edited.as_bytes(), &bytes[text_end..]].concat()).unwrap();
        let before = supporter_side(&t).await;
        match store.restore(Operator::console(), &other, "test").await {
            Err(StoreError::Config(m)) => {
                assert!(m.contains("version 99"), "{m}");
                assert!(m.contains("--keep-supporters"), "{m}");
            }
            other => panic!("{backend}: {other:?}"),
        }
        assert_eq!(supporter_side(&t).await, before, "{backend}");
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unsubscription_after_the_backup_holds_after_a_restore() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        // The second unsubscribed and came back (signed up and confirmed) before the backup;
        // Mira (pending, her confirmation queued) unsubscribes after it.
        let (_, mira_unsubscribe) =
            signed_up(&store, care.org_id, &sign_up(ADDRESS, &["stories"], None)).await;
        let (first_confirm, second_unsubscribe) =
            signed_up(&store, care.org_id, &sign_up(SECOND, &["stories"], None)).await;
        assert!(store
            .supporter_unsubscribe(&second_unsubscribe)
            .await
            .unwrap());
        let mut c = raw(&t).await;
        // Old enough for the 10-minute limit on new confirmations to let the next one go.
        sqlx::query("update confirmations set created_at = '2000-01-01T00:00:00.000000Z'")
            .execute(&mut c)
            .await
            .unwrap();
        drop(c);
        let (again, _) = signed_up(&store, care.org_id, &sign_up(SECOND, &["stories"], None)).await;
        assert_ne!(again, first_confirm);
        assert_eq!(
            store.supporter_confirm(&again).await.unwrap(),
            ConfirmOutcome::Confirmed
        );
        // The second's new confirmation goes out; Mira's waits (a temporary failure).
        let due: Vec<String> = store
            .outbox_due(10)
            .await
            .unwrap()
            .into_iter()
            .map(|d| d.id)
            .collect();
        for m in store
            .outbox_claim(&due, time::Duration::minutes(5))
            .await
            .unwrap()
        {
            if m.message.to == SECOND {
                store.outbox_sent(&m.id).await.unwrap();
            } else {
                let later = libertas_store::supporters::SendFailure::Temporary { code: None };
                store
                    .outbox_failed(&m.id, &later, time::Duration::minutes(1))
                    .await
                    .unwrap();
            }
        }
        let file = t.config.data_dir.join("point.lbk");
        store
            .backup(Operator::console(), &file, "test")
            .await
            .unwrap();
        assert!(store
            .supporter_unsubscribe(&mira_unsubscribe)
            .await
            .unwrap());
        let after = supporter_side(&t).await;

        let restored = store
            .restore(Operator::console(), &file, "test")
            .await
            .unwrap();
        assert!(restored.withdrawals_reapplied >= 1, "{backend}");
        let counts = store.supporter_counts(&care).await.unwrap();
        assert_eq!(
            (counts.pending, counts.subscribed, counts.unsubscribed),
            (0, 1, 1),
            "{backend}: Mira stays unsubscribed, the second stays subscribed"
        );
        let outbox = store.outbox_counts(&care).await.unwrap();
        assert_eq!(
            (outbox.queued, outbox.sent, outbox.cancelled),
            (0, 1, 2),
            "{backend}: Mira's waiting confirmation stays cancelled"
        );
        // Mira's rows are as her unsubscription left them, apart from its time stamps.
        let strip = |side: Vec<(String, Vec<(String, String)>)>| -> Vec<_> {
            side.into_iter()
                .map(|(t, cols)| {
                    let cols: Vec<_> = cols
                        .into_iter()
                        .filter(|(n, _)| n != "unsubscribed_at" && n != "withdrawn_at")
                        .collect();
                    (t, cols)
                })
                .collect()
        };
        assert_eq!(strip(supporter_side(&t).await), strip(after), "{backend}");
        store.close().await;
    }
}
