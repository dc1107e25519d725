//! `libertas backup` and `libertas restore` with the supporter store (docs/supporters.md,
//! "Backups"): the backup carries it, a restore puts it back, and a backup made before backups
//! held it is refused until the operator says to keep the supporter store as it is. SQLite
//! always; PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::ops::{files_holding, Ops};
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::message::confirmation;
use libertas_domain::supporters::SignUp;
use libertas_store::admin::Operator;
use libertas_store::testing::backends;
use libertas_store::{Store, StoreConfig};

async fn open(ops: &Ops) -> Store {
    let mut c = StoreConfig::new(ops.data());
    c.database_url = ops.url.clone();
    Store::open(c).await.unwrap()
}

/// Signs `address` up for North's updates (the public form's store call).
async fn sign_up(store: &Store, address: &str) {
    let org = store
        .org_by_name(Operator::console(), "North")
        .await
        .unwrap()
        .unwrap()
        .id;
    let s = SignUp::parse(address, None, &["stories"], None, "en").unwrap();
    store
        .supporter_sign_up(org, &s, |c, u| {
            confirmation(
                Lang::En,
                address,
                &format!("https://x.test/updates/confirm/{c}"),
                &format!("https://x.test/updates/unsubscribe/{u}"),
            )
        })
        .await
        .unwrap();
}

async fn queued(ops: &Ops) -> i64 {
    let store = open(ops).await;
    let n = store.outbox_counts_all().await.unwrap().queued;
    store.close().await;
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_puts_the_supporters_back_and_an_old_backup_needs_keep_supporters() {
    for backend in backends() {
        let ops = Ops::new(backend).await;
        ops.setup();
        let store = open(&ops).await;
        sign_up(&store, "first.supporter@example.org").await;
        let old = ops.dir.path().join("old.lbk");
        store.backup_format_1(&old).await.unwrap();
        store.close().await;
        let now = ops.dir.path().join("now.lbk");
        let out = ops.run(&["backup", now.to_str().unwrap()], "");
        assert!(out.status.success());
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(said.contains("4 of them the supporter store's"), "{said}");
        assert!(files_holding(ops.dir.path(), b"first.supporter@example.org").is_empty());

        let store = open(&ops).await;
        sign_up(&store, "second.supporter@example.org").await;
        store.close().await;
        assert_eq!(queued(&ops).await, 2, "{backend}");

        // The old file: refused, saying what to do, and nothing changed.
        let out = ops.run(&["restore", old.to_str().unwrap()], "");
        assert!(!out.status.success(), "{backend}");
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            said.contains("before backups held the supporter store"),
            "{said}"
        );
        assert!(said.contains("--keep-supporters"), "{said}");
        assert_eq!(queued(&ops).await, 2, "{backend}");
        let out = ops.run(&["restore", "--keep-supporters", old.to_str().unwrap()], "");
        assert!(out.status.success(), "{backend}");
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            said.contains("supporter store was left exactly as it was"),
            "{said}"
        );
        assert_eq!(queued(&ops).await, 2, "{backend}");

        // The new file puts the supporter store back as it was: one supporter, one message.
        let out = ops.run(&["restore", now.to_str().unwrap()], "");
        assert!(out.status.success(), "{backend}");
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            said.contains("supporter store was replaced by the backup's (4 of"),
            "{said}"
        );
        assert_eq!(queued(&ops).await, 1, "{backend}");
        assert!(ops.ok(&["audit", "verify"], "").contains("events checked"));
    }
}
