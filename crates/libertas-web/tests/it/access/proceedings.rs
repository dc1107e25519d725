//! The suspects, proceedings and timeline routes as anonymous, wrong role (analyst), other
//! organisation, non-member and member, with the exact status of each; writers must also
//! hold the Prosecute capability (a caseworker member reads but may not write).

use crate::common::Browser;
use crate::proceedings_common::fixture;
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub async fn proceedings_routes_as_every_kind_of_caller() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let analyst = app.user("North", "analyst", Role::Analyst).await;
        let other = app.user("South", "other", Role::Investigator).await;
        let nonmember = app.user("North", "nonmember", Role::Investigator).await;
        let clerk = app.user("North", "clerk", Role::Caseworker).await;
        app.post(
            &format!("/api/v1/cases/{}/members", f.case_id),
            &f.owner,
            json!({"username": "clerk"}),
        )
        .await;
        let case = &f.case_id;
        let charge = f.charge(0, "2025-01-10").await;
        // One conviction per caller that may write, so each can record its own sentence.
        let convicted = f.charge(0, "2025-01-10").await;
        let verdict = f.verdict(&convicted, "convicted", "2025-05-01").await;
        let suspect = &f.suspects[1];
        let new_charge = json!({
            "suspect_id": f.suspects[1], "law": "Cod penal (RO)", "section": "art. 210",
            "counts": 1, "filed_on": "2025-02-01"
        });
        let hearing =
            json!({"date": "2025-03-01", "court": "Tribunalul București", "kind": "trial"});
        let roles = json!({"roles": ["Transporter"]});
        let sentence = json!({"prison_months": 36});
        type Row = (Method, String, Option<Value>, [u16; 5], u16);
        // (method, path, body, [anonymous, analyst, other org, non-member, member], caseworker member)
        let rows: Vec<Row> = vec![
            (
                Method::GET,
                format!("/api/v1/cases/{case}/suspects"),
                None,
                [401, 403, 404, 404, 200],
                200,
            ),
            (
                Method::PUT,
                format!("/api/v1/cases/{case}/suspects/{suspect}/roles"),
                Some(roles),
                [401, 403, 404, 404, 200],
                403,
            ),
            (
                Method::POST,
                format!("/api/v1/cases/{case}/charges"),
                Some(new_charge),
                [401, 403, 404, 404, 201],
                403,
            ),
            (
                Method::GET,
                format!("/api/v1/cases/{case}/charges"),
                None,
                [401, 403, 404, 404, 200],
                200,
            ),
            (
                Method::POST,
                format!("/api/v1/cases/{case}/hearings"),
                Some(hearing.clone()),
                [401, 403, 404, 404, 201],
                403,
            ),
            (
                Method::GET,
                format!("/api/v1/cases/{case}/hearings"),
                None,
                [401, 403, 404, 404, 200],
                200,
            ),
            (
                Method::POST,
                format!("/api/v1/charges/{charge}/hearings"),
                Some(hearing),
                [401, 403, 404, 404, 201],
                403,
            ),
            (
                Method::GET,
                format!("/api/v1/charges/{charge}/hearings"),
                None,
                [401, 403, 404, 404, 200],
                200,
            ),
            (
                Method::GET,
                format!("/api/v1/charges/{charge}/verdicts"),
                None,
                [401, 403, 404, 404, 200],
                200,
            ),
            (
                Method::POST,
                format!("/api/v1/verdicts/{verdict}/sentences"),
                Some(sentence),
                [401, 403, 404, 404, 201],
                403,
            ),
            (
                Method::GET,
                format!("/api/v1/verdicts/{verdict}/sentences"),
                None,
                [401, 403, 404, 404, 200],
                200,
            ),
            (
                Method::GET,
                format!("/api/v1/cases/{case}/timeline"),
                None,
                [401, 403, 404, 404, 200],
                200,
            ),
            (
                Method::GET,
                "/api/v1/charges/not-a-uuid/hearings".into(),
                None,
                [401, 400, 400, 400, 400],
                400,
            ),
        ];
        for (method, path, body, expect, clerk_want) in rows {
            let callers = [
                None,
                Some(&analyst),
                Some(&other),
                Some(&nonmember),
                Some(&f.lawyer),
            ];
            // The caseworker member goes first, so a refused write cannot hide behind a 409.
            let (s, v) = app
                .call(method.clone(), &path, Some(&clerk), body.clone())
                .await;
            assert_eq!(
                s.as_u16(),
                clerk_want,
                "{backend} {method} {path} as caseworker: {v}"
            );
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
        // The verdict route: every refused caller first, then the member once (one per charge).
        let path = format!("/api/v1/charges/{charge}/verdicts");
        let body = json!({"outcome": "acquitted", "date": "2025-06-01"});
        for (who, want) in [
            (None, 401u16),
            (Some(&analyst), 403),
            (Some(&other), 404),
            (Some(&nonmember), 404),
            (Some(&clerk), 403),
            (Some(&f.lawyer), 201),
            (Some(&f.owner), 409),
        ] {
            let (s, v) = app
                .call(
                    Method::POST,
                    &path,
                    who.map(String::as_str),
                    Some(body.clone()),
                )
                .await;
            assert_eq!(s.as_u16(), want, "{backend} verdict as {who:?}: {v}");
        }
        f.app.stop().await;
    }
}

