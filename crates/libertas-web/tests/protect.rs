//! Protect over real HTTP: identification decisions with the UK NRM deadlines (a configured
//! holiday list), the tasks the rules create, tasks by hand, the overdue list, the pages and
//! the access matrix of every new route. SQLite always, PostgreSQL when configured.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use libertas_web::WebConfig;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use time::macros::date;

struct Fixture {
    app: TestApp,
    owner: String,
    case_id: String,
    victim: String,
    witness: String,
}

async fn fixture(backend: &str) -> Fixture {
    let config = WebConfig {
        // Christmas Day and the Monday after, 2098 (a Thursday and a Monday).
        holidays: vec![date!(2098 - 12 - 25), date!(2098 - 12 - 29)],
        ..WebConfig::default()
    };
    let app = TestApp::spawn_with(backend, config).await;
    let owner = app.user("North", "owner", Role::Caseworker).await;
    let (_, case) = app
        .post("/api/v1/cases", &owner, json!({"title": "Operation Lark"}))
        .await;
    let case_id = case["id"].as_str().unwrap().to_owned();
    let mut ids = vec![];
    for role in ["victim", "witness"] {
        let (s, p) = app
            .post(
                &format!("/api/v1/cases/{case_id}/people"),
                &owner,
                json!({"role": role, "given_name": "Zamfira", "family_name": "Oprescu"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}");
        ids.push(p["id"].as_str().unwrap().to_owned());
    }
    Fixture {
        app,
        owner,
        case_id,
        victim: ids[0].clone(),
        witness: ids[1].clone(),
    }
}

fn files_contain(dir: &std::path::Path, needle: &[u8]) -> bool {
    std::fs::read_dir(dir).unwrap().flatten().any(|e| {
        let path = e.path();
        if path.is_dir() {
            files_contain(&path, needle)
        } else {
            let bytes = std::fs::read(&path).unwrap_or_default();
            bytes.windows(needle.len()).any(|w| w == needle)
        }
    })
}

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
            .post(&c("/decisions"), &owner, json!({"person_id": victim, "colour": "red"}))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);

        // A positive reasonable-grounds decision closes the first task and opens the second.
        let (s, d) = app
            .post(
                &c("/decisions"),
                &owner,
                json!({"person_id": victim, "trafficking_status": "PossibleVictimOfTrafficking",
                       "referral_date": "2098-12-19", "rg_decision": "positive", "rg_date": "2098-12-22"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {d}");
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
            for needle in ["Referred by the shelter.", "Reasonable-grounds decision due"] {
                assert!(!files_contain(app.data.dir.path(), needle.as_bytes()), "{needle}");
            }
        }
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_by_hand_and_the_overdue_list() {
    for backend in backends() {
        let Fixture {
            app, owner, case_id, ..
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
            .post(&tasks, &owner, json!({"title": "Review", "due_date": "2099-06-01"}))
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
        app, owner, case_id, ..
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
        home.contains("Overdue tasks") && home.contains("Call the shelter"),
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
    assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some(path.as_str())));
    let (_, _, page) = b.get(&path).await;
    assert!(
        page.contains("2098-12-30") && page.contains("Non-governmental organisation"),
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
            &[("csrf", "wrong"), ("title", "X"), ("due_date", "2099-01-01")],
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, loc, _) = b
        .post(
            &format!("/cases/{case_id}/tasks"),
            &[("csrf", &csrf), ("title", "Visit"), ("due_date", "2099-01-01")],
        )
        .await;
    assert_eq!(
        (s, loc),
        (StatusCode::SEE_OTHER, Some(format!("/cases/{case_id}/tasks")))
    );
    let (_, _, page) = b.get(&format!("/cases/{case_id}/tasks")).await;
    assert!(page.contains("Visit"));
    let done = common::between(&page, "<form method=\"post\" action=\"/tasks/", "/done\"");
    let (s, loc, _) = b.post(&format!("/tasks/{done}/done"), &[("csrf", &csrf)]).await;
    assert_eq!(
        (s, loc),
        (StatusCode::SEE_OTHER, Some(format!("/cases/{case_id}/tasks")))
    );
    assert_eq!(hidden(&page, "csrf"), csrf);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_protect_route_as_every_kind_of_caller() {
    for backend in backends() {
        let Fixture {
            app,
            owner,
            case_id,
            victim,
            ..
        } = fixture(backend).await;
        let member = app.user("North", "member", Role::Investigator).await;
        app.post(
            &format!("/api/v1/cases/{case_id}/members"),
            &owner,
            json!({"username": "member"}),
        )
        .await;
        let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Caseworker).await;
        let (_, task) = app
            .post(
                &format!("/api/v1/cases/{case_id}/tasks"),
                &owner,
                json!({"title": "Call", "due_date": "2099-01-01"}),
            )
            .await;
        let task_id = task["id"].as_str().unwrap();
        let c = |p: &str| format!("/api/v1/cases/{case_id}{p}");
        let decision = json!({"person_id": victim, "referral_date": "2098-12-19"});
        // anonymous, analyst (wrong role), other organisation, non-member, member
        let rows: Vec<(Method, String, Option<Value>, [u16; 5])> = vec![
            (Method::POST, c("/decisions"), Some(decision), [401, 403, 404, 404, 201]),
            (Method::GET, c("/decisions"), None, [401, 403, 404, 404, 200]),
            (Method::GET, c("/deadlines"), None, [401, 403, 404, 404, 200]),
            (
                Method::POST,
                c("/tasks"),
                Some(json!({"title": "Visit", "due_date": "2099-01-01"})),
                [401, 403, 404, 404, 201],
            ),
            (Method::GET, c("/tasks"), None, [401, 403, 404, 404, 200]),
            (
                Method::POST,
                format!("/api/v1/tasks/{task_id}/done"),
                None,
                [401, 403, 404, 404, 200],
            ),
            (
                Method::GET,
                "/api/v1/tasks?overdue=true".into(),
                None,
                [401, 403, 200, 200, 200],
            ),
            (Method::GET, "/api/v1/tasks".into(), None, [401, 403, 200, 200, 200]),
        ];
        let callers: [(&str, Option<&str>); 5] = [
            ("anonymous", None),
            ("analyst", Some(&analyst)),
            ("other org", Some(&other)),
            ("non-member", Some(&nonmember)),
            ("member", Some(&member)),
        ];
        for (method, path, body, expect) in &rows {
            for (i, (who, token)) in callers.iter().enumerate() {
                let (status, res) = app.call(method.clone(), path, *token, body.clone()).await;
                assert_eq!(status.as_u16(), expect[i], "{backend}: {method} {path} as {who}: {res}");
                if status.is_client_error() {
                    assert!(
                        res["error"]["code"].is_string(),
                        "{backend}: {method} {path} as {who}: {res}"
                    );
                }
            }
        }
        // Malformed ids are 400 naming `id`.
        let (s, e) = app
            .call(Method::POST, "/api/v1/tasks/nope/done", Some(&member), None)
            .await;
        assert_eq!((s, &e["error"]["field"]), (StatusCode::BAD_REQUEST, &json!("id")));

        // Pages: the same need-to-know, with the answer a page gives.
        for (who, expect) in [("analyst", 403u16), ("other", 404), ("nonmember", 404), ("member", 200)] {
            let mut b = Browser::new(&app);
            b.sign_in(who).await;
            for page in ["decisions", "tasks"] {
                let (s, _, _) = b.get(&format!("/cases/{case_id}/{page}")).await;
                assert_eq!(s.as_u16(), expect, "{backend}: {page} as {who}");
            }
        }
        let mut anon = Browser::new(&app);
        let (s, loc, _) = anon.get(&format!("/cases/{case_id}/tasks")).await;
        assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        app.stop().await;
    }
}
