//! The impact measures (hotline funnel, assistance rate) in the store: figures checked against
//! a hand-counted fixture, who may read them, and a differencing attack on what protected
//! readers are shown. SQLite always, PostgreSQL when configured.

use libertas_domain::admin::{Principal, Role};
use libertas_domain::care::{AssessmentScores, ClosureJustification, DOMAINS};
use libertas_domain::cases::referrals::NewPartner;
use libertas_domain::ids::{CaseId, PersonId};
use libertas_domain::people::{NewPerson, PersonName, PersonRole};
use libertas_domain::stats::{Period, Scope};
use libertas_store::stats::testing::{exec, Arg};
use libertas_store::stats::{Cell, Impact, Median};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use std::collections::BTreeMap;
use time::macros::date;

/// Writes funnel rows of one organisation at chosen dates (ids are made unique by `tag`).
pub(crate) struct Rows<'a> {
    store: &'a Store,
    p: &'a Principal,
    n: usize,
}

impl<'a> Rows<'a> {
    pub(crate) fn new(store: &'a Store, p: &'a Principal) -> Self {
        Rows { store, p, n: 0 }
    }

    fn id(&mut self, kind: &str) -> String {
        self.n += 1;
        format!("{kind}-{}-{}", self.p.username, self.n)
    }

    pub(crate) async fn report(&mut self, at: &str, verdict: Option<&str>, case: Option<&str>) {
        let id = self.id("r");
        let org = self.p.org_id.to_string();
        let status = if case.is_some() {
            "case_opened"
        } else if verdict.is_some() {
            "screened"
        } else {
            "new"
        };
        exec(
            self.store,
            "insert into reports (id, org_id, channel, status, narrative, verdict, case_id, created_at, updated_at)
             values ($1, $2, 'phone', $3, $4, $5, $6, $7, $7)",
            &[
                Arg::Text(&id),
                Arg::Text(&org),
                Arg::Text(status),
                Arg::Bytes(b"sealed"),
                opt(verdict),
                opt(case),
                Arg::Text(&format!("{at}T09:00:00.000000Z")),
            ],
        )
        .await;
    }

    pub(crate) async fn case(&mut self, opened: &str) -> String {
        let id = self.id("c");
        let org = self.p.org_id.to_string();
        let owner = self.p.user_id.to_string();
        exec(
            self.store,
            "insert into cases (id, org_id, title, status, owner_id, created_at, updated_at)
             values ($1, $2, $3, 'open', $4, $5, $5)",
            &[
                Arg::Text(&id),
                Arg::Text(&org),
                Arg::Bytes(b"sealed"),
                Arg::Text(&owner),
                Arg::Text(&format!("{opened}T10:00:00.000000Z")),
            ],
        )
        .await;
        id
    }

    /// A person in `case` with one decision (rg outcome and date, cg outcome and date).
    pub(crate) async fn person(
        &mut self,
        case: &str,
        rg: Option<(&str, &str)>,
        cg: Option<(&str, &str)>,
    ) -> (String, String) {
        let person = self.id("p");
        let cp = self.id("cp");
        let org = self.p.org_id.to_string();
        exec(
            self.store,
            "insert into persons (id, org_id, created_at) values ($1, $2, '2025-01-01T00:00:00.000000Z')",
            &[Arg::Text(&person), Arg::Text(&org)],
        )
        .await;
        exec(
            self.store,
            "insert into case_people (id, case_id, person_id, role, created_at)
             values ($1, $2, $3, 'victim', '2025-01-01T00:00:00.000000Z')",
            &[Arg::Text(&cp), Arg::Text(case), Arg::Text(&person)],
        )
        .await;
        let d = self.id("d");
        let user = self.p.user_id.to_string();
        exec(
            self.store,
            "insert into decisions (id, case_id, case_person_id, rule_set, rg_decision, rg_date, cg_decision, cg_date, created_by, created_at)
             values ($1, $2, $3, 'uk-nrm', $4, $5, $6, $7, $8, '2025-01-01T00:00:00.000000Z')",
            &[
                Arg::Text(&d),
                Arg::Text(case),
                Arg::Text(&cp),
                opt(rg.map(|x| x.0)),
                opt(rg.map(|x| x.1)),
                opt(cg.map(|x| x.0)),
                opt(cg.map(|x| x.1)),
                Arg::Text(&user),
            ],
        )
        .await;
        (person, cp)
    }

