//! Referrals, duty-to-notify records and operations in the store, read back raw from the
//! database: the notification row holds nothing that identifies the person, and the
//! narrative of referrals and operations is sealed; erasing the person shreds what a
//! referral shared.

use libertas_domain::admin::Role;
use libertas_domain::cases::notifications::{
    ExploitationRegion, ExploitationType, NewNotification,
};
use libertas_domain::cases::operations::{Agency, NewOperation, OperationLocation, OperationName};
use libertas_domain::cases::referrals::NewReferral;
use libertas_domain::cases::referrals::{
    HelpKind, NewPartner, OverrideReason, ReferralKind, ReferralNote,
};
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{
    BirthDate, CountryCode, Gender, NewPerson, PersonName, PersonRole, Phone,
};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::Store;
use sqlx::{Connection, Row};
use time::macros::date;

fn victim() -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse("Zenovia").unwrap(),
        family_name: PersonName::parse("Cârlig").unwrap(),
        birth_date: Some(BirthDate::parse("1991-08-19", date!(2026 - 01 - 01)).unwrap()),
        gender: Some(Gender::Feminine),
        citizenship: vec![CountryCode::parse("UA").unwrap()],
        languages: vec![],
        phone: Some(Phone::parse("+40 744 987 654").unwrap()),
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
}

/// Every value of one row as text (blobs lossily), for "is this value anywhere" checks.
/// A legal-aid partner linked to the "Police" organisation, so its staff see the referrals.
async fn police_partner(
    store: &Store,
    adm: &libertas_domain::admin::Principal,
) -> libertas_store::cases::PartnerView {
    let linked = store
        .org_by_name(libertas_store::admin::Operator::console(), "Police")
        .await
        .unwrap()
        .unwrap()
        .id;
    let kinds = vec!["legal".to_owned()];
    let langs = vec!["ro".to_owned()];
    let partner =
        NewPartner::parse("Police unit", &kinds, "Constanța", &langs, "Call", "112").unwrap();
    store
        .create_partner(adm, &partner, Some(linked), "t")
        .await
        .unwrap()
}

