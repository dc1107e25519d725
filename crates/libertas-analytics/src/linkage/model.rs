//! The trained Fellegi-Sunter model: m and u per comparison level, and the prior.
//!
//! A model is plain data so it can be saved with a result (to explain a link to a caseworker:
//! which levels counted how much) and reused on the next export of the same lists without
//! training again. Term frequencies are not part of it: they belong to the data being linked.

use serde::{Deserialize, Serialize};

use super::comparison::{level_count, level_names, uses_term_frequency};
use super::conditional::ConditionalU;
use super::error::LinkError;
use super::field::Field;

/// Version of the saved model format. 2: the first-name field gained a name-variant level and
/// the birth-date field a year-only level, so a model of version 1 no longer fits.
pub const MODEL_VERSION: u32 = 2;

/// Probabilities of one comparison level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelParams {
    /// Level name, as in [`level_names`].
    pub name: String,
    /// P(level | same person, field present on both).
    pub m: f64,
    /// P(level | different people, field present on both).
    pub u: f64,
}

/// The levels of one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldModel {
    /// The field.
    pub field: Field,
    /// Whether exact agreement is weighted by the value's frequency.
    pub term_frequency: bool,
    /// Levels in order, exact first.
    pub levels: Vec<LevelParams>,
}

/// A trained linkage model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Format version, [`MODEL_VERSION`].
    pub version: u32,
    /// Probability that two random records (two records from different lists, in link-only
    /// mode) are the same person, as estimated on the data the model was trained on. Each run
    /// re-estimates it, since it depends on the number of records.
    pub prior: f64,
    /// Fields the model compares.
    pub fields: Vec<FieldModel>,
    /// u of fields given agreement on others, measured on the training data.
    #[serde(default)]
    pub conditional: Vec<ConditionalU>,
}

impl Model {
    /// Builds a model from per-field m and u vectors (indexed by [`Field::index`]; fields with
    /// empty vectors are left out).
    pub fn from_parts(prior: f64, m: &[Vec<f64>], u: &[Vec<f64>]) -> Model {
        let fields = Field::ALL
            .into_iter()
            .filter(|f| !m[f.index()].is_empty())
            .map(|f| FieldModel {
                field: f,
                term_frequency: uses_term_frequency(f),
                levels: level_names(f)
                    .iter()
                    .zip(m[f.index()].iter().zip(&u[f.index()]))
                    .map(|(name, (&m, &u))| LevelParams {
                        name: (*name).to_string(),
                        m,
                        u,
                    })
                    .collect(),
            })
            .collect();
        Model {
            version: MODEL_VERSION,
            prior,
            fields,
            conditional: Vec::new(),
        }
    }

    /// Reads a saved model and checks it against the comparisons of this version.
    pub fn from_json(text: &str) -> Result<Model, LinkError> {
        let model: Model = serde_json::from_str(text)?;
        model.validate()?;
        Ok(model)
    }

    /// The model as pretty-printed JSON.
    pub fn to_json(&self) -> Result<String, LinkError> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// Checks version, level names and probability ranges.
    pub fn validate(&self) -> Result<(), LinkError> {
        if self.version != MODEL_VERSION {
            return Err(LinkError::InvalidModel(format!(
                "format version {} (expected {MODEL_VERSION})",
                self.version
            )));
        }
        if !(self.prior > 0.0 && self.prior < 1.0) {
            return Err(LinkError::InvalidModel("prior must be in (0, 1)".into()));
        }
        for fm in &self.fields {
            let names = level_names(fm.field);
            if fm.levels.len() != level_count(fm.field)
                || fm.levels.iter().zip(names).any(|(l, n)| l.name != *n)
            {
                return Err(LinkError::InvalidModel(format!(
                    "levels of {} do not match this version ({})",
                    fm.field.column(),
                    names.join(", ")
                )));
            }
            if fm
                .levels
                .iter()
                .any(|l| !(l.m > 0.0 && l.m <= 1.0 && l.u > 0.0 && l.u <= 1.0))
            {
                return Err(LinkError::InvalidModel(format!(
                    "m and u of {} must be in (0, 1]",
                    fm.field.column()
                )));
            }
        }
        for cu in &self.conditional {
            let ok = self
                .fields
                .iter()
                .any(|fm| fm.field == cu.field && fm.levels.len() == cu.u.len());
            if !ok || cu.u.iter().any(|&u| !(u > 0.0 && u <= 1.0)) {
                return Err(LinkError::InvalidModel(format!(
                    "conditional u of {} does not match its levels",
                    cu.field.column()
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_and_validation() {
        let mut m = vec![Vec::new(); Field::COUNT];
        let mut u = vec![Vec::new(); Field::COUNT];
        m[Field::Gender.index()] = vec![0.9, 0.1];
        u[Field::Gender.index()] = vec![0.5, 0.5];
        let model = Model::from_parts(0.01, &m, &u);
        let back = Model::from_json(&model.to_json().unwrap()).unwrap();
        assert_eq!(back, model);
        let bad = model.to_json().unwrap().replace("\"else\"", "\"other\"");
        assert!(Model::from_json(&bad).is_err());
    }
}
