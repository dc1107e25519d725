//! Hidden-victim estimate benchmark: `--people` people (default 10,000) of one organisation
//! on five lists (the report, identification, police, referral and aftercare records), a
//! tenth of them recorded twice, added through the store (each with their own data key and
//! sealed names, birth date, phone and e-mail); then the time of `Store::run_estimate` end to
//! end — finding the people on each list, opening their fields in batches, linking the
//! records, counting capture histories, the stepwise estimate with a 500-replicate bootstrap,
//! and the audited write. SQLite always; PostgreSQL too when `LIBERTAS_BENCH_DATABASE_URL` (or
//! `LIBERTAS_TEST_DATABASE_URL`) names a server. Target: 5 s at 10,000 people.
//!
//! Run: `cargo bench -p libertas-store --bench estimate [-- --people 10000 --runs 3]`.
//! It prints figures; it asserts nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::disallowed_methods)]

mod common;

use common::{arg, backends, bench_store, user, Rng};

use libertas_domain::admin::Role;
use libertas_domain::cases::referrals::NewPartner;
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{
    BirthDate, Email, Gender, NewPerson, PersonName, PersonRole, Phone, TraffickingStatus,
};
use libertas_domain::stats::estimate::{EstimateMethod, EstimateRequest, ListSource};
use libertas_domain::stats::Period;
use libertas_store::stats::testing::{exec, Arg};
use libertas_store::Store;
use std::time::Instant;

const GIVEN: [&str; 16] = [
    "Ana", "Ioana", "Maria", "Elena", "Olena", "Iryna", "Natalia", "Svetlana", "Andrei", "Ion",
    "Mihai", "Vasile", "Taras", "Oleh", "Dmytro", "Nguyen",
];

fn main() {
    let people = arg("--people", 10_000);
    let runs = arg("--runs", 3);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("| backend | people | records | min ms | max ms | observed | estimate |");
    println!("|---|---|---|---|---|---|---|");
    for b in backends() {
        rt.block_on(run(b, people, runs));
    }
}

async fn run(pg: Option<String>, n: usize, runs: usize) {
    let (_data, backend, store, org) = bench_store(&pg, "estimate").await;
    let hana = user(&store, org, "hana", Role::Hotline).await;
    let ann = user(&store, org, "ann", Role::Analyst).await;
    let now = time::OffsetDateTime::now_utc();
    let today = now.date();
    let instant = libertas_store::clock::to_text(now);
    let day = libertas_domain::cases::decisions::date_text(today);
    let org_id = org.to_string();
    let user_id = hana.user_id.to_string();
    let report_case = store
        .create_case(&hana, &CaseTitle::parse("Reported").unwrap(), "bench")
        .await
        .unwrap()
        .id
        .to_string();
    exec(&store, "insert into reports (id, org_id, channel, status, narrative, case_id, created_at, updated_at) values ('r-1', $1, 'phone', 'case_opened', $2, $3, $4, $4)",
        &[Arg::Text(&org_id), Arg::Bytes(b"sealed"), Arg::Text(&report_case), Arg::Text(&instant)]).await;
    let boss = user(&store, org, "boss", Role::Admin).await;
    let kinds = vec!["shelter".to_owned()];
    let langs = vec!["ro".to_owned()];
    let new = NewPartner::parse("Shelter", &kinds, "Iasi", &langs, "Call", "112").unwrap();
    let partner = store
        .create_partner(&boss, &new, None, "bench")
        .await
        .unwrap()
        .id
        .to_string();
    let mut rng = Rng(11);
    let started = Instant::now();
    let mut case = String::new();
    let mut records = 0;
    for i in 0..n {
        if i % 50 == 0 {
            let title = CaseTitle::parse(&format!("Operation {i}")).unwrap();
            case = store
                .create_case(&hana, &title, "bench")
                .await
                .unwrap()
                .id
                .to_string();
            exec(&store, "insert into operations (id, org_id, case_id, name, agencies, location, status, planned_on, executed_on, created_by, created_at, updated_by, updated_at)
                          values ($1, $2, $3, $4, 'police', $4, 'executed', $5, $5, $6, $7, $6, $7)",
                &[Arg::Text(&format!("o-{i}")), Arg::Text(&org_id), Arg::Text(&case), Arg::Bytes(b"sealed"), Arg::Text(&day), Arg::Text(&user_id), Arg::Text(&instant)]).await;
        }
        let person = NewPerson {
            role: PersonRole::Victim,
            given_name: PersonName::parse(GIVEN[rng.below(GIVEN.len())]).unwrap(),
            family_name: PersonName::parse(&format!("Bench{}", rng.below(n))).unwrap(),
            birth_date: Some(
                BirthDate::parse(
                    &format!(
                        "{}-{:02}-{:02}",
                        1960 + rng.below(45),
                        1 + rng.below(12),
                        1 + rng.below(28)
                    ),
                    today,
                )
                .unwrap(),
            ),
            gender: Some(if rng.below(3) == 0 {
                Gender::Masculine
            } else {
                Gender::Feminine
            }),
            citizenship: vec![],
            languages: vec![],
            phone: Some(Phone::parse(&format!("+40 7{:08}", rng.below(100_000_000))).unwrap()),
            email: (rng.below(2) == 0).then(|| Email::parse(&format!("p{i}@example.org")).unwrap()),
            identity_numbers: vec![],
            trafficking_status: Some(TraffickingStatus::Possible),
        };
        let copies = if rng.below(10) == 0 { 2 } else { 1 };
        for _ in 0..copies {
            let (pid, cp) = store
                .add_person(&hana, case.parse().unwrap(), &person, "bench")
                .await
                .unwrap();
            let (pid, cp) = (pid.to_string(), cp.to_string());
            records += 1;
            let mut mask = 0;
            for (k, p) in [40, 30, 20, 25, 35].iter().enumerate() {
                if rng.below(100) < *p {
                    mask |= 1 << k;
                }
            }
            if mask == 0 {
                mask = 1 << rng.below(5);
            }
            let at = At {
                report_case: &report_case,
                case: &case,
                partner: &partner,
                operation: &format!("o-{}", i - i % 50),
                org: &org_id,
                user: &user_id,
                instant: &instant,
                day: &day,
            };
            put(&store, &pid, &cp, mask, records, &at).await;
        }
    }
    eprintln!(
        "{backend}: {n} people ({records} records) added in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let codes: Vec<String> = ListSource::ALL
        .iter()
        .map(|s| s.as_str().to_owned())
        .collect();
    let period = Period::parse(None, None, today).unwrap();
    let req = EstimateRequest::parse(&codes, period, EstimateMethod::Stepwise, 1).unwrap();
    let mut times = vec![];
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let e = store.run_estimate(&ann, &req, "bench").await.unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        last = Some(e);
    }
    let e = last.unwrap();
    println!(
        "| {backend} | {n} | {records} | {:.0} | {:.0} | {} | {:.0} |",
        times.iter().cloned().fold(f64::INFINITY, f64::min),
        times.iter().cloned().fold(0.0, f64::max),
        e.result.observed,
        e.result.estimate,
    );
}

