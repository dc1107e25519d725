//! Subset and superset sums over capture patterns.
//!
//! A log-linear design column for term `t` is 1 exactly on the cells that contain `t`, so every
//! product the Poisson fit needs (Xᵀ W X, Xᵀ v, X β) is a sum over supersets or subsets of a
//! pattern. Computing them as zeta transforms costs O(m·2ᵐ) instead of O(cells·terms²), which is
//! what makes bootstraps with ten lists fast.

/// Replaces `v[s]` by the sum of `v[c]` over all `c ⊇ s`.
pub(crate) fn superset_sums(v: &mut [f64], n_lists: usize) {
    for bit in 0..n_lists {
        let b = 1usize << bit;
        for s in 0..v.len() {
            if s & b == 0 {
                v[s] += v[s | b];
            }
        }
    }
}

/// Replaces `v[c]` by the sum of `v[s]` over all `s ⊆ c`.
pub(crate) fn subset_sums(v: &mut [f64], n_lists: usize) {
    for bit in 0..n_lists {
        let b = 1usize << bit;
        for c in 0..v.len() {
            if c & b != 0 {
                v[c] += v[c ^ b];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transforms_match_brute_force() {
        let v: Vec<f64> = (0..8).map(|i| f64::from(i * i + 1)).collect();
        let mut sup = v.clone();
        superset_sums(&mut sup, 3);
        let mut sub = v.clone();
        subset_sums(&mut sub, 3);
        for s in 0..8usize {
            let want_sup: f64 = (0..8usize).filter(|c| c & s == s).map(|c| v[c]).sum();
            let want_sub: f64 = (0..8usize).filter(|c| c & s == *c).map(|c| v[c]).sum();
            assert_eq!(sup[s], want_sup);
            assert_eq!(sub[s], want_sub);
        }
    }
}
