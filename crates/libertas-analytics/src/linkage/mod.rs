//! Record linkage: finding the records that describe the same person, within one list or
//! across lists, without labelled examples.
//!
//! Trafficking data is full of duplicates: the same survivor reported by the police, an NGO and
//! a helpline under different spellings. This module implements Fellegi-Sunter linkage the way
//! Splink does (u from random pairs, m by EM over training blocks, comparison levels per field,
//! term-frequency adjustments, blocking rules OR-ed together), and fixes the two failures
//! Splink shows at scale: EM drifting to a "same name" optimum (training blocks never estimate
//! fields correlated with their key, see [`training`]; dependent fields are scored with u
//! conditioned on each other, see [`conditional`]) and connected components chaining
//! strangers into giant clusters (see [`cluster`]). Candidate pairs are streamed and only pairs
//! with non-negligible probability are kept, so memory grows with the number of likely matches,
//! not with the number of comparisons.
//!
//! Entry point: build a [`Dataset`] with [`DatasetBuilder`], then call [`link`].

pub mod blocking;
pub mod cluster;
pub mod comparison;
pub mod conditional;
pub mod dataset;
pub mod em;
pub mod error;
pub mod field;
pub mod metrics;
pub mod model;
pub mod normalise;
pub mod pairs;
pub mod pipeline;
pub mod progress;
pub mod scoring;
pub mod training;
pub mod u_estimate;
pub mod variants;

pub use dataset::{Dataset, DatasetBuilder, RawRecord};
pub use error::LinkError;
pub use field::Field;
pub use model::Model;
pub use pipeline::{link, LinkOptions, LinkStats, Linkage, ScoredPair, DEFAULT_THRESHOLD};
pub use progress::{Progress, Silent, Stage};
