//! Helpers shared by the benchmarks: driving the real binary, timing, memory.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn fail(msg: &str) -> ! {
    eprintln!("bench failed: {msg}");
    std::process::exit(1)
}

pub fn fsync_rate(dir: &Path) -> f64 {
    let path = dir.join("fsync.probe");
    let Ok(mut f) = std::fs::File::create(&path) else {
        return 0.0;
    };
    let block = [7u8; 4096];
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(2) {
        if f.write_all(&block).and_then(|_| f.sync_data()).is_err() {
            break;
        }
        n += 1;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

pub async fn fresh_pg(base: &str) -> String {
    sqlx::any::install_default_drivers();
    use sqlx::Connection;
    let name = format!("libertas_bench_{}", std::process::id());
    let mut conn = sqlx::AnyConnection::connect(base)
        .await
        .unwrap_or_else(|e| fail(&e.to_string()));
    let _ = sqlx::query(&format!("drop database if exists {name}"))
        .execute(&mut conn)
        .await;
    sqlx::query(&format!("create database {name}"))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| fail(&e.to_string()));
    libertas_store::testing::replace_database(base, &name)
}

pub fn cli(dir: &Path, url: Option<&str>, args: &[&str], stdin: &str) -> String {
    let mut c = Command::new(env!("CARGO_BIN_EXE_libertas"));
    c.arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("LIBERTAS_DATABASE_URL");
    if let Some(u) = url {
        c.env("LIBERTAS_DATABASE_URL", u);
    }
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| fail(&e.to_string()));
    if let Some(mut s) = child.stdin.take() {
        let _ = s.write_all(stdin.as_bytes());
    }
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| fail(&e.to_string()));
    if !out.status.success() {
        fail(&format!("libertas {args:?} failed"));
    }
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[allow(clippy::zombie_processes)] // the caller kills and waits for it
pub async fn start(dir: &Path, url: Option<&str>, port: u16) -> (Child, f64) {
    let t0 = Instant::now();
    let mut c = Command::new(env!("CARGO_BIN_EXE_libertas"));
    c.arg("--data-dir")
        .arg(dir)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env_remove("LIBERTAS_DATABASE_URL");
    if let Some(u) = url {
        c.env("LIBERTAS_DATABASE_URL", u);
    }
    let child = c
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| fail(&e.to_string()));
    let http = reqwest::Client::new();
    loop {
        if let Ok(r) = http
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
        {
            if r.status().is_success() {
                return (child, t0.elapsed().as_secs_f64() * 1000.0);
            }
        }
        if t0.elapsed() > Duration::from_secs(30) {
            fail("server did not start");
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

pub fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

pub fn port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(18181)
}
