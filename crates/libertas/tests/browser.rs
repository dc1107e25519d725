//! The sign-in-to-sign-out journey in real Chromium against the real `libertas serve`.
//!
//! Unit and HTTP tests check each response; only a browser shows what a person at a shared
//! computer would see: that first login forces the password change and TOTP enrolment, that the
//! pages work without JavaScript, and above all that after signing out the back button (history,
//! back/forward cache, HTTP cache) brings back no personal data.
//!
//! It runs when `LIBERTAS_TEST_BROWSER=1` (`.ci/run` sets it, with Debian's Chromium and
//! ChromeDriver installed); otherwise it says loudly that it was skipped. With the variable set,
//! a missing Chromium or ChromeDriver is a failure, so CI cannot pass without having looked.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/webdriver.rs"]
mod webdriver;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;
use totp_rs::{Algorithm, Secret, TOTP};
use webdriver::{free_port, Browser};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const FIRST_PASSWORD: &str = "a long enough password 1";
const NEW_PASSWORD: &str = "another long password 2";

/// Runs the built binary with `args` and `stdin`, failing the test with its stderr unless it
/// succeeds. Configuration from the caller's environment must not steer it to another database.
fn libertas(data_dir: &Path, args: &[&str], stdin: &str) {
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

fn libertas_command(data_dir: &Path) -> Command {
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

/// `libertas serve` on a free loopback port over a fresh data directory with one caseworker,
/// killed when dropped. Its log goes to a file that is printed if the test fails.
struct Server {
    base: String,
    child: Child,
    log: PathBuf,
    _dir: TempDir,
}

impl Server {
    async fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        libertas(&data, &["init"], "");
        libertas(&data, &["org", "add", "North Shelter"], "");
        libertas(
            &data,
            &[
                "user",
                "add",
                "--org",
                "North Shelter",
                "--username",
                "ana",
                "--role",
                "caseworker",
            ],
            FIRST_PASSWORD,
        );
        let port = free_port();
        let log = dir.path().join("serve.log");
        let out = std::fs::File::create(&log).unwrap();
        let child = libertas_command(&data)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
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
        let deadline = Instant::now() + Duration::from_secs(30);
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
                "libertas serve at {} was not healthy within 30 s",
                self.base
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn url(&self, path: &str) -> String {
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
fn totp_now(secret: &str) -> String {
    let bytes = Secret::Encoded(secret.trim().to_owned())
        .to_bytes()
        .unwrap();
    TOTP::new_unchecked(Algorithm::SHA1, 6, 1, 30, bytes, None, "ana".to_owned())
        .generate_current()
        .unwrap()
}

/// Whether the browser test should run; if not, says so where a person running the suite will
/// see it (straight to stderr, which the test harness does not capture).
fn browser_tests_enabled() -> bool {
    if std::env::var("LIBERTAS_TEST_BROWSER").as_deref() == Ok("1") {
        for (what, path) in [("Chromium", CHROMIUM), ("ChromeDriver", CHROMEDRIVER)] {
            assert!(
                Path::new(path).exists(),
                "LIBERTAS_TEST_BROWSER=1 but {what} is not at {path}: install Debian's chromium and \
                 chromium-driver packages (.ci/run does)"
            );
        }
        return true;
    }
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: browser test (set LIBERTAS_TEST_BROWSER=1 to run it)"
    );
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_open_a_case_see_a_person_sign_out_and_back_shows_nothing() {
    if !browser_tests_enabled() {
        return;
    }
    let server = Server::start().await;
    let browser = Browser::start(Path::new(CHROMEDRIVER), Path::new(CHROMIUM)).await;

    // First login: password, then the forced password change.
    browser.goto(&server.url("/login")).await;
    browser.fill("#username", "ana").await;
    browser.fill("#password", FIRST_PASSWORD).await;
    browser
        .click(r#"form[action="/login"] button[type="submit"]"#)
        .await;
    browser.wait_for_path("/account/password").await;
    browser.fill("#current", FIRST_PASSWORD).await;
    browser.fill("#new", NEW_PASSWORD).await;
    browser.fill("#repeat", NEW_PASSWORD).await;
    browser
        .click(r#"form[action="/account/password"] button[type="submit"]"#)
        .await;

    // TOTP enrolment with the secret shown on the page, then the recovery codes.
    browser.wait_for_path("/account/totp").await;
    let secret = browser.text("#totp-secret").await;
    browser.fill("#code", &totp_now(&secret)).await;
    browser
        .click(r#"form[action="/account/totp"] button[type="submit"]"#)
        .await;
    browser.wait_for("ul.codes li").await;
    browser.click(r#"main a[href="/"]"#).await;

    // Open a case and add a person to it.
    browser.wait_for_path("/").await;
    browser.fill("#title", "Operation Lark").await;
    browser
        .click(r#"form[action="/cases"] button[type="submit"]"#)
        .await;
    let case_url = browser
        .wait_for_path_where("a case page", |p| p.starts_with("/cases/"))
        .await;
    browser.click("details summary").await;
    browser.click(r#"#role option[value="victim"]"#).await;
    browser.fill("#given_name", "Zamfira").await;
    browser.fill("#family_name", "Oprescu").await;
    browser
        .click(r#"form[action$="/people"] button[type="submit"]"#)
        .await;
    let person_url = browser
        .wait_for_path_where("a person page", |p| p.starts_with("/people/"))
        .await;
    assert_eq!(browser.text("#person-name").await, "Zamfira Oprescu");

    browser.goto(&case_url).await;
    let source = browser.source().await;
    assert!(
        source.contains("Zamfira Oprescu"),
        "the case page lists the person:\n{source}"
    );

    // Sign out, then try to get the personal data back.
    browser
        .click(r#"form[action="/logout"] button[type="submit"]"#)
        .await;
    browser.wait_for_path("/login").await;

    browser.back().await;
    let source = browser.source().await;
    let shown = browser.url().await;
    assert!(
        !source.contains("Zamfira") && !source.contains("Oprescu"),
        "after signing out, the back button shows personal data at {shown}:\n{source}"
    );
    assert_eq!(
        browser.path().await,
        "/login",
        "after signing out, back leads to the login page"
    );
    browser.wait_for("#username").await;

    browser.goto(&person_url).await;
    let source = browser.source().await;
    let shown = browser.url().await;
    assert!(
        !source.contains("Zamfira") && !source.contains("Oprescu"),
        "after signing out, the person page still shows personal data at {shown}:\n{source}"
    );
    assert_eq!(
        browser.path().await,
        "/login",
        "after signing out, the person page sends to login"
    );

    browser.quit().await;
}
