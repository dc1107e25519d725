//! Outcome assessment scores, modelled on IJM's Assessment of Survivor Outcomes (ASO).
//!
//! Each of the six ASO domains is scored by sub-domain from 1 (most vulnerable) to 4 (thriving);
//! a domain's score is the mean of its sub-domains and the overall score the mean of the
//! domains, so a domain with more sub-domains does not weigh more. The sub-domain lists are
//! our reading of the ASO tool, chosen to be plausible; adjust them here if the published
//! tool differs (stored scores are positional, so only append to a list).

use crate::FieldError;

/// One ASO domain and its sub-domains (API keys; labels live in `care.ftl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CareDomain {
    pub key: &'static str,
    pub subdomains: &'static [&'static str],
}

/// The six domains in the ASO order; stored score lists follow this order.
pub const DOMAINS: [CareDomain; 6] = [
    CareDomain {
        key: "safety",
        subdomains: &["revictimisation", "violence", "housing"],
    },
    CareDomain {
        key: "legal_protection",
        subdomains: &["documents", "justice", "rights"],
    },
    CareDomain {
        key: "mental_wellbeing",
        subdomains: &["emotional", "self_efficacy", "coping"],
    },
    CareDomain {
        key: "economic_empowerment",
        subdomains: &["education", "employment", "income", "money_management"],
    },
    CareDomain {
        key: "social_support",
        subdomains: &["relationships", "support_network"],
    },
    CareDomain {
        key: "physical_wellbeing",
        subdomains: &["health", "healthcare", "basic_needs"],
    },
];

/// One sub-domain score: 1 (most vulnerable) to 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score(u8);

