//! Gifts: money a supporter gave, once or as a regular gift ("Freedom Partner" monthly
//! giving). Pure rules: currencies and their minor units, exact amounts, methods, frequencies
//! and when a regular gift is next due (`docs/supporters.md`, "Gifts").

use crate::error::FieldError;
use crate::ids::id_type;
use time::{Date, Month};

id_type!(
    /// Money received from a supporter.
    GiftId
);
id_type!(
    /// A supporter's standing promise to give every month, quarter or year.
    RegularGiftId
);

/// ISO 4217 codes in use, with the number of digits of their minor unit. Codes not listed
/// (funds, metals, testing codes) are refused.
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("UYU", 2),
    ("UZS", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// The largest amount accepted, in minor units (ten thousand million of the major unit for
/// two-digit currencies): far above any real gift, far below what an `i64` holds.
pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000;

/// An ISO 4217 currency code (three capital letters, one in use).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    code: &'static str,
    exponent: u8,
}

impl Currency {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let raw = raw.trim();
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == raw)
            .map(|&(code, exponent)| Currency { code, exponent })
            .ok_or_else(|| {
                FieldError::new(
                    "currency",
                    "must be an ISO 4217 code in use, in capitals (GBP, EUR, RON)",
                )
            })
    }

    pub fn as_str(self) -> &'static str {
        self.code
    }

    /// Digits of the minor unit (2 for GBP, 0 for JPY, 3 for KWD).
    pub fn exponent(self) -> u8 {
        self.exponent
    }

    /// An amount written in the major unit (`25`, `25.5`, `25.00`) in minor units, exactly:
    /// digits, at most as many decimals as the currency has, more than zero.
    pub fn minor_units(self, raw: &str) -> Result<i64, FieldError> {
        let bad = || {
            FieldError::new(
                "amount",
                format!(
                    "must be a positive amount like 25.00, with at most {} decimals",
                    self.exponent
                ),
            )
        };
        let raw = raw.trim();
        let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || whole.len() > 13
            || !digits(whole)
            || !digits(fraction)
            || fraction.len() > usize::from(self.exponent)
            || (raw.contains('.') && fraction.is_empty())
        {
            return Err(bad());
        }
        let mut minor: i64 = whole.parse().map_err(|_| bad())?;
        for i in 0..self.exponent {
            let d = fraction
                .as_bytes()
                .get(usize::from(i))
                .map_or(0, |b| b - b'0');
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(d)))
                .ok_or_else(bad)?;
        }
        if minor <= 0 || minor > MAX_AMOUNT_MINOR {
            return Err(bad());
        }
        Ok(minor)
    }

    /// Minor units written in the major unit (`2500` GBP → `25.00`), for pages and exports.
    pub fn format(self, minor: i64) -> String {
        let e = u32::from(self.exponent);
        if e == 0 {
            return minor.to_string();
        }
        let unit = 10i64.pow(e);
        format!(
            "{}.{:0width$}",
            minor / unit,
            (minor % unit).abs(),
            width = e as usize
        )
    }
}

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident, $field:literal, $($variant:ident => $code:literal),+ $(,)?) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(raw: &str) -> Result<Self, FieldError> {
                let raw = raw.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == raw).ok_or_else(|| {
                    let codes: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    FieldError::new($field, format!("must be one of {}", codes.join(", ")))
                })
            }
        }
    };
}

code_enum!(
    /// How the money came.
    GiftMethod, "method",
    Card => "card",
    DirectDebit => "direct_debit",
    BankTransfer => "bank_transfer",
    StandingOrder => "standing_order",
    Cash => "cash",
    Cheque => "cheque",
    Other => "other",
);

code_enum!(
    /// How often a regular gift is given.
    Frequency, "frequency",
    Monthly => "monthly",
    Quarterly => "quarterly",
    Annual => "annual",
);

code_enum!(
    /// Who ended a regular gift.
    CancelledBy, "cancelled_by",
    Staff => "staff",
    Donor => "donor",
    Provider => "provider",
);

impl Frequency {
    fn months(self) -> u8 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::Annual => 12,
        }
    }

    /// The date one period after `d`, on the same day of the month or the month's last day
    /// (31 January monthly → 28 or 29 February).
    pub fn after(self, d: Date) -> Date {
        let months = i32::from(d.month() as u8) - 1 + i32::from(self.months());
        let year = d.year() + months / 12;
        let month = Month::try_from((months % 12 + 1) as u8).unwrap_or(Month::December);
        let last = month.length(year);
        Date::from_calendar_date(year, month, d.day().min(last)).unwrap_or(d)
    }

    /// When the regular gift is next due after a payment received on `received`, from the
    /// date it was due: the first due date after the payment (a late payment does not leave
    /// the schedule behind; an early one does not skip a period twice).
    pub fn next_due(self, due: Date, received: Date) -> Date {
        let mut next = due;
        // Bounded: a century of months.
        for _ in 0..1200 {
            if next > received {
                return next;
            }
            next = self.after(next);
        }
        next
    }
}

