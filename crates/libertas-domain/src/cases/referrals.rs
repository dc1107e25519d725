//! Partner services and referrals of people to them (issue 4, item 3).
//!
//! The partner directory is organisational data (who offers what help, where, how to refer),
//! not personal data. A referral sends one person of a case to a partner; because it shares
//! the person's data with another organisation it needs a legal basis, decided here by
//! [`referral_basis`]: recorded consent to data sharing, a written override, or — for a
//! child — a safeguarding note instead of consent.

use super::codes::parse_list;
use crate::codes::code_list;
use crate::ids::{id_type, PersonId};
use crate::text::text_type;
use crate::FieldError;
use time::Date;

id_type!(
    /// A partner service in an organisation's directory.
    PartnerId
);
id_type!(
    /// A referral of one person of a case to a partner.
    ReferralId
);

code_list!(
    /// The kinds of help a partner offers and a referral asks for.
    HelpKind, "kinds", {
        Shelter => "shelter",
        Medical => "medical",
        Legal => "legal",
        Counselling => "counselling",
        Education => "education",
        Livelihood => "livelihood",
        Repatriation => "repatriation",
        ChildProtection => "child_protection",
        Other => "other",
    }
);

code_list!(
    /// A referral asks a partner to help while the case stays here; a transfer hands the
    /// person's support over to the partner.
    ReferralKind, "kind", {
        Referral => "referral",
        Transfer => "transfer",
    }
);

code_list!(
    /// Where a referral stands.
    ReferralStatus, "status", {
        Requested => "requested",
        Accepted => "accepted",
        Rejected => "rejected",
        Done => "done",
        Revoked => "revoked",
    }
);

code_list!(
    /// Why sharing the person's data with the partner is allowed.
    ReferralBasis, "basis", {
        Consent => "consent",
        Override => "override",
        Child => "child",
    }
);

impl ReferralStatus {
    /// The allowed moves: requested → accepted | rejected, accepted → done, and the sender
    /// may revoke a referral that is requested or accepted.
    pub fn can_move_to(self, next: ReferralStatus) -> bool {
        use ReferralStatus::*;
        matches!(
            (self, next),
            (Requested, Accepted)
                | (Requested, Rejected)
                | (Accepted, Done)
                | (Requested, Revoked)
                | (Accepted, Revoked)
        )
    }

    /// Whether the partner may still see the person's data in this state.
    pub fn shares(self) -> bool {
        matches!(
            self,
            ReferralStatus::Requested | ReferralStatus::Accepted | ReferralStatus::Done
        )
    }
}

text_type!(
    /// A partner's name (an organisation or service, not a person): sealed, as it may be a
    /// shelter's.
    PartnerName, "name", 1, 200, false
);
text_type!(
    /// The area a partner serves (a city, county, country or "national").
    PartnerArea, "area", 1, 200, false
);
text_type!(
    /// How to refer someone to this partner (steps, forms, hours).
    HowToRefer, "how_to_refer", 1, 4_000, true
);
text_type!(
    /// How to reach the partner's referral desk (the service's phone, e-mail, address).
    PartnerContact, "contact", 1, 1_000, true
);
text_type!(
    /// What the referral is about: narrative about the person, sealed under their key.
    ReferralNote, "note", 1, 4_000, true
);
text_type!(
    /// Why the person's data is shared without their consent: sealed, and audited apart.
    OverrideReason, "override_reason", 10, 4_000, true
);
text_type!(
    /// How a child's safety is ensured by this referral: sealed under the person's key.
    SafeguardingNote, "safeguarding_note", 10, 4_000, true
);
text_type!(
    /// Why a referral was rejected or revoked: sealed under the person's key.
    StatusReason, "reason", 1, 2_000, true
);

/// A language a partner works in: an ISO 639-1 code such as `ro`, `en`, `uk`.
pub fn parse_language(raw: &str) -> Result<String, FieldError> {
    let v = raw.trim().to_ascii_lowercase();
    if v.len() == 2 && v.chars().all(|c| c.is_ascii_lowercase()) {
        Ok(v)
    } else {
        Err(FieldError::new(
            "languages",
            "must be two-letter ISO 639-1 codes such as ro or en",
        ))
    }
}

/// A partner as entered by an administrator, validated.
#[derive(Clone, Debug)]
pub struct NewPartner {
    pub name: PartnerName,
    pub kinds: Vec<HelpKind>,
    pub area: PartnerArea,
    pub languages: Vec<String>,
    pub how_to_refer: HowToRefer,
    pub contact: PartnerContact,
}

impl NewPartner {
    /// Builds a partner from raw values, naming the first wrong field.
    pub fn parse(
        name: &str,
        kinds: &[String],
        area: &str,
        languages: &[String],
        how_to_refer: &str,
        contact: &str,
    ) -> Result<Self, FieldError> {
        Ok(Self {
            name: PartnerName::parse(name)?,
            kinds: parse_list("kinds", kinds, true, HelpKind::parse)?,
            area: PartnerArea::parse(area)?,
            languages: parse_list_strings("languages", languages)?,
            how_to_refer: HowToRefer::parse(how_to_refer)?,
            contact: PartnerContact::parse(contact)?,
        })
    }
}

