//! The attacker of the indicator tests, written apart from the store's protection: exact
//! linear algebra over every number a reader was shown. Each printed figure is an equation
//! over unknown finest counts (category × month × organisation); a count, or a hidden figure,
//! is recovered when its vector lies in the span of those equations — differencing in all its
//! forms (a year minus eleven months, two sliding windows, a network minus one's own, a total
//! minus the cells beside it).

use std::collections::{BTreeMap, HashMap};

/// One finest count: category (`outcome:convicted`), month (`2025-03`), organisation name.
pub type Key = (String, String, String);

/// A sparse row: unknown index → coefficient.
pub type Row = BTreeMap<usize, f64>;

const EPS: f64 = 1e-9;

/// Unknowns by key, and the equations known so far in echelon form.
#[derive(Default)]
pub struct Solver {
    index: HashMap<Key, usize>,
    keys: Vec<Key>,
    /// Pivot column → (row with a leading 1 there, right-hand side).
    pivots: BTreeMap<usize, (Row, f64)>,
}

impl Solver {
    pub fn unknown(&mut self, key: &Key) -> usize {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        self.keys.push(key.clone());
        self.index.insert(key.clone(), self.keys.len() - 1);
        self.keys.len() - 1
    }

    /// Builds a row from keyed coefficients.
    pub fn row(&mut self, terms: &[(Key, f64)]) -> Row {
        let mut row = Row::new();
        for (k, c) in terms {
            let i = self.unknown(k);
            *row.entry(i).or_insert(0.0) += c;
        }
        row.retain(|_, c| c.abs() > EPS);
        row
    }

    /// Reduces `row = rhs` against the pivots; returns what is left.
    fn reduce(&self, mut row: Row, mut rhs: f64) -> (Row, f64) {
        let mut from = 0;
        while let Some((&col, &coef)) = row.range(from..).next() {
            from = col + 1;
            if let Some((prow, prhs)) = self.pivots.get(&col) {
                for (&j, &v) in prow {
                    let e = row.entry(j).or_insert(0.0);
                    *e -= coef * v;
                }
                rhs -= coef * prhs;
                row.retain(|_, c| c.abs() > EPS);
            }
        }
        (row, rhs)
    }

    /// Learns `row = rhs`.
    pub fn learn(&mut self, row: Row, rhs: f64) {
        let (row, rhs) = self.reduce(row, rhs);
        if let Some((&col, &lead)) = row.iter().next() {
            let row: Row = row.into_iter().map(|(j, v)| (j, v / lead)).collect();
            self.pivots.insert(col, (row, rhs / lead));
        }
    }

    /// The value of `row` if the equations learnt determine it.
    pub fn value(&self, row: &Row) -> Option<f64> {
        if row.is_empty() {
            return None;
        }
        // Reduce without the rhs first: `row · x` is determined iff the row reduces to zero;
        // its value is then the accumulated right-hand side with the sign flipped.
        let (rest, rhs) = self.reduce(row.clone(), 0.0);
        rest.is_empty().then_some(-rhs)
    }

    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    pub fn unit(&self, key: &Key) -> Option<Row> {
        self.index.get(key).map(|&i| Row::from([(i, 1.0)]))
    }
}

#[test]
fn the_solver_differences_nested_sums() {
    let mut s = Solver::default();
    let k = |m: &str| ("x".to_owned(), m.to_owned(), "A".to_owned());
    let all = s.row(&[(k("1"), 1.0), (k("2"), 1.0), (k("3"), 1.0)]);
    let tail = s.row(&[(k("2"), 1.0), (k("3"), 1.0)]);
    s.learn(all, 16.0);
    let one = s.unit(&k("1")).unwrap();
    assert_eq!(s.value(&one), None);
    s.learn(tail, 15.0);
    assert_eq!(s.value(&one), Some(1.0));
    assert_eq!(s.value(&s.unit(&k("2")).unwrap()), None);
}
