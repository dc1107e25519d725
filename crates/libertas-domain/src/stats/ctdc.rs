//! The CTDC layout: Libertas's HTCDS codes mapped onto the Counter Trafficking Data
//! Collaborative's global victim data dictionary, for a de-identified export.
//!
//! One row per identified victim. The quasi-identifiers (what someone may already know about
//! a survivor) are given as *chains*, exact value first and ever more general after it, for
//! `libertas_analytics::disclosure::k_anonymise`; the other columns (types of exploitation,
//! means of control) are shown as recorded, `1`/`0`, or [`UNKNOWN`] when no screening of the
//! victim's cases recorded them. Column names and values follow the CTDC global dataset
//! (`yearOfRegistration`, `ageBroad` bands `0--8` … `48+`, `-99` for "not recorded").

use crate::people::{region_of, Gender};
use crate::reports::screening::{Indicator, Means, Purpose};
use crate::FieldError;
use std::collections::BTreeSet;

/// CTDC's value for "not recorded"; suppressed quasi-identifiers print the same.
pub const UNKNOWN: &str = "-99";

/// The `k` of an export when none is asked for: 10, because the data include children.
pub const DEFAULT_K: u32 = 10;
/// The smallest `k` accepted (1 protects nothing).
pub const MIN_K: u32 = 2;
/// The largest `k` accepted.
pub const MAX_K: u32 = 1000;

/// How many records may share a combination of quasi-identifiers, at least.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportK(u32);

