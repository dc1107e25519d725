//! Background jobs of this server process: work a page starts, then shows the progress and
//! the result of (the export page: `docs/exports.md`, "The export page").
//!
//! A job and its result live **in memory only**: an export file must never touch the data
//! directory, so nothing here is written anywhere. The price is that a job belongs to the
//! server process that runs it (a restart forgets it; behind a load balancer its pages need
//! the same node, see `docs/exports.md`).
//!
//! Bounded on purpose ([`JobLimits`]): at most a few jobs per user and a total per server, held
//! from the moment they are started until their result is dropped, a fixed time after they
//! finished; and only a few run at once (the others wait for a turn, as estimates do), so
//! exports never crowd out the requests of everyone else. A job is found by an unguessable id
//! (128 random bits) and only for the user who started it: for anyone else it does not exist.

use libertas_domain::ids::UserId;
use rand::RngCore;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use time::OffsetDateTime;

/// A finished file a job keeps for download: its bytes (shared by every download, never
/// copied) and what the download response says about them.
pub struct JobFile {
    pub bytes: axum::body::Bytes,
    /// `cases.csv`, `people.zip`, …
    pub file_name: String,
    pub content_type: &'static str,
    /// Data rows in the file.
    pub rows: usize,
    /// An encrypted ZIP (its passphrase is not kept: the page showed it before the job).
    pub encrypted: bool,
}

/// How many jobs are held, how many run at once, and how long a result is kept.
#[derive(Clone, Copy, Debug)]
pub struct JobLimits {
    /// Jobs one user may hold at a time (waiting, running, or finished and not yet dropped).
    pub per_user: usize,
    /// Jobs the server holds at a time, all users together.
    pub total: usize,
    /// Jobs running at the same moment; the others wait for a turn.
    pub at_once: usize,
    /// How long a finished job (and its result) is kept before it is dropped.
    pub keep: Duration,
}

impl JobLimits {
    /// The export page's limits: three files per user, sixteen per server, two being built at
    /// once, each kept fifteen minutes after it is ready.
    pub const EXPORTS: JobLimits = JobLimits {
        per_user: 3,
        total: 16,
        at_once: 2,
        keep: Duration::from_secs(15 * 60),
    };
}

/// Why a job was not started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The user already holds [`JobLimits::per_user`] jobs.
    UserBusy,
    /// The server already holds [`JobLimits::total`] jobs.
    ServerBusy,
}

/// Where a job stands.
pub enum JobState<T> {
    /// Started, waiting for a turn.
    Waiting,
    Running,
    Done(Arc<T>),
    /// Stopped; the code says why in the words of the page that shows it (`internal` when the
    /// work itself broke).
    Failed(&'static str),
}

impl<T> Clone for JobState<T> {
    fn clone(&self) -> Self {
        match self {
            JobState::Waiting => JobState::Waiting,
            JobState::Running => JobState::Running,
            JobState::Done(t) => JobState::Done(Arc::clone(t)),
            JobState::Failed(code) => JobState::Failed(code),
        }
    }
}

/// One job: whose it is, what it was asked to do (`spec`), how far it got.
pub struct Job<S, T> {
    owner: UserId,
    pub spec: S,
    done: AtomicU64,
    total: AtomicU64,
    /// The state, and when it finished (done or failed).
    state: Mutex<(JobState<T>, Option<OffsetDateTime>)>,
}

fn lock<X>(m: &Mutex<X>) -> MutexGuard<'_, X> {
    // A panic while holding these locks cannot leave them half-changed (each holder does one
    // assignment), so a poisoned lock is used as it is.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<S, T> Job<S, T> {
    /// Records progress: `done` of `total` items (the store's `progress(done, total)`).
    pub fn progress(&self, done: u64, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done.min(total), Ordering::Relaxed);
    }

    /// `(done, total)` as last recorded; `done` never exceeds `total`.
    pub fn counts(&self) -> (u64, u64) {
        let total = self.total.load(Ordering::Relaxed);
        (self.done.load(Ordering::Relaxed).min(total), total)
    }

    pub fn state(&self) -> JobState<T> {
        lock(&self.state).0.clone()
    }

    /// When it finished (done or failed); `None` while it waits or runs.
    pub fn finished_at(&self) -> Option<OffsetDateTime> {
        lock(&self.state).1
    }

    fn set(&self, state: JobState<T>, finished: Option<OffsetDateTime>) {
        *lock(&self.state) = (state, finished);
    }

    /// Finished before `now - keep`: to be dropped.
    fn expired(&self, now: OffsetDateTime, keep: Duration) -> bool {
        lock(&self.state).1.is_some_and(|at| at + keep <= now)
    }
}

