//! Sealing benchmark (issue 9, finding 14): what sealed free text and sealed audit reasons
//! cost.
//!
//! 1. Start-up sealing of legacy plaintext: N partner rows and N training events written the
//!    way a database from before migration 0014 holds them (text in the `_legacy` columns,
//!    sealed columns empty), then the time `Store::open` spends sealing them.
//! 2. Audited reads: `Store::record` of one `person.read` event (reason sealed under the
//!    person's key: one key-store read first) against one `case.read` event (the
//!    master-derived audit-reason key), p50 and p99 over M commits each.
//!
//! SQLite always; PostgreSQL too when `LIBERTAS_BENCH_DATABASE_URL` (or
//! `LIBERTAS_TEST_DATABASE_URL`) names a server.
//! Run: `cargo bench -p libertas-store --bench sealing [-- --rows 5000 --events 500]`.
//! It prints figures; it asserts nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{arg, backends, bench_data};

use libertas_domain::admin::Role;
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{NewPerson, PersonName, PersonRole};
use libertas_store::audit::AuditEvent;
use libertas_store::testing::principal;
use libertas_store::Store;
use sqlx::Connection;
use std::time::{Duration, Instant};

fn main() {
    let rows = arg("--rows", 5_000);
    let events = arg("--events", 500);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("| backend | legacy rows | start-up sealing s | rows/s | event | p50 ms | p99 ms |");
    println!("|---|---|---|---|---|---|---|");
    for b in backends() {
        rt.block_on(run(b, rows, events));
    }
}

fn pct(mut v: Vec<Duration>, p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

async fn run(pg: Option<String>, n: usize, m: usize) {
    let (data, backend) = bench_data(&pg, "sealing").await;
    let store = Store::init(data.config.clone()).await.unwrap();
    let admin = principal(&store, "Bench", "admin", Role::Admin).await;
    store.close().await;

    // Legacy rows, written in bulk as an older version left them.
    let url = data.config.database_url();
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    for i in 0..n {
        sqlx::query(
            "insert into partners (id, org_id, name_legacy, kinds, area_legacy, languages,
                how_to_refer_legacy, contact_legacy, active, created_by, created_at, updated_at)
             values ($1, $2, $3, 'shelter', 'Iasi county', 'ro', 'Call the desk first.',
                '+40 232 000 000', 1, $4, '2025-01-01T00:00:00.000000Z',
                '2025-01-01T00:00:00.000000Z')",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(admin.org_id.to_string())
        .bind(format!("Shelter {i}"))
        .bind(admin.user_id.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
        sqlx::query(
            "insert into training_events (id, org_id, topic_legacy, held_on, place_legacy,
                audiences, police, prosecutor, judge, social_worker, other, created_by,
                created_at, updated_at)
             values ($1, $2, $3, '2025-03-01', 'Iasi', 'police', 3, 0, 0, 0, 0, $4,
                '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z')",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(admin.org_id.to_string())
        .bind(format!("Interviewing {i}"))
        .bind(admin.user_id.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    conn.close().await.unwrap();

    let t = Instant::now();
    let store = Store::open(data.config.clone()).await.unwrap();
    let open = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let again = store.seal_legacy_text().await.unwrap();
    let noop = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(again, 0);

    // Audited reads: an event about a person (person key) and one about a case (audit key).
    let ana = principal(&store, "Bench", "ana", Role::Caseworker).await;
    let case = store
        .create_case(&ana, &CaseTitle::parse("Operation Lark").unwrap(), "bench")
        .await
        .unwrap();
    let person = NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse("Zamfira").unwrap(),
        family_name: PersonName::parse("Oprescu").unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    };
    let (pid, _) = store
        .add_person(&ana, case.id, &person, "bench")
        .await
        .unwrap();
    // Alternate the two kinds, so that noise from other work on the machine hits both alike.
    let kinds = [
        ("person.read", "person", pid.to_string()),
        ("case.read", "case", case.id.to_string()),
    ];
    let mut samples = vec![Vec::with_capacity(m), Vec::with_capacity(m)];
    for _ in 0..m {
        for (k, (label, object_type, id)) in kinds.iter().enumerate() {
            let t = Instant::now();
            store
                .record(
                    (&ana).into(),
                    vec![AuditEvent::new(
                        label,
                        object_type,
                        Some(id.clone()),
                        "api: read",
                    )],
                )
                .await
                .unwrap();
            samples[k].push(t.elapsed());
        }
    }
    let timings: Vec<(&str, f64, f64)> = kinds
        .iter()
        .zip(samples)
        .map(|((label, _, _), v)| (*label, pct(v.clone(), 0.5), pct(v, 0.99)))
        .collect();
    let rows = 2 * n;
    for (i, (label, p50, p99)) in timings.iter().enumerate() {
        if i == 0 {
            println!(
                "| {backend} | {rows} | {open:.2} (open, sealing included; a no-op start {noop:.1} ms) | {:.0} | {label} | {p50:.2} | {p99:.2} |",
                rows as f64 / open
            );
        } else {
            println!("| {backend} | | | | {label} | {p50:.2} | {p99:.2} |");
        }
    }
    store.close().await;
}
