//! The supporter store: people who signed up for e-mail updates, their consents, the links
//! sent to them, the durable outbox and the updates staff send (`docs/supporters.md`).
//!
//! **Separation.** These tables live in a store of their own: the SQLite file
//! `supporters.sqlite` beside the main one (attached to every main connection as
//! `supporters`), or the schema `supporters` of the PostgreSQL database, with their own
//! migrations (`migrations/supporters/`). So every statement here names `supporters.<table>`,
//! which means the same table on both backends, and no statement elsewhere touches them. A
//! change here still goes through the shared writer with its audit event, in the same chain
//! as the case side.
//!
//! **Keys.** Each supporter's address, name, region and messages are sealed under the
//! supporter's own data key, wrapped under the supporters' purpose key (not the case side's),
//! and the address is found by a blind index under the supporters' own index key. Neither a
//! case key nor the case side's index key opens anything here, and the other way round.
//! Erasing a supporter is destroying that data key (`erase`); their gifts (`gifts`) keep
//! their amounts, dates and currencies for the accounts, with nobody behind them.
//!
//! **Access.** The public reaches this store only through the sign-up, confirmation and
//! unsubscribe links (no principal: `Actor` "public"); staff only with
//! `Capability::CareForSupporters`, which no case role has; the sender as "system".

mod erase;
pub mod gift_aid;
pub mod gifts;
mod outbox;
mod portal;
mod signup;
pub mod statements;
pub(crate) mod stories;
pub mod suppress;
mod updates;

pub use erase::SupporterErasure;
pub use outbox::{Claimed, DueMessage, OutboxCounts, SendFailure};
pub use portal::{
    PortalLinkOutcome, PortalProfile, PortalSession, PortalTotpEnrolment, SecondFactorOutcome,
    StatementMail, PORTAL_ABSOLUTE, PORTAL_IDLE, STATEMENT_MAIL_QUIET,
};
pub use signup::{ConfirmOutcome, SupporterCounts};
pub use statements::StatementYear;
pub use stories::{PublishedStory, SentWithStory};
pub use updates::{UpdateProgress, UpdateSummary, UpdateView};

use crate::audit::Actor;
use crate::StoreError;
use libertas_domain::admin::{Capability, Principal};

/// Refuses a caller without the supporter capability (every case role, the administrator
/// included).
pub(crate) fn require_supporter_care(p: &Principal) -> Result<(), StoreError> {
    if p.can(Capability::CareForSupporters) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

/// The public, signing up or using a link from a message.
fn public_actor() -> Actor {
    Actor {
        user_id: None,
        org_id: None,
        label: "public".into(),
    }
}

/// A new link token: 256 random bits, URL-safe base64 (43 characters).
pub(crate) fn new_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether `token` looks like one of ours (so a malformed link costs no database look-up).
fn plausible_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
