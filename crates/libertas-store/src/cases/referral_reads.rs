//! Reading referrals: the sender's and the receiver's views (one referral, the incoming and
//! outgoing lists), and the two facts about the
//! person they rest on (name and birth date, and whether consent to sharing still holds).
//! Split from `referrals.rs` so that each file reads in one sitting.

use super::referrals::{at, bad, PersonBasics, ReferralRow, ReferralView, SELECT};
use super::require_case_work;
use crate::audit::AuditEvent;
use crate::crypto::{key_version_of, open_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::care::{ConsentAnswers, Purpose, RetentionMonths};
use libertas_domain::cases::referrals::{ReferralBasis, ReferralId, ReferralKind, ReferralStatus};
use libertas_domain::ids::CaseId;
use sqlx::FromRow;

/// Referrals on one page of the incoming and outgoing lists.
pub const INCOMING_PAGE_SIZE: i64 = 50;

#[derive(FromRow)]
struct BasicsRow {
    given_name: Option<Vec<u8>>,
    family_name: Option<Vec<u8>>,
    birth_date: Option<Vec<u8>>,
    erased_at: Option<String>,
}

/// The newest consent of a person; answers are integers 0/1 on both backends.
#[derive(FromRow)]
struct ConsentRow {
    interview: i64,
    purpose_explained: i64,
    data_use: i64,
    data_sharing: i64,
    research_use: i64,
    storytelling: i64,
    right_to_see_explained: i64,
    withdrawal_explained: i64,
    retention_months: i64,
}

impl Store {
    /// Opens a person's name and birth date for a feature that has already checked access.
    pub(crate) async fn person_basics(&self, person: &str) -> Result<PersonBasics, StoreError> {
        let row = sqlx::query_as::<_, BasicsRow>(
            "select given_name, family_name, birth_date, erased_at from persons where id = $1",
        )
        .bind(person)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let erased = row.erased_at;
        let sealed = [row.given_name, row.family_name, row.birth_date];
        let version = sealed.iter().flatten().find_map(|s| key_version_of(s));
        let key = match (version, erased) {
            (Some(v), None) => {
                self.keys()
                    .get(self.ring(), OwnerKind::Person, person, v)
                    .await?
            }
            _ => None,
        };
        let open = |i: usize, column: &str| -> Option<String> {
            let k = key.as_ref()?;
            let s = sealed.get(i)?.as_ref()?;
            let plain = open_field(
                k,
                FieldRef {
                    table: "persons",
                    column,
                    row: person,
                },
                s,
            )?;
            String::from_utf8(plain.to_vec()).ok()
        };
        let name = match (open(0, "given_name"), open(1, "family_name")) {
            (Some(g), Some(f)) => Some(format!("{g} {f}")),
            _ => None,
        };
        Ok(PersonBasics {
            name,
            birth_date: open(2, "birth_date"),
            key,
        })
    }

    /// Whether the person's current consent allows data sharing, for internal decisions
    /// that are audited by their caller (the receiving side's reads).
    pub(super) async fn sharing_consent_now(&self, person: &str) -> Result<bool, StoreError> {
        let row = sqlx::query_as::<_, ConsentRow>(
            "select interview, purpose_explained, data_use, data_sharing, research_use,
                storytelling, right_to_see_explained, withdrawal_explained, retention_months
             from consents where person_id = $1 order by recorded_at desc, id desc limit 1",
        )
        .bind(person)
        .fetch_optional(self.pool())
        .await?;
        let Some(r) = row else { return Ok(false) };
        let answers = ConsentAnswers {
            interview: r.interview != 0,
            purpose_explained: r.purpose_explained != 0,
            data_use: r.data_use != 0,
            data_sharing: r.data_sharing != 0,
            research_use: r.research_use != 0,
            storytelling: r.storytelling != 0,
            right_to_see_explained: r.right_to_see_explained != 0,
            withdrawal_explained: r.withdrawal_explained != 0,
            retention: RetentionMonths::parse(r.retention_months).map_err(|_| bad("retention"))?,
        };
        Ok(answers.allows(Purpose::DataSharing))
    }

    /// The referrals sent to the caller's organisation by others on this Libertas, newest
    /// first, with the minimum data and only while sharing holds. Each referral whose
    /// personal data is shown is audited as its own read.
    pub async fn incoming_referrals(
        &self,
        p: &Principal,
        reason: &str,
    ) -> Result<Vec<ReferralView>, StoreError> {
        Ok(self.incoming_page(p, None, None, reason).await?.0)
    }

    /// One page of [`Store::incoming_referrals`]: only those in `status` when given, at
    /// most [`INCOMING_PAGE_SIZE`] from page `page` (from 0), with how many match in all.
    pub async fn incoming_referrals_page(
        &self,
        p: &Principal,
        status: Option<ReferralStatus>,
        page: i64,
        reason: &str,
    ) -> Result<(Vec<ReferralView>, i64), StoreError> {
        self.incoming_page(p, status, Some(page.max(0)), reason)
            .await
    }

    async fn incoming_page(
        &self,
        p: &Principal,
        status: Option<ReferralStatus>,
        page: Option<i64>,
        reason: &str,
    ) -> Result<(Vec<ReferralView>, i64), StoreError> {
        require_case_work(p)?;
        let filter = "where r.to_org_id = $1 and r.org_id <> $1 and ($2 is null or r.status = $2)";
        let status = status.map(|s| s.as_str().to_owned());
        let total: i64 = sqlx::query_scalar(&format!("select count(*) from referrals r {filter}"))
            .bind(p.org_id.to_string())
            .bind(status.clone())
            .fetch_one(self.pool())
            .await?;
        let window = page
            .map(|n| {
                format!(
                    " limit {INCOMING_PAGE_SIZE} offset {}",
                    n * INCOMING_PAGE_SIZE
                )
            })
            .unwrap_or_default();
        let sql = format!("{SELECT} {filter} order by r.created_at desc, r.id desc{window}");
        let rows = sqlx::query_as::<_, ReferralRow>(&sql)
            .bind(p.org_id.to_string())
            .bind(status.clone())
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        let mut events = vec![];
        for r in &rows {
            let v = self.referral_from_row(r, true).await?;
            if v.sharing {
                events.push(
                    AuditEvent::new("referral.incoming.read", "referral", Some(v.id.to_string()), reason)
                        .detail(serde_json::json!({ "fields": ["person_name", "birth_date", "services", "note"] })),
                );
            }
            out.push(v);
        }
        events.push(
            AuditEvent::new(
                "referral.incoming.list",
                "organisation",
                Some(p.org_id.to_string()),
                reason,
            )
            .detail(serde_json::json!({ "count": out.len(), "total": total, "status": status, "page": page })),
        );
        self.record(p.into(), events).await?;
        Ok((out, total))
    }

    /// Page `page` (from 0) of the referrals sent from the cases `p` is a member of, in
    /// `status` when given, newest first, with how many match in all. The home's "referrals
    /// waiting for the partner" counts the same rows in status `requested`. The listing is
    /// audited as one `referral.outgoing.list` event naming the referrals shown.
    pub async fn outgoing_referrals_page(
        &self,
        p: &Principal,
        status: Option<ReferralStatus>,
        page: i64,
        reason: &str,
    ) -> Result<(Vec<ReferralView>, i64), StoreError> {
        require_case_work(p)?;
        let page = page.max(0);
        let filter = "join case_members m on m.case_id = r.case_id
             where m.user_id = $1 and r.org_id = $2 and ($3 is null or r.status = $3)";
        let status = status.map(|s| s.as_str().to_owned());
        let (user, org) = (p.user_id.to_string(), p.org_id.to_string());
        let total: i64 = sqlx::query_scalar(&format!("select count(*) from referrals r {filter}"))
            .bind(&user)
            .bind(&org)
            .bind(status.clone())
            .fetch_one(self.pool())
            .await?;
        let sql = format!(
            "{SELECT} {filter} order by r.created_at desc, r.id desc
             limit {INCOMING_PAGE_SIZE} offset {}",
            page * INCOMING_PAGE_SIZE
        );
        let rows = sqlx::query_as::<_, ReferralRow>(&sql)
            .bind(&user)
            .bind(&org)
            .bind(status.clone())
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.referral_from_row(r, false).await?);
        }
        let ids: Vec<String> = out.iter().map(|v| v.id.to_string()).collect();
        self.record(
            p.into(),
            vec![AuditEvent::new(
                "referral.outgoing.list",
                "organisation",
                Some(org.clone()),
                reason,
            )
            .detail(serde_json::json!({
                "count": out.len(), "total": total, "status": status, "page": page, "ids": ids,
            }))],
        )
        .await?;
        Ok((out, total))
    }

    /// Which side of a referral the caller is on: `Some(false)` sender (a member of its
    /// case), `Some(true)` receiver, `None` neither (answer `NotFound`).
    pub(super) async fn referral_side(
        &self,
        p: &Principal,
        row: &ReferralRow,
    ) -> Result<Option<bool>, StoreError> {
        require_case_work(p)?;
        let to = row.to_org_id.as_deref();
        if row.org_id == p.org_id.to_string() {
            let case: CaseId = row.case_id.parse().map_err(|_| bad("case"))?;
            return match self.check_member(p, case).await {
                Ok(()) => Ok(Some(false)),
                Err(StoreError::NotFound) => Ok(None),
                Err(e) => Err(e),
            };
        }
        Ok((to == Some(p.org_id.to_string().as_str())).then_some(true))
    }

    pub(super) async fn load_referral(&self, id: &str) -> Result<ReferralRow, StoreError> {
        let sql = format!("{SELECT} where r.id = $1");
        sqlx::query_as::<_, ReferralRow>(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// One referral, as the sender or the receiver sees it; the read is audited.
    pub async fn referral_by_id(
        &self,
        p: &Principal,
        id: ReferralId,
        reason: &str,
    ) -> Result<ReferralView, StoreError> {
        require_case_work(p)?;
        let id = id.to_string();
        let id = id.as_str();
        let row = self.load_referral(id).await?;
        let incoming = self
            .referral_side(p, &row)
            .await?
            .ok_or(StoreError::NotFound)?;
        let v = self.referral_from_row(&row, incoming).await?;
        let action = if incoming {
            "referral.incoming.read"
        } else {
            "referral.read"
        };
        self.record(
            p.into(),
            vec![
                AuditEvent::new(action, "referral", Some(id.to_owned()), reason)
                    .detail(serde_json::json!({ "sharing": v.sharing })),
            ],
        )
        .await?;
        Ok(v)
    }

    pub(super) async fn referral_from_row(
        &self,
        r: &ReferralRow,
        incoming: bool,
    ) -> Result<ReferralView, StoreError> {
        let id = r.id.clone();
        let person = &r.person_id;
        let status = ReferralStatus::parse(&r.status).map_err(|_| bad("status"))?;
        let basis = ReferralBasis::parse(&r.basis).map_err(|_| bad("basis"))?;
        let basics = self.person_basics(person).await?;
        let basis_holds = match basis {
            ReferralBasis::Consent => self.sharing_consent_now(person).await?,
            _ => true,
        };
        let sharing = status.shares() && basis_holds && basics.key.is_some();
        let show = !incoming || sharing;
        let open = |sealed: &Option<Vec<u8>>, column: &str| -> Result<Option<String>, StoreError> {
            let (Some(s), Some(k)) = (sealed, basics.key.as_ref()) else {
                return Ok(None);
            };
            let plain =
                open_field(k, at(&id, column), s).ok_or(StoreError::Crypto("referral field"))?;
            String::from_utf8(plain.to_vec())
                .map(Some)
                .map_err(|_| StoreError::Crypto("referral field utf-8"))
        };
        let sender = |v: Option<String>| if incoming { None } else { v };
        Ok(ReferralView {
            incoming,
            case_id: sender(Some(r.case_id.clone())),
            person_id: sender(Some(person.clone())),
            person_name: if show { basics.name.clone() } else { None },
            birth_date: if show {
                basics.birth_date.clone()
            } else {
                None
            },
            partner_id: r.partner_id.parse().map_err(|_| bad("partner"))?,
            partner_name: super::partners::open(
                self.ring(),
                &r.partner_id,
                "name",
                r.partner_name.clone(),
            )?,
            from_org: r.from_org.clone(),
            to_org_id: r.to_org_id.clone(),
            kind: ReferralKind::parse(&r.kind).map_err(|_| bad("kind"))?,
            status,
            basis: (!incoming).then_some(basis),
            services: r
                .services
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            note: if show { open(&r.note, "note")? } else { None },
            override_reason: sender(open(&r.override_reason, "override_reason")?),
            safeguarding_note: sender(open(&r.safeguarding_note, "safeguarding_note")?),
            // Narrative about the person: the receiver reads it only while data is shared.
            status_reason: if show {
                open(&r.status_reason, "status_reason")?
            } else {
                None
            },
            sharing,
            created_by: sender(Some(r.username.clone())),
            created_at: r.created_at.clone(),
            updated_at: r.updated_at.clone(),
            id: id.parse().map_err(|_| bad("id"))?,
        })
    }
}