/// The jobs of one kind this server process holds.
pub struct Jobs<S, T> {
    limits: JobLimits,
    jobs: Mutex<HashMap<String, Arc<Job<S, T>>>>,
    turns: Arc<tokio::sync::Semaphore>,
}

/// A new job id: 128 random bits from the operating system, as 32 hex digits.
fn new_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

impl<S, T> Jobs<S, T>
where
    S: Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    pub fn new(limits: JobLimits) -> Self {
        Self {
            limits,
            jobs: Mutex::new(HashMap::new()),
            turns: Arc::new(tokio::sync::Semaphore::new(limits.at_once)),
        }
    }

    /// Starts `work` for `owner` on a task of its own once a turn is free, and answers the
    /// job's id at once; or refuses when `owner` or the server holds too many jobs. `work`
    /// gets the job to record its progress on, and answers the result or a failure code.
    /// `now` is the web clock's time (finished jobs older than `keep` are dropped first).
    pub fn start<W, F>(
        self: &Arc<Self>,
        owner: UserId,
        spec: S,
        now: OffsetDateTime,
        work: W,
    ) -> Result<String, Refusal>
    where
        W: FnOnce(Arc<Job<S, T>>) -> F + Send + 'static,
        F: Future<Output = Result<T, &'static str>> + Send + 'static,
    {
        let id = new_id();
        let job = Arc::new(Job {
            owner,
            spec,
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            state: Mutex::new((JobState::Waiting, None)),
        });
        {
            let mut jobs = lock(&self.jobs);
            self.sweep(&mut jobs, now);
            if jobs.values().filter(|j| j.owner == owner).count() >= self.limits.per_user {
                return Err(Refusal::UserBusy);
            }
            if jobs.len() >= self.limits.total {
                return Err(Refusal::ServerBusy);
            }
            jobs.insert(id.clone(), Arc::clone(&job));
        }
        let this = Arc::clone(self);
        let key = id.clone();
        tokio::spawn(async move {
            let outcome = match Arc::clone(&this.turns).acquire_owned().await {
                Ok(_turn) => {
                    job.set(JobState::Running, None);
                    // On a task of its own, so that work that breaks (a panic) still ends
                    // the job as failed instead of leaving it running for ever.
                    tokio::spawn(work(Arc::clone(&job)))
                        .await
                        .unwrap_or(Err("internal"))
                }
                Err(_) => Err("internal"),
            };
            let state = match outcome {
                Ok(result) => JobState::Done(Arc::new(result)),
                Err(code) => JobState::Failed(code),
            };
            job.set(state, Some(super::clock::now()));
            drop(job);
            // Dropped after `keep` even if nobody asks for the server's jobs again.
            tokio::time::sleep(this.limits.keep).await;
            lock(&this.jobs).remove(&key);
        });
        Ok(id)
    }

    /// How long a finished job is kept.
    pub fn keep(&self) -> Duration {
        self.limits.keep
    }

    /// The job `id` if `owner` started it and it is still held; `None` otherwise, the same
    /// for a job of someone else as for one that never existed.
    pub fn get(&self, owner: UserId, id: &str, now: OffsetDateTime) -> Option<Arc<Job<S, T>>> {
        let mut jobs = lock(&self.jobs);
        self.sweep(&mut jobs, now);
        jobs.get(id).filter(|j| j.owner == owner).cloned()
    }

    /// Drops the jobs that finished more than `keep` before `now`.
    fn sweep(&self, jobs: &mut HashMap<String, Arc<Job<S, T>>>, now: OffsetDateTime) {
        jobs.retain(|_, j| !j.expired(now, self.limits.keep));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn user() -> UserId {
        UserId::from_uuid(Uuid::now_v7())
    }

    fn now() -> OffsetDateTime {
        super::super::clock::now()
    }

    /// Jobs that never get a turn (`at_once: 0`), so they stay held.
    fn stuck(per_user: usize, total: usize) -> Arc<Jobs<(), ()>> {
        Arc::new(Jobs::new(JobLimits {
            per_user,
            total,
            at_once: 0,
            keep: Duration::from_secs(60),
        }))
    }

    #[tokio::test]
    async fn limits_per_user_and_per_server_are_kept() {
        let jobs = stuck(2, 3);
        let (ana, bo) = (user(), user());
        for _ in 0..2 {
            jobs.start(ana, (), now(), |_| async { Ok(()) }).unwrap();
        }
        let refused = jobs.start(ana, (), now(), |_| async { Ok(()) });
        assert_eq!(refused, Err(Refusal::UserBusy));
        jobs.start(bo, (), now(), |_| async { Ok(()) }).unwrap();
        let refused = jobs.start(bo, (), now(), |_| async { Ok(()) });
        assert_eq!(refused, Err(Refusal::ServerBusy));
    }

    #[tokio::test]
    async fn a_job_is_found_only_by_its_owner() {
        let jobs = stuck(2, 3);
        let (ana, bo) = (user(), user());
        let id = jobs.start(ana, (), now(), |_| async { Ok(()) }).unwrap();
        assert_eq!(id.len(), 32);
        assert!(jobs.get(ana, &id, now()).is_some());
        assert!(jobs.get(bo, &id, now()).is_none());
        assert!(jobs
            .get(ana, "0123456789abcdef0123456789abcdef", now())
            .is_none());
        assert!(matches!(
            jobs.get(ana, &id, now()).unwrap().state(),
            JobState::Waiting
        ));
    }

    #[tokio::test]
    async fn a_finished_job_is_dropped_after_keep() {
        let jobs = Arc::new(Jobs::<(), u32>::new(JobLimits {
            per_user: 1,
            total: 1,
            at_once: 1,
            keep: Duration::from_secs(60),
        }));
        let ana = user();
        let id = jobs
            .start(ana, (), now(), |job| async move {
                job.progress(7, 5);
                Ok(42)
            })
            .unwrap();
        let job = jobs.get(ana, &id, now()).unwrap();
        while !matches!(job.state(), JobState::Done(_)) {
            tokio::task::yield_now().await;
        }
        assert_eq!(job.counts(), (5, 5), "done never exceeds total");
        // Still held (and counted against the limit) within `keep`; gone after it.
        let later = now() + Duration::from_secs(59);
        assert!(jobs.get(ana, &id, later).is_some());
        let refused = jobs.start(ana, (), later, |_| async { Ok(1) });
        assert_eq!(refused, Err(Refusal::UserBusy));
        let after = now() + Duration::from_secs(61);
        assert!(jobs.get(ana, &id, after).is_none());
        assert!(jobs.start(ana, (), after, |_| async { Ok(1) }).is_ok());
    }

    #[tokio::test]
    async fn work_that_breaks_ends_the_job_as_failed() {
        let jobs = Arc::new(Jobs::<(), ()>::new(JobLimits::EXPORTS));
        let ana = user();
        #[allow(clippy::panic)]
        let id = jobs
            .start(ana, (), now(), |_| async { panic!("broken work") })
            .unwrap();
        let job = jobs.get(ana, &id, now()).unwrap();
        while matches!(job.state(), JobState::Waiting | JobState::Running) {
            tokio::task::yield_now().await;
        }
        assert!(matches!(job.state(), JobState::Failed("internal")));
    }
}
