//! Reports queue benchmark: a helpline that has received 100,000 reports over three years
//! (about 1,000 still open, a few dozen urgent, a thread of messages on one report in ten),
//! then the time of one page of the queue (`Store::report_queue`: the 50 summaries and the
//! count of all that match) for the views operators use, and of the hotline home's counts
//! (`Store::report_work`), printing p50/p95/max. SQLite always; PostgreSQL too when
//! `LIBERTAS_BENCH_DATABASE_URL` (or `LIBERTAS_TEST_DATABASE_URL`) names a server.
//!
//! Run: `cargo bench -p libertas-store --bench report_queue [-- --reports 100000 --pages 50]`.
//! It prints figures; it asserts nothing. Target (issue 11): p95 ≤ 50 ms.
//!
//! The reports are written with bulk SQL. The queue reads no sealed column (summaries only),
//! so their sealed fields hold random bytes of a sealed field's length.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{arg, backends, bench_data, report, user, Rng};

use libertas_domain::admin::{OrgName, Principal, Role};
use libertas_domain::reports::Channel;
use libertas_store::reports::{AssigneeFilter, QueueFilter, QueueSort, StatusFilter};
use libertas_store::Store;
use std::time::Instant;

const OPERATORS: usize = 8;
const VERDICTS: [&str; 5] = [
    "trafficking",
    "possible_trafficking",
    "forced_labour",
    "smuggling",
    "no_indication",
];
const CHANNELS: [&str; 6] = ["public", "phone", "email", "sms", "walk_in", "web"];

fn main() {
    let reports = arg("--reports", 100_000);
    let pages = arg("--pages", 50);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("| backend | reader | view | p50 ms | p95 ms | max ms | rows |");
    println!("|---|---|---|---|---|---|---|");
    for b in backends() {
        rt.block_on(run(b, reports, pages));
    }
    println!(
        "\n{pages} requests of each kind, one at a time, {reports} reports in the organisation."
    );
}

/// The stored time of report `i` of `n`: three years up to an hour ago, rising with `i`.
fn received(i: usize, n: usize) -> String {
    let now = libertas_store::clock::now();
    let span = time::Duration::days(3 * 365).whole_minutes();
    let back = span - span * i as i64 / n.max(1) as i64 + 60;
    libertas_store::clock::to_text(now - time::Duration::minutes(back))
}

