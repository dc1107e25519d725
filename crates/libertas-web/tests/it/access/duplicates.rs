//! The duplicates routes (review queue, job list, a pair, merge, dismiss, undo; API and
//! pages) as anonymous, an analyst (wrong role), a caseworker of another organisation, a
//! caseworker of the organisation on neither record's case, and the caseworker on both. The
//! queue and job list are not objects: others are served (with nothing of the pair in it);
//! a pair, and every decision on it, is 404 to anyone not on a case of each record.

use crate::access::matrix::{api, check_api, check_pages_hiding, form, page, Caller};
use crate::common::TestApp;
use libertas_domain::admin::Role;
use libertas_domain::cases::CaseTitle;
use libertas_domain::people::{BirthDate, NewPerson, PersonName, PersonRole};
use libertas_store::admin::Operator;
use libertas_store::testing::{backends, bulk_people, BulkPerson};
use reqwest::Method;
use time::macros::date;

fn victim(given: &str, family: &str) -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse(given).unwrap(),
        family_name: PersonName::parse(family).unwrap(),
        birth_date: Some(BirthDate::parse("1990-04-02", date!(2026 - 11 - 22)).unwrap()),
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
}

/// Users `analyst`, `other` (South), `nonmember` and `owner`; the owner's two cases hold
/// "Maria Popescu" and "Mariia Popescu" among 120 invented people, and the job has run.
/// Returns the app, its tokens in caller order, and the open candidate's id.
async fn seeded(backend: &str) -> (TestApp, Vec<String>, String) {
    let app = TestApp::spawn(backend).await;
    let analyst = app.user("North", "analyst", Role::Analyst).await;
    let other = app.user("South", "other", Role::Caseworker).await;
    let nonmember = app.user("North", "nonmember", Role::Caseworker).await;
    let owner = app.user("North", "owner", Role::Caseworker).await;
    let op = Operator::console();
    let u = app
        .store
        .user_by_username(op, "owner")
        .await
        .unwrap()
        .unwrap();
    let p = app.store.principal(op, u.id).await.unwrap().unwrap();
    let title = |s| CaseTitle::parse(s).unwrap();
    let one = app
        .store
        .create_case(&p, &title("Kestrel"), "t")
        .await
        .unwrap()
        .id;
    let two = app
        .store
        .create_case(&p, &title("Heron"), "t")
        .await
        .unwrap()
        .id;
    let syl = [
        "ba", "do", "ri", "na", "le", "vo", "mi", "tu", "se", "ca", "pe", "lo",
    ];
    let fillers: Vec<BulkPerson> = (0..120)
        .map(|i| BulkPerson {
            given_name: format!("{}{}ra", syl[i % 12], syl[(i / 12 + 3) % 12]),
            family_name: format!(
                "{}{}{}scu",
                syl[(i / 12 + 5) % 12],
                syl[(i * 7) % 12],
                syl[(i + 1) % 12]
            ),
            birth_date: Some(format!(
                "19{}-{:02}-{:02}",
                80 + i % 10,
                1 + i % 4,
                10 + i % 7
            )),
            phone: None,
        })
        .collect();
    bulk_people(&app.store, p.org_id, one, &fillers)
        .await
        .unwrap();
    app.store
        .add_person(&p, one, &victim("Maria", "Popescu"), "t")
        .await
        .unwrap();
    app.store
        .add_person(&p, two, &victim("Mariia", "Popescu"), "t")
        .await
        .unwrap();
    app.store
        .run_dedupe_job(op.into(), p.org_id, &Default::default(), Default::default())
        .await
        .unwrap();
    let q = app.store.review_queue(&p, "t").await.unwrap();
    assert_eq!(q.entries.len(), 1, "{backend}: the seeded pair");
    let id = q.entries[0].id.to_string();
    (app, vec![analyst, other, nonmember, owner], id)
}

async fn merge_id(app: &TestApp) -> String {
    let op = Operator::console();
    let u = app
        .store
        .user_by_username(op, "owner")
        .await
        .unwrap()
        .unwrap();
    let p = app.store.principal(op, u.id).await.unwrap().unwrap();
    let q = app.store.review_queue(&p, "t").await.unwrap();
    q.merges[0].id.to_string()
}

