//! A signed-in supporter's giving statements: the years they gave in, a year's statement as
//! PDF, and a statement e-mailed to their own address on request. Each call takes the
//! [`PortalSession`] and reaches only that session's supporter; every call is audited.
//!
//! **E-mail on request.** The outbox row (kind `statement`) holds the request only —
//! address, unsubscribe link, language, year — sealed under the supporter's key like any
//! message; the PDF is made from the gift rows when the sender sends it. At most one such
//! request per supporter per [`STATEMENT_MAIL_QUIET`], whatever the year, so the form
//! cannot be used to fill an inbox.

use super::{portal_actor, PortalSession};
use crate::audit::AuditEvent;
use crate::supporters::statements::StatementYear;
use crate::{clock, Store, StoreError};
use libertas_domain::i18n::Lang;
use libertas_domain::supporters::message::StatementRequest;
use serde_json::json;
use time::Duration;

/// No second statement e-mail for a supporter within this time of the last.
pub const STATEMENT_MAIL_QUIET: Duration = Duration::minutes(10);

/// What asking for a statement by e-mail did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatementMail {
    /// Queued: it goes out with the next round of the sender.
    Queued,
    /// Refused: one was asked for less than [`STATEMENT_MAIL_QUIET`] ago.
    Throttled,
}

impl Store {
    /// The years the signed-in supporter gave in, newest first (an audited read).
    pub async fn portal_statement_years(
        &self,
        s: &PortalSession,
    ) -> Result<Vec<StatementYear>, StoreError> {
        let sid = s.supporter_id.as_str();
        let org: String = sqlx::query_scalar(
            "select org_id from supporters.supporters where id = $1 and status <> 'erased'",
        )
        .bind(sid)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        let years = self.statement_years_of(sid).await?;
        let event = AuditEvent::new(
            "supporter.portal.statements",
            "supporter",
            Some(sid.into()),
            "portal",
        )
        .detail(json!({ "years": years.len() }));
        self.record(portal_actor(Some(&org)), vec![event]).await?;
        Ok(years)
    }

    /// The signed-in supporter's statement for `year` as PDF (an audited read). `NotFound`
    /// for a year without gifts.
    pub async fn portal_statement(
        &self,
        s: &PortalSession,
        year: i32,
    ) -> Result<Vec<u8>, StoreError> {
        let sid = s.supporter_id.as_str();
        let (me, _, _) = self.portal_me(s).await?;
        self.statement_pdf(portal_actor(Some(&me.org_id)), sid, year, "portal")
            .await
    }

    /// Queues the signed-in supporter's statement for `year` to their own address.
    /// `unsubscribe(token, lang)` writes the message's unsubscribe link. `NotFound` for a
    /// year without gifts.
    pub async fn portal_email_statement(
        &self,
        s: &PortalSession,
        year: i32,
        unsubscribe: &(dyn Fn(&str, Lang) -> String + Sync),
    ) -> Result<StatementMail, StoreError> {
        let sid = s.supporter_id.as_str();
        let donor = self.open_donor(sid).await?;
        // Checks the year has gifts (NotFound otherwise) before anything is queued.
        let statement = self.statement_of(sid, &donor, year).await?;
        let now = clock::now();
        let last: Option<String> = sqlx::query_scalar(
            "select max(created_at) from supporters.outbox
             where supporter_id = $1 and kind = 'statement'",
        )
        .bind(sid)
        .fetch_one(self.pool())
        .await?;
        let event = |outcome: &str| {
            AuditEvent::new("statement.email", "supporter", Some(sid.into()), "portal")
                .detail(json!({ "year": year, "gifts": statement.gifts.len(), "outcome": outcome }))
        };
        if last.is_some_and(|l| l > clock::to_text(now - STATEMENT_MAIL_QUIET)) {
            self.record(portal_actor(Some(&donor.org_id)), vec![event("throttled")])
                .await?;
            return Ok(StatementMail::Throttled);
        }
        let request = StatementRequest {
            to: donor.email.clone(),
            unsubscribe_url: unsubscribe(&donor.unsubscribe_token, donor.lang),
            lang: donor.lang.code().to_owned(),
            year,
        };
        let org = donor
            .org_id
            .parse()
            .map_err(|_| StoreError::Internal("supporter org".into()))?;
        let mut tx = self.write(portal_actor(Some(&donor.org_id))).await?;
        self.queue_request(
            &mut tx,
            org,
            sid,
            &donor.key,
            donor.version,
            &request.to,
            &request,
        )
        .await?;
        tx.audit(event("queued")).await?;
        tx.commit().await?;
        Ok(StatementMail::Queued)
    }
}
