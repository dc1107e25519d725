//! k-anonymity for record-level releases (the CTDC de-identified export).
//!
//! A table of records is *k-anonymous* over its quasi-identifiers (the columns an outsider
//! may already know about a person: year, gender, age, citizenship…) when every combination
//! of quasi-identifier values that appears in it appears at least `k` times. Whoever knows
//! those facts about a survivor then finds at least `k` rows that could be theirs.
//!
//! [`k_anonymise`] reaches `k` in two stages, the way the data collaboratives' own tools do
//! (Sweeney's Datafly, the "generalise, then suppress" of sdcMicro):
//!
//! 1. **Generalisation** of whole columns. The caller gives, for every record and column, a
//!    *chain* of values from the most exact to the most general (an age band `21--23`, then
//!    `18--29`, then `18+`). All records of a column are shown at the same level. While more
//!    than `max_outliers` records sit in combinations seen fewer than `k` times,
//!    the column with the most distinct values among those still able to rise goes one level
//!    up (ties: the leftmost).
//! 2. **Suppression** of what is left. Each record still in a combination seen fewer than
//!    `k` times has every blankable column replaced by [`SUPPRESSED`] (the marker of an
//!    unknown value, so a suppressed record looks like one recorded without those facts);
//!    records still in combinations seen fewer than `k` times after that are dropped.
//!
//! Nothing is ever made more exact: every value printed is the record's own value, one of
//! its generalisations, or the marker. The property tests (`kanon_tests`) check `k` on any
//! input and this "no row gains information" rule.

use std::collections::HashMap;

use super::{DisclosureError, Result};

/// The value printed for a quasi-identifier that is unknown or suppressed (CTDC's `-99`).
pub const SUPPRESSED: &str = "-99";

/// One quasi-identifier column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QiColumn {
    /// The column's name (for the report of what was done).
    pub name: &'static str,
    /// Whether stage 2 may blank it. A column that may not be blanked (the year of
    /// registration, kept by the CTDC layout) is protected by dropping the record instead.
    pub blankable: bool,
}

/// What [`k_anonymise`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KAnonymised {
    /// Per input record, in input order: the printed quasi-identifier values, or `None` when
    /// the record was dropped.
    pub rows: Vec<Option<Vec<String>>>,
    /// The generalisation level chosen per column (0: as recorded).
    pub levels: Vec<usize>,
    /// Kept records that had a recorded value blanked.
    pub blanked: usize,
    /// Records dropped.
    pub dropped: usize,
}

/// Makes `records` k-anonymous over `columns`; see the module documentation.
///
/// `records[i][c]` is the chain of record `i` in column `c`: its exact value first, then
/// ever more general ones. Chains may have different lengths; a record shows the last value
/// of its chain at any higher level. `k` must be at least 2 (1 protects nothing);
/// `max_outliers` is how many records stage 1 may leave for stage 2 to blank or drop: more
/// keeps the other records more exact, at the cost of those few.
pub fn k_anonymise(
    columns: &[QiColumn],
    records: &[Vec<Vec<String>>],
    k: usize,
    max_outliers: usize,
) -> Result<KAnonymised> {
    if k < 2 {
        return Err(DisclosureError::InvalidParameter(format!(
            "k = {k} protects nothing; use at least 2"
        )));
    }
    if let Some(i) = records
        .iter()
        .position(|r| r.len() != columns.len() || r.iter().any(|chain| chain.is_empty()))
    {
        return Err(DisclosureError::InvalidParameter(format!(
            "record {i} does not give one non-empty chain per column"
        )));
    }
    let max_level: Vec<usize> = (0..columns.len())
        .map(|c| records.iter().map(|r| r[c].len() - 1).max().unwrap_or(0))
        .collect();
    let mut levels = vec![0; columns.len()];
    loop {
        let shown = show(records, &levels);
        if outliers(&shown, k).count() <= max_outliers {
            break;
        }
        let next = (0..columns.len())
            .filter(|&c| levels[c] < max_level[c])
            .max_by_key(|&c| (distinct(&shown, c), std::cmp::Reverse(c)));
        match next {
            Some(c) => levels[c] += 1,
            None => break,
        }
    }
    let mut rows: Vec<Option<Vec<String>>> = show(records, &levels).into_iter().map(Some).collect();
    let mut changed = vec![false; rows.len()];
    for i in outliers_of(&rows, k) {
        if let Some(row) = rows[i].as_mut() {
            for (value, column) in row.iter_mut().zip(columns) {
                if column.blankable && value != SUPPRESSED {
                    *value = SUPPRESSED.to_owned();
                    changed[i] = true;
                }
            }
        }
    }
    let still = outliers_of(&rows, k);
    for &i in &still {
        rows[i] = None;
    }
    let blanked = rows
        .iter()
        .zip(&changed)
        .filter(|(r, &c)| c && r.is_some())
        .count();
    Ok(KAnonymised {
        rows,
        levels,
        blanked,
        dropped: still.len(),
    })
}

/// The value of every record at the given levels.
fn show(records: &[Vec<Vec<String>>], levels: &[usize]) -> Vec<Vec<String>> {
    records
        .iter()
        .map(|r| {
            r.iter()
                .zip(levels)
                .map(|(chain, &l)| chain[l.min(chain.len() - 1)].clone())
                .collect()
        })
        .collect()
}

/// How many times each combination appears.
fn class_sizes<'a>(rows: impl Iterator<Item = &'a Vec<String>>) -> HashMap<&'a [String], usize> {
    let mut sizes: HashMap<&[String], usize> = HashMap::new();
    for r in rows {
        *sizes.entry(r.as_slice()).or_default() += 1;
    }
    sizes
}

/// The records of combinations seen fewer than `k` times.
fn outliers(shown: &[Vec<String>], k: usize) -> impl Iterator<Item = usize> + '_ {
    let sizes = class_sizes(shown.iter());
    shown
        .iter()
        .enumerate()
        .filter(move |(_, r)| sizes.get(r.as_slice()).copied().unwrap_or(0) < k)
        .map(|(i, _)| i)
}

/// [`outliers`] over kept rows only.
fn outliers_of(rows: &[Option<Vec<String>>], k: usize) -> Vec<usize> {
    let sizes = class_sizes(rows.iter().flatten());
    rows.iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let r = r.as_ref()?;
            (sizes.get(r.as_slice()).copied().unwrap_or(0) < k).then_some(i)
        })
        .collect()
}

/// The number of distinct values of column `c`.
fn distinct(shown: &[Vec<String>], c: usize) -> usize {
    let mut values: Vec<&str> = shown.iter().map(|r| r[c].as_str()).collect();
    values.sort_unstable();
    values.dedup();
    values.len()
}

/// The smallest number of times any combination of `rows` appears (`None` for no rows):
/// the `k` a table actually has, for tests and for the export's own check.
pub fn smallest_class(rows: &[Vec<String>]) -> Option<usize> {
    class_sizes(rows.iter()).into_values().min()
}

#[cfg(test)]
#[path = "kanon_tests.rs"]
mod tests;
