//! Configuration: flags, then `LIBERTAS_*` environment variables, then `libertas.toml` in the
//! data directory, then defaults. Parsed once into typed values; unknown keys in the file are
//! an error, so a misspelt setting is never silently ignored.

use anyhow::Context;
use clap::Args;
use libertas_store::admin::hasher::HashLimits;
use libertas_store::admin::{LoginPolicy, SessionPolicy};
use libertas_store::StoreConfig;
use libertas_web::{ServerLimits, WebConfig};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Options every command takes.
#[derive(Debug, Args, Clone)]
pub struct GlobalOpts {
    /// Data directory: database, key store, master key, audit checkpoint.
    #[arg(long, global = true, env = "LIBERTAS_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// `postgres://…` to use PostgreSQL; default: the SQLite file in the data directory.
    #[arg(
        long,
        global = true,
        env = "LIBERTAS_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// The master key file; default `master.key` in the data directory. Keep it off the data
    /// disk in production (see docs/security.md).
    #[arg(long, global = true, env = "LIBERTAS_MASTER_KEY_FILE")]
    pub master_key_file: Option<PathBuf>,
}

/// The optional `libertas.toml` in the data directory.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub database_url: Option<String>,
    pub master_key_file: Option<PathBuf>,
    /// Address `serve` listens on, e.g. `127.0.0.1:8080`.
    pub listen: Option<String>,
    /// Set to false only for plain-HTTP development under a non-loopback host name.
    pub secure_cookies: Option<bool>,
    pub session_idle_minutes: Option<i64>,
    pub session_absolute_hours: Option<i64>,
    pub login_free_attempts: Option<i64>,
    pub max_body_bytes: Option<usize>,
    pub db_max_connections: Option<u32>,
    /// The helpline number shown on the public pages.
    pub helpline_number: Option<String>,
    /// The emergency number shown on the public pages.
    pub emergency_number: Option<String>,
    /// The organisation (by name) that receives public reports; default: the first created.
    pub public_reports_org: Option<String>,
    /// Default region for phone numbers without a country code (ISO 3166, e.g. "GB").
    pub default_region: Option<String>,
    /// Reverse proxies (IP addresses) whose X-Forwarded-For is trusted.
    pub trusted_proxies: Option<Vec<String>>,
    /// Per-client limits on the public routes; false only for benchmarks.
    pub rate_limits: Option<bool>,
    /// Difficulty (zero bits) of the public form's proof-of-work.
    pub pow_bits: Option<u32>,
    /// http:// URL that receives urgent-report events (no personal data).
    pub alert_webhook_url: Option<String>,
    /// "palermo" (default) or "uk": the law screening reasons refer to.
    pub screening_law: Option<String>,
    /// Public holidays skipped when deadlines are counted in working days ("YYYY-MM-DD").
    pub holidays: Option<Vec<String>>,
    /// Largest evidence file accepted, in bytes (default 25 MiB).
    pub max_evidence_bytes: Option<u64>,
    /// Failures on one account, across all clients, before its administrators are alerted.
    pub login_alert_after: Option<i64>,
    /// Memory for password hashing in MiB (each argon2id hash takes 19 MiB; at most one hash
    /// per core runs at once). Default: a quarter of the memory available at start, at most
    /// 256 MiB.
    pub password_hash_memory_mib: Option<usize>,
    /// Seconds a client has to send a request's headers (default 10); also bounds how long an
    /// idle keep-alive connection waits for its next request.
    pub header_read_timeout_secs: Option<u64>,
    /// Seconds a client has to send a request body (default 30), plus one second for every
    /// `body_min_bytes_per_sec` bytes received, so large uploads on slow links still work.
    pub body_read_timeout_secs: Option<u64>,
    /// The slowest upload rate that earns more time (default 8192 bytes per second).
    pub body_min_bytes_per_sec: Option<u64>,
    /// Seconds an idle keep-alive connection stays open (default 20).
    pub idle_timeout_secs: Option<u64>,
    /// Connections served at once (default 512); further ones wait in the listen queue.
    pub max_connections: Option<usize>,
    /// The organisation's time zone for times shown to people, an IANA name such as
    /// "Europe/London" (default "UTC"). Stored times stay UTC.
    pub time_zone: Option<String>,
    /// The address the public reaches this server at, for links in e-mail (`https://…` in
    /// production, behind the TLS proxy). Default: `http://` and the address `serve` listens on.
    pub public_url: Option<String>,
    /// The SMTP server for supporter e-mail (`docs/supporters.md`). Without it, messages stay
    /// queued.
    pub mail: Option<MailFile>,
    /// The payment provider's webhook (`docs/supporters.md`, "Gifts").
    pub payments: Option<PaymentsFile>,
}

