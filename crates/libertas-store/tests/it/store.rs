//! The store against real databases: SQLite always, PostgreSQL when
//! `LIBERTAS_TEST_DATABASE_URL` is set.

use libertas_domain::admin::{OrgName, Role};
use libertas_domain::cases::{CaseTitle, NoteText};
use libertas_domain::people::{Email, NewPerson, PersonName, PersonRole, Phone};
use libertas_store::audit::VerifyOutcome;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};

fn victim(given: &str, family: &str) -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(given).unwrap(),
        family_name: PersonName::parse(family).unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: Some(Phone::parse("+40 721 555 019").unwrap()),
        email: Some(Email::parse("zamfira@example.org").unwrap()),
        identity_numbers: vec!["RX 771203".into()],
        trafficking_status: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn case_people_notes_round_trip_with_need_to_know() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let bob = principal(&store, "North", "bob", Role::Investigator).await;
        let eve = principal(&store, "South", "eve", Role::Caseworker).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;

        let case = store
            .create_case(&ana, &CaseTitle::parse("Operation Lark").unwrap(), "t")
            .await
            .unwrap();
        let (pid, _) = store
            .add_person(&ana, case.id, &victim("Zamfira", "Oprescu"), "t")
            .await
            .unwrap();
        store
            .add_note(
                &ana,
                case.id,
                &NoteText::parse("Met at the shelter.").unwrap(),
                "t",
            )
            .await
            .unwrap();

        let seen = store.get_person(&ana, pid, "t").await.unwrap();
        assert_eq!(seen.given_name.as_deref(), Some("Zamfira"), "{backend}");
        assert_eq!(seen.identity_numbers, vec!["RX 771203".to_string()]);
        // Non-member, other organisation, and a role that never works cases.
        assert!(matches!(
            store.get_person(&bob, pid, "t").await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.get_case(&eve, case.id, "t").await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.get_case(&ann, case.id, "t").await,
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(
            store.add_member(&ana, case.id, "eve", "t").await,
            Err(StoreError::Invalid(_))
        ));
        assert!(store.add_member(&ana, case.id, "bob", "t").await.unwrap());
        assert!(!store.add_member(&ana, case.id, "bob", "t").await.unwrap());
        assert_eq!(
            store
                .get_person(&bob, pid, "t")
                .await
                .unwrap()
                .family_name
                .as_deref(),
            Some("Oprescu")
        );
        let notes = store.notes(&bob, case.id, None, "t").await.unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].text, "Met at the shelter.");
        assert_eq!(
            store
                .count_by_identifier(&bob, "phone", "+40721555019")
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            store
                .count_by_identifier(&eve, "phone", "+40721555019")
                .await
                .unwrap(),
            0
        );

        match store.verify_audit().await.unwrap() {
            VerifyOutcome::Intact { checked, .. } => assert!(checked > 10),
            other => panic!("{backend}: {other:?}"),
        }
        let reads = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &libertas_store::audit::AuditQuery {
                    object_id: Some(pid.to_string()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert!(reads
            .iter()
            .any(|e| e.action == "person.read" && e.actor == "bob"));
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_survives_restore_of_an_older_backup() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let case = store
            .create_case(&ana, &CaseTitle::parse("Lark").unwrap(), "t")
            .await
            .unwrap();
        let (pid, _) = store
            .add_person(&ana, case.id, &victim("Zamfira", "Oprescu"), "t")
            .await
            .unwrap();
        let (keep, _) = store
            .add_person(&ana, case.id, &victim("Ilinca", "Dobre"), "t")
            .await
            .unwrap();
        let file = t.dir.path().join("before.lbk");
        let summary = store
            .backup(libertas_store::admin::Operator::console(), &file, "t")
            .await
            .unwrap();
        assert!(summary.rows > 5);
        let bytes = std::fs::read(&file).unwrap();
        assert!(!bytes.windows(7).any(|w| w == b"Zamfira"));

        store
            .erase_person(
                libertas_store::admin::Operator::console(),
                pid,
                "request of the person",
            )
            .await
            .unwrap();
        let gone = store.get_person(&ana, pid, "t").await.unwrap();
        assert!(gone.erased && gone.given_name.is_none());
        assert_eq!(
            store
                .count_by_identifier(&ana, "phone", "+40721555019")
                .await
                .unwrap(),
            1
        );

        store
            .restore(libertas_store::admin::Operator::console(), &file, "t")
            .await
            .unwrap();
        let again = store.get_person(&ana, pid, "t").await.unwrap();
        assert!(again.erased, "{backend}: restored person must stay erased");
        assert!(again.given_name.is_none());
        assert_eq!(
            store
                .get_person(&ana, keep, "t")
                .await
                .unwrap()
                .given_name
                .as_deref(),
            Some("Ilinca")
        );
        // Only the kept person's phone look-up remains.
        assert_eq!(
            store
                .count_by_identifier(&ana, "email", "zamfira@example.org")
                .await
                .unwrap(),
            1
        );
        assert!(
            matches!(
                store.verify_audit().await.unwrap(),
                VerifyOutcome::Intact { .. }
            ),
            "{backend}"
        );
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_refuses_a_wrong_or_missing_master_key() {
    let t = TestData::new("sqlite").await;
    let store = Store::init(t.config.clone()).await.unwrap();
    store.close().await;
    assert!(matches!(
        Store::init(t.config.clone()).await,
        Err(StoreError::Config(_))
    ));
    let key = t.config.master_key_path();
    let saved = std::fs::read(&key).unwrap();
    std::fs::remove_file(&key).unwrap();
    assert!(matches!(
        Store::open(t.config.clone()).await,
        Err(StoreError::MasterKey(_))
    ));
    assert!(!key.exists(), "opening must never create a key");
    libertas_store::crypto::MasterKey::create(&key).unwrap();
    assert!(matches!(
        Store::open(t.config.clone()).await,
        Err(StoreError::WrongMasterKey)
    ));
    std::fs::write(&key, saved).unwrap();
    Store::open(t.config.clone()).await.unwrap().close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writes_share_commits_and_a_failing_one_spoils_nothing() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let case = store
            .create_case(&ana, &CaseTitle::parse("Lark").unwrap(), "t")
            .await
            .unwrap();
        let mut tasks = vec![];
        for i in 0..40 {
            let (store, ana) = (store.clone(), ana.clone());
            tasks.push(tokio::spawn(async move {
                if i % 5 == 0 {
                    // Fails inside its savepoint: the name is taken.
                    let r = store
                        .create_org(
                            libertas_store::admin::Operator::console(),
                            &OrgName::parse("North").unwrap(),
                            "t",
                        )
                        .await;
                    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
                    None
                } else {
                    Some(
                        store
                            .add_note(
                                &ana,
                                case.id,
                                &NoteText::parse(&format!("note {i}")).unwrap(),
                                "t",
                            )
                            .await
                            .unwrap()
                            .id,
                    )
                }
            }));
        }
        let mut written = vec![];
        for t in tasks {
            if let Some(id) = t.await.unwrap() {
                written.push(id);
            }
        }
        let notes = store.notes(&ana, case.id, None, "t").await.unwrap();
        assert_eq!(notes.len(), 32, "{backend}");
        assert!(written.iter().all(|id| notes.iter().any(|n| n.id == *id)));
        assert_eq!(
            store
                .orgs(libertas_store::admin::Operator::console())
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(
            matches!(
                store.verify_audit().await.unwrap(),
                VerifyOutcome::Intact { .. }
            ),
            "{backend}"
        );
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_sessions_are_swept() {
    let t = TestData::new("sqlite").await;
    let store = Store::init(t.config.clone()).await.unwrap();
    let ana = principal(&store, "North", "ana", Role::Caseworker).await;
    let cookie = store.create_session(&ana, true).await.unwrap();
    let policy = libertas_store::admin::SessionPolicy::default();
    assert_eq!(store.sweep_sessions(policy).await.unwrap(), 0);
    assert!(store.session(&cookie, policy).await.unwrap().is_some());
    let instant = libertas_store::admin::SessionPolicy {
        idle: time::Duration::ZERO,
        absolute: time::Duration::ZERO,
    };
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    assert_eq!(store.sweep_sessions(instant).await.unwrap(), 1);
    assert!(store.session(&cookie, policy).await.unwrap().is_none());
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backups_carry_every_table() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        assert_eq!(
            store.tables_missing_from_backups().await.unwrap(),
            Vec::<String>::new(),
            "{backend}: add them to TABLES in backup.rs"
        );
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_write_does_not_keep_the_database_locked() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let a = Store::init(t.config.clone()).await.unwrap();
        a.create_org(
            libertas_store::admin::Operator::console(),
            &OrgName::parse("North").unwrap(),
            "t",
        )
        .await
        .unwrap();
        // Fails inside its write transaction (the name is taken) and is dropped uncommitted.
        assert!(matches!(
            a.create_org(
                libertas_store::admin::Operator::console(),
                &OrgName::parse("North").unwrap(),
                "t"
            )
            .await,
            Err(StoreError::Conflict(_))
        ));
        // Another process (here: a second store on the same data) can write at once.
        let b = Store::open(t.config.clone()).await.unwrap();
        let south = OrgName::parse("South").unwrap();
        let write = b.create_org(libertas_store::admin::Operator::console(), &south, "t");
        tokio::time::timeout(std::time::Duration::from_secs(10), write)
            .await
            .expect("not blocked")
            .unwrap();
        assert!(
            matches!(
                a.verify_audit().await.unwrap(),
                VerifyOutcome::Intact { .. }
            ),
            "{backend}"
        );
        b.close().await;
        a.close().await;
    }
}
