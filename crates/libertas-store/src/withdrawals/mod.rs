//! The withdrawal journal: every withdrawal of access or consent, kept in the key store.
//!
//! A database backup is a snapshot. Restoring an older one would bring back a token revoked
//! since, a disabled account, a removed case member, a higher role, an old password or the
//! TOTP secret of a lost phone, a used recovery code, a withdrawn consent, a revoked referral,
//! a deactivated partner, a supporter's unsubscription, a cancelled regular gift. Like erasures, these are therefore also written to the key store,
//! which is never part of a database backup, and `restore` applies them again.
//!
//! Each entry is written *before* the database changes (the call sites put it just before
//! their write transaction), so a crash between the two leaves an entry for a change that did
//! not happen: restore then errs on the side of less access. Restore replays *every* entry in
//! journal order, not only those made after the backup: an entry written just before the
//! backup's snapshot may belong to a change committed just after it, and re-applying a
//! withdrawal the backup already holds changes nothing. A few entries record a re-grant of
//! the same thing (a member added again, a partner reactivated, a new TOTP enrolment), and the
//! newest entry for one thing wins; a re-grant is never applied itself, it only stops an
//! earlier withdrawal from being re-applied over it. Roles and passwords are set values: the
//! newest journaled one is restored exactly.
//!
//! Entries hold ids, codes, times and digests. The new password hash is sealed under the
//! accounts key; a referral's status reason is kept sealed as stored (under the person's key).

mod reapply;

use crate::crypto::{seal_field, sha256_hex, FieldRef};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Principal, Role};
use libertas_domain::care::ConsentAnswers;
use libertas_domain::cases::referrals::ReferralStatus;
use libertas_domain::ids::{CaseId, PersonId, TokenId, UserId};
use uuid::Uuid;

