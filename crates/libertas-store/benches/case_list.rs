//! Case list and home benchmark: an organisation with 100,000 cases, then the time of one page
//! of "my cases" (`Store::browse_cases`: count, the 50 rows, opening their titles, the durable
//! commit of its `case.list` event) and of the home page's case counts (`Store::case_work`)
//! for the filters people use, printing p50/p95/max. SQLite always; PostgreSQL too when
//! `LIBERTAS_BENCH_DATABASE_URL` (or `LIBERTAS_TEST_DATABASE_URL`) names a server.
//!
//! Run: `cargo bench -p libertas-store --bench case_list [-- --cases 100000 --pages 50]`.
//! It prints figures; it asserts nothing. Target (issue 11): p95 ≤ 50 ms.
//!
//! Two readers: a caseworker with 2,000 cases, opened through the store (real keys, real
//! sealed titles, so the page really decrypts 50 titles), and a supervisor who is a member
//! of those and of 18,000 more (20,000 cases, the worst caseload we can imagine). The rest
//! of the 100,000 belong to 48 other caseworkers and are written with bulk SQL, their titles
//! sealed-looking without a key (such a title opens as empty, as after erasure); every case
//! has one open task due within two months of today.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{arg, backends, bench_data, report, user, Rng};

use libertas_domain::admin::{OrgName, Role};
use libertas_domain::cases::{CaseStatus, CaseTitle};
use libertas_store::cases::{CaseBrowse, CaseSort};
use libertas_store::Store;
use std::time::Instant;

/// Cases opened through the store by the caseworker.
const REAL: usize = 2_000;
/// Bulk cases the supervisor is also a member of.
const SUPERVISED: usize = 18_000;
const OTHERS: usize = 48;

/// Copies each case's status onto its memberships written here by bulk SQL.
const FILL_MEMBER_STATUS: &str = "update case_members set case_status =
    (select c.status from cases c where c.id = case_members.case_id) where case_status is null";

fn main() {
    let cases = arg("--cases", 100_000);
    let pages = arg("--pages", 50);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("| backend | reader (cases) | view | p50 ms | p95 ms | max ms | rows |");
    println!("|---|---|---|---|---|---|---|");
    for b in backends() {
        rt.block_on(run(b, cases, pages));
    }
    println!("\n{pages} pages of each kind, one at a time; every list page commits its own case.list event before it returns.");
}

/// A stored time `i` minutes after the start of 2024 (bulk cases are older than real ones).
fn at_minute(i: usize) -> String {
    let start = time::macros::datetime!(2024-01-01 00:00 UTC);
    libertas_store::clock::to_text(start + time::Duration::minutes(i as i64))
}

