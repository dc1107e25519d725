//! The protected impact view under attack: a larger quarter for two organisations, every
//! figure printed to every reader fed to an attacker who solves the linear equations they
//! give (differencing in every form), who must recover no hidden figure and no small count.
//! The fixture helpers are `impact.rs`'s. SQLite always, PostgreSQL when configured.

use crate::impact::{Rows, POS, Q1, TODAY};
use libertas_domain::admin::{Principal, Role};
use libertas_domain::care::DOMAINS;
use libertas_domain::stats::{Period, Scope};
use libertas_store::stats::Impact;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::Store;
use time::macros::date;

/// A larger quarter for two organisations, with counts of every size: `n` reports, one in
/// three not leading to a case, victims in every combination of confirmed, referred and
/// assisted, and delays spread over the bands.
async fn spread(store: &Store, p: &Principal, n: u32, shift: u32) {
    const CYCLE: [Option<&str>; 7] = [
        Some("trafficking"),
        None,
        Some("possible_trafficking"),
        Some("trafficking"),
        Some("no_indication"),
        Some("forced_labour"),
        Some("smuggling"),
    ];
    let mut r = Rows::new(store, p);
    let day = |d: u32| {
        let base = date!(2025 - 01 - 01) + time::Duration::days(i64::from(d));
        libertas_domain::cases::decisions::date_text(base)
    };
    for k in 0..n {
        let verdict = CYCLE[((k + shift) % 7) as usize];
        let received = (k * 7) % 85;
        let with_case =
            matches!(verdict, Some("trafficking" | "possible_trafficking")) && k % 3 != 0;
        if !with_case {
            r.report(&day(received), verdict, None).await;
            continue;
        }
        let opened = received + [1, 20, 45, 100, 200][((k + shift) % 5) as usize];
        let case = r.case(&day(opened)).await;
        r.report(&day(received), verdict, Some(&case)).await;
        for v in 0..(1 + (k + shift) % 2) {
            let m = k * 2 + v + shift;
            let ident = opened + [3, 40, 120][(m % 3) as usize];
            let cg = m.is_multiple_of(2).then(|| (POS, day(ident + 30)));
            let (person, cp) = r
                .person(
                    &case,
                    Some((POS, &day(ident))),
                    cg.as_ref().map(|(o, d)| (*o, d.as_str())),
                )
                .await;
            if m % 3 == 1 {
                r.referral(&case, &person, &day(ident + [5, 60][(m % 2) as usize]))
                    .await;
            }
            if m % 4 != 3 {
                r.delivery(
                    &case,
                    &person,
                    &cp,
                    &day(ident + [2, 35, 400][(m % 3) as usize]),
                )
                .await;
            }
        }
    }
}

/// The finest counts of the impact view, written apart from the store: an attacker's model.
fn model_cells() -> Vec<String> {
    let mut out = vec!["rep:unscreened".to_owned()];
    for v in [
        "trafficking",
        "possible_trafficking",
        "forced_labour",
        "smuggling",
        "no_indication",
    ] {
        out.push(format!("screen:{v}"));
    }
    for c in ["cg", "rg"] {
        for r in ["ref", "noref"] {
            for a in ["aid", "noaid"] {
                for o in OUTCOME_GROUPS {
                    out.push(format!("vic:{c}:{r}:{a}:{o}"));
                }
            }
        }
    }
    for d in ["open", "ident", "refd", "aidd", "cls"] {
        for b in ["0-30", "31-90", "91-180", "181-365", "366+"] {
            out.push(format!("{d}:{b}"));
        }
    }
    out.extend(["cls:open", "crit:yes", "crit:no"].map(String::from));
    for d in DOMAINS {
        for when in ["in", "last"] {
            for b in ["1", "2", "3", "4"] {
                out.push(format!("{when}:{}:{b}", d.key));
            }
        }
    }
    out
}

/// A victim's outcome assessments: none, once, reassessed and improved, reassessed and not.
const OUTCOME_GROUPS: [&str; 4] = ["none", "one", "imp", "same"];

fn victim_in(c: &str, groups: &[&str]) -> bool {
    c.starts_with("vic:") && groups.iter().any(|g| c.ends_with(&format!(":{g}")))
}

