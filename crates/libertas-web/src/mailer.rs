//! The outbox sender: a task of the server process that hands queued supporter messages to
//! an SMTP server (`lettre`), configured in `libertas.toml` (`[mail]`).
//!
//! Every few seconds it asks the store for due messages (ids and keyed domain hashes only),
//! keeps back those whose recipient domain has had its share this minute, claims the rest
//! (an audited write that counts the attempt and leases the row) and sends them one by one.
//! Accepted: marked sent. A 5xx reply: failed for good. Anything else (no connection, a 4xx,
//! a timeout): tried again after a back-off that doubles per attempt. Because the queue is a
//! table, a restart loses nothing: what was queued is sent once the server is back.
//!
//! Without `[mail]` the task does not send: messages stay queued, the server log says how
//! many wait, and the supporter staff's page says that no mail server is configured.
//!
//! Messages are written by `libertas_domain::supporters::message`: the confirmation in plain
//! text, an update as `multipart/alternative` (text and HTML from the staff's Markdown, with
//! no image, no raw HTML): no tracking pixel, no rewritten link. Each carries `List-Unsubscribe` with the https
//! unsubscribe URL and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).

use crate::state::AppState;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use libertas_domain::supporters::message::Message;
use libertas_store::supporters::{Claimed, SendFailure};
use secrecy::{ExposeSecret, SecretString};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP: only for a relay on the same machine or a test server.
    None,
    /// STARTTLS, required (the usual port 587).
    StartTls,
    /// TLS from the first byte (the usual port 465).
    Tls,
}

/// The `[mail]` section of `libertas.toml`.
#[derive(Clone, Debug)]
pub struct MailConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    /// The sender, `Name <address>` or an address.
    pub from: String,
    /// At most this many messages a minute to one recipient domain.
    pub per_domain_per_minute: u32,
    /// The first retry waits this long; each further one twice as long as the one before.
    pub retry_base: Duration,
    /// How often the queue is looked at.
    pub poll: Duration,
    /// Messages handed to the SMTP server at the same time, each over its own connection of
    /// lettre's pool, reused message after message (1 to 32).
    pub connections: usize,
}

impl MailConfig {
    /// Defaults for everything but the server and the sender.
    pub fn new(host: impl Into<String>, port: u16, from: impl Into<String>) -> Self {
        Self {
            host: host.into(),
            port,
            tls: SmtpTls::StartTls,
            username: None,
            password: None,
            from: from.into(),
            per_domain_per_minute: 30,
            retry_base: Duration::from_secs(60),
            poll: Duration::from_secs(5),
            connections: 4,
        }
    }
}

/// Whether `from` is an address (or `Name <address>`) the sender can write messages from.
pub fn valid_sender(from: &str) -> bool {
    from.parse::<lettre::message::Mailbox>().is_ok()
}

/// How long a claimed message is left to its sender before another may try it.
const LEASE: time::Duration = time::Duration::minutes(5);
/// Messages looked at per round.
const BATCH: i64 = 50;

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim_matches(['<', '>']).to_owned()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

type Transport = AsyncSmtpTransport<Tokio1Executor>;

fn transport(cfg: &MailConfig) -> Result<Transport, lettre::transport::smtp::Error> {
    let builder = match cfg.tls {
        SmtpTls::None => Transport::builder_dangerous(cfg.host.as_str()),
        SmtpTls::StartTls => Transport::starttls_relay(&cfg.host)?,
        SmtpTls::Tls => Transport::relay(&cfg.host)?,
    };
    // One pooled connection per message sent at once. lettre 0.11.23 leaves Nagle's algorithm
    // on, so a message waits for the server's delayed ACK (about 40 ms on Linux) between its
    // body and the final dot: one connection carries about 22 messages a second however fast
    // the server is (lettre pull request 1159 sets TCP_NODELAY; not released yet).
    let mut builder = builder
        .port(cfg.port)
        .timeout(Some(Duration::from_secs(30)))
        .pool_config(
            lettre::transport::smtp::PoolConfig::new()
                .max_size(u32::try_from(cfg.connections.clamp(1, 32)).unwrap_or(4)),
        );
    if let Some(domain) = cfg
        .from
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>'))
    {
        builder = builder.hello_name(ClientId::Domain(domain.to_owned()));
    }
    if let (Some(user), Some(password)) = (&cfg.username, &cfg.password) {
        builder = builder.credentials(Credentials::new(
            user.clone(),
            password.expose_secret().to_owned(),
        ));
    }
    Ok(builder.build())
}

