//! `GET /api/v1/exports/list?list=…&format=…&personal=…`: a list the caller may see, as a
//! file (`docs/exports.md`). The store decides the rows, whether personal data may be
//! included, builds the file in memory and audits it; this handler reads the query and sets
//! the headers. An encrypted file's passphrase travels once, in the
//! `Libertas-Export-Passphrase` response header; the server keeps no copy.

use crate::http::clock;
use crate::http::ApiError;
use crate::http::ApiPrincipal;
use crate::http::ApiQuery;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use libertas_domain::exports::{ExportFormat, ExportList};
use libertas_store::exports::{ExportRequest, ListExport};
use secrecy::ExposeSecret;
use serde::Deserialize;

/// The response header that carries an encrypted export's passphrase.
pub const PASSPHRASE_HEADER: &str = "libertas-export-passphrase";
/// The response header that carries the number of data rows.
pub const ROWS_HEADER: &str = "libertas-export-rows";

/// The bytes of an export file (CSV, XLSX, JSON or an encrypted ZIP). It only describes the
/// response in the document (handlers send the bytes themselves), hence never built.
#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ExportFile(Vec<u8>);

/// A list that can be exported.
#[derive(Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ListParam {
    Cases,
    People,
    Tasks,
    Referrals,
    Services,
    Trainings,
}

impl From<ListParam> for ExportList {
    fn from(l: ListParam) -> Self {
        match l {
            ListParam::Cases => ExportList::Cases,
            ListParam::People => ExportList::People,
            ListParam::Tasks => ExportList::Tasks,
            ListParam::Referrals => ExportList::Referrals,
            ListParam::Services => ExportList::Services,
            ListParam::Trainings => ExportList::Trainings,
        }
    }
}

/// A file format.
#[derive(Clone, Copy, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FormatParam {
    #[default]
    Csv,
    Xlsx,
}

impl From<FormatParam> for ExportFormat {
    fn from(f: FormatParam) -> Self {
        match f {
            FormatParam::Csv => ExportFormat::Csv,
            FormatParam::Xlsx => ExportFormat::Xlsx,
        }
    }
}

/// What to export.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// The list: the rows its list page shows the caller.
    list: ListParam,
    /// `csv` (default) or `xlsx`.
    format: Option<FormatParam>,
    /// Include names, birth dates, contacts, identity numbers, case and task titles, and the
    /// partners, notes and providers of referrals and services (default false). The file is
    /// then an AES-256 encrypted ZIP.
    personal: Option<bool>,
}

/// A list the caller may see, as a CSV or XLSX file: exactly the rows of its list page (the
/// cases they are a member of, those cases' people and open tasks, the referrals sent from
/// those cases or received by the organisation, the services of the care plans of those
/// cases' people, the organisation's training events). Audited (`export.list`).
#[utoipa::path(get, path = "/api/v1/exports/list", tag = "exports",
    params(ListQuery),
    responses(
        (status = 200, description = "The file as an attachment (`Cache-Control: no-store`). Without personal data: the CSV (`text/csv`, header row first) or XLSX workbook. With `personal=true`: a ZIP archive (`application/zip`) holding that file, encrypted with AES-256 (WinZip AE-2) under a random passphrase given once in the `Libertas-Export-Passphrase` header and kept nowhere by the server. `Libertas-Export-Rows` gives the number of data rows.",
            content(
                (ExportFile = "text/csv"),
                (ExportFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (ExportFile = "application/zip")
            ),
            headers(
                ("Libertas-Export-Rows" = u64, description = "Data rows in the file."),
                ("Libertas-Export-Passphrase" = String, description = "Only for an encrypted file: its passphrase, shown once.")
            )),
        (status = 400, description = "An unknown list or format, a value that is not true or false, or an unknown parameter; `field` names it."),
        (status = 401, description = "No valid session or token."),
        (status = 403, description = "The caller's role may not see this list (cases, people, tasks, referrals and services need case work), or asked for personal data without a role that reads it.")
    ),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn export_list(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    let r = ExportRequest {
        list: q.list.into(),
        format: q.format.unwrap_or_default().into(),
        personal: q.personal.unwrap_or(false),
    };
    let today = clock::now().date();
    let export = state
        .store
        .export_list(&p, r, today, &|_, _| {}, "api: export list")
        .await?;
    Ok(attachment(export))
}

/// The export as a download, with its row count and (when encrypted) its passphrase.
pub(super) fn attachment(export: ListExport) -> Response {
    let passphrase = export
        .passphrase
        .as_ref()
        .and_then(|s| HeaderValue::from_str(s.expose_secret()).ok());
    file_response(
        export.bytes.into(),
        &export.file_name,
        export.content_type,
        export.rows,
        passphrase,
    )
}

/// A file as a download (`Content-Disposition: attachment`, `Cache-Control: no-store`), with
/// its row count, and its passphrase in a header when given (the API; the export page showed
/// it before the export started, so its downloads never carry it).
pub(super) fn file_response(
    body: Bytes,
    file_name: &str,
    content_type: &'static str,
    rows: usize,
    passphrase: Option<HeaderValue>,
) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&rows.to_string()) {
        h.insert(HeaderName::from_static(ROWS_HEADER), v);
    }
    if let Some(mut v) = passphrase {
        v.set_sensitive(true);
        h.insert(HeaderName::from_static(PASSPHRASE_HEADER), v);
    }
    res
}

