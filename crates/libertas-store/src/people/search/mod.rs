//! Finding people by name, birth date, phone or identity number, and warning of duplicates,
//! without plaintext in the database and within need-to-know.
//!
//! Matching works on keyed hashes only (`search_index` for name tokens, phonetic keys, birth
//! dates and years; `blind_index` for phones and identity numbers). Candidates are then split
//! by what the caller may see: people in a case the caller is a member of come back in full;
//! for everyone else in the organisation only a *count* of strong matches is given, with no id
//! and no detail, so the caller knows to ask colleagues without learning who is recorded where.
//! A weak match (a single name token) is never counted, so the count cannot be used to ask
//! "is there any Maria here?", and the birth date never changes the count, so it cannot be
//! recovered by asking with every possible date. Every search is audited with the criteria's
//! names (never their values) and the counts.
//!
//! Every answer about people the caller may not see spends from one per-user budget shared
//! with the other "exists elsewhere" paths ([`budget`]), decided here, in the store.

pub mod budget;
mod duplicates;
mod index;
mod matching;

pub(crate) use budget::Lookup;
pub use budget::{LookupPath, LOOKUP_LIMIT, LOOKUP_WINDOW, PROBING_DISTINCT};
pub use duplicates::{Duplicate, DuplicateProbe, Duplicates};
pub use matching::Reason;

use super::read::PERSON_COLUMNS;
use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{CaseId, PersonId};
use libertas_domain::people::search::SearchCriteria;
use matching::{Matched, Probe};
use serde::Serialize;
use sqlx::FromRow;
use std::collections::{HashMap, HashSet};

/// Most people a search returns.
pub const MAX_HITS: usize = 50;

/// A case of a search hit that the caller is a member of.
#[derive(Clone, Debug, Serialize)]
pub struct HitCase {
    pub case_id: CaseId,
    pub title: String,
    pub role: String,
}

/// One person found, decrypted for a member of one of their cases.
#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    pub person_id: PersonId,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub birth_date: Option<String>,
    /// Which criteria matched, strongest first.
    pub reasons: Vec<Reason>,
    /// Higher is a closer match (exact name tokens count more than phonetic ones).
    pub score: u32,
    pub cases: Vec<HitCase>,
}

/// The result of a search.
#[derive(Clone, Debug, Serialize)]
pub struct SearchOutcome {
    pub hits: Vec<SearchHit>,
    /// People in cases of the organisation the caller is not a member of who match an
    /// identifier or every name token (at least two); never depends on the birth date.
    pub others: i64,
}

/// A candidate's links to cases of the organisation: `(case id, role, caller is a member)`.
/// A search term of a person that matched one of the probe's digests.
#[derive(FromRow)]
struct TermHit {
    person_id: String,
    digest: String,
}

/// A person's case link; `user_id` is set when the caller is a member of that case.
#[derive(FromRow)]
struct CaseLink {
    person_id: String,
    case_id: String,
    role: String,
    user_id: Option<String>,
}

type Links = HashMap<String, Vec<(String, String, bool)>>;

impl Store {
    /// Searches the caller's organisation. Only people in cases the caller is a member of are
    /// returned; matches elsewhere are counted in `others`. Spends one look-up of the caller's
    /// budget (`TooManyRequests` when it is spent).
    pub async fn search_people(
        &self,
        p: &Principal,
        criteria: &SearchCriteria,
        reason: &str,
    ) -> Result<SearchOutcome, StoreError> {
        crate::cases::require_case_work(p)?;
        self.lookup_budget(p, LookupPath::Search).await?;
        let probe = Probe::from_criteria(criteria);
        let found = self.match_probe(p, &probe).await?;
        let (visible, links, others) = self.visible_best(p, &found, &probe).await?;
        let mut hits = Vec::with_capacity(visible.len());
        let mut titles: HashMap<String, String> = HashMap::new();
        let fields = criteria.fields();
        let mut events =
            vec![AuditEvent::new("search.people", "search", None, reason).detail(
            serde_json::json!({ "fields": fields, "results": visible.len(), "others": others }),
        )];
        for pid in &visible {
            let m = &found[pid.as_str()];
            let sql = format!("select {PERSON_COLUMNS} from persons p where p.id = $1");
            let row = sqlx::query(&sql).bind(pid).fetch_one(self.pool()).await?;
            let view = self.person_from_row(&row).await?;
            let mut cases = vec![];
            for (cid, role, member) in links.get(pid.as_str()).into_iter().flatten() {
                if *member {
                    if !titles.contains_key(cid) {
                        titles.insert(cid.clone(), self.case_title(cid).await?);
                    }
                    cases.push(HitCase {
                        case_id: parse_id(cid)?,
                        title: titles.get(cid).cloned().unwrap_or_default(),
                        role: role.clone(),
                    });
                }
            }
            events.push(
                AuditEvent::new("person.read", "person", Some(pid.clone()), reason)
                    .detail(serde_json::json!({ "via": "search" })),
            );
            hits.push(SearchHit {
                person_id: view.id,
                given_name: view.given_name,
                family_name: view.family_name,
                birth_date: view.birth_date,
                reasons: m.reasons(),
                score: m.score(),
                cases,
            });
        }
        let lookup = Lookup {
            path: LookupPath::Search,
            question: &probe.question(),
            detail: serde_json::json!({ "fields": fields, "others": others }),
        };
        self.spend_lookup(p, lookup, events, reason).await?;
        Ok(SearchOutcome { hits, others })
    }

