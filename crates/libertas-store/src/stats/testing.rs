//! Test support for the indicators (feature `testing`): records are entered through the API
//! today, but protected readers see only quarters that ended weeks ago, so tests move the
//! recording time of cases and decisions back, as if they had been entered then.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::Store;

/// Gives every case and decision recorded at or after `since` (UTC text) the recording time
/// `at` instead.
pub async fn backdate(store: &Store, since: &str, at: &str) {
    for table in ["cases", "decisions"] {
        // Constant table names only; the times are bound.
        sqlx::query(&format!(
            "update {table} set created_at = $1 where created_at >= $2"
        ))
        .bind(at)
        .bind(since)
        .execute(store.pool())
        .await
        .unwrap();
    }
}

/// A value bound to a fixture statement.
pub enum Arg<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
    Null,
}

/// Runs one fixture statement with bound values: the impact tests and benchmark write plain
/// rows (reports, cases, decisions, referrals, deliveries) at chosen dates directly, since
/// those dates cannot be chosen through the API. Blobs get placeholder bytes: nothing here is
/// ever decrypted by the statistics.
pub async fn exec(store: &Store, sql: &str, args: &[Arg<'_>]) {
    let mut q = sqlx::query(sql);
    for a in args {
        q = match a {
            Arg::Text(t) => q.bind(t.to_string()),
            Arg::Bytes(b) => q.bind(b.to_vec()),
            Arg::Null => q.bind(None::<String>),
        };
    }
    q.execute(store.pool()).await.unwrap();
}

// --- the impact funnel facts ----------------------------------------------------------------

/// One row of `impact_reports` (or of its view `impact_report_source`).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, sqlx::FromRow)]
pub struct ReportFact {
    pub report_id: String,
    pub org_id: String,
    pub received_at: String,
    pub verdict: Option<String>,
    pub case_id: Option<String>,
    pub opened_on: Option<String>,
    pub packed: Option<String>,
}

/// One row of `impact_victims` (or of its view `impact_victim_source`).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, sqlx::FromRow)]
pub struct VictimFact {
    pub report_id: String,
    pub case_id: String,
    pub person_id: String,
    pub org_id: String,
    pub received_at: String,
    pub opened_on: String,
    pub rg_on: Option<String>,
    pub cg_on: Option<String>,
    pub referred_on: Option<String>,
    pub assisted_on: Option<String>,
    pub assessed: i64,
    pub packed: String,
}

/// The funnel facts as the triggers kept them, and as recomputed from scratch by the views
/// of migration 0026: `(kept reports, fresh reports, kept victims, fresh victims)`, sorted.
pub async fn impact_facts(
    store: &Store,
) -> (
    Vec<ReportFact>,
    Vec<ReportFact>,
    Vec<VictimFact>,
    Vec<VictimFact>,
) {
    const R: &str = "report_id, org_id, received_at, verdict, case_id, opened_on, packed";
    const V: &str = "report_id, case_id, person_id, org_id, received_at, opened_on, rg_on, cg_on, referred_on, assisted_on, assessed, packed";
    let mut out = vec![];
    for from in ["impact_reports", "impact_report_source"] {
        // Constant names only.
        let mut rows: Vec<ReportFact> = sqlx::query_as(&format!("select {R} from {from}"))
            .fetch_all(store.pool())
            .await
            .unwrap();
        rows.sort();
        out.push(rows);
    }
    let mut victims = vec![];
    for from in ["impact_victims", "impact_victim_source"] {
        let mut rows: Vec<VictimFact> = sqlx::query_as(&format!("select {V} from {from}"))
            .fetch_all(store.pool())
            .await
            .unwrap();
        rows.sort();
        victims.push(rows);
    }
    let fresh_victims = victims.pop().unwrap_or_default();
    let kept_victims = victims.pop().unwrap_or_default();
    let fresh = out.pop().unwrap_or_default();
    let kept = out.pop().unwrap_or_default();
    (kept, fresh, kept_victims, fresh_victims)
}

/// The exact impact figures of `org` for `period` read from the fact rows alone (the whole
/// period as one range, no month summary, as before migration 0028), as JSON: what
/// `Store::impact` must give the organisation's admin, summaries or not.
pub async fn impact_from_facts(
    store: &Store,
    org: &str,
    period: libertas_domain::stats::Period,
) -> serde_json::Value {
    use super::impact::{figures, months::Plan, sources, view};
    use libertas_domain::cases::decisions::date_text;
    let plan = Plan {
        months: vec![],
        edges: vec![(period.start_text(), period.end_text())],
    };
    let (raw, fresh) = sources::gather_planned(store, org, plan).await.unwrap();
    assert!(fresh.is_empty());
    let frame = super::view::Frame {
        from: date_text(period.from),
        to: date_text(period.to),
        scope: libertas_domain::stats::Scope::Organisation.as_str(),
        protected: false,
        quarter: None,
        published_at: None,
    };
    serde_json::to_value(view::impact(frame, &figures::exact(&raw), Some(&raw))).unwrap()
}

/// Recomputes every funnel fact from its view and stamps every month afresh, as a restore
/// does on PostgreSQL after loading with the facts' triggers off (the benchmark's bulk load).
pub async fn rebuild_impact_facts(conn: &mut sqlx::AnyConnection) {
    super::impact::sources::rebuild_facts(conn, true)
        .await
        .unwrap();
}

/// Every table whose writes the derived facts' triggers follow (the impact facts, 0026, and
/// the indicators', 0030): what a bulk load on PostgreSQL loads with triggers off.
pub fn fact_sources() -> Vec<&'static str> {
    let mut all: Vec<&str> = super::impact::sources::FACT_SOURCES
        .into_iter()
        .chain(super::sources::INDICATOR_SOURCES)
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// Recomputes every derived fact (impact and indicators) from its views, as a restore does on
/// PostgreSQL after loading with the triggers off (the benchmarks' bulk load).
pub async fn rebuild_all_facts(conn: &mut sqlx::AnyConnection) {
    super::impact::sources::rebuild_facts(conn, true)
        .await
        .unwrap();
    super::sources::rebuild_indicator_facts(conn).await.unwrap();
}

/// The indicator facts (0030) as kept, and as their views compute them from scratch: per
/// fact table `(table, kept rows, fresh rows)`, each row its columns joined by `|`, sorted.
pub async fn indicator_facts(store: &Store) -> Vec<(&'static str, Vec<String>, Vec<String>)> {
    let mut out = vec![];
    for (table, view, columns) in super::sources::INDICATOR_FACTS {
        let read = |from: &'static str| {
            let sql = format!(
                "select {} as r from {from}",
                columns
                    .split(", ")
                    .map(|c| format!("coalesce(cast({c} as text), '~')"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ")
            );
            async move {
                let mut rows: Vec<String> = sqlx::query_scalar(&sql)
                    .fetch_all(store.pool())
                    .await
                    .unwrap();
                rows.sort();
                rows
            }
        };
        out.push((table, read(table).await, read(view).await));
    }
    out
}

/// The kept month summaries of the impact view: `(organisation, month, summary)`, sorted.
pub async fn impact_months(store: &Store) -> Vec<(String, String, String)> {
    sqlx::query_as("select org_id, month, summary from impact_months order by org_id, month")
        .fetch_all(store.pool())
        .await
        .unwrap()
}

// --- the hidden-victim estimate's fixture -------------------------------------------------

use crate::testing::principal;
use libertas_domain::admin::{Principal, Role};
use libertas_domain::cases::referrals::NewPartner;
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{
    BirthDate, Email, Gender, NewPerson, PersonName, PersonRole, Phone, TraffickingStatus,
};

const GIVEN: [&str; 12] = [
    "Zamfira", "Bogdan", "Ilinca", "Tudor", "Anca", "Mihail", "Oksana", "Taras", "Lidia",
    "Nicolae", "Vasilisa", "Doru",
];
const FAMILY: [&str; 9] = [
    "Oprescu",
    "Lungu",
    "Moraru",
    "Ceban",
    "Rusu",
    "Bondarenko",
    "Kovalenko",
    "Popa",
    "Sirbu",
];
/// People (distinct humans) in [`estimate_fixture`], and how many of them were recorded twice.
pub const PEOPLE: usize = 90;
pub const TWICE: usize = 6;

/// The lists of person `i` (bit k: `ListSource::ALL[k]`), independent draws so the data look
/// like real overlapping lists; never empty.
fn lists_of(i: usize, salt: u64) -> usize {
    let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt;
    let mut mask = 0;
    for (k, p) in [55u64, 45, 35, 40, 50].iter().enumerate() {
        x ^= x >> 29;
        x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x ^= x >> 32;
        if x % 100 < *p {
            mask |= 1 << k;
        }
    }
    if mask == 0 {
        1 << (i % 5)
    } else {
        mask
    }
}

fn person(i: usize) -> NewPerson {
    let today = crate::clock::now().date();
    let year = 1970 + (i % 35);
    let month = 1 + (i * 5) % 12;
    let day = 1 + (i * 7) % 28;
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(GIVEN[i % GIVEN.len()]).unwrap(),
        family_name: PersonName::parse(FAMILY[(i / GIVEN.len()) % FAMILY.len()]).unwrap(),
        birth_date: Some(BirthDate::parse(&format!("{year}-{month:02}-{day:02}"), today).unwrap()),
        gender: Some(if i.is_multiple_of(2) {
            Gender::Feminine
        } else {
            Gender::Masculine
        }),
        citizenship: vec![],
        languages: vec![],
        phone: Some(Phone::parse(&format!("+40 722 {:03} {:03}", 100 + i, 300 + i * 3)).unwrap()),
        email: Some(Email::parse(&format!("p{i}.x{}@example.org", i * 13)).unwrap()),
        identity_numbers: vec![],
        trafficking_status: Some(TraffickingStatus::Possible),
    }
}

/// Puts the stored person `pid` (case-person `cp` of `case`) on the lists of `mask`, dated
/// today.
struct Lists<'a> {
    store: &'a Store,
    p: &'a Principal,
    report_case: String,
    case: String,
    operation: String,
    partner: String,
    n: usize,
}