/// The HTCDS export's one parameter.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct HtcdsQuery {
    /// Include victims' names, birth dates, contacts and identity numbers (default false).
    /// The file is then an AES-256 encrypted ZIP.
    personal: Option<bool>,
}

/// The caller's cases (those their case list shows) with their victims, as a JSON document in
/// the field names of the Human Trafficking Case Data Standard v2 (`docs/exports.md` lists
/// the fields filled). Audited (`export.htcds`).
#[utoipa::path(get, path = "/api/v1/exports/htcds", tag = "exports",
    params(HtcdsQuery),
    responses(
        (status = 200, description = "`htcds.json` as an attachment (`Cache-Control: no-store`): `{\"standard\": \"HTCDS 2.0\", \"cases\": [{\"lib_CaseNumber\", \"cas_Status\", \"cas_ReasonForCaseClosure\", \"cas_CaseOwner\", \"victims\": [{\"prs_Gender\", \"prs_Citizenship\", \"prs_PrimaryLanguage\", \"prs_SecondaryLanguage\", \"vic_TraffickingStatus\", \"vic_MethodsOfControl\", \"vic_TypeOfExploitation\"}]}]}`; the last two are lists of HTCDS values from the screenings of the case's reports, or null when none was screened. With `personal=true` the victims also carry `prs_FirstName`, `prs_SecondName`, `prs_Birthdate`, `prs_Email`, `prs_MobilePhone`, `prs_IdentityNumber`, and the file is `htcds.zip`, a ZIP encrypted with AES-256 under the passphrase in the `Libertas-Export-Passphrase` header (shown once, kept nowhere). `Libertas-Export-Rows` gives the number of cases.",
            content(
                (serde_json::Value = "application/json"),
                (ExportFile = "application/zip")
            ),
            headers(
                ("Libertas-Export-Rows" = u64, description = "Cases in the file."),
                ("Libertas-Export-Passphrase" = String, description = "Only for an encrypted file: its passphrase, shown once.")
            )),
        (status = 400, description = "`personal` is not true or false, or an unknown parameter; `field` names it."),
        (status = 401, description = "No valid session or token."),
        (status = 403, description = "The caller's role does not work cases.")
    ),
    security(("bearer" = [])))]
#[tracing::instrument(skip_all)]
pub async fn export_htcds(
    State(state): State<AppState>,
    ApiPrincipal(p): ApiPrincipal,
    ApiQuery(q): ApiQuery<HtcdsQuery>,
) -> Result<Response, ApiError> {
    let export = state
        .store
        .export_htcds(
            &p,
            q.personal.unwrap_or(false),
            &|_, _| {},
            "api: export htcds",
        )
        .await?;
    Ok(attachment(export))
}
