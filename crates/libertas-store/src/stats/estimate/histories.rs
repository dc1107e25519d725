//! From opened people to capture histories: link the records that describe the same person
//! (with `libertas_analytics::linkage`), count each linked person once with the union of
//! their lists, and protect the table before anyone sees it.

use super::gather::People;
use libertas_analytics::disclosure::{suppress_with_total, ZeroPolicy};
use libertas_analytics::linkage::{link, DatasetBuilder, Field, LinkOptions, RawRecord, Silent};
use libertas_analytics::mse::CaptureData;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The linkage fields filled from [`super::gather::Opened::values`], in that order.
const FIELDS: [Field; 6] = [
    Field::FirstName,
    Field::Surname,
    Field::Dob,
    Field::Phone,
    Field::Email,
    Field::Gender,
];

/// The linked people's capture histories: counts per pattern (bit `k`: list `k`).
pub(super) struct Histories {
    /// Count of linked people per pattern, index = pattern (index 0 is always 0).
    pub cells: Vec<u64>,
    /// Stored person records read.
    pub records: usize,
    /// Linked people (records of the same person counted once).
    pub individuals: usize,
    /// Whether linkage could not run (no comparable field) and each record counted alone.
    pub linkage_skipped: bool,
}

impl Histories {
    /// The cells as analytics capture data, lists named by their codes.
    pub fn data(&self, names: Vec<String>) -> libertas_analytics::mse::Result<CaptureData> {
        CaptureData::from_cells(names, self.cells.iter().map(|&c| c as f64).collect())
    }
}

/// Links `people` and counts their capture histories over `lists` lists. The linkage
/// samples are drawn from `seed`, so the same seed links the same way.
pub(super) fn capture_histories(people: &People, lists: usize, seed: u64) -> Histories {
    let mut builder = DatasetBuilder::new();
    for p in &people.0 {
        let mut values: [&str; Field::COUNT] = [""; Field::COUNT];
        for (field, value) in FIELDS.iter().zip(&p.values) {
            values[field.index()] = value.as_str();
        }
        builder.push(&RawRecord { source: "", values });
    }
    let ds = builder.finish();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (clusters, skipped) = if people.0.len() < 2 {
        ((0..people.0.len() as u32).collect(), false)
    } else {
        match link(&ds, &LinkOptions::default(), None, &mut rng, &Silent) {
            Ok(l) => (l.clusters, false),
            Err(_) => ((0..people.0.len() as u32).collect(), true),
        }
    };
    let mut linked: BTreeMap<u32, usize> = BTreeMap::new();
    for (p, c) in people.0.iter().zip(&clusters) {
        *linked.entry(*c).or_default() |= p.mask;
    }
    let mut cells = vec![0u64; 1 << lists];
    for mask in linked.values() {
        cells[*mask] += 1;
    }
    cells[0] = 0;
    Histories {
        cells,
        records: people.0.len(),
        individuals: linked.len(),
        linkage_skipped: skipped,
    }
}

/// One row of the exported capture-history table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryCell {
    /// One character per list in the request's order: `1` on the list, `0` not.
    pub pattern: String,
    /// People with exactly this history; `None` where hidden (from 1 to 4, or hidden so
    /// that it cannot be worked out from the total).
    pub count: Option<u64>,
}

/// The cells as printed: small counts hidden, and one more when a single hidden cell could be
/// worked out from the observed total (which is printed).
pub(super) fn protected(cells: &[u64], lists: usize, small: u64) -> Vec<HistoryCell> {
    let observed = &cells[1..];
    // The threshold is a constant above one, so suppression cannot fail; if it ever did,
    // nothing is shown rather than everything.
    let shown = suppress_with_total(observed, small, ZeroPolicy::Publish)
        .unwrap_or_else(|_| vec![None; observed.len()]);
    shown
        .into_iter()
        .enumerate()
        .map(|(i, count)| HistoryCell {
            pattern: pattern(i + 1, lists),
            count,
        })
        .collect()
}

/// The pattern text of `mask`: list 0 first.
pub(super) fn pattern(mask: usize, lists: usize) -> String {
    (0..lists)
        .map(|k| if mask & (1 << k) != 0 { '1' } else { '0' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hidden_cell_takes_another_with_it() {
        let cells = [0, 3, 10, 12, 7, 0, 20, 30];
        let t = protected(&cells, 3, 5);
        assert_eq!(t[0].pattern, "100");
        assert_eq!(t[0].count, None);
        assert_eq!(t.iter().filter(|c| c.count.is_none()).count(), 2);
        assert_eq!(t[4].count, Some(0));
    }
}
