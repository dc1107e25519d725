//! Writing a gift inside a write transaction: finding or creating its donor, linking it to a
//! regular gift, and the idempotency key. Shared by staff, imports and the webhook.

use super::{gift_key, regular_key, Origin, ReportedGift};
use crate::crypto::{seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::supporters::new_token;
use crate::{clock, Store, StoreError, WriteTx};
use libertas_domain::error::FieldError;
use libertas_domain::ids::OrgId;
use libertas_domain::people::Email;
use libertas_domain::supporters::gifts::{Frequency, GiftId, NewGift, RegularGiftId};
use libertas_domain::supporters::{SupporterId, SupporterName};
use time::Date;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct DonorRow {
    id: String,
    org_id: String,
}

#[derive(sqlx::FromRow)]
pub(super) struct KnownGift {
    pub amount_minor: i64,
    pub currency: String,
    pub received_on: String,
}

#[derive(sqlx::FromRow)]
struct RegularRow {
    id: String,
    frequency: String,
    next_due: String,
}

/// Whether an already recorded gift is this one (same money, same day).
pub(super) fn same_gift(known: &KnownGift, g: &NewGift) -> bool {
    known.amount_minor == g.amount_minor
        && known.currency == g.currency.as_str()
        && known.received_on == date_text(g.received)
}

pub(super) fn date_text(d: Date) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    d.format(&format).unwrap_or_default()
}

/// The error for a gift whose provider id was recorded with other values.
pub(super) fn conflict(origin: &Origin) -> StoreError {
    let message = "this provider id was recorded before with another amount, currency or date";
    StoreError::Conflicting(FieldError::new(origin.field("provider_id"), message))
}

impl Store {
    /// The gift recorded under this idempotency key, if any (in the transaction, so rows
    /// written earlier in it count).
    pub(super) async fn known_gift(
        &self,
        tx: &mut WriteTx<'_>,
        key: &str,
    ) -> Result<Option<KnownGift>, StoreError> {
        Ok(sqlx::query_as::<_, KnownGift>(
            "select amount_minor, currency, received_on from supporters.gifts
             where provider_id_index = $1",
        )
        .bind(key)
        .fetch_optional(tx.conn()?)
        .await?)
    }

