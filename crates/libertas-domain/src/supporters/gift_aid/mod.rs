//! UK Gift Aid: a donor's declaration that lets the charity claim back the basic-rate tax on
//! their gifts (25% of each gift), which gifts it covers, and the claim schedule HMRC's
//! Charities Online takes (`docs/supporters.md`, "Gift Aid").
//!
//! Pure rules only: the donor's details as HMRC wants them (name, house name or number,
//! postcode), HMRC's model wording for one gift and for all gifts, the eligibility of a gift
//! ([`eligibility`]) and the schedule's rows and files ([`schedule`]).

pub mod eligibility;
pub mod schedule;

use crate::error::FieldError;
use crate::ids::id_type;

id_type!(
    /// A supporter's Gift Aid declaration.
    DeclarationId
);
id_type!(
    /// A Gift Aid claim submitted to HMRC: the gifts of one schedule, marked as claimed.
    ClaimId
);

/// The version of the wording below; stored with every declaration so the wording the donor
/// saw can be shown again. Bump it with any change of the text.
pub const WORDING_VERSION: &str = "hmrc-model-2015-10";

/// How a declaration was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// By the donor, signed in to the portal (online: a written declaration).
    Portal,
    /// On paper (a form, an envelope), recorded by staff.
    Written,
    /// Told to staff (on the telephone, in person): counts only once a written confirmation
    /// has been sent to the donor and its date recorded.
    Oral,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Portal => "portal",
            Method::Written => "written",
            Method::Oral => "oral",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw.trim() {
            "portal" => Ok(Method::Portal),
            "written" => Ok(Method::Written),
            "oral" => Ok(Method::Oral),
            _ => Err(FieldError::new("method", "must be written or oral")),
        }
    }
}

/// What a declaration covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One gift, named by the declaration (HMRC's single-donation declaration).
    ThisGift,
    /// This gift, every gift in the four years before the declaration and every future gift
    /// until it is cancelled (HMRC's multiple-donation declaration).
    AllGifts,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ThisGift => "this_gift",
            Scope::AllGifts => "all_gifts",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw.trim() {
            "this_gift" => Ok(Scope::ThisGift),
            "all_gifts" => Ok(Scope::AllGifts),
            _ => Err(FieldError::new("scope", "must be this_gift or all_gifts")),
        }
    }
}

/// HMRC's model declaration (October 2015 wording) for `scope`, naming the charity. The
/// donor ticks a box to agree to it; the text is stored with the declaration.
pub fn wording(scope: Scope, charity: &str) -> String {
    let gifts = match scope {
        Scope::ThisGift => format!("I want to Gift Aid my donation to {charity}."),
        Scope::AllGifts => format!(
            "I want to Gift Aid my donation and any donations I make in the future or have \
             made in the past 4 years to {charity}."
        ),
    };
    format!(
        "Boost your donation by 25p of Gift Aid for every £1 you donate. Gift Aid is \
         reclaimed by the charity from the tax you pay for the current tax year. Your address \
         is needed to identify you as a current UK taxpayer. {gifts} I am a UK taxpayer and \
         understand that if I pay less Income Tax and/or Capital Gains Tax than the amount of \
         Gift Aid claimed on all my donations in that tax year it is my responsibility to pay \
         any difference."
    )
}

/// The donor as the declaration names them: HMRC needs the full name (an initial will do for
/// the first name) and the home address (house name or number and postcode). Kept sealed.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Donor {
    pub title: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub house: String,
    /// `None` for a donor who lives outside the UK: such a declaration is kept but never
    /// claimed on (`Ineligible::NonUk`).
    pub postcode: Option<String>,
}

impl std::fmt::Debug for Donor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Donor(<redacted>)")
    }
}

