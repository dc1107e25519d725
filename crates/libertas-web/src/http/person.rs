//! The request body that adds a person, shared by the people API and the helpline's report
//! triage (a report can bring the people it names into a case): one definition, so both
//! refuse exactly the same fields.

use super::input::given;
use super::schema;
use libertas_domain::people::{
    parse_name, BirthDate, CountryCode, Email, Gender, NewPerson, PersonName, PersonRole, Phone,
    TraffickingStatus,
};
use libertas_domain::FieldError;
use serde::Deserialize;
use utoipa::ToSchema;

/// A person to add to a case.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewPersonJson {
    /// `victim`, `suspect`, `witness` or `reporter`.
    #[schema(schema_with = schema::code::<PersonRole>)]
    pub role: String,
    #[schema(schema_with = schema::text::<PersonName>)]
    pub given_name: String,
    #[schema(schema_with = schema::text::<PersonName>)]
    pub family_name: String,
    /// `YYYY-MM-DD` from 1900, not in the future (else 400 naming `birth_date`).
    #[schema(schema_with = schema::blank_or_date_1900)]
    pub birth_date: Option<String>,
    /// 6 to 15 digits, optionally after `+` or `00`, with spaces, dots, dashes, slashes or
    /// brackets between them.
    #[schema(schema_with = schema::blank_or_phone)]
    pub phone: Option<String>,
    #[schema(schema_with = schema::blank_or_email)]
    pub email: Option<String>,
    /// HTCDS gender code, e.g. `Feminine`.
    #[schema(schema_with = schema::blank_or_code::<Gender>)]
    pub gender: Option<String>,
    /// Up to 10 ISO 3166-1 alpha-2 codes, in capitals.
    #[schema(schema_with = schema::country_codes_opt::<MAX_CODES>)]
    pub citizenship: Option<Vec<String>>,
    /// Up to 10 language codes (ISO 639), two or three lowercase letters, e.g. `ro`.
    #[schema(schema_with = schema::language_codes_opt::<MAX_CODES>)]
    pub languages: Option<Vec<String>>,
    /// Up to 10 numbers of identity documents: 2 to 64 letters and digits, at most 64
    /// characters with their spaces and punctuation.
    #[schema(schema_with = schema::identity_numbers_opt::<MAX_CODES>)]
    pub identity_numbers: Option<Vec<String>>,
    /// For victims only (else 400 naming `trafficking_status`): HTCDS
    /// `PossibleVictimOfTrafficking`, `ActualVictimOfTrafficking` or `NotAVictimOfTrafficking`.
    #[schema(schema_with = schema::blank_or_code::<TraffickingStatus>)]
    pub trafficking_status: Option<String>,
}

/// The most citizenships, languages or identity numbers one person carries.
const MAX_CODES: usize = 10;

/// Refuses a list longer than [`MAX_CODES`], naming `field`.
fn at_most(field: &str, list: &Option<Vec<String>>) -> Result<(), FieldError> {
    if list.as_ref().is_some_and(|l| l.len() > MAX_CODES) {
        return Err(FieldError::new(
            field,
            format!("must hold at most {MAX_CODES} values"),
        ));
    }
    Ok(())
}

impl NewPersonJson {
    /// Validates every field at the edge, naming the first that is wrong.
    pub fn parse(&self, today: time::Date) -> Result<NewPerson, FieldError> {
        at_most("citizenship", &self.citizenship)?;
        at_most("languages", &self.languages)?;
        at_most("identity_numbers", &self.identity_numbers)?;
        let mut citizenship = vec![];
        for (i, c) in self.citizenship.iter().flatten().enumerate() {
            citizenship.push(CountryCode::parse(c).map_err(|e| e.at(format!("citizenship[{i}]")))?);
        }
        let mut languages = vec![];
        for (i, l) in self.languages.iter().flatten().enumerate() {
            if !(2..=3).contains(&l.len()) || !l.bytes().all(|c| c.is_ascii_lowercase()) {
                return Err(FieldError::new(
                    format!("languages[{i}]"),
                    "must be an ISO 639 language code of two or three lowercase letters, such as ro or eng",
                ));
            }
            languages.push(l.clone());
        }
        let mut identity_numbers = vec![];
        for (i, n) in self.identity_numbers.iter().flatten().enumerate() {
            if libertas_domain::people::normalise_identity_number(n).is_none()
                || n.chars().count() > 64
            {
                return Err(FieldError::new(
                    format!("identity_numbers[{i}]"),
                    "must be 2 to 64 letters and digits",
                ));
            }
            identity_numbers.push(n.trim().to_owned());
        }
        let person = NewPerson {
            role: PersonRole::parse(self.role.trim())?,
            given_name: parse_name("given_name", &self.given_name)?,
            family_name: parse_name("family_name", &self.family_name)?,
            birth_date: given(&self.birth_date)
                .map(|b| BirthDate::parse(b, today))
                .transpose()?,
            gender: given(&self.gender).map(Gender::parse).transpose()?,
            citizenship,
            languages,
            phone: given(&self.phone).map(Phone::parse).transpose()?,
            email: given(&self.email).map(Email::parse).transpose()?,
            identity_numbers,
            trafficking_status: given(&self.trafficking_status)
                .map(TraffickingStatus::parse)
                .transpose()?,
        };
        person.check()?;
        Ok(person)
    }
}
