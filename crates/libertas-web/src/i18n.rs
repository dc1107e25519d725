//! Choosing the language of a page: `?lang=` (remembered in a cookie for signed-in staff
//! only; public pages carry it in their links and forms), the `lang` cookie, then the
//! browser's `Accept-Language`.
//!
//! Dates, times, numbers and money are written the way the reader's language writes them
//! ([`Tr::date`], [`Tr::datetime`], [`Tr::number`], [`Tr::decimal`], [`Tr::money`]), to the
//! minute, in the organisation's time zone (`time_zone` in `libertas.toml`, kept at hand for
//! the request by [`keep_zone`]). Four languages need only their separators and date order, so
//! this is a table here rather than ICU's data; templates keep the ISO value in
//! `<time datetime>`. Pages only: the API, CSV and form values (`<input type=date>`) stay ISO.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use libertas_domain::i18n::{self, Lang};
use std::sync::Arc;

/// The language of this request, and the translator templates use.
#[derive(Clone, Copy, Debug)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    /// The message `id`.
    pub fn get(&self, id: &str) -> String {
        i18n::t(self.lang, id)
    }

    /// The message `id` with one argument.
    pub fn arg(&self, id: &str, name: &str, value: &str) -> String {
        i18n::t_args(self.lang, id, &[(name, value)])
    }

    /// The name of `code` in the code list `list` (`staff-role`, `workflow-status`, `gender`…):
    /// the message `{list}-{code}`. Every code shown to a person goes through here or its
    /// own message, never raw.
    pub fn label(&self, list: &str, code: &str) -> String {
        self.get(&format!("{list}-{code}"))
    }

    /// A whole number with the language's group separator: `12,345`, `12.345`, `12 345`
    /// (narrow no-break space in Ukrainian and Russian).
    pub fn number(&self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let sep = self.separators().0;
        let mut out = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(d);
        }
        if n < 0 {
            out.insert(0, '-');
        }
        out
    }

    /// A figure with `places` decimals (a score, a mean): `2.50`, `2,50`; groups as
    /// [`Tr::number`].
    pub fn decimal(&self, x: f64, places: usize) -> String {
        let fixed = format!("{:.*}", places, x.abs());
        let (whole, fraction) = fixed.split_once('.').unwrap_or((fixed.as_str(), ""));
        let grouped = self.number(whole.parse::<i64>().unwrap_or(0));
        let sign = if x < 0.0 && fixed.chars().any(|c| ('1'..='9').contains(&c)) {
            "-"
        } else {
            ""
        };
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{}{fraction}", self.separators().1)
        }
    }

    /// An amount in minor units (pence, bani) of `currency` (ISO 4217, two decimals):
    /// `GBP 1,985.00`, `1.985,00 GBP`, `1 985,00 GBP`.
    pub fn money(&self, amount_minor: i64, currency: &str) -> String {
        let (_, decimal) = self.separators();
        let whole = self.number(amount_minor / 100);
        let cents = (amount_minor % 100).unsigned_abs();
        let sign = if amount_minor < 0 && amount_minor > -100 {
            "-"
        } else {
            ""
        };
        let amount = format!("{sign}{whole}{decimal}{cents:02}");
        match self.lang {
            Lang::En => format!("{currency}\u{a0}{amount}"),
            _ => format!("{amount}\u{a0}{currency}"),
        }
    }

    /// A day (`YYYY-MM-DD`, or the day of a stored time in the organisation's zone):
    /// `21/11/2026` in English, `21.11.2026` in the others. Unreadable text comes back as is.
    pub fn date(&self, stored: &str) -> String {
        let day = match in_zone(stored) {
            Some(z) => z.date(),
            None => match stored
                .get(..10)
                .and_then(|d| d.parse::<jiff::civil::Date>().ok())
            {
                Some(d) => d,
                None => return stored.to_owned(),
            },
        };
        let sep = if self.lang == Lang::En { '/' } else { '.' };
        format!("{:02}{sep}{:02}{sep}{}", day.day(), day.month(), day.year())
    }

    /// A stored UTC time, to the minute, in the organisation's zone with its abbreviation:
    /// `21/11/2026 10:04 GMT`, `21.11.2026 12:04 EET`. Never seconds or microseconds.
    pub fn datetime(&self, stored: &str) -> String {
        match in_zone(stored) {
            Some(z) => format!("{} {}", self.date(stored), z.strftime("%H:%M %Z")),
            None => stored.to_owned(),
        }
    }

    /// `text` with every amount the store wrote as `2500.00 GBP` (`amount_text` and an ISO
    /// 4217 code, as in the timeline's sentences) written by [`Tr::money`] instead, for pages;
    /// everything else is left as it is.
    pub fn amounts_in(&self, text: &str) -> String {
        let b = text.as_bytes();
        let mut out = String::with_capacity(text.len());
        let (mut i, mut copied) = (0, 0);
        while i < b.len() {
            let starts = b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
            if !starts || (i > 0 && b[i - 1] == b'.') {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let code = j + 4;
            let end = code + 3;
            let matches = end <= b.len()
                && b[j] == b'.'
                && b[j + 1..j + 3].iter().all(u8::is_ascii_digit)
                && b[j + 3] == b' '
                && b[code..end].iter().all(u8::is_ascii_uppercase)
                && (end == b.len() || !b[end].is_ascii_alphanumeric());
            let minor = matches
                .then(|| text[i..j + 3].replace('.', "").parse::<i64>().ok())
                .flatten();
            match minor {
                Some(minor) => {
                    let negative = i > 0 && b[i - 1] == b'-';
                    let from = if negative { i - 1 } else { i };
                    out.push_str(&text[copied..from]);
                    let minor = if negative { -minor } else { minor };
                    out.push_str(&self.money(minor, &text[code..end]));
                    copied = end;
                    i = end;
                }
                None => i = j,
            }
        }
        out.push_str(&text[copied..]);
        out
    }

    /// The group and decimal separators of this language.
    fn separators(&self) -> (&'static str, &'static str) {
        match self.lang {
            Lang::En => (",", "."),
            Lang::Ro => (".", ","),
            Lang::Uk | Lang::Ru => ("\u{202f}", ","),
        }
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// The language switch: every language, each linking to this very page and query with
    /// only `lang` changed, so switching keeps a list's filters and a form's context.
    pub fn languages(&self) -> Vec<LangLink> {
        let query = QUERY.try_with(Arc::clone).unwrap_or_default();
        Lang::ALL
            .into_iter()
            .map(|lang| LangLink {
                code: lang.code(),
                name: lang.native_name(),
                href: with_lang(&query, lang),
                current: lang == self.lang,
            })
            .collect()
    }
}

/// One entry of the language switch.
pub struct LangLink {
    pub code: &'static str,
    /// The language's name in itself (`Română`).
    pub name: &'static str,
    /// `?…&lang=ro`: the current query with `lang` replaced.
    pub href: String,
    pub current: bool,
}

tokio::task_local! {
    /// The query string of the request being answered, for [`Tr::languages`].
    static QUERY: Arc<str>;
}

/// Middleware: keeps the request's query string at hand while the page is built, so the
/// language switch can link to the same page with the same filters.
pub async fn keep_query(req: Request, next: Next) -> Response {
    let query: Arc<str> = Arc::from(req.uri().query().unwrap_or(""));
    QUERY.scope(query, next.run(req)).await
}

tokio::task_local! {
    /// The organisation's time zone, for the request being answered.
    static ZONE: jiff::tz::TimeZone;
}

/// Middleware: keeps the organisation's time zone at hand while the page is built.
pub async fn keep_zone(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    req: Request,
    next: Next,
) -> Response {
    ZONE.scope(state.config.time_zone.clone(), next.run(req))
        .await
}

/// The time zone named `name` in the IANA database (`Europe/London`), for `libertas.toml`'s
/// `time_zone`; the error says what was wrong, for the start-up message.
pub fn parse_time_zone(name: &str) -> Result<jiff::tz::TimeZone, String> {
    jiff::tz::TimeZone::get(name).map_err(|_| {
        format!("{name:?} is not a time zone of the IANA database, such as Europe/London or UTC")
    })
}

/// A stored UTC time (`2026-11-21T10:04:05.123456Z`) in the organisation's zone (UTC outside
/// a request).
pub fn in_zone(stored: &str) -> Option<jiff::Zoned> {
    let at: jiff::Timestamp = stored.parse().ok()?;
    let zone = ZONE
        .try_with(Clone::clone)
        .unwrap_or(jiff::tz::TimeZone::UTC);
    Some(at.to_zoned(zone))
}

/// A time typed in a `datetime-local` field (`YYYY-MM-DDTHH:MM`), read in the organisation's
/// zone (as [`Tr::datetime`] shows times), as an instant; `None` if it is no such time.
pub fn typed_local_time(typed: &str) -> Option<time::OffsetDateTime> {
    let civil: jiff::civil::DateTime = typed.trim().parse().ok()?;
    let zone = ZONE
        .try_with(Clone::clone)
        .unwrap_or(jiff::tz::TimeZone::UTC);
    let at = civil.to_zoned(zone).ok()?.timestamp();
    time::OffsetDateTime::from_unix_timestamp(at.as_second()).ok()
}

/// `query` with every `lang` parameter dropped and `lang` set to `lang`, as `?…`.
fn with_lang(query: &str, lang: Lang) -> String {
    let mut out = form_urlencoded::Serializer::for_suffix(String::from("?"), 1);
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k != "lang" {
            out.append_pair(&k, &v);
        }
    }
    out.append_pair("lang", lang.code());
    out.finish()
}

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr {
            lang: lang_of(parts),
        })
    }
}

