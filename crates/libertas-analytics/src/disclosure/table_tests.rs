//! Tests of [`ProtectedTable`]: worked examples of both attacks (differencing with a total or
//! with one's own figures, and one hidden count printed again elsewhere on the same view),
//! and property tests against an attacker written independently of the protector: exhaustive
//! search over every whole-number table consistent with what a reader is shown.

use super::*;
use proptest::prelude::*;

fn printed(t: &ProtectedTable, f: FigureId) -> Option<u64> {
    t.protect().get(f)
}

#[test]
fn a_lone_small_cell_takes_a_partner_and_the_total_stays() {
    let mut t = ProtectedTable::new(5).unwrap();
    let cells: Vec<CountId> = [3, 40, 12].iter().map(|&v| t.count(v)).collect();
    let figs: Vec<FigureId> = cells.iter().map(|&c| t.figure(&[c])).collect();
    let total = t.figure(&cells);
    let p = t.protect();
    assert_eq!(p.get(figs[0]), None);
    assert_eq!(
        p.get(figs[2]),
        None,
        "12 is hidden so that 55 − 40 − 12 does not give 3"
    );
    assert_eq!(p.get(figs[1]), Some(40));
    assert_eq!(p.get(total), Some(55));
    assert!(t.audit(&p).is_empty());
    assert_eq!(t.exact().get(figs[0]), Some(3));
}

#[test]
fn a_count_printed_twice_is_hidden_in_both_places() {
    // Verdicts: convicted 7, acquitted 2, dismissed 2, withdrawn 0; "convictions" is the
    // convicted count printed again as a key figure. Acquitted and dismissed are hidden; their
    // sum (11 − 7 = 4) would tell that each is at most 3, so convicted goes too — in the
    // chart and as the key figure alike.
    let mut t = ProtectedTable::new(5).unwrap();
    let counts: Vec<CountId> = [7, 2, 2, 0].iter().map(|&v| t.count(v)).collect();
    let cells: Vec<FigureId> = counts.iter().map(|&c| t.figure(&[c])).collect();
    let total = t.figure(&counts);
    let convictions = t.figure(&[counts[0]]);
    let p = t.protect();
    assert_eq!((p.get(cells[0]), p.get(convictions)), (None, None));
    assert_eq!(p.get(total), Some(11));
    assert_eq!(p.get(cells[3]), Some(0), "zeros are printed");
    assert!(t.audit(&p).is_empty());
}

#[test]
fn a_network_figure_hides_what_subtracting_ones_own_would_reveal() {
    // Two organisations; A's case workers know A's counts. Network 7 = A 6 + B 1.
    let mut t = ProtectedTable::new(5).unwrap();
    let a = [t.count(6), t.count(20)];
    let b = [t.count(1), t.count(30)];
    let net = [t.figure(&[a[0], b[0]]), t.figure(&[a[1], b[1]])];
    let net_total = t.figure(&[a[0], a[1], b[0], b[1]]);
    t.reader(Reader::shown(&[net[0], net[1], net_total]).knowing(&a));
    t.reader(Reader::shown(&[net[0], net[1], net_total]).knowing(&b));
    let p = t.protect();
    assert_eq!(p.get(net[0]), None);
    assert_eq!(p.get(net[1]), None, "else 57 − 50 − 26 gives B's 1 back");
    assert_eq!(p.get(net_total), Some(57));
    assert!(t.audit(&p).is_empty());
    // Without the readers' knowledge nothing would need hiding.
    let mut open = ProtectedTable::new(5).unwrap();
    let c = [open.count(6), open.count(1)];
    let f = open.figure(&c);
    assert_eq!(printed(&open, f), Some(7));
}

