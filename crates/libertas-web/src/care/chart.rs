//! The outcome scores over time as an inline SVG chart, drawn on the server.
//!
//! The page works without JavaScript and the CSP forbids inline styles, so the chart is
//! plain SVG with presentation attributes (`stroke`, `fill`), laid out here as numbers and
//! written by the `care/chart.html` template (escaped like any other template). Dates are
//! placed on a true time scale so uneven gaps between assessments show as such.

use crate::i18n::Tr;
use libertas_domain::care::DOMAINS;
use libertas_domain::cases::decisions::date_text;
use libertas_store::care::AssessmentView;

pub const WIDTH: f64 = 640.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 48.0;
const TOP: f64 = 16.0;
const PLOT_BOTTOM: f64 = 256.0;
/// Rows of the legend under the x axis, two entries per row.
const LEGEND_TOP: f64 = 300.0;
const LEGEND_ROW: f64 = 20.0;

/// Line colours (domains in `DOMAINS` order, then the overall score), chosen to stay apart
/// for the common colour-vision deficiencies; the overall line is also thicker.
const COLOURS: [&str; 7] = [
    "#0072b2", "#d55e00", "#cc79a7", "#e69f00", "#009e73", "#56b4e9", "#000000",
];

/// One line of the chart: a domain or the overall score.
pub struct Line {
    pub label: String,
    pub colour: &'static str,
    pub width: u8,
    /// `x,y x,y …` for the `points` attribute of a `<polyline>`.
    pub points: String,
    pub dots: Vec<(String, String)>,
    pub legend_x: String,
    pub legend_y: String,
}

/// A tick on an axis: its position and its label.
pub struct Tick {
    pub at: String,
    pub label: String,
}

pub struct Chart {
    pub height: String,
    pub lines: Vec<Line>,
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}

fn y_of(score: f64) -> f64 {
    PLOT_BOTTOM - (score - 1.0) / 3.0 * (PLOT_BOTTOM - TOP)
}

/// Lays out the chart for `list` (oldest first). `None` when there is nothing to draw.
pub fn build(t: &Tr, list: &[AssessmentView]) -> Option<Chart> {
    let first = list.first()?.assessed_on;
    let last = list.last()?.assessed_on;
    let span = (last - first).whole_days() as f64;
    let x_of = |d: time::Date| {
        if span <= 0.0 {
            (LEFT + WIDTH - RIGHT) / 2.0
        } else {
            LEFT + (d - first).whole_days() as f64 / span * (WIDTH - LEFT - RIGHT)
        }
    };
    let mut series: Vec<(String, Vec<f64>)> = DOMAINS
        .iter()
        .map(|d| {
            (
                t.get(&format!("care-domain-{}", d.key.replace('_', "-"))),
                vec![],
            )
        })
        .collect();
    series.push((t.get("care-overall"), vec![]));
    for a in list {
        let means = a.scores.domain_scores();
        for (i, m) in means.iter().enumerate() {
            if let Some(s) = series.get_mut(i) {
                s.1.push(*m);
            }
        }
        if let Some(s) = series.last_mut() {
            s.1.push(a.scores.overall());
        }
    }
    let overall = series.len() - 1;
    let lines = series
        .into_iter()
        .enumerate()
        .map(|(i, (label, values))| {
            let pts: Vec<(String, String)> = list
                .iter()
                .zip(values)
                .map(|(a, v)| (num(x_of(a.assessed_on)), num(y_of(v))))
                .collect();
            Line {
                label,
                colour: COLOURS.get(i).copied().unwrap_or("#000000"),
                width: if i == overall { 4 } else { 2 },
                points: pts
                    .iter()
                    .map(|(x, y)| format!("{x},{y}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                dots: pts,
                legend_x: num(LEFT + (i % 2) as f64 * 290.0),
                legend_y: num(LEGEND_TOP + (i / 2) as f64 * LEGEND_ROW),
            }
        })
        .collect::<Vec<_>>();
    let rows = lines.len().div_ceil(2) as f64;
    let mut x_ticks: Vec<Tick> = vec![];
    for a in list {
        let at = num(x_of(a.assessed_on));
        if x_ticks.last().is_none_or(|t| t.at != at) {
            x_ticks.push(Tick {
                at,
                label: t.date(&date_text(a.assessed_on)),
            });
        }
    }
    Some(Chart {
        height: num(LEGEND_TOP + rows * LEGEND_ROW),
        lines,
        x_ticks,
        y_ticks: (1..=4)
            .map(|s| Tick {
                at: num(y_of(f64::from(s))),
                label: s.to_string(),
            })
            .collect(),
    })
}

/// Fixed geometry the template needs (axis ends), as text for attributes.
pub struct Frame {
    pub left: String,
    pub right: String,
    pub top: String,
    pub bottom: String,
    pub width: String,
}

pub fn frame() -> Frame {
    Frame {
        left: num(LEFT),
        right: num(WIDTH - RIGHT),
        top: num(TOP),
        bottom: num(PLOT_BOTTOM),
        width: num(WIDTH),
    }
}
