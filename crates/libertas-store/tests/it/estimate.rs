//! The hidden-victim estimate in the store: the figure from stored people equals
//! `libertas_analytics` run on the same capture histories, the same seed gives the same
//! result, records of one person on two lists count once, the exported table hides small
//! cells, who may run and read, the audit event, and no name in the data directory after a
//! run. SQLite and (when configured) PostgreSQL.

use libertas_analytics::mse::{
    bootstrap::resample, estimate, CaptureData, EstimateOptions, Method,
};
use libertas_domain::admin::{Principal, Role};
use libertas_domain::cases::referrals::NewPartner;
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{
    BirthDate, Email, Gender, NewPerson, PersonName, PersonRole, Phone, TraffickingStatus,
};
use libertas_domain::stats::estimate::{
    EstimateMethod, EstimateRequest, ListSource, BOOTSTRAP_REPLICATES,
};
use libertas_domain::stats::{Period, SMALL_COUNT};
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::stats::testing::{exec, Arg};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

const GIVEN: [&str; 12] = [
    "Zamfira", "Bogdan", "Ilinca", "Tudor", "Anca", "Mihail", "Oksana", "Taras", "Lidia",
    "Nicolae", "Vasilisa", "Doru",
];
const FAMILY: [&str; 9] = [
    "Oprescu",
    "Lungu",
    "Moraru",
    "Ceban",
    "Rusu",
    "Bondarenko",
    "Kovalenko",
    "Popa",
    "Sirbu",
];
/// People (distinct humans) in the fixture, and how many of them were recorded twice.
const PEOPLE: usize = 90;
const TWICE: usize = 6;

/// The lists of person `i` (bit k: `ListSource::ALL[k]`), independent draws so the data look
/// like real overlapping lists; never empty.
fn lists_of(i: usize, salt: u64) -> usize {
    let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt;
    let mut mask = 0;
    for (k, p) in [55u64, 45, 35, 40, 50].iter().enumerate() {
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 32;
        if x % 100 < *p {
            mask |= 1 << k;
        }
    }
    if mask == 0 {
        1 << (i % 5)
    } else {
        mask
    }
}

fn person(i: usize) -> NewPerson {
    let today = time::OffsetDateTime::now_utc().date();
    let year = 1970 + (i % 35);
    let month = 1 + (i * 5) % 12;
    let day = 1 + (i * 7) % 28;
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(GIVEN[i % GIVEN.len()]).unwrap(),
        family_name: PersonName::parse(FAMILY[(i / GIVEN.len()) % FAMILY.len()]).unwrap(),
        birth_date: Some(BirthDate::parse(&format!("{year}-{month:02}-{day:02}"), today).unwrap()),
        gender: Some(if i % 2 == 0 {
            Gender::Feminine
        } else {
            Gender::Masculine
        }),
        citizenship: vec![],
        languages: vec![],
        phone: Some(Phone::parse(&format!("+40 722 {:03} {:03}", 100 + i, 300 + i * 3)).unwrap()),
        email: Some(Email::parse(&format!("p{i}.x{}@example.org", i * 13)).unwrap()),
        identity_numbers: vec![],
        trafficking_status: Some(TraffickingStatus::Possible),
    }
}

/// Puts the stored person `pid` (case-person `cp` of `case`) on the lists of `mask`, dated
/// today.
struct Lists<'a> {
    store: &'a Store,
    p: &'a Principal,
    report_case: String,
    case: String,
    operation: String,
    partner: String,
    n: usize,
}