#[test]
fn structural_facts_tie_two_tables_together() {
    // The same 12 verdicts by outcome (10 + 2) and by duration (6 + 6): the two durations
    // printed would give the total, and 12 − 10 the small outcome, so one more is hidden.
    let mut t = ProtectedTable::new(5).unwrap();
    let outcome = [t.count(10), t.count(2)];
    let duration = [t.count(6), t.count(6)];
    t.same_total(&outcome, &duration);
    let o = [t.figure(&[outcome[0]]), t.figure(&[outcome[1]])];
    let d = [t.figure(&[duration[0]]), t.figure(&[duration[1]])];
    let p = t.protect();
    assert_eq!(p.get(o[1]), None);
    assert!(p.get(o[0]).is_none() || p.get(d[0]).is_none() || p.get(d[1]).is_none());
    assert!(t.audit(&p).is_empty());
}

#[test]
fn the_audit_reports_a_hidden_figure_that_printed_ones_give_back() {
    // A pattern chosen by hand, not by `protect`: the total hidden but every cell printed.
    let mut t = ProtectedTable::new(5).unwrap();
    let c = [t.count(7), t.count(9)];
    let cells = [t.figure(&[c[0]]), t.figure(&[c[1]])];
    let total = t.figure(&c);
    let p = Published {
        values: vec![Some(7), Some(9), None],
    };
    let found = t.audit(&p);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].what, Exposed::Figure(total));
    assert_eq!(
        (found[0].interval.low, found[0].interval.high),
        (16.0, 16.0)
    );
    // `protect` prints all three: nothing is small.
    assert_eq!(t.protect().get(cells[0]), Some(7));
    assert_eq!(t.protect().get(total), Some(16));
}

#[test]
fn the_threshold_must_protect_something() {
    assert!(ProtectedTable::new(1).is_err());
}

/// An organisations × categories table as the indicators build it: per organisation its
/// cells and total, for the network the cells and total summed over organisations; each
/// organisation has an exact reader (knows its counts, sees the network) and a protected
/// reader (sees the network and its own figures).
struct Shape {
    table: ProtectedTable,
}

fn shape(values: &[Vec<u64>]) -> Shape {
    let mut t = ProtectedTable::new(5).unwrap();
    let counts: Vec<Vec<CountId>> = values
        .iter()
        .map(|row| row.iter().map(|&v| t.count(v)).collect())
        .collect();
    let cats = values[0].len();
    let mut own = Vec::new();
    for row in &counts {
        let mut figs: Vec<FigureId> = row.iter().map(|&c| t.figure(&[c])).collect();
        figs.push(t.figure(row));
        own.push(figs);
    }
    let mut network: Vec<FigureId> = (0..cats)
        .map(|c| t.figure(&counts.iter().map(|r| r[c]).collect::<Vec<_>>()))
        .collect();
    network.push(t.figure(&counts.concat()));
    if counts.len() == 1 {
        t.reader(Reader::shown(&own[0]));
    } else {
        for (o, row) in counts.iter().enumerate() {
            t.reader(Reader::shown(&network).knowing(row));
            let mut sees = network.clone();
            sees.extend(&own[o]);
            t.reader(Reader::shown(&sees));
        }
    }
    Shape { table: t }
}

