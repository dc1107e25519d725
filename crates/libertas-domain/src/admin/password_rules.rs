//! What a new password may not be (NIST SP 800-63B §3.1.1.2): one of the most common
//! passwords, a trivial repeat or sequence, or built around the username.
//!
//! Length stays the main rule (12–1024 characters, in [`super::Password`]); these checks only
//! refuse the guesses an attacker tries first. Comparison is case-insensitive after trimming
//! surrounding white space, so "  Password123456 " counts as its common core.
//!
//! The list of common passwords is the first 10,000 entries, by frequency, of the
//! `passwords` list shipped in zxcvbn 4.5.0 (`zxcvbn/frequency_lists.py` on PyPI, MIT licence,
//! Copyright (c) 2016 Daniel Wolf; the list comes from Dropbox's zxcvbn, itself built from
//! Mark Burnett's ten million leaked passwords). It is compiled into the binary, one
//! lowercase password per line, in `common_passwords.txt`.

use std::collections::HashSet;
use std::sync::LazyLock;

static COMMON_TEXT: &str = include_str!("common_passwords.txt");

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    COMMON_TEXT
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
});

/// Why a password was refused. Each maps to one message for the page and one for the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// One of the 10,000 most common passwords (or one repeated).
    Common,
    /// One character or a short unit repeated, or a run along the alphabet, the digits or a
    /// keyboard row.
    Trivial,
    /// Contains the username.
    ContainsUsername,
}

impl PasswordProblem {
    /// The English message of the API error (the field is always `password`).
    pub fn message(self) -> String {
        match self {
            Self::TooShort => format!("must be at least {} characters", super::Password::MIN_CHARS),
            Self::TooLong => "must be at most 1024 characters".into(),
            Self::Common => "is one of the most common passwords; choose another".into(),
            Self::Trivial => {
                "is a repeat or a sequence (like aaaa…, abcabc…, 1234…); choose another".into()
            }
            Self::ContainsUsername => "must not contain the username".into(),
        }
    }

    /// The Fluent message id for pages.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::TooShort => "password-too-short",
            Self::TooLong => "password-too-long",
            Self::Common => "password-common",
            Self::Trivial => "password-trivial",
            Self::ContainsUsername => "password-has-username",
        }
    }
}

/// Whether `raw` is in the list of common passwords (case-insensitive, trimmed).
pub fn is_common(raw: &str) -> bool {
    let core = raw.trim().to_lowercase();
    COMMON.contains(core.as_str())
}

/// The checks other than length. `username` is the account's name when known.
pub fn check(raw: &str, username: Option<&str>) -> Result<(), PasswordProblem> {
    let core = raw.trim().to_lowercase();
    let chars: Vec<char> = core.chars().collect();
    if COMMON.contains(core.as_str()) {
        return Err(PasswordProblem::Common);
    }
    if let Some(unit) = repeated_unit(&chars) {
        let unit: String = unit.iter().collect();
        if unit.chars().count() <= 6 || COMMON.contains(unit.as_str()) {
            return Err(if COMMON.contains(unit.as_str()) {
                PasswordProblem::Common
            } else {
                PasswordProblem::Trivial
            });
        }
    }
    if is_walk(&core) {
        return Err(PasswordProblem::Trivial);
    }
    if let Some(user) = username.map(|u| u.trim().to_lowercase()) {
        if user.chars().count() >= 3 && core.contains(&user) {
            return Err(PasswordProblem::ContainsUsername);
        }
    }
    Ok(())
}

/// The shortest unit that, repeated at least twice, makes up the whole of `s`.
fn repeated_unit(s: &[char]) -> Option<&[char]> {
    let n = s.len();
    (1..=n / 2)
        .filter(|p| n.is_multiple_of(*p))
        .find(|&p| s.chunks(p).all(|c| c == &s[..p]))
        .map(|p| &s[..p])
}