pub fn lang_of(parts: &Parts) -> Lang {
    let from_query = parts.uri.query().and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "lang")
            .and_then(|(_, v)| Lang::from_code(v))
    });
    if let Some(l) = from_query {
        return l;
    }
    let from_cookie = crate::http::cookie(&parts.headers, "lang").and_then(|v| Lang::from_code(&v));
    if let Some(l) = from_cookie {
        return l;
    }
    parts
        .headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::negotiate)
        .unwrap_or_default()
}

/// The language for responses built without the request parts at hand.
pub fn lang_from_headers(headers: &axum::http::HeaderMap) -> Lang {
    if let Some(l) = crate::http::cookie(headers, "lang").and_then(|v| Lang::from_code(&v)) {
        return l;
    }
    headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::negotiate)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_money_per_language() {
        let [en, ro, uk, ru] = Lang::ALL.map(|lang| Tr { lang });
        assert_eq!(en.number(1234567), "1,234,567");
        assert_eq!(ro.number(-1234), "-1.234");
        assert_eq!(uk.number(999), "999");
        assert_eq!(ru.number(12345), "12\u{202f}345");
        assert_eq!(en.money(198500, "GBP"), "GBP\u{a0}1,985.00");
        assert_eq!(ro.money(198500, "GBP"), "1.985,00\u{a0}GBP");
        assert_eq!(uk.money(198505, "UAH"), "1\u{202f}985,05\u{a0}UAH");
        assert_eq!(ru.money(-50, "EUR"), "-0,50\u{a0}EUR");
        assert_eq!(en.money(-12345, "EUR"), "EUR\u{a0}-123.45");
        assert_eq!(en.decimal(2.5, 2), "2.50");
        assert_eq!(ro.decimal(1234.567, 1), "1.234,6");
        assert_eq!(uk.decimal(-0.004, 2), "0,00");
        assert_eq!(ru.decimal(-3.0, 0), "-3");
    }

    #[test]
    fn amounts_written_by_the_store_are_written_per_language() {
        let [en, ro, ..] = Lang::ALL.map(|lang| Tr { lang });
        let text = "Ana Pop: 2500.00 GBP, Ion: 198500.05 EUR";
        assert_eq!(
            ro.amounts_in(text),
            "Ana Pop: 2.500,00\u{a0}GBP, Ion: 198.500,05\u{a0}EUR"
        );
        assert_eq!(en.amounts_in("1985.00 GBP"), "GBP\u{a0}1,985.00");
        assert_eq!(ro.amounts_in("-0.50 EUR"), "-0,50\u{a0}EUR");
        for kept in [
            "none",
            "2500.00 gbp",
            "v1.00 GBP",
            "12.5 GBP",
            "3.00 GBPX",
            "10.00 GB",
            "7.0",
            "7.00 G",
        ] {
            assert_eq!(ro.amounts_in(kept), kept);
        }
    }

    #[tokio::test]
    async fn times_to_the_minute_in_the_organisations_zone() {
        let [en, ro, ..] = Lang::ALL.map(|lang| Tr { lang });
        let winter = "2026-11-21T10:04:05.123456Z";
        let summer = "2026-07-01T23:30:00.000000Z";
        assert_eq!(en.datetime(winter), "21/11/2026 10:04 UTC");
        let london = parse_time_zone("Europe/London").unwrap();
        ZONE.scope(london, async {
            assert_eq!(en.datetime(winter), "21/11/2026 10:04 GMT");
            assert_eq!(en.datetime(summer), "02/07/2026 00:30 BST");
            assert_eq!(ro.date(summer), "02.07.2026", "the day where the reader is");
        })
        .await;
        let bucharest = parse_time_zone("Europe/Bucharest").unwrap();
        ZONE.scope(bucharest, async {
            assert_eq!(ro.datetime(winter), "21.11.2026 12:04 EET");
        })
        .await;
        assert_eq!(ro.date("2026-03-09"), "09.03.2026");
        assert_eq!(en.date("not a date"), "not a date");
        assert!(parse_time_zone("Europe/Londn").is_err());
    }

    #[tokio::test]
    async fn a_typed_time_is_read_in_the_organisations_zone() {
        let at = |s| typed_local_time(s).map(|t| t.unix_timestamp());
        // 2026-12-24 09:00 UTC is 1798102800.
        assert_eq!(at("2026-12-24T09:00"), Some(1_798_102_800));
        let bucharest = parse_time_zone("Europe/Bucharest").unwrap();
        ZONE.scope(bucharest, async {
            assert_eq!(at("2026-12-24T11:00"), Some(1_798_102_800));
        })
        .await;
        assert_eq!(at("tomorrow"), None);
        assert_eq!(at("2026-02-30T09:00"), None);
    }

    #[test]
    fn the_switch_keeps_the_query_and_replaces_only_lang() {
        assert_eq!(with_lang("", Lang::Ro), "?lang=ro");
        assert_eq!(
            with_lang("status=open&lang=en&page=2&lang=uk", Lang::Ru),
            "?status=open&page=2&lang=ru"
        );
        assert_eq!(
            with_lang("q=a%20b%26c&to=2026-01-01", Lang::Uk),
            "?q=a+b%26c&to=2026-01-01&lang=uk"
        );
    }
}