/// `[payments]` in `libertas.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentsFile {
    /// The secret the payment provider signs its events with (at least 32 characters;
    /// `POST /api/v1/public/payment-events`). Without it that route answers 404.
    pub webhook_secret: Option<secrecy::SecretString>,
}

/// `[mail]` in `libertas.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailFile {
    pub host: String,
    /// Default: 587 with STARTTLS, 465 with TLS, 25 without.
    pub port: Option<u16>,
    /// "starttls" (default), "tls", or "none" (a relay on this machine only).
    pub tls: Option<String>,
    pub username: Option<String>,
    pub password: Option<secrecy::SecretString>,
    /// The sender: an address, or `Name <address>`.
    pub from: String,
    /// Messages a minute to one recipient domain (default 30).
    pub per_domain_per_minute: Option<u32>,
    /// Seconds before the first retry of a failed message, doubled for each further one
    /// (default 60).
    pub retry_base_secs: Option<u64>,
    /// Seconds between looks at the queue when it is empty (default 5).
    pub poll_secs: Option<u64>,
    /// Messages handed to the SMTP server at the same time, one connection each (1 to 32,
    /// default 4).
    pub connections: Option<usize>,
    /// The secret the mail provider signs its bounce and complaint reports with (at least 32
    /// characters; `POST /api/v1/public/mail-events`). Without it that route answers 404.
    pub webhook_secret: Option<secrecy::SecretString>,
}

impl MailFile {
    fn resolve(self) -> anyhow::Result<libertas_web::mailer::MailConfig> {
        use libertas_web::mailer::{MailConfig, SmtpTls};
        let tls = match self.tls.as_deref() {
            None | Some("starttls") => SmtpTls::StartTls,
            Some("tls") => SmtpTls::Tls,
            Some("none") => SmtpTls::None,
            Some(other) => anyhow::bail!(
                "libertas.toml: [mail] tls: {other:?} must be \"starttls\", \"tls\" or \"none\""
            ),
        };
        let port = self.port.unwrap_or(match tls {
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
            SmtpTls::None => 25,
        });
        if !libertas_web::mailer::valid_sender(&self.from) {
            anyhow::bail!(
                "libertas.toml: [mail] from: {:?} is not an e-mail address",
                self.from
            );
        }
        let mut m = MailConfig::new(self.host, port, self.from);
        m.tls = tls;
        m.username = self.username;
        m.password = self.password;
        if let Some(n) = self.per_domain_per_minute {
            m.per_domain_per_minute = n.clamp(1, 100_000);
        }
        if let Some(s) = self.retry_base_secs {
            m.retry_base = std::time::Duration::from_secs(s.clamp(1, 3600));
        }
        if let Some(s) = self.poll_secs {
            m.poll = std::time::Duration::from_secs(s.clamp(1, 600));
        }
        if let Some(n) = self.connections {
            if !(1..=32).contains(&n) {
                anyhow::bail!("libertas.toml: [mail] connections: {n} must be from 1 to 32");
            }
            m.connections = n;
        }
        Ok(m)
    }
}

/// Everything a command needs, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    pub store: StoreConfig,
    pub web: WebConfig,
    pub listen: Option<String>,
    /// Process-wide password hashing limits (set before the first hash).
    pub password_hashing: HashLimits,
    /// Whether `public_url` was set; if not, `serve` uses the address it listens on.
    pub public_url_given: bool,
}

pub const DEFAULT_DATA_DIR: &str = "./libertas-data";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

