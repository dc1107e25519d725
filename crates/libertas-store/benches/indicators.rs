//! Justice indicators benchmark: an organisation with 100,000 cases opened over three years,
//! 1.2 people per case on average with an identification decision (half possible, a fifth
//! actual victims of trafficking), a suspect charged in three cases in ten (filed 2 to 10
//! months after the opening), a verdict for two charges in three (a sentence for each
//! conviction), an executed operation in one case in ten, and 3,000 training events; then the
//! time of `Store::indicators` for an admin's exact view of a quarter and of twelve months,
//! and an analyst's protected view of a published quarter (its first reading, which publishes
//! the quarter, is printed apart), printing p50/p95/max. SQLite always; PostgreSQL too when
//! `LIBERTAS_BENCH_DATABASE_URL` (or `LIBERTAS_TEST_DATABASE_URL`) names a server.
//!
//! Run: `cargo bench -p libertas-store --bench indicators [-- --cases 100000 --pages 50
//! --backend postgres]`. It prints figures; it asserts nothing. Target (issue 12): p95 ≤ 100 ms.
//!
//! The rows are written with bulk SQL; the indicators read no sealed column, so sealed fields
//! hold placeholder bytes (`common::load`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{arg, bench_store, load, on_each_backend, report, user, Rng, V};
use libertas_domain::admin::{Principal, Role};
use libertas_domain::stats::{Period, Scope};
use libertas_store::Store;
use std::time::Instant;
use time::macros::date;
use time::Duration;

const STATUSES: [&str; 3] = [
    "PossibleVictimOfTrafficking",
    "ActualVictimOfTrafficking",
    "NotAVictimOfTrafficking",
];
const OUTCOMES: [&str; 4] = ["convicted", "acquitted", "dismissed", "withdrawn"];

fn main() {
    let cases = arg("--cases", 100_000);
    let pages = arg("--pages", 50);
    println!("| backend | reader | view | p50 ms | p95 ms | max ms | cases opened |");
    println!("|---|---|---|---|---|---|---|");
    on_each_backend(|b| run(b, cases, pages));
    println!("\n{pages} requests of each kind, one at a time, {cases} cases in the organisation.");
}

fn day(d: time::Date) -> String {
    libertas_domain::cases::decisions::date_text(d)
}

fn at(d: time::Date) -> String {
    format!("{}T10:00:00.000000Z", day(d))
}

/// The rows of one organisation's `n` cases and what follows from them.
#[derive(Default)]
struct Rows {
    cases: Vec<Vec<V>>,
    persons: Vec<Vec<V>>,
    cps: Vec<Vec<V>>,
    decisions: Vec<Vec<V>>,
    charges: Vec<Vec<V>>,
    verdicts: Vec<Vec<V>>,
    sentences: Vec<Vec<V>>,
    operations: Vec<Vec<V>>,
    operation_people: Vec<Vec<V>>,
    trainings: Vec<Vec<V>>,
}

fn rows(n: usize, org: &str, user: &str) -> Rows {
    let (o, u) = (org.to_owned(), user.to_owned());
    let mut r = Rows::default();
    let mut rng = Rng(20_261_204);
    let first = date!(2023 - 01 - 01);
    let span = 3 * 365;
    for i in 0..n {
        let opened = first + Duration::days((i * span / n) as i64);
        let case = format!("c{i}");
        r.cases.push(vec![
            V::T(case.clone()),
            V::T(o.clone()),
            V::B,
            V::T("open".into()),
            V::T(u.clone()),
            V::T(at(opened)),
            V::T(at(opened)),
        ]);
        let people = if rng.below(5) == 0 { 2 } else { 1 };
        let mut victims = vec![];
        for v in 0..people {
            let (p, cp) = (format!("p{i}-{v}"), format!("cp{i}-{v}"));
            r.persons
                .push(vec![V::T(p.clone()), V::T(o.clone()), V::T(at(opened))]);
            r.cps.push(vec![
                V::T(cp.clone()),
                V::T(case.clone()),
                V::T(p.clone()),
                V::T("victim".into()),
                V::T(at(opened)),
            ]);
            let decided = opened + Duration::days(rng.below(60) as i64);
            let status = match rng.below(10) {
                0..=4 => STATUSES[0],
                5 | 6 => STATUSES[1],
                _ => STATUSES[2],
            };
            let referral = opened + Duration::days(rng.below(20) as i64);
            r.decisions.push(vec![
                V::T(format!("d{i}-{v}")),
                V::T(case.clone()),
                V::T(cp.clone()),
                V::T(status.into()),
                V::T("uk-nrm".into()),
                V::T(day(referral)),
                V::T(u.clone()),
                V::T(at(decided)),
            ]);
            victims.push(p);
        }
        if rng.below(10) < 3 {
            let (s, cp) = (format!("s{i}"), format!("cps{i}"));
            r.persons
                .push(vec![V::T(s.clone()), V::T(o.clone()), V::T(at(opened))]);
            r.cps.push(vec![
                V::T(cp.clone()),
                V::T(case.clone()),
                V::T(s),
                V::T("suspect".into()),
                V::T(at(opened)),
            ]);
            let filed = opened + Duration::days(60 + rng.below(240) as i64);
            let charge = format!("ch{i}");
            r.charges.push(vec![
                V::T(charge.clone()),
                V::T(case.clone()),
                V::T(cp),
                V::T(String::new()),
                V::T(String::new()),
                V::I(1),
                V::T(day(filed)),
                V::T(u.clone()),
                V::T(at(filed)),
            ]);
            if rng.below(3) < 2 {
                let decided = filed + Duration::days(90 + rng.below(310) as i64);
                let outcome = OUTCOMES[rng.below(4)];
                let verdict = format!("v{i}");
                r.verdicts.push(vec![
                    V::T(verdict.clone()),
                    V::T(case.clone()),
                    V::T(charge),
                    V::T(outcome.into()),
                    V::T(day(decided)),
                    V::T(u.clone()),
                    V::T(at(decided)),
                ]);
                if outcome == "convicted" {
                    r.sentences.push(vec![
                        V::T(format!("sn{i}")),
                        V::T(case.clone()),
                        V::T(verdict),
                        V::I(12 + rng.below(120) as i64),
                        V::I(0),
                        V::T(day(decided)),
                        V::T(u.clone()),
                        V::T(at(decided)),
                    ]);
                }
            }
        }
        if rng.below(10) == 0 {
            let executed = opened + Duration::days(10 + rng.below(50) as i64);
            let op = format!("op{i}");
            r.operations.push(vec![
                V::T(op.clone()),
                V::T(o.clone()),
                V::T(case.clone()),
                V::B,
                V::T("police".into()),
                V::B,
                V::T("executed".into()),
                V::T(day(executed)),
                V::T(day(executed)),
                V::T(u.clone()),
                V::T(at(executed)),
                V::T(u.clone()),
                V::T(at(executed)),
            ]);
            for p in victims {
                r.operation_people.push(vec![V::T(op.clone()), V::T(p)]);
            }
        }
    }
    for t in 0..3_000 {
        let held = first + Duration::days((t * span / 3_000) as i64);
        let n = |rng: &mut Rng| rng.below(20) as i64;
        r.trainings.push(vec![
            V::T(format!("t{t}")),
            V::T(o.clone()),
            V::T(String::new()),
            V::B,
            V::T(day(held)),
            V::T(String::new()),
            V::B,
            V::T("police,judge".into()),
            V::I(n(&mut rng)),
            V::I(n(&mut rng)),
            V::I(n(&mut rng)),
            V::I(n(&mut rng)),
            V::I(n(&mut rng)),
            V::T(u.clone()),
            V::T(at(held)),
            V::T(at(held)),
        ]);
    }
    r
}

