//! Security alerts: recorded in the audit chain, quiet for a while after each, visible to the
//! organisation's administrators only.

use libertas_domain::admin::Role;
use libertas_store::audit::Alert;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use time::{Duration, OffsetDateTime};

fn guessing(org: Option<libertas_domain::ids::OrgId>, user: &str) -> Alert {
    Alert {
        action: "alert.test_guessing",
        org_id: org,
        object_type: "user",
        object_id: Some(user.to_owned()),
        reason: "many failed sign-ins".into(),
        detail: serde_json::json!({ "failures": 30 }),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alerts_are_deduplicated_and_shown_to_own_admins_only() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let store = Store::init(t.config.clone()).await.unwrap();
        let boss = principal(&store, "North", "boss", Role::Admin).await;
        let ana = principal(&store, "North", "ana", Role::Caseworker).await;
        let other = principal(&store, "South", "sam", Role::Admin).await;
        let since = OffsetDateTime::now_utc() - Duration::hours(1);

        assert!(store
            .raise_alert(guessing(Some(boss.org_id), "u1"))
            .await
            .unwrap());
        assert!(
            !store
                .raise_alert(guessing(Some(boss.org_id), "u1"))
                .await
                .unwrap(),
            "{backend}: the same alert stays quiet"
        );
        assert!(store
            .raise_alert(guessing(Some(boss.org_id), "u2"))
            .await
            .unwrap());
        assert!(store.raise_alert(guessing(None, "u3")).await.unwrap());

        let seen = store.security_alerts(&boss, since, 50).await.unwrap();
        let objects: Vec<_> = seen.iter().filter_map(|a| a.object_id.clone()).collect();
        assert_eq!(objects, ["u3", "u2", "u1"], "{backend}: newest first");
        let south = store.security_alerts(&other, since, 50).await.unwrap();
        assert_eq!(
            south.len(),
            1,
            "{backend}: another org sees only deployment alerts"
        );
        assert!(matches!(
            store.security_alerts(&ana, since, 50).await,
            Err(StoreError::Forbidden)
        ));
        let mut bad = guessing(None, "u4");
        bad.action = "login.failure";
        assert!(store.raise_alert(bad).await.is_err());
        assert!(matches!(
            store.verify_audit().await.unwrap(),
            libertas_store::audit::VerifyOutcome::Intact { .. }
        ));
    }
}