    /// Every person of the caller's organisation with at least one matching term.
    async fn match_probe(
        &self,
        p: &Principal,
        probe: &Probe,
    ) -> Result<HashMap<String, Matched>, StoreError> {
        let org = p.org_id.to_string();
        let mut found: HashMap<String, Matched> = HashMap::new();
        // One query per kind, so the primary key (org_id, kind, digest, …) is used.
        for (kind, terms) in probe.hashed_terms(self.ring()) {
            let digests: Vec<&String> = terms.keys().collect();
            let sql = format!(
                "select person_id, digest from search_index
                 where org_id = $1 and kind = $2 and digest in ({})",
                placeholders(3, digests.len())
            );
            let mut q = sqlx::query_as::<_, TermHit>(&sql).bind(&org).bind(kind);
            for d in &digests {
                q = q.bind(*d);
            }
            for r in q.fetch_all(self.pool()).await? {
                if let Some(hits) = terms.get(&r.digest) {
                    let m = found.entry(r.person_id).or_default();
                    for h in hits {
                        m.add(*h);
                    }
                }
            }
        }
        for (kind, value, hit) in probe.identifiers() {
            let rows: Vec<String> = sqlx::query_scalar(
                "select person_id from blind_index where org_id = $1 and kind = $2 and digest = $3",
            )
            .bind(&org)
            .bind(kind)
            .bind(self.ring().blind_index(kind, value))
            .fetch_all(self.pool())
            .await?;
            for person in rows {
                found.entry(person).or_default().add(hit);
            }
        }
        Ok(found)
    }

    /// The case links of `people` within the caller's organisation.
    async fn case_links(&self, p: &Principal, people: Vec<String>) -> Result<Links, StoreError> {
        let mut links: Links = HashMap::new();
        for chunk in people.chunks(200) {
            let sql = format!(
                "select cp.person_id, cp.case_id, cp.role, m.user_id
                 from case_people cp join cases c on c.id = cp.case_id
                 left join case_members m on m.case_id = cp.case_id and m.user_id = $2
                 where c.org_id = $1 and cp.person_id in ({})
                 order by cp.created_at",
                placeholders(3, chunk.len())
            );
            let mut q = sqlx::query_as::<_, CaseLink>(&sql)
                .bind(p.org_id.to_string())
                .bind(p.user_id.to_string());
            for id in chunk {
                q = q.bind(id);
            }
            for r in q.fetch_all(self.pool()).await? {
                links.entry(r.person_id).or_default().push((
                    r.case_id,
                    r.role,
                    r.user_id.is_some(),
                ));
            }
        }
        Ok(links)
    }

    /// The best [`MAX_HITS`] relevant candidates the caller may see, in rank order, their case links,
    /// and the number of candidates the caller may not see that count as "elsewhere". Case
    /// links are fetched for those candidates and then in rank order only until the page is
    /// full, so a common name matching thousands of people costs a few queries, not thousands.
    async fn visible_best(
        &self,
        p: &Principal,
        found: &HashMap<String, Matched>,
        probe: &Probe,
    ) -> Result<(Vec<String>, Links, i64), StoreError> {
        let mut ranked: Vec<(&String, &Matched)> =
            found.iter().filter(|(_, m)| m.relevant(probe)).collect();
        ranked.sort_by(|(a, ma), (b, mb)| (mb.rank(), a).cmp(&(ma.rank(), b)));
        let elsewhere: Vec<String> = ranked
            .iter()
            .filter(|(_, m)| m.elsewhere(probe))
            .map(|(id, _)| (*id).clone())
            .collect();
        let mut links = self.case_links(p, elsewhere.clone()).await?;
        let mut looked: HashSet<String> = elsewhere.iter().cloned().collect();
        let sees = |links: &Links, id: &str| {
            links
                .get(id)
                .is_some_and(|l| l.iter().any(|(_, _, member)| *member))
        };
        let mut visible = vec![];
        for chunk in ranked.chunks(2 * MAX_HITS) {
            if visible.len() >= MAX_HITS {
                break;
            }
            let need: Vec<String> = chunk
                .iter()
                .filter(|(id, _)| !looked.contains(*id))
                .map(|(id, _)| (*id).clone())
                .collect();
            looked.extend(need.iter().cloned());
            links.extend(self.case_links(p, need).await?);
            for (id, _) in chunk {
                if visible.len() < MAX_HITS && sees(&links, id) {
                    visible.push((*id).clone());
                }
            }
        }
        let others = elsewhere
            .iter()
            .filter(|id| links.contains_key(*id) && !sees(&links, id))
            .count();
        Ok((visible, links, i64::try_from(others).unwrap_or(i64::MAX)))
    }

    async fn case_title(&self, case: &str) -> Result<String, StoreError> {
        let sealed: Vec<u8> = sqlx::query_scalar("select title from cases where id = $1")
            .bind(case)
            .fetch_one(self.pool())
            .await?;
        Ok(self
            .open_case_field(case, "cases", "title", case, &sealed)
            .await?
            .unwrap_or_default())
    }
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_id<T: std::str::FromStr>(s: &str) -> Result<T, StoreError> {
    s.parse()
        .map_err(|_| StoreError::Internal("bad id in search".into()))
}
