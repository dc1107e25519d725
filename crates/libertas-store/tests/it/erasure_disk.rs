//! Erasure is final on disk, and says so when it cannot be.
//!
//! - PostgreSQL: after `erase_person` the destroyed key is no longer in the key table's file
//!   (read with `pg_read_binary_file`, which needs a superuser; without one the check says it
//!   was skipped). The SQLite files are covered with the real binary in
//!   `crates/libertas/tests/it/erasure_on_disk.rs`.
//! - Both: a reader holding an old snapshot of the key store keeps the old key on disk; the
//!   erasure still happens, and reports where the residue is instead of claiming success.
//! - Both: every connection, key store included, deletes securely.

use libertas_domain::admin::Role;
use libertas_domain::cases::CaseTitle;
use libertas_domain::ids::PersonId;
use libertas_domain::people::{NewPerson, PersonName, PersonRole};
use libertas_store::testing::{backends, fresh_database, principal, TestData};
use libertas_store::Store;
use sqlx::{AnyConnection, Connection, Row};

/// The tests here hold transactions open on purpose, and on PostgreSQL an erasure waits for
/// every older transaction on the server, so they take turns (with `supporter_erasure`).
pub(crate) static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn store_with_person(t: &TestData) -> (Store, PersonId) {
    let store = Store::init(t.config.clone()).await.unwrap();
    let ana = principal(&store, "North", "ana", Role::Caseworker).await;
    let case = store
        .create_case(&ana, &CaseTitle::parse("Lark").unwrap(), "t")
        .await
        .unwrap();
    let person = NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse("Zamfira").unwrap(),
        family_name: PersonName::parse("Oprescu").unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    };
    let (pid, _) = store.add_person(&ana, case.id, &person, "t").await.unwrap();
    (store, pid)
}

/// A connection to the key store as another process would open it.
async fn keystore_conn(t: &TestData) -> AnyConnection {
    sqlx::any::install_default_drivers();
    let url = match &t.config.database_url {
        Some(u) => u.clone(),
        None => format!(
            "sqlite://{}",
            t.config.data_dir.join("keys.sqlite").display()
        ),
    };
    let mut c = AnyConnection::connect(&url).await.unwrap();
    if t.config.database_url.is_some() {
        sqlx::query("set search_path to libertas_keys")
            .execute(&mut c)
            .await
            .unwrap();
    }
    c
}

async fn wrapped_key(c: &mut AnyConnection, pid: PersonId) -> Option<Vec<u8>> {
    sqlx::query("select wrapped from data_keys where owner_kind = 'person' and owner_id = $1")
        .bind(pid.to_string())
        .fetch_optional(c)
        .await
        .unwrap()
        .map(|r| r.try_get(0).unwrap())
}

/// The bytes of the key table's file on the PostgreSQL server, after a checkpoint; `None`
/// when the role may not read server files.
async fn key_table_file(c: &mut AnyConnection) -> Option<Vec<u8>> {
    let sup: bool = sqlx::query("select rolsuper from pg_roles where rolname = current_user")
        .fetch_one(&mut *c)
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    if !sup {
        return None;
    }
    sqlx::query("checkpoint").execute(&mut *c).await.unwrap();
    let row = sqlx::query(
        "select pg_read_binary_file(pg_relation_filepath('libertas_keys.data_keys')::text)",
    )
    .fetch_one(&mut *c)
    .await
    .unwrap();
    Some(row.try_get(0).unwrap())
}