/// Every count `i` prints and the finest counts it adds up (those starting with a prefix).
fn printed(i: &Impact) -> Vec<(String, Option<u64>, Vec<String>)> {
    let all = model_cells();
    let sum = |pred: &dyn Fn(&str) -> bool| -> Vec<String> {
        all.iter().filter(|c| pred(c)).cloned().collect()
    };
    let mut out = vec![];
    for s in &i.funnel {
        let cells = match s.key {
            "reports" => sum(&|c| c.starts_with("rep:") || c.starts_with("screen:")),
            "screened" => sum(&|c| c.starts_with("screen:")),
            "cases_opened" => sum(&|c| c.starts_with("open:")),
            "identified" => sum(&|c| c.starts_with("vic:")),
            "referred" => sum(&|c| c.starts_with("vic:") && c.contains(":ref:")),
            "assisted" => sum(&|c| c.starts_with("vic:") && c.contains(":aid:")),
            "improved" => sum(&|c| victim_in(c, &["imp"])),
            other => panic!("unknown step {other}"),
        };
        out.push((s.key.to_owned(), s.count, cells));
    }
    for c in &i.screened_by_verdict {
        out.push((
            format!("screen {}", c.key),
            c.count,
            vec![format!("screen:{}", c.key)],
        ));
    }
    out.push((
        "unscreened".into(),
        i.unscreened,
        vec!["rep:unscreened".into()],
    ));
    out.push((
        "confirmed".into(),
        i.confirmed,
        sum(&|c| c.starts_with("vic:cg:")),
    ));
    out.push((
        "confirmed_assisted".into(),
        i.confirmed_assisted,
        sum(&|c| c.starts_with("vic:cg:") && c.contains(":aid:")),
    ));
    let o = &i.outcomes;
    for (label, value, groups) in [
        ("assessed", o.assessed, &["one", "imp", "same"][..]),
        ("reassessed", o.reassessed, &["imp", "same"][..]),
        ("improved", o.improved, &["imp"][..]),
    ] {
        out.push((label.into(), value, sum(&|c| victim_in(c, groups))));
    }
    out.push((
        "meets_criterion".into(),
        o.meets_criterion,
        vec!["crit:yes".into()],
    ));
    out.push((
        "closed".into(),
        o.days_intake_to_closure.n,
        sum(&|c| c.starts_with("cls:") && c != "cls:open"),
    ));
    for d in &o.domains {
        for (when, cells) in [("in", &d.intake), ("last", &d.latest)] {
            for b in cells {
                let key = format!("{when}:{}:{}", d.domain, b.key);
                out.push((key.clone(), b.count, vec![key]));
            }
        }
    }
    for (prefix, m) in [
        ("cls", &o.days_intake_to_closure),
        ("open", &i.days_report_to_case),
        ("ident", &i.days_case_to_identified),
        ("refd", &i.days_identified_to_referred),
        ("aidd", &i.days_identified_to_assisted),
    ] {
        for b in &m.bands {
            out.push((
                format!("{prefix} {}", b.key),
                b.count,
                vec![format!("{prefix}:{}", b.key)],
            ));
        }
    }
    out
}

/// An attacker holding linear equations over the finest counts of every organisation, who
/// works out whatever they determine (Gaussian elimination): differencing in every form.
#[derive(Default)]
struct Attacker {
    keys: Vec<(String, String)>,
    rows: Vec<Vec<f64>>,
    hidden: Vec<(String, Vec<(String, String)>)>,
}

impl Attacker {
    fn index(&mut self, k: &(String, String)) -> usize {
        if let Some(i) = self.keys.iter().position(|x| x == k) {
            return i;
        }
        self.keys.push(k.clone());
        self.keys.len() - 1
    }

    fn learn(&mut self, terms: &[((String, String), f64)], total: f64) {
        let idx: Vec<(usize, f64)> = terms.iter().map(|(k, c)| (self.index(k), *c)).collect();
        let mut row = vec![0.0; 4096];
        for (i, c) in idx {
            row[i] += c;
        }
        row[4095] = total;
        self.rows.push(row);
    }

    /// Learns what one view prints about `orgs` (their counts summed), and the structure.
    fn see(&mut self, i: &Impact, orgs: &[&str]) {
        for (label, value, cells) in printed(i) {
            let terms: Vec<((String, String), f64)> = orgs
                .iter()
                .flat_map(|o| cells.iter().map(move |c| ((o.to_string(), c.clone()), 1.0)))
                .collect();
            match value {
                Some(v) => self.learn(&terms, v as f64),
                None => self.hidden.push((
                    format!("{label} of {orgs:?}"),
                    terms.into_iter().map(|(k, _)| k).collect(),
                )),
            }
        }
        for o in orgs {
            let all = model_cells();
            let k = |c: &str| (o.to_string(), c.to_owned());
            let pick = |p: &dyn Fn(&str) -> bool, coef: f64| -> Vec<((String, String), f64)> {
                all.iter().filter(|c| p(c)).map(|c| (k(c), coef)).collect()
            };
            for (bands, part) in [
                ("ident:", pick(&|c| c.starts_with("vic:"), -1.0)),
                (
                    "refd:",
                    pick(&|c| c.starts_with("vic:") && c.contains(":ref:"), -1.0),
                ),
                (
                    "aidd:",
                    pick(&|c| c.starts_with("vic:") && c.contains(":aid:"), -1.0),
                ),
                (
                    "crit:",
                    pick(&|c| victim_in(c, &["one", "imp", "same"]), -1.0),
                ),
                (
                    "cls:",
                    pick(&|c| victim_in(c, &["one", "imp", "same"]), -1.0),
                ),
            ] {
                let mut t = pick(&|c| c.starts_with(bands), 1.0);
                t.extend(part);
                self.learn(&t, 0.0);
            }
            for d in DOMAINS {
                for when in ["in", "last"] {
                    let prefix = format!("{when}:{}:", d.key);
                    let mut t = pick(&|c| c.starts_with(&prefix), 1.0);
                    t.extend(pick(&|c| victim_in(c, &["imp", "same"]), -1.0));
                    self.learn(&t, 0.0);
                }
            }
        }
    }

