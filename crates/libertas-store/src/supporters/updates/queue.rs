//! Queueing an update's audience: the server's task that starts scheduled updates and
//! queues one batch of supporters per update being sent, each batch one audited write
//! (`mod.rs` explains the cursor and the unique index that make a retry queue nobody twice).

use super::*;

/// Rows per insert statement while queueing (5 parameters each, well under both backends'
/// limits).
const ROWS_PER_INSERT: usize = 500;

#[derive(sqlx::FromRow)]
struct Candidate {
    id: String,
    email: Vec<u8>,
    language: String,
    key_version: i64,
    unsubscribe_token: Vec<u8>,
    consent_id: Option<String>,
    region: Option<Vec<u8>>,
}

impl Store {
    /// The server's task: starts the scheduled updates whose time (`now`) has come, then
    /// queues one batch (up to `batch` supporters) of every update being sent.
    /// `unsubscribe_url` writes the link of an unsubscribe token in a language. Answers how
    /// many messages were queued (call again while it is not zero).
    pub async fn updates_enqueue_due(
        &self,
        now: OffsetDateTime,
        unsubscribe_url: &(dyn Fn(&str, Lang) -> String + Sync),
        batch: i64,
    ) -> Result<usize, StoreError> {
        let due: Vec<String> = sqlx::query_scalar(
            "select id from supporters.updates where status = 'scheduled' and send_at <= $1
               and blocked is null
             order by send_at, id",
        )
        .bind(clock::to_text(now))
        .fetch_all(self.pool())
        .await?;
        for id in due {
            let mut tx = self.write(Actor::system()).await?;
            let started = sqlx::query(
                "update supporters.updates set status = 'sending', updated_at = $2
                 where id = $1 and status = 'scheduled' and blocked is null",
            )
            .bind(&id)
            .bind(clock::to_text(now))
            .execute(tx.conn()?)
            .await?
            .rows_affected();
            if started == 0 {
                continue;
            }
            tx.audit(
                AuditEvent::new(
                    "supporter.update.start",
                    "supporter_update",
                    Some(id),
                    "scheduled update",
                )
                .detail(json!({ "scheduled": true })),
            )
            .await?;
            tx.commit().await?;
        }
        let sending = sqlx::query_as::<_, UpdateRow>(&format!(
            "select {COLUMNS} from supporters.updates where status = 'sending'
               and blocked is null
             order by send_at, id"
        ))
        .fetch_all(self.pool())
        .await?;
        let mut queued = 0;
        for row in sending {
            queued += self
                .enqueue_batch(&row, now, unsubscribe_url, batch)
                .await?;
        }
        Ok(queued)
    }

