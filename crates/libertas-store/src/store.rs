//! The `Store`: opening and initialising a data directory, and the handles every feature
//! module uses.

use crate::audit::{self, Actor, AuditQuery, AuditRecord, VerifyOutcome, CHECKPOINT_FILE};
use crate::crypto::{Keyring, MasterKey, MASTER_KEY_FILE};
use crate::db::{self, Backend};
use crate::keystore::KeyStore;
use crate::migrations;
use crate::tx::{WriteTx, Writer};
use crate::StoreError;
use sqlx::AnyPool;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The SQLite database file in the data directory.
pub const DATABASE_FILE: &str = "libertas.sqlite";
/// The key store's SQLite file in the data directory (SQLite deployments).
pub const KEYSTORE_FILE: &str = "keys.sqlite";
/// The supporter store's SQLite file in the data directory (SQLite deployments; on PostgreSQL
/// the schema `supporters` of the main database). See `supporters`.
pub const SUPPORTERS_FILE: &str = "supporters.sqlite";
/// The PostgreSQL schema of the supporter store.
pub(crate) const SUPPORTERS_SCHEMA: &str = "supporters";

/// Where the data lives.
#[derive(Clone, Debug)]
pub struct StoreConfig {
    pub data_dir: PathBuf,
    /// `postgres://…`, or `None` for the SQLite file in the data directory.
    pub database_url: Option<String>,
    /// Defaults to `master.key` in the data directory.
    pub master_key_file: Option<PathBuf>,
    /// Connections in the main pool.
    pub max_connections: u32,
    /// Enforce the per-user budget of look-ups about records outside the caller's cases
    /// (`people::search::budget`). Only benchmarks turn it off.
    pub lookup_limits: bool,
    /// The argon2id cost of new password hashes: production's by default; tests lower it
    /// (`testing::TestData`).
    pub password_hash: crate::admin::hasher::HashCost,
}

impl StoreConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            database_url: None,
            master_key_file: None,
            max_connections: 16,
            lookup_limits: true,
            password_hash: crate::admin::hasher::HashCost::PRODUCTION,
        }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(u) => u.clone(),
            None => sqlite_url(&self.data_dir.join(DATABASE_FILE)),
        }
    }

    fn keystore_url(&self) -> String {
        match &self.database_url {
            Some(u) if !u.starts_with("sqlite:") => u.clone(),
            _ => sqlite_url(&self.data_dir.join(KEYSTORE_FILE)),
        }
    }

    /// The supporter store: its own SQLite file beside the main one, or the main PostgreSQL
    /// database (whose schema `supporters` holds it).
    fn supporters_url(&self) -> String {
        match &self.database_url {
            Some(u) if !u.starts_with("sqlite:") => u.clone(),
            _ => sqlite_url(&self.supporters_file()),
        }
    }

    /// The supporter store's SQLite file (unused on PostgreSQL).
    pub fn supporters_file(&self) -> PathBuf {
        match self.database_url().as_str() {
            u if u.starts_with("sqlite:") => sqlite_path(u)
                .and_then(|p| p.parent().map(|d| d.join(SUPPORTERS_FILE)))
                .unwrap_or_else(|| self.data_dir.join(SUPPORTERS_FILE)),
            _ => self.data_dir.join(SUPPORTERS_FILE),
        }
    }

    /// The main pool's connections: on SQLite they attach the supporter store's file.
    async fn connect_main(&self, max_connections: u32) -> Result<AnyPool, StoreError> {
        let attach = match self.backend()? {
            Backend::Sqlite => Some(self.supporters_file().display().to_string()),
            Backend::Postgres => None,
        };
        db::connect_attaching(&self.database_url(), max_connections, None, attach).await
    }

    /// The SQLite files of this deployment (main database, key store, supporter store); none
    /// on PostgreSQL.
    fn sqlite_files(&self) -> Vec<PathBuf> {
        [
            self.database_url(),
            self.keystore_url(),
            self.supporters_url(),
        ]
        .iter()
        .filter_map(|u| sqlite_path(u))
        .collect()
    }

    pub fn master_key_path(&self) -> PathBuf {
        self.master_key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join(MASTER_KEY_FILE))
    }

    pub fn checkpoint_path(&self) -> PathBuf {
        self.data_dir.join(CHECKPOINT_FILE)
    }

    pub fn backend(&self) -> Result<Backend, StoreError> {
        Backend::of_url(&self.database_url())
    }
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// The file of a `sqlite:` URL (`sqlite://path?options` or `sqlite:path`).
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// An open data directory: database pool, key store and derived keys.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    pool: AnyPool,
    writer: Arc<Writer>,
    backend: Backend,
    keys: KeyStore,
    ring: Keyring,
    config: StoreConfig,
    /// Password hashes and verifications this store ran (`admin::hasher::Hasher`).
    hash_runs: std::sync::atomic::AtomicU64,
}

