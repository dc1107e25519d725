//! The impact view as a [`ProtectedTable`](libertas_analytics::disclosure::ProtectedTable):
//! its finest counts per organisation, the figures it prints as sums of them, and the
//! structural facts that tie them together. Protected with the indicators' machinery
//! ([`super::super::figures::protect`]): the network and every organisation together, against
//! every reader.
//!
//! Finest counts (per organisation, for the reports received in the period): reports not
//! screened; reports by screening verdict; cases opened, by days from the first report to the
//! opening; identified victims by confirmed (conclusive grounds) or not × referred or not ×
//! assisted or not × outcome (not assessed, assessed once, reassessed and improved,
//! reassessed and not improved); the same victims by days from the case's opening to
//! identification, the referred ones by days to the referral, the assisted ones by days to
//! the first delivered service; the assessed ones by whether their latest assessment meets
//! the closure criterion and by days from the first assessment to the closure of their care
//! (or not closed); and the reassessed ones by the band of each domain score at intake and
//! at the latest assessment. Every figure the page, the API and the CSV print is one of the
//! sums declared here.

use super::Raw;
use crate::stats::figures::{self, Figures, Publication};
use libertas_domain::care::assessment::{score_band, SCORE_BANDS};
use libertas_domain::care::DOMAINS;
use libertas_domain::stats::{band_counts, DURATION_BANDS};
use std::collections::BTreeMap;

/// Screening verdicts, in the order the page shows them.
pub(crate) const VERDICTS: [&str; 5] = [
    "trafficking",
    "possible_trafficking",
    "forced_labour",
    "smuggling",
    "no_indication",
];

/// The duration distributions of the funnel: figure prefix and what they break down.
pub(crate) const DURATIONS: [&str; 4] = ["open", "ident", "refd", "aidd"];

/// A victim's outcome assessments: none, one, or two and more with the latest overall score
/// above the first (`imp`) or not (`same`).
const OUTCOMES: [&str; 4] = ["none", "one", "imp", "same"];

/// Outcome groups of the victims assessed at least once, and at least twice.
const ASSESSED: [&str; 3] = ["one", "imp", "same"];
const REASSESSED: [&str; 2] = ["imp", "same"];

fn victim_cells(pick: impl Fn(&str, &str, &str) -> bool) -> Vec<String> {
    victim_cells_by(|c, r, a, _| pick(c, r, a))
}

fn victim_cells_by(pick: impl Fn(&str, &str, &str, &str) -> bool) -> Vec<String> {
    let mut out = vec![];
    for c in ["cg", "rg"] {
        for r in ["ref", "noref"] {
            for a in ["aid", "noaid"] {
                for o in OUTCOMES {
                    if pick(c, r, a, o) {
                        out.push(format!("vic:{c}:{r}:{a}:{o}"));
                    }
                }
            }
        }
    }
    out
}

fn outcome_cells(groups: &[&str]) -> Vec<String> {
    victim_cells_by(|_, _, _, o| groups.contains(&o))
}

/// The score bands of one domain at intake (`in`) or at the latest assessment (`last`).
fn score_cells(when: &str, domain: &str) -> Vec<String> {
    SCORE_BANDS
        .iter()
        .map(|b| format!("{when}:{domain}:{b}"))
        .collect()
}

/// The assessed victims by days from the first assessment to closure, and those not closed.
fn closure_cells() -> Vec<String> {
    [bands("cls"), vec!["cls:open".to_owned()]].concat()
}

fn bands(prefix: &str) -> Vec<String> {
    DURATION_BANDS
        .iter()
        .map(|b| format!("{prefix}:{}", b.0))
        .collect()
}

/// Every figure: its key and the finest counts it adds up.
pub(crate) fn catalogue() -> Vec<(String, Vec<String>)> {
    let screen: Vec<String> = VERDICTS.iter().map(|v| format!("screen:{v}")).collect();
    let mut out = vec![
        (
            "reports".to_owned(),
            [vec!["rep:unscreened".to_owned()], screen.clone()].concat(),
        ),
        ("unscreened".to_owned(), vec!["rep:unscreened".to_owned()]),
        ("screened".to_owned(), screen.clone()),
        ("cases_opened".to_owned(), bands("open")),
        ("identified".to_owned(), victim_cells(|_, _, _| true)),
        ("confirmed".to_owned(), victim_cells(|c, _, _| c == "cg")),
        ("referred".to_owned(), victim_cells(|_, r, _| r == "ref")),
        ("assisted".to_owned(), victim_cells(|_, _, a| a == "aid")),
        (
            "confirmed_assisted".to_owned(),
            victim_cells(|c, _, a| c == "cg" && a == "aid"),
        ),
        ("assessed".to_owned(), outcome_cells(&ASSESSED)),
        ("reassessed".to_owned(), outcome_cells(&REASSESSED)),
        ("improved".to_owned(), outcome_cells(&["imp"])),
        ("meets_criterion".to_owned(), vec!["crit:yes".to_owned()]),
        ("closed".to_owned(), bands("cls")),
    ];
    for d in DOMAINS {
        for when in ["in", "last"] {
            for c in score_cells(when, d.key) {
                out.push((c.replace(':', "."), vec![c]));
            }
        }
    }
    for s in screen {
        out.push((s.replacen(':', ".", 1), vec![s]));
    }
    for d in DURATIONS.iter().chain(&["cls"]) {
        for b in bands(d) {
            out.push((b.replacen(':', ".", 1), vec![b]));
        }
    }
    out
}

