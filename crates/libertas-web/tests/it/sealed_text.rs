//! Free text that can name a person or place a survivor is never stored in plain text (issue
//! 9, finding 14): every column sealed by migration 0014, and audit reasons.
//!
//! For each such column a unique marker is written through the API (creates and updates),
//! then every file of the data directory (WAL included) is scanned, and on PostgreSQL every
//! row of every table is scanned by SQL, for the marker in plain text or as hex. The values
//! must still read back for those allowed to read them. Audit reasons: typed by an
//! administrator or an operator, sealed, readable in the trail; about an erased person,
//! shredded with them.

use crate::common::Browser;
use crate::sealed_common::{
    assert_nowhere, assert_read_back, marker, world, write_markers, Written,
};
use libertas_domain::ids::PersonId;
use libertas_store::audit::{Actor, AuditEvent, AuditQuery, VerifyOutcome};
use libertas_store::testing::backends;
use reqwest::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sealed_columns_hold_no_plaintext_and_read_back() {
    for backend in backends() {
        let w = world(backend).await;
        let written = write_markers(&w).await;
        let columns: std::collections::BTreeSet<&str> = written.iter().map(|x| x.column).collect();
        let mut want: Vec<String> = libertas_store::legacy::sealed_since_0014()
            .into_iter()
            .map(|(t, c)| format!("{t}.{c}"))
            .collect();
        want.push("audit_events.reason".into());
        want.sort();
        assert_eq!(
            columns.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            want,
            "every sealed column is written by this test"
        );
        assert_nowhere(&w.app, backend, &written).await;
        assert_read_back(&w.app, backend, &written).await;

        // An operator's reason for erasing a person: sealed, and still readable afterwards;
        // a reason recorded about the person before, sealed under their key, is shredded.
        let app = &w.app;
        let pid: PersonId = w.victim.parse().unwrap();
        let before = marker("audit_events.reason");
        app.store
            .record(
                Actor::cli(),
                vec![AuditEvent::new(
                    "person.read",
                    "person",
                    Some(w.victim.clone()),
                    before.clone(),
                )],
            )
            .await
            .unwrap();
        let why = marker("audit_events.reason");
        app.store
            .erase_person(libertas_store::admin::Operator::console(), pid, &why)
            .await
            .unwrap();
        let events = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &AuditQuery {
                    object_id: Some(w.victim.clone()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let erase = events.iter().find(|e| e.action == "person.erase").unwrap();
        assert_eq!(
            erase.reason, why,
            "{backend}: the erasure's why stays readable"
        );
        let earlier: Vec<_> = events
            .iter()
            .filter(|e| e.action != "person.erase")
            .collect();
        assert!(!earlier.is_empty());
        for e in earlier {
            assert_eq!(
                (e.reason.as_str(), e.reason_unavailable),
                ("", Some("erased")),
                "{backend}: {} about the erased person",
                e.action
            );
        }
        let (s, v) = app
            .get(&format!("/api/v1/audit?object_id={}", w.victim), &w.admin)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(v["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["reason_unavailable"] == "erased"));
        // The audit page says so in words (the erasure itself, by the operator, belongs to no
        // organisation and is in `audit export`, not on the organisation's page).
        let mut admin = Browser::new(app);
        admin.sign_in("northadmin").await;
        let (s, _, page) = admin
            .get(&format!("/admin/audit?object_id={}", w.victim))
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            page.contains("(recorded about a person since erased)"),
            "{page}"
        );
        assert!(!page.contains("sealed:"), "no sealed text shown");
        let gone = [
            Written::gone("audit_events.reason", &before),
            Written::gone("audit_events.reason", &why),
        ];
        assert_nowhere(app, backend, &gone).await;
        assert!(matches!(
            app.store.verify_audit().await.unwrap(),
            VerifyOutcome::Intact { .. }
        ));
        w.app.stop().await;
    }
}
