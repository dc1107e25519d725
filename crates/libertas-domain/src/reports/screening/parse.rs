//! JSON → [`ScreeningInput`], rejecting anything the rules do not know.
//!
//! Being strict here is a safety property: a misspelt field (`indicator` for `indicators`) or
//! an unknown value (`"kidnap"`) silently ignored would make the screening say less than the
//! caller said, and a lower verdict can leave a person without help. So unknown fields,
//! unknown values, wrong types and repeated keys are errors naming the field; repeated values
//! inside a list are harmless (lists are sets) and accepted. `null` means "not answered" for
//! every field.

use super::error::ScreeningError;
use super::input::{Age, ScreeningInput, FIELDS};
use super::vocab::{Act, BorderCrossing, Indicator, Means, Purpose};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;

/// Parses and validates the JSON answers of a screening.
pub fn parse_screening(json: &str) -> Result<ScreeningInput, ScreeningError> {
    if json.trim().is_empty() {
        return Err(ScreeningError::NotAnObject {
            found: "empty input",
        });
    }
    let document: Value = serde_json::from_str(json).map_err(syntax_error)?;
    if !document.is_object() {
        return Err(ScreeningError::NotAnObject {
            found: kind(&document),
        });
    }
    // Parsed a second time as an ordered list of entries, because `Value` keeps only the last
    // of repeated keys and an ambiguous answer must not be resolved by position.
    let Entries(entries) = serde_json::from_str(json).map_err(syntax_error)?;
    let mut input = ScreeningInput::default();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for (key, value) in &entries {
        if !seen.insert(key.as_str()) {
            return Err(ScreeningError::at(key.as_str(), "appears more than once"));
        }
        set_field(&mut input, key, value)?;
    }
    Ok(input)
}

fn set_field(input: &mut ScreeningInput, key: &str, value: &Value) -> Result<(), ScreeningError> {
    match key {
        "age" => input.age = age(value)?,
        "acts" => input.acts = code_set(key, value, Act::from_code, Act::expected)?,
        "means" => input.means = code_set(key, value, Means::from_code, Means::expected)?,
        "purposes" => {
            input.purposes = code_set(key, value, Purpose::from_code, Purpose::expected)?;
        }
        "indicators" => {
            input.indicators = code_set(key, value, Indicator::from_code, Indicator::expected)?;
        }
        "border_crossing" => {
            input.border_crossing = match value {
                Value::Null => None,
                Value::String(code) => Some(
                    BorderCrossing::from_code(code)
                        .ok_or_else(|| unknown_value(key, code, &BorderCrossing::expected()))?,
                ),
                _ => return Err(wrong_type(key, "a string", &BorderCrossing::expected())),
            };
        }
        "paid_facilitator" => input.paid_facilitator = flag(key, value)?,
        "free_on_arrival" => input.free_on_arrival = flag(key, value)?,
        "consented" => input.consented = flag(key, value)?,
        "in_danger_now" => input.in_danger_now = flag(key, value)?,
        _ => {
            return Err(ScreeningError::at(
                key,
                format!("unknown field; expected one of {}", FIELDS.join(", ")),
            ))
        }
    }
    Ok(())
}

/// The most values one list may hold (a code may repeat; no honest answer comes near this).
pub const MAX_LIST_ITEMS: usize = 100;

fn age(value: &Value) -> Result<Option<Age>, ScreeningError> {
    let invalid = || ScreeningError::at("age", "must be a whole number from 0 to 130, or null");
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => {
            let years = n.as_u64().ok_or_else(invalid)?;
            Age::try_from(years).map(Some).map_err(|_| invalid())
        }
        _ => Err(invalid()),
    }
}

fn flag(key: &str, value: &Value) -> Result<Option<bool>, ScreeningError> {
    match value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        _ => Err(ScreeningError::at(key, "must be true, false or null")),
    }
}

fn code_set<T: Ord>(
    key: &str,
    value: &Value,
    from_code: fn(&str) -> Option<T>,
    expected: fn() -> String,
) -> Result<BTreeSet<T>, ScreeningError> {
    let items = match value {
        Value::Null => return Ok(BTreeSet::new()),
        Value::Array(items) => items,
        _ => return Err(wrong_type(key, "an array of strings", &expected())),
    };
    if items.len() > MAX_LIST_ITEMS {
        return Err(ScreeningError::at(
            key,
            format!("must hold at most {MAX_LIST_ITEMS} values"),
        ));
    }
    let mut set = BTreeSet::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("{key}[{i}]");
        let Value::String(code) = item else {
            return Err(wrong_type(&path, "a string", &expected()));
        };
        set.insert(from_code(code).ok_or_else(|| unknown_value(&path, code, &expected()))?);
    }
    Ok(set)
}

fn unknown_value(path: &str, code: &str, expected: &str) -> ScreeningError {
    // `{:?}` quotes and escapes the value, so control characters cannot garble a terminal.
    ScreeningError::at(
        path,
        format!("unknown value {code:?}; expected one of {expected}"),
    )
}

fn wrong_type(path: &str, what: &str, expected: &str) -> ScreeningError {
    ScreeningError::at(path, format!("must be {what}; expected one of {expected}"))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn syntax_error(e: serde_json::Error) -> ScreeningError {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    ScreeningError::Syntax {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// The members of a JSON object in document order, repeated keys included.
struct Entries(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntriesVisitor)
    }
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Value>()? {
            entries.push(entry);
        }
        Ok(Entries(entries))
    }
}
