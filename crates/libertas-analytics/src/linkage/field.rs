//! The person fields linkage knows about, and which of them move together.
//!
//! The set is the shared linkage schema (`first_name` … `occupation`). Fields are grouped by
//! correlation because EM must never estimate a field from a training block keyed on a field it
//! depends on: an e-mail address built from the name agrees for two strangers who share a name,
//! and a postcode encodes its city. Estimating those inside such a block is what drags EM to the
//! "same name" optimum.

use serde::{Deserialize, Serialize};

/// One comparable column of a person record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Given name(s).
    FirstName,
    /// Family name(s).
    Surname,
    /// Date of birth.
    Dob,
    /// Gender as recorded.
    Gender,
    /// Street address.
    Address,
    /// City, town or suburb.
    City,
    /// Postcode.
    Postcode,
    /// Telephone number in any format.
    Phone,
    /// E-mail address.
    Email,
    /// National identity or social security number.
    NationalId,
    /// Occupation.
    Occupation,
}

/// Fields that are not independent given "different people": a training block keyed on one of
/// them must not estimate the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Names, and what is derived from names (e-mail user names, gender).
    Identity,
    /// Date of birth.
    Birth,
    /// Address, city and postcode.
    Place,
    /// Telephone.
    Phone,
    /// National id.
    Document,
    /// Occupation.
    Work,
}

impl Field {
    /// Number of fields.
    pub const COUNT: usize = 11;

    /// Every field, in column order.
    pub const ALL: [Field; Field::COUNT] = [
        Field::FirstName,
        Field::Surname,
        Field::Dob,
        Field::Gender,
        Field::Address,
        Field::City,
        Field::Postcode,
        Field::Phone,
        Field::Email,
        Field::NationalId,
        Field::Occupation,
    ];

    /// Position in [`Field::ALL`], for per-field arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The CSV column name of the shared schema.
    pub fn column(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::Surname => "surname",
            Field::Dob => "dob",
            Field::Gender => "gender",
            Field::Address => "address",
            Field::City => "city",
            Field::Postcode => "postcode",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::NationalId => "national_id",
            Field::Occupation => "occupation",
        }
    }

    /// The field stored in a column, if the column is one linkage uses.
    pub fn from_column(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.column() == name)
    }

    /// The correlation group of the field.
    pub fn group(self) -> Group {
        match self {
            Field::FirstName | Field::Surname | Field::Email | Field::Gender => Group::Identity,
            Field::Dob => Group::Birth,
            Field::Address | Field::City | Field::Postcode => Group::Place,
            Field::Phone => Group::Phone,
            Field::NationalId => Group::Document,
            Field::Occupation => Group::Work,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_column(f.column()), Some(f));
            assert_eq!(Field::ALL[f.index()], f);
        }
        assert_eq!(Field::from_column("cluster"), None);
    }
}