impl ExportK {
    /// `k` from 2 to 1000; absent means [`DEFAULT_K`]. The error names the field `k`.
    pub fn parse(raw: Option<u32>) -> Result<Self, FieldError> {
        match raw {
            None => Ok(Self(DEFAULT_K)),
            Some(k) if (MIN_K..=MAX_K).contains(&k) => Ok(Self(k)),
            Some(_) => Err(FieldError::new(
                "k",
                format!("must be a whole number from {MIN_K} to {MAX_K}"),
            )),
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// The quasi-identifier columns, in the order of the chains of [`Victim::chains`].
pub const QUASI_IDENTIFIERS: [&str; 5] = [
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "citizenship",
    "CountryOfExploitation",
];

/// The means of control columns, each with the codes that set it to 1.
const CONTROL: [(&str, &[Indicator], &[Means]); 8] = [
    ("meansOfControlDebtBondage", &[Indicator::DebtBondage], &[]),
    (
        "meansOfControlTakesEarnings",
        &[Indicator::WithholdingOfWages],
        &[],
    ),
    (
        "meansOfControlThreats",
        &[Indicator::IntimidationAndThreats],
        &[Means::Threat],
    ),
    (
        "meansOfControlPhysicalAbuse",
        &[Indicator::PhysicalAndSexualViolence],
        &[Means::Force],
    ),
    (
        "meansOfControlFalsePromises",
        &[Indicator::Deception],
        &[Means::Deception, Means::Fraud],
    ),
    (
        "meansOfControlRestrictsMovement",
        &[Indicator::RestrictionOfMovement],
        &[],
    ),
    (
        "meansOfControlExcessiveWorkingHours",
        &[Indicator::ExcessiveOvertime],
        &[],
    ),
    (
        "meansOfControlWithholdsDocuments",
        &[Indicator::RetentionOfIdentityDocuments],
        &[],
    ),
];

/// Indicators and means with no column of their own: `meansOfControlOther`.
const CONTROL_OTHER: (&[Indicator], &[Means]) = (
    &[
        Indicator::AbuseOfVulnerability,
        Indicator::Isolation,
        Indicator::AbusiveWorkingAndLivingConditions,
    ],
    &[
        Means::Coercion,
        Means::AbuseOfPower,
        Means::AbuseOfVulnerability,
        Means::PaymentToController,
    ],
);

/// The exploitation columns, each with the purposes that set it to 1, and its label in
/// `typeOfExploitConcatenated`.
const EXPLOIT: [(&str, &[Purpose], &str); 5] = [
    (
        "isForcedLabour",
        &[
            Purpose::ForcedLabour,
            Purpose::DomesticServitude,
            Purpose::ForcedBegging,
            Purpose::ForcedCriminality,
        ],
        "Forced labour",
    ),
    (
        "isSexualExploit",
        &[
            Purpose::SexualExploitation,
            Purpose::OnlineSexualExploitation,
        ],
        "Sexual exploitation",
    ),
    (
        "isForcedMarriage",
        &[Purpose::ForcedMarriage],
        "Forced marriage",
    ),
    ("isOrganRemoval", &[Purpose::OrganRemoval], "Organ removal"),
    (
        "isSlaveryAndPractices",
        &[Purpose::Slavery, Purpose::Servitude],
        "Slavery and similar practices",
    ),
];

/// Labour and sex sub-types Libertas can tell from the purposes.
const SUBTYPE: [(&str, Purpose); 4] = [
    ("typeOfLabourDomesticWork", Purpose::DomesticServitude),
    ("typeOfLabourBegging", Purpose::ForcedBegging),
    ("typeOfLabourIllicitActivities", Purpose::ForcedCriminality),
    (
        "typeOfSexRemoteInteractiveServices",
        Purpose::OnlineSexualExploitation,
    ),
];

/// The CSV header, in the CTDC global dataset's order.
pub fn header() -> Vec<&'static str> {
    let mut h = vec![
        "yearOfRegistration",
        "Datasource",
        "gender",
        "ageBroad",
        "majorityStatus",
        "citizenship",
    ];
    h.extend(CONTROL.iter().map(|c| c.0));
    h.extend(["meansOfControlOther", "meansOfControlConcatenated"]);
    h.extend(EXPLOIT.iter().map(|e| e.0));
    h.push("typeOfExploitConcatenated");
    h.extend(SUBTYPE.iter().map(|s| s.0));
    h.extend(["isAbduction", "CountryOfExploitation"]);
    h
}

/// What Libertas knows about one identified victim, before de-identification. No name,
/// contact or date: the birth date has already become an age in whole years.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Victim {
    /// The year the person was first registered as a victim in a case.
    pub year: i32,
    /// Age in whole years on that day, when the birth date is recorded.
    pub age: Option<i32>,
    /// HTCDS `prs_Gender` code as stored.
    pub gender: Option<String>,
    /// The first recorded citizenship (ISO 3166-1 alpha-2).
    pub citizenship: Option<String>,
    /// What the screenings of the victim's cases recorded; `None` when none did.
    pub exploitation: Option<Exploitation>,
}

/// Codes from screenings: purposes, means and ILO indicators.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exploitation {
    pub purposes: BTreeSet<Purpose>,
    pub means: BTreeSet<Means>,
    pub indicators: BTreeSet<Indicator>,
}

impl Exploitation {
    /// Adds the codes of one saved screening (`{"input": …, "result": …}`, codes only);
    /// codes it does not know are ignored.
    pub fn add_screening(&mut self, saved: &serde_json::Value) {
        let codes = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|c| c.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let result = &saved["result"];
        let input = &saved["input"];
        self.purposes.extend(
            codes(&result["exploitation"])
                .iter()
                .chain(&codes(&input["purposes"]))
                .filter_map(|c| Purpose::from_code(c)),
        );
        self.means.extend(
            codes(&result["means_found"])
                .iter()
                .chain(&codes(&input["means"]))
                .filter_map(|c| Means::from_code(c)),
        );
        self.indicators.extend(
            codes(&input["indicators"])
                .iter()
                .filter_map(|c| Indicator::from_code(c)),
        );
    }
}

