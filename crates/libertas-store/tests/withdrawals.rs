//! Restoring an older backup must not bring back access or consent that was withdrawn after
//! it was made. One row per kind of withdrawal: take a backup, withdraw, restore the backup,
//! and prove through the store (with the caller's `Principal`, as a request would) that the
//! access is still gone. Further rows cover a later re-grant, and a withdrawal undone before
//! the backup was taken. SQLite always, PostgreSQL when `LIBERTAS_TEST_DATABASE_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use libertas_domain::admin::{Password, Principal, Role};
use libertas_domain::care::{ConsentAnswers, Purpose, RetentionMonths};
use libertas_domain::cases::referrals::{
    HelpKind, NewPartner, OverrideReason, ReferralKind, ReferralStatus, StatusReason,
};
use libertas_domain::cases::CaseTitle;
use libertas_domain::ids::{CaseId, PersonId, UserId};
use libertas_domain::people::{NewPerson, PersonName, PersonRole};
use libertas_store::admin::{LoginOutcome, LoginPolicy};
use libertas_store::audit::Actor;
use libertas_store::cases::NewReferral;
use libertas_store::testing::{backends, principal, TestData};
use libertas_store::{Store, StoreError};
use std::path::{Path, PathBuf};
use time::macros::date;

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

const OLD_PASSWORD: &str = "a long enough password";
const NEW_PASSWORD: &str = "another long password 2";

/// One organisation with an administrator, a case owner, a case with a person in it, and a
/// receiving organisation for referrals.
struct Fixture {
    store: Store,
    dir: PathBuf,
    admin: Principal,
    owner: Principal,
    police: Principal,
    case: CaseId,
    person: PersonId,
    backups: u32,
}

fn person() -> NewPerson {
    NewPerson {
        role: PersonRole::Victim,
        given_name: PersonName::parse("Irina").unwrap(),
        family_name: PersonName::parse("Vulpe").unwrap(),
        birth_date: None,
        gender: None,
        citizenship: vec![],
        languages: vec![],
        phone: None,
        email: None,
        identity_numbers: vec![],
        trafficking_status: None,
    }
}

fn consent_yes() -> ConsentAnswers {
    ConsentAnswers {
        interview: true,
        purpose_explained: true,
        data_use: true,
        data_sharing: true,
        research_use: true,
        right_to_see_explained: true,
        withdrawal_explained: true,
        retention: RetentionMonths::parse(60).unwrap(),
    }
}

fn unix_now() -> u64 {
    time::OffsetDateTime::now_utc().unix_timestamp() as u64
}

fn totp(base32: &str) -> totp_rs::TOTP {
    let secret = totp_rs::Secret::Encoded(base32.to_owned())
        .to_bytes()
        .unwrap();
    totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, secret, None, "t".into()).unwrap()
}

impl Fixture {
    async fn new(t: &TestData) -> Fixture {
        let store = Store::init(t.config.clone()).await.unwrap();
        let admin = principal(&store, "North", "root", Role::Admin).await;
        let owner = principal(&store, "North", "owner", Role::Caseworker).await;
        let police = principal(&store, "Police", "pol", Role::Investigator).await;
        let case = store
            .create_case(&owner, &CaseTitle::parse("Operation Heron").unwrap(), "t")
            .await
            .unwrap()
            .id;
        let (person, _) = store
            .add_person(&owner, case, &person(), "t")
            .await
            .unwrap();
        Fixture {
            store,
            dir: t.dir.path().to_owned(),
            admin,
            owner,
            police,
            case,
            person,
            backups: 0,
        }
    }

    async fn backup(&mut self) -> PathBuf {
        self.backups += 1;
        let path = self.dir.join(format!("backup-{}.lbk", self.backups));
        self.store.backup(Actor::cli(), &path, "t").await.unwrap();
        path
    }

    async fn restore(&self, path: &Path) {
        let s = self.store.restore(Actor::cli(), path, "t").await.unwrap();
        assert!(s.residue.is_clear(), "{:?}", s.residue);
    }

    /// A new user of the owner's organisation, member of the case.
    async fn member(&self, name: &str, role: Role) -> Principal {
        let p = principal(&self.store, "North", name, role).await;
        self.store
            .add_member(&self.owner, self.case, name, "t")
            .await
            .unwrap();
        p
    }

    async fn fresh(&self, id: UserId) -> Option<Principal> {
        self.store.principal(id).await.unwrap()
    }

    async fn token(&self, username: &str) -> String {
        self.store
            .create_token(Actor::cli(), username, "t", time::Duration::days(1))
            .await
            .unwrap()
            .1
    }

