//! Organisations, staff accounts, sessions, TOTP and API tokens.

mod auth;
mod orgs;
mod oversight;
mod roles;
mod sessions;
mod tokens;
mod totp;
mod users;

pub use auth::{LoginOutcome, LoginPolicy};
pub use orgs::Organisation;
pub use oversight::SessionSummary;
pub use roles::OrgOverview;
pub use sessions::{SessionInfo, SessionPolicy};
pub use tokens::TokenInfo;
pub use totp::TotpEnrolment;
pub use users::UserInfo;

use crate::audit::Actor;
use libertas_domain::admin::Principal;

impl From<&Principal> for Actor {
    fn from(p: &Principal) -> Self {
        Actor {
            user_id: Some(p.user_id),
            org_id: Some(p.org_id),
            label: p.username.clone(),
        }
    }
}

/// Random bytes, base64url without padding: session ids, CSRF tokens, API tokens.
pub(crate) fn random_token(bytes: usize) -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}
