//! Disclosure control for everything Libertas publishes.
//!
//! A count of 2 survivors from one town can identify them. Two families of protection are
//! offered, with guidance in `docs/statistics.md`:
//!
//! * [`suppress`]: suppress small counts (below a threshold `k`) with secondary suppression so a
//!   hidden cell cannot be recovered from a total, and rounding to a base (deterministic or
//!   unbiased random rounding). Simple, expected by partners, but no formal guarantee.
//! * [`kanon`]: k-anonymity for record-level releases (the CTDC export): generalise whole
//!   columns, then blank or drop the records still in groups smaller than k.
//! * [`dp`]: differential privacy with the Laplace and Gaussian mechanisms and a privacy-budget
//!   account that refuses a release once the budget is spent. A formal guarantee, at the cost of
//!   noise in every figure.
//! * [`table`]: the [`ProtectedTable`] every view of Libertas prints from. It takes the finest
//!   counts, the figures a view prints as sums of them and who reads them, and hides figures
//!   (small ones, then complementary ones) until no reader can narrow a small count by
//!   combining what is printed with what they know; [`attack`] is the attacker it checks
//!   against.
//!
//! Random numbers always come from the caller's RNG.

pub mod attack;
pub mod dp;
pub mod kanon;
mod reader;
pub mod suppress;
pub mod table;

pub use attack::Interval;
pub use dp::{gaussian_mechanism, gaussian_sigma, laplace_mechanism, PrivacyBudget};
pub use kanon::{k_anonymise, KAnonymised, QiColumn, SUPPRESSED};
pub use suppress::{random_round, round_to_base, suppress_small, suppress_with_total, ZeroPolicy};
pub use table::{CountId, Exposed, Exposure, FigureId, ProtectedTable, Published, Reader};

/// Why a protected value could not be produced.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DisclosureError {
    /// A threshold, base or parameter is out of range.
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
    /// The release would spend more privacy budget than remains.
    #[error("privacy budget exceeded: {requested} requested, {remaining} remaining ({what})")]
    BudgetExceeded {
        /// Epsilon or delta.
        what: &'static str,
        /// Amount the release needs.
        requested: f64,
        /// Amount left.
        remaining: f64,
    },
}

/// Result type of this module.
pub type Result<T> = std::result::Result<T, DisclosureError>;
