use super::eligibility::{eligibility, four_years_before, Covering, GiftFacts, Ineligible};
use super::schedule::{csv_parts, pounds, row, MAX_ROWS};
use super::{gift_aid_on, parse_postcode, wording, Donor, Method, Scope};
use time::macros::date;
use time::Date;

fn all_gifts(made_on: Date) -> Covering {
    Covering {
        scope: Scope::AllGifts,
        gift_id: None,
        made_on,
        method: Method::Written,
        confirmed_on: None,
        cancelled_on: None,
        taxpayer_confirmed: true,
        non_uk: false,
    }
}

fn gift(received: Date) -> GiftFacts<'static> {
    GiftFacts {
        id: "g1",
        currency: "GBP",
        amount_minor: 1000,
        received,
        claimed: false,
    }
}

#[test]
fn gift_aid_is_a_quarter_rounded_down() {
    assert_eq!(gift_aid_on(1000), 250);
    assert_eq!(gift_aid_on(1003), 250);
    assert_eq!(gift_aid_on(1), 0);
    let d = [all_gifts(date!(2026 - 01 - 01))];
    assert_eq!(eligibility(&gift(date!(2026 - 02 - 01)), &d), Ok(250));
}

#[test]
fn only_sterling_positive_unclaimed_gifts() {
    let d = [all_gifts(date!(2026 - 01 - 01))];
    let mut g = gift(date!(2026 - 02 - 01));
    g.currency = "EUR";
    assert_eq!(eligibility(&g, &d), Err(Ineligible::NotSterling));
    let mut g = gift(date!(2026 - 02 - 01));
    g.claimed = true;
    assert_eq!(eligibility(&g, &d), Err(Ineligible::AlreadyClaimed));
    let mut g = gift(date!(2026 - 02 - 01));
    g.amount_minor = 0;
    assert_eq!(eligibility(&g, &d), Err(Ineligible::NoAmount));
    assert_eq!(
        eligibility(&gift(date!(2026 - 02 - 01)), &[]),
        Err(Ineligible::NoDeclaration)
    );
}

#[test]
fn the_four_year_look_back_starts_on_the_same_day_four_years_before() {
    let d = [all_gifts(date!(2026 - 03 - 10))];
    assert_eq!(eligibility(&gift(date!(2022 - 03 - 10)), &d), Ok(250));
    assert_eq!(
        eligibility(&gift(date!(2022 - 03 - 09)), &d),
        Err(Ineligible::BeforeLookBack)
    );
    assert_eq!(
        four_years_before(date!(2104 - 02 - 29)),
        date!(2100 - 02 - 28)
    );
    // A gift long after the declaration is covered: it is for future gifts too.
    assert_eq!(eligibility(&gift(date!(2031 - 01 - 01)), &d), Ok(250));
}

#[test]
fn a_one_gift_declaration_covers_its_gift_only() {
    let mut d = all_gifts(date!(2026 - 03 - 10));
    d.scope = Scope::ThisGift;
    d.gift_id = Some("g1".into());
    assert_eq!(
        eligibility(&gift(date!(2026 - 03 - 10)), &[d.clone()]),
        Ok(250)
    );
    let mut other = gift(date!(2026 - 03 - 10));
    other.id = "g2";
    assert_eq!(eligibility(&other, &[d]), Err(Ineligible::OtherGift));
}

#[test]
fn a_cancelled_declaration_covers_gifts_received_before_the_day_it_ended() {
    let mut d = all_gifts(date!(2026 - 01 - 01));
    d.cancelled_on = Some(date!(2026 - 06 - 01));
    let d = [d];
    assert_eq!(eligibility(&gift(date!(2026 - 05 - 31)), &d), Ok(250));
    assert_eq!(
        eligibility(&gift(date!(2026 - 06 - 01)), &d),
        Err(Ineligible::Cancelled)
    );
}

#[test]
fn oral_declarations_count_once_confirmed_in_writing() {
    let mut d = all_gifts(date!(2026 - 01 - 01));
    d.method = Method::Oral;
    assert_eq!(
        eligibility(&gift(date!(2026 - 02 - 01)), &[d.clone()]),
        Err(Ineligible::OralUnconfirmed)
    );
    d.confirmed_on = Some(date!(2026 - 01 - 03));
    assert_eq!(eligibility(&gift(date!(2026 - 02 - 01)), &[d]), Ok(250));
}

#[test]
fn taxpayer_and_uk_address_are_required() {
    let mut d = all_gifts(date!(2026 - 01 - 01));
    d.taxpayer_confirmed = false;
    assert_eq!(
        eligibility(&gift(date!(2026 - 02 - 01)), &[d]),
        Err(Ineligible::NotTaxpayer)
    );
    let mut d = all_gifts(date!(2026 - 01 - 01));
    d.non_uk = true;
    assert_eq!(
        eligibility(&gift(date!(2026 - 02 - 01)), &[d]),
        Err(Ineligible::NonUk)
    );
}

