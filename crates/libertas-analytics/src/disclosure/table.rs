//! One protected table per view: the only numbers a view may print.
//!
//! A view (the indicators page, later the funnel, outcomes, exports) feeds the table its
//! *counts* — the finest non-overlapping cells it knows, for example "cases opened in the
//! quarter by organisation X that reached the charged stage" — and declares every *figure* it
//! wants to print as a sum of counts: table cells, totals, chart bars, the numerators and
//! denominators of rates, the `n` of a median. It also declares structural facts that tie
//! counts together (the same verdicts counted by outcome and by duration) and who reads the
//! figures, with what each reader already knows exactly (a case worker knows their own
//! organisation's counts). [`ProtectedTable::protect`] then decides, once for every reader,
//! which figures are printed and which are hidden:
//!
//! 1. **primary suppression**: every figure from 1 to `threshold − 1` is hidden;
//! 2. **complementary suppression**: while some reader could narrow a small count they do
//!    not already know — by differencing, subtracting their own figures, or any other linear
//!    reasoning over everything printed to them — or work out a hidden figure exactly, more
//!    figures are hidden, cheapest first (smallest, then single cells before totals);
//! 3. **printing back**: complementary suppressions that later ones made redundant are
//!    printed again, largest first, whenever the checks still hold with them printed.
//!
//! "Narrow" is checked with the attacker of [`super::attack`]: a small count is protected
//! when the printed figures are consistent both with it being 1 (no better lower bound than
//! "not zero") and with it being at least `threshold` (the reader cannot even tell that it is
//! small). Hiding more only ever widens what a reader can infer, so a count found protected
//! stays protected as step 2 goes on, and step 2 ends (at worst with everything hidden).
//!
//! Everything a view prints — cells, totals, bars, rates, medians — is read from the
//! [`Published`] result or computed from printed figures only, so no two numbers on a view
//! can disagree about a hidden count. Rates and medians computed from printed figures reveal
//! nothing more than those figures.

use super::attack::Interval;
pub use super::reader::Reader;
use super::reader::{Target, View};
use super::{DisclosureError, Result};

/// A finest count fed to the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountId(pub(super) usize);

/// A figure a view may print: a sum of counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureId(pub(super) usize);

/// A structural fact every reader knows: two sums of counts are equal (the same verdicts
/// counted by outcome and by duration).
#[derive(Clone, Debug)]
pub(super) struct Link {
    pub(super) left: Vec<usize>,
    pub(super) right: Vec<usize>,
}

/// The counts, figures, structural facts and readers of one view.
#[derive(Clone, Debug)]
pub struct ProtectedTable {
    pub(super) threshold: u64,
    pub(super) counts: Vec<u64>,
    pub(super) figures: Vec<Vec<usize>>,
    pub(super) links: Vec<Link>,
    readers: Vec<Reader>,
}

/// The figures as they may be printed: `Some(n)`, or `None` where hidden.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    values: Vec<Option<u64>>,
}

impl Published {
    /// The printed value of `f`, `None` when hidden.
    pub fn get(&self, f: FigureId) -> Option<u64> {
        self.values.get(f.0).copied().flatten()
    }

    /// Every figure in the order declared.
    pub fn values(&self) -> &[Option<u64>] {
        &self.values
    }

    /// Whether any figure is hidden.
    pub fn any_hidden(&self) -> bool {
        self.values.iter().any(Option::is_none)
    }
}

/// What a reader could work out under a given pattern: what [`ProtectedTable::audit`] reports
/// (nothing, for a pattern from [`ProtectedTable::protect`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Exposure {
    /// Index of the reader, in the order added (0 for the implicit reader).
    pub reader: usize,
    pub what: Exposed,
    /// What the reader can infer about it (NaN if the attacker's program failed).
    pub interval: Interval,
}

/// A small count narrowed, or a hidden figure given back exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exposed {
    Count(CountId),
    Figure(FigureId),
}

impl ProtectedTable {
    /// An empty table; counts from 1 to `threshold − 1` are small (at least 2).
    pub fn new(threshold: u64) -> Result<Self> {
        if threshold < 2 {
            return Err(DisclosureError::InvalidParameter(format!(
                "suppression threshold {threshold} protects nothing; use at least 2"
            )));
        }
        Ok(ProtectedTable {
            threshold,
            counts: Vec::new(),
            figures: Vec::new(),
            links: Vec::new(),
            readers: Vec::new(),
        })
    }

    /// Adds a finest count.
    pub fn count(&mut self, value: u64) -> CountId {
        self.counts.push(value);
        CountId(self.counts.len() - 1)
    }

