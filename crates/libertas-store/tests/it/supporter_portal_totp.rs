//! Issue 13, a donor's optional second factor for the portal, in the store: enrolment
//! confirmed by a first code, then every sign-in by link waits for a code (the session opens
//! nothing before), a code is accepted once, the fifth wrong code ends the sign-in, removal
//! needs a code, supporter care can remove it for a donor who lost their phone, and the
//! secret is sealed (not in any file of the data dir) and shredded with erasure. SQLite and
//! (when configured) PostgreSQL.

use crate::exports::files_holding;
use crate::supporter_portal::{age, ask, sign_in, BROWSER};
use crate::supporters::{raw, sign_up, signed_up};
use libertas_domain::admin::Role;
use libertas_store::supporters::{PortalLinkOutcome, SecondFactorOutcome};
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use totp_rs::{Algorithm, Secret, TOTP};

const ADDRESS: &str = "mira@example.org";

fn code(secret_base32: &str, steps_ahead: u64) -> String {
    let secret = Secret::Encoded(secret_base32.to_owned())
        .to_bytes()
        .unwrap();
    let totp = TOTP::new(Algorithm::SHA1, 6, 1, 30, secret, None, String::new()).unwrap();
    let now = libertas_store::clock::now().unix_timestamp() as u64;
    totp.generate(now + 30 * steps_ahead)
}

fn wrong(right: &str) -> String {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
    .to_owned()
}

