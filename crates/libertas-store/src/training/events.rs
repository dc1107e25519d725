//! Training events, scoped to the organisation. Counts, dates and audience codes are plain;
//! the topic and the place are typed freely ("lessons from the case of …", a venue) and are
//! sealed under the master-derived `programme` key (migration 0014), bound to the row.

use super::{open_programme_text, require_train};
use crate::audit::AuditEvent;
use crate::crypto::{seal_text, Keyring};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::training::{Audience, MeanScore, NewTraining, Participants, Place, Topic};
use sqlx::FromRow;
use uuid::Uuid;

/// A stored training event.
#[derive(Clone, Debug)]
pub struct TrainingView {
    pub id: String,
    pub event: NewTraining,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

const SELECT: &str = "select t.id, t.topic, t.held_on, t.place, t.audiences, t.police,
        t.prosecutor, t.judge, t.social_worker, t.other, t.pre_score_tenths,
        t.post_score_tenths, u.username, t.created_at, t.updated_at
     from training_events t join users u on u.id = t.created_by";

/// Who made a training event and when, kept by an update.
#[derive(FromRow)]
struct MadeRow {
    username: String,
    created_at: String,
}

fn bad(what: &str) -> StoreError {
    StoreError::Internal(format!("bad training {what}"))
}

/// A row of [`SELECT`]: topic and place sealed, counts per audience in `Audience::ALL` order.
#[derive(FromRow)]
struct TrainingRow {
    id: String,
    topic: Option<Vec<u8>>,
    held_on: String,
    place: Option<Vec<u8>>,
    audiences: String,
    police: i64,
    prosecutor: i64,
    judge: i64,
    social_worker: i64,
    other: i64,
    pre_score_tenths: Option<i64>,
    post_score_tenths: Option<i64>,
    username: String,
    created_at: String,
    updated_at: String,
}

fn from_row(ring: &Keyring, r: &sqlx::any::AnyRow) -> Result<TrainingView, StoreError> {
    let r = TrainingRow::from_row(r)?;
    let id = r.id;
    let topic = open_programme_text(ring, TABLE, "topic", &id, r.topic)?;
    let place = open_programme_text(ring, TABLE, "place", &id, r.place)?;
    let audiences = r
        .audiences
        .split(',')
        .filter(|a| !a.is_empty())
        .map(|a| Audience::parse(a, "audiences").map_err(|_| bad("audience")))
        .collect::<Result<Vec<_>, _>>()?;
    let counts = [r.police, r.prosecutor, r.judge, r.social_worker, r.other];
    let score = |tenths: Option<i64>| -> Result<Option<MeanScore>, StoreError> {
        tenths
            .map(|t| MeanScore::from_tenths(t, "score").map_err(|_| bad("score")))
            .transpose()
    };
    Ok(TrainingView {
        id,
        event: NewTraining {
            topic: Topic::parse(&topic).map_err(|_| bad("topic"))?,
            held_on: parse_date("held_on", &r.held_on).map_err(|_| bad("date"))?,
            place: Place::parse(&place).map_err(|_| bad("place"))?,
            audiences,
            participants: Participants::parse(counts).map_err(|_| bad("participants"))?,
            pre_score: score(r.pre_score_tenths)?,
            post_score: score(r.post_score_tenths)?,
        },
        created_by: r.username,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

const TABLE: &str = "training_events";

fn seal(ring: &Keyring, id: &str, column: &str, value: &str) -> Vec<u8> {
    seal_text(&ring.programme, TABLE, column, id, value)
}

fn audiences_text(e: &NewTraining) -> String {
    Audience::ALL
        .iter()
        .filter(|a| e.audiences.contains(a))
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

impl Store {
    /// Records a training event of the caller's organisation.
    pub async fn create_training(
        &self,
        p: &Principal,
        e: &NewTraining,
        reason: &str,
    ) -> Result<TrainingView, StoreError> {
        require_train(p)?;
        e.check()?;
        let id = Uuid::now_v7().to_string();
        let now = clock::now_text();
        let n = |a| i64::from(e.participants.get(a));
        let ring = self.ring();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into training_events (id, org_id, topic, held_on, place, audiences, police,
                prosecutor, judge, social_worker, other, pre_score_tenths, post_score_tenths,
                created_by, created_at, updated_at, topic_legacy, place_legacy)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15,
                '', '')",
        )
        .bind(&id)
        .bind(p.org_id.to_string())
        .bind(seal(ring, &id, "topic", e.topic.as_str()))
        .bind(date_text(e.held_on))
        .bind(seal(ring, &id, "place", e.place.as_str()))
        .bind(audiences_text(e))
        .bind(n(Audience::Police))
        .bind(n(Audience::Prosecutor))
        .bind(n(Audience::Judge))
        .bind(n(Audience::SocialWorker))
        .bind(n(Audience::Other))
        .bind(e.pre_score.map(|s| i64::from(s.tenths())))
        .bind(e.post_score.map(|s| i64::from(s.tenths())))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("training.create", "training", Some(id.clone()), reason)
                .detail(serde_json::json!({ "participants": e.participants.total() })),
        )
        .await?;
        tx.commit().await?;
        Ok(TrainingView {
            id,
            event: e.clone(),
            created_by: p.username.clone(),
            created_at: now.clone(),
            updated_at: now,
        })
    }

    /// Replaces a training event's fields. `NotFound` for another organisation's event.
    pub async fn update_training(
        &self,
        p: &Principal,
        id: Uuid,
        e: &NewTraining,
        reason: &str,
    ) -> Result<TrainingView, StoreError> {
        require_train(p)?;
        e.check()?;
        let tid = id.to_string();
        let now = clock::now_text();
        let n = |a| i64::from(e.participants.get(a));
        let ring = self.ring();
        let mut tx = self.write(p.into()).await?;
        let made = sqlx::query_as::<_, MadeRow>(
            "select u.username, t.created_at from training_events t
             join users u on u.id = t.created_by where t.id = $1 and t.org_id = $2",
        )
        .bind(&tid)
        .bind(p.org_id.to_string())
        .fetch_optional(tx.conn()?)
        .await?
        .ok_or(StoreError::NotFound)?;
        let done = sqlx::query(
            "update training_events set topic = $1, held_on = $2, place = $3, audiences = $4,
                police = $5, prosecutor = $6, judge = $7, social_worker = $8, other = $9,
                pre_score_tenths = $10, post_score_tenths = $11, updated_at = $12,
                topic_legacy = '', place_legacy = ''
             where id = $13 and org_id = $14",
        )
        .bind(seal(ring, &tid, "topic", e.topic.as_str()))
        .bind(date_text(e.held_on))
        .bind(seal(ring, &tid, "place", e.place.as_str()))
        .bind(audiences_text(e))
        .bind(n(Audience::Police))
        .bind(n(Audience::Prosecutor))
        .bind(n(Audience::Judge))
        .bind(n(Audience::SocialWorker))
        .bind(n(Audience::Other))
        .bind(e.pre_score.map(|s| i64::from(s.tenths())))
        .bind(e.post_score.map(|s| i64::from(s.tenths())))
        .bind(&now)
        .bind(&tid)
        .bind(p.org_id.to_string())
        .execute(tx.conn()?)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(AuditEvent::new(
            "training.update",
            "training",
            Some(tid.clone()),
            reason,
        ))
        .await?;
        tx.commit().await?;
        // As it reads back: the audiences in their stored order.
        let mut event = e.clone();
        event.audiences = Audience::ALL
            .iter()
            .copied()
            .filter(|a| e.audiences.contains(a))
            .collect();
        Ok(TrainingView {
            id: tid,
            event,
            created_by: made.username,
            created_at: made.created_at,
            updated_at: now,
        })
    }

    /// The organisation's training events, newest first. Any case role may read them.
    pub async fn trainings(&self, p: &Principal) -> Result<Vec<TrainingView>, StoreError> {
        super::require_case_side(p)?;
        let sql = format!("{SELECT} where t.org_id = $1 order by t.held_on desc, t.id desc");
        let rows = sqlx::query(&sql)
            .bind(p.org_id.to_string())
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(|r| from_row(self.ring(), r)).collect()
    }

    /// One training event of the caller's organisation.
    pub async fn training(&self, p: &Principal, id: Uuid) -> Result<TrainingView, StoreError> {
        super::require_case_side(p)?;
        let sql = format!("{SELECT} where t.id = $1 and t.org_id = $2");
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .bind(p.org_id.to_string())
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        from_row(self.ring(), &row)
    }
}
