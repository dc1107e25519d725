//! Gifts, one-off and regular ("Freedom Partner"), recorded three ways: by the fundraising
//! manager (a page), by an import of a bank's or payment provider's report
//! (`libertas supporters gifts import`) and by the payment provider's signed webhook
//! (`POST /api/v1/public/payment-events`). `docs/supporters.md`, "Gifts".
//!
//! **Donors.** A gift always names a row of `supporters`, found by the address's blind index;
//! when there is none, the donor is created with status `donor` (no consent, so no message
//! is ever queued for them), their address and name sealed under their own data key.
//!
//! **Nothing personal** in the gift tables beyond the supporter id: amounts, currencies,
//! dates and codes; the provider's ids only as keyed hashes. Erasing the donor destroys
//! their key: the gifts stay for the accounts, with nobody behind them.
//!
//! **Access.** `Capability::RecordGifts` (the fundraising manager) records and cancels;
//! `Capability::CareForSupporters` (supporter care too) reads, audited. No case role has
//! either. Every write is one transaction with its audit event (counts and codes only).

mod apply;
pub mod import;
mod notices;
mod webhook;

pub use notices::DonorCancellation;
pub use webhook::{PaymentEvent, PaymentEventKind, PaymentOutcome};

use super::require_supporter_care;
use crate::admin::Operator;
use crate::audit::{Actor, AuditEvent};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::ids::OrgId;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{CancelledBy, GiftId, NewGift, RegularGiftId};
use libertas_domain::supporters::{SupporterId, SupporterName};
use serde_json::json;

/// Where a reported gift came from, to name it in an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A line of an imported file (the header is line 1).
    Line(u64),
    /// The i-th event of a webhook request.
    Event(usize),
    /// The staff form.
    Form,
}

impl Origin {
    /// The name of `field` of this row in an error: `line 3, field amount`,
    /// `events[2].amount` or `amount`.
    pub fn field(&self, field: &str) -> String {
        match self {
            Origin::Line(n) => format!("line {n}, field {field}"),
            Origin::Event(i) => format!("events[{i}].{field}"),
            Origin::Form => field.to_owned(),
        }
    }
}

/// A gift as a report gives it: the provider's id of the payment, the donor's address (and
/// name), the money.
#[derive(Clone, Debug)]
pub struct ReportedGift {
    pub origin: Origin,
    /// The provider's short code (`stripe`, `bank`): with `provider_id`, the idempotency key.
    pub provider: String,
    pub provider_id: String,
    pub email: Email,
    pub name: Option<SupporterName>,
    pub gift: NewGift,
    /// The provider's id of the subscription or mandate this pays (webhook only).
    pub subscription: Option<String>,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GiftImportOutcome {
    /// Gifts recorded now.
    pub added: u64,
    /// Gifts recorded before (same provider id, same amount and date): unchanged.
    pub already: u64,
    /// Donors created (no supporter had their address).
    pub donors_created: u64,
    /// Regular gifts started.
    pub regular_started: u64,
}

/// A gift as the giving page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GiftView {
    pub id: String,
    pub amount_minor: i64,
    pub currency: String,
    pub method: String,
    /// YYYY-MM-DD.
    pub received_on: String,
    pub provider: String,
    /// staff, import, webhook.
    pub recorded_by: String,
    pub regular_gift_id: Option<String>,
}

/// A regular gift as the giving page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegularGiftView {
    pub id: String,
    pub amount_minor: i64,
    pub currency: String,
    pub method: String,
    pub frequency: String,
    pub start_date: String,
    pub next_due: String,
    /// active, cancelled.
    pub status: String,
    pub cancelled_at: Option<String>,
    /// staff, donor, provider, erasure.
    pub cancelled_by: Option<String>,
}

/// A donor's giving: every gift (newest first) and every regular gift.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Giving {
    pub supporter: SupporterId,
    pub gifts: Vec<GiftView>,
    pub regular: Vec<RegularGiftView>,
}

