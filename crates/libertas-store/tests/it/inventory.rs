//! Every text and blob column of the schema is accounted for in `docs/security.md` ("Every
//! stored column"): plain ones with a class that justifies them, sealed ones with their key.
//!
//! The schema is read from a fresh database on each backend (SQLite always, PostgreSQL when
//! `LIBERTAS_TEST_DATABASE_URL` is set), main database and key store, so a migration that adds
//! a plain column without a documented reason, or seals one without saying under which key,
//! fails here; so does a documented column that no longer exists.

use libertas_store::testing::{backends, TestData};
use libertas_store::{Store, KEYSTORE_FILE, SUPPORTERS_FILE};
use sqlx::{Connection, Row};
use std::collections::{BTreeMap, BTreeSet};

/// Classes a plain column may have (their reasons are in the document's legend).
const PLAIN_CLASSES: &[&str] = &[
    "id", "time", "code", "digest", "json", "account", "secret", "setting", "sealed", "legacy",
];
/// Keys a sealed column may name.
const KEYS: &[&str] = &[
    "person",
    "case",
    "report",
    "mentoring",
    "accounts",
    "wrap",
    "directory",
    "programme",
    "handle",
    "supporter",
    "supporter-update",
    "supporter-story",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Stored {
    Plain,
    Sealed,
}

/// `table.column` → (how stored, class or key), from the document.
fn documented() -> BTreeMap<String, (Stored, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/security.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let start = doc
        .find("<!-- inventory:start")
        .expect("inventory start marker");
    let end = doc
        .find("<!-- inventory:end -->")
        .expect("inventory end marker");
    let names = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    let mut out = BTreeMap::new();
    for line in doc[start..end].lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 5, "three cells in: {line}");
        let table = names(cells[1]).pop().expect("table name");
        let mut add = |column: String, how: Stored, label: &str| {
            let key = format!("{table}.{column}");
            let old = out.insert(key.clone(), (how, label.to_owned()));
            assert!(old.is_none(), "{key} listed twice");
        };
        for group in cells[2].split(';').filter(|g| g.contains('`')) {
            let (class, cols) = group.split_once(':').expect("class: columns");
            let class = class.trim();
            assert!(
                PLAIN_CLASSES.contains(&class),
                "unknown class {class} in {line}"
            );
            for c in names(cols) {
                add(c, Stored::Plain, class);
            }
        }
        for group in cells[3].split(';').filter(|g| g.contains('`')) {
            let (cols, key) = group.rsplit_once(':').expect("columns: key");
            let key = key.trim();
            assert!(KEYS.contains(&key), "unknown key {key} in {line}");
            for c in names(cols) {
                add(c, Stored::Sealed, key);
            }
        }
    }
    assert!(out.len() > 100, "the inventory was parsed");
    out
}

fn kind_of(declared: &str) -> Option<Stored> {
    match declared.to_ascii_lowercase().as_str() {
        "text" => Some(Stored::Plain),
        "blob" | "bytea" => Some(Stored::Sealed),
        _ => None,
    }
}

/// Text and blob columns of a SQLite database.
async fn sqlite_columns(url: &str, prefix: &str, out: &mut BTreeMap<String, Stored>) {
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let tables: Vec<String> = sqlx::query(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get(0))
    .collect();
    for t in tables {
        let rows = sqlx::query(&format!("select name, type from pragma_table_info('{t}')"))
            .fetch_all(&mut conn)
            .await
            .unwrap();
        for r in rows {
            let (column, declared): (String, String) = (r.get(0), r.get(1));
            if let Some(k) = kind_of(&declared) {
                out.insert(format!("{prefix}{t}.{column}"), k);
            }
        }
    }
    conn.close().await.unwrap();
}