    /// The donor with this address in `org`, created (status `donor`: no consent, never
    /// mailed) when there is none. An address that belongs to another organisation's
    /// supporter is refused.
    pub(super) async fn donor_for(
        &self,
        tx: &mut WriteTx<'_>,
        org: OrgId,
        email: &Email,
        name: Option<&SupporterName>,
        origin: &Origin,
    ) -> Result<(String, bool), StoreError> {
        let index = self.ring().supporter_index("email", email.normalised());
        let known = sqlx::query_as::<_, DonorRow>(
            "select id, org_id from supporters.supporters where email_index = $1",
        )
        .bind(&index)
        .fetch_optional(tx.conn()?)
        .await?;
        if let Some(known) = known {
            if known.org_id != org.to_string() {
                return Err(StoreError::Conflicting(FieldError::new(
                    origin.field("email"),
                    "this address is another organisation's supporter",
                )));
            }
            return Ok((known.id, false));
        }
        let id = SupporterId::from_uuid(Uuid::now_v7()).to_string();
        let key = self
            .keys()
            .create(self.ring(), OwnerKind::Supporter, &id)
            .await?;
        let seal = |column: &str, v: &[u8]| {
            let at = FieldRef {
                table: "supporters.supporters",
                column,
                row: &id,
            };
            seal_field(&key, 1, at, v)
        };
        // An unsubscribe token like everyone's, so a donor who later signs up for updates
        // goes through the usual double opt-in with a working link.
        let unsubscribe = new_token();
        sqlx::query(
            "insert into supporters.supporters (id, org_id, email_index, email, name, language,
                 status, key_version, unsubscribe_hash, unsubscribe_token, created_at)
             values ($1, $2, $3, $4, $5, 'en', 'donor', 1, $6, $7, $8)",
        )
        .bind(&id)
        .bind(org.to_string())
        .bind(&index)
        .bind(seal("email", email.as_str().as_bytes()))
        .bind(name.map(|n| seal("name", n.as_str().as_bytes())))
        .bind(
            self.ring()
                .supporter_token_hash("unsubscribe", &unsubscribe),
        )
        .bind(seal("unsubscribe_token", unsubscribe.as_bytes()))
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?;
        Ok((id, true))
    }

    /// Writes one gift of `donor` (known to be new under `key`), linked to a regular gift
    /// when it has a frequency or names the provider's subscription.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn write_gift(
        &self,
        tx: &mut WriteTx<'_>,
        org: OrgId,
        donor: &str,
        gift: &NewGift,
        provider: &str,
        key: &str,
        subscription: Option<&str>,
        recorded_by: (&'static str, Option<String>),
    ) -> Result<(GiftId, bool), StoreError> {
        let sub_key = subscription.map(|s| regular_key(self, provider, s));
        let (regular, regular_created) = self
            .regular_for(tx, org, donor, gift, sub_key.as_deref(), recorded_by.0)
            .await?;
        let id = GiftId::from_uuid(Uuid::now_v7());
        let inserted = sqlx::query(
            "insert into supporters.gifts (id, org_id, supporter_id, regular_gift_id,
                 amount_minor, currency, method, received_on, provider, provider_id_index,
                 recorded_by, recorded_by_user, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id.to_string())
        .bind(org.to_string())
        .bind(donor)
        .bind(regular)
        .bind(gift.amount_minor)
        .bind(gift.currency.as_str())
        .bind(gift.method.as_str())
        .bind(date_text(gift.received))
        .bind(provider)
        .bind(key)
        .bind(recorded_by.0)
        .bind(recorded_by.1)
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await;
        if let Err(e) = inserted {
            return Err(StoreError::on_constraint(
                e,
                "gifts_provider_id_index_key",
                "provider_id",
            ));
        }
        Ok((id, regular_created))
    }

    /// The regular gift a gift pays: the provider's subscription when named, else the
    /// donor's active one of the same amount, currency and frequency; started (from this
    /// payment) when there is none and the gift has a frequency. Moves its next due date on.
    async fn regular_for(
        &self,
        tx: &mut WriteTx<'_>,
        org: OrgId,
        donor: &str,
        gift: &NewGift,
        sub_key: Option<&str>,
        created_by: &str,
    ) -> Result<(Option<String>, bool), StoreError> {
        let found = match sub_key {
            Some(k) => {
                sqlx::query_as::<_, RegularRow>(
                    "select id, frequency, next_due from supporters.regular_gifts
                     where provider_ref_index = $1 and supporter_id = $2 and status = 'active'",
                )
                .bind(k)
                .bind(donor)
                .fetch_optional(tx.conn()?)
                .await?
            }
            None => match gift.frequency {
                None => None,
                Some(f) => {
                    sqlx::query_as::<_, RegularRow>(
                        "select id, frequency, next_due from supporters.regular_gifts
                         where supporter_id = $1 and status = 'active' and amount_minor = $2
                           and currency = $3 and frequency = $4
                         order by created_at, id limit 1",
                    )
                    .bind(donor)
                    .bind(gift.amount_minor)
                    .bind(gift.currency.as_str())
                    .bind(f.as_str())
                    .fetch_optional(tx.conn()?)
                    .await?
                }
            },
        };
        if let Some(r) = found {
            let f = Frequency::parse(&r.frequency)?;
            let due = libertas_domain::supporters::gifts::parse_date("next_due", &r.next_due)?;
            sqlx::query("update supporters.regular_gifts set next_due = $2 where id = $1")
                .bind(&r.id)
                .bind(date_text(f.next_due(due, gift.received)))
                .execute(tx.conn()?)
                .await?;
            return Ok((Some(r.id), false));
        }
        let Some(f) = gift.frequency else {
            return Ok((None, false));
        };
        let id = RegularGiftId::from_uuid(Uuid::now_v7()).to_string();
        let inserted = sqlx::query(
            "insert into supporters.regular_gifts (id, org_id, supporter_id, amount_minor,
                 currency, method, frequency, start_date, next_due, status, provider_ref_index,
                 created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $11, $12)",
        )
        .bind(&id)
        .bind(org.to_string())
        .bind(donor)
        .bind(gift.amount_minor)
        .bind(gift.currency.as_str())
        .bind(gift.method.as_str())
        .bind(f.as_str())
        .bind(date_text(gift.received))
        .bind(date_text(f.after(gift.received)))
        .bind(sub_key)
        .bind(created_by)
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await;
        if let Err(e) = inserted {
            // The subscription is known but cancelled, or another donor's.
            return Err(StoreError::on_constraint(
                e,
                "regular_gifts_provider_ref_index_key",
                "subscription",
            ));
        }
        Ok((Some(id), true))
    }

    /// Writes reported gifts (an import or the webhook) in `tx`: every row is checked against
    /// what is recorded first (a conflict fails before any donor is created), then the new
    /// ones are written. Returns (added, already present, donors created, regular gifts
    /// started).
    pub(super) async fn write_reported(
        &self,
        tx: &mut WriteTx<'_>,
        org: OrgId,
        rows: &[ReportedGift],
        recorded_by: &'static str,
    ) -> Result<[u64; 4], StoreError> {
        let mut fresh = Vec::with_capacity(rows.len());
        let mut seen: std::collections::HashMap<String, &ReportedGift> = Default::default();
        for row in rows {
            let key = gift_key(self, &row.provider, &row.provider_id);
            if let Some(known) = self.known_gift(tx, &key).await? {
                if !same_gift(&known, &row.gift) {
                    return Err(conflict(&row.origin));
                }
                continue;
            }
            if let Some(earlier) = seen.get(&key) {
                if earlier.gift != row.gift {
                    return Err(conflict(&row.origin));
                }
                continue;
            }
            seen.insert(key.clone(), row);
            fresh.push((key, row));
        }
        let already = (rows.len() - fresh.len()) as u64;
        let (mut donors, mut regulars) = (0, 0);
        for (key, row) in &fresh {
            let (donor, created) = self
                .donor_for(tx, org, &row.email, row.name.as_ref(), &row.origin)
                .await?;
            donors += u64::from(created);
            let (_, regular_created) = self
                .write_gift(
                    tx,
                    org,
                    &donor,
                    &row.gift,
                    &row.provider,
                    key,
                    row.subscription.as_deref(),
                    (recorded_by, None),
                )
                .await?;
            regulars += u64::from(regular_created);
        }
        Ok([fresh.len() as u64, already, donors, regulars])
    }
}
