//! `libertas export ctdc` as an operator runs it: a k-anonymous CSV written with mode 0600,
//! never over an existing file, a summary with small counts suppressed, quiet when piped, and
//! errors naming the flag. SQLite always; PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::ops::Ops;
use libertas_store::testing::backends;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_ctdc_writes_a_private_k_anonymous_file() {
    for backend in backends() {
        let cli = Ops::new(backend).await;
        let token = cli.setup();
        let s = cli.serve().await;
        let (status, case) = s
            .post(&token, "/api/v1/cases", json!({"title": "Operation Lark"}))
            .await;
        assert_eq!(status, 201, "{backend}");
        let id = case["id"].as_str().unwrap();
        let victim = |citizenship: &str, gender: &str| {
            json!({
                "role": "victim", "given_name": "Zamfira", "family_name": "Oprescu",
                "birth_date": "1990-05-05", "phone": "+40 722 555 019", "gender": gender,
                "citizenship": [citizenship], "trafficking_status": "ActualVictimOfTrafficking"
            })
        };
        for _ in 0..3 {
            let (st, _) = s
                .post(
                    &token,
                    &format!("/api/v1/cases/{id}/people"),
                    victim("RO", "Feminine"),
                )
                .await;
            assert_eq!(st, 201, "{backend}");
        }
        let (st, _) = s
            .post(
                &token,
                &format!("/api/v1/cases/{id}/people"),
                victim("ER", "Masculine"),
            )
            .await;
        assert_eq!(st, 201);
        s.stop();

        let out = cli.dir.path().join("ctdc.csv");
        let out_s = out.to_str().unwrap();
        let run = cli.run(
            &[
                "export", "ctdc", "--org", "North", "--out", out_s, "--k", "3",
            ],
            "",
        );
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        assert!(run.status.success(), "{backend}: {stderr}");
        assert!(stderr.contains("3 rows, k = 3"), "{stderr}");
        assert!(stderr.contains("left out: fewer than 3"), "{stderr}");
        assert!(
            !stderr.contains("reading victims"),
            "a bar on a pipe: {stderr}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{backend}");
        }
        let text = std::fs::read_to_string(&out).unwrap();
        assert_eq!(text.lines().count(), 4, "{text}");
        assert!(text.starts_with("yearOfRegistration,Datasource,gender,ageBroad,"));
        for secret in ["Zamfira", "Oprescu", "1990", "722", "ER,"] {
            assert!(!text.contains(secret), "{backend}: {secret} in {text}");
        }
        let leftovers: Vec<_> = std::fs::read_dir(cli.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
            .collect();
        assert!(leftovers.is_empty());

        // Refusals name the flag and leave the file as it was.
        for (args, flag) in [
            (vec!["--org", "North", "--out", out_s], "--out"),
            (
                vec!["--org", "Nowhere", "--out", "/tmp/never-written.csv"],
                "--org",
            ),
            (
                vec![
                    "--org",
                    "North",
                    "--out",
                    "/tmp/never-written.csv",
                    "--k",
                    "1",
                ],
                "--k",
            ),
        ] {
            let mut all = vec!["export", "ctdc"];
            all.extend(args);
            let r = cli.run(&all, "");
            let e = String::from_utf8_lossy(&r.stderr);
            assert_eq!(r.status.code(), Some(1), "{backend}: {all:?}");
            assert!(e.contains(flag), "{backend}: {all:?}: {e}");
        }
        assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
        assert!(!std::path::Path::new("/tmp/never-written.csv").exists());

        let audit = cli.ok(&["audit", "export"], "");
        assert!(audit.contains("export.ctdc"), "{backend}");
        assert!(!audit.contains("Zamfira"));
    }
}
