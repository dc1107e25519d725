//! Identifiers seen in a report (phone numbers, e-mail addresses, websites, social handles,
//! vehicle plates, addresses): their type inferred, their normal form defined once.
//!
//! The normal form is what the store hashes into a blind index, so the same number written
//! `07700 900 123`, `+44 7700 900123` or `0044 7700-900123` links two reports without the
//! number being stored. Phone numbers are parsed with the `phonenumber` crate (libphonenumber's
//! metadata) in the deployment's default region and written as E.164.

use phonenumber::country::Id as Region;
use serde::Serialize;

/// What an identifier is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    Phone,
    Email,
    Url,
    Handle,
    Plate,
    /// Anything else, such as an address: matched on its normalised text.
    Other,
}

impl IdentifierKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IdentifierKind::Phone => "phone",
            IdentifierKind::Email => "email",
            IdentifierKind::Url => "url",
            IdentifierKind::Handle => "handle",
            IdentifierKind::Plate => "plate",
            IdentifierKind::Other => "other",
        }
    }
}

/// An identifier with its inferred kind and normal form.
#[derive(Clone, PartialEq, Eq)]
pub struct Identifier {
    pub kind: IdentifierKind,
    pub normal: String,
}

impl std::fmt::Debug for Identifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Identifier({}, <redacted>)", self.kind.as_str())
    }
}

/// The deployment's default region for numbers written without a country code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DefaultRegion(Region);

impl DefaultRegion {
    pub fn parse(code: &str) -> Option<Self> {
        code.trim()
            .to_ascii_uppercase()
            .parse::<Region>()
            .ok()
            .map(Self)
    }
}

impl Default for DefaultRegion {
    fn default() -> Self {
        Self(Region::GB)
    }
}

/// A phone number in E.164, if `raw` parses as a number in `region` or in international form.
pub fn phone_e164(raw: &str, region: DefaultRegion) -> Option<String> {
    let digits = raw.chars().filter(char::is_ascii_digit).count();
    let plausible = raw
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c));
    if !plausible || !(6..=17).contains(&digits) {
        return None;
    }
    let candidate = match raw.trim().strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => raw.trim().to_owned(),
    };
    // Parsing (country code plus national number) is enough for a stable normal form; numbers
    // outside the numbering plans' valid ranges (such as the UK's drama numbers) still link.
    let number = phonenumber::parse(Some(region.0), &candidate).ok()?;
    let e164 = number.format().mode(phonenumber::Mode::E164).to_string();
    (e164.len() >= 8).then_some(e164)
}

/// Infers the kind of one identifier and its normal form. `None` for empty input.
pub fn infer(raw: &str, region: DefaultRegion) -> Option<Identifier> {
    let v = raw.trim();
    if v.is_empty() {
        return None;
    }
    let id = |kind, normal: String| Some(Identifier { kind, normal });
    if let Some(e164) = phone_e164(v, region) {
        return id(IdentifierKind::Phone, e164);
    }
    if let Some(email) = crate::people::normalise_email(v) {
        return id(IdentifierKind::Email, email);
    }
    if let Some(handle) = handle(v) {
        return id(IdentifierKind::Handle, handle);
    }
    if let Some(url) = url(v) {
        return id(IdentifierKind::Url, url);
    }
    if let Some(plate) = plate(v) {
        return id(IdentifierKind::Plate, plate);
    }
    if let Some(phone) = crate::people::normalise_phone(v) {
        // Not valid for any region's numbering plan, but clearly meant as a number.
        return id(IdentifierKind::Phone, phone);
    }
    let text: Vec<String> = v
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| ",.;:".contains(c)).to_lowercase())
        .collect();
    id(IdentifierKind::Other, text.join(" "))
}

fn handle(v: &str) -> Option<String> {
    let rest = v.strip_prefix('@')?;
    let ok = (2..=40).contains(&rest.len())
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.".contains(c));
    ok.then(|| format!("@{}", rest.to_ascii_lowercase()))
}

fn url(v: &str) -> Option<String> {
    if v.contains(char::is_whitespace) || v.contains('@') {
        return None;
    }
    let lower = v.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let (host, path) = match rest.split_once('/') {
        Some((h, p)) => (h, p),
        None => (rest, ""),
    };
    let tld_ok = host.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty()
            && (2..=24).contains(&tld.len())
            && tld.chars().all(|c| c.is_ascii_alphabetic())
    });
    let host_ok = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
    (tld_ok && host_ok).then(|| {
        let path = path.trim_end_matches('/');
        if path.is_empty() {
            host.to_owned()
        } else {
            format!("{host}/{path}")
        }
    })
}

fn plate(v: &str) -> Option<String> {
    if v.split_whitespace().count() > 3 {
        return None;
    }
    let compact: String = v.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let ok = (4..=8).contains(&compact.len())
        && compact.chars().all(|c| c.is_ascii_alphanumeric())
        && compact.chars().any(|c| c.is_ascii_alphabetic())
        && compact.chars().any(|c| c.is_ascii_digit());
    ok.then(|| compact.to_ascii_uppercase())
}

