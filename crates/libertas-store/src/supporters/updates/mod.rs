//! Updates staff compose and send to confirmed supporters (`docs/supporters.md`, "Updates").
//!
//! An update is written (draft), perhaps scheduled, then sent: "send now" or the time coming
//! moves it to `sending`, and [`Store::updates_enqueue_due`] (a task of the server) queues
//! one outbox row per supporter of its audience, in batches of supporters taken in id order.
//! Each batch is one write: its rows, the update's cursor (the last supporter looked at) and
//! its counts, and an audit event with the counts. So a restart goes on after the last batch
//! written, two senders never queue the same batch (the cursor must still be where they read
//! it), and the unique `(update_id, supporter_id)` index refuses a second row for anyone.
//!
//! A row holds only the recipient (address, unsubscribe link, language) sealed under the
//! supporter's key; the text is the update's, composed when the row is sent. So a batch costs
//! one query for its supporters, one for their keys and one insert per 500 rows: no round
//! trip per recipient.

mod queue;

use super::outbox::message_at;
use super::require_supporter_care;
use crate::audit::{Actor, AuditEvent};
use crate::crypto::{open_field, seal_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::i18n::Lang;
use libertas_domain::people::Email;
use libertas_domain::supporters::message::{update as compose_update, Message, UpdateRecipient};
use libertas_domain::supporters::{
    region_matches, Interest, OutboxId, UpdateDraft, UpdateId, UpdateStatus,
};
use libertas_domain::FieldError;
use serde_json::json;
use std::collections::HashMap;
use time::OffsetDateTime;
use uuid::Uuid;

/// An update in the list.
#[derive(Clone, Debug)]
pub struct UpdateSummary {
    pub id: String,
    pub status: UpdateStatus,
    /// Codes of its languages, in [`Lang::ALL`]'s order.
    pub languages: Vec<String>,
    pub interests: Vec<String>,
    /// When it is (or was asked) to be sent.
    pub send_at: Option<String>,
    pub created_at: String,
    pub recipients: i64,
    /// The opaque token of the published story it includes (issue 13), kept after the story
    /// was withdrawn.
    pub story_token: Option<String>,
    /// Why it can no longer be sent (`story_withdrawn`), and since when.
    pub blocked: Option<String>,
    pub blocked_at: Option<String>,
}

/// The outbox's progress of one update (test sends not counted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateProgress {
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    pub cancelled: i64,
    /// Supporters of the audience skipped for want of a text in their language.
    pub skipped: i64,
}

/// An update, opened for its staff.
#[derive(Clone, Debug)]
pub struct UpdateView {
    pub summary: UpdateSummary,
    pub draft: UpdateDraft,
    pub progress: UpdateProgress,
}

#[derive(sqlx::FromRow)]
pub(super) struct UpdateRow {
    id: String,
    status: String,
    interests: String,
    languages: String,
    content: Vec<u8>,
    key_version: i64,
    send_at: Option<String>,
    created_at: String,
    cursor: String,
    recipients: i64,
    skipped: i64,
    story_token: Option<String>,
    blocked: Option<String>,
    blocked_at: Option<String>,
}

const COLUMNS: &str = "id, status, interests, languages, content, key_version, send_at,
    created_at, cursor, recipients, skipped, story_token, blocked, blocked_at";

impl UpdateRow {
    pub(super) fn status(&self) -> UpdateStatus {
        UpdateStatus::from_code(&self.status).unwrap_or(UpdateStatus::Draft)
    }

    fn summary(&self) -> UpdateSummary {
        let split = |s: &str| {
            s.split(',')
                .filter(|x| !x.is_empty())
                .map(str::to_owned)
                .collect()
        };
        UpdateSummary {
            id: self.id.clone(),
            status: self.status(),
            languages: split(&self.languages),
            interests: split(&self.interests),
            send_at: self.send_at.clone(),
            created_at: self.created_at.clone(),
            recipients: self.recipients,
            story_token: self.story_token.clone(),
            blocked: self.blocked.clone(),
            blocked_at: self.blocked_at.clone(),
        }
    }

    fn version(&self) -> u32 {
        u32::try_from(self.key_version).unwrap_or(1)
    }
}

#[derive(sqlx::FromRow)]
struct StatusCount {
    status: String,
    n: i64,
}

fn content_at(id: &str) -> FieldRef<'_> {
    FieldRef {
        table: "supporters.updates",
        column: "content",
        row: id,
    }
}

fn at<'a>(table: &'a str, column: &'a str, row: &'a str) -> FieldRef<'a> {
    FieldRef { table, column, row }
}

