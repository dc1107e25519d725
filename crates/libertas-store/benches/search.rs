//! Search benchmark: builds the search index of 100 000 invented people in one organisation
//! (spread over 200 cases, half of them the searcher's), then times `search_people` for
//! misspelt names with and without a birth date, and `possible_duplicates`, printing p50/p99.
//! SQLite always; PostgreSQL too when `LIBERTAS_BENCH_DATABASE_URL` (or
//! `LIBERTAS_TEST_DATABASE_URL`) names a server.
//!
//! Run: `cargo bench -p libertas-store --bench search [-- --people 100000 --queries 200]`.
//! It prints figures; it asserts nothing.
//!
//! The people are written with bulk SQL (index rows exactly as the store writes them, hashed
//! with the data directory's own search key) rather than through `add_person`, whose cost is
//! the per-person key and the durable commit, measured by the foundation benchmark. Their sealed
//! columns are empty, so the timings cover matching, need-to-know and the audited commit, not
//! the decryption of the (at most 50) people shown.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{arg, backends, bench_data, Rng};

use libertas_domain::admin::{OrgName, Password, Principal, Role, Username};
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::search::{person_terms, SearchCriteria, INDEX_VERSION};
use libertas_store::crypto::{Keyring, MasterKey};
use libertas_store::people::search::DuplicateProbe;
use libertas_store::Store;
use std::time::{Duration, Instant};

const GIVEN: &[&str] = &[
    "Ana",
    "Andreea",
    "Alexandru",
    "Bogdan",
    "Cristina",
    "Daniel",
    "Elena",
    "Florin",
    "Gabriela",
    "Gheorghe",
    "Ioana",
    "Ion",
    "Iulia",
    "Laura",
    "Mădălina",
    "Maria",
    "Marian",
    "Mihai",
    "Mihaela",
    "Nicoleta",
    "Oana",
    "Petru",
    "Radu",
    "Raluca",
    "Sorin",
    "Ștefan",
    "Teodora",
    "Tudor",
    "Valentin",
    "Vasile",
    "Viorica",
    "Zamfira",
    "Ilinca",
    "Dorin",
    "Lavinia",
    "Cosmin",
    "Irina",
    "Simona",
    "Adrian",
    "Costel",
];
const FAMILY: &[&str] = &[
    "Popescu",
    "Ionescu",
    "Popa",
    "Pop",
    "Radu",
    "Dumitru",
    "Stan",
    "Stoica",
    "Gheorghe",
    "Matei",
    "Ciobanu",
    "Rusu",
    "Munteanu",
    "Constantin",
    "Mihai",
    "Marin",
    "Ene",
    "Lazăr",
    "Șerban",
    "Florea",
    "Dinu",
    "Moldovan",
    "Toma",
    "Barbu",
    "Nistor",
    "Tudor",
    "Oprea",
    "Sima",
    "Mocanu",
    "Ursu",
    "Dobre",
    "Cristea",
    "Dragomir",
    "Bălan",
    "Anghel",
    "Iordache",
    "Voicu",
    "Ţurcanu",
    "Preda",
    "Coman",
    "Neagu",
    "Vlad",
    "Manole",
    "Enache",
    "Zamfir",
    "Nedelcu",
    "Pavel",
    "Roman",
    "Avram",
    "Sandu",
    "Mitrea",
    "Grigore",
    "Ilie",
    "Petrescu",
    "Oprescu",
    "Niculescu",
    "Vasilescu",
    "Georgescu",
    "Dumitrescu",
    "Stănescu",
];

/// How a hurried caseworker might type a name: no diacritics, `c`→`k`, a doubled letter.
fn misspell(name: &str, rng: &mut Rng) -> String {
    let plain: String = name
        .chars()
        .map(|c| match c {
            'ă' | 'â' => 'a',
            'î' => 'i',
            'ș' | 'ş' | 'Ș' | 'Ş' => 's',
            'ț' | 'ţ' | 'Ț' | 'Ţ' => 't',
            c => c,
        })
        .collect();
    match rng.below(3) {
        0 => plain.replace("cu", "ku"),
        1 => plain.replacen('n', "nn", 1),
        _ => plain,
    }
}