    pub(crate) async fn referral(&mut self, case: &str, person: &str, on: &str) {
        let org = self.p.org_id.to_string();
        let user = self.p.user_id.to_string();
        let kinds = vec!["shelter".to_owned()];
        let langs = vec!["ro".to_owned()];
        let new = NewPartner::parse("Shelter", &kinds, "Constanța", &langs, "Call", "112").unwrap();
        let partner = self
            .store
            .create_partner(self.p, &new, None, "t")
            .await
            .unwrap()
            .id
            .to_string();
        let id = self.id("f");
        exec(
            self.store,
            "insert into referrals (id, org_id, case_id, person_id, partner_id, kind, status, basis, services, created_by, created_at, updated_by, updated_at)
             values ($1, $2, $3, $4, $5, 'referral', 'requested', 'consent', 'shelter', $6, $7, $6, $7)",
            &[
                Arg::Text(&id),
                Arg::Text(&org),
                Arg::Text(case),
                Arg::Text(person),
                Arg::Text(&partner),
                Arg::Text(&user),
                Arg::Text(&format!("{on}T11:00:00.000000Z")),
            ],
        )
        .await;
    }

    pub(crate) async fn delivery(&mut self, case: &str, person: &str, cp: &str, on: &str) {
        let org = self.p.org_id.to_string();
        let user = self.p.user_id.to_string();
        let (plan, service, delivery) = (self.id("pl"), self.id("s"), self.id("dl"));
        exec(
            self.store,
            "insert into care_plans (id, person_id, org_id, case_id, case_person_id, opened_on, status, created_by, created_at)
             values ($1, $2, $3, $4, $5, '2025-01-01', 'closed', $6, '2025-01-01T00:00:00.000000Z')",
            &[Arg::Text(&plan), Arg::Text(person), Arg::Text(&org), Arg::Text(case), Arg::Text(cp), Arg::Text(&user)],
        )
        .await;
        exec(
            self.store,
            "insert into care_services (id, plan_id, service_type, provider, start_date, status, created_by, created_at, updated_at)
             values ($1, $2, 'shelter', $3, '2025-01-01', 'active', $4, '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z')",
            &[Arg::Text(&service), Arg::Text(&plan), Arg::Bytes(b"sealed"), Arg::Text(&user)],
        )
        .await;
        exec(
            self.store,
            "insert into care_deliveries (id, service_id, delivered_on, delivered, recorded_by, recorded_at)
             values ($1, $2, $3, $4, $5, '2025-01-01T00:00:00.000000Z')",
            &[Arg::Text(&delivery), Arg::Text(&service), Arg::Text(on), Arg::Bytes(b"sealed"), Arg::Text(&user)],
        )
        .await;
    }
}

/// Every sub-domain of each domain scored `v[domain]`.
pub(crate) fn scores(v: [i64; 6]) -> AssessmentScores {
    let raw: Vec<Option<Vec<i64>>> = DOMAINS
        .iter()
        .zip(v)
        .map(|(d, v)| Some(vec![v; d.subdomains.len()]))
        .collect();
    AssessmentScores::parse(&raw).unwrap()
}

fn on(d: &str) -> time::Date {
    libertas_domain::cases::decisions::parse_date("d", d).unwrap()
}