fn open_draft(key: &DataKey, row: &UpdateRow) -> Result<UpdateDraft, StoreError> {
    let bytes =
        open_field(key, content_at(&row.id), &row.content).ok_or(StoreError::Crypto("update"))?;
    UpdateDraft::from_sealed_form(&bytes, &row.interests).ok_or(StoreError::Internal(
        "an update's content does not parse".into(),
    ))
}

/// The updates' keys and texts met while claiming outbox rows, each opened once per claim.
#[derive(Default)]
pub(super) struct Texts {
    keys: HashMap<String, Option<DataKey>>,
    drafts: HashMap<String, Option<UpdateDraft>>,
    /// The Markdown of the story each update includes (`""`: none; `None`: its story was
    /// withdrawn, so nothing of the update may go out).
    stories: HashMap<String, Option<String>>,
}

impl Texts {
    /// The data key of update `uid` (`None`: the update or its key is gone).
    pub(super) async fn key(
        &mut self,
        store: &Store,
        uid: &str,
    ) -> Result<Option<DataKey>, StoreError> {
        if let Some(k) = self.keys.get(uid) {
            return Ok(k.clone());
        }
        let version: Option<i64> =
            sqlx::query_scalar("select key_version from supporters.updates where id = $1")
                .bind(uid)
                .fetch_optional(store.pool())
                .await?;
        let key = match version {
            Some(v) => {
                store
                    .keys()
                    .get(
                        store.ring(),
                        OwnerKind::SupporterUpdate,
                        uid,
                        u32::try_from(v).unwrap_or(1),
                    )
                    .await?
            }
            None => None,
        };
        self.keys.insert(uid.to_owned(), key.clone());
        Ok(key)
    }

    /// Update `uid` as sent to `to` (`None`: the update, or its text in their language, is
    /// gone).
    pub(super) async fn compose(
        &mut self,
        store: &Store,
        uid: &str,
        to: &UpdateRecipient,
        test: bool,
    ) -> Result<Option<Message>, StoreError> {
        if !self.drafts.contains_key(uid) {
            let (draft, story) = match self.key(store, uid).await? {
                Some(key) => {
                    let row = store.update_row(uid, None).await?;
                    let story = match (&row.story_token, &row.blocked) {
                        (_, Some(_)) => None,
                        (None, None) => Some(String::new()),
                        (Some(token), None) => store
                            .story_copy(token)
                            .await?
                            .map(|c| format!("\n\n---\n\n**{}**\n\n{}", c.pseudonym, c.text)),
                    };
                    (Some(open_draft(&key, &row)?), story)
                }
                None => (None, None),
            };
            self.drafts.insert(uid.to_owned(), draft);
            self.stories.insert(uid.to_owned(), story);
        }
        let Some(Some(draft)) = self.drafts.get(uid) else {
            return Ok(None);
        };
        let Some(Some(story)) = self.stories.get(uid) else {
            return Ok(None);
        };
        let Some(text) = Lang::from_code(&to.lang).and_then(|l| draft.text_for(l)) else {
            return Ok(None);
        };
        Ok(Some(compose_update(
            text.lang,
            &to.to,
            text.subject.as_str(),
            &format!("{}{story}", text.body.as_str()),
            &to.unsubscribe_url,
            test,
        )))
    }
}

impl Store {
    /// One update row; `org` narrows it to an organisation (a caller's), so another's answers
    /// `NotFound` as if it did not exist.
    pub(super) async fn update_row(
        &self,
        id: &str,
        org: Option<&str>,
    ) -> Result<UpdateRow, StoreError> {
        let row = sqlx::query_as::<_, UpdateRow>(&format!(
            "select {COLUMNS} from supporters.updates where id = $1 and ($2 = '' or org_id = $2)"
        ))
        .bind(id)
        .bind(org.unwrap_or_default())
        .fetch_optional(self.pool())
        .await?;
        row.ok_or(StoreError::NotFound)
    }

