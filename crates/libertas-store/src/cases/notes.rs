//! Case notes: narrative data, sealed under the case's key.

use crate::audit::AuditEvent;
use crate::crypto::{seal_field, FieldRef};
use crate::keystore::OwnerKind;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::NoteText;
use libertas_domain::ids::{CaseId, NoteId, UserId};
use serde::Serialize;
use sqlx::FromRow;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize)]
pub struct NoteView {
    pub id: NoteId,
    pub case_id: CaseId,
    pub author_id: UserId,
    pub author: String,
    pub text: String,
    pub created_at: String,
}

/// A note with its author's name, text sealed.
#[derive(FromRow)]
struct NoteRow {
    id: String,
    author_id: String,
    username: String,
    text: Vec<u8>,
    created_at: String,
}

impl Store {
    /// Adds a note to a case.
    pub async fn add_note(
        &self,
        p: &Principal,
        case: CaseId,
        text: &NoteText,
        reason: &str,
    ) -> Result<NoteView, StoreError> {
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let key = self
            .keys()
            .get(self.ring(), OwnerKind::Case, &cid, 1)
            .await?
            .ok_or(StoreError::Crypto("case key missing"))?;
        let id = NoteId::from_uuid(Uuid::now_v7());
        let nid = id.to_string();
        let sealed = seal_field(
            &key,
            1,
            FieldRef {
                table: "notes",
                column: "text",
                row: &nid,
            },
            text.as_str().as_bytes(),
        );
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query("insert into notes (id, case_id, author_id, text, created_at) values ($1, $2, $3, $4, $5)")
            .bind(&nid)
            .bind(&cid)
            .bind(p.user_id.to_string())
            .bind(sealed)
            .bind(&now)
            .execute(tx.conn()?)
            .await?;
        sqlx::query("update cases set updated_at = $1 where id = $2")
            .bind(&now)
            .bind(&cid)
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new("case.note.create", "note", Some(nid), reason)
                .detail(serde_json::json!({ "case_id": cid })),
        )
        .await?;
        tx.commit().await?;
        Ok(NoteView {
            id,
            case_id: case,
            author_id: p.user_id,
            author: p.username.clone(),
            text: text.as_str().to_owned(),
            created_at: now,
        })
    }

    /// A case's notes, oldest first; all of them unless `limit` is given (then the newest
    /// `limit`). The read is audited before it is returned.
    pub async fn notes(
        &self,
        p: &Principal,
        case: CaseId,
        limit: Option<u32>,
        reason: &str,
    ) -> Result<Vec<NoteView>, StoreError> {
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let rows = sqlx::query_as::<_, NoteRow>(
            "select n.id, n.author_id, u.username, n.text, n.created_at from notes n join users u on u.id = n.author_id
             where n.case_id = $1 order by n.created_at desc, n.id desc limit $2",
        )
        .bind(&cid)
        .bind(limit.map(i64::from).unwrap_or(i64::MAX))
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows.into_iter().rev() {
            let (id, author) = (r.id, r.author_id);
            let text = self
                .open_case_field(&cid, "notes", "text", &id, &r.text)
                .await?;
            out.push(NoteView {
                id: id
                    .parse()
                    .map_err(|_| StoreError::Internal("bad note id".into()))?,
                case_id: case,
                author_id: author
                    .parse()
                    .map_err(|_| StoreError::Internal("bad author".into()))?,
                author: r.username,
                text: text.unwrap_or_default(),
                created_at: r.created_at,
            });
        }
        self.record(
            p.into(),
            vec![AuditEvent::new("case.note.read", "case", Some(cid), reason)
                .detail(serde_json::json!({ "count": out.len() }))],
        )
        .await?;
        Ok(out)
    }
}