impl Lists<'_> {
    async fn put(&mut self, pid: &str, cp: &str, mask: usize) {
        let now = crate::clock::now();
        let instant = crate::clock::to_text(now);
        let today = libertas_domain::cases::decisions::date_text(now.date());
        let org = self.p.org_id.to_string();
        let user = self.p.user_id.to_string();
        self.n += 1;
        let id = |kind: &str| format!("{kind}-{}", self.n);
        if mask & 1 != 0 {
            exec(self.store, "insert into case_people (id, case_id, person_id, role, created_at) values ($1, $2, $3, 'victim', $4)",
                &[Arg::Text(&id("rcp")), Arg::Text(&self.report_case), Arg::Text(pid), Arg::Text(&instant)]).await;
        }
        if mask & 2 != 0 {
            exec(self.store, "insert into decisions (id, case_id, case_person_id, rule_set, created_by, created_at) values ($1, $2, $3, 'uk-nrm', $4, $5)",
                &[Arg::Text(&id("d")), Arg::Text(&self.case), Arg::Text(cp), Arg::Text(&user), Arg::Text(&instant)]).await;
        }
        if mask & 4 != 0 {
            exec(
                self.store,
                "insert into operation_people (operation_id, person_id) values ($1, $2)",
                &[Arg::Text(&self.operation), Arg::Text(pid)],
            )
            .await;
        }
        if mask & 8 != 0 {
            exec(self.store,
                "insert into referrals (id, org_id, case_id, person_id, partner_id, kind, status, basis, services, created_by, created_at, updated_by, updated_at)
                 values ($1, $2, $3, $4, $5, 'referral', 'requested', 'consent', 'shelter', $6, $7, $6, $7)",
                &[Arg::Text(&id("f")), Arg::Text(&org), Arg::Text(&self.case), Arg::Text(pid), Arg::Text(&self.partner), Arg::Text(&user), Arg::Text(&instant)]).await;
        }
        if mask & 16 != 0 {
            exec(self.store,
                "insert into care_plans (id, person_id, org_id, case_id, case_person_id, opened_on, status, created_by, created_at)
                 values ($1, $2, $3, $4, $5, $6, 'closed', $7, $8)",
                &[Arg::Text(&id("pl")), Arg::Text(pid), Arg::Text(&org), Arg::Text(&self.case), Arg::Text(cp), Arg::Text(&today), Arg::Text(&user), Arg::Text(&instant)]).await;
        }
    }
}