async fn run(pg: Option<String>, n: usize, pages: usize) {
    let (data, backend) = bench_data(&pg, "cases").await;
    let store = Store::init(data.config.clone()).await.unwrap();
    let console = libertas_store::admin::Operator::console();
    let org = store
        .create_org(console, &OrgName::parse("Bench").unwrap(), "bench")
        .await
        .unwrap();
    let casey = user(&store, org, "casey", Role::Caseworker).await;
    let sup = user(&store, org, "supervisor", Role::Caseworker).await;
    let mut others = vec![];
    for i in 0..OTHERS {
        others.push(user(&store, org, &format!("worker{i:02}"), Role::Caseworker).await);
    }

    let started = Instant::now();
    let mut real_ids = Vec::with_capacity(REAL);
    for i in 0..REAL {
        let title = CaseTitle::parse(&format!("Case {i} of the helpline")).unwrap();
        let c = store.create_case(&casey, &title, "bench").await.unwrap();
        real_ids.push(c.id.to_string());
    }
    eprintln!(
        "{backend}: {REAL} cases opened through the store in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&data.config.database_url())
        .await
        .unwrap();
    let sealed: Vec<u8> = sqlx::query_scalar("select title from cases limit 1")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let mut rng = Rng(20_261_203);
    let statuses = CaseStatus::ALL;
    // A quarter of the real cases are in follow-up or closed, as in a real caseload.
    for id in real_ids.iter().step_by(4) {
        sqlx::query("update cases set status = $1 where id = $2")
            .bind(statuses[1 + rng.below(3)].as_str())
            .bind(id)
            .execute(&mut conn)
            .await
            .unwrap();
    }
    let today = libertas_store::clock::now().date();
    let mut tx = sqlx::Connection::begin(&mut conn).await.unwrap();
    const CHUNK: usize = 200;
    let bulk = n.saturating_sub(REAL);
    let sup_id = sup.user_id.to_string();
    for chunk in 0..bulk.div_ceil(CHUNK) {
        let rows = CHUNK.min(bulk - chunk * CHUNK);
        let cases_sql = format!(
            "insert into cases (id, org_id, title, status, owner_id, created_at, updated_at, number) values {}",
            (0..rows)
                .map(|r| {
                    let b = r * 8;
                    format!("(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8)
                })
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut cases = sqlx::query(&cases_sql);
        let mut members = vec![];
        let mut tasks = vec![];
        for r in 0..rows {
            let i = chunk * CHUNK + r;
            let id = uuid::Uuid::now_v7().to_string();
            let owner = others[rng.below(OTHERS)].user_id.to_string();
            let at = at_minute(i);
            cases = cases
                .bind(id.clone())
                .bind(org.to_string())
                .bind(sealed.clone())
                .bind(statuses[rng.below(4)].as_str())
                .bind(owner.clone())
                .bind(at.clone())
                .bind(at.clone())
                .bind(format!("C-{}-{:05}", 2024 + i / 60_000, i % 60_000 + 1));
            members.push((id.clone(), owner.clone(), at.clone()));
            if i < SUPERVISED {
                members.push((id.clone(), sup_id.clone(), at.clone()));
            }
            let due = today + time::Duration::days(rng.below(60) as i64 - 30);
            tasks.push((id, owner, due.to_string(), at));
        }
        cases.execute(&mut *tx).await.unwrap();
        let members_sql = format!(
            "insert into case_members (case_id, user_id, added_at) values {}",
            (0..members.len())
                .map(|r| format!("(${}, ${}, ${})", r * 3 + 1, r * 3 + 2, r * 3 + 3))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut q = sqlx::query(&members_sql);
        for (c, u, at) in members {
            q = q.bind(c).bind(u).bind(at);
        }
        q.execute(&mut *tx).await.unwrap();
        let tasks_sql = format!(
            "insert into tasks (id, case_id, kind, title, due_date, status, created_by, created_at) values {}",
            (0..tasks.len())
                .map(|r| {
                    let b = r * 6;
                    format!("(${}, ${}, 'manual', ${}, ${}, 'open', ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6)
                })
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut q = sqlx::query(&tasks_sql);
        for (c, owner, due, at) in tasks {
            q = q
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(c)
                .bind(sealed.clone())
                .bind(due)
                .bind(owner)
                .bind(at);
        }
        q.execute(&mut *tx).await.unwrap();
    }
    // The supervisor is a member of the caseworker's cases too.
    for id in &real_ids {
        sqlx::query("insert into case_members (case_id, user_id, added_at) values ($1, $2, $3)")
            .bind(id)
            .bind(&sup_id)
            .bind(at_minute(0))
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    // Each membership carries its case's status, as the store's writes keep it (0023).
    sqlx::query(FILL_MEMBER_STATUS)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // A database in service has been vacuumed by autovacuum (PostgreSQL's visibility map lets
    // a count read only the index); a bulk load just now has not.
    let settle = if backend == "postgres" {
        "vacuum analyze"
    } else {
        "analyze"
    };
    sqlx::query(settle).execute(&mut conn).await.unwrap();
    let total: i64 = sqlx::query_scalar("select count(*) from cases")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    eprintln!(
        "{backend}: {bulk} more cases, their members and tasks written in {:.1} s ({total} cases)",
        started.elapsed().as_secs_f64()
    );

    let year = today.year();
    for (who, p, count) in [
        ("caseworker", &casey, REAL),
        ("supervisor", &sup, REAL + SUPERVISED),
    ] {
        let last = (count as i64 - 1) / 50;
        let views: Vec<(&str, CaseBrowse)> = vec![
            ("first page", CaseBrowse::default()),
            (
                "page 10",
                CaseBrowse {
                    page: 9,
                    ..Default::default()
                },
            ),
            (
                "last page",
                CaseBrowse {
                    page: last,
                    ..Default::default()
                },
            ),
            (
                "status Closed",
                CaseBrowse {
                    status: Some(CaseStatus::Closed),
                    ..Default::default()
                },
            ),
            (
                "owned, by number",
                CaseBrowse {
                    owned: true,
                    sort: CaseSort::Number,
                    ..Default::default()
                },
            ),
            (
                "number prefix",
                CaseBrowse {
                    number: Some(format!("C-{year}-001")),
                    ..Default::default()
                },
            ),
            (
                "newest first",
                CaseBrowse {
                    sort: CaseSort::Created,
                    ..Default::default()
                },
            ),
        ];
        for (name, view) in views {
            let mut times = Vec::with_capacity(pages);
            let mut rows = 0;
            for _ in 0..pages {
                let t = Instant::now();
                let got = store.browse_cases(p, &view, "bench").await.unwrap();
                times.push(t.elapsed());
                rows = got.cases.len();
            }
            report(backend, &format!("{who} ({count})"), name, &mut times, rows);
        }
        let mut times = Vec::with_capacity(pages);
        for _ in 0..pages {
            let t = Instant::now();
            store.case_work(p, today).await.unwrap();
            times.push(t.elapsed());
        }
        report(
            backend,
            &format!("{who} ({count})"),
            "home counts (case_work)",
            &mut times,
            0,
        );
    }
}
