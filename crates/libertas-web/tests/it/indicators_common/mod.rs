//! What the indicator attack tests share: a year of justice and training data in two
//! organisations, entered through the API; the model of which finest counts each JSON figure
//! adds up; and an attacker that learns every number a reader is shown.

pub mod solver;

use crate::common::TestApp;
use libertas_domain::admin::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};
use solver::{Key, Solver};
use time::macros::format_description;
use time::{Date, Duration};

pub const ORGS: [&str; 2] = ["North", "South"];
const STAGES: [&str; 4] = ["opened", "victim_identified", "charged", "verdict"];
const OUTCOMES: [&str; 4] = ["convicted", "acquitted", "dismissed", "withdrawn"];
const DURATIONS: [&str; 5] = ["0-30", "31-90", "91-180", "181-365", "366+"];
const SENTENCES: [&str; 5] = ["0-12", "13-36", "37-60", "61-120", "121+"];
const AUDIENCES: [&str; 5] = ["police", "prosecutor", "judge", "social_worker", "other"];

pub fn day(s: &str) -> Date {
    Date::parse(s, format_description!("[year]-[month]-[day]")).unwrap()
}

pub fn text(d: Date) -> String {
    d.format(format_description!("[year]-[month]-[day]"))
        .unwrap()
}

/// The users of the scenario, by organisation: an investigator who records verdicts, a
/// trainer, a case worker (exact figures of their organisation) and an analyst.
pub struct People {
    pub tokens: Vec<(String, String)>,
}

impl People {
    pub fn token(&self, username: &str) -> &str {
        &self.tokens.iter().find(|(u, _)| u == username).unwrap().1
    }
}