/// Where and when a record is put on lists.
struct At<'a> {
    report_case: &'a str,
    case: &'a str,
    partner: &'a str,
    operation: &'a str,
    org: &'a str,
    user: &'a str,
    instant: &'a str,
    day: &'a str,
}

/// Puts one record on the lists of `mask` (bit k: `ListSource::ALL[k]`).
async fn put(store: &Store, pid: &str, cp: &str, mask: usize, n: usize, at: &At<'_>) {
    let At {
        report_case,
        case,
        partner,
        operation,
        org,
        user,
        instant,
        day,
    } = *at;
    if mask & 1 != 0 {
        exec(store, "insert into case_people (id, case_id, person_id, role, created_at) values ($1, $2, $3, 'victim', $4)",
            &[Arg::Text(&format!("rcp-{n}")), Arg::Text(report_case), Arg::Text(pid), Arg::Text(instant)]).await;
    }
    if mask & 2 != 0 {
        exec(store, "insert into decisions (id, case_id, case_person_id, rule_set, created_by, created_at) values ($1, $2, $3, 'uk-nrm', $4, $5)",
            &[Arg::Text(&format!("d-{n}")), Arg::Text(case), Arg::Text(cp), Arg::Text(user), Arg::Text(instant)]).await;
    }
    if mask & 4 != 0 {
        exec(
            store,
            "insert into operation_people (operation_id, person_id) values ($1, $2)",
            &[Arg::Text(operation), Arg::Text(pid)],
        )
        .await;
    }
    if mask & 8 != 0 {
        exec(store,
            "insert into referrals (id, org_id, case_id, person_id, partner_id, kind, status, basis, services, created_by, created_at, updated_by, updated_at)
             values ($1, $2, $3, $4, $5, 'referral', 'requested', 'consent', 'shelter', $6, $7, $6, $7)",
            &[Arg::Text(&format!("f-{n}")), Arg::Text(org), Arg::Text(case), Arg::Text(pid), Arg::Text(partner), Arg::Text(user), Arg::Text(instant)]).await;
    }
    if mask & 16 != 0 {
        exec(store,
            "insert into care_plans (id, person_id, org_id, case_id, case_person_id, opened_on, status, created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, 'closed', $7, $8)",
            &[Arg::Text(&format!("pl-{n}")), Arg::Text(pid), Arg::Text(org), Arg::Text(case), Arg::Text(cp), Arg::Text(day), Arg::Text(user), Arg::Text(instant)]).await;
    }
}
