//! Evidence files and their chain of custody: ids, validated narrative values, the file types
//! Libertas accepts (recognised by their first bytes, never by the name or the browser's
//! claim) and the outcomes of a verification.

use crate::admin::Username;
use crate::ids::id_type;
use crate::text::text_type;
use crate::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;
use time::format_description::well_known::Rfc3339;
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

id_type!(
    /// An evidence file; also the name of its encrypted file in the data directory.
    EvidenceId
);
id_type!(
    /// One entry in an evidence file's chain of custody.
    CustodyId
);

text_type!(
    /// What the file is and where it came from: narrative, sealed under the case key.
    EvidenceDescription, "description", 0, 2_000, true
);
text_type!(
    /// Who handed the evidence over (a person or an organisation): sealed under the case key.
    CustodyParty, "received_from", 1, 200, false
);
text_type!(
    /// Why the evidence changed hands: sealed under the case key.
    CustodyPurpose, "purpose", 1, 2_000, true
);

/// The original name of an uploaded file: narrative (names often name people), sealed.
/// Only the last path component is kept, so a name can never steer a path.
#[derive(Clone, PartialEq, Eq)]
pub struct FileName(String);

impl FileName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
        crate::text::clean_text("file", base, 1, 255, false).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for FileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileName(<{} chars>)", self.0.chars().count())
    }
}

/// The kinds of file accepted as evidence. Anything else (executables, …) is refused, and
/// active content (HTML, SVG, XML, scripts, PDFs with JavaScript; see [`super::active`]) is
/// refused unless the uploader marks it as such: evidence is downloaded and opened by staff,
/// so active content is a risk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceType {
    Pdf,
    Jpeg,
    Png,
    Mp4,
    Text,
    /// ZIP archives, which includes DOCX, XLSX and ODT documents.
    Zip,
    /// Active content kept on purpose (a saved web page, say): stored as given, only ever
    /// served as `application/octet-stream` under a name ending in `.txt`.
    Active,
}

/// How many leading bytes [`EvidenceType::sniff`] looks at.
pub const SNIFF_LEN: usize = 512;

impl EvidenceType {
    /// Recognises a file by its first bytes (at most [`SNIFF_LEN`] are looked at).
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(Self::Png)
        } else if head.get(4..8) == Some(b"ftyp".as_slice()) {
            Some(Self::Mp4)
        } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
            Some(Self::Zip)
        } else if is_plain_text(head) {
            Some(Self::Text)
        } else {
            None
        }
    }

    /// The media type a download is served with: never one a browser renders for active
    /// content.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Mp4 => "video/mp4",
            Self::Text => "text/plain; charset=utf-8",
            Self::Zip => "application/zip",
            Self::Active => "application/octet-stream",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Jpeg => "jpeg",
            Self::Png => "png",
            Self::Mp4 => "mp4",
            Self::Text => "text",
            Self::Zip => "zip",
            Self::Active => "active",
        }
    }

    pub fn parse(s: &str) -> Result<Self, FieldError> {
        Ok(match s {
            "pdf" => Self::Pdf,
            "jpeg" => Self::Jpeg,
            "png" => Self::Png,
            "mp4" => Self::Mp4,
            "text" => Self::Text,
            "zip" => Self::Zip,
            "active" => Self::Active,
            _ => return Err(FieldError::new("type", "unknown evidence type")),
        })
    }

    /// File-name extensions a download of this type may keep; the first is added when the
    /// name has none of them. Active content always gets `.txt` added, so the desktop opens
    /// it as text, never in a browser.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Pdf => &["pdf"],
            Self::Jpeg => &["jpg", "jpeg", "jpe"],
            Self::Png => &["png"],
            Self::Mp4 => &["mp4", "m4v", "m4a", "mov"],
            Self::Text => &["txt", "text", "log", "md"],
            Self::Zip => &["zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"],
            Self::Active => &["txt"],
        }
    }
}

/// The name a download is offered under: the original name with anything that could steer
/// a path, a header or a shell replaced by `_`, no leading dots, at most 200 characters, and
/// an extension that matches what the file is (`photo.svg` holding a PNG becomes
/// `photo.svg.png`; a web page kept as active content, `page.html.txt`).
pub fn download_name(original: &str, kind: EvidenceType) -> String {
    let cleaned: String = original
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '(' | ')' | ',') {
                c
            } else {
                '_'
            }
        })
        .take(200)
        .collect();
    let mut name = cleaned.trim_start_matches(['.', ' ']).trim_end().to_owned();
    if name.is_empty() {
        name = "evidence".to_owned();
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let allowed = kind.extensions();
    if kind == EvidenceType::Active || !allowed.contains(&ext.as_str()) {
        name.push('.');
        name.push_str(allowed[0]);
    }
    name
}

/// Non-empty UTF-8 without control characters other than tab and line breaks. A multi-byte
/// character cut off at the end of the sniffed window still counts as text.
fn is_plain_text(head: &[u8]) -> bool {
    if head.is_empty() {
        return false;
    }
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    text.chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
}

/// What happened to an evidence file at one step of its custody.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustodyEvent {
    /// Uploaded into Libertas: the first entry, written with the file.
    Intake,
    /// Handed from someone to a member of the case.
    Transfer,
    /// Re-hashed: the stored file matches the hash taken at intake.
    VerifiedOk,
    /// Re-hashed: the stored file differs from intake, cannot be decrypted, or is missing.
    VerifyFailed,
}

