//! The review queue: open candidate pairs, each shown only as far as the caller may see it.
//!
//! Need-to-know per pair: a caseworker who is a member of a case of *both* records sees both
//! in full (names, birth dates, score, agreeing fields). Anyone else doing case work in the
//! organisation sees that the candidate exists, the one record they may see (if any) and the
//! usernames of the members of the other record's cases, to ask them; never the other
//! record's id or values, nor the score.

use super::merge::MergeView;
use super::parse_id;
use crate::audit::AuditEvent;
use crate::people::read::{PersonView, PERSON_COLUMNS};
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{DedupeCandidateId, PersonId};
use serde::Serialize;
use sqlx::FromRow;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Open candidates shown at most.
const QUEUE_LIMIT: i64 = 200;

/// Both records of a candidate, for a caseworker on a case of each.
#[derive(Clone, Debug, Serialize)]
pub struct CandidatePair {
    pub id: DedupeCandidateId,
    /// The older record: kept by a merge.
    pub a: PersonView,
    /// The newer record: merged into `a`.
    pub b: PersonView,
    /// Match probability, 0 to 1.
    pub score: f64,
    /// Names of the fields on which the records agree.
    pub fields: Vec<String>,
}

/// One open candidate as the caller may see it.
#[derive(Clone, Debug, Serialize)]
pub struct QueueEntry {
    pub id: DedupeCandidateId,
    /// Both records, when the caller is a member of a case of each.
    pub pair: Option<CandidatePair>,
    /// Otherwise the one record the caller may see, if any.
    pub yours: Option<PersonId>,
    /// Otherwise whom to ask: members of the cases of the record(s) the caller may not see.
    pub ask: Vec<String>,
}

/// The queue page: open candidates and the merges the caller may undo.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewQueue {
    pub entries: Vec<QueueEntry>,
    pub merges: Vec<MergeView>,
}

#[derive(FromRow)]
pub(super) struct CandidateRow {
    pub id: String,
    pub person_a: String,
    pub person_b: String,
    pub score_ppm: i64,
    pub fields: String,
}

#[derive(FromRow)]
struct ContactRow {
    person_id: String,
    username: String,
}

pub(super) const CANDIDATE_COLUMNS: &str = "c.id, c.person_a, c.person_b, c.score_ppm, c.fields";

impl Store {
    /// The organisation's open candidates, as far as the caller may see each. Case work
    /// only. Full pairs are person reads and audited as such.
    pub async fn review_queue(
        &self,
        p: &Principal,
        reason: &str,
    ) -> Result<ReviewQueue, StoreError> {
        crate::cases::require_case_work(p)?;
        let rows = sqlx::query_as::<_, CandidateRow>(&format!(
            "select {CANDIDATE_COLUMNS} from dedupe_candidates c
             join persons pa on pa.id = c.person_a join persons pb on pb.id = c.person_b
             where c.org_id = $1 and c.status = 'open'
               and pa.erased_at is null and pb.erased_at is null
               and not exists (select 1 from person_merges m where m.undone_at is null
                               and (m.absorbed_id = c.person_a or m.absorbed_id = c.person_b))
             order by c.score_ppm desc, c.id limit {QUEUE_LIMIT}"
        ))
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let visible = self.people_visible_to(p).await?;
        let hidden: Vec<String> = rows
            .iter()
            .flat_map(|r| [&r.person_a, &r.person_b])
            .filter(|id| !visible.contains(*id))
            .cloned()
            .collect();
        let contacts = self.case_contacts(p, &hidden).await?;
        let full: Vec<String> = rows
            .iter()
            .filter(|r| visible.contains(&r.person_a) && visible.contains(&r.person_b))
            .flat_map(|r| [r.person_a.clone(), r.person_b.clone()])
            .collect();
        let mut people = self.people_by_id(&full).await?;
        let mut entries = Vec::with_capacity(rows.len());
        let mut events = vec![];
        for r in &rows {
            let id = parse_id(&r.id)?;
            let (sees_a, sees_b) = (visible.contains(&r.person_a), visible.contains(&r.person_b));
            if sees_a && sees_b {
                let pair = pair_of(r, &people)?;
                for v in [&pair.a, &pair.b] {
                    events.push(
                        AuditEvent::new("person.read", "person", Some(v.id.to_string()), reason)
                            .detail(serde_json::json!({ "dedupe_candidate": r.id })),
                    );
                }
                entries.push(QueueEntry {
                    id,
                    pair: Some(pair),
                    yours: None,
                    ask: vec![],
                });
                continue;
            }
            let mut ask = BTreeSet::new();
            for (sees, pid) in [(sees_a, &r.person_a), (sees_b, &r.person_b)] {
                if !sees {
                    ask.extend(contacts.get(pid).into_iter().flatten().cloned());
                }
            }
            let yours = match (sees_a, sees_b) {
                (true, _) => Some(parse_id(&r.person_a)?),
                (_, true) => Some(parse_id(&r.person_b)?),
                _ => None,
            };
            entries.push(QueueEntry {
                id,
                pair: None,
                yours,
                ask: ask.into_iter().collect(),
            });
        }
        people.clear();
        let merges = self.merges_visible(p, &visible).await?;
        events.push(
            AuditEvent::new("dedupe.queue.read", "dedupe_queue", None, reason).detail(
                serde_json::json!({
                    "open": entries.len(),
                    "full": entries.iter().filter(|e| e.pair.is_some()).count(),
                    "merges": merges.len(),
                }),
            ),
        );
        self.record(p.into(), events).await?;
        Ok(ReviewQueue { entries, merges })
    }

