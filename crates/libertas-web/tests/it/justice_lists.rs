//! The lists the home's remaining counts link to, over real HTTP on SQLite and PostgreSQL:
//! evidence to verify, hearings this month, my referrals waiting for the partner. For each
//! role that sees the count, the number on the home equals the total on the list it links
//! to; the filters narrow the list; a filter the list cannot read is a 400 with the field
//! marked; a reader who is not a member of the case sees none of it.

use crate::common::{Browser, TestApp};
use crate::evidence_common::upload;
use crate::proceedings_common::fixture;
use crate::referrals_common::{self, consent, referral};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;
use reqwest::StatusCode;
use serde_json::json;

/// The count the home shows in the link to `href`.
fn home_count(home: &str, href: &str) -> i64 {
    let at = format!("href=\"{href}\"><strong>");
    let rest = home
        .split(&at)
        .nth(1)
        .unwrap_or_else(|| panic!("no count linking to {href}"));
    rest.split('<').next().unwrap().parse().unwrap()
}

/// The total a list page states ("… found: N").
fn total(page: &str) -> i64 {
    let main = page.split("<main").nth(1).unwrap_or(page);
    let rest = main
        .split("found: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no total in {main}"));
    rest.split('<').next().unwrap().trim().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_and_hearings_counts_lead_to_lists_with_the_same_totals() {
    for backend in backends() {
        let f = fixture(backend).await;
        let app = &f.app;
        let case = &f.case_id;
        app.user("North", "nonmember", Role::Investigator).await;
        let mut ids = vec![];
        for name in ["ledger.pdf", "photos.pdf", "contract.pdf"] {
            let (s, ev) = upload(app, &f.owner, case, b"%PDF-1.4 x".to_vec(), name).await;
            assert_eq!(s, StatusCode::CREATED, "{backend}: {ev}");
            ids.push(ev["id"].as_str().unwrap().to_owned());
        }
        let verify = format!("/api/v1/cases/{case}/evidence/{}/verify", ids[0]);
        let (s, _) = app.post(&verify, &f.owner, json!({})).await;
        assert!(s.is_success(), "{backend}: verify {s}");
        let today = time::OffsetDateTime::now_utc().date();
        let later = (today + time::Duration::days(400)).to_string();
        for date in [today.to_string(), "2025-03-01".into(), later] {
            let (s, h) = app
                .post(
                    &format!("/api/v1/cases/{case}/hearings"),
                    &f.owner,
                    json!({"date": date, "court": "Tribunalul Iași", "kind": "trial"}),
                )
                .await;
            assert_eq!(s, StatusCode::CREATED, "{backend}: {h}");
        }
        for user in ["owner", "lawyer"] {
            let mut b = Browser::new(app);
            b.sign_in(user).await;
            let (_, _, home) = b.get("/").await;
            let to_verify = home_count(&home, "/evidence?verified=no");
            let this_month = home_count(&home, "/hearings?when=month");
            assert_eq!((to_verify, this_month), (2, 1), "{backend}: {user}");
            let (s, _, list) = b.get("/evidence?verified=no").await;
            assert_eq!(s, StatusCode::OK, "{backend}: {user}");
            assert_eq!(total(&list), to_verify, "{backend}: {user}");
            assert!(
                list.contains("photos.pdf") && !list.contains("ledger.pdf"),
                "{backend}: {user}"
            );
            assert!(
                list.contains("Operation Kestrel"),
                "{backend}: the case named"
            );
            assert!(list.contains("data-label="), "{backend}: stacks on a phone");
            let (_, _, yes) = b.get("/evidence?verified=yes").await;
            assert_eq!(total(&yes), 1, "{backend}: {user}");
            let (_, _, any) = b.get("/evidence?verified=any&lang=ro").await;
            assert!(any.contains("Probe găsite: 3"), "{backend}: {user}");
            // The language choice is remembered; back to English for the totals below.
            b.get("/?lang=en").await;
            let (s, _, list) = b.get("/hearings?when=month").await;
            assert_eq!(s, StatusCode::OK, "{backend}: {user}");
            assert_eq!(total(&list), this_month, "{backend}: {user}");
            let (_, _, past) = b.get("/hearings?when=past").await;
            assert_eq!(total(&past), 1, "{backend}: {user}");
            let (_, _, upcoming) = b.get("/hearings").await;
            assert_eq!(total(&upcoming), 2, "{backend}: {user}");
            for bad in [
                "/evidence?verified=maybe",
                "/evidence?page=0",
                "/hearings?when=soon",
                "/hearings?page=x",
            ] {
                let (s, _, page) = b.get(bad).await;
                assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}: {bad}");
                assert!(
                    page.contains("aria-invalid=\"true\"") || page.contains("id=\"page-error\""),
                    "{backend}: {bad} marked"
                );
                assert!(!page.contains("Kestrel"), "{backend}: {bad} lists nothing");
            }
        }
        // An investigator of the same organisation who is not a member sees nothing.
        let mut b = Browser::new(app);
        b.sign_in("nonmember").await;
        for list in ["/evidence?verified=any", "/hearings?when=past", "/hearings"] {
            let (s, _, page) = b.get(list).await;
            assert_eq!(s, StatusCode::OK, "{backend}: {list}");
            assert_eq!(total(&page), 0, "{backend}: {list}");
            assert!(!page.contains("Kestrel"), "{backend}: {list}");
        }
        f.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referrals_waiting_for_the_partner_lead_to_the_outgoing_list() {
    for backend in backends() {
        let f = referrals_common::fixture(backend).await;
        let app: &TestApp = &f.app;
        let (s, _) = app
            .post(
                &format!("/api/v1/people/{}/consents", f.adult),
                &f.owner,
                consent(true),
            )
            .await;
        assert!(s.is_success(), "{backend}: consent {s}");
        let refs = format!("/api/v1/cases/{}/referrals", f.case_id);
        for partner in [&f.shelter, &f.police_partner] {
            let (s, r) = app.post(&refs, &f.owner, referral(&f.adult, partner)).await;
            assert_eq!(s, StatusCode::CREATED, "{backend}: {r}");
        }
        let mut b = Browser::new(app);
        b.sign_in("owner").await;
        let (_, _, home) = b.get("/").await;
        let waiting = home_count(&home, "/referrals/outgoing?status=requested");
        assert_eq!(waiting, 2, "{backend}");
        let (s, _, list) = b.get("/referrals/outgoing?status=requested").await;
        assert_eq!(s, StatusCode::OK, "{backend}");
        assert_eq!(total(&list), waiting, "{backend}");
        assert!(list.contains("Casa Speranța"), "{backend}");
        let (_, _, done) = b.get("/referrals/outgoing?status=done").await;
        assert_eq!(total(&done), 0, "{backend}");
        let (s, _, bad) = b.get("/referrals/outgoing?status=lost").await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{backend}");
        assert!(bad.contains("aria-invalid=\"true\"") && !bad.contains("Casa Speranța"));
        // The police unit receives them as incoming; it sent none itself.
        let mut p = Browser::new(app);
        p.sign_in("officer").await;
        let (_, _, theirs) = p.get("/referrals/outgoing").await;
        assert_eq!(total(&theirs), 0, "{backend}");
        // A role that never works cases is turned away before its filter is read, on both
        // lists, so a bad filter cannot tell it which values are valid.
        app.user("North", "ann", Role::Analyst).await;
        let mut a = Browser::new(app);
        a.sign_in("ann").await;
        for path in [
            "/referrals/incoming?status=lost",
            "/referrals/outgoing?status=lost",
            "/referrals/incoming",
        ] {
            let (s, _, _) = a.get(path).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{backend}: {path}");
        }
        f.app.stop().await;
    }
}
