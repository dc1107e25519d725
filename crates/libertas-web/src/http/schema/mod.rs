//! OpenAPI schemas for request fields, stating exactly what the server accepts.
//!
//! Request types keep their fields as plain strings and numbers (they become domain values in
//! the handler, where a refusal names the field). These functions give those fields the
//! constraints the domain enforces, so the document and the server agree: use them with
//! `#[schema(schema_with = text::<1, 200>)]`. Each has an `_opt` twin for `Option` fields,
//! which also accepts `null` (serde reads `null` as `None`).
//!
//! Text follows `libertas_domain::text::clean_text`: no control characters (line breaks and
//! tabs allowed in long text), at most `MAX` characters as sent, at least `MIN` once trimmed.

mod values;

pub use libertas_domain::codes::CodeList as Codes;
use libertas_domain::text::TextRule;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};
pub use values::*;

/// Control characters refused in single-line text.
const LINE: &str = r"\x00-\x1F\x7F-\x9F";
/// Control characters refused in multi-line text: all but tab, line feed and return.
const LINES: &str = r"\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F";
/// White space that is not a control character, as Rust's `trim` sees it (Unicode
/// `White_Space`); spelled out because regex dialects disagree on `\s`.
pub(super) const SPACE: &str = r"\u0020\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";
/// White space that is also a control character.
pub(super) const CONTROL_SPACE: &str = r"\t\n\x0B\x0C\r\u0085";

pub(super) fn string(nullable: bool) -> ObjectBuilder {
    let t = if nullable {
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::new(Type::String)
    };
    ObjectBuilder::new().schema_type(t)
}

/// The pattern of text whose trimmed value has at least `min` characters and none of the
/// `refused` control characters.
pub(super) fn text_pattern(multiline: bool, min: usize) -> String {
    let refused = if multiline { LINES } else { LINE };
    let allowed = format!("[^{refused}]");
    let solid = format!("[^{refused}{SPACE}{CONTROL_SPACE}]");
    let space = if multiline {
        format!(r"[{SPACE}\t\n\r]")
    } else {
        format!("[{SPACE}]")
    };
    match min {
        0 => format!("^{allowed}*$"),
        1 => format!("^{allowed}*{solid}{allowed}*$"),
        n => format!("^{space}*{solid}{allowed}{{{},}}{solid}{space}*$", n - 2),
    }
}

fn text_schema(min: usize, max: usize, multiline: bool, nullable: bool) -> RefOr<Schema> {
    string(nullable)
        .min_length(Some(min))
        .max_length(Some(max))
        .pattern(Some(text_pattern(multiline, min)))
        .into()
}

/// Blank (empty or only white space, read as "not given") or valid text.
fn blank_or_text_schema(min: usize, max: usize, multiline: bool) -> RefOr<Schema> {
    let text = text_pattern(multiline, min);
    let body = text.trim_start_matches('^').trim_end_matches('$');
    string(true)
        .max_length(Some(max))
        .pattern(Some(format!("^(?:[{SPACE}{CONTROL_SPACE}]*|{body})$")))
        .into()
}

/// Text of a domain text type (`CaseTitle`, `NoteText` …), by its own rule.
pub fn text<T: TextRule>() -> RefOr<Schema> {
    text_schema(T::MIN, T::MAX, T::MULTILINE, false)
}

/// Optional text of a domain text type.
pub fn text_opt<T: TextRule>() -> RefOr<Schema> {
    text_schema(T::MIN, T::MAX, T::MULTILINE, true)
}

/// Optional text of a domain text type, where blank means "not given".
pub fn blank_or_text<T: TextRule>() -> RefOr<Schema> {
    blank_or_text_schema(T::MIN, T::MAX, T::MULTILINE)
}

/// Optional text that may span lines, checked with `clean_text` directly, where blank means
/// "not given".
pub fn blank_or_lines<const MIN: usize, const MAX: usize>() -> RefOr<Schema> {
    blank_or_text_schema(MIN, MAX, true)
}

/// `null`, or up to `ITEMS` single-line texts of at most `MAX` characters each, where a blank
/// item is skipped.
pub fn blank_or_line_items<const ITEMS: usize, const MAX: usize>() -> RefOr<Schema> {
    let text = text_pattern(false, 1);
    let body = text.trim_start_matches('^').trim_end_matches('$');
    let item = string(false)
        .max_length(Some(MAX))
        .pattern(Some(format!("^(?:[{SPACE}{CONTROL_SPACE}]*|{body})$")));
    ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(item)
        .max_items(Some(ITEMS))
        .into()
}

/// A list of texts of a domain text type.
pub fn texts<T: TextRule>() -> RefOr<Schema> {
    ArrayBuilder::new()
        .items(text_schema(T::MIN, T::MAX, T::MULTILINE, false))
        .into()
}

