//! The statistics attacks of the safety review, run against the real server: readers who may
//! not see exact figures ask for many periods and scopes, and an attacker written apart from
//! the store's protection (`indicators_common::solver`) solves for what was hidden. Nothing
//! hidden and no small count may come back. SQLite always, PostgreSQL when configured.

use crate::common::{Browser, TestApp};
use crate::indicators_common::{day, indicators, months_of, text, year_2025, Attacker, ORGS};
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::Value;
use time::Duration;

/// How the attacker picks the periods to ask for.
#[derive(Clone, Copy, Debug)]
enum Strategy {
    /// Every period from January to a month, and from a month to December: each month is the
    /// difference of two of them.
    Nested,
    /// The "last twelve months" asked once a week for 80 weeks.
    Sliding80Weeks,
    /// Every week of the year on its own, every month, and the whole year.
    WeeksMonthsYear,
    /// One request per calendar quarter: only what each view prints beside its hidden cells.
    OneViewPerQuarter,
}

fn queries(strategy: Strategy, scope: &str) -> Vec<String> {
    let q = |from: &str, to: &str| format!("from={from}&to={to}&scope={scope}");
    let months = months_of(2025);
    match strategy {
        Strategy::Nested => months
            .iter()
            .flat_map(|(first, last)| {
                [
                    q("2025-01-01", &text(*last)),
                    q(&text(*first), "2025-12-31"),
                ]
            })
            .collect(),
        Strategy::Sliding80Weeks => (0..80)
            .map(|k| {
                let to = day("2025-01-05") + Duration::weeks(k);
                format!("to={}&scope={scope}", text(to))
            })
            .collect(),
        Strategy::WeeksMonthsYear => {
            let mut out: Vec<String> = (0..52)
                .map(|k| {
                    let from = day("2025-01-06") + Duration::weeks(k);
                    q(&text(from), &text(from + Duration::days(6)))
                })
                .collect();
            out.extend(months.iter().map(|(f, l)| q(&text(*f), &text(*l))));
            out.push(q("2025-01-01", "2025-12-31"));
            out
        }
        Strategy::OneViewPerQuarter => ["01-01", "04-01", "07-01", "10-01"]
            .iter()
            .zip(["03-31", "06-30", "09-30", "12-31"])
            .map(|(f, t)| q(&format!("2025-{f}"), &format!("2025-{t}")))
            .collect(),
    }
}

/// One attack: who asks, for which scope, with which strategy.
struct Attack {
    reader: &'static str,
    scope: &'static str,
    strategy: Strategy,
    /// The reader's own organisation, whose exact figures they may also ask for (case
    /// workers): the network minus one's own.
    knows_own_exactly: bool,
}

