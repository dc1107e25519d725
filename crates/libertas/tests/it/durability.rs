//! Kill -9 of `libertas serve` while clients write: every write acknowledged with 2xx is there
//! after a restart, and the audit chain still verifies. SQLite always; PostgreSQL when
//! `LIBERTAS_TEST_DATABASE_URL` is set. The server is killed once [`KILL_AFTER`] writes were
//! acknowledged, with sixteen writers still sending: a condition, not a sleep, so a slow
//! machine tests the same thing as a fast one.

use libertas_store::testing::{backends, fresh_database};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// Acknowledged writes before the kill (of 16 writers × 200 notes).
const KILL_AFTER: usize = 200;

fn libertas(data: &Path, url: &Option<String>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_libertas"));
    c.arg("--data-dir")
        .arg(data)
        .env_remove("LIBERTAS_DATABASE_URL")
        .env_remove("LIBERTAS_MASTER_KEY_FILE");
    if let Some(u) = url {
        c.env("LIBERTAS_DATABASE_URL", u);
    }
    c
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[allow(clippy::zombie_processes)] // the caller kills and waits for it
async fn start(data: &Path, url: &Option<String>, port: u16) -> Child {
    let child = libertas(data, url)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await {
            if r.status().is_success() {
                return child;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9() {
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let url = if backend == "postgres" {
            Some(fresh_database().await)
        } else {
            None
        };
        let run = |args: &[&str], stdin: &str| {
            use std::io::Write;
            let mut child = libertas(&data, &url)
                .args(args)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(stdin.as_bytes())
                .unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{args:?}");
            String::from_utf8(out.stdout).unwrap().trim().to_owned()
        };
        run(&["init"], "");
        run(&["org", "add", "North"], "");
        run(
            &[
                "user",
                "add",
                "--org",
                "North",
                "--username",
                "ana",
                "--role",
                "caseworker",
            ],
            "a long enough password\n",
        );
        let token = run(&["token", "create", "--username", "ana"], "");
        let port = free_port();
        let mut server = start(&data, &url, port).await;
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        let case: serde_json::Value = http
            .post(format!("{base}/api/v1/cases"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"title": "Durability"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let case_id = case["id"].as_str().unwrap().to_owned();
        let acked = Arc::new(Mutex::new(Vec::<String>::new()));
        let enough = Arc::new(Notify::new());
        let mut tasks = vec![];
        for w in 0..16 {
            let (http, base, token, case_id, acked, enough) = (
                http.clone(),
                base.clone(),
                token.clone(),
                case_id.clone(),
                acked.clone(),
                enough.clone(),
            );
            tasks.push(tokio::spawn(async move {
                for i in 0..200 {
                    let res = http
                        .post(format!("{base}/api/v1/cases/{case_id}/notes"))
                        .bearer_auth(&token)
                        .json(&serde_json::json!({"text": format!("writer {w} note {i}")}))
                        .send()
                        .await;
                    match res {
                        Ok(r) if r.status().is_success() => {
                            let v: serde_json::Value = match r.json().await {
                                Ok(v) => v,
                                Err(_) => break,
                            };
                            let mut acked = acked.lock().unwrap();
                            acked.push(v["id"].as_str().unwrap().to_owned());
                            if acked.len() == KILL_AFTER {
                                enough.notify_one();
                            }
                        }
                        _ => break,
                    }
                }
            }));
        }
        // Bounded: the writers would have finished all 3,200 notes long before this.
        tokio::time::timeout(Duration::from_secs(120), enough.notified())
            .await
            .unwrap_or_else(|_| panic!("{backend}: {KILL_AFTER} writes not acknowledged in 120 s"));
        server.kill().unwrap(); // SIGKILL, with writes in flight
        server.wait().unwrap();
        for t in tasks {
            let _ = t.await;
        }
        let acked = acked.lock().unwrap().clone();
        assert!(
            acked.len() >= KILL_AFTER,
            "{backend}: only {} writes were acknowledged",
            acked.len()
        );

        let port = free_port();
        let mut server = start(&data, &url, port).await;
        let notes: serde_json::Value = http
            .get(format!(
                "http://127.0.0.1:{port}/api/v1/cases/{case_id}/notes"
            ))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let present: std::collections::HashSet<&str> = notes["notes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        let lost: Vec<&String> = acked
            .iter()
            .filter(|id| !present.contains(id.as_str()))
            .collect();
        assert!(
            lost.is_empty(),
            "{backend}: {} acknowledged notes lost",
            lost.len()
        );
        server.kill().unwrap();
        server.wait().unwrap();
        let verify = run(&["audit", "verify"], "");
        assert!(verify.contains("intact"), "{backend}: {verify}");
        eprintln!("{backend}: {} acknowledged writes, none lost", acked.len());
    }
}