    /// Queues the next batch of `row`'s audience; marks it sent after the last.
    async fn enqueue_batch(
        &self,
        row: &UpdateRow,
        now: OffsetDateTime,
        unsubscribe_url: &(dyn Fn(&str, Lang) -> String + Sync),
        batch: i64,
    ) -> Result<usize, StoreError> {
        let org: String = sqlx::query_scalar("select org_id from supporters.updates where id = $1")
            .bind(&row.id)
            .fetch_one(self.pool())
            .await?;
        let key = self.update_key(row).await?;
        let draft = open_draft(&key, row)?;
        let wants = |i: Interest| i64::from(draft.interests.contains(&i));
        // A confirmed, not withdrawn consent to one of the update's interests; the region of
        // the latest such consent.
        let candidates = sqlx::query_as::<_, Candidate>(
            "select s.id, s.email, s.language, s.key_version, s.unsubscribe_token,
                    c.id as consent_id, c.region
             from supporters.supporters s
             left join supporters.consents c on c.id = (
                 select c2.id from supporters.consents c2
                 where c2.supporter_id = s.id and c2.confirmed_at is not null
                   and c2.withdrawn_at is null
                   and (($4 = 1 and ',' || c2.interests || ',' like '%,stories,%')
                     or ($5 = 1 and ',' || c2.interests || ',' like '%,events,%')
                     or ($6 = 1 and ',' || c2.interests || ',' like '%,involved,%'))
                 order by c2.confirmed_at desc, c2.id desc limit 1)
             where s.org_id = $1 and s.status = 'subscribed' and s.id > $2
               and c.id is not null
               and not exists (select 1 from supporters.suppressions x
                               where x.email_index = s.email_index)
             order by s.id limit $3",
        )
        .bind(&org)
        .bind(&row.cursor)
        .bind(batch)
        .bind(wants(Interest::Stories))
        .bind(wants(Interest::Events))
        .bind(wants(Interest::Involved))
        .fetch_all(self.pool())
        .await?;
        let last = candidates.len() < usize::try_from(batch).unwrap_or(usize::MAX);
        let cursor = candidates
            .last()
            .map(|c| c.id.clone())
            .unwrap_or_else(|| row.cursor.clone());
        let wanted: Vec<(&str, u32)> = candidates
            .iter()
            .map(|c| (c.id.as_str(), u32::try_from(c.key_version).unwrap_or(1)))
            .collect();
        let keys = self
            .keys()
            .get_many(self.ring(), OwnerKind::Supporter, &wanted)
            .await?;
        let (mut skipped, mut outside) = (0i64, 0i64);
        // (outbox id, supporter id, domain index, sealed recipient, key version)
        let mut rows: Vec<(String, String, String, Vec<u8>, i64)> = Vec::new();
        for c in &candidates {
            let version = u32::try_from(c.key_version).unwrap_or(1);
            let Some(skey) = keys.get(&(c.id.clone(), version)) else {
                continue;
            };
            let Some(lang) = Lang::from_code(&c.language).filter(|l| draft.text_for(*l).is_some())
            else {
                skipped += 1;
                continue;
            };
            if let Some(wanted) = &draft.region {
                let theirs = match (&c.region, &c.consent_id) {
                    (Some(sealed), Some(cid)) => {
                        open_field(skey, at("supporters.consents", "region", cid), sealed)
                    }
                    _ => None,
                };
                let theirs = theirs.map(|b| String::from_utf8_lossy(&b).into_owned());
                if !theirs.is_some_and(|t| region_matches(wanted.as_str(), &t)) {
                    outside += 1;
                    continue;
                }
            }
            let open = |column: &str, v: &[u8]| {
                open_field(skey, at("supporters.supporters", column, &c.id), v)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .ok_or(StoreError::Crypto("supporter"))
            };
            let to = open("email", &c.email)?;
            let token = open("unsubscribe_token", &c.unsubscribe_token)?;
            let recipient = UpdateRecipient {
                unsubscribe_url: unsubscribe_url(&token, lang),
                lang: lang.code().to_owned(),
                to,
            };
            let body =
                serde_json::to_vec(&recipient).map_err(|e| StoreError::Internal(e.to_string()))?;
            let oid = OutboxId::from_uuid(Uuid::now_v7()).to_string();
            let domain = self.ring().supporter_index(
                "domain",
                &crate::supporters::signup::domain_of(&recipient.to),
            );
            let sealed = seal_field(skey, version, message_at(&oid), &body);
            rows.push((oid, c.id.clone(), domain, sealed, c.key_version));
        }
        let mut tx = self.write(Actor::system()).await?;
        let mut inserted = 0u64;
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let mut sql = String::from(
                "insert into supporters.outbox (id, supporter_id, org_id, kind, domain_index,
                     message, key_version, status, attempts, next_attempt_at, created_at,
                     update_id) values ",
            );
            for i in 0..chunk.len() {
                let b = 4 + i * 5;
                if i > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!(
                    "(${}, ${}, $1, 'update', ${}, ${}, ${}, 'queued', 0, $2, $2, $3)",
                    b,
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4
                ));
            }
            sql.push_str(" on conflict (update_id, supporter_id) do nothing");
            // Due at once by the wall clock (`now` only decides which updates are due).
            let mut q = sqlx::query(&sql)
                .bind(&org)
                .bind(clock::now_text())
                .bind(&row.id);
            for (oid, sid, domain, sealed, version) in chunk {
                q = q
                    .bind(oid)
                    .bind(sid)
                    .bind(domain)
                    .bind(sealed)
                    .bind(*version);
            }
            inserted += q.execute(tx.conn()?).await?.rows_affected();
        }
        let moved = sqlx::query(
            "update supporters.updates set cursor = $2, recipients = recipients + $3,
                 skipped = skipped + $4, updated_at = $5,
                 status = case when $6 = 1 then 'sent' else status end,
                 finished_at = case when $6 = 1 then $5 else finished_at end
             where id = $1 and cursor = $7 and status = 'sending' and blocked is null",
        )
        .bind(&row.id)
        .bind(&cursor)
        .bind(i64::try_from(inserted).unwrap_or(i64::MAX))
        .bind(skipped)
        .bind(clock::to_text(now))
        .bind(i64::from(last))
        .bind(&row.cursor)
        .execute(tx.conn()?)
        .await?
        .rows_affected();
        if moved == 0 {
            // Another sender queued this batch first, or its story was withdrawn meanwhile
            // (this batch's rows are dropped with the write).
            return Ok(0);
        }
        tx.audit(
            AuditEvent::new(
                "supporter.update.queue",
                "supporter_update",
                Some(row.id.clone()),
                "send update",
            )
            .detail(json!({ "queued": inserted, "skipped_language": skipped,
                            "outside_region": outside, "done": last })),
        )
        .await?;
        tx.commit().await?;
        Ok(usize::try_from(inserted).unwrap_or(usize::MAX))
    }
}
