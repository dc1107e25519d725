//! List exports in the store: the rows equal the list's, other organisations get nothing,
//! personal data only when asked for by a role that reads it and then only inside an AES-256
//! ZIP that opens with the passphrase given and not without, no name anywhere in the bytes or
//! the data directory, XLSX that reads back, and one audit event per export.
//! SQLite and (when configured) PostgreSQL.

use libertas_domain::admin::Role;
use libertas_domain::cases::tasks::{NewTask, TaskTitle};
use libertas_domain::cases::CaseTitle;
use libertas_domain::exports::{ExportFormat, ExportList};
use libertas_domain::people::{NewPerson, PersonName, PersonRole, Phone};
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::cases::CaseBrowse;
use libertas_store::exports::{ExportRequest, ListExport};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use secrecy::ExposeSecret;
use std::io::{Cursor, Read};

const GIVEN: &str = "Zamfira";
const FAMILY: &str = "Oprescu";
const PHONE: &str = "+40 722 555 019";
const TITLE: &str = "Operation Lark";
const TASK: &str = "Call the shelter";

fn person(given: &str) -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(given).unwrap(),
        family_name: PersonName::parse(FAMILY).unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: Some(Phone::parse(PHONE).unwrap()),
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
}

fn req(list: ExportList, format: ExportFormat, personal: bool) -> ExportRequest {
    ExportRequest {
        list,
        format,
        personal,
    }
}

pub(crate) fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

pub(crate) fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The one file inside an encrypted export, opened with `passphrase`.
pub(crate) fn unzip(export: &ListExport, passphrase: &str) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(export.bytes.as_slice()))?;
    let name = archive.name_for_index(0).unwrap().unwrap().into_owned();
    let mut file = archive.by_name_decrypt(&name, passphrase.as_bytes())?;
    let mut out = vec![];
    file.read_to_end(&mut out)?;
    Ok(out)
}