/// A case created through the store (so its people can be added through it too, sealed
/// under their own keys), dated `opened`, with one cohort report received on `received`.
pub(crate) async fn real_case(
    store: &Store,
    p: &Principal,
    opened: &str,
    received: &str,
) -> CaseId {
    let title = libertas_domain::cases::CaseTitle::parse("Outcomes").unwrap();
    let case = store.create_case(p, &title, "t").await.unwrap().id;
    exec(
        store,
        "update cases set created_at = $1 where id = $2",
        &[
            Arg::Text(&format!("{opened}T10:00:00.000000Z")),
            Arg::Text(&case.to_string()),
        ],
    )
    .await;
    exec(
        store,
        "insert into reports (id, org_id, channel, status, narrative, verdict, case_id, created_at, updated_at)
         values ($1, $2, 'phone', 'case_opened', $3, 'trafficking', $4, $5, $5)",
        &[
            Arg::Text(&format!("r-{case}")),
            Arg::Text(&p.org_id.to_string()),
            Arg::Bytes(b"sealed"),
            Arg::Text(&case.to_string()),
            Arg::Text(&format!("{received}T09:00:00.000000Z")),
        ],
    )
    .await;
    case
}

/// A victim added through the store and identified (positive reasonable grounds on `rg`),
/// with outcome assessments recorded through the store, and their care closed if `close`.
pub(crate) async fn assessed_victim(
    store: &Store,
    p: &Principal,
    case: CaseId,
    rg: &str,
    assessments: &[(&str, [i64; 6])],
    close: bool,
) -> PersonId {
    let new = NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse("Outcome").unwrap(),
        family_name: PersonName::parse("Zaharescu").unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    };
    let (person, cp) = store.add_person(p, case, &new, "t").await.unwrap();
    exec(
        store,
        "insert into decisions (id, case_id, case_person_id, rule_set, rg_decision, rg_date, created_by, created_at)
         values ($1, $2, $3, 'uk-nrm', 'positive', $4, $5, '2025-01-01T00:00:00.000000Z')",
        &[
            Arg::Text(&format!("d-{person}")),
            Arg::Text(&case.to_string()),
            Arg::Text(&cp.to_string()),
            Arg::Text(rg),
            Arg::Text(&p.user_id.to_string()),
        ],
    )
    .await;
    for (d, v) in assessments {
        store
            .add_assessment(p, person, on(d), &scores(*v), "t")
            .await
            .unwrap();
    }
    if close {
        let (last, _) = assessments.last().unwrap();
        let why =
            ClosureJustification::parse("Safe housing, work and family support in place.").unwrap();
        store
            .close_care(p, person, &why, on(last) + time::Duration::days(1), "t")
            .await
            .unwrap();
    }
    person
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survivor_outcomes_come_from_the_sealed_assessments_of_the_cohort() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let adm = principal(&store, "North", "adm", Role::Admin).await;
        let case = real_case(&store, &adm, "2025-01-10", "2025-01-05").await;
        // A: improved (all 2 → all 3), meets the criterion at the latest, care closed.
        assessed_victim(
            &store,
            &adm,
            case,
            "2025-01-20",
            &[("2025-02-01", [2; 6]), ("2025-05-01", [3; 6])],
            true,
        )
        .await;
        // B: worse (all 3 → safety 1, the rest 3): reassessed, not improved, not meeting it.
        let b = assessed_victim(
            &store,
            &adm,
            case,
            "2025-01-21",
            &[("2025-02-10", [3; 6]), ("2025-06-01", [1, 3, 3, 3, 3, 3])],
            false,
        )
        .await;
        // C: assessed once, thriving: meets the criterion. D: never assessed.
        assessed_victim(
            &store,
            &adm,
            case,
            "2025-01-22",
            &[("2025-03-01", [4; 6])],
            false,
        )
        .await;
        assessed_victim(&store, &adm, case, "2025-01-23", &[], false).await;
        // A victim of a case outside the cohort (its report came in December) is not counted.
        let other = real_case(&store, &adm, "2025-01-02", "2024-12-30").await;
        assessed_victim(
            &store,
            &adm,
            other,
            "2025-01-05",
            &[("2025-01-06", [1; 6]), ("2025-04-01", [4; 6])],
            true,
        )
        .await;

        let i = store
            .impact(&adm, Q1, Scope::Organisation, TODAY, "test")
            .await
            .unwrap();
        assert!(!i.protected, "{backend}");
        assert_eq!(step(&i, "identified").0, Some(4), "{backend}");
        let (improved, rate) = step(&i, "improved");
        assert_eq!(improved, Some(1), "{backend}");
        assert!(close(rate, 0.25), "{backend}: {rate:?}");
        let o = &i.outcomes;
        assert_eq!(
            (o.assessed, o.reassessed, o.improved, o.meets_criterion),
            (Some(3), Some(2), Some(1), Some(2)),
            "{backend}"
        );
        assert!(close(o.improved_rate, 0.5), "{backend}");
        assert!(close(o.criterion_rate, 2.0 / 3.0), "{backend}");
        // A's care was closed today (the store's clock): more than a year after 2025-02-01.
        assert_eq!(o.days_intake_to_closure.n, Some(1), "{backend}");
        let today = time::OffsetDateTime::now_utc().date();
        let expected = (today - on("2025-02-01")).whole_days() as f64;
        let median = o.days_intake_to_closure.median.unwrap();
        assert!((median - expected).abs() <= 1.0, "{backend}: {median}");
        let band = |cells: &[Cell], key: &str| cells.iter().find(|c| c.key == key).unwrap().count;
        let safety = o.domains.iter().find(|d| d.domain == "safety").unwrap();
        assert_eq!(
            ["1", "2", "3", "4"].map(|k| band(&safety.intake, k)),
            [Some(0), Some(1), Some(1), Some(0)],
            "{backend}"
        );
        assert_eq!(
            ["1", "2", "3", "4"].map(|k| band(&safety.latest, k)),
            [Some(1), Some(0), Some(1), Some(0)],
            "{backend}"
        );
        let legal = o
            .domains
            .iter()
            .find(|d| d.domain == "legal_protection")
            .unwrap();
        assert_eq!(
            ["1", "2", "3", "4"].map(|k| band(&legal.latest, k)),
            [Some(0), Some(0), Some(2), Some(0)],
            "{backend}"
        );
        assert_eq!(o.domains.len(), 6, "{backend}");

        // Reading opened the five sealed assessments of the cohort, and says so in the trail.
        let q = libertas_store::audit::AuditQuery {
            limit: 10_000,
            ..Default::default()
        };
        let events = store
            .audit_events(libertas_store::admin::Operator::console(), &q)
            .await
            .unwrap();
        let read = events
            .iter()
            .rev()
            .find(|e| e.action == "impact.read")
            .unwrap();
        assert_eq!(read.detail["assessments_opened"], 5, "{backend}");

        // B erased: their key is gone, so their assessments count as none.
        store
            .erase_person(libertas_store::admin::Operator::console(), b, "t")
            .await
            .unwrap();
        let i = store
            .impact(&adm, Q1, Scope::Organisation, TODAY, "test")
            .await
            .unwrap();
        let o = &i.outcomes;
        assert_eq!(
            (o.assessed, o.reassessed, o.improved),
            (Some(2), Some(1), Some(1)),
            "{backend}"
        );
        assert_eq!(step(&i, "identified").0, Some(4), "{backend}");
    }
}