impl Store {
    /// Creates a new data directory (an existing empty one is fine): master key, database and
    /// key store. Refuses to touch existing data.
    pub async fn init(config: StoreConfig) -> Result<Store, StoreError> {
        prepare_empty_dir(&config)?;
        let backend = config.backend()?;
        if backend == Backend::Postgres {
            let pool = db::connect(&config.database_url(), 2, None).await?;
            let taken = db::has_schema(&pool).await?;
            pool.close().await;
            if taken {
                return Err(StoreError::Config(
                    "the PostgreSQL database already holds Libertas data; refusing to initialise over it".into(),
                ));
            }
        }
        let master = MasterKey::create(&config.master_key_path())?;
        Self::connect(config, master, true).await
    }

    /// Opens an initialised data directory. Never creates a master key: a missing or wrong key
    /// stops the program with a clear message.
    pub async fn open(config: StoreConfig) -> Result<Store, StoreError> {
        if config.backend()? == Backend::Sqlite && !config.data_dir.join(DATABASE_FILE).exists() {
            return Err(StoreError::Config(format!(
                "{} holds no Libertas database; run `libertas init` first",
                config.data_dir.display()
            )));
        }
        let master = MasterKey::load(&config.master_key_path())?;
        Self::connect(config, master, false).await
    }

    async fn connect(
        config: StoreConfig,
        master: MasterKey,
        init: bool,
    ) -> Result<Store, StoreError> {
        let backend = config.backend()?;
        let ring = Keyring::derive(&master);
        drop(master);
        // Created 0600 before SQLite opens them, so their -wal and -shm files are 0600 too.
        for file in config.sqlite_files() {
            crate::private_fs::prepare_sqlite_file(&file)?;
        }
        if backend == Backend::Postgres {
            let pool = db::connect(&config.database_url(), 1, None).await?;
            sqlx::query("create schema if not exists libertas_keys")
                .execute(&pool)
                .await?;
            sqlx::query("create schema if not exists supporters")
                .execute(&pool)
                .await?;
            pool.close().await;
        }
        // The supporter store's migrations run on a connection of their own, whose unqualified
        // names are its file's or schema's; at run time the main connections reach its tables
        // as `supporters.…`.
        let supporters = db::connect(
            &config.supporters_url(),
            1,
            (backend == Backend::Postgres).then_some(SUPPORTERS_SCHEMA),
        )
        .await?;
        migrations::migrate(&supporters, backend, migrations::SUPPORTER_MIGRATIONS).await?;
        supporters.close().await;
        let keys = KeyStore::open(&config.keystore_url(), backend).await?;
        keys.check_master_key(&ring, init).await?;
        let pool = config.connect_main(config.max_connections).await?;
        migrations::migrate(&pool, backend, migrations::MAIN_MIGRATIONS).await?;
        let writer = Arc::new(Writer::new(config.connect_main(1).await?));
        let store = Store {
            inner: Arc::new(Inner {
                pool,
                writer,
                backend,
                keys,
                ring,
                config,
                hash_runs: std::sync::atomic::AtomicU64::new(0),
            }),
        };
        if store.reapply_erasures().await? + store.reapply_supporter_erasures().await? > 0 {
            // Logged by `scrub_database` if it cannot finish; starting must not fail on it.
            let _ = store.scrub_database().await?;
        }
        store.seal_legacy_text().await?;
        store.number_old(crate::numbers::NumberKind::Case).await?;
        store.number_old(crate::numbers::NumberKind::Report).await?;
        store.reindex_search().await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.inner.backend
    }

    pub fn config(&self) -> &StoreConfig {
        &self.inner.config
    }