async fn raw_row(url: &str, sql: &str, id: &str) -> (usize, String) {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    let row = sqlx::query(sql)
        .bind(id)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let mut all = String::new();
    for i in 0..row.len() {
        if let Ok(Some(s)) = row.try_get::<Option<String>, _>(i) {
            all.push_str(&s);
        } else if let Ok(Some(b)) = row.try_get::<Option<Vec<u8>>, _>(i) {
            all.push_str(&String::from_utf8_lossy(&b));
        } else if let Ok(Some(n)) = row.try_get::<Option<i64>, _>(i) {
            all.push_str(&n.to_string());
        }
        all.push('|');
    }
    conn.close().await.unwrap();
    (row.len(), all)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_hold_nothing_identifying_and_narrative_is_sealed() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let url = t.config.database_url();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let adm = principal(&store, "North", "adm", Role::Admin).await;
        let police = principal(&store, "Police", "pol", Role::Investigator).await;
        let case = store
            .create_case(&ana, &CaseTitle::parse("Operation Kestrel").unwrap(), "t")
            .await
            .unwrap();
        let (pid, _) = store
            .add_person(&ana, case.id, &victim(), "t")
            .await
            .unwrap();

        // Duty to notify: read the row raw.
        let n = store
            .add_notification(
                &ana,
                case.id,
                &NewNotification {
                    person: pid,
                    types: [ExploitationType::ForcedLabour].to_vec(),
                    region: ExploitationRegion::parse("Constanța county").unwrap(),
                    notified_on: date!(2026 - 01 - 05),
                },
                date!(2026 - 01 - 10),
                "t",
            )
            .await
            .unwrap();
        assert_eq!(
            (n.age_band.as_str(), n.nationality.as_deref()),
            ("25-34", Some("UA"))
        );
        let (columns, raw) = raw_row(
            &url,
            "select * from duty_notifications where id = $1",
            &n.id,
        )
        .await;
        assert_eq!(
            columns, 12,
            "{backend}: no column was added behind the test's back (0014 added the sealed region)"
        );
        for secret in [
            "Zenovia",
            "Cârlig",
            // Long enough never to turn up by chance in an id or a time of the row.
            "1991-08",
            "744987",
            "744 987",
            "Constanța",
            &pid.to_string(),
        ] {
            assert!(!raw.contains(secret), "{backend}: {secret} stored in {raw}");
        }
        assert!(raw.contains("forced_labour"));
        assert_eq!(
            n.region, "Constanța county",
            "{backend}: the region reads back"
        );

        // A referral's note and override reason are sealed; the partner sees them until
        // the person is erased, then nothing.
        let partner = police_partner(&store, &adm).await;
        let new = NewReferral {
            person: pid,
            partner_id: partner.id,
            kind: ReferralKind::Referral,
            services: vec![HelpKind::Legal],
            note: Some(ReferralNote::parse("Hiding at her cousin's flat").unwrap()),
            child: false,
            override_reason: Some(
                OverrideReason::parse("Threats received yesterday evening").unwrap(),
            ),
            safeguarding_note: None,
        };
        let r = store
            .create_referral(&ana, case.id, &new, date!(2026 - 01 - 10), "t")
            .await
            .unwrap();
        let (_, raw) = raw_row(
            &url,
            "select * from referrals where id = $1",
            &r.id.to_string(),
        )
        .await;
        for secret in ["cousin", "Threats", "Zenovia"] {
            assert!(
                !raw.contains(secret),
                "{backend}: {secret} in the referral row"
            );
        }
        let seen = store.incoming_referrals(&police, "t").await.unwrap();
        assert_eq!(
            seen[0].note.as_deref(),
            Some("Hiding at her cousin's flat"),
            "{backend}"
        );
        assert_eq!(seen[0].person_name.as_deref(), Some("Zenovia Cârlig"));
        store
            .erase_person(
                libertas_store::admin::Operator::console(),
                pid,
                "test erasure",
            )
            .await
            .unwrap();
        let seen = store.incoming_referrals(&police, "t").await.unwrap();
        assert!(!seen[0].sharing && seen[0].note.is_none() && seen[0].person_name.is_none());

        // Operations: name and location sealed.
        let op = store
            .create_operation(
                &ana,
                case.id,
                &NewOperation {
                    name: OperationName::parse("Dockside raid").unwrap(),
                    agencies: [Agency::Police].to_vec(),
                    location: OperationLocation::parse("Warehouse 4, Port of Constanța").unwrap(),
                    planned_on: date!(2026 - 01 - 20),
                },
                "t",
            )
            .await
            .unwrap();
        let (_, raw) = raw_row(&url, "select * from operations where id = $1", &op.id).await;
        assert!(
            !raw.contains("Warehouse") && !raw.contains("Dockside"),
            "{backend}"
        );
        assert!(raw.contains("police") && raw.contains("2026-01-20"));
        store.close().await;
    }
}

/// The audit actions recorded since `before` events, in order.
async fn actions_since(store: &Store, before: usize) -> Vec<String> {
    store
        .audit_events(
            libertas_store::admin::Operator::console(),
            &Default::default(),
        )
        .await
        .unwrap()
        .into_iter()
        .skip(before)
        .map(|e| e.action)
        .collect()
}

async fn audit_len(store: &Store) -> usize {
    actions_since(store, 0).await.len()
}

