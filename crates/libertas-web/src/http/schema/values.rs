//! Schemas of the API's other value shapes: optional codes and ids where blank means "not
//! given", lists with their size limits, past dates, money, contact details and identity
//! numbers. Each states the rule of the parser the handler uses (named on each function), and
//! the tests at the bottom hold samples to both.

use super::{date_schema, one_of, string, uuid_schema, Codes, CONTROL_SPACE, SPACE};
use utoipa::openapi::schema::{
    AnyOfBuilder, ArrayBuilder, ArrayItems, ObjectBuilder, SchemaType, Type,
};
use utoipa::openapi::{KnownFormat, RefOr, Schema, SchemaFormat};

/// Blank: empty or only white space, read as "not given" (`http::input::given`).
pub(crate) fn blank_pattern() -> String {
    format!("^[{SPACE}{CONTROL_SPACE}]*$")
}

/// Optional surrounding white space, for values the parser trims.
fn ws() -> String {
    format!("[{SPACE}{CONTROL_SPACE}]*")
}

/// A nullable string that is blank or matches `body` (a pattern without anchors).
fn blank_or_pattern(body: &str) -> ObjectBuilder {
    let blank = format!("[{SPACE}{CONTROL_SPACE}]*");
    string(true).pattern(Some(format!("^(?:{blank}|{body})$")))
}

fn array(items: impl Into<ArrayItems>, min: usize, max: usize, nullable: bool) -> ArrayBuilder {
    let t = if nullable {
        SchemaType::from_iter([Type::Array, Type::Null])
    } else {
        SchemaType::new(Type::Array)
    };
    ArrayBuilder::new()
        .schema_type(t)
        .items(items)
        .min_items((min > 0).then_some(min))
        .max_items(Some(max))
}

/// `null`, blank (read as "not given") or a value of `schema`.
pub fn blank_or(schema: impl Into<RefOr<Schema>>) -> RefOr<Schema> {
    AnyOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .item(string(false).pattern(Some(blank_pattern())))
        .item(schema)
        .into()
}

/// A code of a closed list, or blank or `null` for "not given".
pub fn blank_or_code<C: Codes>() -> RefOr<Schema> {
    blank_or(one_of(&C::codes(), false))
}

/// `MIN` to `MAX` codes of a closed list (a code given twice counts once).
pub fn code_items<C: Codes, const MIN: usize, const MAX: usize>() -> RefOr<Schema> {
    array(one_of(&C::codes(), false), MIN, MAX, false).into()
}

/// `null`, or up to `MAX` codes of a closed list.
pub fn code_items_opt<C: Codes, const MAX: usize>() -> RefOr<Schema> {
    array(one_of(&C::codes(), false), 0, MAX, true).into()
}

/// The hyphenated UUID, as `http::input::uuid` reads it.
const UUID: &str = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/// An id, or blank or `null` for "not given".
pub fn blank_or_uuid() -> RefOr<Schema> {
    blank_or_pattern(UUID).into()
}

/// `null`, or up to `MAX` ids.
pub fn uuid_items_opt<const MAX: usize>() -> RefOr<Schema> {
    array(uuid_schema(false), 0, MAX, true).into()
}

/// A username (`Username::parse`: trimmed, 3 to 64 of `a-z 0-9 . _ -`), or blank or `null`.
pub fn blank_or_username() -> RefOr<Schema> {
    let ws = ws();
    blank_or_pattern(&format!("{ws}[a-z0-9._-]{{3,64}}{ws}")).into()
}

/// A date from 1900 on (`proceedings::past_date`, `hearing_date`, `BirthDate`); whether it
/// may lie ahead of today is the route's rule, stated in its description.
const DATE_1900: &str = "(?:19[0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}";

/// A calendar date `YYYY-MM-DD` in 1900 or later.
pub fn date_1900() -> RefOr<Schema> {
    date_schema(false)
        .pattern(Some(format!("^{DATE_1900}$")))
        .into()
}

/// A date in 1900 or later, or blank or `null` for "not given".
pub fn blank_or_date_1900() -> RefOr<Schema> {
    blank_or(date_schema(false).pattern(Some(format!("^{DATE_1900}$"))))
}