struct Person {
    given: &'static str,
    family: &'static str,
    birth: String,
}

fn main() {
    let people = arg("--people", 100_000);
    let queries = arg("--queries", 200);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("| backend | people | index build s | query | p50 ms | p99 ms | max ms | mean shown | mean others |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for b in backends() {
        rt.block_on(run(b, people, queries));
    }
    println!("\n{queries} queries of each kind, one at a time; every search commits its audit event before it returns.");
}

async fn principal(store: &Store, user: &str) -> Principal {
    let org = match store
        .org_by_name(libertas_store::admin::Operator::console(), "Bench")
        .await
        .unwrap()
    {
        Some(o) => o.id,
        None => store
            .create_org(
                libertas_store::admin::Operator::console(),
                &OrgName::parse("Bench").unwrap(),
                "bench",
            )
            .await
            .unwrap(),
    };
    store
        .create_user(
            libertas_store::admin::Operator::console(),
            org,
            &Username::parse(user).unwrap(),
            Role::Caseworker,
            &Password::parse("a long enough password").unwrap(),
            "bench",
        )
        .await
        .unwrap();
    let u = store
        .user_by_username(libertas_store::admin::Operator::console(), user)
        .await
        .unwrap()
        .unwrap();
    store
        .principal(libertas_store::admin::Operator::console(), u.id)
        .await
        .unwrap()
        .unwrap()
}

