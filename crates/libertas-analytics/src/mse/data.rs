//! Capture data: how many distinct people were seen with each pattern of lists.
//!
//! Stored as a dense vector indexed by capture pattern (bit mask), because every method needs
//! the zero cells too: a pattern nobody has is information about how lists overlap.

use super::{zeta, MseError, Result};

/// Largest number of lists accepted; 2^15 cells is still small, and no published method is used
/// beyond ten lists.
pub const MAX_LISTS: usize = 15;

/// Counts per capture pattern for a fixed set of named lists.
#[derive(Debug, Clone, PartialEq)]
pub struct CaptureData {
    names: Vec<String>,
    counts: Vec<f64>,
}

impl CaptureData {
    /// Data with every count zero, to be filled with [`CaptureData::add`].
    pub fn new(names: Vec<String>) -> Result<Self> {
        let m = names.len();
        if m == 0 {
            return Err(MseError::TooFewLists { min: 1, got: 0 });
        }
        if m > MAX_LISTS {
            return Err(MseError::TooManyLists {
                max: MAX_LISTS,
                got: m,
            });
        }
        Ok(Self {
            names,
            counts: vec![0.0; 1 << m],
        })
    }

    /// Data from a full vector of counts indexed by pattern; `counts[0]` (the unseen) must be 0.
    pub fn from_cells(names: Vec<String>, counts: Vec<f64>) -> Result<Self> {
        let mut data = Self::new(names)?;
        if counts.len() != data.counts.len() {
            return Err(MseError::InvalidArgument(format!(
                "{} cell counts given for {} lists (expected {})",
                counts.len(),
                data.n_lists(),
                data.counts.len()
            )));
        }
        for (mask, c) in counts.into_iter().enumerate() {
            if mask == 0 {
                if c != 0.0 {
                    return Err(MseError::BadPattern(0));
                }
                continue;
            }
            data.add(mask, c)?;
        }
        Ok(data)
    }

    /// Adds `count` people seen with capture pattern `mask`.
    pub fn add(&mut self, mask: usize, count: f64) -> Result<()> {
        if !(count.is_finite() && count >= 0.0 && count.fract() == 0.0) {
            return Err(MseError::InvalidCount(count));
        }
        if mask == 0 || mask >= self.counts.len() {
            return Err(MseError::BadPattern(mask));
        }
        self.counts[mask] += count;
        Ok(())
    }

    /// The same lists with other counts (a bootstrap or jackknife replicate).
    pub fn with_counts(&self, counts: Vec<f64>) -> Result<Self> {
        Self::from_cells(self.names.clone(), counts)
    }

    /// List names, in bit order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of lists.
    pub fn n_lists(&self) -> usize {
        self.names.len()
    }

    /// Counts indexed by capture pattern (index 0, the unseen, is always 0).
    pub fn counts(&self) -> &[f64] {
        &self.counts
    }

    /// Number of distinct people seen on at least one list.
    pub fn n_observed(&self) -> f64 {
        self.counts.iter().sum()
    }

    /// For every pattern `s`, the number of people on at least all lists in `s`
    /// (the sufficient statistic N* of the term `s`).
    pub fn overlaps(&self) -> Vec<f64> {
        let mut v = self.counts.clone();
        zeta::superset_sums(&mut v, self.n_lists());
        v
    }

    /// A bit set of the patterns with a positive count: the existence check depends only on it.
    pub fn support_key(&self) -> Vec<u64> {
        let mut key = vec![0u64; self.counts.len().div_ceil(64)];
        for (mask, &c) in self.counts.iter().enumerate() {
            if c > 0.0 {
                key[mask / 64] |= 1 << (mask % 64);
            }
        }
        key
    }

    /// Pattern written as 0/1 characters, first list first (the R packages' column names).
    pub fn pattern_string(&self, mask: usize) -> String {
        (0..self.n_lists())
            .map(|k| if mask & (1 << k) != 0 { '1' } else { '0' })
            .collect()
    }

    /// Parses a 0/1 pattern string written first list first.
    pub fn parse_pattern(&self, s: &str) -> Result<usize> {
        let s = s.trim();
        if s.len() != self.n_lists() {
            return Err(MseError::InvalidArgument(format!(
                "pattern {s:?} does not have {} digits",
                self.n_lists()
            )));
        }
        let mut mask = 0usize;
        for (k, ch) in s.chars().enumerate() {
            match ch {
                '1' => mask |= 1 << k,
                '0' => {}
                _ => {
                    return Err(MseError::InvalidArgument(format!(
                        "pattern {s:?} has a character other than 0 or 1"
                    )))
                }
            }
        }
        Ok(mask)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("L{i}")).collect()
    }

    #[test]
    fn rejects_bad_input() {
        assert!(CaptureData::new(vec![]).is_err());
        assert!(CaptureData::new(names(MAX_LISTS + 1)).is_err());
        let mut d = CaptureData::new(names(2)).unwrap();
        assert!(d.add(0, 1.0).is_err());
        assert!(d.add(4, 1.0).is_err());
        assert!(d.add(1, -1.0).is_err());
        assert!(d.add(1, 0.5).is_err());
        assert!(d.add(1, f64::NAN).is_err());
    }

    #[test]
    fn overlaps_and_patterns() {
        let d = CaptureData::from_cells(names(2), vec![0.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(d.overlaps(), vec![12.0, 8.0, 9.0, 5.0]);
        assert_eq!(d.pattern_string(1), "10");
        assert_eq!(d.parse_pattern("01").unwrap(), 2);
        assert!(d.parse_pattern("0x").is_err());
    }
}
