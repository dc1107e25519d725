//! Records as rows of value ids, each distinct value stored once per field.
//!
//! A million records repeat the same names, cities and phone numbers many times. Interning every
//! normalised value to a `u32` makes exact agreement an integer comparison, gives term
//! frequencies for free and keeps a million records in tens of megabytes. A record's ids sit
//! together in one row (44 bytes, one cache line), because scoring a pair reads every field of
//! two records picked from anywhere in the data. Raw strings are also interned while building so
//! each distinct spelling is normalised only once.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::field::Field;
use super::normalise::{self, Date};

/// Marks a missing value in a [`Row`].
pub const MISSING: u32 = u32::MAX;

/// One record as read, borrowed from the caller's buffer. Empty strings are missing values.
#[derive(Clone, Copy, Debug, Default)]
pub struct RawRecord<'a> {
    /// Which list the record came from (`source_dataset`); only link-only mode uses it.
    pub source: &'a str,
    /// Raw values indexed by [`Field::index`].
    pub values: [&'a str; Field::COUNT],
}

/// Value ids of one record, indexed by [`Field::index`]; [`MISSING`] when absent.
pub type Row = [u32; Field::COUNT];

/// The interned values of one field.
#[derive(Debug, Default)]
pub struct Column {
    /// Normalised text per value id.
    pub values: Vec<String>,
    /// Number of records holding each value id.
    pub counts: Vec<u32>,
    /// Parsed date per value id (date of birth only; empty otherwise).
    pub dates: Vec<Option<Date>>,
    /// Records with a value.
    pub present: usize,
}

/// Normalised, interned records ready for linkage.
#[derive(Debug, Default)]
pub struct Dataset {
    rows: Vec<Row>,
    columns: Vec<Column>,
    sources: Vec<u16>,
    source_names: Vec<String>,
}

impl Dataset {
    /// Value ids of record `i`.
    pub fn row(&self, i: usize) -> &Row {
        &self.rows[i]
    }

    /// The value id of `field` in record `i`, or `None` when missing.
    pub fn id(&self, field: Field, i: usize) -> Option<u32> {
        let id = self.rows[i][field.index()];
        (id != MISSING).then_some(id)
    }

    /// Normalised value of `field` in record `i`.
    pub fn value(&self, field: Field, i: usize) -> Option<&str> {
        self.id(field, i)
            .map(|id| self.columns[field.index()].values[id as usize].as_str())
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// The column of `field`.
    pub fn column(&self, field: Field) -> &Column {
        &self.columns[field.index()]
    }

    /// Source index of record `i` (order of first appearance).
    pub fn source(&self, i: usize) -> u16 {
        self.sources[i]
    }

    /// Distinct source names in order of first appearance.
    pub fn source_names(&self) -> &[String] {
        &self.source_names
    }

    /// Share of records with a value for `field`.
    pub fn fill_rate(&self, field: Field) -> f64 {
        if self.is_empty() {
            0.0
        } else {
            self.column(field).present as f64 / self.len() as f64
        }
    }
}

#[derive(Default)]
struct ColumnBuilder {
    column: Column,
    by_raw: FxHashMap<Box<str>, u32>,
    by_norm: FxHashMap<Box<str>, u32>,
}

impl ColumnBuilder {
    fn push(&mut self, field: Field, raw: &str) -> u32 {
        let id = match self.by_raw.get(raw) {
            Some(&id) => id,
            None => {
                let id = self.intern(field, raw);
                self.by_raw.insert(raw.into(), id);
                id
            }
        };
        if id != MISSING {
            self.column.counts[id as usize] += 1;
            self.column.present += 1;
        }
        id
    }