async fn run(pg: Option<String>, n: usize, pages: usize) {
    let (data, backend) = bench_data(&pg, "reports").await;
    let store = Store::init(data.config.clone()).await.unwrap();
    let console = libertas_store::admin::Operator::console();
    let org = store
        .create_org(console, &OrgName::parse("Bench").unwrap(), "bench")
        .await
        .unwrap();
    let mut ops: Vec<Principal> = vec![];
    for i in 0..OPERATORS {
        ops.push(user(&store, org, &format!("operator{i}"), Role::Hotline).await);
    }

    let started = Instant::now();
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&data.config.database_url())
        .await
        .unwrap();
    let mut rng = Rng(20_261_203);
    let mut tx = sqlx::Connection::begin(&mut conn).await.unwrap();
    const CHUNK: usize = 200;
    const COLS: usize = 14;
    let year_of = |at: &str| at[..4].to_owned();
    let mut per_year = std::collections::HashMap::<String, usize>::new();
    for chunk in 0..n.div_ceil(CHUNK) {
        let rows = CHUNK.min(n - chunk * CHUNK);
        let sql = format!(
            "insert into reports (id, org_id, channel, status, urgent, in_danger_now, narrative,
             screening, verdict, created_at, updated_at, number, assigned_to, assigned_at) values {}",
            (0..rows)
                .map(|r| {
                    let b = r * COLS;
                    let cols: Vec<String> = (1..=COLS).map(|c| format!("${}", b + c)).collect();
                    format!("({})", cols.join(", "))
                })
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut q = sqlx::query(&sql);
        let mut messages = vec![];
        for r in 0..rows {
            let i = chunk * CHUNK + r;
            let id = uuid::Uuid::now_v7().to_string();
            let at = received(i, n);
            // The last 1% are still open: two in three screened, one in twenty urgent.
            let open = i >= n - n / 100;
            let (status, verdict) = if open {
                if rng.below(3) == 0 {
                    ("new", None)
                } else {
                    ("screened", Some(VERDICTS[rng.below(5)]))
                }
            } else {
                (
                    ["referred", "case_opened", "closed"][rng.below(3)],
                    Some(VERDICTS[rng.below(5)]),
                )
            };
            let urgent = i64::from(open && rng.below(20) == 0);
            let held = (open && rng.below(2) == 0).then(|| ops[rng.below(OPERATORS)].user_id);
            let seq = per_year.entry(year_of(&at)).or_default();
            *seq += 1;
            let number = format!("R-{}-{:05}", year_of(&at), seq);
            let sealed: Vec<u8> = (0..180).map(|_| rng.below(256) as u8).collect();
            q = q
                .bind(id.clone())
                .bind(org.to_string())
                .bind(CHANNELS[rng.below(CHANNELS.len())])
                .bind(status)
                .bind(urgent)
                .bind(urgent)
                .bind(sealed)
                .bind(verdict.map(|v| format!("{{\"verdict\":\"{v}\"}}")))
                .bind(verdict)
                .bind(at.clone())
                .bind(at.clone())
                .bind(number)
                .bind(held.map(|u| u.to_string()))
                .bind(held.map(|_| at.clone()));
            if rng.below(10) == 0 || open && rng.below(3) == 0 {
                messages.push((id.clone(), "from_reporter", at.clone()));
                if rng.below(2) == 0 {
                    messages.push((id, "to_reporter", at));
                }
            }
        }
        q.execute(&mut *tx).await.unwrap();
        if !messages.is_empty() {
            let sql = format!(
                "insert into report_messages (id, report_id, direction, body, created_at) values {}",
                (0..messages.len())
                    .map(|r| {
                        let b = r * 5;
                        format!("(${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5)
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let mut q = sqlx::query(&sql);
            for (report, direction, at) in messages {
                q = q
                    .bind(uuid::Uuid::now_v7().to_string())
                    .bind(report)
                    .bind(direction)
                    .bind(vec![0u8; 120])
                    .bind(at);
            }
            q.execute(&mut *tx).await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    // A database in service has been vacuumed by autovacuum (PostgreSQL's visibility map lets
    // a count read only the index); a bulk load just now has not.
    let settle = if backend == "postgres" {
        "vacuum analyze"
    } else {
        "analyze"
    };
    sqlx::query(settle).execute(&mut conn).await.unwrap();
    eprintln!(
        "{backend}: {n} reports and their messages written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let me = &ops[0];
    let closed = StatusFilter::Is(libertas_domain::reports::ReportStatus::Closed);
    // Each view as the page asks for it: a history view without a chosen order lists the
    // newest first (`QueueSort::default_for`).
    let views: Vec<(&str, QueueFilter)> = vec![
        ("open, urgent first", QueueFilter::default()),
        (
            "open, page 10",
            QueueFilter {
                page: 10,
                ..Default::default()
            },
        ),
        (
            "all, newest first",
            QueueFilter {
                status: StatusFilter::All,
                sort: QueueSort::Newest,
                ..Default::default()
            },
        ),
        (
            "all, page 1000",
            QueueFilter {
                status: StatusFilter::All,
                sort: QueueSort::Newest,
                page: 1000,
                ..Default::default()
            },
        ),
        (
            "all, page 2000 (the last)",
            QueueFilter {
                status: StatusFilter::All,
                sort: QueueSort::Newest,
                page: 2000,
                ..Default::default()
            },
        ),
        (
            "all, oldest first",
            QueueFilter {
                status: StatusFilter::All,
                sort: QueueSort::Oldest,
                ..Default::default()
            },
        ),
        (
            "closed",
            QueueFilter {
                status: closed,
                sort: QueueSort::default_for(closed),
                ..Default::default()
            },
        ),
        (
            "closed, urgent first (asked for)",
            QueueFilter {
                status: closed,
                sort: QueueSort::Urgent,
                ..Default::default()
            },
        ),
        (
            "unscreened",
            QueueFilter {
                verdict: Some("unscreened".into()),
                ..Default::default()
            },
        ),
        (
            "all, verdict trafficking",
            QueueFilter {
                status: StatusFilter::All,
                sort: QueueSort::default_for(StatusFilter::All),
                verdict: Some("trafficking".into()),
                ..Default::default()
            },
        ),
        (
            "urgent only",
            QueueFilter {
                urgent_only: true,
                ..Default::default()
            },
        ),
        (
            "mine",
            QueueFilter {
                assignee: AssigneeFilter::Me,
                ..Default::default()
            },
        ),
        (
            "all, by phone",
            QueueFilter {
                status: StatusFilter::All,
                sort: QueueSort::default_for(StatusFilter::All),
                channel: Some(Channel::Phone),
                ..Default::default()
            },
        ),
    ];
    for (name, view) in views {
        let mut times = Vec::with_capacity(pages);
        let mut rows = 0;
        for _ in 0..pages {
            let t = Instant::now();
            let got = store.report_queue(me, &view).await.unwrap();
            times.push(t.elapsed());
            rows = got.reports.len();
        }
        report(backend, "operator", name, &mut times, rows);
    }
    let mut times = Vec::with_capacity(pages);
    for _ in 0..pages {
        let t = Instant::now();
        store.report_work(me).await.unwrap();
        times.push(t.elapsed());
    }
    report(
        backend,
        "operator",
        "home counts (report_work)",
        &mut times,
        0,
    );
}
