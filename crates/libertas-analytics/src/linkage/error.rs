//! Errors a linkage run reports to its caller; the CLI adds file names and line numbers.

use thiserror::Error;

/// Why linkage could not run.
#[derive(Debug, Error)]
pub enum LinkError {
    /// Link-only mode compares records across lists, so it needs at least two.
    #[error("link-only mode needs records from at least two sources (source_dataset), found {0}")]
    NeedTwoSources(usize),
    /// No field has enough values to compare records on.
    #[error(
        "no field is filled in for at least {min_fill_percent}% of records; nothing to compare"
    )]
    NoUsableFields {
        /// The fill rate below which a field is ignored, in percent.
        min_fill_percent: f64,
    },
    /// An option is out of its range.
    #[error("invalid option: {0}")]
    InvalidOption(String),
    /// A saved model does not fit this version of the comparisons.
    #[error("invalid model: {0}")]
    InvalidModel(String),
    /// A saved model is not valid JSON of the model format.
    #[error("invalid model file: {0}")]
    ModelJson(#[from] serde_json::Error),
}
