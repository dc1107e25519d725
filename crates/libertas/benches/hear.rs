//! Hear benchmark: accepted public reports per second through the public form with
//! proof-of-work verification on (rate limits off for this run), p99 latency at 64 concurrent
//! clients on loopback; then staff-page latency while a bounded flood runs with limits on.
//!
//! Run: `cargo bench -p libertas --bench hear [-- --seconds 8]`. Prints figures only.
//! The stamps are computed before the timed phase at 12 bits (the server's check costs one
//! hash whatever the difficulty). The flood comes from 64 simulated clients, told apart by
//! `X-Forwarded-For` through a trusted proxy on 127.0.0.1 (no traffic leaves loopback).

mod support;

use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{cli, fail, port, start};

const CLIENTS: usize = 64;

fn main() {
    let seconds: u64 = std::env::args()
        .skip_while(|a| a != "--seconds")
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| fail(&e.to_string()));
    let tmp = tempfile::tempdir().unwrap_or_else(|e| fail(&e.to_string()));
    let dir = tmp.path().join("data");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&e.to_string()));
    cli(&dir, None, &["init"], "");
    cli(&dir, None, &["org", "add", "Helpline"], "");
    cli(
        &dir,
        None,
        &[
            "user",
            "add",
            "--org",
            "Helpline",
            "--username",
            "olga",
            "--role",
            "hotline",
        ],
        "a long enough password\n",
    );
    let token = cli(&dir, None, &["token", "create", "--username", "olga"], "");
    rt.block_on(async {
        write_config(&dir, false);
        let (a, p50, p99, n) = form_flood(&dir, seconds).await;
        println!("| phase | figure |\n|---|---|");
        println!("| public form, proof-of-work verified, limits OFF, {CLIENTS} clients | {a:.0} accepted reports/s ({n} in all), p50 {p50:.1} ms, p99 {p99:.1} ms |");
        write_config(&dir, true);
        let (staff_p50, staff_p99, staff_n, accepted, limited) = staff_during_flood(&dir, &token, seconds).await;
        println!("| staff queue GET during a flood, limits ON | p50 {staff_p50:.1} ms, p99 {staff_p99:.1} ms over {staff_n} requests; flood: {accepted} accepted, {limited} refused with 429 |");
    });
}

fn write_config(dir: &Path, limits: bool) {
    let toml =
        format!("pow_bits = 12\nrate_limits = {limits}\ntrusted_proxies = [\"127.0.0.1\"]\n");
    std::fs::write(dir.join("libertas.toml"), toml).unwrap_or_else(|e| fail(&e.to_string()));
}

fn zero_bits(h: &[u8]) -> u32 {
    let mut z = 0;
    for b in h {
        if *b == 0 {
            z += 8;
        } else {
            return z + b.leading_zeros();
        }
    }
    z
}

fn solve(challenge: &str) -> String {
    (0u64..)
        .map(|n| n.to_string())
        .find(|n| zero_bits(&Sha256::digest(format!("{challenge}:{n}").as_bytes())) >= 12)
        .unwrap_or_default()
}

fn q(sorted: &[f64], p: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 - 1.0) * p).round() as usize)
        .copied()
        .unwrap_or(0.0)
}

async fn form_flood(dir: &Path, seconds: u64) -> (f64, f64, f64, usize) {
    let port = port();
    let (mut child, _) = start(dir, None, port).await;
    let base = format!("http://127.0.0.1:{port}");
    // Redirects are not followed: a 303 is the form's "accepted".
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default();
    // Challenges first, then stamps on all cores, then the timed flood.
    let wanted = 6000;
    let mut challenges = Vec::with_capacity(wanted);
    for _ in 0..wanted {
        let page = http
            .get(format!("{base}/report"))
            .send()
            .await
            .unwrap_or_else(|e| fail(&e.to_string()))
            .text()
            .await
            .unwrap_or_default();
        let c = page
            .split("name=\"pow_challenge\" value=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_default()
            .to_owned();
        challenges.push(c);
    }
    let stamps: Vec<(String, String)> = tokio::task::spawn_blocking(move || {
        let halves: Vec<Vec<String>> = challenges.chunks(wanted / 2).map(|c| c.to_vec()).collect();
        let handles: Vec<_> = halves
            .into_iter()
            .map(|h| {
                std::thread::spawn(move || {
                    h.into_iter()
                        .map(|c| {
                            let n = solve(&c);
                            (c, n)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
    .await
    .unwrap_or_default();
    let stamps = Arc::new(std::sync::Mutex::new(stamps));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let t0 = Instant::now();
    let mut tasks = vec![];
    for c in 0..CLIENTS {
        let (http, base, stamps) = (http.clone(), base.clone(), stamps.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![];
            while Instant::now() < deadline {
                let Some((ch, nonce)) = stamps.lock().ok().and_then(|mut s| s.pop()) else {
                    break;
                };
                let t = Instant::now();
                let form = [
                    (
                        "narrative",
                        format!("Benchmark report from client {c}: workers sleep at the site."),
                    ),
                    ("pow_challenge", ch),
                    ("pow_nonce", nonce),
                    ("identifiers", "07700 900123".to_owned()),
                ];
                if let Ok(r) = http.post(format!("{base}/report")).form(&form).send().await {
                    // Accepted: the form answers 303 to the receipt page (Post/Redirect/Get).
                    if r.status().as_u16() == 303 {
                        lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    }
                }
            }
            lat
        }));
    }
    let mut all = vec![];
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    let elapsed = t0.elapsed().as_secs_f64();
    let _ = child.kill();
    let _ = child.wait();
    all.sort_by(f64::total_cmp);
    (
        all.len() as f64 / elapsed,
        q(&all, 0.5),
        q(&all, 0.99),
        all.len(),
    )
}

async fn staff_during_flood(dir: &Path, token: &str, seconds: u64) -> (f64, f64, usize, u64, u64) {
    let port = port();
    let (mut child, _) = start(dir, None, port).await;
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut flood = vec![];
    for c in 0..CLIENTS {
        let (http, base) = (http.clone(), base.clone());
        flood.push(tokio::spawn(async move {
            let (mut ok, mut limited) = (0u64, 0u64);
            while Instant::now() < deadline {
                let r = http
                    .post(format!("{base}/api/v1/public/reports"))
                    .header("x-forwarded-for", format!("198.51.100.{c}"))
                    .json(&serde_json::json!({"narrative": "flood"}))
                    .send()
                    .await;
                match r.map(|r| r.status().as_u16()) {
                    Ok(201) => ok += 1,
                    Ok(429) => limited += 1,
                    _ => {}
                }
            }
            (ok, limited)
        }));
    }
    let mut lat = vec![];
    while Instant::now() < deadline {
        let t = Instant::now();
        if let Ok(r) = http
            .get(format!("{base}/api/v1/reports"))
            .bearer_auth(token)
            .send()
            .await
        {
            if r.status().is_success() {
                let _ = r.bytes().await;
                lat.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (mut ok, mut limited) = (0, 0);
    for f in flood {
        let (o, l) = f.await.unwrap_or((0, 0));
        ok += o;
        limited += l;
    }
    let _ = child.kill();
    let _ = child.wait();
    lat.sort_by(f64::total_cmp);
    (q(&lat, 0.5), q(&lat, 0.99), lat.len(), ok, limited)
}
