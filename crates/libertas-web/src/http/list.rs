//! What every list page shares (cases, tasks, people, referrals, the reports queue, the audit
//! viewer, evidence, hearings): its filter lives in the URL, so a view can be bookmarked and
//! a home count can link to it; a filter it cannot read is marked on its field and nothing is
//! listed for it (400), never silently everything; and it pages with links that keep the
//! filter.
//!
//! The pieces are deliberately plain: [`FilterErrors`] collects what could not be read,
//! [`FieldErrors`] is the same translated for the template's `lists/pager.html` macros
//! (`aria-invalid`, `aria-describedby`, focus on the first), [`Choice`] is one option of a
//! select, [`read_page`] and [`href`] read and write the URL, and [`Pager`] is what the
//! `pager` macro draws.

use crate::i18n::Tr;

/// The furthest page anyone can ask for: far beyond any caseload, and it keeps the offset the
/// database skips small.
pub const MAX_PAGE: i64 = 100_000;

/// A value a list could not read: its parameter and the message key explaining it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilterError {
    pub field: &'static str,
    pub message: &'static str,
}

/// Every value a list could not read, in the order of the form's fields (the first is
/// focused).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterErrors(pub Vec<FilterError>);

impl FilterErrors {
    /// Note that `field` could not be read, explained by the message key `message`.
    pub fn fail(&mut self, field: &'static str, message: &'static str) {
        self.0.push(FilterError { field, message });
    }

    /// `ok` when every value was read, else these errors.
    pub fn or<T>(self, ok: impl FnOnce() -> T) -> Result<T, Self> {
        if self.0.is_empty() {
            Ok(ok())
        } else {
            Err(self)
        }
    }
}

/// The errors of a refused filter, translated for the page: each field's explanation, and
/// which field takes the focus.
#[derive(Clone, Debug, Default)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    /// `errors` in the reader's language.
    pub fn new(t: &Tr, errors: &[FilterError]) -> Self {
        Self(errors.iter().map(|e| (e.field, t.get(e.message))).collect())
    }

    /// Whether the filter was read (the list is shown).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The explanation of `field`'s error, when it has one.
    pub fn message(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether `field` is the first in error, the one the focus moves to.
    pub fn is_first(&self, field: &str) -> bool {
        self.0.first().is_some_and(|(f, _)| *f == field)
    }
}

/// One option of a filter's select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub chosen: bool,
}

impl Choice {
    /// The option `value` shown as `label`, selected when it is `chosen`.
    pub fn new(value: &str, label: String, chosen: bool) -> Self {
        Self {
            value: value.to_owned(),
            label,
            chosen,
        }
    }
}

/// The page asked for, counted from 0: page 1 when `raw` is absent or blank, `None` when it
/// is not a whole number from 1 to [`MAX_PAGE`].
pub fn read_page(raw: &Option<String>) -> Option<i64> {
    match super::input::given(raw).map(|p| p.trim().parse::<i64>()) {
        None => Some(0),
        Some(Ok(n)) if (1..=MAX_PAGE).contains(&n) => Some(n - 1),
        Some(_) => None,
    }
}

/// The link to `path` with the `filters` that were given (trimmed, URL-encoded, in this
/// order) and then `last`, if any (`("page", "2")`, `("before", "812")`).
pub fn href(path: &str, filters: &[(&str, &Option<String>)], last: Option<(&str, &str)>) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in filters {
        if let Some(v) = super::input::given(v) {
            q.append_pair(k, v.trim());
        }
    }
    if let Some((k, v)) = last {
        q.append_pair(k, v);
    }
    let q = q.finish();
    if q.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{q}")
    }
}

/// The link to page `page` (1-based) of the view: the first page carries no `page`.
pub fn page_href(path: &str, filters: &[(&str, &Option<String>)], page: i64) -> String {
    let n = page.to_string();
    href(path, filters, (page > 1).then_some(("page", n.as_str())))
}