/// The independent attacker: every whole-number assignment of the counts a reader does not
/// know, each at least 1 if it is not zero (zeros are printed, so a hidden count may be
/// guessed not to be zero), consistent with every figure printed to them. Returns, for each
/// unknown small count, whether its smallest and largest possible values narrow it.
fn brute_force_exposed(t: &ProtectedTable, p: &Published, reader: &Reader) -> Vec<usize> {
    let n = t.counts.len();
    let knows: Vec<bool> = (0..n)
        .map(|a| reader.knows.iter().any(|c| c.0 == a))
        .collect();
    let rows: Vec<(Vec<usize>, u64)> = reader
        .sees
        .iter()
        .filter_map(|f| p.get(*f).map(|v| (t.figures[f.0].clone(), v)))
        .collect();
    // Counts in no printed row are free: their largest value is unbounded, so they are safe.
    let constrained: Vec<usize> = (0..n)
        .filter(|&a| !knows[a] && rows.iter().any(|(r, _)| r.contains(&a)))
        .collect();
    let mut lo = vec![u64::MAX; n];
    let mut hi = vec![0u64; n];
    let mut x: Vec<u64> = t.counts.clone();
    // Hidden figures the reader sees, as (figure, unknown counts), with their range.
    let hidden: Vec<(usize, Vec<usize>)> = reader
        .sees
        .iter()
        .filter(|f| p.get(**f).is_none())
        .map(|f| {
            (
                f.0,
                t.figures[f.0]
                    .iter()
                    .copied()
                    .filter(|&a| !knows[a])
                    .collect(),
            )
        })
        .filter(|(_, u): &(usize, Vec<usize>)| !u.is_empty())
        .collect();
    let mut ranges = vec![(u64::MAX, 0u64); hidden.len()];
    #[allow(clippy::too_many_arguments)]
    fn go(
        i: usize,
        order: &[usize],
        x: &mut [u64],
        rows: &[(Vec<usize>, u64)],
        t: &ProtectedTable,
        lo: &mut [u64],
        hi: &mut [u64],
        hidden: &[(usize, Vec<usize>)],
        ranges: &mut [(u64, u64)],
    ) {
        let assigned = |a: usize, upto: usize| !order[upto..].contains(&a);
        for (r, v) in rows {
            let partial: u64 = r.iter().filter(|&&a| assigned(a, i)).map(|&a| x[a]).sum();
            let complete = r.iter().all(|&a| assigned(a, i));
            if partial > *v || (complete && partial != *v) {
                return;
            }
        }
        if i == order.len() {
            for &a in order {
                lo[a] = lo[a].min(x[a]);
                hi[a] = hi[a].max(x[a]);
            }
            for ((_, u), r) in hidden.iter().zip(ranges.iter_mut()) {
                let v: u64 = u.iter().map(|&a| x[a]).sum();
                *r = (r.0.min(v), r.1.max(v));
            }
            return;
        }
        let a = order[i];
        let cap = rows
            .iter()
            .filter(|(r, _)| r.contains(&a))
            .map(|(r, v)| {
                let partial: u64 = r.iter().filter(|&&b| assigned(b, i)).map(|&b| x[b]).sum();
                v - partial
            })
            .min()
            .unwrap_or(0);
        for v in t.counts[a].min(1)..=cap {
            x[a] = v;
            go(i + 1, order, x, rows, t, lo, hi, hidden, ranges);
        }
    }
    go(
        0,
        &constrained,
        &mut x,
        &rows,
        t,
        &mut lo,
        &mut hi,
        &hidden,
        &mut ranges,
    );
    let mut out: Vec<usize> = constrained
        .iter()
        .copied()
        .filter(|&a| {
            let v = t.counts[a];
            v > 0 && v < 5 && (lo[a] > 1 || hi[a] < 5)
        })
        .collect();
    // A hidden figure all of whose unknown counts are constrained, and that takes one value
    // in every table consistent with what is printed, is given back (reported by figure
    // index plus the number of counts, to keep one list).
    for ((f, u), (l, h)) in hidden.iter().zip(&ranges) {
        if u.iter().all(|a| constrained.contains(a)) && l == h {
            out.push(n + f);
        }
    }
    out
}

