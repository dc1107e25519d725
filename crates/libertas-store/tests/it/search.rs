//! Search and duplicate warnings in the store, on SQLite and (when configured) PostgreSQL:
//! misspellings and Romanian diacritics, need-to-know, erasure, and re-indexing at start-up.

use libertas_domain::admin::{Principal, Role};
use libertas_domain::cases::CaseTitle;
use libertas_domain::ids::{CaseId, PersonId};
use libertas_domain::people::search::SearchCriteria;
use libertas_domain::people::{BirthDate, NewPerson, PersonName, PersonRole, Phone};
use libertas_store::audit::AuditQuery;
use libertas_store::people::search::{DuplicateProbe, Reason};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::macros::date;

fn person(given: &str, family: &str, birth: Option<&str>, phone: Option<&str>) -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(given).unwrap(),
        family_name: PersonName::parse(family).unwrap(),
        birth_date: birth.map(|b| BirthDate::parse(b, date!(2026 - 11 - 22)).unwrap()),
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: phone.map(|p| Phone::parse(p).unwrap()),
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
}

fn criteria(name: Option<&str>, birth: Option<&str>, phone: Option<&str>) -> SearchCriteria {
    SearchCriteria::parse(name, birth, phone, None, date!(2026 - 11 - 22)).unwrap()
}

async fn case(store: &Store, p: &Principal, title: &str) -> CaseId {
    store
        .create_case(p, &CaseTitle::parse(title).unwrap(), "test")
        .await
        .unwrap()
        .id
}

