//! Protect over real HTTP: identification decisions with the UK NRM deadlines (a configured
//! holiday list), the tasks the rules create, tasks by hand, the overdue list and the pages
//! (the access matrix is in `protect_access.rs`). SQLite always, PostgreSQL when configured.

use crate::common;
use crate::common::{files_containing, hidden, Browser};
use crate::protect_common::{fixture, Fixture};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn tasks_of_kind<'a>(tasks: &'a Value, kind: &str) -> Vec<&'a Value> {
    tasks["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == kind)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_compute_deadlines_and_make_tasks() {
    for backend in backends() {
        let Fixture {
            app,
            owner,
            case_id,
            victim,
            witness,
        } = fixture(backend).await;
        let c = |p: &str| format!("/api/v1/cases/{case_id}{p}");
        // A referral on Friday 2098-12-19: five working days skip the weekend, the holiday on
        // Thursday 25 and the weekend: Mon 22, Tue 23, Wed 24, Fri 26, Tue 30 (Mon 29 is a holiday).
        let (s, d) = app
            .post(
                &c("/decisions"),
                &owner,
                json!({"person_id": victim, "trafficking_status": "PossibleVictimOfTrafficking",
                       "deciding_org_type": "CentralGovernmentOrganisation", "referral_date": "2098-12-19",
                       "note": "Referred by the shelter."}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {d}");
        assert_eq!(d["reasonable_grounds_due"], "2098-12-30", "{backend}: {d}");
        assert_eq!(d["rule_set"], "uk-nrm");
        assert!(d["recovery_start"].is_null());
        let (_, tasks) = app.get(&c("/tasks"), &owner).await;
        let rg = tasks_of_kind(&tasks, "reasonable_grounds_due");
        assert_eq!(rg.len(), 1, "{backend}: {tasks}");
        assert_eq!(rg[0]["due_date"], "2098-12-30");
        assert_eq!(rg[0]["status"], "open");

        // Wrong order and wrong people are 400s naming the field.
        for (body, field) in [
            (
                json!({"person_id": victim, "referral_date": "2098-12-19", "rg_decision": "positive", "rg_date": "2098-12-18"}),
                "rg_date",
            ),
            (
                json!({"person_id": victim, "referral_date": "2098-12-19", "rg_decision": "negative", "rg_date": "2098-12-22",
                    "cg_decision": "positive", "cg_date": "2099-03-01"}),
                "cg_date",
            ),
            (
                json!({"person_id": victim, "referral_date": "2098-12-19", "rg_decision": "positive", "rg_date": "2098-12-22",
                    "cg_decision": "positive", "cg_date": "2099-01-02"}),
                "cg_date",
            ),
            (
                json!({"person_id": witness, "referral_date": "2098-12-19"}),
                "person_id",
            ),
            (
                json!({"case_person_id": "not-an-id", "referral_date": "2098-12-19"}),
                "case_person_id",
            ),
            (
                json!({"person_id": victim, "referral_date": "2098-13-01"}),
                "referral_date",
            ),
            (
                json!({"person_id": victim, "deciding_org_type": "Police", "referral_date": "2098-12-19"}),
                "deciding_org_type",
            ),
        ] {
            let (s, e) = app.post(&c("/decisions"), &owner, body.clone()).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}: {body}: {e}");
            assert_eq!(e["error"]["field"], field, "{backend}: {body}: {e}");
        }
        let (s, _) = app
            .post(
                &c("/decisions"),
                &owner,
                json!({"person_id": victim, "colour": "red"}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);

        // A positive reasonable-grounds decision closes the first task and opens the second. A
        // follow-up names only what changed; the rest is kept from the current decision.
        let (s, d) = app
            .post(
                &c("/decisions"),
                &owner,
                json!({"person_id": victim, "rg_decision": "positive", "rg_date": "2098-12-22"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {d}");
        assert_eq!(d["referral_date"], "2098-12-19", "{backend}: {d}");
        assert_eq!(d["deciding_org_type"], "CentralGovernmentOrganisation");
        assert_eq!(d["trafficking_status"], "PossibleVictimOfTrafficking");
        assert!(d["note"].is_null());
        assert_eq!(d["recovery_start"], "2098-12-22");
        assert_eq!(d["recovery_min_end"], "2099-01-21");
        assert_eq!(d["conclusive_grounds_earliest"], "2099-01-21");
        let (_, tasks) = app.get(&c("/tasks"), &owner).await;
        assert_eq!(
            tasks_of_kind(&tasks, "reasonable_grounds_due")[0]["status"],
            "done",
            "{backend}: {tasks}"
        );
        let cg = tasks_of_kind(&tasks, "conclusive_grounds_earliest");
        assert_eq!(
            (cg.len(), &cg[0]["due_date"]),
            (1, &json!("2099-01-21")),
            "{backend}: {tasks}"
        );

        // The conclusive decision ends the recovery period.
        let (s, d) = app
            .post(
                &c("/decisions"),
                &owner,
                json!({"person_id": victim, "trafficking_status": "ActualVictimOfTrafficking",
                       "referral_date": "2098-12-19", "rg_decision": "positive", "rg_date": "2098-12-22",
                       "cg_decision": "positive", "cg_date": "2099-02-03"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {d}");
        assert_eq!(d["recovery_end"], "2099-02-03");
        let (_, tasks) = app.get(&c("/tasks"), &owner).await;
        assert_eq!(
            tasks_of_kind(&tasks, "conclusive_grounds_earliest")[0]["status"],
            "done"
        );

        // History keeps every decision, the note decrypted; deadlines show the current one.
        let (s, all) = app.get(&c("/decisions"), &owner).await;
        assert_eq!(s, StatusCode::OK);
        let all = all["decisions"].as_array().unwrap();
        assert_eq!(all.len(), 3, "{backend}");
        assert_eq!(all[0]["note"], "Referred by the shelter.");
        let (s, dl) = app.get(&c("/deadlines"), &owner).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(dl["rule_set"], "uk-nrm");
        let dl = dl["deadlines"].as_array().unwrap();
        assert_eq!(dl.len(), 1);
        assert_eq!(dl[0]["person_id"], victim.as_str());
        assert_eq!(dl[0]["cg_date"], "2099-02-03");
        // The victim's status on the case follows the decision.
        let (_, person) = app.get(&format!("/api/v1/people/{victim}"), &owner).await;
        assert!(
            person.to_string().contains("ActualVictimOfTrafficking"),
            "{backend}: {person}"
        );
        // Neither the note nor a task title reaches the files Libertas wrote in plaintext.
        if backend == "sqlite" {
            for needle in [
                "Referred by the shelter.",
                "Reasonable-grounds decision due",
            ] {
                assert!(
                    files_containing(app.data.dir.path(), needle.as_bytes()).is_empty(),
                    "{needle}"
                );
            }
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_by_hand_and_the_overdue_list() {
    for backend in backends() {
        let Fixture {
            app,
            owner,
            case_id,
            ..
        } = fixture(backend).await;
        let member = app.user("North", "member", Role::Investigator).await;
        app.post(
            &format!("/api/v1/cases/{case_id}/members"),
            &owner,
            json!({"username": "member"}),
        )
        .await;
        let outsider = app.user("North", "outsider", Role::Caseworker).await;
        let tasks = format!("/api/v1/cases/{case_id}/tasks");
        let (s, late) = app
            .post(
                &tasks,
                &owner,
                json!({"title": "Call the shelter", "due_date": "2020-01-06", "assignee": "member",
                                          "description": "Ask about a bed."}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {late}");
        assert_eq!(late["assignee"], "member");
        let (s, later) = app
            .post(
                &tasks,
                &owner,
                json!({"title": "Review", "due_date": "2099-06-01"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        for (body, field) in [
            (json!({"title": "", "due_date": "2099-06-01"}), "title"),
            (json!({"title": "Review", "due_date": "soon"}), "due_date"),
            (
                json!({"title": "Review", "due_date": "2099-06-01", "assignee": "outsider"}),
                "assignee",
            ),
        ] {
            let (s, e) = app.post(&tasks, &owner, body).await;
            assert_eq!(
                (s, &e["error"]["field"]),
                (StatusCode::BAD_REQUEST, &json!(field)),
                "{backend}: {e}"
            );
        }
        let ids = |v: &Value| -> Vec<String> {
            v["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["id"].as_str().unwrap().to_owned())
                .collect()
        };
        for token in [&owner, &member] {
            let (s, overdue) = app.get("/api/v1/tasks?overdue=true", token).await;
            assert_eq!(s, StatusCode::OK);
            assert_eq!(
                ids(&overdue),
                vec![late["id"].as_str().unwrap().to_owned()],
                "{backend}: {overdue}"
            );
            assert_eq!(overdue["tasks"][0]["overdue"], true);
            assert_eq!(overdue["tasks"][0]["description"], "Ask about a bed.");
        }
        let (_, open) = app.get("/api/v1/tasks", &owner).await;
        assert!(ids(&open).contains(&later["id"].as_str().unwrap().to_owned()));
        let (_, none) = app.get("/api/v1/tasks?overdue=true", &outsider).await;
        assert!(ids(&none).is_empty(), "{backend}: {none}");
        let (s, _) = app.get("/api/v1/tasks?overdue=maybe", &owner).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        let done = format!("/api/v1/tasks/{}/done", late["id"].as_str().unwrap());
        assert_eq!(
            app.call(Method::POST, &done, Some(&outsider), None).await.0,
            StatusCode::NOT_FOUND
        );
        let (s, t) = app.call(Method::POST, &done, Some(&member), None).await;
        assert_eq!(
            (s, &t["status"], &t["overdue"]),
            (StatusCode::OK, &json!("done"), &json!(false)),
            "{backend}: {t}"
        );
        assert_eq!(
            app.call(Method::POST, &done, Some(&member), None).await.0,
            StatusCode::OK
        );
        let (_, overdue) = app.get("/api/v1/tasks?overdue=true", &owner).await;
        assert!(ids(&overdue).is_empty(), "{backend}: {overdue}");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decision_and_task_pages() {
    let Fixture {
        app,
        owner,
        case_id,
        ..
    } = fixture("sqlite").await;
    app.post(
        &format!("/api/v1/cases/{case_id}/tasks"),
        &owner,
        json!({"title": "Call the shelter", "due_date": "2020-01-06"}),
    )
    .await;
    let mut b = Browser::new(&app);
    let csrf = b.sign_in("owner").await;
    let (s, _, home) = b.get("/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        home.contains("Tasks due today or overdue") && home.contains("Call the shelter"),
        "{home}"
    );
    let path = format!("/cases/{case_id}/decisions");
    let (s, _, page) = b.get(&path).await;
    assert_eq!(s, StatusCode::OK);
    let cp = common::between(
        &page,
        "<select id=\"case_person_id\" name=\"case_person_id\"><option value=\"",
        "\"",
    );
    let form = [
        ("csrf", csrf.as_str()),
        ("case_person_id", &cp),
        ("referral_date", "2098-12-19"),
        ("rg_decision", ""),
        ("rg_date", "2098-12-01"),
        ("trafficking_status", "PossibleVictimOfTrafficking"),
    ];
    let (s, loc, _) = b.post(&path, &form).await;
    assert_eq!(
        (s, loc.as_deref()),
        (
            StatusCode::SEE_OTHER,
            Some(format!("{path}?error=rg_decision").as_str())
        )
    );
    let form = [
        ("csrf", csrf.as_str()),
        ("case_person_id", &cp),
        ("referral_date", "2098-12-19"),
        ("rg_date", ""),
        ("trafficking_status", "PossibleVictimOfTrafficking"),
        ("deciding_org_type", "NGO"),
    ];
    let (s, loc, _) = b.post(&path, &form).await;
    assert_eq!(
        (s, loc.as_deref()),
        (StatusCode::SEE_OTHER, Some(path.as_str()))
    );
    let (_, _, page) = b.get(&path).await;
    assert!(
        page.contains("30/12/2098") && page.contains("Non-governmental organisation"),
        "{page}"
    );
    let (s, _, page) = b.get(&format!("/cases/{case_id}/tasks?lang=ro")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("Termen pentru decizia privind motivele rezonabile"),
        "{page}"
    );
    let (s, _, _) = b
        .post(
            &format!("/cases/{case_id}/tasks"),
            &[
                ("csrf", "wrong"),
                ("title", "X"),
                ("due_date", "2099-01-01"),
            ],
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, loc, _) = b
        .post(
            &format!("/cases/{case_id}/tasks"),
            &[
                ("csrf", &csrf),
                ("title", "Visit"),
                ("due_date", "2099-01-01"),
            ],
        )
        .await;
    assert_eq!(
        (s, loc),
        (
            StatusCode::SEE_OTHER,
            Some(format!("/cases/{case_id}/tasks"))
        )
    );
    let (_, _, page) = b.get(&format!("/cases/{case_id}/tasks")).await;
    assert!(page.contains("Visit"));
    let done = common::between(&page, "<form method=\"post\" action=\"/tasks/", "/done\"");
    let (s, loc, _) = b
        .post(&format!("/tasks/{done}/done"), &[("csrf", &csrf)])
        .await;
    assert_eq!(
        (s, loc),
        (
            StatusCode::SEE_OTHER,
            Some(format!("/cases/{case_id}/tasks"))
        )
    );
    assert_eq!(hidden(&page, "csrf"), csrf);
    app.stop().await;
}