    /// Declares a printable figure, the sum of `counts`.
    pub fn figure(&mut self, counts: &[CountId]) -> FigureId {
        self.figures.push(counts.iter().map(|c| c.0).collect());
        FigureId(self.figures.len() - 1)
    }

    /// Declares a structural fact: `Σ left = Σ right`, known to every reader.
    pub fn same_total(&mut self, left: &[CountId], right: &[CountId]) {
        self.links.push(Link {
            left: left.iter().map(|c| c.0).collect(),
            right: right.iter().map(|c| c.0).collect(),
        });
    }

    /// Adds a reader. Without any, one reader is assumed who sees every figure and knows no
    /// count.
    pub fn reader(&mut self, reader: Reader) {
        self.readers.push(reader);
    }

    /// The true value of a figure (for readers allowed exact figures).
    pub fn value(&self, f: FigureId) -> u64 {
        self.figures
            .get(f.0)
            .map_or(0, |atoms| atoms.iter().map(|&a| self.counts[a]).sum())
    }

    /// Every figure exactly, for readers allowed to see them all.
    pub fn exact(&self) -> Published {
        Published {
            values: (0..self.figures.len())
                .map(|i| Some(self.value(FigureId(i))))
                .collect(),
        }
    }

    fn small(&self, v: u64) -> bool {
        v > 0 && v < self.threshold
    }

    fn all_readers(&self) -> Vec<Reader> {
        if self.readers.is_empty() {
            vec![Reader::shown(
                &(0..self.figures.len()).map(FigureId).collect::<Vec<_>>(),
            )]
        } else {
            self.readers.clone()
        }
    }

    /// Decides what is printed: primary, then complementary suppression, as described at the
    /// top of this module. Deterministic: the same table always gives the same pattern.
    pub fn protect(&self) -> Published {
        let readers: Vec<View> = self
            .all_readers()
            .iter()
            .map(|r| View::new(self, r))
            .collect();
        let mut hidden: Vec<bool> = (0..self.figures.len())
            .map(|i| self.small(self.value(FigureId(i))))
            .collect();
        let mut unresolved = false;
        let mut fix = |view: &View, target: Target, hidden: &mut Vec<bool>| loop {
            match view.exposure(self, hidden, target) {
                Ok(None) => break,
                _ => match view.pick(self, hidden, target) {
                    Some(f) => self.hide(hidden, f),
                    None => {
                        unresolved = true;
                        break;
                    }
                },
            }
        };
        // Small counts first, then every hidden figure (hiding more may hide new figures,
        // whose own check may hide more still; each round hides at least one more figure or
        // ends).
        for (r, view) in readers.iter().enumerate() {
            for atom in self.targets(&readers, r) {
                fix(view, Target::Count(atom), &mut hidden);
            }
        }
        let mut checked = vec![vec![false; self.figures.len()]; readers.len()];
        loop {
            let next = readers.iter().enumerate().find_map(|(r, view)| {
                (0..self.figures.len())
                    .find(|&f| hidden[f] && view.sees[f] && !checked[r][f])
                    .map(|f| (r, f))
            });
            let Some((r, f)) = next else { break };
            checked[r][f] = true;
            fix(&readers[r], Target::Figure(f), &mut hidden);
        }
        // A count no choice of figures could protect cannot happen with counts that only
        // readers' own knowledge pins; should it ever, print nothing rather than too much.
        if unresolved {
            hidden = vec![true; self.figures.len()];
        } else {
            self.print_back(&readers, &mut hidden);
        }
        Published {
            values: hidden
                .iter()
                .enumerate()
                .map(|(i, &h)| (!h).then(|| self.value(FigureId(i))))
                .collect(),
        }
    }

    /// Prints again the complementary suppressions that turned out not to be needed (one
    /// chosen early can become redundant once later ones are made): largest first, each is
    /// printed if no reader could then narrow a small count. A hidden figure that printing it
    /// would give back (the same verdicts counted by duration, when every other duration is
    /// zero) is printed along with it, unless that one is small.
    fn print_back(&self, readers: &[View], hidden: &mut Vec<bool>) {
        let mut secondary: Vec<usize> = (0..self.figures.len())
            .filter(|&f| hidden[f] && !self.small(self.value(FigureId(f))))
            .collect();
        secondary.sort_by_key(|&f| (std::cmp::Reverse(self.value(FigureId(f))), f));
        for f in secondary {
            if !hidden[f] {
                continue;
            }
            let mut trial = hidden.clone();
            let mut opened = self.twins(f);
            let accepted = loop {
                for &g in &opened {
                    trial[g] = false;
                }
                if !readers
                    .iter()
                    .all(|v| self.counts_safe_near(v, &trial, &opened))
                {
                    break false;
                }
                match readers
                    .iter()
                    .find_map(|v| self.given_back_near(v, &trial, &opened))
                {
                    None => break true,
                    Some(g) if self.small(self.value(FigureId(g))) => break false,
                    Some(g) => opened.extend(self.twins(g)),
                }
            };
            if accepted {
                *hidden = trial;
            }
        }
    }

