//! Turning an exported table into the bytes of a file, in memory only: CSV or XLSX, and, when
//! the table holds personal data, a ZIP archive encrypted with AES-256 under a fresh random
//! passphrase (`docs/exports.md`).
//!
//! Nothing here touches the disk: `rust_xlsxwriter` builds its workbook in a buffer (its
//! `constant_memory` feature, which uses temporary files, is off), and the plaintext buffers
//! are zeroed when dropped.

use crate::StoreError;
use data_encoding::BASE32_NOPAD;
use libertas_domain::exports::{csv_cell, ExportFormat};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use std::io::{Cursor, Write};
use zeroize::Zeroizing;

/// A table to export: column names, then rows of text cells.
pub(crate) struct Table {
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Drop for Table {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for row in &mut self.rows {
            row.zeroize();
        }
    }
}

fn internal(e: impl std::fmt::Display) -> StoreError {
    StoreError::Internal(format!("export file: {e}"))
}

/// The table as a plain file of `format`.
pub(crate) fn plain(t: &Table, format: ExportFormat) -> Result<Zeroizing<Vec<u8>>, StoreError> {
    match format {
        ExportFormat::Csv => {
            let mut out = csv::Writer::from_writer(Vec::new());
            out.write_record(&t.header).map_err(internal)?;
            for row in &t.rows {
                out.write_record(row.iter().map(|v| csv_cell(v)))
                    .map_err(internal)?;
            }
            Ok(Zeroizing::new(out.into_inner().map_err(internal)?))
        }
        ExportFormat::Xlsx => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (c, name) in t.header.iter().enumerate() {
                sheet
                    .write_string_with_format(0, col(c)?, *name, &bold)
                    .map_err(internal)?;
            }
            for (r, row) in t.rows.iter().enumerate() {
                let r = u32::try_from(r + 1).map_err(internal)?;
                for (c, value) in row.iter().enumerate() {
                    // Strings only: a value is never read as a number, date or formula.
                    sheet
                        .write_string(r, col(c)?, value.as_str())
                        .map_err(internal)?;
                }
            }
            Ok(Zeroizing::new(book.save_to_buffer().map_err(internal)?))
        }
    }
}

fn col(c: usize) -> Result<u16, StoreError> {
    u16::try_from(c).map_err(internal)
}

/// A new passphrase: 128 random bits in base32, in groups of four letters or digits
/// (`ABCD-EFGH-…`, 32 characters with the dashes), easy to read out and type.
pub(crate) fn new_passphrase() -> SecretString {
    let mut bytes = Zeroizing::new([0u8; 16]);
    rand::rngs::OsRng.fill_bytes(bytes.as_mut());
    let text = Zeroizing::new(BASE32_NOPAD.encode(bytes.as_ref()));
    let grouped: Vec<&str> = text
        .as_bytes()
        .chunks(4)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    SecretString::from(grouped.join("-"))
}

/// `plain` as the one file `name` of a ZIP archive encrypted with AES-256 (WinZip AE-2, which
/// 7-Zip, WinZip, macOS Archive Utility with 7-Zip and `unzip` builds with AES open) under
/// `passphrase`.
pub(crate) fn encrypted_zip(
    name: &str,
    plain: &[u8],
    passphrase: &SecretString,
) -> Result<Vec<u8>, StoreError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .with_aes_encryption(zip::AesMode::Aes256, passphrase.expose_secret());
    zip.start_file(name, options).map_err(internal)?;
    zip.write_all(plain).map_err(internal)?;
    Ok(zip.finish().map_err(internal)?.into_inner())
}