async fn run(pg: Option<String>, n: usize, queries: usize) {
    let (mut data, backend) = bench_data(&pg, "search").await;
    // One user runs every query: the per-user look-up budget would stop them after a few.
    data.config.lookup_limits = false;
    let store = Store::init(data.config.clone()).await.unwrap();
    let me = principal(&store, "searcher").await;
    let colleague = principal(&store, "colleague").await;
    let mut cases = vec![];
    for i in 0..200 {
        let owner = if i % 2 == 0 { &me } else { &colleague };
        let title = CaseTitle::parse(&format!("Operation {i}")).unwrap();
        cases.push(store.create_case(owner, &title, "bench").await.unwrap().id);
    }
    let ring = Keyring::derive(&MasterKey::load(&data.config.master_key_path()).unwrap());
    let mut rng = Rng(20_261_122);
    let everyone: Vec<Person> = (0..n)
        .map(|_| Person {
            given: GIVEN[rng.below(GIVEN.len())],
            family: FAMILY[rng.below(FAMILY.len())],
            birth: format!(
                "{}-{:02}-{:02}",
                1950 + rng.below(60),
                1 + rng.below(12),
                1 + rng.below(28)
            ),
        })
        .collect();

    let started = Instant::now();
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&data.config.database_url())
        .await
        .unwrap();
    let mut tx = sqlx::Connection::begin(&mut conn).await.unwrap();
    let org = me.org_id.to_string();
    let now = "2026-11-22T00:00:00Z";
    for (chunk_no, chunk) in everyone.chunks(200).enumerate() {
        let ids: Vec<String> = (0..chunk.len())
            .map(|_| uuid::Uuid::now_v7().to_string())
            .collect();
        let rows = |cols: usize, count: usize| {
            (0..count)
                .map(|r| {
                    let p: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
                    format!("({})", p.join(", "))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let sql = format!(
            "insert into persons (id, org_id, created_at) values {}",
            rows(3, ids.len())
        );
        let mut q = sqlx::query(&sql);
        for id in &ids {
            q = q.bind(id).bind(&org).bind(now);
        }
        q.execute(&mut *tx).await.unwrap();
        let sql = format!(
            "insert into case_people (id, case_id, person_id, role, created_at) values {}",
            rows(5, ids.len())
        );
        let mut q = sqlx::query(&sql);
        for (i, id) in ids.iter().enumerate() {
            let case = cases[(chunk_no * 200 + i) % cases.len()].to_string();
            q = q
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(case)
                .bind(id)
                .bind("victim")
                .bind(now);
        }
        q.execute(&mut *tx).await.unwrap();
        let mut terms = vec![];
        for (id, p) in ids.iter().zip(chunk) {
            for (kind, value) in person_terms(p.given, p.family, Some(&p.birth)) {
                terms.push((id, kind, ring.search_index(kind, &value)));
            }
        }
        for part in terms.chunks(500) {
            let sql = format!(
                "insert into search_index (person_id, org_id, kind, digest) values {} on conflict do nothing",
                rows(4, part.len())
            );
            let mut q = sqlx::query(&sql);
            for (id, kind, digest) in part {
                q = q.bind(*id).bind(&org).bind(*kind).bind(digest);
            }
            q.execute(&mut *tx).await.unwrap();
        }
        let sql = format!(
            "insert into search_index_state (person_id, version, indexed_at) values {}",
            rows(3, ids.len())
        );
        let mut q = sqlx::query(&sql);
        for id in &ids {
            q = q.bind(id).bind(INDEX_VERSION).bind(now);
        }
        q.execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    let build = started.elapsed().as_secs_f64();

    let today = time::macros::date!(2026 - 11 - 22);
    let kinds: [(&str, bool); 2] = [
        ("misspelt name", false),
        ("misspelt name + birth date", true),
    ];
    for (label, with_birth) in kinds {
        let mut times = vec![];
        let (mut shown, mut others) = (0usize, 0i64);
        for _ in 0..queries {
            let p = &everyone[rng.below(everyone.len())];
            let name = format!(
                "{} {}",
                misspell(p.given, &mut rng),
                misspell(p.family, &mut rng)
            );
            let birth = with_birth.then_some(p.birth.as_str());
            let c = SearchCriteria::parse(Some(&name), birth, None, None, today).unwrap();
            let t = Instant::now();
            let found = store.search_people(&me, &c, "bench").await.unwrap();
            times.push(t.elapsed());
            shown += found.hits.len();
            others += found.others;
        }
        print_row(backend, n, build, label, &mut times, shown, others, queries);
    }
    let mut times = vec![];
    let (mut shown, mut others) = (0usize, 0i64);
    let anchor = cases[0];
    let ours = store
        .add_person(
            &me,
            anchor,
            &libertas_domain::people::NewPerson {
                role: libertas_domain::people::PersonRole::Victim,
                given_name: libertas_domain::people::PersonName::parse("Ana").unwrap(),
                family_name: libertas_domain::people::PersonName::parse("Pop").unwrap(),
                birth_date: None,
                gender: None,
                citizenship: vec![],
                languages: vec![],
                phone: None,
                email: None,
                identity_numbers: vec![],
                trafficking_status: None,
            },
            "bench",
        )
        .await
        .unwrap()
        .0;
    for _ in 0..queries {
        let p = &everyone[rng.below(everyone.len())];
        let given = misspell(p.given, &mut rng);
        let family = misspell(p.family, &mut rng);
        let probe = DuplicateProbe {
            given_name: &given,
            family_name: &family,
            birth_date: Some(&p.birth),
            phone: None,
            identity_numbers: &[],
        };
        let t = Instant::now();
        let d = store
            .possible_duplicates(&me, ours, &probe, "bench")
            .await
            .unwrap();
        times.push(t.elapsed());
        shown += d.visible.len();
        others += d.others;
    }
    print_row(
        backend,
        n,
        build,
        "duplicate check (name + birth date)",
        &mut times,
        shown,
        others,
        queries,
    );
    store.close().await;
}

#[allow(clippy::too_many_arguments)]
fn print_row(
    backend: &str,
    n: usize,
    build: f64,
    label: &str,
    times: &mut [Duration],
    shown: usize,
    others: i64,
    queries: usize,
) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "| {backend} | {n} | {build:.1} | {label} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
        ms(at(0.5)),
        ms(at(0.99)),
        ms(times[times.len() - 1]),
        shown as f64 / queries as f64,
        others as f64 / queries as f64
    );
}