async fn run(pg: Option<String>, n: usize, pages: usize) {
    let (data, backend, store, org) = bench_store(&pg, "indicators").await;
    let adm = user(&store, org, "admin", Role::Admin).await;
    let ana = user(&store, org, "analyst", Role::Analyst).await;

    let started = Instant::now();
    let r = rows(n, &org.to_string(), &adm.user_id.to_string());
    let tables = vec![
        ("cases", "id, org_id, title, status, owner_id, created_at, updated_at", r.cases),
        ("persons", "id, org_id, created_at", r.persons),
        ("case_people", "id, case_id, person_id, role, created_at", r.cps),
        ("decisions", "id, case_id, case_person_id, trafficking_status, rule_set, referral_date, created_by, created_at", r.decisions),
        ("charges", "id, case_id, case_person_id, law_legacy, section_legacy, counts, filed_on, created_by, created_at", r.charges),
        ("verdicts", "id, case_id, charge_id, outcome, decided_on, created_by, created_at", r.verdicts),
        ("sentences", "id, case_id, verdict_id, prison_months, suspended, sentenced_on, created_by, created_at", r.sentences),
        ("operations", "id, org_id, case_id, name, agencies, location, status, planned_on, executed_on, created_by, created_at, updated_by, updated_at", r.operations),
        ("operation_people", "operation_id, person_id", r.operation_people),
        ("training_events", "id, org_id, topic_legacy, topic, held_on, place_legacy, place, audiences, police, prosecutor, judge, social_worker, other, created_by, created_at, updated_at", r.trainings),
    ];
    load(&data.config.database_url(), backend, tables).await;
    eprintln!(
        "{backend}: {n} cases and what follows them written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let today = date!(2026 - 02 - 01);
    let quarter = Period {
        from: date!(2025 - 07 - 01),
        to: date!(2025 - 09 - 30),
    };
    let year = Period {
        from: date!(2025 - 01 - 01),
        to: date!(2025 - 12 - 31),
    };
    let t = Instant::now();
    store
        .indicators(&ana, quarter, Scope::Organisation, today, "bench")
        .await
        .unwrap();
    println!(
        "| {backend} | analyst | first reading of 2025-Q3 (publishes it) | {:.1} | | | |",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let views: [(&str, &Principal, Period, Scope); 4] = [
        ("admin", &adm, quarter, Scope::Organisation),
        ("admin", &adm, year, Scope::Organisation),
        ("analyst", &ana, quarter, Scope::Organisation),
        ("analyst", &ana, quarter, Scope::Network),
    ];
    for (who, p, period, scope) in views {
        let name = format!(
            "{} {} to {}",
            scope.as_str(),
            day(period.from),
            day(period.to)
        );
        view(
            &store,
            (backend, who, &name),
            (p, period, scope, today),
            pages,
        )
        .await;
    }
}

/// Times `pages` readings of one view and prints its row (`(backend, reader, view name)`).
async fn view(
    store: &Store,
    (backend, who, name): (&str, &str, &str),
    (p, period, scope, today): (&Principal, Period, Scope, time::Date),
    pages: usize,
) {
    let mut times = vec![];
    let mut opened = 0;
    for _ in 0..pages {
        let t = Instant::now();
        let i = store
            .indicators(p, period, scope, today, "bench")
            .await
            .unwrap();
        times.push(t.elapsed());
        opened = i.cases_total.unwrap_or(0) as usize;
    }
    report(backend, who, name, &mut times, opened);
}
