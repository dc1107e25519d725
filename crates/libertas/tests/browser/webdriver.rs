//! A small W3C WebDriver client for ChromeDriver, spoken over plain HTTP with `reqwest`.
//!
//! Browser tests need only a dozen WebDriver commands, so a hand-written client keeps the
//! dependency tree free of a WebDriver crate (and of the TLS stack those pull in). Every command
//! panics with the driver's own error message, because a browser test can do nothing better
//! than stop and say what went wrong.
//!
//! The `Browser` owns the chromedriver process, the Chromium session and a throw-away profile
//! directory; dropping it (also while a failed assertion unwinds) ends the session and kills
//! chromedriver, so no headless Chromium outlives the test.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// How long a wait for a page or an element may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);

/// How often waits look again.
const POLL: Duration = Duration::from_millis(100);

/// The key under which W3C WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A reference to an element on the current page.
pub struct Element(String);

/// A headless Chromium driven through its own chromedriver.
pub struct Browser {
    http: reqwest::Client,
    driver_port: u16,
    /// `http://127.0.0.1:{driver_port}/session/{id}`; commands are relative to it.
    session_url: String,
    /// The session id while it is open; `quit` takes it so `Drop` does not end it twice.
    session_id: Option<String>,
    driver: Child,
    /// Declared last so it is removed after Chromium has gone.
    profile: TempDir,
}

/// A WebDriver error, as the driver reported it.
#[derive(Debug)]
pub struct DriverError {
    pub error: String,
    pub message: String,
}

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.message)
    }
}

impl Browser {
    /// Starts `chromedriver` on a free port and opens a headless Chromium session with a fresh
    /// profile, so no state (cookies, cache, history) leaks in from earlier runs.
    ///
    /// Chromium starts one at a time (the tests run in parallel on a small machine, and two
    /// cold starts at once have stalled a session request past its minute), and a start that
    /// fails or stalls is retried with a fresh chromedriver and profile, twice at most.
    pub async fn start(chromedriver: &Path, chromium: &Path) -> Browser {
        static STARTING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
        let _one_at_a_time = STARTING.lock().await;
        let mut failures = Vec::new();
        for _ in 0..3 {
            let mut browser = Browser::launch(chromedriver);
            let started = match browser.wait_until_ready().await {
                Ok(()) => browser.open_session(chromium).await,
                Err(e) => Err(e),
            };
            match started {
                Ok(()) => return browser,
                // Dropping it kills this chromedriver before the next try.
                Err(e) => failures.push(e),
            }
        }
        panic!("cannot start Chromium: {}", failures.join("; then "));
    }

