//! Screening, triage and the end of a report's workflow: referred, closed (with a reason), or
//! turned into a case that carries its people and its story over.

use crate::audit::AuditEvent;
use crate::crypto::{seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::{CaseTitle, NoteText};
use libertas_domain::ids::{CaseId, ReportId};
use libertas_domain::people::NewPerson;
use libertas_domain::reports::ReportStatus;
use libertas_domain::text::clean_text;
use libertas_domain::FieldError;

/// What `open_case_from_report` needs.
pub struct OpenCase {
    pub title: CaseTitle,
    pub people: Vec<NewPerson>,
}

impl Store {
    async fn report_status(&self, p: &Principal, id: ReportId) -> Result<ReportStatus, StoreError> {
        let row = self.check_report(p, id).await?;
        ReportStatus::parse(&row.status)
            .map_err(|_| StoreError::Internal("bad report status".into()))
    }

    fn check_move(from: ReportStatus, to: ReportStatus) -> Result<(), StoreError> {
        if from.can_move_to(to) {
            Ok(())
        } else {
            // A well-formed move the report's current state does not allow: a conflict (409).
            Err(StoreError::Conflicting(FieldError::new(
                "status",
                format!(
                    "a report that is {} cannot become {}",
                    from.as_str(),
                    to.as_str()
                ),
            )))
        }
    }

    /// Saves (or redoes) a report's screening: the input codes and result as JSON, the
    /// verdict and urgency. The report becomes `screened`.
    ///
    /// Once a person has screened the report, the screening decides whether it is urgent:
    /// a report the reporter flagged "in danger now" but screened not urgent leaves the urgent
    /// count and the alert. The reporter's flag stays recorded (`in_danger_now`) and shown.
    pub async fn save_screening(
        &self,
        p: &Principal,
        id: ReportId,
        screening: serde_json::Value,
        verdict: &str,
        urgent: bool,
    ) -> Result<(), StoreError> {
        let from = self.report_status(p, id).await?;
        Self::check_move(from, ReportStatus::Screened)?;
        let rid = id.to_string();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "update reports set status = 'screened', screening = $1, verdict = $2, urgent = $3,
                updated_at = $4 where id = $5",
        )
        .bind(screening.to_string())
        .bind(verdict)
        .bind(i64::from(urgent))
        .bind(clock::now_text())
        .bind(&rid)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("report.screen", "report", Some(rid), "operator screened the report")
                .detail(serde_json::json!({ "verdict": verdict, "urgent": urgent, "redone": from == ReportStatus::Screened })),
        )
        .await?;
        tx.commit().await
    }

    /// Marks a report referred (to a partner) or closed. Closing needs a reason.
    pub async fn finish_report(
        &self,
        p: &Principal,
        id: ReportId,
        to: ReportStatus,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        if !matches!(to, ReportStatus::Referred | ReportStatus::Closed) {
            return Err(StoreError::Invalid(FieldError::new(
                "status",
                "must be referred or closed (open a case through its own route)",
            )));
        }
        let from = self.report_status(p, id).await?;
        Self::check_move(from, to)?;
        let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Some(clean_text("reason", r, 1, 2_000, true)?),
            None if to == ReportStatus::Closed => {
                return Err(StoreError::Invalid(FieldError::new(
                    "reason",
                    "closing a report needs a reason",
                )))
            }
            None => None,
        };
        let rid = id.to_string();
        let sealed = match &reason {
            Some(r) => {
                let key = self
                    .keys()
                    .get(self.ring(), OwnerKind::Report, &rid, 1)
                    .await?
                    .ok_or(StoreError::Crypto("report key missing"))?;
                Some(seal_field(
                    &key,
                    1,
                    FieldRef {
                        table: "reports",
                        column: "close_reason",
                        row: &rid,
                    },
                    r.as_bytes(),
                ))
            }
            None => None,
        };
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "update reports set status = $1, close_reason = $2, updated_at = $3 where id = $4",
        )
        .bind(to.as_str())
        .bind(sealed)
        .bind(clock::now_text())
        .bind(&rid)
        .execute(tx.conn()?)
        .await?;
        tx.audit(AuditEvent::new(
            if to == ReportStatus::Closed {
                "report.close"
            } else {
                "report.refer"
            },
            "report",
            Some(rid),
            "operator triaged the report",
        ))
        .await?;
        tx.commit().await
    }

    /// Opens a case from a screened report: the operator becomes its owner, the report's story
    /// becomes the case's first note, the people named by the operator are added, and the
    /// report links to the case.
    pub async fn open_case_from_report(
        &self,
        p: &Principal,
        id: ReportId,
        open: &OpenCase,
    ) -> Result<CaseId, StoreError> {
        let from = self.report_status(p, id).await?;
        Self::check_move(from, ReportStatus::CaseOpened)?;
        let view = self
            .get_report(p, id, "open a case from the report")
            .await?;
        let case = self
            .create_case(p, &open.title, "case opened from a report")
            .await?;
        // The note is stored text, read in any language later: the time to the minute in
        // UTC, not the stored value with its microseconds.
        let at = &view.summary.created_at;
        let received = match (at.get(0..10), at.get(11..16)) {
            (Some(day), Some(time)) => format!("{day} {time} UTC"),
            _ => at.clone(),
        };
        let mut story = format!(
            "From report {} ({id}; {}, received {received}).",
            view.summary.number, view.summary.channel
        );
        for (label, v) in [
            ("What happened", &view.narrative),
            ("Where", &view.location),
            ("When", &view.when),
            ("People", &view.people),
        ] {
            if let Some(v) = v {
                story.push_str(&format!("\n\n{label}: {v}"));
            }
        }
        if !view.identifiers.is_empty() {
            story.push_str(&format!("\n\nIdentifiers: {}", view.identifiers.join(", ")));
        }
        let note = NoteText::parse(&story.chars().take(50_000).collect::<String>())?;
        self.add_note(p, case.id, &note, "case opened from a report")
            .await?;
        for person in &open.people {
            self.add_person(p, case.id, person, "case opened from a report")
                .await?;
        }
        let rid = id.to_string();
        let mut tx = self.write(p.into()).await?;
        sqlx::query("update reports set status = 'case_opened', case_id = $1, updated_at = $2 where id = $3")
            .bind(case.id.to_string())
            .bind(clock::now_text())
            .bind(&rid)
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new(
                "report.case_opened",
                "report",
                Some(rid),
                "operator opened a case from the report",
            )
            .detail(
                serde_json::json!({ "case_id": case.id.to_string(), "people": open.people.len() }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(case.id)
    }
}
