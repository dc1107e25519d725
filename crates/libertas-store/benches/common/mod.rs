//! What the store's benchmarks share: reading `--name N` arguments, the backends to run on,
//! the data of one run (a fresh PostgreSQL database per run), and a small deterministic random
//! generator.
#![allow(dead_code)]

use libertas_store::testing::{replace_database, TestData};

/// The number after `name` on the command line, or `default`.
pub fn arg(name: &str, default: usize) -> usize {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// SQLite (`None`) always; PostgreSQL too when `LIBERTAS_BENCH_DATABASE_URL` (or
/// `LIBERTAS_TEST_DATABASE_URL`) names a server.
pub fn backends() -> Vec<Option<String>> {
    let mut backends = vec![None];
    let pg = std::env::var("LIBERTAS_BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("LIBERTAS_TEST_DATABASE_URL"))
        .ok()
        .filter(|u| !u.is_empty());
    if let Some(u) = pg {
        backends.push(Some(u));
    }
    backends
}

/// A new, empty database named `libertas_bench_<what>_…` on the PostgreSQL server at `base`.
pub async fn fresh_pg(base: &str, what: &str) -> String {
    sqlx::any::install_default_drivers();
    let name = format!("libertas_bench_{what}_{}", uuid::Uuid::now_v7().simple());
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(base)
        .await
        .unwrap();
    sqlx::query(&format!("create database {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    replace_database(base, &name)
}

/// The data of one run on `pg` (`None`: SQLite in a temporary folder; else a fresh database
/// named for `what` on that PostgreSQL server), and the backend's name for the printed table.
/// Keep the `TestData` alive while the store is used: it owns the folder.
pub async fn bench_data(pg: &Option<String>, what: &str) -> (TestData, &'static str) {
    let mut data = TestData::new("sqlite").await;
    let backend = match pg {
        Some(base) => {
            data.config.database_url = Some(fresh_pg(base, what).await);
            "postgres"
        }
        None => "sqlite",
    };
    (data, backend)
}

/// A run's data, its backend name, the store opened on it and its one organisation, "Bench".
pub async fn bench_store(
    pg: &Option<String>,
    what: &str,
) -> (
    TestData,
    &'static str,
    libertas_store::Store,
    libertas_domain::ids::OrgId,
) {
    let (data, backend) = bench_data(pg, what).await;
    let store = libertas_store::Store::init(data.config.clone())
        .await
        .unwrap();
    let org = store
        .create_org(
            libertas_store::admin::Operator::console(),
            &libertas_domain::admin::OrgName::parse("Bench").unwrap(),
            "bench",
        )
        .await
        .unwrap();
    (data, backend, store, org)
}

/// A small deterministic generator (SplitMix64): enough for invented names, dates and picks.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A staff account `name` with `role` in organisation `org`, created the way the console does,
/// as the principal the store's reads take.
pub async fn user(
    store: &libertas_store::Store,
    org: libertas_domain::ids::OrgId,
    name: &str,
    role: libertas_domain::admin::Role,
) -> libertas_domain::admin::Principal {
    use libertas_domain::admin::{Password, Username};
    let console = libertas_store::admin::Operator::console();
    store
        .create_user(
            console,
            org,
            &Username::parse(name).unwrap(),
            role,
            &Password::parse("a long enough password").unwrap(),
            "bench",
        )
        .await
        .unwrap();
    let u = store
        .user_by_username(console, name)
        .await
        .unwrap()
        .unwrap();
    store.principal(console, u.id).await.unwrap().unwrap()
}

/// Prints one row of a `| backend | reader | view | p50 ms | p95 ms | max ms | rows |` table.
pub fn report(
    backend: &str,
    who: &str,
    name: &str,
    times: &mut [std::time::Duration],
    rows: usize,
) {
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let p = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    println!(
        "| {backend} | {who} | {name} | {:.1} | {:.1} | {:.1} | {rows} |",
        ms(p(0.5)),
        ms(p(0.95)),
        ms(times[times.len() - 1])
    );
}

/// One value of a bulk row.
pub enum V {
    T(String),
    /// An integer (PostgreSQL will not read a text into a bigint column).
    I(i64),
    B,
    N,
}

/// Inserts `rows` into `table (cols)` in chunks (`V::B`: 64 placeholder bytes for a sealed
/// column the bench never opens).
pub async fn bulk(conn: &mut sqlx::AnyConnection, table: &str, cols: &str, rows: Vec<Vec<V>>) {
    let width = cols.split(',').count();
    for chunk in rows.chunks(400) {
        let sql = format!(
            "insert into {table} ({cols}) values {}",
            (0..chunk.len())
                .map(|r| {
                    let c: Vec<String> =
                        (1..=width).map(|c| format!("${}", r * width + c)).collect();
                    format!("({})", c.join(", "))
                })
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut q = sqlx::query(&sql);
        for row in chunk {
            for v in row {
                q = match v {
                    V::T(s) => q.bind(s.clone()),
                    V::I(i) => q.bind(*i),
                    V::B => q.bind(vec![0u8; 64]),
                    V::N => q.bind(None::<String>),
                };
            }
        }
        q.execute(&mut *conn).await.unwrap();
    }
}

/// Writes `tables` (`(table, columns, rows)`, in order) into the database at `url` in one
/// transaction, then refreshes the planner's statistics. On PostgreSQL the derived facts'
/// triggers (impact and indicators), which recompute per row written, too slowly before the new rows have statistics
/// (docs/impact.md), are off during the load and the facts computed once afterwards, as a
/// restore does; SQLite keeps them as the rows go in.
pub async fn load(url: &str, backend: &str, tables: Vec<(&str, &str, Vec<Vec<V>>)>) {
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(url)
        .await
        .unwrap();
    let pg = backend == "postgres";
    let mut tx = sqlx::Connection::begin(&mut conn).await.unwrap();
    let triggers = |on: &str, t: &str| format!("alter table {t} {on} trigger user");
    let sources = libertas_store::stats::testing::fact_sources();
    if pg {
        for t in &sources {
            sqlx::query(&triggers("disable", t))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
    }
    for (table, cols, rows) in tables {
        bulk(&mut tx, table, cols, rows).await;
    }
    if pg {
        for t in &sources {
            sqlx::query(&triggers("enable", t))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        libertas_store::stats::testing::rebuild_all_facts(&mut tx).await;
    }
    tx.commit().await.unwrap();
    let settle = if pg { "vacuum analyze" } else { "analyze" };
    sqlx::query(settle).execute(&mut conn).await.unwrap();
}

/// Runs `run` on each backend of [`backends`] in turn (`--backend sqlite` or `--backend
/// postgres` picks one), on one multi-threaded runtime.
pub fn on_each_backend<F, Fut>(run: F)
where
    F: Fn(Option<String>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let only = std::env::args().skip_while(|a| a != "--backend").nth(1);
    for b in backends() {
        let name = if b.is_some() { "postgres" } else { "sqlite" };
        if only.as_deref().is_none_or(|o| o == name) {
            rt.block_on(run(b));
        }
    }
}