impl Config {
    pub fn resolve(opts: &GlobalOpts, default_dir: &str) -> anyhow::Result<Config> {
        let data_dir = opts
            .data_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(default_dir));
        let file = read_file_config(&data_dir)?;
        let mut store = StoreConfig::new(&data_dir);
        store.database_url = opts
            .database_url
            .clone()
            .or(file.database_url)
            .filter(|u| !u.is_empty());
        store.master_key_file = opts.master_key_file.clone().or(file.master_key_file);
        if let Some(n) = file.db_max_connections {
            store.max_connections = n.clamp(1, 512);
        }
        let mut web = WebConfig::default();
        if let Some(b) = file.secure_cookies {
            web.secure_cookies = b;
        }
        web.sessions = SessionPolicy {
            idle: time::Duration::minutes(
                file.session_idle_minutes.unwrap_or(30).clamp(1, 24 * 60),
            ),
            absolute: time::Duration::hours(
                file.session_absolute_hours.unwrap_or(12).clamp(1, 24 * 7),
            ),
        };
        web.logins = LoginPolicy {
            free_attempts: file.login_free_attempts.unwrap_or(5).clamp(1, 100),
            alert_after: file.login_alert_after.unwrap_or(20).clamp(1, 10_000),
            ..LoginPolicy::default()
        };
        let password_hashing = match file.password_hash_memory_mib {
            Some(mib) => HashLimits::from_memory(mib.clamp(19, 64 * 1024) << 20),
            None => HashLimits::default_for_this_machine(),
        };
        let secs = |v: Option<u64>, default: u64, max: u64| {
            std::time::Duration::from_secs(v.unwrap_or(default).clamp(1, max))
        };
        web.server = ServerLimits {
            header_read_timeout: secs(file.header_read_timeout_secs, 10, 600),
            body_read_timeout: secs(file.body_read_timeout_secs, 30, 3600),
            body_min_bytes_per_sec: file
                .body_min_bytes_per_sec
                .unwrap_or(8192)
                .clamp(1, 1 << 30),
            idle_timeout: secs(file.idle_timeout_secs, 20, 3600),
            max_connections: file.max_connections.unwrap_or(512).clamp(1, 100_000),
        };
        if let Some(n) = file.max_body_bytes {
            web.max_body_bytes = n.clamp(1024, 64 * 1024 * 1024);
        }
        if let Some(n) = file.helpline_number {
            web.helpline_number = n;
        }
        if let Some(n) = file.emergency_number {
            web.emergency_number = n;
        }
        web.public_reports_org = file.public_reports_org;
        if let Some(z) = file.time_zone {
            web.time_zone = libertas_web::parse_time_zone(&z)
                .map_err(|e| anyhow::anyhow!("libertas.toml: time_zone: {e}"))?;
        }
        if let Some(r) = file.default_region {
            web.default_region = libertas_domain::reports::identifiers::DefaultRegion::parse(&r)
                .with_context(|| {
                    format!("libertas.toml: default_region: {r:?} is not an ISO 3166 region code")
                })?;
        }
        for p in file.trusted_proxies.unwrap_or_default() {
            web.trusted_proxies.push(p.parse().with_context(|| {
                format!("libertas.toml: trusted_proxies: {p:?} is not an IP address")
            })?);
        }
        if let Some(b) = file.rate_limits {
            web.rate_limits = b;
        }
        if let Some(b) = file.pow_bits {
            web.pow_bits = b.clamp(0, 24);
        }
        if let Some(u) = file.alert_webhook_url {
            if !u.starts_with("http://") {
                anyhow::bail!("libertas.toml: alert_webhook_url: {u:?} must be an http:// URL (a relay on the server or its private network)");
            }
            web.alert_webhook_url = Some(u);
        }
        web.screening_law = match file.screening_law.as_deref() {
            None | Some("palermo") => libertas_domain::reports::screening::Jurisdiction::Palermo,
            Some("uk") => libertas_domain::reports::screening::Jurisdiction::UkModernSlaveryAct,
            Some(other) => anyhow::bail!(
                "libertas.toml: screening_law: {other:?} must be \"palermo\" or \"uk\""
            ),
        };
        for (i, h) in file.holidays.unwrap_or_default().iter().enumerate() {
            let date =
                time::Date::parse(h, time::macros::format_description!("[year]-[month]-[day]"))
                    .with_context(|| {
                        format!(
                            "libertas.toml: holidays[{i}]: {h:?} is not a date written YYYY-MM-DD"
                        )
                    })?;
            web.holidays.push(date);
        }
        if let Some(n) = file.max_evidence_bytes {
            web.max_evidence_bytes = n.clamp(1024, 4 * 1024 * 1024 * 1024);
        }
        let public_url_given = file.public_url.is_some();
        if let Some(u) = file.public_url {
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                anyhow::bail!("libertas.toml: public_url: {u:?} must be an https:// URL");
            }
            web.public_url = u.trim_end_matches('/').to_owned();
        }
        if let Some(secret) = file.mail.as_ref().and_then(|m| m.webhook_secret.clone()) {
            use secrecy::ExposeSecret;
            if secret.expose_secret().chars().count() < 32 {
                anyhow::bail!(
                    "libertas.toml: [mail] webhook_secret: must be at least 32 characters"
                );
            }
            web.mail_events_secret = Some(secret);
        }
        if let Some(secret) = file.payments.and_then(|p| p.webhook_secret) {
            use secrecy::ExposeSecret;
            if secret.expose_secret().chars().count() < 32 {
                anyhow::bail!(
                    "libertas.toml: [payments] webhook_secret: must be at least 32 characters"
                );
            }
            web.payment_events_secret = Some(secret);
        }
        web.mail = file.mail.map(MailFile::resolve).transpose()?;
        Ok(Config {
            store,
            web,
            listen: file.listen,
            password_hashing,
            public_url_given,
        })
    }
}

