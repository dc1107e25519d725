//! `libertas audit verify` as an operator runs it: edited, deleted and cut-off events are
//! named, and a chain whose checkpoint file is missing is not reported as intact unless the
//! operator says `--no-checkpoint`. SQLite always; PostgreSQL when
//! `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::ops::Ops;
use libertas_store::testing::backends;
use sqlx::Connection;

async fn tamper(url: &str, sql_sqlite: &[&str], sql_pg: &[&str]) {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let stmts = if url.starts_with("sqlite") {
        sql_sqlite
    } else {
        sql_pg
    };
    for s in stmts {
        sqlx::query(s).execute(&mut conn).await.unwrap();
    }
    conn.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_names_edited_deleted_and_cut_off_events() {
    for backend in backends() {
        let cli = Ops::new(backend).await;
        cli.ok(&["init"], "");
        for i in 0..6 {
            cli.ok(&["org", "add", &format!("Org {i}")], "");
        }
        assert!(cli
            .ok(&["audit", "verify"], "")
            .contains("6 events checked"));
        // The triggers refuse changes.
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&cli.url()).await.unwrap();
        assert!(
            sqlx::query("update audit_events set reason = 'x' where seq = 2")
                .execute(&mut conn)
                .await
                .is_err()
        );
        assert!(sqlx::query("delete from audit_events where seq = 2")
            .execute(&mut conn)
            .await
            .is_err());
        conn.close().await.unwrap();
        let drop_sqlite = [
            "drop trigger audit_events_no_update",
            "drop trigger audit_events_no_delete",
        ];
        let drop_pg = ["drop trigger audit_events_no_update_delete on audit_events"];
        tamper(&cli.url(), &drop_sqlite, &drop_pg).await;
        // Edited.
        tamper(
            &cli.url(),
            &["update audit_events set reason = 'nothing to see' where seq = 3"],
            &["update audit_events set reason = 'nothing to see' where seq = 3"],
        )
        .await;
        let out = cli.run(&["audit", "verify"], "");
        assert_eq!(out.status.code(), Some(1), "{backend}");
        let msg = String::from_utf8_lossy(&out.stdout);
        assert!(
            msg.contains("#3") && msg.contains("edited"),
            "{backend}: {msg}"
        );
        // Deleted (after undoing nothing: the first broken event is still #3).
        tamper(
            &cli.url(),
            &["delete from audit_events where seq = 3"],
            &["delete from audit_events where seq = 3"],
        )
        .await;
        let msg = String::from_utf8_lossy(&cli.run(&["audit", "verify"], "").stdout).into_owned();
        assert!(
            msg.contains("#3") && msg.contains("missing"),
            "{backend}: {msg}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_detects_truncation_after_the_checkpoint() {
    let cli = Ops::new("sqlite").await;
    cli.ok(&["init"], "");
    for i in 0..4 {
        cli.ok(&["org", "add", &format!("Org {i}")], "");
    }
    tamper(
        &cli.url(),
        &[
            "drop trigger audit_events_no_delete",
            "delete from audit_events where seq >= 3",
            "update audit_head set seq = 2, mac = (select mac from audit_events where seq = 2)",
        ],
        &[],
    )
    .await;
    let out = cli.run(&["audit", "verify"], "");
    assert_eq!(out.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&out.stdout);
    assert!(msg.contains("cut off") && msg.contains("#4"), "{msg}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_without_its_checkpoint_says_so_and_fails() {
    for backend in backends() {
        let cli = Ops::new(backend).await;
        cli.ok(&["init"], "");
        // A new data directory has no events, so nothing can have been cut off yet.
        assert!(cli
            .ok(&["audit", "verify"], "")
            .contains("0 events checked"));
        for i in 0..3 {
            cli.ok(&["org", "add", &format!("Org {i}")], "");
        }
        let checkpoint = cli.data().join("audit-checkpoint.json");
        assert!(
            checkpoint.exists(),
            "{backend}: commands write the checkpoint"
        );
        assert!(cli
            .ok(&["audit", "verify"], "")
            .contains("3 events checked"));
        std::fs::remove_file(&checkpoint).unwrap();
        let out = cli.run(&["audit", "verify"], "");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(1), "{backend}: {said}");
        assert!(
            said.contains("checkpoint") && said.contains("--no-checkpoint"),
            "{backend}: {said}"
        );
        assert!(
            !checkpoint.exists(),
            "verify must not recreate the missing file"
        );
        let out = cli.ok(&["audit", "verify", "--no-checkpoint"], "");
        assert!(out.contains("3 events checked"), "{backend}: {out}");
    }
}
