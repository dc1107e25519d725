//! Survivors' stories as the supporter side sees them (issue 13): a copy of the pseudonym and
//! text under an opaque token, which an update may include.
//!
//! The case side (`care/stories.rs`) publishes and withdraws; the statements on the supporter
//! tables live here, run inside the case side's write transaction, so a withdrawal deletes the
//! copy, blocks every update that includes it and cancels their queued messages in one commit.
//! Nothing here names a case or a person, and a supporter-care caller can only list the
//! copies of their organisation and pick one for an update.

use super::require_supporter_care;
use crate::audit::AuditEvent;
use crate::crypto::{open_field, seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError, WriteTx};
use libertas_domain::admin::Principal;
use libertas_domain::i18n::Lang;
use libertas_domain::FieldError;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A published story, for the update composer.
#[derive(Clone, Debug)]
pub struct PublishedStory {
    pub token: String,
    pub pseudonym: String,
    pub published_at: String,
}

/// What a published copy holds (sealed as JSON).
#[derive(Serialize, Deserialize)]
pub(crate) struct StoryCopy {
    pub pseudonym: String,
    pub text: String,
}

/// An update that had already gone out with a story when it was withdrawn.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct SentWithStory {
    pub subject: String,
    /// When its last message went out.
    pub sent_at: String,
    pub messages: i64,
}

/// What withdrawing one published copy did on the supporter side.
#[derive(Default)]
pub(crate) struct Unpublished {
    pub sent: Vec<SentWithStory>,
    pub updates_blocked: u64,
    pub messages_cancelled: u64,
}

pub(crate) fn copy_at(token: &str) -> FieldRef<'_> {
    FieldRef {
        table: "supporters.published_stories",
        column: "content",
        row: token,
    }
}

#[derive(sqlx::FromRow)]
struct CopyRow {
    token: String,
    content: Vec<u8>,
    published_at: String,
}

#[derive(sqlx::FromRow)]
struct UsingRow {
    id: String,
    key_version: i64,
    content: Vec<u8>,
    interests: String,
    sent: i64,
    last_sent: Option<String>,
}

impl Store {
    /// Opens the published copy `token`; `None` when it is gone (withdrawn) or its key is.
    pub(crate) async fn story_copy(&self, token: &str) -> Result<Option<StoryCopy>, StoreError> {
        let sealed: Option<Vec<u8>> =
            sqlx::query_scalar("select content from supporters.published_stories where token = $1")
                .bind(token)
                .fetch_optional(self.pool())
                .await?;
        let Some(sealed) = sealed else {
            return Ok(None);
        };
        let Some(key) = self
            .keys()
            .get(self.ring(), OwnerKind::SupporterStory, token, 1)
            .await?
        else {
            return Ok(None);
        };
        let plain =
            open_field(&key, copy_at(token), &sealed).ok_or(StoreError::Crypto("story copy"))?;
        serde_json::from_slice(&plain)
            .map(Some)
            .map_err(|e| StoreError::Internal(e.to_string()))
    }

    /// Seals a new copy under a new key of its own; answers (token, sealed content) for
    /// [`Store::insert_story_copy`]. The key is made before the write transaction (the key store is
    /// another database); if that write fails, the key seals nothing.
    pub(crate) async fn seal_story_copy(
        &self,
        copy: &StoryCopy,
    ) -> Result<(String, Vec<u8>), StoreError> {
        let token = super::new_token();
        let key = self
            .keys()
            .create(self.ring(), OwnerKind::SupporterStory, &token)
            .await?;
        let plain = serde_json::to_vec(copy).map_err(|e| StoreError::Internal(e.to_string()))?;
        let sealed = seal_field(&key, 1, copy_at(&token), &plain);
        Ok((token, sealed))
    }

    /// Destroys a withdrawn copy's key and wipes it from the key store's files (after the
    /// write that deleted the copy has committed).
    pub(crate) async fn destroy_story_copy_key(&self, token: &str) -> Result<(), StoreError> {
        let destroyed = self
            .keys()
            .destroy(OwnerKind::SupporterStory, token)
            .await?;
        let _residue = self.scrub_keys(destroyed).await?;
        Ok(())
    }