impl Score {
    /// `field` is the full API path of the value, e.g. `domains.safety.scores[2]`.
    pub fn parse(value: i64, field: &str) -> Result<Self, FieldError> {
        u8::try_from(value)
            .ok()
            .filter(|v| (1..=4).contains(v))
            .map(Score)
            .ok_or_else(|| FieldError::new(field, "must be a whole number from 1 to 4"))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// A complete, validated set of scores: one list per domain, in `DOMAINS` order, each as
/// long as that domain's sub-domain list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentScores(Vec<Vec<Score>>);

impl AssessmentScores {
    /// Validates raw scores given per domain in `DOMAINS` order (`None`: domain missing).
    pub fn parse(raw: &[Option<Vec<i64>>]) -> Result<Self, FieldError> {
        let mut out = Vec::with_capacity(DOMAINS.len());
        for (i, d) in DOMAINS.iter().enumerate() {
            let field = format!("domains.{}.scores", d.key);
            let values = raw
                .get(i)
                .and_then(Option::as_ref)
                .ok_or_else(|| FieldError::new(format!("domains.{}", d.key), "is required"))?;
            if values.len() != d.subdomains.len() {
                return Err(FieldError::new(
                    field,
                    format!("needs exactly {} scores", d.subdomains.len()),
                ));
            }
            let scores = values
                .iter()
                .enumerate()
                .map(|(j, v)| Score::parse(*v, &format!("{field}[{j}]")))
                .collect::<Result<Vec<_>, _>>()?;
            out.push(scores);
        }
        Ok(Self(out))
    }

    /// The scores per domain, in `DOMAINS` order.
    pub fn by_domain(&self) -> &[Vec<Score>] {
        &self.0
    }

    /// Plain numbers per domain, for storage.
    pub fn to_raw(&self) -> Vec<Vec<u8>> {
        self.0
            .iter()
            .map(|d| d.iter().map(|s| s.get()).collect())
            .collect()
    }

    /// Each domain's score: the mean of its sub-domain scores.
    pub fn domain_scores(&self) -> Vec<f64> {
        self.0
            .iter()
            .map(|d| mean(d.iter().map(|s| f64::from(s.get()))))
            .collect()
    }

    /// The overall score: the mean of the domain scores.
    pub fn overall(&self) -> f64 {
        mean(self.domain_scores().into_iter())
    }

    /// Whether these scores meet the closure criterion: an overall score of at least
    /// [`CLOSURE_OVERALL`] with no domain below [`CLOSURE_DOMAIN`] — doing well on the whole
    /// and not still most vulnerable anywhere. Our reading of how ASO scores inform case
    /// closure (the tool's validation study uses 3 as the threshold of resilience); the
    /// impact measures count survivors whose latest assessment meets it.
    pub fn meets_closure_criterion(&self) -> bool {
        self.overall() >= CLOSURE_OVERALL
            && self.domain_scores().iter().all(|d| *d >= CLOSURE_DOMAIN)
    }
}

/// The overall score a survivor's latest assessment must reach for the closure criterion.
pub const CLOSURE_OVERALL: f64 = 3.0;
/// The score no domain may fall below for the closure criterion.
pub const CLOSURE_DOMAIN: f64 = 2.0;

/// Bands of a domain score (a mean of sub-domain scores from 1 to 4), for statistics:
/// `1` is from 1 to under 2, `2` from 2 to under 3, `3` from 3 to under 4, `4` is 4.
pub const SCORE_BANDS: [&str; 4] = ["1", "2", "3", "4"];

/// The band of [`SCORE_BANDS`] a domain score falls in.
pub fn score_band(score: f64) -> &'static str {
    match score {
        s if s >= 4.0 => "4",
        s if s >= 3.0 => "3",
        s if s >= 2.0 => "2",
        _ => "1",
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / f64::from(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn raw(v: i64) -> Vec<Option<Vec<i64>>> {
        DOMAINS
            .iter()
            .map(|d| Some(vec![v; d.subdomains.len()]))
            .collect()
    }

    #[test]
    fn out_of_range_names_the_field() {
        let mut r = raw(2);
        r[0] = Some(vec![1, 4, 5]);
        let e = AssessmentScores::parse(&r).unwrap_err();
        assert_eq!(e.field, "domains.safety.scores[2]");
        r[0] = Some(vec![0, 4, 3]);
        assert_eq!(
            AssessmentScores::parse(&r).unwrap_err().field,
            "domains.safety.scores[0]"
        );
        r[0] = None;
        assert_eq!(
            AssessmentScores::parse(&r).unwrap_err().field,
            "domains.safety"
        );
        r[0] = Some(vec![1]);
        assert_eq!(
            AssessmentScores::parse(&r).unwrap_err().field,
            "domains.safety.scores"
        );
    }

    #[test]
    fn the_closure_criterion_needs_a_good_overall_score_and_no_weak_domain() {
        let all = |v| AssessmentScores::parse(&raw(v)).unwrap();
        assert!(all(3).meets_closure_criterion());
        assert!(all(4).meets_closure_criterion());
        assert!(!all(2).meets_closure_criterion());
        // Overall above 3, but safety most vulnerable (1.0): not met.
        let mut r = raw(4);
        r[0] = Some(vec![1, 1, 1]);
        let a = AssessmentScores::parse(&r).unwrap();
        assert!(a.overall() >= CLOSURE_OVERALL);
        assert!(!a.meets_closure_criterion());
        // Safety at exactly 2.0: met.
        r[0] = Some(vec![2, 2, 2]);
        assert!(AssessmentScores::parse(&r)
            .unwrap()
            .meets_closure_criterion());
    }

    #[test]
    fn score_bands_cover_one_to_four() {
        let b: Vec<&str> = [1.0, 1.99, 2.0, 2.5, 3.0, 3.75, 4.0]
            .iter()
            .map(|s| score_band(*s))
            .collect();
        assert_eq!(b, ["1", "1", "2", "2", "3", "3", "4"]);
    }

    #[test]
    fn every_domain_has_two_to_four_subdomains() {
        assert!(DOMAINS
            .iter()
            .all(|d| (2..=4).contains(&d.subdomains.len())));
    }

    fn valid() -> impl Strategy<Value = Vec<Option<Vec<i64>>>> {
        DOMAINS
            .iter()
            .map(|d| proptest::collection::vec(1i64..=4, d.subdomains.len()).prop_map(Some))
            .collect::<Vec<_>>()
    }

    proptest! {
        #[test]
        fn scores_stay_within_one_to_four(r in valid()) {
            let a = AssessmentScores::parse(&r).unwrap();
            for s in a.domain_scores() {
                prop_assert!((1.0..=4.0).contains(&s));
            }
            prop_assert!((1.0..=4.0).contains(&a.overall()));
        }

        #[test]
        fn overall_is_the_mean_of_domain_means(r in valid()) {
            let a = AssessmentScores::parse(&r).unwrap();
            let d = a.domain_scores();
            let expected = d.iter().sum::<f64>() / d.len() as f64;
            prop_assert!((a.overall() - expected).abs() < 1e-9);
            for (i, dom) in r.iter().enumerate() {
                let v = dom.as_ref().unwrap();
                let m = v.iter().sum::<i64>() as f64 / v.len() as f64;
                prop_assert!((d[i] - m).abs() < 1e-9);
            }
        }

        #[test]
        fn any_value_outside_one_to_four_is_refused(d in 0usize..6, j in 0usize..2, v in prop_oneof![-100i64..=0, 5i64..100]) {
            let mut r = raw(3);
            if let Some(Some(list)) = r.get_mut(d) { list[j] = v; }
            let e = AssessmentScores::parse(&r).unwrap_err();
            prop_assert_eq!(e.field, format!("domains.{}.scores[{}]", DOMAINS[d].key, j));
        }
    }
}
