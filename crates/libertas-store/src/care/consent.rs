//! Consent records: given, then possibly withdrawn; history kept, the newest record wins.

use crate::audit::AuditEvent;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::care::{ConsentAnswers, Purpose, RetentionMonths};
use libertas_domain::ids::PersonId;
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

/// One consent record as stored. `kind` is `given` or `withdrawal`.
#[derive(Clone, Debug, Serialize)]
pub struct ConsentView {
    pub id: String,
    pub kind: String,
    #[serde(skip)]
    pub answers: ConsentAnswers,
    pub recorded_by: String,
    pub recorded_at: String,
}

const SELECT: &str =
    "select c.id, c.kind, c.interview, c.purpose_explained, c.data_use, c.data_sharing,
        c.research_use, c.storytelling, c.right_to_see_explained, c.withdrawal_explained, c.retention_months,
        u.username, c.recorded_at
     from consents c join users u on u.id = c.recorded_by
     where c.person_id = $1 order by c.recorded_at desc, c.id desc";

/// A row of [`SELECT`]; the answers are stored as integers 0/1 on both backends.
#[derive(FromRow)]
struct ConsentRow {
    id: String,
    kind: String,
    interview: i64,
    purpose_explained: i64,
    data_use: i64,
    data_sharing: i64,
    research_use: i64,
    storytelling: i64,
    right_to_see_explained: i64,
    withdrawal_explained: i64,
    retention_months: i64,
    username: String,
    recorded_at: String,
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<ConsentView, StoreError> {
    let r = ConsentRow::from_row(r)?;
    Ok(ConsentView {
        id: r.id,
        kind: r.kind,
        answers: ConsentAnswers {
            interview: r.interview != 0,
            purpose_explained: r.purpose_explained != 0,
            data_use: r.data_use != 0,
            data_sharing: r.data_sharing != 0,
            research_use: r.research_use != 0,
            storytelling: r.storytelling != 0,
            right_to_see_explained: r.right_to_see_explained != 0,
            withdrawal_explained: r.withdrawal_explained != 0,
            retention: RetentionMonths::parse(r.retention_months)
                .map_err(|_| StoreError::Internal("bad retention".into()))?,
        },
        recorded_by: r.username,
        recorded_at: r.recorded_at,
    })
}

impl Store {
    /// Records a person's consent answers (a new record; earlier ones stay as history).
    pub async fn record_consent(
        &self,
        p: &Principal,
        person: PersonId,
        answers: &ConsentAnswers,
        reason: &str,
    ) -> Result<ConsentView, StoreError> {
        self.check_person_member(p, person).await?;
        self.insert_consent(p, person, "given", answers, reason)
            .await
    }

    /// Withdraws consent for `purposes` (everything when empty) by recording a newer record
    /// with those answers turned to no. From then on `consent_allows` refuses them, so any
    /// sharing the withdrawn consent covered stops. `NotFound` when no consent was recorded.
    pub async fn withdraw_consent(
        &self,
        p: &Principal,
        person: PersonId,
        purposes: &[Purpose],
        reason: &str,
    ) -> Result<ConsentView, StoreError> {
        self.check_person_member(p, person).await?;
        let row = sqlx::query(SELECT)
            .bind(person.to_string())
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let answers = from_row(&row)?.answers.withdraw(purposes);
        self.insert_consent(p, person, "withdrawal", &answers, reason)
            .await
    }

    async fn insert_consent(
        &self,
        p: &Principal,
        person: PersonId,
        kind: &str,
        a: &ConsentAnswers,
        reason: &str,
    ) -> Result<ConsentView, StoreError> {
        let id = Uuid::now_v7().to_string();
        let now = clock::now_text();
        self.journal_consent(kind, &id, person, p, a, &now).await?;
        let b = |v: bool| i64::from(v);
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into consents (id, person_id, org_id, kind, interview, purpose_explained, data_use,
                data_sharing, research_use, storytelling, right_to_see_explained,
                withdrawal_explained, retention_months, recorded_by, recorded_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(&id)
        .bind(person.to_string())
        .bind(p.org_id.to_string())
        .bind(kind)
        .bind(b(a.interview))
        .bind(b(a.purpose_explained))
        .bind(b(a.data_use))
        .bind(b(a.data_sharing))
        .bind(b(a.research_use))
        .bind(b(a.storytelling))
        .bind(b(a.right_to_see_explained))
        .bind(b(a.withdrawal_explained))
        .bind(i64::from(a.retention.get()))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        let action = if kind == "given" {
            "consent.record"
        } else {
            "consent.withdraw"
        };
        tx.audit(
            AuditEvent::new(action, "consent", Some(id.clone()), reason)
                .detail(serde_json::json!({ "person_id": person.to_string() })),
        )
        .await?;
        // A current consent that no longer covers storytelling takes the person's published
        // stories back in this same write (`stories.rs`).
        let withdrawn = if a.allows(Purpose::Storytelling) {
            super::stories::Withdrawn::default()
        } else {
            self.withdraw_stories(&mut tx, &person.to_string(), None, "consent", reason)
                .await?
        };
        tx.commit().await?;
        self.destroy_copies(withdrawn).await?;
        Ok(ConsentView {
            id,
            kind: kind.to_owned(),
            answers: *a,
            recorded_by: p.username.clone(),
            recorded_at: now,
        })
    }

    /// A person's consent records, newest first (the first is the current consent).
    /// The read is audited.
    pub async fn consents(
        &self,
        p: &Principal,
        person: PersonId,
        reason: &str,
    ) -> Result<Vec<ConsentView>, StoreError> {
        self.check_person_member(p, person).await?;
        let rows = sqlx::query(SELECT)
            .bind(person.to_string())
            .fetch_all(self.pool())
            .await?;
        let out = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("consent.read", "person", Some(person.to_string()), reason)
                    .detail(serde_json::json!({ "count": out.len() })),
            ],
        )
        .await?;
        Ok(out)
    }

    /// Whether the person's current (newest) consent allows `purpose`. No consent on record,
    /// or a withdrawal covering the purpose, means no. Features that share or use data
    /// (referrals, research exports) call this first; the caller must be able to see the
    /// person. The check is audited, since it reveals a fact about the person.
    pub async fn consent_allows(
        &self,
        p: &Principal,
        person: PersonId,
        purpose: Purpose,
        reason: &str,
    ) -> Result<bool, StoreError> {
        self.check_person_member(p, person).await?;
        let row = sqlx::query(SELECT)
            .bind(person.to_string())
            .fetch_optional(self.pool())
            .await?;
        let allowed = match row {
            Some(r) => from_row(&r)?.answers.allows(purpose),
            None => false,
        };
        self.record(
            p.into(),
            vec![
                AuditEvent::new("consent.check", "person", Some(person.to_string()), reason)
                    .detail(serde_json::json!({ "purpose": purpose.as_str(), "allowed": allowed })),
            ],
        )
        .await?;
        Ok(allowed)
    }
}
