//! Suspects' roles and proceedings in the store: the Prosecute capability is checked before
//! membership, writes are single audited transactions, the timeline's sources each answer for
//! an empty case, and the audit chain stays intact.

use libertas_domain::admin::Role;
use libertas_domain::cases::CaseTitle;
use libertas_domain::justice::proceedings::{
    CourtName, Currency, HearingKind, LawName, LawSection, SentenceTerms, VerdictOutcome,
};
use libertas_domain::justice::proceedings::{NewCharge, NewHearing};
use libertas_domain::justice::suspects::SuspectRole;
use libertas_domain::people::{NewPerson, PersonName, PersonRole};
use libertas_store::audit::VerifyOutcome;
use libertas_store::justice::timeline::SOURCES;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::macros::date;

/// A new person of `role` (shared with `indicator_facts.rs`).
pub(crate) fn person(role: PersonRole, given: &str) -> NewPerson {
    NewPerson {
        role,
        given_name: PersonName::parse(given).unwrap(),
        family_name: PersonName::parse("Vulpescu").unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prosecute_capability_then_membership_then_audited_writes() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let ivan = principal(&store, "North", "ivan", Role::Investigator).await;
        let cara = principal(&store, "North", "cara", Role::Caseworker).await;
        let lena = principal(&store, "North", "lena", Role::Legal).await;
        let case = store
            .create_case(&ivan, &CaseTitle::parse("Operation Wren").unwrap(), "t")
            .await
            .unwrap();
        // An empty case: every source answers, with nothing.
        for source in SOURCES {
            assert!(source(&store, case.id).await.unwrap().is_empty());
        }
        let (suspect, _) = store
            .add_person(&ivan, case.id, &person(PersonRole::Suspect, "Grigore"), "t")
            .await
            .unwrap();
        let (victim, _) = store
            .add_person(&ivan, case.id, &person(PersonRole::Victim, "Lidia"), "t")
            .await
            .unwrap();
        let roles = [SuspectRole::Exploiter];
        // A caseworker is refused for the role, member or not; a legal non-member is not shown
        // the case at all.
        let e = store
            .set_suspect_roles(&cara, case.id, suspect, &roles, "t")
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Forbidden), "{e:?}");
        let e = store
            .set_suspect_roles(&lena, case.id, suspect, &roles, "t")
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::NotFound), "{e:?}");
        store.add_member(&ivan, case.id, "cara", "t").await.unwrap();
        let e = store
            .set_suspect_roles(&cara, case.id, suspect, &roles, "t")
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Forbidden), "{e:?}");
        assert_eq!(store.suspects(&cara, case.id, "t").await.unwrap().len(), 1);

        let before = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &Default::default(),
            )
            .await
            .unwrap()
            .len();
        let charge = store
            .add_charge(
                &ivan,
                case.id,
                &NewCharge {
                    suspect: suspect.to_string(),
                    law: LawName::parse("Codul penal").unwrap(),
                    section: LawSection::parse("art. 210").unwrap(),
                    counts: 1,
                    filed_on: date!(2025 - 01 - 10),
                    note: None,
                },
                "t",
            )
            .await
            .unwrap();
        store
            .add_hearing(
                &ivan,
                case.id,
                Some(charge.id),
                &NewHearing {
                    date: date!(2025 - 02 - 01),
                    court: CourtName::parse("Tribunalul București").unwrap(),
                    kind: HearingKind::Trial,
                    outcome: None,
                },
                "t",
            )
            .await
            .unwrap();
        let verdict = store
            .add_verdict(
                &ivan,
                case.id,
                charge.id,
                VerdictOutcome::Convicted,
                date!(2025 - 03 - 01),
                "t",
            )
            .await
            .unwrap();
        let victim_uuid = uuid::Uuid::parse_str(&victim.to_string()).unwrap();
        let terms = SentenceTerms::check(
            60,
            SentenceTerms {
                prison_months: 0,
                suspended: false,
                fine: None,
                currency: Some(Currency::parse("RON").unwrap()),
                restitution: vec![(victim_uuid, 1_000_000)],
            },
        )
        .unwrap();
        let s = store
            .add_sentence(&ivan, case.id, verdict.id, &terms, None, "t")
            .await
            .unwrap();
        assert_eq!(s.restitution[0].name.as_deref(), Some("Lidia Vulpescu"));
        let events = store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &Default::default(),
            )
            .await
            .unwrap();
        let written: Vec<&str> = events[before..].iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            written,
            [
                "charge.create",
                "hearing.create",
                "verdict.create",
                "sentence.create"
            ],
            "{backend}: one audit event per write"
        );
        let kinds: Vec<&str> = store
            .case_timeline(&cara, case.id, "t")
            .await
            .unwrap()
            .iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, ["charge", "hearing", "verdict", "sentence"]);
        match store.verify_audit().await.unwrap() {
            VerifyOutcome::Intact { .. } => {}
            other => panic!("{backend}: audit chain broken: {other:?}"),
        }
        store.close().await;
    }
}
