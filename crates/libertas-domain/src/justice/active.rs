//! Active content in evidence files: markup a browser renders (HTML, SVG, XML, XHTML),
//! scripts (JavaScript), and PDFs that carry JavaScript.
//!
//! Evidence is downloaded and opened by staff, often on the machine they use for everything
//! else. A file that a browser or viewer would *run* (an HTML page with a script, an SVG, a
//! script file, a PDF with an `/OpenAction`) is a way into that machine, whatever name or
//! type it arrived with. So uploads are scanned beyond their first bytes, and active content
//! is refused unless the uploader says it is active content on purpose (a saved web page
//! kept as evidence, say); then it is stored as [`EvidenceType::Active`] and only ever served
//! as an attachment of type `application/octet-stream` under a name ending in `.txt`.
//!
//! The scan is a heuristic over the whole file, chunk by chunk as it streams in (nothing is
//! buffered): for files that look like text, any HTML/SVG/XML tag or `javascript:` URL
//! anywhere, or a script's opening at the start; for PDFs, the `/JavaScript` and `/JS`
//! names. It errs towards refusing (the uploader can then mark the file), and it cannot see
//! inside compressed PDF object streams: PDFs are still served only as attachments.
//!
//! [`EvidenceType::Active`]: super::evidence::EvidenceType::Active

use super::evidence::EvidenceType;

/// What kind of active content a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActiveKind {
    /// HTML, SVG, XML or XHTML markup.
    Markup,
    /// JavaScript (or another script a desktop would run).
    Script,
    /// A PDF with JavaScript in it.
    PdfScript,
}

impl ActiveKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Markup => "markup",
            Self::Script => "script",
            Self::PdfScript => "pdf_script",
        }
    }

    /// Words for the refusal (no file content).
    pub fn describe(self) -> &'static str {
        match self {
            Self::Markup => "HTML, SVG or XML markup",
            Self::Script => "a script (JavaScript)",
            Self::PdfScript => "a PDF with JavaScript",
        }
    }
}

/// Markup that makes a browser treat text as a document, matched without regard to case.
/// (WHATWG MIME sniffing's HTML and XML signatures, SVG and other script-capable elements,
/// and script-bearing URLs.)
const MARKUP: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<frame",
    b"<object",
    b"<embed",
    b"<applet",
    b"<svg",
    b"<math",
    b"<?xml",
    b"<xsl",
    b"<!entity",
    b"<![cdata[",
    b"<style",
    b"<link",
    b"<meta",
    b"<base",
    b"<form",
    b"<img",
    b"<video",
    b"<audio",
    b"<input",
    b"<button",
    b"<title",
    b"<table",
    b"<div",
    b"<font",
    b"<h1",
    b"<p>",
    b"<br",
    b"<b>",
    b"<a ",
    b"<a>",
    b"<!--",
    b"javascript:",
    b"vbscript:",
    b"data:text/html",
];

/// Script calls that have no business in a statement, anywhere in a text file.
const SCRIPT_ANYWHERE: &[&[u8]] = &[
    b"document.cookie",
    b"document.write",
    b"document.location",
    b"window.location",
    b"window.open(",
    b"eval(",
    b"new function(",
];

/// How a script file starts (after a byte-order mark and white space), matched exactly.
const SCRIPT_START: &[&[u8]] = &[
    b"//",
    b"/*",
    b"#!",
    b"'use strict'",
    b"\"use strict\"",
    b"function ",
    b"function(",
    b"(function",
    b"!function",
    b"async function",
    b"(() =>",
    b"var ",
    b"let ",
    b"const ",
    b"import ",
    b"export ",
    b"require(",
    b"module.exports",
    b"define(",
    b"window.",
    b"document.",
];

/// PDF names that carry JavaScript: `/JavaScript`, and `/JS` followed by a delimiter.
const PDF_SCRIPT: &[&[u8]] = &[b"/javascript", b"/js"];

/// The longest pattern, less one: how much of a chunk is kept to find a pattern split
/// across two chunks.
const CARRY: usize = 15;

/// Scans a file for active content as it streams in.
#[derive(Debug, Default)]
pub struct ActiveScan {
    carry: Vec<u8>,
    markup: bool,
    script: bool,
    pdf_script: bool,
}

impl ActiveScan {
    pub fn new() -> Self {
        Self::default()
    }

