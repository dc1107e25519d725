//! Finding 6: the second-factor waiver came from a database row (`meta.demo`), so any data
//! directory carrying the mark was served without TOTP. Now the command decides: `libertas
//! demo` prints its logins and waives the second factor, as the README says; `libertas serve`
//! on the very same data directory demands it. The real binary, a real data directory.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const DEMO_PASSWORD: &str = "libertas-demo-2026";

/// Starts `libertas <command> --listen 127.0.0.1:0` and returns the child, its base URL and
/// what it printed on standard output before listening.
fn start(dir: &std::path::Path, command: &str) -> (Child, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_libertas"))
        .arg("--data-dir")
        .arg(dir)
        .args([command, "--listen", "127.0.0.1:0"])
        .env_remove("LIBERTAS_DATABASE_URL")
        .env_remove("LIBERTAS_DATA_DIR")
        .env_remove("LIBERTAS_MASTER_KEY_FILE")
        .env_remove("LIBERTAS_LISTEN")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut base = None;
    for line in stderr.by_ref() {
        let line = line.unwrap();
        if let Some(rest) = line.split("listening on ").nth(1) {
            base = Some(rest.split_whitespace().next().unwrap().to_owned());
            break;
        }
    }
    // Keep draining, so the child never writes into a closed pipe.
    std::thread::spawn(move || stderr.for_each(drop));
    let base = base.unwrap_or_else(|| panic!("libertas {command} did not start listening"));
    // Everything printed so far on stdout (the demo logins) is complete before listening.
    let mut out = String::new();
    if let Some(stdout) = child.stdout.take() {
        let mut r = BufReader::new(stdout);
        let mut line = String::new();
        while command == "demo" && r.read_line(&mut line).unwrap() > 0 {
            out.push_str(&line);
            line.clear();
            if out.lines().count() > 3 {
                break;
            }
        }
        std::thread::spawn(move || r.lines().for_each(drop));
    }
    (child, base, out)
}

fn stop(mut child: Child) {
    // Only the process this test started, by its id.
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let _ = child.wait();
}

/// Signs in with the password; returns where `/` sends the session afterwards (None: it is
/// served) and the status of `/api/v1/me` with the session cookie.
async fn sign_in(base: &str, username: &str) -> (Option<String>, u16) {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = http.get(format!("{base}/login")).send().await.unwrap();
    let pre = cookie(&res, "libertas_pre");
    let page = res.text().await.unwrap();
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let res = http
        .post(format!("{base}/login"))
        .header("cookie", pre)
        .header("origin", base)
        .form(&[
            ("csrf", csrf.as_str()),
            ("username", username),
            ("password", DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "the demo password is accepted");
    let session = cookie(&res, "libertas_session");
    let res = http
        .get(format!("{base}/"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    let next = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    let me = http
        .get(format!("{base}/api/v1/me"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    (next, me)
}

fn cookie(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.contains(name) && !c.ends_with('='))
        .unwrap_or_else(|| panic!("no {name} cookie"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_demo_command_waives_the_second_factor() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");

    let (child, base, logins) = start(&dir, "demo");
    assert!(
        logins.contains(DEMO_PASSWORD),
        "demo prints its logins: {logins}"
    );
    let username = logins
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_owned();
    let (next, me) = sign_in(&base, &username).await;
    assert_eq!(
        (next, me),
        (None, 200),
        "demo: signed in without a second factor"
    );
    stop(child);

    // The same data directory, meta.demo = 1 and all, served by `serve`.
    let (child, base, _) = start(&dir, "serve");
    let (next, me) = sign_in(&base, &username).await;
    assert_eq!(
        (next.as_deref(), me),
        (Some("/account/totp"), 401),
        "serve: the second factor is demanded"
    );
    stop(child);
}
