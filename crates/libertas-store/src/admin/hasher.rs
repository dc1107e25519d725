//! The one bounded password hasher.
//!
//! argon2id with the `argon2` crate's defaults needs 19 MiB and a core for each hash. Before
//! this module every login hashed at once on the blocking pool, so 250 simultaneous logins
//! (unknown usernames included) took the server from 0.9 GB to 5 GB. Now every hash and every
//! verification in Libertas — login, TOTP step's password check, password change, user
//! creation — goes through [`run`]:
//!
//! - at most `permits` hashes run at once, sized from memory and cores ([`HashLimits`]);
//! - at most `max_waiting` callers queue for a permit; anyone beyond gets
//!   [`StoreError::Busy`] at once (the web answers 429 with `Retry-After`), so a flood costs
//!   neither memory nor an ever-growing queue;
//! - hashes run on `permits` dedicated threads, and the permit travels into the job, so a
//!   caller that gives up (a client that disconnects) does not free memory still in use.
//!
//! The limits are process-wide, like the memory they protect. The cost of a hash
//! ([`HashCost`]) is each store's own, from its configuration (`StoreConfig::password_hash`):
//! production's by default, the lowest argon2 allows in tests, so the suite does not spend its
//! time hashing. [`runs`] counts hashes done in the process and [`Hasher`] those of one store,
//! so tests can prove that a refused login still did the work of a real one.

use crate::StoreError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};
use tokio::sync::Semaphore;
use zeroize::Zeroizing;

/// Memory one argon2id hash with the crate's defaults takes (m = 19,456 KiB).
pub const HASH_MEMORY_BYTES: usize = argon2::Params::DEFAULT_M_COST as usize * 1024;

/// The argon2id parameters of new password hashes. Verifying reads them from the stored hash,
/// so a change of cost applies to passwords set from then on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashCost {
    /// Memory in KiB (argon2's `m`).
    pub memory_kib: u32,
    /// Passes over the memory (argon2's `t`).
    pub iterations: u32,
    /// Lanes (argon2's `p`).
    pub parallelism: u32,
}

impl HashCost {
    /// Production's cost: the `argon2` crate's defaults, OWASP's recommendation for argon2id
    /// (documented in docs/security.md, "Hashing"; a test holds the two together).
    pub const PRODUCTION: HashCost = HashCost {
        memory_kib: argon2::Params::DEFAULT_M_COST,
        iterations: argon2::Params::DEFAULT_T_COST,
        parallelism: argon2::Params::DEFAULT_P_COST,
    };

    /// The lowest cost argon2 accepts, for tests only: a hash takes microseconds instead of
    /// tens of milliseconds, and everything else about signing in stays the same.
    pub const TESTING: HashCost = HashCost {
        memory_kib: argon2::Params::MIN_M_COST,
        iterations: argon2::Params::MIN_T_COST,
        parallelism: argon2::Params::MIN_P_COST,
    };

    fn argon2(self) -> Result<Argon2<'static>, StoreError> {
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, None)
            .map_err(|e| StoreError::Config(format!("password hash cost {self:?}: {e}")))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    /// The decoy at this cost: [`DECOY`]'s salt and digest under this cost's parameters, so
    /// verifying against it costs what verifying a real hash of this store costs.
    fn decoy(self) -> Cow<'static, str> {
        if self == Self::PRODUCTION {
            return Cow::Borrowed(DECOY);
        }
        let tail = DECOY.splitn(5, '$').nth(4).unwrap_or_default();
        Cow::Owned(format!(
            "$argon2id$v=19$m={},t={},p={}${tail}",
            self.memory_kib, self.iterations, self.parallelism
        ))
    }
}

impl Default for HashCost {
    fn default() -> Self {
        Self::PRODUCTION
    }
}

/// One store's way into the hasher: the cost its configuration chose and its own count of the
/// hashes it ran (tests of one server read it while others hash in the same process).
#[derive(Clone, Copy)]
pub struct Hasher<'a> {
    cost: HashCost,
    runs: &'a AtomicU64,
}

impl<'a> Hasher<'a> {
    pub(crate) fn new(cost: HashCost, runs: &'a AtomicU64) -> Self {
        Self { cost, runs }
    }

    /// A new argon2id hash of `password` at this store's cost.
    pub async fn hash(self, password: &str) -> Result<String, StoreError> {
        self.runs.fetch_add(1, Ordering::SeqCst);
        hash_at(self.cost, password).await
    }

    /// [`verify`], with the decoy at this store's cost.
    pub async fn verify(self, stored: Option<String>, password: &str) -> Result<bool, StoreError> {
        self.runs.fetch_add(1, Ordering::SeqCst);
        verify_with(self.cost.decoy(), stored, password).await
    }
}

