//! `GET /api/v1/exports/list?list=referrals|services` over HTTP: the sender's caseworker gets
//! the referrals and care services of their own case only, a colleague of the same
//! organisation those of theirs, the receiving police unit the referrals sent to it, another
//! organisation's caseworker nothing; personal columns only in the encrypted ZIP. SQLite and
//! (when configured) PostgreSQL.

use crate::common::{files_containing, TestApp};
use crate::referrals_common::{consent, fixture, referral};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;
use std::io::{Cursor, Read};

/// The CSV of an export: the body, or the file inside the ZIP opened with the passphrase in
/// the header.
async fn csv(app: &TestApp, token: &str, query: &str) -> String {
    let res = app
        .http
        .get(format!("{}/api/v1/exports/list?{query}", app.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{query}");
    let pass = res
        .headers()
        .get("libertas-export-passphrase")
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = res.bytes().await.unwrap().to_vec();
    match pass {
        None => String::from_utf8(bytes).unwrap(),
        Some(pass) => {
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            let name = zip.name_for_index(0).unwrap().unwrap().into_owned();
            let mut file = zip.by_name_decrypt(&name, pass.as_bytes()).unwrap();
            let mut out = String::new();
            file.read_to_string(&mut out).unwrap();
            out
        }
    }
}

/// A victim named `given` in a new case of `owner`, with consent to sharing; returns the
/// case and person ids.
async fn consenting_victim(app: &TestApp, owner: &str, given: &str) -> (String, String) {
    let (s, case) = app
        .post("/api/v1/cases", owner, json!({"title": "Operation Egret"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let cid = case["id"].as_str().unwrap().to_owned();
    let (s, p) = app
        .post(
            &format!("/api/v1/cases/{cid}/people"),
            owner,
            json!({"role": "victim", "given_name": given, "family_name": "Vlad"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let pid = p["id"].as_str().unwrap().to_owned();
    let (s, e) = app
        .post(
            &format!("/api/v1/people/{pid}/consents"),
            owner,
            consent(true),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    (cid, pid)
}

/// A care plan for `person` with one housing service at `provider`.
async fn service(app: &TestApp, owner: &str, person: &str, provider: &str) {
    let (s, plan) = app
        .post(
            &format!("/api/v1/people/{person}/care-plans"),
            owner,
            json!({"opened_on": "2025-01-10"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{plan}");
    let (s, sv) = app
        .post(
            &format!(
                "/api/v1/care-plans/{}/services",
                plan["id"].as_str().unwrap()
            ),
            owner,
            json!({"service_type": "Housing", "provider": provider, "start_date": "2025-02-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{sv}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referral_and_service_exports_keep_to_each_callers_cases() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let colleague = app.user("North", "colleague", Role::Caseworker).await;
        let south = app.user("South", "south", Role::Caseworker).await;
        // The owner's adult victim (Ilinca) and the colleague's (Doina), each referred to the
        // police unit and given a care service.
        let (s, e) = app
            .post(
                &format!("/api/v1/people/{}/consents", f.adult),
                &f.owner,
                consent(true),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {e}");
        let (s, e) = app
            .post(
                &format!("/api/v1/cases/{}/referrals", f.case_id),
                &f.owner,
                referral(&f.adult, &f.police_partner),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {e}");
        let (theirs, doina) = consenting_victim(app, &colleague, "Doina").await;
        let (s, e) = app
            .post(
                &format!("/api/v1/cases/{theirs}/referrals"),
                &colleague,
                referral(&doina, &f.police_partner),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {e}");
        service(app, &f.owner, &f.adult, "Casa Noua shelter, Iasi").await;
        service(app, &colleague, &doina, "Casa Veche, Vaslui").await;

        let mine = csv(app, &f.owner, "list=referrals&personal=true").await;
        assert_eq!(mine.lines().count(), 2, "{backend}: {mine}");
        assert!(
            mine.contains("Ilinca") && mine.contains("outgoing"),
            "{mine}"
        );
        assert!(
            !mine.contains("Doina"),
            "{backend}: another case's referral"
        );
        let plain = csv(app, &f.owner, "list=referrals").await;
        assert!(
            !plain.contains("Ilinca") && !plain.contains("safe place"),
            "{plain}"
        );

        let police = csv(app, &f.police, "list=referrals&personal=true").await;
        assert_eq!(police.lines().count(), 3, "{backend}: {police}");
        assert!(
            police.contains("Ilinca") && police.contains("Doina"),
            "{police}"
        );
        assert!(!police.contains("outgoing"), "{police}");

        let other_org = csv(app, &south, "list=referrals&personal=true").await;
        assert_eq!(other_org.lines().count(), 1, "{backend}: {other_org}");

        let services = csv(app, &f.owner, "list=services&personal=true").await;
        assert_eq!(services.lines().count(), 2, "{backend}: {services}");
        assert!(services.contains("Casa Noua") && !services.contains("Casa Veche"));
        let plain = csv(app, &f.owner, "list=services").await;
        assert!(
            plain.contains("Housing") && !plain.contains("Casa"),
            "{plain}"
        );
        let services = csv(app, &colleague, "list=services&personal=true").await;
        assert!(services.contains("Casa Veche") && !services.contains("Casa Noua"));
        for token in [&south, &f.police] {
            let none = csv(app, token, "list=services&personal=true").await;
            assert_eq!(none.lines().count(), 1, "{backend}: {none}");
        }

        let data = f.app.shut_down().await;
        for needle in ["Casa Noua", "Doina", "safe place tonight"] {
            let found = files_containing(data.dir.path(), needle.as_bytes());
            assert!(found.is_empty(), "{backend}: {needle} in {found:?}");
        }
    }
}
