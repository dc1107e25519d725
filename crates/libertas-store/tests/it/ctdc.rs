//! The CTDC de-identified export in the store: who may ask, k checked on the output, no name,
//! birth date or phone in its bytes, the exact mapping of a few rows, and its audit event.
//! SQLite and (when configured) PostgreSQL.

use libertas_analytics::disclosure::kanon::smallest_class;
use libertas_domain::admin::{Principal, Role};
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{
    BirthDate, CountryCode, Gender, NewPerson, PersonName, PersonRole, Phone, TraffickingStatus,
};
use libertas_domain::reports::identifiers::DefaultRegion;
use libertas_domain::reports::{Channel, ReportInput};
use libertas_domain::stats::ctdc::{header, ExportK, QUASI_IDENTIFIERS};
use libertas_store::admin::{Caller, Operator};
use libertas_store::audit::AuditQuery;
use libertas_store::reports::OpenCase;
use libertas_store::stats::ctdc::CtdcExport;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};

const GIVEN: &str = "Zamfira";
const FAMILY: &str = "Oprescu";
const PHONE: &str = "+40 722 555 019";

/// An identified victim (or, with `status` `None`, a victim not identified) born on `born`.
fn victim(
    born: &str,
    gender: Gender,
    citizenship: &str,
    status: Option<TraffickingStatus>,
) -> NewPerson {
    let today = time::OffsetDateTime::now_utc().date();
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(GIVEN).unwrap(),
        family_name: PersonName::parse(FAMILY).unwrap(),
        birth_date: Some(BirthDate::parse(born, today).unwrap()),
        gender: Some(gender),
        citizenship: vec![CountryCode::parse(citizenship).unwrap()],
        languages: vec![],
        phone: Some(Phone::parse(PHONE).unwrap()),
        email: None,
        identity_numbers: vec![],
        trafficking_status: status,
    }
}

fn born(years_ago: i32, month_day: &str) -> String {
    let year = time::OffsetDateTime::now_utc().year() - years_ago;
    format!("{year:04}-{month_day}")
}

/// North: 12 Romanian women (about 25) from a screened report, 11 Vietnamese boys (about
/// 14), a rare Eritrean man (40) and a Moldovan girl (6), a victim not identified and a
/// witness; South: one more identified victim. Returns North's hotline worker.
async fn fixture(store: &Store) -> Principal {
    let hana = principal(store, "North", "hana", Role::Hotline).await;
    let report = store
        .operator_intake(
            &hana,
            Channel::Phone,
            &ReportInput {
                narrative: "Women kept in a flat, passports taken.".into(),
                location: None,
                when: None,
                people: None,
                in_danger_now: false,
                identifiers: vec![],
                contact: None,
                safe_to_contact: None,
                contact_safety: None,
                language: None,
            },
            DefaultRegion::default(),
        )
        .await
        .unwrap();
    let screening = serde_json::json!({
        "input": {"indicators": ["debt_bondage", "retention_of_identity_documents"]},
        "result": {"verdict": "trafficking", "exploitation": ["sexual_exploitation"], "means_found": ["threat"]}
    });
    store
        .save_screening(&hana, report, screening, "trafficking", false)
        .await
        .unwrap();
    let women = (0..12)
        .map(|_| {
            victim(
                &born(26, "01-01"),
                Gender::Feminine,
                "RO",
                Some(TraffickingStatus::Actual),
            )
        })
        .collect();
    store
        .open_case_from_report(
            &hana,
            report,
            &OpenCase {
                title: CaseTitle::parse("Operation Lark").unwrap(),
                people: women,
            },
        )
        .await
        .unwrap();
    let case = store
        .create_case(&hana, &CaseTitle::parse("Operation Wren").unwrap(), "t")
        .await
        .unwrap();
    let mut people: Vec<NewPerson> = (0..11)
        .map(|_| {
            victim(
                &born(15, "01-01"),
                Gender::Masculine,
                "VN",
                Some(TraffickingStatus::Possible),
            )
        })
        .collect();
    people.push(victim(
        &born(41, "01-01"),
        Gender::Masculine,
        "ER",
        Some(TraffickingStatus::Actual),
    ));
    people.push(victim(
        &born(7, "06-30"),
        Gender::Feminine,
        "MD",
        Some(TraffickingStatus::Actual),
    ));
    people.push(victim(&born(30, "03-03"), Gender::Feminine, "RO", None));
    let mut witness = victim(&born(30, "03-03"), Gender::Feminine, "RO", None);
    witness.role = PersonRole::Witness;
    people.push(witness);
    for p in &people {
        store.add_person(&hana, case.id, p, "t").await.unwrap();
    }
    let sam = principal(store, "South", "sam", Role::Caseworker).await;
    let south = store
        .create_case(&sam, &CaseTitle::parse("Operation Kite").unwrap(), "t")
        .await
        .unwrap();
    let lone = victim(
        &born(26, "01-01"),
        Gender::Feminine,
        "RO",
        Some(TraffickingStatus::Actual),
    );
    store.add_person(&sam, south.id, &lone, "t").await.unwrap();
    hana
}

