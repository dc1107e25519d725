//! `/api/v1/cases/{id}/evidence…`: upload, list, read, download and verify evidence files.

use crate::http::schema;
use crate::http::ApiError;
use crate::http::ApiPathId;
use crate::http::ApiPathIds;
use crate::http::ApiPrincipal;
use crate::justice::evidence::custody_api::CustodyJson;
use crate::justice::evidence::upload::{receive, UploadFail};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use libertas_domain::ids::CaseId;
use libertas_domain::justice::evidence::EvidenceId;
use libertas_domain::justice::evidence::{download_name, EvidenceType, VerifyOutcome};
use libertas_store::justice::{EvidenceView, VerifyReport};
use serde::Serialize;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{KnownFormat, RefOr, Schema, SchemaFormat};
use utoipa::ToSchema;

/// An evidence file's record. `sha256` is the hex SHA-256 of the file as uploaded.
#[derive(Serialize, ToSchema)]
pub struct EvidenceJson {
    #[schema(format = "uuid")]
    id: String,
    #[schema(format = "uuid")]
    case_id: String,
    /// The original file name (encrypted at rest).
    file_name: String,
    /// Encrypted at rest.
    description: String,
    /// Recognised from the file's first bytes: `pdf`, `jpeg`, `png`, `mp4`, `text` or `zip`;
    /// `active` for active content kept on purpose (uploaded with `active_content=true`).
    media_type: String,
    size_bytes: u64,
    sha256: String,
    #[schema(format = "uuid")]
    uploaded_by: String,
    uploader: String,
    created_at: String,
}

impl From<EvidenceView> for EvidenceJson {
    fn from(e: EvidenceView) -> Self {
        Self {
            id: e.id.to_string(),
            case_id: e.case_id.to_string(),
            file_name: e.file_name,
            description: e.description,
            media_type: e.media_type.as_str().to_owned(),
            size_bytes: e.size_bytes,
            sha256: e.sha256,
            uploaded_by: e.uploaded_by.to_string(),
            uploader: e.uploader,
            created_at: e.created_at,
        }
    }
}

/// An evidence record with its chain of custody, oldest entry first.
#[derive(Serialize, ToSchema)]
pub struct EvidenceDetailJson {
    evidence: EvidenceJson,
    custody: Vec<CustodyJson>,
}

/// The result of re-hashing a stored file.
#[derive(Serialize, ToSchema)]
pub struct VerifyJson {
    /// `ok`, `mismatch` (decrypts, hash differs), `unreadable` (fails authentication:
    /// altered or cut) or `missing`.
    outcome: String,
    /// True unless the stored file re-hashed to the intake hash (`outcome` says why).
    mismatch: bool,
    expected_sha256: String,
    actual_sha256: Option<String>,
    /// The custody entry that records this verification.
    custody: CustodyJson,
}

impl From<VerifyReport> for VerifyJson {
    fn from(r: VerifyReport) -> Self {
        Self {
            outcome: r.outcome.as_str().to_owned(),
            mismatch: r.outcome != VerifyOutcome::Ok,
            expected_sha256: r.expected_sha256,
            actual_sha256: r.actual_sha256,
            custody: r.custody.into(),
        }
    }
}

/// The multipart form of an upload (documentation only).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file: PDF, JPEG, PNG, MP4, plain text or ZIP (DOCX, XLSX…), recognised by its
    /// first bytes; at most `max_evidence_bytes` (25 MiB by default).
    #[schema(schema_with = file_schema)]
    file: Vec<u8>,
    /// Up to 2,000 characters. Encrypted at rest.
    #[schema(schema_with = schema::lines::<0, 2_000>)]
    description: Option<String>,
    /// `true` to keep a file with active content (HTML, SVG, XML, XHTML, JavaScript, a PDF
    /// with JavaScript) as it is, as type `active`; without it such a file is refused (400
    /// naming `file`). Default `false`.
    #[schema(schema_with = boolean)]
    active_content: Option<bool>,
}

fn boolean() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::Boolean).into()
}

/// The file part: bytes. (An empty file is refused, 400 naming `file`, but `minLength` is not
/// stated: generators check a binary part as an empty string, so it would make every body
/// look invalid to them.)
fn file_schema() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
        .into()
}

/// Uploads an evidence file (members of the case only). The SHA-256 is computed as it
/// streams in; the first custody entry (intake) is written with it.
#[utoipa::path(post, path = "/api/v1/cases/{id}/evidence", tag = "justice",
    params(("id" = String, Path, description = "case id")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = EvidenceJson),
        (status = 400, description = "a field is wrong, naming it; `file` with code `active_content` when the file holds active content (markup, a script, a PDF with JavaScript, found anywhere in it) and `active_content=true` was not sent"),
        (status = 401), (status = 403),
        (status = 404), (status = 413, description = "the file is too large (`field`: `file`)"),
        (status = 415, description = "not multipart, or a file type not accepted (`field`: `file`)")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn upload(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
    mp: Result<Multipart, MultipartRejection>,
) -> Response {
    let Ok(mp) = mp else {
        return UploadFail::Field {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "unsupported_media_type",
            field: "file".into(),
            message: "send the file as multipart/form-data".into(),
        }
        .into_api_response();
    };
    match receive(&state, &p, id, mp, None, "api: upload evidence").await {
        Ok(v) => (StatusCode::CREATED, Json(EvidenceJson::from(v))).into_response(),
        Err(e) => e.into_api_response(),
    }
}

