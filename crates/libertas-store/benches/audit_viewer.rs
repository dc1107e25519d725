//! Audit viewer benchmark: a trail of 1,000,000 events in one organisation, then the time of
//! one page of the viewer (`Store::audit_page`: the filtered, newest-first query of 51 rows,
//! opening the reasons shown, and the durable commit of its own `audit.read` event) for the
//! filters people use, printing p50/p95/max. SQLite always; PostgreSQL too when
//! `LIBERTAS_BENCH_DATABASE_URL` (or `LIBERTAS_TEST_DATABASE_URL`) names a server.
//!
//! Run: `cargo bench -p libertas-store --bench audit_viewer [-- --events 1000000 --pages 100]`.
//! It prints figures; it asserts nothing. Target (issue 11): p95 ≤ 50 ms.
//!
//! The events are written with bulk SQL (rows shaped as the store writes them, `at` rising
//! with `seq` over two years) rather than through the chained append, whose cost is the
//! foundation benchmark's. Their reasons are sealed-looking text that does not open, so the
//! page shows "cannot be opened" for them: opening 50 short reasons costs microseconds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{arg, backends, bench_data, user, Rng};

use libertas_domain::admin::{OrgName, Principal, Role};
use libertas_store::audit::AuditBrowse;
use libertas_store::Store;
use std::time::{Duration, Instant};
use time::{Date, Month};

const ACTIONS: &[&str] = &[
    "case.read",
    "case.create",
    "case.update",
    "case.member.add",
    "person.read",
    "person.create",
    "person.update",
    "report.read",
    "report.screen",
    "referral.create",
    "referral.read",
    "evidence.read",
    "evidence.upload",
    "decision.record",
    "task.create",
    "task.done",
    "login",
    "logout",
    "search",
    "care_plan.read",
];

fn main() {
    let events = arg("--events", 1_000_000);
    let pages = arg("--pages", 100);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("| backend | events | filter | p50 ms | p95 ms | max ms | rows |");
    println!("|---|---|---|---|---|---|---|");
    for b in backends() {
        rt.block_on(run(b, events, pages));
    }
    println!("\n{pages} pages of each kind, one at a time; every page commits its own audit.read event before it returns.");
}

async fn admin(store: &Store) -> Principal {
    let console = libertas_store::admin::Operator::console();
    let org = store
        .create_org(console, &OrgName::parse("Bench").unwrap(), "bench")
        .await
        .unwrap();
    user(store, org, "admin", Role::Admin).await
}

/// The instant of event `i` of `n`: two years, rising with `seq`.
fn at_of(i: usize, n: usize) -> String {
    let start = time::OffsetDateTime::new_utc(
        Date::from_calendar_date(2024, Month::December, 1).unwrap(),
        time::Time::MIDNIGHT,
    );
    let span = 2 * 365 * 86_400_i64;
    let t = start + time::Duration::seconds(span * i as i64 / n.max(1) as i64);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

async fn run(pg: Option<String>, n: usize, pages: usize) {
    let (data, backend) = bench_data(&pg, "audit").await;
    let store = Store::init(data.config.clone()).await.unwrap();
    let me = admin(&store).await;
    let org = me.org_id.to_string();
    let objects: Vec<String> = (0..100_000)
        .map(|_| uuid::Uuid::now_v7().to_string())
        .collect();
    let actors: Vec<String> = (0..200).map(|i| format!("user{i:03}")).collect();

    let started = Instant::now();
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&data.config.database_url())
        .await
        .unwrap();
    let first_seq: i64 = sqlx::query_scalar("select coalesce(max(seq), 0) + 1 from audit_events")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let mut rng = Rng(20_261_203);
    let mut tx = sqlx::Connection::begin(&mut conn).await.unwrap();
    const CHUNK: usize = 500;
    for chunk in 0..n.div_ceil(CHUNK) {
        let rows = CHUNK.min(n - chunk * CHUNK);
        let values: Vec<String> = (0..rows)
            .map(|r| {
                let b = r * 10;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, '{{}}', 'x', 'x')",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7,
                    b + 8,
                    b + 9,
                    b + 10
                )
            })
            .collect();
        let sql = format!(
            "insert into audit_events (seq, id, at, org_id, actor_id, actor, action, object_type,
                                       object_id, reason, detail, prev_mac, mac) values {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for r in 0..rows {
            let i = chunk * CHUNK + r;
            // A few actors do most of the work, as on a real helpline.
            let actor = &actors[if rng.below(4) == 0 {
                rng.below(200)
            } else {
                rng.below(20)
            }];
            let action = ACTIONS[rng.below(ACTIONS.len())];
            q = q
                .bind(first_seq + i as i64)
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(at_of(i, n))
                .bind(org.clone())
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(actor.clone())
                .bind(action)
                .bind(action.split('.').next().unwrap_or("case"))
                .bind(objects[rng.below(objects.len())].clone())
                .bind("sealed:audit:AAAA");
        }
        q.execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    // Keep the chain head past the bulk rows, so the store's own events follow them.
    sqlx::query("update audit_head set seq = $1")
        .bind(first_seq + n as i64 - 1)
        .execute(&mut conn)
        .await
        .unwrap();
    if backend == "postgres" {
        sqlx::query("analyze audit_events")
            .execute(&mut conn)
            .await
            .unwrap();
    } else {
        sqlx::query("analyze").execute(&mut conn).await.unwrap();
    }
    eprintln!(
        "{backend}: {n} events written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let deep = first_seq + n as i64 / 2;
    let kinds: Vec<(&str, AuditBrowse)> = vec![
        ("newest, no filter", AuditBrowse::default()),
        (
            "page in the middle (before = n/2)",
            AuditBrowse {
                before: Some(deep),
                ..Default::default()
            },
        ),
        (
            "busy actor",
            AuditBrowse {
                actor: Some(actors[0].clone()),
                ..Default::default()
            },
        ),
        (
            "rare actor",
            AuditBrowse {
                actor: Some(actors[199].clone()),
                ..Default::default()
            },
        ),
        (
            "action",
            AuditBrowse {
                action: Some("evidence.read".into()),
                ..Default::default()
            },
        ),
        (
            "kind of action (case.)",
            AuditBrowse {
                action: Some("case.".into()),
                ..Default::default()
            },
        ),
        (
            "one record",
            AuditBrowse {
                object_id: Some(objects[4242].clone()),
                ..Default::default()
            },
        ),
        (
            "one week a year ago",
            AuditBrowse {
                from: Some(Date::from_calendar_date(2025, Month::December, 1).unwrap()),
                to: Some(Date::from_calendar_date(2025, Month::December, 7).unwrap()),
                ..Default::default()
            },
        ),
        (
            "rare actor in one month",
            AuditBrowse {
                actor: Some(actors[199].clone()),
                from: Some(Date::from_calendar_date(2025, Month::June, 1).unwrap()),
                to: Some(Date::from_calendar_date(2025, Month::June, 30).unwrap()),
                ..Default::default()
            },
        ),
    ];
    for (name, q) in kinds {
        let mut times: Vec<Duration> = Vec::with_capacity(pages);
        let mut rows = 0;
        for _ in 0..pages {
            let t = Instant::now();
            let page = store.audit_page(&me, &q).await.unwrap();
            times.push(t.elapsed());
            rows = page.events.len();
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let pct = |p: f64| times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1)];
        println!(
            "| {backend} | {n} | {name} | {:.1} | {:.1} | {:.1} | {rows} |",
            ms(pct(0.50)),
            ms(pct(0.95)),
            ms(*times.last().unwrap())
        );
    }
}