/// A money amount (`proceedings::parse_amount`): positive, below a trillion, whole cents.
fn amount_schema(nullable: bool) -> ObjectBuilder {
    let t = if nullable {
        SchemaType::from_iter([Type::Number, Type::Null])
    } else {
        SchemaType::new(Type::Number)
    };
    ObjectBuilder::new()
        .schema_type(t)
        .exclusive_minimum(Some(0.0))
        .exclusive_maximum(Some(1e12))
        .multiple_of(Some(0.01))
}

/// A money amount.
pub fn amount() -> RefOr<Schema> {
    amount_schema(false).into()
}

/// An optional money amount.
pub fn amount_opt() -> RefOr<Schema> {
    amount_schema(true).into()
}

/// An ISO 4217 code (`Currency::parse`: trimmed, three capital letters), or blank or `null`.
pub fn blank_or_currency() -> RefOr<Schema> {
    let ws = ws();
    blank_or_pattern(&format!("{ws}[A-Z]{{3}}{ws}")).into()
}

/// When evidence changed hands (`evidence::parse_received_at`): an RFC 3339 date and time, or
/// a form's local `YYYY-MM-DDTHH:MM[:SS]` read as UTC; or blank or `null` for "now". Whether it
/// lies in the past, and after 1900, is the route's rule.
pub fn blank_or_received_at() -> RefOr<Schema> {
    let ws = ws();
    let local = format!(
        "^{ws}[0-9]{{4}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?{ws}$"
    );
    blank_or(
        AnyOfBuilder::new()
            .item(string(false).format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))))
            .item(string(false).pattern(Some(local))),
    )
}

/// Separators a telephone number may hold between its digits (`normalise_phone`).
const PHONE_SEP: &str = r"[ .()/\-]*";

/// A telephone number without the rule that a number starting `00` counts its digits after
/// the `00` (a lookahead, which the tests' regex engine lacks).
fn phone_body(lookahead: bool) -> String {
    let ws = ws();
    let digits = format!("(?:{PHONE_SEP}[0-9]){{6,15}}{PHONE_SEP}");
    let not_00 = if lookahead { "(?!00)" } else { "" };
    format!("{ws}(?:\\+|00|{not_00}){digits}{ws}")
}

/// A telephone number (`Phone::parse`: trimmed; `+` or `00` then 6 to 15 digits, or 6 to 15
/// digits not starting `00`; spaces, dots, dashes, slashes and brackets between them), or blank
/// or `null`.
pub fn blank_or_phone() -> RefOr<Schema> {
    blank_or_pattern(&phone_body(true)).into()
}

/// An e-mail address without its length limit (a lookahead, which the tests' regex engine
/// lacks).
fn email_body(lookahead: bool) -> String {
    let ws = ws();
    let refused = format!("@{SPACE}{CONTROL_SPACE}\\x00-\\x1F\\x7F-\\x9F");
    let (c, cd) = (format!("[^{refused}]"), format!("[^.{refused}]"));
    let at_most_254 = if lookahead {
        format!("(?=.{{1,254}}{ws}$)")
    } else {
        String::new()
    };
    format!("{ws}{at_most_254}{c}+@{cd}{c}*\\.{c}*{cd}{ws}")
}

/// An e-mail address (`Email::parse`: trimmed; `local@domain`, the domain dotted and not
/// starting or ending with a dot, no white space or control characters, at most 254 characters
/// once trimmed), or blank or `null`.
pub fn blank_or_email() -> RefOr<Schema> {
    blank_or_pattern(&email_body(true)).into()
}

/// An e-mail address as [`blank_or_email`] describes it, required.
pub fn email() -> RefOr<Schema> {
    string(false)
        .pattern(Some(format!("^(?:{})$", email_body(true))))
        .into()
}

/// An identity number (`normalise_identity_number`): 2 to 64 letters and digits once spaces
/// and punctuation are dropped, at most 64 characters as sent.
fn identity_number_schema(nullable: bool) -> ObjectBuilder {
    string(nullable).max_length(Some(64)).pattern(Some(
        r"^[^\p{L}\p{N}]*(?:[\p{L}\p{N}][^\p{L}\p{N}]*){2,64}$".to_owned(),
    ))
}

/// `null`, or up to `MAX` identity numbers.
pub fn identity_numbers_opt<const MAX: usize>() -> RefOr<Schema> {
    array(identity_number_schema(false), 0, MAX, true).into()
}

/// An identity number, or blank or `null`.
pub fn blank_or_identity_number() -> RefOr<Schema> {
    let id = r"[^\p{L}\p{N}]*(?:[\p{L}\p{N}][^\p{L}\p{N}]*){2,64}";
    blank_or_pattern(id).max_length(Some(64)).into()
}

