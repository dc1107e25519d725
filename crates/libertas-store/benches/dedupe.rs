//! Duplicates job benchmark (issue 12, part 2): `--people` stored people (default 100,000) of
//! one organisation, each sealed under a data key of their own, then the time of
//! `Store::run_dedupe_job` end to end: reading the rows, fetching every key and opening every
//! sealed field in batches, the linkage engine (training, scoring, clustering), and storing
//! the candidate pairs. Target on SQLite: ≤ 30 s.
//!
//! Seeding 100,000 people through `add_person` (a key-store write, a transaction with search
//! and blind-index rows and an audit event each) takes many minutes, so the people are
//! seeded with `testing::bulk_people`: each still gets its own data key, made and wrapped the
//! same way, and fields sealed under it the same way, but keys and rows go in with one
//! transaction per 2,000 people and no search rows or audit events. Its time is printed
//! separately. About 5% of the people are a second record of someone else (a typo in a name,
//! or the same values), so the job has real pairs to store.
//!
//! SQLite always; PostgreSQL too when `LIBERTAS_BENCH_DATABASE_URL` (or
//! `LIBERTAS_TEST_DATABASE_URL`) names a server.
//! Run: `cargo bench -p libertas-store --bench dedupe [-- --people 100000]`.
//! It prints figures; it asserts nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{arg, backends, bench_data, user, Rng};

use libertas_domain::admin::{OrgName, Role};
use libertas_domain::cases::CaseTitle;
use libertas_store::admin::Operator;
use libertas_store::people::dedupe::{DedupeOptions, JobProgress};
use libertas_store::testing::{bulk_people, BulkPerson};
use libertas_store::Store;
use std::sync::Arc;
use std::time::Instant;

const SYLLABLES: [&str; 24] = [
    "ba", "do", "ri", "na", "le", "vo", "mi", "tu", "se", "ca", "pe", "lo", "an", "el", "io", "ra",
    "mar", "ste", "fan", "gor", "dan", "ve", "li", "cu",
];

fn word(rng: &mut Rng, parts: usize) -> String {
    let w: String = (0..parts)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn someone(rng: &mut Rng) -> BulkPerson {
    let (g, f) = (2 + rng.below(2), 2 + rng.below(2));
    BulkPerson {
        given_name: word(rng, g),
        family_name: word(rng, f) + "scu",
        birth_date: (rng.below(10) > 0).then(|| {
            format!(
                "{}-{:02}-{:02}",
                1960 + rng.below(45),
                1 + rng.below(12),
                1 + rng.below(28)
            )
        }),
        phone: (rng.below(3) == 0).then(|| format!("+40 7{:08}", rng.below(100_000_000))),
    }
}

/// A second record of `p`: a letter dropped from the given name, or the same values.
fn again(rng: &mut Rng, p: &BulkPerson) -> BulkPerson {
    let mut given = p.given_name.clone();
    if rng.below(2) == 0 && given.len() > 3 {
        given.remove(1 + rng.below(given.len() - 2));
    }
    BulkPerson {
        given_name: given,
        family_name: p.family_name.clone(),
        birth_date: p.birth_date.clone(),
        phone: None,
    }
}

fn main() {
    let people = arg("--people", 100_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("| backend | people | seeding s | job s | read+open s | pairs stored |");
    println!("|---|---|---|---|---|---|");
    for b in backends() {
        rt.block_on(run(b, people));
    }
}

async fn run(pg: Option<String>, n: usize) {
    let (data, backend) = bench_data(&pg, "dedupe").await;
    let store = Store::init(data.config.clone()).await.unwrap();
    let op = Operator::console();
    let org = store
        .create_org(op, &OrgName::parse("North").unwrap(), "bench")
        .await
        .unwrap();
    let ana = user(&store, org, "ana", Role::Caseworker).await;
    let case = store
        .create_case(&ana, &CaseTitle::parse("Bench").unwrap(), "bench")
        .await
        .unwrap()
        .id;
    let mut rng = Rng(12);
    let seeding = Instant::now();
    let mut made: Vec<BulkPerson> = Vec::with_capacity(n);
    while made.len() < n {
        let p = if made.len() > 100 && rng.below(20) == 0 {
            let i = rng.below(made.len());
            again(&mut rng, &made[i])
        } else {
            someone(&mut rng)
        };
        made.push(p);
    }
    for chunk in made.chunks(2_000) {
        bulk_people(&store, org, case, chunk).await.unwrap();
    }
    let seeded = seeding.elapsed().as_secs_f64();
    drop(made);

    let progress = Arc::new(JobProgress::default());
    let watch = Arc::clone(&progress);
    let reading = tokio::spawn(async move {
        let t = Instant::now();
        while watch.snapshot().0 == "reading" {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        t.elapsed().as_secs_f64()
    });
    let started = Instant::now();
    let job = store
        .run_dedupe_job(op.into(), org, &DedupeOptions::default(), progress)
        .await
        .unwrap();
    let took = started.elapsed().as_secs_f64();
    let read = reading.await.unwrap();
    println!(
        "| {backend} | {} | {seeded:.1} | {took:.1} | {read:.1} | {} |",
        job.people, job.candidates
    );
    store.close().await;
}