    async fn update_key(&self, row: &UpdateRow) -> Result<DataKey, StoreError> {
        self.keys()
            .get(
                self.ring(),
                OwnerKind::SupporterUpdate,
                &row.id,
                row.version(),
            )
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// A new draft update of the caller's organisation; answers its id.
    #[tracing::instrument(skip_all)]
    pub async fn update_create(
        &self,
        p: &Principal,
        draft: &UpdateDraft,
    ) -> Result<String, StoreError> {
        require_supporter_care(p)?;
        let id = UpdateId::from_uuid(Uuid::now_v7()).to_string();
        let key = self
            .keys()
            .create(self.ring(), OwnerKind::SupporterUpdate, &id)
            .await?;
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into supporters.updates (id, org_id, status, interests, languages, content,
                 key_version, send_at, created_by, created_at, updated_at, cursor, recipients,
                 skipped, finished_at)
             values ($1, $2, 'draft', $3, $4, $5, 1, null, $6, $7, $7, '', 0, 0, null)",
        )
        .bind(&id)
        .bind(p.org_id.to_string())
        .bind(Interest::list_code(&draft.interests))
        .bind(draft.languages_code())
        .bind(seal_field(
            &key,
            1,
            content_at(&id),
            &draft.to_sealed_form(),
        ))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "supporter.update.create",
                "supporter_update",
                Some(id.clone()),
                "compose update",
            )
            .detail(json!({ "languages": draft.languages_code(),
                            "interests": Interest::list_code(&draft.interests),
                            "region": draft.region.is_some() })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Replaces the texts and audience of a draft or scheduled update (`Conflict` once it is
    /// being sent).
    #[tracing::instrument(skip_all)]
    pub async fn update_edit(
        &self,
        p: &Principal,
        id: &str,
        draft: &UpdateDraft,
    ) -> Result<(), StoreError> {
        require_supporter_care(p)?;
        let row = self.update_row(id, Some(&p.org_id.to_string())).await?;
        if !row.status().editable() {
            return Err(StoreError::Conflict("update_sent"));
        }
        let key = self.update_key(&row).await?;
        let mut tx = self.write(p.into()).await?;
        let changed = sqlx::query(
            "update supporters.updates set interests = $2, languages = $3, content = $4,
                 updated_at = $5
             where id = $1 and status in ('draft', 'scheduled')",
        )
        .bind(id)
        .bind(Interest::list_code(&draft.interests))
        .bind(draft.languages_code())
        .bind(seal_field(
            &key,
            row.version(),
            content_at(id),
            &draft.to_sealed_form(),
        ))
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict("update_sent"));
        }
        tx.audit(
            AuditEvent::new(
                "supporter.update.edit",
                "supporter_update",
                Some(id.to_owned()),
                "compose update",
            )
            .detail(json!({ "languages": draft.languages_code(),
                            "interests": Interest::list_code(&draft.interests),
                            "region": draft.region.is_some() })),
        )
        .await?;
        tx.commit().await
    }