    /// Deletes the copy `token` and stops every update that includes it: updates not yet
    /// fully sent can never be sent (`blocked`), their queued messages are cancelled, and the
    /// updates that already went out with it are answered for the story's staff. Each update
    /// touched gets an audit event with counts.
    pub(crate) async fn unpublish_story_copy(
        &self,
        tx: &mut WriteTx<'_>,
        token: &str,
        reason: &str,
    ) -> Result<Unpublished, StoreError> {
        let now = clock::now_text();
        sqlx::query("delete from supporters.published_stories where token = $1")
            .bind(token)
            .execute(tx.conn()?)
            .await?;
        let using = sqlx::query_as::<_, UsingRow>(
            "select u.id, u.key_version, u.content, u.interests,
                    (select count(*) from supporters.outbox o
                     where o.update_id = u.id and o.status = 'sent') as sent,
                    (select max(o.sent_at) from supporters.outbox o
                     where o.update_id = u.id and o.status = 'sent') as last_sent
             from supporters.updates u where u.story_token = $1 order by u.created_at, u.id",
        )
        .bind(token)
        .fetch_all(tx.conn()?)
        .await?;
        let mut out = Unpublished::default();
        for u in using {
            let cancelled = sqlx::query(
                "update supporters.outbox set status = 'cancelled'
                 where update_id = $1 and status = 'queued'",
            )
            .bind(&u.id)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
            let blocked = sqlx::query(
                "update supporters.updates set blocked = 'story_withdrawn', blocked_at = $2,
                     updated_at = $2
                 where id = $1 and blocked is null",
            )
            .bind(&u.id)
            .bind(&now)
            .execute(tx.conn()?)
            .await?
            .rows_affected();
            out.messages_cancelled += cancelled;
            out.updates_blocked += blocked;
            if u.sent > 0 {
                out.sent.push(SentWithStory {
                    subject: self.update_subject(&u).await?,
                    sent_at: u.last_sent.clone().unwrap_or_default(),
                    messages: u.sent,
                });
            }
            tx.audit(
                AuditEvent::new(
                    "supporter.update.block",
                    "supporter_update",
                    Some(u.id.clone()),
                    reason,
                )
                .detail(json!({ "cause": "story_withdrawn", "cancelled": cancelled,
                                "already_sent": u.sent })),
            )
            .await?;
        }
        Ok(out)
    }

    /// The subject of an update for a notice: its English text's, else its first language's.
    async fn update_subject(&self, u: &UsingRow) -> Result<String, StoreError> {
        let key = self
            .keys()
            .get(
                self.ring(),
                OwnerKind::SupporterUpdate,
                &u.id,
                u32::try_from(u.key_version).unwrap_or(1),
            )
            .await?;
        let Some(key) = key else {
            return Ok(String::new());
        };
        let at = FieldRef {
            table: "supporters.updates",
            column: "content",
            row: &u.id,
        };
        let draft = open_field(&key, at, &u.content).and_then(|b| {
            libertas_domain::supporters::UpdateDraft::from_sealed_form(&b, &u.interests)
        });
        Ok(draft
            .and_then(|d| {
                d.text_for(Lang::En)
                    .or_else(|| Lang::ALL.into_iter().find_map(|l| d.text_for(l)))
                    .map(|t| t.subject.as_str().to_owned())
            })
            .unwrap_or_default())
    }

    /// Writes a copy sealed by [`Store::seal_story_copy`] for organisation `org`.
    pub(crate) async fn insert_story_copy(
        tx: &mut WriteTx<'_>,
        token: &str,
        org: &str,
        sealed: &[u8],
    ) -> Result<(), StoreError> {
        sqlx::query(
            "insert into supporters.published_stories (token, org_id, content, published_at)
             values ($1, $2, $3, $4)",
        )
        .bind(token)
        .bind(org)
        .bind(sealed)
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?;
        Ok(())
    }

    /// The published stories of the caller's organisation, newest first, for the composer.
    pub async fn published_stories(
        &self,
        p: &Principal,
    ) -> Result<Vec<PublishedStory>, StoreError> {
        require_supporter_care(p)?;
        let rows = sqlx::query_as::<_, CopyRow>(
            "select token, content, published_at from supporters.published_stories
             where org_id = $1 order by published_at desc, token",
        )
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let Some(key) = self
                .keys()
                .get(self.ring(), OwnerKind::SupporterStory, &r.token, 1)
                .await?
            else {
                continue;
            };
            let plain = open_field(&key, copy_at(&r.token), &r.content)
                .ok_or(StoreError::Crypto("story copy"))?;
            let copy: StoryCopy =
                serde_json::from_slice(&plain).map_err(|e| StoreError::Internal(e.to_string()))?;
            out.push(PublishedStory {
                token: r.token,
                pseudonym: copy.pseudonym,
                published_at: r.published_at,
            });
        }
        Ok(out)
    }

    /// Includes the published story `token` in a draft or scheduled update (`None`: no story).
    /// A token that is not one of the organisation's published stories is a field error on
    /// `story`. Choosing again lifts a block caused by a withdrawn story.
    pub async fn update_set_story(
        &self,
        p: &Principal,
        id: &str,
        token: Option<&str>,
    ) -> Result<(), StoreError> {
        require_supporter_care(p)?;
        let org = p.org_id.to_string();
        let row = self.update_row(id, Some(&org)).await?;
        if !row.status().editable() {
            return Err(StoreError::Conflict("update_sent"));
        }
        let mut tx = self.write(p.into()).await?;
        if let Some(t) = token {
            let known = sqlx::query(
                "select 1 from supporters.published_stories where token = $1 and org_id = $2",
            )
            .bind(t)
            .bind(&org)
            .fetch_optional(tx.conn()?)
            .await?
            .is_some();
            if !known {
                return Err(FieldError::new("story", "is not a published story").into());
            }
        }
        let changed = sqlx::query(
            "update supporters.updates set story_token = $2, blocked = null, blocked_at = null,
                 updated_at = $3
             where id = $1 and status in ('draft', 'scheduled')",
        )
        .bind(id)
        .bind(token)
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict("update_sent"));
        }
        tx.audit(
            AuditEvent::new(
                "supporter.update.story",
                "supporter_update",
                Some(id.to_owned()),
                "compose update",
            )
            .detail(json!({ "story": token.is_some() })),
        )
        .await?;
        tx.commit().await
    }
}