fn read_file_config(data_dir: &Path) -> anyhow::Result<FileConfig> {
    let path = data_dir.join("libertas.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .with_context(|| format!("{}: invalid configuration", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(e).with_context(|| format!("{}: cannot be read", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_rejected_with_their_name() {
        let err = toml::from_str::<FileConfig>("listen = \"127.0.0.1:1\"\nlisten_adress = 1\n")
            .unwrap_err();
        assert!(err.to_string().contains("listen_adress"), "{err}");
        let ok: FileConfig = toml::from_str("secure_cookies = false\n").unwrap();
        assert_eq!(ok.secure_cookies, Some(false));
    }

    #[test]
    fn deployment_settings_reach_the_web_layer() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("libertas.toml"),
            "helpline_number = \"0800 500 333\"\nemergency_number = \"112\"\ndefault_region = \"ro\"\nscreening_law = \"uk\"\npublic_reports_org = \"North\"\nholidays = [\"2026-12-25\"]\n",
        )
        .unwrap();
        let opts = GlobalOpts {
            data_dir: Some(dir.path().to_owned()),
            database_url: None,
            master_key_file: None,
        };
        let c = Config::resolve(&opts, "unused").unwrap();
        assert_eq!(c.web.helpline_number, "0800 500 333");
        assert_eq!(c.web.emergency_number, "112");
        assert_eq!(c.web.public_reports_org.as_deref(), Some("North"));
        assert_eq!(c.web.holidays, vec![time::macros::date!(2026 - 12 - 25)]);
        assert_eq!(
            c.web.screening_law,
            libertas_domain::reports::screening::Jurisdiction::UkModernSlaveryAct
        );
        std::fs::write(
            dir.path().join("libertas.toml"),
            "screening_law = \"mars\"\n",
        )
        .unwrap();
        let err = Config::resolve(&opts, "unused").unwrap_err().to_string();
        assert!(err.contains("screening_law"), "{err}");
        std::fs::write(
            dir.path().join("libertas.toml"),
            "time_zone = \"Europe/London\"\n",
        )
        .unwrap();
        let c = Config::resolve(&opts, "unused").unwrap();
        assert_eq!(c.web.time_zone.iana_name(), Some("Europe/London"));
        std::fs::write(
            dir.path().join("libertas.toml"),
            "time_zone = \"Europe/Londn\"\n",
        )
        .unwrap();
        let err = format!("{:#}", Config::resolve(&opts, "unused").unwrap_err());
        assert!(
            err.contains("time_zone") && err.contains("Europe/Londn") && err.contains("IANA"),
            "{err}"
        );
    }

    #[test]
    fn mail_settings_are_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let opts = GlobalOpts {
            data_dir: Some(dir.path().to_owned()),
            database_url: None,
            master_key_file: None,
        };
        let c = Config::resolve(&opts, "unused").unwrap();
        assert!(c.web.mail.is_none() && !c.public_url_given);
        std::fs::write(
            dir.path().join("libertas.toml"),
            "public_url = \"https://libertas.example.org/\"\n[mail]\nhost = \"smtp.example.org\"\ntls = \"tls\"\nusername = \"u\"\npassword = \"p\"\nfrom = \"Updates <updates@example.org>\"\nper_domain_per_minute = 5\nconnections = 12\n",
        )
        .unwrap();
        let c = Config::resolve(&opts, "unused").unwrap();
        assert_eq!(c.web.public_url, "https://libertas.example.org");
        let m = c.web.mail.unwrap();
        assert_eq!(
            (m.host.as_str(), m.port, m.tls),
            ("smtp.example.org", 465, libertas_web::mailer::SmtpTls::Tls)
        );
        assert_eq!((m.per_domain_per_minute, m.connections), (5, 12));
        // The password never shows in a debug print.
        assert!(!format!("{m:?}").contains("\"p\""));
        assert!(c.web.mail_events_secret.is_none());
        std::fs::write(
            dir.path().join("libertas.toml"),
            "[mail]\nhost = \"h\"\nfrom = \"a@b.org\"\nwebhook_secret = \"0123456789abcdef0123456789abcdef\"\n",
        )
        .unwrap();
        let c = Config::resolve(&opts, "unused").unwrap();
        assert!(c.web.mail_events_secret.is_some());
        assert!(c.web.payment_events_secret.is_none());
        std::fs::write(
            dir.path().join("libertas.toml"),
            "[payments]\nwebhook_secret = \"0123456789abcdef0123456789abcdef\"\n",
        )
        .unwrap();
        let c = Config::resolve(&opts, "unused").unwrap();
        assert!(c.web.payment_events_secret.is_some());
        for (bad, key) in [
            ("[mail]\nhost = \"h\"\nfrom = \"not an address\"\n", "from"),
            (
                "[mail]\nhost = \"h\"\nfrom = \"a@b.org\"\ntls = \"ssl3\"\n",
                "tls",
            ),
            (
                "[mail]\nhost = \"h\"\nfrom = \"a@b.org\"\nsender = 1\n",
                "sender",
            ),
            (
                "[mail]\nhost = \"h\"\nfrom = \"a@b.org\"\nwebhook_secret = \"short\"\n",
                "webhook_secret",
            ),
            (
                "[mail]\nhost = \"h\"\nfrom = \"a@b.org\"\nconnections = 0\n",
                "connections",
            ),
            (
                "[mail]\nhost = \"h\"\nfrom = \"a@b.org\"\nconnections = 33\n",
                "connections",
            ),
            (
                "[payments]\nwebhook_secret = \"short\"\n",
                "[payments] webhook_secret",
            ),
            ("[payments]\nsecret = \"x\"\n", "secret"),
        ] {
            std::fs::write(dir.path().join("libertas.toml"), bad).unwrap();
            let err = format!("{:#}", Config::resolve(&opts, "unused").unwrap_err());
            assert!(err.contains(key), "{err}");
        }
    }

    #[test]
    fn connection_and_hashing_limits_are_read_and_clamped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("libertas.toml"),
            "header_read_timeout_secs = 3\nbody_read_timeout_secs = 0\nidle_timeout_secs = 7\nmax_connections = 9\npassword_hash_memory_mib = 38\nlogin_alert_after = 12\n",
        )
        .unwrap();
        let opts = GlobalOpts {
            data_dir: Some(dir.path().to_owned()),
            database_url: None,
            master_key_file: None,
        };
        let c = Config::resolve(&opts, "unused").unwrap();
        assert_eq!(c.web.server.header_read_timeout.as_secs(), 3);
        assert_eq!(
            c.web.server.body_read_timeout.as_secs(),
            1,
            "clamped up to 1"
        );
        assert_eq!(c.web.server.idle_timeout.as_secs(), 7);
        assert_eq!(c.web.server.max_connections, 9);
        assert_eq!(c.web.logins.alert_after, 12);
        assert!(c.password_hashing.permits >= 1 && c.password_hashing.permits <= 2);
    }
}
