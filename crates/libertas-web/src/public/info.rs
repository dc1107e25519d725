//! The public information pages under `/help` (`/` is the staff home): what human trafficking
//! is, the signs to look for, how it differs from smuggling, how to report, and how to leave no
//! trace.
//!
//! They need no login, set no cookie (the language travels in links and forms, `?lang=`),
//! load nothing from another site and work without JavaScript. Every page carries the quick exit, the helpline and emergency numbers of
//! the deployment ([`WebConfig`]) and a language switch. All text comes from
//! `locales/*/public.ftl`; the templates only arrange it.

use crate::http::{get, Routes};
use crate::http::{render, PublicFrame as Frame};
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

pub fn router() -> Routes {
    Routes::new()
        .route("/help", get(home))
        .route("/help/signs", get(signs))
        .route("/help/smuggling", get(smuggling))
        .route("/help/report", get(report_how))
        .route("/help/no-trace", get(no_trace))
}

/// A heading with its explanation, such as one sign of trafficking.
struct Item {
    title: String,
    text: String,
}

/// The items `{prefix}-{key}` (heading) and `{prefix}-{key}-text` (explanation).
fn items(t: Tr, prefix: &str, keys: &[&str]) -> Vec<Item> {
    keys.iter()
        .map(|key| Item {
            title: t.get(&format!("{prefix}-{key}")),
            text: t.get(&format!("{prefix}-{key}-text")),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    t: Tr,
    p: Frame,
    elements: Vec<Item>,
}

async fn home(State(state): State<AppState>, t: Tr) -> Response {
    let page = HomePage {
        t,
        p: Frame::new(t, &state.config, "/help"),
        elements: items(t, "public-home", &["act", "means", "purpose"]),
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "public/signs.html")]
struct SignsPage {
    t: Tr,
    p: Frame,
    spot: Vec<Item>,
    ilo: Vec<Item>,
}

/// The groups of the UK "spot the signs" guidance.
const SPOT_THE_SIGNS: [&str; 7] = [
    "appearance",
    "isolation",
    "living",
    "effects",
    "movement",
    "travel",
    "reluctance",
];

/// The ILO indicators of forced labour, in the ILO's order.
const ILO_INDICATORS: [&str; 11] = [
    "vulnerability",
    "deception",
    "movement",
    "isolation",
    "violence",
    "threats",
    "documents",
    "wages",
    "debt",
    "conditions",
    "overtime",
];

async fn signs(State(state): State<AppState>, t: Tr) -> Response {
    let page = SignsPage {
        t,
        p: Frame::new(t, &state.config, "/help/signs"),
        spot: items(t, "public-signs", &SPOT_THE_SIGNS),
        ilo: items(t, "public-ilo", &ILO_INDICATORS),
    };
    render(StatusCode::OK, &page)
}

/// One row of the comparison table: the question, then the answer for each crime.
struct Comparison {
    question: String,
    smuggling: String,
    trafficking: String,
}

#[derive(Template)]
#[template(path = "public/smuggling.html")]
struct SmugglingPage {
    t: Tr,
    p: Frame,
    rows: Vec<Comparison>,
}

async fn smuggling(State(state): State<AppState>, t: Tr) -> Response {
    let rows = [
        "consent",
        "exploitation",
        "border",
        "relationship",
        "wronged",
    ]
    .iter()
    .map(|key| Comparison {
        question: t.get(&format!("public-smuggling-{key}")),
        smuggling: t.get(&format!("public-smuggling-{key}-smuggling")),
        trafficking: t.get(&format!("public-smuggling-{key}-trafficking")),
    })
    .collect();
    let page = SmugglingPage {
        t,
        p: Frame::new(t, &state.config, "/help/smuggling"),
        rows,
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "public/report-how.html")]
struct ReportHowPage {
    t: Tr,
    p: Frame,
    include: Vec<String>,
}

async fn report_how(State(state): State<AppState>, t: Tr) -> Response {
    let include = ["what", "where", "who", "identifiers", "danger"]
        .iter()
        .map(|key| t.get(&format!("public-report-include-{key}")))
        .collect();
    let page = ReportHowPage {
        t,
        p: Frame::new(t, &state.config, "/help/report"),
        include,
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "public/no-trace.html")]
struct NoTracePage {
    t: Tr,
    p: Frame,
}

async fn no_trace(State(state): State<AppState>, t: Tr) -> Response {
    let page = NoTracePage {
        t,
        p: Frame::new(t, &state.config, "/help/no-trace"),
    };
    render(StatusCode::OK, &page)
}
