//! Hierarchical log-linear models, written as the set of interaction terms they contain.
//!
//! The intercept and every main effect are always in the model; an interaction is a pattern
//! with two or more lists. The notation of MultipleSystemsEstimation (`[12,23]`, generators
//! only, lists numbered from 1) is used for display and parsing so results can be compared.

use super::{MseError, Result};

/// A log-linear model over `n_lists` lists.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Model {
    n_lists: usize,
    interactions: Vec<usize>,
}

fn term_order(t: usize) -> (u32, usize) {
    (t.count_ones(), t)
}

impl Model {
    /// The independence (main-effects) model.
    pub fn main_effects(n_lists: usize) -> Self {
        Self {
            n_lists,
            interactions: Vec::new(),
        }
    }

    /// A model from interaction terms; lower-order terms are not added (see [`Model::closure`]).
    pub fn from_interactions(n_lists: usize, terms: &[usize]) -> Result<Self> {
        let full = (1usize << n_lists) - 1;
        let mut interactions = Vec::with_capacity(terms.len());
        for &t in terms {
            if t & !full != 0 || t.count_ones() < 2 {
                return Err(MseError::BadPattern(t));
            }
            interactions.push(t);
        }
        interactions.sort_by_key(|&t| term_order(t));
        interactions.dedup();
        Ok(Self {
            n_lists,
            interactions,
        })
    }

    /// The smallest hierarchical model containing the given generators.
    pub fn closure(n_lists: usize, generators: &[usize]) -> Result<Self> {
        let mut terms = Vec::new();
        for &g in generators {
            let mut sub = g;
            loop {
                if sub.count_ones() >= 2 {
                    terms.push(sub);
                }
                if sub == 0 {
                    break;
                }
                sub = (sub - 1) & g;
            }
        }
        Self::from_interactions(n_lists, &terms)
    }

    /// This model with one more interaction term.
    pub fn with_term(&self, term: usize) -> Result<Self> {
        let mut terms = self.interactions.clone();
        terms.push(term);
        Self::from_interactions(self.n_lists, &terms)
    }

    /// Number of lists.
    pub fn n_lists(&self) -> usize {
        self.n_lists
    }

    /// Interaction terms (two or more lists), by order then pattern.
    pub fn interactions(&self) -> &[usize] {
        &self.interactions
    }

    /// Every term including the intercept (pattern 0) and the main effects, intercept first.
    pub fn terms(&self) -> Vec<usize> {
        let mut t = Vec::with_capacity(1 + self.n_lists + self.interactions.len());
        t.push(0);
        t.extend((0..self.n_lists).map(|k| 1usize << k));
        t.extend(self.interactions.iter().copied());
        t
    }

    /// Number of parameters, intercept included.
    pub fn n_params(&self) -> usize {
        1 + self.n_lists + self.interactions.len()
    }

    /// Highest interaction order (1 for the main-effects model).
    pub fn order(&self) -> u32 {
        self.interactions
            .iter()
            .map(|t| t.count_ones())
            .max()
            .unwrap_or(1)
    }

    /// The maximal terms, main effects of lists in no interaction included.
    pub fn generators(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self.terms().into_iter().filter(|&t| t != 0).collect();
        all.retain(|&t| !self.terms().iter().any(|&u| u != t && u & t == t));
        all
    }

    /// MultipleSystemsEstimation notation, e.g. `[123,14,34]`.
    pub fn hier_notation(&self) -> String {
        let mut gens = self.generators();
        let weight = |g: usize| {
            let mut w = f64::from(g.count_ones());
            for k in 0..self.n_lists {
                if g & (1 << k) != 0 {
                    w += 0.5f64.powi(k as i32 + 1);
                }
            }
            w
        };
        gens.sort_by(|a, b| weight(*b).total_cmp(&weight(*a)));
        let parts: Vec<String> = gens
            .iter()
            .map(|&g| {
                (0..self.n_lists)
                    .filter(|k| g & (1 << k) != 0)
                    .map(|k| (k + 1).to_string())
                    .collect::<String>()
            })
            .collect();
        format!("[{}]", parts.join(","))
    }

    /// Parses MultipleSystemsEstimation notation (single-digit list numbers, so up to 9 lists).
    pub fn parse_hier(s: &str, n_lists: usize) -> Result<Self> {
        let inner = s
            .trim()
            .strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .ok_or_else(|| MseError::InvalidArgument(format!("model {s:?} is not in [..] form")))?;
        let mut gens = Vec::new();
        for part in inner.split(',') {
            let mut g = 0usize;
            for ch in part.trim().chars() {
                let d = ch.to_digit(10).map(|d| d as usize).unwrap_or(0);
                if d == 0 || d > n_lists {
                    return Err(MseError::InvalidArgument(format!(
                        "model {s:?} names a list outside 1..={n_lists}"
                    )));
                }
                g |= 1 << (d - 1);
            }
            gens.push(g);
        }
        Self::closure(n_lists, &gens)
    }

    /// A term written with list names, e.g. `A:E`.
    pub fn term_name(term: usize, names: &[String]) -> String {
        names
            .iter()
            .enumerate()
            .filter(|(k, _)| term & (1 << k) != 0)
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(":")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notation_round_trips() {
        for (s, n) in [
            ("[123,14,34]", 4),
            ("[12,23]", 3),
            ("[23,1]", 3),
            ("[1,2,3]", 3),
            ("[15,2,3,4]", 5),
        ] {
            let m = Model::parse_hier(s, n).unwrap();
            assert_eq!(m.hier_notation(), s);
        }
        let m = Model::parse_hier("[123,4]", 4).unwrap();
        assert_eq!(m.n_params(), 1 + 4 + 3 + 1);
        assert_eq!(m.order(), 3);
    }

    #[test]
    fn rejects_bad_terms() {
        assert!(Model::from_interactions(3, &[0b1000]).is_err());
        assert!(Model::from_interactions(3, &[0b1]).is_err());
        assert!(Model::parse_hier("[15]", 3).is_err());
        assert!(Model::parse_hier("12", 3).is_err());
    }
}