/// Runs people type instead of a password: along the alphabet or the digits (either way,
/// wrapping round), or along a keyboard row.
const WALKS: [&str; 5] = [
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "0123456789012345678901234567890123456789",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
];

fn is_walk(core: &str) -> bool {
    if core.is_empty() {
        return false;
    }
    let reversed: String = core.chars().rev().collect();
    // A walk longer than the track still counts if it is the track repeated.
    WALKS.iter().any(|w| {
        let long = w.repeat(1 + core.len() / w.len().max(1));
        long.contains(core) || long.contains(reversed.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_list_is_the_ten_thousand_and_lowercase() {
        assert_eq!(COMMON.len(), 10_000);
        assert!(COMMON_TEXT
            .lines()
            .all(|l| l == l.trim() && l == l.to_lowercase()));
        assert!(is_common("password"));
        assert!(is_common("  PassWord  "));
        assert!(is_common("qwerty123456"));
        assert!(!is_common("correct horse battery staple"));
    }

    #[test]
    fn refuses_the_issue_examples_and_their_kin() {
        let cases = [
            ("aaaaaaaaaaaa", Err(PasswordProblem::Trivial)),
            ("abcabcabcabc", Err(PasswordProblem::Trivial)),
            ("123456789012", Err(PasswordProblem::Trivial)),
            ("210987654321", Err(PasswordProblem::Trivial)),
            ("abcdefghijklmn", Err(PasswordProblem::Trivial)),
            ("qwertyuiopasd", Err(PasswordProblem::Trivial)),
            ("xyzabcdefghij", Err(PasswordProblem::Trivial)),
            ("passwordpassword", Err(PasswordProblem::Common)),
            ("QWERTY123456", Err(PasswordProblem::Common)),
            ("ana.pop is here 77", Err(PasswordProblem::ContainsUsername)),
            (
                "Ana.Pop-and-friends",
                Err(PasswordProblem::ContainsUsername),
            ),
            ("correct horse battery staple", Ok(())),
            ("a long enough password", Ok(())),
            ("libertas-demo-2026", Ok(())),
            ("another long password 2", Ok(())),
        ];
        for (pw, want) in cases {
            assert_eq!(check(pw, Some("ana.pop")), want, "{pw}");
        }
    }

    #[test]
    fn messages_exist_for_every_problem() {
        for p in [
            PasswordProblem::TooShort,
            PasswordProblem::TooLong,
            PasswordProblem::Common,
            PasswordProblem::Trivial,
            PasswordProblem::ContainsUsername,
        ] {
            assert!(p.message_id().starts_with("password-"));
            assert!(!p.message().is_empty());
        }
    }

    proptest! {
        /// Any unit of up to six characters, repeated to 12 or more, is refused.
        #[test]
        fn short_units_repeated_are_refused(unit in "[a-z0-9!@#]{1,6}", extra in 0usize..4) {
            let times = 12usize.div_ceil(unit.chars().count()) + extra;
            let pw = unit.repeat(times.max(2));
            prop_assert!(check(&pw, None).is_err());
        }

        /// Every run of the digits, wrapping 9 to 0, is refused whatever its start.
        #[test]
        fn digit_runs_are_refused(start in 0u32..10, len in 12usize..30) {
            let pw: String = (0..len).map(|i| char::from_digit((start + i as u32) % 10, 10).unwrap_or('0')).collect();
            prop_assert!(check(&pw, None).is_err());
        }

        /// The username anywhere inside, in any case, is refused.
        #[test]
        fn the_username_inside_is_refused(pre in "[a-z ]{0,8}", post in "[a-z ]{0,8}") {
            let pw = format!("{pre}MaRia.Ionescu{post}9x");
            prop_assert_eq!(check(&pw, Some("maria.ionescu")), Err(PasswordProblem::ContainsUsername));
        }

        /// Checking never panics, whatever the input.
        #[test]
        fn never_panics(s in "\\PC{0,64}", u in "[a-z._-]{0,10}") {
            let _ = check(&s, Some(&u));
        }
    }
}