impl Lists<'_> {
    async fn put(&mut self, pid: &str, cp: &str, mask: usize) {
        let now = time::OffsetDateTime::now_utc();
        let instant = libertas_store::clock::to_text(now);
        let today = libertas_domain::cases::decisions::date_text(now.date());
        let org = self.p.org_id.to_string();
        let user = self.p.user_id.to_string();
        self.n += 1;
        let id = |kind: &str| format!("{kind}-{}", self.n);
        if mask & 1 != 0 {
            exec(self.store, "insert into case_people (id, case_id, person_id, role, created_at) values ($1, $2, $3, 'victim', $4)",
                &[Arg::Text(&id("rcp")), Arg::Text(&self.report_case), Arg::Text(pid), Arg::Text(&instant)]).await;
        }
        if mask & 2 != 0 {
            exec(self.store, "insert into decisions (id, case_id, case_person_id, rule_set, created_by, created_at) values ($1, $2, $3, 'uk-nrm', $4, $5)",
                &[Arg::Text(&id("d")), Arg::Text(&self.case), Arg::Text(cp), Arg::Text(&user), Arg::Text(&instant)]).await;
        }
        if mask & 4 != 0 {
            exec(
                self.store,
                "insert into operation_people (operation_id, person_id) values ($1, $2)",
                &[Arg::Text(&self.operation), Arg::Text(pid)],
            )
            .await;
        }
        if mask & 8 != 0 {
            exec(self.store,
                "insert into referrals (id, org_id, case_id, person_id, partner_id, kind, status, basis, services, created_by, created_at, updated_by, updated_at)
                 values ($1, $2, $3, $4, $5, 'referral', 'requested', 'consent', 'shelter', $6, $7, $6, $7)",
                &[Arg::Text(&id("f")), Arg::Text(&org), Arg::Text(&self.case), Arg::Text(pid), Arg::Text(&self.partner), Arg::Text(&user), Arg::Text(&instant)]).await;
        }
        if mask & 16 != 0 {
            exec(self.store,
                "insert into care_plans (id, person_id, org_id, case_id, case_person_id, opened_on, status, created_by, created_at)
                 values ($1, $2, $3, $4, $5, $6, 'closed', $7, $8)",
                &[Arg::Text(&id("pl")), Arg::Text(pid), Arg::Text(&org), Arg::Text(&self.case), Arg::Text(cp), Arg::Text(&today), Arg::Text(&user), Arg::Text(&instant)]).await;
        }
    }
}

/// North's people on the five lists; `TWICE` of them recorded a second time (same name,
/// birth date, phone and e-mail) on other lists. Returns the expected capture-history cells
/// (the union of each person's lists) and North's hotline worker.
async fn fixture(store: &Store) -> (Vec<f64>, Principal) {
    let hana = principal(store, "North", "hana", Role::Hotline).await;
    let org = hana.org_id.to_string();
    let user = hana.user_id.to_string();
    let now = libertas_store::clock::to_text(time::OffsetDateTime::now_utc());
    let today =
        libertas_domain::cases::decisions::date_text(time::OffsetDateTime::now_utc().date());
    let case = store
        .create_case(&hana, &CaseTitle::parse("Lark").unwrap(), "t")
        .await
        .unwrap();
    let report_case = store
        .create_case(&hana, &CaseTitle::parse("Wren").unwrap(), "t")
        .await
        .unwrap();
    exec(store, "insert into reports (id, org_id, channel, status, narrative, case_id, created_at, updated_at) values ('r-1', $1, 'phone', 'case_opened', $2, $3, $4, $4)",
        &[Arg::Text(&org), Arg::Bytes(b"sealed"), Arg::Text(&report_case.id.to_string()), Arg::Text(&now)]).await;
    exec(store, "insert into operations (id, org_id, case_id, name, agencies, location, status, planned_on, executed_on, created_by, created_at, updated_by, updated_at)
                 values ('o-1', $1, $2, $3, 'police', $3, 'executed', $4, $4, $5, $6, $5, $6)",
        &[Arg::Text(&org), Arg::Text(&case.id.to_string()), Arg::Bytes(b"sealed"), Arg::Text(&today), Arg::Text(&user), Arg::Text(&now)]).await;
    let kinds = vec!["shelter".to_owned()];
    let langs = vec!["ro".to_owned()];
    let new = NewPartner::parse("Shelter", &kinds, "Iasi", &langs, "Call", "112").unwrap();
    let boss = principal(store, "North", "boss", Role::Admin).await;
    let partner = store
        .create_partner(&boss, &new, None, "t")
        .await
        .unwrap()
        .id
        .to_string();
    let mut lists = Lists {
        store,
        p: &hana,
        report_case: report_case.id.to_string(),
        case: case.id.to_string(),
        operation: "o-1".into(),
        partner,
        n: 0,
    };
    let mut cells = vec![0.0; 32];
    for i in 0..PEOPLE {
        let mut union = 0;
        let records = if i < TWICE { 2 } else { 1 };
        for r in 0..records {
            let mask = lists_of(i, r as u64 * 77);
            union |= mask;
            let (pid, cp) = store
                .add_person(&hana, case.id, &person(i), "t")
                .await
                .unwrap();
            lists.put(&pid.to_string(), &cp.to_string(), mask).await;
        }
        cells[union] += 1.0;
    }
    (cells, hana)
}