/// A create answers with the view built from its write: exactly the write's audit events
/// (no read event nobody asked for), and the same view a later read returns.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_answer_from_the_write_without_a_read_event() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let adm = principal(&store, "North", "adm", Role::Admin).await;
        principal(&store, "Police", "pol", Role::Investigator).await;
        let case = store
            .create_case(&ana, &CaseTitle::parse("Operation Heron").unwrap(), "t")
            .await
            .unwrap();
        let (pid, _) = store
            .add_person(&ana, case.id, &victim(), "t")
            .await
            .unwrap();
        let partner = police_partner(&store, &adm).await;

        // A referral on an override: the consent check, the create and the override.
        let new = NewReferral {
            person: pid,
            partner_id: partner.id,
            kind: ReferralKind::Referral,
            services: vec![HelpKind::Legal, HelpKind::Shelter],
            note: Some(ReferralNote::parse("Needs a quiet room").unwrap()),
            child: false,
            override_reason: Some(OverrideReason::parse("Threats received last night").unwrap()),
            safeguarding_note: None,
        };
        let before = audit_len(&store).await;
        let made = store
            .create_referral(&ana, case.id, &new, date!(2026 - 01 - 10), "t")
            .await
            .unwrap();
        assert_eq!(
            actions_since(&store, before).await,
            [
                "consent.check",
                "referral.create",
                "referral.consent_override"
            ],
            "{backend}"
        );
        let read = store.referral_by_id(&ana, made.id, "t").await.unwrap();
        assert_eq!(
            serde_json::to_value(&made).unwrap(),
            serde_json::to_value(&read).unwrap(),
            "{backend}: the created view is the view read back"
        );

        // An operation, planned then cancelled.
        let before = audit_len(&store).await;
        let op = store
            .create_operation(
                &ana,
                case.id,
                &NewOperation {
                    name: OperationName::parse("Harbour check").unwrap(),
                    agencies: [Agency::Police, Agency::LabourInspectorate].to_vec(),
                    location: OperationLocation::parse("Pier 2").unwrap(),
                    planned_on: date!(2026 - 01 - 20),
                },
                "t",
            )
            .await
            .unwrap();
        assert_eq!(
            actions_since(&store, before).await,
            ["operation.create"],
            "{backend}"
        );
        let read = store.operation(&ana, &op.id, "t").await.unwrap();
        assert_eq!(
            serde_json::to_value(&op).unwrap(),
            serde_json::to_value(&read).unwrap(),
            "{backend}"
        );

        // A notification.
        let before = audit_len(&store).await;
        let n = store
            .add_notification(
                &ana,
                case.id,
                &NewNotification {
                    person: pid,
                    types: [ExploitationType::ForcedLabour].to_vec(),
                    region: ExploitationRegion::parse("Tulcea county").unwrap(),
                    notified_on: date!(2026 - 01 - 05),
                },
                date!(2026 - 01 - 10),
                "t",
            )
            .await
            .unwrap();
        assert_eq!(
            actions_since(&store, before).await,
            ["notification.create"],
            "{backend}"
        );
        let list = store.notifications(&ana, case.id, "t").await.unwrap();
        assert_eq!(
            serde_json::to_value(&n).unwrap(),
            serde_json::to_value(&list[0]).unwrap(),
            "{backend}"
        );
        store.close().await;
    }
}

/// An updated training event answers with what a later read returns (audiences in their
/// stored order), without reading it back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_training_update_answers_as_it_reads_back() {
    use libertas_domain::training::{Audience, MeanScore, NewTraining, Participants, Place, Topic};
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let tina = principal(&store, "North", "tina", Role::Trainer).await;
        let mut e = NewTraining {
            topic: Topic::parse("Victim-centred interviewing").unwrap(),
            held_on: date!(2026 - 03 - 10),
            place: Place::parse("Iasi").unwrap(),
            audiences: vec![Audience::Police],
            participants: Participants::parse([4, 0, 0, 0, 0]).unwrap(),
            pre_score: None,
            post_score: None,
        };
        let made = store.create_training(&tina, &e, "t").await.unwrap();
        let id: uuid::Uuid = made.id.parse().unwrap();
        e.audiences = vec![Audience::Judge, Audience::Police];
        e.participants = Participants::parse([4, 0, 2, 0, 0]).unwrap();
        e.post_score = Some(MeanScore::parse(71.5, "post_score").unwrap());
        let updated = store.update_training(&tina, id, &e, "t").await.unwrap();
        let read = store.training(&tina, id).await.unwrap();
        assert_eq!(format!("{updated:?}"), format!("{read:?}"), "{backend}");
        store.close().await;
    }
}