/// North's people on the five lists of the hidden-victim estimate (`ListSource::ALL` order),
/// recorded through the store (sealed under their own keys) and put on the lists by plain rows
/// dated today; `TWICE` of them recorded a second time (same name,
/// birth date, phone and e-mail) on other lists. Returns the expected capture-history cells
/// (the union of each person's lists) and North's hotline worker.
pub async fn estimate_fixture(store: &Store) -> (Vec<f64>, Principal) {
    let hana = principal(store, "North", "hana", Role::Hotline).await;
    let org = hana.org_id.to_string();
    let user = hana.user_id.to_string();
    let now = crate::clock::to_text(crate::clock::now());
    let today = libertas_domain::cases::decisions::date_text(crate::clock::now().date());
    let case = store
        .create_case(&hana, &CaseTitle::parse("Lark").unwrap(), "t")
        .await
        .unwrap();
    let report_case = store
        .create_case(&hana, &CaseTitle::parse("Wren").unwrap(), "t")
        .await
        .unwrap();
    exec(store, "insert into reports (id, org_id, channel, status, narrative, case_id, created_at, updated_at) values ('r-1', $1, 'phone', 'case_opened', $2, $3, $4, $4)",
        &[Arg::Text(&org), Arg::Bytes(b"sealed"), Arg::Text(&report_case.id.to_string()), Arg::Text(&now)]).await;
    exec(store, "insert into operations (id, org_id, case_id, name, agencies, location, status, planned_on, executed_on, created_by, created_at, updated_by, updated_at)
                 values ('o-1', $1, $2, $3, 'police', $3, 'executed', $4, $4, $5, $6, $5, $6)",
        &[Arg::Text(&org), Arg::Text(&case.id.to_string()), Arg::Bytes(b"sealed"), Arg::Text(&today), Arg::Text(&user), Arg::Text(&now)]).await;
    let kinds = vec!["shelter".to_owned()];
    let langs = vec!["ro".to_owned()];
    let new = NewPartner::parse("Shelter", &kinds, "Iasi", &langs, "Call", "112").unwrap();
    let boss = principal(store, "North", "boss", Role::Admin).await;
    let partner = store
        .create_partner(&boss, &new, None, "t")
        .await
        .unwrap()
        .id
        .to_string();
    let mut lists = Lists {
        store,
        p: &hana,
        report_case: report_case.id.to_string(),
        case: case.id.to_string(),
        operation: "o-1".into(),
        partner,
        n: 0,
    };
    let mut cells = vec![0.0; 32];
    for i in 0..PEOPLE {
        let mut union = 0;
        let records = if i < TWICE { 2 } else { 1 };
        for r in 0..records {
            let mask = lists_of(i, r as u64 * 77);
            union |= mask;
            let (pid, cp) = store
                .add_person(&hana, case.id, &person(i), "t")
                .await
                .unwrap();
            lists.put(&pid.to_string(), &cp.to_string(), mask).await;
        }
        cells[union] += 1.0;
    }
    (cells, hana)
}