/// A second independent attacker, for tables too big to enumerate: plain differencing.
/// Gaussian elimination over the figures printed to a reader (less what they know) finds every
/// unknown count that some combination of printed figures gives exactly.
fn differencing_exposed(t: &ProtectedTable, p: &Published, reader: &Reader) -> Vec<usize> {
    let n = t.counts.len();
    let knows: Vec<bool> = (0..n)
        .map(|a| reader.knows.iter().any(|c| c.0 == a))
        .collect();
    let mut rows: Vec<Vec<f64>> = reader
        .sees
        .iter()
        .filter(|f| p.get(**f).is_some())
        .map(|f| {
            let mut r = vec![0.0; n];
            for &a in &t.figures[f.0] {
                if !knows[a] {
                    r[a] += 1.0;
                }
            }
            r
        })
        .collect();
    // Reduced row echelon form.
    let mut pivots = Vec::new();
    let mut next = 0;
    for col in 0..n {
        let Some(pr) = (next..rows.len()).find(|&r| rows[r][col].abs() > 1e-9) else {
            continue;
        };
        rows.swap(next, pr);
        let lead = rows[next][col];
        for v in rows[next].iter_mut() {
            *v /= lead;
        }
        for r in 0..rows.len() {
            if r != next && rows[r][col].abs() > 1e-9 {
                let f = rows[r][col];
                let pivot = rows[next].clone();
                for (v, pv) in rows[r].iter_mut().zip(&pivot) {
                    *v -= f * pv;
                }
            }
        }
        pivots.push(col);
        next += 1;
    }
    // A sum of counts is determined when it lies in the row space: reduced against the pivot
    // rows, nothing is left.
    let determined = |mut v: Vec<f64>| {
        for (r, &col) in rows.iter().take(next).zip(&pivots) {
            let f = v[col];
            if f.abs() > 1e-9 {
                for (x, rv) in v.iter_mut().zip(r) {
                    *x -= f * rv;
                }
            }
        }
        v.iter().all(|x| x.abs() < 1e-9)
    };
    let unit = |a: usize| {
        let mut v = vec![0.0; n];
        v[a] = 1.0;
        v
    };
    let mut out: Vec<usize> = (0..n)
        .filter(|&a| !knows[a] && t.counts[a] > 0 && t.counts[a] < 5)
        .filter(|&a| determined(unit(a)))
        .collect();
    // Hidden figures given back (reported as n + figure index).
    for f in reader.sees.iter().filter(|f| p.get(**f).is_none()) {
        let mut v = vec![0.0; n];
        for &a in &t.figures[f.0] {
            if !knows[a] {
                v[a] += 1.0;
            }
        }
        if v.iter().any(|x| *x != 0.0) && determined(v) {
            out.push(n + f.0);
        }
    }
    out
}

fn check(values: &[Vec<u64>], exhaustive: bool) -> std::result::Result<(), TestCaseError> {
    let Shape { table } = shape(values);
    let p = table.protect();
    // Printed figures are true, and none is small.
    for (i, v) in p.values().iter().enumerate() {
        if let Some(v) = v {
            prop_assert_eq!(*v, table.value(FigureId(i)));
            prop_assert!(*v == 0 || *v >= 5, "a small figure printed: {}", v);
        }
    }
    // The protector's own audit, and the independent attackers, find nothing.
    prop_assert!(table.audit(&p).is_empty(), "{:?}", table.audit(&p));
    for reader in &table.readers {
        let exposed = differencing_exposed(&table, &p, reader);
        prop_assert!(
            exposed.is_empty(),
            "{:?} differenced in {:?}",
            exposed,
            values
        );
        if exhaustive {
            let exposed = brute_force_exposed(&table, &p, reader);
            prop_assert!(exposed.is_empty(), "{:?} narrowed in {:?}", exposed, values);
        }
    }
    // Deterministic, and exact readers get everything.
    prop_assert_eq!(table.protect(), p);
    prop_assert!(table.exact().values().iter().all(Option::is_some));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Up to three organisations and four categories, against the differencing attacker.
    #[test]
    fn no_reader_can_difference_a_small_count(
        orgs in 1usize..=3,
        cats in 2usize..=4,
        raw in prop::collection::vec(prop::sample::select(vec![0u64, 1, 2, 3, 4, 5, 6, 9, 14, 30]), 12),
    ) {
        let values: Vec<Vec<u64>> = (0..orgs).map(|o| raw[o * 4..o * 4 + cats].to_vec()).collect();
        check(&values, false)?;
    }

    /// Small enough to try every table the readers could be looking at.
    #[test]
    fn no_reader_can_narrow_a_small_count(
        orgs in 1usize..=2,
        cats in 2usize..=3,
        raw in prop::collection::vec(prop::sample::select(vec![0u64, 1, 2, 3, 4, 5, 7]), 6),
    ) {
        let values: Vec<Vec<u64>> = (0..orgs).map(|o| raw[o * 3..o * 3 + cats].to_vec()).collect();
        check(&values, true)?;
    }
}