impl Victim {
    /// The chains of the quasi-identifiers, in the order of [`QUASI_IDENTIFIERS`].
    ///
    /// Libertas records no country of exploitation as a code (the region of a duty-to-notify
    /// record is sealed free text), so that column is always [`UNKNOWN`].
    pub fn chains(&self) -> Vec<Vec<String>> {
        vec![
            vec![self.year.to_string()],
            gender_chain(self.gender.as_deref()),
            age_chain(self.age),
            citizenship_chain(self.citizenship.as_deref()),
            vec![UNKNOWN.to_owned()],
        ]
    }

    /// The row of the CSV for this victim, with its quasi-identifiers as de-identified
    /// (`qi`, in the order of [`QUASI_IDENTIFIERS`]). `majorityStatus` follows the printed
    /// age band, so it never tells more than the band does.
    pub fn row(&self, qi: &[String]) -> Vec<String> {
        let get = |i: usize| qi.get(i).cloned().unwrap_or_else(|| UNKNOWN.to_owned());
        let age = get(2);
        let mut row = vec![
            get(0),
            "Case Management".to_owned(),
            get(1),
            age.clone(),
            majority(&age).to_owned(),
            get(3),
        ];
        let flag = |on: bool| if on { "1" } else { "0" }.to_owned();
        match &self.exploitation {
            None => {
                let unknown = CONTROL.len() + 2 + EXPLOIT.len() + 1 + SUBTYPE.len() + 1;
                row.extend(std::iter::repeat_n(UNKNOWN.to_owned(), unknown));
            }
            Some(e) => {
                let mut controls = vec![];
                for (name, indicators, means) in CONTROL {
                    let on = indicators.iter().any(|i| e.indicators.contains(i))
                        || means.iter().any(|m| e.means.contains(m));
                    if on {
                        controls.push(name.trim_start_matches("meansOfControl"));
                    }
                    row.push(flag(on));
                }
                let other = CONTROL_OTHER.0.iter().any(|i| e.indicators.contains(i))
                    || CONTROL_OTHER.1.iter().any(|m| e.means.contains(m));
                if other {
                    controls.push("Other");
                }
                row.push(flag(other));
                row.push(concatenated(&controls));
                let mut types = vec![];
                for (_, purposes, label) in EXPLOIT {
                    let on = purposes.iter().any(|p| e.purposes.contains(p));
                    if on {
                        types.push(label);
                    }
                    row.push(flag(on));
                }
                row.push(concatenated(&types));
                for (_, purpose) in SUBTYPE {
                    row.push(flag(e.purposes.contains(&purpose)));
                }
                row.push(flag(e.means.contains(&Means::Abduction)));
            }
        }
        row.push(get(4));
        row
    }
}

fn concatenated(items: &[&str]) -> String {
    if items.is_empty() {
        UNKNOWN.to_owned()
    } else {
        items.join(";")
    }
}

/// The age band chain: CTDC's `ageBroad`, then child / 18–29 / 30–47 / 48+, then child /
/// adult.
pub fn age_chain(age: Option<i32>) -> Vec<String> {
    let Some(a) = age.filter(|a| *a >= 0) else {
        return vec![UNKNOWN.to_owned()];
    };
    let band = match a {
        0..=8 => "0--8",
        9..=17 => "9--17",
        18..=20 => "18--20",
        21..=23 => "21--23",
        24..=26 => "24--26",
        27..=29 => "27--29",
        30..=38 => "30--38",
        39..=47 => "39--47",
        _ => "48+",
    };
    let broad = match a {
        0..=17 => "0--17",
        18..=29 => "18--29",
        30..=47 => "30--47",
        _ => "48+",
    };
    let majority = if a < 18 { "0--17" } else { "18+" };
    vec![band.to_owned(), broad.to_owned(), majority.to_owned()]
}

/// `Minor`, `Adult` or [`UNKNOWN`] for a printed age band.
pub fn majority(band: &str) -> &'static str {
    match band {
        "0--8" | "9--17" | "0--17" => "Minor",
        UNKNOWN => UNKNOWN,
        _ => "Adult",
    }
}