/// `null`, or up to `MAX` ISO 3166-1 alpha-2 country codes (`CountryCode::parse`).
pub fn country_codes_opt<const MAX: usize>() -> RefOr<Schema> {
    let codes = libertas_domain::people::CountryCode::all();
    array(one_of(&codes, false), 0, MAX, true).into()
}

/// `null`, or up to `MAX` ISO 639 language codes of two or three lowercase letters.
pub fn language_codes_opt<const MAX: usize>() -> RefOr<Schema> {
    let code = string(false).pattern(Some("^[a-z]{2,3}$"));
    array(code, 0, MAX, true).into()
}

/// `MIN` to `MAX` ISO 639-1 language codes of two lowercase letters (`parse_language`).
pub fn language_pairs<const MIN: usize, const MAX: usize>() -> RefOr<Schema> {
    let code = string(false).pattern(Some("^[a-z]{2}$"));
    array(code, MIN, MAX, false).into()
}

/// An ISO 639-1 code of two lowercase letters, or blank or `null` for "any".
pub fn blank_or_language_pair() -> RefOr<Schema> {
    blank_or_pattern("[a-z]{2}").into()
}

/// A birth date or a birth year from 1900 (`SearchCriteria::parse`), or blank or `null`.
pub fn blank_or_birth_date_or_year() -> RefOr<Schema> {
    let year = string(false).pattern(Some("^(?:19[0-9]{2}|[2-9][0-9]{3})$"));
    blank_or(
        AnyOfBuilder::new()
            .item(date_schema(false).pattern(Some(format!("^{DATE_1900}$"))))
            .item(year),
    )
}

/// The `N` scores of one outcome-assessment domain, each a whole number from 1 to 4.
pub fn aso_scores<const N: usize>() -> RefOr<Schema> {
    let score = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(1))
        .maximum(Some(4));
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property("scores", array(score, N, N, false))
        .required("scores")
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use libertas_domain::people::{normalise_identity_number, Email, Phone};

    fn full(body: &str) -> regex::Regex {
        regex::Regex::new(&format!("^(?:{body})$")).unwrap()
    }

    #[test]
    fn phones_agree_with_the_domain() {
        let re = full(&phone_body(false));
        for s in [
            "+40 721 123 456",
            "0040 (721) 123-456",
            "07700 900123",
            " 0721123456\t",
            "12345",
            "+12345",
            "1234567890123456",
            "+1234567890123456",
            "call me",
            "0721x123456",
        ] {
            assert_eq!(
                re.is_match(s),
                Phone::parse(s).is_ok(),
                "{s:?}: pattern and parser disagree"
            );
        }
        // What the lookahead adds: "00" then five digits is refused.
        assert!(re.is_match("0012345") && Phone::parse("0012345").is_err());
        assert!(blank_or_pattern(&phone_body(true))
            .build()
            .pattern
            .unwrap()
            .contains("(?!00)"));
    }

    #[test]
    fn emails_agree_with_the_domain() {
        let re = full(&email_body(false));
        for s in [
            "ana@example.org",
            " Ana@Example.ORG ",
            "a@b.c",
            "ana@localhost",
            "a@b@c.org",
            "a b@c.org",
            "a@.org",
            "a@org.",
            "@b.org",
            "a@b.\u{7}org",
        ] {
            assert_eq!(
                re.is_match(s),
                Email::parse(s).is_ok(),
                "{s:?}: pattern and parser disagree"
            );
        }
    }

    #[test]
    fn identity_numbers_agree_with_the_domain() {
        let v = serde_json::to_value(identity_numbers_opt::<3>()).unwrap();
        let re = regex::Regex::new(v["items"]["pattern"].as_str().unwrap()).unwrap();
        for s in ["AB 12-34", "1", "-", "x1", "ü1", "12345", "- 1 -"] {
            assert_eq!(
                re.is_match(s),
                normalise_identity_number(s).is_some(),
                "{s:?}: pattern and parser disagree"
            );
        }
    }

    #[test]
    fn blank_or_code_lists_the_codes() {
        let v = serde_json::to_value(blank_or_code::<libertas_domain::people::Gender>()).unwrap();
        let any = v["anyOf"].as_array().unwrap();
        assert_eq!(any.len(), 3);
        assert!(any[2]["enum"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("Feminine")));
    }
}
