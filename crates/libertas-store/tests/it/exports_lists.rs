//! The referral and care-service list exports, and the HTCDS methods of control and types of
//! exploitation, in the store: each caller gets exactly the rows of their own lists (the
//! sender the referrals of their cases, the receiving organisation its incoming ones with what
//! sharing allows, nobody another case's or another organisation's), personal columns only
//! when asked for and then inside the encrypted ZIP, one audited read per record handed out,
//! and nothing in plaintext on disk. SQLite and (when configured) PostgreSQL.

use crate::exports::{csv_rows, files_holding, holds, today, unzip};
use libertas_domain::admin::{Principal, Role};
use libertas_domain::care::{Delivered, NewDelivery, NewService, Provider};
use libertas_domain::care::{ServiceStatus, ServiceType};
use libertas_domain::cases::referrals::{
    HelpKind, NewPartner, NewReferral, OverrideReason, ReferralKind, ReferralNote,
};
use libertas_domain::cases::CaseTitle;
use libertas_domain::exports::{ExportFormat, ExportList};
use libertas_domain::ids::{CaseId, PersonId};
use libertas_domain::people::{NewPerson, PersonName, PersonRole, TraffickingStatus};
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::exports::{ExportRequest, ListExport};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use secrecy::ExposeSecret;

const NOTE: &str = "Sleeps at the Lark shelter";
const PROVIDER: &str = "Casa Noua Constanta";
const OTHER_PROVIDER: &str = "Casa Veche Tulcea";

fn victim(given: &str) -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(given).unwrap(),
        family_name: PersonName::parse("Oprescu").unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: Some(TraffickingStatus::Actual),
    }
}

async fn export(store: &Store, p: &Principal, list: ExportList, personal: bool) -> ListExport {
    let r = ExportRequest {
        list,
        format: ExportFormat::Csv,
        personal,
    };
    store
        .export_list(p, r, today(), &|_, _| {}, "t")
        .await
        .unwrap()
}

/// The CSV inside an export, opened with its own passphrase when it is encrypted.
fn rows(e: &ListExport) -> Vec<Vec<String>> {
    match &e.passphrase {
        Some(pass) => csv_rows(&unzip(e, pass.expose_secret()).unwrap()),
        None => csv_rows(&e.bytes),
    }
}

/// A case of `p` with one victim named `given`.
async fn case_with(store: &Store, p: &Principal, given: &str) -> (CaseId, PersonId) {
    let case = store
        .create_case(p, &CaseTitle::parse("Operation Lark").unwrap(), "t")
        .await
        .unwrap();
    let (person, _) = store
        .add_person(p, case.id, &victim(given), "t")
        .await
        .unwrap();
    (case.id, person)
}

/// A referral of `person` to `partner`, on an override (no consent recorded), with a note.
async fn refer(store: &Store, p: &Principal, case: CaseId, person: PersonId, partner: &str) {
    let new = NewReferral {
        person,
        partner_id: partner.parse().unwrap(),
        kind: ReferralKind::Referral,
        services: vec![HelpKind::Legal],
        note: Some(ReferralNote::parse(NOTE).unwrap()),
        child: false,
        override_reason: Some(OverrideReason::parse("Threats received yesterday").unwrap()),
        safeguarding_note: None,
    };
    store
        .create_referral(p, case, &new, today(), "t")
        .await
        .unwrap();
}