pub async fn proceedings_pages_as_every_kind_of_caller() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        app.user("North", "analyst", Role::Analyst).await;
        app.user("South", "other", Role::Investigator).await;
        app.user("North", "nonmember", Role::Investigator).await;
        app.user("North", "clerk", Role::Caseworker).await;
        app.post(
            &format!("/api/v1/cases/{}/members", f.case_id),
            &f.owner,
            json!({"username": "clerk"}),
        )
        .await;
        let charge = f.charge(0, "2025-01-10").await;
        let convicted = f.charge(1, "2025-01-10").await;
        let verdict = f.verdict(&convicted, "convicted", "2025-05-05").await;
        let case = &f.case_id;
        for page in [
            format!("/cases/{case}/proceedings"),
            format!("/cases/{case}/timeline"),
        ] {
            let mut anon = Browser::new(app);
            let (s, loc, _) = anon.get(&page).await;
            assert_eq!((s, loc.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
        }
        let suspect = &f.suspects[0];
        for form in [
            format!("/cases/{case}/suspects/{suspect}/roles"),
            format!("/cases/{case}/charges"),
            format!("/cases/{case}/hearings"),
            format!("/cases/{case}/charges/{charge}/hearings"),
            format!("/cases/{case}/charges/{charge}/verdict"),
            format!("/cases/{case}/verdicts/{verdict}/sentence"),
        ] {
            let mut anon = Browser::new(app);
            let (s, loc, _) = anon.post(&form, &[("date", "2025-02-01")]).await;
            assert_eq!(
                (s, loc.as_deref()),
                (StatusCode::SEE_OTHER, Some("/login")),
                "{backend}: anonymous {form}"
            );
        }
        for (user, status, writes) in [
            ("analyst", 403u16, 403u16),
            ("other", 404, 404),
            ("nonmember", 404, 404),
            ("clerk", 200, 403),
            ("lawyer", 200, 303),
        ] {
            let mut b = Browser::new(app);
            let csrf = b.sign_in(user).await;
            for page in ["proceedings", "timeline"] {
                let (s, _, body) = b.get(&format!("/cases/{case}/{page}")).await;
                assert_eq!(s.as_u16(), status, "{backend}: {user} {page}");
                assert_eq!(
                    body.contains("Grigore Vulpescu"),
                    status == 200,
                    "{backend}: {user} {page} shows the suspect"
                );
            }
            let (_, _, body) = b.get(&format!("/cases/{case}/proceedings")).await;
            assert_eq!(
                body.contains(&format!("/cases/{case}/charges/{charge}/hearings")),
                writes == 303,
                "{backend}: {user} sees the hearing form only as a writer"
            );
            let form = [
                ("csrf", csrf.as_str()),
                ("date", "2025-02-01"),
                ("court", "Southwark Crown Court"),
                ("kind", "first_appearance"),
            ];
            let (s, _, _) = b
                .post(&format!("/cases/{case}/charges/{charge}/hearings"), &form)
                .await;
            assert_eq!(s.as_u16(), writes, "{backend}: {user} records a hearing");
            // The other page forms, each as this caller.
            let suspect = f.suspects[0].as_str();
            let forms: [(String, Vec<(&str, &str)>); 4] = [
                (
                    format!("/cases/{case}/suspects/{suspect}/roles"),
                    vec![("roles", "Exploiter")],
                ),
                (
                    format!("/cases/{case}/charges"),
                    vec![
                        ("suspect_id", suspect),
                        ("law", "Modern Slavery Act 2015"),
                        ("section", "s.1"),
                        ("counts", "1"),
                        ("filed_on", "2025-01-02"),
                    ],
                ),
                (
                    format!("/cases/{case}/charges/{charge}/verdict"),
                    vec![("outcome", "acquitted"), ("date", "2025-06-06")],
                ),
                (
                    format!("/cases/{case}/verdicts/{verdict}/sentence"),
                    vec![("prison_months", "24")],
                ),
            ];
            for (path, fields) in forms {
                let mut form = vec![("csrf", csrf.as_str())];
                form.extend(fields);
                let (s, loc, _) = b.post(&path, &form).await;
                assert_eq!(s.as_u16(), writes, "{backend}: {user} posts {path}");
                if let Some(loc) = loc {
                    assert!(!loc.contains("error="), "{backend}: {user} {path}: {loc}");
                }
            }
            let (s, _, _) = b.post(&format!("/cases/{case}/hearings"), &form).await;
            assert_eq!(
                s.as_u16(),
                writes,
                "{backend}: {user} records a hearing of the case"
            );
            let (s, _, _) = b
                .post(
                    &format!("/cases/{case}/charges/{charge}/hearings"),
                    &[("csrf", "wrong"), ("date", "2025-02-01")],
                )
                .await;
            assert_eq!(s.as_u16(), 403, "{backend}: {user} without the CSRF token");
        }
        let (_, list) = app
            .get(&format!("/api/v1/charges/{charge}/hearings"), &f.owner)
            .await;
        assert_eq!(
            list["hearings"].as_array().unwrap().len(),
            1,
            "only the writer's"
        );
        let (_, list) = app
            .get(&format!("/api/v1/cases/{case}/hearings"), &f.owner)
            .await;
        assert_eq!(
            list["hearings"].as_array().unwrap().len(),
            2,
            "only the writer's, of the charge and of the case"
        );
        let (_, list) = app
            .get(&format!("/api/v1/cases/{case}/charges"), &f.owner)
            .await;
        assert_eq!(
            list["charges"].as_array().unwrap().len(),
            3,
            "one more, the writer's"
        );
        let (_, list) = app
            .get(&format!("/api/v1/verdicts/{verdict}/sentences"), &f.owner)
            .await;
        assert_eq!(list["sentences"][0]["prison_months"], 24);
        let (_, list) = app
            .get(&format!("/api/v1/cases/{case}/suspects"), &f.owner)
            .await;
        assert_eq!(list["suspects"][0]["roles"], json!(["Exploiter"]));
        f.app.stop().await;
    }
}
