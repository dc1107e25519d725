//! Reading a bank's or payment provider's report of gifts (`libertas supporters gifts
//! import FILE.csv`): CSV with a header naming the columns in any order. Every row is checked
//! before anything is written; the first bad one is named by line and field.

use super::{Origin, ReportedGift};
use crate::supporters::suppress::ReportError;
use libertas_domain::error::FieldError;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{
    parse_date, parse_provider, parse_reference, Currency, Frequency, GiftMethod, NewGift,
};
use libertas_domain::supporters::SupporterName;
use std::io::Read;

/// The columns a report must have; `name` and `frequency` may be added. Others are ignored.
pub const REQUIRED: [&str; 7] = [
    "provider",
    "provider_id",
    "email",
    "amount",
    "currency",
    "method",
    "received",
];

/// Reads a report: `provider`, `provider_id`, `email`, `amount` (in the major unit, `25.00`,
/// converted exactly by the currency's number of decimals), `currency` (ISO 4217), `method`,
/// `received` (YYYY-MM-DD), optionally `name` and `frequency` (monthly, quarterly, annual:
/// the gift pays a regular gift).
pub fn read_gifts(input: impl Read) -> Result<Vec<ReportedGift>, ReportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let at = |line: u64, field: &str, message: String| ReportError {
        line,
        field: field.into(),
        message,
    };
    let headers = reader
        .headers()
        .map_err(|e| at(1, "header", e.to_string()))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let mut cols = [0usize; 7];
    for (i, name) in REQUIRED.iter().enumerate() {
        cols[i] = column(name).ok_or_else(|| at(1, name, "no such column".into()))?;
    }
    let [provider_c, id_c, email_c, amount_c, currency_c, method_c, received_c] = cols;
    let name_c = column("name");
    let frequency_c = column("frequency");
    let mut out = vec![];
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            at(line, "row", e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |c: usize| record.get(c).unwrap_or("");
        let named = |e: FieldError| at(line, &e.field, e.message);
        let provider = parse_provider(get(provider_c)).map_err(named)?;
        let provider_id = parse_reference("provider_id", get(id_c)).map_err(named)?;
        let email = Email::parse(get(email_c)).map_err(|e| at(line, "email", e.message))?;
        let name = match name_c.map(get).map(str::trim) {
            None | Some("") => None,
            Some(n) => Some(SupporterName::parse(n).map_err(|e| at(line, "name", e.message))?),
        };
        let currency = Currency::parse(get(currency_c)).map_err(named)?;
        let amount_minor = currency.minor_units(get(amount_c)).map_err(named)?;
        let method = GiftMethod::parse(get(method_c)).map_err(named)?;
        let received = parse_date("received", get(received_c)).map_err(named)?;
        let frequency = match frequency_c.map(get).map(str::trim) {
            None | Some("") => None,
            Some(f) => Some(Frequency::parse(f).map_err(named)?),
        };
        out.push(ReportedGift {
            origin: Origin::Line(line),
            provider,
            provider_id,
            email,
            name,
            gift: NewGift {
                amount_minor,
                currency,
                method,
                received,
                frequency,
            },
            subscription: None,
        });
    }
    Ok(out)
}
