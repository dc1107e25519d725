//! The table machinery the newer access modules share: a row is one request (a page GET, a
//! form POST, or an API call) with the exact status every kind of caller must get, and the
//! check sends it as each caller in turn.
//!
//! A wrong status does not stop the run: it is collected, and `main` fails the test at the
//! end with every wrong row listed at once, after the coverage check. So one run shows the
//! whole picture (a missing check in one place does not hide a second one elsewhere), and a
//! row that waits for a fix in another branch does not keep the rest of the matrix from
//! running.

use crate::common::{Browser, TestApp};
use reqwest::Method;
use serde_json::Value;
use std::sync::Mutex;

static FAILURES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Records a failed expectation (the test fails at the end of the run).
pub fn expect(ok: bool, what: impl FnOnce() -> String) {
    if !ok {
        let what = what();
        eprintln!("ACCESS MATRIX FAILURE: {what}");
        FAILURES.lock().unwrap().push(what);
    }
}

/// Every failed expectation so far.
pub fn failures() -> Vec<String> {
    FAILURES.lock().unwrap().clone()
}

/// `{caller}` in a form or body value stands for the caller's name, so a row that creates
/// something with a unique name can be sent by every caller.
fn fill(value: &str, caller: &str) -> String {
    value.replace("{caller}", caller)
}

/// A caller of pages: a browser, signed in completely (password, first-login password
/// change, TOTP) or anonymous.
pub struct Caller {
    pub name: &'static str,
    pub browser: Browser,
    /// The session's CSRF token; empty for the anonymous caller.
    pub csrf: String,
}

impl Caller {
    pub fn anonymous(app: &TestApp) -> Caller {
        Caller {
            name: "anonymous",
            browser: Browser::new(app),
            csrf: String::new(),
        }
    }

    pub async fn signed_in(app: &TestApp, name: &'static str) -> Caller {
        let mut browser = Browser::new(app);
        let csrf = browser.sign_in(name).await;
        Caller {
            name,
            browser,
            csrf,
        }
    }

    fn anonymous_caller(&self) -> bool {
        self.csrf.is_empty()
    }

