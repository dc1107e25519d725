//! Survivors' stories (issue 13): written by the survivor's care staff, published to the
//! supporter side only while the survivor's current consent covers storytelling, withdrawn
//! everywhere the system controls as soon as it no longer does.
//!
//! The pseudonym and text are sealed under the person's key. Publishing copies them to the
//! supporter store under an opaque token (`supporters/stories.rs`); no case or person id
//! crosses. Withdrawing, whether of the story or of the consent (any newer consent record not
//! covering storytelling), runs in the same write transaction as that change: the copy is
//! deleted, updates including it are blocked and their queued messages cancelled, and the
//! updates that already went out with it are sealed into the story's `notice` for its staff.
//! The copy's own key is destroyed once that write has committed.

use crate::audit::AuditEvent;
use crate::crypto::FieldRef;
use crate::supporters::stories::{SentWithStory, StoryCopy};
use crate::{clock, Store, StoreError, WriteTx};
use libertas_domain::admin::Principal;
use libertas_domain::care::{check_pseudonym, NewStory, StoryId, StoryStatus};
use libertas_domain::ids::PersonId;
use libertas_domain::FieldError;
use serde_json::json;
use sqlx::FromRow;
use uuid::Uuid;

use super::sealed::seal;

/// A story, opened for its staff (`None` texts once the person was erased).
#[derive(Clone, Debug)]
pub struct StoryView {
    pub id: StoryId,
    pub pseudonym: Option<String>,
    pub text: Option<String>,
    pub status: StoryStatus,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
    pub published_at: Option<String>,
    pub withdrawn_at: Option<String>,
    /// The updates that had already gone out with it when it was withdrawn.
    pub sent_before_withdrawal: Vec<SentWithStory>,
}

#[derive(FromRow)]
struct StoryRow {
    id: String,
    person_id: String,
    pseudonym: Vec<u8>,
    body: Vec<u8>,
    status: String,
    token: Option<String>,
    notice: Option<Vec<u8>>,
    username: String,
    created_at: String,
    updated_at: String,
    published_at: Option<String>,
    withdrawn_at: Option<String>,
}

const SELECT: &str = "select s.id, s.person_id, s.pseudonym, s.body, s.status, s.token, s.notice,
        u.username, s.created_at, s.updated_at, s.published_at, s.withdrawn_at
     from stories s join users u on u.id = s.created_by";

fn at<'a>(column: &'a str, row: &'a str) -> FieldRef<'a> {
    FieldRef {
        table: "stories",
        column,
        row,
    }
}

/// What withdrawing a person's published stories did, for the audit events.
#[derive(Default)]
pub(crate) struct Withdrawn {
    /// Tokens of the deleted copies, whose keys go once the write has committed.
    pub tokens: Vec<String>,
}

