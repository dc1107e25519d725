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
    /// Back to the newest events (on every page but the first) and the next, older page.
    pub pager: crate::http::list::Pager,
    pub errors: crate::http::list::FieldErrors,
    pub events: Vec<super::audit_page::EventRow>,
}