fn opt(v: Option<&str>) -> Arg<'_> {
    match v {
        Some(t) => Arg::Text(t),
        None => Arg::Null,
    }
}

pub(crate) const POS: &str = "positive";

/// The hand-counted fixture of `docs/impact.md`'s worked example, for North in 2025-Q1:
/// 6 reports (1 unscreened; trafficking 2, possible 1, forced labour 1, no indication 1),
/// 3 cases opened (10, 40 and 2 days after their first report), 4 victims identified
/// (P1, P2, P3, P5; P4's grounds were negative), 3 confirmed (P1, P3, P5), 2 referred
/// (P1 after 10 days, P3 after 50), 2 assisted (P1 after 30 days, P2 after 6), of the
/// confirmed 1 assisted. A case opened from a December report (with a victim referred and
/// assisted) is outside the cohort.
async fn hand_counted(store: &Store, p: &Principal) {
    let mut r = Rows::new(store, p);
    let c1 = r.case("2025-01-15").await;
    let c2 = r.case("2025-03-01").await;
    let c3 = r.case("2025-03-03").await;
    let c4 = r.case("2025-01-02").await;
    r.report("2025-01-05", Some("trafficking"), Some(&c1)).await;
    r.report("2025-01-06", Some("trafficking"), Some(&c1)).await;
    r.report("2025-01-20", Some("possible_trafficking"), Some(&c2))
        .await;
    r.report("2025-02-01", Some("no_indication"), None).await;
    r.report("2025-02-10", None, None).await;
    r.report("2025-03-01", Some("forced_labour"), Some(&c3))
        .await;
    r.report("2024-12-30", Some("trafficking"), Some(&c4)).await;
    let (p1, cp1) = r
        .person(&c1, Some((POS, "2025-01-25")), Some((POS, "2025-04-10")))
        .await;
    r.referral(&c1, &p1, "2025-02-04").await;
    r.delivery(&c1, &p1, &cp1, "2025-02-24").await;
    let (p2, cp2) = r.person(&c1, Some((POS, "2025-02-14")), None).await;
    r.delivery(&c1, &p2, &cp2, "2025-02-20").await;
    let (p3, _) = r
        .person(&c2, Some((POS, "2025-03-11")), Some((POS, "2025-05-01")))
        .await;
    r.referral(&c2, &p3, "2025-04-30").await;
    r.person(&c3, Some(("negative", "2025-03-10")), None).await;
    r.person(&c2, Some((POS, "2025-03-02")), Some((POS, "2025-06-01")))
        .await;
    let (p6, cp6) = r.person(&c4, Some((POS, "2025-01-10")), None).await;
    r.referral(&c4, &p6, "2025-01-12").await;
    r.delivery(&c4, &p6, &cp6, "2025-01-13").await;
}

