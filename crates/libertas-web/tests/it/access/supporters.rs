//! The supporter side in the access matrix (issue 13).
//!
//! 1. The supporter routes as every kind of caller: the public sign-up and its links are
//!    served to anyone without signing in; the staff overview turns the anonymous caller
//!    away, refuses every case role (the administrator included) and serves both supporter
//!    roles (each organisation counts its own supporters); the same for the erasure of a
//!    supporter on request, where another organisation's supporter care finds nobody (404).
//! 2. Every other route of the router as the two supporter roles, on a server holding a real
//!    case, person and report whose ids fill the paths: none is served. A GET (page or API)
//!    and the write routes sent with a valid body must be refused exactly as another refused
//!    role is (403, or 404 where a route hides the record); a write sent with no valid body
//!    may stop at its input (400/422) but must never be served. So a new case route that
//!    forgot its role check fails here for the supporter roles too, without a column in every
//!    feature's table.

use crate::access::matrix::{check_pages, expect, form, page, Caller};
use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Routes a supporter role may use like every signed-in user (its own account), the public
/// routes, and the supporter side's own: the sweep does not expect them refused.
const SUPPORTER_MAY: &[&str] = &[
    "GET /",
    "GET /api/v1/me",
    "GET /account/password",
    "POST /account/password",
    "GET /account/totp",
    "POST /account/totp",
    "GET /login/totp",
    "POST /login/totp",
    "POST /logout",
    "GET /supporters",
    "POST /supporters/erase",
    "POST /supporters/suppressions/lift",
    "GET /supporters/gifts",
    "POST /supporters/gifts",
    "POST /supporters/gifts/find",
    "GET /supporters/gifts/donors/{id}",
    "POST /supporters/gifts/regular/{id}/cancel",
    "POST /supporters/gifts/regular/{id}/seen",
    "GET /supporters/updates",
    "POST /supporters/updates",
    "GET /supporters/updates/new",
    "GET /supporters/updates/{id}",
    "GET /supporters/updates/{id}/edit",
    "POST /supporters/updates/{id}/edit",
    "POST /supporters/updates/{id}/test",
    "POST /supporters/updates/{id}/schedule",
    "POST /supporters/updates/{id}/unschedule",
    "POST /supporters/updates/{id}/send",
    "POST /supporters/updates/{id}/story",
];

/// A valid update form.
const UPDATE: [(&str, &str); 4] = [
    ("subject_en", "Winter fair"),
    ("body_en", "Join us on **Saturday**."),
    ("interests", "events"),
    ("region", "Iasi"),
];

