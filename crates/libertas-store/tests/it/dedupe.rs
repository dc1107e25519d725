//! Duplicates and merges over stored people, on SQLite and (when configured) PostgreSQL: the
//! job finds seeded duplicates and not distinct people, the queue keeps need-to-know, merge
//! then undo gives back exactly the earlier reads, erasing a merged person erases both
//! records, every step is audited, and no name reaches a file of the data directory.

use libertas_domain::admin::{Principal, Role};
use libertas_domain::cases::CaseTitle;
use libertas_domain::ids::{CaseId, PersonId};
use libertas_domain::people::search::SearchCriteria;
use libertas_domain::people::{BirthDate, NewPerson, PersonName, PersonRole, Phone};
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::people::dedupe::{DedupeOptions, JobProgress};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use std::sync::Arc;
use time::macros::date;

fn person(given: &str, family: &str, birth: &str, phone: Option<&str>) -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(given).unwrap(),
        family_name: PersonName::parse(family).unwrap(),
        birth_date: Some(BirthDate::parse(birth, date!(2026 - 11 - 22)).unwrap()),
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: phone.map(|p| Phone::parse(p).unwrap()),
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
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

/// Distinct people filling the organisation, so the engine learns how often strangers agree.
const FILLERS: usize = 120;

const SYLLABLES: [&str; 12] = [
    "ba", "do", "ri", "na", "le", "vo", "mi", "tu", "se", "ca", "pe", "lo",
];

/// The `i`th filler: a made-up given and family name of its own, and one of 40 birth dates
/// (strangers do share birth dates).
fn filler(i: usize) -> (String, String, String) {
    let s = |k: usize| SYLLABLES[k % SYLLABLES.len()];
    let cap = |w: String| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let given = cap(format!("{}{}{}", s(i), s(i / 12 + 3), "ra"));
    let family = cap(format!("{}{}{}scu", s(i / 12 + 5), s(i * 7), s(i + 1)));
    let birth = format!("19{}-{:02}-{:02}", 80 + i % 10, 1 + i % 4, 10 + i % 7);
    (given, family, birth)
}

/// ana: cases 1 and 2; bob: case 2 only; cy: neither. Maria (case 1, older, no phone) and
/// Mariia (case 2, a phone) are the same woman; Marin Popovici is someone else born the same
/// day; FILLERS distinct others fill case 1.
pub(crate) struct World {
    pub(crate) store: Store,
    pub(crate) ana: Principal,
    bob: Principal,
    cy: Principal,
    pub(crate) maria: PersonId,
    pub(crate) mariia: PersonId,
    marin: PersonId,
}

pub(crate) async fn world(t: &TestData) -> World {
    let store = Store::init(t.config.clone()).await.unwrap();
    let ana = principal(&store, "North", "ana", Role::Caseworker).await;
    let bob = principal(&store, "North", "bob", Role::Caseworker).await;
    let cy = principal(&store, "North", "cyd", Role::Caseworker).await;
    let one = case(&store, &ana, "Operation Kestrel").await;
    let two = case(&store, &ana, "Operation Heron").await;
    store.add_member(&ana, two, "bob", "test").await.unwrap();
    let maria = add(
        &store,
        &ana,
        one,
        &person("Maria", "Popescu", "1990-04-02", None),
    )
    .await;
    for i in 0..FILLERS {
        let (given, family, birth) = filler(i);
        add(&store, &ana, one, &person(&given, &family, &birth, None)).await;
    }
    let mariia = add(
        &store,
        &ana,
        two,
        &person("Mariia", "Popescu", "1990-04-02", Some("+40 721 555 019")),
    )
    .await;
    let marin = add(
        &store,
        &ana,
        two,
        &person("Marin", "Popovici", "1990-04-02", None),
    )
    .await;
    World {
        store,
        ana,
        bob,
        cy,
        maria,
        mariia,
        marin,
    }
}

