//! Erasure is final on disk: after `libertas person erase`, run while `libertas serve` keeps
//! the databases open in another process, no file of the data directory — the databases, their
//! WAL and SHM files included — holds the person's wrapped data key, their blind-index or
//! search-index digests, or their sealed values. A copy of the directory taken right after
//! the erasure must not read the person back. (SQLite: on PostgreSQL the databases are not in
//! the data directory; `crates/libertas-store/tests/it/erasure_disk.rs` covers the key table
//! there.)

use crate::ops::{copy_tree, files_holding, Ops};
use serde_json::json;
use sqlx::{Connection, Row};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Rows of one query over a database file, opened read-only beside the running server.
async fn read(file: &Path, sql: &str, id: &str) -> Vec<Vec<u8>> {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", file.display());
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    let rows = sqlx::query(sql)
        .bind(id)
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let out = rows
        .iter()
        .map(|r| match r.try_get::<Vec<u8>, _>(0) {
            Ok(b) => b,
            Err(_) => r.try_get::<String, _>(0).unwrap().into_bytes(),
        })
        .collect();
    conn.close().await.unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_leaves_nothing_on_disk_while_the_server_runs() {
    let ops = Ops::new("sqlite").await;
    let token = ops.setup();
    let server = ops.serve().await;
    let (s, case) = server
        .post(&token, "/api/v1/cases", json!({"title": "Operation Lark"}))
        .await;
    assert_eq!(s, 201);
    let case = case["id"].as_str().unwrap().to_owned();
    // Enough people around the one to erase that the key and index pages split and move (more
    // than one user's look-up budget: additions beyond it are stored without the check).
    let mut target = String::new();
    let mut other = String::new();
    for i in 0..60 {
        let body = if i == 30 {
            json!({"role": "victim", "given_name": "Zamfirescuța", "family_name": "Oprișanu",
                   "birth_date": "1987-03-14", "phone": "+40 744 123 987",
                   "email": "zamfira.oprisanu@example.org"})
        } else {
            json!({"role": "witness", "given_name": format!("Witness{i}"),
                   "family_name": "Popescu", "phone": format!("+40 722 000 {i:03}")})
        };
        let (s, p) = server
            .post(&token, &format!("/api/v1/cases/{case}/people"), body)
            .await;
        assert_eq!(s, 201, "{p}");
        let id = p["id"].as_str().unwrap().to_owned();
        match i {
            30 => target = id,
            31 => other = id,
            _ => {}
        }
    }
    let data = ops.data();
    let keys = data.join("keys.sqlite");
    let db = data.join("libertas.sqlite");
    let wrapped = read(
        &keys,
        "select wrapped from data_keys where owner_kind = 'person' and owner_id = $1",
        &target,
    )
    .await;
    assert_eq!(wrapped.len(), 1);
    let mut secrets: Vec<(String, Vec<u8>)> = vec![("wrapped data key".into(), wrapped[0].clone())];
    for d in read(
        &db,
        "select digest from blind_index where person_id = $1",
        &target,
    )
    .await
    {
        secrets.push(("blind-index digest".into(), d));
    }
    // Search terms shared with nobody else (a shared birth year or phonetic key is not the
    // person's own).
    for d in read(
        &db,
        "select digest from search_index s where person_id = $1 and not exists
           (select 1 from search_index o where o.digest = s.digest and o.person_id <> s.person_id)",
        &target,
    )
    .await
    {
        secrets.push(("search-index digest".into(), d));
    }
    for column in ["given_name", "family_name", "birth_date", "phone", "email"] {
        for v in read(
            &db,
            &format!("select {column} from persons where id = $1"),
            &target,
        )
        .await
        {
            secrets.push((format!("sealed {column}"), v));
        }
    }
    assert!(secrets.len() >= 8, "{} secrets", secrets.len());
    assert!(
        !files_holding(&data, &wrapped[0]).is_empty(),
        "the scan finds the key before the erasure"
    );

    // Readers keep the server busy while the operator erases in another process.
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (stop, http, base, token, other) = (
            stop.clone(),
            server.http.clone(),
            server.base.clone(),
            token.clone(),
            other.clone(),
        );
        tokio::spawn(async move {
            let mut n = 0u32;
            while !stop.load(Ordering::Relaxed) {
                let r = http
                    .get(format!("{base}/api/v1/people/{other}"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 200);
                n += 1;
            }
            n
        })
    };
    let out = tokio::task::spawn_blocking({
        let target = target.clone();
        let cmd = ops.command(&["person", "erase", &target, "--reason", "the person asked"]);
        move || {
            let mut cmd = cmd;
            cmd.output().unwrap()
        }
    })
    .await
    .unwrap();
    stop.store(true, Ordering::Relaxed);
    let reads = reader.await.unwrap();
    assert!(
        out.status.success(),
        "erase failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let copy = ops.dir.path().join("copy");
    copy_tree(&data, &copy);
    let mut found = vec![];
    for (what, bytes) in &secrets {
        for dir in [&data, &copy] {
            for f in files_holding(dir, bytes) {
                found.push(format!("{what} in {}", f.display()));
            }
        }
    }
    assert!(found.is_empty(), "after erasure: {found:#?}");
    let (s, p) = server
        .get(&token, &format!("/api/v1/people/{target}"))
        .await;
    assert_eq!((s, p["erased"].as_bool()), (200, Some(true)), "{p}");
    eprintln!(
        "{} secrets absent; {reads} reads served during the erasure",
        secrets.len()
    );
    server.stop();
}
