//! Annual giving statements: what a supporter gave in one calendar year, written in their
//! language with amounts and dates as that language writes them, and drawn as a PDF
//! (`pdf.rs`). Pure: the store gathers the gifts and the names, this module only writes
//! (`docs/supporters.md`, "Statements").

mod pdf;

pub use pdf::render;

use super::gifts::{Currency, GiftMethod};
use crate::i18n::Lang;
use time::Date;

/// One gift as the statement lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatementGift {
    pub received: Date,
    pub amount_minor: i64,
    pub currency: Currency,
    pub method: GiftMethod,
}

/// Everything a statement shows. Personal data: never logged (`Debug` is redacted).
#[derive(Clone, PartialEq, Eq)]
pub struct Statement {
    pub lang: Lang,
    pub organisation: String,
    /// The donor's name when they gave one.
    pub donor_name: Option<String>,
    /// The address the donor is known by (the only address the supporter store keeps).
    pub donor_email: String,
    pub year: i32,
    /// The gifts received in `year`, oldest first.
    pub gifts: Vec<StatementGift>,
    /// The day the statement was made (a parameter: the domain reads no clock).
    pub issued: Date,
}

impl std::fmt::Debug for Statement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Statement(<redacted>)")
    }
}

impl Statement {
    /// The total per currency, in the order each currency first appears (a donor who gave in
    /// two currencies gets two totals: no exchange rate is invented).
    pub fn totals(&self) -> Vec<(Currency, i64)> {
        let mut totals: Vec<(Currency, i64)> = Vec::new();
        for g in &self.gifts {
            match totals.iter_mut().find(|(c, _)| *c == g.currency) {
                Some((_, sum)) => *sum = sum.saturating_add(g.amount_minor),
                None => totals.push((g.currency, g.amount_minor)),
            }
        }
        totals
    }

    /// The attachment's file name: `statement-2025.pdf` (no name in it: file names travel
    /// into download folders and mail logs).
    pub fn file_name(year: i32) -> String {
        format!("statement-{year}.pdf")
    }
}

/// The no-break space that keeps an amount and its currency on one line.
const NBSP: char = '\u{a0}';

/// An amount as `lang` writes it, with the ISO code (no symbol table: `£` and `$` name
/// several currencies): en `GBP 1,234.50`, ro `1.234,50 GBP`, uk and ru `1 234,50 GBP`
/// (a no-break space groups the thousands, as CLDR has it).
pub fn format_amount(lang: Lang, currency: Currency, minor: i64) -> String {
    let plain = currency.format(minor);
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    let (negative, digits) = match whole.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, whole),
    };
    let (group, decimal) = match lang {
        Lang::En => (',', '.'),
        Lang::Ro => ('.', ','),
        Lang::Uk | Lang::Ru => (NBSP, ','),
    };
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    let mut number = String::new();
    if negative {
        number.push('-');
    }
    number.push_str(&grouped);
    if !fraction.is_empty() {
        number.push(decimal);
        number.push_str(fraction);
    }
    match lang {
        Lang::En => format!("{}{NBSP}{number}", currency.as_str()),
        _ => format!("{number}{NBSP}{}", currency.as_str()),
    }
}

/// Month names as a date writes them (the genitive in Ukrainian and Russian).
const MONTHS: [[&str; 12]; 4] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "ianuarie",
        "februarie",
        "martie",
        "aprilie",
        "mai",
        "iunie",
        "iulie",
        "august",
        "septembrie",
        "octombrie",
        "noiembrie",
        "decembrie",
    ],
    [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
    [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
];

/// A date as `lang` writes it in full: `5 March 2025`, `5 martie 2025`, `5 березня 2025 р.`,
/// `5 марта 2025 г.` (a month name is never misread as the day, as 05/03 is).
pub fn format_date(lang: Lang, d: Date) -> String {
    let row = match lang {
        Lang::En => 0,
        Lang::Ro => 1,
        Lang::Uk => 2,
        Lang::Ru => 3,
    };
    let month = MONTHS[row][usize::from(u8::from(d.month())) - 1];
    let suffix = match lang {
        Lang::Uk => " р.",
        Lang::Ru => " г.",
        _ => "",
    };
    format!("{} {month} {}{suffix}", d.day(), d.year())
}

#[cfg(test)]
mod tests;
