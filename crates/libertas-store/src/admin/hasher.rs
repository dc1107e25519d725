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
//! The limits are process-wide, like the memory they protect. [`runs`] counts hashes done, so
//! tests can prove that a refused login still did the work of a real one.

use crate::StoreError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};
use tokio::sync::Semaphore;
use zeroize::Zeroizing;

/// Memory one argon2id hash with the crate's defaults takes (m = 19,456 KiB).
pub const HASH_MEMORY_BYTES: usize = argon2::Params::DEFAULT_M_COST as usize * 1024;

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

/// A new argon2id hash of `password`.
pub async fn hash(password: &str) -> Result<String, StoreError> {
    let pw = Zeroizing::new(password.to_owned());
    run(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default()
            .hash_password(pw.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Internal(format!("password hashing: {e}")))
    })
    .await?
}

/// A hash of a password no account has, made once with the same parameters as real hashes
/// (argon2id, m=19456, t=2, p=1): unknown users and over-long passwords are verified against
/// it, so they cost exactly the work of a real account. A constant, so the first unknown user
/// after start costs no extra hash either.
const DECOY: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$nNz74DjubH5phEYhh7SE/w$lwz7vQmXXd8XC9kIgRoJTzU8/n3RLwCLbNOOMb+8GBA";

/// Whether `password` matches `stored` (an argon2 PHC string). With `stored = None` (no such
/// user) or a password too long to be anyone's, the decoy is verified instead and the answer
/// is false: the same work either way.
pub async fn verify(stored: Option<String>, password: &str) -> Result<bool, StoreError> {
    let too_long = password.chars().count() > libertas_domain::admin::Password::MAX_CHARS;
    let real = stored.is_some() && !too_long;
    let hash = stored.unwrap_or_default();
    let candidate = Zeroizing::new(if too_long {
        String::from("over-long password")
    } else {
        password.to_owned()
    });
    let ok = run(move || {
        let target = if real { hash.as_str() } else { DECOY };
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
}