#[test]
fn any_covering_declaration_is_enough_and_the_first_reason_is_given() {
    let mut cancelled = all_gifts(date!(2020 - 01 - 01));
    cancelled.cancelled_on = Some(date!(2021 - 01 - 01));
    let newer = all_gifts(date!(2026 - 01 - 01));
    let g = gift(date!(2025 - 01 - 01));
    assert_eq!(
        eligibility(&g, &[newer.clone(), cancelled.clone()]),
        Ok(250)
    );
    let late = gift(date!(2021 - 06 - 01));
    assert_eq!(
        eligibility(&late, &[newer, cancelled]),
        Err(Ineligible::BeforeLookBack)
    );
}

#[test]
fn donor_details_are_checked_naming_the_field() {
    let ok = Donor::parse("Mrs.", " Ann ", "Smith-Jones", "12", "s19 2bd", false).unwrap();
    assert_eq!(ok.title.as_deref(), Some("Mrs"));
    assert_eq!(ok.first_name, "Ann");
    assert_eq!(ok.postcode.as_deref(), Some("S19 2BD"));
    let field = |r: Result<Donor, crate::error::FieldError>| r.unwrap_err().field;
    assert_eq!(
        field(Donor::parse("Major", "A", "B", "1", "S19 2BD", false)),
        "title"
    );
    assert_eq!(
        field(Donor::parse("", "", "B", "1", "S19 2BD", false)),
        "first_name"
    );
    assert_eq!(
        field(Donor::parse(
            "",
            "A",
            &"x".repeat(36),
            "1",
            "S19 2BD",
            false
        )),
        "last_name"
    );
    assert_eq!(
        field(Donor::parse("", "A", "B", "=cmd", "S19 2BD", false)),
        "house"
    );
    assert_eq!(
        field(Donor::parse("", "A", "B", "1", "", false)),
        "postcode"
    );
    assert_eq!(
        field(Donor::parse("", "A", "B", "1", "12345", false)),
        "postcode"
    );
    assert_eq!(
        field(Donor::parse("", "A", "B", "1", "S19 2BD", true)),
        "postcode"
    );
    let abroad = Donor::parse("", "A", "B", "1", "", true).unwrap();
    assert_eq!(abroad.postcode, None);
    assert_eq!(parse_postcode("sw1a1aa").unwrap(), "SW1A 1AA");
    assert_eq!(parse_postcode("M1 1AE").unwrap(), "M1 1AE");
    assert!(format!("{ok:?}").contains("redacted"));
}

#[test]
fn schedule_rows_follow_hmrc_rules() {
    let d = Donor::parse(
        "Dr",
        "Zoë",
        "Smith-Jones",
        "Flat 2, Rose Court",
        "s19 2bd",
        false,
    )
    .unwrap();
    let r = row(&d, date!(2026 - 04 - 06), 2550);
    assert_eq!(
        r.cells,
        [
            "Dr",
            "Zoe",
            "Smith Jones",
            "Flat 2, Rose Court",
            "S19 2BD",
            "",
            "",
            "06/04/26",
            "25.50"
        ]
        .map(String::from)
    );
    assert_eq!(pounds(5), "0.05");
    let parts = csv_parts(&[r]);
    assert_eq!(parts.len(), 1);
    assert_eq!(
        parts[0],
        "Title,First name or initial,Last name,House name or number,Postcode,\
         Aggregated donations,Sponsored event,Donation date,Amount\r\n\
         Dr,Zoe,Smith Jones,\"Flat 2, Rose Court\",S19 2BD,,,06/04/26,25.50\r\n"
    );
}

#[test]
fn a_long_schedule_is_split_into_parts_of_at_most_1000_rows() {
    let d = Donor::parse("", "A", "B", "1", "S19 2BD", false).unwrap();
    let rows = vec![row(&d, date!(2026 - 04 - 06), 100); MAX_ROWS * 2 + 1];
    let parts = csv_parts(&rows);
    let lines: Vec<usize> = parts.iter().map(|p| p.lines().count()).collect();
    assert_eq!(lines, [1001, 1001, 2]);
    assert_eq!(csv_parts(&[]).len(), 1);
}

#[test]
fn the_wording_names_the_charity_and_the_scope() {
    let one = wording(Scope::ThisGift, "Freedom Trust");
    assert!(one.contains("I want to Gift Aid my donation to Freedom Trust."));
    let all = wording(Scope::AllGifts, "Freedom Trust");
    assert!(all.contains("in the past 4 years to Freedom Trust"));
    assert!(all.contains("I am a UK taxpayer"));
}
