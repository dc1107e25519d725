//! Restoring an older backup must not bring back access or consent that was withdrawn after
//! it was made. One row per kind of withdrawal: take a backup, withdraw, restore the backup,
//! and prove through the store (with the caller's `Principal`, as a request would) that the
//! access is still gone. Further rows cover a later re-grant, and a withdrawal undone before
//! the backup was taken. SQLite always, PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.

use crate::withdrawals_fixture::{
    client, consent_yes, totp, unix_now, Fixture, NEW_PASSWORD, OLD_PASSWORD,
};
use libertas_domain::admin::{Password, Role};
use libertas_domain::care::Purpose;
use libertas_domain::cases::referrals::{ReferralStatus, StatusReason};
use libertas_store::admin::LoginPolicy;
use libertas_store::testing::{backends, principal, TestData};

/// What must hold after the restore.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// The withdrawal made after the backup holds.
    Gone,
    /// The access was given back (after the withdrawal) and stays.
    Kept,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    TokenRevoked,
    UserDisabled,
    MemberRemoved,
    RoleLowered,
    PasswordChanged,
    TotpReset,
    RecoveryCodeUsed,
    ConsentWithdrawn,
    ReferralRevoked,
    ReferralRejected,
    PartnerDeactivated,
    // A later re-grant, or a withdrawal undone before the backup.
    MemberRemovedThenAddedAgain,
    MemberRemovedAndAddedBeforeBackup,
    RoleLoweredThenRaised,
    TotpResetThenEnrolledAgain,
    ConsentWithdrawnAndGivenBeforeBackup,
}

const TABLE: &[(Kind, Expect)] = &[
    (Kind::TokenRevoked, Expect::Gone),
    (Kind::UserDisabled, Expect::Gone),
    (Kind::MemberRemoved, Expect::Gone),
    (Kind::RoleLowered, Expect::Gone),
    (Kind::PasswordChanged, Expect::Gone),
    (Kind::TotpReset, Expect::Gone),
    (Kind::RecoveryCodeUsed, Expect::Gone),
    (Kind::ConsentWithdrawn, Expect::Gone),
    (Kind::ReferralRevoked, Expect::Gone),
    (Kind::ReferralRejected, Expect::Gone),
    (Kind::PartnerDeactivated, Expect::Gone),
    (Kind::MemberRemovedThenAddedAgain, Expect::Kept),
    (Kind::MemberRemovedAndAddedBeforeBackup, Expect::Kept),
    (Kind::RoleLoweredThenRaised, Expect::Kept),
    // The old secret of the lost phone never comes back, even after a new enrolment.
    (Kind::TotpResetThenEnrolledAgain, Expect::Gone),
    (Kind::ConsentWithdrawnAndGivenBeforeBackup, Expect::Kept),
];