/// The e-mail for `m`, UTF-8, with the unsubscribe headers: plain text,
/// `multipart/alternative` (text, then HTML) when the message has an HTML part, or
/// `multipart/mixed` (text, then the file) when it carries an attachment.
fn email(cfg: &MailConfig, m: &Message) -> Result<lettre::Message, SendFailure> {
    let permanent = || SendFailure::Permanent {
        code: Some("address".into()),
    };
    let builder = lettre::Message::builder()
        .from(cfg.from.parse().map_err(|_| SendFailure::Temporary {
            code: Some("from".into()),
        })?)
        .to(m.to.parse().map_err(|_| permanent())?)
        .subject(m.subject.clone())
        .header(ListUnsubscribe(m.unsubscribe_url.clone()))
        .header(ListUnsubscribePost);
    if let Some(a) = &m.attachment {
        // `multipart/mixed`: the text, then the file (a giving statement's PDF).
        let kind = ContentType::parse(&a.content_type).map_err(|_| permanent())?;
        let file = Attachment::new(a.file_name.clone()).body(a.bytes.clone(), kind);
        return builder
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(m.text.clone()))
                    .singlepart(file),
            )
            .map_err(|_| permanent());
    }
    match &m.html {
        None => builder.header(ContentType::TEXT_PLAIN).body(m.text.clone()),
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            m.text.clone(),
            html.clone(),
        )),
    }
    .map_err(|_| permanent())
}

fn failure(e: &lettre::transport::smtp::Error) -> SendFailure {
    let code = e.status().map(|c| c.to_string());
    if e.is_permanent() {
        SendFailure::Permanent { code }
    } else {
        SendFailure::Temporary { code }
    }
}

/// Per-domain budgets for the current minute, by keyed domain hash.
struct DomainBudget {
    per_minute: u32,
    window: Instant,
    used: HashMap<String, u32>,
}

impl DomainBudget {
    fn take(&mut self, domain: &str) -> bool {
        if self.window.elapsed() >= Duration::from_secs(60) {
            self.window = Instant::now();
            self.used.clear();
        }
        let used = self.used.entry(domain.to_owned()).or_insert(0);
        if *used < self.per_minute {
            *used += 1;
            true
        } else {
            false
        }
    }
}

/// Starts the sender (with `[mail]`), or a watcher that logs how many messages wait unsent,
/// and beside either the task that queues updates whose time has come.
pub fn spawn(state: &AppState) -> tokio::task::JoinHandle<()> {
    let store = state.store.clone();
    let public_url = state.config.public_url.trim_end_matches('/').to_owned();
    let poll = state
        .config
        .mail
        .as_ref()
        .map_or(Duration::from_secs(5), |m| m.poll);
    let updates = queue_updates(store.clone(), public_url, poll);
    let sender = sender(store, state.config.mail.clone());
    tokio::spawn(async move {
        tokio::join!(sender, updates);
    })
}

/// Supporters queued per batch of an update (one write each; see `Store::updates_enqueue_due`).
const UPDATE_BATCH: i64 = 1000;

/// Every `poll`, starts the scheduled updates whose time has come and queues the updates
/// being sent, batch after batch. The schedule is in the database, so an update due while the
/// server was down is sent at the next start.
async fn queue_updates(store: libertas_store::Store, public_url: String, poll: Duration) {
    let url = move |token: &str, lang: libertas_domain::i18n::Lang| {
        format!(
            "{public_url}/updates/unsubscribe/{token}?lang={}",
            lang.code()
        )
    };
    loop {
        match store
            .updates_enqueue_due(crate::http::clock::now(), &url, UPDATE_BATCH)
            .await
        {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "queueing an update failed"),
        }
        tokio::time::sleep(poll).await;
    }
}

