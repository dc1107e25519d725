//! Outcome assessments: scores sealed under the person's key, read back with their means.
//! Recording one also moves the person's assessment-due tasks on (see `due.rs`).

use super::plans::SpanRow;
use crate::audit::AuditEvent;
use crate::crypto::{key_version_of, open_field, seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::care::{next_due, AssessmentScores};
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::ids::PersonId;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// One assessment, decrypted and validated again on the way out.
#[derive(Clone, Debug)]
pub struct AssessmentView {
    pub id: String,
    pub assessed_on: Date,
    pub scores: AssessmentScores,
    pub recorded_by: String,
    pub recorded_at: String,
}

#[derive(FromRow)]
struct AssessmentRow {
    id: String,
    assessed_on: String,
    scores: Vec<u8>,
    username: String,
    recorded_at: String,
}

fn field(row: &str) -> FieldRef<'_> {
    FieldRef {
        table: "assessments",
        column: "scores",
        row,
    }
}

/// Opens one sealed score list with its person's key (for statistics, which read many at
/// once): `None` when it does not open or does not validate.
pub(crate) fn open_scores(
    key: &crate::crypto::DataKey,
    id: &str,
    sealed: &[u8],
) -> Option<AssessmentScores> {
    let plain = open_field(key, field(id), sealed)?;
    let raw: Vec<Vec<i64>> = serde_json::from_slice(&plain).ok()?;
    let raw: Vec<Option<Vec<i64>>> = raw.into_iter().map(Some).collect();
    AssessmentScores::parse(&raw).ok()
}

impl Store {
    /// Records an outcome assessment of a person. Also returns the dates of the person's
    /// first and latest assessments (this one included), which fix the next due date.
    pub async fn add_assessment(
        &self,
        p: &Principal,
        person: PersonId,
        assessed_on: Date,
        scores: &AssessmentScores,
        reason: &str,
    ) -> Result<(AssessmentView, Date, Date), StoreError> {
        self.check_person_member(p, person).await?;
        let pid = person.to_string();
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Person, &pid, 1)
            .await?
            .ok_or(StoreError::NotFound)?;
        let id = Uuid::now_v7().to_string();
        let json = serde_json::to_string(&scores.to_raw())
            .map_err(|_| StoreError::Internal("scores json".into()))?;
        let sealed = seal_field(&key, 1, field(&id), json.as_bytes());
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into assessments (id, person_id, org_id, assessed_on, scores, recorded_by, recorded_at)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&pid)
        .bind(p.org_id.to_string())
        .bind(date_text(assessed_on))
        .bind(sealed)
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("assessment.create", "assessment", Some(id.clone()), reason)
                .detail(serde_json::json!({ "person_id": pid })),
        )
        .await?;
        let span = sqlx::query(
            "select min(assessed_on) as first_on, max(assessed_on) as latest_on from assessments
             where person_id = $1",
        )
        .bind(&pid)
        .fetch_one(tx.conn()?)
        .await?;
        let span = SpanRow::from_row(&span)?;
        let day = |v: Option<String>| -> Result<Date, StoreError> {
            v.and_then(|v| parse_date("assessed_on", &v).ok())
                .ok_or_else(|| StoreError::Internal("bad assessment dates".into()))
        };
        let (first, latest) = (day(span.first_on)?, day(span.latest_on)?);
        self.advance_assessment_tasks(&mut tx, p, &pid, next_due(first, latest), reason)
            .await?;
        tx.commit().await?;
        let view = AssessmentView {
            id,
            assessed_on,
            scores: scores.clone(),
            recorded_by: p.username.clone(),
            recorded_at: now,
        };
        Ok((view, first, latest))
    }

    /// A person's assessments, oldest first. Empty once the person was erased (their key is
    /// gone). The read is audited before it is returned.
    pub async fn assessments(
        &self,
        p: &Principal,
        person: PersonId,
        reason: &str,
    ) -> Result<Vec<AssessmentView>, StoreError> {
        self.check_person_member(p, person).await?;
        let pid = person.to_string();
        let rows = sqlx::query(
            "select a.id, a.assessed_on, a.scores, u.username, a.recorded_at
             from assessments a join users u on u.id = a.recorded_by
             where a.person_id = $1 order by a.assessed_on, a.recorded_at, a.id",
        )
        .bind(&pid)
        .fetch_all(self.pool())
        .await?;
        let bad = |w: &str| StoreError::Internal(format!("bad assessment {w}"));
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let r = AssessmentRow::from_row(r)?;
            let (id, sealed) = (r.id, r.scores);
            let version = key_version_of(&sealed).ok_or(StoreError::Crypto("assessment header"))?;
            let Some(key) = self
                .keys()
                .get(self.ring(), OwnerKind::Person, &pid, version)
                .await?
            else {
                continue;
            };
            let plain = open_field(&key, field(&id), &sealed)
                .ok_or(StoreError::Crypto("assessment scores"))?;
            let raw: Vec<Vec<i64>> = serde_json::from_slice(&plain).map_err(|_| bad("scores"))?;
            let raw: Vec<Option<Vec<i64>>> = raw.into_iter().map(Some).collect();
            let scores = AssessmentScores::parse(&raw).map_err(|_| bad("scores"))?;
            out.push(AssessmentView {
                id,
                assessed_on: parse_date("assessed_on", &r.assessed_on).map_err(|_| bad("date"))?,
                scores,
                recorded_by: r.username,
                recorded_at: r.recorded_at,
            });
        }
        self.record(
            p.into(),
            vec![
                AuditEvent::new("assessment.read", "person", Some(pid), reason)
                    .detail(serde_json::json!({ "count": out.len() })),
            ],
        )
        .await?;
        Ok(out)
    }
}