    /// Spawns chromedriver on a free port with a fresh profile directory.
    fn launch(chromedriver: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let driver_port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={driver_port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        Browser {
            http,
            driver_port,
            session_url: String::new(),
            session_id: None,
            driver,
            profile,
        }
    }

    async fn wait_until_ready(&mut self) -> Result<(), String> {
        let url = format!("http://127.0.0.1:{}/status", self.driver_port);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(res) = self.http.get(&url).send().await {
                if let Ok(body) = res.json::<Value>().await {
                    if body["value"]["ready"] == true {
                        return Ok(());
                    }
                }
            }
            if let Ok(Some(status)) = self.driver.try_wait() {
                return Err(format!("chromedriver exited before it was ready: {status}"));
            }
            if Instant::now() >= deadline {
                return Err(format!("chromedriver did not report ready within {WAIT:?}"));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn open_session(&mut self, chromium: &Path) -> Result<(), String> {
        let profile = self.profile.path().display();
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // A proxy from the environment must not see (or break) loopback traffic.
            "--no-proxy-server",
            &format!("--user-data-dir={profile}"),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
        }}});
        let url = format!("http://127.0.0.1:{}/session", self.driver_port);
        let res = self
            .http
            .post(&url)
            .json(&caps)
            .timeout(Duration::from_secs(30))
            .send()
            .await
            .map_err(|e| format!("no session within 30 s: {e}"))?;
        let value = unwrap_reply(res)
            .await
            .map_err(|e| format!("cannot open a Chromium session: {e}"))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {value}"))?
            .to_owned();
        self.session_url = format!("{url}/{id}");
        self.session_id = Some(id);
        Ok(())
    }

    /// Sends one command and returns its `value`, or the driver's error.
    async fn try_command(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, DriverError> {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.session_url));
        if method == reqwest::Method::POST {
            req = req.json(&body.unwrap_or_else(|| json!({})));
        }
        let res = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("chromedriver did not answer {path}: {e}"));
        unwrap_reply(res).await
    }

    async fn command(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        self.try_command(method, path, body)
            .await
            .unwrap_or_else(|e| panic!("WebDriver {path} failed: {e}"))
    }

    /// Runs `script` as an asynchronous script (it calls its last argument when done) and
    /// returns what it passed.
    pub async fn execute_async(&self, script: &str) -> Value {
        self.command(
            reqwest::Method::POST,
            "/execute/async",
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    /// Sets the window's outer size, as a phone or a laptop would have it.
    pub async fn set_size(&self, width: u32, height: u32) {
        self.command(
            reqwest::Method::POST,
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )
        .await;
    }

    /// How far the page is wider than the window, in CSS pixels (0 when nothing scrolls
    /// sideways).
    pub async fn overflow_x(&self) -> i64 {
        self.execute(
            "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);",
        )
        .await
        .as_i64()
        .unwrap_or(i64::MAX)
    }

    /// Opens `url` and waits for it to load.
    pub async fn goto(&self, url: &str) {
        self.command(reqwest::Method::POST, "/url", Some(json!({"url": url})))
            .await;
    }

    /// The address of the page now shown.
    pub async fn url(&self) -> String {
        self.command(reqwest::Method::GET, "/url", None)
            .await
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The path of the page now shown (`/cases/…`), for comparing without host and port.
    pub async fn path(&self) -> String {
        reqwest::Url::parse(&self.url().await)
            .unwrap()
            .path()
            .to_owned()
    }

    /// The current page's HTML.
    pub async fn source(&self) -> String {
        self.command(reqwest::Method::GET, "/source", None)
            .await
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The browser's back button.
    pub async fn back(&self) {
        self.command(reqwest::Method::POST, "/back", None).await;
    }

    /// The browser's forward button.
    pub async fn forward(&self) {
        self.command(reqwest::Method::POST, "/forward", None).await;
    }

    /// Runs `script` (a function body; `return` gives the result) in the page and returns
    /// its result. WebDriver runs it outside the page's Content-Security-Policy.
    pub async fn execute(&self, script: &str) -> Value {
        self.command(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    async fn find(&self, css: &str) -> Result<Element, DriverError> {
        let body = json!({"using": "css selector", "value": css});
        let value = self
            .try_command(reqwest::Method::POST, "/element", Some(body))
            .await?;
        match value[ELEMENT_KEY].as_str() {
            Some(id) => Ok(Element(id.to_owned())),
            None => panic!("chromedriver found {css:?} but sent no element reference: {value}"),
        }
    }

    /// Waits for an element matching `css` to be on the page; pages arrive after redirects, so
    /// asking once would race the browser.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.wait_for_within(css, WAIT).await
    }

    /// `wait_for` with its own time limit, for pages that take longer than `WAIT` to arrive
    /// (a form whose script works before it submits).
    pub async fn wait_for_within(&self, css: &str, limit: Duration) -> Element {
        let deadline = Instant::now() + limit;
        loop {
            match self.find(css).await {
                Ok(el) => return el,
                Err(e) if e.error == "no such element" && Instant::now() < deadline => {
                    tokio::time::sleep(POLL).await
                }
                Err(e) => {
                    let at = self.url().await;
                    panic!(
                        "no element {css:?} on {at} within {limit:?}: {e}\n{}",
                        self.source().await
                    )
                }
            }
        }
    }

    /// Waits until the rendered text of the element matching `css` contains `needle`, and
    /// returns that text. After a click the old page may still be shown for a moment (its
    /// elements then go stale), so this looks again until the new page says it.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = match self.find(css).await {
                Ok(Element(id)) => self
                    .try_command(reqwest::Method::GET, &format!("/element/{id}/text"), None)
                    .await
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned)),
                Err(_) => None,
            };
            if let Some(text) = text.filter(|t| t.contains(needle)) {
                return text;
            }
            if Instant::now() >= deadline {
                let at = self.url().await;
                panic!(
                    "no element {css:?} with the text {needle:?} on {at} within {WAIT:?}\n{}",
                    self.source().await
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the page shown has path `path` and returns the full address.
    pub async fn wait_for_path(&self, path: &str) -> String {
        self.wait_for_path_where(path, |p| p == path).await
    }

    /// Waits until the page's path satisfies `ok` (`what` describes it in the failure message),
    /// then checks the page with axe-core ([`crate::a11y::check`]): every page a journey waits
    /// for is checked for accessibility.
    pub async fn wait_for_path_where(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let url = self.url().await;
            if ok(reqwest::Url::parse(&url).unwrap().path()) {
                crate::a11y::check(self, what).await;
                return url;
            }
            if Instant::now() >= deadline {
                panic!(
                    "expected to be on {what} within {WAIT:?}, but the browser shows {url}\n{}",
                    self.source().await
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Types `text` into the element matching `css`.
    pub async fn fill(&self, css: &str, text: &str) {
        let Element(id) = self.wait_for(css).await;
        self.command(
            reqwest::Method::POST,
            &format!("/element/{id}/value"),
            Some(json!({"text": text})),
        )
        .await;
    }

    /// Empties the field matching `css` (a pre-filled value would otherwise be typed into).
    pub async fn clear(&self, css: &str) {
        let Element(id) = self.wait_for(css).await;
        self.command(reqwest::Method::POST, &format!("/element/{id}/clear"), None)
            .await;
    }

    /// Clicks the element matching `css`, as a person would.
    pub async fn click(&self, css: &str) {
        let Element(id) = self.wait_for(css).await;
        self.command(reqwest::Method::POST, &format!("/element/{id}/click"), None)
            .await;
    }

    /// The rendered text of the element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        let Element(id) = self.wait_for(css).await;
        let value = self
            .command(reqwest::Method::GET, &format!("/element/{id}/text"), None)
            .await;
        value.as_str().unwrap().to_owned()
    }

    /// Ends the session (closing Chromium) and stops chromedriver.
    pub async fn quit(mut self) {
        if let Some(id) = self.session_id.take() {
            let url = format!("http://127.0.0.1:{}/session/{id}", self.driver_port);
            let res = self.http.delete(&url).send().await.unwrap();
            unwrap_reply(res)
                .await
                .unwrap_or_else(|e| panic!("cannot end the Chromium session: {e}"));
        }
    }
}

impl Drop for Browser {
    /// Ends a session that `quit` did not end (the test failed on the way), then kills
    /// chromedriver. `Drop` cannot await, so the DELETE goes out as one blocking HTTP/1.1
    /// request; killing chromedriver alone would leave Chromium running.
    fn drop(&mut self) {
        if let Some(id) = self.session_id.take() {
            delete_session_blocking(self.driver_port, &id);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn delete_session_blocking(port: u16, id: &str) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
    let request = format!(
        "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_ok() {
        // ChromeDriver answers once Chromium has quit; the first bytes of the reply are enough
        // (it keeps the connection open, so reading to the end would wait for the timeout).
        let mut reply = [0u8; 256];
        let _ = stream.read(&mut reply);
    }
}

/// A port nobody listens on right now: bind port 0, note what the kernel chose, let it go.
/// Another process could take it in between, which on a test machine is rare enough.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Splits a WebDriver reply into its `value` or its error.
async fn unwrap_reply(res: reqwest::Response) -> Result<Value, DriverError> {
    let status = res.status();
    let body: Value = res
        .json()
        .await
        .unwrap_or_else(|e| panic!("chromedriver sent a reply that is not JSON ({status}): {e}"));
    let value = body["value"].clone();
    if status.is_success() {
        return Ok(value);
    }
    Err(DriverError {
        error: value["error"]
            .as_str()
            .unwrap_or("unknown error")
            .to_owned(),
        message: value["message"].as_str().unwrap_or("").to_owned(),
    })
}
