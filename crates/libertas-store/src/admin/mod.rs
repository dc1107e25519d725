//! Organisations, staff accounts, sessions, TOTP and API tokens.
//!
//! Every public method that reads or changes any of them takes its caller — a staff
//! [`Principal`] or the console [`Operator`] (see [`caller`]) — and decides access itself.
//! The exceptions are the steps of authentication, which have no caller yet
//! (`login_password`, `session`, `principal_for_token`, the second factor and enrolment
//! steps, which take the session's own principal and cookie), and `sweep_sessions`, the
//! server's own housekeeping.

mod attempts;
mod auth;
mod caller;
pub mod hasher;
mod orgs;
mod oversight;
mod password;
mod roles;
mod sessions;
mod tokens;
mod totp;
mod users;

pub use attempts::LoginClient;
pub use auth::{LoginOutcome, LoginPolicy};
pub use caller::{Caller, Operator};
pub use orgs::Organisation;
pub use oversight::SessionSummary;
pub use password::PasswordChange;
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
