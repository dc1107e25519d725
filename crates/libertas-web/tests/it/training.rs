//! Training events and mentoring sessions (issue 4, item 12) over HTTP, on SQLite and, when
//! `LIBERTAS_TEST_DATABASE_URL` is set, PostgreSQL.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub fn event(topic: &str, counts: Value, pre: f64, post: f64) -> Value {
    json!({
        "topic": topic, "held_on": "2026-03-10", "place": "Iasi, Court of Appeal",
        "audiences": ["police", "prosecutor", "judge", "social_worker"],
        "participants": counts, "pre_score": pre, "post_score": post
    })
}

fn field(v: &Value) -> &str {
    v["error"]["field"].as_str().unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trainings_totals_and_validation() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let tina = app.user("North", "tina", Role::Trainer).await;
        let (s, a) = app
            .post(
                "/api/v1/trainings",
                &tina,
                event(
                    "Victim-centred interviewing",
                    json!({"police": 12, "prosecutor": 3}),
                    52.5,
                    78.0,
                ),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {a}");
        assert_eq!(a["total_participants"], 15);
        assert_eq!(a["gain"], 25.5);
        let (s, _) = app
            .post(
                "/api/v1/trainings",
                &tina,
                event(
                    "Financial investigation of trafficking",
                    json!({"judge": 6, "social_worker": 9}),
                    60.0,
                    70.0,
                ),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (s, list) = app.get("/api/v1/trainings", &tina).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(list["trainings"].as_array().unwrap().len(), 2);
        let t = &list["totals"];
        assert_eq!(t["events"], 2);
        assert_eq!(t["participants"]["police"], 12);
        assert_eq!(t["participants"]["judge"], 6);
        assert_eq!(t["total_participants"], 30);
        assert_eq!(t["mean_gain"], 17.75, "{backend}: mean of 25.5 and 10");

        for (body, want) in [
            (event("x", json!({}), 101.0, 50.0), "pre_score"),
            (event("x", json!({}), 50.0, -1.0), "post_score"),
            (
                event("x", json!({"judge": -1}), 50.0, 60.0),
                "participants.judge",
            ),
            (event(" ", json!({}), 50.0, 60.0), "topic"),
        ] {
            let (s, e) = app.post("/api/v1/trainings", &tina, body).await;
            assert_eq!(
                (s, field(&e)),
                (StatusCode::BAD_REQUEST, want),
                "{backend}: {e}"
            );
        }
        let mut b = event("x", json!({"other": 2}), 50.0, 60.0);
        b["audiences"] = json!(["police"]);
        let (s, e) = app.post("/api/v1/trainings", &tina, b.clone()).await;
        assert_eq!(
            (s, field(&e)),
            (StatusCode::BAD_REQUEST, "participants.other")
        );
        b["audiences"] = json!(["lawyers"]);
        let (s, e) = app.post("/api/v1/trainings", &tina, b.clone()).await;
        assert_eq!((s, field(&e)), (StatusCode::BAD_REQUEST, "audiences[0]"));
        b["names"] = json!(["Ion"]);
        let (s, _) = app.post("/api/v1/trainings", &tina, b).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "unknown fields refused");

        let id = a["id"].as_str().unwrap();
        let mut changed = event(
            "Victim-centred interviewing (day 2)",
            json!({"police": 14, "prosecutor": 3}),
            52.5,
            80.0,
        );
        changed["held_on"] = json!("2026-03-11");
        let (s, u) = app
            .call(
                Method::PUT,
                &format!("/api/v1/trainings/{id}"),
                Some(&tina),
                Some(changed),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {u}");
        assert_eq!(u["participants"]["police"], 14);
        let (_, one) = app.get(&format!("/api/v1/trainings/{id}"), &tina).await;
        assert_eq!(one["topic"], "Victim-centred interviewing (day 2)");
        assert_eq!(one["held_on"], "2026-03-11");
        let (s, e) = app
            .call(
                Method::PUT,
                &format!("/api/v1/trainings/{id}"),
                Some(&tina),
                Some(event("x", json!({}), 50.0, 100.5)),
            )
            .await;
        assert_eq!((s, field(&e)), (StatusCode::BAD_REQUEST, "post_score"));
        let (_, one) = app.get(&format!("/api/v1/trainings/{id}"), &tina).await;
        assert_eq!(one["post_score"], 80.0, "nothing half-written");

        let (s, m) = app
            .post(
                "/api/v1/mentoring",
                &tina,
                json!({"held_on": "2026-04-02", "mentee_type": "prosecutor", "topic": "Charging decisions", "duration_minutes": 90, "notes": "Discussed the Dobrescu file and witness care"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {m}");
        let (s, e) = app
            .post("/api/v1/mentoring", &tina, json!({"held_on": "2026-04-02", "mentee_type": "clerk", "topic": "x", "duration_minutes": 90}))
            .await;
        assert_eq!((s, field(&e)), (StatusCode::BAD_REQUEST, "mentee_type"));
        let (s, e) = app
            .post("/api/v1/mentoring", &tina, json!({"held_on": "2026-04-02", "mentee_type": "judge", "topic": "x", "duration_minutes": 0}))
            .await;
        assert_eq!(
            (s, field(&e)),
            (StatusCode::BAD_REQUEST, "duration_minutes")
        );
        let (_, ms) = app.get("/api/v1/mentoring", &tina).await;
        assert_eq!(
            ms["sessions"][0]["notes"],
            "Discussed the Dobrescu file and witness care"
        );
        // Analysts see the session, never the notes.
        let ann = app.user("North", "ann", Role::Analyst).await;
        let (_, ms) = app.get("/api/v1/mentoring", &ann).await;
        assert_eq!(ms["sessions"][0]["topic"], "Charging decisions");
        assert!(ms["sessions"][0]["notes"].is_null(), "{backend}: {ms}");
        let events = app
            .store
            .audit_events(
                libertas_store::admin::Operator::console(),
                &Default::default(),
            )
            .await
            .unwrap();
        for action in [
            "training.create",
            "training.update",
            "mentoring.create",
            "mentoring.read",
        ] {
            assert!(
                events.iter().any(|e| e.action == action),
                "{backend}: {action}"
            );
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trainings_page_records_and_totals() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "tina", Role::Trainer).await;
        app.user("North", "ann", Role::Analyst).await;
        let mut b = Browser::new(&app);
        let csrf = b.sign_in("tina").await;
        let (s, _, body) = b.get("/trainings").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert!(body.contains("id=\"new-training\""));
        let form = [
            ("csrf", csrf.as_str()),
            ("topic", "Indicators of labour exploitation"),
            ("held_on", "2026-02-20"),
            ("place", "Cluj-Napoca"),
            ("aud_police", "1"),
            ("n_police", "18"),
            ("aud_social_worker", "1"),
            ("n_social_worker", "7"),
            ("pre_score", "48.5"),
            ("post_score", "71"),
        ];
        let (s, loc, _) = b.post("/trainings", &form).await;
        assert_eq!(
            (s.as_u16(), loc.as_deref()),
            (303, Some("/trainings")),
            "{backend}"
        );
        let mut bad = form.to_vec();
        bad[9] = ("post_score", "150");
        let (_, loc, _) = b.post("/trainings", &bad).await;
        assert_eq!(loc.as_deref(), Some("/trainings?error=post_score"));
        bad[9] = ("post_score", "71");
        bad[7] = ("n_social_worker", "many");
        let (_, loc, _) = b.post("/trainings", &bad).await;
        assert_eq!(
            loc.as_deref(),
            Some("/trainings?error=participants.social_worker")
        );
        let (s, _, _) = b
            .post("/trainings", &[("csrf", "wrong"), ("topic", "x")])
            .await;
        assert_eq!(s.as_u16(), 403, "CSRF");
        let (s, _, _) = b
            .post(
                "/trainings/mentoring",
                &[
                    ("csrf", csrf.as_str()),
                    ("held_on", "2026-03-01"),
                    ("mentee_type", "judge"),
                    ("topic", "Sentencing guidelines"),
                    ("duration_minutes", "60"),
                    ("notes", ""),
                ],
            )
            .await;
        assert_eq!(s.as_u16(), 303);
        let (_, _, body) = b.get("/trainings").await;
        assert!(
            body.contains("Indicators of labour exploitation"),
            "{backend}"
        );
        assert!(
            body.contains(">18</td>") && body.contains("data-label=\"Police\">18</td>"),
            "police total"
        );
        assert!(body.contains("+22.5"), "average gain");
        assert!(body.contains("Sentencing guidelines"));
        let (_, list) = app
            .get(
                "/api/v1/trainings",
                &app.user("North", "admin1", Role::Admin).await,
            )
            .await;
        let id = list["trainings"][0]["id"].as_str().unwrap().to_owned();
        let (s, _, body) = b.get(&format!("/trainings/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("id=\"edit-training\""));
        let mut edit = form.to_vec();
        edit[1] = ("topic", "Indicators of labour exploitation, part 1");
        let (s, _, _) = b.post(&format!("/trainings/{id}"), &edit).await;
        assert_eq!(s.as_u16(), 303);
        let (_, _, body) = b.get(&format!("/trainings/{id}")).await;
        assert!(body.contains("Indicators of labour exploitation, part 1"));

        // An analyst reads the page but gets no forms; their posts are refused.
        let mut a = Browser::new(&app);
        let csrf = a.sign_in("ann").await;
        let (s, _, body) = a.get("/trainings").await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("Indicators of labour exploitation"));
        assert!(!body.contains("id=\"new-training\""));
        let mut theirs = form.to_vec();
        theirs[0] = ("csrf", csrf.as_str());
        let (s, _, _) = a.post("/trainings", &theirs).await;
        assert_eq!(s.as_u16(), 403, "{backend}");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_lists_the_training_routes() {
    let app = TestApp::spawn("sqlite").await;
    let doc: Value = app
        .http
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, method) in [
        ("/api/v1/trainings", "get"),
        ("/api/v1/trainings", "post"),
        ("/api/v1/trainings/{id}", "get"),
        ("/api/v1/trainings/{id}", "put"),
        ("/api/v1/mentoring", "get"),
        ("/api/v1/mentoring", "post"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} documented"
        );
    }
    assert!(doc["components"]["schemas"]["TrainingListJson"].is_object());
    app.stop().await;
}
