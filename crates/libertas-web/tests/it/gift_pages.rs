//! The gift pages (docs/supporters.md, "Gifts"): the fundraising manager records a gift for
//! a new donor (a field in error goes back to the form naming it), finds the donor by address,
//! sees their giving and cancels a regular gift; supporter care sees the giving without the
//! forms. Real server, SQLite and (when configured) PostgreSQL.

use crate::common::{Browser, TestApp};
use libertas_domain::admin::Role;
use libertas_store::testing::backends;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fundraiser_records_finds_and_cancels_and_care_only_reads() {
    for backend in backends() {
        let app = TestApp::spawn(backend).await;
        app.user("North", "finn", Role::FundraisingManager).await;
        app.user("North", "sonia", Role::SupporterCare).await;
        let mut finn = Browser::new(&app);
        let csrf = finn.sign_in("finn").await;
        let (s, _, page) = finn.get("/supporters/gifts").await;
        assert_eq!(s, 200, "{backend}");
        assert!(page.contains("action=\"/supporters/gifts\""), "{page}");

        let gift = |amount: &'static str| {
            vec![
                ("csrf", csrf.clone()),
                ("email", "New.Donor@example.org".to_owned()),
                ("name", "Nell Donor".to_owned()),
                ("amount", amount.to_owned()),
                ("currency", "GBP".to_owned()),
                ("method", "standing_order".to_owned()),
                ("received", "2026-11-15".to_owned()),
                ("frequency", "monthly".to_owned()),
            ]
        };
        let pairs = |v: &[(&'static str, String)]| -> Vec<(&'static str, String)> { v.to_vec() };
        // Three decimals in pounds: back to the form, the amount in error, the rest kept.
        let bad = pairs(&gift("12.345"));
        let refs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (s, _, page) = finn.post("/supporters/gifts", &refs).await;
        assert_eq!(s, 400, "{backend}");
        assert!(page.contains("id=\"amount-error\""), "{page}");
        assert!(page.contains("value=\"Nell Donor\""), "{page}");
        assert!(page.contains("aria-invalid=\"true\" aria-describedby=\"amount-error\""));

        let good = pairs(&gift("12.50"));
        let refs: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (s, loc, _) = finn.post("/supporters/gifts", &refs).await;
        assert_eq!(s, 303, "{backend}");
        let loc = loc.unwrap();
        assert!(loc.starts_with("/supporters/gifts/donors/") && loc.ends_with("?recorded=1"));
        // The address never travels in a URL.
        assert!(!loc.contains("example"), "{loc}");
        let (s, _, page) = finn.get(&loc).await;
        assert_eq!(s, 200, "{backend}");
        assert!(page.contains("12.50 GBP"), "{page}");
        assert!(page.contains("Active, next due on 2026-12-15"), "{page}");
        assert!(page.contains("Cancel this regular gift"), "{page}");
        let donor_page = loc.trim_end_matches("?recorded=1").to_owned();

        // Found by address (any case), on the find form.
        let (s, found, _) = finn
            .post(
                "/supporters/gifts/find",
                &[("csrf", &csrf), ("email", "new.donor@EXAMPLE.org")],
            )
            .await;
        assert_eq!(
            (s.as_u16(), found.as_deref()),
            (303, Some(donor_page.as_str()))
        );
        let (_, none, _) = finn
            .post(
                "/supporters/gifts/find",
                &[("csrf", &csrf), ("email", "nobody@example.org")],
            )
            .await;
        let (_, _, page) = finn.get(&none.unwrap()).await;
        assert!(page.contains("No supporter of this organisation has this address."));

        // Supporter care reads the giving, without the forms.
        let mut sonia = Browser::new(&app);
        sonia.sign_in("sonia").await;
        let (s, _, page) = sonia.get(&donor_page).await;
        assert_eq!(s, 200, "{backend}");
        assert!(page.contains("12.50 GBP") && !page.contains("Cancel this regular gift"));
        let (_, _, page) = sonia.get("/supporters/gifts").await;
        assert!(!page.contains("action=\"/supporters/gifts\""), "{page}");

        // The fundraiser cancels it at the donor's request.
        let cancel = page_action(&finn.get(&donor_page).await.2);
        let (s, loc, _) = finn
            .post(&cancel, &[("csrf", &csrf), ("by", "donor")])
            .await;
        assert_eq!(s, 303, "{backend}");
        let (_, _, page) = finn.get(&loc.unwrap()).await;
        assert!(page.contains("The regular gift was cancelled."), "{page}");
        assert!(
            page.contains("Cancelled at the donor&#39;s request"),
            "{page}"
        );
        assert!(!page.contains("Active, next due"), "{page}");
        app.stop().await;
    }
}

/// The cancel form's action on the giving page.
fn page_action(page: &str) -> String {
    let start = page.find("/supporters/gifts/regular/").unwrap();
    let end = start + page[start..].find('"').unwrap();
    page[start..end].to_owned()
}