    /// Sends a GET, or a POST of `form` with this caller's CSRF token.
    pub async fn send(
        &mut self,
        method: &Method,
        path: &str,
        form: &[(&'static str, String)],
    ) -> (u16, Option<String>, String) {
        let (s, loc, body) = if *method == Method::GET {
            self.browser.get(path).await
        } else {
            let mut fields: Vec<(&str, String)> =
                form.iter().map(|(k, v)| (*k, fill(v, self.name))).collect();
            if !self.anonymous_caller() {
                fields.push(("csrf", self.csrf.clone()));
            }
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.browser.post(path, &pairs).await
        };
        (s.as_u16(), loc, body)
    }
}

/// One page GET or form POST and the status each caller must get, in the callers' order.
pub struct PageRow<const N: usize> {
    pub method: Method,
    pub path: String,
    /// The form fields (the caller's `csrf` is added); empty for a GET.
    pub form: Vec<(&'static str, String)>,
    pub expect: [u16; N],
}

/// A page GET.
pub fn page<const N: usize>(path: impl Into<String>, expect: [u16; N]) -> PageRow<N> {
    PageRow {
        method: Method::GET,
        path: path.into(),
        form: vec![],
        expect,
    }
}

/// A form POST with valid fields, so that a missing check would let the change happen.
pub fn form<const N: usize>(
    path: impl Into<String>,
    fields: &[(&'static str, &str)],
    expect: [u16; N],
) -> PageRow<N> {
    PageRow {
        method: Method::POST,
        path: path.into(),
        form: fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        expect,
    }
}

/// Sends every row as every caller, in order, and checks the exact status. An anonymous
/// caller must be sent to `/login`; a 303 to anyone else must lead somewhere other than
/// `/login` and carry no `?error=` (a form refused for its input is not a served request).
///
/// `callers` is a slice so that a destructive row can be sent to the refused callers
/// (`&mut callers[..3]`), the state checked unchanged, then sent to the allowed one.
pub async fn check_pages<const N: usize>(
    backend: &str,
    rows: &[PageRow<N>],
    callers: &mut [Caller],
) {
    check_pages_hiding(backend, rows, callers, &[]).await;
}

/// [`check_pages`], and every answer other than a 2xx (error pages, redirects) must carry
/// none of `secrets` (names of the people in the case): a refusal leaks nothing.
pub async fn check_pages_hiding<const N: usize>(
    backend: &str,
    rows: &[PageRow<N>],
    callers: &mut [Caller],
    secrets: &[&str],
) {
    assert_eq!(callers.len(), N, "one status per caller");
    for row in rows {
        for (caller, want) in callers.iter_mut().zip(row.expect) {
            let (status, loc, body) = caller.send(&row.method, &row.path, &row.form).await;
            let action = row
                .form
                .first()
                .map(|(k, v)| format!(" [{k}={v}]"))
                .unwrap_or_default();
            let at = || {
                format!(
                    "{backend}: {} {}{action} as {}",
                    row.method, row.path, caller.name
                )
            };
            expect(status == want, || {
                format!(
                    "{}: got {status} ({loc:?}), want {want}; {}",
                    at(),
                    snippet(&body)
                )
            });
            if !(200..300).contains(&status) {
                for secret in secrets {
                    expect(!body.contains(secret), || {
                        format!("{}: the {status} answer shows {secret}", at())
                    });
                }
            }
            if status == 303 {
                let loc = loc.unwrap_or_default();
                if caller.anonymous_caller() {
                    expect(loc == "/login", || format!("{}: redirected to {loc}", at()));
                } else {
                    expect(loc != "/login" && !loc.contains("error="), || {
                        format!("{}: redirected to {loc}", at())
                    });
                }
            }
        }
    }
}

/// Ends every signed-in caller's session with its own CSRF token. A 303 to `/login`, and the
/// next page sending them to `/login`, prove the token each caller sent with its forms was
/// the session's own: their 403s were refusals of the function, not of the token.
pub async fn sign_out_all(backend: &str, callers: &mut [Caller]) {
    for c in callers.iter_mut().filter(|c| !c.anonymous_caller()) {
        let (s, loc, _) = c.send(&Method::POST, "/logout", &[]).await;
        expect(s == 303 && loc.as_deref() == Some("/login"), || {
            format!("{backend}: {} signs out: {s} {loc:?}", c.name)
        });
        let (s, loc, _) = c.browser.get("/").await;
        expect(
            s.as_u16() == 303 && loc.as_deref() == Some("/login"),
            || format!("{backend}: {} is signed out: {s} {loc:?}", c.name),
        );
    }
}

/// One API call and the status each caller must get, in the callers' order.
pub struct ApiRow<const N: usize> {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
    pub expect: [u16; N],
}

pub fn api<const N: usize>(
    method: Method,
    path: impl Into<String>,
    body: Option<Value>,
    expect: [u16; N],
) -> ApiRow<N> {
    ApiRow {
        method,
        path: path.into(),
        body,
        expect,
    }
}

/// An API caller: a name (which `{caller}` in a body stands for) and a bearer token, or none.
pub type ApiCaller<'a> = (&'a str, Option<&'a str>);

/// Sends every row as every caller and checks the exact status; a client error must carry
/// the JSON error body. `callers` is a slice for the same reason as in [`check_pages`].
pub async fn check_api<const N: usize>(
    app: &TestApp,
    backend: &str,
    rows: &[ApiRow<N>],
    callers: &[ApiCaller<'_>],
) {
    assert_eq!(callers.len(), N, "one status per caller");
    for row in rows {
        for ((who, token), want) in callers.iter().zip(row.expect) {
            let body = row
                .body
                .as_ref()
                .map(|b| serde_json::from_str(&fill(&b.to_string(), who)).unwrap());
            let (status, v) = app.call(row.method.clone(), &row.path, *token, body).await;
            let status = status.as_u16();
            let at = || format!("{backend}: {} {} as {who}", row.method, row.path);
            expect(status == want, || {
                format!("{}: got {status}, want {want}: {v}", at())
            });
            if (400..500).contains(&status) {
                expect(v["error"]["code"].is_string(), || {
                    format!("{}: no JSON error body: {v}", at())
                });
            }
        }
    }
}

/// The start of a page, for failure messages (the heading says which error page it is).
fn snippet(body: &str) -> String {
    let start = body.find("<h1").unwrap_or(0);
    body[start..].chars().take(160).collect()
}
