//! The attacker's side of a protected table: what a reader can work out about a hidden count
//! from everything published to them.
//!
//! This is the model statistical agencies audit suppression patterns with (Fischetti and
//! Salazar 2000; sdcTable's `attack()`, τ-ARGUS's audit): the reader knows every published
//! sum exactly, the structural facts that tie counts together, and whatever counts they may
//! see exactly anyway (their own organisation's); every other count is an unknown, at least
//! zero. The smallest and largest value a count can take under those linear constraints,
//! found by linear programming, is what the reader can learn about it. Differencing (a total
//! minus its shown parts, a network minus one's own organisation, a month minus its weeks) is
//! the special case where the interval shrinks to one point.
//!
//! The model is deliberately generous to the attacker: it also grants them that every hidden
//! count which is not zero is at least one (zeros are published, so a reader may guess that a
//! hidden count is not zero). A pattern that holds against this attacker holds against one
//! who knows less.

use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOutcome};

/// One linear fact the attacker holds: the listed unknowns (by index into the system) add up
/// to `total`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Equation {
    pub unknowns: Vec<(usize, f64)>,
    pub total: f64,
}

/// The attacker's system: unknowns with lower bounds, and equations over them.
#[derive(Clone, Debug, Default)]
pub(crate) struct System {
    pub lower: Vec<f64>,
    pub equations: Vec<Equation>,
}

/// What the attacker can learn about a sum of unknowns: its smallest and largest possible
/// value (`f64::INFINITY` when nothing bounds it from above).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// Why an interval could not be computed. Callers treat it as "not protected", so a solver
/// failure hides more rather than less.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("the attacker's linear program could not be solved: {0}")]
pub struct AttackError(pub String);

impl System {
    /// The interval of `Σ target` (unknown indices) under the system.
    pub(crate) fn interval(&self, target: &[usize]) -> Result<Interval, AttackError> {
        Ok(Interval {
            low: self.optimise(target, OptimizationDirection::Minimize)?,
            high: self.optimise(target, OptimizationDirection::Maximize)?,
        })
    }

    fn optimise(
        &self,
        target: &[usize],
        direction: OptimizationDirection,
    ) -> Result<f64, AttackError> {
        let mut problem = Problem::new(direction);
        let vars: Vec<_> = self
            .lower
            .iter()
            .enumerate()
            .map(|(i, &lb)| {
                let weight = if target.contains(&i) { 1.0 } else { 0.0 };
                problem.add_var(weight, (lb, f64::INFINITY))
            })
            .collect();
        for eq in &self.equations {
            let row: Vec<_> = eq.unknowns.iter().map(|&(i, c)| (vars[i], c)).collect();
            problem.add_constraint(row.as_slice(), ComparisonOp::Eq, eq.total);
        }
        match problem.solve() {
            Ok(SolveOutcome::Solution(s)) => Ok(s.objective()),
            Ok(SolveOutcome::Interrupted(_)) => Err(AttackError("interrupted".into())),
            Err(microlp::Error::Unbounded) if direction == OptimizationDirection::Maximize => {
                Ok(f64::INFINITY)
            }
            Err(e) => Err(AttackError(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eq(unknowns: &[usize], total: f64) -> Equation {
        Equation {
            unknowns: unknowns.iter().map(|&i| (i, 1.0)).collect(),
            total,
        }
    }

    #[test]
    fn a_total_minus_its_shown_parts_pins_the_hidden_one() {
        // Unknowns: a (hidden, 3), b (hidden, 30). Published: a + b = 33.
        let s = System {
            lower: vec![1.0, 1.0],
            equations: vec![eq(&[0, 1], 33.0)],
        };
        let i = s.interval(&[0]).unwrap();
        assert_eq!((i.low, i.high), (1.0, 32.0));
        // With b published too, a is exactly 3.
        let mut pinned = s.clone();
        pinned.equations.push(eq(&[1], 30.0));
        let i = pinned.interval(&[0]).unwrap();
        assert!((i.low - 3.0).abs() < 1e-9 && (i.high - 3.0).abs() < 1e-9);
        // Nothing published about an unknown: it is unbounded above.
        let free = System {
            lower: vec![1.0],
            equations: vec![],
        };
        assert_eq!(free.interval(&[0]).unwrap().high, f64::INFINITY);
    }
}