pub(crate) const Q1: Period = Period {
    from: date!(2025 - 01 - 01),
    to: date!(2025 - 03 - 31),
};
pub(crate) const TODAY: time::Date = date!(2025 - 06 - 01);

fn step(i: &Impact, key: &str) -> (Option<u64>, Option<f64>) {
    let s = i.funnel.iter().find(|s| s.key == key).unwrap();
    (s.count, s.rate)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

fn median_of(m: &Median) -> (Option<f64>, Option<u64>) {
    (m.median, m.n)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_funnel_matches_a_hand_counted_fixture() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let adm = principal(&store, "North", "adm", Role::Admin).await;
        hand_counted(&store, &adm).await;
        let i = store
            .impact(&adm, Q1, Scope::Organisation, TODAY, "test")
            .await
            .unwrap();
        assert!(!i.protected, "{backend}");
        assert_eq!(step(&i, "reports"), (Some(6), None), "{backend}");
        assert_eq!(i.unscreened, Some(1), "{backend}");
        let (n, r) = step(&i, "screened");
        assert!(n == Some(5) && close(r, 5.0 / 6.0), "{backend}: screened");
        let verdicts: BTreeMap<&str, Option<u64>> = i
            .screened_by_verdict
            .iter()
            .map(|c| (c.key, c.count))
            .collect();
        assert_eq!(verdicts["trafficking"], Some(2), "{backend}");
        assert_eq!(verdicts["possible_trafficking"], Some(1), "{backend}");
        assert_eq!(verdicts["forced_labour"], Some(1), "{backend}");
        assert_eq!(verdicts["smuggling"], Some(0), "{backend}");
        assert_eq!(verdicts["no_indication"], Some(1), "{backend}");
        let (n, r) = step(&i, "cases_opened");
        assert!(n == Some(3) && close(r, 3.0 / 5.0), "{backend}: cases");
        let (n, r) = step(&i, "identified");
        assert!(n == Some(4) && close(r, 4.0 / 3.0), "{backend}: identified");
        let (n, r) = step(&i, "referred");
        assert!(n == Some(2) && close(r, 0.5), "{backend}: referred");
        let (n, r) = step(&i, "assisted");
        assert!(n == Some(2) && close(r, 0.5), "{backend}: assisted");
        assert_eq!(i.confirmed, Some(3), "{backend}");
        assert_eq!(i.confirmed_assisted, Some(1), "{backend}");
        assert!(
            close(i.assistance_rate, 1.0 / 3.0),
            "{backend}: assistance rate"
        );
        // Medians: [10, 40, 2] → 10; [10, 30, 10, 1] → 10; [10, 50] → 30; [30, 6] → 18.
        assert_eq!(
            median_of(&i.days_report_to_case),
            (Some(10.0), Some(3)),
            "{backend}"
        );
        assert_eq!(
            median_of(&i.days_case_to_identified),
            (Some(10.0), Some(4)),
            "{backend}"
        );
        assert_eq!(
            median_of(&i.days_identified_to_referred),
            (Some(30.0), Some(2)),
            "{backend}"
        );
        assert_eq!(
            median_of(&i.days_identified_to_assisted),
            (Some(18.0), Some(2)),
            "{backend}"
        );
        let bands: Vec<Option<u64>> = i
            .days_report_to_case
            .bands
            .iter()
            .map(|c| c.count)
            .collect();
        assert_eq!(
            bands,
            vec![Some(2), Some(1), Some(0), Some(0), Some(0)],
            "{backend}"
        );
        assert_eq!(i.days_report_to_case.band, Some("0-30"), "{backend}");

        // The December cohort (2024-Q4) is the case opened on 2 January and its victim.
        let q4 = Period {
            from: date!(2024 - 10 - 01),
            to: date!(2024 - 12 - 31),
        };
        let i = store
            .impact(&adm, q4, Scope::Organisation, TODAY, "test")
            .await
            .unwrap();
        assert_eq!(step(&i, "reports").0, Some(1), "{backend}");
        assert_eq!(step(&i, "identified").0, Some(1), "{backend}");
        assert_eq!(step(&i, "assisted").0, Some(1), "{backend}");
        assert_eq!(i.confirmed, Some(0), "{backend}");
        assert_eq!(
            i.assistance_rate, None,
            "{backend}: no confirmed victims, no rate"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_and_analysts_read_impact_and_analysts_get_a_protected_quarter() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let adm = principal(&store, "North", "adm", Role::Admin).await;
        let ana = principal(&store, "North", "ana", Role::Analyst).await;
        hand_counted(&store, &adm).await;
        for role in [
            Role::Caseworker,
            Role::Hotline,
            Role::Trainer,
            Role::Investigator,
            Role::Legal,
            Role::Aftercare,
        ] {
            let name = format!("u{}", role.as_str());
            let p = principal(&store, "North", &name, role).await;
            let e = store
                .impact(&p, Q1, Scope::Organisation, TODAY, "test")
                .await;
            assert!(
                matches!(e, Err(StoreError::Forbidden)),
                "{backend} {role:?}"
            );
        }
        // The analyst asks for a few days and gets the published quarter, every small count
        // hidden; the admin looking at the network gets the same protection.
        let days = Period {
            from: date!(2025 - 02 - 01),
            to: date!(2025 - 02 - 10),
        };
        for (p, scope) in [
            (&ana, Scope::Organisation),
            (&ana, Scope::Network),
            (&adm, Scope::Network),
        ] {
            let i = store.impact(p, days, scope, TODAY, "test").await.unwrap();
            assert!(i.protected, "{backend}");
            assert_eq!(i.quarter.as_deref(), Some("2025-Q1"), "{backend}");
            assert_eq!(
                (i.from.as_str(), i.to.as_str()),
                ("2025-01-01", "2025-03-31"),
                "{backend}"
            );
            for s in &i.funnel {
                assert!(
                    matches!(s.count, None | Some(0) | Some(5..)),
                    "{backend}: {s:?}"
                );
            }
            assert_eq!(i.assistance_rate, None, "{backend}");
            assert_eq!(i.days_report_to_case.median, None, "{backend}");
        }
        // Reading is audited.
        let q = libertas_store::audit::AuditQuery {
            limit: 10_000,
            ..Default::default()
        };
        let events = store
            .audit_events(libertas_store::admin::Operator::console(), &q)
            .await
            .unwrap();
        let reads = events.iter().filter(|e| e.action == "impact.read").count();
        let published = events
            .iter()
            .filter(|e| e.action == "impact.publish")
            .count();
        assert!(
            reads >= 3 && published == 1,
            "{backend}: {reads} {published}"
        );
    }
}
