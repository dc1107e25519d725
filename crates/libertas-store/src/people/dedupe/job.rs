//! The duplicates job: link one organisation's people and store the pairs worth a look.
//!
//! Run on demand (`libertas people dedupe --org NAME`, which cron can call nightly). The
//! people's sealed fields are opened in memory, in batches, with their own keys; the
//! normalised values live only in the linkage engine's in-memory dataset and are dropped with
//! it. Nothing but ids, scores, agreeing field *names* and progress counters is written.
//!
//! Progress: the job's row (`dedupe_jobs`) carries its stage and `done`/`total`, updated about
//! once a second while the engine runs, so the job page (which reloads itself) and the CLI
//! show how far it is. These counter updates are not audited changes of a record; the job's
//! start and its result (with the number of people opened) are.

use super::LINKED;
use crate::admin::Caller;
use crate::audit::AuditEvent;
use crate::crypto::{key_version_of, open_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_analytics::linkage::{
    link, DatasetBuilder, Field, LinkOptions, Progress, RawRecord, Stage,
};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{DedupeJobId, OrgId};
use rand::SeedableRng;
use serde::Serialize;
use sqlx::FromRow;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use uuid::Uuid;
use zeroize::Zeroizing;

/// A job still `running` this long after its start is taken to have died with its server
/// and no longer keeps another from starting.
pub const STALE_JOB_MINUTES: i64 = 60;

/// Most pairs one run stores (the best-scored); the rest are counted in the audit.
pub const MAX_PAIRS: usize = 5_000;

/// Pairs written per transaction.
const WRITE_CHUNK: usize = 500;

/// People whose keys are read and fields opened per batch.
const BATCH: usize = 500;

/// Settings of a run.
#[derive(Clone, Debug)]
pub struct DedupeOptions {
    /// Pairs at or above this match probability are stored for review. Lower than the
    /// engine's cluster threshold on purpose: a person decides, so a few more proposals cost
    /// only a click, while a missed pair leaves a survivor split over two records.
    pub threshold: f64,
    /// Seed of the engine's random samples; the same seed and data give the same pairs.
    pub seed: u64,
}

impl Default for DedupeOptions {
    fn default() -> Self {
        DedupeOptions {
            threshold: 0.8,
            seed: 1,
        }
    }
}

/// Where a running job is, shared between the job, its caller (a CLI progress line) and the
/// row updater. Also the engine's [`Progress`] receiver.
#[derive(Debug, Default)]
pub struct JobProgress {
    stage: AtomicU8,
    done: AtomicU64,
    total: AtomicU64,
}

/// The stages of a job, in order, as stored in `dedupe_jobs.stage`.
const STAGES: [&str; 7] = [
    "reading",
    "training",
    "scoring",
    "clustering",
    "storing",
    "done",
    "failed",
];

impl JobProgress {
    fn set(&self, stage: usize, total: u64) {
        self.stage.store(stage as u8, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// The current stage's name, units done and units expected (0: unknown).
    pub fn snapshot(&self) -> (&'static str, u64, u64) {
        let s = usize::from(self.stage.load(Ordering::Relaxed)).min(STAGES.len() - 1);
        (
            STAGES[s],
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

impl Progress for JobProgress {
    fn start(&self, stage: Stage, total: u64) {
        let s = match stage {
            Stage::Training => 1,
            Stage::Scoring => 2,
            Stage::Clustering => 3,
        };
        self.set(s, total);
    }

    fn advance(&self, done: u64) {
        self.done.fetch_add(done, Ordering::Relaxed);
    }
}

/// A job as the job page shows it.
#[derive(Clone, Debug, Serialize, FromRow)]
pub struct DedupeJob {
    pub id: String,
    pub status: String,
    pub stage: String,
    pub done: i64,
    pub total: i64,
    pub people: i64,
    pub candidates: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
}

/// A person row as the job reads it: sealed fields, plain gender.
#[derive(FromRow)]
struct SealedPerson {
    id: String,
    given_name: Option<Vec<u8>>,
    family_name: Option<Vec<u8>>,
    birth_date: Option<Vec<u8>>,
    phone: Option<Vec<u8>>,
    email: Option<Vec<u8>>,
    identity_numbers: Option<Vec<u8>>,
    gender: Option<String>,
}

impl SealedPerson {
    fn sealed(&self) -> [&Option<Vec<u8>>; 6] {
        [
            &self.given_name,
            &self.family_name,
            &self.birth_date,
            &self.phone,
            &self.email,
            &self.identity_numbers,
        ]
    }
}

/// One person's opened values in [`LINKED`] order, then gender; wiped when dropped.
type Opened = [Zeroizing<String>; 7];

impl Store {
    /// Runs the duplicates job over `org`'s people and stores the pairs found at or above
    /// `opts.threshold` for review. Staff need `Administer` in `org`; the operator may run it
    /// for any organisation. Pairs already decided (merged or dismissed) are never proposed
    /// again; open ones get the new score.
    pub async fn run_dedupe_job(
        &self,
        caller: Caller<'_>,
        org: OrgId,
        opts: &DedupeOptions,
        progress: Arc<JobProgress>,
    ) -> Result<DedupeJob, StoreError> {
        let id = self.open_dedupe_job(&caller, org).await?;
        self.finish_dedupe_job(&caller, org, &id, opts, &progress)
            .await?;
        self.dedupe_job_row(&id).await
    }

    /// Starts the duplicates job over the administrator's own organisation in the background
    /// (the server's, for a page or the API) and returns its row at once, `running`; the
    /// queue page shows its progress. One job per organisation at a time: while one started
    /// less than [`STALE_JOB_MINUTES`] ago is still running, another is refused (`Refused` on
    /// `job`). A job cut short by a restart stays `running` and stops blocking after that.
    pub async fn start_dedupe_job(&self, p: &Principal) -> Result<DedupeJob, StoreError> {
        let caller = Caller::Staff(p);
        let id = self.open_dedupe_job(&caller, p.org_id).await?;
        let (store, principal, job) = (self.clone(), p.clone(), id.clone());
        tokio::spawn(async move {
            let progress = Arc::new(JobProgress::default());
            let caller = Caller::Staff(&principal);
            let org = principal.org_id;
            if let Err(e) = store
                .finish_dedupe_job(&caller, org, &job, &DedupeOptions::default(), &progress)
                .await
            {
                tracing::warn!(job = %job, error = %e, "the duplicates job failed");
            }
        });
        self.dedupe_job_row(&id).await
    }

    /// Checks the caller, refuses a second running job, and records the job's start.
    async fn open_dedupe_job(&self, caller: &Caller<'_>, org: OrgId) -> Result<String, StoreError> {
        caller.administer(org)?;
        let id = DedupeJobId::from_uuid(Uuid::now_v7()).to_string();
        let started_by = caller
            .principal()
            .map_or_else(|| "cli".to_owned(), |p| p.user_id.to_string());
        let now = clock::now();
        let fresh = clock::to_text(now - time::Duration::minutes(STALE_JOB_MINUTES));
        let mut tx = self.write(caller.actor()).await?;
        let running: i64 = sqlx::query_scalar(
            "select count(*) from dedupe_jobs
             where org_id = $1 and status = 'running' and started_at > $2",
        )
        .bind(org.to_string())
        .bind(&fresh)
        .fetch_one(tx.conn()?)
        .await?;
        if running > 0 {
            return Err(StoreError::Refused {
                field: "job",
                message: "a duplicates job is already running for this organisation",
            });
        }
        sqlx::query(
            "insert into dedupe_jobs (id, org_id, status, stage, started_by, started_at)
             values ($1, $2, 'running', 'reading', $3, $4)",
        )
        .bind(&id)
        .bind(org.to_string())
        .bind(&started_by)
        .bind(clock::to_text(now))
        .execute(tx.conn()?)
        .await?;
        tx.audit(AuditEvent::new(
            "dedupe.job.start",
            "dedupe_job",
            Some(id.clone()),
            "find duplicate person records",
        ))
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Runs a started job to its end, marking it failed if it does not get there.
    async fn finish_dedupe_job(
        &self,
        caller: &Caller<'_>,
        org: OrgId,
        id: &str,
        opts: &DedupeOptions,
        progress: &Arc<JobProgress>,
    ) -> Result<(), StoreError> {
        let outcome = self.dedupe(caller, org, id, opts, progress).await;
        if outcome.is_err() {
            progress.set(6, 0);
            let _ = self.save_progress(id, progress, Some("failed")).await;
        }
        outcome
    }

    async fn dedupe(
        &self,
        caller: &Caller<'_>,
        org: OrgId,
        job: &str,
        opts: &DedupeOptions,
        progress: &Arc<JobProgress>,
    ) -> Result<(), StoreError> {
        let rows = sqlx::query_as::<_, SealedPerson>(
            "select p.id, p.given_name, p.family_name, p.birth_date, p.phone, p.email,
                    p.identity_numbers, p.gender
             from persons p
             where p.org_id = $1 and p.erased_at is null
               and not exists (select 1 from person_merges m
                               where m.absorbed_id = p.id and m.undone_at is null)
             order by p.id",
        )
        .bind(org.to_string())
        .fetch_all(self.pool())
        .await?;
        progress.set(0, rows.len() as u64);
        let mut ids = Vec::with_capacity(rows.len());
        let mut opened: Vec<Opened> = Vec::with_capacity(rows.len());
        for chunk in rows.chunks(BATCH) {
            self.open_people_batch(chunk, &mut ids, &mut opened).await?;
            progress.advance(chunk.len() as u64);
            self.save_progress(job, progress, None).await?;
        }
        let mut builder = DatasetBuilder::new();
        for o in &opened {
            let mut raw = RawRecord::default();
            for (i, (_, field)) in LINKED.iter().enumerate() {
                raw.values[field.index()] = o[i].as_str();
            }
            raw.values[Field::Gender.index()] = o[6].as_str();
            builder.push(&raw);
        }
        drop(opened);
        let ds = builder.finish();
        let people = ds.len();
        let threshold = opts.threshold;
        let seed = opts.seed;
        let engine = Arc::clone(progress);
        let mut run = tokio::task::spawn_blocking(move || {
            let lo = LinkOptions {
                pairs_min_probability: threshold,
                ..LinkOptions::default()
            };
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let linked = if ds.len() < 2 {
                Ok(vec![])
            } else {
                link(&ds, &lo, None, &mut rng, engine.as_ref()).map(|l| {
                    l.pairs
                        .iter()
                        .map(|p| {
                            let agree: Vec<&'static str> = LINKED
                                .iter()
                                .map(|(name, f)| (*name, *f))
                                .chain([("gender", Field::Gender)])
                                .filter(|(_, f)| {
                                    let a = ds.id(*f, p.a as usize);
                                    a.is_some() && a == ds.id(*f, p.b as usize)
                                })
                                .map(|(name, _)| name)
                                .collect();
                            (p.a, p.b, p.probability, agree)
                        })
                        .collect()
                })
            };
            linked
        });
        let pairs = loop {
            tokio::select! {
                done = &mut run => break done,
                () = tokio::time::sleep(std::time::Duration::from_secs(1)) => {
                    self.save_progress(job, progress, None).await?;
                }
            }
        };
        let pairs = pairs
            .map_err(|_| StoreError::Internal("duplicates job stopped".into()))?
            .map_err(|e| StoreError::Internal(format!("linkage: {e}")))?;
        progress.set(4, pairs.len() as u64);
        self.save_progress(job, progress, None).await?;
        self.store_candidates(caller, org, job, people, &ids, &pairs)
            .await?;
        progress.set(5, 0);
        self.save_progress(job, progress, Some("done")).await
    }

    /// Opens one batch of people with their keys. A person whose key is gone is skipped.
    async fn open_people_batch(
        &self,
        chunk: &[SealedPerson],
        ids: &mut Vec<String>,
        opened: &mut Vec<Opened>,
    ) -> Result<(), StoreError> {
        let version = |r: &SealedPerson| {
            r.sealed()
                .into_iter()
                .flatten()
                .find_map(|s| key_version_of(s))
        };
        let wanted: Vec<(&str, u32)> = chunk
            .iter()
            .filter_map(|r| Some((r.id.as_str(), version(r)?)))
            .collect();
        let keys = self
            .keys()
            .get_many(self.ring(), OwnerKind::Person, &wanted)
            .await?;
        for r in chunk {
            let Some(key) = version(r).and_then(|v| keys.get(&(r.id.clone(), v))) else {
                continue;
            };
            let mut o: Opened = Default::default();
            for (i, sealed) in r.sealed().into_iter().enumerate() {
                let Some(s) = sealed else { continue };
                let at = FieldRef {
                    table: "persons",
                    column: LINKED[i].0,
                    row: &r.id,
                };
                let plain = open_field(key, at, s).ok_or(StoreError::Crypto("person field"))?;
                let text = String::from_utf8_lossy(&plain);
                o[i] = Zeroizing::new(if i == 5 {
                    first_identity_number(&text)
                } else {
                    text.into_owned()
                });
            }
            o[6] = Zeroizing::new(r.gender.clone().unwrap_or_default());
            ids.push(r.id.clone());
            opened.push(o);
        }
        Ok(())
    }

    /// Writes the pairs found (one transaction, with the job's audit event) and the job's
    /// totals.
    async fn store_candidates(
        &self,
        caller: &Caller<'_>,
        org: OrgId,
        job: &str,
        people: usize,
        ids: &[String],
        pairs: &[(u32, u32, f64, Vec<&'static str>)],
    ) -> Result<(), StoreError> {
        let now = clock::now_text();
        // The best-scored pairs only, so records that all look alike (placeholder names such
        // as "Unknown") cannot flood the queue: nobody reviews a hundred thousand pairs.
        let mut best: Vec<&(u32, u32, f64, Vec<&'static str>)> = pairs.iter().collect();
        best.sort_by(|x, y| y.2.total_cmp(&x.2));
        let dropped = best.len().saturating_sub(MAX_PAIRS);
        best.truncate(MAX_PAIRS);
        // Written in short transactions, so other writers (and audited reads) never wait
        // long for the database.
        for chunk in best.chunks(WRITE_CHUNK) {
            let mut tx = self.write(caller.actor()).await?;
            for (a, b, probability, agree) in chunk {
                let (x, y) = (&ids[*a as usize], &ids[*b as usize]);
                let (a, b) = if x < y { (x, y) } else { (y, x) };
                sqlx::query(
                    "insert into dedupe_candidates
                        (id, org_id, job_id, person_a, person_b, score_ppm, fields, status, created_at)
                     values ($1, $2, $3, $4, $5, $6, $7, 'open', $8)
                     on conflict (org_id, person_a, person_b) do update
                        set job_id = excluded.job_id, score_ppm = excluded.score_ppm,
                            fields = excluded.fields
                        where dedupe_candidates.status = 'open'",
                )
                .bind(Uuid::now_v7().to_string())
                .bind(org.to_string())
                .bind(job)
                .bind(a)
                .bind(b)
                .bind((probability * 1_000_000.0).round() as i64)
                .bind(agree.join(","))
                .bind(&now)
                .execute(tx.conn()?)
                .await?;
            }
            tx.audit(
                AuditEvent::new(
                    "dedupe.job.pairs",
                    "dedupe_job",
                    Some(job.to_owned()),
                    "find duplicate person records",
                )
                .detail(serde_json::json!({ "pairs": chunk.len() })),
            )
            .await?;
            tx.commit().await?;
        }
        let mut tx = self.write(caller.actor()).await?;
        sqlx::query("update dedupe_jobs set people = $1, candidates = $2 where id = $3")
            .bind(people as i64)
            .bind(best.len() as i64)
            .bind(job)
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new(
                "dedupe.job.finish",
                "dedupe_job",
                Some(job.to_owned()),
                "find duplicate person records",
            )
            .detail(serde_json::json!({
                "people_opened": people,
                "pairs": best.len(),
                "pairs_not_stored": dropped,
            })),
        )
        .await?;
        tx.commit().await
    }

    /// Copies the shared progress into the job's row (and the final status, when given).
    async fn save_progress(
        &self,
        job: &str,
        progress: &JobProgress,
        status: Option<&str>,
    ) -> Result<(), StoreError> {
        let (stage, done, total) = progress.snapshot();
        let finished = status.map(|_| clock::now_text());
        sqlx::query(
            "update dedupe_jobs set stage = $1, done = $2, total = $3,
                status = coalesce($4, status), finished_at = coalesce($5, finished_at)
             where id = $6",
        )
        .bind(stage)
        .bind(done as i64)
        .bind(total as i64)
        .bind(status)
        .bind(finished)
        .bind(job)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn dedupe_job_row(&self, id: &str) -> Result<DedupeJob, StoreError> {
        sqlx::query_as::<_, DedupeJob>(
            "select id, status, stage, done, total, people, candidates, started_at, finished_at
             from dedupe_jobs where id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)
    }

    /// The organisation's latest jobs, newest first, for the job page. Case work or
    /// administration in the organisation; the rows hold counts only.
    pub async fn dedupe_jobs(
        &self,
        caller: Caller<'_>,
        org: OrgId,
    ) -> Result<Vec<DedupeJob>, StoreError> {
        match caller.principal() {
            Some(p) if p.org_id != org => return Err(StoreError::NotFound),
            Some(p)
                if !p.can(libertas_domain::admin::Capability::WorkCases)
                    && !p.can(libertas_domain::admin::Capability::Administer) =>
            {
                return Err(StoreError::Forbidden)
            }
            _ => {}
        }
        let jobs = sqlx::query_as::<_, DedupeJob>(
            "select id, status, stage, done, total, people, candidates, started_at, finished_at
             from dedupe_jobs where org_id = $1 order by started_at desc limit 20",
        )
        .bind(org.to_string())
        .fetch_all(self.pool())
        .await?;
        Ok(jobs)
    }
}

/// The first identity number of the sealed JSON list (the engine compares one).
fn first_identity_number(json: &str) -> String {
    serde_json::from_str::<Vec<String>>(json)
        .ok()
        .and_then(|v| v.into_iter().next())
        .unwrap_or_default()
}
