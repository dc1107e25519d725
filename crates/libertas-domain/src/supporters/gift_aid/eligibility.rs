//! Whether Gift Aid may be claimed on one gift, and if not, why: a pure function over the
//! gift and the donor's declarations, so every rule is tested without a database.
//!
//! A gift is eligible when it is in pounds sterling, has not been claimed before, and at
//! least one of the donor's declarations covers it:
//! - the donor confirmed they are a UK taxpayer and gave a UK postcode;
//! - an oral declaration counts only once its written confirmation was sent (dated);
//! - a one-gift declaration covers exactly the gift it names;
//! - an all-gifts declaration covers gifts received from four years before the day it was
//!   made (HMRC's look-back) onwards;
//! - a cancelled declaration covers only gifts received before the day it was cancelled.

use super::{gift_aid_on, Method, Scope};
use time::Date;

/// The facts of a declaration that decide what it covers (nothing personal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Covering {
    pub scope: Scope,
    /// The gift a one-gift declaration names.
    pub gift_id: Option<String>,
    pub made_on: Date,
    pub method: Method,
    /// When the written confirmation of an oral declaration was sent.
    pub confirmed_on: Option<Date>,
    pub cancelled_on: Option<Date>,
    pub taxpayer_confirmed: bool,
    /// The donor lives outside the UK (no postcode).
    pub non_uk: bool,
}

/// A gift as the rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GiftFacts<'a> {
    pub id: &'a str,
    pub currency: &'a str,
    pub amount_minor: i64,
    pub received: Date,
    pub claimed: bool,
}

/// Why Gift Aid may not be claimed on a gift. When several declarations each fail, the
/// reason given is the first declaration's (the caller passes the newest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ineligible {
    /// Only gifts in pounds sterling qualify.
    NotSterling,
    /// Nothing to claim on (zero or negative).
    NoAmount,
    /// Already on a submitted claim.
    AlreadyClaimed,
    /// The donor has no declaration.
    NoDeclaration,
    /// The declaration is for one other gift.
    OtherGift,
    /// Received more than four years before the declaration was made.
    BeforeLookBack,
    /// Received on or after the day the declaration was cancelled.
    Cancelled,
    /// An oral declaration whose written confirmation has not been sent.
    OralUnconfirmed,
    /// The donor did not confirm they are a UK taxpayer.
    NotTaxpayer,
    /// The donor lives outside the UK.
    NonUk,
}

impl Ineligible {
    pub fn as_str(self) -> &'static str {
        match self {
            Ineligible::NotSterling => "not_sterling",
            Ineligible::NoAmount => "no_amount",
            Ineligible::AlreadyClaimed => "already_claimed",
            Ineligible::NoDeclaration => "no_declaration",
            Ineligible::OtherGift => "other_gift",
            Ineligible::BeforeLookBack => "before_look_back",
            Ineligible::Cancelled => "cancelled",
            Ineligible::OralUnconfirmed => "oral_unconfirmed",
            Ineligible::NotTaxpayer => "not_taxpayer",
            Ineligible::NonUk => "non_uk",
        }
    }
}

/// The day four years before `d` (29 February goes to 28 February).
pub fn four_years_before(d: Date) -> Date {
    let year = d.year() - 4;
    Date::from_calendar_date(year, d.month(), d.day())
        .or_else(|_| Date::from_calendar_date(year, d.month(), d.day() - 1))
        .unwrap_or(d)
}

/// Whether one declaration covers the gift.
pub fn covers(d: &Covering, g: &GiftFacts<'_>) -> Result<(), Ineligible> {
    if !d.taxpayer_confirmed {
        return Err(Ineligible::NotTaxpayer);
    }
    if d.non_uk {
        return Err(Ineligible::NonUk);
    }
    if d.method == Method::Oral && d.confirmed_on.is_none() {
        return Err(Ineligible::OralUnconfirmed);
    }
    match d.scope {
        Scope::ThisGift => {
            if d.gift_id.as_deref() != Some(g.id) {
                return Err(Ineligible::OtherGift);
            }
        }
        Scope::AllGifts => {
            if g.received < four_years_before(d.made_on) {
                return Err(Ineligible::BeforeLookBack);
            }
        }
    }
    if d.cancelled_on.is_some_and(|c| g.received >= c) {
        return Err(Ineligible::Cancelled);
    }
    Ok(())
}

/// The Gift Aid that may be claimed on the gift (25% of it, in pence), or why none may.
/// `declarations`: all of the donor's, newest first.
pub fn eligibility(g: &GiftFacts<'_>, declarations: &[Covering]) -> Result<i64, Ineligible> {
    if g.currency != "GBP" {
        return Err(Ineligible::NotSterling);
    }
    if g.amount_minor <= 0 {
        return Err(Ineligible::NoAmount);
    }
    if g.claimed {
        return Err(Ineligible::AlreadyClaimed);
    }
    let mut first = None;
    for d in declarations {
        match covers(d, g) {
            Ok(()) => return Ok(gift_aid_on(g.amount_minor)),
            Err(why) => {
                first.get_or_insert(why);
            }
        }
    }
    Err(first.unwrap_or(Ineligible::NoDeclaration))
}