    /// The caller's organisation's updates, newest first.
    pub async fn update_list(&self, p: &Principal) -> Result<Vec<UpdateSummary>, StoreError> {
        require_supporter_care(p)?;
        let rows = sqlx::query_as::<_, UpdateRow>(&format!(
            "select {COLUMNS} from supporters.updates where org_id = $1
             order by created_at desc, id desc"
        ))
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(UpdateRow::summary).collect())
    }

    /// One update, opened, with its progress.
    pub async fn update_get(&self, p: &Principal, id: &str) -> Result<UpdateView, StoreError> {
        require_supporter_care(p)?;
        let row = self.update_row(id, Some(&p.org_id.to_string())).await?;
        let key = self.update_key(&row).await?;
        let draft = open_draft(&key, &row)?;
        let counts = sqlx::query_as::<_, StatusCount>(
            "select status, count(*) as n from supporters.outbox
             where update_id = $1 and supporter_id is not null group by status",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        let mut progress = UpdateProgress {
            skipped: row.skipped,
            ..UpdateProgress::default()
        };
        for c in counts {
            match c.status.as_str() {
                "queued" => progress.queued = c.n,
                "sent" => progress.sent = c.n,
                "failed" => progress.failed = c.n,
                "cancelled" => progress.cancelled = c.n,
                _ => {}
            }
        }
        Ok(UpdateView {
            summary: row.summary(),
            draft,
            progress,
        })
    }

    /// Moves an update from `from` statuses to `to` with `send_at`, audited as `action`;
    /// `Conflict` if it is in none of them (already sent, or being sent).
    async fn update_move(
        &self,
        p: &Principal,
        id: &str,
        from: &str,
        to: UpdateStatus,
        send_at: Option<String>,
        action: &'static str,
    ) -> Result<(), StoreError> {
        require_supporter_care(p)?;
        let row = self.update_row(id, Some(&p.org_id.to_string())).await?;
        // A story withdrawn since it was chosen stops the update (`stories.rs`); taking one
        // back to draft stays possible.
        if row.blocked.is_some() && to != UpdateStatus::Draft {
            return Err(StoreError::Conflict("update_blocked"));
        }
        let mut tx = self.write(p.into()).await?;
        let changed = sqlx::query(&format!(
            "update supporters.updates set status = $2, send_at = $3, updated_at = $4
             where id = $1 and status in ({from}) and (blocked is null or $2 = 'draft')"
        ))
        .bind(id)
        .bind(to.as_str())
        .bind(&send_at)
        .bind(clock::now_text())
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict("update_sent"));
        }
        tx.audit(
            AuditEvent::new(
                action,
                "supporter_update",
                Some(id.to_owned()),
                "send update",
            )
            .detail(json!({ "from": row.status, "to": to.as_str() })),
        )
        .await?;
        tx.commit().await
    }

    /// Schedules a draft (or reschedules a scheduled) update for `at`; the server's task
    /// queues it once that time has come.
    pub async fn update_schedule(
        &self,
        p: &Principal,
        id: &str,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        if at <= clock::now() {
            return Err(FieldError::new("send_at", "must be in the future").into());
        }
        self.update_move(
            p,
            id,
            "'draft', 'scheduled'",
            UpdateStatus::Scheduled,
            Some(clock::to_text(at)),
            "supporter.update.schedule",
        )
        .await
    }

    /// Takes a scheduled update back to draft.
    pub async fn update_unschedule(&self, p: &Principal, id: &str) -> Result<(), StoreError> {
        self.update_move(
            p,
            id,
            "'scheduled'",
            UpdateStatus::Draft,
            None,
            "supporter.update.unschedule",
        )
        .await
    }

    /// Sends a draft or scheduled update now: it becomes `sending` and the server's task
    /// queues it. Asking again (a second click, a retried request) changes nothing and
    /// answers `false`.
    pub async fn update_send_now(&self, p: &Principal, id: &str) -> Result<bool, StoreError> {
        match self
            .update_move(
                p,
                id,
                "'draft', 'scheduled'",
                UpdateStatus::Sending,
                Some(clock::now_text()),
                "supporter.update.send",
            )
            .await
        {
            Ok(()) => Ok(true),
            Err(StoreError::Conflict("update_sent")) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Queues a test of update `id` in `lang` to `address` (typed by the staff member): it
    /// goes through the outbox like any message, its subject says it is a test, and it is
    /// counted nowhere. Sealed under the update's key (the address is no supporter's). A
    /// suppressed address gets it cancelled at once, like any message.
    #[tracing::instrument(skip_all)]
    pub async fn update_test_send(
        &self,
        p: &Principal,
        id: &str,
        address: &Email,
        lang: Lang,
        unsubscribe_url: &str,
    ) -> Result<(), StoreError> {
        require_supporter_care(p)?;
        let row = self.update_row(id, Some(&p.org_id.to_string())).await?;
        let key = self.update_key(&row).await?;
        let draft = open_draft(&key, &row)?;
        if draft.text_for(lang).is_none() {
            return Err(FieldError::new("test_lang", "the update has no text in it").into());
        }
        let oid = OutboxId::from_uuid(Uuid::now_v7()).to_string();
        let recipient = UpdateRecipient {
            to: address.as_str().to_owned(),
            unsubscribe_url: unsubscribe_url.to_owned(),
            lang: lang.code().to_owned(),
        };
        let body =
            serde_json::to_vec(&recipient).map_err(|e| StoreError::Internal(e.to_string()))?;
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into supporters.outbox (id, supporter_id, org_id, kind, domain_index, message,
                 key_version, status, attempts, next_attempt_at, created_at, update_id)
             select $1, null, $2, 'update-test', $3, $4, $5,
                    case when exists (select 1 from supporters.suppressions x
                                      where x.email_index = $8) then 'cancelled'
                         else 'queued' end,
                    0, $6, $6, $7",
        )
        .bind(&oid)
        .bind(p.org_id.to_string())
        .bind(
            self.ring()
                .supporter_index("domain", &super::signup::domain_of(address.as_str())),
        )
        .bind(seal_field(&key, row.version(), message_at(&oid), &body))
        .bind(row.key_version)
        .bind(&now)
        .bind(id)
        // A suppressed address (a bounce or complaint) gets no test either.
        .bind(self.ring().supporter_index("email", address.normalised()))
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new(
                "supporter.update.test",
                "supporter_update",
                Some(id.to_owned()),
                "test send",
            )
            .detail(json!({ "message_id": oid, "language": lang.code() })),
        )
        .await?;
        tx.commit().await
    }
}
