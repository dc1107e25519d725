//! The hidden-victim estimate from the organisation's own lists (`docs/statistics.md`,
//! "The hidden-victim estimate"): which lists an analyst may pick, which method, and the
//! checks on a request. No I/O: the store gathers the people, links them and runs the
//! estimate.

use crate::ids::id_type;
use crate::stats::Period;
use crate::FieldError;

id_type!(
    /// One stored estimate run.
    EstimateId
);

/// Fewest lists an estimate is run on: two lists identify only the independence model, so
/// list dependence could not be handled at all.
pub const MIN_SOURCES: usize = 3;

/// Bootstrap replicates behind the interval: enough for a stable 95% BCa interval at five
/// lists, and well under a second.
pub const BOOTSTRAP_REPLICATES: usize = 500;

/// A list of known victims the organisation keeps without calling it one: the people who
/// appear in one kind of record in the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListSource {
    /// Victims of cases opened from a helpline or public report (date: the report).
    Reports,
    /// Victims with an identification (NRM) decision recorded (date: the decision).
    Identification,
    /// Victims brought to safety by an executed operation with authorities (date: executed).
    Police,
    /// Victims referred or transferred to a partner organisation (date: the referral).
    Referrals,
    /// Victims with an aftercare plan (date: the plan opened).
    Aftercare,
}

impl ListSource {
    /// Every list, in the order of the form and of the capture-history columns.
    pub const ALL: [ListSource; 5] = [
        ListSource::Reports,
        ListSource::Identification,
        ListSource::Police,
        ListSource::Referrals,
        ListSource::Aftercare,
    ];

    /// The code used in the API, the form and the CSV header.
    pub fn as_str(self) -> &'static str {
        match self {
            ListSource::Reports => "reports",
            ListSource::Identification => "identification",
            ListSource::Police => "police",
            ListSource::Referrals => "referrals",
            ListSource::Aftercare => "aftercare",
        }
    }

    /// The source named by `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == code)
    }
}

/// How the model of list dependence is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EstimateMethod {
    /// SparseMSE stepwise selection of two-list interactions (the default).
    Stepwise,
    /// The best-BIC hierarchical log-linear model.
    Bic,
    /// Bayesian model averaging over decomposable graphs.
    Bma,
}

impl EstimateMethod {
    /// The code used in the API and the form.
    pub fn as_str(self) -> &'static str {
        match self {
            EstimateMethod::Stepwise => "stepwise",
            EstimateMethod::Bic => "bic",
            EstimateMethod::Bma => "bma",
        }
    }

    /// Parses a method code; missing or blank is the default (stepwise).
    pub fn parse(raw: Option<&str>) -> Result<Self, FieldError> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None | Some("stepwise") => Ok(EstimateMethod::Stepwise),
            Some("bic") => Ok(EstimateMethod::Bic),
            Some("bma") => Ok(EstimateMethod::Bma),
            Some(_) => Err(FieldError::new("method", "must be stepwise, bic or bma")),
        }
    }
}

/// A checked request for an estimate over the caller's own organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EstimateRequest {
    /// The lists, distinct, in [`ListSource::ALL`] order (bit `k` of a capture pattern is
    /// `sources[k]`).
    pub sources: Vec<ListSource>,
    /// Whose records count: the event that puts a person on a list falls in it.
    pub period: Period,
    pub method: EstimateMethod,
    /// Seed of the linkage samples and of the bootstrap; the same seed gives the same result.
    pub seed: u64,
}

impl EstimateRequest {
    /// Checks the source codes (known, at least [`MIN_SOURCES`] distinct).
    pub fn parse(
        sources: &[String],
        period: Period,
        method: EstimateMethod,
        seed: u64,
    ) -> Result<Self, FieldError> {
        let mut picked = Vec::new();
        for code in sources {
            let s = ListSource::from_code(code.trim()).ok_or_else(|| {
                FieldError::new(
                    "sources",
                    "must be reports, identification, police, referrals or aftercare",
                )
            })?;
            if !picked.contains(&s) {
                picked.push(s);
            }
        }
        if picked.len() < MIN_SOURCES {
            return Err(FieldError::new(
                "sources",
                format!("pick at least {MIN_SOURCES} different lists"),
            ));
        }
        picked.sort_unstable();
        Ok(Self {
            sources: picked,
            period,
            method,
            seed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn period() -> Period {
        Period {
            from: date!(2026 - 01 - 01),
            to: date!(2026 - 12 - 31),
        }
    }

    #[test]
    fn sources_are_checked_deduplicated_and_ordered() {
        let codes = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let r = EstimateRequest::parse(
            &codes(&["police", "reports", "police", "aftercare"]),
            period(),
            EstimateMethod::Stepwise,
            1,
        )
        .unwrap();
        assert_eq!(
            r.sources,
            vec![
                ListSource::Reports,
                ListSource::Police,
                ListSource::Aftercare
            ]
        );
        let e = EstimateRequest::parse(
            &codes(&["police", "reports"]),
            period(),
            EstimateMethod::Bic,
            1,
        )
        .unwrap_err();
        assert_eq!(e.field, "sources");
        let e = EstimateRequest::parse(
            &codes(&["police", "reports", "gossip"]),
            period(),
            EstimateMethod::Bic,
            1,
        )
        .unwrap_err();
        assert_eq!(e.field, "sources");
        assert_eq!(
            EstimateMethod::parse(Some("bma")).unwrap(),
            EstimateMethod::Bma
        );
        assert_eq!(
            EstimateMethod::parse(None).unwrap(),
            EstimateMethod::Stepwise
        );
        assert_eq!(
            EstimateMethod::parse(Some("x")).unwrap_err().field,
            "method"
        );
    }
}
