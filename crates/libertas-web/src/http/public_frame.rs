//! The layout around every public page (`templates/public/base.html`): quick exit, helpline
//! and emergency numbers, language switch and navigation. Shared by the information pages
//! (`public`) and the public report form (`reports`).

use crate::i18n::Tr;
use crate::state::WebConfig;

/// The public pages in navigation order, with the message naming each.
const PAGES: [(&str, &str); 5] = [
    ("/help", "public-nav-home"),
    ("/help/signs", "public-nav-signs"),
    ("/help/smuggling", "public-nav-smuggling"),
    ("/help/report", "public-nav-report"),
    ("/help/no-trace", "public-nav-no-trace"),
];

/// One entry of the public navigation.
pub struct NavLink {
    /// The page's path with the page's language (`?lang=`): public pages set no cookie, so
    /// the language travels in every link.
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// What the layout around every public page needs (`templates/public/base.html`).
pub struct PublicFrame {
    pub helpline: String,
    /// The helpline as a `tel:` target: digits and `+` only; empty when there are none.
    pub helpline_tel: String,
    pub emergency: String,
    pub emergency_tel: String,
    /// "If someone is in immediate danger, call … now."
    pub danger_now: String,
    pub nav: Vec<NavLink>,
}

impl PublicFrame {
    pub fn new(t: Tr, config: &WebConfig, current: &str) -> Self {
        Self {
            helpline: config.helpline_number.clone(),
            helpline_tel: tel(&config.helpline_number),
            emergency: config.emergency_number.clone(),
            emergency_tel: tel(&config.emergency_number),
            danger_now: t.arg("public-danger-now", "emergency", &config.emergency_number),
            nav: PAGES
                .iter()
                .map(|(href, label)| NavLink {
                    href: format!("{href}?lang={}", t.code()),
                    label: t.get(label),
                    current: *href == current,
                })
                .collect(),
        }
    }
}

/// A number as dialled from a `tel:` link.
fn tel(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_keeps_only_what_is_dialled() {
        assert_eq!(tel("08000 121 700"), "08000121700");
        assert_eq!(tel("+40 (21) 555-0100"), "+40215550100");
        assert_eq!(tel("ask reception"), "");
    }
}
