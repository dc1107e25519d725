//! A reader of a protected table, and the attacker's position that reader is in: the counts
//! they know, the figures printed to them, and the linear program over the rest
//! ([`super::attack`]) that says how far they can narrow a small count.

use super::attack::{AttackError, Equation, Interval, System};
use super::table::{CountId, FigureId, ProtectedTable};

/// Who reads the figures: which figures they are shown and which counts they know exactly
/// anyway. A reader who knows counts is protected against only for the counts they do not
/// know.
#[derive(Clone, Debug, Default)]
pub struct Reader {
    pub(super) sees: Vec<FigureId>,
    pub(super) knows: Vec<CountId>,
}

impl Reader {
    /// A reader shown `sees`.
    pub fn shown(sees: &[FigureId]) -> Self {
        Reader {
            sees: sees.to_vec(),
            knows: Vec::new(),
        }
    }

    /// The same reader, also knowing `counts` exactly (for example their own organisation's).
    pub fn knowing(mut self, counts: &[CountId]) -> Self {
        self.knows.extend_from_slice(counts);
        self
    }
}

/// One reader's position: which counts they know and which figures they see.
pub(super) struct View {
    pub(super) knows: Vec<bool>,
    pub(super) sees: Vec<bool>,
}

/// What must stay out of a reader's reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A small count: printed figures must allow it to be 1 and to be at least the threshold.
    Count(usize),
    /// A hidden figure: printed figures must not give its value (the part the reader does not
    /// know) back exactly, whatever that value is, so "hidden" always means hidden.
    Figure(usize),
}

/// The attacker's system restricted to the unknowns connected to a target.
struct Local {
    system: System,
    /// Positions of the target's counts among the system's unknowns.
    target: Vec<usize>,
    /// The smallest value the target can take with nothing printed.
    lower: f64,
}

impl View {
    pub(super) fn new(t: &ProtectedTable, r: &Reader) -> Self {
        let mut knows = vec![false; t.counts.len()];
        for c in &r.knows {
            if let Some(k) = knows.get_mut(c.0) {
                *k = true;
            }
        }
        let mut sees = vec![false; t.figures.len()];
        for f in &r.sees {
            if let Some(s) = sees.get_mut(f.0) {
                *s = true;
            }
        }
        View { knows, sees }
    }

    /// Everything `other` may use, `self` may use too: at least the same knowledge, and every
    /// figure `other` sees is seen by `self` or made only of counts `self` knows.
    pub(super) fn dominates(&self, t: &ProtectedTable, other: &View) -> bool {
        let knows_more = (0..t.counts.len()).all(|a| self.knows[a] || !other.knows[a]);
        let sees_more = (0..t.figures.len())
            .all(|f| !other.sees[f] || self.sees[f] || t.figures[f].iter().all(|&a| self.knows[a]));
        knows_more && sees_more
    }

    /// The figures this reader sees printed under `hidden`.
    fn printed<'a>(&'a self, hidden: &'a [bool]) -> impl Iterator<Item = usize> + 'a {
        (0..self.sees.len()).filter(move |&f| self.sees[f] && !hidden[f])
    }

    /// The counts of a target the reader does not know.
    pub(super) fn unknown_part(&self, t: &ProtectedTable, target: Target) -> Vec<usize> {
        match target {
            Target::Count(a) => vec![a],
            Target::Figure(f) => t.figures[f]
                .iter()
                .copied()
                .filter(|&a| !self.knows[a])
                .collect(),
        }
    }

    /// The unknown counts linked to `seeds` through printed figures and structural facts.
    pub(super) fn component(
        &self,
        t: &ProtectedTable,
        hidden: &[bool],
        seeds: &[usize],
    ) -> Vec<usize> {
        let mut groups: Vec<Vec<usize>> =
            self.printed(hidden).map(|f| t.figures[f].clone()).collect();
        groups.extend(
            t.links
                .iter()
                .map(|l| l.left.iter().chain(&l.right).copied().collect()),
        );
        let mut inside = vec![false; t.counts.len()];
        for &a in seeds {
            inside[a] = true;
        }
        let mut grew = true;
        while grew {
            grew = false;
            for g in &groups {
                let unknown = g.iter().filter(|&&a| !self.knows[a]);
                if unknown.clone().any(|&a| inside[a]) {
                    for &a in unknown {
                        if !inside[a] {
                            inside[a] = true;
                            grew = true;
                        }
                    }
                }
            }
        }
        (0..t.counts.len()).filter(|&a| inside[a]).collect()
    }