    fn intern(&mut self, field: Field, raw: &str) -> u32 {
        let (norm, date) = if field == Field::Dob {
            match normalise::date(raw) {
                Some((s, d)) => (Some(s), d),
                None => (None, None),
            }
        } else {
            (normalise::normalise(field, raw), None)
        };
        let Some(norm) = norm else {
            return MISSING;
        };
        if let Some(&id) = self.by_norm.get(norm.as_str()) {
            return id;
        }
        let id = u32::try_from(self.column.values.len()).unwrap_or(MISSING - 1);
        self.by_norm.insert(norm.as_str().into(), id);
        self.column.values.push(norm);
        self.column.counts.push(0);
        if field == Field::Dob {
            self.column.dates.push(date);
        }
        id
    }
}

/// Builds a [`Dataset`] one record at a time, so callers can stream a file.
#[derive(Default)]
pub struct DatasetBuilder {
    rows: Vec<Row>,
    columns: Vec<ColumnBuilder>,
    sources: Vec<u16>,
    source_ids: FxHashMap<String, u16>,
    source_names: Vec<String>,
}

impl DatasetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        DatasetBuilder {
            columns: (0..Field::COUNT)
                .map(|_| ColumnBuilder::default())
                .collect(),
            ..Default::default()
        }
    }

    /// Number of records pushed so far.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    /// Whether nothing was pushed yet.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// Normalises and appends one record.
    pub fn push(&mut self, record: &RawRecord<'_>) {
        let mut row = [MISSING; Field::COUNT];
        for field in Field::ALL {
            row[field.index()] =
                self.columns[field.index()].push(field, record.values[field.index()]);
        }
        self.rows.push(row);
        self.push_source(record.source);
    }

    /// Normalises and appends a batch of records, interning the fields in parallel (each
    /// field has its own dictionary, so they do not contend).
    pub fn push_batch(&mut self, records: &[RawRecord<'_>]) {
        let start = self.rows.len();
        self.rows
            .resize(start + records.len(), [MISSING; Field::COUNT]);
        let ids: Vec<Vec<u32>> = self
            .columns
            .par_iter_mut()
            .zip(Field::ALL)
            .map(|(col, field)| {
                records
                    .iter()
                    .map(|r| col.push(field, r.values[field.index()]))
                    .collect()
            })
            .collect();
        for (k, column_ids) in ids.into_iter().enumerate() {
            for (row, id) in self.rows[start..].iter_mut().zip(column_ids) {
                row[k] = id;
            }
        }
        for r in records {
            self.push_source(r.source);
        }
    }

    fn push_source(&mut self, name: &str) {
        let source = match self.source_ids.get(name) {
            Some(&s) => s,
            None => {
                let s = u16::try_from(self.source_names.len()).unwrap_or(u16::MAX);
                self.source_ids.insert(name.to_string(), s);
                self.source_names.push(name.to_string());
                s
            }
        };
        self.sources.push(source);
    }

    /// Finishes building; the raw-value caches are dropped here.
    pub fn finish(self) -> Dataset {
        Dataset {
            rows: self.rows,
            columns: self.columns.into_iter().map(|c| c.column).collect(),
            sources: self.sources,
            source_names: self.source_names,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec<'a>(first: &'a str, phone: &'a str) -> RawRecord<'a> {
        let mut r = RawRecord {
            source: "s",
            ..Default::default()
        };
        r.values[Field::FirstName.index()] = first;
        r.values[Field::Phone.index()] = phone;
        r
    }

    #[test]
    fn interns_normalised_values() {
        let mut b = DatasetBuilder::new();
        b.push(&rec("Ana", "+40 712 345 678"));
        b.push(&rec("ANA ", "0712345678"));
        b.push(&rec("", "12"));
        let ds = b.finish();
        assert_eq!(ds.id(Field::FirstName, 0), ds.id(Field::FirstName, 1));
        assert_eq!(ds.id(Field::FirstName, 2), None);
        assert_eq!(ds.column(Field::FirstName).counts, vec![2]);
        assert_eq!(ds.value(Field::Phone, 0), Some("712345678"));
        assert_eq!(ds.id(Field::Phone, 0), ds.id(Field::Phone, 1));
        assert_eq!(ds.column(Field::Phone).present, 2);
        assert!((ds.fill_rate(Field::Phone) - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn batches_equal_single_pushes() {
        let recs = [
            rec("Ana", "1"),
            rec("Bo", "0712345678"),
            rec("ana", ""),
            rec("", "+40712345678"),
        ];
        let mut one = DatasetBuilder::new();
        recs.iter().for_each(|r| one.push(r));
        let mut batch = DatasetBuilder::new();
        batch.push_batch(&recs[..3]);
        batch.push_batch(&recs[3..]);
        let (a, b) = (one.finish(), batch.finish());
        for i in 0..4 {
            assert_eq!(a.row(i), b.row(i));
            assert_eq!(a.source(i), b.source(i));
        }
    }
}