fn holds(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_key_table_keeps_no_destroyed_key() {
    let _turn = ONE_AT_A_TIME.lock().await;
    if !backends().contains(&"postgres") {
        eprintln!(
            "SKIPPED: postgres_key_table_keeps_no_destroyed_key (no LIBERTAS_TEST_DATABASE_URL)"
        );
        return;
    }
    let t = TestData::new("postgres").await;
    let (store, pid) = store_with_person(&t).await;
    let mut c = keystore_conn(&t).await;
    let key = wrapped_key(&mut c, pid).await.unwrap();
    let Some(before) = key_table_file(&mut c).await else {
        eprintln!(
            "SKIPPED: postgres_key_table_keeps_no_destroyed_key (the role is not a superuser)"
        );
        return;
    };
    assert!(
        holds(&before, &key),
        "the scan finds the key before erasure"
    );
    // A write transaction in another database of the same server, begun before the erasure:
    // every new snapshot, the rewrite's own included, still counts it as running, so the
    // rewrite would keep the deleted key.
    let mut elsewhere = AnyConnection::connect(&fresh_database().await)
        .await
        .unwrap();
    sqlx::query("begin").execute(&mut elsewhere).await.unwrap();
    sqlx::query("select pg_current_xact_id()::text")
        .fetch_one(&mut elsewhere)
        .await
        .unwrap();
    let first = store
        .erase_person(libertas_store::admin::Operator::console(), pid, "asked")
        .await
        .unwrap();
    assert!(first.key_destroyed);
    assert!(wrapped_key(&mut c, pid).await.is_none());
    let file = key_table_file(&mut c).await.unwrap();
    assert!(
        !first.residue.is_clear() || !holds(&file, &key),
        "reported final, but the destroyed key is still in the key table's file"
    );
    assert!(
        !first.residue.is_clear(),
        "the older transaction elsewhere was not waited for"
    );
    sqlx::query("commit").execute(&mut elsewhere).await.unwrap();
    elsewhere.close().await.unwrap();
    // Once it has ended, repeating the erasure makes it final.
    let again = store
        .erase_person(libertas_store::admin::Operator::console(), pid, "again")
        .await
        .unwrap();
    assert!(again.residue.is_clear(), "{again:?}");
    let file = key_table_file(&mut c).await.unwrap();
    assert!(
        !holds(&file, &key),
        "the destroyed key is still in the key table's file (a dead row version)"
    );
    c.close().await.unwrap();
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erasure_blocked_by_a_reader_reports_the_residue_and_can_be_repeated() {
    let _turn = ONE_AT_A_TIME.lock().await;
    for backend in backends() {
        let t = TestData::new(backend).await;
        let (store, pid) = store_with_person(&t).await;
        let mut reader = keystore_conn(&t).await;
        // An open read transaction on the key store, as a busy server in another process
        // may hold one; on PostgreSQL it holds a lock `vacuum full` must wait for.
        sqlx::query("begin").execute(&mut reader).await.unwrap();
        assert!(wrapped_key(&mut reader, pid).await.is_some());
        let erasure = store
            .erase_person(libertas_store::admin::Operator::console(), pid, "asked")
            .await
            .unwrap();
        assert!(erasure.key_destroyed, "{backend}");
        assert!(
            !erasure.residue.is_clear() && erasure.residue.pending[0].contains("key"),
            "{backend}: {erasure:?}"
        );
        sqlx::query("commit").execute(&mut reader).await.unwrap();
        assert!(
            wrapped_key(&mut reader, pid).await.is_none(),
            "{backend}: the erasure itself happened"
        );
        reader.close().await.unwrap();
        // Repeating the command once the reader is gone finishes the job.
        let again = store
            .erase_person(libertas_store::admin::Operator::console(), pid, "again")
            .await
            .unwrap();
        assert!(
            !again.key_destroyed && again.residue.is_clear(),
            "{backend}: {again:?}"
        );
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_store_copy_from_before_an_erasure_does_not_bring_the_key_back() {
    let _turn = ONE_AT_A_TIME.lock().await;
    for backend in backends() {
        let t = TestData::new(backend).await;
        let (store, pid) = store_with_person(&t).await;
        let copy = t.dir.path().join("keys-before.lbk");
        store
            .keystore_backup(libertas_store::admin::Operator::console(), &copy, "t")
            .await
            .unwrap();
        store
            .erase_person(libertas_store::admin::Operator::console(), pid, "asked")
            .await
            .unwrap();
        let s = store
            .restore_keystore(
                libertas_store::admin::Operator::console(),
                &copy,
                "disaster recovery",
            )
            .await
            .unwrap();
        assert!(s.residue.is_clear(), "{backend}: {:?}", s.residue);
        let mut c = keystore_conn(&t).await;
        assert!(
            wrapped_key(&mut c, pid).await.is_none(),
            "{backend}: the copy brought the destroyed key back"
        );
        let tombstones: i64 = sqlx::query("select count(*) from erasures where owner_id = $1")
            .bind(pid.to_string())
            .fetch_one(&mut c)
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        assert_eq!(tombstones, 1, "{backend}: the tombstone was kept");
        c.close().await.unwrap();
        let ana = store
            .user_by_username(libertas_store::admin::Operator::console(), "ana")
            .await
            .unwrap()
            .unwrap();
        let ana = store
            .principal(libertas_store::admin::Operator::console(), ana.id)
            .await
            .unwrap()
            .unwrap();
        assert!(store.get_person(&ana, pid, "t").await.unwrap().erased);
        store.close().await;
    }
}