/// CTDC's genders are `Female` and `Male`; HTCDS's transgender and non-conforming codes are
/// kept as one group, then generalised to [`UNKNOWN`] (never to a binary gender).
pub fn gender_chain(code: Option<&str>) -> Vec<String> {
    let g = code.and_then(|c| Gender::parse(c).ok());
    let v = match g {
        Some(Gender::Feminine) => "Female",
        Some(Gender::Masculine) => "Male",
        Some(Gender::TransgenderFeminine)
        | Some(Gender::TransgenderMasculine)
        | Some(Gender::NonConforming) => {
            return vec!["Transgender/NonConforming".to_owned(), UNKNOWN.to_owned()]
        }
        Some(Gender::NonSpecifiedUnknown) | None => UNKNOWN,
    };
    vec![v.to_owned()]
}

/// The country (ISO alpha-2), then its continent.
pub fn citizenship_chain(code: Option<&str>) -> Vec<String> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => vec![UNKNOWN.to_owned()],
        Some(c) => vec![c.to_owned(), region_of(c).unwrap_or(UNKNOWN).to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_defaults_to_ten_and_refuses_one() {
        assert_eq!(ExportK::parse(None).unwrap().get(), 10);
        assert_eq!(ExportK::parse(Some(2)).unwrap().get(), 2);
        assert_eq!(ExportK::parse(Some(1)).unwrap_err().field, "k");
        assert!(ExportK::parse(Some(1001)).is_err());
    }

    #[test]
    fn ages_band_as_ctdc_does() {
        assert_eq!(age_chain(Some(8)), ["0--8", "0--17", "0--17"]);
        assert_eq!(age_chain(Some(17)), ["9--17", "0--17", "0--17"]);
        assert_eq!(age_chain(Some(18)), ["18--20", "18--29", "18+"]);
        assert_eq!(age_chain(Some(47)), ["39--47", "30--47", "18+"]);
        assert_eq!(age_chain(Some(80)), ["48+", "48+", "18+"]);
        assert_eq!(age_chain(None), ["-99"]);
        assert_eq!(majority("0--17"), "Minor");
        assert_eq!(majority("18+"), "Adult");
        assert_eq!(majority("-99"), "-99");
    }

    #[test]
    fn a_row_maps_screening_codes_to_ctdc_columns() {
        let mut e = Exploitation::default();
        e.add_screening(&serde_json::json!({
            "input": {"indicators": ["debt_bondage", "isolation", "no_such_code"]},
            "result": {"exploitation": ["domestic_servitude"], "means_found": ["threat", "abduction"]}
        }));
        let v = Victim {
            year: 2024,
            age: Some(16),
            gender: Some("Feminine".into()),
            citizenship: Some("VN".into()),
            exploitation: Some(e),
        };
        let qi: Vec<String> = ["2024", "Female", "9--17", "VN", "-99"]
            .map(String::from)
            .to_vec();
        let row = v.row(&qi);
        let h = header();
        assert_eq!(row.len(), h.len());
        let at = |name: &str| row[h.iter().position(|c| *c == name).unwrap()].as_str();
        assert_eq!(at("majorityStatus"), "Minor");
        assert_eq!(at("meansOfControlDebtBondage"), "1");
        assert_eq!(at("meansOfControlThreats"), "1");
        assert_eq!(at("meansOfControlOther"), "1");
        assert_eq!(at("meansOfControlPhysicalAbuse"), "0");
        assert_eq!(
            at("meansOfControlConcatenated"),
            "DebtBondage;Threats;Other"
        );
        assert_eq!(at("isForcedLabour"), "1");
        assert_eq!(at("typeOfLabourDomesticWork"), "1");
        assert_eq!(at("typeOfExploitConcatenated"), "Forced labour");
        assert_eq!(at("isAbduction"), "1");
        let unknown = Victim {
            exploitation: None,
            ..v
        }
        .row(&qi);
        assert_eq!(unknown.len(), h.len());
        assert_eq!(
            unknown[h.iter().position(|c| *c == "isSexualExploit").unwrap()],
            "-99"
        );
    }
}
