//! The sign-in, account and audit page templates.

use crate::http::Chrome;
use crate::i18n::Tr;
use askama::Template;

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub csrf: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "totp.html")]
pub struct TotpPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "enrol.html")]
pub struct EnrolPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub secret: String,
    pub otpauth_url: String,
    /// The URI as a QR code, beside the secret.
    pub qr: Option<super::qr::QrSvg>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "recovery.html")]
pub struct RecoveryPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub codes: Vec<String>,
}

#[derive(Template)]
#[template(path = "password.html")]
pub struct PasswordPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub error: Option<String>,
    /// Ask for a TOTP or recovery code too (a voluntary change by an enrolled user).
    pub ask_code: bool,
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub t: Tr,
    pub chrome: Chrome,
    pub actor: String,
    pub action: String,
    pub object_id: String,
    pub from: String,
    pub to: String,
    /// The next (older) page, when there is one.
    pub older_href: Option<String>,
    /// Back to the newest events, on every page but the first.
    pub newest_href: Option<String>,
    pub errors: Vec<super::audit_page::FilterError>,
    pub events: Vec<super::audit_page::EventRow>,
}

impl AuditPage {
    /// The explanation of `field`'s error, translated, when it has one.
    pub fn error_for(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.t.get(e.message))
    }

    /// The first field in error, for the summary's link.
    pub fn first_error(&self) -> Option<&'static str> {
        self.errors.first().map(|e| e.field)
    }
}
