//! Streaming candidate pairs: every pair some blocking rule finds, each exactly once, in
//! parallel, without ever materialising the list of pairs.
//!
//! Records are sorted by key per rule; each run of equal keys is a block, and the blocks of all
//! rules are folded over with rayon. A pair found by rule `r` is skipped when an earlier rule
//! also puts both records in one block, so no pair is scored twice (Splink's "OR of rules").
//! Blocks larger than a limit are dropped (a placeholder value shared by thousands of records
//! carries no identity); their key is then treated as absent so later rules still see the pairs.

use rayon::prelude::*;

use super::blocking::{mix, BlockingRule};
use super::dataset::Dataset;
use super::progress::Progress;

const NO_KEY: u64 = u64::MAX;
/// "No key" among the 32-bit fingerprints used to recognise pairs an earlier rule found.
const NO_PRINT: u32 = u32::MAX;

/// How often (in pairs) worker threads report progress.
const PROGRESS_BATCH: u64 = 1 << 16;

#[derive(Clone, Copy, Debug)]
struct Block {
    rule: u32,
    start: u32,
    len: u32,
}

/// The blocks of a set of rules over one dataset.
pub struct CandidatePairs<'a> {
    ds: &'a Dataset,
    link_only: bool,
    /// Per record, a 32-bit fingerprint of its key under each rule, stored record by record so
    /// that checking all earlier rules for a pair touches two cache lines. Two different keys
    /// sharing a fingerprint (chance 2^-32 per check) would hide one pair.
    prints: Vec<u32>,
    n_rules: usize,
    orders: Vec<Vec<u32>>,
    blocks: Vec<Block>,
    upper_bound: u64,
    rule_pairs: Vec<u64>,
    dropped_blocks: usize,
}

impl<'a> CandidatePairs<'a> {
    /// Builds the blocks of `rules`. In link-only mode only pairs from different sources are
    /// visited. Blocks with more than `max_block` records are dropped.
    pub fn new(ds: &'a Dataset, rules: &[BlockingRule], link_only: bool, max_block: usize) -> Self {
        let n_rules = rules.len();
        let mut prints = vec![NO_PRINT; ds.len() * n_rules];
        let mut orders = Vec::with_capacity(rules.len());
        let mut blocks = Vec::new();
        let mut upper_bound = 0u64;
        let mut rule_pairs = vec![0u64; rules.len()];
        let mut dropped_blocks = 0;
        for (r, rule) in rules.iter().enumerate() {
            let mut rule_keys: Vec<u64> = (0..ds.len())
                .into_par_iter()
                .map(|i| rule.key(ds, i).unwrap_or(NO_KEY))
                .collect();
            let mut sorted: Vec<(u64, u32)> = rule_keys
                .iter()
                .enumerate()
                .filter(|(_, &k)| k != NO_KEY)
                .map(|(i, &k)| (k, i as u32))
                .collect();
            sorted.par_sort_unstable();
            let mut start = 0;
            while start < sorted.len() {
                let key = sorted[start].0;
                let end = start
                    + sorted[start..]
                        .iter()
                        .take_while(|(k, _)| *k == key)
                        .count();
                let len = end - start;
                if len > max_block {
                    dropped_blocks += 1;
                    for &(_, i) in &sorted[start..end] {
                        rule_keys[i as usize] = NO_KEY;
                    }
                } else if len >= 2 {
                    upper_bound += (len as u64) * (len as u64 - 1) / 2;
                    rule_pairs[r] += (len as u64) * (len as u64 - 1) / 2;
                    blocks.push(Block {
                        rule: r as u32,
                        start: start as u32,
                        len: len as u32,
                    });
                }
                start = end;
            }
            for (i, &k) in rule_keys.iter().enumerate() {
                if k != NO_KEY {
                    prints[i * n_rules + r] = ((k >> 32) as u32).min(NO_PRINT - 1);
                }
            }
            orders.push(sorted.into_iter().map(|(_, i)| i).collect());
        }
        CandidatePairs {
            ds,
            link_only,
            prints,
            n_rules,
            orders,
            blocks,
            upper_bound,
            rule_pairs,
            dropped_blocks,
        }
    }

    /// Pairs in all blocks before removing repeats and same-source pairs: the work to expect.
    pub fn upper_bound(&self) -> u64 {
        self.upper_bound
    }

    /// Pairs in the blocks of each rule (before removing repeats), to judge what a rule costs.
    pub fn rule_pairs(&self) -> &[u64] {
        &self.rule_pairs
    }

    /// Number of blocks dropped for exceeding the size limit.
    pub fn dropped_blocks(&self) -> usize {
        self.dropped_blocks
    }

    /// Folds `visit` over every candidate pair `(i, j)`, `i < j`, in parallel: each worker
    /// starts from `init()`, and partial results are combined with `reduce`.
    pub fn fold<T, I, V, R>(&self, init: I, visit: V, reduce: R, progress: &dyn Progress) -> T
    where
        T: Send,
        I: Fn() -> T + Sync + Send,
        V: Fn(&mut T, u32, u32) + Sync + Send,
        R: Fn(T, T) -> T + Sync + Send,
    {
        self.fold_sample(1.0, 0, init, visit, reduce, progress)
    }

