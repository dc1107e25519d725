//! Annual giving statements (`docs/supporters.md`, "Statements"): the gifts of one
//! supporter in one calendar year, opened and handed to the domain's PDF writer
//! (`libertas_domain::supporters::statement`). Three ways in: the donor's own portal session
//! (`portal/statements.rs`), supporter staff from the donor's giving page (here), and the
//! outbox sender composing a statement the donor asked to be e-mailed (here, at send time:
//! the outbox row holds only the request, never the gifts or the PDF).
//!
//! Every read is audited (`statement.read`: the year and the number of gifts, never an
//! amount or a name).

use super::require_supporter_care;
use crate::audit::{Actor, AuditEvent};
use crate::crypto::{open_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::gifts::{parse_date, Currency, GiftMethod};
use libertas_domain::supporters::message::{self, Message, StatementRequest};
use libertas_domain::supporters::statement::{render, Statement, StatementGift};
use libertas_domain::supporters::SupporterId;
use serde_json::json;

/// The years a statement can cover (a year outside is no statement: 404).
pub const STATEMENT_YEARS: std::ops::RangeInclusive<i32> = 2000..=9999;

/// A year with gifts, as the portal's statements page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementYear {
    pub year: i32,
    pub gifts: i64,
}

#[derive(sqlx::FromRow)]
struct GiftRow {
    amount_minor: i64,
    currency: String,
    method: String,
    received_on: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct Donor {
    pub org_id: String,
    pub email: Vec<u8>,
    pub name: Option<Vec<u8>>,
    pub language: String,
    pub key_version: i64,
    pub unsubscribe_token: Vec<u8>,
}

fn supporter_at<'a>(column: &'a str, row: &'a str) -> FieldRef<'a> {
    FieldRef {
        table: "supporters.supporters",
        column,
        row,
    }
}

/// A supporter's details, opened.
pub(crate) struct Opened {
    pub org_id: String,
    pub email: String,
    pub name: Option<String>,
    pub lang: Lang,
    pub unsubscribe_token: String,
    pub key: DataKey,
    pub version: u32,
}

impl Store {
    /// The supporter `sid` (not erased) with their address, name and language opened.
    /// `NotFound` when there is none or their key is gone.
    pub(crate) async fn open_donor(&self, sid: &str) -> Result<Opened, StoreError> {
        let d = sqlx::query_as::<_, Donor>(
            "select org_id, email, name, language, key_version, unsubscribe_token
             from supporters.supporters where id = $1 and status <> 'erased'",
        )
        .bind(sid)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let version = u32::try_from(d.key_version).unwrap_or(1);
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Supporter, sid, version)
            .await?
            .ok_or(StoreError::NotFound)?;
        let open = |column: &str, sealed: &[u8]| {
            open_field(&key, supporter_at(column, sid), sealed)
                .map(|v| String::from_utf8_lossy(&v).into_owned())
                .ok_or(StoreError::Crypto("supporter field"))
        };
        let email = open("email", &d.email)?;
        let name = d.name.as_deref().map(|n| open("name", n)).transpose()?;
        // An erased supporter's token is emptied; a donor without consent still has one.
        let unsubscribe_token = open("unsubscribe_token", &d.unsubscribe_token).unwrap_or_default();
        Ok(Opened {
            org_id: d.org_id,
            email,
            name,
            lang: Lang::from_code(&d.language).unwrap_or_default(),
            unsubscribe_token,
            key,
            version,
        })
    }

    /// The years in which supporter `sid` gave, newest first, with the number of gifts.
    pub(crate) async fn statement_years_of(
        &self,
        sid: &str,
    ) -> Result<Vec<StatementYear>, StoreError> {
        let days: Vec<String> = sqlx::query_scalar(
            "select received_on from supporters.gifts where supporter_id = $1
             order by received_on desc",
        )
        .bind(sid)
        .fetch_all(self.pool())
        .await?;
        let mut years: Vec<StatementYear> = Vec::new();
        for d in days {
            let Some(year) = d.get(..4).and_then(|y| y.parse().ok()) else {
                continue;
            };
            match years.last_mut() {
                Some(y) if y.year == year => y.gifts += 1,
                _ => years.push(StatementYear { year, gifts: 1 }),
            }
        }
        Ok(years)
    }

