//! A small horizontal bar chart drawn as SVG on the server: one bar per category, its label
//! and its number written beside it (so no bar is told apart by colour alone), each bar a
//! link to the list it counts. A table with the same numbers sits beside it for readers who
//! cannot see the chart.

/// Width of the drawing in SVG units; it scales to the page (`width="100%"`).
const WIDTH: u32 = 360;
/// Where the bars start (the labels sit left of it).
const BARS_LEFT: u32 = 150;
/// Room right of the longest bar for its number.
const NUMBER_ROOM: u32 = 40;
const ROW: u32 = 26;
const BAR_HEIGHT: u32 = 16;

/// One bar, ready to draw.
pub struct Bar {
    pub label: String,
    pub value: i64,
    /// The filtered list this bar counts.
    pub href: String,
    /// Top of the bar.
    pub y: u32,
    /// Middle of the bar, for the text.
    pub text_y: u32,
    pub width: u32,
    /// Where the number is written.
    pub value_x: u32,
}

/// A bar chart, ready to draw.
pub struct BarChart {
    /// A unique id prefix for the chart's title and description.
    pub id: &'static str,
    pub title: String,
    pub desc: String,
    pub width: u32,
    pub height: u32,
    pub bars_left: u32,
    pub bars: Vec<Bar>,
}

impl BarChart {
    /// Lays out `(label, value, href)` rows; the longest bar fills the width.
    pub fn new(
        id: &'static str,
        title: String,
        desc: String,
        rows: Vec<(String, i64, String)>,
    ) -> Self {
        let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
        let room = WIDTH - BARS_LEFT - NUMBER_ROOM;
        let bars: Vec<Bar> = rows
            .into_iter()
            .zip(0u32..)
            .map(|((label, value, href), i)| {
                let clamped = u32::try_from(value.max(0)).unwrap_or(u32::MAX);
                let max = u32::try_from(max).unwrap_or(u32::MAX);
                // At least one unit wide when there is something, so a small count is seen.
                let width = if clamped == 0 {
                    0
                } else {
                    (u64::from(room) * u64::from(clamped) / u64::from(max)).max(1) as u32
                };
                let y = i * ROW + 4;
                Bar {
                    label,
                    value,
                    href,
                    y,
                    text_y: y + BAR_HEIGHT - 4,
                    width,
                    value_x: BARS_LEFT + width + 6,
                }
            })
            .collect();
        let height = u32::try_from(bars.len()).unwrap_or(0) * ROW + 8;
        Self {
            id,
            title,
            desc,
            width: WIDTH,
            height,
            bars_left: BARS_LEFT,
            bars,
        }
    }

    /// The height of one bar, for the template.
    pub fn bar_height(&self) -> u32 {
        BAR_HEIGHT
    }

    /// Whether every bar is zero (the template then says so instead of drawing).
    pub fn is_empty(&self) -> bool {
        self.bars.iter().all(|b| b.value == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_bar_fills_the_room_and_others_scale() {
        let c = BarChart::new(
            "c",
            "t".into(),
            "d".into(),
            vec![
                ("a".into(), 10, "/a".into()),
                ("b".into(), 5, "/b".into()),
                ("c".into(), 0, "/c".into()),
                ("d".into(), 1, "/d".into()),
            ],
        );
        let room = WIDTH - BARS_LEFT - NUMBER_ROOM;
        assert_eq!(c.bars[0].width, room);
        assert_eq!(c.bars[1].width, room / 2);
        assert_eq!(c.bars[2].width, 0);
        assert!(c.bars[3].width >= 1);
        assert!(c.bars[1].y > c.bars[0].y);
        assert!(!c.is_empty());
        let empty = BarChart::new(
            "e",
            "t".into(),
            "d".into(),
            vec![("a".into(), 0, "/".into())],
        );
        assert!(empty.is_empty());
    }
}
