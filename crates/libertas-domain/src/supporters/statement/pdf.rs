//! The statement drawn as a PDF with `krilla`: A4, one embedded font (DejaVu Sans, which
//! covers Latin with Romanian diacritics and Cyrillic; subset by krilla to the glyphs used),
//! text only. The font and its licence are in `crates/libertas-domain/fonts/`.

use super::{format_amount, format_date, Statement};
use crate::i18n::{t, t_args};
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::Document;

/// DejaVu Sans 2.37 (Debian's fonts-dejavu-core); licence in `fonts/LICENSE-DejaVu.txt`.
static FONT: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");

/// Drawing the PDF failed (the embedded font did not load, or krilla refused the document):
/// a fault of the program, never of the data.
#[derive(Debug, thiserror::Error)]
#[error("statement PDF: {0}")]
pub struct RenderError(String);

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const LEFT: f32 = 56.0;
const BOTTOM: f32 = HEIGHT - 64.0;
/// Columns of the gift table: date, amount, method.
const COLUMNS: [f32; 3] = [LEFT, 230.0, 380.0];
/// Characters per line of running text at 10 pt (DejaVu Sans averages about 0.55 em).
const WRAP: usize = 86;

/// Lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// What goes on the pages, line by line: (x, size, text, advance after).
struct Line {
    x: f32,
    size: f32,
    text: String,
    advance: f32,
}

fn line(x: f32, size: f32, text: impl Into<String>, advance: f32) -> Line {
    Line {
        x,
        size,
        text: text.into(),
        advance,
    }
}

/// The statement's lines in reading order (a row of the table is three lines at one height:
/// `advance` 0 keeps the next one on the same line).
fn lines(s: &Statement) -> Vec<Line> {
    let l = s.lang;
    let year = s.year.to_string();
    let mut out = vec![
        line(LEFT, 16.0, s.organisation.clone(), 26.0),
        line(
            LEFT,
            13.0,
            t_args(l, "statement-title", &[("year", &year)]),
            24.0,
        ),
        line(LEFT, 10.0, t(l, "statement-donor"), 14.0),
    ];
    if let Some(name) = &s.donor_name {
        out.push(line(LEFT, 11.0, name.clone(), 15.0));
    }
    out.push(line(LEFT, 11.0, s.donor_email.clone(), 20.0));
    out.push(line(
        LEFT,
        10.0,
        t_args(
            l,
            "statement-issued",
            &[("date", &format_date(l, s.issued))],
        ),
        24.0,
    ));
    let headings = ["statement-date", "statement-amount", "statement-method"];
    for (i, h) in headings.iter().enumerate() {
        let advance = if i == 2 { 18.0 } else { 0.0 };
        out.push(line(COLUMNS[i], 10.0, t(l, h), advance));
    }
    for g in &s.gifts {
        out.push(line(COLUMNS[0], 10.0, format_date(l, g.received), 0.0));
        out.push(line(
            COLUMNS[1],
            10.0,
            format_amount(l, g.currency, g.amount_minor),
            0.0,
        ));
        out.push(line(
            COLUMNS[2],
            10.0,
            t(l, &format!("gifts-method-{}", g.method.as_str())),
            15.0,
        ));
    }
    out.push(line(LEFT, 10.0, String::new(), 8.0));
    for (currency, total) in s.totals() {
        out.push(line(COLUMNS[0], 11.0, t(l, "statement-total"), 0.0));
        out.push(line(
            COLUMNS[1],
            11.0,
            format_amount(l, currency, total),
            16.0,
        ));
    }
    out.push(line(LEFT, 10.0, String::new(), 12.0));
    let count = s.gifts.len().to_string();
    for id in ["statement-thanks", "statement-legal"] {
        let text = t_args(
            l,
            id,
            &[
                ("organisation", &s.organisation),
                ("year", &year),
                ("count", &count),
            ],
        );
        for w in wrap(&text, WRAP) {
            out.push(line(LEFT, 10.0, w, 14.0));
        }
        out.push(line(LEFT, 10.0, String::new(), 6.0));
    }
    out
}

/// The statement as a PDF document (the bytes start with `%PDF`).
pub fn render(s: &Statement) -> Result<Vec<u8>, RenderError> {
    let font = Font::new(FONT.into(), 0).ok_or_else(|| RenderError("font".into()))?;
    let settings =
        || PageSettings::from_wh(WIDTH, HEIGHT).ok_or_else(|| RenderError("page size".into()));
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(t_args(
                s.lang,
                "statement-title",
                &[("year", &s.year.to_string())],
            ))
            .language(s.lang.code().to_owned())
            .creator("Libertas".to_owned()),
    );
    let all = lines(s);
    let mut rest = all.as_slice();
    while !rest.is_empty() {
        let mut page = document.start_page_with(settings()?);
        let mut surface = page.surface();
        let mut y = 72.0;
        while let Some((l, more)) = rest.split_first() {
            // A new page only between rows, never inside one.
            if y > BOTTOM && l.x == LEFT {
                break;
            }
            if !l.text.is_empty() {
                surface.draw_text(
                    Point::from_xy(l.x, y),
                    font.clone(),
                    l.size,
                    &l.text,
                    false,
                    TextDirection::Auto,
                );
            }
            y += l.advance;
            rest = more;
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| RenderError(format!("{e:?}")))
}
