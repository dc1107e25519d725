//! The case every proceedings test starts from: an investigator's case with a legal member,
//! two victims, two suspects and a witness.

use crate::common::TestApp;
use libertas_domain::admin::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

pub struct Fixture {
    pub app: TestApp,
    /// Investigator, owner of the case.
    pub owner: String,
    /// Legal, a member.
    pub lawyer: String,
    pub case_id: String,
    pub victims: Vec<String>,
    pub suspects: Vec<String>,
    pub witness: String,
}

pub async fn fixture(backend: &str) -> Fixture {
    let app = TestApp::spawn(backend).await;
    let owner = app.user("North", "owner", Role::Investigator).await;
    let lawyer = app.user("North", "lawyer", Role::Legal).await;
    let (s, case) = app
        .post(
            "/api/v1/cases",
            &owner,
            json!({"title": "Operation Kestrel"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let case_id = case["id"].as_str().unwrap().to_owned();
    let (s, _) = app
        .post(
            &format!("/api/v1/cases/{case_id}/members"),
            &owner,
            json!({"username": "lawyer"}),
        )
        .await;
    assert!(s.is_success());
    let add = |role: &'static str, given: &'static str, family: &'static str| {
        let app = &app;
        let owner = owner.clone();
        let case_id = case_id.clone();
        async move {
            let (s, p) = app
                .post(
                    &format!("/api/v1/cases/{case_id}/people"),
                    &owner,
                    json!({"role": role, "given_name": given, "family_name": family}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}");
            p["id"].as_str().unwrap().to_owned()
        }
    };
    let victims = vec![
        add("victim", "Zamfira", "Oprescu").await,
        add("victim", "Lidia", "Munteanu").await,
    ];
    let suspects = vec![
        add("suspect", "Grigore", "Vulpescu").await,
        add("suspect", "Dorin", "Lupașcu").await,
    ];
    let witness = add("witness", "Ana", "Petrache").await;
    Fixture {
        app,
        owner,
        lawyer,
        case_id,
        victims,
        suspects,
        witness,
    }
}

impl Fixture {
    /// Files a charge against suspect `i` and returns its id.
    pub async fn charge(&self, i: usize, filed_on: &str) -> String {
        let (s, c) = self
            .app
            .post(
                &format!("/api/v1/cases/{}/charges", self.case_id),
                &self.owner,
                json!({
                    "suspect_id": self.suspects[i],
                    "law": "Modern Slavery Act 2015",
                    "section": "s.2",
                    "counts": 2,
                    "filed_on": filed_on,
                }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{c}");
        c["id"].as_str().unwrap().to_owned()
    }

    /// Records a verdict on `charge` and returns its id.
    pub async fn verdict(&self, charge: &str, outcome: &str, date: &str) -> String {
        let (s, v) = self
            .app
            .post(
                &format!("/api/v1/charges/{charge}/verdicts"),
                &self.owner,
                json!({"outcome": outcome, "date": date}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v["id"].as_str().unwrap().to_owned()
    }
}

/// The `error.field` of a 400 answer.
pub fn field(body: &Value) -> &str {
    body["error"]["field"].as_str().unwrap_or("<none>")
}