/// A care plan for `person` with one active housing service at `provider`, delivered once.
async fn service_for(store: &Store, p: &Principal, person: PersonId, provider: &str) {
    let plan = store.open_care_plan(p, person, today(), "t").await.unwrap();
    let s = store
        .add_care_service(
            p,
            plan.id,
            &NewService {
                service_type: ServiceType::Housing,
                provider: Provider::parse(provider).unwrap(),
                start_date: today(),
                end_date: None,
                status: ServiceStatus::Active,
            },
            "t",
        )
        .await
        .unwrap();
    store
        .add_care_delivery(
            p,
            s.id,
            &NewDelivery {
                delivered_on: today(),
                delivered: Delivered::parse("Room for a week").unwrap(),
                note: None,
            },
            today(),
            "t",
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referral_and_service_exports_keep_to_the_callers_lists() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        // North: Cara's case (Zamfira) and Hana's case (Ileana), which Cara is not in. Both
        // refer their victim to a partner linked to the Police organisation.
        let cara = principal(&store, "North", "cara", Role::Caseworker).await;
        let hana = principal(&store, "North", "hana", Role::Hotline).await;
        let ada = principal(&store, "North", "ada", Role::Admin).await;
        let pol = principal(&store, "Police", "pol", Role::Investigator).await;
        let sam = principal(&store, "South", "sam", Role::Caseworker).await;
        let ann = principal(&store, "North", "ann", Role::Analyst).await;
        let police = store
            .org_by_name(Operator::console(), "Police")
            .await
            .unwrap()
            .unwrap()
            .id;
        let partner = NewPartner::parse(
            "Police unit",
            &["legal".to_owned()],
            "Constanța",
            &["ro".to_owned()],
            "Call",
            "112",
        )
        .unwrap();
        let partner = store
            .create_partner(&ada, &partner, Some(police), "t")
            .await
            .unwrap();
        let (mine, zamfira) = case_with(&store, &cara, "Zamfira").await;
        let (theirs, ileana) = case_with(&store, &hana, "Ileana").await;
        refer(&store, &cara, mine, zamfira, &partner.id.to_string()).await;
        refer(&store, &hana, theirs, ileana, &partner.id.to_string()).await;
        service_for(&store, &cara, zamfira, PROVIDER).await;
        service_for(&store, &hana, ileana, OTHER_PROVIDER).await;

        // Cara's referrals: her case's one, outgoing; codes only without personal data.
        let plain = export(&store, &cara, ExportList::Referrals, false).await;
        assert!(plain.passphrase.is_none(), "{backend}");
        let r = rows(&plain);
        assert_eq!(r.len(), 2, "{backend}: {r:?}");
        let col = |name: &str| r[0].iter().position(|h| h == name).unwrap();
        assert_eq!(r[1][col("direction")], "outgoing");
        assert_eq!(r[1][col("person_id")], zamfira.to_string());
        assert!(!r[0].contains(&"person_name".to_owned()), "{backend}");
        for secret in [
            "Zamfira",
            "Ileana",
            "Lark shelter",
            "Threats",
            "Police unit",
        ] {
            assert!(!holds(&plain.bytes, secret), "{backend}: {secret}");
        }
        // With personal data: encrypted, her victim's name and the note inside, Ileana not.
        let sealed = export(&store, &cara, ExportList::Referrals, true).await;
        assert_eq!(sealed.file_name, "referrals.zip");
        assert!(!holds(&sealed.bytes, "Zamfira"), "{backend}");
        let r = rows(&sealed);
        let text = format!("{r:?}");
        assert!(
            text.contains("Zamfira Oprescu") && text.contains(NOTE) && !text.contains("Ileana"),
            "{backend}: {text}"
        );

        // The Police organisation receives both, incoming: the names while the referral
        // shares them, never the sender's case, person id, basis or override reason.
        let incoming = export(&store, &pol, ExportList::Referrals, true).await;
        let r = rows(&incoming);
        assert_eq!(r.len(), 3, "{backend}: {r:?}");
        let col = |name: &str| r[0].iter().position(|h| h == name).unwrap();
        for row in &r[1..] {
            assert_eq!(row[col("direction")], "incoming");
            for hidden in [
                "case_id",
                "person_id",
                "basis",
                "override_reason",
                "created_by",
            ] {
                assert_eq!(row[col(hidden)], "", "{backend}: {hidden}");
            }
        }
        let text = format!("{r:?}");
        assert!(
            text.contains("Zamfira") && text.contains("Ileana"),
            "{text}"
        );
        assert!(!text.contains("Threats"), "{backend}: {text}");

        // Another organisation's caseworker: nothing; an analyst: refused.
        assert_eq!(
            export(&store, &sam, ExportList::Referrals, true).await.rows,
            0
        );
        for list in [ExportList::Referrals, ExportList::Services] {
            let r = ExportRequest {
                list,
                format: ExportFormat::Csv,
                personal: false,
            };
            let denied = store.export_list(&ann, r, today(), &|_, _| {}, "t").await;
            assert!(matches!(denied, Err(StoreError::Forbidden)), "{backend}");
        }

        // Services: Cara's victim's plan only; the provider only with personal data.
        let plain = export(&store, &cara, ExportList::Services, false).await;
        let r = rows(&plain);
        assert_eq!(r.len(), 2, "{backend}: {r:?}");
        let col = |name: &str| r[0].iter().position(|h| h == name).unwrap();
        assert_eq!(
            (
                r[1][col("service_type")].as_str(),
                r[1][col("status")].as_str(),
                r[1][col("deliveries")].as_str(),
                r[1][col("person_id")].clone()
            ),
            ("Housing", "active", "1", zamfira.to_string()),
            "{backend}"
        );
        assert_eq!(r[1][col("last_delivered_on")], today().to_string());
        for secret in ["Casa", "Zamfira", "Room for a week"] {
            assert!(!holds(&plain.bytes, secret), "{backend}: {secret}");
        }
        let sealed = export(&store, &cara, ExportList::Services, true).await;
        assert!(!holds(&sealed.bytes, "Casa"), "{backend}");
        let text = format!("{:?}", rows(&sealed));
        assert!(
            text.contains(PROVIDER) && text.contains("Zamfira") && !text.contains(OTHER_PROVIDER),
            "{backend}: {text}"
        );
        let theirs = rows(&export(&store, &hana, ExportList::Services, true).await);
        assert_eq!(theirs.len(), 2, "{backend}");
        assert!(format!("{theirs:?}").contains(OTHER_PROVIDER));
        assert_eq!(
            export(&store, &sam, ExportList::Services, true).await.rows,
            0
        );
        assert_eq!(
            export(&store, &pol, ExportList::Services, false).await.rows,
            0
        );

        // Audited: one export.list per file, one read per referral and person handed out,
        // never a value.
        let events = store
            .audit_events(Operator::console(), &AuditQuery::default())
            .await
            .unwrap();
        let of = |action: &str, list: &str| {
            events
                .iter()
                .filter(|e| e.action == action && e.detail.to_string().contains(list))
                .count()
        };
        assert_eq!(of("export.list", "\"referrals\""), 4, "{backend}");
        assert_eq!(of("export.list", "\"services\""), 5, "{backend}");
        assert_eq!(
            of("referral.read", "\"export\":\"referrals\""),
            1,
            "{backend}"
        );
        assert_eq!(of("referral.incoming.read", "\"export\":\"referrals\""), 2);
        assert_eq!(of("person.read", "\"export\":\"services\""), 2, "{backend}");
        let details: String = events.iter().map(|e| e.detail.to_string()).collect();
        for secret in ["Zamfira", "Casa", "Lark shelter"] {
            assert!(!details.contains(secret), "{backend}: {secret} audited");
        }

        store.close().await;
        for secret in [PROVIDER, NOTE, "Zamfira"] {
            let found = files_holding(t.dir.path(), secret);
            assert!(found.is_empty(), "{backend}: {secret} in {found:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn htcds_fills_control_and_exploitation_from_the_cases_screenings() {
    use libertas_domain::reports::identifiers::DefaultRegion;
    use libertas_domain::reports::{Channel, ReportInput};
    use libertas_store::reports::OpenCase;
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let hana = principal(&store, "North", "hana", Role::Hotline).await;
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
            "input": {"indicators": ["debt_bondage", "retention_of_identity_documents"],
                      "purposes": ["domestic_servitude"]},
            "result": {"verdict": "trafficking", "exploitation": ["sexual_exploitation"],
                       "means_found": ["threat"]}
        });
        store
            .save_screening(&hana, report, screening, "trafficking", false)
            .await
            .unwrap();
        store
            .open_case_from_report(
                &hana,
                report,
                &OpenCase {
                    title: CaseTitle::parse("Operation Lark").unwrap(),
                    people: vec![victim("Zamfira")],
                },
            )
            .await
            .unwrap();
        // A case without a screened report: the fields are null (not recorded), not empty.
        case_with(&store, &hana, "Ileana").await;

        let e = store
            .export_htcds(&hana, false, &|_, _| {}, "t")
            .await
            .unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&e.bytes).unwrap();
        let victims: Vec<&serde_json::Value> = doc["cases"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["victims"].as_array().unwrap())
            .collect();
        assert_eq!(victims.len(), 2, "{backend}");
        let screened: Vec<_> = victims
            .iter()
            .filter(|v| !v["vic_MethodsOfControl"].is_null())
            .collect();
        assert_eq!(screened.len(), 1, "{backend}");
        assert_eq!(
            screened[0]["vic_MethodsOfControl"],
            serde_json::json!(["PhysicalThreats", "DebtBondage", "WithholdsDocuments"]),
            "{backend}"
        );
        assert_eq!(
            screened[0]["vic_TypeOfExploitation"],
            serde_json::json!(["ForcedLabour", "SexualExploitation", "Servitude"]),
            "{backend}"
        );
        assert!(victims
            .iter()
            .any(|v| v["vic_TypeOfExploitation"].is_null()));

        // Another organisation's user gets no case, so no screening either.
        let sam = principal(&store, "South", "sam", Role::Caseworker).await;
        let theirs = store
            .export_htcds(&sam, false, &|_, _| {}, "t")
            .await
            .unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&theirs.bytes).unwrap();
        assert_eq!(doc["cases"].as_array().unwrap().len(), 0, "{backend}");
        store.close().await;
    }
}
