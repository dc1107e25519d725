//! A real server on 127.0.0.1 over a fresh data directory, and a small typed client.

use libertas_domain::admin::{OrgName, Password, Role, Username};
use libertas_store::testing::TestData;
use libertas_store::Store;
use libertas_web::{AppState, WebConfig};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub const PASSWORD: &str = "a long enough password 1";
/// The password `Browser::sign_in` chooses at the first-login change.
pub const SIGNED_IN_PASSWORD: &str = "quiet harbour at dawn 42";

/// Every request the access matrix made through [`TestApp::call`], [`Browser`] or
/// [`seen::record`], with whether it carried credentials and what it was answered. The matrix
/// (`it/access`) checks from this that every route of the router was tried by an anonymous
/// caller, refused to a signed-in caller who may not use it, and served to one who may.
///
/// Only requests made inside [`seen::recording`] are kept: every HTTP test shares this test
/// binary (and so this list), and a request another test happened to send must not count as
/// the matrix having tried a route.
pub mod seen {
    use std::future::Future;
    use std::sync::Mutex;

    tokio::task_local! {
        static RECORDING: ();
    }

    /// Runs `f`, keeping the requests it makes (on its own task: the matrix awaits every row
    /// in turn, none is spawned).
    pub async fn recording<F: Future>(f: F) -> F::Output {
        RECORDING.scope((), f).await
    }

    #[derive(Clone, Debug)]
    pub struct Seen {
        pub method: String,
        /// The path without its query.
        pub path: String,
        /// A bearer token or a session cookie was sent.
        pub credentials: bool,
        pub status: u16,
        pub location: Option<String>,
    }

    static SEEN: Mutex<Vec<Seen>> = Mutex::new(Vec::new());

    pub fn record(
        method: &str,
        path: &str,
        credentials: bool,
        status: u16,
        location: Option<&str>,
    ) {
        if RECORDING.try_with(|_| ()).is_err() {
            return;
        }
        let path = path.split('?').next().unwrap_or(path).to_owned();
        SEEN.lock().unwrap().push(Seen {
            method: method.to_owned(),
            path,
            credentials,
            status,
            location: location.map(str::to_owned),
        });
    }

    /// Everything recorded so far.
    pub fn all() -> Vec<Seen> {
        SEEN.lock().unwrap().clone()
    }
}

pub struct TestApp {
    pub base: String,
    pub store: Store,
    pub data: TestData,
    pub http: reqwest::Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestApp {
    pub async fn spawn(backend: &str) -> TestApp {
        Self::spawn_with(backend, WebConfig::default()).await
    }

    pub async fn spawn_with(backend: &str, config: WebConfig) -> TestApp {
        let data = TestData::new(backend).await;
        let store = Store::init(data.config.clone()).await.unwrap();
        Self::serve(store, data, config).await
    }

    async fn serve(store: Store, data: TestData, mut config: WebConfig) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        // Links in e-mail point at this server unless the test says otherwise.
        if config.public_url == WebConfig::default().public_url {
            config.public_url = base.clone();
        }
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let state = AppState::new(store.clone(), config);
        tokio::spawn(libertas_web::serve(state, listener, async move {
            let _ = rx.await;
        }));
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            // Drop idle connections before the server's idle timeout (20 s) closes them.
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .build()
            .unwrap();
        TestApp {
            base,
            store,
            data,
            http,
            stop: Some(tx),
        }
    }

