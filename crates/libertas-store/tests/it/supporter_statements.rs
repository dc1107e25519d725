//! Issue 13, giving statements in the store: a portal session's years and PDF (its own
//! supporter only, audited without amounts or names), the statement asked for by e-mail
//! queued as a request only (no PDF, no gift in the outbox row) and made when the sender
//! claims it, the throttle, the staff download by role and organisation, and an erased
//! donor's queued statement never sent. SQLite and (when configured) PostgreSQL.

use crate::supporters::{raw, sign_up, signed_up};
use libertas_domain::admin::Role;
use libertas_domain::i18n::Lang;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{Currency, GiftMethod, NewGift};
use libertas_domain::supporters::message::portal_link;
use libertas_store::admin::Operator;
use libertas_store::audit::AuditQuery;
use libertas_store::supporters::{PortalLinkOutcome, PortalSession, StatementMail};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use std::sync::{Arc, Mutex};
use time::macros::date;

const BROWSER: &str = "browserbrowserbrowserbrowserbrowserbrowser1";

/// Signs `address` (signed up and confirmed) in to the portal.
async fn session(store: &Store, org: libertas_domain::ids::OrgId, address: &str) -> PortalSession {
    let (confirm, _) = signed_up(store, org, &sign_up(address, &["stories"], None)).await;
    store.supporter_confirm(&confirm).await.unwrap();
    let token = Arc::new(Mutex::new(String::new()));
    let seen = token.clone();
    store
        .portal_request_link(
            org,
            &Email::parse(address).unwrap(),
            BROWSER,
            move |tok, to, l, u| {
                *seen.lock().unwrap() = tok.to_owned();
                portal_link(Lang::from_code(l).unwrap(), to, "https://x.test/l", u)
            },
        )
        .await
        .unwrap();
    let tok = token.lock().unwrap().clone();
    let PortalLinkOutcome::SignedIn(cookie) =
        store.portal_use_link(&tok, Some(BROWSER)).await.unwrap()
    else {
        panic!("not signed in");
    };
    store.portal_session(&cookie).await.unwrap().unwrap()
}

/// Claims and marks sent everything due; returns the messages.
async fn send_all(store: &Store) -> Vec<libertas_domain::supporters::message::Message> {
    let ids: Vec<String> = store
        .outbox_due(100)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    let claimed = store
        .outbox_claim(&ids, time::Duration::minutes(5))
        .await
        .unwrap();
    for c in &claimed {
        store.outbox_sent(&c.id).await.unwrap();
    }
    claimed.into_iter().map(|c| c.message).collect()
}

