//! The training routes as anonymous, a reader of the organisation (analyst, caseworker), a
//! trainer of another organisation, and the writers (trainer, admin), with the exact status
//! of each: an organisation never sees another's records.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn event() -> Value {
    json!({
        "topic": "Trauma-informed practice", "held_on": "2026-01-15", "place": "Bucharest",
        "audiences": ["judge"], "participants": {"judge": 11}, "pre_score": 55, "post_score": 74
    })
}

pub async fn training_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let trainer = app.user("North", "trainer", Role::Trainer).await;
        let admin = app.user("North", "admin", Role::Admin).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let caseworker = app.user("North", "caseworker", Role::Caseworker).await;
        let other = app.user("South", "other", Role::Trainer).await;
        let (s, e) = app.post("/api/v1/trainings", &trainer, event()).await;
        assert_eq!(s, StatusCode::CREATED);
        let id = e["id"].as_str().unwrap().to_owned();
        let mentoring = json!({"held_on": "2026-01-20", "mentee_type": "police", "topic": "Interviews", "duration_minutes": 45});
        let rows: Vec<(Method, String, Option<Value>, [u16; 6])> = vec![
            (
                Method::GET,
                "/api/v1/trainings".into(),
                None,
                [401, 200, 200, 200, 200, 200],
            ),
            (
                Method::POST,
                "/api/v1/trainings".into(),
                Some(event()),
                [401, 403, 403, 201, 201, 201],
            ),
            (
                Method::GET,
                format!("/api/v1/trainings/{id}"),
                None,
                [401, 200, 200, 404, 200, 200],
            ),
            (
                Method::PUT,
                format!("/api/v1/trainings/{id}"),
                Some(event()),
                [401, 403, 403, 404, 200, 200],
            ),
            (
                Method::GET,
                "/api/v1/mentoring".into(),
                None,
                [401, 200, 200, 200, 200, 200],
            ),
            (
                Method::POST,
                "/api/v1/mentoring".into(),
                Some(mentoring),
                [401, 403, 403, 201, 201, 201],
            ),
            (
                Method::GET,
                "/api/v1/trainings/not-a-uuid".into(),
                None,
                [401, 400, 400, 400, 400, 400],
            ),
        ];
        let callers = [
            None,
            Some(&analyst),
            Some(&caseworker),
            Some(&other),
            Some(&trainer),
            Some(&admin),
        ];
        for (method, path, body, expect) in rows {
            for (i, (who, want)) in callers.iter().zip(expect).enumerate() {
                let (s, v) = app
                    .call(method.clone(), &path, who.map(String::as_str), body.clone())
                    .await;
                assert_eq!(
                    s.as_u16(),
                    want,
                    "{backend} {method} {path} as caller {i}: {v}"
                );
            }
        }
        // North made 3 events (one, then trainer and admin); South only its own.
        let (_, north) = app.get("/api/v1/trainings", &analyst).await;
        assert_eq!(north["trainings"].as_array().unwrap().len(), 3, "{backend}");
        let (_, south) = app.get("/api/v1/trainings", &other).await;
        assert_eq!(south["trainings"].as_array().unwrap().len(), 1, "{backend}");
        assert_eq!(south["totals"]["participants"]["judge"], 11);
        let (_, sm) = app.get("/api/v1/mentoring", &other).await;
        assert_eq!(sm["sessions"].as_array().unwrap().len(), 1);
        app.stop().await;
    }
}

pub async fn training_pages_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let trainer = app.user("North", "trainer", Role::Trainer).await;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("South", "other", Role::Trainer).await;
        let (_, e) = app.post("/api/v1/trainings", &trainer, event()).await;
        let id = e["id"].as_str().unwrap().to_owned();
        let page = format!("/trainings/{id}");
        let mut anon = Browser::new(&app);
        for path in ["/trainings", page.as_str()] {
            let (s, loc, _) = anon.get(path).await;
            assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        }
        for (user, list, one, write) in [
            ("analyst", 200u16, 200u16, 403u16),
            ("other", 200, 404, 404),
            ("trainer", 200, 200, 303),
        ] {
            let mut b = Browser::new(&app);
            let csrf = b.sign_in(user).await;
            let (s, _, body) = b.get("/trainings").await;
            assert_eq!(s.as_u16(), list, "{backend}: {user}");
            assert_eq!(
                body.contains("Trauma-informed practice"),
                user != "other",
                "{backend}: {user}"
            );
            let (s, _, _) = b.get(&page).await;
            assert_eq!(s.as_u16(), one, "{backend}: {user} one");
            let form = [
                ("csrf", csrf.as_str()),
                ("topic", "Trauma-informed practice"),
                ("held_on", "2026-01-15"),
                ("place", "Bucharest"),
                ("aud_judge", "1"),
                ("n_judge", "12"),
            ];
            let (s, _, _) = b.post(&page, &form).await;
            assert_eq!(s.as_u16(), write, "{backend}: {user} edits");
            let (s, _, _) = b
                .post(
                    "/trainings/mentoring",
                    &[
                        ("csrf", csrf.as_str()),
                        ("held_on", "2026-01-20"),
                        ("mentee_type", "judge"),
                        ("topic", "x"),
                        ("duration_minutes", "30"),
                    ],
                )
                .await;
            assert_eq!(
                s.as_u16(),
                if user == "analyst" { 403 } else { 303 },
                "{backend}: {user} mentoring"
            );
        }
        let (_, one) = app.get(&format!("/api/v1/trainings/{id}"), &trainer).await;
        assert_eq!(one["participants"]["judge"], 12, "only the trainer's edit");
        app.stop().await;
    }
}
