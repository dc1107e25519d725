//! Reading capture data and bootstrap replicates from CSV, with errors that name the file,
//! line and column so a user can fix an export by hand.

use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use libertas_analytics::mse::CaptureData;

fn reader(path: &Path) -> Result<csv::Reader<std::fs::File>> {
    csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .with_context(|| format!("cannot open {}", path.display()))
}

fn at(path: &Path, line: u64, col: usize, name: &str) -> String {
    format!("{}:{line}: column {col} ({name})", path.display())
}

/// Reads 0/1 list columns plus an optional `count` column (without it each row is one person).
pub fn read_capture_csv(path: &Path, only: Option<&[String]>) -> Result<CaptureData> {
    let mut rdr = reader(path)?;
    let headers = rdr
        .headers()
        .with_context(|| format!("{}: cannot read the header line", path.display()))?
        .clone();
    let count_col = headers.iter().position(|h| h.eq_ignore_ascii_case("count"));
    let list_cols: Vec<usize> = match only {
        Some(names) => names
            .iter()
            .map(|n| {
                headers
                    .iter()
                    .position(|h| h == n)
                    .ok_or_else(|| anyhow!("{}: no column named {n:?}", path.display()))
            })
            .collect::<Result<_>>()?,
        None => (0..headers.len())
            .filter(|&i| Some(i) != count_col)
            .collect(),
    };
    if list_cols.is_empty() {
        bail!("{}: no list columns", path.display());
    }
    let names: Vec<String> = list_cols.iter().map(|&i| headers[i].to_string()).collect();
    let mut data = CaptureData::new(names).with_context(|| path.display().to_string())?;
    for record in rdr.records() {
        let record = record.map_err(|e| anyhow!("{}: {e}", path.display()))?;
        let line = record.position().map_or(0, |p| p.line());
        let mut mask = 0usize;
        for (k, &i) in list_cols.iter().enumerate() {
            match record.get(i) {
                Some("1") => mask |= 1 << k,
                Some("0") => {}
                other => bail!(
                    "{}: expected 0 or 1, found {:?}",
                    at(path, line, i + 1, &headers[i]),
                    other.unwrap_or("")
                ),
            }
        }
        let count = match count_col {
            Some(c) => {
                let raw = record.get(c).unwrap_or("");
                raw.parse::<u64>().map_err(|_| {
                    anyhow!(
                        "{}: expected a whole number, found {raw:?}",
                        at(path, line, c + 1, &headers[c])
                    )
                })?
            }
            None => 1,
        };
        if count == 0 {
            continue;
        }
        if mask == 0 {
            bail!(
                "{}:{line}: {count} people are on none of the lists; only people seen on a list can be counted",
                path.display()
            );
        }
        data.add(mask, count as f64)
            .map_err(|e| anyhow!("{}:{line}: {e}", path.display()))?;
    }
    Ok(data)
}

/// Reads bootstrap replicates: a header of capture patterns, then one row of counts each.
pub fn read_replicates(path: &Path, data: &CaptureData) -> Result<Vec<Vec<f64>>> {
    let mut rdr = reader(path)?;
    let headers = rdr
        .headers()
        .with_context(|| format!("{}: cannot read the header line", path.display()))?
        .clone();
    let masks: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            data.parse_pattern(h)
                .map_err(|e| anyhow!("{}: {e}", at(path, 1, i + 1, h)))
        })
        .collect::<Result<_>>()?;
    let mut out = Vec::new();
    for record in rdr.records() {
        let record = record.map_err(|e| anyhow!("{}: {e}", path.display()))?;
        let line = record.position().map_or(0, |p| p.line());
        let mut counts = vec![0.0; data.counts().len()];
        for (i, (raw, &mask)) in record.iter().zip(&masks).enumerate() {
            let v: u64 = raw.parse().map_err(|_| {
                anyhow!(
                    "{}: expected a whole number, found {raw:?}",
                    at(path, line, i + 1, &headers[i])
                )
            })?;
            counts[mask] += v as f64;
        }
        out.push(counts);
    }
    if out.is_empty() {
        bail!("{}: no replicates", path.display());
    }
    Ok(out)
}
