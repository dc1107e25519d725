//! The real `libertas serve` for browser tests: the CLI prepares a fresh data directory, the
//! server listens on a free loopback port, and everything goes away when the test ends.
//!
//! Also the gate every browser test shares: they run only with `LIBERTAS_TEST_BROWSER=1`, and
//! then a missing Chromium or ChromeDriver is a failure; without it they say loudly that they
//! were skipped, and fail under `CI=true`, so CI cannot pass without having looked.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;
use totp_rs::{Algorithm, Secret, TOTP};

/// The password of every demo user (`libertas demo`).
pub const DEMO_PASSWORD: &str = "libertas-demo-2026";

/// Debian's Chromium and ChromeDriver (`.ci/run` installs them).
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The browser journeys run one at a time, as they did when each was a test binary of its
/// own: two servers, two ChromeDrivers and two Chromiums at once on a busy 2-core machine made
/// ChromeDriver miss its start-up deadline. Hold the guard for the whole test.
pub async fn one_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    ONE_AT_A_TIME.lock().await
}

/// Whether browser tests should run; if not, says so where a person running the suite will see
/// it (straight to stderr, which the test harness does not capture). `what` names the test.
pub fn browser_tests_enabled(what: &str) -> bool {
    if std::env::var("LIBERTAS_TEST_BROWSER").as_deref() == Ok("1") {
        for (name, path) in [("Chromium", CHROMIUM), ("ChromeDriver", CHROMEDRIVER)] {
            assert!(
                Path::new(path).exists(),
                "LIBERTAS_TEST_BROWSER=1 but {name} is not at {path}: install Debian's chromium and \
                 chromium-driver packages (.ci/run does)"
            );
        }
        return true;
    }
    let notice = format!(
        "\n********************************************************************\n\
         SKIPPED: {what} (set LIBERTAS_TEST_BROWSER=1 to run it)\n\
         ********************************************************************\n"
    );
    let _ = writeln!(std::io::stderr(), "{notice}");
    // Under CI a skipped browser test is a failure: CI must not pass without having looked.
    assert!(
        !libertas_store::testing::in_ci(),
        "CI=true but LIBERTAS_TEST_BROWSER is not 1: {what} would be skipped (.ci/run sets it \
         and installs Chromium and ChromeDriver)"
    );
    false
}

/// Runs the built binary with `args` and `stdin`, failing the test with its stderr unless it
/// succeeds.
pub fn libertas(data_dir: &Path, args: &[&str], stdin: &str) {
    let mut child = libertas_command(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // A command that does not read stdin may already have exited: a broken pipe is fine here.
    let _ = pipe.write_all(stdin.as_bytes());
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "libertas {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The built binary over `data_dir`. Configuration from the caller's environment must not steer
/// it to another database.
pub fn libertas_command(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_libertas"));
    for var in [
        "LIBERTAS_DATABASE_URL",
        "LIBERTAS_DATA_DIR",
        "LIBERTAS_LISTEN",
        "LIBERTAS_MASTER_KEY_FILE",
    ] {
        cmd.env_remove(var);
    }
    cmd.arg("--data-dir").arg(data_dir);
    cmd
}

/// `libertas serve` on a free loopback port, killed when dropped. Its log goes to a file that
/// is printed if the test fails.
pub struct Server {
    base: String,
    child: Child,
    log: PathBuf,
    _dir: TempDir,
}

impl Server {
    /// Runs `setup` with a fresh data directory (for `libertas init`, organisations, users),
    /// then serves it.
    pub async fn start(setup: impl FnOnce(&Path)) -> Server {
        Server::run(setup, "serve").await
    }

    /// `libertas demo` on a fresh data directory: the invented demo data (its users' password
    /// is `DEMO_PASSWORD`, the second factor waived), served.
    pub async fn start_demo() -> Server {
        Server::run(|_| {}, "demo").await
    }

    async fn run(setup: impl FnOnce(&Path), command: &str) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        setup(&data);
        let port = super::webdriver::free_port();
        let log = dir.path().join("serve.log");
        let out = std::fs::File::create(&log).unwrap();
        let child = libertas_command(&data)
            .args([command, "--listen", &format!("127.0.0.1:{port}")])
            .stdin(Stdio::null())
            .stderr(out.try_clone().unwrap())
            .stdout(out)
            .spawn()
            .unwrap();
        let mut server = Server {
            base: format!("http://127.0.0.1:{port}"),
            child,
            log,
            _dir: dir,
        };
        server.wait_until_healthy().await;
        server
    }

    async fn wait_until_healthy(&mut self) {
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(res) = http.get(format!("{}/healthz", self.base)).send().await {
                if res.status() == reqwest::StatusCode::OK {
                    return;
                }
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("libertas serve exited before it was healthy: {status}");
            }
            assert!(
                Instant::now() < deadline,
                "libertas serve at {} was not healthy within 120 s (demo seeding included)",
                self.base
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The full address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            let text = std::fs::read_to_string(&self.log).unwrap_or_default();
            eprintln!("--- libertas serve log ---\n{text}");
        }
    }
}

/// The code an authenticator app would show now for the base32 `secret`.
pub fn totp_now(secret: &str, account: &str) -> String {
    let bytes = Secret::Encoded(secret.trim().to_owned())
        .to_bytes()
        .unwrap();
    TOTP::new_unchecked(Algorithm::SHA1, 6, 1, 30, bytes, None, account.to_owned())
        .generate_current()
        .unwrap()
}