async fn add(store: &Store, p: &Principal, c: CaseId, n: &NewPerson) -> PersonId {
    store.add_person(p, c, n, "test").await.unwrap().0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_misspelt_names_within_need_to_know() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let owner = principal(&store, "North", "owner", Role::Caseworker).await;
        let nonmember = principal(&store, "North", "nonmember", Role::Investigator).await;
        let other = principal(&store, "South", "other", Role::Caseworker).await;
        let analyst = principal(&store, "North", "analyst", Role::Analyst).await;
        let c = case(&store, &owner, "Operation Kestrel").await;
        let stefan = add(
            &store,
            &owner,
            c,
            &person(
                "Ștefan",
                "Popescu",
                Some("1990-04-02"),
                Some("+40 721 555 019"),
            ),
        )
        .await;
        add(&store, &owner, c, &person("Ioana", "Marin", None, None)).await;

        let found = store
            .search_people(&owner, &criteria(Some("Stefan Popesku"), None, None), "t")
            .await
            .unwrap();
        assert_eq!(found.hits.len(), 1, "{backend}");
        let hit = &found.hits[0];
        assert_eq!(hit.person_id, stefan);
        assert_eq!(hit.given_name.as_deref(), Some("Ștefan"));
        assert_eq!(hit.reasons, [Reason::Name, Reason::NamePhonetic]);
        assert_eq!(hit.cases.len(), 1);
        assert_eq!(hit.cases[0].title, "Operation Kestrel");
        assert_eq!(found.others, 0);

        // Birth date and phone alone find him too; the exact match ranks first.
        let by_birth = store
            .search_people(&owner, &criteria(None, Some("1990-04-02"), None), "t")
            .await
            .unwrap();
        assert_eq!(by_birth.hits.len(), 1);
        let by_phone = store
            .search_people(&owner, &criteria(None, None, Some("0040 721-555-019")), "t")
            .await
            .unwrap();
        assert_eq!(
            by_phone.hits.len(),
            1,
            "{backend}: another spelling of the number"
        );
        add(&store, &owner, c, &person("Stefan", "Popa", None, None)).await;
        let ranked = store
            .search_people(
                &owner,
                &criteria(Some("Ştefan Popescu"), Some("1990"), None),
                "t",
            )
            .await
            .unwrap();
        assert_eq!(ranked.hits.len(), 2);
        assert_eq!(ranked.hits[0].person_id, stefan);
        assert!(ranked.hits[0].reasons.contains(&Reason::BirthYear));

        // One shared sound of two tokens is noise, not a result ("Ana" sounds like "Ioana").
        let noise = store
            .search_people(&owner, &criteria(Some("Ana Popesku"), None, None), "t")
            .await
            .unwrap();
        assert!(noise.hits.is_empty(), "{backend}");

        // A colleague outside the case learns only that a strong match exists elsewhere…
        let hidden = store
            .search_people(
                &nonmember,
                &criteria(Some("Stefan Popesku"), None, None),
                "t",
            )
            .await
            .unwrap();
        assert!(hidden.hits.is_empty());
        assert_eq!(hidden.others, 1, "{backend}");
        // …and nothing at all from a single name.
        let weak = store
            .search_people(&nonmember, &criteria(Some("Stefan"), None, None), "t")
            .await
            .unwrap();
        assert_eq!((weak.hits.len(), weak.others), (0, 0));
        // Another organisation sees nothing, not even a count.
        let south = store
            .search_people(&other, &criteria(None, None, Some("+40721555019")), "t")
            .await
            .unwrap();
        assert_eq!((south.hits.len(), south.others), (0, 0));
        assert!(matches!(
            store
                .search_people(&analyst, &criteria(Some("Stefan"), None, None), "t")
                .await,
            Err(StoreError::Forbidden)
        ));

        // The audit holds the fields and counts, never the values.
        let events = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &AuditQuery {
                    limit: 1000,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let searches: Vec<_> = events
            .iter()
            .filter(|e| e.action == "search.people")
            .collect();
        assert_eq!(searches.len(), 8);
        for e in &events {
            let all = serde_json::to_string(e).unwrap().to_lowercase();
            assert!(!all.contains("popes"), "{all}");
            assert!(!all.contains("stefan"), "{all}");
        }
        assert!(searches[0].detail.to_string().contains("\"name\""));

        // Erasure takes him out of every search.
        store
            .erase_person(libertas_store::admin::Operator::console(), stefan, "test")
            .await
            .unwrap();
        for c in [
            criteria(Some("Stefan Popesku"), None, None),
            criteria(None, Some("1990-04-02"), None),
            criteria(None, None, Some("+40721555019")),
        ] {
            let after = store.search_people(&owner, &c, "t").await.unwrap();
            assert!(
                after.hits.iter().all(|h| h.person_id != stefan),
                "{backend}"
            );
            let hidden = store.search_people(&nonmember, &c, "t").await.unwrap();
            assert_eq!(hidden.others, 0);
        }
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicates_are_found_across_cases_and_counted_beyond_need_to_know() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let anna = principal(&store, "North", "anna", Role::Caseworker).await;
        let bogdan = principal(&store, "North", "bogdan", Role::Caseworker).await;
        let first_case = case(&store, &anna, "Operation Heron").await;
        let first = add(
            &store,
            &anna,
            first_case,
            &person("Ștefan", "Popescu", Some("1990-04-02"), None),
        )
        .await;
        // Same name, other birth date: not the same person.
        add(
            &store,
            &anna,
            first_case,
            &person("Stefan", "Popescu", Some("1975-01-01"), None),
        )
        .await;
        let second_case = case(&store, &anna, "Operation Egret").await;
        let typed = person("Stefan", "Popesku", Some("1990-04-02"), None);
        let second = add(&store, &anna, second_case, &typed).await;
        let probe = DuplicateProbe {
            given_name: "Stefan",
            family_name: "Popesku",
            birth_date: Some("1990-04-02"),
            phone: None,
            identity_numbers: &[],
        };
        let d = store
            .possible_duplicates(&anna, second, &probe, "t")
            .await
            .unwrap();
        assert_eq!(d.visible.len(), 1, "{backend}: {d:?}");
        assert_eq!(d.visible[0].person_id, first);
        assert_eq!(d.visible[0].case_ids, [first_case]);
        assert!(d.visible[0].reasons.contains(&Reason::BirthDate));
        assert!(d.visible[0].reasons.contains(&Reason::NamePhonetic));
        assert_eq!(d.others, 0);

        // Bogdan adds the same person to his own case: he is told of one record he cannot see.
        let his = case(&store, &bogdan, "Operation Plover").await;
        let mine = add(&store, &bogdan, his, &typed).await;
        let d = store
            .possible_duplicates(&bogdan, mine, &probe, "t")
            .await
            .unwrap();
        assert!(d.visible.is_empty());
        // Outside need-to-know the count is coarser: same name (every token), whatever the
        // birth date, so asking again with other dates cannot reveal it (issue 9). The 1975
        // Stefan Popescu counts too.
        assert_eq!(
            d.others, 3,
            "{backend}: every Stefan Popescu in Anna's cases"
        );
        // He may not probe a person he cannot see.
        assert!(matches!(
            store.possible_duplicates(&bogdan, first, &probe, "t").await,
            Err(StoreError::NotFound)
        ));
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_up_indexes_people_indexed_under_an_older_version() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let owner = principal(&store, "North", "owner", Role::Caseworker).await;
        let c = case(&store, &owner, "Operation Wren").await;
        let id = add(
            &store,
            &owner,
            c,
            &person("Mărioara", "Ţurcanu", None, None),
        )
        .await;
        store.close().await;

        // As if the person had been written before the search index existed.
        sqlx::any::install_default_drivers();
        let mut conn =
            <sqlx::AnyConnection as sqlx::Connection>::connect(&data.config.database_url())
                .await
                .unwrap();
        for sql in ["delete from search_index", "delete from search_index_state"] {
            sqlx::query(sql).execute(&mut conn).await.unwrap();
        }
        sqlx::Connection::close(conn).await.unwrap();

        let store = Store::open(data.config.clone()).await.unwrap();
        let found = store
            .search_people(&owner, &criteria(Some("marioara turcanu"), None, None), "t")
            .await
            .unwrap();
        assert_eq!(found.hits.len(), 1, "{backend}");
        assert_eq!(found.hits[0].person_id, id);
        let events = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &AuditQuery {
                    limit: 1000,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let reindex: Vec<_> = events
            .iter()
            .filter(|e| e.action == "search.reindex")
            .collect();
        assert_eq!(reindex.len(), 1);
        assert_eq!(reindex[0].detail["people"], 1);
        store.close().await;

        // Nothing left to do on the next start.
        let store = Store::open(data.config.clone()).await.unwrap();
        assert_eq!(store.reindex_search().await.unwrap(), 0);
        assert!(store.verify_audit().await.is_ok());
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_common_name_pages_past_records_the_caller_may_not_see() {
    for backend in backends() {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        let me = principal(&store, "North", "mira", Role::Caseworker).await;
        let colleague = principal(&store, "North", "colleague", Role::Caseworker).await;
        // The colleague's records come first in the ranking (same score, older ids).
        let theirs = case(&store, &colleague, "Operation Ibis").await;
        for _ in 0..120 {
            add(
                &store,
                &colleague,
                theirs,
                &person("Ion", "Popa", None, None),
            )
            .await;
        }
        let mine = case(&store, &me, "Operation Stork").await;
        for _ in 0..55 {
            add(&store, &me, mine, &person("Ion", "Popa", None, None)).await;
        }
        let found = store
            .search_people(&me, &criteria(Some("Ion Popa"), None, None), "t")
            .await
            .unwrap();
        assert_eq!(found.hits.len(), 50, "{backend}: a full page of my own");
        assert!(found.hits.iter().all(|h| h.cases[0].case_id == mine));
        assert_eq!(found.others, 120, "{backend}");
        store.close().await;
    }
}