    /// Like [`CandidatePairs::fold`], over a random share `rate` of the blocks (chosen by a
    /// hash of `seed` and the block, so the choice is reproducible): training needs a sample of
    /// pairs, and skipping whole blocks costs nothing, unlike skipping pairs one by one.
    pub fn fold_sample<T, I, V, R>(
        &self,
        rate: f64,
        seed: u64,
        init: I,
        visit: V,
        reduce: R,
        progress: &dyn Progress,
    ) -> T
    where
        T: Send,
        I: Fn() -> T + Sync + Send,
        V: Fn(&mut T, u32, u32) + Sync + Send,
        R: Fn(T, T) -> T + Sync + Send,
    {
        let cutoff = if rate >= 1.0 {
            u64::MAX
        } else {
            (rate.max(0.0) * u64::MAX as f64) as u64
        };
        let (acc, pending) = self
            .blocks
            .par_iter()
            .filter(|b| {
                cutoff == u64::MAX
                    || mix(seed ^ (u64::from(b.rule) << 32 | u64::from(b.start))) <= cutoff
            })
            .fold(
                || (init(), 0u64),
                |(mut acc, mut pending), block| {
                    pending += self.visit_block(block, &mut acc, &visit);
                    if pending >= PROGRESS_BATCH {
                        progress.advance(pending);
                        pending = 0;
                    }
                    (acc, pending)
                },
            )
            .reduce(|| (init(), 0), |(a, pa), (b, pb)| (reduce(a, b), pa + pb));
        progress.advance(pending);
        acc
    }

    fn visit_block<T, V>(&self, block: &Block, acc: &mut T, visit: &V) -> u64
    where
        V: Fn(&mut T, u32, u32),
    {
        let rule = block.rule as usize;
        let start = block.start as usize;
        let members = &self.orders[rule][start..start + block.len as usize];
        let n = self.n_rules;
        for (p, &i) in members.iter().enumerate() {
            let pi = &self.prints[i as usize * n..i as usize * n + rule];
            for &j in &members[p + 1..] {
                if self.link_only && self.ds.source(i as usize) == self.ds.source(j as usize) {
                    continue;
                }
                let pj = &self.prints[j as usize * n..j as usize * n + rule];
                let seen = pi.iter().zip(pj).any(|(a, b)| *a != NO_PRINT && a == b);
                if !seen {
                    visit(acc, i, j);
                }
            }
        }
        let n = u64::from(block.len);
        n * (n - 1) / 2
    }
}

#[cfg(test)]
mod tests {
    use super::super::blocking::BlockingRule;
    use super::super::dataset::{DatasetBuilder, RawRecord};
    use super::super::field::Field;
    use super::super::progress::Silent;
    use super::*;
    use std::collections::BTreeSet;

    fn ds(rows: &[(&str, &str, &str)]) -> Dataset {
        let mut b = DatasetBuilder::new();
        for (src, first, sur) in rows {
            let mut r = RawRecord {
                source: src,
                ..Default::default()
            };
            r.values[Field::FirstName.index()] = first;
            r.values[Field::Surname.index()] = sur;
            b.push(&r);
        }
        b.finish()
    }

    fn collect(cp: &CandidatePairs<'_>) -> Vec<(u32, u32)> {
        let mut v = cp.fold(
            Vec::new,
            |acc, i, j| acc.push((i, j)),
            |mut a, b| {
                a.extend(b);
                a
            },
            &Silent,
        );
        v.sort_unstable();
        v
    }

    #[test]
    fn each_pair_once_across_rules() {
        let d = ds(&[
            ("a", "x", "p"),
            ("a", "x", "p"),
            ("a", "x", "q"),
            ("a", "y", "p"),
        ]);
        let rules = [
            BlockingRule::on(&[Field::FirstName]),
            BlockingRule::on(&[Field::Surname]),
        ];
        let cp = CandidatePairs::new(&d, &rules, false, 100);
        let pairs = collect(&cp);
        let unique: BTreeSet<_> = pairs.iter().copied().collect();
        assert_eq!(pairs.len(), unique.len());
        assert_eq!(pairs, vec![(0, 1), (0, 2), (0, 3), (1, 2), (1, 3)]);
    }

    #[test]
    fn link_only_and_block_limit() {
        let d = ds(&[
            ("a", "x", "p"),
            ("b", "x", "p"),
            ("a", "x", "p"),
            ("b", "z", "p"),
        ]);
        let rules = [
            BlockingRule::on(&[Field::FirstName]),
            BlockingRule::on(&[Field::Surname]),
        ];
        let cp = CandidatePairs::new(&d, &rules, true, 100);
        assert_eq!(collect(&cp), vec![(0, 1), (0, 3), (1, 2), (2, 3)]);
        // first-name block of 3 dropped: its pairs come from the surname rule instead
        let cp = CandidatePairs::new(&d, &rules, false, 2);
        assert_eq!(cp.dropped_blocks(), 2);
        assert!(collect(&cp).is_empty());
        let cp = CandidatePairs::new(&d, &rules, false, 3);
        assert_eq!(cp.dropped_blocks(), 1);
        assert_eq!(collect(&cp), vec![(0, 1), (0, 2), (1, 2)]);
    }
}
