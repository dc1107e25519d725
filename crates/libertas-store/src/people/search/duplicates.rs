//! Duplicate warnings: likely existing records of a person just added (or being viewed).
//!
//! Records in the caller's cases are listed when they match strongly (birth date included);
//! records elsewhere in the organisation are only counted, on the coarser rule of
//! [`Matched::elsewhere`] that never looks at the birth date. The check spends one look-up of
//! the caller's budget ([`super::budget`]), like a search.

use super::matching::{Matched, Probe};
use super::{parse_id, Links, Lookup, LookupPath, Reason};
use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{CaseId, PersonId};
use serde::Serialize;
use std::collections::HashMap;

/// An existing record that may describe the same person as a newly added one.
#[derive(Clone, Debug, Serialize)]
pub struct Duplicate {
    pub person_id: PersonId,
    /// The person's cases that the caller is a member of.
    pub case_ids: Vec<CaseId>,
    pub reasons: Vec<Reason>,
}

/// Possible duplicates: those the caller may see, and a count of the rest.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Duplicates {
    pub visible: Vec<Duplicate>,
    pub others: i64,
}

/// What is known of a person to look for duplicates of (plain values, never stored).
pub struct DuplicateProbe<'a> {
    pub given_name: &'a str,
    pub family_name: &'a str,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<&'a str>,
    /// Normalised phone number.
    pub phone: Option<&'a str>,
    /// Identity numbers as written.
    pub identity_numbers: &'a [String],
}

impl Store {
    /// Likely existing records of the same person as `of` (just added, or being viewed) in
    /// the caller's organisation. The caller must see `of` (member of one of its cases).
    /// Records the caller may see are listed when they match strongly; the others are only
    /// counted, on the coarser "elsewhere" rule. Spends one look-up of the caller's budget.
    pub async fn possible_duplicates(
        &self,
        p: &Principal,
        of: PersonId,
        probe: &DuplicateProbe<'_>,
        reason: &str,
    ) -> Result<Duplicates, StoreError> {
        crate::cases::require_case_work(p)?;
        let pid = of.to_string();
        let own = self.case_links(p, vec![pid.clone()]).await?;
        if !own.get(&pid).into_iter().flatten().any(|(_, _, m)| *m) {
            return Err(StoreError::NotFound);
        }
        self.lookup_budget(p, LookupPath::Duplicates).await?;
        let probe = Probe::from_person(probe);
        let mut found = self.match_probe(p, &probe).await?;
        found.remove(&pid);
        found.retain(|_, m| m.strong(&probe) || m.elsewhere(&probe));
        let links = self.case_links(p, found.keys().cloned().collect()).await?;
        let (mut visible, others) = split_visible(&found, &links, &probe);
        let question = probe.question();
        visible.sort();
        let mut out = Duplicates {
            visible: vec![],
            others,
        };
        for id in visible {
            let case_ids = links
                .get(&id)
                .into_iter()
                .flatten()
                .filter(|(_, _, m)| *m)
                .map(|(c, _, _)| parse_id(c))
                .collect::<Result<Vec<CaseId>, _>>()?;
            out.visible.push(Duplicate {
                person_id: parse_id(&id)?,
                case_ids,
                reasons: found[id.as_str()].reasons(),
            });
        }
        let events = vec![
            AuditEvent::new("person.duplicates", "person", Some(pid), reason)
                .detail(serde_json::json!({ "visible": out.visible.len(), "others": out.others })),
        ];
        let lookup = Lookup {
            path: LookupPath::Duplicates,
            question: &question,
            detail: serde_json::json!({ "others": out.others }),
        };
        self.spend_lookup(p, lookup, events, reason).await?;
        Ok(out)
    }
}

/// Splits matches into the strong ones in a case the caller is a member of, and a count of
/// those elsewhere (on the coarser rule that ignores the birth date). People in no case of
/// the organisation are ignored.
fn split_visible(
    found: &HashMap<String, Matched>,
    links: &Links,
    probe: &Probe,
) -> (Vec<String>, i64) {
    let mut visible = vec![];
    let mut others = 0;
    for (pid, m) in found {
        let Some(l) = links.get(pid) else { continue };
        if l.iter().any(|(_, _, member)| *member) {
            if m.strong(probe) {
                visible.push(pid.clone());
            }
        } else if m.elsewhere(probe) {
            others += 1;
        }
    }
    (visible, others)
}
