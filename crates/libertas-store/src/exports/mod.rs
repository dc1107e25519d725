//! List exports: the rows a user's list page shows them, as a CSV or XLSX file, built in
//! memory (`docs/exports.md`).
//!
//! Access is the list's own: the same store readers and membership filters, so a caseworker
//! exports only the cases they are a member of, and another organisation's user nothing.
//! Personal and narrative columns (names, birth dates, contacts, identity numbers, case and
//! task titles) are included only when asked for, and only for roles that may read personal
//! data; such a file is always an AES-256 encrypted ZIP under a fresh random passphrase that
//! is returned once to the caller and never stored or logged. Every export is audited as one
//! `export.list` event (list, format, rows, whether personal data was included), plus one
//! `person.read` per person whose personal data the file holds, as the list pages do.

mod file;
mod htcds;
mod lists;
mod more_lists;
mod passphrase;

pub use passphrase::ExportPassphrase;

use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::{Policy, Principal};
use libertas_domain::exports::{ExportFormat, ExportList};
use secrecy::SecretString;
use time::Date;

/// A fresh passphrase for an encrypted export: 128 random bits from the operating system, in
/// base32 groups of four (`ABCD-EFGH-…`). The export page shows one before the download.
pub fn new_passphrase() -> ExportPassphrase {
    ExportPassphrase::from_generated(file::new_passphrase())
}

/// Records read and opened together, between two calls of the progress callback.
pub(crate) const BATCH: usize = 500;

/// What to export.
#[derive(Clone, Copy, Debug)]
pub struct ExportRequest {
    pub list: ExportList,
    pub format: ExportFormat,
    /// Include personal and narrative columns (then the file is encrypted).
    pub personal: bool,
}

/// An export file, ready to be sent or written.
pub struct ListExport {
    /// The file: plain CSV/XLSX, or an encrypted ZIP holding it when `passphrase` is set.
    pub bytes: Vec<u8>,
    /// `cases.csv`, `people.zip`, …
    pub file_name: String,
    pub content_type: &'static str,
    /// The passphrase of the encrypted ZIP: show it to the user once, never store or log it.
    pub passphrase: Option<SecretString>,
    /// Data rows in the file (the header not counted).
    pub rows: usize,
}

impl std::fmt::Debug for ListExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListExport")
            .field("file_name", &self.file_name)
            .field("bytes", &self.bytes.len())
            .field("rows", &self.rows)
            .field("encrypted", &self.passphrase.is_some())
            .finish()
    }
}

impl Store {
    /// The list `r.list` as `p`'s list page shows it, as a file.
    ///
    /// Cases, people, tasks, referrals and services need case work (`Forbidden`
    /// otherwise); trainings any staff
    /// role. Personal columns need a role that reads personal data (`Forbidden` when asked
    /// for without one); trainings hold none, so asking for them changes nothing.
    /// `progress(done, total)` follows the records as they are opened.
    pub async fn export_list(
        &self,
        p: &Principal,
        r: ExportRequest,
        today: Date,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
        reason: &str,
    ) -> Result<ListExport, StoreError> {
        self.export_list_under(p, r, None, today, progress, reason)
            .await
    }

    /// [`Store::export_list`], encrypting a file with personal data under `passphrase` when
    /// one is given (the export page shows the user a passphrase before the download and
    /// sends it back with the form) instead of a fresh one. The passphrase is never stored;
    /// the returned export carries it back as `passphrase` all the same.
    pub async fn export_list_under(
        &self,
        p: &Principal,
        r: ExportRequest,
        passphrase: Option<ExportPassphrase>,
        today: Date,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
        reason: &str,
    ) -> Result<ListExport, StoreError> {
        if !r.list.allowed(p.role) || (r.personal && !Policy::reads_personal_data(p.role)) {
            return Err(StoreError::Forbidden);
        }
        let (table, mut events) = self.list_table(p, r, today, progress, reason).await?;
        let personal = r.personal && r.list.has_personal_columns();
        let rows = table.rows.len();
        let plain = file::plain(&table, r.format)?;
        drop(table);
        let inner_name = format!("{}.{}", r.list.as_str(), r.format.as_str());
        let export = if personal {
            let passphrase = passphrase
                .map(ExportPassphrase::into_secret)
                .unwrap_or_else(file::new_passphrase);
            ListExport {
                bytes: file::encrypted_zip(&inner_name, &plain, &passphrase)?,
                file_name: format!("{}.zip", r.list.as_str()),
                content_type: "application/zip",
                passphrase: Some(passphrase),
                rows,
            }
        } else {
            ListExport {
                bytes: plain.to_vec(),
                file_name: inner_name,
                content_type: r.format.content_type(),
                passphrase: None,
                rows,
            }
        };
        events.push(
            AuditEvent::new("export.list", r.list.as_str(), None, reason).detail(
                serde_json::json!({
                    "list": r.list.as_str(),
                    "format": r.format.as_str(),
                    "rows": rows,
                    "personal": personal,
                }),
            ),
        );
        self.record(p.into(), events).await?;
        Ok(export)
    }

    /// Records that `p` downloaded a finished export of `r` holding `rows` rows. The export
    /// page builds the file in a background job and keeps it in memory for a few minutes
    /// (`docs/exports.md`); the file leaves the server only when downloaded, so each download
    /// is audited (`export.download`) beside the export's own `export.list`. The role must
    /// still be allowed the export (`Forbidden` otherwise): a role changed while the file
    /// waited no longer gets it.
    pub async fn record_export_download(
        &self,
        p: &Principal,
        r: ExportRequest,
        rows: usize,
        reason: &str,
    ) -> Result<(), StoreError> {
        if !r.list.allowed(p.role) || (r.personal && !Policy::reads_personal_data(p.role)) {
            return Err(StoreError::Forbidden);
        }
        let event = AuditEvent::new("export.download", r.list.as_str(), None, reason).detail(
            serde_json::json!({
                "list": r.list.as_str(),
                "format": r.format.as_str(),
                "rows": rows,
                "personal": r.personal && r.list.has_personal_columns(),
            }),
        );
        self.record(p.into(), vec![event]).await
    }
}
