//! Issue 9, finding 8, in the store: every method that answers about records outside the
//! caller's cases spends from one per-user budget, so every caller (page, API, CLI, a script
//! linking the crate) meets the same limit. Table-driven over the four methods, on SQLite and
//! (when configured) PostgreSQL.

use libertas_domain::admin::{Principal, Role};
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::search::SearchCriteria;
use libertas_domain::people::{NewPerson, PersonName, PersonRole};
use libertas_domain::reports::identifiers::DefaultRegion;
use libertas_store::audit::AuditQuery;
use libertas_store::people::search::{DuplicateProbe, LOOKUP_LIMIT, PROBING_DISTINCT};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::macros::date;

#[derive(Clone, Copy, Debug)]
enum Method {
    Search,
    Duplicates,
    ReportIdentifier,
    IdentifierCount,
}

const ALL: [Method; 4] = [
    Method::Search,
    Method::Duplicates,
    Method::ReportIdentifier,
    Method::IdentifierCount,
];

fn person(family: &str) -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse("Ana").unwrap(),
        family_name: PersonName::parse(family).unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
}

/// The `n`th distinct look-up through `m`.
async fn look_up(store: &Store, p: &Principal, m: Method, n: usize) -> Result<(), StoreError> {
    match m {
        Method::Search => {
            let c = SearchCriteria::parse(
                Some(&format!("Ana Marin{n}")),
                None,
                None,
                None,
                date!(2026 - 01 - 01),
            )
            .unwrap();
            store.search_people(p, &c, "t").await.map(|_| ())
        }
        Method::Duplicates => {
            let case = store
                .create_case(p, &CaseTitle::parse("Operation Lark").unwrap(), "t")
                .await
                .unwrap()
                .id;
            let family = format!("Marin{n}");
            let (id, _) = store
                .add_person(p, case, &person(&family), "t")
                .await
                .unwrap();
            let probe = DuplicateProbe {
                given_name: "Ana",
                family_name: &family,
                birth_date: None,
                phone: None,
                identity_numbers: &[],
            };
            store
                .possible_duplicates(p, id, &probe, "t")
                .await
                .map(|_| ())
        }
        Method::ReportIdentifier => store
            .reports_with_identifier(p, &format!("+4072155{n:04}"), DefaultRegion::default())
            .await
            .map(|_| ()),
        Method::IdentifierCount => store
            .count_by_identifier(p, "phone", &format!("+4072155{n:04}"))
            .await
            .map(|_| ()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_about_others_spends_one_budget() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let boss = principal(&store, "North", "boss", Role::Admin).await;
        for (i, spent_on) in ALL.into_iter().enumerate() {
            let p = principal(&store, "North", &format!("user{i}"), Role::Admin).await;
            for n in 0..LOOKUP_LIMIT as usize {
                look_up(&store, &p, spent_on, n)
                    .await
                    .unwrap_or_else(|e| panic!("{backend} {spent_on:?} {n}: {e}"));
            }
            for m in ALL {
                match look_up(&store, &p, m, 999).await {
                    Err(StoreError::TooManyRequests(s)) => {
                        assert!((1..=600).contains(&s), "{backend} {m:?}: {s}")
                    }
                    other => panic!("{backend}: {m:?} after {spent_on:?}: {other:?}"),
                }
            }
            let events = store
                .audit_events(
                    libertas_store::admin::Operator::console(),
                    &AuditQuery {
                        actor: Some(format!("user{i}")),
                        limit: 10_000,
                        ..Default::default()
                    },
                )
                .await
                .unwrap();
            let lookups: Vec<_> = events
                .iter()
                .filter(|e| e.action == "lookup.elsewhere")
                .collect();
            assert_eq!(
                lookups.len(),
                LOOKUP_LIMIT as usize + ALL.len(),
                "{backend} {spent_on:?}: one event per answer and per refusal"
            );
            assert!(lookups
                .iter()
                .all(|e| !e.detail.to_string().contains("Marin")));
            let alerts = store
                .security_alerts(
                    &boss,
                    time::OffsetDateTime::now_utc() - time::Duration::hours(1),
                    100,
                )
                .await
                .unwrap();
            assert!(
                alerts.iter().any(|a| a.action == "alert.lookup_probing"
                    && a.object_id.as_deref() == Some(p.user_id.to_string().as_str())),
                "{backend} {spent_on:?}: {PROBING_DISTINCT} distinct look-ups alert"
            );
        }
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn benchmarks_may_turn_the_budget_off() {
    let mut data = TestData::new("sqlite").await;
    data.config.lookup_limits = false;
    let store = Store::init(data.config.clone()).await.unwrap();
    let p = principal(&store, "North", "bench", Role::Caseworker).await;
    for n in 0..LOOKUP_LIMIT as usize + 5 {
        look_up(&store, &p, Method::Search, n).await.unwrap();
    }
    store.close().await;
}
