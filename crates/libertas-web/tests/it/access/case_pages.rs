//! The case pages and their forms (opening a case, the case page, notes, members, people, the
//! person page, tasks, decisions, the duty to notify, ending an operation, answering a
//! referral) as anonymous, an analyst (a role that never works cases), a caseworker of another
//! organisation, a colleague who is not a member, and the case's owner, with the exact status
//! of each. Refusals must not show the names of the people in the case.

use crate::access::matrix::{check_pages_hiding, expect, form, page, sign_out_all, Caller};
use crate::referrals_common::{fixture, referral};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use serde_json::{json, Value};

/// The names in the fixture's case (`referrals_common`).
const SECRETS: [&str; 3] = ["Ilinca", "Sorina", "Vlad"];

pub async fn case_pages_as_every_kind_of_caller() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("North", "nonmember", Role::Caseworker).await;
        app.user("North", "extra", Role::Caseworker).await;
        app.user("South", "other", Role::Caseworker).await;
        let case = f.case_id.as_str();
        let api = |p: &str| format!("/api/v1/cases/{case}{p}");
        let (_, task) = app
            .post(
                &api("/tasks"),
                &f.owner,
                json!({"title": "Call the shelter", "due_date": "2099-01-01"}),
            )
            .await;
        let task = task["id"].as_str().unwrap().to_owned();
        let (_, op) = app
            .post(
                &api("/operations"),
                &f.owner,
                json!({"name": "Farm visit", "agencies": ["police"], "location": "Brăila",
                       "planned_on": "2025-05-01"}),
            )
            .await;
        let op = op["id"].as_str().unwrap().to_owned();
        let mut child = referral(&f.child, &f.shelter);
        child["safeguarding_note"] = json!("With the child protection duty officer.");
        let (_, r) = app.post(&api("/referrals"), &f.owner, child).await;
        let rid = r["id"].as_str().unwrap().to_owned();
        let (_, people) = app.get(&api("/people"), &f.owner).await;
        let link = case_person_id(&people, &f.adult);
        // A number only North has: South counts its own cases from 1 too, and its first
        // number rightly leads to its own first case.
        let mut number = String::new();
        for i in 0..4 {
            let (_, c) = app
                .post(
                    "/api/v1/cases",
                    &f.owner,
                    json!({"title": format!("Spare {i}")}),
                )
                .await;
            number = c["number"].as_str().unwrap().to_owned();
        }

        let mut callers = [
            Caller::anonymous(app),
            Caller::signed_in(app, "analyst").await,
            Caller::signed_in(app, "other").await,
            Caller::signed_in(app, "nonmember").await,
            Caller::signed_in(app, "owner").await,
        ];
        let c = |p: &str| format!("/cases/{case}{p}");
        let refused = [303, 403, 404, 404];
        let served = |last: u16| {
            let mut all = [0u16; 5];
            all[..4].copy_from_slice(&refused);
            all[4] = last;
            all
        };
        let rows = [
            form(
                "/cases",
                &[("title", "Operation Kestrel")],
                [303, 403, 303, 303, 303],
            ),
            page(c(""), served(200)),
            // The list of cases: every case worker gets their own list (an outsider's is
            // simply without this case), a role that never works cases the forbidden page.
            page("/cases", [303, 403, 200, 200, 200]),
            page(
                "/cases?status=Active&owned=1&sort=number&page=1",
                [303, 403, 200, 200, 200],
            ),
            page("/cases?status=Nope", [303, 403, 400, 400, 400]),
            page("/tasks", [303, 403, 200, 200, 200]),
            page(
                "/tasks?due=week&kind=decision&page=1",
                [303, 403, 200, 200, 200],
            ),
            page("/tasks?due=soon", [303, 403, 400, 400, 400]),
            page("/people", [303, 403, 200, 200, 200]),
            page("/people?role=victim&page=1", [303, 403, 200, 200, 200]),
            page("/people?role=boss", [303, 403, 400, 400, 400]),
            // Someone else's number tells them nothing: the 404 page, as for a wrong number.
            page(format!("/cases/find?number={number}"), served(303)),
            form(c("/notes"), &[("text", "Seen at the market.")], served(303)),
            form(c("/members"), &[("username", "extra")], served(303)),
            form(
                c("/people"),
                &[
                    ("role", "witness"),
                    ("given_name", "Petra"),
                    ("family_name", "Dumitru"),
                ],
                served(303),
            ),
            page(format!("/people/{}", f.adult), served(200)),
            form(
                c("/tasks"),
                &[("title", "Visit"), ("due_date", "2099-01-01")],
                served(303),
            ),
            form(format!("/tasks/{task}/done"), &[], served(303)),
            form(
                c("/decisions"),
                &[
                    ("case_person_id", link.as_str()),
                    ("referral_date", "2098-12-19"),
                    ("trafficking_status", "PossibleVictimOfTrafficking"),
                    ("deciding_org_type", "NGO"),
                ],
                served(303),
            ),
            form(
                c("/notifications"),
                &[
                    ("person_id", f.adult.as_str()),
                    ("exploitation_types", "forced_labour"),
                    ("region", "Galați"),
                ],
                served(303),
            ),
            form(
                format!("/operations/{op}/status"),
                &[("status", "cancelled")],
                served(303),
            ),
            form(
                format!("/referrals/{rid}/status"),
                &[("status", "accepted")],
                served(303),
            ),
        ];
        check_pages_hiding(backend, &rows, &mut callers, &SECRETS).await;
        sign_out_all(backend, &mut callers).await;

        // Only the owner's writes happened.
        let count = |v: &Value, key: &str| v[key].as_array().map_or(0, Vec::len);
        let (_, notes) = app.get(&api("/notes"), &f.owner).await;
        expect(count(&notes, "notes") == 1, || {
            format!("{backend}: notes: {notes}")
        });
        let (_, members) = app.get(&api("/members"), &f.owner).await;
        expect(members.to_string().contains("extra"), || {
            format!("{backend}: members: {members}")
        });
        let (_, people) = app.get(&api("/people"), &f.owner).await;
        expect(count(&people, "people") == 4, || {
            format!("{backend}: people: {people}")
        });
        let (_, decisions) = app.get(&api("/decisions"), &f.owner).await;
        expect(count(&decisions, "decisions") == 1, || {
            format!("{backend}: decisions: {decisions}")
        });
        let (_, sent) = app.get(&api("/notifications"), &f.owner).await;
        expect(count(&sent, "notifications") == 1, || {
            format!("{backend}: notifications: {sent}")
        });
        let (_, tasks) = app.get(&api("/tasks"), &f.owner).await;
        let visits = tasks["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["title"] == "Visit")
            .count();
        expect(visits == 1, || format!("{backend}: tasks: {tasks}"));
        f.app.stop().await;
    }
}

/// The case-person link id of `person` in a `GET /api/v1/cases/{id}/people` answer.
fn case_person_id(people: &Value, person: &str) -> String {
    let list = people["people"].as_array().unwrap();
    let p = list.iter().find(|p| p["id"] == person).unwrap();
    p["cases"][0]["case_person_id"].as_str().unwrap().to_owned()
}
