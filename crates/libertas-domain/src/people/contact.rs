//! Contact details and identity numbers, and the normal forms used for blind indexes.
//!
//! A blind index is a keyed hash of a value, so two spellings of the same number must hash the
//! same: the normal form is defined here, once, and used both when storing and when looking up.

use crate::FieldError;

/// A telephone number as given, with its normal form for exact matching.
#[derive(Clone, PartialEq, Eq)]
pub struct Phone {
    raw: String,
    normal: String,
}

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        let normal = normalise_phone(raw).ok_or_else(|| {
            FieldError::new(
                "phone",
                "must be a telephone number of 6 to 15 digits, optionally starting with +",
            )
        })?;
        Ok(Self {
            raw: raw.to_owned(),
            normal,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn normalised(&self) -> &str {
        &self.normal
    }
}

impl std::fmt::Debug for Phone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Phone(<redacted>)")
    }
}

/// Digits only, with a leading `+` kept (and an international `00` prefix turned into `+`).
/// Returns `None` when the value is not a plausible telephone number.
pub fn normalise_phone(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let (plus, rest) = match raw.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => match raw.strip_prefix("00") {
            Some(rest) => (true, rest),
            None => (false, raw),
        },
    };
    let mut digits = String::with_capacity(rest.len() + 1);
    if plus {
        digits.push('+');
    }
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            _ => return None,
        }
    }
    let n = digits.trim_start_matches('+').len();
    (6..=15).contains(&n).then_some(digits)
}

/// An e-mail address, kept as given; its normal form is lowercase.
#[derive(Clone, PartialEq, Eq)]
pub struct Email {
    raw: String,
    normal: String,
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        let normal = normalise_email(raw).ok_or_else(|| {
            FieldError::new("email", "must be an e-mail address like name@example.org")
        })?;
        Ok(Self {
            raw: raw.to_owned(),
            normal,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn normalised(&self) -> &str {
        &self.normal
    }
}

impl std::fmt::Debug for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Email(<redacted>)")
    }
}

/// Lowercase `local@domain` with a dotted domain; `None` if it is not an address. At most 254
/// characters (counted as given, not in bytes, so the API document can state the limit).
pub fn normalise_email(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.chars().count() > 254 || raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let v = raw.to_lowercase();
    let (local, domain) = v.split_once('@')?;
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.');
    ok.then_some(v)
}

/// Uppercase letters and digits only, so `ab 12-34` and `AB1234` match.
pub fn normalise_identity_number(raw: &str) -> Option<String> {
    let v: String = raw
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    (2..=64).contains(&v.chars().count()).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_normalise() {
        assert_eq!(
            normalise_phone("+40 (721) 123-456").unwrap(),
            "+40721123456"
        );
        assert_eq!(normalise_phone("0040 721 123 456").unwrap(), "+40721123456");
        assert_eq!(normalise_phone("07700 900123").unwrap(), "07700900123");
        assert!(normalise_phone("12345").is_none());
        assert!(normalise_phone("call me").is_none());
        assert_eq!(Phone::parse("bad").unwrap_err().field, "phone");
    }

    #[test]
    fn emails_normalise() {
        assert_eq!(
            normalise_email(" Ana@Example.ORG ").unwrap(),
            "ana@example.org"
        );
        assert!(normalise_email("ana@localhost").is_none());
        assert!(normalise_email("a@b@c.org").is_none());
        assert!(normalise_email("a b@c.org").is_none());
    }

    #[test]
    fn identity_numbers_normalise() {
        assert_eq!(normalise_identity_number("ab 12-34").unwrap(), "AB1234");
        assert!(normalise_identity_number("-").is_none());
    }
}