fn request(sources: &[ListSource], method: EstimateMethod, seed: u64) -> EstimateRequest {
    let today = time::OffsetDateTime::now_utc().date();
    let codes: Vec<String> = sources.iter().map(|s| s.as_str().to_owned()).collect();
    EstimateRequest::parse(
        &codes,
        Period::parse(None, None, today).unwrap(),
        method,
        seed,
    )
    .unwrap()
}

fn files_holding(dir: &std::path::Path, needle: &[u8]) -> Vec<String> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                if bytes.windows(needle.len()).any(|w| w == needle) {
                    hits.push(path.display().to_string());
                }
            }
        }
    }
    hits
}

#[tokio::test]
async fn the_estimate_from_stored_people_is_the_engine_on_their_linked_histories() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let (cells, _hana) = fixture(&store).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let req = request(&ListSource::ALL, EstimateMethod::Stepwise, 42);
        let run = store.run_estimate(&ann, &req, "study").await.unwrap();

        // Records of one person on two lists count once: the observed total is the people,
        // not the records.
        assert_eq!(run.result.observed, PEOPLE as u64, "{backend}");
        let names: Vec<String> = ListSource::ALL
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect();
        let data = CaptureData::from_cells(names, cells.clone()).unwrap();
        let mut rng = ChaCha20Rng::seed_from_u64(42);
        let boot = resample(&data, BOOTSTRAP_REPLICATES, &mut rng);
        let direct = estimate(
            &data,
            &EstimateOptions {
                method: Method::Stepwise { pthresh: 0.02 },
                level: 0.95,
                bootstrap: Some(boot),
            },
        )
        .unwrap();
        assert_eq!(run.result.estimate, direct.estimate, "{backend}");
        assert_eq!(run.result.ci, direct.ci, "{backend}");
        assert_eq!(run.result.model, direct.model, "{backend}");

        // Every printed cell is the true one, or hidden; hidden ones are small or hidden
        // with a small one; no printed cell is small.
        for (mask, cell) in run.histories.iter().enumerate().map(|(i, c)| (i + 1, c)) {
            match cell.count {
                Some(c) => {
                    assert_eq!(c as f64, cells[mask], "{backend} {}", cell.pattern);
                    assert!(c == 0 || c >= SMALL_COUNT, "{backend} {}", cell.pattern);
                }
                None => assert!(cells[mask] > 0.0, "{backend}"),
            }
        }
        assert!(
            run.histories.iter().any(|c| c.count.is_none()),
            "{backend}: fixture has small cells"
        );
        assert_ne!(
            run.histories.iter().filter(|c| c.count.is_none()).count(),
            1
        );

        // The CSV is that table and nothing else.
        let csv = String::from_utf8(
            store
                .estimate_histories_csv(&ann, run.id, "t")
                .await
                .unwrap(),
        )
        .unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("reports,identification,police,referrals,aftercare,count")
        );
        assert_eq!(lines.count(), 31, "{backend}");
        for line in csv.lines().skip(1) {
            let count = line.rsplit(',').next().unwrap();
            if let Ok(c) = count.parse::<u64>() {
                assert!(c == 0 || c >= SMALL_COUNT, "{backend}: {line}");
            } else {
                assert_eq!(count, "", "{backend}: {line}");
            }
        }

        // Read back as stored (JSON numbers: equal to the last bit or two).
        let again = store.estimate(&ann, run.id, "t").await.unwrap();
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs();
        assert!(
            close(again.result.estimate, run.result.estimate),
            "{backend}"
        );
        let (ci, ci2) = (again.result.ci.unwrap(), run.result.ci.unwrap());
        assert!(close(ci[0], ci2[0]) && close(ci[1], ci2[1]), "{backend}");
        assert_eq!(again.histories, run.histories, "{backend}");
        assert_eq!(
            (again.seed, again.method, again.sources.clone()),
            (42, EstimateMethod::Stepwise, run.sources.clone())
        );

        // No name anywhere in the data directory after the run.
        drop(store);
        let hits = files_holding(t.dir.path(), b"Zamfira");
        assert!(hits.is_empty(), "{backend}: plaintext name in {hits:?}");
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_result() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        fixture(&store).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let three = [
            ListSource::Reports,
            ListSource::Identification,
            ListSource::Aftercare,
        ];
        for method in [
            EstimateMethod::Stepwise,
            EstimateMethod::Bic,
            EstimateMethod::Bma,
        ] {
            let req = request(&three, method, 7);
            let a = store.run_estimate(&ann, &req, "t").await.unwrap();
            let b = store.run_estimate(&ann, &req, "t").await.unwrap();
            assert_ne!(a.id, b.id);
            assert_eq!(a.result, b.result, "{backend} {method:?}");
            assert_eq!(a.histories, b.histories, "{backend} {method:?}");
            assert_eq!(a.seed, 7);
            assert!(
                a.result.estimate >= a.result.observed as f64,
                "{backend} {method:?}"
            );
        }
    }
}

