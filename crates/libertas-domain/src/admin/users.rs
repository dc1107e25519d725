//! Validated account values.

use super::password_rules::PasswordProblem;
use crate::text::clean_text;
use crate::FieldError;

/// A login name: 3–64 characters of lowercase letters, digits, `.`, `_` and `-`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let v = raw.trim();
        let ok_len = (3..=64).contains(&v.len());
        let ok_chars = v
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if ok_len && ok_chars {
            Ok(Self(v.to_owned()))
        } else {
            Err(FieldError::new(
                "username",
                "must be 3 to 64 characters: lowercase letters, digits, '.', '_' or '-'",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password. Length is what matters most (NIST SP 800-63B): at least 12 characters, at
/// most 1024 so hashing cost stays bounded. On top of that the most common passwords, trivial
/// repeats and sequences, and passwords built around the username are refused
/// (see [`super::password_rules`]). Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 1024;

    /// A password for an account whose name is not at hand (prefer [`Password::parse_for`]).
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::check(raw, None).map_err(Self::field_error)
    }

    /// A password for the account `username`: also refused when it contains the username.
    pub fn parse_for(raw: &str, username: &str) -> Result<Self, FieldError> {
        Self::check(raw, Some(username)).map_err(Self::field_error)
    }

    /// Every rule, with the reason for a refusal (pages map it to a translated message).
    pub fn check(raw: &str, username: Option<&str>) -> Result<Self, PasswordProblem> {
        let n = raw.chars().count();
        if n < Self::MIN_CHARS {
            return Err(PasswordProblem::TooShort);
        }
        if n > Self::MAX_CHARS {
            return Err(PasswordProblem::TooLong);
        }
        super::password_rules::check(raw, username)?;
        Ok(Self(raw.to_owned()))
    }

    /// The API error for a refusal: always the field `password`.
    pub fn field_error(p: PasswordProblem) -> FieldError {
        FieldError::new("password", p.message())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// An organisation's display name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgName(String);

impl OrgName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        clean_text("name", raw, 1, 200, false).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert!(Username::parse("ana.pop").is_ok());
        assert!(Username::parse("Ana").is_err());
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("a b c").is_err());
    }

    #[test]
    fn passwords() {
        assert!(Password::parse("short").is_err());
        assert_eq!(
            Password::parse("qwerty123456").unwrap_err().field,
            "password"
        );
        assert!(Password::parse_for("nina-secret-garden", "nina").is_err());
        assert!(Password::parse_for("a quiet secret garden", "nina").is_ok());
        assert!(Password::parse("correct horse battery").is_ok());
        assert_eq!(
            format!("{:?}", Password::parse("correct horse battery").unwrap()),
            "Password(<redacted>)"
        );
    }
}
