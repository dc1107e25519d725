use super::*;
use crate::supporters::gifts::{Currency, GiftMethod};
use time::macros::date;

fn gbp() -> Currency {
    Currency::parse("GBP").unwrap()
}

fn statement(lang: Lang) -> Statement {
    let eur = Currency::parse("EUR").unwrap();
    Statement {
        lang,
        organisation: "Liberty Shelter Moldova".into(),
        donor_name: Some("Ioana Ștefănescu Петренко".into()),
        donor_email: "ioana@example.org".into(),
        year: 2025,
        gifts: vec![
            StatementGift {
                received: date!(2025 - 03 - 05),
                amount_minor: 2500,
                currency: gbp(),
                method: GiftMethod::Card,
            },
            StatementGift {
                received: date!(2025 - 07 - 14),
                amount_minor: 123_450,
                currency: gbp(),
                method: GiftMethod::BankTransfer,
            },
            StatementGift {
                received: date!(2025 - 11 - 30),
                amount_minor: 1000,
                currency: eur,
                method: GiftMethod::Cash,
            },
        ],
        issued: date!(2026 - 01 - 10),
    }
}

#[test]
fn amounts_are_written_as_each_language_writes_them() {
    let nb = |s: &str| s.replace(' ', "\u{a0}");
    assert_eq!(format_amount(Lang::En, gbp(), 123_450), nb("GBP 1,234.50"));
    assert_eq!(format_amount(Lang::Ro, gbp(), 123_450), nb("1.234,50 GBP"));
    assert_eq!(format_amount(Lang::Uk, gbp(), 123_450), nb("1 234,50 GBP"));
    assert_eq!(format_amount(Lang::Ru, gbp(), 2500), nb("25,00 GBP"));
    let jpy = Currency::parse("JPY").unwrap();
    assert_eq!(format_amount(Lang::En, jpy, 1_000_000), nb("JPY 1,000,000"));
    let kwd = Currency::parse("KWD").unwrap();
    assert_eq!(format_amount(Lang::Ro, kwd, 1234), nb("1,234 KWD"));
}

#[test]
fn dates_name_their_month() {
    let d = date!(2025 - 03 - 05);
    assert_eq!(format_date(Lang::En, d), "5 March 2025");
    assert_eq!(format_date(Lang::Ro, d), "5 martie 2025");
    assert_eq!(format_date(Lang::Uk, d), "5 березня 2025 р.");
    assert_eq!(format_date(Lang::Ru, d), "5 марта 2025 г.");
}

#[test]
fn totals_are_per_currency() {
    let s = statement(Lang::En);
    let totals = s.totals();
    assert_eq!(totals.len(), 2);
    assert_eq!(totals[0], (gbp(), 125_950));
    assert_eq!(totals[1].1, 1000);
}

/// The text `pdftotext` reads from `pdf`, no-break spaces as spaces; `None` (the test says it
/// was skipped) where poppler-utils is not installed, except under CI, which installs it.
pub(crate) fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("libertas-statement-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("s.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output();
    std::fs::remove_dir_all(&dir).ok();
    match out {
        Ok(o) => {
            assert!(o.status.success(), "pdftotext failed");
            Some(String::from_utf8(o.stdout).unwrap().replace('\u{a0}', " "))
        }
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: pdftotext (poppler-utils) is not installed");
            None
        }
        Err(e) => panic!("pdftotext: {e}"),
    }
}

fn check(lang: Lang, words: &[&str]) {
    let s = statement(lang);
    let pdf = render(&s).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let Some(text) = pdf_text(&pdf) else { return };
    let plain = |v: String| v.replace('\u{a0}', " ");
    let mut expected = vec![
        "Liberty Shelter Moldova".to_owned(),
        "Ioana Ștefănescu Петренко".to_owned(),
        "ioana@example.org".to_owned(),
    ];
    for g in &s.gifts {
        expected.push(plain(format_amount(lang, g.currency, g.amount_minor)));
        expected.push(format_date(lang, g.received));
    }
    for (c, total) in s.totals() {
        expected.push(plain(format_amount(lang, c, total)));
    }
    expected.extend(words.iter().map(|w| (*w).to_owned()));
    for e in expected {
        assert!(text.contains(&e), "{lang:?}: {e:?} not in:\n{text}");
    }
}

#[test]
fn the_english_pdf_shows_the_donor_every_gift_and_the_totals() {
    check(
        Lang::En,
        &[
            "Giving statement 2025",
            "GBP 1,259.50",
            "Bank transfer",
            "Total",
        ],
    );
}

#[test]
fn the_ukrainian_pdf_is_written_in_ukrainian() {
    check(
        Lang::Uk,
        &[
            "Довідка про пожертви за 2025 рік",
            "1 259,50 GBP",
            "Банківський переказ",
            "Разом",
        ],
    );
}

#[test]
fn the_romanian_and_russian_pdfs_render_their_letters() {
    check(Lang::Ro, &["Declarația donațiilor 2025", "1.259,50 GBP"]);
    check(Lang::Ru, &["Итого", "1 259,50 GBP"]);
}

#[test]
fn a_long_year_of_gifts_runs_onto_a_second_page() {
    let mut s = statement(Lang::En);
    let one = s.gifts[0];
    s.gifts = (0..80).map(|_| one).collect();
    let pdf = render(&s).unwrap();
    let Some(text) = pdf_text(&pdf) else { return };
    assert!(text.contains('\u{c}'), "one page only");
    assert!(text.contains("GBP 2,000.00"));
}
