//! Suspects' roles, charges, hearings, verdicts and sentences through the real server:
//! round trips, every refusal naming its field with nothing half-written, the audit trail, the
//! page forms without JavaScript, and narrative never reaching a file in plain text.

use crate::common;
use crate::common::files_containing;
use crate::common::Browser;
use crate::proceedings_common::{field, fixture};
use libertas_store::testing::backends;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const OUTCOME: &str = "Defendant pleaded not guilty; interpreter Kestrel-7 present";
const NOTE: &str = "Charge reviewed by prosecutor Kestrel-9";

async fn actions(app: &common::TestApp) -> Vec<String> {
    app.store
        .audit_events(
            libertas_store::admin::Operator::console(),
            &Default::default(),
        )
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspects_carry_htcds_roles() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let base = format!("/api/v1/cases/{}/suspects", f.case_id);
        let roles = |pid: &str| format!("{base}/{pid}/roles");
        let (s, v) = app
            .call(
                Method::PUT,
                &roles(&f.suspects[0]),
                Some(&f.owner),
                Some(json!({"roles": ["Exploiter", "RecruiterOrIntermediary", "Exploiter", "Financier"]})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{backend}: {v}");
        assert_eq!(
            v["roles"],
            json!(["RecruiterOrIntermediary", "Exploiter", "Financier"])
        );
        // Unknown codes are refused, naming the field, and the stored set is untouched.
        let (s, v) = app
            .call(
                Method::PUT,
                &roles(&f.suspects[0]),
                Some(&f.owner),
                Some(json!({"roles": ["Transporter", "Boss"]})),
            )
            .await;
        assert_eq!((s, field(&v)), (StatusCode::BAD_REQUEST, "roles"), "{v}");
        let (s, v) = app
            .call(
                Method::PUT,
                &roles(&f.suspects[0]),
                Some(&f.owner),
                Some(json!({"roles": "Exploiter"})),
            )
            .await;
        assert_eq!((s, field(&v)), (StatusCode::BAD_REQUEST, "roles"), "{v}");
        // Only suspects of this case have roles: a victim is out of reach.
        let (s, _) = app
            .call(
                Method::PUT,
                &roles(&f.victims[0]),
                Some(&f.owner),
                Some(json!({"roles": []})),
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, list) = app.get(&base, &f.lawyer).await;
        assert_eq!(s, StatusCode::OK);
        let list = list["suspects"].as_array().unwrap();
        assert_eq!(list.len(), 2, "suspects only, not victims or witnesses");
        assert_eq!(list[0]["name"], "Grigore Vulpescu");
        assert_eq!(
            list[0]["roles"],
            json!(["RecruiterOrIntermediary", "Exploiter", "Financier"])
        );
        assert_eq!(list[1]["roles"], json!([]));
        // Clearing works.
        let (s, _) = app
            .call(
                Method::PUT,
                &roles(&f.suspects[0]),
                Some(&f.lawyer),
                Some(json!({"roles": []})),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let (_, list) = app.get(&base, &f.owner).await;
        assert_eq!(list["suspects"][0]["roles"], json!([]));
        let a = actions(app).await;
        for want in ["suspect.roles.set", "suspect.list", "person.read"] {
            assert!(a.iter().any(|x| x == want), "{backend}: {want} audited");
        }
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn charges_hearings_verdicts_and_sentences_refuse_bad_input() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let case = &f.case_id;
        let charges = format!("/api/v1/cases/{case}/charges");
        let good = json!({
            "suspect_id": f.suspects[0], "law": "Modern Slavery Act 2015", "section": "s.2",
            "counts": 3, "filed_on": "2025-01-10", "note": NOTE
        });
        let with = |k: &str, v: Value| {
            let mut b = good.clone();
            b[k] = v;
            b
        };
        for (body, want) in [
            (with("counts", json!(0)), "counts"),
            (with("counts", json!(-2)), "counts"),
            (with("suspect_id", json!(f.victims[0])), "suspect_id"),
            (with("suspect_id", json!(f.witness)), "suspect_id"),
            (with("suspect_id", json!("nobody")), "suspect_id"),
            (with("filed_on", json!("2999-01-01")), "filed_on"),
            (with("filed_on", json!("10/01/2025")), "filed_on"),
            (with("law", json!(" ")), "law"),
            (with("section", json!("")), "section"),
            (with("surprise", json!(1)), "surprise"),
        ] {
            let (s, v) = app.post(&charges, &f.owner, body).await;
            assert_eq!(
                (s, field(&v)),
                (StatusCode::BAD_REQUEST, want),
                "{backend}: {v}"
            );
        }
        let (_, list) = app.get(&charges, &f.owner).await;
        assert_eq!(
            list["charges"],
            json!([]),
            "{backend}: nothing half-written"
        );
        let (s, c) = app.post(&charges, &f.owner, good.clone()).await;
        assert_eq!(s, StatusCode::CREATED, "{c}");
        assert_eq!(c["suspect_name"], "Grigore Vulpescu");
        assert_eq!(c["counts"], 3);
        assert_eq!(c["note"], NOTE);
        let charge = c["id"].as_str().unwrap().to_owned();

        // Hearings: not before the charge, known kinds only.
        let hearings = format!("/api/v1/charges/{charge}/hearings");
        for (body, want) in [
            (
                json!({"date": "2025-01-09", "court": "Southwark Crown Court", "kind": "trial"}),
                "date",
            ),
            (
                json!({"date": "2025-03-01", "court": "Southwark Crown Court", "kind": "party"}),
                "kind",
            ),
            (
                json!({"date": "2025-03-01", "court": "", "kind": "trial"}),
                "court",
            ),
        ] {
            let (s, v) = app.post(&hearings, &f.lawyer, body).await;
            assert_eq!(
                (s, field(&v)),
                (StatusCode::BAD_REQUEST, want),
                "{backend}: {v}"
            );
        }
        let (s, h) = app
            .post(&hearings, &f.lawyer, json!({"date": "2025-03-01", "court": "Southwark Crown Court", "kind": "trial", "outcome": OUTCOME}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{h}");
        let (s, h) = app
            .post(&format!("/api/v1/cases/{case}/hearings"), &f.owner, json!({"date": "2025-02-01", "court": "Westminster Magistrates' Court", "kind": "first_appearance"}))
            .await;
        assert_eq!(
            (s, &h["charge_id"]),
            (StatusCode::CREATED, &Value::Null),
            "{h}"
        );
        let (_, list) = app.get(&hearings, &f.owner).await;
        assert_eq!(
            list["hearings"].as_array().unwrap().len(),
            1,
            "the charge's only"
        );
        assert_eq!(list["hearings"][0]["outcome"], OUTCOME);
        let (_, list) = app
            .get(&format!("/api/v1/cases/{case}/hearings"), &f.owner)
            .await;
        assert_eq!(
            list["hearings"].as_array().unwrap().len(),
            2,
            "all of the case"
        );

        // Verdicts: not before the charge, not in the future, known outcomes, one per charge.
        let verdicts = format!("/api/v1/charges/{charge}/verdicts");
        for (body, want) in [
            (
                json!({"outcome": "convicted", "date": "2025-01-01"}),
                "date",
            ),
            (
                json!({"outcome": "convicted", "date": "2999-01-01"}),
                "date",
            ),
            (
                json!({"outcome": "guilty", "date": "2025-06-01"}),
                "outcome",
            ),
        ] {
            let (s, v) = app.post(&verdicts, &f.owner, body).await;
            assert_eq!(
                (s, field(&v)),
                (StatusCode::BAD_REQUEST, want),
                "{backend}: {v}"
            );
        }
        let (_, list) = app.get(&verdicts, &f.owner).await;
        assert_eq!(
            list["verdicts"],
            json!([]),
            "{backend}: nothing half-written"
        );
        let verdict = f.verdict(&charge, "convicted", "2025-06-01").await;
        let (s, _) = app
            .post(
                &verdicts,
                &f.lawyer,
                json!({"outcome": "acquitted", "date": "2025-06-02"}),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::CONFLICT,
            "{backend}: one final verdict per charge"
        );

        // Sentences: restitution to victims only, currency with money, not before the verdict.
        let sentences = format!("/api/v1/verdicts/{verdict}/sentences");
        let owed = |pid: &str| json!([{"person_id": pid, "amount": 2500.5}]);
        for (body, want) in [
            (
                json!({"prison_months": 48, "currency": "GBP", "restitution": owed(&f.witness)}),
                "restitution",
            ),
            (
                json!({"prison_months": 48, "currency": "GBP", "restitution": owed(&f.suspects[1])}),
                "restitution",
            ),
            (
                json!({"prison_months": 48, "currency": "GBP", "restitution": owed("not-a-person")}),
                "restitution",
            ),
            (
                json!({"prison_months": 48, "currency": "GBP", "restitution": [{"person_id": f.victims[0], "amount": -5}]}),
                "restitution",
            ),
            (
                json!({"prison_months": 48, "fine_amount": 5000}),
                "currency",
            ),
            (
                json!({"prison_months": 48, "fine_amount": 5000, "currency": "pounds"}),
                "currency",
            ),
            (json!({"prison_months": -1}), "prison_months"),
            (json!({"prison_months": 0}), "prison_months"),
            (
                json!({"prison_months": 0, "suspended": true, "fine_amount": 10, "currency": "GBP"}),
                "suspended",
            ),
            (json!({"prison_months": 48, "date": "2025-05-31"}), "date"),
        ] {
            let (s, v) = app.post(&sentences, &f.owner, body).await;
            assert_eq!(
                (s, field(&v)),
                (StatusCode::BAD_REQUEST, want),
                "{backend}: {v}"
            );
        }
        let (_, list) = app.get(&sentences, &f.owner).await;
        assert_eq!(
            list["sentences"],
            json!([]),
            "{backend}: nothing half-written"
        );
        let (s, x) = app
            .post(
                &sentences,
                &f.owner,
                json!({
                    "prison_months": 48, "fine_amount": 5000, "currency": "GBP",
                    "restitution": [{"person_id": f.victims[0], "amount": 2500.5}],
                }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{x}");
        assert_eq!(x["date"], "2025-06-01", "defaults to the verdict's date");
        assert_eq!(x["fine_amount"], "5000.00");
        assert_eq!(x["restitution"][0]["name"], "Zamfira Oprescu");
        assert_eq!(x["restitution"][0]["amount"], "2500.50");
        let (s, _) = app
            .post(&sentences, &f.owner, json!({"prison_months": 12}))
            .await;
        assert_eq!(
            s,
            StatusCode::CONFLICT,
            "{backend}: one sentence per verdict"
        );

        // No sentence follows an acquittal.
        let other = f.charge(1, "2025-02-01").await;
        let acquittal = f.verdict(&other, "acquitted", "2025-07-01").await;
        let (s, v) = app
            .post(
                &format!("/api/v1/verdicts/{acquittal}/sentences"),
                &f.owner,
                json!({"prison_months": 12}),
            )
            .await;
        assert_eq!((s, field(&v)), (StatusCode::CONFLICT, "verdict"), "{v}");

        let a = actions(app).await;
        for want in [
            "charge.create",
            "charge.list",
            "hearing.create",
            "hearing.list",
            "verdict.create",
            "verdict.list",
            "sentence.create",
            "sentence.list",
        ] {
            assert!(a.iter().any(|x| x == want), "{backend}: {want} audited");
        }
        // The narrative is sealed: no file Libertas wrote holds it in plain text.
        app.store.checkpoint().await.unwrap();
        for needle in ["Kestrel-7", "Kestrel-9"] {
            let hits = files_containing(&app.data.config.data_dir, needle.as_bytes());
            assert!(hits.is_empty(), "{backend}: {needle:?} found in {hits:?}");
        }
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proceedings_page_forms_work_without_javascript() {
    for backend in backends() {
        let f = fixture(backend).await;
        let case = &f.case_id;
        let page = format!("/cases/{case}/proceedings");
        let mut b = Browser::new(&f.app);
        let csrf = b.sign_in("owner").await;
        let (s, _, body) = b.get(&page).await;
        assert_eq!(s, StatusCode::OK);
        assert!(body.contains("Grigore Vulpescu") && body.contains("Dorin Lupașcu"));
        let post = |path: String, form: Vec<(&'static str, String)>| (path, form);
        let suspect = &f.suspects[0];
        let (path, form) = post(
            format!("/cases/{case}/suspects/{suspect}/roles"),
            vec![
                ("roles", "Transporter".into()),
                ("roles", "Controller".into()),
            ],
        );
        let mut form: Vec<(&str, String)> = form;
        form.push(("csrf", csrf.clone()));
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (s, loc, _) = b.post(&path, &pairs).await;
        assert_eq!(
            (s, loc.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some(format!("{page}#suspects").as_str())
            )
        );
        // A bad charge comes back naming the field.
        let charge_form = |counts: &'static str| {
            vec![
                ("csrf", csrf.as_str()),
                ("suspect_id", suspect.as_str()),
                ("law", "Modern Slavery Act 2015"),
                ("section", "s.1"),
                ("counts", counts),
                ("filed_on", "2025-01-10"),
                ("note", ""),
            ]
        };
        let (s, loc, _) = b
            .post(&format!("/cases/{case}/charges"), &charge_form("0"))
            .await;
        assert_eq!(
            (s, loc.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some(format!("{page}?error=counts").as_str())
            )
        );
        let (_, _, body) = b.get(&format!("{page}?error=counts")).await;
        assert!(body.contains("role=\"alert\"") && body.contains("counts"));
        let (s, loc, _) = b
            .post(&format!("/cases/{case}/charges"), &charge_form("1"))
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let charge = loc.unwrap().split("#charge-").nth(1).unwrap().to_owned();
        let (s, _, _) = b
            .post(
                &format!("/cases/{case}/charges/{charge}/hearings"),
                &[
                    ("csrf", &csrf),
                    ("date", "2025-02-01"),
                    ("court", "Southwark Crown Court"),
                    ("kind", "trial"),
                    ("outcome", "Adjourned"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (s, _, _) = b
            .post(
                &format!("/cases/{case}/charges/{charge}/verdict"),
                &[
                    ("csrf", &csrf),
                    ("outcome", "convicted"),
                    ("date", "2025-05-01"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (_, _, body) = b.get(&page).await;
        let verdict = body
            .split("/verdicts/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let owed = format!("restitution_{}", f.witness);
        let (s, loc, _) = b
            .post(
                &format!("/cases/{case}/verdicts/{verdict}/sentence"),
                &[
                    ("csrf", &csrf),
                    ("prison_months", "30"),
                    ("currency", "GBP"),
                    (&owed, "100"),
                ],
            )
            .await;
        assert_eq!(
            (s, loc.as_deref()),
            (
                StatusCode::SEE_OTHER,
                Some(format!("{page}?error=restitution").as_str())
            )
        );
        let owed = format!("restitution_{}", f.victims[0]);
        let (s, _, _) = b
            .post(
                &format!("/cases/{case}/verdicts/{verdict}/sentence"),
                &[
                    ("csrf", &csrf),
                    ("prison_months", "30"),
                    ("suspended", "1"),
                    ("currency", "GBP"),
                    (&owed, "750"),
                ],
            )
            .await;
        assert_eq!(s, StatusCode::SEE_OTHER);
        let (_, _, body) = b.get(&page).await;
        for want in [
            "Transporter",
            "Controller (runs the operation)",
            "Adjourned",
            "Convicted",
            "30 months",
            "imprisonment, suspended",
            "Zamfira Oprescu: GBP\u{a0}750.00",
        ] {
            assert!(body.contains(want), "{backend}: page shows {want}");
        }
        let (_, _, ro) = b.get(&format!("{page}?lang=ro")).await;
        assert!(
            ro.contains("Zamfira Oprescu: 750,00\u{a0}GBP"),
            "{backend}: money in Romanian"
        );
        let (s, _, body) = b.get(&format!("/cases/{case}/timeline?lang=ro")).await;
        assert_eq!(s, StatusCode::OK);
        let order: Vec<usize> = ["Acuzație", "Termen", "Verdict", "Pedeapsă"]
            .iter()
            .map(|k| body.find(k).unwrap())
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "{backend}: in order: {order:?}"
        );
        f.app.stop().await;
    }
}