#[tokio::test]
async fn only_the_organisations_analysts_and_admins_run_and_read_estimates() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let (_, hana) = fixture(&store).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let ada = principal(&store, "North", "ada", Role::Admin).await;
        let sol = principal(&store, "South", "sol", Role::Analyst).await;
        let req = request(&ListSource::ALL, EstimateMethod::Stepwise, 1);
        for p in [
            &hana,
            &principal(&store, "North", "tom", Role::Trainer).await,
        ] {
            assert!(
                matches!(
                    store.run_estimate(p, &req, "t").await,
                    Err(StoreError::Forbidden)
                ),
                "{backend}"
            );
        }
        let run = store.run_estimate(&ann, &req, "t").await.unwrap();
        assert!(store.estimate(&ada, run.id, "t").await.is_ok(), "{backend}");
        assert!(
            matches!(
                store.estimate(&sol, run.id, "t").await,
                Err(StoreError::NotFound)
            ),
            "{backend}"
        );
        assert!(
            matches!(
                store.estimate_histories_csv(&sol, run.id, "t").await,
                Err(StoreError::NotFound)
            ),
            "{backend}"
        );
        assert!(
            matches!(
                store.estimate(&hana, run.id, "t").await,
                Err(StoreError::Forbidden)
            ),
            "{backend}"
        );
        // South's analyst counts South's people only: none.
        assert!(
            matches!(
                store.run_estimate(&sol, &req, "t").await,
                Err(StoreError::Refused {
                    field: "sources",
                    ..
                })
            ),
            "{backend}"
        );

        let events = store
            .audit_events(Operator::console(), &AuditQuery::default())
            .await
            .unwrap();
        let runs: Vec<_> = events
            .iter()
            .filter(|e| e.action == "estimate.run")
            .collect();
        assert_eq!(runs.len(), 1, "{backend}");
        let detail = serde_json::to_string(&runs[0].detail).unwrap();
        assert!(
            detail.contains(&format!("\"records\":{}", PEOPLE + TWICE)),
            "{backend}: {detail}"
        );
        assert!(
            detail.contains(&format!("\"individuals\":{PEOPLE}")),
            "{backend}: {detail}"
        );
        assert!(!detail.contains("Zamfira"), "{backend}");
        assert!(
            events.iter().any(|e| e.action == "estimate.read"),
            "{backend}"
        );
    }
}
