//! The wording of the messages sent to supporters. Plain text only: no HTML, so no tracking
//! pixel and no rewritten link can hide in a message; every link is written out as it is.

use crate::i18n::{t, t_args, Lang};

/// A message ready for the outbox. The recipient and the unsubscribe link travel with it (all
/// of it is sealed at rest: the address and the links are personal data).
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The one-click unsubscribe URL (`List-Unsubscribe`, RFC 8058).
    pub unsubscribe_url: String,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Message(<redacted>)")
    }
}

/// The confirmation asked for by a sign-up: the only message a pending supporter ever gets.
pub fn confirmation(lang: Lang, to: &str, confirm_url: &str, unsubscribe_url: &str) -> Message {
    let hours = (crate::supporters::CONFIRM_LIFETIME.whole_hours()).to_string();
    let text = [
        t(lang, "updates-mail-confirm-hello"),
        String::new(),
        t(lang, "updates-mail-confirm-body"),
        String::new(),
        confirm_url.to_owned(),
        String::new(),
        t_args(lang, "updates-mail-confirm-expiry", &[("hours", &hours)]),
        t(lang, "updates-mail-confirm-ignore"),
        String::new(),
        t(lang, "updates-mail-unsubscribe"),
        unsubscribe_url.to_owned(),
        String::new(),
    ]
    .join("\r\n");
    Message {
        to: to.to_owned(),
        subject: t(lang, "updates-mail-confirm-subject"),
        text,
        unsubscribe_url: unsubscribe_url.to_owned(),
    }
}
