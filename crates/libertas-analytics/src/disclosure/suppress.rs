//! Small-count suppression and rounding.
//!
//! Primary suppression hides counts from 1 to k − 1; secondary suppression hides one more cell
//! when a group has a published total and only one hidden cell, because the hidden value would
//! otherwise be the total minus the others. Rounding hides exact values without leaving gaps.

use rand::Rng;

use super::{DisclosureError, Result};

/// Whether a zero count may be published (a zero can itself disclose, e.g. "no one in this
/// village was helped").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZeroPolicy {
    /// Publish zeros.
    Publish,
    /// Suppress zeros like other small counts.
    Suppress,
}

fn check_threshold(k: u64) -> Result<()> {
    if k < 2 {
        return Err(DisclosureError::InvalidParameter(format!(
            "suppression threshold {k} protects nothing; use at least 2"
        )));
    }
    Ok(())
}

fn is_small(c: u64, k: u64, zeros: ZeroPolicy) -> bool {
    c < k && (c > 0 || zeros == ZeroPolicy::Suppress)
}

/// Hides (as `None`) every count below `k`; zeros follow `zeros`.
pub fn suppress_small(counts: &[u64], k: u64, zeros: ZeroPolicy) -> Result<Vec<Option<u64>>> {
    check_threshold(k)?;
    Ok(counts
        .iter()
        .map(|&c| (!is_small(c, k, zeros)).then_some(c))
        .collect())
}

/// Like [`suppress_small`] for the cells of one group whose total is published: if exactly one
/// cell is hidden, the smallest other non-zero cell is hidden too.
pub fn suppress_with_total(counts: &[u64], k: u64, zeros: ZeroPolicy) -> Result<Vec<Option<u64>>> {
    let mut out = suppress_small(counts, k, zeros)?;
    if out.iter().filter(|c| c.is_none()).count() == 1 {
        let next = out
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.filter(|&v| v > 0).map(|v| (v, i)))
            .min();
        if let Some((_, i)) = next {
            out[i] = None;
        } else if let Some(i) = out.iter().position(|c| c.is_some()) {
            out[i] = None;
        }
    }
    Ok(out)
}

fn check_base(base: u64) -> Result<()> {
    if base == 0 {
        return Err(DisclosureError::InvalidParameter(
            "rounding base must be positive".into(),
        ));
    }
    Ok(())
}

/// Rounds to the nearest multiple of `base` (halves round up).
pub fn round_to_base(count: u64, base: u64) -> Result<u64> {
    check_base(base)?;
    let r = count % base;
    let down = count - r;
    Ok(if 2 * r >= base {
        down.saturating_add(base)
    } else {
        down
    })
}

/// Unbiased random rounding: up with probability remainder / base, so totals stay unbiased.
pub fn random_round<R: Rng + ?Sized>(count: u64, base: u64, rng: &mut R) -> Result<u64> {
    check_base(base)?;
    let r = count % base;
    let down = count - r;
    if r == 0 {
        return Ok(count);
    }
    Ok(if rng.gen_range(0..base) < r {
        down.saturating_add(base)
    } else {
        down
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn examples() {
        let s = suppress_small(&[0, 1, 4, 5, 12], 5, ZeroPolicy::Publish).unwrap();
        assert_eq!(s, vec![Some(0), None, None, Some(5), Some(12)]);
        let t = suppress_with_total(&[3, 10, 20, 0], 5, ZeroPolicy::Publish).unwrap();
        assert_eq!(t, vec![None, None, Some(20), Some(0)]);
        assert!(suppress_small(&[1], 1, ZeroPolicy::Publish).is_err());
        assert_eq!(round_to_base(12, 5).unwrap(), 10);
        assert_eq!(round_to_base(13, 5).unwrap(), 15);
        assert!(round_to_base(1, 0).is_err());
    }

    proptest! {
        #[test]
        fn nothing_small_is_published(counts in prop::collection::vec(0u64..50, 0..20), k in 2u64..20) {
            for zeros in [ZeroPolicy::Publish, ZeroPolicy::Suppress] {
                let s = suppress_with_total(&counts, k, zeros).unwrap();
                prop_assert_eq!(s.len(), counts.len());
                for (c, p) in counts.iter().zip(&s) {
                    if let Some(v) = p {
                        prop_assert_eq!(v, c);
                        prop_assert!(!is_small(*c, k, zeros));
                    }
                }
                let hidden = s.iter().filter(|p| p.is_none()).count();
                prop_assert!(hidden != 1 || counts.len() == 1);
            }
        }

        #[test]
        fn rounding_stays_close(count in 0u64..1_000_000, base in 1u64..100, seed: u64) {
            let r = round_to_base(count, base).unwrap();
            prop_assert_eq!(r % base, 0);
            prop_assert!(r.abs_diff(count) * 2 <= base);
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let rr = random_round(count, base, &mut rng).unwrap();
            prop_assert_eq!(rr % base, 0);
            prop_assert!(rr.abs_diff(count) < base);
        }
    }
}