fn gift(minor: i64, received: time::Date) -> NewGift {
    NewGift {
        amount_minor: minor,
        currency: Currency::parse("GBP").unwrap(),
        method: GiftMethod::Card,
        received,
        frequency: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statements_reach_their_own_supporter_and_are_mailed_as_a_request() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let fund = principal(&store, "North", "fund", Role::FundraisingManager).await;
        let care = principal(&store, "North", "care", Role::SupporterCare).await;
        let carl = principal(&store, "North", "carl", Role::Caseworker).await;
        let south = principal(&store, "South", "southfund", Role::FundraisingManager).await;
        let org = fund.org_id;
        let mira = session(&store, org, "mira@example.org").await;
        let other = session(&store, org, "other@example.org").await;
        send_all(&store).await;
        let address = Email::parse("mira@example.org").unwrap();
        for g in [
            gift(2500, date!(2025 - 03 - 05)),
            gift(123_450, date!(2025 - 07 - 14)),
            gift(100, date!(2024 - 01 - 02)),
        ] {
            store.record_gift(&fund, &address, None, &g).await.unwrap();
        }

        // Her years, newest first; another supporter's session has none.
        let years = store.portal_statement_years(&mira).await.unwrap();
        let got: Vec<(i32, i64)> = years.iter().map(|y| (y.year, y.gifts)).collect();
        assert_eq!(got, vec![(2025, 2), (2024, 1)], "{backend}");
        assert!(store
            .portal_statement_years(&other)
            .await
            .unwrap()
            .is_empty());
        let pdf = store.portal_statement(&mira, 2025).await.unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        for (s, year) in [(&mira, 2023), (&other, 2025), (&mira, 1999)] {
            assert!(matches!(
                store.portal_statement(s, year).await,
                Err(StoreError::NotFound)
            ));
        }

        // By e-mail: queued as a small sealed request, then throttled.
        let unsubscribe = |tok: &str, l: Lang| format!("https://x.test/u/{tok}?lang={}", l.code());
        assert!(matches!(
            store
                .portal_email_statement(&other, 2025, &unsubscribe)
                .await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(
            store
                .portal_email_statement(&mira, 2025, &unsubscribe)
                .await
                .unwrap(),
            StatementMail::Queued
        );
        assert_eq!(
            store
                .portal_email_statement(&mira, 2024, &unsubscribe)
                .await
                .unwrap(),
            StatementMail::Throttled
        );
        let mut c = raw(&t).await;
        let rows: Vec<(String, Vec<u8>)> =
            sqlx::query_as("select kind, message from outbox where status = 'queued'")
                .fetch_all(&mut c)
                .await
                .unwrap();
        assert_eq!(
            rows.len(),
            1,
            "{backend}: one request, the throttled one queued nothing"
        );
        assert_eq!(rows[0].0, "statement");
        assert!(rows[0].1.len() < 1000, "{backend}: a PDF in the outbox row");
        let sealed = String::from_utf8_lossy(&rows[0].1);
        assert!(!sealed.contains("mira@") && !sealed.contains("%PDF"));

        // The sender makes the PDF when it claims the row.
        let sent = send_all(&store).await;
        assert_eq!(sent.len(), 1);
        let m = &sent[0];
        assert_eq!(m.to, "mira@example.org");
        assert!(
            m.subject.contains("2025") && !m.text.contains("25,00"),
            "{}",
            m.text
        );
        let a = m.attachment.as_ref().unwrap();
        assert_eq!(
            (a.file_name.as_str(), a.content_type.as_str()),
            ("statement-2025.pdf", "application/pdf")
        );
        assert!(a.bytes.starts_with(b"%PDF"));

        // Staff: both supporter roles of her organisation; no case role; no other organisation.
        let id = store
            .giving_by_address(&care, &address)
            .await
            .unwrap()
            .supporter;
        assert!(store
            .donor_statement(&care, id, 2025)
            .await
            .unwrap()
            .starts_with(b"%PDF"));
        assert!(store.donor_statement(&fund, id, 2024).await.is_ok());
        assert!(matches!(
            store.donor_statement(&fund, id, 2023).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.donor_statement(&carl, id, 2025).await,
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(
            store.donor_statement(&south, id, 2025).await,
            Err(StoreError::NotFound)
        ));

        // Audited, with years and counts and never an amount, a name or an address.
        let q = AuditQuery {
            limit: 100_000,
            ..Default::default()
        };
        let events = store.audit_events(Operator::console(), &q).await.unwrap();
        let of = |a: &str| events.iter().filter(|e| e.action == a).count();
        assert_eq!(
            of("statement.read"),
            3,
            "{backend}: one portal read, two staff reads"
        );
        assert_eq!(of("statement.email"), 2);
        assert_eq!(of("supporter.portal.statements"), 2);
        for e in events.iter().filter(|e| e.action.starts_with("statement.")) {
            let shown = format!("{e:?}");
            assert!(
                !shown.contains("mira@")
                    && !shown.contains("123450")
                    && !shown.contains("Lindqvist"),
                "{shown}"
            );
        }

        // A statement queued before the donor is erased is never sent.
        sqlx::query("delete from outbox where kind = 'statement'")
            .execute(&mut c)
            .await
            .unwrap();
        store
            .portal_email_statement(&mira, 2025, &unsubscribe)
            .await
            .unwrap();
        store.erase_supporter(&care, id, "asked").await.unwrap();
        assert!(send_all(&store).await.is_empty(), "{backend}");
    }
}