/// A new link for Mira (the last one aged past the one-a-minute limit first).
async fn link_again(store: &Store, t: &TestData, org: libertas_domain::ids::OrgId) -> String {
    let mut c = raw(t).await;
    let old = libertas_store::clock::now() - time::Duration::minutes(2);
    age(&mut c, "update portal_links set created_at = {0}", &[old]).await;
    ask(store, org, ADDRESS, BROWSER).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_factor_guards_every_later_sign_in() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let care = principal(&store, "North", "sonia", Role::SupporterCare).await;
        let south = principal(&store, "South", "sam", Role::SupporterCare).await;
        let org = care.org_id;
        let (confirm, _) = signed_up(&store, org, &sign_up(ADDRESS, &["stories"], None)).await;
        store.supporter_confirm(&confirm).await.unwrap();
        let token = ask(&store, org, ADDRESS, BROWSER).await.unwrap();
        let (cookie, s) = sign_in(&store, &token).await;
        assert!(!store.portal_totp_enabled(&s).await.unwrap());

        // Enrolment: a secret drawn, sealed on the session; a wrong code confirms nothing.
        let e = store.portal_totp_begin(&s, &cookie).await.unwrap();
        assert!(e.otpauth_url.starts_with("otpauth://totp/"), "{backend}");
        let again = store
            .portal_totp_pending(&s, &cookie)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.secret_base32, e.secret_base32);
        let now = code(&e.secret_base32, 0);
        assert!(!store
            .portal_totp_confirm(&s, &cookie, &wrong(&now))
            .await
            .unwrap());
        assert!(!store.portal_totp_enabled(&s).await.unwrap());
        assert!(store.portal_totp_confirm(&s, &cookie, &now).await.unwrap());
        assert!(store.portal_totp_enabled(&s).await.unwrap());
        assert!(store
            .portal_totp_pending(&s, &cookie)
            .await
            .unwrap()
            .is_none());
        // Sealed: the secret is in no file of the data dir, in either spelling.
        let raw_secret = totp_rs::Secret::Encoded(e.secret_base32.clone())
            .to_bytes()
            .unwrap();
        let hex: String = raw_secret.iter().map(|b| format!("{b:02x}")).collect();
        for needle in [e.secret_base32.as_str(), hex.as_str()] {
            assert!(
                files_holding(&t.config.data_dir, needle).is_empty(),
                "{backend}: the secret is stored in clear"
            );
        }

        // The next sign-in waits for a code: its session opens nothing before.
        let token = link_again(&store, &t, org).await;
        let PortalLinkOutcome::CodeNeeded(pending) =
            store.portal_use_link(&token, Some(BROWSER)).await.unwrap()
        else {
            panic!("{backend}: a sign-in with a second factor opened without a code");
        };
        assert!(store.portal_session(&pending).await.unwrap().is_none());
        assert!(store.portal_second_factor_due(&pending).await.unwrap());
        // The code used to enrol is used up.
        assert_eq!(
            store.portal_second_factor(&pending, &now).await.unwrap(),
            SecondFactorOutcome::Wrong,
            "{backend}: a code is accepted once"
        );
        let next = code(&e.secret_base32, 1);
        assert_eq!(
            store.portal_second_factor(&pending, &next).await.unwrap(),
            SecondFactorOutcome::Passed
        );
        assert!(store.portal_session(&pending).await.unwrap().is_some());
        assert!(!store.portal_second_factor_due(&pending).await.unwrap());

        // Five wrong codes end a sign-in.
        let token = link_again(&store, &t, org).await;
        let PortalLinkOutcome::CodeNeeded(guessed) =
            store.portal_use_link(&token, Some(BROWSER)).await.unwrap()
        else {
            panic!("{backend}: no code asked");
        };
        for n in 1..=5 {
            let got = store
                .portal_second_factor(&guessed, "123456")
                .await
                .unwrap();
            let want = if n < 5 {
                SecondFactorOutcome::Wrong
            } else {
                SecondFactorOutcome::Ended
            };
            assert_eq!(got, want, "{backend}: wrong code {n}");
        }
        assert_eq!(
            store
                .portal_second_factor(&guessed, &code(&e.secret_base32, 0))
                .await
                .unwrap(),
            SecondFactorOutcome::Ended,
            "{backend}: the right code after the fifth wrong one is too late"
        );
        assert!(store.portal_session(&guessed).await.unwrap().is_none());

        // Removing it needs a code (not yet used: the last accepted step is set back, as
        // thirty seconds passing would).
        let (s, _) = (store.portal_session(&pending).await.unwrap().unwrap(), ());
        assert!(!store.portal_totp_remove(&s, "123456").await.unwrap());
        let mut c = raw(&t).await;
        sqlx::query("update portal_totp set last_step = 0")
            .execute(&mut c)
            .await
            .unwrap();
        assert!(store
            .portal_totp_remove(&s, &code(&e.secret_base32, 0))
            .await
            .unwrap());
        assert!(!store.portal_totp_enabled(&s).await.unwrap());

        // Supporter care removes it for a donor who lost their phone; no one else can.
        let e = store.portal_totp_begin(&s, &pending).await.unwrap();
        assert!(store
            .portal_totp_confirm(&s, &pending, &code(&e.secret_base32, 1))
            .await
            .unwrap());
        let giving_id = {
            let mut c = raw(&t).await;
            let id: String = sqlx::query_scalar("select supporter_id from portal_totp")
                .fetch_one(&mut c)
                .await
                .unwrap();
            id.parse().unwrap()
        };
        assert!(store
            .supporter_totp_enabled(&care, giving_id)
            .await
            .unwrap());
        assert!(matches!(
            store.supporter_totp_reset(&south, giving_id).await,
            Err(StoreError::NotFound)
        ));
        for role in [Role::Admin, Role::Caseworker, Role::Analyst, Role::Hotline] {
            let p = principal(&store, "North", role.as_str(), role).await;
            assert!(matches!(
                store.supporter_totp_reset(&p, giving_id).await,
                Err(StoreError::Forbidden)
            ));
        }
        store.supporter_totp_reset(&care, giving_id).await.unwrap();
        assert!(!store.portal_totp_enabled(&s).await.unwrap());
        assert!(matches!(
            store.supporter_totp_reset(&care, giving_id).await,
            Err(StoreError::NotFound)
        ));
        let token = link_again(&store, &t, org).await;
        assert!(matches!(
            store.portal_use_link(&token, Some(BROWSER)).await.unwrap(),
            PortalLinkOutcome::SignedIn(_)
        ));
    }
}
