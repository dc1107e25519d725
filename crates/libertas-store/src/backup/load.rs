//! Loading backup lines back into tables (restore): one prepared insert per table, NULLs bound
//! with their column's type, names checked to be plain identifiers.

use super::stream::Line;
use crate::StoreError;
use base64::Engine;
use serde_json::Value;
use sqlx::any::AnyTypeInfoKind;
use sqlx::{Column, Executor};

/// Inserts backup lines (column header, then rows, per table) inside `tx`. Rows of the
/// `merge` tables are added to what is there (a row already present wins), for records that
/// must never be lost by putting back an older copy.
pub(super) async fn insert_lines(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    tables: &[&str],
    merge: &[&str],
    lines: Vec<Line>,
) -> Result<u64, StoreError> {
    let mut rows = 0u64;
    let mut columns: Option<(String, String, Vec<AnyTypeInfoKind>)> = None;
    for line in lines {
        if !tables.contains(&line.t.as_str()) {
            return Err(StoreError::Config(format!(
                "the backup holds an unknown table {}",
                line.t
            )));
        }
        if !line.c.is_empty() {
            // Plain lower-case SQL identifiers only (`sha256` has digits), never quoted names.
            let ok = line.c.iter().all(|c| {
                c.starts_with(|ch: char| ch.is_ascii_lowercase())
                    && c.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
            });
            if !ok {
                return Err(StoreError::Config(
                    "the backup names an invalid column".into(),
                ));
            }
            let placeholders: Vec<String> = (1..=line.c.len()).map(|i| format!("${i}")).collect();
            // NULLs must be bound with the column's type (PostgreSQL will not cast text to bytea).
            let described = (&mut **tx)
                .describe(&format!("select {} from {}", line.c.join(", "), line.t))
                .await?;
            let kinds = described
                .columns()
                .iter()
                .map(|c| c.type_info().kind())
                .collect();
            columns = Some((
                line.t.clone(),
                format!(
                    "insert into {} ({}) values ({}){}",
                    line.t,
                    line.c.join(", "),
                    placeholders.join(", "),
                    if merge.contains(&line.t.as_str()) {
                        " on conflict do nothing"
                    } else {
                        ""
                    }
                ),
                kinds,
            ));
        }
        let Some((table, sql, kinds)) = &columns else {
            return Err(StoreError::Config(
                "the backup is damaged (rows before their columns)".into(),
            ));
        };
        if *table != line.t {
            return Err(StoreError::Config(
                "the backup is damaged (rows of one table under another)".into(),
            ));
        }
        let mut q = sqlx::query(sql);
        for (i, v) in line.v.into_iter().enumerate() {
            q = match v {
                Value::Null => match kinds.get(i) {
                    Some(AnyTypeInfoKind::Blob) => q.bind(Option::<Vec<u8>>::None),
                    Some(
                        AnyTypeInfoKind::BigInt
                        | AnyTypeInfoKind::Integer
                        | AnyTypeInfoKind::SmallInt,
                    ) => q.bind(Option::<i64>::None),
                    _ => q.bind(Option::<String>::None),
                },
                Value::Number(n) => q.bind(n.as_i64().ok_or_else(|| {
                    StoreError::Config("the backup holds a non-integer number".into())
                })?),
                Value::String(s) => q.bind(s),
                Value::Object(o) => {
                    let b64 = o.get("b64").and_then(Value::as_str).unwrap_or_default();
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .map_err(|_| {
                            StoreError::Config("the backup holds a damaged blob".into())
                        })?;
                    q.bind(bytes)
                }
                _ => {
                    return Err(StoreError::Config(
                        "the backup holds an unexpected value".into(),
                    ))
                }
            };
        }
        q.execute(&mut **tx).await?;
        rows += 1;
    }
    Ok(rows)
}
