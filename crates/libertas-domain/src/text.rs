//! Validated text values shared by several features.
//!
//! Free text that reaches the database is trimmed, bounded in length and free of control
//! characters (other than line breaks in long text), so a value can never break a log line, a
//! CSV export or a page layout.

use crate::FieldError;

/// Trims `raw` and checks it holds between `min` and `max` characters and no control
/// characters (newlines and tabs allowed only when `multiline`).
pub fn clean_text(
    field: &str,
    raw: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, FieldError> {
    let value = raw.trim();
    let len = value.chars().count();
    if len < min {
        return Err(if min <= 1 {
            FieldError::new(field, "must not be empty")
        } else {
            FieldError::new(field, format!("must be at least {min} characters"))
        });
    }
    if len > max {
        return Err(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    let bad = value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
    if bad {
        return Err(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    Ok(value.to_owned())
}

/// Declares a newtype over `String` that can only be built through validation.
macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $field:literal, $min:expr, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

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
        assert_eq!(clean_text("f", "  a b ", 1, 5, false).unwrap(), "a b");
        assert_eq!(clean_text("f", "   ", 1, 5, false).unwrap_err().field, "f");
        assert!(clean_text("f", "abcdef", 1, 5, false).is_err());
        assert!(clean_text("f", "a\u{7}b", 1, 5, false).is_err());
        assert!(clean_text("f", "a\nb", 1, 5, false).is_err());
        assert!(clean_text("f", "a\nb", 1, 5, true).is_ok());
    }
}