/// The finest counts of one organisation (or of any set of records gathered together).
pub(crate) fn counts(raw: &Raw) -> BTreeMap<String, u64> {
    let mut c = BTreeMap::new();
    c.insert("rep:unscreened".to_owned(), raw.unscreened);
    for v in VERDICTS {
        let n = raw.verdicts.get(v).copied().unwrap_or(0);
        c.insert(format!("screen:{v}"), n);
    }
    let zero = [
        victim_cells(|_, _, _| true),
        closure_cells(),
        vec!["crit:yes".to_owned(), "crit:no".to_owned()],
    ];
    for name in zero.concat() {
        c.insert(name, 0);
    }
    for d in DOMAINS {
        for when in ["in", "last"] {
            for name in score_cells(when, d.key) {
                c.insert(name, 0);
            }
        }
    }
    // Tens of thousands of victims fall in 32 cells: count them by cell first.
    let mut cells: BTreeMap<(bool, bool, bool, &str), u64> = BTreeMap::new();
    for v in &raw.victims {
        let o = v.outcome.as_ref();
        let group = match o {
            None => "none",
            Some(o) if !o.reassessed => "one",
            Some(o) if o.improved => "imp",
            Some(_) => "same",
        };
        *cells
            .entry((v.confirmed, v.referred, v.assisted, group))
            .or_default() += 1;
        let Some(o) = o else { continue };
        let crit = if o.meets_criterion {
            "crit:yes"
        } else {
            "crit:no"
        };
        *c.entry(crit.to_owned()).or_default() += 1;
        if o.closed_after.is_none() {
            *c.entry("cls:open".to_owned()).or_default() += 1;
        }
        if o.reassessed {
            for (when, scores) in [("in", &o.intake), ("last", &o.latest)] {
                for (d, score) in DOMAINS.iter().zip(scores) {
                    let key = format!("{when}:{}:{}", d.key, score_band(*score));
                    *c.entry(key).or_default() += 1;
                }
            }
        }
    }
    for confirmed in [false, true] {
        for referred in [false, true] {
            for assisted in [false, true] {
                let n = raw.settled[super::months::steps_index(confirmed, referred, assisted)];
                if n > 0 {
                    *cells
                        .entry((confirmed, referred, assisted, "none"))
                        .or_default() += n;
                }
            }
        }
    }
    for ((confirmed, referred, assisted, group), n) in cells {
        let key = format!(
            "vic:{}:{}:{}:{group}",
            if confirmed { "cg" } else { "rg" },
            if referred { "ref" } else { "noref" },
            if assisted { "aid" } else { "noaid" },
        );
        *c.entry(key).or_default() += n;
    }
    let lists = [
        ("open", &raw.report_to_case),
        ("ident", &raw.case_to_identified),
        ("refd", &raw.identified_to_referred),
        ("aidd", &raw.identified_to_assisted),
        ("cls", &raw.intake_to_closure),
    ];
    for (prefix, values) in lists {
        for (b, n) in band_counts(values, &DURATION_BANDS) {
            c.insert(format!("{prefix}:{b}"), n);
        }
    }
    c
}

/// Structural facts every reader knows, per organisation: the victims by days to
/// identification are the identified victims; those by days to referral the referred ones;
/// those by days to the first service the assisted ones; the assessed victims by closure
/// criterion and by closure are the assessed ones; each domain's intake and latest bands are
/// the reassessed ones.
pub(crate) fn links() -> Vec<(Vec<String>, Vec<String>)> {
    let mut out = vec![
        (bands("ident"), victim_cells(|_, _, _| true)),
        (bands("refd"), victim_cells(|_, r, _| r == "ref")),
        (bands("aidd"), victim_cells(|_, _, a| a == "aid")),
        (
            vec!["crit:yes".to_owned(), "crit:no".to_owned()],
            outcome_cells(&ASSESSED),
        ),
        (closure_cells(), outcome_cells(&ASSESSED)),
    ];
    for d in DOMAINS {
        for when in ["in", "last"] {
            out.push((score_cells(when, d.key), outcome_cells(&REASSESSED)));
        }
    }
    out
}

/// The figures of one set of records, exactly (for readers allowed exact figures).
pub(crate) fn exact(raw: &Raw) -> Figures {
    figures::sums(&counts(raw), &catalogue())
}

/// One quarter's publication of the impact view: the network's figures and each
/// organisation's, protected together against every reader.
pub(crate) fn publish(orgs: &[(String, Raw)]) -> Publication {
    let counted: Vec<(String, BTreeMap<String, u64>)> = orgs
        .iter()
        .map(|(id, raw)| (id.clone(), counts(raw)))
        .collect();
    figures::protect(&counted, &catalogue(), &links())
}