/// A verdict on a new case: the charge filed 40 days before, a prison sentence if `months`.
async fn verdict(app: &TestApp, token: &str, date: &str, outcome: &str, months: i64) {
    let (s, case) = app
        .post("/api/v1/cases", token, json!({"title": "Operation Heron"}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{case}");
    let case = case["id"].as_str().unwrap();
    let (s, suspect) = app
        .post(
            &format!("/api/v1/cases/{case}/people"),
            token,
            json!({"role": "suspect", "given_name": "Radu", "family_name": "Stan"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{suspect}");
    let filed = text(day(date) - Duration::days(40));
    let (s, charge) = app
        .post(
            &format!("/api/v1/cases/{case}/charges"),
            token,
            json!({"suspect_id": suspect["id"], "law": "Modern Slavery Act 2015", "section": "s.2",
                   "counts": 1, "filed_on": filed}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{charge}");
    let (s, v) = app
        .post(
            &format!(
                "/api/v1/charges/{}/verdicts",
                charge["id"].as_str().unwrap()
            ),
            token,
            json!({"outcome": outcome, "date": date}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    if months > 0 {
        let (s, x) = app
            .post(
                &format!("/api/v1/verdicts/{}/sentences", v["id"].as_str().unwrap()),
                token,
                json!({"prison_months": months}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{x}");
    }
}

async fn training(app: &TestApp, token: &str, date: &str, who: &[(&str, u32)]) {
    let audiences: Vec<&str> = who.iter().map(|(a, _)| *a).collect();
    let participants: serde_json::Map<String, Value> = who
        .iter()
        .map(|(a, n)| ((*a).to_owned(), json!(n)))
        .collect();
    let (s, t) = app
        .post(
            "/api/v1/trainings",
            token,
            json!({"topic": "Identifying victims", "held_on": date, "place": "Iasi",
                   "audiences": audiences, "participants": participants}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
}

/// The year 2025 in North and South. Small monthly counts everywhere, larger quarterly ones,
/// and in North's third quarter the verdicts of the "<5 beside a chart showing 7" report:
/// 7 convicted, 2 acquitted, 2 dismissed.
pub async fn year_2025(app: &TestApp) -> People {
    let mut tokens = vec![];
    for (org, prefix) in [("North", ""), ("South", "s")] {
        for (name, role) in [
            ("inv", Role::Investigator),
            ("tina", Role::Trainer),
            ("worker", Role::Caseworker),
            ("ana", Role::Analyst),
        ] {
            let username = format!("{prefix}{name}");
            let token = app.user(org, &username, role).await;
            tokens.push((username, token));
        }
    }
    let people = People { tokens };
    let north: &[(&str, &str, i64)] = &[
        ("2025-01-20", "convicted", 24),
        ("2025-02-10", "convicted", 36),
        ("2025-02-18", "convicted", 48),
        ("2025-02-25", "acquitted", 0),
        ("2025-03-05", "convicted", 12),
        ("2025-03-12", "convicted", 60),
        ("2025-03-19", "convicted", 130),
        ("2025-03-26", "dismissed", 0),
        ("2025-04-15", "withdrawn", 0),
        ("2025-05-06", "convicted", 18),
        ("2025-05-07", "convicted", 18),
        ("2025-05-13", "convicted", 40),
        ("2025-05-14", "convicted", 40),
        ("2025-05-20", "convicted", 70),
        ("2025-05-21", "convicted", 70),
        ("2025-07-08", "convicted", 30),
        ("2025-07-15", "convicted", 30),
        ("2025-07-22", "convicted", 50),
        ("2025-08-05", "convicted", 50),
        ("2025-08-12", "convicted", 90),
        ("2025-08-13", "acquitted", 0),
        ("2025-08-20", "acquitted", 0),
        ("2025-09-02", "convicted", 90),
        ("2025-09-09", "convicted", 200),
        ("2025-09-16", "dismissed", 0),
        ("2025-09-23", "dismissed", 0),
        ("2025-11-12", "convicted", 30),
    ];
    let south: &[(&str, &str, i64)] = &[
        ("2025-03-14", "convicted", 24),
        ("2025-08-04", "convicted", 20),
        ("2025-08-05", "convicted", 20),
        ("2025-08-06", "convicted", 30),
        ("2025-08-07", "convicted", 30),
        ("2025-08-11", "convicted", 45),
        ("2025-08-12", "convicted", 45),
        ("2025-08-13", "acquitted", 0),
    ];
    for (who, list) in [("inv", north), ("sinv", south)] {
        for (date, outcome, months) in list {
            verdict(app, people.token(who), date, outcome, *months).await;
        }
    }
    let trainings: &[Training] = &[
        ("tina", "2025-01-14", &[("police", 12)]),
        ("tina", "2025-02-11", &[("police", 3), ("judge", 2)]),
        ("tina", "2025-02-20", &[("prosecutor", 6)]),
        ("tina", "2025-03-18", &[("police", 20)]),
        ("tina", "2025-04-08", &[("social_worker", 1)]),
        ("tina", "2025-06-10", &[("police", 15), ("judge", 5)]),
        ("tina", "2025-06-24", &[("prosecutor", 2)]),
        ("tina", "2025-08-19", &[("police", 9)]),
        ("tina", "2025-09-09", &[("other", 4)]),
        ("tina", "2025-11-04", &[("police", 25)]),
        ("stina", "2025-03-04", &[("police", 2)]),
        ("stina", "2025-08-26", &[("police", 9)]),
    ];
    for (who, date, list) in trainings {
        training(app, people.token(who), date, list).await;
    }
    people
}

/// A training event: who records it, when, participants by audience.
type Training = (&'static str, &'static str, &'static [(&'static str, u32)]);

/// A count figure of a response: its label, its JSON value, the categories it adds up.
struct Field {
    label: String,
    value: Value,
    cats: Vec<String>,
}

fn cats(prefix: &str, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| format!("{prefix}:{k}")).collect()
}

/// Every count printed in an indicators response, with what it adds up. Works on both the
/// protected and the exact shape, and on older shapes (fields missing are skipped).
fn fields(v: &Value) -> Vec<Field> {
    let mut out = vec![];
    let mut push = |label: String, value: &Value, cats: Vec<String>| {
        out.push(Field {
            label,
            value: value.clone(),
            cats,
        });
    };
    let list = |name: &str| -> Vec<(String, Value)> {
        v.pointer(name)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|c| (c["key"].as_str().unwrap().to_owned(), c["count"].clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut table = |name: &str, prefix: &str, all: &[&str], total: Option<&str>| {
        for (k, c) in list(name) {
            push(format!("{name}.{k}"), &c, vec![format!("{prefix}:{k}")]);
        }
        if let Some(t) = total.and_then(|t| v.pointer(t).map(|x| (t, x))) {
            push(t.0.to_owned(), t.1, cats(prefix, all));
        }
    };
    table("/cases_by_stage", "stage", &STAGES, Some("/cases_total"));
    table(
        "/verdicts_by_outcome",
        "outcome",
        &OUTCOMES,
        Some("/verdicts"),
    );
    table(
        "/training_reach",
        "reach",
        &AUDIENCES,
        Some("/participants"),
    );
    table("/sentence_bands", "sent", &SENTENCES, None);
    table(
        "/days_referral_to_charge/bands",
        "ref",
        &DURATIONS,
        Some("/days_referral_to_charge/n"),
    );
    table("/days_charge_to_verdict/bands", "ctv", &DURATIONS, None);
    table(
        "/sentence_months/bands",
        "sent",
        &SENTENCES,
        Some("/sentence_months/n"),
    );
    let single: [(&str, Vec<String>); 7] = [
        ("/victims_identified", cats("plan", &["with", "without"])),
        ("/identified_with_care_plan", cats("plan", &["with"])),
        ("/victims_brought_to_safety", vec!["safety".into()]),
        (
            "/charges",
            [cats("ref", &DURATIONS), vec!["charge:other".into()]].concat(),
        ),
        ("/convictions", cats("outcome", &["convicted"])),
        ("/days_charge_to_verdict/n", cats("outcome", &OUTCOMES)),
        ("/training_events", vec!["events".into()]),
    ];
    for (path, c) in single {
        if let Some(x) = v.pointer(path) {
            push(path.to_owned(), x, c);
        }
    }
    out
}

/// `(part, rest, rate)` of the rates printed.
fn rates(v: &Value) -> Vec<(Vec<String>, Vec<String>, f64)> {
    let mut out = vec![];
    if let Some(r) = v["care_plan_rate"].as_f64() {
        out.push((cats("plan", &["with"]), cats("plan", &["without"]), r));
    }
    if let Some(r) = v["conviction_rate"].as_f64() {
        out.push((
            cats("outcome", &["convicted"]),
            cats("outcome", &["acquitted", "dismissed", "withdrawn"]),
            r,
        ));
    }
    out
}

/// The months a response covers (`YYYY-MM`), if it covers whole months.
fn months(v: &Value) -> Option<Vec<String>> {
    let from = day(v["from"].as_str()?);
    let to = day(v["to"].as_str()?);
    if from.day() != 1 || (to + Duration::days(1)).day() != 1 {
        return None;
    }
    let mut out = vec![];
    let mut d = from;
    while d <= to {
        out.push(format!("{:04}-{:02}", d.year(), u8::from(d.month())));
        d = (d.replace_day(1).unwrap() + Duration::days(32))
            .replace_day(1)
            .unwrap();
    }
    Some(out)
}

/// A reader's accumulated knowledge: every number printed to them, and what was hidden.
#[derive(Default)]
pub struct Attacker {
    pub solver: Solver,
    seen: std::collections::HashSet<(String, String)>,
    /// Hidden figures: label and the finest counts they add up.
    hidden: Vec<(String, Vec<(Key, f64)>)>,
}

impl Attacker {
    /// Structural facts of one month and organisation, known to everyone: the verdicts by
    /// outcome and by duration are the same verdicts; convictions are those with a prison
    /// sentence (by band) plus those without.
    fn structure(&mut self, month: &str, org: &str) {
        if !self.seen.insert((month.to_owned(), org.to_owned())) {
            return;
        }
        let k = |c: String| (c, month.to_owned(), org.to_owned());
        let mut same: Vec<(Key, f64)> = cats("ctv", &DURATIONS)
            .into_iter()
            .map(|c| (k(c), 1.0))
            .collect();
        same.extend(cats("outcome", &OUTCOMES).into_iter().map(|c| (k(c), -1.0)));
        let row = self.solver.row(&same);
        self.solver.learn(row, 0.0);
        let mut conv: Vec<(Key, f64)> = vec![(k("outcome:convicted".into()), 1.0)];
        conv.extend(cats("sent", &SENTENCES).into_iter().map(|c| (k(c), -1.0)));
        conv.push((k("sent:none".into()), -1.0));
        let row = self.solver.row(&conv);
        self.solver.learn(row, 0.0);
    }

    /// Learns one response; `orgs` are the organisations it counts.
    pub fn see(&mut self, v: &Value, orgs: &[&str]) {
        let Some(months) = months(v) else { return };
        for m in &months {
            for o in orgs {
                self.structure(m, o);
            }
        }
        let terms = |cats: &[String], coef: f64| -> Vec<(Key, f64)> {
            let mut t = vec![];
            for c in cats {
                for m in &months {
                    for o in orgs {
                        t.push(((c.clone(), m.clone(), (*o).to_owned()), coef));
                    }
                }
            }
            t
        };
        let period = format!("{}..{}", v["from"], v["to"]);
        for f in fields(v) {
            let t = terms(&f.cats, 1.0);
            match f.value.as_u64() {
                Some(n) => {
                    let row = self.solver.row(&t);
                    self.solver.learn(row, n as f64);
                }
                None => self
                    .hidden
                    .push((format!("{} {period} {orgs:?}", f.label), t)),
            }
        }
        for (part, rest, r) in rates(v) {
            let mut t = terms(&part, 1.0 - r);
            t.extend(terms(&rest, -r));
            let row = self.solver.row(&t);
            self.solver.learn(row, 0.0);
        }
    }

    /// What the reader recovered that they should not have: hidden figures given back, and
    /// small finest counts (1 to 4) of organisations other than `knows_exactly`.
    pub fn recovered(&mut self, knows_exactly: &[&str]) -> Vec<String> {
        let mut out = vec![];
        let mut hidden = std::mem::take(&mut self.hidden);
        hidden.sort_by(|a, b| a.0.cmp(&b.0));
        hidden.dedup_by(|a, b| a.0 == b.0);
        for (label, terms) in &hidden {
            let row = self.solver.row(terms);
            if let Some(v) = self.solver.value(&row) {
                out.push(format!("hidden {label} = {v}"));
            }
        }
        self.hidden = hidden;
        for key in self.solver.keys().to_vec() {
            if knows_exactly.contains(&key.2.as_str()) || key.0 == "sent:none" {
                continue;
            }
            let row = self.solver.unit(&key).unwrap();
            if let Some(v) = self.solver.value(&row) {
                if (0.5..4.5).contains(&v) {
                    out.push(format!("count {key:?} = {v}"));
                }
            }
        }
        out
    }
}

/// `GET /api/v1/indicators` with `query`, as `token`.
pub async fn indicators(app: &TestApp, token: &str, query: &str) -> Value {
    let (s, v) = app.get(&format!("/api/v1/indicators?{query}"), token).await;
    assert_eq!(s, StatusCode::OK, "{query}: {v}");
    v
}

/// The first and last day of every month of `year`.
pub fn months_of(year: i32) -> Vec<(Date, Date)> {
    (1..=12u8)
        .map(|m| {
            let first = Date::from_calendar_date(year, m.try_into().unwrap(), 1).unwrap();
            let next = (first + Duration::days(32)).replace_day(1).unwrap();
            (first, next - Duration::days(1))
        })
        .collect()
}
