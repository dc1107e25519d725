//! Partners, referrals and duty-to-notify records over real HTTP: the directory and its
//! administration, the basis for sharing (consent, override, child), the receiving
//! organisation's view and how withdrawn consent stops it, status moves, and the pages.

use crate::common;
use crate::common::{hidden, Browser};
use crate::referrals_common::{consent, fixture, partner, referral, Fixture};
use libertas_domain::admin::Role;
use libertas_store::audit::AuditQuery;
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn actions(f: &Fixture) -> Vec<String> {
    f.app
        .store
        .audit_events(
            libertas_store::admin::Operator::console(),
            &AuditQuery::default(),
        )
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_partner_directory_filters_and_only_admins_change_it() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        // Filters: kind, area (part, any case), language.
        let (s, v) = app.get("/api/v1/partners?kind=shelter", &f.owner).await;
        assert_eq!(s, StatusCode::OK);
        let names: Vec<&str> = v["partners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Casa Speranța shelter"], "{backend}");
        let (_, v) = app
            .get("/api/v1/partners?area=IAȘI&language=ro", &f.owner)
            .await;
        assert_eq!(v["partners"].as_array().unwrap().len(), 2, "{backend}");
        let (_, v) = app.get("/api/v1/partners?language=uk", &f.owner).await;
        assert!(v["partners"].as_array().unwrap().is_empty());
        let (s, v) = app.get("/api/v1/partners?kind=spa", &f.owner).await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("kinds"))
        );
        let (_, v) = app.get("/api/v1/partners", &f.owner).await;
        let police = v["partners"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == f.police_partner.as_str())
            .unwrap()
            .clone();
        assert_eq!(police["linked_org_name"], "Police");

        // Validation names the field; a caseworker may not change the directory.
        let mut bad = partner("X", &["spa"], None);
        let (s, v) = app.post("/api/v1/partners", &f.admin, bad.clone()).await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("kinds[0]"))
        );
        bad["kinds"] = json!(["legal"]);
        bad["languages"] = json!(["romanian"]);
        let (s, v) = app.post("/api/v1/partners", &f.admin, bad.clone()).await;
        assert_eq!(v["error"]["field"], "languages[0]", "{backend}: {s}");
        bad["languages"] = json!(["ro"]);
        bad["surprise"] = json!(1);
        let (s, v) = app.post("/api/v1/partners", &f.admin, bad).await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("surprise"))
        );
        let north = app
            .store
            .org_by_name(libertas_store::admin::Operator::console(), "North")
            .await
            .unwrap()
            .unwrap()
            .id;
        let own = partner("Self", &["legal"], Some(&north.to_string()));
        let (s, v) = app.post("/api/v1/partners", &f.admin, own).await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("linked_org_id"))
        );
        let (s, _) = app
            .post("/api/v1/partners", &f.owner, partner("Y", &["legal"], None))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        // Change, deactivate (gone from the default list), reactivate.
        let path = format!("/api/v1/partners/{}", f.shelter);
        let (s, v) = app
            .call(
                Method::PUT,
                &path,
                Some(&f.admin),
                Some(partner("Casa Speranța", &["shelter", "medical"], None)),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["kinds"], json!(["shelter", "medical"]));
        let (s, v) = app
            .post(&format!("{path}/deactivate"), &f.admin, json!({}))
            .await;
        assert_eq!((s, v["active"].as_bool()), (StatusCode::OK, Some(false)));
        let (_, v) = app.get("/api/v1/partners", &f.owner).await;
        assert_eq!(v["partners"].as_array().unwrap().len(), 1);
        let (_, v) = app
            .get("/api/v1/partners?include_inactive=true", &f.owner)
            .await;
        assert_eq!(v["partners"].as_array().unwrap().len(), 2);
        let (s, v) = app
            .post(
                &format!("/api/v1/cases/{}/referrals", f.case_id),
                &f.owner,
                referral(&f.child, &f.shelter),
            )
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("partner_id"))
        );
        let (s, _) = app
            .post(&format!("{path}/activate"), &f.admin, json!({}))
            .await;
        assert_eq!(s, StatusCode::OK);
        let acts = actions(&f).await;
        for a in [
            "partner.create",
            "partner.update",
            "partner.deactivate",
            "partner.activate",
        ] {
            assert!(acts.iter().any(|x| x == a), "{backend}: {a} audited");
        }
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sharing_needs_consent_an_override_or_for_a_child_a_safeguarding_note() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let refs = format!("/api/v1/cases/{}/referrals", f.case_id);
        // An adult without consent: refused, naming the override reason.
        let (s, v) = app
            .post(&refs, &f.owner, referral(&f.adult, &f.shelter))
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("override_reason")),
            "{backend}"
        );
        // Consent without data sharing is still no.
        let (s, _) = app
            .post(
                &format!("/api/v1/people/{}/consents", f.adult),
                &f.owner,
                consent(false),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (s, _) = app
            .post(&refs, &f.owner, referral(&f.adult, &f.shelter))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        // An override with a written reason goes through and is audited as its own action.
        let before = actions(&f)
            .await
            .iter()
            .filter(|a| *a == "referral.consent_override")
            .count();
        let mut body = referral(&f.adult, &f.shelter);
        body["override_reason"] = json!("Imminent danger: the trafficker knows her address.");
        let (s, v) = app.post(&refs, &f.owner, body).await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {v}");
        assert_eq!(v["basis"], "override");
        assert_eq!(v["status"], "requested");
        assert_eq!(
            v["override_reason"],
            "Imminent danger: the trafficker knows her address."
        );
        let after = actions(&f)
            .await
            .iter()
            .filter(|a| *a == "referral.consent_override")
            .count();
        assert_eq!(after, before + 1, "{backend}");
        // With consent to sharing, the basis is consent (no override stored).
        app.post(
            &format!("/api/v1/people/{}/consents", f.adult),
            &f.owner,
            consent(true),
        )
        .await;
        let mut body = referral(&f.adult, &f.shelter);
        body["kind"] = json!("transfer");
        body["override_reason"] = json!("Not needed but given anyway here.");
        let (s, v) = app.post(&refs, &f.owner, body).await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {v}");
        assert_eq!(
            (v["basis"].as_str(), v["kind"].as_str()),
            (Some("consent"), Some("transfer"))
        );
        assert!(v["override_reason"].is_null());
        // A child (by birth date) without consent: needs the safeguarding note.
        let (s, v) = app
            .post(&refs, &f.owner, referral(&f.child, &f.shelter))
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("safeguarding_note"))
        );
        let mut body = referral(&f.child, &f.shelter);
        body["safeguarding_note"] = json!("Placed with the child protection duty officer.");
        let (s, v) = app.post(&refs, &f.owner, body).await;
        assert_eq!(
            (s, v["basis"].as_str()),
            (StatusCode::CREATED, Some("child")),
            "{v}"
        );
        // A witness flagged as a child counts as a child.
        let mut body = referral(&f.witness, &f.shelter);
        body["child"] = json!(true);
        let (s, v) = app.post(&refs, &f.owner, body).await;
        assert_eq!(v["error"]["field"], "safeguarding_note", "{s}");
        // Bad input names the field; a person of another case is refused.
        for (field, value, want) in [
            ("services", json!([]), "services"),
            ("services", json!(["spa"]), "services[0]"),
            ("kind", json!("handover"), "kind"),
            ("person_id", json!("nope"), "person_id"),
            ("partner_id", json!("nope"), "partner_id"),
        ] {
            let mut body = referral(&f.adult, &f.shelter);
            body[field] = value;
            let (s, v) = app.post(&refs, &f.owner, body).await;
            assert_eq!(
                (s, v["error"]["field"].as_str()),
                (StatusCode::BAD_REQUEST, Some(want))
            );
        }
        let (_, other) = app
            .post("/api/v1/cases", &f.owner, json!({"title": "Other"}))
            .await;
        let (_, stranger) = app
            .post(
                &format!("/api/v1/cases/{}/people", other["id"].as_str().unwrap()),
                &f.owner,
                json!({"role": "victim", "given_name": "A", "family_name": "B"}),
            )
            .await;
        let (s, v) = app
            .post(
                &refs,
                &f.owner,
                referral(stranger["id"].as_str().unwrap(), &f.shelter),
            )
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("person_id"))
        );
        let (_, list) = app.get(&refs, &f.owner).await;
        assert_eq!(list["referrals"].as_array().unwrap().len(), 3, "{backend}");
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receiving_organisation_sees_the_minimum_until_consent_is_withdrawn() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let stranger = app.user("South", "south", Role::Caseworker).await;
        app.post(
            &format!("/api/v1/people/{}/consents", f.adult),
            &f.owner,
            consent(true),
        )
        .await;
        let refs = format!("/api/v1/cases/{}/referrals", f.case_id);
        let (s, sent) = app
            .post(&refs, &f.owner, referral(&f.adult, &f.police_partner))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{sent}");
        let rid = sent["id"].as_str().unwrap().to_owned();

        // The police unit sees name, birth date, services and note; no case, basis or phone.
        let (s, v) = app.get("/api/v1/referrals/incoming", &f.police).await;
        assert_eq!(s, StatusCode::OK);
        let list = v["referrals"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{backend}");
        let r = &list[0];
        assert_eq!(r["person_name"], "Ilinca Vlad");
        assert_eq!(r["birth_date"], "1994-03-02");
        assert_eq!(r["services"], json!(["shelter"]));
        assert_eq!(r["note"], "Needs a safe place tonight; speaks Romanian.");
        assert_eq!(r["from_org"], "North");
        assert!(r["case_id"].is_null() && r["basis"].is_null() && r["person_id"].is_null());
        // (Not just "721": the random ids in the answer may hold those digits.)
        let text = v.to_string();
        assert!(
            !text.contains("721 555") && !text.contains("721555"),
            "no phone number"
        );
        let (s, one) = app
            .get(&format!("/api/v1/referrals/{rid}"), &f.police)
            .await;
        assert_eq!((s, one["incoming"].as_bool()), (StatusCode::OK, Some(true)));
        // Another organisation sees nothing at all.
        let (_, v) = app.get("/api/v1/referrals/incoming", &stranger).await;
        assert!(v["referrals"].as_array().unwrap().is_empty());
        let (s, _) = app
            .get(&format!("/api/v1/referrals/{rid}"), &stranger)
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let acts = actions(&f).await;
        assert!(
            acts.iter().any(|a| a == "referral.incoming.read"),
            "{backend}"
        );

        // The sender may not answer for the police unit; the police unit accepts.
        let status = format!("/api/v1/referrals/{rid}/status");
        let (s, _) = app
            .post(&status, &f.owner, json!({"status": "accepted"}))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = app
            .post(&status, &stranger, json!({"status": "accepted"}))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, v) = app
            .post(&status, &f.police, json!({"status": "done"}))
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::CONFLICT, Some("status")),
            "a requested referral is not done yet"
        );
        let (s, v) = app
            .post(&status, &f.police, json!({"status": "accepted"}))
            .await;
        assert_eq!(
            (s, v["status"].as_str()),
            (StatusCode::OK, Some("accepted")),
            "{v}"
        );
        let (s, _) = app
            .post(
                &status,
                &f.police,
                json!({"status": "revoked", "reason": "x"}),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "only the sender revokes");

        // Consent to sharing withdrawn: the police unit no longer sees the person.
        let (s, _) = app
            .post(
                &format!("/api/v1/people/{}/consents/withdraw", f.adult),
                &f.owner,
                json!({"purposes": ["data_sharing"]}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let (_, v) = app.get("/api/v1/referrals/incoming", &f.police).await;
        let r = &v["referrals"][0];
        assert_eq!(r["sharing"], false, "{backend}");
        assert!(r["person_name"].is_null() && r["birth_date"].is_null() && r["note"].is_null());
        assert!(!v.to_string().contains("Ilinca"), "{backend}: {v}");
        let (_, one) = app
            .get(&format!("/api/v1/referrals/{rid}"), &f.police)
            .await;
        assert!(one["person_name"].is_null() && !one.to_string().contains("Ilinca"));
        let (_, mine) = app.get(&format!("/api/v1/referrals/{rid}"), &f.owner).await;
        assert_eq!(
            (mine["sharing"].as_bool(), mine["person_name"].as_str()),
            (Some(false), Some("Ilinca Vlad"))
        );

        // Revoking needs a reason; then sharing stops for good.
        let (s, v) = app
            .post(&status, &f.owner, json!({"status": "revoked"}))
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("reason"))
        );
        let (s, v) = app
            .post(
                &status,
                &f.owner,
                json!({"status": "revoked", "reason": "Consent withdrawn."}),
            )
            .await;
        assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("revoked")));
        assert_eq!(v["status_reason"], "Consent withdrawn.");
        // The receiving organisation no longer reads anything about the person, the reason
        // for revoking included.
        let (s, v) = app
            .get(&format!("/api/v1/referrals/{rid}"), &f.police)
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        assert_eq!(v["sharing"], false);
        assert!(
            v["status_reason"].is_null() && v["person_name"].is_null() && v["note"].is_null(),
            "{backend}: {v}"
        );
        let (s, _) = app
            .post(
                &status,
                &f.owner,
                json!({"status": "revoked", "reason": "Again"}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "already revoked");
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_external_partners_answer_is_recorded_by_the_sender() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let mut body = referral(&f.child, &f.shelter);
        body["safeguarding_note"] = json!("Accompanied by her social worker at all times.");
        let (_, v) = app
            .post(
                &format!("/api/v1/cases/{}/referrals", f.case_id),
                &f.owner,
                body,
            )
            .await;
        let status = format!("/api/v1/referrals/{}/status", v["id"].as_str().unwrap());
        let (s, v) = app
            .post(&status, &f.owner, json!({"status": "accepted"}))
            .await;
        assert_eq!(
            (s, v["status"].as_str()),
            (StatusCode::OK, Some("accepted")),
            "{backend}"
        );
        let (s, v) = app.post(&status, &f.owner, json!({"status": "done"})).await;
        assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("done")));
        let (s, _) = app
            .post(
                &status,
                &f.owner,
                json!({"status": "revoked", "reason": "late"}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "done is final");
        let (s, v) = app
            .post(&status, &f.owner, json!({"status": "paused"}))
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("status"))
        );
        // Police sees nothing of a referral to someone else.
        let (_, v) = app.get("/api/v1/referrals/incoming", &f.police).await;
        assert!(v["referrals"].as_array().unwrap().is_empty());
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duty_to_notify_keeps_only_anonymous_facts() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let path = format!("/api/v1/cases/{}/notifications", f.case_id);
        let body = json!({"person_id": f.adult, "exploitation_types": ["forced_labour", "forced_labour"],
                          "region": "Brăila county", "notified_on": "2025-02-03"});
        let (s, v) = app.post(&path, &f.owner, body.clone()).await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {v}");
        assert_eq!(v["gender"], "Feminine");
        assert_eq!(v["nationality"], "MD");
        assert_eq!(v["exploitation_types"], json!(["forced_labour"]));
        assert!(["25-34", "35-44"].contains(&v["age_band"].as_str().unwrap()));
        assert_eq!(v["organisation"], "North");
        // The record's own id and time are random digits: leave them out of the search.
        let mut facts = v.clone();
        facts.as_object_mut().unwrap().remove("id");
        facts.as_object_mut().unwrap().remove("created_at");
        let text = facts.to_string();
        for secret in ["Ilinca", "Vlad", "1994", "721", f.adult.as_str()] {
            assert!(!text.contains(secret), "{backend}: {secret} in {text}");
        }
        // A child is referred, not notified; a witness is not a victim; field errors.
        for (field, value, want) in [
            ("person_id", json!(f.child), "person_id"),
            ("person_id", json!(f.witness), "person_id"),
            ("exploitation_types", json!([]), "exploitation_types"),
            ("exploitation_types", json!(["x"]), "exploitation_types[0]"),
            ("region", json!(""), "region"),
            ("notified_on", json!("2999-01-01"), "notified_on"),
        ] {
            let mut b = body.clone();
            b[field] = value;
            let (s, v) = app.post(&path, &f.owner, b).await;
            assert_eq!(
                (s, v["error"]["field"].as_str()),
                (StatusCode::BAD_REQUEST, Some(want)),
                "{field}"
            );
        }
        let (s, v) = app.get(&path, &f.owner).await;
        assert_eq!(
            (s, v["notifications"].as_array().unwrap().len()),
            (StatusCode::OK, 1)
        );
        let acts = actions(&f).await;
        assert!(acts.iter().any(|a| a == "notification.create"));
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_refer_answer_and_manage_partners() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        app.post(
            &format!("/api/v1/people/{}/consents", f.adult),
            &f.owner,
            consent(true),
        )
        .await;
        // The caseworker refers from the case's referrals page.
        let mut b = Browser::new(app);
        b.sign_in("owner").await;
        let page = format!("/cases/{}/referrals", f.case_id);
        let (s, _, html) = b.get(&page).await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("Casa Speranța shelter") && html.contains("Ilinca Vlad"));
        let csrf = hidden(&html, "csrf");
        let form = [
            ("csrf", csrf.as_str()),
            ("person_id", f.adult.as_str()),
            ("partner_id", f.police_partner.as_str()),
            ("kind", "referral"),
            ("services", "legal"),
            ("services", "shelter"),
            ("note", "Ready to give a statement."),
        ];
        let (s, loc, _) = b.post(&page, &form).await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some(page.as_str())),
            "{backend}"
        );
        let (_, _, html) = b.get(&page).await;
        assert!(html.contains("data-status=\"requested\""), "{backend}");
        // A child without a safeguarding note: back with the field named.
        let form = [
            ("csrf", csrf.as_str()),
            ("person_id", f.child.as_str()),
            ("partner_id", f.shelter.as_str()),
            ("services", "shelter"),
        ];
        let (_, loc, _) = b.post(&page, &form).await;
        assert_eq!(loc.unwrap(), format!("{page}?error=safeguarding_note"));
        let (_, _, html) = b.get(&format!("{page}?error=safeguarding_note")).await;
        assert!(html.contains("safeguarding_note"));
        let (s, _, _) = b
            .post(&page, &[("csrf", "wrong"), ("person_id", &f.adult)])
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN);

        // The police officer accepts on the incoming page.
        let mut p = Browser::new(app);
        p.sign_in("officer").await;
        let (s, _, html) = p.get("/referrals/incoming").await;
        assert_eq!(s, StatusCode::OK);
        assert!(html.contains("Ilinca Vlad") && html.contains("Ready to give a statement."));
        // The first form is the list's filter; the answer forms follow the count.
        let listed = &html[html.find("role=\"status\"").unwrap()..];
        let rid = common::between(listed, "action=\"/referrals/", "/status\"");
        let csrf = hidden(&html, "csrf");
        let (s, loc, _) = p
            .post(
                &format!("/referrals/{rid}/status"),
                &[("csrf", &csrf), ("status", "accepted")],
            )
            .await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/referrals/incoming"))
        );
        let (_, _, html) = p.get("/referrals/incoming").await;
        assert!(html.contains("data-status=\"accepted\""));
        // The list filters by status in the URL, counts and pages; a filter it cannot read
        // is refused with the field marked and nothing listed.
        let (_, _, html) = p.get("/referrals/incoming?status=accepted").await;
        assert!(
            html.contains("Referrals found: 1") && html.contains("Ilinca Vlad"),
            "{html}"
        );
        assert!(html.contains("<option value=\"accepted\" selected>"));
        let (_, _, html) = p.get("/referrals/incoming?status=requested&lang=ro").await;
        assert!(html.contains("Trimiteri găsite: 0") && !html.contains("Ilinca Vlad"));
        for bad in ["status=lost", "page=0", "page=x"] {
            let (s, _, html) = p.get(&format!("/referrals/incoming?{bad}")).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}");
            assert!(
                html.contains("aria-invalid=\"true\"") && !html.contains("Ilinca Vlad"),
                "{bad}"
            );
        }
        // The officer's organisation's directory is empty and not North's.
        let (_, _, html) = p.get("/partners").await;
        assert!(!html.contains("Casa Speranța"));
        let (s, _, _) = p.get(&page).await;
        assert_eq!(s, StatusCode::NOT_FOUND);

        // The directory page filters; the admin adds a partner on the admin page.
        let (_, _, html) = b.get("/partners?kind=legal").await;
        assert!(
            html.contains("Police anti-trafficking unit")
                && !html.contains("Casa Speranța shelter")
        );
        let (s, _, _) = b.get("/admin/partners").await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let mut a = Browser::new(app);
        a.sign_in("northadmin").await;
        let (s, _, html) = a.get("/admin/partners").await;
        assert_eq!(s, StatusCode::OK);
        let csrf = hidden(&html, "csrf");
        let form = [
            ("csrf", csrf.as_str()),
            ("name", "Clinica Sf. Maria"),
            ("kinds", "medical"),
            ("area", "Iași"),
            ("languages", "ro, en"),
            ("how_to_refer", "Call ahead."),
            ("contact", "+40 232 111 222"),
            ("linked_org_id", ""),
        ];
        let (s, loc, _) = a.post("/admin/partners", &form).await;
        assert_eq!(
            (s, loc.as_deref()),
            (StatusCode::SEE_OTHER, Some("/admin/partners"))
        );
        let (_, _, html) = a.get("/admin/partners").await;
        assert!(html.contains("Clinica Sf. Maria"));
        let (_, loc, _) = a
            .post(
                "/admin/partners",
                &[("csrf", csrf.as_str()), ("name", "Z"), ("kinds", "spa")],
            )
            .await;
        assert_eq!(loc.as_deref(), Some("/admin/partners?error=kinds[0]"));
        let (s, _, _) = a
            .post(
                &format!("/admin/partners/{}/active", f.shelter),
                &[("csrf", csrf.as_str()), ("active", "0")],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (_, v) = app
            .get(&format!("/api/v1/partners/{}", f.shelter), &f.owner)
            .await;
        assert_eq!(v["active"], false);
        f.app.stop().await;
    }
}