impl CustodyEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Intake => "intake",
            Self::Transfer => "transfer",
            Self::VerifiedOk => "verified_ok",
            Self::VerifyFailed => "verify_failed",
        }
    }

    pub fn parse(s: &str) -> Result<Self, FieldError> {
        Ok(match s {
            "intake" => Self::Intake,
            "transfer" => Self::Transfer,
            "verified_ok" => Self::VerifiedOk,
            "verify_failed" => Self::VerifyFailed,
            _ => return Err(FieldError::new("event", "unknown custody event")),
        })
    }
}

/// The result of re-hashing a stored file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyOutcome {
    /// Decrypted and re-hashed to the intake hash.
    Ok,
    /// Decrypted, but the hash differs from the one taken at intake.
    Mismatch,
    /// The stored bytes fail authentication: altered, cut off or written with another key.
    Unreadable,
    /// The stored file is gone.
    Missing,
}

impl VerifyOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Mismatch => "mismatch",
            Self::Unreadable => "unreadable",
            Self::Missing => "missing",
        }
    }
}

/// When evidence changed hands, as the user gives it: RFC 3339 (`2026-03-01T14:30:00Z`) or a
/// form's local date and time (`2026-03-01T14:30`, read as UTC). Custody cannot be recorded
/// for a moment more than five minutes after `now` (clock skew is allowed for).
pub fn parse_received_at(raw: &str, now: OffsetDateTime) -> Result<OffsetDateTime, FieldError> {
    let bad = || {
        FieldError::new(
            "received_at",
            "must be a date and time such as 2026-03-01T14:30Z",
        )
    };
    let raw = raw.trim();
    let at = OffsetDateTime::parse(raw, &Rfc3339)
        .or_else(|_| {
            PrimitiveDateTime::parse(raw, LOCAL_MINUTES).map(PrimitiveDateTime::assume_utc)
        })
        .or_else(|_| {
            PrimitiveDateTime::parse(raw, LOCAL_SECONDS).map(PrimitiveDateTime::assume_utc)
        })
        .map_err(|_| bad())?;
    if at > now + time::Duration::minutes(5) {
        return Err(FieldError::new("received_at", "must not be in the future"));
    }
    if at.year() < 1900 {
        return Err(bad());
    }
    Ok(at)
}

const LOCAL_MINUTES: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]");
const LOCAL_SECONDS: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");

/// A hand-over to record. `received_by` defaults to the caller and must be a case member.
#[derive(Debug)]
pub struct NewCustody {
    pub received_by: Option<Username>,
    pub received_from: CustodyParty,
    pub purpose: CustodyPurpose,
    pub received_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_accepted_types_and_refuses_others() {
        assert_eq!(EvidenceType::sniff(b"%PDF-1.7\n"), Some(EvidenceType::Pdf));
        assert_eq!(
            EvidenceType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(EvidenceType::Jpeg)
        );
        assert_eq!(
            EvidenceType::sniff(b"\0\0\0\x18ftypmp42"),
            Some(EvidenceType::Mp4)
        );
        assert_eq!(
            EvidenceType::sniff(b"PK\x03\x04rest"),
            Some(EvidenceType::Zip)
        );
        assert_eq!(
            EvidenceType::sniff("plain ţară\n".as_bytes()),
            Some(EvidenceType::Text)
        );
        assert_eq!(EvidenceType::sniff(b"MZ\x90\0\x03"), None);
        assert_eq!(EvidenceType::sniff(b""), None);
        let cut = &"ţ".as_bytes()[..1];
        assert_eq!(
            EvidenceType::sniff(&[b"ab".as_slice(), cut].concat()),
            Some(EvidenceType::Text)
        );
    }

    #[test]
    fn download_names_are_safe_and_say_what_the_file_is() {
        use EvidenceType::*;
        assert_eq!(download_name("scan.PDF", Pdf), "scan.PDF");
        assert_eq!(download_name("photo.svg", Png), "photo.svg.png");
        assert_eq!(download_name("page.html", Active), "page.html.txt");
        assert_eq!(download_name("notes.txt", Active), "notes.txt.txt");
        assert_eq!(download_name("a\"b;c\r\n.txt", Text), "a_b_c__.txt");
        assert_eq!(download_name("..hidden", Text), "hidden.txt");
        assert_eq!(download_name("ţară.txt", Text), "ţară.txt");
        assert_eq!(download_name("", Zip), "evidence.zip");
        assert!(download_name(&"x".repeat(500), Text).chars().count() <= 204);
    }

    #[test]
    fn received_at_forms_and_future() {
        let now = OffsetDateTime::parse("2026-03-02T00:00:00Z", &Rfc3339).unwrap();
        assert!(parse_received_at("2026-03-01T14:30", now).is_ok());
        assert!(parse_received_at("2026-03-01T14:30:00+02:00", now).is_ok());
        assert_eq!(
            parse_received_at("2026-03-03T00:00", now)
                .unwrap_err()
                .field,
            "received_at"
        );
        assert!(parse_received_at("yesterday", now).is_err());
    }

    #[test]
    fn file_names_lose_their_path() {
        assert_eq!(
            FileName::parse("../../etc/passwd").unwrap().as_str(),
            "passwd"
        );
        assert_eq!(
            FileName::parse("C:\\x\\photo.jpg").unwrap().as_str(),
            "photo.jpg"
        );
        assert_eq!(FileName::parse("dir/").unwrap_err().field, "file");
    }
}
