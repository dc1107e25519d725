//! Strengthen: the indicators (every staff role reads them; small counts are hidden from some),
//! the impact measures (admins and analysts only)
//! and the training forms, as anonymous, an analyst, a caseworker, a trainer of another
//! organisation and the organisation's trainer. Training records name nobody and every staff
//! member of the organisation reads them; only admins and trainers write them, and only they
//! see the sealed notes of a mentoring session.

use crate::access::matrix::{
    api, check_api, check_pages, expect, form, page, sign_out_all, Caller,
};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::Method;
use serde_json::json;

const EVENT: [(&str, &str); 5] = [
    ("topic", "Trauma-informed practice"),
    ("held_on", "2026-01-15"),
    ("place", "Bucharest"),
    ("aud_judge", "1"),
    ("n_judge", "12"),
];

const MENTORING: [(&str, &str); 4] = [
    ("held_on", "2026-01-20"),
    ("mentee_type", "judge"),
    ("topic", "Hearing a child"),
    ("duration_minutes", "30"),
];

/// Words of a mentoring session's sealed notes.
const NOTES: &str = "Talked through the Popescu hearing";

pub async fn strengthen_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let trainer = app.user("North", "trainer", Role::Trainer).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let caseworker = app.user("North", "caseworker", Role::Caseworker).await;
        let other = app.user("South", "other", Role::Trainer).await;
        let (s, e) = app
            .post(
                "/api/v1/trainings",
                &trainer,
                json!({"topic": "Interviews", "held_on": "2026-01-10", "place": "Iași",
                       "audiences": ["police"], "participants": {"police": 9}}),
            )
            .await;
        assert_eq!(s.as_u16(), 201, "{backend}: {e}");
        let id = e["id"].as_str().unwrap().to_owned();
        let (s, _) = app
            .post(
                "/api/v1/mentoring",
                &trainer,
                json!({"held_on": "2026-01-21", "mentee_type": "judge", "topic": "Cases",
                       "duration_minutes": 40, "notes": NOTES}),
            )
            .await;
        assert_eq!(s.as_u16(), 201);

        let callers = [
            ("anonymous", None),
            ("analyst", Some(analyst.as_str())),
            ("caseworker", Some(caseworker.as_str())),
            ("other", Some(other.as_str())),
            ("trainer", Some(trainer.as_str())),
        ];
        let rows = [
            api(
                Method::GET,
                "/api/v1/indicators",
                None,
                [401, 200, 200, 200, 200],
            ),
            // The impact measures: admins and analysts only (docs/impact.md); a bad query
            // from a role turned away is still 403.
            api(
                Method::GET,
                "/api/v1/impact",
                None,
                [401, 200, 403, 403, 403],
            ),
            api(
                Method::GET,
                "/api/v1/impact?from=nope",
                None,
                [401, 400, 403, 403, 403],
            ),
            api(
                Method::GET,
                "/api/v1/impact.csv",
                None,
                [401, 200, 403, 403, 403],
            ),
        ];
        check_api(&app, backend, &rows, &callers).await;
        for (who, token, sees) in [
            ("analyst", &analyst, false),
            ("caseworker", &caseworker, false),
            ("other", &other, false),
            ("trainer", &trainer, true),
        ] {
            let (_, v) = app.get("/api/v1/mentoring", token).await;
            expect(v.to_string().contains(NOTES) == sees, || {
                format!("{backend}: {who} sees mentoring notes: {}", !sees)
            });
        }

        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "caseworker").await,
            Caller::signed_in(&app, "other").await,
            Caller::signed_in(&app, "trainer").await,
        ];
        let rows = [
            page("/indicators", [303, 200, 200, 200, 200]),
            // The impact page: admins and analysts only, like its API.
            page("/impact", [303, 200, 403, 403, 403]),
            page("/impact?from=nope", [303, 400, 403, 403, 403]),
            page("/trainings", [303, 200, 200, 200, 200]),
            form("/trainings", &EVENT, [303, 403, 403, 303, 303]),
            form(
                "/trainings/mentoring",
                &MENTORING,
                [303, 403, 403, 303, 303],
            ),
            form(
                format!("/trainings/{id}"),
                &EVENT,
                [303, 403, 403, 404, 303],
            ),
        ];
        check_pages(backend, &rows, &mut callers).await;
        sign_out_all(backend, &mut callers).await;
        let (_, list) = app.get("/api/v1/trainings", &trainer).await;
        let n = list["trainings"].as_array().map_or(0, Vec::len);
        expect(n == 2, || format!("{backend}: North's trainings: {list}"));
        let (_, one) = app.get(&format!("/api/v1/trainings/{id}"), &trainer).await;
        expect(one["participants"]["judge"] == 12, || {
            format!("{backend}: only the trainer's edit: {one}")
        });
        app.stop().await;
    }
}