/// The links under a list, drawn by the `pager` macro of `lists/pager.html`.
#[derive(Clone, Debug, Default)]
pub struct Pager {
    /// The navigation's accessible name.
    pub label: String,
    /// The page shown, 1-based, and how many there are (1 for an empty list).
    pub page: i64,
    pub pages: i64,
    /// "Page 2 / 7", for a caption or between the links.
    pub page_of: String,
    /// Whether `page_of` stands between the links.
    pub position: bool,
    /// The previous (newer) page's link and its text.
    pub prev: Option<(String, String)>,
    /// Whether the previous link is `rel="prev"` (not when it leads to the first page).
    pub prev_rel: bool,
    /// The next (older) page's link and its text.
    pub next: Option<(String, String)>,
}

impl Pager {
    /// The pager of page `index` (from 0) of `total` items, `size` a page, named by the
    /// message `label`, linking with `link(page)` (1-based). Past the last page (a stale
    /// link) "previous" leads back to the last one.
    pub fn numbered(
        t: &Tr,
        label: &str,
        total: i64,
        index: i64,
        size: i64,
        link: impl Fn(i64) -> String,
    ) -> Self {
        let pages = ((total + size - 1) / size.max(1)).max(1);
        let page = index + 1;
        Self {
            label: t.get(label),
            page,
            pages,
            page_of: page_of(t, page, pages),
            position: false,
            prev: (page > 1).then(|| (link((page - 1).min(pages)), t.get("cases-prev"))),
            prev_rel: true,
            next: (page < pages).then(|| (link(page + 1), t.get("cases-next"))),
        }
    }

    /// The pager of a refused filter: no links.
    pub fn none(t: &Tr, label: &str) -> Self {
        Self {
            label: t.get(label),
            page: 1,
            pages: 1,
            page_of: page_of(t, 1, 1),
            ..Self::default()
        }
    }

    /// The same pager showing "Page N / M" between its links.
    pub fn with_position(mut self) -> Self {
        self.position = true;
        self
    }

    /// The same pager with other texts for its two links (message keys).
    pub fn with_links(mut self, t: &Tr, prev: &str, next: &str) -> Self {
        if let Some(p) = self.prev.as_mut() {
            p.1 = t.get(prev);
        }
        if let Some(n) = self.next.as_mut() {
            n.1 = t.get(next);
        }
        self
    }

    /// The same pager saying where it is with the message `key` (`$page`, `$pages`) instead.
    pub fn with_page_of(mut self, t: &Tr, key: &str) -> Self {
        self.page_of = libertas_domain::i18n::t_args(
            t.lang,
            key,
            &[
                ("page", &self.page.to_string()),
                ("pages", &self.pages.to_string()),
            ],
        );
        self
    }
}

/// "Page N / M" in the reader's language.
fn page_of(t: &Tr, page: i64, pages: i64) -> String {
    format!(
        "{} / {pages}",
        t.arg("cases-page", "page", &page.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_read_from_one() {
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(read_page(&None), Some(0));
        assert_eq!(read_page(&some(" ")), Some(0));
        assert_eq!(read_page(&some("1")), Some(0));
        assert_eq!(read_page(&some(" 3 ")), Some(2));
        assert_eq!(read_page(&some("100000")), Some(99_999));
        for bad in ["0", "-1", "100001", "x", "1.5"] {
            assert_eq!(read_page(&some(bad)), None, "{bad}");
        }
    }

    #[test]
    fn links_keep_the_given_filters_encoded() {
        let (a, b, c) = (
            Some(" x y ".to_owned()),
            Some(String::new()),
            Some("a&b=é".to_owned()),
        );
        let f = [("a", &a), ("b", &b), ("c", &c)];
        assert_eq!(page_href("/l", &f, 1), "/l?a=x+y&c=a%26b%3D%C3%A9");
        assert_eq!(page_href("/l", &f, 2), "/l?a=x+y&c=a%26b%3D%C3%A9&page=2");
        assert_eq!(page_href("/l", &[("b", &b)], 1), "/l");
        assert_eq!(href("/l", &[], Some(("before", "9"))), "/l?before=9");
    }
}