pub(crate) fn holds(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Every file under `dir` that holds `needle`.
pub(crate) fn files_holding(dir: &std::path::Path, needle: &str) -> Vec<String> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_holding(&path, needle));
        } else {
            // A file removed between the listing and the read (a journal or a temporary file
            // the store just finished with) held nothing any more.
            let bytes = match std::fs::read(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                other => other.unwrap(),
            };
            if holds(&bytes, needle) {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_exports_follow_the_lists_and_encrypt_personal_data() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let none = |_: u64, _: u64| {};
        // North: Cara's case with a victim and a task; Hana's case, which Cara is not in.
        let cara = principal(&store, "North", "cara", Role::Caseworker).await;
        let hana = principal(&store, "North", "hana", Role::Hotline).await;
        let mine = store
            .create_case(&cara, &CaseTitle::parse(TITLE).unwrap(), "t")
            .await
            .unwrap();
        store
            .add_person(&cara, mine.id, &person(GIVEN), "t")
            .await
            .unwrap();
        let task = NewTask {
            title: TaskTitle::parse(TASK).unwrap(),
            description: None,
            due: today(),
        };
        store
            .add_task(&cara, mine.id, &task, None, "t")
            .await
            .unwrap();
        let theirs = store
            .create_case(&hana, &CaseTitle::parse("Operation Wren").unwrap(), "t")
            .await
            .unwrap();
        store
            .add_person(&hana, theirs.id, &person("Ileana"), "t")
            .await
            .unwrap();

        // Plain: the list's rows, no title, not encrypted.
        let plain = store
            .export_list(
                &cara,
                req(ExportList::Cases, ExportFormat::Csv, false),
                today(),
                &none,
                "t",
            )
            .await
            .unwrap();
        assert!(plain.passphrase.is_none());
        assert_eq!(plain.file_name, "cases.csv");
        let rows = csv_rows(&plain.bytes);
        let shown = store
            .browse_cases(&cara, &CaseBrowse::default(), "t")
            .await
            .unwrap();
        let numbers: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
        let listed: Vec<&str> = shown.cases.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers, listed, "{backend}");
        assert_eq!(numbers, [mine.number.as_str()], "{backend}");
        assert!(!holds(&plain.bytes, TITLE));

        // People with personal data, XLSX: an encrypted ZIP under the passphrase given.
        let sealed = store
            .export_list(
                &cara,
                req(ExportList::People, ExportFormat::Xlsx, true),
                today(),
                &none,
                "t",
            )
            .await
            .unwrap();
        assert_eq!((sealed.file_name.as_str(), sealed.rows), ("people.zip", 1));
        let passphrase = sealed
            .passphrase
            .as_ref()
            .unwrap()
            .expose_secret()
            .to_owned();
        assert!(passphrase.len() >= 32, "{passphrase}");
        for secret in [GIVEN, FAMILY, "722 555", "Ileana"] {
            assert!(
                !holds(&sealed.bytes, secret),
                "{backend}: {secret} in the bytes"
            );
        }
        assert!(unzip(&sealed, "wrong passphrase").is_err(), "{backend}");
        let xlsx = unzip(&sealed, &passphrase).unwrap();
        let mut book = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
        let mut strings = String::new();
        book.by_name("xl/sharedStrings.xml")
            .unwrap()
            .read_to_string(&mut strings)
            .unwrap();
        assert!(
            strings.contains(GIVEN) && strings.contains(FAMILY),
            "{strings}"
        );
        assert!(strings.contains("given_name"), "{strings}");
        assert!(
            !strings.contains("Ileana"),
            "{backend}: another case's person"
        );

        // Tasks with personal data, CSV: the task and case titles inside.
        let tasks = store
            .export_list(
                &cara,
                req(ExportList::Tasks, ExportFormat::Csv, true),
                today(),
                &none,
                "t",
            )
            .await
            .unwrap();
        let pass = tasks
            .passphrase
            .as_ref()
            .unwrap()
            .expose_secret()
            .to_owned();
        let inner = csv_rows(&unzip(&tasks, &pass).unwrap());
        assert_eq!(inner.len(), 2, "{backend}");
        assert!(inner[1].contains(&TASK.to_owned()) && inner[1].contains(&TITLE.to_owned()));

        // Another organisation sees nothing; a role without case work no cases and no
        // personal data at all; trainings hold none.
        let sam = principal(&store, "South", "sam", Role::Caseworker).await;
        for list in [ExportList::Cases, ExportList::People, ExportList::Tasks] {
            let e = store
                .export_list(
                    &sam,
                    req(list, ExportFormat::Csv, true),
                    today(),
                    &none,
                    "t",
                )
                .await
                .unwrap();
            assert_eq!(e.rows, 0, "{backend}: {list:?}");
        }
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let cases = store
            .export_list(
                &ann,
                req(ExportList::Cases, ExportFormat::Csv, false),
                today(),
                &none,
                "t",
            )
            .await;
        assert!(matches!(cases, Err(StoreError::Forbidden)), "{backend}");
        let named = store
            .export_list(
                &ann,
                req(ExportList::Trainings, ExportFormat::Csv, true),
                today(),
                &none,
                "t",
            )
            .await;
        assert!(matches!(named, Err(StoreError::Forbidden)), "{backend}");
        let trainings = store
            .export_list(
                &ann,
                req(ExportList::Trainings, ExportFormat::Xlsx, false),
                today(),
                &none,
                "t",
            )
            .await
            .unwrap();
        assert!(trainings.passphrase.is_none());
        assert_eq!(&trainings.bytes[..2], b"PK");

        // One event per export, with counts and never a value.
        let events = store
            .audit_events(Operator::console(), &AuditQuery::default())
            .await
            .unwrap();
        let exports: Vec<_> = events
            .iter()
            .filter(|e| e.action == "export.list")
            .collect();
        assert_eq!(exports.len(), 7, "{backend}");
        let details: Vec<String> = exports
            .iter()
            .map(|e| serde_json::to_string(&e.detail).unwrap())
            .collect();
        assert!(
            details.iter().any(|d| d.contains("\"list\":\"people\"")
                && d.contains("\"personal\":true")
                && d.contains("\"rows\":1")
                && d.contains("\"format\":\"xlsx\"")),
            "{details:?}"
        );
        assert!(details.iter().all(|d| !d.contains(GIVEN)));

        // Nothing Libertas wrote holds a name in plaintext.
        store.close().await;
        for secret in [GIVEN, FAMILY, TASK] {
            let found = files_holding(t.dir.path(), secret);
            assert!(found.is_empty(), "{backend}: {secret} in {found:?}");
        }
    }
}