/// Identifiers mentioned in free text: phone numbers, e-mail addresses, websites and handles.
/// (Plates and addresses are too easily confused with ordinary words to pick from prose.)
pub fn find_in_text(text: &str, region: DefaultRegion) -> Vec<Identifier> {
    let mut found: Vec<Identifier> = vec![];
    let mut push = |i: Identifier| {
        if !found.contains(&i) {
            found.push(i);
        }
    };
    for word in text.split_whitespace() {
        let w = word.trim_matches(|c: char| "()[]{}<>\"'.,;:!?".contains(c));
        if w.contains('@') {
            if let Some(e) = crate::people::normalise_email(w) {
                push(Identifier {
                    kind: IdentifierKind::Email,
                    normal: e,
                });
                continue;
            }
            if let Some(h) = handle(w) {
                push(Identifier {
                    kind: IdentifierKind::Handle,
                    normal: h,
                });
                continue;
            }
        }
        if (w.starts_with("http") || w.starts_with("www.")) && url(w).is_some() {
            if let Some(u) = url(w) {
                push(Identifier {
                    kind: IdentifierKind::Url,
                    normal: u,
                });
            }
        }
    }
    // Phone numbers span several words: take maximal runs of number-like characters.
    let mut run = String::new();
    let flush = |run: &mut String, push: &mut dyn FnMut(Identifier)| {
        let candidate = run.trim().trim_end_matches(['-', '.', '(']).to_owned();
        if candidate.chars().filter(char::is_ascii_digit).count() >= 9 {
            if let Some(p) = phone_e164(&candidate, region) {
                push(Identifier {
                    kind: IdentifierKind::Phone,
                    normal: p,
                });
            }
        }
        run.clear();
    };
    for c in text.chars() {
        let numberish = c.is_ascii_digit()
            || (!run.is_empty() && " -().\u{a0}".contains(c))
            || (run.is_empty() && c == '+');
        if numberish {
            run.push(c);
        } else {
            flush(&mut run, &mut push);
        }
    }
    flush(&mut run, &mut push);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(v: &str) -> (IdentifierKind, String) {
        let i = infer(v, DefaultRegion::default()).unwrap();
        (i.kind, i.normal)
    }

    #[test]
    fn infers_kinds_and_normal_forms() {
        assert_eq!(
            kind("07700 900123"),
            (IdentifierKind::Phone, "+447700900123".into())
        );
        assert_eq!(
            kind("+44 7700-900123"),
            (IdentifierKind::Phone, "+447700900123".into())
        );
        assert_eq!(
            kind("0044 7700 900123"),
            (IdentifierKind::Phone, "+447700900123".into())
        );
        assert_eq!(
            kind("+40 721 234 567"),
            (IdentifierKind::Phone, "+40721234567".into())
        );
        assert_eq!(
            kind("Boss@Example.com"),
            (IdentifierKind::Email, "boss@example.com".into())
        );
        assert_eq!(
            kind("@Jobs_Abroad"),
            (IdentifierKind::Handle, "@jobs_abroad".into())
        );
        assert_eq!(
            kind("https://www.Example.com/ads/"),
            (IdentifierKind::Url, "example.com/ads".into())
        );
        assert_eq!(
            kind("jobs-uk.example.org"),
            (IdentifierKind::Url, "jobs-uk.example.org".into())
        );
        assert_eq!(kind("AB12 CDE"), (IdentifierKind::Plate, "AB12CDE".into()));
        assert_eq!(
            kind("12 High Street, Leeds"),
            (IdentifierKind::Other, "12 high street leeds".into())
        );
        assert!(infer("   ", DefaultRegion::default()).is_none());
    }

    #[test]
    fn regions_change_national_numbers() {
        let ro = DefaultRegion::parse("ro").unwrap();
        assert_eq!(infer("0721 234 567", ro).unwrap().normal, "+40721234567");
        assert!(DefaultRegion::parse("XX").is_none());
    }

    #[test]
    fn finds_identifiers_in_prose() {
        let text = "They call from 07700 900123 or +40 721 234 567, ads on www.example.com/jobs and mail boss@example.com. Ask @recruiter_uk.";
        let found = find_in_text(text, DefaultRegion::default());
        let normals: Vec<&str> = found.iter().map(|i| i.normal.as_str()).collect();
        assert!(normals.contains(&"+447700900123"), "{normals:?}");
        assert!(normals.contains(&"+40721234567"), "{normals:?}");
        assert!(normals.contains(&"example.com/jobs"), "{normals:?}");
        assert!(normals.contains(&"boss@example.com"), "{normals:?}");
        assert!(normals.contains(&"@recruiter_uk"), "{normals:?}");
        assert!(
            find_in_text("Met 3 people in 2024 at 10.30.", DefaultRegion::default()).is_empty()
        );
    }
}