/// A confirmation and an unsubscribe token of a fresh sign-up, read from its queued message.
async fn tokens(app: &TestApp, address: &str) -> (String, String) {
    let mut anyone = Browser::new(app);
    let (s, _, _) = anyone
        .post(
            "/updates/signup?lang=en",
            &[
                ("email", address),
                ("interests", "stories"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let due = app.store.outbox_due(100).await.unwrap();
    let ids: Vec<String> = due.into_iter().map(|d| d.id).collect();
    let claimed = app
        .store
        .outbox_claim(&ids, time::Duration::ZERO)
        .await
        .unwrap();
    let m = &claimed
        .iter()
        .find(|c| c.message.to == address)
        .unwrap()
        .message;
    let after = |marker: &str, text: &str| {
        let at = text.find(marker).unwrap() + marker.len();
        text[at..at + 43].to_owned()
    };
    (
        after("/updates/confirm/", &m.text),
        after("/updates/unsubscribe/", &m.unsubscribe_url),
    )
}

pub async fn supporter_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        for (user, role) in [
            ("admin", Role::Admin),
            ("caseworker", Role::Caseworker),
            ("analyst", Role::Analyst),
            ("care", Role::SupporterCare),
            ("fundraiser", Role::FundraisingManager),
        ] {
            app.user("North", user, role).await;
        }
        app.user("South", "southcare", Role::SupporterCare).await;

        // Public: anyone, without signing in.
        let (confirm, unsubscribe) = tokens(&app, "sweep@example.org").await;
        let mut anonymous = [Caller::anonymous(&app)];
        // The sign-up answers with a redirect to the page that says a message is on its way.
        let signup = [
            ("email", "anyone@example.org".to_owned()),
            ("interests", "involved".to_owned()),
            ("language", "ro".to_owned()),
        ];
        let (s, loc, _) = anonymous[0]
            .send(&Method::POST, "/updates/signup", &signup)
            .await;
        expect(
            s == 303 && loc.as_deref() == Some("/updates/signup/sent?lang=en"),
            || format!("{backend}: POST /updates/signup as anonymous: {s} {loc:?}"),
        );
        let rows = [
            page("/updates/signup", [200]),
            page("/updates/signup/sent", [200]),
            page(format!("/updates/confirm/{confirm}"), [200]),
            form(format!("/updates/confirm/{confirm}"), &[], [200]),
            page(format!("/updates/unsubscribe/{unsubscribe}"), [200]),
            form(
                format!("/updates/unsubscribe/{unsubscribe}"),
                &[("List-Unsubscribe", "One-Click")],
                [200],
            ),
        ];
        check_pages(backend, &rows, &mut anonymous).await;

        // Staff: anonymous, admin, caseworker, analyst (case roles), the other
        // organisation's supporter care, and the two supporter roles.
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "admin").await,
            Caller::signed_in(&app, "caseworker").await,
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "southcare").await,
            Caller::signed_in(&app, "care").await,
            Caller::signed_in(&app, "fundraiser").await,
        ];
        let sweep = [("email", "sweep@example.org")];
        let confirmed = [("email", "sweep@example.org"), ("confirm", "yes")];
        let rows = [
            page("/supporters", [303, 403, 403, 403, 200, 200, 200]),
            // Erasure on request: the first submit only asks (200); another organisation's
            // supporter care finds nobody (404).
            form(
                "/supporters/erase",
                &sweep,
                [303, 403, 403, 403, 404, 200, 200],
            ),
            // The confirming submit: the first supporter role erases (303 to the overview),
            // after which the second finds nobody left (404).
            form(
                "/supporters/erase",
                &confirmed,
                [303, 403, 403, 403, 404, 303, 404],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;

        // Lifting a suppression (they hold for the whole installation, so the other
        // organisation's supporter care may lift one too): the first submit asks; the
        // confirming one lifts it (303 to the overview saying so) or, once lifted, finds it
        // gone (303 to the overview saying that).
        let bounced = libertas_store::supporters::suppress::read_report(
            "email,reason\nbounced@example.org,hard_bounce\n".as_bytes(),
        )
        .unwrap();
        app.store
            .supporter_suppress_import(libertas_store::admin::Operator::console(), &bounced)
            .await
            .unwrap();
        let lift = [("email", "bounced@example.org")];
        let lift_now = [("email", "bounced@example.org"), ("confirm", "yes")];
        let rows = [
            form(
                "/supporters/suppressions/lift",
                &lift,
                [303, 403, 403, 403, 200, 200, 200],
            ),
            form(
                "/supporters/suppressions/lift",
                &lift_now,
                [303, 403, 403, 403, 303, 303, 303],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;

        // Updates: North's update is North's supporter staff's alone (another organisation's
        // answers 404, a case role 403).
        let maker = libertas_store::testing::principal(
            &app.store,
            "North",
            "care-maker",
            Role::SupporterCare,
        )
        .await;
        let draft = libertas_domain::supporters::UpdateDraft::parse(
            &[(libertas_domain::i18n::Lang::En, "Winter fair", "Come.")],
            &["events"],
            None,
        )
        .unwrap();
        let id = app.store.update_create(&maker, &draft).await.unwrap();
        let later = (libertas_store::clock::now() + time::Duration::days(2))
            .format(time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]"
            ))
            .unwrap();
        let rows = [
            page("/supporters/updates", [303, 403, 403, 403, 200, 200, 200]),
            page(
                "/supporters/updates/new",
                [303, 403, 403, 403, 200, 200, 200],
            ),
            form(
                "/supporters/updates",
                &UPDATE,
                [303, 403, 403, 403, 303, 303, 303],
            ),
            page(
                format!("/supporters/updates/{id}"),
                [303, 403, 403, 403, 404, 200, 200],
            ),
            page(
                format!("/supporters/updates/{id}/edit"),
                [303, 403, 403, 403, 404, 200, 200],
            ),
            form(
                format!("/supporters/updates/{id}/edit"),
                &UPDATE,
                [303, 403, 403, 403, 404, 303, 303],
            ),
            form(
                format!("/supporters/updates/{id}/test"),
                &[("address", "staff@example.net"), ("test_lang", "en")],
                [303, 403, 403, 403, 404, 303, 303],
            ),
            form(
                format!("/supporters/updates/{id}/schedule"),
                &[("send_at", later.as_str())],
                [303, 403, 403, 403, 404, 303, 303],
            ),
            form(
                format!("/supporters/updates/{id}/unschedule"),
                &[],
                [303, 403, 403, 403, 404, 303, 303],
            ),
            // No story chosen (an empty choice): the update's own staff only.
            form(
                format!("/supporters/updates/{id}/story"),
                &[("story", "")],
                [303, 403, 403, 403, 404, 303, 303],
            ),
            form(
                format!("/supporters/updates/{id}/send"),
                &[],
                [303, 403, 403, 403, 404, 303, 303],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;
        // The refused callers changed nothing: one test (care's and the fundraiser's), and
        // the update was sent once.
        let view = app.store.update_get(&maker, &id).await.unwrap();
        expect(
            view.summary.status == libertas_domain::supporters::UpdateStatus::Sending
                || view.summary.status == libertas_domain::supporters::UpdateStatus::Sent,
            || {
                format!(
                    "{backend}: the update was not sent: {:?}",
                    view.summary.status
                )
            },
        );
        let (_, _, south) = callers[4]
            .send(&Method::GET, "/supporters/updates", &[])
            .await;
        expect(!south.contains(&id), || {
            format!("{backend}: another organisation's supporter staff list North's update")
        });
        let (_, _, south) = callers[4].send(&Method::GET, "/supporters", &[]).await;
        expect(
            south.contains("<strong>0</strong>") && !south.contains("<strong>1</strong>"),
            || format!("{backend}: another organisation's supporter staff see North's supporters"),
        );
        app.stop().await;
    }
}

/// The real ids the sweep puts in paths, by the path's first segment.
struct Fixture {
    case: String,
    person: String,
    report: String,
}

impl Fixture {
    fn fill(&self, template: &str) -> String {
        let kind = template
            .trim_start_matches("/api/v1")
            .split('/')
            .nth(1)
            .unwrap_or_default();
        let id = match kind {
            "cases" => self.case.clone(),
            "people" => self.person.clone(),
            "reports" => self.report.clone(),
            _ => uuid::Uuid::now_v7().to_string(),
        };
        // The case's own id first; any other parameter (`{eid}`, …) a fresh one.
        let mut path = template.replacen("{id}", &id, 1);
        while let (Some(a), Some(b)) = (path.find('{'), path.find('}')) {
            path.replace_range(a..=b, &uuid::Uuid::now_v7().to_string());
        }
        path
    }
}

/// Valid bodies for the main write routes, so that only the role check can refuse them.
fn valid_body(method: &str, path: &str) -> Option<Value> {
    Some(match (method, path) {
        ("POST", "/api/v1/cases") => json!({"title": "Operation Wren"}),
        ("POST", "/api/v1/cases/{id}/people") => {
            json!({"role": "victim", "given_name": "Ana", "family_name": "Pop"})
        }
        ("POST", "/api/v1/cases/{id}/notes") => json!({"text": "A note."}),
        ("POST", "/api/v1/cases/{id}/members") => json!({"username": "care"}),
        ("POST", "/api/v1/reports") => {
            json!({"channel": "phone", "narrative": "A caller worries about a neighbour."})
        }
        ("POST", "/api/v1/screenings") => json!({"acts": ["recruitment"]}),
        ("POST", "/api/v1/reports/lookup") => json!({"identifier": "07700 900123"}),
        _ => return None,
    })
}

pub async fn every_other_route_refuses_the_supporter_roles() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let caseworker = app.user("North", "caseworker", Role::Caseworker).await;
        let hotline = app.user("North", "hotline", Role::Hotline).await;
        let care = app.user("North", "care", Role::SupporterCare).await;
        let fundraiser = app
            .user("North", "fundraiser", Role::FundraisingManager)
            .await;
        let (_, case) = app
            .post(
                "/api/v1/cases",
                &caseworker,
                json!({"title": "Operation Lark"}),
            )
            .await;
        let case = case["id"].as_str().unwrap().to_owned();
        let (_, person) = app
            .post(
                &format!("/api/v1/cases/{case}/people"),
                &caseworker,
                json!({"role": "victim", "given_name": "Zamfira", "family_name": "Oprescu"}),
            )
            .await;
        let (_, report) = app
            .post(
                "/api/v1/reports",
                &hotline,
                json!({"channel": "phone", "narrative": "Workers locked in at night."}),
            )
            .await;
        let fx = Fixture {
            case,
            person: person["id"].as_str().unwrap().to_owned(),
            report: report["id"].as_str().unwrap().to_owned(),
        };
        let public: Vec<String> = crate::access::coverage::public_routes();
        let mut browsers = [
            Caller::signed_in(&app, "care").await,
            Caller::signed_in(&app, "fundraiser").await,
        ];
        let mut checked = 0;
        for route in libertas_web::route_table() {
            let key = format!("{} {}", route.method, route.path);
            if public.contains(&key) || SUPPORTER_MAY.contains(&key.as_str()) {
                continue;
            }
            let mut path = fx.fill(route.path);
            if route.path == "/api/v1/exports/list" {
                // A valid request, so that only the role can refuse it.
                path.push_str("?list=trainings&format=csv");
            }
            let method = Method::from_bytes(route.method.as_bytes()).unwrap();
            let body = valid_body(route.method, route.path);
            let strict = method == Method::GET || body.is_some();
            let mut answers = vec![];
            if path.starts_with("/api/") {
                for (who, token) in [
                    ("supporter_care", &care),
                    ("fundraising_manager", &fundraiser),
                ] {
                    let b = if method == Method::GET {
                        None
                    } else {
                        Some(body.clone().unwrap_or(json!({})))
                    };
                    let (s, v) = app.call(method.clone(), &path, Some(token), b).await;
                    answers.push((who, s.as_u16(), None, v.to_string()));
                }
            } else {
                for c in browsers.iter_mut() {
                    let (s, loc, html) = c.send(&method, &path, &[]).await;
                    answers.push((c.name, s, loc, html.chars().take(200).collect()));
                }
            }
            for (who, s, loc, body) in answers {
                let refused = matches!(s, 403 | 404);
                let stopped_at_input = !strict && matches!(s, 400 | 405 | 413 | 415 | 422)
                    || (!strict
                        && s == 303
                        && loc.as_deref().is_some_and(|l| l.contains("error=")));
                expect(refused || stopped_at_input, || {
                    format!(
                        "{backend}: {key} ({path}) as {who}: got {s} {loc:?}, want 403/404: {body}"
                    )
                });
            }
            checked += 1;
        }
        expect(checked > 100, || {
            format!("{backend}: only {checked} routes swept")
        });
        app.stop().await;
    }
}