async fn sender(store: libertas_store::Store, mail: Option<MailConfig>) {
    match mail {
        Some(cfg) => send_forever(store, cfg).await,
        None => {
            let mut tick = tokio::time::interval(Duration::from_secs(600));
            loop {
                tick.tick().await;
                if let Ok(c) = store.outbox_counts_all().await {
                    if c.queued > 0 {
                        tracing::warn!(
                            queued = c.queued,
                            "e-mail messages are waiting but no mail server is configured ([mail] in libertas.toml)"
                        );
                    }
                }
            }
        }
    }
}

/// The sender: hands due messages from the outbox to the SMTP server of `cfg`, within its
/// per-domain limit, for ever (public for the mailing benchmark, which runs it against a
/// local server).
pub async fn send_forever(store: libertas_store::Store, cfg: MailConfig) {
    let smtp = match transport(&cfg) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "the [mail] settings do not make an SMTP transport; messages stay queued");
            return;
        }
    };
    let mut budget = DomainBudget {
        per_minute: cfg.per_domain_per_minute.max(1),
        window: Instant::now(),
        used: HashMap::new(),
    };
    let base = time::Duration::try_from(cfg.retry_base).unwrap_or(time::Duration::MINUTE);
    loop {
        let sent = round(&store, &smtp, &cfg, &mut budget, base).await;
        if sent == 0 {
            tokio::time::sleep(cfg.poll).await;
        }
    }
}

/// One look at the queue; returns how many messages were tried.
async fn round(
    store: &libertas_store::Store,
    smtp: &Transport,
    cfg: &MailConfig,
    budget: &mut DomainBudget,
    base: time::Duration,
) -> usize {
    let due = match store.outbox_due(BATCH).await {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!(error = %e, "reading the outbox failed");
            return 0;
        }
    };
    let chosen: Vec<String> = due
        .into_iter()
        .filter(|d| budget.take(&d.domain))
        .map(|d| d.id)
        .collect();
    if chosen.is_empty() {
        return 0;
    }
    let claimed = match store.outbox_claim(&chosen, LEASE).await {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "claiming outbox messages failed");
            return 0;
        }
    };
    let n = claimed.len();
    // Up to `connections` messages at once, each over a connection of the transport's pool; the
    // outcomes of the round are recorded together, in one write.
    let mut sending = tokio::task::JoinSet::new();
    let mut outcomes = Vec::with_capacity(n);
    for c in claimed {
        while sending.len() >= cfg.connections.max(1) {
            if let Some(Ok(o)) = sending.join_next().await {
                outcomes.push(o);
            }
        }
        let (smtp, cfg) = (smtp.clone(), cfg.clone());
        sending.spawn(async move { send_one(&smtp, &cfg, c).await });
    }
    while let Some(done) = sending.join_next().await {
        if let Ok(o) = done {
            outcomes.push(o);
        }
    }
    if let Err(e) = store.outbox_record(&outcomes, base).await {
        tracing::warn!(error = %e, "recording the outcomes of a round of sending failed");
    }
    n
}

/// Hands one claimed message to the SMTP server; answers its id and what happened.
async fn send_one(
    smtp: &Transport,
    cfg: &MailConfig,
    c: Claimed,
) -> (String, Result<(), SendFailure>) {
    let outcome = match email(cfg, &c.message) {
        Ok(e) => smtp.send(e).await.map(|_| ()).map_err(|e| failure(&e)),
        Err(f) => Err(f),
    };
    if let Err(f) = &outcome {
        tracing::info!(message_id = %c.id, attempts = c.attempts, failure = ?f, "sending a message failed");
    }
    (c.id, outcome)
}