/// The evidence files of a case, oldest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/evidence", tag = "justice",
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, description = "`{\"evidence\": [Evidence]}`"), (status = 401),
        (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathId(id): ApiPathId<CaseId>,
) -> Result<Response, ApiError> {
    let items: Vec<EvidenceJson> = state
        .store
        .list_evidence(&p, id, "api: list evidence")
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(Json(serde_json::json!({ "evidence": items })).into_response())
}

/// One evidence record with its chain of custody.
#[utoipa::path(get, path = "/api/v1/cases/{id}/evidence/{eid}", tag = "justice",
    params(("id" = String, Path, description = "case id"), ("eid" = String, Path, description = "evidence id")),
    responses((status = 200, body = EvidenceDetailJson), (status = 400), (status = 401),
        (status = 403), (status = 404)),
    security(("bearer" = [])))]
pub async fn get_one(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathIds(id, eid): ApiPathIds<CaseId, EvidenceId>,
) -> Result<Json<EvidenceDetailJson>, ApiError> {
    let (e, log) = state
        .store
        .get_evidence(&p, id, eid, "api: read evidence")
        .await?;
    Ok(Json(EvidenceDetailJson {
        evidence: e.into(),
        custody: log.into_iter().map(Into::into).collect(),
    }))
}

/// The file itself, decrypted, as an attachment. Every download is audited. The file is
/// checked whole first (every segment authentic, SHA-256 equal to intake: else 409), then
/// streamed one 64 KiB segment at a time with its `Content-Length`; should it change on disk
/// in between, the connection is cut at the bad segment, short of that length.
#[utoipa::path(get, path = "/api/v1/cases/{id}/evidence/{eid}/file", tag = "justice",
    params(("id" = String, Path, description = "case id"), ("eid" = String, Path, description = "evidence id")),
    responses((status = 200, description = "the file as an attachment (`Content-Disposition: attachment` with a safe name whose extension matches the type, `.txt` added for active content), with its recognised media type (`application/octet-stream` for active content) and `X-Content-Type-Options: nosniff`"),
        (status = 400), (status = 401), (status = 403), (status = 404),
        (status = 409, description = "the stored file fails verification (altered, cut, or no longer equal to the intake hash)")),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn download(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathIds(id, eid): ApiPathIds<CaseId, EvidenceId>,
) -> Result<Response, ApiError> {
    let (e, reader) = state
        .store
        .evidence_file(&p, id, eid, "api: download evidence")
        .await?;
    let disposition = content_disposition(
        &download_name(&e.file_name, e.media_type),
        &e.id.to_string(),
        e.media_type,
    );
    let mut res = Body::from_stream(reader.into_stream()).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(e.media_type.media_type()),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(e.size_bytes));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(res)
}

/// `attachment` with the safe name percent-encoded (RFC 6266 / 8187), and a plain ASCII
/// fallback made of the evidence id and the type's extension, so no name can break out of
/// the header.
fn content_disposition(name: &str, id: &str, kind: EvidenceType) -> String {
    let mut enc = String::with_capacity(name.len() * 3);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            enc.push(char::from(b));
        } else {
            enc.push_str(&format!("%{b:02X}"));
        }
    }
    let ext = download_name("x", kind);
    let ext = ext.rsplit('.').next().unwrap_or("bin");
    format!("attachment; filename=\"evidence-{id}.{ext}\"; filename*=UTF-8''{enc}")
}

/// Decrypts and re-hashes the stored file and compares it with the hash taken at intake.
/// The outcome is recorded in the custody log and the audit trail; a mismatch is a result
/// (200), not an error.
#[utoipa::path(post, path = "/api/v1/cases/{id}/evidence/{eid}/verify", tag = "justice",
    params(("id" = String, Path, description = "case id"), ("eid" = String, Path, description = "evidence id")),
    responses((status = 200, body = VerifyJson), (status = 400), (status = 401), (status = 403),
        (status = 404)),
    security(("bearer" = [])))]
pub async fn verify(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiPathIds(id, eid): ApiPathIds<CaseId, EvidenceId>,
) -> Result<Json<VerifyJson>, ApiError> {
    Ok(Json(
        state
            .store
            .verify_evidence(&p, id, eid, "api: verify evidence")
            .await?
            .into(),
    ))
}