    /// Looks at the next chunk of the file. One pass over the bytes; patterns are tried only
    /// where their first byte is (`<` is rare in statements), so a 25 MiB file costs little.
    pub fn push(&mut self, chunk: &[u8]) {
        if chunk.is_empty() {
            return;
        }
        let mut buf = Vec::with_capacity(self.carry.len() + chunk.len());
        buf.extend_from_slice(&self.carry);
        buf.extend_from_slice(chunk);
        for i in 0..buf.len() {
            if self.markup && self.script && self.pdf_script {
                break;
            }
            let c = buf[i].to_ascii_lowercase();
            let rest = &buf[i..];
            let starts =
                |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
            match c {
                b'<' => self.markup |= MARKUP.iter().any(|p| p[0] == b'<' && starts(p)),
                b'/' => {
                    self.pdf_script |= PDF_SCRIPT.iter().any(|p| {
                        starts(p)
                            && (p.len() > 3
                                || rest
                                    .get(3)
                                    .is_some_and(|d| !d.is_ascii_alphanumeric() && *d != b'_'))
                    })
                }
                b'j' | b'v' | b'd' => {
                    self.markup |= MARKUP.iter().any(|p| p[0] == c && starts(p));
                    self.script |= SCRIPT_ANYWHERE.iter().any(|p| p[0] == c && starts(p));
                }
                b'w' | b'e' | b'n' => {
                    self.script |= SCRIPT_ANYWHERE.iter().any(|p| p[0] == c && starts(p));
                }
                _ => {}
            }
        }
        let keep = buf.len().min(CARRY);
        self.carry = buf[buf.len() - keep..].to_vec();
    }

    /// The active content found in a file of type `kind` whose first bytes are `head`, if any.
    /// Markup and scripts count in text files, JavaScript names in PDFs; other types are
    /// binary formats served as what they are.
    pub fn verdict(&self, kind: EvidenceType, head: &[u8]) -> Option<ActiveKind> {
        match kind {
            EvidenceType::Text if self.markup => Some(ActiveKind::Markup),
            EvidenceType::Text if self.script || starts_like_a_script(head) => {
                Some(ActiveKind::Script)
            }
            EvidenceType::Pdf if self.pdf_script => Some(ActiveKind::PdfScript),
            _ => None,
        }
    }
}

fn starts_like_a_script(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    SCRIPT_START.iter().any(|p| head.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(chunks: &[&[u8]], kind: EvidenceType) -> Option<ActiveKind> {
        let mut s = ActiveScan::new();
        for c in chunks {
            s.push(c);
        }
        let head: Vec<u8> = chunks.concat().into_iter().take(512).collect();
        s.verdict(kind, &head)
    }

    #[test]
    fn finds_markup_anywhere_even_split_across_chunks() {
        use EvidenceType::Text;
        assert_eq!(scan(&[b"<!DOCTYPE HTML>"], Text), Some(ActiveKind::Markup));
        assert_eq!(
            scan(&[b"  <Svg xmlns='x'/>"], Text),
            Some(ActiveKind::Markup)
        );
        assert_eq!(
            scan(&[b"<?xml version='1.0'?><r/>"], Text),
            Some(ActiveKind::Markup)
        );
        let long = "Plain words. ".repeat(100);
        assert_eq!(
            scan(
                &[long.as_bytes(), b"and then <scr", b"ipt>x</script>"],
                Text
            ),
            Some(ActiveKind::Markup)
        );
        assert_eq!(
            scan(&[b"click javascript", b":alert(1)"], Text),
            Some(ActiveKind::Markup)
        );
    }

    #[test]
    fn finds_scripts_by_their_start_or_their_calls() {
        use EvidenceType::Text;
        assert_eq!(scan(&[b"function f() {}"], Text), Some(ActiveKind::Script));
        assert_eq!(
            scan(&["\u{FEFF}\n// x\nvar a;".as_bytes()], Text),
            Some(ActiveKind::Script)
        );
        assert_eq!(
            scan(&[b"Some text; then document.cookie is read"], Text),
            Some(ActiveKind::Script)
        );
    }

    #[test]
    fn plain_statements_and_other_types_pass() {
        use EvidenceType::*;
        for text in [
            "Temperature < 5 and > 2; he said a => b.\n",
            "Let me tell you what happened. He signed the document. Then we left.\n",
            "Ce s-a întâmplat: <în jur de 5 oameni>, 3 < 4.\n",
        ] {
            assert_eq!(scan(&[text.as_bytes()], Text), None, "{text}");
        }
        assert_eq!(scan(&[b"\xFF\xD8\xFF<script>"], Jpeg), None);
        assert_eq!(scan(&[b"%PDF-1.7 /Type /Catalog /JSON"], Pdf), None);
        assert_eq!(
            scan(&[b"%PDF-1.7 << /S /JavaScript >>"], Pdf),
            Some(ActiveKind::PdfScript)
        );
        assert_eq!(
            scan(&[b"%PDF-1.7 << /J", b"S (app.alert(1)) >>"], Pdf),
            Some(ActiveKind::PdfScript)
        );
    }
}