const ATTACKS: &[Attack] = &[
    Attack {
        reader: "ana",
        scope: "organisation",
        strategy: Strategy::Nested,
        knows_own_exactly: false,
    },
    Attack {
        reader: "ana",
        scope: "organisation",
        strategy: Strategy::Sliding80Weeks,
        knows_own_exactly: false,
    },
    Attack {
        reader: "tina",
        scope: "organisation",
        strategy: Strategy::WeeksMonthsYear,
        knows_own_exactly: false,
    },
    Attack {
        reader: "ana",
        scope: "organisation",
        strategy: Strategy::OneViewPerQuarter,
        knows_own_exactly: false,
    },
    Attack {
        reader: "ana",
        scope: "network",
        strategy: Strategy::Nested,
        knows_own_exactly: false,
    },
    Attack {
        reader: "worker",
        scope: "network",
        strategy: Strategy::Nested,
        knows_own_exactly: true,
    },
    Attack {
        reader: "worker",
        scope: "network",
        strategy: Strategy::Sliding80Weeks,
        knows_own_exactly: true,
    },
    Attack {
        reader: "sworker",
        scope: "network",
        strategy: Strategy::OneViewPerQuarter,
        knows_own_exactly: true,
    },
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn differencing_attacks_recover_nothing_hidden() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let people = year_2025(&app).await;
        let mut failures = vec![];
        for a in ATTACKS {
            let token = people.token(a.reader);
            let own = if a.reader.starts_with('s') {
                "South"
            } else {
                "North"
            };
            let mut attacker = Attacker::default();
            if a.knows_own_exactly {
                // A case worker's exact view of their own organisation, month by month.
                for (first, last) in months_of(2024)
                    .into_iter()
                    .chain(months_of(2025))
                    .chain(months_of(2026))
                {
                    let v = indicators(
                        &app,
                        token,
                        &format!("from={}&to={}", text(first), text(last)),
                    )
                    .await;
                    assert_eq!(v["protected"], false, "{v}");
                    attacker.see(&v, &[own]);
                }
            }
            let scope_orgs: Vec<&str> = if a.scope == "network" {
                ORGS.to_vec()
            } else {
                vec![own]
            };
            for q in queries(a.strategy, a.scope) {
                let v = indicators(&app, token, &q).await;
                assert_eq!(v["protected"], true, "{backend} {q}: {v}");
                attacker.see(&v, &scope_orgs);
            }
            let known: Vec<&str> = if a.knows_own_exactly {
                vec![own]
            } else {
                vec![]
            };
            let found = attacker.recovered(&known);
            if !found.is_empty() {
                failures.push(format!(
                    "{backend}: {} ({}, {:?}) recovered {}: {}",
                    a.reader,
                    a.scope,
                    a.strategy,
                    found.len(),
                    found.iter().take(6).cloned().collect::<Vec<_>>().join("; ")
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        app.stop().await;
    }
}

/// Where a number printed on the page (`data-key`) sits in the API's answer.
fn api_value(v: &Value, key: &str) -> Option<Value> {
    let figure = |p: &str| v.pointer(p).cloned();
    let cell = |list: &str, k: &str| {
        v.pointer(list)?
            .as_array()?
            .iter()
            .find(|c| c["key"] == k)
            .map(|c| c["count"].clone())
    };
    if let Some((chart, k)) = key.split_once('.') {
        return match chart {
            "stages" => cell("/cases_by_stage", k),
            "verdicts" => cell("/verdicts_by_outcome", k),
            "sentences" => cell("/sentence_months/bands", k),
            "reach" => cell("/training_reach", k),
            "referral" => cell("/days_referral_to_charge/bands", k),
            "verdict-time" => cell("/days_charge_to_verdict/bands", k),
            _ => None,
        };
    }
    match key {
        "cases" => figure("/cases_total"),
        "victims-identified" => figure("/victims_identified"),
        "brought-to-safety" => figure("/victims_brought_to_safety"),
        "with-care-plan" => figure("/identified_with_care_plan"),
        "charges" => figure("/charges"),
        "verdicts" => figure("/verdicts"),
        "convictions" => figure("/convictions"),
        "training-events" => figure("/training_events"),
        "participants" => figure("/participants"),
        _ => None,
    }
}

/// Every `data-key="K">V<` on the page.
fn printed(page: &str) -> Vec<(String, String)> {
    page.split("data-key=\"")
        .skip(1)
        .filter_map(|rest| {
            let (key, rest) = rest.split_once('"')?;
            let value = rest.split_once('>')?.1.split_once('<')?.0;
            Some((key.to_owned(), value.trim().to_owned()))
        })
        .collect()
}

/// Every number on the page is the API's number for the same figure, every figure hidden in
/// the API is hidden on the page, and nothing one view prints gives back what it hides (no
/// "<5" beside a chart bar showing 7, no total minus shown cells).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_printed_number_comes_from_the_protected_table() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let people = year_2025(&app).await;
        let mut browsers = std::collections::HashMap::new();
        for (reader, scope, org) in [
            ("ana", "organisation", "North"),
            ("tina", "organisation", "North"),
            ("ana", "network", "North"),
            ("worker", "network", "North"),
        ] {
            if !browsers.contains_key(reader) {
                let mut b = Browser::new(&app);
                b.sign_in(reader).await;
                browsers.insert(reader, b);
            }
            let browser = browsers.get_mut(reader).unwrap();
            for (from, to) in [
                ("2025-01-01", "2025-03-31"),
                ("2025-04-01", "2025-06-30"),
                ("2025-07-01", "2025-09-30"),
                ("2025-10-01", "2025-12-31"),
            ] {
                let query = format!("from={from}&to={to}&scope={scope}");
                let v = indicators(&app, people.token(reader), &query).await;
                let (s, _, page) = browser.get(&format!("/indicators?{query}")).await;
                assert_eq!(s, StatusCode::OK, "{backend} {reader} {query}");
                let shown = printed(&page);
                assert!(
                    shown.len() >= 40,
                    "{backend} {reader} {query}: every figure carries a data-key: {shown:?}"
                );
                for (key, text) in &shown {
                    let Some(api) = api_value(&v, key) else {
                        continue;
                    };
                    let on_page: Option<u64> = text.parse().ok();
                    assert_eq!(
                        on_page,
                        api.as_u64(),
                        "{backend} {reader} {query}: {key} is {text} on the page, {api} in the API"
                    );
                }
                // The view alone (and, for a case worker, their own exact figures of the same
                // quarter) must not give back anything it hides.
                let mut attacker = Attacker::default();
                let orgs: Vec<&str> = if scope == "network" {
                    ORGS.to_vec()
                } else {
                    vec![org]
                };
                let knows: Vec<&str> = if reader == "worker" {
                    vec![org]
                } else {
                    vec![]
                };
                if reader == "worker" {
                    for (first, last) in months_of(2025) {
                        let own = indicators(
                            &app,
                            people.token(reader),
                            &format!("from={}&to={}", text(first), text(last)),
                        )
                        .await;
                        attacker.see(&own, &[org]);
                    }
                }
                attacker.see(&v, &orgs);
                let found = attacker.recovered(&knows);
                assert!(found.is_empty(), "{backend} {reader} {query}: {found:?}");
            }
        }
        app.stop().await;
    }
}
