//! A real SMTP server for the tests: Debian's `aiosmtpd` (installed by `.ci/run`), started on
//! a free port, storing every message it accepts in a Maildir the test reads.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The Python with `aiosmtpd` (Debian's package installs it for the system Python).
const PYTHON: &str = "/usr/bin/python3";

/// Whether `aiosmtpd` can run here. Without it the mail tests say so loudly, and fail under CI.
pub fn available() -> bool {
    let ok = Command::new(PYTHON)
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            !libertas_store::testing::in_ci(),
            "aiosmtpd is missing (apt-get install python3-aiosmtpd)"
        );
        eprintln!(
            "\n*** SKIPPED: mail tests need aiosmtpd (apt-get install python3-aiosmtpd) ***\n"
        );
    }
    ok
}

/// A free port on 127.0.0.1 (bound and released: nothing listens on it afterwards).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One received message: headers (names lowercased, unfolded) and the decoded text body.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The decoded body as bytes (an attachment's file). Unread by the browser tests, which
    /// share this file.
    #[allow(dead_code)]
    pub bytes: Vec<u8>,
    pub raw: String,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == &name.to_ascii_lowercase())
            .map(|(_, v)| v.as_str())
    }

    /// The parts of a `multipart/*` message, each decoded like a message of its own (empty
    /// for a single-part message).
    pub fn parts(&self) -> Vec<Received> {
        let Some(boundary) = self
            .header("content-type")
            .and_then(|c| c.split("boundary=").nth(1))
            .map(|b| {
                b.split(';')
                    .next()
                    .unwrap_or(b)
                    .trim()
                    .trim_matches('"')
                    .to_owned()
            })
        else {
            return vec![];
        };
        let raw = self.raw.replace("\r\n", "\n");
        let (_, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
        let marker = format!("--{boundary}");
        body.split(&marker)
            .skip(1)
            .filter(|p| !p.starts_with("--"))
            .map(|p| parse(p.trim_start_matches('\n')))
            .collect()
    }
}

pub struct SmtpSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Child,
}

impl SmtpSink {
    /// Starts the server on `port` and waits until it accepts connections.
    pub fn start(port: u16) -> SmtpSink {
        let dir = tempfile::tempdir().unwrap();
        let maildir: PathBuf = dir.path().join("mail");
        let child = Command::new(PYTHON)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        SmtpSink { port, dir, child }
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        let mut files = vec![];
        for sub in ["new", "cur"] {
            if let Ok(rd) = std::fs::read_dir(self.dir.path().join("mail").join(sub)) {
                files.extend(rd.map(|e| e.unwrap().path()));
            }
        }
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .iter()
            .map(|p| parse(&std::fs::read_to_string(p).unwrap()))
            .collect()
    }

    /// Waits until at least `n` messages arrived (a minute at most) and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "{} of {n} messages arrived",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn parse(raw: &str) -> Received {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let mut headers: Vec<(String, String)> = vec![];
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let encoding = headers
        .iter()
        .find(|(n, _)| n == "content-transfer-encoding")
        .map(|(_, v)| v.to_ascii_lowercase())
        .unwrap_or_default();
    let (body, bytes) = match encoding.as_str() {
        "quoted-printable" => {
            let b = quoted_printable(body);
            (b.clone(), b.into_bytes())
        }
        "base64" => {
            use base64::Engine;
            let joined: String = body.split_whitespace().collect();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(joined)
                .unwrap();
            (String::from_utf8_lossy(&bytes).into_owned(), bytes)
        }
        _ => (body.to_owned(), body.as_bytes().to_vec()),
    };
    Received {
        headers,
        body,
        bytes,
        raw,
    }
}

fn quoted_printable(s: &str) -> String {
    let s = s.replace("=\n", "");
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}