/// How much password hashing may run at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashLimits {
    /// Hashes in flight; each holds [`HASH_MEMORY_BYTES`] and a core.
    pub permits: usize,
    /// Callers allowed to wait for a permit before further ones are turned away.
    pub max_waiting: usize,
}

impl HashLimits {
    /// From a memory budget for hashing: as many hashes as fit, never more than the cores
    /// (argon2 is CPU-bound: more at once only queue inside the kernel), at least one.
    pub fn from_memory(budget_bytes: usize) -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        let permits = (budget_bytes / HASH_MEMORY_BYTES).clamp(1, cores.max(1));
        Self {
            permits,
            max_waiting: permits * 32,
        }
    }

    /// The default budget: a quarter of the memory available at start (from
    /// `/proc/meminfo`), at most 256 MiB; 64 MiB where it cannot be read.
    pub fn default_for_this_machine() -> Self {
        let available = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|t| {
                t.lines()
                    .find(|l| l.starts_with("MemAvailable:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|kib| kib.parse::<usize>().ok())
            })
            .map(|kib| kib * 1024);
        let budget = available.map_or(64 << 20, |a| (a / 4).min(256 << 20));
        Self::from_memory(budget)
    }
}

type Job = Box<dyn FnOnce() + Send>;

struct Pool {
    limits: HashLimits,
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    /// Jobs go to `permits` long-lived worker threads. Not tokio's blocking pool: that grows
    /// to hundreds of threads under a flood, and the allocator keeps a freed 19 MiB block in
    /// each thread's arena, so memory grew with the number of threads ever used (measured:
    /// 730 MiB for 250 concurrent sign-ins). A fixed set of threads keeps it to
    /// `permits` arenas.
    jobs: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
}

