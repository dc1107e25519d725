//! The operator's view for the storage tests: the real binary over a fresh data directory,
//! `libertas serve` on a free loopback port, and helpers to look at every file on disk.
//!
//! Every command runs under `umask 000`, so a file or folder Libertas does not create with an
//! explicit private mode shows up as world-readable instead of being hidden by the caller's
//! umask.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// One data directory (and, for PostgreSQL, one database) driven through the binary.
pub struct Ops {
    pub dir: tempfile::TempDir,
    pub url: Option<String>,
}

impl Ops {
    pub async fn new(backend: &str) -> Ops {
        let url = if backend == "postgres" {
            Some(libertas_store::testing::fresh_database().await)
        } else {
            None
        };
        Ops {
            dir: tempfile::tempdir().unwrap(),
            url,
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The binary under `umask 000`, configured only by `--data-dir` (and the database URL).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("/bin/sh");
        cmd.arg("-c")
            .arg("umask 000; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_libertas"))
            .arg("--data-dir")
            .arg(self.data())
            .args(args);
        for var in [
            "LIBERTAS_DATABASE_URL",
            "LIBERTAS_DATA_DIR",
            "LIBERTAS_LISTEN",
            "LIBERTAS_MASTER_KEY_FILE",
        ] {
            cmd.env_remove(var);
        }
        if let Some(u) = &self.url {
            cmd.env("LIBERTAS_DATABASE_URL", u);
        }
        cmd
    }

    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    }

    /// Runs a command that must succeed; returns its stdout, trimmed.
    pub fn ok(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "libertas {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    /// `init`, one organisation, one caseworker `ana` and an API token for her.
    pub fn setup(&self) -> String {
        self.ok(&["init"], "");
        self.ok(&["org", "add", "North"], "");
        self.ok(
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
        self.ok(&["token", "create", "--username", "ana"], "")
    }

    pub async fn serve(&self) -> Serving {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = self.dir.path().join(format!("serve-{port}.log"));
        let out = std::fs::File::create(&log).unwrap();
        let child = self
            .command(&["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .unwrap();
        let mut s = Serving {
            base: format!("http://127.0.0.1:{port}"),
            child,
            log,
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = s.http.get(format!("{}/healthz", s.base)).send().await {
                if r.status().is_success() {
                    return s;
                }
            }
            if let Ok(Some(status)) = s.child.try_wait() {
                panic!("serve exited ({status}): {}", s.log());
            }
            assert!(
                Instant::now() < deadline,
                "serve did not start: {}",
                s.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// A running `libertas serve`, killed when dropped.
pub struct Serving {
    pub base: String,
    child: Child,
    log: PathBuf,
    pub http: reqwest::Client,
}

impl Serving {
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// POSTs JSON with the bearer token; returns status and body.
    pub async fn post(
        &self,
        token: &str,
        path: &str,
        body: serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    pub async fn get(&self, token: &str, path: &str) -> (u16, serde_json::Value) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// Stops the server with SIGTERM (graceful: it writes its last checkpoint) and waits.
    pub fn stop(mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("serve did not stop on SIGTERM: {}", self.log());
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Copies a directory tree as a backup tool would, while the server may still be running.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// The files under `dir` that hold `needle` anywhere in their bytes.
pub fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|f| {
            let bytes = std::fs::read(f).unwrap_or_default();
            !needle.is_empty() && bytes.windows(needle.len()).any(|w| w == needle)
        })
        .collect()
}

impl Ops {
    /// The main database's URL (the SQLite file when no PostgreSQL database is used).
    pub fn url(&self) -> String {
        self.url.clone().unwrap_or_else(|| {
            format!("sqlite://{}", self.data().join("libertas.sqlite").display())
        })
    }
}
