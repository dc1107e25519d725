//! The indicators view as a [`ProtectedTable`]: its finest counts per organisation, the
//! figures it prints as sums of them, and who reads them.
//!
//! Finest counts (per organisation): cases by furthest stage; identified victims with and
//! without a care plan; victims brought to safety; cases whose first charge was filed, by
//! days from referral, and the other charges; verdicts by outcome and (the same verdicts) by
//! days from charge; convictions by prison sentence band, and those without one; training
//! events; participants by audience. Every figure the page and the API print is one of the
//! sums declared here — cells, totals, bars, the `n` of a median — and rates and median bands
//! are computed from printed figures only (`view.rs`).

use super::Raw;
use libertas_analytics::disclosure::{CountId, FigureId, ProtectedTable, Reader};
use libertas_domain::stats::{band_counts, Stage, DURATION_BANDS, SENTENCE_BANDS, SMALL_COUNT};
use std::collections::BTreeMap;

/// Printed figures of one scope: key → number, or `None` where hidden.
pub type Figures = BTreeMap<String, Option<u64>>;

const OUTCOMES: [&str; 4] = ["convicted", "acquitted", "dismissed", "withdrawn"];
const AUDIENCES: [&str; 5] = ["police", "prosecutor", "judge", "social_worker", "other"];

fn keys(prefix: &str, names: &[&str]) -> Vec<String> {
    names.iter().map(|n| format!("{prefix}:{n}")).collect()
}