    /// The password hasher at this store's cost, counting into this store.
    pub(crate) fn hasher(&self) -> crate::admin::hasher::Hasher<'_> {
        crate::admin::hasher::Hasher::new(self.inner.config.password_hash, &self.inner.hash_runs)
    }

    /// Password hashes and verifications this store has run (for tests and figures).
    pub fn password_hash_runs(&self) -> u64 {
        self.inner
            .hash_runs
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.inner.pool
    }

    pub(crate) fn ring(&self) -> &Keyring {
        &self.inner.ring
    }

    pub(crate) fn keys(&self) -> &KeyStore {
        &self.inner.keys
    }

    /// Starts a write transaction on behalf of `actor`.
    pub async fn write(&self, actor: Actor) -> Result<WriteTx<'_>, StoreError> {
        WriteTx::begin(&self.inner.writer, self.ring(), self.keys(), actor).await
    }

    /// Records events that accompany no other change (reads of personal data, logins,
    /// exports) and commits them before the caller responds.
    pub async fn record(
        &self,
        actor: Actor,
        mut events: Vec<audit::AuditEvent>,
    ) -> Result<(), StoreError> {
        // Choose the reasons' keys before queueing for the writer (a key-store read each).
        for e in &mut events {
            e.choose_reason_key(self.keys(), self.ring()).await?;
        }
        let mut tx = self.write(actor).await?;
        for e in events {
            tx.audit(e).await?;
        }
        tx.commit().await
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("select 1").fetch_one(self.pool()).await.is_ok()
    }

    /// Writes the audit checkpoint file if the chain has grown since the last one.
    pub async fn checkpoint(&self) -> Result<bool, StoreError> {
        let audit::Head { seq, mac } =
            sqlx::query_as::<_, audit::Head>("select seq, mac from audit_head where id = 1")
                .fetch_one(self.pool())
                .await?;
        if seq == 0 {
            return Ok(false);
        }
        let path = self.config().checkpoint_path();
        audit::checkpoint::write(&path, self.ring(), seq, &mac)
    }

    /// Re-walks the audit chain.
    pub async fn verify_audit(&self) -> Result<VerifyOutcome, StoreError> {
        audit::verify::verify(self.pool(), self.ring(), &self.config().checkpoint_path()).await
    }

    /// Reads audit events: administrators those of their own organisation (whatever `q`
    /// says; the read is itself audited as `audit.read`), the operator any.
    pub async fn audit_events<'a>(
        &self,
        caller: impl Into<crate::admin::Caller<'a>>,
        q: &AuditQuery,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        let caller = caller.into();
        caller.may_administer()?;
        let mut q = q.clone();
        if let Some(org) = caller.org_scope() {
            q.org_id = Some(org.to_string());
        }
        let found = audit::export::query(self, &q).await?;
        self.record_audit_read(&caller, q.object_id.clone(), found.len())
            .await?;
        Ok(found)
    }

    /// One page of the audit trail for the audit viewer, newest first (administrators only,
    /// confined to their organisation; the read is recorded).
    pub async fn audit_page<'a>(
        &self,
        caller: impl Into<crate::admin::Caller<'a>>,
        q: &audit::AuditBrowse,
    ) -> Result<audit::AuditPage, StoreError> {
        let caller = caller.into();
        caller.may_administer()?;
        let mut q = q.clone();
        q.org_id = caller.org_scope().map(|org| org.to_string());
        let found = audit::browse::page(self, &q).await?;
        self.record_audit_read(&caller, q.object_id.clone(), found.events.len())
            .await?;
        Ok(found)
    }

    /// Records that an administrator read `events` events of the trail (about `object_id`, when
    /// filtered by it). The operator's console reads are not recorded here.
    async fn record_audit_read(
        &self,
        caller: &crate::admin::Caller<'_>,
        object_id: Option<String>,
        events: usize,
    ) -> Result<(), StoreError> {
        if caller.principal().is_some() {
            self.record(
                caller.actor(),
                vec![audit::AuditEvent::new(
                    "audit.read",
                    "audit",
                    object_id,
                    "administrator viewed the audit trail",
                )
                .detail(serde_json::json!({ "events": events }))],
            )
            .await?;
        }
        Ok(())
    }

    /// A value of the `meta` table.
    pub async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("select value from meta where key = $1")
            .bind(key)
            .fetch_optional(self.pool())
            .await?)
    }

    /// Sets a `meta` value inside a write transaction.
    pub async fn set_meta(tx: &mut WriteTx<'_>, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query(
            "insert into meta (key, value) values ($1, $2)
             on conflict (key) do update set value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(tx.conn()?)
        .await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.inner.writer.pool().close().await;
        self.inner.pool.close().await;
        self.inner.keys.pool().close().await;
    }
}

/// `init` accepts a missing or empty directory (an optional `libertas.toml` is allowed), and
/// creates it with mode 0700.
fn prepare_empty_dir(config: &StoreConfig) -> Result<(), StoreError> {
    let dir = &config.data_dir;
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)?;
        let stray = entries.find_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().to_string_lossy().into_owned();
            (name != "libertas.toml").then_some(name)
        });
        if let Some(name) = stray {
            return Err(StoreError::Config(format!(
                "{} is not empty (it holds {name}); refusing to initialise over existing files",
                dir.display()
            )));
        }
    } else {
        std::fs::create_dir_all(dir)?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}
