//! The wording of the messages sent to supporters. The confirmation is plain text; an update
//! has a plain-text and an HTML part, both from the staff's Markdown (`markdown`), with no
//! image, no raw HTML and every link as written: no tracking pixel and no rewritten link can
//! hide in a message.

use crate::i18n::{t, t_args, Lang};

/// A message ready for the outbox. The recipient and the unsubscribe link travel with it (all
/// of it is sealed at rest: the address and the links are personal data).
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The HTML alternative of `text` (updates only; the confirmation is text alone).
    #[serde(default)]
    pub html: Option<String>,
    /// The one-click unsubscribe URL (`List-Unsubscribe`, RFC 8058).
    pub unsubscribe_url: String,
    /// A file sent with the text (a giving statement). Never stored: the outbox keeps the
    /// request and the file is made when the message is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<Attachment>,
}

/// A file attached to a message.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    pub file_name: String,
    /// `application/pdf`.
    pub content_type: String,
    pub bytes: Vec<u8>,
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
        html: None,
        unsubscribe_url: unsubscribe_url.to_owned(),
        attachment: None,
    }
}

/// The donor portal's sign-in link, asked for on `/portal/sign-in` (plain text).
pub fn portal_link(lang: Lang, to: &str, link_url: &str, unsubscribe_url: &str) -> Message {
    let minutes = crate::supporters::PORTAL_LINK_LIFETIME
        .whole_minutes()
        .to_string();
    let text = [
        t(lang, "portal-mail-hello"),
        String::new(),
        t(lang, "portal-mail-body"),
        String::new(),
        link_url.to_owned(),
        String::new(),
        t_args(lang, "portal-mail-expiry", &[("minutes", &minutes)]),
        t(lang, "portal-mail-ignore"),
        String::new(),
        t(lang, "updates-mail-unsubscribe"),
        unsubscribe_url.to_owned(),
        String::new(),
    ]
    .join("\r\n");
    Message {
        to: to.to_owned(),
        subject: t(lang, "portal-mail-subject"),
        text,
        html: None,
        unsubscribe_url: unsubscribe_url.to_owned(),
        attachment: None,
    }
}

/// Who an update goes to, as queued for them (sealed at rest): the address, their one-click
/// unsubscribe link and their language. The text comes from the update itself when the
/// message is sent, so a queue of 100,000 holds the update once, not 100,000 times.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UpdateRecipient {
    pub to: String,
    pub unsubscribe_url: String,
    pub lang: String,
}

impl std::fmt::Debug for UpdateRecipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UpdateRecipient(<redacted>)")
    }
}

/// An update as sent to one recipient: the subject, the body as text and as HTML, and the
/// unsubscribe link at the foot of both. A test send says so in its subject.
pub fn update(
    lang: Lang,
    to: &str,
    subject: &str,
    markdown: &str,
    unsubscribe_url: &str,
    test: bool,
) -> Message {
    use super::markdown::{escape, to_html, to_text};
    let subject = if test {
        format!("{} {subject}", t(lang, "updates-mail-test-prefix"))
    } else {
        subject.to_owned()
    };
    let footer = t(lang, "updates-mail-unsubscribe");
    let text =
        format!("{}\n-- \n{footer}\n{unsubscribe_url}\n", to_text(markdown)).replace('\n', "\r\n");
    let url = escape(unsubscribe_url);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{}<hr>\n<p>{} <a href=\"{url}\">{url}</a></p>\n</body></html>\n",
        lang.code(),
        escape(&subject),
        to_html(markdown),
        escape(&footer),
    );
    Message {
        to: to.to_owned(),
        subject,
        text,
        html: Some(html),
        unsubscribe_url: unsubscribe_url.to_owned(),
        attachment: None,
    }
}

/// A giving statement asked for on the portal, as queued (sealed at rest): the recipient, their
/// unsubscribe link, the language and the year. No gift is in it: the statement is made from
/// the gift rows when the message is sent ([`statement`]).
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StatementRequest {
    pub to: String,
    pub unsubscribe_url: String,
    pub lang: String,
    pub year: i32,
}

impl std::fmt::Debug for StatementRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StatementRequest(<redacted>)")
    }
}

/// The message that carries a giving statement: a short text (no gift in it) and the PDF.
pub fn statement(lang: Lang, to: &str, year: i32, pdf: Vec<u8>, unsubscribe_url: &str) -> Message {
    let y = year.to_string();
    let text = [
        t_args(lang, "statement-mail-body", &[("year", &y)]),
        String::new(),
        t(lang, "statement-mail-asked"),
        String::new(),
        t(lang, "updates-mail-unsubscribe"),
        unsubscribe_url.to_owned(),
        String::new(),
    ]
    .join("\r\n");
    Message {
        to: to.to_owned(),
        subject: t_args(lang, "statement-mail-subject", &[("year", &y)]),
        text,
        html: None,
        unsubscribe_url: unsubscribe_url.to_owned(),
        attachment: Some(Attachment {
            file_name: super::statement::Statement::file_name(year),
            content_type: "application/pdf".into(),
            bytes: pdf,
        }),
    }
}