/// Runs one row: set up what the row needs, back up, withdraw, restore, and return whether
/// the access is there after the restore.
async fn run(fx: &mut Fixture, kind: Kind, n: usize, also: &mut Vec<String>) -> bool {
    let s = fx.store.clone();
    let name = format!("user{n}");
    let reason = StatusReason::parse("The partner cannot take her").unwrap();
    match kind {
        Kind::TokenRevoked => {
            let _ = principal(&s, "North", &name, Role::Caseworker).await;
            let token = fx.token(&name).await;
            let id = fx.token_id(&name).await;
            let b = fx.backup().await;
            s.revoke_token(libertas_store::admin::Operator::console(), id, "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            s.principal_for_token(&token).await.unwrap().is_some()
        }
        Kind::UserDisabled => {
            let p = fx.member(&name, Role::Caseworker).await;
            let token = fx.token(&name).await;
            let b = fx.backup().await;
            s.disable_user(libertas_store::admin::Operator::console(), &name, "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            let via_token = s.principal_for_token(&token).await.unwrap().is_some();
            fx.fresh(p.user_id).await.is_some() || via_token || fx.login(&name, OLD_PASSWORD).await
        }
        Kind::MemberRemoved => {
            let p = fx.member(&name, Role::Caseworker).await;
            let b = fx.backup().await;
            s.remove_member(&fx.owner, fx.case, &name, "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            fx.reads_case(&p).await.is_ok()
        }
        Kind::MemberRemovedThenAddedAgain => {
            let p = fx.member(&name, Role::Caseworker).await;
            let b = fx.backup().await;
            s.remove_member(&fx.owner, fx.case, &name, "t")
                .await
                .unwrap();
            s.add_member(&fx.owner, fx.case, &name, "t").await.unwrap();
            fx.restore(&b).await;
            fx.reads_case(&p).await.is_ok()
        }
        Kind::MemberRemovedAndAddedBeforeBackup => {
            let p = fx.member(&name, Role::Caseworker).await;
            s.remove_member(&fx.owner, fx.case, &name, "t")
                .await
                .unwrap();
            s.add_member(&fx.owner, fx.case, &name, "t").await.unwrap();
            let b = fx.backup().await;
            fx.restore(&b).await;
            fx.reads_case(&p).await.is_ok()
        }
        Kind::RoleLowered => {
            let p = fx.member(&name, Role::Investigator).await;
            let b = fx.backup().await;
            s.set_user_role(&fx.admin, p.user_id, Role::Trainer, "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            let now = fx.fresh(p.user_id).await.unwrap();
            now.role == Role::Investigator || fx.reads_case(&now).await.is_ok()
        }
        Kind::RoleLoweredThenRaised => {
            let p = fx.member(&name, Role::Investigator).await;
            let b = fx.backup().await;
            s.set_user_role(&fx.admin, p.user_id, Role::Trainer, "t")
                .await
                .unwrap();
            s.set_user_role(&fx.admin, p.user_id, Role::Legal, "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            let now = fx.fresh(p.user_id).await.unwrap();
            if now.role != Role::Legal {
                also.push(format!("{kind:?}: role {:?}, not the newest", now.role));
            }
            fx.reads_case(&now).await.is_ok()
        }
        Kind::PasswordChanged => {
            let p = principal(&s, "North", &name, Role::Caseworker).await;
            let b = fx.backup().await;
            let cookie = fx.session(&p).await;
            let new = Password::parse(NEW_PASSWORD).unwrap();
            let change = libertas_store::admin::PasswordChange {
                current: OLD_PASSWORD,
                second_factor: None,
                new: &new,
            };
            s.change_password(&p, &cookie, change, client(), LoginPolicy::default())
                .await
                .unwrap();
            fx.restore(&b).await;
            if !fx.login(&name, NEW_PASSWORD).await {
                also.push(format!(
                    "{kind:?}: the password chosen since the backup fails"
                ));
            }
            fx.login(&name, OLD_PASSWORD).await
        }
        Kind::TotpReset => {
            let p = principal(&s, "North", &name, Role::Caseworker).await;
            let (secret, _) = fx.enrol(&p).await;
            let b = fx.backup().await;
            s.reset_totp(libertas_store::admin::Operator::console(), &name, "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            let code = totp(&secret).generate(unix_now() + 30);
            let enrolled = s
                .user_by_id(libertas_store::admin::Operator::console(), p.user_id)
                .await
                .unwrap()
                .unwrap()
                .totp_enrolled;
            enrolled
                || s.check_second_factor(&p, &code, client(), LoginPolicy::default())
                    .await
                    .unwrap()
        }
        Kind::TotpResetThenEnrolledAgain => {
            let p = principal(&s, "North", &name, Role::Caseworker).await;
            let (old, _) = fx.enrol(&p).await;
            let b = fx.backup().await;
            s.reset_totp(libertas_store::admin::Operator::console(), &name, "t")
                .await
                .unwrap();
            let _ = fx.enrol(&p).await;
            fx.restore(&b).await;
            let code = totp(&old).generate(unix_now() + 30);
            s.check_second_factor(&p, &code, client(), LoginPolicy::default())
                .await
                .unwrap()
        }
        Kind::RecoveryCodeUsed => {
            let p = principal(&s, "North", &name, Role::Caseworker).await;
            let (_, codes) = fx.enrol(&p).await;
            let b = fx.backup().await;
            assert!(s
                .check_second_factor(&p, &codes[3], client(), LoginPolicy::default())
                .await
                .unwrap());
            fx.restore(&b).await;
            s.check_second_factor(&p, &codes[3], client(), LoginPolicy::default())
                .await
                .unwrap()
        }
        Kind::ConsentWithdrawn => {
            s.record_consent(&fx.owner, fx.person, &consent_yes(), "t")
                .await
                .unwrap();
            let b = fx.backup().await;
            s.withdraw_consent(&fx.owner, fx.person, &[Purpose::DataSharing], "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            fx.shares_with_consent().await
        }
        Kind::ConsentWithdrawnAndGivenBeforeBackup => {
            s.withdraw_consent(&fx.owner, fx.person, &[], "t")
                .await
                .unwrap();
            s.record_consent(&fx.owner, fx.person, &consent_yes(), "t")
                .await
                .unwrap();
            let b = fx.backup().await;
            fx.restore(&b).await;
            fx.shares_with_consent().await
        }
        Kind::ReferralRevoked => {
            let partner = fx.partner(&format!("Partner {n}")).await;
            let r = fx.referral(partner).await;
            assert!(fx.police_sees(r).await);
            let b = fx.backup().await;
            s.set_referral_status(&fx.owner, r, ReferralStatus::Revoked, Some(&reason), "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            let back = s.referral_by_id(&fx.owner, r, "t").await.unwrap();
            if back.status_reason.as_deref() != Some("The partner cannot take her") {
                also.push(format!("{kind:?}: the reason did not come back"));
            }
            fx.police_sees(r).await
        }
        Kind::ReferralRejected => {
            let partner = fx.partner(&format!("Partner {n}")).await;
            let r = fx.referral(partner).await;
            let b = fx.backup().await;
            s.set_referral_status(&fx.police, r, ReferralStatus::Rejected, Some(&reason), "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            fx.police_sees(r).await
        }
        Kind::PartnerDeactivated => {
            let partner = fx.partner(&format!("Partner {n}")).await;
            let b = fx.backup().await;
            s.set_partner_active(&fx.admin, partner, false, "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            s.partner(&fx.owner, partner).await.unwrap().active
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_does_not_bring_back_withdrawn_access() {
    for backend in backends() {
        let t = TestData::new(backend).await;
        let mut fx = Fixture::new(&t).await;
        let mut wrong = vec![];
        for (n, (kind, expect)) in TABLE.iter().enumerate() {
            let access = run(&mut fx, *kind, n, &mut wrong).await;
            let want = *expect == Expect::Kept;
            if access != want {
                wrong.push(format!("{kind:?}: access after restore = {access}"));
            }
        }
        assert!(wrong.is_empty(), "{backend}: {wrong:#?}");
        // The owner's own access survived every restore, and the chain still verifies.
        fx.reads_case(&fx.owner).await.unwrap();
        assert!(matches!(
            fx.store.verify_audit().await.unwrap(),
            libertas_store::audit::VerifyOutcome::Intact { .. }
        ));
        fx.store.close().await;
    }
}
