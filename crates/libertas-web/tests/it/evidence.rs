//! Evidence files and their chain of custody over HTTP, on SQLite and (when configured)
//! PostgreSQL: intake hash, encryption at rest, download, custody, verify and tamper,
//! limits, the page. The access matrix is in `evidence_access.rs`.

use crate::common;
use crate::common::files_containing;
use crate::common::{hidden, Browser, TestApp};
use crate::evidence_common::{new_case, upload};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use libertas_web::WebConfig;
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::json;
use sha2::{Digest, Sha256};

const SECRET: &str = "Testimony of Florentina Vasilescu-Marker";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intake_download_custody_verify_and_tamper() {
    for backend in backends() {
        let config = WebConfig {
            max_evidence_bytes: 200_000,
            ..Default::default()
        };
        let app = TestApp::spawn_with(backend, config).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        app.user("North", "ion", Role::Investigator).await;
        let case = new_case(&app, &ana).await;
        app.post(
            &format!("/api/v1/cases/{case}/members"),
            &ana,
            json!({"username": "ion"}),
        )
        .await;

        let body: Vec<u8> = format!("{SECRET}\n").repeat(2_000).into_bytes();
        let (s, ev) = upload(&app, &ana, &case, body.clone(), "statement-vasilescu.txt").await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {ev}");
        let sha = hex::encode(Sha256::digest(&body));
        assert_eq!(ev["sha256"], sha.as_str());
        assert_eq!(ev["media_type"], "text");
        assert_eq!(ev["size_bytes"], body.len() as u64);
        let eid = ev["id"].as_str().unwrap().to_owned();

        // Nothing written by Libertas holds the text, the file name or the description.
        app.store.checkpoint().await.unwrap();
        let dir = app.data.config.data_dir.clone();
        assert!(dir.join("evidence").join(&eid).exists());
        for needle in [SECRET, "statement-vasilescu", "given at the shelter"] {
            let hits = files_containing(&dir, needle.as_bytes());
            assert!(hits.is_empty(), "{backend}: {needle:?} found in {hits:?}");
        }

        let (s, list) = app
            .get(&format!("/api/v1/cases/{case}/evidence"), &ana)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(list["evidence"][0]["sha256"], sha.as_str());
        assert_eq!(list["evidence"][0]["file_name"], "statement-vasilescu.txt");

        let res = app
            .http
            .get(format!(
                "{}/api/v1/cases/{case}/evidence/{eid}/file",
                app.base
            ))
            .bearer_auth(&ana)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let h = res.headers().clone();
        assert!(h["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;"));
        assert_eq!(h["cache-control"], "no-store");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(h["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        assert_eq!(res.bytes().await.unwrap().as_ref(), body.as_slice());

        let custody = format!("/api/v1/cases/{case}/evidence/{eid}/custody");
        let (s, entry) = app
            .post(
                &custody,
                &ana,
                json!({"received_by": "ion", "received_from": "Police Station 4",
                "purpose": "copy for the prosecutor", "received_at": "2026-01-05T10:30"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{entry}");
        assert_eq!(entry["received_by"], "ion");
        let (s, bad) = app
            .post(
                &custody,
                &ana,
                json!({"received_by": "nobody", "received_from": "x", "purpose": "y"}),
            )
            .await;
        assert_eq!(
            (s, bad["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("received_by"))
        );
        let (s, bad) = app
            .post(
                &custody,
                &ana,
                json!({"received_from": "x", "purpose": "y", "received_at": "3026-01-01T00:00Z"}),
            )
            .await;
        assert_eq!(
            (s, bad["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("received_at"))
        );

        let verify = format!("/api/v1/cases/{case}/evidence/{eid}/verify");
        let (s, v) = app.post(&verify, &ion_token(&app).await, json!({})).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(
            (v["outcome"].as_str(), v["mismatch"].as_bool()),
            (Some("ok"), Some(false))
        );
        assert_eq!(v["actual_sha256"], sha.as_str());

        // Tamper with the stored file: verify reports it (no 500), and records it.
        let path = dir.join("evidence").join(&eid);
        let mut stored = std::fs::read(&path).unwrap();
        let i = stored.len() / 2;
        stored[i] ^= 0x20;
        std::fs::write(&path, &stored).unwrap();
        let (s, v) = app.post(&verify, &ana, json!({})).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["mismatch"], true);
        assert_eq!(v["outcome"], "unreadable");
        let (s, log) = app.get(&custody, &ana).await;
        assert_eq!(s, StatusCode::OK);
        let events: Vec<&str> = log["custody"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"].as_str().unwrap())
            .collect();
        assert_eq!(
            events,
            ["intake", "transfer", "verified_ok", "verify_failed"]
        );
        let (s, _) = app
            .get(&format!("/api/v1/cases/{case}/evidence/{eid}/file"), &ana)
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        std::fs::remove_file(&path).unwrap();
        let (_, v) = app.post(&verify, &ana, json!({})).await;
        assert_eq!(v["outcome"], "missing");
        let audit = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &Default::default(),
            )
            .await
            .unwrap();
        let actions: Vec<String> = audit.iter().map(|a| a.action.clone()).collect();
        for a in [
            "evidence.create",
            "evidence.download",
            "evidence.verify",
            "evidence.custody.create",
        ] {
            assert!(actions.iter().any(|x| x == a), "{a} audited");
        }

        // Limits: too large (413) and a refused type (415), both naming `file`.
        let (s, e) = upload(&app, &ana, &case, vec![b'a'; 200_001], "big.txt").await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::PAYLOAD_TOO_LARGE, Some("file")),
            "{e}"
        );
        let (s, e) = upload(
            &app,
            &ana,
            &case,
            b"MZ\x90\x00\x03\x00\x00\x00".to_vec(),
            "x.exe",
        )
        .await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("file")),
            "{e}"
        );
        let (s, e) = app
            .post(
                &format!("/api/v1/cases/{case}/evidence"),
                &ana,
                json!({"file": "x"}),
            )
            .await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, Some("file"))
        );
        let (s, e) = upload(&app, &ana, &case, b"%PDF-1.7\n%%EOF\n".to_vec(), "scan.pdf").await;
        assert_eq!(
            (s, e["media_type"].as_str()),
            (StatusCode::CREATED, Some("pdf"))
        );
        let left: Vec<_> = std::fs::read_dir(dir.join("evidence"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            left.iter().all(|n| !n.to_string_lossy().ends_with(".part")),
            "{left:?}"
        );
        app.stop().await;
    }
}

async fn ion_token(app: &TestApp) -> String {
    let (_, token) = app
        .store
        .create_token(
            libertas_store::admin::Operator::console(),
            "ion",
            "test",
            time::Duration::days(1),
        )
        .await
        .unwrap();
    token
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_page_uploads_verifies_and_records_custody() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Caseworker).await;
        let case = new_case(&app, &ana).await;
        let mut b = Browser::new(&app);
        b.sign_in("ana").await;
        let (s, _, page) = b.get(&format!("/cases/{case}/evidence")).await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(page.contains("enctype=\"multipart/form-data\""));
        let csrf = hidden(&page, "csrf");
        let png = [
            &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
            &[0u8; 64],
        ]
        .concat();
        let send = |csrf: String| {
            let form = Form::new()
                .text("csrf", csrf)
                .text("description", "photo of the flat")
                .part("file", Part::bytes(png.clone()).file_name("flat.png"));
            b.http
                .post(format!("{}/cases/{case}/evidence", b.base))
                .header(
                    "cookie",
                    b.cookies
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
                .header("origin", b.base.clone())
                .multipart(form)
        };
        let res = send("wrong".into()).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let res = send(csrf.clone()).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        let (_, _, page) = b.get(&format!("/cases/{case}/evidence")).await;
        let sha = hex::encode(Sha256::digest(&png));
        assert!(page.contains(&sha), "hash shown");
        assert!(page.contains("flat.png"));
        let eid = common::between(&page, "/evidence/", "/file");
        let (s, loc, _) = b
            .post(
                &format!("/cases/{case}/evidence/{eid}/verify"),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(
            (s, loc.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some(format!("/cases/{case}/evidence?verified=ok").as_str())
            )
        );
        let (s, _, _) = b
            .post(
                &format!("/cases/{case}/evidence/{eid}/custody"),
                &[
                    ("csrf", &csrf),
                    ("received_from", "Border Police"),
                    ("purpose", "seized at the border"),
                    ("received_by", ""),
                    ("received_at", ""),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (_, _, page) = b.get(&format!("/cases/{case}/evidence?verified=ok")).await;
        assert!(page.contains("Border Police") && page.contains("seized at the border"));
        assert!(page.contains("matches the hash taken at intake"));
        app.stop().await;
    }
}

/// A database backup carries the evidence files: after a restore onto a disk that lost them,
/// every file is back, verifies against its intake hash and downloads unchanged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backups_carry_the_evidence_files() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let ana = app.user("North", "ana", Role::Investigator).await;
        let case = new_case(&app, &ana).await;
        let bytes =
            b"%PDF-1.4\nStatement of A., taken at the shelter on 3 March.\n%%EOF\n".to_vec();
        let (s, ev) = upload(&app, &ana, &case, bytes.clone(), "statement.pdf").await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {ev}");
        let eid = ev["id"].as_str().unwrap().to_owned();
        let dir = app.data.config.data_dir.clone();
        let backup = dir.join("with-files.lbk");
        let summary = app
            .store
            .backup(libertas_store::admin::Operator::console(), &backup, "test")
            .await
            .unwrap();
        assert_eq!((summary.files, summary.files_missing), (1, 0), "{backend}");
        // The disk loses the file; the restore brings it back.
        let stored = dir.join("evidence").join(&eid);
        let original = std::fs::read(&stored).unwrap();
        std::fs::remove_file(&stored).unwrap();
        let restored = app
            .store
            .restore(libertas_store::admin::Operator::console(), &backup, "test")
            .await
            .unwrap();
        assert_eq!(restored.files, 1, "{backend}");
        assert_eq!(std::fs::read(&stored).unwrap(), original, "{backend}");
        // The token was in the database the backup holds, so it works again.
        let token = ana;
        let (s, v) = app
            .post(
                &format!("/api/v1/cases/{case}/evidence/{eid}/verify"),
                &token,
                json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        assert_eq!(v["outcome"], "ok", "{backend}: {v}");
        let res = app
            .http
            .get(format!(
                "{}/api/v1/cases/{case}/evidence/{eid}/file",
                app.base
            ))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.bytes().await.unwrap().to_vec(), bytes, "{backend}");
        app.stop().await;
    }
}