fn start_workers(n: usize) -> std::sync::mpsc::Sender<Job> {
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let rx = Arc::new(std::sync::Mutex::new(rx));
    for i in 0..n.max(1) {
        let rx = rx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("libertas-hash-{i}"))
            .spawn(move || loop {
                let job = match rx.lock() {
                    Ok(r) => r.recv(),
                    Err(_) => return,
                };
                match job {
                    Ok(job) => job(),
                    Err(_) => return,
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start a password hashing thread");
        }
    }
    tx
}

static CONFIGURED: OnceLock<HashLimits> = OnceLock::new();
static POOL: LazyLock<Pool> = LazyLock::new(|| {
    let limits = *CONFIGURED.get_or_init(HashLimits::default_for_this_machine);
    Pool {
        limits,
        permits: Arc::new(Semaphore::new(limits.permits)),
        waiting: AtomicUsize::new(0),
        jobs: std::sync::Mutex::new(start_workers(limits.permits)),
    }
});
static RUNS: AtomicU64 = AtomicU64::new(0);

/// Sets the limits before the first hash. Returns false (and changes nothing) if hashing has
/// already started or limits were set before.
pub fn configure(limits: HashLimits) -> bool {
    CONFIGURED.set(limits).is_ok() && LazyLock::force(&POOL).limits == limits
}

/// The limits in force.
pub fn limits() -> HashLimits {
    POOL.limits
}

/// How many hashes or verifications have run in this process (for tests and figures).
pub fn runs() -> u64 {
    RUNS.load(Ordering::SeqCst)
}

/// Seconds a turned-away caller is told to wait.
pub const BUSY_RETRY_SECS: u64 = 2;

struct Waiting;

impl Drop for Waiting {
    fn drop(&mut self) {
        POOL.waiting.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs one hash-sized job under the limits.
async fn run<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Result<T, StoreError> {
    let pool = &*POOL;
    if pool.waiting.fetch_add(1, Ordering::SeqCst) >= pool.limits.max_waiting {
        pool.waiting.fetch_sub(1, Ordering::SeqCst);
        return Err(StoreError::Busy {
            retry_after: BUSY_RETRY_SECS,
        });
    }
    let waiting = Waiting;
    let permit = pool
        .permits
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| StoreError::Internal("password hasher closed".into()))?;
    drop(waiting);
    RUNS.fetch_add(1, Ordering::SeqCst);
    let (done, result) = tokio::sync::oneshot::channel();
    let work: Job = Box::new(move || {
        let _permit = permit;
        let _ = done.send(job());
    });
    pool.jobs
        .lock()
        .map_err(|_| StoreError::Internal("password hasher poisoned".into()))?
        .send(work)
        .map_err(|_| StoreError::Internal("password hashing threads are gone".into()))?;
    result
        .await
        .map_err(|_| StoreError::Internal("password hashing job was lost".into()))
}

/// A new argon2id hash of `password` at production's cost.
pub async fn hash(password: &str) -> Result<String, StoreError> {
    hash_at(HashCost::PRODUCTION, password).await
}

async fn hash_at(cost: HashCost, password: &str) -> Result<String, StoreError> {
    let argon2 = cost.argon2()?;
    let pw = Zeroizing::new(password.to_owned());
    run(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2
            .hash_password(pw.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Internal(format!("password hashing: {e}")))
    })
    .await?
}

/// A hash of a password no account has, made once with the same parameters as real hashes
/// (argon2id, m=19456, t=2, p=1: [`HashCost::PRODUCTION`]): unknown users and over-long passwords are verified against
/// it, so they cost exactly the work of a real account. A constant, so the first unknown user
/// after start costs no extra hash either.
const DECOY: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$nNz74DjubH5phEYhh7SE/w$lwz7vQmXXd8XC9kIgRoJTzU8/n3RLwCLbNOOMb+8GBA";

/// Whether `password` matches `stored` (an argon2 PHC string). With `stored = None` (no such
/// user) or a password too long to be anyone's, the decoy is verified instead and the answer
/// is false: the same work either way.
pub async fn verify(stored: Option<String>, password: &str) -> Result<bool, StoreError> {
    verify_with(Cow::Borrowed(DECOY), stored, password).await
}

async fn verify_with(
    decoy: Cow<'static, str>,
    stored: Option<String>,
    password: &str,
) -> Result<bool, StoreError> {
    let too_long = password.chars().count() > libertas_domain::admin::Password::MAX_CHARS;
    let real = stored.is_some() && !too_long;
    let hash = stored.unwrap_or_default();
    let candidate = Zeroizing::new(if too_long {
        String::from("over-long password")
    } else {
        password.to_owned()
    });
    let ok = run(move || {
        let target = if real { hash.as_str() } else { &decoy };
        PasswordHash::new(target)
            .map(|h| {
                Argon2::default()
                    .verify_password(candidate.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await?;
    Ok(ok && real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_follow_memory_and_cores() {
        let one = HashLimits::from_memory(1);
        assert_eq!(one.permits, 1, "at least one");
        let cores = std::thread::available_parallelism().unwrap().get();
        let big = HashLimits::from_memory(1 << 40);
        assert_eq!(big.permits, cores, "never more than the cores");
        assert_eq!(HashLimits::from_memory(HASH_MEMORY_BYTES).permits, 1);
        assert_eq!(big.max_waiting, big.permits * 32);
    }

    #[tokio::test]
    async fn verify_runs_the_work_for_unknown_and_over_long() {
        let h = hash("correct horse battery").await.unwrap();
        let before = runs();
        assert!(verify(Some(h.clone()), "correct horse battery")
            .await
            .unwrap());
        assert!(!verify(Some(h.clone()), "wrong").await.unwrap());
        assert!(!verify(None, "correct horse battery").await.unwrap());
        assert!(!verify(Some(h), &"x".repeat(5000)).await.unwrap());
        assert!(runs() - before >= 4);
        // The decoy has the parameters of a real hash.
        let real = hash("x y z w v u t s").await.unwrap();
        assert_eq!(real.split('$').nth(3), DECOY.split('$').nth(3));
    }

    #[test]
    fn production_cost_is_the_crates_default_and_the_decoys() {
        let d = argon2::Params::default();
        assert_eq!(
            (d.m_cost(), d.t_cost(), d.p_cost()),
            (19_456, 2, 1),
            "the argon2 crate changed its defaults: update HashCost and docs/security.md"
        );
        assert_eq!(HashCost::default(), HashCost::PRODUCTION);
        assert_eq!(HashCost::PRODUCTION.decoy(), DECOY);
    }

    #[tokio::test]
    async fn a_store_hashes_at_its_cost_and_counts_its_own_runs() {
        let runs = AtomicU64::new(0);
        let h = Hasher::new(HashCost::TESTING, &runs);
        let hashed = h.hash("correct horse battery").await.unwrap();
        assert!(
            hashed.starts_with("$argon2id$v=19$m=8,t=1,p=1$"),
            "{hashed}"
        );
        assert!(h
            .verify(Some(hashed.clone()), "correct horse battery")
            .await
            .unwrap());
        assert!(!h.verify(Some(hashed.clone()), "wrong").await.unwrap());
        assert!(!h.verify(None, "correct horse battery").await.unwrap());
        // The decoy has the parameters of this store's real hashes.
        let decoy = HashCost::TESTING.decoy();
        assert_eq!(hashed.split('$').nth(3), decoy.split('$').nth(3));
        assert!(PasswordHash::new(&decoy).is_ok());
        assert_eq!(runs.load(Ordering::SeqCst), 4);
    }
}