    /// Creates (if needed) the organisation and a user, and returns an API token for them.
    pub async fn user(&self, org: &str, username: &str, role: Role) -> String {
        let org_id = match self
            .store
            .org_by_name(libertas_store::admin::Operator::console(), org)
            .await
            .unwrap()
        {
            Some(o) => o.id,
            None => self
                .store
                .create_org(
                    libertas_store::admin::Operator::console(),
                    &OrgName::parse(org).unwrap(),
                    "test",
                )
                .await
                .unwrap(),
        };
        self.store
            .create_user(
                libertas_store::admin::Operator::console(),
                org_id,
                &Username::parse(username).unwrap(),
                role,
                &Password::parse(PASSWORD).unwrap(),
                "test",
            )
            .await
            .unwrap();
        let (_, token) = self
            .store
            .create_token(
                libertas_store::admin::Operator::console(),
                username,
                "test",
                time::Duration::days(1),
            )
            .await
            .unwrap();
        token
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let method_name = method.clone();
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        seen::record(
            method_name.as_str(),
            path,
            token.is_some(),
            status.as_u16(),
            res.headers().get("location").and_then(|l| l.to_str().ok()),
        );
        let text = res.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    /// Stops the server and closes the store, handing back the data directory (to reopen it).
    pub async fn shut_down(mut self) -> TestData {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        self.store.close().await;
        self.data
    }

    /// Opens an existing data directory (start-up work included) and serves it.
    pub async fn reopen(data: TestData) -> TestApp {
        let store = Store::open(data.config.clone()).await.unwrap();
        Self::serve(store, data, WebConfig::default()).await
    }

    /// [`Self::reopen`] with a configuration of the test's own.
    pub async fn reopen_with(data: TestData, config: WebConfig) -> TestApp {
        let store = Store::open(data.config.clone()).await.unwrap();
        Self::serve(store, data, config).await
    }

    /// A new API token for an existing user.
    pub async fn token_for(&self, username: &str) -> String {
        let (_, token) = self
            .store
            .create_token(
                libertas_store::admin::Operator::console(),
                username,
                "test",
                time::Duration::days(1),
            )
            .await
            .unwrap();
        token
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        self.store.close().await;
    }
}

/// A browser-like session: cookies kept by hand (the session cookie is `__Host-` and
/// `Secure`, which a plain-HTTP cookie jar would refuse), the CSRF token scraped from forms.
pub struct Browser {
    pub base: String,
    pub http: reqwest::Client,
    pub cookies: Vec<(String, String)>,
    /// Sent as `X-Forwarded-For`, to appear as another client when the test server trusts
    /// 127.0.0.1 as a proxy.
    pub forwarded_for: Option<String>,
}

impl Browser {
    pub fn new(app: &TestApp) -> Browser {
        Browser {
            base: app.base.clone(),
            http: app.http.clone(),
            cookies: vec![],
            forwarded_for: None,
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn absorb(&mut self, res: &reqwest::Response) {
        for v in res.headers().get_all(reqwest::header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            self.cookies.retain(|(name, _)| name != k);
            if !val.is_empty() && !v.contains("Max-Age=0") {
                self.cookies.push((k.to_owned(), val.to_owned()));
            }
        }
    }

    /// GET; returns status, `Location` (if a redirect) and body.
    pub async fn get(&mut self, path: &str) -> (StatusCode, Option<String>, String) {
        let mut req = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header());
        if let Some(f) = &self.forwarded_for {
            req = req.header("x-forwarded-for", f);
        }
        let res = req.send().await.unwrap();
        let signed_in = self.signed_in();
        self.absorb(&res);
        let status = res.status();
        let loc = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        seen::record("GET", path, signed_in, status.as_u16(), loc.as_deref());
        (status, loc, res.text().await.unwrap())
    }

    /// Whether this browser holds a session cookie.
    pub fn signed_in(&self) -> bool {
        self.cookies
            .iter()
            .any(|(k, _)| k.ends_with("libertas_session"))
    }

    /// POST a form (same-origin).
    pub async fn post(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, Option<String>, String) {
        let mut req = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .header("origin", self.base.clone())
            .form(form);
        if let Some(f) = &self.forwarded_for {
            req = req.header("x-forwarded-for", f);
        }
        let res = req.send().await.unwrap();
        let signed_in = self.signed_in();
        self.absorb(&res);
        let status = res.status();
        let loc = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        seen::record("POST", path, signed_in, status.as_u16(), loc.as_deref());
        (status, loc, res.text().await.unwrap())
    }

    /// POST `body` as sent, with this `content-type` (same-origin): what a client other than
    /// a browser's form might send.
    pub async fn post_raw(
        &mut self,
        path: &str,
        content_type: &str,
        body: String,
    ) -> (StatusCode, Option<String>, String) {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .header("origin", self.base.clone())
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        self.absorb(&res);
        let status = res.status();
        let loc = res
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        (status, loc, res.text().await.unwrap())
    }

    /// Signs in completely: password, first-login password change, TOTP enrolment.
    /// Returns the CSRF token of the signed-in session.
    pub async fn sign_in(&mut self, username: &str) -> String {
        self.sign_in_with_secret(username).await.0
    }

    /// [`Self::sign_in`], also returning the TOTP secret enrolled (base32).
    pub async fn sign_in_with_secret(&mut self, username: &str) -> (String, String) {
        let (_, _, page) = self.get("/login").await;
        let csrf = hidden(&page, "csrf");
        let (s, loc, _) = self
            .post(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("username", username),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "login of {username}");
        assert_eq!(loc.as_deref(), Some("/"));
        let (s, loc, _) = self.get("/").await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/account/password"))
        );
        let (_, _, page) = self.get("/account/password").await;
        let csrf = hidden(&page, "csrf");
        let new = SIGNED_IN_PASSWORD;
        let (s, _, _) = self
            .post(
                "/account/password",
                &[
                    ("csrf", &csrf),
                    ("current", PASSWORD),
                    ("new", new),
                    ("repeat", new),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (s, loc, _) = self.get("/").await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/account/totp"))
        );
        let (_, _, page) = self.get("/account/totp").await;
        let csrf = hidden(&page, "csrf");
        let secret = between(&page, "<code id=\"totp-secret\">", "</code>");
        let code = totp_now(&secret);
        let (s, _, page) = self
            .post("/account/totp", &[("csrf", &csrf), ("code", &code)])
            .await;
        assert_eq!(s, StatusCode::OK, "{page}");
        assert!(page.contains("recovery"), "recovery codes are shown");
        let (s, _, page) = self.get("/").await;
        assert_eq!(s, StatusCode::OK);
        (hidden(&page, "csrf"), secret)
    }
}

/// The code of the next 30-second step: accepted now (one step of drift is allowed) and
/// later than a code just used.
pub fn totp_next(secret_b32: &str) -> String {
    let bytes = totp_rs::Secret::Encoded(secret_b32.to_owned())
        .to_bytes()
        .unwrap();
    let totp = totp_rs::TOTP::new_unchecked(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        None,
        String::new(),
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    totp.generate(now + 30)
}

pub fn totp_now(secret_b32: &str) -> String {
    let bytes = totp_rs::Secret::Encoded(secret_b32.to_owned())
        .to_bytes()
        .unwrap();
    let totp = totp_rs::TOTP::new_unchecked(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        None,
        String::new(),
    );
    totp.generate_current().unwrap()
}

pub fn between(page: &str, start: &str, end: &str) -> String {
    let i = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in page"))
        + start.len();
    let j = page[i..].find(end).unwrap() + i;
    page[i..j].to_owned()
}

/// The value of the first hidden input named `name`.
pub fn hidden(page: &str, name: &str) -> String {
    between(page, &format!("name=\"{name}\" value=\""), "\"")
}

/// Every file under `dir` whose bytes contain `needle` (to prove a value is stored nowhere in
/// plain text).
pub fn files_containing(dir: &std::path::Path, needle: &[u8]) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() {
            out.extend(files_containing(&path, needle));
        } else {
            let bytes = std::fs::read(&path).unwrap_or_default();
            if bytes.windows(needle.len()).any(|w| w == needle) {
                out.push(path);
            }
        }
    }
    out
}
