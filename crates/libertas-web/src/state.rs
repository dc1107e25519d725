//! Shared state and the web layer's configuration.

use crate::http::jobs::{JobFile, JobLimits, Jobs};
use crate::limits::Limiter;
use libertas_domain::reports::identifiers::DefaultRegion;
use libertas_domain::reports::screening::Jurisdiction;
use libertas_store::admin::{LoginPolicy, SessionPolicy};
use libertas_store::exports::ExportRequest;
use libertas_store::Store;
use std::net::IpAddr;
use std::sync::Arc;

/// Settings the binary parses from flags, environment and `libertas.toml`.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Mark cookies `Secure` and use the `__Host-` prefix. Only turned off for plain-HTTP
    /// development on a non-loopback name; browsers treat loopback as secure.
    pub secure_cookies: bool,
    /// Demo mode, set only by the `libertas demo` command (never from data): every page says
    /// so, and the second factor is waived.
    pub demo: bool,
    pub sessions: SessionPolicy,
    pub logins: LoginPolicy,
    pub max_body_bytes: usize,
    /// Largest evidence file accepted (plaintext bytes); the upload routes get a body limit
    /// just above it instead of `max_body_bytes`.
    pub max_evidence_bytes: u64,
    /// The helpline the public pages give, as people should dial it (shown as written).
    pub helpline_number: String,
    /// The emergency number the public pages tell people to call when someone is in danger now.
    pub emergency_number: String,
    /// The organisation (by name) that receives public reports; default: the first created.
    pub public_reports_org: Option<String>,
    /// Region for phone numbers written without a country code (ISO 3166 code, e.g. `GB`).
    pub default_region: DefaultRegion,
    /// Reverse proxies whose `X-Forwarded-For` is believed (for telling clients apart).
    pub trusted_proxies: Vec<IpAddr>,
    /// Per-client rate limits on the public routes (turned off only for benchmarks).
    pub rate_limits: bool,
    /// Zero bits the public form's proof-of-work must reach.
    pub pow_bits: u32,
    /// Where to post urgent-report events (no personal data), if anywhere.
    pub alert_webhook_url: Option<String>,
    /// The national law screening reasons are written against by default (the verdict always
    /// follows the Palermo Protocol).
    pub screening_law: Jurisdiction,
    /// Public holidays skipped by working-day deadlines (identification decisions).
    pub holidays: Vec<time::Date>,
    /// Header, body and idle timeouts and the connection cap.
    pub server: crate::server::ServerLimits,
    /// The organisation's time zone: every time shown to a person is in it (stored times stay
    /// UTC). Read with [`crate::parse_time_zone`]; default UTC.
    pub time_zone: jiff::tz::TimeZone,
    /// How many export jobs the export page holds and runs, and how long it keeps a file
    /// ([`JobLimits::EXPORTS`]; tests change them).
    pub export_jobs: JobLimits,
    /// The address the public reaches this server at (`https://…` in production), for links
    /// in e-mail (confirmation, unsubscribe). Default: `http://127.0.0.1:8080`.
    pub public_url: String,
    /// The SMTP server for supporter e-mail; `None`: messages stay queued.
    pub mail: Option<crate::mailer::MailConfig>,
    /// The secret the mail provider signs its bounce and complaint reports with
    /// (`supporters/events.rs`); `None`: that route answers 404.
    pub mail_events_secret: Option<secrecy::SecretString>,
    /// The secret the payment provider signs its events with (`supporters/payments.rs`);
    /// `None`: that route answers 404.
    pub payment_events_secret: Option<secrecy::SecretString>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: true,
            demo: false,
            sessions: SessionPolicy::default(),
            logins: LoginPolicy::default(),
            max_body_bytes: 256 * 1024,
            max_evidence_bytes: 25 * 1024 * 1024,
            // The UK Modern Slavery & Exploitation Helpline and the UK emergency number.
            helpline_number: "08000 121 700".to_owned(),
            emergency_number: "999".to_owned(),
            public_reports_org: None,
            default_region: DefaultRegion::default(),
            trusted_proxies: vec![],
            rate_limits: true,
            pow_bits: 16,
            alert_webhook_url: None,
            screening_law: Jurisdiction::Palermo,
            holidays: vec![],
            server: crate::server::ServerLimits::default(),
            time_zone: jiff::tz::TimeZone::UTC,
            export_jobs: JobLimits::EXPORTS,
            public_url: "http://127.0.0.1:8080".to_owned(),
            mail: None,
            mail_events_secret: None,
            payment_events_secret: None,
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub limiter: Arc<Limiter>,
    /// Bounds concurrent public submissions so a flood cannot crowd out staff requests.
    pub public_writes: Arc<tokio::sync::Semaphore>,
    /// The export page's background jobs and their files, in this process's memory only.
    pub export_jobs: Arc<Jobs<ExportRequest, JobFile>>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self {
            store,
            limiter: Arc::new(Limiter::new(config.rate_limits, config.pow_bits)),
            public_writes: Arc::new(tokio::sync::Semaphore::new(8)),
            export_jobs: Arc::new(Jobs::new(config.export_jobs)),
            config: Arc::new(config),
        }
    }
}
