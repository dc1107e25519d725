//! What the referral tests share: an NGO ("North") with an administrator and a caseworker,
//! a case with an adult victim, a child victim and a witness, a police unit ("Police") on
//! the same Libertas with its own caseworker, and two partners in North's directory: an
//! external shelter and the police unit (linked).

use crate::common::TestApp;
use libertas_domain::admin::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

pub struct Fixture {
    pub app: TestApp,
    pub admin: String,
    pub owner: String,
    pub police: String,
    pub case_id: String,
    pub adult: String,
    pub child: String,
    pub witness: String,
    pub shelter: String,
    pub police_partner: String,
}

pub fn partner(name: &str, kinds: &[&str], linked: Option<&str>) -> Value {
    json!({
        "name": name, "kinds": kinds, "area": "Iași county", "languages": ["ro", "en"],
        "how_to_refer": "Call the duty officer, then send the referral form.",
        "contact": "+40 232 000 000", "linked_org_id": linked
    })
}

pub fn consent(sharing: bool) -> Value {
    json!({
        "interview": true, "purpose_explained": true, "data_use": true,
        "data_sharing": sharing, "research_use": false, "right_to_see_explained": true,
        "withdrawal_explained": true, "retention_months": 60
    })
}

pub async fn fixture(backend: &str) -> Fixture {
    let app = TestApp::spawn(backend).await;
    let admin = app.user("North", "northadmin", Role::Admin).await;
    let owner = app.user("North", "owner", Role::Caseworker).await;
    let police = app.user("Police", "officer", Role::Investigator).await;
    let police_org = app
        .store
        .org_by_name(libertas_store::admin::Operator::console(), "Police")
        .await
        .unwrap()
        .unwrap()
        .id;
    let (s, case) = app
        .post("/api/v1/cases", &owner, json!({"title": "Operation Heron"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let case_id = case["id"].as_str().unwrap().to_owned();
    let mut ids = vec![];
    for (role, given, birth) in [
        ("victim", "Ilinca", "1994-03-02"),
        ("victim", "Sorina", "2013-07-15"),
        ("witness", "Petru", "1980-01-01"),
    ] {
        let (s, p) = app
            .post(
                &format!("/api/v1/cases/{case_id}/people"),
                &owner,
                json!({"role": role, "given_name": given, "family_name": "Vlad",
                       "birth_date": birth, "phone": "+40 721 555 123",
                       "gender": "Feminine", "citizenship": ["MD"]}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {p}");
        ids.push(p["id"].as_str().unwrap().to_owned());
    }
    let (s, shelter) = app
        .post(
            "/api/v1/partners",
            &admin,
            partner("Casa Speranța shelter", &["shelter", "counselling"], None),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{backend}: {shelter}");
    let pid = police_org.to_string();
    let (s, pol) = app
        .post(
            "/api/v1/partners",
            &admin,
            partner(
                "Police anti-trafficking unit",
                &["legal", "other"],
                Some(&pid),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{backend}: {pol}");
    Fixture {
        app,
        admin,
        owner,
        police,
        case_id,
        adult: ids[0].clone(),
        child: ids[1].clone(),
        witness: ids[2].clone(),
        shelter: shelter["id"].as_str().unwrap().to_owned(),
        police_partner: pol["id"].as_str().unwrap().to_owned(),
    }
}

/// A referral body for `person` to `partner`.
pub fn referral(person: &str, partner: &str) -> Value {
    json!({"person_id": person, "partner_id": partner, "services": ["shelter"],
           "note": "Needs a safe place tonight; speaks Romanian."})
}