fn band_keys(prefix: &str, bands: &[(&'static str, i64, i64)]) -> Vec<String> {
    bands.iter().map(|b| format!("{prefix}:{}", b.0)).collect()
}

fn stages() -> Vec<&'static str> {
    Stage::ALL.iter().map(|s| s.as_str()).collect()
}

/// Every figure: its key and the finest counts it adds up.
fn catalogue() -> Vec<(String, Vec<String>)> {
    let mut out = vec![];
    let mut table = |prefix: &str, names: Vec<String>, total: &str| {
        for n in &names {
            out.push((n.replacen(':', ".", 1), vec![n.clone()]));
        }
        if !total.is_empty() {
            out.push((total.to_owned(), names.clone()));
        }
        let _ = prefix;
    };
    table("stage", keys("stage", &stages()), "cases_total");
    table("outcome", keys("outcome", &OUTCOMES), "verdicts");
    table("ctv", band_keys("ctv", &DURATION_BANDS), "");
    table("sent", band_keys("sent", &SENTENCE_BANDS), "sentences");
    table("ref", band_keys("ref", &DURATION_BANDS), "first_charges");
    table("reach", keys("reach", &AUDIENCES), "participants");
    out.push((
        "victims_identified".into(),
        keys("plan", &["with", "without"]),
    ));
    out.push(("identified_with_care_plan".into(), keys("plan", &["with"])));
    out.push(("brought_to_safety".into(), vec!["safety".into()]));
    out.push((
        "charges".into(),
        [
            band_keys("ref", &DURATION_BANDS),
            vec!["charge:other".into()],
        ]
        .concat(),
    ));
    out.push(("training_events".into(), vec!["events".into()]));
    out
}

/// The finest counts of one organisation (or of any set of records gathered together).
fn counts(raw: &Raw) -> BTreeMap<String, u64> {
    let mut c = BTreeMap::new();
    for s in stages() {
        let n = raw.stages.iter().filter(|x| x.as_str() == s).count() as u64;
        c.insert(format!("stage:{s}"), n);
    }
    c.insert("plan:with".into(), raw.with_care_plan);
    c.insert(
        "plan:without".into(),
        raw.victims_identified.saturating_sub(raw.with_care_plan),
    );
    c.insert("safety".into(), raw.brought_to_safety);
    let refs = band_counts(&raw.referral_to_charge, &DURATION_BANDS);
    let first: u64 = refs.iter().map(|(_, n)| n).sum();
    for (b, n) in refs {
        c.insert(format!("ref:{b}"), n);
    }
    c.insert("charge:other".into(), raw.charges.saturating_sub(first));
    for o in OUTCOMES {
        let n = raw
            .verdicts
            .iter()
            .find(|(k, _)| *k == o)
            .map_or(0, |(_, n)| *n);
        c.insert(format!("outcome:{o}"), n);
    }
    for (b, n) in band_counts(&raw.charge_to_verdict, &DURATION_BANDS) {
        c.insert(format!("ctv:{b}"), n);
    }
    let sentences = band_counts(&raw.sentence_months, &SENTENCE_BANDS);
    let with_prison: u64 = sentences.iter().map(|(_, n)| n).sum();
    for (b, n) in sentences {
        c.insert(format!("sent:{b}"), n);
    }
    c.insert(
        "sent:none".into(),
        raw.convictions.saturating_sub(with_prison),
    );
    c.insert("events".into(), raw.training_events);
    for a in AUDIENCES {
        let n = raw
            .reach
            .iter()
            .find(|(k, _)| *k == a)
            .map_or(0, |(_, n)| *n);
        c.insert(format!("reach:{a}"), n);
    }
    c
}

/// Structural facts every reader knows, per organisation: the verdicts by outcome and by
/// duration are the same verdicts; convictions are those with a prison sentence (by band)
/// and those without.
fn links() -> Vec<(Vec<String>, Vec<String>)> {
    vec![
        (
            band_keys("ctv", &DURATION_BANDS),
            keys("outcome", &OUTCOMES),
        ),
        (
            vec!["outcome:convicted".into()],
            [band_keys("sent", &SENTENCE_BANDS), vec!["sent:none".into()]].concat(),
        ),
    ]
}

/// The figures of one set of records, exactly (for readers allowed exact figures).
pub(crate) fn exact(raw: &Raw) -> Figures {
    sums(&counts(raw), &catalogue())
}

/// Every figure of `catalogue` worked out exactly from the finest counts `c`.
pub(crate) fn sums(c: &BTreeMap<String, u64>, catalogue: &[(String, Vec<String>)]) -> Figures {
    catalogue
        .iter()
        .map(|(key, parts)| {
            let n = parts.iter().map(|p| c.get(p).copied().unwrap_or(0)).sum();
            (key.clone(), Some(n))
        })
        .collect()
}

/// One quarter's publication: the network's figures and each organisation's, protected
/// together against every reader — each organisation's case workers (who know their own
/// counts and see the network) and its other staff (who see the network and their own
/// organisation's protected figures).
pub(crate) struct Publication {
    pub network: Figures,
    pub orgs: Vec<(String, Figures)>,
}

pub(crate) fn publish(orgs: &[(String, Raw)]) -> Publication {
    let counted: Vec<(String, BTreeMap<String, u64>)> = orgs
        .iter()
        .map(|(id, raw)| (id.clone(), counts(raw)))
        .collect();
    protect(&counted, &catalogue(), &links())
}

/// Protects the figures of a view as one table: `orgs` are each organisation's finest counts
/// (every organisation has the same names), `catalogue` every figure the view prints as the
/// counts it adds up, `links` structural facts (these counts add up to the same as those).
/// Used by every view ([`super::impact`] too), so every view is protected the same way.
pub(crate) fn protect(
    orgs: &[(String, BTreeMap<String, u64>)],
    catalogue: &[(String, Vec<String>)],
    links: &[(Vec<String>, Vec<String>)],
) -> Publication {
    // The threshold is a constant above one, so this cannot fail; if it ever did, nothing
    // would be printed.
    let Ok(mut table) = ProtectedTable::new(SMALL_COUNT) else {
        return hidden_everywhere(orgs, catalogue);
    };
    let ids: Vec<BTreeMap<String, CountId>> = orgs
        .iter()
        .map(|(_, counts)| {
            counts
                .iter()
                .map(|(k, v)| (k.clone(), table.count(*v)))
                .collect()
        })
        .collect();
    for org in &ids {
        for (left, right) in links {
            let pick = |ks: &[String]| -> Vec<CountId> {
                ks.iter().filter_map(|k| org.get(k).copied()).collect()
            };
            table.same_total(&pick(left), &pick(right));
        }
    }
    let declare = |table: &mut ProtectedTable, members: &[&BTreeMap<String, CountId>]| {
        catalogue
            .iter()
            .map(|(key, parts)| {
                let ids: Vec<CountId> = members
                    .iter()
                    .flat_map(|m| parts.iter().filter_map(|p| m.get(p).copied()))
                    .collect();
                (key.clone(), table.figure(&ids))
            })
            .collect::<Vec<(String, FigureId)>>()
    };
    let all: Vec<&BTreeMap<String, CountId>> = ids.iter().collect();
    let network = declare(&mut table, &all);
    let own: Vec<Vec<(String, FigureId)>> = ids.iter().map(|m| declare(&mut table, &[m])).collect();
    let network_ids: Vec<FigureId> = network.iter().map(|(_, f)| *f).collect();
    for (org, figs) in ids.iter().zip(&own) {
        let known: Vec<CountId> = org.values().copied().collect();
        table.reader(Reader::shown(&network_ids).knowing(&known));
        let mut sees = network_ids.clone();
        sees.extend(figs.iter().map(|(_, f)| *f));
        table.reader(Reader::shown(&sees));
    }
    let printed = table.protect();
    let read = |figs: &[(String, FigureId)]| -> Figures {
        figs.iter()
            .map(|(k, f)| (k.clone(), printed.get(*f)))
            .collect()
    };
    Publication {
        network: read(&network),
        orgs: orgs
            .iter()
            .zip(&own)
            .map(|((id, _), figs)| (id.clone(), read(figs)))
            .collect(),
    }
}

fn hidden_everywhere<T>(orgs: &[(String, T)], catalogue: &[(String, Vec<String>)]) -> Publication {
    let none: Figures = catalogue.iter().map(|(k, _)| (k.clone(), None)).collect();
    Publication {
        network: none.clone(),
        orgs: orgs
            .iter()
            .map(|(id, _)| (id.clone(), none.clone()))
            .collect(),
    }
}