/// Single-line text of `MIN` to `MAX` characters checked with `clean_text` directly.
pub fn line<const MIN: usize, const MAX: usize>() -> RefOr<Schema> {
    text_schema(MIN, MAX, false, false)
}

/// Optional single-line text checked with `clean_text` directly.
pub fn line_opt<const MIN: usize, const MAX: usize>() -> RefOr<Schema> {
    text_schema(MIN, MAX, false, true)
}

/// Text that may span lines, checked with `clean_text` directly.
pub fn lines<const MIN: usize, const MAX: usize>() -> RefOr<Schema> {
    text_schema(MIN, MAX, true, false)
}

/// Optional text that may span lines, checked with `clean_text` directly.
pub fn lines_opt<const MIN: usize, const MAX: usize>() -> RefOr<Schema> {
    text_schema(MIN, MAX, true, true)
}

pub(super) fn uuid_schema(nullable: bool) -> ObjectBuilder {
    string(nullable).format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
        utoipa::openapi::KnownFormat::Uuid,
    )))
}

/// The id of a record (a UUID).
pub fn uuid() -> RefOr<Schema> {
    uuid_schema(false).into()
}

/// An optional id.
pub fn uuid_opt() -> RefOr<Schema> {
    uuid_schema(true).into()
}

/// A list of ids.
pub fn uuids() -> RefOr<Schema> {
    ArrayBuilder::new().items(uuid_schema(false)).into()
}

/// An optional list of ids.
pub fn uuids_opt() -> RefOr<Schema> {
    ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(uuid_schema(false))
        .into()
}

/// A calendar date, `YYYY-MM-DD`.
pub(super) fn date_schema(nullable: bool) -> ObjectBuilder {
    string(nullable)
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Date,
        )))
        .pattern(Some(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
}

/// A calendar date.
pub fn date() -> RefOr<Schema> {
    date_schema(false).into()
}

/// An optional calendar date.
pub fn date_opt() -> RefOr<Schema> {
    date_schema(true).into()
}

/// An optional calendar date, where blank means "not given". (A date is a real calendar
/// day, which a pattern alone cannot say: hence `format: date` in its own branch.)
pub fn blank_or_date() -> RefOr<Schema> {
    values::blank_or(date_schema(false))
}

/// A staff username: 3 to 64 lowercase letters, digits, `.`, `_` or `-` (surrounding white
/// space is trimmed, as `Username::parse` does).
pub fn username() -> RefOr<Schema> {
    string(false)
        .pattern(Some(format!(
            "^[{SPACE}{CONTROL_SPACE}]*[a-z0-9._-]{{3,64}}[{SPACE}{CONTROL_SPACE}]*$"
        )))
        .into()
}

pub(super) fn one_of(codes: &[&str], nullable: bool) -> ObjectBuilder {
    string(nullable).enum_values(Some(codes.iter().copied()))
}

/// One code of a closed list.
pub fn code<C: Codes>() -> RefOr<Schema> {
    one_of(&C::codes(), false).into()
}

/// An optional code.
pub fn code_opt<C: Codes>() -> RefOr<Schema> {
    one_of(&C::codes(), true).into()
}

/// A list of codes.
pub fn codes<C: Codes>() -> RefOr<Schema> {
    ArrayBuilder::new().items(one_of(&C::codes(), false)).into()
}

/// An optional list of codes.
pub fn codes_opt<C: Codes>() -> RefOr<Schema> {
    ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(one_of(&C::codes(), false))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use libertas_domain::text::clean_text;

    /// A few strings through the pattern (Rust's regex is close enough to ECMA here) and
    /// through the domain's rule: they must agree.
    #[test]
    fn patterns_agree_with_the_domain() {
        let samples = [
            "",
            " ",
            "a",
            " a ",
            "ab",
            " ab ",
            "a b",
            "a\nb",
            "\ta",
            "a\u{7}",
            "\u{85}x",
            "x\u{a0}",
            "  abc  ",
            "ab\r\n",
            "éé",
            "\u{3000}a\u{3000}",
            "a\u{1c}",
            "\u{200b}",
            "\u{feff}a",
            "a\u{2029}",
            "\u{85}",
            "\n a \n",
            "a\u{9f}b",
        ];
        for multiline in [false, true] {
            for min in [0usize, 1, 2, 3] {
                let re = regex::Regex::new(&text_pattern(multiline, min)).unwrap();
                for s in samples {
                    let domain = clean_text("f", s, min, 100, multiline).is_ok();
                    let schema = re.is_match(s) && s.chars().count() >= min;
                    assert_eq!(
                        domain, schema,
                        "{s:?} min {min} multiline {multiline}: domain {domain}, schema {schema}"
                    );
                }
            }
        }
    }
}
