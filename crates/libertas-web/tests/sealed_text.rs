//! Free text that can name a person or place a survivor is never stored in plain text (issue
//! 9, finding 14): every column sealed by migration 0014, and audit reasons.
//!
//! For each such column a unique marker is written through the API (creates and updates),
//! then every file of the data directory (WAL included) is scanned, and on PostgreSQL every
//! row of every table is scanned by SQL, for the marker in plain text or as hex. The values
//! must still read back for those allowed to read them. A second test writes plaintext into
//! the legacy columns, as a database from before 0014 holds it, and proves that start-up
//! seals it, audits it, and does nothing more on the next start.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{files_containing, TestApp};
use libertas_domain::admin::Role;
use libertas_domain::ids::PersonId;
use libertas_store::audit::{Actor, AuditEvent, AuditQuery, VerifyOutcome};
use libertas_store::testing::backends;
use libertas_store::Store;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sqlx::{Connection, Row};

/// Everyone the writes need, and the case they work in.
struct World {
    app: TestApp,
    admin: String,
    owner: String,
    trainer: String,
    case_id: String,
    victim: String,
    suspect: String,
}

async fn world(backend: &str) -> World {
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
fn marker(column: &str) -> String {
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
struct Written {
    column: &'static str,
    marker: String,
    read_path: String,
    read_token: String,
    pointer: String,
}

/// Writes a marker into every sealed column through the API (creates, then updates where the
/// API updates), and returns what to look for and where to read it back.
async fn write_markers(w: &World) -> Vec<Written> {
    let app = &w.app;
    let case = &w.case_id;
    let mut out = vec![];
    let mut check = |column: &'static str, marker: &str, path: String, token: &str, ptr: &str| {
        out.push(Written {
            column,
            marker: marker.to_owned(),
            read_path: path,
            read_token: token.to_owned(),
            pointer: ptr.to_owned(),
        });
    };

    // charges.law, charges.section
    let (law, section) = (marker("charges.law"), marker("charges.section"));
    let (s, c) = app
        .post(
            &format!("/api/v1/cases/{case}/charges"),
            &w.owner,
            json!({"suspect_id": w.suspect, "law": law, "section": section, "counts": 1,
                   "filed_on": "2025-01-10"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let charges = format!("/api/v1/cases/{case}/charges");
    check(
        "charges.law",
        &law,
        charges.clone(),
        &w.owner,
        "/charges/0/law",
    );
    check(
        "charges.section",
        &section,
        charges,
        &w.owner,
        "/charges/0/section",
    );

    // hearings.court
    let court = marker("hearings.court");
    let (s, h) = app
        .post(
            &format!("/api/v1/cases/{case}/hearings"),
            &w.owner,
            json!({"date": "2025-02-01", "court": court, "kind": "trial"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    check(
        "hearings.court",
        &court,
        format!("/api/v1/cases/{case}/hearings"),
        &w.owner,
        "/hearings/0/court",
    );

    // duty_notifications.region
    let region = marker("duty_notifications.region");
    let path = format!("/api/v1/cases/{case}/notifications");
    let (s, n) = app
        .post(
            &path,
            &w.owner,
            json!({"person_id": w.victim, "exploitation_types": ["forced_labour"],
                   "region": region, "notified_on": "2025-02-03"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{n}");
    check(
        "duty_notifications.region",
        &region,
        path,
        &w.owner,
        "/notifications/0/region",
    );

    // partners: created with one set of markers, then updated with another (both must go).
    let partner = |name: &str, area: &str, how: &str, contact: &str| {
        json!({"name": name, "kinds": ["shelter"], "area": area, "languages": ["ro"],
               "how_to_refer": how, "contact": contact})
    };
    let first = [
        marker("partners.name"),
        marker("partners.area"),
        marker("partners.how_to_refer"),
        marker("partners.contact"),
    ];
    let (s, p) = app
        .post(
            "/api/v1/partners",
            &w.admin,
            partner(&first[0], &first[1], &first[2], &first[3]),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let pid = p["id"].as_str().unwrap().to_owned();
    let (s, old) = app
        .post(
            "/api/v1/partners",
            &w.admin,
            partner(&first[0], &first[1], &first[2], &first[3]),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{old}");
    let second = [
        marker("partners.name"),
        marker("partners.area"),
        marker("partners.how_to_refer"),
        marker("partners.contact"),
    ];
    let (s, u) = app
        .call(
            Method::PUT,
            &format!("/api/v1/partners/{pid}"),
            Some(&w.admin),
            Some(partner(&second[0], &second[1], &second[2], &second[3])),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{u}");
    let old_path = format!("/api/v1/partners/{}", old["id"].as_str().unwrap());
    for (i, column) in [
        "partners.name",
        "partners.area",
        "partners.how_to_refer",
        "partners.contact",
    ]
    .into_iter()
    .enumerate()
    {
        let field = column.trim_start_matches("partners.");
        check(
            column,
            &second[i],
            format!("/api/v1/partners/{pid}"),
            &w.owner,
            &format!("/{field}"),
        );
        check(
            column,
            &first[i],
            old_path.clone(),
            &w.owner,
            &format!("/{field}"),
        );
    }

    // training_events.topic, training_events.place: create, then update.
    let training = |topic: &str, place: &str| {
        json!({"topic": topic, "held_on": "2026-03-10", "place": place,
               "audiences": ["police"], "participants": {"police": 4},
               "pre_score": 50.0, "post_score": 70.0})
    };
    let (t1, p1) = (
        marker("training_events.topic"),
        marker("training_events.place"),
    );
    let (s, t) = app
        .post("/api/v1/trainings", &w.trainer, training(&t1, &p1))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let tid = t["id"].as_str().unwrap().to_owned();
    let (t2, p2) = (
        marker("training_events.topic"),
        marker("training_events.place"),
    );
    let (s, u) = app
        .call(
            Method::PUT,
            &format!("/api/v1/trainings/{tid}"),
            Some(&w.trainer),
            Some(training(&t2, &p2)),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{u}");
    let one = format!("/api/v1/trainings/{tid}");
    check(
        "training_events.topic",
        &t2,
        one.clone(),
        &w.owner,
        "/topic",
    );
    check("training_events.place", &p2, one, &w.owner, "/place");
    // The first values were replaced: they must be gone from every file too.
    let gone = |column: &'static str, m: &str| Written {
        column,
        marker: m.to_owned(),
        read_path: String::new(),
        read_token: String::new(),
        pointer: String::new(),
    };
    out.push(gone("training_events.topic", &t1));
    out.push(gone("training_events.place", &p1));

    // mentoring_sessions.topic
    let topic = marker("mentoring_sessions.topic");
    let (s, m) = app
        .post(
            "/api/v1/mentoring",
            &w.trainer,
            json!({"held_on": "2026-04-02", "mentee_type": "prosecutor", "topic": topic,
                   "duration_minutes": 60}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    out.push(Written {
        column: "mentoring_sessions.topic",
        marker: topic,
        read_path: "/api/v1/mentoring".into(),
        read_token: w.owner.clone(),
        pointer: "/sessions/0/topic".into(),
    });

    // audit_events.reason, typed by an administrator: disable an account, reset a device.
    for action in ["disable", "reset-totp"] {
        let why = marker("audit_events.reason");
        let (s, e) = app
            .post(
                &format!("/api/v1/admin/users/leaver/{action}"),
                &w.admin,
                json!({ "reason": why }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{action}: {e}");
        out.push(Written {
            column: "audit_events.reason",
            marker: why,
            read_path: "/api/v1/audit?actor=northadmin".into(),
            read_token: w.admin.clone(),
            pointer: String::new(),
        });
    }
    out
}

/// Rows of any table of the main database (and, on PostgreSQL, of the key store) holding
/// `marker` as text or as hex (a plain value stored in a bytea column).
async fn postgres_rows_containing(url: &str, marker: &str) -> Vec<String> {
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
async fn assert_nowhere(app: &TestApp, backend: &str, written: &[Written]) {
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
async fn assert_read_back(app: &TestApp, backend: &str, written: &[Written]) {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sealed_columns_hold_no_plaintext_and_read_back() {
    for backend in backends() {
        let w = world(backend).await;
        let written = write_markers(&w).await;
        let columns: std::collections::BTreeSet<&str> = written.iter().map(|x| x.column).collect();
        let mut want: Vec<String> = libertas_store::legacy::sealed_since_0014()
            .into_iter()
            .map(|(t, c)| format!("{t}.{c}"))
            .collect();
        want.push("audit_events.reason".into());
        want.sort();
        assert_eq!(
            columns.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            want,
            "every sealed column is written by this test"
        );
        assert_nowhere(&w.app, backend, &written).await;
        assert_read_back(&w.app, backend, &written).await;

        // An operator's reason for erasing a person: sealed, and still readable afterwards;
        // a reason recorded about the person before, sealed under their key, is shredded.
        let app = &w.app;
        let pid: PersonId = w.victim.parse().unwrap();
        let before = marker("audit_events.reason");
        app.store
            .record(
                Actor::cli(),
                vec![AuditEvent::new(
                    "person.read",
                    "person",
                    Some(w.victim.clone()),
                    before.clone(),
                )],
            )
            .await
            .unwrap();
        let why = marker("audit_events.reason");
        app.store
            .erase_person(Actor::cli(), pid, &why)
            .await
            .unwrap();
        let events = app
            .store
            .audit_events(&AuditQuery {
                object_id: Some(w.victim.clone()),
                ..Default::default()
            })
            .await
            .unwrap();
        let erase = events.iter().find(|e| e.action == "person.erase").unwrap();
        assert_eq!(
            erase.reason, why,
            "{backend}: the erasure's why stays readable"
        );
        let earlier: Vec<_> = events
            .iter()
            .filter(|e| e.action != "person.erase")
            .collect();
        assert!(!earlier.is_empty());
        for e in earlier {
            assert_eq!(
                (e.reason.as_str(), e.reason_unavailable),
                ("", Some("erased")),
                "{backend}: {} about the erased person",
                e.action
            );
        }
        let (s, v) = app
            .get(&format!("/api/v1/audit?object_id={}", w.victim), &w.admin)
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(v["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["reason_unavailable"] == "erased"));
        let gone = [
            Written {
                column: "audit_events.reason",
                marker: before,
                read_path: String::new(),
                read_token: String::new(),
                pointer: String::new(),
            },
            Written {
                column: "audit_events.reason",
                marker: why,
                read_path: String::new(),
                read_token: String::new(),
                pointer: String::new(),
            },
        ];
        assert_nowhere(app, backend, &gone).await;
        assert!(matches!(
            app.store.verify_audit().await.unwrap(),
            VerifyOutcome::Intact { .. }
        ));
        w.app.stop().await;
    }
}

/// Puts each sealed value of 0014 back into its legacy column as plain text, the way a
/// database written before 0014 holds it after the migration, for the rows `which` selects.
async fn make_legacy(url: &str, backend: &str, which: &str) -> Vec<String> {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn legacy_plaintext_is_sealed_at_start_once() {
    for backend in backends() {
        let w = world(backend).await;
        write_markers(&w).await;
        let config = w.app.data.config.clone();
        let url = config.database_url();
        let case_id = w.case_id.clone();
        let data = w.app.shut_down().await;

        // Some rows legacy, some already sealed: what an interrupted sealing leaves.
        let markers = make_legacy(&url, backend, "first").await;
        assert!(
            !files_containing(data.dir.path(), markers[0].as_bytes()).is_empty()
                || backend == "postgres",
            "the test really wrote plain text"
        );
        let store = Store::open(config.clone()).await.unwrap();
        let sealed = store
            .audit_events(&AuditQuery::default())
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "data.seal_legacy")
            .collect::<Vec<_>>();
        let rows: u64 = sealed
            .iter()
            .map(|e| e.detail["rows"].as_u64().unwrap())
            .sum();
        assert_eq!(rows, 6, "{backend}: one row of each table sealed");
        assert!(sealed.iter().all(|e| e.actor == "system"));
        for m in &markers {
            assert!(
                files_containing(data.dir.path(), m.as_bytes()).is_empty(),
                "{backend}: legacy text left on disk"
            );
            if backend == "postgres" {
                assert!(postgres_rows_containing(&url, m).await.is_empty());
            }
        }
        // Every legacy column is empty; every sealed column holds a value.
        let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
        for (table, column) in libertas_store::legacy::sealed_since_0014() {
            let n: i64 = sqlx::query(&format!(
                "select count(*) from {table} where {column}_legacy <> '' or {column} is null"
            ))
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .get(0);
            assert_eq!(n, 0, "{backend}: {table}.{column}");
        }
        conn.close().await.unwrap();
        assert!(matches!(
            store.verify_audit().await.unwrap(),
            VerifyOutcome::Intact { .. }
        ));
        store.close().await;

        // The next start seals nothing and records nothing.
        let store = Store::open(config.clone()).await.unwrap();
        let again = store
            .audit_events(&AuditQuery::default())
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "data.seal_legacy")
            .count();
        assert_eq!(again, sealed.len(), "{backend}: idempotent");
        assert_eq!(store.seal_legacy_text().await.unwrap(), 0);
        store.close().await;

        // Every row legacy, then read back through the API of a server on the sealed data.
        let markers = make_legacy(&url, backend, "all").await;
        let app = TestApp::reopen(data).await;
        for m in &markers {
            assert!(files_containing(app.data.dir.path(), m.as_bytes()).is_empty());
        }
        let owner = app.token_for("owner").await;
        let (s, v) = app
            .get(&format!("/api/v1/cases/{case_id}/charges"), &owner)
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        let shown = v.to_string();
        let listed: Vec<&String> = markers.iter().filter(|m| shown.contains(*m)).collect();
        assert_eq!(listed.len(), 2, "{backend}: law and section read back");
        let (s, v) = app.get("/api/v1/partners", &owner).await;
        assert_eq!(s, StatusCode::OK);
        let shown = v.to_string();
        assert_eq!(
            markers.iter().filter(|m| shown.contains(*m)).count(),
            8,
            "{backend}: two partners' four values read back"
        );

        // A backup holding legacy plaintext (taken while an older node wrote it) is sealed
        // again when it is restored.
        let markers = make_legacy(&url, backend, "all").await;
        let file = app.data.dir.path().join("legacy.lbk");
        app.store.backup(Actor::cli(), &file, "test").await.unwrap();
        app.store.seal_legacy_text().await.unwrap();
        app.store
            .restore(Actor::cli(), &file, "test")
            .await
            .unwrap();
        for m in &markers {
            assert!(
                files_containing(app.data.dir.path(), m.as_bytes()).is_empty(),
                "{backend}: plaintext back after restore"
            );
            if backend == "postgres" {
                assert!(postgres_rows_containing(&url, m).await.is_empty());
            }
        }
        let (s, v) = app.get("/api/v1/partners", &owner).await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        let shown = v.to_string();
        assert_eq!(
            markers.iter().filter(|m| shown.contains(*m)).count(),
            8,
            "{backend}: restored partners read back"
        );
        app.stop().await;
    }
}