/// A gift as staff, an import or the provider report it: the money, without the donor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewGift {
    pub amount_minor: i64,
    pub currency: Currency,
    pub method: GiftMethod,
    pub received: Date,
    /// Set when the gift is one payment of a regular gift given this often: the store links
    /// it to the donor's active regular gift of that amount, currency and frequency, or
    /// starts one.
    pub frequency: Option<Frequency>,
}

/// A date written YYYY-MM-DD.
pub fn parse_date(field: &str, raw: &str) -> Result<Date, FieldError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(raw.trim(), &format)
        .map_err(|_| FieldError::new(field, "must be a date written YYYY-MM-DD"))
}

/// A provider's short code (`stripe`, `bank`): 1 to 40 lowercase letters, digits, `-`, `_`.
/// Stored as written, so it can hold nothing else.
pub fn parse_provider(raw: &str) -> Result<String, FieldError> {
    let raw = raw.trim();
    let ok = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_';
    if raw.is_empty() || raw.len() > 40 || !raw.bytes().all(ok) {
        return Err(FieldError::new(
            "provider",
            "must be 1 to 40 lowercase letters, digits, - or _",
        ));
    }
    Ok(raw.to_owned())
}

/// A provider's id of a payment or subscription: 1 to 100 printable ASCII characters (a
/// bank's reference may hold spaces). Kept only as a keyed hash in the store, but bounded
/// all the same.
pub fn parse_reference(field: &str, raw: &str) -> Result<String, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 100 || !raw.bytes().all(|b| b == b' ' || b.is_ascii_graphic())
    {
        return Err(FieldError::new(
            field,
            "must be 1 to 100 printable ASCII characters",
        ));
    }
    Ok(raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn amounts_are_converted_exactly_by_the_currency_exponent() {
        let gbp = Currency::parse("GBP").unwrap();
        assert_eq!(gbp.minor_units("25.00").unwrap(), 2500);
        assert_eq!(gbp.minor_units("25.5").unwrap(), 2550);
        assert_eq!(gbp.minor_units("25").unwrap(), 2500);
        assert_eq!(gbp.minor_units("0.10").unwrap(), 10);
        for bad in [
            "", "0", "0.00", "25.001", "-5", "25.", ".5", "2,50", "1e3", "25.0x",
        ] {
            assert!(gbp.minor_units(bad).is_err(), "{bad:?}");
        }
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(jpy.minor_units("500").unwrap(), 500);
        assert!(jpy.minor_units("500.0").is_err());
        let kwd = Currency::parse("KWD").unwrap();
        assert_eq!(kwd.minor_units("1.234").unwrap(), 1234);
        assert_eq!(kwd.format(1234), "1.234");
        assert_eq!(gbp.format(2505), "25.05");
        assert_eq!(jpy.format(500), "500");
        assert!(gbp.minor_units("99999999999999").is_err());
        for bad in ["gbp", "XXX", "GB", "EURO"] {
            assert!(Currency::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_regular_gift_moves_on_one_period_past_each_payment() {
        let m = Frequency::Monthly;
        assert_eq!(m.after(date!(2026 - 01 - 31)), date!(2026 - 02 - 28));
        assert_eq!(m.after(date!(2026 - 12 - 15)), date!(2027 - 01 - 15));
        assert_eq!(
            Frequency::Quarterly.after(date!(2026 - 11 - 30)),
            date!(2027 - 02 - 28)
        );
        assert_eq!(
            Frequency::Annual.after(date!(2028 - 02 - 29)),
            date!(2029 - 02 - 28)
        );
        assert_eq!(
            m.next_due(date!(2026 - 03 - 01), date!(2026 - 03 - 03)),
            date!(2026 - 04 - 01)
        );
        assert_eq!(
            m.next_due(date!(2026 - 03 - 01), date!(2026 - 02 - 27)),
            date!(2026 - 03 - 01)
        );
        assert_eq!(
            m.next_due(date!(2026 - 03 - 01), date!(2026 - 05 - 10)),
            date!(2026 - 06 - 01)
        );
    }

    proptest::proptest! {
        /// Any amount written in the major unit reads back to the same minor units, in every
        /// currency; arbitrary text never panics.
        #[test]
        fn amounts_round_trip(minor in 1i64..=MAX_AMOUNT_MINOR, pick in 0usize..CURRENCIES.len(),
                              junk in ".{0,20}") {
            let c = Currency::parse(CURRENCIES[pick].0).unwrap();
            proptest::prop_assert_eq!(c.minor_units(&c.format(minor)).unwrap(), minor);
            let _ = c.minor_units(&junk);
        }
    }

    #[test]
    fn codes_are_named_in_the_error() {
        assert_eq!(
            GiftMethod::parse("direct_debit").unwrap(),
            GiftMethod::DirectDebit
        );
        let e = GiftMethod::parse("paypal").unwrap_err();
        assert_eq!(e.field, "method");
        assert!(e.message.contains("standing_order"));
        assert_eq!(Frequency::parse("annual").unwrap(), Frequency::Annual);
        assert!(parse_date("received", "2026-02-30").is_err());
        assert!(parse_reference("provider_id", "a\tb").is_err());
        assert!(parse_reference("provider_id", "TX 1 J DONOR").is_ok());
        assert!(parse_provider("Stripe").is_err());
        assert_eq!(parse_provider(" gocardless ").unwrap(), "gocardless");
    }
}