    /// The statement of supporter `donor` for `year`, in their language. `NotFound` when they
    /// had no gift that year.
    pub(crate) async fn statement_of(
        &self,
        sid: &str,
        donor: &Opened,
        year: i32,
    ) -> Result<Statement, StoreError> {
        if !STATEMENT_YEARS.contains(&year) {
            return Err(StoreError::NotFound);
        }
        let rows = sqlx::query_as::<_, GiftRow>(
            "select amount_minor, currency, method, received_on from supporters.gifts
             where supporter_id = $1 and received_on >= $2 and received_on <= $3
             order by received_on, id",
        )
        .bind(sid)
        .bind(format!("{year:04}-01-01"))
        .bind(format!("{year:04}-12-31"))
        .fetch_all(self.pool())
        .await?;
        if rows.is_empty() {
            return Err(StoreError::NotFound);
        }
        let bad = |what: &str| StoreError::Internal(format!("gift row: {what}"));
        let gifts = rows
            .into_iter()
            .map(|r| {
                Ok(StatementGift {
                    received: parse_date("received_on", &r.received_on).map_err(|_| bad("date"))?,
                    amount_minor: r.amount_minor,
                    currency: Currency::parse(&r.currency).map_err(|_| bad("currency"))?,
                    method: GiftMethod::parse(&r.method).map_err(|_| bad("method"))?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let org = donor
            .org_id
            .parse()
            .map_err(|_| StoreError::Internal("supporter org".into()))?;
        Ok(Statement {
            lang: donor.lang,
            organisation: self.org_name(org).await?,
            donor_name: donor.name.clone(),
            donor_email: donor.email.clone(),
            year,
            gifts,
            issued: clock::now().date(),
        })
    }

    /// The statement as PDF bytes, its read audited for `actor` in the same call.
    pub(crate) async fn statement_pdf(
        &self,
        actor: Actor,
        sid: &str,
        year: i32,
        by: &str,
    ) -> Result<Vec<u8>, StoreError> {
        let donor = self.open_donor(sid).await?;
        let statement = self.statement_of(sid, &donor, year).await?;
        let pdf = render(&statement).map_err(|e| StoreError::Internal(e.to_string()))?;
        self.record(
            actor,
            vec![
                AuditEvent::new("statement.read", "supporter", Some(sid.to_owned()), by)
                    .detail(json!({ "year": year, "gifts": statement.gifts.len(), "by": by })),
            ],
        )
        .await?;
        Ok(pdf)
    }

    /// A donor's statement for `year` for supporter staff (both supporter roles), from the
    /// giving page: the caller's organisation's supporters only (`NotFound` otherwise, and
    /// for a year without gifts or an erased donor).
    pub async fn donor_statement(
        &self,
        p: &Principal,
        id: SupporterId,
        year: i32,
    ) -> Result<Vec<u8>, StoreError> {
        require_supporter_care(p)?;
        let sid = id.to_string();
        let ours = sqlx::query("select 1 from supporters.supporters where id = $1 and org_id = $2")
            .bind(&sid)
            .bind(p.org_id.to_string())
            .fetch_optional(self.pool())
            .await?
            .is_some();
        if !ours {
            return Err(StoreError::NotFound);
        }
        self.statement_pdf(p.into(), &sid, year, "staff").await
    }

    /// The message for an outbox row of kind `statement` (sent now: the PDF is made from
    /// today's gift rows). `None` when there is nothing to send any more.
    pub(crate) async fn compose_statement(
        &self,
        sid: &str,
        request: &StatementRequest,
    ) -> Result<Option<Message>, StoreError> {
        let donor = match self.open_donor(sid).await {
            Ok(d) => d,
            Err(StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e),
        };
        let lang = Lang::from_code(&request.lang).unwrap_or(donor.lang);
        let mut statement = match self.statement_of(sid, &donor, request.year).await {
            Ok(s) => s,
            Err(StoreError::NotFound) => return Ok(None),
            Err(e) => return Err(e),
        };
        statement.lang = lang;
        let pdf = render(&statement).map_err(|e| StoreError::Internal(e.to_string()))?;
        Ok(Some(message::statement(
            lang,
            &request.to,
            request.year,
            pdf,
            &request.unsubscribe_url,
        )))
    }
}
