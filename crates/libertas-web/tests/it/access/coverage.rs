//! The coverage half of the access matrix: what the matrix actually sent, held against the
//! router's own list of routes.

use crate::common::seen::{self, Seen};
use libertas_web::http::RouteInfo;

/// Routes anyone may use without signing in: the anonymous request must be served.
const PUBLIC: &[&str] = &[
    "GET /healthz",
    "GET /api/v1/openapi.json",
    "GET /static/app.css",
    "GET /static/public.css",
    "GET /static/quick-exit.js",
    "GET /static/pow.js",
    "GET /help",
    "GET /help/no-trace",
    "GET /help/report",
    "GET /help/signs",
    "GET /help/smuggling",
    "GET /report",
    "POST /report",
    "GET /report/receipt",
    "GET /report/followup",
    "POST /report/followup",
    "POST /api/v1/public/reports",
    "POST /api/v1/public/followup",
    // The mail provider's bounce and complaint reports: authorised by their signature, not an
    // account (an unsigned one is 401).
    "POST /api/v1/public/mail-events",
    // The payment provider's events (gifts): authorised the same way, by their own secret.
    "POST /api/v1/public/payment-events",
    "GET /login",
    "POST /login",
    // The e-mail updates sign-up and the links in its messages (docs/supporters.md): a link
    // is authorised by the 256-bit token in its URL.
    "GET /updates/signup",
    "POST /updates/signup",
    "GET /updates/signup/sent",
    "GET /updates/confirm/{token}",
    "POST /updates/confirm/{token}",
    "GET /updates/unsubscribe/{token}",
    "POST /updates/unsubscribe/{token}",
    // The donor portal (access/portal.rs): no staff account. The sign-in and a link's page are
    // anyone's; the portal's pages need a portal session (anyone else, staff included, is sent
    // to /portal/sign-in) and its forms the portal session's CSRF token.
    "GET /portal/sign-in",
    "POST /portal/sign-in",
    "GET /portal/sign-in/sent",
    "GET /portal/link/{token}",
    "POST /portal/link/{token}",
    "POST /portal/sign-out",
    "GET /portal",
    "POST /portal/details",
    "POST /portal/interests",
    "GET /portal/giving",
    "GET /portal/sign-in/code",
    "POST /portal/sign-in/code",
    "GET /portal/security",
    "POST /portal/security/begin",
    "POST /portal/security/confirm",
    "POST /portal/security/remove",
    "GET /portal/giving/regular/{id}/cancel",
    "POST /portal/giving/regular/{id}/cancel",
    // Gift Aid in the portal (access/portal.rs): the same, a portal session only.
    "GET /portal/gift-aid",
    "POST /portal/gift-aid",
    "POST /portal/gift-aid/{id}/cancel",
    // Giving statements (docs/supporters.md, "Statements"): the portal session's own only.
    "GET /portal/statements",
    "GET /portal/statements/{year}",
    "POST /portal/statements/{year}/email",
];

/// The public routes (for the supporter roles' sweep, which skips them).
pub fn public_routes() -> Vec<String> {
    PUBLIC.iter().map(|r| (*r).to_owned()).collect()
}

/// Routes every signed-in staff member may use, whatever their role: no signed-in caller is
/// refused, so only the anonymous refusal and a served request are required.
const EVERY_SIGNED_IN_USER: &[&str] = &[
    "GET /",
    "GET /api/v1/me",
    "GET /account/password",
    "POST /account/password",
    "GET /account/totp",
    "POST /account/totp",
    "GET /login/totp",
    "POST /login/totp",
    "POST /logout",
    // Aggregates only; small counts are hidden from analysts and trainers (docs/indicators.md).
    // The indicators and the training records below are every *case* role's: the supporter
    // roles are refused them (the `supporters` sweep checks it).
    "GET /indicators",
    "GET /api/v1/indicators",
    // Training records of the caller's own organisation: topics, places and head counts of
    // justice professionals, no names and nothing about survivors, read by every staff member
    // (docs/strengthen.md). Mentoring notes are sealed and opened only for admins and trainers
    // (the `strengthen` rows check that an analyst and a caseworker do not see them). Another
    // organisation gets its own list; a single record of another answers 404.
    "GET /trainings",
    "GET /api/v1/trainings",
    "GET /api/v1/mentoring",
];

/// Routes whose service is to end the session: the caller with the right is sent to
/// `/login`, which elsewhere means turned away. A signed-in request answered 303 to `/login`
/// counts as served here; the row (`matrix::sign_out_all`) also checks that the session is
/// really gone.
const SERVED_BY_SIGNING_OUT: &[&str] = &["POST /logout"];

