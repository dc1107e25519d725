//! A router that remembers its routes.
//!
//! axum's `Router` cannot list what it serves, yet the access matrix must cover every route:
//! a route added without a row has to fail a test. So every feature registers its routes
//! through [`Routes`], which builds the axum router and, beside it, the list of
//! `(method, path)` pairs that [`crate::route_table`] hands to the tests.
//!
//! Usage mirrors axum: `Routes::new().route("/cases/{id}", get(show).post(update))`, with
//! [`get`], [`post`] and [`put`] from this module instead of `axum::routing`.

use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::MethodRouter;
use axum::Router;

/// One served route: an HTTP method and the path template as registered (`/cases/{id}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
}

/// The handlers of one path, with the methods they answer.
pub struct Methods {
    router: MethodRouter<AppState>,
    methods: Vec<&'static str>,
}

/// A path answering GET (and HEAD, as axum does).
pub fn get<H, T>(handler: H) -> Methods
where
    H: Handler<T, AppState>,
    T: 'static,
{
    Methods {
        router: axum::routing::get(handler),
        methods: vec!["GET"],
    }
}

/// A path answering POST.
pub fn post<H, T>(handler: H) -> Methods
where
    H: Handler<T, AppState>,
    T: 'static,
{
    Methods {
        router: axum::routing::post(handler),
        methods: vec!["POST"],
    }
}

/// A path answering PUT.
pub fn put<H, T>(handler: H) -> Methods
where
    H: Handler<T, AppState>,
    T: 'static,
{
    Methods {
        router: axum::routing::put(handler),
        methods: vec!["PUT"],
    }
}

impl Methods {
    /// Also answers GET.
    pub fn get<H, T>(mut self, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.get(handler);
        self.methods.push("GET");
        self
    }

    /// Also answers POST.
    pub fn post<H, T>(mut self, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.post(handler);
        self.methods.push("POST");
        self
    }

    /// Also answers PUT.
    pub fn put<H, T>(mut self, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.put(handler);
        self.methods.push("PUT");
        self
    }

    /// Lifts the application-wide body limit for these handlers (file uploads, which enforce
    /// their own limit while they stream).
    pub fn without_body_limit(mut self) -> Self {
        self.router = self.router.layer(DefaultBodyLimit::disable());
        self
    }
}

/// Routes of one feature, or of the whole application once merged.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    table: Vec<RouteInfo>,
}

impl Routes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves `path` with `methods`.
    pub fn route(mut self, path: &'static str, methods: Methods) -> Self {
        self.table.extend(
            methods
                .methods
                .iter()
                .map(|&method| RouteInfo { method, path }),
        );
        self.router = self.router.route(path, methods.router);
        self
    }

    /// Adds another feature's routes.
    pub fn merge(mut self, other: Routes) -> Self {
        self.table.extend(other.table);
        self.router = self.router.merge(other.router);
        self
    }

    /// Every route, sorted by path then method.
    pub fn table(&self) -> Vec<RouteInfo> {
        let mut t = self.table.clone();
        t.sort_by(|a, b| (a.path, a.method).cmp(&(b.path, b.method)));
        t
    }

    /// The axum router.
    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
