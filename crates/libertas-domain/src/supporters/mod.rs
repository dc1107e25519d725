//! Supporters: members of the public who sign up for e-mail updates (later: donors).
//!
//! The supporter side shares the binary, the accounts and the audit chain with the case work
//! but none of its data (`docs/supporters.md`). This module holds its pure rules: what a
//! sign-up may contain, what the consent record keeps, how long a confirmation link lives,
//! how the outbox backs off, and the wording of the messages.

pub mod gift_aid;
pub mod gifts;
pub mod markdown;
pub mod message;
mod signup;
pub mod statement;
mod update;

pub use signup::{Interest, SignUp, SupporterName, SupporterRegion};
pub use update::{field_name, region_matches, UpdateBody, UpdateDraft, UpdateSubject, UpdateText};

use crate::ids::id_type;

id_type!(
    /// A supporter (someone who signed up for updates).
    SupporterId
);
id_type!(
    /// One consent a supporter gave (what they agreed to, from which form, in which wording).
    ConsentId
);
id_type!(
    /// An update staff compose for supporters.
    UpdateId
);
id_type!(
    /// A message in the outbox.
    OutboxId
);

/// The form the public sign-up comes from, as the consent record names it.
pub const SIGNUP_FORM: &str = "updates-signup";

/// The version of the sign-up form's wording (the `updates-signup-*` messages). Change it
/// whenever that wording changes, so every consent record names the text the person saw.
pub const SIGNUP_WORDING_VERSION: &str = "2026-12-v1";

/// How long a confirmation link works: three days, long enough for a message that waited in
/// a queue or a spam folder over a weekend, short enough that an old message found later in a
/// mailbox no longer subscribes anyone.
pub const CONFIRM_LIFETIME: time::Duration = time::Duration::hours(72);

/// The form a consent recorded in the donor portal comes from (a supporter changing their
/// interests after signing in by e-mailed link, which proves the address).
pub const PORTAL_FORM: &str = "portal";

/// The version of the portal's interests form wording (the `portal-interests-*` messages).
pub const PORTAL_WORDING_VERSION: &str = "2026-12-v1";

/// How long a portal sign-in link works: long enough to switch to the mailbox and back, short
/// enough that a link found later in a mailbox opens nothing.
pub const PORTAL_LINK_LIFETIME: time::Duration = time::Duration::minutes(15);

/// The state of an update: a draft (editable), scheduled for a time, being queued for its
/// audience, or sent (every recipient's message queued; the outbox says how many went).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateStatus {
    Draft,
    Scheduled,
    Sending,
    Sent,
}

impl UpdateStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateStatus::Draft => "draft",
            UpdateStatus::Scheduled => "scheduled",
            UpdateStatus::Sending => "sending",
            UpdateStatus::Sent => "sent",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            UpdateStatus::Draft,
            UpdateStatus::Scheduled,
            UpdateStatus::Sending,
            UpdateStatus::Sent,
        ]
        .into_iter()
        .find(|s| s.as_str() == code)
    }

    /// Whether its texts and audience may still change.
    pub fn editable(self) -> bool {
        matches!(self, UpdateStatus::Draft | UpdateStatus::Scheduled)
    }
}

/// After this many failed attempts a message is marked failed for good.
pub const MAX_ATTEMPTS: i64 = 8;

/// How long to wait before the next attempt after `attempts` failed ones: `base` doubled per
/// failure (1×, 2×, 4×, …), at most six hours.
pub fn retry_delay(attempts: i64, base: time::Duration) -> time::Duration {
    let doublings = attempts.clamp(1, 20) - 1;
    let delay = base * (1i64 << doublings) as f64;
    delay.min(time::Duration::hours(6))
}

/// The state of a supporter's subscription.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subscription {
    /// Signed up, link not used yet: only the confirmation may be sent.
    Pending,
    /// Confirmed: updates matching the consent may be sent.
    Subscribed,
    /// Unsubscribed: nothing is sent.
    Unsubscribed,
}

impl Subscription {
    pub fn as_str(self) -> &'static str {
        match self {
            Subscription::Pending => "pending",
            Subscription::Subscribed => "subscribed",
            Subscription::Unsubscribed => "unsubscribed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Subscription::Pending,
            Subscription::Subscribed,
            Subscription::Unsubscribed,
        ]
        .into_iter()
        .find(|s| s.as_str() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_and_stops_at_six_hours() {
        let base = time::Duration::seconds(30);
        assert_eq!(retry_delay(1, base), time::Duration::seconds(30));
        assert_eq!(retry_delay(2, base), time::Duration::seconds(60));
        assert_eq!(retry_delay(4, base), time::Duration::seconds(240));
        assert_eq!(retry_delay(30, base), time::Duration::hours(6));
    }

    #[test]
    fn subscription_codes_round_trip() {
        for s in ["pending", "subscribed", "unsubscribed"] {
            assert_eq!(Subscription::from_code(s).unwrap().as_str(), s);
        }
    }
}
