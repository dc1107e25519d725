//! Criminal proceedings against the suspects of a case: charges, hearings, verdicts and
//! sentences, with the ordering rules that keep them believable (a verdict never predates its
//! charge, a sentence follows a conviction, restitution goes to victims of the case).
//!
//! Codes, dates, counts and amounts are plain values; notes and hearing outcomes are narrative
//! and sealed by the store. Dates are calendar dates (`YYYY-MM-DD`), as courts record them.

use crate::cases::decisions::parse_date;
use crate::codes::code_list;
use crate::ids::id_type;
use crate::text::text_type;
use crate::FieldError;
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

id_type!(
    /// A charge against one suspect of a case.
    ChargeId
);
id_type!(
    /// A court hearing (of a charge, or of the case as a whole).
    HearingId
);
id_type!(
    /// The final verdict on a charge.
    VerdictId
);
id_type!(
    /// The sentence that follows a conviction.
    SentenceId
);

text_type!(
    /// The law a charge is brought under ("Modern Slavery Act 2015"): sealed under the case key
    /// (with the court and dates it finds the prosecution, and the victims, in court lists).
    LawName, "law", 1, 200, false
);
text_type!(
    /// The section or article ("s.2", "art. 210 para. 1"): sealed under the case key.
    LawSection, "section", 1, 100, false
);
text_type!(
    /// A note on a charge: narrative, sealed under the case key.
    ChargeNote, "note", 1, 10_000, true
);
text_type!(
    /// The court ("Southwark Crown Court"): sealed under the case key, as it places the
    /// hearing (and the victims who testify) in public court lists.
    CourtName, "court", 1, 200, false
);
text_type!(
    /// What happened at a hearing: narrative, sealed under the case key.
    HearingOutcome, "outcome", 1, 10_000, true
);

code_list!(
    /// The kind of hearing.
    HearingKind, "kind", {
        FirstAppearance => "first_appearance",
        Preliminary => "preliminary",
        Bail => "bail",
        Trial => "trial",
        Sentencing => "sentencing",
        Appeal => "appeal",
        Other => "other",
    }
);

code_list!(
    /// The final outcome of a charge.
    VerdictOutcome, "outcome", {
        Convicted => "convicted",
        Acquitted => "acquitted",
        Dismissed => "dismissed",
        Withdrawn => "withdrawn",
    }
);

/// How many counts a charge may carry at most (a sanity bound, not a legal one).
pub const MAX_COUNTS: i64 = 500;
/// The longest prison term recorded, in months (life sentences: use the maximum and a note).
pub const MAX_PRISON_MONTHS: i64 = 1_200;
/// Hearings may be scheduled at most this many days ahead.
const MAX_DAYS_AHEAD: i64 = 5 * 366;

/// The number of counts: at least 1.
pub fn parse_counts(n: i64) -> Result<u32, FieldError> {
    if !(1..=MAX_COUNTS).contains(&n) {
        return Err(FieldError::new(
            "counts",
            format!("must be between 1 and {MAX_COUNTS}"),
        ));
    }
    Ok(n as u32)
}

/// A date that has already happened (a charge filed, a verdict given): `YYYY-MM-DD`, not
/// after `today`, not before 1900.
pub fn past_date(field: &str, raw: &str, today: Date) -> Result<Date, FieldError> {
    let d = parse_date(field, raw)?;
    if d > today {
        return Err(FieldError::new(field, "must not be in the future"));
    }
    if d.year() < 1900 {
        return Err(FieldError::new(field, "must be after 1900"));
    }
    Ok(d)
}

/// A hearing date: past or scheduled (up to five years ahead).
pub fn hearing_date(raw: &str, today: Date) -> Result<Date, FieldError> {
    let d = parse_date("date", raw)?;
    if d.year() < 1900 || d > today + time::Duration::days(MAX_DAYS_AHEAD) {
        return Err(FieldError::new(
            "date",
            "must be after 1900 and at most five years ahead",
        ));
    }
    Ok(d)
}

/// Refuses `date` (named `field`) when it is before `earlier` (what it follows).
pub fn not_before(field: &str, date: Date, earlier: Date, what: &str) -> Result<(), FieldError> {
    if date < earlier {
        return Err(FieldError::new(
            field,
            format!(
                "must not be before the {what} ({})",
                crate::cases::decisions::date_text(earlier)
            ),
        ));
    }
    Ok(())
}

/// An ISO 4217 currency code: three capital letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Currency([u8; 3]);

