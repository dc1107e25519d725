//! What the sealed-text tests share (issue 9, finding 14): a case with a victim and a suspect,
//! an administrator, an investigator and a trainer; unique markers; and the scans that prove a
//! marker is stored nowhere in plain text (every file of the data directory, WAL included, and
//! on PostgreSQL every row of every table, as text or as hex).

mod writes;

pub use writes::write_markers;

use crate::common::{files_containing, TestApp};
use libertas_domain::admin::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};
use sqlx::{Connection, Row};

/// Everyone the writes need, and the case they work in.
pub struct World {
    pub app: TestApp,
    pub admin: String,
    pub owner: String,
    pub trainer: String,
    pub case_id: String,
    pub victim: String,
    pub suspect: String,
}

pub async fn world(backend: &str) -> World {
    let app = TestApp::spawn(backend).await;
    let admin = app.user("North", "northadmin", Role::Admin).await;
    let owner = app.user("North", "owner", Role::Investigator).await;
    let trainer = app.user("North", "tina", Role::Trainer).await;
    app.user("North", "leaver", Role::Caseworker).await;
    let (s, case) = app
        .post("/api/v1/cases", &owner, json!({"title": "Operation Wren"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let case_id = case["id"].as_str().unwrap().to_owned();
    let mut ids = vec![];
    for (role, given) in [("victim", "Ilinca"), ("suspect", "Grigore")] {
        let (s, p) = app
            .post(
                &format!("/api/v1/cases/{case_id}/people"),
                &owner,
                json!({"role": role, "given_name": given, "family_name": "Vlad",
                       "birth_date": "1990-04-02", "gender": "Feminine", "citizenship": ["MD"]}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {p}");
        ids.push(p["id"].as_str().unwrap().to_owned());
    }
    World {
        app,
        admin,
        owner,
        trainer,
        case_id,
        victim: ids[0].clone(),
        suspect: ids[1].clone(),
    }
}

/// A marker nobody else writes: letters only, so no normal form changes it.
pub fn marker(column: &str) -> String {
    let tag: String = column.chars().filter(char::is_ascii_alphabetic).collect();
    let n: String = uuid::Uuid::now_v7()
        .simple()
        .to_string()
        .chars()
        .rev()
        .take(10)
        .map(|c| char::from(b'a' + (c.to_digit(16).unwrap() as u8)))
        .collect();
    format!("Zq{tag}{n}")
}

/// One sealed value: where it lives, the marker written, and where it reads back.
pub struct Written {
    pub column: &'static str,
    pub marker: String,
    pub read_path: String,
    pub read_token: String,
    pub pointer: String,
}

impl Written {
    /// A value that must be stored nowhere, with nothing to read back (replaced or shredded).
    pub fn gone(column: &'static str, marker: &str) -> Written {
        Written {
            column,
            marker: marker.to_owned(),
            read_path: String::new(),
            read_token: String::new(),
            pointer: String::new(),
        }
    }
}

/// Rows of any table of the main database (and, on PostgreSQL, of the key store) holding
/// `marker` as text or as hex (a plain value stored in a bytea column).
pub async fn postgres_rows_containing(url: &str, marker: &str) -> Vec<String> {
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let tables = sqlx::query(
        "select table_schema::text, table_name::text from information_schema.tables
         where table_schema in (current_schema(), 'libertas_keys') and table_type = 'BASE TABLE'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let hex: String = marker.bytes().map(|b| format!("{b:02x}")).collect();
    let mut found = vec![];
    for t in tables {
        let (schema, table): (String, String) = (t.get(0), t.get(1));
        let sql = format!(
            "select count(*) from {schema}.{table} x where x::text like $1 or x::text like $2"
        );
        let n: i64 = sqlx::query(&sql)
            .bind(format!("%{marker}%"))
            .bind(format!("%{hex}%"))
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get(0);
        if n > 0 {
            found.push(format!("{schema}.{table}"));
        }
    }
    found
}

/// No file of the data directory, and on PostgreSQL no row, holds any marker (all leaks are
/// collected, so a failure names every column that leaks).
pub async fn assert_nowhere(app: &TestApp, backend: &str, written: &[Written]) {
    let mut leaks = std::collections::BTreeMap::<&str, Vec<String>>::new();
    for w in written {
        let files = files_containing(app.data.dir.path(), w.marker.as_bytes());
        let mut places: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        if backend == "postgres" {
            let url = app.data.config.database_url();
            places.extend(postgres_rows_containing(&url, &w.marker).await);
        }
        if !places.is_empty() {
            leaks.entry(w.column).or_default().extend(places);
        }
    }
    assert!(
        leaks.is_empty(),
        "{backend}: stored in plain text: {leaks:?}"
    );
}

/// Every value reads back, for a reader allowed to read it.
pub async fn assert_read_back(app: &TestApp, backend: &str, written: &[Written]) {
    for w in written.iter().filter(|w| !w.read_path.is_empty()) {
        let (s, v) = app.get(&w.read_path, &w.read_token).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {} read: {v}", w.column);
        if w.pointer.is_empty() {
            // Audit reasons: one of the events carries it.
            let found = v["events"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["reason"] == w.marker.as_str());
            assert!(found, "{backend}: {} not read back", w.column);
        } else {
            assert_eq!(
                v.pointer(&w.pointer),
                Some(&Value::String(w.marker.clone())),
                "{backend}: {} read back",
                w.column
            );
        }
    }
}

/// Puts each sealed value of 0014 back into its legacy column as plain text, the way a
/// database written before 0014 holds it after the migration, for the rows `which` selects.
pub async fn make_legacy(url: &str, backend: &str, which: &str) -> Vec<String> {
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    if backend == "sqlite" {
        sqlx::query("pragma secure_delete = on")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    let mut markers = vec![];
    for (table, column) in libertas_store::legacy::sealed_since_0014() {
        let ids: Vec<String> = sqlx::query(&format!("select id from {table} order by id"))
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let ids: Vec<String> = match which {
            "all" => ids,
            _ => ids.into_iter().take(1).collect(),
        };
        assert!(!ids.is_empty(), "{table} has rows");
        for id in ids {
            let m = marker(&format!("{table}.{column}"));
            sqlx::query(&format!(
                "update {table} set {column}_legacy = $1, {column} = null where id = $2"
            ))
            .bind(&m)
            .bind(&id)
            .execute(&mut conn)
            .await
            .unwrap();
            markers.push(m);
        }
    }
    conn.close().await.unwrap();
    markers
}
