//! Records stored before short numbers existed (migrations 0017 and 0018 added the column
//! empty) are numbered when the store starts: oldest first, per organisation, kind and year,
//! in one audited transaction, and a second start changes nothing. SQLite and PostgreSQL.

use libertas_domain::admin::Role;
use libertas_domain::cases::CaseTitle;
use libertas_domain::reports::identifiers::DefaultRegion;
use libertas_domain::reports::{Channel, ReportInput};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::Store;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_records_are_numbered_at_start_oldest_first_per_org_and_year() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let (cases, reports) = {
            let store = Store::init(data.config.clone()).await.unwrap();
            let north = principal(&store, "North", "north", Role::Caseworker).await;
            let south = principal(&store, "South", "south", Role::Caseworker).await;
            let hot = principal(&store, "North", "hot", Role::Hotline).await;
            let mut cases = vec![];
            for (who, title) in [(&north, "A"), (&north, "B"), (&south, "C"), (&north, "D")] {
                let title = CaseTitle::parse(title).unwrap();
                cases.push(store.create_case(who, &title, "t").await.unwrap().id);
            }
            let mut reports = vec![];
            for _ in 0..2 {
                let input = ReportInput {
                    narrative: "Workers locked in at night.".into(),
                    location: None,
                    when: None,
                    people: None,
                    in_danger_now: false,
                    identifiers: vec![],
                    contact: None,
                    safe_to_contact: None,
                    contact_safety: None,
                    language: None,
                };
                reports.push(
                    store
                        .operator_intake(&hot, Channel::Phone, &input, DefaultRegion::default())
                        .await
                        .unwrap(),
                );
            }
            (cases, reports)
        };
        // As before the migrations: no numbers, no counters; case D came in 2024.
        sqlx::any::install_default_drivers();
        let mut conn =
            <sqlx::AnyConnection as sqlx::Connection>::connect(&data.config.database_url())
                .await
                .unwrap();
        for sql in [
            "update cases set number = null",
            "update reports set number = null",
            "delete from id_counters",
        ] {
            sqlx::query(sql).execute(&mut conn).await.unwrap();
        }
        sqlx::query("update cases set created_at = '2024-05-01T08:00:00.000000Z' where id = $1")
            .bind(cases[3].to_string())
            .execute(&mut conn)
            .await
            .unwrap();

        drop(Store::open(data.config.clone()).await.unwrap());
        let store = Store::open(data.config.clone()).await.unwrap();
        assert!(
            matches!(
                store.verify_audit().await.unwrap(),
                libertas_store::audit::VerifyOutcome::Intact { .. }
            ),
            "{backend}"
        );
        let year = &libertas_store::clock::now_text()[0..4];
        let number_of = |table: &'static str, id: String| {
            let url = data.config.database_url();
            async move {
                let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
                    .await
                    .unwrap();
                sqlx::query_scalar::<_, String>(&format!(
                    "select number from {table} where id = $1"
                ))
                .bind(id)
                .fetch_one(&mut conn)
                .await
                .unwrap()
            }
        };
        let want = [
            format!("C-{year}-00001"),
            format!("C-{year}-00002"),
            format!("C-{year}-00001"),
            "C-2024-00001".to_owned(),
        ];
        for (id, want) in cases.iter().zip(want) {
            assert_eq!(number_of("cases", id.to_string()).await, want, "{backend}");
        }
        for (i, id) in reports.iter().enumerate() {
            assert_eq!(
                number_of("reports", id.to_string()).await,
                format!("R-{year}-{:05}", i + 1),
                "{backend}"
            );
        }
        // One event per kind (the second start found nothing to number).
        let events: Vec<(String, String)> = sqlx::query_as(
            "select action, detail from audit_events where action in ('case.number', 'report.number')
             order by seq",
        )
        .fetch_all(&mut conn)
        .await
        .unwrap();
        let details: Vec<(String, serde_json::Value)> = events
            .into_iter()
            .map(|(a, d)| (a, serde_json::from_str(&d).unwrap()))
            .collect();
        assert_eq!(
            details,
            vec![
                ("case.number".to_owned(), serde_json::json!({ "cases": 4 })),
                (
                    "report.number".to_owned(),
                    serde_json::json!({ "reports": 2 })
                ),
            ],
            "{backend}"
        );
    }
}
