//! Clustering scored pairs into people without chaining strangers together.
//!
//! Connected components over "probability above threshold" links A-B-C even when A and C are
//! plainly different people, and at a million records that snowballs (Splink's 18,225-record
//! cluster). Here links are taken strongest first, and two clusters merge only when the whole
//! merged group stays coherent: every cross pair is scored directly (also pairs no blocking
//! rule put together), no cross pair may be strong evidence of two different people (veto), and
//! the mean match probability over the cross pairs must reach a floor. A hub phone number
//! shared by strangers therefore links nobody, whatever order the links come in.

use super::progress::{Progress, Stage};
use super::scoring::probability;

/// A scored candidate pair, weight in bits without the prior.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    /// First record (smaller index).
    pub a: u32,
    /// Second record.
    pub b: u32,
    /// Match weight in bits, prior excluded.
    pub weight: f32,
}

/// Rules for merging clusters.
#[derive(Clone, Copy, Debug)]
pub struct ClusterRules {
    /// log2 prior odds of a match, added to every weight.
    pub prior_bits: f64,
    /// A link must reach this probability to be considered.
    pub threshold: f64,
    /// Mean probability over all cross pairs required to merge two clusters.
    pub mean_probability: f64,
    /// A cross pair with a weight below this (bits, prior excluded) forbids the merge.
    pub veto_bits: f32,
    /// Merges needing more cross-pair scores than this are refused (bounds the work and the
    /// size a cluster can reach through a run of borderline links).
    pub max_cross_pairs: usize,
}

/// Assigns each of `n` records to a cluster, labelled by the smallest record index in it.
/// `weight_of(x, y)` scores any pair directly; `edges` are the candidate links.
pub fn cluster<W>(
    n: usize,
    edges: &[Edge],
    rules: &ClusterRules,
    weight_of: W,
    progress: &dyn Progress,
) -> Vec<u32>
where
    W: Fn(u32, u32) -> f32,
{
    let mut links: Vec<Edge> = edges
        .iter()
        .copied()
        .filter(|e| probability(rules.prior_bits + f64::from(e.weight)) >= rules.threshold)
        .collect();
    links.sort_unstable_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    progress.start(Stage::Clustering, links.len() as u64);

    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    for (k, e) in links.iter().enumerate() {
        if k % 4096 == 4095 {
            progress.advance(4096);
        }
        let (ra, rb) = (find(&mut parent, e.a), find(&mut parent, e.b));
        if ra == rb
            || !coherent(
                &members[ra as usize],
                &members[rb as usize],
                e,
                rules,
                &weight_of,
            )
        {
            continue;
        }
        let (big, small) = if members[ra as usize].len() >= members[rb as usize].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        let moved = std::mem::take(&mut members[small as usize]);
        members[big as usize].extend(moved);
        parent[small as usize] = big;
    }
    progress.advance(links.len() as u64 % 4096);

    let mut label = vec![0u32; n];
    for group in members.iter().filter(|g| !g.is_empty()) {
        let min = group.iter().copied().min().unwrap_or(0);
        for &x in group {
            label[x as usize] = min;
        }
    }
    label
}

fn coherent<W>(a: &[u32], b: &[u32], link: &Edge, rules: &ClusterRules, weight_of: &W) -> bool
where
    W: Fn(u32, u32) -> f32,
{
    let cross = a.len() * b.len();
    if cross > rules.max_cross_pairs {
        return false;
    }
    let mut sum = 0.0;
    for &x in a {
        for &y in b {
            let w = if (x.min(y), x.max(y)) == (link.a, link.b) {
                link.weight
            } else {
                weight_of(x, y)
            };
            if w < rules.veto_bits {
                return false;
            }
            sum += probability(rules.prior_bits + f64::from(w));
        }
    }
    sum / cross as f64 >= rules.mean_probability
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

#[cfg(test)]
#[allow(clippy::needless_range_loop)]
mod tests {
    use super::super::progress::Silent;
    use super::*;
    use proptest::prelude::*;

    const RULES: ClusterRules = ClusterRules {
        prior_bits: 0.0,
        threshold: 0.9,
        mean_probability: 0.5,
        veto_bits: -5.0,
        max_cross_pairs: 10_000,
    };

    fn run(n: usize, w: &[Vec<f32>]) -> Vec<u32> {
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                edges.push(Edge {
                    a: a as u32,
                    b: b as u32,
                    weight: w[a][b],
                });
            }
        }
        cluster(n, &edges, &RULES, |x, y| w[x as usize][y as usize], &Silent)
    }

    #[test]
    fn hub_does_not_chain_strangers() {
        // 0 and 2 both link strongly to hub record 1 but are clearly different people.
        let mut w = vec![vec![-20.0f32; 3]; 3];
        w[0][1] = 10.0;
        w[1][0] = 10.0;
        w[1][2] = 9.0;
        w[2][1] = 9.0;
        let labels = run(3, &w);
        assert_eq!(labels, vec![0, 0, 2]);
    }

    #[test]
    fn coherent_groups_merge() {
        let w = vec![vec![8.0f32; 4]; 4];
        assert_eq!(run(4, &w), vec![0, 0, 0, 0]);
    }

    proptest! {
        /// Whatever the weights, two records whose direct weight is below the veto never end
        /// up in one cluster, and labels are cluster minima.
        #[test]
        fn never_merges_vetoed_pairs(raw in prop::collection::vec(-30.0f32..30.0, 36)) {
            let n = 6;
            let mut w = vec![vec![0f32; n]; n];
            for a in 0..n {
                for b in a + 1..n {
                    w[a][b] = raw[a * n + b];
                    w[b][a] = raw[a * n + b];
                }
            }
            let labels = run(n, &w);
            for a in 0..n {
                prop_assert!(labels[a] as usize <= a);
                prop_assert_eq!(labels[labels[a] as usize], labels[a]);
                for b in a + 1..n {
                    if labels[a] == labels[b] {
                        prop_assert!(w[a][b] >= RULES.veto_bits);
                    }
                }
            }
        }
    }
}