pub(crate) async fn run_job(w: &World) -> libertas_store::people::dedupe::DedupeJob {
    let progress = Arc::new(JobProgress::default());
    w.store
        .run_dedupe_job(
            Operator::console().into(),
            w.ana.org_id,
            &DedupeOptions::default(),
            progress,
        )
        .await
        .unwrap()
}

async fn actions(store: &Store) -> Vec<String> {
    let q = AuditQuery {
        limit: 100_000,
        ..Default::default()
    };
    store
        .audit_events(Operator::console(), &q)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_proposes_seeded_duplicates_only_and_queue_keeps_need_to_know() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let w = world(&t).await;
        let job = run_job(&w).await;
        assert_eq!(
            (job.status.as_str(), job.stage.as_str()),
            ("done", "done"),
            "{backend}"
        );
        assert_eq!(job.people, FILLERS as i64 + 3, "{backend}");
        assert_eq!(job.candidates, 1, "{backend}: only Maria and Mariia");
        let jobs = w
            .store
            .dedupe_jobs((&w.bob).into(), w.ana.org_id)
            .await
            .unwrap();
        assert_eq!(jobs.len(), 1);

        // ana is on a case of both: the pair in full.
        let q = w.store.review_queue(&w.ana, "review").await.unwrap();
        assert_eq!(q.entries.len(), 1, "{backend}");
        let pair = q.entries[0].pair.as_ref().expect("ana sees the pair");
        assert_eq!((pair.a.id, pair.b.id), ordered(w.maria, w.mariia));
        assert!(pair.score >= 0.8, "{backend}: {}", pair.score);
        assert!(
            pair.fields.iter().any(|f| f == "birth_date"),
            "{:?}",
            pair.fields
        );
        assert!(
            pair.fields.iter().any(|f| f == "family_name"),
            "{:?}",
            pair.fields
        );
        assert!(![pair.a.id, pair.b.id].contains(&w.marin));
        let id = q.entries[0].id;

        // bob is on Mariia's case only: he sees that a candidate exists, his record, and
        // whom to ask; never Maria.
        let q = w.store.review_queue(&w.bob, "review").await.unwrap();
        let e = &q.entries[0];
        assert!(e.pair.is_none());
        assert_eq!(e.yours, Some(w.mariia));
        assert_eq!(e.ask, ["ana"]);
        let json = serde_json::to_string(&q).unwrap();
        assert!(!json.contains(&w.maria.to_string()) && !json.contains("Popescu"));
        // cy is on neither case: only whom to ask.
        let q = w.store.review_queue(&w.cy, "review").await.unwrap();
        assert_eq!(
            (q.entries[0].yours, q.entries[0].ask.clone()),
            (None, vec!["ana".to_owned(), "bob".to_owned()])
        );
        // Neither may open, merge or dismiss it: exactly as if it did not exist.
        for who in [&w.bob, &w.cy] {
            assert!(matches!(
                w.store.dedupe_candidate(who, id, "t").await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                w.store.merge_candidate(who, id, "t").await,
                Err(StoreError::NotFound)
            ));
            assert!(matches!(
                w.store.dismiss_candidate(who, id, "t").await,
                Err(StoreError::NotFound)
            ));
        }
        let analyst = principal(&w.store, "North", "alma", Role::Analyst).await;
        assert!(matches!(
            w.store.review_queue(&analyst, "t").await,
            Err(StoreError::Forbidden)
        ));
        let south = principal(&w.store, "South", "sam", Role::Caseworker).await;
        assert!(w
            .store
            .review_queue(&south, "t")
            .await
            .unwrap()
            .entries
            .is_empty());
        assert!(matches!(
            w.store.dedupe_candidate(&south, id, "t").await,
            Err(StoreError::NotFound)
        ));
        // Staff without administration cannot start a job.
        let started = w
            .store
            .run_dedupe_job(
                (&w.ana).into(),
                w.ana.org_id,
                &DedupeOptions::default(),
                Arc::default(),
            )
            .await;
        assert!(matches!(started, Err(StoreError::Forbidden)));

        // "Not the same person": closed, and not proposed again by the next run.
        w.store
            .dismiss_candidate(&w.ana, id, "checked the files")
            .await
            .unwrap();
        assert!(w
            .store
            .review_queue(&w.ana, "t")
            .await
            .unwrap()
            .entries
            .is_empty());
        run_job(&w).await;
        assert!(w
            .store
            .review_queue(&w.ana, "t")
            .await
            .unwrap()
            .entries
            .is_empty());
        let acts = actions(&w.store).await;
        for a in [
            "dedupe.job.start",
            "dedupe.job.finish",
            "dedupe.queue.read",
            "dedupe.dismiss",
        ] {
            assert!(acts.iter().any(|x| x == a), "{backend}: no {a}");
        }

        // Nothing personal reached a file of the data directory (database, WAL, key store).
        for file in files(t.dir.path()) {
            let bytes = std::fs::read(&file).unwrap();
            for name in [&b"Popescu"[..], b"Mariia", b"POPESCU", b"popescu"] {
                assert!(
                    !bytes.windows(name.len()).any(|x| x == name),
                    "{backend}: {} holds a name",
                    file.display()
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merge_then_undo_gives_back_the_same_reads_and_erasure_takes_both() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let w = world(&t).await;
        run_job(&w).await;
        let read = |id| {
            let (s, a) = (&w.store, &w.ana);
            async move { serde_json::to_value(s.get_person(a, id, "t").await.unwrap()).unwrap() }
        };
        let before = (read(w.maria).await, read(w.mariia).await);
        let id = w.store.review_queue(&w.ana, "t").await.unwrap().entries[0].id;

        let merge = w
            .store
            .merge_candidate(&w.ana, id, "same woman")
            .await
            .unwrap();
        assert_eq!((merge.kept_id, merge.absorbed_id), (w.maria, w.mariia));
        assert_eq!(merge.filled, ["phone"]);
        let kept = w.store.get_person(&w.ana, w.maria, "t").await.unwrap();
        assert_eq!(kept.phone.as_deref(), Some("+40 721 555 019"), "{backend}");
        assert_eq!(kept.given_name.as_deref(), Some("Maria"));
        // Mariia's own record and history stay as they were.
        assert_eq!(read(w.mariia).await, before.1);
        assert!(w
            .store
            .review_queue(&w.ana, "t")
            .await
            .unwrap()
            .entries
            .is_empty());
        assert_eq!(w.store.merges_of(&w.ana, w.mariia).await.unwrap().len(), 1);
        assert!(matches!(
            w.store.merges_of(&w.cy, w.mariia).await,
            Err(StoreError::NotFound)
        ));
        // bob (Mariia's case only) may not undo it.
        assert!(matches!(
            w.store.undo_merge(&w.bob, merge.id, "t").await,
            Err(StoreError::NotFound)
        ));
        // A new run leaves the absorbed record out.
        assert_eq!(run_job(&w).await.people, FILLERS as i64 + 2, "{backend}");

        w.store
            .undo_merge(&w.ana, merge.id, "not sure after all")
            .await
            .unwrap();
        assert_eq!(
            (read(w.maria).await, read(w.mariia).await),
            before,
            "{backend}"
        );
        let q = w.store.review_queue(&w.ana, "t").await.unwrap();
        assert_eq!(q.entries.len(), 1);
        assert!(q.merges[0].undone_at.is_some());
        assert!(matches!(
            w.store.undo_merge(&w.ana, merge.id, "t").await,
            Err(StoreError::NotFound)
        ));

        // Merge again, then erase the merged person: both records are gone.
        let id = q.entries[0].id;
        w.store
            .merge_candidate(&w.ana, id, "same woman")
            .await
            .unwrap();
        w.store
            .erase_person(Operator::console(), w.maria, "request of the person")
            .await
            .unwrap();
        for id in [w.maria, w.mariia] {
            let p = w.store.get_person(&w.ana, id, "t").await.unwrap();
            assert!(
                p.erased && p.given_name.is_none() && p.phone.is_none(),
                "{backend}"
            );
        }
        let crit = SearchCriteria::parse(
            Some("Mariia Popescu"),
            None,
            None,
            None,
            date!(2026 - 11 - 22),
        )
        .unwrap();
        let found = w.store.search_people(&w.ana, &crit, "t").await.unwrap();
        assert!(found
            .hits
            .iter()
            .all(|h| h.person_id != w.maria && h.person_id != w.mariia));
        assert_eq!(found.others, 0);
        let acts = actions(&w.store).await;
        for a in ["person.merge", "person.merge.undo", "person.erase"] {
            assert!(acts.iter().any(|x| x == a), "{backend}: no {a}");
        }
        assert_eq!(acts.iter().filter(|x| *x == "person.erase").count(), 2);
    }
}

fn ordered(a: PersonId, b: PersonId) -> (PersonId, PersonId) {
    if a.to_string() < b.to_string() {
        (a, b)
    } else {
        (b, a)
    }
}

fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The job started by an administrator (a page or the API) runs in the background to the same
/// result as the command line's; a caseworker may not start it; while one runs another is
/// refused, but a job left `running` by a dead server stops blocking after an hour.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_starts_the_job_in_the_background_once_at_a_time() {
    use libertas_store::stats::testing::{exec, Arg};
    for backend in backends() {
        let t = TestData::new(backend).await;
        let w = world(&t).await;
        let admin = principal(&w.store, "North", "ada", Role::Admin).await;
        assert!(
            matches!(
                w.store.start_dedupe_job(&w.ana).await,
                Err(StoreError::Forbidden)
            ),
            "{backend}"
        );
        let org = admin.org_id.to_string();
        // A job running for ten minutes blocks a new one; one "running" for two hours does not.
        let at = |minutes: i64| {
            libertas_store::clock::to_text(
                libertas_store::clock::now() - time::Duration::minutes(minutes),
            )
        };
        let insert = "insert into dedupe_jobs (id, org_id, status, stage, started_by, started_at)
                      values ($1, $2, 'running', 'scoring', 'cli', $3)";
        exec(
            &w.store,
            insert,
            &[Arg::Text("old-job"), Arg::Text(&org), Arg::Text(&at(120))],
        )
        .await;
        exec(
            &w.store,
            insert,
            &[Arg::Text("live-job"), Arg::Text(&org), Arg::Text(&at(10))],
        )
        .await;
        assert!(
            matches!(
                w.store.start_dedupe_job(&admin).await,
                Err(StoreError::Refused { field: "job", .. })
            ),
            "{backend}"
        );
        exec(
            &w.store,
            "update dedupe_jobs set status = 'done' where id = 'live-job'",
            &[],
        )
        .await;
        let started = w.store.start_dedupe_job(&admin).await.unwrap();
        assert_eq!(started.status, "running", "{backend}");
        // It finishes on its own and proposes the seeded pair.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
        let done = loop {
            let jobs = w
                .store
                .dedupe_jobs((&admin).into(), admin.org_id)
                .await
                .unwrap();
            let job = jobs.into_iter().find(|j| j.id == started.id).unwrap();
            if job.status != "running" {
                break job;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{backend}: still {job:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        };
        assert_eq!(done.status, "done", "{backend}: {done:?}");
        assert_eq!(done.candidates, 1, "{backend}: {done:?}");
        let q = w.store.review_queue(&w.ana, "t").await.unwrap();
        let pair = q.entries[0].pair.as_ref().unwrap();
        let ids = [pair.a.id, pair.b.id];
        assert!(
            ids.contains(&w.maria) && ids.contains(&w.mariia),
            "{backend}"
        );
        assert!(actions(&w.store)
            .await
            .contains(&"dedupe.job.start".to_owned()));
    }
}

/// Identity numbers are a list: a merge gives the kept record the numbers it lacked, not only
/// a missing list, and an undo takes them back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_combines_identity_numbers_and_an_undo_takes_them_back() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let one = case(&store, &ana, "Operation Kestrel").await;
        let two = case(&store, &ana, "Operation Heron").await;
        let with_ids = |given: &str, ids: &[&str]| {
            let mut p = person(given, "Popescu", "1990-04-02", Some("+40 721 555 019"));
            p.identity_numbers = ids.iter().map(|i| (*i).to_owned()).collect();
            p
        };
        let maria = add(&store, &ana, one, &with_ids("Maria", &["RO1234567"])).await;
        for i in 0..FILLERS {
            let (given, family, birth) = filler(i);
            add(&store, &ana, one, &person(&given, &family, &birth, None)).await;
        }
        add(
            &store,
            &ana,
            two,
            &with_ids("Mariia", &["RO1234567", "UA7654321"]),
        )
        .await;
        store
            .run_dedupe_job(
                Operator::console().into(),
                ana.org_id,
                &DedupeOptions::default(),
                Arc::new(JobProgress::default()),
            )
            .await
            .unwrap();
        let q = store.review_queue(&ana, "t").await.unwrap();
        assert_eq!(q.entries.len(), 1, "{backend}");
        let m = store
            .merge_candidate(&ana, q.entries[0].id, "t")
            .await
            .unwrap();
        assert_eq!(m.kept_id, maria, "{backend}");
        assert_eq!(m.filled, vec!["identity_numbers"], "{backend}");
        let kept = store.get_person(&ana, maria, "t").await.unwrap();
        assert_eq!(
            kept.identity_numbers,
            vec!["RO1234567".to_owned(), "UA7654321".to_owned()],
            "{backend}"
        );
        store.undo_merge(&ana, m.id, "t").await.unwrap();
        let kept = store.get_person(&ana, maria, "t").await.unwrap();
        assert_eq!(
            kept.identity_numbers,
            vec!["RO1234567".to_owned()],
            "{backend}"
        );
    }
}

/// Records that all look alike (a placeholder name entered again and again) cannot flood the
/// queue: a run stores the best-scored `MAX_PAIRS` and counts the rest in its audit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn look_alike_records_store_at_most_the_best_pairs() {
    use libertas_store::people::dedupe::MAX_PAIRS;
    use libertas_store::testing::{bulk_people, BulkPerson};
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let one = case(&store, &ana, "Operation Kestrel").await;
        let mut people: Vec<BulkPerson> = (0..FILLERS)
            .map(|i| {
                let (given_name, family_name, birth) = filler(i);
                BulkPerson {
                    given_name,
                    family_name,
                    birth_date: Some(birth),
                    phone: None,
                }
            })
            .collect();
        people.extend((0..140).map(|_| BulkPerson {
            given_name: "Unknown".into(),
            family_name: "Unknown".into(),
            birth_date: Some("2000-01-01".into()),
            phone: None,
        }));
        bulk_people(&store, ana.org_id, one, &people).await.unwrap();
        let job = store
            .run_dedupe_job(
                Operator::console().into(),
                ana.org_id,
                &DedupeOptions::default(),
                Arc::new(JobProgress::default()),
            )
            .await
            .unwrap();
        let finish = store
            .audit_events(Operator::console(), &AuditQuery::default())
            .await
            .unwrap()
            .into_iter()
            .find(|e| e.action == "dedupe.job.finish")
            .unwrap();
        let dropped = finish.detail["pairs_not_stored"].as_u64().unwrap();
        assert!(dropped > 0, "{backend}: the look-alikes made too few pairs");
        assert_eq!(job.candidates, MAX_PAIRS as i64, "{backend}");
        assert_eq!(finish.detail["pairs"], MAX_PAIRS, "{backend}");
    }
}
