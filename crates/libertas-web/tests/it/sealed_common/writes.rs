//! Writes a unique marker into every sealed column through the API.

use super::{marker, World, Written};
use reqwest::{Method, StatusCode};
use serde_json::json;

/// Writes a marker into every sealed column through the API (creates, then updates where the
/// API updates), and returns what to look for and where to read it back.
pub async fn write_markers(w: &World) -> Vec<Written> {
    let app = &w.app;
    let case = &w.case_id;
    let mut out = vec![];
    let mut check = |column: &'static str, marker: &str, path: String, token: &str, ptr: &str| {
        out.push(Written {
            column,
            marker: marker.to_owned(),
            read_path: path,
            read_token: token.to_owned(),
            pointer: ptr.to_owned(),
        });
    };

    // charges.law, charges.section
    let (law, section) = (marker("charges.law"), marker("charges.section"));
    let (s, c) = app
        .post(
            &format!("/api/v1/cases/{case}/charges"),
            &w.owner,
            json!({"suspect_id": w.suspect, "law": law, "section": section, "counts": 1,
                   "filed_on": "2025-01-10"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let charges = format!("/api/v1/cases/{case}/charges");
    check(
        "charges.law",
        &law,
        charges.clone(),
        &w.owner,
        "/charges/0/law",
    );
    check(
        "charges.section",
        &section,
        charges,
        &w.owner,
        "/charges/0/section",
    );

    // hearings.court
    let court = marker("hearings.court");
    let (s, h) = app
        .post(
            &format!("/api/v1/cases/{case}/hearings"),
            &w.owner,
            json!({"date": "2025-02-01", "court": court, "kind": "trial"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    check(
        "hearings.court",
        &court,
        format!("/api/v1/cases/{case}/hearings"),
        &w.owner,
        "/hearings/0/court",
    );

    // duty_notifications.region
    let region = marker("duty_notifications.region");
    let path = format!("/api/v1/cases/{case}/notifications");
    let (s, n) = app
        .post(
            &path,
            &w.owner,
            json!({"person_id": w.victim, "exploitation_types": ["forced_labour"],
                   "region": region, "notified_on": "2025-02-03"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{n}");
    check(
        "duty_notifications.region",
        &region,
        path,
        &w.owner,
        "/notifications/0/region",
    );

    // partners: created with one set of markers, then updated with another (both must go).
    let partner = |name: &str, area: &str, how: &str, contact: &str| {
        json!({"name": name, "kinds": ["shelter"], "area": area, "languages": ["ro"],
               "how_to_refer": how, "contact": contact})
    };
    let first = [
        marker("partners.name"),
        marker("partners.area"),
        marker("partners.how_to_refer"),
        marker("partners.contact"),
    ];
    let (s, p) = app
        .post(
            "/api/v1/partners",
            &w.admin,
            partner(&first[0], &first[1], &first[2], &first[3]),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let pid = p["id"].as_str().unwrap().to_owned();
    let (s, old) = app
        .post(
            "/api/v1/partners",
            &w.admin,
            partner(&first[0], &first[1], &first[2], &first[3]),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{old}");
    let second = [
        marker("partners.name"),
        marker("partners.area"),
        marker("partners.how_to_refer"),
        marker("partners.contact"),
    ];
    let (s, u) = app
        .call(
            Method::PUT,
            &format!("/api/v1/partners/{pid}"),
            Some(&w.admin),
            Some(partner(&second[0], &second[1], &second[2], &second[3])),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{u}");
    let old_path = format!("/api/v1/partners/{}", old["id"].as_str().unwrap());
    for (i, column) in [
        "partners.name",
        "partners.area",
        "partners.how_to_refer",
        "partners.contact",
    ]
    .into_iter()
    .enumerate()
    {
        let field = column.trim_start_matches("partners.");
        check(
            column,
            &second[i],
            format!("/api/v1/partners/{pid}"),
            &w.owner,
            &format!("/{field}"),
        );
        check(
            column,
            &first[i],
            old_path.clone(),
            &w.owner,
            &format!("/{field}"),
        );
    }

    // training_events.topic, training_events.place: create, then update.
    let training = |topic: &str, place: &str| {
        json!({"topic": topic, "held_on": "2026-03-10", "place": place,
               "audiences": ["police"], "participants": {"police": 4},
               "pre_score": 50.0, "post_score": 70.0})
    };
    let (t1, p1) = (
        marker("training_events.topic"),
        marker("training_events.place"),
    );
    let (s, t) = app
        .post("/api/v1/trainings", &w.trainer, training(&t1, &p1))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let tid = t["id"].as_str().unwrap().to_owned();
    let (t2, p2) = (
        marker("training_events.topic"),
        marker("training_events.place"),
    );
    let (s, u) = app
        .call(
            Method::PUT,
            &format!("/api/v1/trainings/{tid}"),
            Some(&w.trainer),
            Some(training(&t2, &p2)),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{u}");
    let one = format!("/api/v1/trainings/{tid}");
    check(
        "training_events.topic",
        &t2,
        one.clone(),
        &w.owner,
        "/topic",
    );
    check("training_events.place", &p2, one, &w.owner, "/place");
    // The first values were replaced: they must be gone from every file too.
    out.push(Written::gone("training_events.topic", &t1));
    out.push(Written::gone("training_events.place", &p1));

    // mentoring_sessions.topic
    let topic = marker("mentoring_sessions.topic");
    let (s, m) = app
        .post(
            "/api/v1/mentoring",
            &w.trainer,
            json!({"held_on": "2026-04-02", "mentee_type": "prosecutor", "topic": topic,
                   "duration_minutes": 60}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    out.push(Written {
        column: "mentoring_sessions.topic",
        marker: topic,
        read_path: "/api/v1/mentoring".into(),
        read_token: w.owner.clone(),
        pointer: "/sessions/0/topic".into(),
    });

    // audit_events.reason, typed by an administrator: disable an account, reset a device.
    for action in ["disable", "reset-totp"] {
        let why = marker("audit_events.reason");
        let (s, e) = app
            .post(
                &format!("/api/v1/admin/users/leaver/{action}"),
                &w.admin,
                json!({ "reason": why }),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{action}: {e}");
        out.push(Written {
            column: "audit_events.reason",
            marker: why,
            read_path: "/api/v1/audit?actor=northadmin".into(),
            read_token: w.admin.clone(),
            pointer: String::new(),
        });
    }
    out
}