/// Every key of `object` is one of `fields`.
fn keys_within(object: &serde_json::Value, fields: &[&str]) {
    for key in object.as_object().unwrap().keys() {
        assert!(
            fields.contains(&key.as_str()),
            "{key} is not a documented field"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn htcds_export_uses_the_documented_fields_of_the_callers_cases() {
    use libertas_domain::exports::htcds::{CASE_FIELDS, PERSONAL_FIELDS, VICTIM_FIELDS};
    use libertas_domain::people::TraffickingStatus;
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let none = |_: u64, _: u64| {};
        let cara = principal(&store, "North", "cara", Role::Caseworker).await;
        let hana = principal(&store, "North", "hana", Role::Hotline).await;
        let mine = store
            .create_case(&cara, &CaseTitle::parse(TITLE).unwrap(), "t")
            .await
            .unwrap();
        let mut victim = person(GIVEN);
        victim.trafficking_status = Some(TraffickingStatus::Actual);
        store
            .add_person(&cara, mine.id, &victim, "t")
            .await
            .unwrap();
        let mut witness = person("Ileana");
        witness.role = PersonRole::Witness;
        store
            .add_person(&cara, mine.id, &witness, "t")
            .await
            .unwrap();
        let theirs = store
            .create_case(&hana, &CaseTitle::parse("Operation Wren").unwrap(), "t")
            .await
            .unwrap();
        store
            .add_person(&hana, theirs.id, &person("Doina"), "t")
            .await
            .unwrap();

        // Without personal data: plain JSON, documented fields, Cara's case only, no names.
        let plain = store.export_htcds(&cara, false, &none, "t").await.unwrap();
        assert!(plain.passphrase.is_none());
        let doc: serde_json::Value = serde_json::from_slice(&plain.bytes).unwrap();
        assert_eq!(doc["standard"], "HTCDS 2.0");
        let cases = doc["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 1, "{backend}");
        keys_within(&cases[0], &CASE_FIELDS);
        assert_eq!(cases[0]["lib_CaseNumber"], mine.number.as_str());
        assert_eq!(cases[0]["cas_CaseOwner"], "cara");
        let victims = cases[0]["victims"].as_array().unwrap();
        assert_eq!(victims.len(), 1, "{backend}: the witness is not a victim");
        keys_within(&victims[0], &VICTIM_FIELDS);
        assert_eq!(
            victims[0]["vic_TraffickingStatus"],
            "ActualVictimOfTrafficking"
        );
        for secret in [GIVEN, FAMILY, "Ileana", "Doina", "722"] {
            assert!(!holds(&plain.bytes, secret), "{backend}: {secret}");
        }

        // With personal data: encrypted, opens with the passphrase, names inside.
        let sealed = store.export_htcds(&cara, true, &none, "t").await.unwrap();
        let pass = sealed
            .passphrase
            .as_ref()
            .unwrap()
            .expose_secret()
            .to_owned();
        assert!(!holds(&sealed.bytes, GIVEN));
        assert!(unzip(&sealed, "wrong").is_err());
        let doc: serde_json::Value =
            serde_json::from_slice(&unzip(&sealed, &pass).unwrap()).unwrap();
        let v = &doc["cases"][0]["victims"][0];
        let all: Vec<&str> = VICTIM_FIELDS
            .iter()
            .chain(&PERSONAL_FIELDS)
            .copied()
            .collect();
        keys_within(v, &all);
        assert_eq!(
            (v["prs_FirstName"].as_str(), v["prs_SecondName"].as_str()),
            (Some(GIVEN), Some(FAMILY))
        );

        // Roles without case work get nothing; the export is audited without values.
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let denied = store.export_htcds(&ann, false, &none, "t").await;
        assert!(matches!(denied, Err(StoreError::Forbidden)), "{backend}");
        let events = store
            .audit_events(Operator::console(), &AuditQuery::default())
            .await
            .unwrap();
        let htcds: Vec<_> = events
            .iter()
            .filter(|e| e.action == "export.htcds")
            .collect();
        assert_eq!(htcds.len(), 2, "{backend}");
        let detail =
            serde_json::to_string(&htcds.iter().map(|e| &e.detail).collect::<Vec<_>>()).unwrap();
        assert!(
            detail.contains("\"victims\":1") && !detail.contains(GIVEN),
            "{detail}"
        );
        store.close().await;
    }
}

/// A download of a kept export (the export page's jobs) is audited as `export.download`
/// with the export's list, format, rows and whether it holds personal data, and only while
/// the caller's role may still have that export.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_is_audited_only_for_a_role_that_may_have_it() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let cara = principal(&store, "North", "cara", Role::Caseworker).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let people = req(ExportList::People, ExportFormat::Xlsx, true);
        store
            .record_export_download(&cara, people, 12, "page: download an export")
            .await
            .unwrap();
        let trainings = req(ExportList::Trainings, ExportFormat::Csv, true);
        store
            .record_export_download(&cara, trainings, 3, "page: download an export")
            .await
            .unwrap();
        for (p, r) in [
            (&ann, req(ExportList::Cases, ExportFormat::Csv, false)),
            (&ann, req(ExportList::Trainings, ExportFormat::Csv, true)),
        ] {
            let refused = store.record_export_download(p, r, 1, "t").await;
            assert!(matches!(refused, Err(StoreError::Forbidden)), "{backend}");
        }
        let events = store
            .audit_events(Operator::console(), &AuditQuery::default())
            .await
            .unwrap();
        let downloads: Vec<_> = events
            .iter()
            .filter(|e| e.action == "export.download")
            .collect();
        assert_eq!(downloads.len(), 2, "{backend}: the refused ones are not");
        let detail = |list: &str| {
            let e = downloads.iter().find(|e| e.object_type == list).unwrap();
            e.detail.clone()
        };
        assert_eq!(
            detail("people"),
            serde_json::json!({"list": "people", "format": "xlsx", "rows": 12, "personal": true})
        );
        assert_eq!(
            detail("trainings")["personal"],
            false,
            "trainings hold none"
        );
    }
}
