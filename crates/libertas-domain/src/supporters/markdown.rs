//! Markdown, as staff write updates, made into the two parts of an e-mail: HTML and plain
//! text (`pulldown-cmark`, CommonMark).
//!
//! What may not pass, whatever the staff member types:
//! - **Raw HTML** (`<script>`, `<img>`, `<a onclick=…>`, comments): shown as the text that was
//!   typed, escaped, never as markup. So an update can carry no script, no style, no form and
//!   no tracking pixel.
//! - **Images** (`![alt](url)`): a remote image is a read receipt for whoever serves it. The
//!   alt text and the address are written out instead, as text.
//! - **Links other than `https:`, `http:` and `mailto:`** (`javascript:`, `data:`, relative
//!   paths): their text stays, the link does not.
//!
//! Every link that passes is kept exactly as written: no redirector, no click tracking.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The schemes a link may have.
const SCHEMES: [&str; 3] = ["https:", "http:", "mailto:"];

fn allowed(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    SCHEMES.iter().any(|s| lower.starts_with(s))
}

/// The parser's events with raw HTML turned into text, images into text and disallowed links
/// unlinked.
fn safe_events(markdown: &str) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    // For each open link: whether it is kept.
    let mut links: Vec<bool> = Vec::new();
    // Inside an image: its address, written out after the alt text.
    let mut image: Option<CowStr<'_>> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Html(s) | Event::InlineHtml(s) => out.push(Event::Text(s)),
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = allowed(&dest_url);
                links.push(keep);
                if keep {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => image = Some(dest_url),
            Event::End(TagEnd::Image) => {
                if let Some(url) = image.take() {
                    out.push(Event::Text(format!(" ({url})").into()));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The body as HTML (a fragment: paragraphs, headings, lists, links).
pub fn to_html(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, safe_events(markdown).into_iter());
    html
}

/// The body as plain text: paragraphs separated by a blank line, list items with `- ` or
/// their number, a link's address written after its text when they differ.
pub fn to_text(markdown: &str) -> String {
    let mut out = String::new();
    // Open lists: the next number of each (None: bulleted).
    let mut lists: Vec<Option<u64>> = Vec::new();
    // Open links: where their text starts in `out`, and the address.
    let mut links: Vec<(usize, String)> = Vec::new();
    for event in safe_events(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Rule => out.push_str("----\n\n"),
            Event::Start(Tag::Heading { level, .. })
                if level == HeadingLevel::H1 || level == HeadingLevel::H2 =>
            {
                out.push_str("## ");
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Paragraph) if lists.is_empty() => {
                out.push_str("\n\n");
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::BlockQuote(_))
                if !out.ends_with("\n\n") =>
            {
                out.push('\n');
            }
            Event::Start(Tag::List(first)) => {
                if !lists.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                let depth = lists.len().saturating_sub(1);
                out.push_str(&"  ".repeat(depth));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::End(TagEnd::Item) if !out.ends_with('\n') => out.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push((out.len(), dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, url)) = links.pop() {
                    let shown = out[start..].trim().to_owned();
                    let bare = url.strip_prefix("mailto:").unwrap_or(&url);
                    if shown != url && shown != bare {
                        out.push_str(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }
    let trimmed = out.trim_end();
    let mut text = trimmed.to_owned();
    text.push('\n');
    text
}

/// Escapes text for HTML (element content and double-quoted attributes).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_script_are_shown_as_text() {
        let md = "Hello <script>alert(1)</script> **friends**\n\n<div onclick=\"x()\">block</div>\n\n<img src=\"https://t.example/p.gif\">";
        let html = to_html(md);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("<strong>friends</strong>"), "{html}");
    }

    #[test]
    fn links_are_kept_as_written_and_unsafe_ones_dropped() {
        let md =
            "[Our report](https://example.org/report?id=7&x=1) and [bad](javascript:alert(1)) \
                  and ![pixel](https://t.example/p.gif) and <https://example.org/a>";
        let html = to_html(md);
        assert!(
            html.contains("<a href=\"https://example.org/report?id=7&amp;x=1\">Our report</a>"),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("bad"));
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("pixel (https://t.example/p.gif)"), "{html}");
        let text = to_text(md);
        assert!(
            text.contains("Our report (https://example.org/report?id=7&x=1)"),
            "{text}"
        );
        assert!(text.contains("https://example.org/a"), "{text}");
        assert!(!text.contains("javascript"), "{text}");
    }

    #[test]
    fn plain_text_keeps_the_shape() {
        let md = "# Winter fair\n\nCome **along**.\n\n- tea\n- cake\n\n1. one\n2. two\n";
        let text = to_text(md);
        assert_eq!(
            text,
            "## Winter fair\n\nCome along.\n\n- tea\n- cake\n\n1. one\n2. two\n"
        );
    }
}