/// The case timeline shows operations and referrals next to the other records.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_and_referrals_appear_on_the_case_timeline() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let mut body = referral(&f.adult, &f.shelter);
        body["override_reason"] = json!("Imminent danger: the trafficker knows her address.");
        let (s, v) = app
            .post(
                &format!("/api/v1/cases/{}/referrals", f.case_id),
                &f.owner,
                body,
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {v}");
        let (s, op) = app
            .post(
                &format!("/api/v1/cases/{}/operations", f.case_id),
                &f.owner,
                json!({"name": "Greenhouse inspection", "agencies": ["police"],
                       "location": "Farm road 7", "planned_on": "2025-04-10"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{backend}: {op}");
        let (s, v) = app
            .post(
                &format!("/api/v1/operations/{}/status", op["id"].as_str().unwrap()),
                &f.owner,
                json!({"status": "executed", "executed_on": "2025-04-11", "people": [f.adult]}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        let (s, t) = app
            .get(&format!("/api/v1/cases/{}/timeline", f.case_id), &f.owner)
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {t}");
        let entries = t["entries"].as_array().unwrap();
        let of =
            |kind: &str| -> Vec<&Value> { entries.iter().filter(|e| e["kind"] == kind).collect() };
        let ops = of("operation");
        assert_eq!(ops.len(), 1, "{backend}: {t}");
        assert_eq!(ops[0]["date"], "2025-04-11");
        assert_eq!(
            ops[0]["summary"],
            "Operation carried out: Greenhouse inspection — people brought to safety: 1"
        );
        let refs = of("referral");
        assert_eq!(refs.len(), 1, "{backend}: {t}");
        let summary = refs[0]["summary"].as_str().unwrap();
        assert!(summary.starts_with("Referral of "), "{summary}");
        assert!(
            summary.ends_with("to Casa Speranța shelter (requested)"),
            "{summary}"
        );
        // The executed operation (2025) comes before the referral made today.
        let pos = |kind: &str| entries.iter().position(|e| e["kind"] == kind).unwrap();
        assert!(pos("operation") < pos("referral"));
        f.app.stop().await;
    }
}
