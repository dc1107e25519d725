//! Reading request values the way the API document states them (`http::schema`).
//!
//! Two rules shared by every feature's request types:
//! - an optional text value that is empty or only white space counts as not given (forms send
//!   empty fields; JSON clients may send `""`), but a value that *is* given is parsed as sent,
//!   not trimmed first, so a date or an id with stray spaces is refused exactly as the schema's
//!   pattern refuses it;
//! - ids in bodies are UUIDs in their usual hyphenated form (`format: uuid`), nothing looser;
//! - a whole number may be written `490.0`, which JSON Schema counts as an integer.

use libertas_domain::FieldError;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};
use uuid::Uuid;

/// The value of an optional field, or `None` when it is absent, empty or only white space.
/// A given value is returned as sent (untrimmed).
pub fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.trim().is_empty())
}

/// A UUID written `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hexadecimal digits of either case),
/// else an error naming `field`. The braced, URN and undashed forms `uuid` also reads are
/// refused: the document promises `format: uuid`.
pub fn uuid(field: &str, raw: &str, what: &str) -> Result<Uuid, FieldError> {
    let err = || FieldError::new(field, format!("must be {what} (a UUID)"));
    let hyphenated = raw.len() == 36
        && raw.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if !hyphenated {
        return Err(err());
    }
    Uuid::parse_str(raw).map_err(|_| err())
}

/// A whole number as JSON Schema's `integer` means it: `490` or `490.0` (a number with a zero
/// fraction is an integer there), for `#[serde(deserialize_with = "whole")]`. A fraction, or a
/// number outside `i64`, is refused with the field's path, as serde refuses a wrong type.
pub fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_i64(WholeVisitor)
}

/// An optional whole number (`null` or absent is `None`); use with `#[serde(default)]`.
pub fn whole_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<Whole>::deserialize(d)?.map(|w| w.0))
}

/// A list of whole numbers.
pub fn whole_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
    Ok(Vec::<Whole>::deserialize(d)?
        .into_iter()
        .map(|w| w.0)
        .collect())
}

struct Whole(i64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        whole(d).map(Whole)
    }
}

struct WholeVisitor;

impl Visitor<'_> for WholeVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // 2^63 is exactly representable; every float below it with a zero fraction fits.
        let fits = v.is_finite() && v.fract() == 0.0 && v >= -(2f64.powi(63)) && v < 2f64.powi(63);
        if fits {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_means_absent_and_values_stay_as_sent() {
        assert_eq!(given(&None), None);
        assert_eq!(given(&Some(" \t".into())), None);
        assert_eq!(given(&Some(" a ".into())), Some(" a "));
    }

    #[derive(serde::Deserialize)]
    struct N {
        #[serde(deserialize_with = "whole")]
        n: i64,
        #[serde(default, deserialize_with = "whole_opt")]
        o: Option<i64>,
        #[serde(default, deserialize_with = "whole_vec")]
        v: Vec<i64>,
    }

    #[test]
    fn whole_numbers_as_json_schema_counts_them() {
        let n: N = serde_json::from_str(r#"{"n": 490.0, "o": 3, "v": [1, 2.0]}"#).unwrap();
        assert_eq!((n.n, n.o, n.v), (490, Some(3), vec![1, 2]));
        let n: N = serde_json::from_str(r#"{"n": -7, "o": null}"#).unwrap();
        assert_eq!((n.n, n.o), (-7, None));
        for bad in [
            r#"{"n": 1.5}"#,
            r#"{"n": 1e300}"#,
            r#"{"n": 9223372036854775808}"#,
            r#"{"n": "1"}"#,
            r#"{"n": 1, "o": 0.5}"#,
            r#"{"n": 1, "v": [1.25]}"#,
        ] {
            assert!(serde_json::from_str::<N>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_are_hyphenated_uuids() {
        let id = "01a23ae1-ed4c-73ac-a62a-9d58dcdfe59e";
        assert!(uuid("f", id, "an id").is_ok());
        assert!(uuid("f", &id.to_uppercase(), "an id").is_ok());
        for bad in [
            "",
            " 01a23ae1-ed4c-73ac-a62a-9d58dcdfe59e",
            "01a23ae1ed4c73aca62a9d58dcdfe59e",
            "{01a23ae1-ed4c-73ac-a62a-9d58dcdfe59e}",
            "urn:uuid:01a23ae1-ed4c-73ac-a62a-9d58dcdfe59e",
            "01a23ae1-ed4c-73ac-a62a-9d58dcdfe59g",
        ] {
            assert_eq!(uuid("f", bad, "an id").unwrap_err().field, "f", "{bad:?}");
        }
    }
}
