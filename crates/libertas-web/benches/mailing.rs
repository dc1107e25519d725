//! Issue 13's mailing benchmark: an update to 100,000 confirmed supporters, queued by the
//! server's own queueing step and handed by the server's own sender to a local SMTP server
//! (aiosmtpd, counting what it accepts), on SQLite and on PostgreSQL when
//! `LIBERTAS_BENCH_DATABASE_URL` or `LIBERTAS_TEST_DATABASE_URL` names a server.
//!
//! `cargo bench -p libertas-web --bench mailing -- --recipients 100000 --domains 500`
//!
//! Prints the seconds and messages per second of each phase, and the sender's progress every
//! few seconds. The per-domain limit is raised for the run (`[mail] per_domain_per_minute`):
//! at the default 30 per domain and minute, 100,000 messages over 500 domains would take
//! seven minutes by design, which measures the limit, not the software.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use libertas_domain::admin::Role;
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::UpdateDraft;
use libertas_store::testing::{bulk_supporters, principal, TestData};
use libertas_store::Store;
use libertas_web::mailer::{self, MailConfig, SmtpTls};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// The number after `name` on the command line, or `default`.
fn arg(name: &str, default: usize) -> usize {
    std::env::args()
        .skip_while(|a| a != name)
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// An SMTP server that accepts every message and counts them: a line on its standard input
/// asks for the count.
const COUNTER: &str = r#"
import sys
from aiosmtpd.controller import Controller
count = 0
class Counter:
    async def handle_DATA(self, server, session, envelope):
        global count
        count += 1
        return "250 Message accepted for delivery"
c = Controller(Counter(), hostname="127.0.0.1", port=int(sys.argv[1]))
c.start()
print("ready", flush=True)
for _ in sys.stdin:
    print(count, flush=True)
c.stop()
"#;

struct Sink {
    port: u16,
    child: Child,
    ask: ChildStdin,
    answer: BufReader<ChildStdout>,
}

impl Sink {
    fn start() -> Sink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new("/usr/bin/python3")
            .args(["-c", COUNTER, &port.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd (apt-get install python3-aiosmtpd)");
        let ask = child.stdin.take().unwrap();
        let mut answer = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        answer.read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "aiosmtpd did not start");
        Sink {
            port,
            child,
            ask,
            answer,
        }
    }

    fn received(&mut self) -> u64 {
        writeln!(self.ask).unwrap();
        let mut line = String::new();
        self.answer.read_line(&mut line).unwrap();
        line.trim().parse().unwrap()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn backends() -> Vec<&'static str> {
    let pg = std::env::var("LIBERTAS_BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("LIBERTAS_TEST_DATABASE_URL"))
        .ok()
        .filter(|u| !u.is_empty());
    if let Some(u) = pg {
        // TestData makes its fresh database on the test server.
        std::env::set_var("LIBERTAS_TEST_DATABASE_URL", u);
        vec!["sqlite", "postgres"]
    } else {
        vec!["sqlite"]
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let n = arg("--recipients", 100_000);
    let domains = arg("--domains", 500);
    let connections = arg("--connections", 4);
    println!("mailing: {n} recipients over {domains} domains, {connections} SMTP connections");
    println!(
        "{:<9} {:>9} {:>9} {:>10} {:>9} {:>10} {:>9}",
        "backend", "seed s", "queue s", "queued/s", "send s", "sent/s", "received"
    );
    for backend in backends() {
        run(backend, n, domains, connections).await;
    }
}

async fn run(backend: &'static str, n: usize, domains: usize, connections: usize) {
    let data = TestData::new(backend).await;
    let store = Store::init(data.config.clone()).await.unwrap();
    let care = principal(&store, "Bench", "care", Role::SupporterCare).await;

    let t = Instant::now();
    const CHUNK: usize = 5_000;
    for first in (0..n).step_by(CHUNK) {
        bulk_supporters(&store, care.org_id, first, CHUNK.min(n - first), domains)
            .await
            .unwrap();
    }
    let seed = t.elapsed().as_secs_f64();

    let draft = UpdateDraft::parse(
        &[(
            Lang::En,
            "News from the field",
            "This winter **Ana** finished her training as a baker.\n\n\
             [Read her story](https://example.org/stories/ana) and\n\
             [come to the fair](https://example.org/fair).",
        )],
        &["stories"],
        None,
    )
    .unwrap();
    let id = store.update_create(&care, &draft).await.unwrap();
    assert!(store.update_send_now(&care, &id).await.unwrap());

    // The server's queueing step, batch after batch, as `mailer::spawn` runs it.
    let url = |token: &str, lang: Lang| {
        format!(
            "https://libertas.example/updates/unsubscribe/{token}?lang={}",
            lang.code()
        )
    };
    let t = Instant::now();
    let mut queued = 0;
    loop {
        let q = store
            .updates_enqueue_due(libertas_store::clock::now(), &url, 1000)
            .await
            .unwrap();
        if q == 0 {
            break;
        }
        queued += q;
    }
    let queue = t.elapsed().as_secs_f64();
    assert_eq!(queued, n, "every supporter is queued once");

    // The server's sender, against the counting SMTP server.
    let mut sink = Sink::start();
    let mut cfg = MailConfig::new(
        "127.0.0.1",
        sink.port,
        "Libertas updates <updates@libertas.example>",
    );
    cfg.tls = SmtpTls::None;
    cfg.per_domain_per_minute = u32::try_from(n).unwrap_or(u32::MAX);
    cfg.poll = Duration::from_millis(100);
    cfg.connections = connections;
    let sender = tokio::spawn(mailer::send_forever(store.clone(), cfg));
    let t = Instant::now();
    let mut last = Instant::now();
    loop {
        let c = store.outbox_counts_all().await.unwrap();
        if c.queued == 0 {
            assert_eq!(c.failed, 0, "no message failed");
            break;
        }
        if last.elapsed() >= Duration::from_secs(10) {
            let s = t.elapsed().as_secs_f64();
            eprintln!(
                "  {backend}: {:>6} sent, {:>6} queued, {:>6.0}/s",
                c.sent,
                c.queued,
                c.sent as f64 / s
            );
            last = Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let send = t.elapsed().as_secs_f64();
    sender.abort();
    let received = sink.received();
    assert_eq!(received, n as u64, "the SMTP server accepted every message");
    println!(
        "{:<9} {:>9.1} {:>9.1} {:>10.0} {:>9.1} {:>10.0} {:>9}",
        backend,
        seed,
        queue,
        n as f64 / queue,
        send,
        n as f64 / send,
        received
    );
}
