//! Free text written plain by versions before migration 0014 is sealed at start-up, once,
//! audited, and again when a backup holding it is restored (issue 9, finding 14).
//!
//! The test writes markers through the API, then puts them back as plain text into the legacy
//! columns (the way a database from before 0014 holds them after the migration), for some
//! rows (what an interrupted sealing leaves) and then for all.

use crate::common::{files_containing, TestApp};
use crate::sealed_common::{make_legacy, postgres_rows_containing, world, write_markers};
use libertas_store::audit::{AuditQuery, VerifyOutcome};
use libertas_store::testing::backends;
use libertas_store::Store;
use reqwest::StatusCode;
use sqlx::{Connection, Row};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn legacy_plaintext_is_sealed_at_start_once() {
    for backend in backends() {
        let w = world(backend).await;
        write_markers(&w).await;
        let config = w.app.data.config.clone();
        let url = config.database_url();
        let case_id = w.case_id.clone();
        let data = w.app.shut_down().await;

        // Some rows legacy, some already sealed: what an interrupted sealing leaves.
        let markers = make_legacy(&url, backend, "first").await;
        assert!(
            !files_containing(data.dir.path(), markers[0].as_bytes()).is_empty()
                || backend == "postgres",
            "the test really wrote plain text"
        );
        let store = Store::open(config.clone()).await.unwrap();
        let sealed = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &AuditQuery::default(),
            )
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "data.seal_legacy")
            .collect::<Vec<_>>();
        let rows: u64 = sealed
            .iter()
            .map(|e| e.detail["rows"].as_u64().unwrap())
            .sum();
        assert_eq!(rows, 6, "{backend}: one row of each table sealed");
        assert!(sealed.iter().all(|e| e.actor == "system"));
        for m in &markers {
            assert!(
                files_containing(data.dir.path(), m.as_bytes()).is_empty(),
                "{backend}: legacy text left on disk"
            );
            if backend == "postgres" {
                assert!(postgres_rows_containing(&url, m).await.is_empty());
            }
        }
        // Every legacy column is empty; every sealed column holds a value.
        let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
        for (table, column) in libertas_store::legacy::sealed_since_0014() {
            let n: i64 = sqlx::query(&format!(
                "select count(*) from {table} where {column}_legacy <> '' or {column} is null"
            ))
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get(0);
            assert_eq!(n, 0, "{backend}: {table}.{column}");
        }
        conn.close().await.unwrap();
        assert!(matches!(
            store.verify_audit().await.unwrap(),
            VerifyOutcome::Intact { .. }
        ));
        store.close().await;

        // The next start seals nothing and records nothing.
        let store = Store::open(config.clone()).await.unwrap();
        let again = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &AuditQuery::default(),
            )
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "data.seal_legacy")
            .count();
        assert_eq!(again, sealed.len(), "{backend}: idempotent");
        assert_eq!(store.seal_legacy_text().await.unwrap(), 0);
        store.close().await;

        // Every row legacy, then read back through the API of a server on the sealed data.
        let markers = make_legacy(&url, backend, "all").await;
        let app = TestApp::reopen(data).await;
        for m in &markers {
            assert!(files_containing(app.data.dir.path(), m.as_bytes()).is_empty());
        }
        let owner = app.token_for("owner").await;
        let (s, v) = app
            .get(&format!("/api/v1/cases/{case_id}/charges"), &owner)
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        let shown = v.to_string();
        let listed: Vec<&String> = markers.iter().filter(|m| shown.contains(*m)).collect();
        assert_eq!(listed.len(), 2, "{backend}: law and section read back");
        let (s, v) = app.get("/api/v1/partners", &owner).await;
        assert_eq!(s, StatusCode::OK);
        let shown = v.to_string();
        assert_eq!(
            markers.iter().filter(|m| shown.contains(*m)).count(),
            8,
            "{backend}: two partners' four values read back"
        );

        // A backup holding legacy plaintext (taken while an older node wrote it) is sealed
        // again when it is restored.
        let markers = make_legacy(&url, backend, "all").await;
        let file = app.data.dir.path().join("legacy.lbk");
        app.store
            .backup(libertas_store::admin::Operator::console(), &file, "test")
            .await
            .unwrap();
        app.store.seal_legacy_text().await.unwrap();
        app.store
            .restore(libertas_store::admin::Operator::console(), &file, "test")
            .await
            .unwrap();
        for m in &markers {
            assert!(
                files_containing(app.data.dir.path(), m.as_bytes()).is_empty(),
                "{backend}: plaintext back after restore"
            );
            if backend == "postgres" {
                assert!(postgres_rows_containing(&url, m).await.is_empty());
            }
        }
        let (s, v) = app.get("/api/v1/partners", &owner).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        let shown = v.to_string();
        assert_eq!(
            markers.iter().filter(|m| shown.contains(*m)).count(),
            8,
            "{backend}: restored partners read back"
        );
        app.stop().await;
    }
}
