//! Multiple systems estimation (MSE): how many people were missed by every list.
//!
//! Lists of known victims (police, NGOs, helplines) overlap; how they overlap tells how many
//! people no list saw (the "dark figure"). Three published R procedures are reproduced here so
//! that Libertas's figures can be checked against them:
//!
//! * [`stepwise`]: SparseMSE's forward selection of two-list interactions (Chan, Silverman and
//!   Vincent 2021), the default because it copes with sparse data and non-overlapping lists;
//! * [`bic`]: the best-BIC hierarchical log-linear model (MultipleSystemsEstimation, Silverman,
//!   Chan and Vincent 2024);
//! * [`bma`]: Bayesian model averaging over decomposable graphical models (Madigan and York 1997,
//!   R package dga).
//!
//! [`bootstrap`] adds bias-corrected and accelerated (BCa) intervals with model reselection in
//! every replicate, and [`estimate`] ties everything together behind one call.
//!
//! Capture patterns are bit masks: bit `k` set means "on list `k`" (the first list is bit 0).

pub mod bic;
pub mod bma;
pub mod bootstrap;
pub mod data;
pub mod error;
pub mod estimate;
pub mod exist;
pub mod fit;
pub mod hierarchy;
pub mod model;
pub mod special;
pub mod stepwise;
mod zeta;

pub use data::CaptureData;
pub use error::MseError;
pub use estimate::{estimate, Estimate, EstimateOptions, Method};
pub use exist::{ExistenceCache, Identifiability};
pub use model::Model;

/// Result type of this module.
pub type Result<T> = std::result::Result<T, MseError>;