pub async fn duplicates_api_as_every_kind_of_caller() {
    for backend in backends() {
        let (app, tokens, id) = seeded(backend).await;
        let callers = [
            ("anonymous", None),
            ("analyst", Some(tokens[0].as_str())),
            ("other", Some(tokens[1].as_str())),
            ("nonmember", Some(tokens[2].as_str())),
            ("owner", Some(tokens[3].as_str())),
        ];
        let rows = [
            api(
                Method::GET,
                "/api/v1/duplicates",
                None,
                [401, 403, 200, 200, 200],
            ),
            api(
                Method::GET,
                "/api/v1/duplicates/jobs",
                None,
                [401, 403, 200, 200, 200],
            ),
            api(
                Method::GET,
                format!("/api/v1/duplicates/{id}"),
                None,
                [401, 403, 404, 404, 200],
            ),
            api(
                Method::POST,
                format!("/api/v1/duplicates/{id}/merge"),
                None,
                [401, 403, 404, 404, 201],
            ),
        ];
        check_api(&app, backend, &rows, &callers).await;
        let m = merge_id(&app).await;
        let rows = [
            api(
                Method::POST,
                format!("/api/v1/merges/{m}/undo"),
                None,
                [401, 403, 404, 404, 204],
            ),
            api(
                Method::POST,
                format!("/api/v1/duplicates/{id}/dismiss"),
                None,
                [401, 403, 404, 404, 204],
            ),
        ];
        check_api(&app, backend, &rows, &callers).await;
        app.stop().await;
    }
}

pub async fn duplicates_pages_as_every_kind_of_caller() {
    for backend in backends() {
        let (app, _, id) = seeded(backend).await;
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "other").await,
            Caller::signed_in(&app, "nonmember").await,
            Caller::signed_in(&app, "owner").await,
        ];
        let secrets = ["Popescu", "Mariia"];
        let rows = [
            page("/people/duplicates", [303, 403, 200, 200, 200]),
            page(
                format!("/people/duplicates/{id}"),
                [303, 403, 404, 404, 200],
            ),
            form(
                format!("/people/duplicates/{id}/merge"),
                &[],
                [303, 403, 404, 404, 303],
            ),
        ];
        check_pages_hiding(backend, &rows, &mut callers, &secrets).await;
        let m = merge_id(&app).await;
        let rows = [
            form(
                format!("/people/merges/{m}/undo"),
                &[],
                [303, 403, 404, 404, 303],
            ),
            form(
                format!("/people/duplicates/{id}/dismiss"),
                &[],
                [303, 403, 404, 404, 303],
            ),
        ];
        check_pages_hiding(backend, &rows, &mut callers, &secrets).await;
        app.stop().await;
    }
}

/// Starting the job (API and page): administrators only; every other role is refused and
/// nothing starts.
pub async fn duplicates_job_start_as_every_kind_of_caller() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        let worker = app.user("North", "worker", Role::Caseworker).await;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let boss = app.user("North", "boss", Role::Admin).await;
        let callers = [
            ("anonymous", None),
            ("caseworker", Some(worker.as_str())),
            ("analyst", Some(analyst.as_str())),
            ("admin", Some(boss.as_str())),
        ];
        let rows = [api(
            Method::POST,
            "/api/v1/duplicates/jobs",
            None,
            [401, 403, 403, 202],
        )];
        check_api(&app, backend, &rows, &callers).await;
        // The organisation has nobody: the job is over at once, so the page may start another.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let (_, v) = app.get("/api/v1/duplicates/jobs", &boss).await;
            if v["jobs"][0]["status"] != "running" {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "{backend}: {v}");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let mut callers = [
            Caller::anonymous(&app),
            Caller::signed_in(&app, "worker").await,
            Caller::signed_in(&app, "analyst").await,
            Caller::signed_in(&app, "boss").await,
        ];
        let rows = [form("/people/duplicates/jobs", &[], [303, 403, 403, 303])];
        check_pages_hiding(backend, &rows, &mut callers, &[]).await;
        app.stop().await;
    }
}