/// Where an unfinished sign-in is sent: a redirect there means the request was not served.
const LOGIN_STEPS: &[&str] = &[
    "/login",
    "/login/totp",
    "/account/password",
    "/account/totp",
];

/// Whether `path` (a concrete path) fits `template` (`/cases/{id}`): same number of
/// segments, literal segments equal.
fn fits(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}') && !p.is_empty()) || t == p)
}

/// The route a request reached: among the fitting templates of its method, the one with the
/// most literal segments (as the router prefers `/reports/new` to `/reports/{id}`).
fn route_of<'a>(routes: &'a [RouteInfo], s: &Seen) -> Option<&'a RouteInfo> {
    routes
        .iter()
        .filter(|r| r.method == s.method && fits(r.path, &s.path))
        .max_by_key(|r| r.path.split('/').filter(|x| !x.starts_with('{')).count())
}

fn turned_away_anonymous(route: &RouteInfo, s: &Seen) -> bool {
    if route.path.starts_with("/api/") {
        s.status == 401
    } else {
        s.status == 303 && s.location.as_deref() == Some("/login")
    }
}

/// A 2xx, or a redirect onwards: not to a step of the sign-in (the caller was not signed in
/// completely) and not back to a form with `?error=` (the input was refused).
fn served(s: &Seen) -> bool {
    let onwards = s.location.as_deref().is_some_and(|l| {
        let path = l.split(['?', '#']).next().unwrap_or(l);
        !LOGIN_STEPS.contains(&path) && !l.contains("error=")
    });
    (200..300).contains(&s.status) || (s.status == 303 && onwards)
}

fn signed_out(s: &Seen) -> bool {
    s.status == 303 && s.location.as_deref() == Some("/login")
}

pub fn every_route_was_tried_refused_and_served() {
    let routes = libertas_web::route_table();
    let requests = seen::all();
    let mut missing = vec![];
    for route in &routes {
        let key = format!("{} {}", route.method, route.path);
        let mine: Vec<&Seen> = requests
            .iter()
            .filter(|s| route_of(&routes, s) == Some(route))
            .collect();
        let public = PUBLIC.contains(&key.as_str());
        let anyone = EVERY_SIGNED_IN_USER.contains(&key.as_str());
        let anon_ok = mine.iter().any(|s| {
            !s.credentials
                && if public {
                    served(s)
                } else {
                    turned_away_anonymous(route, s)
                }
        });
        let refused = public
            || anyone
            || mine
                .iter()
                .any(|s| s.credentials && matches!(s.status, 403 | 404));
        let signs_out = SERVED_BY_SIGNING_OUT.contains(&key.as_str());
        let ok = public
            || mine
                .iter()
                .any(|s| s.credentials && (served(s) || (signs_out && signed_out(s))));
        let mut lacks = vec![];
        if !anon_ok {
            lacks.push(if public {
                "served to an anonymous caller"
            } else {
                "turned away when anonymous"
            });
        }
        if !refused {
            lacks.push("refused to a signed-in caller without the right");
        }
        if !ok {
            lacks.push("served to a caller with the right");
        }
        if !lacks.is_empty() {
            missing.push(format!("{key}: never {}", lacks.join(", never ")));
        }
    }
    for key in PUBLIC
        .iter()
        .chain(EVERY_SIGNED_IN_USER)
        .chain(SERVED_BY_SIGNING_OUT)
    {
        assert!(
            routes
                .iter()
                .any(|r| format!("{} {}", r.method, r.path) == *key),
            "{key} is listed here but the router does not serve it"
        );
    }
    assert!(
        missing.is_empty(),
        "{} routes lack rows in the access matrix:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fit_paths() {
        assert!(fits("/cases/{id}", "/cases/0190"));
        assert!(!fits("/cases/{id}", "/cases/0190/notes"));
        assert!(!fits("/cases/{id}", "/cases/"));
        assert!(fits("/reports/new", "/reports/new"));
    }

    fn answer(status: u16, location: Option<&str>) -> Seen {
        Seen {
            method: "POST".into(),
            path: "/cases/x/notes".into(),
            credentials: true,
            status,
            location: location.map(str::to_owned),
        }
    }

    #[test]
    fn only_a_redirect_onwards_is_served() {
        assert!(served(&answer(200, None)));
        assert!(served(&answer(303, Some("/cases/x#notes"))));
        assert!(!served(&answer(303, Some("/login"))));
        assert!(!served(&answer(303, Some("/login/totp"))));
        assert!(!served(&answer(303, Some("/account/password"))));
        assert!(!served(&answer(303, Some("/cases/x?error=note"))));
        assert!(!served(&answer(303, None)));
        assert!(!served(&answer(403, None)));
    }
}
