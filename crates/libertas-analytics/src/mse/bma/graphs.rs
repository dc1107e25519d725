//! Decomposable (chordal) graphs on a few lists, with their cliques and separators.
//!
//! dga ships these as data for three to five lists; they are generated here by testing every
//! graph for chordality with maximum cardinality search and reading cliques and separators
//! off the perfect elimination ordering.

use crate::mse::{MseError, Result};

/// Largest number of lists for which every graph is enumerated (2^15 graphs at six lists).
pub const MAX_GRAPH_LISTS: usize = 6;

/// A decomposable graph: its cliques and the separators of a junction tree (as list bit masks;
/// empty separators are left out because they contribute nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecomposableGraph {
    /// Maximal complete sets.
    pub cliques: Vec<usize>,
    /// Non-empty separators, with multiplicity.
    pub separators: Vec<usize>,
}

fn pair_index(n: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for i in 0..n {
        for j in (i + 1)..n {
            pairs.push((i, j));
        }
    }
    pairs
}

/// Every decomposable graph on `n_lists` vertices, in edge-set order (the empty graph first).
pub fn decomposable_graphs(n_lists: usize) -> Result<Vec<DecomposableGraph>> {
    if n_lists < 2 {
        return Err(MseError::TooFewLists {
            min: 2,
            got: n_lists,
        });
    }
    if n_lists > MAX_GRAPH_LISTS {
        return Err(MseError::TooManyLists {
            max: MAX_GRAPH_LISTS,
            got: n_lists,
        });
    }
    let pairs = pair_index(n_lists);
    let mut out = Vec::new();
    for edges in 0u32..(1 << pairs.len()) {
        let mut adj = vec![0usize; n_lists];
        for (e, &(i, j)) in pairs.iter().enumerate() {
            if edges & (1 << e) != 0 {
                adj[i] |= 1 << j;
                adj[j] |= 1 << i;
            }
        }
        if let Some(g) = chordal_decomposition(&adj) {
            out.push(g);
        }
    }
    Ok(out)
}

/// Maximum cardinality search; `None` if the graph is not chordal.
fn chordal_decomposition(adj: &[usize]) -> Option<DecomposableGraph> {
    let n = adj.len();
    let mut numbered = 0usize;
    let mut candidates: Vec<usize> = Vec::with_capacity(n);
    for _ in 0..n {
        let v = (0..n)
            .filter(|v| numbered & (1 << v) == 0)
            .max_by_key(|&v| ((adj[v] & numbered).count_ones(), usize::MAX - v))?;
        let back = adj[v] & numbered;
        let complete = (0..n)
            .filter(|u| back & (1 << u) != 0)
            .all(|u| back & !(1 << u) & !adj[u] == 0);
        if !complete {
            return None;
        }
        candidates.push(back | (1 << v));
        numbered |= 1 << v;
    }
    let mut cliques: Vec<usize> = Vec::new();
    for &k in &candidates {
        if !candidates.iter().any(|&o| o != k && o & k == k) && !cliques.contains(&k) {
            cliques.push(k);
        }
    }
    cliques.sort_unstable();
    Some(DecomposableGraph {
        separators: junction_separators(&cliques),
        cliques,
    })
}

/// Separators of a maximum-weight spanning tree of the clique graph (a junction tree).
fn junction_separators(cliques: &[usize]) -> Vec<usize> {
    let mut edges = Vec::new();
    for a in 0..cliques.len() {
        for b in (a + 1)..cliques.len() {
            edges.push(((cliques[a] & cliques[b]).count_ones(), a, b));
        }
    }
    edges.sort_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut component: Vec<usize> = (0..cliques.len()).collect();
    let mut separators = Vec::new();
    for (_, a, b) in edges {
        let (ca, cb) = (component[a], component[b]);
        if ca == cb {
            continue;
        }
        for c in component.iter_mut() {
            if *c == cb {
                *c = ca;
            }
        }
        let sep = cliques[a] & cliques[b];
        if sep != 0 {
            separators.push(sep);
        }
    }
    separators.sort_unstable();
    separators
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_decomposable_graphs() {
        assert_eq!(decomposable_graphs(3).unwrap().len(), 8);
        assert_eq!(decomposable_graphs(4).unwrap().len(), 61);
        assert_eq!(decomposable_graphs(5).unwrap().len(), 822);
    }

    #[test]
    fn cliques_and_separators() {
        let gs = decomposable_graphs(3).unwrap();
        assert_eq!(gs[0].cliques.len(), 3);
        assert!(gs[0].separators.is_empty());
        let path = gs
            .iter()
            .find(|g| g.cliques.len() == 2 && g.separators == vec![0b010])
            .unwrap();
        assert!(path.cliques.contains(&0b011) && path.cliques.contains(&0b110));
        let full = gs.iter().find(|g| g.cliques == vec![0b111]).unwrap();
        assert!(full.separators.is_empty());
    }
}
