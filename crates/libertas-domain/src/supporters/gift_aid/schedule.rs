//! The claim schedule in the layout of HMRC's Gift Aid schedule spreadsheet (Charities
//! Online): one row per gift, the columns in the spreadsheet's order, at most
//! [`MAX_ROWS`] rows per schedule (a longer claim is split into parts, each attached to the
//! claim on its own).
//!
//! HMRC's rules for the values: title at most 4 characters; first name (or initial) and last
//! name at most 35 characters each, a double-barrelled last name with a space instead of the
//! hyphen; the postcode in capitals with a space (`S19 2BD`); the date DD/MM/YY; the amount
//! without a pound sign, two decimals; no leading or trailing spaces; a column that does not
//! apply left empty (never `0.00` or `n/a`). Names keep the donor's own capitals; letters
//! with accents are written without them (the schedule takes plain letters).

use super::Donor;
use time::Date;

/// HMRC's limit of donation rows in one schedule spreadsheet.
pub const MAX_ROWS: usize = 1000;

/// The spreadsheet's column headings, in its order.
pub const HEADINGS: [&str; 9] = [
    "Title",
    "First name or initial",
    "Last name",
    "House name or number",
    "Postcode",
    "Aggregated donations",
    "Sponsored event",
    "Donation date",
    "Amount",
];

/// One row of the schedule: a gift and its donor, written as HMRC wants them.
#[derive(Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: [String; 9],
}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Row(<redacted>)")
    }
}

/// The row of a gift of `amount_minor` pence received on `received` from `donor`.
pub fn row(donor: &Donor, received: Date, amount_minor: i64) -> Row {
    let date = format!(
        "{:02}/{:02}/{:02}",
        received.day(),
        u8::from(received.month()),
        received.year().rem_euclid(100)
    );
    Row {
        cells: [
            donor.title.clone().unwrap_or_default(),
            plain(&donor.first_name, false),
            plain(&donor.last_name, true),
            plain(&donor.house, false),
            donor.postcode.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            date,
            pounds(amount_minor),
        ],
    }
}

/// `12345` pence as `123.45`.
pub fn pounds(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, (minor % 100).abs())
}

/// A name as the schedule takes it: accents dropped, curly apostrophes straight, one space
/// between words, at most 35 characters; in a last name, hyphens become spaces.
fn plain(raw: &str, last_name: bool) -> String {
    let folded: String = raw
        .chars()
        .map(|c| match c {
            '-' if last_name => ' ',
            '’' => '\'',
            c => fold(c),
        })
        .collect();
    folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(35)
        .collect()
}

/// The plain letter of a Latin letter with an accent (the common ones); others unchanged.
fn fold(c: char) -> char {
    const FROM: &str = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŁłŚśŹźŻżĆćŃńŠšŽžČčŘřĎďŤťŇňĚěŮůĂăȘșȚțŞşŢţ";
    const TO: &str = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyyLlSsZzZzCcNnSsZzCcRrDdTtNnEeUuAaSsTtSsTt";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// The schedule as CSV files of at most [`MAX_ROWS`] rows each, every one with the
/// headings: one file for a short claim, several parts for a long one. No rows, one file
/// with the headings only.
pub fn csv_parts(rows: &[Row]) -> Vec<String> {
    let chunks: Vec<&[Row]> = if rows.is_empty() {
        vec![&[]]
    } else {
        rows.chunks(MAX_ROWS).collect()
    };
    chunks
        .into_iter()
        .map(|chunk| {
            let mut out = line(HEADINGS.iter().copied());
            for r in chunk {
                out.push_str(&line(r.cells.iter().map(String::as_str)));
            }
            out
        })
        .collect()
}

fn line<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let mut out = cells.map(cell).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// One CSV cell, quoted when it holds a comma, quote or line break (a house name may).
fn cell(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_owned()
    }
}
