//! String similarity measures used by the comparison levels.
//!
//! Thin wrappers over `rapidfuzz` (bit-parallel, allocation-free for short strings, several
//! times faster than the textbook algorithms) so the level code reads as thresholds. Inputs are
//! normalised ASCII, so bytes are compared. Cut-offs let the library stop early on the many
//! pairs that are nowhere near a threshold.

use rapidfuzz::distance::{jaro_winkler as jw, osa};

/// Jaro-Winkler similarity in `[0, 1]`; 1 for equal strings.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    jw::similarity(a.bytes(), b.bytes())
}

/// Jaro-Winkler similarity when it reaches `cutoff`, else `None` (cheaper than computing it).
pub fn jaro_winkler_at_least(a: &str, b: &str, cutoff: f64) -> Option<f64> {
    jw::similarity_with_args(
        a.bytes(),
        b.bytes(),
        &jw::Args::default().score_cutoff(cutoff),
    )
}

/// Whether `a` and `b` are at most `k` edits apart, counting an adjacent transposition as one
/// edit (optimal string alignment), the most common typing error.
pub fn within_edits(a: &str, b: &str, k: usize) -> bool {
    edits_up_to(a, b, k).is_some()
}

/// The optimal-string-alignment distance of `a` and `b` when it is at most `k`.
///
/// Dates, phone numbers and document numbers usually have equal lengths; for those one pass
/// counting differing positions settles distances 0 and 1 (a substitution or an adjacent
/// transposition) without the general algorithm.
pub fn edits_up_to(a: &str, b: &str, k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    if a.len() == b.len() {
        let (x, y) = (a.as_bytes(), b.as_bytes());
        let mut diff = [0usize; 3];
        let mut n = 0;
        for (p, (c, d)) in x.iter().zip(y).enumerate() {
            if c != d {
                if n < 3 {
                    diff[n] = p;
                }
                n += 1;
            }
        }
        let swap = n == 2
            && diff[1] == diff[0] + 1
            && x[diff[0]] == y[diff[1]]
            && x[diff[1]] == y[diff[0]];
        match (n, swap) {
            (0, _) => return Some(0),
            (1, _) | (2, true) => return (k >= 1).then_some(1),
            _ if k <= 1 => return None,
            _ => {}
        }
    }
    osa::distance_with_args(a.bytes(), b.bytes(), &osa::Args::default().score_cutoff(k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert!((jaro_winkler("martha", "marhta") - 0.9611).abs() < 1e-3);
        assert!(within_edits("2119", "2191", 1));
        assert!(!within_edits("2119", "9112", 1));
        assert!(within_edits("abc", "abcd", 1));
        assert!(!within_edits("abc", "abcde", 1));
        assert_eq!(edits_up_to("kitten", "sitting", 3), Some(3));
        assert_eq!(jaro_winkler_at_least("abc", "xyz", 0.5), None);
    }

    proptest! {
        #[test]
        fn jaro_winkler_symmetric_bounded(a in "[a-z ]{0,12}", b in "[a-z ]{0,12}") {
            let x = jaro_winkler(&a, &b);
            let y = jaro_winkler(&b, &a);
            prop_assert!((0.0..=1.0).contains(&x));
            prop_assert!((x - y).abs() < 1e-9);
            if a == b { prop_assert!((x - 1.0).abs() < 1e-12); }
            let cut = jaro_winkler_at_least(&a, &b, 0.8);
            // exactly at the cut-off, rounding may fall either way
            if (x - 0.8).abs() > 1e-9 {
                prop_assert_eq!(cut.is_some(), x >= 0.8);
            }
        }

        #[test]
        fn fast_path_agrees_with_osa(a in "[0-3]{0,6}", b in "[0-3]{0,6}") {
            for k in 0..4 {
                let want = osa::distance(a.bytes(), b.bytes());
                prop_assert_eq!(edits_up_to(&a, &b, k), (want <= k).then_some(want));
            }
        }

        #[test]
        fn within_edits_symmetric_monotone(a in "[0-9a-c]{0,8}", b in "[0-9a-c]{0,8}") {
            for k in 0..3 {
                prop_assert_eq!(within_edits(&a, &b, k), within_edits(&b, &a, k));
                if within_edits(&a, &b, k) { prop_assert!(within_edits(&a, &b, k + 1)); }
            }
            prop_assert_eq!(within_edits(&a, &b, 0), a == b);
        }
    }
}
