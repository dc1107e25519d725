//! Foundation benchmark: acknowledged API writes per second and their latency at 32
//! concurrent clients on loopback, idle memory, start-up time, and the disk's own fsync rate
//! (durable writes are bound by it). SQLite always; PostgreSQL too when
//! `LIBERTAS_BENCH_DATABASE_URL` (or `LIBERTAS_TEST_DATABASE_URL`) names a server.
//!
//! Run: `cargo bench -p libertas --bench foundation` (optionally `-- --seconds 10`).
//! It prints figures; it asserts nothing.

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{cli, fail, fresh_pg, fsync_rate, port, rss_mb, start};

const CLIENTS: usize = 32;

fn main() {
    let seconds: u64 = std::env::args()
        .skip_while(|a| a != "--seconds")
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| fail(&e.to_string()));
    let tmp = tempfile::tempdir().unwrap_or_else(|e| fail(&e.to_string()));
    println!(
        "disk fsync rate (4 KiB write + fdatasync): {:.0}/s",
        fsync_rate(tmp.path())
    );
    let mut backends = vec![("sqlite", None)];
    let pg = std::env::var("LIBERTAS_BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("LIBERTAS_TEST_DATABASE_URL"))
        .ok()
        .filter(|u| !u.is_empty());
    if let Some(base) = pg {
        let url = rt.block_on(fresh_pg(&base));
        backends.push(("postgres", Some(url)));
    }
    println!(
        "\n| backend | writes/s | p50 ms | p99 ms | max ms | errors | idle RSS MB | start-up ms |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (name, url) in backends {
        let dir = tmp.path().join(name);
        let r = rt.block_on(run_backend(&dir, url.as_deref(), seconds));
        println!(
            "| {name} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {:.1} | {:.0} |",
            r.writes_per_s, r.p50, r.p99, r.max, r.errors, r.idle_rss_mb, r.startup_ms
        );
    }
    println!("\n{CLIENTS} concurrent clients, {seconds} s of POST /api/v1/cases/{{id}}/notes each on loopback; every write is acknowledged only after commit (SQLite WAL with synchronous=FULL).");
}

struct Figures {
    writes_per_s: f64,
    p50: f64,
    p99: f64,
    max: f64,
    errors: u64,
    idle_rss_mb: f64,
    startup_ms: f64,
}

async fn run_backend(dir: &Path, url: Option<&str>, seconds: u64) -> Figures {
    cli(dir, url, &["init"], "");
    cli(dir, url, &["org", "add", "Bench"], "");
    cli(
        dir,
        url,
        &[
            "user",
            "add",
            "--org",
            "Bench",
            "--username",
            "bench",
            "--role",
            "caseworker",
        ],
        "a long enough password\n",
    );
    let token = cli(dir, url, &["token", "create", "--username", "bench"], "");
    let mut startups = vec![];
    for _ in 0..3 {
        let (mut child, ms) = start(dir, url, port()).await;
        startups.push(ms);
        let _ = child.kill();
        let _ = child.wait();
    }
    startups.sort_by(f64::total_cmp);
    let port = port();
    let (mut child, _) = start(dir, url, port).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle = rss_mb(child.id());
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap_or_else(|e| fail(&e.to_string()));
    let case: serde_json::Value = http
        .post(format!("{base}/api/v1/cases"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"title": "Bench"}))
        .send()
        .await
        .unwrap_or_else(|e| fail(&e.to_string()))
        .json()
        .await
        .unwrap_or_else(|e| fail(&e.to_string()));
    let url_notes = Arc::new(format!(
        "{base}/api/v1/cases/{}/notes",
        case["id"].as_str().unwrap_or_default()
    ));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = vec![];
    for c in 0..CLIENTS {
        let (http, token, url_notes) = (http.clone(), token.clone(), url_notes.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![];
            let mut errors = 0u64;
            let mut i = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                let r = http
                    .post(url_notes.as_str())
                    .bearer_auth(&token)
                    .json(&serde_json::json!({"text": format!("client {c} note {i}")}))
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status().is_success() => {
                        lat.push(t.elapsed().as_secs_f64() * 1000.0)
                    }
                    _ => errors += 1,
                }
                i += 1;
            }
            (lat, errors)
        }));
    }
    let t0 = Instant::now();
    let mut all = vec![];
    let mut errors = 0;
    for t in tasks {
        if let Ok((l, e)) = t.await {
            all.extend(l);
            errors += e;
        }
    }
    let elapsed = t0.elapsed().as_secs_f64();
    let _ = child.kill();
    let _ = child.wait();
    all.sort_by(f64::total_cmp);
    let q = |p: f64| {
        all.get(((all.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    Figures {
        writes_per_s: all.len() as f64 / elapsed,
        p50: q(0.5),
        p99: q(0.99),
        max: all.last().copied().unwrap_or(0.0),
        errors,
        idle_rss_mb: idle,
        startup_ms: startups[1],
    }
}