impl Store {
    /// The story `id` if the caller may see its person (else `NotFound`).
    async fn story_row(&self, p: &Principal, id: StoryId) -> Result<StoryRow, StoreError> {
        crate::cases::require_case_work(p)?;
        let row =
            sqlx::query_as::<_, StoryRow>(&format!("{SELECT} where s.id = $1 and s.org_id = $2"))
                .bind(id.to_string())
                .bind(p.org_id.to_string())
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::NotFound)?;
        let person: PersonId = row
            .person_id
            .parse()
            .map_err(|_| StoreError::Internal("bad person id".into()))?;
        self.check_person_member(p, person).await?;
        Ok(row)
    }

    /// Refuses a pseudonym sharing a name token with the person's real names (field error on
    /// `pseudonym`). The names are opened here, inside the store, and never leave it.
    async fn check_story_pseudonym(&self, pid: &str, story: &NewStory) -> Result<(), StoreError> {
        let names = self.person_basics(pid).await?.name.unwrap_or_default();
        check_pseudonym(&story.pseudonym, &[&names]).map_err(StoreError::Invalid)
    }

    /// Writes a new draft story about `person`.
    #[tracing::instrument(skip_all)]
    pub async fn story_create(
        &self,
        p: &Principal,
        person: PersonId,
        story: &NewStory,
        reason: &str,
    ) -> Result<StoryId, StoreError> {
        self.check_person_member(p, person).await?;
        let pid = person.to_string();
        self.check_story_pseudonym(&pid, story).await?;
        let key = self.person_key(&pid).await?;
        let id = StoryId::from_uuid(Uuid::now_v7());
        let sid = id.to_string();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into stories (id, person_id, org_id, pseudonym, body, status, token, notice,
                 created_by, created_at, updated_by, updated_at, published_at, withdrawn_at)
             values ($1, $2, $3, $4, $5, 'draft', null, null, $6, $7, $6, $7, null, null)",
        )
        .bind(&sid)
        .bind(&pid)
        .bind(p.org_id.to_string())
        .bind(seal(
            &key,
            "stories",
            "pseudonym",
            &sid,
            story.pseudonym.as_str(),
        ))
        .bind(seal(&key, "stories", "body", &sid, story.text.as_str()))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("story.create", "story", Some(sid.clone()), reason)
                .detail(json!({ "person_id": pid })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces a draft story's pseudonym and text (`Conflict` once published or withdrawn:
    /// what went out cannot be changed behind the supporters' backs).
    #[tracing::instrument(skip_all)]
    pub async fn story_edit(
        &self,
        p: &Principal,
        id: StoryId,
        story: &NewStory,
        reason: &str,
    ) -> Result<(), StoreError> {
        let row = self.story_row(p, id).await?;
        if row.status != StoryStatus::Draft.as_str() {
            return Err(StoreError::Conflict("story_not_draft"));
        }
        self.check_story_pseudonym(&row.person_id, story).await?;
        let key = self.person_key(&row.person_id).await?;
        let mut tx = self.write(p.into()).await?;
        let changed = sqlx::query(
            "update stories set pseudonym = $2, body = $3, updated_by = $4, updated_at = $5
             where id = $1 and status = 'draft'",
        )
        .bind(&row.id)
        .bind(seal(
            &key,
            "stories",
            "pseudonym",
            &row.id,
            story.pseudonym.as_str(),
        ))
        .bind(seal(&key, "stories", "body", &row.id, story.text.as_str()))
        .bind(p.user_id.to_string())
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict("story_not_draft"));
        }
        tx.audit(
            AuditEvent::new("story.edit", "story", Some(row.id.clone()), reason)
                .detail(json!({ "person_id": row.person_id })),
        )
        .await?;
        tx.commit().await
    }

    /// Publishes a draft story: copies it to the supporter side, where updates may include
    /// it. Refused (`Conflicting` on `storytelling`) unless the person's current consent
    /// covers storytelling, checked inside the write transaction so a withdrawal cannot slip
    /// in between.
    #[tracing::instrument(skip_all)]
    pub async fn story_publish(
        &self,
        p: &Principal,
        id: StoryId,
        reason: &str,
    ) -> Result<(), StoreError> {
        let row = self.story_row(p, id).await?;
        if row.status != StoryStatus::Draft.as_str() {
            return Err(StoreError::Conflict("story_not_draft"));
        }
        let open = |column: &'static str, sealed: Vec<u8>| {
            let pid = row.person_id.clone();
            let sid = row.id.clone();
            async move {
                self.open_person_text(&pid, at(column, &sid), &sealed)
                    .await?
                    .ok_or(StoreError::NotFound)
            }
        };
        let copy = StoryCopy {
            pseudonym: open("pseudonym", row.pseudonym.clone()).await?,
            text: open("body", row.body.clone()).await?,
        };
        let (token, sealed) = self.seal_story_copy(&copy).await?;
        let mut tx = self.write(p.into()).await?;
        if !storytelling_now(&mut tx, &row.person_id).await? {
            return Err(StoreError::Conflicting(FieldError::new(
                "storytelling",
                "the survivor's current consent does not cover storytelling",
            )));
        }
        let now = clock::now_text();
        let changed = sqlx::query(
            "update stories set status = 'published', token = $2, published_at = $3,
                 updated_by = $4, updated_at = $3
             where id = $1 and status = 'draft'",
        )
        .bind(&row.id)
        .bind(&token)
        .bind(&now)
        .bind(p.user_id.to_string())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict("story_not_draft"));
        }
        Store::insert_story_copy(&mut tx, &token, &p.org_id.to_string(), &sealed).await?;
        tx.audit(
            AuditEvent::new("story.publish", "story", Some(row.id.clone()), reason)
                .detail(json!({ "person_id": row.person_id })),
        )
        .await?;
        tx.commit().await
    }

    /// Withdraws a story (draft or published): a published copy is taken back everywhere
    /// (see the module's comment). A withdrawn story stays withdrawn.
    #[tracing::instrument(skip_all)]
    pub async fn story_withdraw(
        &self,
        p: &Principal,
        id: StoryId,
        reason: &str,
    ) -> Result<(), StoreError> {
        let row = self.story_row(p, id).await?;
        if row.status == StoryStatus::Withdrawn.as_str() {
            return Err(StoreError::Conflict("story_withdrawn"));
        }
        let mut tx = self.write(p.into()).await?;
        let done = self
            .withdraw_stories(&mut tx, &row.person_id, Some(&row.id), "story", reason)
            .await?;
        tx.commit().await?;
        self.destroy_copies(done).await
    }

    /// Withdraws the person's stories (or only `only`) inside `tx`: the drafts simply become
    /// withdrawn when `only` names them; published ones are taken back from the supporter
    /// side. `cause` (`story` or `consent`) goes into the audit events.
    pub(crate) async fn withdraw_stories(
        &self,
        tx: &mut WriteTx<'_>,
        pid: &str,
        only: Option<&str>,
        cause: &'static str,
        reason: &str,
    ) -> Result<Withdrawn, StoreError> {
        let rows = sqlx::query_as::<_, StoryRow>(&format!(
            "{SELECT} where s.person_id = $1 and ($2 = '' or s.id = $2)
               and (s.status = 'published' or ($2 <> '' and s.status = 'draft'))"
        ))
        .bind(pid)
        .bind(only.unwrap_or_default())
        .fetch_all(tx.conn()?)
        .await?;
        let mut out = Withdrawn::default();
        if rows.is_empty() {
            return Ok(out);
        }
        let key = self.person_key(pid).await.ok();
        let now = clock::now_text();
        for r in rows {
            let mut notice = None;
            let (mut cancelled, mut blocked, mut sent) = (0, 0, 0);
            if let Some(token) = &r.token {
                let un = self.unpublish_story_copy(tx, token, reason).await?;
                cancelled = un.messages_cancelled;
                blocked = un.updates_blocked;
                sent = un.sent.len();
                if let (Some(k), false) = (&key, un.sent.is_empty()) {
                    let plain = serde_json::to_string(&un.sent)
                        .map_err(|e| StoreError::Internal(e.to_string()))?;
                    notice = Some(seal(k, "stories", "notice", &r.id, &plain));
                }
                out.tokens.push(token.clone());
            }
            sqlx::query(
                "update stories set status = 'withdrawn', withdrawn_at = $2, notice = $3,
                     updated_at = $2
                 where id = $1",
            )
            .bind(&r.id)
            .bind(&now)
            .bind(notice)
            .execute(tx.conn()?)
            .await?;
            tx.audit(
                AuditEvent::new("story.withdraw", "story", Some(r.id.clone()), reason).detail(
                    json!({ "person_id": pid, "cause": cause, "was": r.status,
                            "updates_blocked": blocked, "messages_cancelled": cancelled,
                            "updates_already_sent": sent }),
                ),
            )
            .await?;
        }
        Ok(out)
    }

    /// Destroys the keys of copies deleted by a committed withdrawal.
    pub(crate) async fn destroy_copies(&self, done: Withdrawn) -> Result<(), StoreError> {
        for token in done.tokens {
            self.destroy_story_copy_key(&token).await?;
        }
        Ok(())
    }

    /// The person's stories, newest first, opened. The read is audited.
    pub async fn stories(
        &self,
        p: &Principal,
        person: PersonId,
        reason: &str,
    ) -> Result<Vec<StoryView>, StoreError> {
        self.check_person_member(p, person).await?;
        let pid = person.to_string();
        let rows = sqlx::query_as::<_, StoryRow>(&format!(
            "{SELECT} where s.person_id = $1 order by s.created_at desc, s.id desc"
        ))
        .bind(&pid)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let pseudonym = self
                .open_person_text(&pid, at("pseudonym", &r.id), &r.pseudonym)
                .await?;
            let text = self
                .open_person_text(&pid, at("body", &r.id), &r.body)
                .await?;
            let sent = match &r.notice {
                Some(sealed) => self
                    .open_person_text(&pid, at("notice", &r.id), sealed)
                    .await?
                    .and_then(|s| serde_json::from_str(&s).ok())
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            out.push(StoryView {
                id: r
                    .id
                    .parse()
                    .map_err(|_| StoreError::Internal("bad story id".into()))?,
                pseudonym,
                text,
                status: StoryStatus::from_code(&r.status)
                    .ok_or_else(|| StoreError::Internal("bad story status".into()))?,
                created_by: r.username,
                created_at: r.created_at,
                updated_at: r.updated_at,
                published_at: r.published_at,
                withdrawn_at: r.withdrawn_at,
                sent_before_withdrawal: sent,
            });
        }
        self.record(
            p.into(),
            vec![AuditEvent::new("story.read", "person", Some(pid), reason)
                .detail(json!({ "count": out.len() }))],
        )
        .await?;
        Ok(out)
    }
}

/// Whether the person's newest consent record covers storytelling, read inside a write (the
/// same rule as `ConsentAnswers::allows`: nothing without an explained purpose).
pub(crate) async fn storytelling_now(tx: &mut WriteTx<'_>, pid: &str) -> Result<bool, StoreError> {
    #[derive(FromRow)]
    struct Row {
        storytelling: i64,
        purpose_explained: i64,
    }
    let row = sqlx::query_as::<_, Row>(
        "select storytelling, purpose_explained from consents where person_id = $1
         order by recorded_at desc, id desc limit 1",
    )
    .bind(pid)
    .fetch_optional(tx.conn()?)
    .await?;
    Ok(row.is_some_and(|r| r.storytelling != 0 && r.purpose_explained != 0))
}
