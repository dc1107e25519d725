//! Horizontal bar charts drawn on the server as SVG (no JavaScript, no inline style: the CSP
//! forbids both), each paired with a table of the same figures for screen readers.
//!
//! A bar is drawn from the same printed figure as its table cell and any key figure that
//! repeats it (all come from the store's protected table); a hidden figure has no bar and the
//! same "not shown" text everywhere, so a chart can never show what a table hides.

use libertas_store::stats::Cell;

pub const WIDTH: f64 = 640.0;
/// Room for the bar labels on the left and the values on the right.
const LABELS: f64 = 200.0;
const VALUES: f64 = 56.0;
const ROW: f64 = 28.0;
const BAR: f64 = 18.0;
const TOP: f64 = 8.0;

/// One bar: its label, its value as shown, and where it is drawn.
pub struct Bar {
    /// `chart.key`, marking the bar's value and its table cell in the page.
    pub key: String,
    pub label: String,
    pub value: String,
    /// Hidden counts have no bar, only the "<5" text.
    pub hidden: bool,
    pub y: String,
    pub text_y: String,
    pub width: String,
    pub value_x: String,
}

pub struct BarChart {
    pub id: &'static str,
    pub title: String,
    pub desc: String,
    pub height: String,
    pub label_x: String,
    pub bar_x: String,
    pub bars: Vec<Bar>,
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// Lays out `cells` as bars, labelled by `label(key)`, counts written by `number` (the
/// reader's group separator); hidden counts read `hidden`.
pub fn bars(
    id: &'static str,
    title: String,
    desc: String,
    cells: &[Cell],
    label: impl Fn(&str) -> String,
    number: impl Fn(u64) -> String,
    hidden: &str,
) -> BarChart {
    let max = cells
        .iter()
        .filter_map(|c| c.count)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let span = WIDTH - LABELS - VALUES;
    let bars = cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let y = TOP + i as f64 * ROW;
            let (w, value) = match c.count {
                Some(n) => (n as f64 / max * span, number(n)),
                None => (0.0, hidden.to_owned()),
            };
            Bar {
                key: format!("{id}.{}", c.key),
                label: label(c.key),
                value,
                hidden: c.count.is_none(),
                y: num(y),
                text_y: num(y + BAR / 2.0 + 4.0),
                width: num(w),
                value_x: num(LABELS + w + 6.0),
            }
        })
        .collect::<Vec<_>>();
    BarChart {
        id,
        title,
        desc,
        height: num(TOP * 2.0 + bars.len() as f64 * ROW),
        label_x: num(LABELS - 8.0),
        bar_x: num(LABELS),
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_hidden_counts_draw_no_bar() {
        let cells = [
            Cell {
                key: "a",
                count: Some(10),
            },
            Cell {
                key: "b",
                count: Some(5),
            },
            Cell {
                key: "c",
                count: None,
            },
        ];
        let c = bars(
            "x",
            "t".into(),
            "d".into(),
            &cells,
            |k| k.to_uppercase(),
            |n| n.to_string(),
            "-",
        );
        assert_eq!(c.bars[0].width, num(WIDTH - LABELS - VALUES));
        assert_eq!(c.bars[1].width, num((WIDTH - LABELS - VALUES) / 2.0));
        assert!(c.bars[2].hidden);
        assert_eq!(c.bars[2].value, "-");
        assert_eq!(
            (c.bars[0].label.as_str(), c.bars[0].key.as_str()),
            ("A", "x.a")
        );
    }
}
