//! The command line as an operator uses it: the real binary, a real data directory, SQLite
//! always and PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.

use libertas_store::testing::{backends, fresh_database};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// One data directory (and database) driven through the binary.
pub(crate) struct Cli {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) url: Option<String>,
}

impl Cli {
    pub(crate) async fn new(backend: &str) -> Cli {
        let url = if backend == "postgres" {
            Some(fresh_database().await)
        } else {
            None
        };
        Cli {
            dir: tempfile::tempdir().unwrap(),
            url,
        }
    }

    pub(crate) fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub(crate) fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_libertas"));
        cmd.arg("--data-dir").arg(self.data()).args(args);
        cmd.env_remove("LIBERTAS_DATABASE_URL")
            .env_remove("LIBERTAS_DATA_DIR")
            .env_remove("LIBERTAS_MASTER_KEY_FILE");
        if let Some(u) = &self.url {
            cmd.env("LIBERTAS_DATABASE_URL", u);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    }

    pub(crate) fn ok(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_commands_and_their_errors() {
    for backend in backends() {
        let cli = Cli::new(backend).await;
        std::fs::create_dir_all(cli.data()).unwrap();
        cli.ok(&["init"], "");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(cli.data().join("master.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = cli.run(&["init"], "");
        assert!(
            !again.status.success() && stderr(&again).contains("not empty"),
            "{}",
            stderr(&again)
        );
        let org = cli.ok(&["org", "add", "North Shelter"], "");
        assert_eq!(org.trim().len(), 36);
        cli.ok(
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
            "a long enough password\n",
        );
        // The supporter roles (docs/supporters.md) are created the same way.
        for (user, role) in [("sara", "supporter_care"), ("finn", "fundraising_manager")] {
            cli.ok(
                &[
                    "user",
                    "add",
                    "--org",
                    "North Shelter",
                    "--username",
                    user,
                    "--role",
                    role,
                ],
                "a long enough password\n",
            );
        }
        let bad_role = cli.run(
            &[
                "user",
                "add",
                "--org",
                "North Shelter",
                "--username",
                "bob",
                "--role",
                "boss",
            ],
            "a long enough password\n",
        );
        assert!(!bad_role.status.success() && stderr(&bad_role).contains("--role"));
        let short = cli.run(
            &[
                "user",
                "add",
                "--org",
                "North Shelter",
                "--username",
                "bob",
                "--role",
                "legal",
            ],
            "short\n",
        );
        assert!(!short.status.success() && stderr(&short).contains("stdin"));
        let no_org = cli.run(
            &[
                "user",
                "add",
                "--org",
                "Nowhere",
                "--username",
                "bob",
                "--role",
                "legal",
            ],
            "a long enough password\n",
        );
        assert!(!no_org.status.success() && stderr(&no_org).contains("--org"));
        let dup = cli.run(
            &[
                "user",
                "add",
                "--org",
                "North Shelter",
                "--username",
                "ana",
                "--role",
                "legal",
            ],
            "a long enough password\n",
        );
        assert!(
            !dup.status.success() && stderr(&dup).contains("--username"),
            "{}",
            stderr(&dup)
        );

        let out = cli.run(&["token", "create", "--username", "ana"], "");
        assert!(out.status.success());
        let token = String::from_utf8(out.stdout.clone()).unwrap();
        assert!(
            token.starts_with("lbt_") && token.ends_with('\n') && token.trim().len() == 47,
            "stdout is exactly the token: {token:?}"
        );
        assert!(stderr(&out).contains("shown only now"));
        let list = cli.ok(&["token", "list"], "");
        assert!(list.contains("ana") && !list.contains(token.trim()));
        let id = list
            .lines()
            .nth(1)
            .unwrap()
            .split('\t')
            .next()
            .unwrap()
            .to_owned();
        cli.ok(&["token", "revoke", &id], "");
        assert!(!cli.run(&["token", "revoke", &id], "").status.success());
        let verify = cli.ok(&["audit", "verify"], "");
        assert!(verify.contains("events checked"), "{verify}");
        let export = cli.ok(&["audit", "export"], "");
        assert!(export.lines().count() >= 5);
        for line in export.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(v["action"].is_string() && v["at"].is_string());
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refuses_to_start_without_the_right_master_key() {
    let cli = Cli::new("sqlite").await;
    cli.ok(&["init"], "");
    let key = cli.data().join("master.key");
    let saved = std::fs::read(&key).unwrap();
    std::fs::remove_file(&key).unwrap();
    let out = cli.run(&["serve", "--listen", "127.0.0.1:0"], "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("master key"), "{}", stderr(&out));
    assert!(!key.exists(), "no new key is created over existing data");
    std::fs::write(
        &key,
        b"libertas-master-key-v1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
    )
    .unwrap();
    let out = cli.run(&["org", "list"], "");
    assert!(
        !out.status.success() && stderr(&out).contains("does not match"),
        "{}",
        stderr(&out)
    );
    std::fs::write(&key, saved).unwrap();
    cli.ok(&["org", "list"], "");
    // LIBERTAS_MASTER_KEY_FILE keeps the key elsewhere.
    let other = Cli::new("sqlite").await;
    let key_file = other.dir.path().join("elsewhere.key");
    let out = Command::new(env!("CARGO_BIN_EXE_libertas"))
        .args(["--data-dir", other.data().to_str().unwrap(), "init"])
        .env("LIBERTAS_MASTER_KEY_FILE", &key_file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(key_file.exists() && !other.data().join("master.key").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erased_person_stays_unreadable_after_restoring_an_older_backup() {
    for backend in backends() {
        let cli = Cli::new(backend).await;
        cli.ok(&["init"], "");
        cli.ok(&["org", "add", "North"], "");
        cli.ok(
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
        // People are added through the store directly (the API needs a server).
        let store = libertas_store::Store::open({
            let mut c = libertas_store::StoreConfig::new(cli.data());
            c.database_url = cli.url.clone();
            c
        })
        .await
        .unwrap();
        let ana = store
            .principal(
                libertas_store::admin::Operator::console(),
                store
                    .user_by_username(libertas_store::admin::Operator::console(), "ana")
                    .await
                    .unwrap()
                    .unwrap()
                    .id,
            )
            .await
            .unwrap()
            .unwrap();
        let case = store
            .create_case(
                &ana,
                &libertas_domain::cases::CaseTitle::parse("Lark").unwrap(),
                "t",
            )
            .await
            .unwrap();
        let person = libertas_domain::people::NewPerson {
            role: libertas_domain::people::PersonRole::Victim,
            given_name: libertas_domain::people::PersonName::parse("Zamfira").unwrap(),
            family_name: libertas_domain::people::PersonName::parse("Oprescu").unwrap(),
            birth_date: None,
            gender: None,
            citizenship: vec![],
            languages: vec![],
            phone: None,
            email: None,
            identity_numbers: vec![],
            trafficking_status: None,
        };
        let (pid, _) = store.add_person(&ana, case.id, &person, "t").await.unwrap();
        store.checkpoint().await.unwrap();
        store.close().await;

        let backup = cli.dir.path().join("before.lbk");
        cli.ok(&["backup", backup.to_str().unwrap()], "");
        let missing_reason = cli.run(&["person", "erase", &pid.to_string()], "");
        assert!(!missing_reason.status.success(), "erasure needs --reason");
        cli.ok(
            &[
                "person",
                "erase",
                &pid.to_string(),
                "--reason",
                "the person asked",
            ],
            "",
        );
        let out = cli.run(&["restore", backup.to_str().unwrap()], "");
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(cli.ok(&["audit", "verify"], "").contains("events checked"));

        let store = libertas_store::Store::open({
            let mut c = libertas_store::StoreConfig::new(cli.data());
            c.database_url = cli.url.clone();
            c
        })
        .await
        .unwrap();
        let view = store.get_person(&ana, pid, "t").await.unwrap();
        assert!(
            view.erased && view.given_name.is_none() && view.family_name.is_none(),
            "{backend}"
        );
        store.close().await;
        // Nothing Libertas wrote holds the name in plain text.
        for f in files_under(cli.dir.path()) {
            let bytes = std::fs::read(&f).unwrap();
            assert!(
                !bytes.windows(7).any(|w| w == b"Zamfira"),
                "{backend}: plaintext name in {}",
                f.display()
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bounce_report_is_applied_whole_or_refused_naming_line_and_field() {
    for backend in backends() {
        let cli = Cli::new(backend).await;
        std::fs::create_dir_all(cli.data()).unwrap();
        cli.ok(&["init"], "");
        let bad = cli.dir.path().join("bounces-bad.csv");
        std::fs::write(
            &bad,
            "email,reason\na@example.org,complaint\nnot an address,hard_bounce\n",
        )
        .unwrap();
        let out = cli.run(&["supporters", "suppress", bad.to_str().unwrap()], "");
        let err = stderr(&out);
        assert!(!out.status.success(), "{backend}: {err}");
        assert!(
            err.contains("bounces-bad.csv")
                && err.contains("line 3")
                && err.contains("field email"),
            "{backend}: {err}"
        );
        // Nothing of the refused report was applied: its good row is new to the next one.
        let good = cli.dir.path().join("bounces.csv");
        std::fs::write(
            &good,
            "id,email,reason\ne1,a@example.org,complaint\ne2,b@example.org,hard_bounce\n",
        )
        .unwrap();
        let out = cli.run(&["supporters", "suppress", good.to_str().unwrap()], "");
        let err = stderr(&out);
        assert!(out.status.success(), "{backend}: {err}");
        assert!(
            err.contains("2 rows; 2 addresses suppressed"),
            "{backend}: {err}"
        );
        let out = cli.run(&["supporters", "suppress", good.to_str().unwrap()], "");
        let err = stderr(&out);
        assert!(
            out.status.success() && err.contains("0 addresses suppressed, 2 already"),
            "{backend}: {err}"
        );
        let out = cli.run(&["supporters", "suppress", "missing.csv"], "");
        assert!(
            !out.status.success() && stderr(&out).contains("missing.csv"),
            "{backend}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gift_report_is_imported_whole_once_or_refused_naming_line_and_field() {
    for backend in backends() {
        let cli = Cli::new(backend).await;
        std::fs::create_dir_all(cli.data()).unwrap();
        cli.ok(&["init"], "");
        cli.ok(&["org", "add", "North Shelter"], "");
        let head = "email,provider,provider_id,amount,currency,method,received,frequency";
        let bad = cli.dir.path().join("gifts-bad.csv");
        std::fs::write(
            &bad,
            format!(
                "{head}\na@example.org,bank,T1,25.00,GBP,cash,2026-11-01,\n\
                 b@example.org,bank,T2,25.00,GBP,cash,2026-11-31,\n"
            ),
        )
        .unwrap();
        let out = cli.run(
            &["supporters", "gifts", "import", bad.to_str().unwrap()],
            "",
        );
        let err = stderr(&out);
        assert!(!out.status.success(), "{backend}: {err}");
        assert!(
            err.contains("gifts-bad.csv: line 3, field received:"),
            "{backend}: {err}"
        );
        // Nothing of the refused file was recorded: its good row is new to the next one.
        let good = cli.dir.path().join("gifts.csv");
        std::fs::write(
            &good,
            format!(
                "{head}\na@example.org,bank,T1,25.00,GBP,cash,2026-11-01,\n\
                 b@example.org,bank,T3,10,EUR,standing_order,2026-11-02,monthly\n"
            ),
        )
        .unwrap();
        let import = |f: &std::path::Path| {
            cli.run(&["supporters", "gifts", "import", f.to_str().unwrap()], "")
        };
        let out = import(&good);
        let err = stderr(&out);
        assert!(out.status.success(), "{backend}: {err}");
        assert!(
            err.contains("2 rows; 2 gifts added, 0 already present; 2 donors created, 1 regular gifts started"),
            "{backend}: {err}"
        );
        let out = import(&good);
        let err = stderr(&out);
        assert!(
            out.status.success() && err.contains("0 gifts added, 2 already present"),
            "{backend}: {err}"
        );
        // The same provider id with another amount: refused, naming the line.
        let changed = cli.dir.path().join("gifts-changed.csv");
        std::fs::write(
            &changed,
            format!("{head}\na@example.org,bank,T1,26.00,GBP,cash,2026-11-01,\n"),
        )
        .unwrap();
        let out = import(&changed);
        let err = stderr(&out);
        assert!(
            !out.status.success() && err.contains("gifts-changed.csv: line 2, field provider_id:"),
            "{backend}: {err}"
        );
    }
}