    /// The value of `Σ target` if the equations determine it.
    fn value(&self, target: &[(String, String)]) -> Option<f64> {
        let mut rows = self.rows.clone();
        let n = self.keys.len();
        let mut pivots = vec![];
        let mut r = 0;
        for c in 0..n {
            let Some(p) = (r..rows.len()).find(|&i| rows[i][c].abs() > 1e-9) else {
                continue;
            };
            rows.swap(r, p);
            let lead = rows[r][c];
            for x in rows[r].iter_mut() {
                *x /= lead;
            }
            for i in 0..rows.len() {
                if i != r && rows[i][c].abs() > 1e-9 {
                    let f = rows[i][c];
                    let pivot = rows[r].clone();
                    for (x, y) in rows[i].iter_mut().zip(&pivot) {
                        *x -= f * y;
                    }
                }
            }
            pivots.push((r, c));
            r += 1;
        }
        let mut t: Vec<f64> = vec![0.0; 4096];
        for k in target {
            let i = self.keys.iter().position(|x| x == k)?;
            t[i] += 1.0;
        }
        for (pr, pc) in pivots {
            let f = t[pc];
            if f.abs() > 1e-12 {
                for (x, y) in t.iter_mut().zip(&rows[pr]) {
                    *x -= f * y;
                }
            }
        }
        t[..n].iter().all(|x| x.abs() < 1e-6).then(|| -t[4095])
    }

    /// Hidden figures given back, and small counts (1 to 4) of organisations not in `knows`.
    fn recovered(&self, knows: &[&str]) -> Vec<String> {
        let mut out = vec![];
        for (label, terms) in &self.hidden {
            if let Some(v) = self.value(terms) {
                out.push(format!("hidden {label} = {v}"));
            }
        }
        for k in &self.keys {
            if knows.contains(&k.0.as_str()) {
                continue;
            }
            if let Some(v) = self.value(std::slice::from_ref(k)) {
                if (0.5..4.5).contains(&v) {
                    out.push(format!("count {k:?} = {v}"));
                }
            }
        }
        out
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn differencing_the_protected_funnel_recovers_nothing_hidden() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let adm = principal(&store, "North", "adm", Role::Admin).await;
        let ana = principal(&store, "North", "ana", Role::Analyst).await;
        let sadm = principal(&store, "South", "sadm", Role::Admin).await;
        spread(&store, &adm, 60, 0).await;
        spread(&store, &sadm, 17, 3).await;
        let org = Scope::Organisation;
        let net = Scope::Network;
        let read = |p: &Principal, period: Period, scope: Scope| {
            let store = &store;
            let p = p.clone();
            async move {
                store
                    .impact(&p, period, scope, TODAY, "test")
                    .await
                    .unwrap()
            }
        };
        let days = Period {
            from: date!(2025 - 03 - 01),
            to: date!(2025 - 03 - 31),
        };
        let mut any_hidden = false;
        let mut any_printed = false;
        // The analyst: North and the network, asked for every way they can.
        let mut a = Attacker::default();
        for period in [Q1, days] {
            let north = read(&ana, period, org).await;
            let network = read(&ana, period, net).await;
            for s in north.funnel.iter().chain(&network.funnel) {
                any_hidden |= s.count.is_none();
                any_printed |= s.count.is_some_and(|n| n > 0);
            }
            a.see(&north, &["North"]);
            a.see(&network, &["North", "South"]);
        }
        let got = a.recovered(&[]);
        assert!(got.is_empty(), "{backend}: analyst recovered {got:?}");
        // Each admin: their own organisation exactly, and the network.
        for (p, own, other) in [(&adm, "North", "South"), (&sadm, "South", "North")] {
            let mut a = Attacker::default();
            a.see(&read(p, Q1, org).await, &[own]);
            let exact = read(p, Q1, org).await;
            assert!(!exact.protected, "{backend}");
            a.see(&read(p, Q1, net).await, &[own, other]);
            // An admin knows their own records to the last one.
            let got = a.recovered(&[own]);
            assert!(got.is_empty(), "{backend}: {own} admin recovered {got:?}");
        }
        assert!(
            any_hidden && any_printed,
            "{backend}: the fixture must both print and hide"
        );
        // Every printed count is zero or at least five.
        for (p, scope) in [(&ana, org), (&ana, net), (&sadm, net)] {
            for (label, v, _) in printed(&read(p, Q1, scope).await) {
                assert!(
                    matches!(v, None | Some(0) | Some(5..)),
                    "{backend}: {label} = {v:?}"
                );
            }
        }
    }
}