/// Text and bytea columns of the main schema and the key store's schema on PostgreSQL.
async fn postgres_columns(url: &str, out: &mut BTreeMap<String, Stored>) {
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let rows = sqlx::query(
        "select c.table_schema::text, c.table_name::text, c.column_name::text, c.data_type::text
         from information_schema.columns c
         join information_schema.tables t
           on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema in (current_schema(), 'libertas_keys', 'supporters')
           and t.table_type = 'BASE TABLE'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    for r in rows {
        let (schema, table, column, declared): (String, String, String, String) =
            (r.get(0), r.get(1), r.get(2), r.get(3));
        let prefix = match schema.as_str() {
            "libertas_keys" => "keystore.",
            "supporters" => "supporters.",
            _ => "",
        };
        if let Some(k) = kind_of(&declared) {
            out.insert(format!("{prefix}{table}.{column}"), k);
        }
    }
    conn.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_text_and_blob_column_is_documented() {
    let doc = documented();
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        store.close().await;
        let mut schema = BTreeMap::new();
        if backend == "sqlite" {
            sqlite_columns(&t.config.database_url(), "", &mut schema).await;
            let keys = format!(
                "sqlite://{}",
                t.config.data_dir.join(KEYSTORE_FILE).display()
            );
            sqlite_columns(&keys, "keystore.", &mut schema).await;
            let supporters = format!(
                "sqlite://{}",
                t.config.data_dir.join(SUPPORTERS_FILE).display()
            );
            sqlite_columns(&supporters, "supporters.", &mut schema).await;
        } else {
            postgres_columns(&t.config.database_url(), &mut schema).await;
        }
        let missing: Vec<_> = schema
            .iter()
            .filter(|(c, k)| doc.get(*c).map(|d| d.0) != Some(**k))
            .map(|(c, k)| format!("{c} ({k:?})"))
            .collect();
        assert!(
            missing.is_empty(),
            "{backend}: columns not documented (or under the wrong storage) in docs/security.md, \
             'Every stored column': {missing:?}"
        );
        let gone: Vec<_> = doc.keys().filter(|c| !schema.contains_key(*c)).collect();
        assert!(
            gone.is_empty(),
            "{backend}: documented but not in the schema: {gone:?}"
        );

        // The start-up sealing step knows every legacy column the migrations left.
        let legacy: BTreeSet<String> = schema
            .keys()
            .filter(|c| c.ends_with("_legacy"))
            .cloned()
            .collect();
        let known: BTreeSet<String> = libertas_store::legacy::sealed_since_0014()
            .into_iter()
            .map(|(t, c)| format!("{t}.{c}_legacy"))
            .collect();
        assert_eq!(
            legacy, known,
            "{backend}: legacy columns and the sealing step agree"
        );
        for c in &legacy {
            assert_eq!(doc[c].1, "legacy", "{c} is documented as legacy");
            let sealed = c.trim_end_matches("_legacy");
            assert_eq!(doc[sealed].0, Stored::Sealed, "{sealed} is sealed");
        }
        // Only the audit reason is a sealed value kept in a text column.
        let sealed_text: Vec<_> = doc
            .iter()
            .filter(|(_, d)| d.1 == "sealed")
            .map(|(c, _)| c.as_str())
            .collect();
        assert_eq!(sealed_text, ["audit_events.reason"]);
    }
}

/// The threat-model table of `docs/security.md` names, for each attacker, the tests that fail
/// when its control goes (`path::function`). A renamed or removed test must take its row
/// with it, or the table would promise a test that no longer exists.
#[test]
fn every_test_named_in_the_threat_model_exists() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let doc = std::fs::read_to_string(format!("{root}/docs/security.md")).unwrap();
    let start = doc
        .find("<!-- threats:start")
        .expect("threats start marker");
    let end = doc
        .find("<!-- threats:end -->")
        .expect("threats end marker");
    let mut named = 0;
    let mut missing = Vec::new();
    for line in doc[start..end].lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() != 6 || cells[1] == "attacker" || cells[1].starts_with("---") {
            continue;
        }
        let tests: Vec<&str> = cells[4].split('`').skip(1).step_by(2).collect();
        assert!(!tests.is_empty(), "a row without a test: {line}");
        for t in tests {
            named += 1;
            let (file, function) = t.split_once("::").expect("path::function");
            let source = std::fs::read_to_string(format!("{root}/{file}")).unwrap_or_default();
            let declared = [
                format!("async fn {function}()"),
                format!("\nfn {function}()"),
                format!(" fn {function}()"),
            ];
            if !declared.iter().any(|d| source.contains(d.as_str())) {
                missing.push(t.to_owned());
            }
        }
    }
    assert!(named > 20, "the table was parsed ({named} tests named)");
    assert!(
        missing.is_empty(),
        "tests named in docs/security.md's threat model that do not exist: {missing:?}"
    );
}