#[derive(sqlx::FromRow)]
struct GiftRow {
    id: String,
    amount_minor: i64,
    currency: String,
    method: String,
    received_on: String,
    provider: String,
    recorded_by: String,
    regular_gift_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RegularRow {
    id: String,
    amount_minor: i64,
    currency: String,
    method: String,
    frequency: String,
    start_date: String,
    next_due: String,
    status: String,
    cancelled_at: Option<String>,
    cancelled_by: Option<String>,
}

/// The idempotency key of a payment: a keyed hash, so a reference that spells a name is not
/// kept.
fn gift_key(store: &Store, provider: &str, provider_id: &str) -> String {
    store
        .ring()
        .supporter_index("gift", &format!("{provider}\n{provider_id}"))
}

/// The key of a provider's subscription or mandate.
fn regular_key(store: &Store, provider: &str, subscription: &str) -> String {
    store
        .ring()
        .supporter_index("regular-gift", &format!("{provider}\n{subscription}"))
}

fn require_gifts(p: &Principal) -> Result<(), StoreError> {
    if p.can(Capability::RecordGifts) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

impl Store {
    /// Records a gift the fundraising manager took (cash, a cheque, a transfer seen on the
    /// statement): the donor found by address, or created. Answers the gift's and the donor's
    /// ids.
    #[tracing::instrument(skip_all)]
    pub async fn record_gift(
        &self,
        p: &Principal,
        email: &Email,
        name: Option<&SupporterName>,
        gift: &NewGift,
    ) -> Result<(GiftId, SupporterId), StoreError> {
        require_gifts(p)?;
        let mut tx = self.write(p.into()).await?;
        let (donor, created) = self
            .donor_for(&mut tx, p.org_id, email, name, &Origin::Form)
            .await?;
        // Staff gifts have no provider id: their own id is the key.
        let own = uuid::Uuid::now_v7().to_string();
        let key = gift_key(self, "staff", &own);
        let (id, regular) = self
            .write_gift(
                &mut tx,
                p.org_id,
                &donor,
                gift,
                "staff",
                &key,
                None,
                ("staff", Some(p.user_id.to_string())),
            )
            .await?;
        tx.audit(
            AuditEvent::new("gift.record", "gift", Some(id.to_string()), "gift recorded").detail(
                json!({
                    "supporter_id": donor,
                    "donor_created": created,
                    "regular_started": regular,
                    "currency": gift.currency.as_str(),
                    "method": gift.method.as_str(),
                    "frequency": gift.frequency.map(|f| f.as_str()),
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        let donor = donor
            .parse()
            .map_err(|_| StoreError::Internal("supporter id".into()))?;
        Ok((id, donor))
    }

    /// Records the gifts of a bank's or provider's report imported by the operator, for
    /// `org`: all or none, and idempotent by (provider, provider id).
    pub async fn gifts_import(
        &self,
        op: Operator,
        org: OrgId,
        rows: &[ReportedGift],
    ) -> Result<GiftImportOutcome, StoreError> {
        let mut tx = self.write(Actor::from(op)).await?;
        let [added, already, donors_created, regular_started] =
            self.write_reported(&mut tx, org, rows, "import").await?;
        tx.audit(
            AuditEvent::new("gift.import", "gift", None, "gift report import").detail(json!({
                "org_id": org.to_string(),
                "rows": rows.len(),
                "added": added,
                "already": already,
                "donors_created": donors_created,
                "regular_started": regular_started,
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(GiftImportOutcome {
            added,
            already,
            donors_created,
            regular_started,
        })
    }

    /// Whether the caller may reach gifts at all (`Forbidden` for every case role), and
    /// whether they may record them (the pages show the forms only then).
    pub fn gifts_access(&self, p: &Principal) -> Result<bool, StoreError> {
        require_supporter_care(p)?;
        Ok(p.can(Capability::RecordGifts))
    }

    /// The caller's organisation's supporter (not erased) with this address, for the giving
    /// page. `NotFound` when there is none. Found by the blind index; the look-up is audited.
    pub async fn donor_by_address(
        &self,
        p: &Principal,
        email: &Email,
    ) -> Result<SupporterId, StoreError> {
        require_supporter_care(p)?;
        let id = self.donor_id(p, email).await?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("supporter.find", "supporter", Some(id.clone()), "giving")
                    .detail(json!({ "by": "address" })),
            ],
        )
        .await?;
        id.parse()
            .map_err(|_| StoreError::Internal("supporter id".into()))
    }

    async fn donor_id(&self, p: &Principal, email: &Email) -> Result<String, StoreError> {
        let index = self.ring().supporter_index("email", email.normalised());
        let id: Option<String> = sqlx::query_scalar(
            "select id from supporters.supporters
             where email_index = $1 and org_id = $2 and status <> 'erased'",
        )
        .bind(&index)
        .bind(p.org_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        id.ok_or(StoreError::NotFound)
    }

    /// A donor's giving, found by address in the caller's organisation. `NotFound` when no
    /// supporter of the organisation has it. The read is audited.
    pub async fn giving_by_address(
        &self,
        p: &Principal,
        email: &Email,
    ) -> Result<Giving, StoreError> {
        require_supporter_care(p)?;
        let id = self.donor_id(p, email).await?;
        self.giving_of(p, &id).await
    }

    /// A supporter's giving by id (the caller's organisation's, erased ones included: their
    /// amounts stay for the accounts). `NotFound` otherwise. The read is audited.
    pub async fn giving(&self, p: &Principal, id: SupporterId) -> Result<Giving, StoreError> {
        require_supporter_care(p)?;
        self.giving_of(p, &id.to_string()).await
    }

    async fn giving_of(&self, p: &Principal, sid: &str) -> Result<Giving, StoreError> {
        let ours = sqlx::query("select 1 from supporters.supporters where id = $1 and org_id = $2")
            .bind(sid)
            .bind(p.org_id.to_string())
            .fetch_optional(self.pool())
            .await?
            .is_some();
        if !ours {
            return Err(StoreError::NotFound);
        }
        let giving = self.giving_rows(sid).await?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("gift.read", "supporter", Some(sid.to_owned()), "giving")
                    .detail(json!({ "gifts": giving.gifts.len(),
                                "regular_gifts": giving.regular.len() })),
            ],
        )
        .await?;
        Ok(giving)
    }

    /// Every gift and regular gift of a supporter, unaudited: callers audit the read.
    pub(crate) async fn giving_rows(&self, sid: &str) -> Result<Giving, StoreError> {
        let gifts = sqlx::query_as::<_, GiftRow>(
            "select id, amount_minor, currency, method, received_on, provider, recorded_by,
                    regular_gift_id
             from supporters.gifts where supporter_id = $1
             order by received_on desc, id desc",
        )
        .bind(sid)
        .fetch_all(self.pool())
        .await?;
        let regular = sqlx::query_as::<_, RegularRow>(
            "select id, amount_minor, currency, method, frequency, start_date, next_due, status,
                    cancelled_at, cancelled_by
             from supporters.regular_gifts where supporter_id = $1
             order by status, start_date desc, id",
        )
        .bind(sid)
        .fetch_all(self.pool())
        .await?;
        Ok(Giving {
            supporter: sid
                .parse()
                .map_err(|_| StoreError::Internal("supporter id".into()))?,
            gifts: gifts
                .into_iter()
                .map(|g| GiftView {
                    id: g.id,
                    amount_minor: g.amount_minor,
                    currency: g.currency,
                    method: g.method,
                    received_on: g.received_on,
                    provider: g.provider,
                    recorded_by: g.recorded_by,
                    regular_gift_id: g.regular_gift_id,
                })
                .collect(),
            regular: regular
                .into_iter()
                .map(|r| RegularGiftView {
                    id: r.id,
                    amount_minor: r.amount_minor,
                    currency: r.currency,
                    method: r.method,
                    frequency: r.frequency,
                    start_date: r.start_date,
                    next_due: r.next_due,
                    status: r.status,
                    cancelled_at: r.cancelled_at,
                    cancelled_by: r.cancelled_by,
                })
                .collect(),
        })
    }

    /// Cancels an active regular gift of the caller's organisation, as staff record it:
    /// `by` says whether staff decided it or the donor asked. `NotFound` for one that does not
    /// exist, is another organisation's or is cancelled already. Answers the donor's id.
    pub async fn cancel_regular_gift(
        &self,
        p: &Principal,
        id: RegularGiftId,
        by: CancelledBy,
    ) -> Result<SupporterId, StoreError> {
        require_gifts(p)?;
        let rid = id.to_string();
        let active: Option<String> = sqlx::query_scalar(
            "select id from supporters.regular_gifts
             where id = $1 and org_id = $2 and status = 'active'",
        )
        .bind(&rid)
        .bind(p.org_id.to_string())
        .fetch_optional(self.pool())
        .await?;
        if active.is_none() {
            return Err(StoreError::NotFound);
        }
        // Journaled first, so restoring an older backup does not make it active again.
        self.journal_regular_gift_cancelled(&rid, by).await?;
        let mut tx = self.write(p.into()).await?;
        let donor: Option<String> = sqlx::query_scalar(
            "update supporters.regular_gifts
             set status = 'cancelled', cancelled_at = $3, cancelled_by = $4,
                 cancelled_by_user = $5
             where id = $1 and org_id = $2 and status = 'active'
             returning supporter_id",
        )
        .bind(&rid)
        .bind(p.org_id.to_string())
        .bind(clock::now_text())
        .bind(by.as_str())
        .bind(p.user_id.to_string())
        .fetch_optional(tx.conn()?)
        .await?;
        let donor = donor.ok_or(StoreError::NotFound)?;
        tx.audit(
            AuditEvent::new(
                "regular_gift.cancel",
                "regular_gift",
                Some(rid),
                "cancelled",
            )
            .detail(json!({ "supporter_id": donor, "by": by.as_str() })),
        )
        .await?;
        tx.commit().await?;
        donor
            .parse()
            .map_err(|_| StoreError::Internal("supporter id".into()))
    }
}