    /// One open candidate in full, for its review page: `NotFound` unless the caller is a
    /// member of a case of each record (exactly as if it did not exist).
    pub async fn dedupe_candidate(
        &self,
        p: &Principal,
        id: DedupeCandidateId,
        reason: &str,
    ) -> Result<CandidatePair, StoreError> {
        let r = self.candidate_for_decision(p, id).await?;
        let people = self
            .people_by_id(&[r.person_a.clone(), r.person_b.clone()])
            .await?;
        let pair = pair_of(&r, &people)?;
        let events = [&pair.a, &pair.b]
            .into_iter()
            .map(|v| {
                AuditEvent::new("person.read", "person", Some(v.id.to_string()), reason)
                    .detail(serde_json::json!({ "dedupe_candidate": r.id }))
            })
            .collect();
        self.record(p.into(), events).await?;
        Ok(pair)
    }

    /// An open candidate of the caller's organisation whose two records the caller may both
    /// see; `NotFound` otherwise.
    pub(super) async fn candidate_for_decision(
        &self,
        p: &Principal,
        id: DedupeCandidateId,
    ) -> Result<CandidateRow, StoreError> {
        crate::cases::require_case_work(p)?;
        let r = sqlx::query_as::<_, CandidateRow>(&format!(
            "select {CANDIDATE_COLUMNS} from dedupe_candidates c
             join persons pa on pa.id = c.person_a join persons pb on pb.id = c.person_b
             where c.id = $1 and c.org_id = $2 and c.status = 'open'
               and pa.erased_at is null and pb.erased_at is null
               and not exists (select 1 from person_merges m where m.undone_at is null
                               and (m.absorbed_id = c.person_a or m.absorbed_id = c.person_b))"
        ))
        .bind(id.to_string())
        .bind(p.org_id.to_string())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        self.require_sees_both(p, &r.person_a, &r.person_b).await?;
        Ok(r)
    }

    /// `NotFound` unless the caller is a member of a case of each person.
    pub(super) async fn require_sees_both(
        &self,
        p: &Principal,
        a: &str,
        b: &str,
    ) -> Result<(), StoreError> {
        let n: i64 = sqlx::query_scalar(
            "select count(distinct cp.person_id) from case_people cp
             join cases c on c.id = cp.case_id
             join case_members m on m.case_id = cp.case_id
             where c.org_id = $1 and m.user_id = $2 and cp.person_id in ($3, $4)",
        )
        .bind(p.org_id.to_string())
        .bind(p.user_id.to_string())
        .bind(a)
        .bind(b)
        .fetch_one(self.pool())
        .await?;
        if n == 2 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// The people of the caller's organisation in a case the caller is a member of.
    pub(super) async fn people_visible_to(
        &self,
        p: &Principal,
    ) -> Result<HashSet<String>, StoreError> {
        let ids: Vec<String> = sqlx::query_scalar(
            "select distinct cp.person_id from case_people cp
             join cases c on c.id = cp.case_id
             join case_members m on m.case_id = cp.case_id
             where c.org_id = $1 and m.user_id = $2",
        )
        .bind(p.org_id.to_string())
        .bind(p.user_id.to_string())
        .fetch_all(self.pool())
        .await?;
        Ok(ids.into_iter().collect())
    }

    /// Usernames of the owners and members of each person's cases.
    async fn case_contacts(
        &self,
        p: &Principal,
        people: &[String],
    ) -> Result<HashMap<String, BTreeSet<String>>, StoreError> {
        let mut out: HashMap<String, BTreeSet<String>> = HashMap::new();
        for chunk in people.chunks(200) {
            let marks = placeholders(2, chunk.len());
            let sql = format!(
                "select cp.person_id, u.username from case_people cp
                 join cases c on c.id = cp.case_id
                 join case_members m on m.case_id = c.id
                 join users u on u.id = m.user_id
                 where c.org_id = $1 and cp.person_id in ({marks})
                 union
                 select cp.person_id, u.username from case_people cp
                 join cases c on c.id = cp.case_id
                 join users u on u.id = c.owner_id
                 where c.org_id = $1 and cp.person_id in ({marks})"
            );
            let mut q = sqlx::query_as::<_, ContactRow>(&sql).bind(p.org_id.to_string());
            for id in chunk {
                q = q.bind(id);
            }
            for r in q.fetch_all(self.pool()).await? {
                out.entry(r.person_id).or_default().insert(r.username);
            }
        }
        Ok(out)
    }

    /// People by id, opened with their keys (no access check, no audit: callers do both).
    pub(super) async fn people_by_id(
        &self,
        ids: &[String],
    ) -> Result<HashMap<String, PersonView>, StoreError> {
        let mut out = HashMap::new();
        for chunk in ids.chunks(200) {
            let sql = format!(
                "select {PERSON_COLUMNS} from persons p where p.id in ({})",
                placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(&sql);
            for id in chunk {
                q = q.bind(id);
            }
            let rows = q.fetch_all(self.pool()).await?;
            for v in self.people_from_rows(&rows).await? {
                out.insert(v.id.to_string(), v);
            }
        }
        Ok(out)
    }
}

fn pair_of(
    r: &CandidateRow,
    people: &HashMap<String, PersonView>,
) -> Result<CandidatePair, StoreError> {
    let get = |id: &str| people.get(id).cloned().ok_or(StoreError::NotFound);
    Ok(CandidatePair {
        id: parse_id(&r.id)?,
        a: get(&r.person_a)?,
        b: get(&r.person_b)?,
        score: r.score_ppm as f64 / 1_000_000.0,
        fields: r
            .fields
            .split(',')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

/// `$from, $from+1, …` for `n` bound values.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
