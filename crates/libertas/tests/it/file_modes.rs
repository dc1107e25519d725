//! Every file Libertas creates is private to its user (0600) and every folder 0700, whatever
//! the umask: the commands here run under `umask 000`. A realistic run with the real binary —
//! init, serve with an evidence upload, backup, key-store backup, erasure, restore, audit
//! verify — then every path under the data directory is checked, while the server runs (WAL
//! and SHM files exist then) and after.

use crate::ops::Ops;
use libertas_store::testing::backends;
use serde_json::json;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Paths under `dir` (and `dir` itself) whose mode is not 0700 for folders or 0600 for files.
fn loose(dir: &Path) -> Vec<String> {
    let mut out = vec![];
    let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
    if mode != 0o700 {
        out.push(format!("{} is {mode:o}", dir.display()));
    }
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(loose(&p));
        } else {
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            if mode != 0o600 {
                out.push(format!("{} is {mode:o}", p.display()));
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_file_is_0600_and_every_folder_0700_whatever_the_umask() {
    for backend in backends() {
        let ops = Ops::new(backend).await;
        let token = ops.setup();
        let data = ops.data();
        let server = ops.serve().await;
        let (s, case) = server
            .post(&token, "/api/v1/cases", json!({"title": "Operation Wren"}))
            .await;
        assert_eq!(s, 201);
        let case = case["id"].as_str().unwrap().to_owned();
        let (s, person) = server
            .post(
                &token,
                &format!("/api/v1/cases/{case}/people"),
                json!({"role": "victim", "given_name": "Ilinca", "family_name": "Toma"}),
            )
            .await;
        assert_eq!(s, 201);
        let person = person["id"].as_str().unwrap().to_owned();
        let form = reqwest::multipart::Form::new()
            .part(
                "file",
                reqwest::multipart::Part::bytes(b"statement given at the shelter".to_vec())
                    .file_name("statement.txt"),
            )
            .text("description", "Statement");
        let r = server
            .http
            .post(format!("{}/api/v1/cases/{case}/evidence", server.base))
            .bearer_auth(&token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
        // The server's checkpoint task runs every 2 s; wait for its file.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while !data.join("audit-checkpoint.json").exists() {
            assert!(std::time::Instant::now() < deadline, "no checkpoint file");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let running = loose(&data);
        if backend == "sqlite" {
            assert!(data.join("libertas.sqlite-wal").exists());
        }
        server.stop();

        let outside = ops.dir.path().join("offsite");
        std::fs::create_dir(&outside).unwrap();
        let backup = outside.join("nightly.lbk");
        ops.ok(&["backup", backup.to_str().unwrap()], "");
        ops.ok(&["keystore-backup"], "");
        ops.ok(&["person", "erase", &person, "--reason", "asked"], "");
        ops.ok(&["restore", backup.to_str().unwrap()], "");
        ops.ok(&["audit", "verify"], "");
        assert!(data.join("backups").is_dir() && data.join("keystore-backups").is_dir());
        assert!(data.join("evidence").is_dir());

        let mut wrong = running;
        wrong.extend(loose(&data));
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        if mode != 0o600 {
            wrong.push(format!("the backup file is {mode:o}"));
        }
        assert!(wrong.is_empty(), "{backend}: {wrong:#?}");

        // A database file left readable by an older version is made private at start.
        if backend == "sqlite" {
            let db = data.join("libertas.sqlite");
            std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
            ops.ok(&["audit", "verify"], "");
            let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "the database file is tightened at start");
        }
    }
}
