//! `libertas export list` as an operator runs it for a user: the user's people with personal
//! data as an AES-256 ZIP (mode 0600) whose passphrase alone is printed on stdout and opens
//! it, quiet when piped, refused over an existing file and for an unknown list; the referral
//! and service lists as plain CSV files.
//! SQLite always; PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::ops::Ops;
use libertas_store::testing::backends;
use serde_json::json;
use std::io::Read;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_list_writes_an_encrypted_file_and_prints_its_passphrase() {
    for backend in backends() {
        let cli = Ops::new(backend).await;
        let token = cli.setup();
        let s = cli.serve().await;
        let (status, case) = s
            .post(&token, "/api/v1/cases", json!({"title": "Operation Lark"}))
            .await;
        assert_eq!(status, 201, "{backend}");
        let id = case["id"].as_str().unwrap();
        let (st, _) = s
            .post(
                &token,
                &format!("/api/v1/cases/{id}/people"),
                json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu"}),
            )
            .await;
        assert_eq!(st, 201, "{backend}");
        s.stop();

        let out = cli.dir.path().join("people.zip");
        let out_s = out.to_str().unwrap();
        let args = [
            "export",
            "list",
            "--username",
            "ana",
            "--list",
            "people",
            "--personal",
            "--out",
            out_s,
        ];
        let run = cli.run(&args, "");
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        assert!(run.status.success(), "{backend}: {stderr}");
        assert!(
            stderr.contains("1 rows") && !stderr.contains("reading records"),
            "{stderr}"
        );
        let pass = String::from_utf8(run.stdout).unwrap().trim().to_owned();
        assert_eq!(pass.len(), 32, "{pass}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{backend}");
        }
        let bytes = std::fs::read(&out).unwrap();
        assert!(!bytes.windows(7).any(|w| w == b"Zamfira"));
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert!(zip.by_name_decrypt("people.csv", b"guess").is_err());
        let mut csv = String::new();
        zip.by_name_decrypt("people.csv", pass.as_bytes())
            .unwrap()
            .read_to_string(&mut csv)
            .unwrap();
        assert!(csv.contains("Zamfira,Oprescu"), "{csv}");

        // The referral and service lists, without personal data: plain CSV files.
        for (list, header) in [("referrals", "id,direction,"), ("services", "id,plan_id,")] {
            let file = cli.dir.path().join(format!("{list}.csv"));
            let run = cli.run(
                &[
                    "export",
                    "list",
                    "--username",
                    "ana",
                    "--list",
                    list,
                    "--out",
                    file.to_str().unwrap(),
                ],
                "",
            );
            assert!(run.status.success(), "{backend}: {list}");
            assert!(
                run.stdout.is_empty(),
                "{backend}: no passphrase for a plain file"
            );
            let csv = std::fs::read_to_string(&file).unwrap();
            assert!(csv.starts_with(header), "{backend}: {csv}");
        }

        let again = cli.run(&args, "");
        assert!(!again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("--out"));
        let other = cli.dir.path().join("x.csv");
        let bad = cli.run(
            &[
                "export",
                "list",
                "--username",
                "ana",
                "--list",
                "audit",
                "--out",
                other.to_str().unwrap(),
            ],
            "",
        );
        assert!(!bad.status.success());
        assert!(String::from_utf8_lossy(&bad.stderr).contains("--list"));
    }
}
