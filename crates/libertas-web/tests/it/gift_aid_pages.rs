//! The Gift Aid pages (docs/supporters.md, "Gift Aid"), real server, SQLite and (when
//! configured) PostgreSQL: the fundraising manager records a declaration (a field in error
//! comes back named, 400; no CSRF token, 403), prepares the schedule, downloads it and marks
//! it submitted (a stale digest is 409); supporter care reads only; a signed-in donor makes
//! and cancels their declaration in the portal, the HMRC wording shown and the taxpayer box
//! required.

use crate::access::portal::link_for;
use crate::common::{hidden, Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{Currency, GiftMethod, NewGift};
use libertas_store::testing::backends;

fn owned(v: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    v.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
}

fn refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fundraiser_records_schedules_and_claims_and_care_only_reads() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "finn", Role::FundraisingManager).await;
        app.user("North", "sonia", Role::SupporterCare).await;
        let maker = libertas_store::testing::principal(
            &app.store,
            "North",
            "maker",
            Role::FundraisingManager,
        )
        .await;
        let gift = NewGift {
            amount_minor: 4000,
            currency: Currency::parse("GBP").unwrap(),
            method: GiftMethod::Cash,
            received: time::macros::date!(2026 - 11 - 02),
            frequency: None,
        };
        let (_, donor) = app
            .store
            .record_gift(
                &maker,
                &Email::parse("gia@example.org").unwrap(),
                None,
                &gift,
            )
            .await
            .unwrap();
        let mut finn = Browser::new(&app);
        let csrf = finn.sign_in("finn").await;
        let at = format!("/supporters/gift-aid/donors/{donor}");
        let (s, _, page) = finn.get(&at).await;
        assert_eq!(s, 200, "{backend}");
        assert!(page.contains("No declaration."), "{page}");

        let mut form = owned(&[
            ("method", "written"),
            ("made_on", "2026-11-01"),
            ("scope", "all_gifts"),
            ("title", "Dr"),
            ("first_name", "Giacinta"),
            ("last_name", "Aidwell"),
            ("house", "12"),
            ("postcode", "ZZ9 9ZZ"),
            ("taxpayer", "yes"),
        ]);
        // Without the CSRF token: refused.
        let (s, _, _) = finn.post(&at, &refs(&form)).await;
        assert_eq!(s, 403, "{backend}");
        form.push(("csrf", csrf.clone()));
        // A bad postcode, then no taxpayer box: back to the form, the field named.
        for (field, value) in [("postcode", "12345"), ("taxpayer", "")] {
            let bad: Vec<_> = form
                .iter()
                .filter(|(k, _)| *k != field || !value.is_empty())
                .map(|(k, v)| {
                    (
                        *k,
                        if *k == field {
                            value.to_owned()
                        } else {
                            v.clone()
                        },
                    )
                })
                .collect();
            let (s, _, page) = finn.post(&at, &refs(&bad)).await;
            assert_eq!(s, 400, "{backend} {field}");
            assert!(
                page.contains(&format!("id=\"{field}-error\"")),
                "{field}: {page}"
            );
            assert!(page.contains("value=\"Giacinta\""), "{page}");
        }
        let (s, loc, _) = finn.post(&at, &refs(&form)).await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(loc.as_deref(), Some(format!("{at}?done=recorded").as_str()));
        let (_, _, page) = finn.get(&at).await;
        assert!(page.contains("Dr Giacinta Aidwell, 12, ZZ9 9ZZ"), "{page}");
        assert!(page.contains("I want to Gift Aid my donation"), "{page}");

        // The schedule: bad dates name the field; good ones show the totals and the parts.
        let (s, _, page) = finn
            .get("/supporters/gift-aid?from=2026-12-01&to=2026-11-01")
            .await;
        assert_eq!(s, 400, "{backend}");
        assert!(page.contains("id=\"to-error\""), "{page}");
        let (s, _, page) = finn
            .get("/supporters/gift-aid?from=2026-11-01&to=2026-11-30")
            .await;
        assert_eq!(s, 200, "{backend}");
        assert!(
            page.contains("40.00 GBP") && page.contains("10.00 GBP"),
            "{page}"
        );
        assert!(!page.contains("Giacinta"), "the page shows no names");
        let digest = hidden(&page, "digest");
        let (s, _, csv) = finn
            .get("/supporters/gift-aid/schedule.csv?from=2026-11-01&to=2026-11-30&part=1")
            .await;
        assert_eq!(s, 200, "{backend}");
        assert_eq!(
            csv,
            "Title,First name or initial,Last name,House name or number,Postcode,\
             Aggregated donations,Sponsored event,Donation date,Amount\r\n\
             Dr,Giacinta,Aidwell,12,ZZ9 9ZZ,,,02/11/26,40.00\r\n"
        );
        let (s, _, _) = finn
            .get("/supporters/gift-aid/schedule.csv?from=2026-11-01&to=2026-11-30&part=2")
            .await;
        assert_eq!(s, 404, "{backend}");

        // Supporter care reads the declarations but may not schedule.
        let mut sonia = Browser::new(&app);
        sonia.sign_in("sonia").await;
        let (s, _, page) = sonia.get(&at).await;
        assert_eq!(s, 200, "{backend}");
        assert!(!page.contains("Record the declaration"), "{page}");
        let (s, _, _) = sonia
            .get("/supporters/gift-aid?from=2026-11-01&to=2026-11-30")
            .await;
        assert_eq!(s, 403, "{backend}");

        // Marking it submitted: a stale digest is refused naming it; the right one claims.
        let mut submit = owned(&[
            ("from", "2026-11-01"),
            ("to", "2026-11-30"),
            ("digest", "0000000000000000"),
            ("reference", "CLAIM-2026-11"),
            ("submitted_on", "2026-12-01"),
        ]);
        submit.push(("csrf", csrf.clone()));
        let (s, _, page) = finn
            .post("/supporters/gift-aid/submit", &refs(&submit))
            .await;
        assert_eq!(s, 409, "{backend}");
        assert!(page.contains("id=\"digest-error\""), "{page}");
        submit[2].1 = digest;
        let (s, loc, _) = finn
            .post("/supporters/gift-aid/submit", &refs(&submit))
            .await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(loc.as_deref(), Some("/supporters/gift-aid?submitted=1"));
        let (_, _, page) = finn
            .get("/supporters/gift-aid?from=2026-11-01&to=2026-11-30")
            .await;
        assert!(page.contains("Already claimed: 1"), "{page}");
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_makes_and_cancels_a_declaration_in_the_portal() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        // The organisation that receives sign-ups.
        app.user("North", "finn", Role::FundraisingManager).await;
        let mut donor = Browser::new(&app);
        let link = link_for(&app, &mut donor, "portal.donor@example.org").await;
        let (s, _, _) = donor.post(&link, &[]).await;
        assert_eq!(s, 303, "{backend}");
        let (_, _, home) = donor.get("/portal?lang=en").await;
        assert!(home.contains("href=\"/portal/gift-aid?lang=en\""), "{home}");
        let csrf = hidden(&home, "csrf");
        let (s, _, page) = donor.get("/portal/gift-aid?lang=en").await;
        assert_eq!(s, 200, "{backend}");
        assert!(
            page.contains("You have no Gift Aid declaration in force."),
            "{page}"
        );
        assert!(
            page.contains("I want to Gift Aid my donation and any donations"),
            "{page}"
        );
        let mut form = owned(&[
            ("first_name", "Petra"),
            ("last_name", "Portal-Giver"),
            ("house", "Rose Cottage"),
            ("postcode", "yo1 7hh"),
        ]);
        // Without the token: 403. Without the box: 400 naming it. A bad house: 400.
        let (s, _, _) = donor.post("/portal/gift-aid?lang=en", &refs(&form)).await;
        assert_eq!(s, 403, "{backend}");
        form.push(("csrf", csrf.clone()));
        let (s, _, page) = donor.post("/portal/gift-aid?lang=en", &refs(&form)).await;
        assert_eq!(s, 400, "{backend}");
        assert!(page.contains("id=\"taxpayer-error\""), "{page}");
        assert!(page.contains("value=\"Portal-Giver\""), "{page}");
        form.push(("taxpayer", "yes".to_owned()));
        let mut bad = form.clone();
        bad[2].1 = "=HYPERLINK()".into();
        let (s, _, page) = donor.post("/portal/gift-aid?lang=en", &refs(&bad)).await;
        assert_eq!(s, 400, "{backend}");
        assert!(page.contains("id=\"house-error\""), "{page}");
        let (s, loc, _) = donor.post("/portal/gift-aid?lang=en", &refs(&form)).await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(
            loc.as_deref(),
            Some("/portal/gift-aid?lang=en&done=declared")
        );
        let (_, _, page) = donor.get("/portal/gift-aid?lang=en&done=declared").await;
        assert!(
            page.contains("Petra Portal-Giver, Rose Cottage, YO1 7HH"),
            "{page}"
        );
        let at = page.find("/portal/gift-aid/").unwrap() + "/portal/gift-aid/".len();
        let cancel = format!("/portal/gift-aid/{}/cancel?lang=en", &page[at..at + 36]);
        let (s, loc, _) = donor.post(&cancel, &[("csrf", csrf.as_str())]).await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(
            loc.as_deref(),
            Some("/portal/gift-aid?lang=en&done=cancelled")
        );
        // Again: it is no longer in force.
        let (s, _, _) = donor.post(&cancel, &[("csrf", csrf.as_str())]).await;
        assert_eq!(s, 404, "{backend}");
        let (_, _, page) = donor.get("/portal/gift-aid?lang=en").await;
        assert!(
            page.contains("You have no Gift Aid declaration in force."),
            "{page}"
        );
        app.stop().await;
    }
}
