//! `GET /api/v1/exports/list` over HTTP: a caseworker's people with personal data come as an
//! AES-256 ZIP whose passphrase is in a header, opens with it and not without, and holds the
//! names of their own cases only; without personal data a plain CSV with no name; another
//! organisation's caseworker gets an empty file; the passphrase is nowhere in the data
//! directory. SQLite and (when configured) PostgreSQL.

use crate::common::{files_containing, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use serde_json::json;
use std::io::{Cursor, Read};

async fn download(app: &TestApp, token: &str, query: &str) -> (u16, Option<String>, Vec<u8>) {
    let res = app
        .http
        .get(format!("{}/api/v1/exports/list?{query}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    assert_eq!(
        res.headers()
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap(),
        "no-store"
    );
    let pass = res
        .headers()
        .get("libertas-export-passphrase")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, pass, res.bytes().await.unwrap().to_vec())
}

fn unzip(bytes: &[u8], passphrase: &str) -> zip::result::ZipResult<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut file = archive.by_name_decrypt("people.csv", passphrase.as_bytes())?;
    let mut out = String::new();
    file.read_to_string(&mut out)?;
    Ok(out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_export_encrypts_personal_data_and_keeps_to_the_callers_cases() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let cara = app.user("North", "cara", Role::Caseworker).await;
        let hana = app.user("North", "hana", Role::Hotline).await;
        let sam = app.user("South", "sam", Role::Caseworker).await;
        for (token, given) in [(&cara, "Zamfira"), (&hana, "Ileana")] {
            let (s, case) = app
                .post("/api/v1/cases", token, json!({"title": "Operation Lark"}))
                .await;
            assert_eq!(s.as_u16(), 201, "{backend}");
            let people = format!("/api/v1/cases/{}/people", case["id"].as_str().unwrap());
            let (s, e) = app
                .post(
                    &people,
                    token,
                    json!({"role": "victim", "given_name": given, "family_name": "Oprescu"}),
                )
                .await;
            assert_eq!(s.as_u16(), 201, "{backend}: {e}");
        }

        let (s, pass, bytes) = download(&app, &cara, "list=people&personal=true").await;
        assert_eq!(s, 200, "{backend}");
        let pass = pass.expect("a passphrase header");
        let secret = pass.clone();
        assert!(!String::from_utf8_lossy(&bytes).contains("Zamfira"));
        assert!(unzip(&bytes, "not the passphrase").is_err(), "{backend}");
        let csv = unzip(&bytes, &pass).unwrap();
        assert!(csv.contains("Zamfira") && !csv.contains("Ileana"), "{csv}");
        assert_eq!(csv.lines().count(), 2, "{csv}");

        let (s, pass, bytes) = download(&app, &cara, "list=people").await;
        assert_eq!((s, pass), (200, None));
        let plain = String::from_utf8(bytes).unwrap();
        assert!(plain.starts_with("id,gender,") && !plain.contains("Zamfira"));
        assert_eq!(plain.lines().count(), 2, "{plain}");

        let (s, _, bytes) = download(&app, &sam, "list=cases").await;
        assert_eq!(s, 200);
        assert_eq!(String::from_utf8(bytes).unwrap().lines().count(), 1);

        let data = app.shut_down().await;
        assert!(files_containing(data.dir.path(), b"Zamfira").is_empty());
        // The server keeps no copy of the passphrase.
        assert!(files_containing(data.dir.path(), secret.as_bytes()).is_empty());
    }
}
