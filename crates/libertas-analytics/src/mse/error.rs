//! One error type for estimation, so callers can tell bad input from an unusable model.

/// Why an estimate could not be produced.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MseError {
    /// Fewer lists than the method needs.
    #[error("at least {min} lists are needed, got {got}")]
    TooFewLists {
        /// Minimum the method needs.
        min: usize,
        /// Lists supplied.
        got: usize,
    },
    /// More lists than the method supports.
    #[error("at most {max} lists are supported here, got {got}")]
    TooManyLists {
        /// Maximum supported.
        max: usize,
        /// Lists supplied.
        got: usize,
    },
    /// The data contain no observed person.
    #[error("no one was observed on any list")]
    NoObservations,
    /// A count is negative, fractional or not finite.
    #[error("count {0} is not a non-negative whole number")]
    InvalidCount(f64),
    /// A capture pattern refers to no list or to lists that do not exist.
    #[error("capture pattern {0:#b} is not a non-empty set of the given lists")]
    BadPattern(usize),
    /// An argument is out of its range.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The Poisson log-linear fit failed (singular design or non-finite deviance).
    #[error("the log-linear model could not be fitted: {0}")]
    FitFailed(String),
    /// No candidate model passed the existence and identifiability check.
    #[error("no candidate model has an existing and identifiable maximum likelihood estimate")]
    NoAdmissibleModel,
    /// The model space is too large to enumerate.
    #[error("{0} candidate models are too many to enumerate; lower the maximum order")]
    TooManyModels(usize),
    /// The linear-programming solver gave up.
    #[error("linear program failed: {0}")]
    LinearProgram(String),
}
