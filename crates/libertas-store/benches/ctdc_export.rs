//! CTDC export benchmark: an organisation with `--victims` identified victims (default 5,000)
//! added through the store (each with its own data key and a sealed birth date), then the
//! time of `Store::export_ctdc` end to end — reading the victims, fetching their keys and
//! opening their birth dates in batches, k-anonymising, writing the CSV and committing the
//! audit event — for k = 5, 10 and 20, printing what was generalised, blanked and dropped.
//! SQLite always; PostgreSQL too when `LIBERTAS_BENCH_DATABASE_URL` (or
//! `LIBERTAS_TEST_DATABASE_URL`) names a server.
//!
//! Run: `cargo bench -p libertas-store --bench ctdc_export [-- --victims 5000 --runs 3]`.
//! It prints figures; it asserts nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::disallowed_methods)]

mod common;

use common::{arg, backends, bench_store, user, Rng};

use libertas_domain::admin::Role;
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{
    BirthDate, CountryCode, Gender, NewPerson, PersonName, PersonRole, TraffickingStatus,
};
use libertas_domain::stats::ctdc::ExportK;
use libertas_store::admin::Caller;
use std::time::Instant;

/// Citizenships, the first ones common, the last ones rare.
const CITIZENSHIPS: [&str; 12] = [
    "RO", "RO", "RO", "MD", "MD", "UA", "VN", "VN", "NG", "AL", "ER", "BO",
];

fn main() {
    let victims = arg("--victims", 5_000);
    let runs = arg("--runs", 3);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("| backend | victims | k | min ms | max ms | rows | blanked | dropped | levels |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for b in backends() {
        rt.block_on(run(b, victims, runs));
    }
}

async fn run(pg: Option<String>, n: usize, runs: usize) {
    let (_data, backend, store, org) = bench_store(&pg, "ctdc").await;
    let hana = user(&store, org, "hana", Role::Hotline).await;
    let ann = user(&store, org, "ann", Role::Analyst).await;
    let today = time::OffsetDateTime::now_utc().date();
    let mut rng = Rng(7);
    let started = Instant::now();
    let mut case = None;
    for i in 0..n {
        if i % 20 == 0 {
            let title = CaseTitle::parse(&format!("Operation {i}")).unwrap();
            case = Some(store.create_case(&hana, &title, "bench").await.unwrap().id);
        }
        let age = if rng.below(5) == 0 {
            3 + rng.below(15)
        } else {
            18 + rng.below(45)
        };
        let born = format!(
            "{:04}-{:02}-{:02}",
            today.year() - age as i32,
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let person = NewPerson {
            role: PersonRole::Victim,
            given_name: PersonName::parse("Ana").unwrap(),
            family_name: PersonName::parse(&format!("Bench{i}")).unwrap(),
            birth_date: Some(BirthDate::parse(&born, today).unwrap()),
            gender: Some(if rng.below(3) == 0 {
                Gender::Masculine
            } else {
                Gender::Feminine
            }),
            citizenship: vec![
                CountryCode::parse(CITIZENSHIPS[rng.below(CITIZENSHIPS.len())]).unwrap(),
            ],
            languages: vec![],
            phone: None,
            email: None,
            identity_numbers: vec![],
            trafficking_status: Some(TraffickingStatus::Actual),
        };
        store
            .add_person(&hana, case.unwrap(), &person, "bench")
            .await
            .unwrap();
    }
    eprintln!(
        "{backend}: {n} victims added in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for k in [5, 10, 20] {
        let mut times = vec![];
        let mut last = None;
        for _ in 0..runs {
            let t = Instant::now();
            let e = store
                .export_ctdc(
                    Caller::from(&ann),
                    ann.org_id,
                    ExportK::parse(Some(k)).unwrap(),
                    &|_, _| {},
                    "bench",
                )
                .await
                .unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            last = Some(e);
        }
        let e = last.unwrap();
        let levels: Vec<String> = e.levels.iter().map(|(c, l)| format!("{c} {l}")).collect();
        println!(
            "| {backend} | {n} | {k} | {:.0} | {:.0} | {} | {} | {} | {} |",
            times.iter().cloned().fold(f64::INFINITY, f64::min),
            times.iter().cloned().fold(0.0, f64::max),
            e.rows,
            e.blanked,
            e.dropped,
            levels.join(", ")
        );
    }
    store.close().await;
}