impl Donor {
    /// Checks the donor's details as typed; each error names its field (`title`,
    /// `first_name`, `last_name`, `house`, `postcode`). `non_uk` says the donor lives
    /// outside the UK: then the postcode must be empty.
    pub fn parse(
        title: &str,
        first_name: &str,
        last_name: &str,
        house: &str,
        postcode: &str,
        non_uk: bool,
    ) -> Result<Self, FieldError> {
        let postcode = match (non_uk, postcode.trim()) {
            (true, "") => None,
            (true, _) => {
                return Err(FieldError::new(
                    "postcode",
                    "must be empty for a donor who lives outside the UK",
                ))
            }
            (false, raw) => Some(parse_postcode(raw)?),
        };
        Ok(Donor {
            title: parse_title(title)?,
            first_name: parse_name("first_name", first_name)?,
            last_name: parse_name("last_name", last_name)?,
            house: parse_house(house)?,
            postcode,
        })
    }
}

/// A title of at most 4 letters (HMRC's limit): `Mr`, `Mrs`, `Ms`, `Dr`, `Prof`, `Rev`.
/// Full stops are dropped (`Mrs.` is `Mrs`); empty is none.
fn parse_title(raw: &str) -> Result<Option<String>, FieldError> {
    let t: String = raw.trim().chars().filter(|c| *c != '.').collect();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > 4 || !t.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(FieldError::new(
            "title",
            "must be at most 4 letters, for example Mr, Mrs, Dr or Prof",
        ));
    }
    Ok(Some(t))
}

/// A first or last name: 1 to 35 characters (HMRC's limit), letters, spaces, apostrophes,
/// hyphens and full stops, starting with a letter. Spaces are collapsed.
fn parse_name(field: &str, raw: &str) -> Result<String, FieldError> {
    let n = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = |c: char| c.is_alphabetic() || matches!(c, ' ' | '\'' | '-' | '.' | '’');
    let starts = n.chars().next().is_some_and(char::is_alphabetic);
    if !starts || n.chars().count() > 35 || !n.chars().all(ok) {
        return Err(FieldError::new(
            field,
            "must be 1 to 35 letters, spaces, apostrophes, hyphens or full stops, starting with a letter",
        ));
    }
    Ok(n)
}

/// A house name or number: 1 to 40 letters, digits, spaces and `,.'-/`, starting with a
/// letter or digit (so a spreadsheet never reads it as a formula).
fn parse_house(raw: &str) -> Result<String, FieldError> {
    let h = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = |c: char| c.is_alphanumeric() || matches!(c, ' ' | ',' | '.' | '\'' | '-' | '/');
    let starts = h.chars().next().is_some_and(char::is_alphanumeric);
    if !starts || h.chars().count() > 40 || !h.chars().all(ok) {
        return Err(FieldError::new(
            "house",
            "must be 1 to 40 letters, digits, spaces or , . ' - /, starting with a letter or digit",
        ));
    }
    Ok(h)
}

/// A UK postcode, written as HMRC wants it: capitals, one space before the last three
/// characters (`s192bd` is `S19 2BD`). The shape is checked (outward code 2 to 4
/// characters starting with a letter, inward code digit letter letter), not that it exists.
pub fn parse_postcode(raw: &str) -> Result<String, FieldError> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bad = || {
        FieldError::new(
            "postcode",
            "must be a UK postcode such as S19 2BD (or tick that the donor lives outside the UK)",
        )
    };
    if !(5..=7).contains(&compact.len()) || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(bad());
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    let outward_ok =
        outward.as_bytes()[0].is_ascii_alphabetic() && outward.bytes().any(|b| b.is_ascii_digit());
    if !inward_ok || !outward_ok {
        return Err(bad());
    }
    Ok(format!("{outward} {inward}"))
}

/// Gift Aid on a gift of `amount_minor` pence: 25%, rounded down to the penny (basic rate
/// 20% on the gift grossed up: 25p for every £1).
pub fn gift_aid_on(amount_minor: i64) -> i64 {
    amount_minor.max(0) / 4
}

#[cfg(test)]
mod tests;