/// One withdrawal of access or consent (or a re-grant that cancels an earlier one).
#[derive(Debug)]
enum Withdrawal<'a> {
    /// An API token revoked.
    TokenRevoked { token: String },
    /// A user disabled (their tokens die with them).
    UserDisabled { user: String },
    /// A member taken off a case.
    MemberRemoved { case: String, user: String },
    /// A member added to a case (cancels an earlier removal; never applied).
    MemberAdded { case: String, user: String },
    /// A user's role set (the newest is restored exactly: a higher role does not come back).
    RoleSet { user: String, role: &'a str },
    /// A user's password set; `hash` is the new argon2 hash (sealed in the journal).
    PasswordSet { user: String, hash: &'a str },
    /// A user's second factor removed (lost phone).
    TotpReset { user: String },
    /// A user's second factor enrolled; `sealed` is the secret as stored in `users`, of which
    /// only a digest is journaled (cancels an earlier reset when the restored secret is this
    /// one).
    TotpEnrolled { user: String, sealed: &'a [u8] },
    /// A recovery code used up (`code_hash` as stored in `users.recovery_codes`).
    RecoveryCodeUsed { user: String, code_hash: &'a str },
    /// A consent withdrawal recorded (the `consents` row, answers and all, re-inserted if the
    /// restored data lacks it).
    ConsentWithdrawn {
        consent: &'a str,
        person: PersonId,
        by: &'a Principal,
        answers: &'a ConsentAnswers,
        at: &'a str,
    },
    /// A referral revoked or rejected; `sealed_reason` as stored in `referrals.status_reason`.
    ReferralClosed {
        referral: String,
        status: &'a str,
        sealed_reason: Option<&'a [u8]>,
    },
    /// A partner taken out of the directory, or put back (which cancels the first).
    PartnerActive { partner: String, active: bool },
    /// A supporter unsubscribed (every consent withdrawn, queued messages cancelled).
    SupporterUnsubscribed { supporter: String },
    /// A regular gift cancelled (by staff, the donor or the provider; `by` is the code).
    RegularGiftCancelled { gift: String, by: &'static str },
}

/// The columns of one journal row.
struct Entry {
    kind: &'static str,
    object: String,
    subject: Option<String>,
    value: Option<String>,
    secret: Option<Vec<u8>>,
}

/// Where the sealed password hash of journal entry `id` lives (its associated data).
fn secret_ref(id: &str) -> FieldRef<'_> {
    FieldRef {
        table: "withdrawals",
        column: "secret",
        row: id,
    }
}

impl Withdrawal<'_> {
    fn entry(self, store: &Store, id: &str) -> Entry {
        let plain = |kind, object| Entry {
            kind,
            object,
            subject: None,
            value: None,
            secret: None,
        };
        match self {
            Withdrawal::TokenRevoked { token } => plain("token.revoke", token),
            Withdrawal::UserDisabled { user } => plain("user.disable", user),
            Withdrawal::MemberRemoved { case, user } => Entry {
                subject: Some(user),
                ..plain("case.member.remove", case)
            },
            Withdrawal::MemberAdded { case, user } => Entry {
                subject: Some(user),
                ..plain("case.member.add", case)
            },
            Withdrawal::RoleSet { user, role } => Entry {
                value: Some(role.to_owned()),
                ..plain("user.role", user)
            },
            Withdrawal::PasswordSet { user, hash } => Entry {
                secret: Some(seal_field(
                    &store.ring().accounts,
                    1,
                    secret_ref(id),
                    hash.as_bytes(),
                )),
                ..plain("user.password", user)
            },
            Withdrawal::TotpReset { user } => plain("user.totp.reset", user),
            Withdrawal::TotpEnrolled { user, sealed } => Entry {
                value: Some(sha256_hex(sealed)),
                ..plain("user.totp.enrol", user)
            },
            Withdrawal::RecoveryCodeUsed { user, code_hash } => Entry {
                value: Some(code_hash.to_owned()),
                ..plain("user.recovery_code.use", user)
            },
            Withdrawal::ConsentWithdrawn {
                consent,
                person,
                by,
                answers: a,
                at,
            } => Entry {
                subject: Some(person.to_string()),
                value: Some(
                    serde_json::json!({
                        "org_id": by.org_id.to_string(),
                        "interview": i64::from(a.interview),
                        "purpose_explained": i64::from(a.purpose_explained),
                        "data_use": i64::from(a.data_use),
                        "data_sharing": i64::from(a.data_sharing),
                        "research_use": i64::from(a.research_use),
                        "storytelling": i64::from(a.storytelling),
                        "right_to_see_explained": i64::from(a.right_to_see_explained),
                        "withdrawal_explained": i64::from(a.withdrawal_explained),
                        "retention_months": i64::from(a.retention.get()),
                        "recorded_by": by.user_id.to_string(),
                        "recorded_at": at,
                    })
                    .to_string(),
                ),
                ..plain("consent.withdraw", consent.to_owned())
            },
            Withdrawal::ReferralClosed {
                referral,
                status,
                sealed_reason,
            } => Entry {
                value: Some(status.to_owned()),
                secret: sealed_reason.map(<[u8]>::to_vec),
                ..plain("referral.close", referral)
            },
            Withdrawal::PartnerActive { partner, active } => Entry {
                value: Some(if active { "1" } else { "0" }.to_owned()),
                ..plain("partner.active", partner)
            },
            Withdrawal::SupporterUnsubscribed { supporter } => {
                plain("supporter.unsubscribe", supporter)
            }
            Withdrawal::RegularGiftCancelled { gift, by } => Entry {
                value: Some(by.to_owned()),
                ..plain("regular_gift.cancel", gift)
            },
        }
    }
}

/// One call per kind, so that each call site in the feature modules is one line, placed after
/// the caller's authorisation was checked (a refused request journals nothing) and before the
/// write transaction.
impl Store {
    pub(crate) async fn journal_token_revoked(&self, token: TokenId) -> Result<(), StoreError> {
        let token = token.to_string();
        self.journal(Withdrawal::TokenRevoked { token }).await
    }

    pub(crate) async fn journal_user_disabled(&self, user: UserId) -> Result<(), StoreError> {
        let user = user.to_string();
        self.journal(Withdrawal::UserDisabled { user }).await
    }

    /// A member taken off a case (`added` false), or added (true: cancels a removal).
    pub(crate) async fn journal_member(
        &self,
        case: CaseId,
        user: UserId,
        added: bool,
    ) -> Result<(), StoreError> {
        let (case, user) = (case.to_string(), user.to_string());
        self.journal(if added {
            Withdrawal::MemberAdded { case, user }
        } else {
            Withdrawal::MemberRemoved { case, user }
        })
        .await
    }

    pub(crate) async fn journal_role(&self, user: UserId, role: Role) -> Result<(), StoreError> {
        let (user, role) = (user.to_string(), role.as_str());
        self.journal(Withdrawal::RoleSet { user, role }).await
    }

    /// `hash`: the new argon2 hash (sealed in the journal).
    pub(crate) async fn journal_password(
        &self,
        user: UserId,
        hash: &str,
    ) -> Result<(), StoreError> {
        let user = user.to_string();
        self.journal(Withdrawal::PasswordSet { user, hash }).await
    }

    pub(crate) async fn journal_totp_reset(&self, user: UserId) -> Result<(), StoreError> {
        let user = user.to_string();
        self.journal(Withdrawal::TotpReset { user }).await
    }

    /// `sealed`: the new secret as it will be stored in `users.totp_secret`.
    pub(crate) async fn journal_totp_enrolled(
        &self,
        user: UserId,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        let user = user.to_string();
        self.journal(Withdrawal::TotpEnrolled { user, sealed })
            .await
    }

    pub(crate) async fn journal_recovery_code_used(
        &self,
        user: UserId,
        code_hash: &str,
    ) -> Result<(), StoreError> {
        let user = user.to_string();
        self.journal(Withdrawal::RecoveryCodeUsed { user, code_hash })
            .await
    }

    /// A consent record about to be written; journaled when it is a withdrawal (`kind`).
    pub(crate) async fn journal_consent(
        &self,
        kind: &str,
        consent: &str,
        person: PersonId,
        by: &Principal,
        answers: &ConsentAnswers,
        at: &str,
    ) -> Result<(), StoreError> {
        if kind != "withdrawal" {
            return Ok(());
        }
        self.journal(Withdrawal::ConsentWithdrawn {
            consent,
            person,
            by,
            answers,
            at,
        })
        .await
    }

    /// A referral's new status; journaled when it is revoked or rejected.
    pub(crate) async fn journal_referral_status(
        &self,
        referral: &str,
        next: ReferralStatus,
        sealed_reason: Option<&[u8]>,
    ) -> Result<(), StoreError> {
        if !matches!(next, ReferralStatus::Revoked | ReferralStatus::Rejected) {
            return Ok(());
        }
        let referral = referral.to_owned();
        let status = next.as_str();
        self.journal(Withdrawal::ReferralClosed {
            referral,
            status,
            sealed_reason,
        })
        .await
    }

    pub(crate) async fn journal_partner_active(
        &self,
        partner: &str,
        active: bool,
    ) -> Result<(), StoreError> {
        let partner = partner.to_owned();
        self.journal(Withdrawal::PartnerActive { partner, active })
            .await
    }

    /// A supporter about to be unsubscribed (their link was used).
    pub(crate) async fn journal_supporter_unsubscribed(
        &self,
        supporter: &str,
    ) -> Result<(), StoreError> {
        let supporter = supporter.to_owned();
        self.journal(Withdrawal::SupporterUnsubscribed { supporter })
            .await
    }

    /// A regular gift cancelled: restoring an older backup must not make it active again.
    pub(crate) async fn journal_regular_gift_cancelled(
        &self,
        gift: &str,
        by: libertas_domain::supporters::gifts::CancelledBy,
    ) -> Result<(), StoreError> {
        let gift = gift.to_owned();
        self.journal(Withdrawal::RegularGiftCancelled {
            gift,
            by: by.as_str(),
        })
        .await
    }
}

impl Store {
    /// Journals a withdrawal in the key store.
    async fn journal(&self, w: Withdrawal<'_>) -> Result<(), StoreError> {
        let id = Uuid::now_v7().to_string();
        let e = w.entry(self, &id);
        sqlx::query(
            "insert into withdrawals (id, at, kind, object_id, subject_id, value, secret)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(clock::now_text())
        .bind(e.kind)
        .bind(e.object)
        .bind(e.subject)
        .bind(e.value)
        .bind(e.secret)
        .execute(self.keys().pool())
        .await?;
        Ok(())
    }
}