impl Currency {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        let b = raw.as_bytes();
        if b.len() != 3 || !b.iter().all(u8::is_ascii_uppercase) {
            return Err(FieldError::new(
                "currency",
                "must be an ISO 4217 code such as GBP, EUR or RON",
            ));
        }
        Ok(Self([b[0], b[1], b[2]]))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

/// A money amount in minor units (pence, bani, cents), from a JSON number with at most two
/// decimals; positive and below a trillion.
pub fn parse_amount(field: &str, v: f64) -> Result<i64, FieldError> {
    let minor = (v * 100.0).round();
    if !v.is_finite() || v <= 0.0 || minor >= 1e14 || (v * 100.0 - minor).abs() > 1e-6 {
        return Err(FieldError::new(
            field,
            "must be a positive amount with at most two decimals",
        ));
    }
    Ok(minor as i64)
}

/// Writes minor units back as a decimal amount ("1500.00").
pub fn amount_text(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

/// The parts of a sentence, already parsed, before they are checked against the verdict.
#[derive(Clone, Debug)]
pub struct SentenceTerms {
    pub prison_months: u32,
    pub suspended: bool,
    /// The fine in minor units of `currency`.
    pub fine: Option<i64>,
    pub currency: Option<Currency>,
    /// Restitution orders: (person id as given, minor units of `currency`).
    pub restitution: Vec<(Uuid, i64)>,
}

impl SentenceTerms {
    /// Checks the terms hang together: a prison term in range, a suspended term that exists, a
    /// currency whenever money is ordered, something ordered at all, each survivor named once.
    pub fn check(prison_months: i64, terms: SentenceTerms) -> Result<Self, FieldError> {
        if !(0..=MAX_PRISON_MONTHS).contains(&prison_months) {
            return Err(FieldError::new(
                "prison_months",
                format!("must be between 0 and {MAX_PRISON_MONTHS}"),
            ));
        }
        let t = SentenceTerms {
            prison_months: prison_months as u32,
            ..terms
        };
        if t.suspended && t.prison_months == 0 {
            return Err(FieldError::new(
                "suspended",
                "only a prison term can be suspended",
            ));
        }
        let money = t.fine.is_some() || !t.restitution.is_empty();
        if money && t.currency.is_none() {
            return Err(FieldError::new(
                "currency",
                "is required with a fine or restitution",
            ));
        }
        if !money && t.prison_months == 0 {
            return Err(FieldError::new(
                "prison_months",
                "a sentence needs a prison term, a fine or restitution",
            ));
        }
        for (i, (id, _)) in t.restitution.iter().enumerate() {
            if t.restitution[..i].iter().any(|(o, _)| o == id) {
                return Err(FieldError::new(
                    "restitution",
                    "names the same survivor twice",
                ));
            }
        }
        Ok(t)
    }
}

/// A sentence may only follow a conviction, and never predate it.
pub fn check_sentence_follows(
    verdict: VerdictOutcome,
    verdict_date: Date,
    date: Date,
) -> Result<(), FieldError> {
    if verdict != VerdictOutcome::Convicted {
        return Err(FieldError::new(
            "verdict",
            format!(
                "a sentence needs a conviction; this verdict is {}",
                verdict.as_str()
            ),
        ));
    }
    not_before("date", date, verdict_date, "verdict")
}

/// A charge to file. `suspect` is a person id as given (checked against the case).
#[derive(Debug)]
pub struct NewCharge {
    pub suspect: String,
    pub law: LawName,
    pub section: LawSection,
    pub counts: u32,
    pub filed_on: Date,
    pub note: Option<ChargeNote>,
}

/// A hearing to record.
#[derive(Debug)]
pub struct NewHearing {
    pub date: Date,
    pub court: CourtName,
    pub kind: HearingKind,
    pub outcome: Option<HearingOutcome>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn counts_dates_and_money() {
        assert_eq!(parse_counts(0).unwrap_err().field, "counts");
        assert_eq!(parse_counts(3).unwrap(), 3);
        let today = date!(2026 - 03 - 01);
        assert_eq!(
            past_date("filed_on", "2026-03-02", today)
                .unwrap_err()
                .field,
            "filed_on"
        );
        assert!(past_date("filed_on", "2025-12-01", today).is_ok());
        assert!(hearing_date("2026-06-01", today).is_ok());
        assert_eq!(
            not_before(
                "date",
                date!(2025 - 01 - 01),
                date!(2025 - 02 - 01),
                "charge"
            )
            .unwrap_err()
            .field,
            "date"
        );
        assert_eq!(parse_amount("fine_amount", 1500.5).unwrap(), 150_050);
        assert!(parse_amount("fine_amount", 0.0).is_err());
        assert!(parse_amount("fine_amount", 1.005).is_err());
        assert_eq!(amount_text(150_050), "1500.50");
        assert_eq!(Currency::parse("gbp").unwrap_err().field, "currency");
        assert_eq!(Currency::parse("RON").unwrap().as_str(), "RON");
    }

    #[test]
    fn sentences_follow_convictions_and_need_terms() {
        let d = date!(2026 - 01 - 10);
        assert_eq!(
            check_sentence_follows(VerdictOutcome::Acquitted, d, d)
                .unwrap_err()
                .field,
            "verdict"
        );
        assert_eq!(
            check_sentence_follows(VerdictOutcome::Convicted, d, date!(2026 - 01 - 09))
                .unwrap_err()
                .field,
            "date"
        );
        let empty = SentenceTerms {
            prison_months: 0,
            suspended: false,
            fine: None,
            currency: None,
            restitution: vec![],
        };
        assert_eq!(
            SentenceTerms::check(0, empty.clone()).unwrap_err().field,
            "prison_months"
        );
        let fine = SentenceTerms {
            fine: Some(100),
            ..empty.clone()
        };
        assert_eq!(SentenceTerms::check(0, fine).unwrap_err().field, "currency");
        let susp = SentenceTerms {
            suspended: true,
            ..empty.clone()
        };
        assert_eq!(
            SentenceTerms::check(0, susp).unwrap_err().field,
            "suspended"
        );
        assert!(SentenceTerms::check(24, empty).is_ok());
    }
}