    async fn token_id(&self, username: &str) -> libertas_domain::ids::TokenId {
        self.store
            .list_tokens()
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.username == username)
            .unwrap()
            .id
    }

    /// Enrols TOTP for `p`; returns the secret (base32) and the recovery codes.
    async fn enrol(&self, p: &Principal) -> (String, Vec<String>) {
        let cookie = self.store.create_session(p, false).await.unwrap();
        let e = self.store.begin_totp_enrolment(&cookie, p).await.unwrap();
        let code = totp(&e.secret_base32).generate(unix_now());
        let codes = self
            .store
            .confirm_totp_enrolment(&cookie, p, &code)
            .await
            .unwrap()
            .unwrap();
        (e.secret_base32, codes)
    }

    async fn login(&self, username: &str, password: &str) -> bool {
        matches!(
            self.store
                .login_password(username, password, LoginPolicy::default())
                .await
                .unwrap(),
            LoginOutcome::Ok { .. }
        )
    }

    async fn partner(&self, name: &str) -> String {
        let kinds = vec!["legal".to_owned()];
        let langs = vec!["ro".to_owned()];
        let linked = self.police.org_id;
        let new = NewPartner::parse(name, &kinds, "Iași", &langs, "Call", "112").unwrap();
        self.store
            .create_partner(&self.admin, &new, Some(linked), "t")
            .await
            .unwrap()
            .id
    }

    async fn referral(&self, partner: &str) -> String {
        let new = NewReferral {
            person: self.person,
            partner_id: partner.to_owned(),
            kind: ReferralKind::Referral,
            services: vec![HelpKind::Legal],
            note: None,
            child: false,
            override_reason: Some(OverrideReason::parse("Threats received last night").unwrap()),
            safeguarding_note: None,
        };
        self.store
            .create_referral(&self.owner, self.case, &new, date!(2026 - 01 - 10), "t")
            .await
            .unwrap()
            .id
    }

    /// Whether the receiving organisation may see the person through referral `id`.
    async fn police_sees(&self, id: &str) -> bool {
        self.store
            .incoming_referrals(&self.police, "t")
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
            .map(|r| r.sharing)
            .unwrap_or(false)
    }

    async fn shares_with_consent(&self) -> bool {
        self.store
            .consent_allows(&self.owner, self.person, Purpose::DataSharing, "t")
            .await
            .unwrap()
    }

    async fn reads_case(&self, p: &Principal) -> Result<(), StoreError> {
        self.store.get_case(p, self.case, "t").await.map(|_| ())
    }
}

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
            s.revoke_token(Actor::cli(), id, "t").await.unwrap();
            fx.restore(&b).await;
            s.principal_for_token(&token).await.unwrap().is_some()
        }
        Kind::UserDisabled => {
            let p = fx.member(&name, Role::Caseworker).await;
            let token = fx.token(&name).await;
            let b = fx.backup().await;
            s.disable_user(Actor::cli(), &name, "t").await.unwrap();
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
            s.change_password(&p, OLD_PASSWORD, &Password::parse(NEW_PASSWORD).unwrap())
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
            s.reset_totp(Actor::cli(), p.user_id, "t").await.unwrap();
            fx.restore(&b).await;
            let code = totp(&secret).generate(unix_now() + 30);
            let enrolled = s
                .user_by_id(p.user_id)
                .await
                .unwrap()
                .unwrap()
                .totp_enrolled;
            enrolled
                || s.check_second_factor(&p, &code, LoginPolicy::default())
                    .await
                    .unwrap()
        }
        Kind::TotpResetThenEnrolledAgain => {
            let p = principal(&s, "North", &name, Role::Caseworker).await;
            let (old, _) = fx.enrol(&p).await;
            let b = fx.backup().await;
            s.reset_totp(Actor::cli(), p.user_id, "t").await.unwrap();
            let _ = fx.enrol(&p).await;
            fx.restore(&b).await;
            let code = totp(&old).generate(unix_now() + 30);
            s.check_second_factor(&p, &code, LoginPolicy::default())
                .await
                .unwrap()
        }
        Kind::RecoveryCodeUsed => {
            let p = principal(&s, "North", &name, Role::Caseworker).await;
            let (_, codes) = fx.enrol(&p).await;
            let b = fx.backup().await;
            assert!(s
                .check_second_factor(&p, &codes[3], LoginPolicy::default())
                .await
                .unwrap());
            fx.restore(&b).await;
            s.check_second_factor(&p, &codes[3], LoginPolicy::default())
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
            let r = fx.referral(&partner).await;
            assert!(fx.police_sees(&r).await);
            let b = fx.backup().await;
            s.set_referral_status(&fx.owner, &r, ReferralStatus::Revoked, Some(&reason), "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            let back = s.referral_by_id(&fx.owner, &r, "t").await.unwrap();
            if back.status_reason.as_deref() != Some("The partner cannot take her") {
                also.push(format!("{kind:?}: the reason did not come back"));
            }
            fx.police_sees(&r).await
        }
        Kind::ReferralRejected => {
            let partner = fx.partner(&format!("Partner {n}")).await;
            let r = fx.referral(&partner).await;
            let b = fx.backup().await;
            s.set_referral_status(&fx.police, &r, ReferralStatus::Rejected, Some(&reason), "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            fx.police_sees(&r).await
        }
        Kind::PartnerDeactivated => {
            let partner = fx.partner(&format!("Partner {n}")).await;
            let b = fx.backup().await;
            s.set_partner_active(&fx.admin, &partner, false, "t")
                .await
                .unwrap();
            fx.restore(&b).await;
            s.partner(&fx.owner, &partner).await.unwrap().active
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
