//! Receiving an evidence upload (`multipart/form-data`), shared by the API and the page.
//!
//! The file is hashed, scanned for active content and encrypted chunk by chunk as it arrives
//! (nothing is buffered whole, nothing touches the disk in plaintext). The global body limit
//! is lifted on the upload routes, so the limits live here: the file may not exceed
//! `max_evidence_bytes`, every other field is capped at [`FIELD_CAP`] bytes and a request may
//! carry at most [`MAX_FIELDS`].
//!
//! Active content (HTML, SVG, XML, XHTML, JavaScript, a PDF with JavaScript; found anywhere in
//! the file, whatever its name or declared type) is refused with 400 naming `file` unless the
//! upload carries `active_content=true`; the store then keeps it as type `active`, which is
//! only ever served as an attachment no browser renders.

use crate::state::AppState;
use axum::extract::multipart::MultipartError;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::admin::Principal;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::active::ActiveKind;
use libertas_domain::justice::evidence::{EvidenceDescription, FileName};
use libertas_domain::FieldError;
use libertas_store::justice::EvidenceView;
use libertas_store::StoreError;

/// Largest non-file field (the description is at most 2,000 characters).
pub const FIELD_CAP: usize = 16 * 1024;
/// Most fields a request may carry (`file`, `description`, `active_content`, `csrf`).
pub const MAX_FIELDS: usize = 8;

/// Why an upload was refused.
pub enum UploadFail {
    /// A client error about one field: 400, 413 or 415 with the field's name.
    Field {
        status: StatusCode,
        code: &'static str,
        field: String,
        message: String,
    },
    /// The page's cross-site check failed; this is the response to send.
    Refused(Response),
    Store(StoreError),
}

impl From<StoreError> for UploadFail {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid(f) => Self::invalid(f),
            other => Self::Store(other),
        }
    }
}

impl UploadFail {
    fn invalid(f: FieldError) -> Self {
        Self::Field {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_field",
            field: f.field,
            message: f.message,
        }
    }

    /// A file whose first bytes are not one of the accepted types: 415 naming `file`.
    fn type_refused() -> Self {
        Self::Field {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "unsupported_media_type",
            field: "file".into(),
            message: "this type of file is not accepted as evidence \
                      (PDF, JPEG, PNG, MP4, plain text or ZIP/DOCX)"
                .into(),
        }
    }

    /// Active content without the uploader's mark: 400 naming `file`.
    fn active(kind: ActiveKind) -> Self {
        Self::Field {
            status: StatusCode::BAD_REQUEST,
            code: "active_content",
            field: "file".into(),
            message: format!(
                "the file holds active content ({}); send active_content=true with it to keep \
                 it as active content (it is then only ever downloaded, never shown)",
                kind.describe()
            ),
        }
    }

    fn too_large(max: u64) -> Self {
        Self::Field {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "payload_too_large",
            field: "file".into(),
            message: format!("the file is larger than the limit of {max} bytes"),
        }
    }

    fn multipart(e: MultipartError, field: &str, max: u64) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::too_large(max);
        }
        Self::Field {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_field",
            field: field.to_owned(),
            message: "the multipart body is malformed".into(),
        }
    }

    /// The JSON error body of the API, naming the field.
    pub fn into_api_response(self) -> Response {
        match self {
            Self::Field {
                status,
                code,
                field,
                message,
            } => (
                status,
                Json(serde_json::json!({ "error": {
                    "code": code, "message": format!("{field}: {message}"), "field": field } })),
            )
                .into_response(),
            Self::Refused(r) => r,
            Self::Store(e) => crate::http::ApiError::from(e).into_response(),
        }
    }
}

/// The page's cross-site check of the form's `csrf` field: true when it passes.
pub type CsrfCheck<'a> = &'a (dyn Fn(&str) -> bool + Sync);

