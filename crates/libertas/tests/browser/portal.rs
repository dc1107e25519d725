//! Issue 13's donor portal journey, in real Chromium against the real `libertas serve` with
//! its real sender and a real SMTP server (aiosmtpd): the fundraising manager records a
//! donor's monthly gift and a one-off gift; the donor asks for a sign-in link, opens it from
//! the message in the same browser, sees their gifts, edits their contact details and
//! cancels the regular gift after confirming, and has the year's giving statement e-mailed;
//! the staff's gifts page then lists the cancellation. Every page on the way is checked with
//! axe-core.
//!
//! Gated like every browser journey (`server::browser_tests_enabled`), and on aiosmtpd.

use crate::a11y;
use crate::journey;
use crate::server;
use crate::server::{browser_tests_enabled, libertas, Server, CHROMEDRIVER, CHROMIUM};
use crate::smtp_sink::{self, SmtpSink};
use crate::supporters::link;
use crate::webdriver::Browser;
use std::path::Path;
use std::time::Duration;

const ORG: &str = "North Shelter";
const ADDRESS: &str = "pat.partner@example.org";

/// The public form submits only after its script has found the proof-of-work stamp.
const PROOF_OF_WORK: Duration = Duration::from_secs(20);

/// The fundraising manager records a gift for the donor on the gifts page.
async fn record(staff: &Browser, server: &Server, amount: &str, monthly: bool) {
    staff.goto(&server.url("/supporters/gifts")).await;
    staff.wait_for_path("/supporters/gifts").await;
    staff.fill("#email", ADDRESS).await;
    staff.fill("#name", "Pat Partner").await;
    staff.fill("#amount", amount).await;
    staff.clear("#currency").await;
    staff.fill("#currency", "GBP").await;
    staff.click(r#"#method option[value="direct_debit"]"#).await;
    journey::fill_date(staff, "#received", "2026-11-03").await;
    if monthly {
        staff.click(r#"#frequency option[value="monthly"]"#).await;
    }
    staff
        .click(r#"form[action="/supporters/gifts"] button[type="submit"]"#)
        .await;
    staff
        .wait_for_path_where("the donor's giving page", |p| {
            p.starts_with("/supporters/gifts/donors/")
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_signs_in_by_link_sees_gifts_edits_details_and_cancels() {
    if !browser_tests_enabled("browser journey of the donor portal") || !smtp_sink::available() {
        return;
    }
    let _turn = server::one_at_a_time().await;
    let sink = SmtpSink::start(smtp_sink::free_port());
    let port = sink.port;
    let server = Server::start(|data| {
        libertas(data, &["init"], "");
        libertas(data, &["org", "add", ORG], "");
        journey::add_user(data, ORG, "finn", "fundraising_manager");
        std::fs::write(
            data.join("libertas.toml"),
            format!(
                "[mail]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\n\
                 from = \"Libertas <updates@libertas.test>\"\n\
                 retry_base_secs = 1\npoll_secs = 1\n"
            ),
        )
        .unwrap();
    })
    .await;
    let chromedriver = Path::new(CHROMEDRIVER);
    let chromium = Path::new(CHROMIUM);

    // 1. Staff record a monthly gift and a one-off gift for a donor who never signed up.
    let staff = Browser::start(chromedriver, chromium).await;
    journey::first_sign_in(&staff, &server, "finn").await;
    record(&staff, &server, "25.00", true).await;
    record(&staff, &server, "40.00", false).await;
    staff
        .wait_for_text(r#"section[aria-labelledby="statements"]"#, "2026")
        .await;
    a11y::check(&staff, "the donor's giving page with its statements").await;

    // 2. The donor asks for a sign-in link.
    let donor = Browser::start(chromedriver, chromium).await;
    donor.goto(&server.url("/portal")).await;
    donor.wait_for_path("/portal/sign-in").await;
    a11y::check(&donor, "the portal's sign-in").await;
    donor.fill("#email", ADDRESS).await;
    donor.click(r#"#portal-signin button[type="submit"]"#).await;
    donor
        .wait_for_within(r#"main p[role="status"]"#, PROOF_OF_WORK)
        .await;
    assert_eq!(donor.path().await, "/portal/sign-in/sent");
    a11y::check(&donor, "the page after asking for a link").await;

    // 3. The link arrives; opened in the same browser, one press signs in.
    let got = sink.wait_for(1).await;
    assert!(got[0].header("to").unwrap_or_default().contains(ADDRESS));
    let signin = link(&got[0], "/portal/link/");
    donor.goto(&signin).await;
    a11y::check(&donor, "the sign-in link's page").await;
    donor
        .click(r#"main form[action^="/portal/link/"] button[type="submit"]"#)
        .await;
    donor.wait_for_path("/portal").await;
    let home = donor.wait_for_text("main", ADDRESS).await;
    assert!(home.contains("Pat Partner"), "{home}");
    a11y::check(&donor, "the portal's home").await;

    // 4. Their giving: both gifts and the regular gift.
    donor.click(r#"a[href^="/portal/giving"]"#).await;
    donor.wait_for_path("/portal/giving").await;
    let giving = donor.text("main").await;
    assert!(
        giving.contains("25.00 GBP") && giving.contains("40.00 GBP"),
        "{giving}"
    );
    assert!(giving.contains("Monthly"), "{giving}");
    a11y::check(&donor, "the portal's giving page").await;

    // 5. Contact details edited.
    donor.goto(&server.url("/portal?lang=en")).await;
    donor.wait_for("#name").await;
    donor.clear("#name").await;
    donor.fill("#name", "Pat Partner-Smith").await;
    donor
        .click(r#"main form[action^="/portal/details"] button[type="submit"]"#)
        .await;
    let saved = donor
        .wait_for_text("main", "Your details were saved.")
        .await;
    assert!(saved.contains("Pat Partner-Smith"), "{saved}");
    a11y::check(&donor, "the portal's home after saving").await;

    // 6. The regular gift cancelled, after a confirmation page.
    donor.goto(&server.url("/portal/giving?lang=en")).await;
    donor.click(r#"a[href^="/portal/giving/regular/"]"#).await;
    donor
        .wait_for_text("main h1", "Cancel a regular gift")
        .await;
    a11y::check(&donor, "the cancellation's confirmation").await;
    donor
        .click(r#"main form[action^="/portal/giving/regular/"] button[type="submit"]"#)
        .await;
    let after = donor
        .wait_for_text("main", "Your regular gift is cancelled.")
        .await;
    assert!(after.contains("Ended on"), "{after}");
    a11y::check(&donor, "the giving page after cancelling").await;

    // 6b. Their giving statements: the year's PDF, and the statement sent by e-mail.
    donor.goto(&server.url("/portal/statements?lang=en")).await;
    let list = donor
        .wait_for_text("main h1", "Your giving statements")
        .await;
    let list = format!("{list}{}", donor.text("main").await);
    assert!(list.contains("2026") && list.contains("2 gifts"), "{list}");
    a11y::check(&donor, "the portal's statements").await;
    // The year's PDF, fetched by the page's own link with the page's own session, and read
    // back by text extraction (pdftotext).
    let pdf = donor
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const a = document.querySelector('main a[href*=\"/portal/statements/2026\"]');
             fetch(a.href).then(r => r.arrayBuffer().then(b => {
               let s = ''; const u = new Uint8Array(b);
               for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);
               done([r.status, r.headers.get('content-type'), r.headers.get('content-disposition'), btoa(s)]);
             })).catch(e => done([0, '', '', String(e)]));",
        )
        .await;
    assert_eq!(pdf[0], 200, "{pdf}");
    assert_eq!(pdf[1], "application/pdf", "{pdf}");
    assert!(pdf[2].as_str().unwrap().starts_with("attachment"), "{pdf}");
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(pdf[3].as_str().unwrap())
        .unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("statement-2026.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", file.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (Debian poppler-utils, installed by .ci/run)");
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "Pat Partner-Smith",
        "GBP 25.00",
        "GBP 40.00",
        "GBP 65.00",
        "2026",
    ] {
        assert!(
            text.contains(needle),
            "{needle} not in the statement:\n{text}"
        );
    }
    donor
        .click(r#"main form[action^="/portal/statements/2026/email"] button[type="submit"]"#)
        .await;
    donor.wait_for_text("main", "is on its way").await;
    a11y::check(&donor, "the statements page after asking for one by e-mail").await;
    let mail = sink.wait_for(2).await;
    assert!(
        mail.iter().any(|m| m.raw.contains("statement-2026.pdf")),
        "the statement did not arrive"
    );

    // 7. The staff are told on their gifts page.
    staff.goto(&server.url("/supporters/gifts")).await;
    let notices = staff
        .wait_for_text(r#"section[aria-labelledby="notices"]"#, "25.00 GBP")
        .await;
    assert!(notices.contains("Monthly"), "{notices}");
    a11y::check(&staff, "the gifts page with a donor's cancellation").await;
    staff
        .click(r#"form[action$="/seen"] button[type="submit"]"#)
        .await;
    staff.wait_for_text("main", "Marked seen.").await;

    donor.quit().await;
    staff.quit().await;
}
