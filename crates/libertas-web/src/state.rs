//! Shared state and the web layer's configuration.

use libertas_store::admin::{LoginPolicy, SessionPolicy};
use libertas_store::Store;
use std::sync::Arc;

/// Settings the binary parses from flags, environment and `libertas.toml`.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Mark cookies `Secure` and use the `__Host-` prefix. Only turned off for plain-HTTP
    /// development on a non-loopback name; browsers treat loopback as secure.
    pub secure_cookies: bool,
    /// The deployment holds demo data: every page says so, and the second factor is waived.
    pub demo: bool,
    pub sessions: SessionPolicy,
    pub logins: LoginPolicy,
    pub max_body_bytes: usize,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: true,
            demo: false,
            sessions: SessionPolicy::default(),
            logins: LoginPolicy::default(),
            max_body_bytes: 256 * 1024,
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> Self {
        Self {
            store,
            config: Arc::new(config),
        }
    }
}
