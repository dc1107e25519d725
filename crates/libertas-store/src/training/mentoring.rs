//! Mentoring sessions: plain date, type and duration; the topic sealed under the
//! master-derived `programme` key (migration 0014: it is typed freely and may name a case);
//! notes sealed under a data key of the session (owner kind `mentoring`), opened only for
//! trainers and admins.

use super::{open_programme_text, require_train};
use crate::audit::AuditEvent;
use crate::crypto::{key_version_of, open_field, seal_field, seal_text, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::{Capability, Principal};
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::training::{Audience, NewMentoring};
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// A stored mentoring session. `notes` is `None` when there are none or the caller's role may
/// not read them.
#[derive(Clone, Debug)]
pub struct MentoringView {
    pub id: String,
    pub held_on: Date,
    pub mentee_type: Audience,
    pub topic: String,
    pub duration_minutes: i64,
    pub notes: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

fn at(row: &str) -> FieldRef<'_> {
    FieldRef {
        table: "mentoring_sessions",
        column: "notes",
        row,
    }
}

/// A session as stored: topic sealed under the programme key, notes under their own key.
#[derive(FromRow)]
struct MentoringRow {
    id: String,
    held_on: String,
    mentee_type: String,
    topic: Option<Vec<u8>>,
    duration_minutes: i64,
    notes: Option<Vec<u8>>,
    username: String,
    created_at: String,
}

impl Store {
    /// Records a mentoring session of the caller's organisation.
    pub async fn add_mentoring(
        &self,
        p: &Principal,
        m: &NewMentoring,
        reason: &str,
    ) -> Result<MentoringView, StoreError> {
        require_train(p)?;
        let id = Uuid::now_v7().to_string();
        let sealed = match &m.notes {
            Some(n) => {
                let key = self
                    .keys()
                    .create(self.ring(), OwnerKind::Mentoring, &id)
                    .await?;
                Some(seal_field(&key, 1, at(&id), n.as_str().as_bytes()))
            }
            None => None,
        };
        let topic = seal_text(
            &self.ring().programme,
            "mentoring_sessions",
            "topic",
            &id,
            m.topic.as_str(),
        );
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into mentoring_sessions (id, org_id, held_on, mentee_type, topic,
                duration_minutes, notes, created_by, created_at, topic_legacy)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, '')",
        )
        .bind(&id)
        .bind(p.org_id.to_string())
        .bind(date_text(m.held_on))
        .bind(m.mentee_type.as_str())
        .bind(topic)
        .bind(i64::from(m.duration_minutes))
        .bind(sealed)
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("mentoring.create", "mentoring", Some(id.clone()), reason)
                .detail(serde_json::json!({ "mentee_type": m.mentee_type.as_str() })),
        )
        .await?;
        tx.commit().await?;
        Ok(MentoringView {
            id,
            held_on: m.held_on,
            mentee_type: m.mentee_type,
            topic: m.topic.as_str().to_owned(),
            duration_minutes: i64::from(m.duration_minutes),
            notes: m.notes.as_ref().map(|n| n.as_str().to_owned()),
            created_by: p.username.clone(),
            created_at: now,
        })
    }

    /// The organisation's mentoring sessions, newest first. Notes are opened (and the read
    /// audited) only for roles that record training.
    pub async fn mentoring_sessions(
        &self,
        p: &Principal,
        reason: &str,
    ) -> Result<Vec<MentoringView>, StoreError> {
        super::require_case_side(p)?;
        let rows = sqlx::query_as::<_, MentoringRow>(
            "select m.id, m.held_on, m.mentee_type, m.topic, m.duration_minutes, m.notes,
                u.username, m.created_at
             from mentoring_sessions m join users u on u.id = m.created_by
             where m.org_id = $1 order by m.held_on desc, m.id desc",
        )
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let bad = |w: &str| StoreError::Internal(format!("bad mentoring {w}"));
        let may_read = p.can(Capability::Train);
        let mut out = Vec::with_capacity(rows.len());
        let mut opened = 0usize;
        for r in rows {
            let id = r.id;
            let mut notes = None;
            if let (true, Some(s)) = (may_read, r.notes) {
                let version = key_version_of(&s).ok_or(StoreError::Crypto("mentoring header"))?;
                if let Some(key) = self
                    .keys()
                    .get(self.ring(), OwnerKind::Mentoring, &id, version)
                    .await?
                {
                    let plain = open_field(&key, at(&id), &s)
                        .ok_or(StoreError::Crypto("mentoring notes"))?;
                    notes = Some(
                        String::from_utf8(plain.to_vec())
                            .map_err(|_| StoreError::Crypto("mentoring utf-8"))?,
                    );
                    opened += 1;
                }
            }
            out.push(MentoringView {
                held_on: parse_date("held_on", &r.held_on).map_err(|_| bad("date"))?,
                mentee_type: Audience::parse(&r.mentee_type, "mentee_type")
                    .map_err(|_| bad("type"))?,
                topic: open_programme_text(
                    self.ring(),
                    "mentoring_sessions",
                    "topic",
                    &id,
                    r.topic,
                )?,
                duration_minutes: r.duration_minutes,
                notes,
                created_by: r.username,
                created_at: r.created_at,
                id,
            });
        }
        if opened > 0 {
            self.record(
                p.into(),
                vec![AuditEvent::new("mentoring.read", "mentoring", None, reason)
                    .detail(serde_json::json!({ "notes_opened": opened }))],
            )
            .await?;
        }
        Ok(out)
    }
}
