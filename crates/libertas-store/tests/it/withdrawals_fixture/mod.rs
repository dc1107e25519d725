//! The fixture of `withdrawals.rs`: one organisation with an administrator, a case owner, a
//! case with a person in it, a receiving organisation, and helpers to back up, restore, enrol
//! TOTP, sign in and refer.

use libertas_domain::admin::{Principal, Role};
use libertas_domain::care::{ConsentAnswers, Purpose, RetentionMonths};
use libertas_domain::cases::referrals::NewReferral;
use libertas_domain::cases::referrals::{
    HelpKind, NewPartner, OverrideReason, PartnerId, ReferralId, ReferralKind,
};
use libertas_domain::cases::CaseTitle;
use libertas_domain::ids::{CaseId, PersonId, UserId};
use libertas_domain::people::{NewPerson, PersonName, PersonRole};
use libertas_store::admin::{LoginOutcome, LoginPolicy};
use libertas_store::testing::{principal, TestData};
use libertas_store::{Store, StoreError};
use std::path::{Path, PathBuf};
use time::macros::date;

pub const OLD_PASSWORD: &str = "a long enough password";
pub const NEW_PASSWORD: &str = "another long password 2";

/// One organisation with an administrator, a case owner, a case with a person in it, and a
/// receiving organisation for referrals.
pub struct Fixture {
    pub store: Store,
    pub dir: PathBuf,
    pub admin: Principal,
    pub owner: Principal,
    pub police: Principal,
    pub case: CaseId,
    pub person: PersonId,
    pub backups: u32,
}

pub fn person() -> NewPerson {
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

pub fn consent_yes() -> ConsentAnswers {
    ConsentAnswers {
        interview: true,
        purpose_explained: true,
        data_use: true,
        data_sharing: true,
        research_use: true,
        storytelling: true,
        right_to_see_explained: true,
        withdrawal_explained: true,
        retention: RetentionMonths::parse(60).unwrap(),
    }
}

pub fn unix_now() -> u64 {
    time::OffsetDateTime::now_utc().unix_timestamp() as u64
}

pub fn totp(base32: &str) -> totp_rs::TOTP {
    let secret = totp_rs::Secret::Encoded(base32.to_owned())
        .to_bytes()
        .unwrap();
    totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, secret, None, "t".into()).unwrap()
}

impl Fixture {
    pub async fn new(t: &TestData) -> Fixture {
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

    pub async fn backup(&mut self) -> PathBuf {
        self.backups += 1;
        let path = self.dir.join(format!("backup-{}.lbk", self.backups));
        self.store
            .backup(libertas_store::admin::Operator::console(), &path, "t")
            .await
            .unwrap();
        path
    }

    pub async fn restore(&self, path: &Path) {
        let s = self
            .store
            .restore(libertas_store::admin::Operator::console(), path, "t")
            .await
            .unwrap();
        assert!(s.residue.is_clear(), "{:?}", s.residue);
    }

    /// A new user of the owner's organisation, member of the case.
    pub async fn member(&self, name: &str, role: Role) -> Principal {
        let p = principal(&self.store, "North", name, role).await;
        self.store
            .add_member(&self.owner, self.case, name, "t")
            .await
            .unwrap();
        p
    }

    pub async fn fresh(&self, id: UserId) -> Option<Principal> {
        self.store
            .principal(libertas_store::admin::Operator::console(), id)
            .await
            .unwrap()
    }

    pub async fn token(&self, username: &str) -> String {
        self.store
            .create_token(
                libertas_store::admin::Operator::console(),
                username,
                "t",
                time::Duration::days(1),
            )
            .await
            .unwrap()
            .1
    }

    pub async fn token_id(&self, username: &str) -> libertas_domain::ids::TokenId {
        self.store
            .list_tokens(libertas_store::admin::Operator::console(), "t")
            .await
            .unwrap()
            .into_iter()
            .find(|t| t.username == username)
            .unwrap()
            .id
    }

    /// Enrols TOTP for `p`; returns the secret (base32) and the recovery codes.
    pub async fn enrol(&self, p: &Principal) -> (String, Vec<String>) {
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

    /// A session of `p`'s (as after a full sign-in).
    pub async fn session(&self, p: &Principal) -> String {
        self.store.create_session(p, true).await.unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> bool {
        matches!(
            self.store
                .login_password(username, password, client(), LoginPolicy::default())
                .await
                .unwrap(),
            LoginOutcome::Ok { .. }
        )
    }

    pub async fn partner(&self, name: &str) -> PartnerId {
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

    pub async fn referral(&self, partner: PartnerId) -> ReferralId {
        let new = NewReferral {
            person: self.person,
            partner_id: partner,
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
    pub async fn police_sees(&self, id: ReferralId) -> bool {
        self.store
            .incoming_referrals(&self.police, "t")
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.id == id)
            .map(|r| r.sharing)
            .unwrap_or(false)
    }

    pub async fn shares_with_consent(&self) -> bool {
        self.store
            .consent_allows(&self.owner, self.person, Purpose::DataSharing, "t")
            .await
            .unwrap()
    }

    pub async fn reads_case(&self, p: &Principal) -> Result<(), StoreError> {
        self.store.get_case(p, self.case, "t").await.map(|_| ())
    }
}

/// The client every sign-in of these tests comes from.
pub fn client() -> libertas_store::admin::LoginClient {
    libertas_store::admin::LoginClient::new(std::net::IpAddr::from([127, 0, 0, 1]))
}