fn rows(export: &CtdcExport) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(export.csv.as_slice());
    let h: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(h, header());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The quasi-identifiers of each row, read back from the CSV by column name.
fn quasi_identifiers(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    let h = header();
    let at: Vec<usize> = QUASI_IDENTIFIERS
        .iter()
        .map(|q| h.iter().position(|c| c == q).unwrap())
        .collect();
    rows.iter()
        .map(|r| at.iter().map(|&i| r[i].clone()).collect())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctdc_export_is_k_anonymous_and_carries_no_personal_data() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let hana = fixture(&store).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let none = |_: u64, _: u64| {};
        let ten = ExportK::parse(None).unwrap();

        let export = store
            .export_ctdc(Caller::from(&ann), ann.org_id, ten, &none, "t")
            .await
            .unwrap();
        let out = rows(&export);
        assert_eq!(export.k, 10);
        assert_eq!(
            (export.rows, export.blanked, export.dropped),
            (23, 0, 2),
            "{backend}"
        );
        assert_eq!(out.len(), 23);
        // Sorted by content, not in the order the victims were registered.
        assert!(out.windows(2).all(|w| w[0] <= w[1]), "{backend}");
        assert!(smallest_class(&quasi_identifiers(&out)).unwrap() >= 10);
        assert_eq!(export.shown(export.dropped), "fewer than 10");
        assert_eq!(export.shown(export.rows), "23");
        let levels: Vec<usize> = export.levels.iter().map(|l| l.1).collect();
        // One rare victim alone does not coarsen the others: nothing is generalised.
        assert_eq!(levels, [0, 0, 0, 0, 0], "{backend}");

        // The exact mapping of a woman from the screened report and of a boy without one.
        let year = time::OffsetDateTime::now_utc().year().to_string();
        let h = header();
        let col =
            |row: &Vec<String>, name: &str| row[h.iter().position(|c| *c == name).unwrap()].clone();
        let woman = out.iter().find(|r| col(r, "gender") == "Female").unwrap();
        for (name, value) in [
            ("yearOfRegistration", year.as_str()),
            ("Datasource", "Case Management"),
            ("ageBroad", "24--26"),
            ("majorityStatus", "Adult"),
            ("citizenship", "RO"),
            ("meansOfControlDebtBondage", "1"),
            ("meansOfControlThreats", "1"),
            ("meansOfControlWithholdsDocuments", "1"),
            ("meansOfControlPhysicalAbuse", "0"),
            (
                "meansOfControlConcatenated",
                "DebtBondage;Threats;WithholdsDocuments",
            ),
            ("isSexualExploit", "1"),
            ("isForcedLabour", "0"),
            ("typeOfExploitConcatenated", "Sexual exploitation"),
            ("CountryOfExploitation", "-99"),
        ] {
            assert_eq!(col(woman, name), value, "{backend}: {name}");
        }
        let boy = out.iter().find(|r| col(r, "gender") == "Male").unwrap();
        assert_eq!(col(boy, "ageBroad"), "9--17");
        assert_eq!(col(boy, "majorityStatus"), "Minor");
        assert_eq!(col(boy, "citizenship"), "VN");
        assert_eq!(col(boy, "isSexualExploit"), "-99");
        assert_eq!(
            out.iter().filter(|r| col(r, "gender") == "Female").count(),
            12
        );

        // No name, birth date, phone or rare citizenship in the bytes.
        let text = String::from_utf8(export.csv.clone()).unwrap();
        for secret in [
            GIVEN,
            FAMILY,
            "722",
            "555",
            &born(26, "01-01"),
            &born(15, "01-01"),
            "ER",
            "MD",
        ] {
            assert!(!text.contains(secret), "{backend}: {secret} in the export");
        }

        // k = 2 allows one outlier only: the columns are generalised, and the two rare
        // victims, still apart, are blanked together and kept.
        let two = ExportK::parse(Some(2)).unwrap();
        let export2 = store
            .export_ctdc(Caller::from(&ann), ann.org_id, two, &none, "t")
            .await
            .unwrap();
        let out2 = rows(&export2);
        assert_eq!((export2.rows, export2.blanked, export2.dropped), (25, 2, 0));
        assert!(smallest_class(&quasi_identifiers(&out2)).unwrap() >= 2);
        assert_eq!(out2.iter().filter(|r| col(r, "gender") == "-99").count(), 2);
        let levels2: Vec<usize> = export2.levels.iter().map(|l| l.1).collect();
        assert_eq!(levels2, [0, 0, 2, 1, 0], "{backend}");
        assert!(out2
            .iter()
            .all(|r| ["18+", "0--17", "-99"].contains(&col(r, "ageBroad").as_str())));

        // Progress runs from 0 to every victim.
        let seen = std::sync::Mutex::new(vec![]);
        let record = |done: u64, total: u64| seen.lock().unwrap().push((done, total));
        store
            .export_ctdc(Operator::console().into(), ann.org_id, ten, &record, "t")
            .await
            .unwrap();
        assert_eq!(seen.lock().unwrap().as_slice(), [(0, 25), (25, 25)]);

        // Only admins and analysts, and only their own organisation.
        let denied = store
            .export_ctdc(Caller::from(&hana), hana.org_id, ten, &none, "t")
            .await;
        assert!(matches!(denied, Err(StoreError::Forbidden)), "{backend}");
        let ada = principal(&store, "North", "ada", Role::Admin).await;
        assert!(store
            .export_ctdc(Caller::from(&ada), ada.org_id, ten, &none, "t")
            .await
            .is_ok());
        let sol = principal(&store, "South", "sol", Role::Analyst).await;
        let other = store
            .export_ctdc(Caller::from(&sol), ann.org_id, ten, &none, "t")
            .await;
        assert!(matches!(other, Err(StoreError::NotFound)), "{backend}");
        // South's one victim alone is dropped: an empty file, not a lone row.
        let south = store
            .export_ctdc(Caller::from(&sol), sol.org_id, ten, &none, "t")
            .await
            .unwrap();
        assert_eq!((south.rows, south.dropped), (0, 1));
        assert_eq!(south.shown(south.dropped), "fewer than 10");

        // Audited with counts and k, never a value.
        let events = store
            .audit_events(Operator::console(), &AuditQuery::default())
            .await
            .unwrap();
        let ctdc: Vec<_> = events
            .iter()
            .filter(|e| e.action == "export.ctdc")
            .collect();
        assert_eq!(ctdc.len(), 5, "{backend}");
        let detail = serde_json::to_string(&ctdc[0].detail).unwrap();
        assert!(
            detail.contains("\"k\":10") && detail.contains("\"rows\":23"),
            "{detail}"
        );
        assert!(!detail.contains(GIVEN));
        store.close().await;
    }
}
