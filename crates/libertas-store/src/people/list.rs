//! The people of my cases, one page at a time, filtered by their role in a case.
//!
//! Only people in a case the caller is a member of, in the caller's organisation; names are
//! opened for the page shown only (their keys read in one query), and each person shown is
//! audited as a `person.read`, with one `person.list` event for the listing.

use super::read::{PersonView, PERSON_COLUMNS};
use crate::audit::AuditEvent;
use crate::cases::require_case_work;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::people::PersonRole;

/// People on one page of the list.
pub const PEOPLE_PAGE_SIZE: i64 = 50;

/// One page of the list.
#[derive(Clone, Debug)]
pub struct PeopleList {
    pub people: Vec<PersonView>,
    /// How many people match (all pages).
    pub total: i64,
}

/// The people of `$1`'s cases in organisation `$2` (in role `$3` in one of them, unless null).
const MINE: &str = "p.org_id = $2 and p.id in (
       select cp.person_id from case_people cp
       join case_members m on m.case_id = cp.case_id
       join cases c on c.id = cp.case_id
       where m.user_id = $1 and c.org_id = $2 and ($3 is null or cp.role = $3))";

impl Store {
    /// One page of the people in `p`'s cases (in `role` in at least one of them, when given),
    /// most recently added first.
    pub async fn browse_people(
        &self,
        p: &Principal,
        role: Option<PersonRole>,
        page: i64,
        reason: &str,
    ) -> Result<PeopleList, StoreError> {
        require_case_work(p)?;
        let mine = MINE;
        let role = role.map(|r| r.as_str().to_owned());
        let total: i64 =
            sqlx::query_scalar(&format!("select count(*) from persons p where {mine}"))
                .bind(p.user_id.to_string())
                .bind(p.org_id.to_string())
                .bind(role.clone())
                .fetch_one(self.pool())
                .await?;
        let page = page.max(0);
        let sql = format!(
            "select {PERSON_COLUMNS} from persons p where {mine}
             order by p.created_at desc, p.id desc limit {PEOPLE_PAGE_SIZE} offset {}",
            page * PEOPLE_PAGE_SIZE
        );
        let rows = sqlx::query(&sql)
            .bind(p.user_id.to_string())
            .bind(p.org_id.to_string())
            .bind(role.clone())
            .fetch_all(self.pool())
            .await?;
        let mut people = Vec::with_capacity(rows.len());
        let mut events = Vec::with_capacity(rows.len() + 1);
        for view in self.people_from_rows(&rows).await? {
            events.push(
                AuditEvent::new("person.read", "person", Some(view.id.to_string()), reason)
                    .detail(serde_json::json!({ "fields": ["name", "birth_date"] })),
            );
            people.push(view);
        }
        events.push(AuditEvent::new("person.list", "person", None, reason).detail(
            serde_json::json!({ "count": people.len(), "total": total, "role": role, "page": page }),
        ));
        self.record(p.into(), events).await?;
        Ok(PeopleList { people, total })
    }

    /// Every person of `p`'s list (no role filter, the list's order), for an export: the same
    /// rows [`Store::browse_people`] shows page by page, opened `BATCH` at a time with
    /// `progress(done, total)`. The caller audits what it hands out.
    pub(crate) async fn all_people(
        &self,
        p: &Principal,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<Vec<PersonView>, StoreError> {
        require_case_work(p)?;
        let sql = format!(
            "select {PERSON_COLUMNS} from persons p where {MINE}
             order by p.created_at desc, p.id desc"
        );
        let rows = sqlx::query(&sql)
            .bind(p.user_id.to_string())
            .bind(p.org_id.to_string())
            .bind(None::<String>)
            .fetch_all(self.pool())
            .await?;
        let total = rows.len() as u64;
        progress(0, total);
        let mut people = Vec::with_capacity(rows.len());
        for batch in rows.chunks(crate::exports::BATCH) {
            people.extend(self.people_from_rows(batch).await?);
            progress(people.len() as u64, total);
        }
        Ok(people)
    }
}