fn parse_list_strings(field: &str, raw: &[String]) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = vec![];
    for (i, r) in raw.iter().enumerate() {
        let v = parse_language(r).map_err(|e| e.at(format!("{field}[{i}]")))?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    if out.is_empty() {
        return Err(FieldError::new(field, "must name at least one language"));
    }
    if out.len() > 30 {
        return Err(FieldError::new(field, "must hold at most 30 languages"));
    }
    Ok(out)
}

/// Parses the services a referral asks for (at least one).
pub fn parse_services(raw: &[String]) -> Result<Vec<HelpKind>, FieldError> {
    parse_list("services", raw, true, |s| {
        HelpKind::parse(s).map_err(|e| e.at("services"))
    })
}

/// Whether the person is a child: under 18 on `today` by birth date, or flagged as one by
/// the caseworker (the birth date is often unknown, and age is assessed, not proven).
pub fn is_child(birth: Option<Date>, flagged: bool, today: Date) -> bool {
    if flagged {
        return true;
    }
    birth.is_some_and(|b| {
        let mut age = today.year() - b.year();
        if (today.month() as u8, today.day()) < (b.month() as u8, b.day()) {
            age -= 1;
        }
        age < 18
    })
}

/// The legal basis for sharing a person's data with a partner.
///
/// A child is referred without consent but never without a safeguarding note. An adult needs
/// recorded consent to data sharing; without it, only a written override reason allows the
/// referral (it is audited as its own action).
pub fn referral_basis(
    child: bool,
    consent: bool,
    override_reason: Option<&OverrideReason>,
    safeguarding: Option<&SafeguardingNote>,
) -> Result<ReferralBasis, FieldError> {
    if child {
        return match safeguarding {
            Some(_) => Ok(ReferralBasis::Child),
            None => Err(FieldError::new(
                "safeguarding_note",
                "a child's referral needs a safeguarding note",
            )),
        };
    }
    if consent {
        return Ok(ReferralBasis::Consent);
    }
    match override_reason {
        Some(_) => Ok(ReferralBasis::Override),
        None => Err(FieldError::new(
            "override_reason",
            "the person has not consented to data sharing: record their consent first, or give a written reason to override",
        )),
    }
}

/// A new referral, validated at the edge.
#[derive(Clone, Debug)]
pub struct NewReferral {
    pub person: PersonId,
    pub partner_id: PartnerId,
    pub kind: ReferralKind,
    pub services: Vec<HelpKind>,
    pub note: Option<ReferralNote>,
    /// The caseworker says the person is a child (when the birth date is unknown).
    pub child: bool,
    pub override_reason: Option<OverrideReason>,
    pub safeguarding_note: Option<SafeguardingNote>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn moves() {
        use ReferralStatus::*;
        assert!(Requested.can_move_to(Accepted));
        assert!(Accepted.can_move_to(Done));
        assert!(Accepted.can_move_to(Revoked));
        assert!(!Rejected.can_move_to(Accepted));
        assert!(!Done.can_move_to(Revoked));
        assert!(!Requested.can_move_to(Done));
        assert!(!Revoked.shares() && !Rejected.shares() && Accepted.shares());
    }

    #[test]
    fn children_by_birth_date_or_flag() {
        let today = date!(2026 - 06 - 01);
        assert!(is_child(Some(date!(2008 - 06 - 02)), false, today));
        assert!(!is_child(Some(date!(2008 - 06 - 01)), false, today));
        assert!(is_child(None, true, today));
        assert!(!is_child(None, false, today));
    }

    #[test]
    fn basis_rules() {
        let o = OverrideReason::parse("Immediate danger to life").unwrap();
        let s = SafeguardingNote::parse("Escorted by a social worker").unwrap();
        assert_eq!(
            referral_basis(true, false, None, None).unwrap_err().field,
            "safeguarding_note"
        );
        assert_eq!(
            referral_basis(true, false, None, Some(&s)).unwrap(),
            ReferralBasis::Child
        );
        assert_eq!(
            referral_basis(false, true, None, None).unwrap(),
            ReferralBasis::Consent
        );
        assert_eq!(
            referral_basis(false, false, Some(&o), None).unwrap(),
            ReferralBasis::Override
        );
        assert_eq!(
            referral_basis(false, false, None, Some(&s))
                .unwrap_err()
                .field,
            "override_reason"
        );
    }

    #[test]
    fn partners_validate() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let p = NewPartner::parse(
            "Casa",
            &s(&["shelter", "shelter"]),
            "Iasi",
            &s(&["RO"]),
            "Call",
            "0232",
        );
        let p = p.unwrap();
        assert_eq!(p.kinds, vec![HelpKind::Shelter]);
        assert_eq!(p.languages, vec!["ro".to_owned()]);
        let e = NewPartner::parse("Casa", &s(&["spa"]), "Iasi", &s(&["ro"]), "Call", "0232");
        assert_eq!(e.unwrap_err().field, "kinds[0]");
        let e = NewPartner::parse("Casa", &s(&[]), "Iasi", &s(&["ro"]), "Call", "0232");
        assert_eq!(e.unwrap_err().field, "kinds");
        let e = NewPartner::parse(
            "Casa",
            &s(&["legal"]),
            "Iasi",
            &s(&["romanian"]),
            "Call",
            "0",
        );
        assert_eq!(e.unwrap_err().field, "languages[0]");
    }
}