    fn local(&self, t: &ProtectedTable, hidden: &[bool], seeds: &[usize]) -> Local {
        let unknowns = self.component(t, hidden, seeds);
        let index = |a: usize| unknowns.iter().position(|&u| u == a);
        let lower: Vec<f64> = unknowns
            .iter()
            .map(|&a| t.counts[a].min(1) as f64)
            .collect();
        let mut equations = Vec::new();
        // `Σ coefficient × count = rhs`, with the counts the reader knows moved to the right.
        // A row touching the component has all its unknowns inside it (the component is
        // closed under printed figures and structural facts), so the rest are known.
        let mut row = |terms: Vec<(usize, f64)>, rhs: f64| {
            let mut unknown = Vec::new();
            let mut total = rhs;
            for (a, c) in terms {
                match index(a) {
                    Some(i) => unknown.push((i, c)),
                    None => total -= c * t.counts[a] as f64,
                }
            }
            if !unknown.is_empty() {
                equations.push(Equation {
                    unknowns: unknown,
                    total,
                });
            }
        };
        for f in self.printed(hidden) {
            let terms = t.figures[f].iter().map(|&a| (a, 1.0)).collect();
            row(terms, t.value(FigureId(f)) as f64);
        }
        for l in &t.links {
            let terms = l
                .left
                .iter()
                .map(|&a| (a, 1.0))
                .chain(l.right.iter().map(|&a| (a, -1.0)))
                .collect();
            row(terms, 0.0);
        }
        Local {
            target: seeds.iter().filter_map(|&a| index(a)).collect(),
            lower: seeds.iter().map(|&a| t.counts[a].min(1) as f64).sum(),
            system: System { lower, equations },
        }
    }

    /// `Some(interval)` when the reader can work out too much about `target` under `hidden`.
    pub(super) fn exposure(
        &self,
        t: &ProtectedTable,
        hidden: &[bool],
        target: Target,
    ) -> Result<Option<Interval>, AttackError> {
        let seeds = self.unknown_part(t, target);
        if seeds.is_empty() {
            return Ok(None);
        }
        let local = self.local(t, hidden, &seeds);
        let i = local.system.interval(&local.target)?;
        let eps = 1e-6;
        let exposed = match target {
            Target::Count(_) => i.low > local.lower + eps || i.high < t.threshold as f64 - eps,
            Target::Figure(_) => i.high - i.low < eps,
        };
        Ok(exposed.then_some(i))
    }

    /// The next figure to hide for `target`: the cheapest (smallest, then fewest counts)
    /// printed figure near it whose hiding protects it; failing that, the one that widens its
    /// interval most; failing that, the cheapest that shares a count with it, or any near it.
    pub(super) fn pick(
        &self,
        t: &ProtectedTable,
        hidden: &[bool],
        target: Target,
    ) -> Option<usize> {
        let seeds = self.unknown_part(t, target);
        let near = self.component(t, hidden, &seeds);
        let mut candidates: Vec<usize> = self
            .printed(hidden)
            .filter(|&f| t.figures[f].iter().any(|a| near.contains(a)))
            .collect();
        candidates.sort_by_key(|&f| (t.value(FigureId(f)), t.figures[f].len(), f));
        let before = self.exposure(t, hidden, target).ok().flatten();
        let mut best: Option<(f64, usize)> = None;
        let mut trial = hidden.to_vec();
        for &f in &candidates {
            t.hide(&mut trial, f);
            let outcome = self.exposure(t, &trial, target);
            trial.copy_from_slice(hidden);
            match outcome {
                Ok(None) => return Some(f),
                Ok(Some(after)) => {
                    if let Some(b) = before {
                        let gain = (after.high - b.high).min(1e9) + (b.low - after.low);
                        if gain > 1e-6 && best.is_none_or(|(g, _)| gain > g) {
                            best = Some((gain, f));
                        }
                    }
                }
                Err(_) => {}
            }
        }
        best.map(|(_, f)| f)
            .or_else(|| {
                candidates
                    .iter()
                    .copied()
                    .find(|&f| t.figures[f].iter().any(|a| seeds.contains(a)))
            })
            .or_else(|| candidates.first().copied())
    }
}
