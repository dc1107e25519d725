//! Reading request values the way the API document states them (`http::schema`).
//!
//! Two rules shared by every feature's request types:
//! - an optional text value that is empty or only white space counts as not given (forms send
//!   empty fields; JSON clients may send `""`), but a value that *is* given is parsed as sent,
//!   not trimmed first, so a date or an id with stray spaces is refused exactly as the schema's
//!   pattern refuses it;
//! - ids in bodies are UUIDs in their usual hyphenated form (`format: uuid`), nothing looser.

use libertas_domain::FieldError;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_means_absent_and_values_stay_as_sent() {
        assert_eq!(given(&None), None);
        assert_eq!(given(&Some(" \t".into())), None);
        assert_eq!(given(&Some(" a ".into())), Some(" a "));
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
