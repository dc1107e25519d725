//! Staff messages to the reporter, and the reporter's choice about being contacted.
//!
//! A message can reach a reporter two ways. Through the **receipt**: it waits in the report's
//! thread until the reporter comes back with their receipt, so the reporter decides when and
//! where to read it, and nothing arrives on a phone someone else may see. Or through the
//! **contact** details the reporter left (a call, a text, an e-mail, sent by a person outside
//! Libertas and recorded here). The second can put a reporter in danger, so the store allows
//! it only when the reporter said it is safe (`safe_to_contact = true`) and left details; a
//! "no", and silence, both refuse it with a conflict naming `safe_to_contact`. Every path that
//! sends staff messages (API and page) comes through [`Store::ask_reporter`].

use super::require_report_work;
use crate::audit::AuditEvent;
use crate::crypto::{seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{ReportId, ReportMessageId};
use libertas_domain::text::clean_text;
use libertas_domain::FieldError;
use uuid::Uuid;

/// How a staff message is meant to reach the reporter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageVia {
    /// Waits in the thread for the reporter's receipt.
    Receipt,
    /// Through the contact details the reporter gave.
    Contact,
}

impl MessageVia {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw.trim() {
            "receipt" => Ok(Self::Receipt),
            "contact" => Ok(Self::Contact),
            _ => Err(FieldError::new("via", "must be receipt or contact")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Receipt => "receipt",
            Self::Contact => "contact",
        }
    }
}

/// Whether staff may use the reporter's contact details: only after a "yes", and only when
/// there are details to use. The error names the reason as a 409 would.
pub(crate) fn may_contact(
    safe_to_contact: Option<bool>,
    has_contact: bool,
) -> Result<(), StoreError> {
    match safe_to_contact {
        Some(true) if has_contact => Ok(()),
        Some(true) => Err(StoreError::Refused {
            field: "contact",
            message: "the reporter left no contact details",
        }),
        Some(false) => Err(StoreError::Refused {
            field: "safe_to_contact",
            message: "the reporter said it is not safe to contact them",
        }),
        None => Err(StoreError::Refused {
            field: "safe_to_contact",
            message: "the reporter did not say it is safe to contact them",
        }),
    }
}

impl Store {
    /// Records a staff message to the reporter. `via` defaults to the receipt thread when the
    /// report has a receipt, and to the contact details otherwise (an operator's intake).
    /// Refused (409) through the receipt when there is none (`via`), and through the contact
    /// details unless the reporter said contact is safe (`safe_to_contact`).
    pub async fn ask_reporter(
        &self,
        p: &Principal,
        id: ReportId,
        text: &str,
        via: Option<MessageVia>,
    ) -> Result<MessageVia, StoreError> {
        require_report_work(p)?;
        let row = self.check_report(p, id).await?;
        let text = clean_text("text", text, 1, 10_000, true)?;
        let has_receipt = row.has_receipt != 0;
        let safe_to_contact = row.safe_to_contact.map(|v| v != 0);
        let has_contact = row.contact.is_some();
        let via = via.unwrap_or(if has_receipt {
            MessageVia::Receipt
        } else {
            MessageVia::Contact
        });
        match via {
            MessageVia::Receipt if !has_receipt => {
                return Err(StoreError::Refused {
                    field: "via",
                    message: "this report has no receipt, so the reporter cannot read the thread",
                })
            }
            MessageVia::Receipt => {}
            MessageVia::Contact => may_contact(safe_to_contact, has_contact)?,
        }
        let rid = id.to_string();
        let mid = ReportMessageId::from_uuid(Uuid::now_v7()).to_string();
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Report, &rid, 1)
            .await?
            .ok_or(StoreError::Crypto("report key missing"))?;
        let sealed = seal_field(
            &key,
            1,
            FieldRef {
                table: "report_messages",
                column: "body",
                row: &mid,
            },
            text.as_bytes(),
        );
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into report_messages (id, report_id, direction, author_id, body, created_at, via)
             values ($1, $2, 'to_reporter', $3, $4, $5, $6)",
        )
        .bind(&mid)
        .bind(&rid)
        .bind(p.user_id.to_string())
        .bind(sealed)
        .bind(&now)
        .bind(via.as_str())
        .execute(tx.conn()?)
        .await?;
        sqlx::query("update reports set updated_at = $1 where id = $2")
            .bind(&now)
            .bind(&rid)
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new(
                "report.message.to_reporter",
                "report",
                Some(rid),
                "operator asked the reporter a question",
            )
            .detail(serde_json::json!({ "via": via.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(via)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_needs_a_yes_and_details() {
        assert!(may_contact(Some(true), true).is_ok());
        for (safe, has, field) in [
            (Some(false), true, "safe_to_contact"),
            (None, true, "safe_to_contact"),
            (Some(true), false, "contact"),
        ] {
            match may_contact(safe, has) {
                Err(StoreError::Refused { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{safe:?} {has}: {other:?}"),
            }
        }
        assert_eq!(MessageVia::parse(" contact ").unwrap(), MessageVia::Contact);
        assert_eq!(MessageVia::parse("sms").unwrap_err().field, "via");
    }
}