    /// The unknown counts `view` has linked to `figures` under `hidden`: the only ones a
    /// change to those figures can affect.
    fn near(&self, view: &View, hidden: &[bool], figures: &[usize]) -> Vec<usize> {
        let seeds: Vec<usize> = figures
            .iter()
            .flat_map(|&f| self.figures[f].iter().copied())
            .filter(|&a| !view.knows[a])
            .collect();
        if seeds.is_empty() {
            return seeds;
        }
        view.component(self, hidden, &seeds)
    }

    /// Whether `view` can narrow no small count linked to `figures` under `hidden`.
    fn counts_safe_near(&self, view: &View, hidden: &[bool], figures: &[usize]) -> bool {
        self.near(view, hidden, figures)
            .into_iter()
            .filter(|&a| self.small(self.counts[a]))
            .all(|a| matches!(view.exposure(self, hidden, Target::Count(a)), Ok(None)))
    }

    /// A hidden figure linked to `figures` that `view` can work out exactly under `hidden`.
    fn given_back_near(&self, view: &View, hidden: &[bool], figures: &[usize]) -> Option<usize> {
        let near = self.near(view, hidden, figures);
        (0..self.figures.len())
            .filter(|&g| {
                hidden[g] && view.sees[g] && self.figures[g].iter().any(|a| near.contains(a))
            })
            .find(|&g| !matches!(view.exposure(self, hidden, Target::Figure(g)), Ok(None)))
    }

    /// `f` and every figure that is the same sum.
    fn twins(&self, f: usize) -> Vec<usize> {
        let mut key = self.figures[f].clone();
        key.sort_unstable();
        (0..self.figures.len())
            .filter(|&g| {
                let mut other = self.figures[g].clone();
                other.sort_unstable();
                other == key
            })
            .collect()
    }

    /// Hides `f` and every figure that is the same sum printed elsewhere (a count shown both
    /// as a chart bar and as a key figure): hiding one copy alone would protect nothing.
    pub(super) fn hide(&self, hidden: &mut [bool], f: usize) {
        for g in self.twins(f) {
            hidden[g] = true;
        }
    }

    /// Every small count some reader could narrow, and every hidden figure some reader could
    /// work out, under `published`'s pattern.
    pub fn audit(&self, published: &Published) -> Vec<Exposure> {
        let hidden: Vec<bool> = published.values.iter().map(Option::is_none).collect();
        let mut out = Vec::new();
        for (r, reader) in self.all_readers().iter().enumerate() {
            let view = View::new(self, reader);
            let counts = (0..self.counts.len())
                .filter(|&a| !view.knows[a] && self.small(self.counts[a]))
                .map(Target::Count);
            let figures = (0..self.figures.len())
                .filter(|&f| hidden[f] && view.sees[f])
                .map(Target::Figure);
            for target in counts.chain(figures) {
                let interval = match view.exposure(self, &hidden, target) {
                    Ok(None) => continue,
                    Ok(Some(i)) => i,
                    Err(_) => Interval {
                        low: f64::NAN,
                        high: f64::NAN,
                    },
                };
                let what = match target {
                    Target::Count(a) => Exposed::Count(CountId(a)),
                    Target::Figure(f) => Exposed::Figure(FigureId(f)),
                };
                out.push(Exposure {
                    reader: r,
                    what,
                    interval,
                });
            }
        }
        out
    }

    /// The small counts reader `r` must be checked for: those it does not know, less those a
    /// reader who knows at least as much checks already (what protects against them protects
    /// against `r`).
    fn targets(&self, readers: &[View], r: usize) -> Vec<usize> {
        let me = &readers[r];
        (0..self.counts.len())
            .filter(|&a| !me.knows[a] && self.small(self.counts[a]))
            .filter(|&a| {
                !readers.iter().enumerate().any(|(o, other)| {
                    o != r
                        && !other.knows[a]
                        && other.dominates(self, me)
                        && (o < r || !me.dominates(self, other))
                })
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