/// Streams the upload into the store and records it. `csrf` is the page's check: when given,
/// a `csrf` field must arrive (and pass) before the file.
pub async fn receive(
    state: &AppState,
    p: &Principal,
    case: CaseId,
    mut mp: Multipart,
    csrf: Option<CsrfCheck<'_>>,
    reason: &str,
) -> Result<EvidenceView, UploadFail> {
    let max = state.config.max_evidence_bytes;
    let mut up = state.store.begin_evidence(p, case).await?;
    let mut name: Option<FileName> = None;
    let mut description = String::new();
    let mut marked = false;
    let mut csrf_ok = csrf.is_none();
    let mut fields = 0usize;
    while let Some(mut field) = mp
        .next_field()
        .await
        .map_err(|e| UploadFail::multipart(e, "file", max))?
    {
        fields += 1;
        let fname = field.name().unwrap_or_default().to_owned();
        if fields > MAX_FIELDS {
            return Err(UploadFail::invalid(FieldError::new(
                fname,
                "too many fields",
            )));
        }
        match fname.as_str() {
            "file" if name.is_none() => {
                if !csrf_ok {
                    return Err(forbidden());
                }
                let raw = field.file_name().unwrap_or("evidence").to_owned();
                name = Some(FileName::parse(&raw).map_err(UploadFail::invalid)?);
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|e| UploadFail::multipart(e, "file", max))?
                {
                    if up.size() + chunk.len() as u64 > max {
                        return Err(UploadFail::too_large(max));
                    }
                    up.push(&chunk).await?;
                }
            }
            "description" => description = small_text(&mut field, "description", max).await?,
            "active_content" => {
                let raw = small_text(&mut field, "active_content", max).await?;
                // The API takes the boolean its document states, `true` or `false`; the page's
                // checkbox sends `on` (and some browsers `1`), or nothing at all.
                let page = csrf.is_some();
                marked = match raw.as_str() {
                    "true" => true,
                    "false" => false,
                    "on" | "1" if page => true,
                    "off" | "0" | "" if page => false,
                    _ => {
                        return Err(UploadFail::invalid(FieldError::new(
                            "active_content",
                            "must be true or false",
                        )))
                    }
                }
            }
            "csrf" if csrf.is_some() => {
                let token = small_text(&mut field, "csrf", max).await?;
                if let Some(check) = csrf {
                    if !check(&token) {
                        return Err(forbidden());
                    }
                }
                csrf_ok = true;
            }
            _ => {
                return Err(UploadFail::invalid(FieldError::new(fname, "unknown field")));
            }
        }
    }
    let Some(name) = name else {
        return Err(UploadFail::invalid(FieldError::new(
            "file",
            "a file is required",
        )));
    };
    if up.size() == 0 {
        return Err(UploadFail::invalid(FieldError::new(
            "file",
            "the file is empty",
        )));
    }
    if up.sniffed().is_none() {
        return Err(UploadFail::type_refused());
    }
    if let Some(kind) = up.active().filter(|_| !marked) {
        return Err(UploadFail::active(kind));
    }
    let description = EvidenceDescription::parse(&description).map_err(UploadFail::invalid)?;
    Ok(state
        .store
        .finish_evidence(p, up, &name, &description, marked, reason)
        .await?)
}

/// The answer to a page upload whose cross-site check failed (or came after the file).
fn forbidden() -> UploadFail {
    UploadFail::Refused(crate::http::error_page(
        Default::default(),
        StatusCode::FORBIDDEN,
    ))
}

/// A non-file field, read up to [`FIELD_CAP`] bytes and required to be UTF-8.
async fn small_text(
    field: &mut axum::extract::multipart::Field<'_>,
    name: &str,
    max: u64,
) -> Result<String, UploadFail> {
    let mut buf = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| UploadFail::multipart(e, name, max))?
    {
        if buf.len() + chunk.len() > FIELD_CAP {
            return Err(UploadFail::invalid(FieldError::new(name, "too long")));
        }
        buf.extend_from_slice(&chunk);
    }
    String::from_utf8(buf)
        .map_err(|_| UploadFail::invalid(FieldError::new(name, "must be UTF-8 text")))
}
