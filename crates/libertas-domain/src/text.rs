//! Validated text values shared by several features.
//!
//! Free text that reaches the database is trimmed, bounded in length and free of control
//! characters (other than line breaks in long text), so a value can never break a log line, a
//! CSV export or a page layout.

use crate::FieldError;

/// Trims `raw` and checks it: at most `max` characters as sent, at least `min` once trimmed,
/// and no control characters anywhere (line breaks and tabs allowed only when `multiline`).
///
/// The rule is stated on the value as sent (not only as trimmed) so that the API document can
/// state it exactly (`maxLength` and a pattern; see `libertas-web` `http::schema`).
pub fn clean_text(
    field: &str,
    raw: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, FieldError> {
    let bad = raw
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
    if bad {
        return Err(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    if raw.chars().count() > max {
        return Err(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    let value = raw.trim();
    if value.chars().count() < min {
        return Err(if min <= 1 {
            FieldError::new(field, "must not be empty")
        } else {
            FieldError::new(field, format!("must be at least {min} characters"))
        });
    }
    Ok(value.to_owned())
}

/// What a free-text type accepts, for documents that must state it (the API schema).
pub trait TextRule {
    const MIN: usize;
    const MAX: usize;
    /// Line breaks and tabs allowed.
    const MULTILINE: bool;
}

/// Declares a newtype over `String` that can only be built through validation.
macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $field:literal, $min:expr, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $crate::text::TextRule for $name {
            const MIN: usize = $min;
            const MAX: usize = $max;
            const MULTILINE: bool = $multiline;
        }

        impl $name {
            pub fn parse(raw: &str) -> Result<Self, $crate::FieldError> {
                $crate::text::clean_text($field, raw, $min, $max, $multiline).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        /// Never prints the value: these may hold personal or narrative data.
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "(<{} chars>)"), self.0.chars().count())
            }
        }
    };
}
pub(crate) use text_type;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds() {
        assert_eq!(clean_text("f", "  a b ", 1, 6, false).unwrap(), "a b");
        assert_eq!(clean_text("f", "   ", 1, 5, false).unwrap_err().field, "f");
        assert!(clean_text("f", "abcdef", 1, 5, false).is_err());
        assert!(clean_text("f", "a\u{7}b", 1, 5, false).is_err());
        assert!(clean_text("f", "a\nb", 1, 5, false).is_err());
        assert!(clean_text("f", "a\nb", 1, 5, true).is_ok());
        assert!(
            clean_text("f", "a\n", 1, 5, false).is_err(),
            "controls anywhere"
        );
        assert!(
            clean_text("f", "abcd  ", 1, 5, false).is_err(),
            "length as sent"
        );
    }
}
