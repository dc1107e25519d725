//! Reading people: only members of a case the person is in, within the same organisation.

use crate::audit::AuditEvent;
use crate::crypto::{key_version_of, open_field, DataKey, FieldRef};
use crate::keystore::OwnerKind;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::ids::{CaseId, CasePersonId, PersonId};
use serde::Serialize;
use sqlx::FromRow;

/// A person's part in one case.
#[derive(Clone, Debug, Serialize)]
pub struct PersonCaseLink {
    pub id: CasePersonId,
    pub case_id: CaseId,
    pub role: String,
    pub trafficking_status: Option<String>,
}

/// A person, decrypted. After erasure every personal field is `None` and `erased` is true.
#[derive(Clone, Debug, Serialize)]
pub struct PersonView {
    pub id: PersonId,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub citizenship: Vec<String>,
    pub languages: Vec<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub identity_numbers: Vec<String>,
    pub erased: bool,
    pub created_at: String,
    /// The cases (visible to the reader) this person is part of.
    pub cases: Vec<PersonCaseLink>,
}

pub(super) const PERSON_COLUMNS: &str =
    "p.id, p.given_name, p.family_name, p.birth_date, p.phone, p.email, p.identity_numbers,
        p.gender, p.citizenship, p.languages, p.erased_at, p.created_at";

/// A row of [`PERSON_COLUMNS`]: the personal fields sealed under the person's key.
#[derive(FromRow)]
struct PersonRow {
    id: String,
    given_name: Option<Vec<u8>>,
    family_name: Option<Vec<u8>>,
    birth_date: Option<Vec<u8>>,
    phone: Option<Vec<u8>>,
    email: Option<Vec<u8>>,
    identity_numbers: Option<Vec<u8>>,
    gender: Option<String>,
    citizenship: Option<String>,
    languages: Option<String>,
    erased_at: Option<String>,
    created_at: String,
}

/// A person's link to a case; selected as `cp.id as link_id` beside [`PERSON_COLUMNS`].
#[derive(FromRow)]
struct LinkRow {
    link_id: String,
    case_id: String,
    role: String,
    trafficking_status: Option<String>,
}

fn split(v: Option<String>) -> Vec<String> {
    v.map(|s| {
        s.split(',')
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

impl Store {
    /// A person, if the caller is a member of at least one case of that person in their own
    /// organisation. The read is audited before the value is returned.
    pub async fn get_person(
        &self,
        p: &Principal,
        id: PersonId,
        reason: &str,
    ) -> Result<PersonView, StoreError> {
        super::super::cases::require_case_work(p)?;
        let pid = id.to_string();
        let links = sqlx::query_as::<_, LinkRow>(
            "select cp.id as link_id, cp.case_id, cp.role, cp.trafficking_status
             from case_people cp
             join cases c on c.id = cp.case_id
             join case_members m on m.case_id = cp.case_id
             where cp.person_id = $1 and c.org_id = $2 and m.user_id = $3
             order by cp.created_at",
        )
        .bind(&pid)
        .bind(p.org_id.to_string())
        .bind(p.user_id.to_string())
        .fetch_all(self.pool())
        .await?;
        if links.is_empty() {
            return Err(StoreError::NotFound);
        }
        let sql =
            format!("select {PERSON_COLUMNS} from persons p where p.id = $1 and p.org_id = $2");
        let row = sqlx::query(&sql)
            .bind(&pid)
            .bind(p.org_id.to_string())
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut view = self.person_from_row(&row).await?;
        for l in links {
            view.cases.push(PersonCaseLink {
                id: l
                    .link_id
                    .parse()
                    .map_err(|_| StoreError::Internal("bad link id".into()))?,
                case_id: l
                    .case_id
                    .parse()
                    .map_err(|_| StoreError::Internal("bad case id".into()))?,
                role: l.role,
                trafficking_status: l.trafficking_status,
            });
        }
        self.record(
            p.into(),
            vec![AuditEvent::new("person.read", "person", Some(pid), reason)],
        )
        .await?;
        Ok(view)
    }

    /// The person behind a case-person link and their name ("given family"; `None` once
    /// erased), for lists that name whom a record is about. Not audited and not access
    /// checked: the caller has checked membership of the link's case and audits the read.
    pub(crate) async fn link_person_name(
        &self,
        link: &str,
    ) -> Result<Option<(PersonId, Option<String>)>, StoreError> {
        let sql = format!(
            "select {PERSON_COLUMNS} from persons p join case_people cp on cp.person_id = p.id
             where cp.id = $1"
        );
        let Some(row) = sqlx::query(&sql)
            .bind(link)
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let v = self.person_from_row(&row).await?;
        let name = [v.given_name.as_deref(), v.family_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        Ok(Some((v.id, (!name.is_empty()).then_some(name))))
    }

    /// The people of a case with their roles. Audited as one read per person.
    pub async fn case_people(
        &self,
        p: &Principal,
        case: CaseId,
        reason: &str,
    ) -> Result<Vec<PersonView>, StoreError> {
        self.check_member(p, case).await?;
        let sql = format!(
            "select {PERSON_COLUMNS}, cp.id as link_id, cp.case_id, cp.role, cp.trafficking_status
             from persons p join case_people cp on cp.person_id = p.id
             where cp.case_id = $1 order by cp.created_at"
        );
        let rows = sqlx::query(&sql)
            .bind(case.to_string())
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        let mut events = vec![];
        for r in &rows {
            let mut view = self.person_from_row(r).await?;
            let link = LinkRow::from_row(r)?;
            view.cases.push(PersonCaseLink {
                id: link
                    .link_id
                    .parse()
                    .map_err(|_| StoreError::Internal("bad link id".into()))?,
                case_id: case,
                role: link.role,
                trafficking_status: link.trafficking_status,
            });
            events.push(
                AuditEvent::new("person.read", "person", Some(view.id.to_string()), reason)
                    .detail(serde_json::json!({ "case_id": case.to_string() })),
            );
            out.push(view);
        }
        if events.is_empty() {
            events.push(AuditEvent::new(
                "case.people.read",
                "case",
                Some(case.to_string()),
                reason,
            ));
        }
        self.record(p.into(), events).await?;
        Ok(out)
    }

    pub(super) async fn person_from_row(
        &self,
        r: &sqlx::any::AnyRow,
    ) -> Result<PersonView, StoreError> {
        let r = PersonRow::from_row(r)?;
        let key = match key_wanted(&r) {
            Some(v) => {
                self.keys()
                    .get(self.ring(), OwnerKind::Person, &r.id, v)
                    .await?
            }
            None => None,
        };
        person_view(r, key.as_ref())
    }

    /// [`Store::person_from_row`] for a page of rows, with the people's keys read in one
    /// query instead of one per row.
    pub(super) async fn people_from_rows(
        &self,
        rows: &[sqlx::any::AnyRow],
    ) -> Result<Vec<PersonView>, StoreError> {
        let rows = rows
            .iter()
            .map(PersonRow::from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let wanted: Vec<(&str, u32)> = rows
            .iter()
            .filter_map(|r| key_wanted(r).map(|v| (r.id.as_str(), v)))
            .collect();
        let mut keys = self
            .keys()
            .get_many(self.ring(), OwnerKind::Person, &wanted)
            .await?;
        rows.into_iter()
            .map(|r| {
                let key = key_wanted(&r).and_then(|v| keys.remove(&(r.id.clone(), v)));
                person_view(r, key.as_ref())
            })
            .collect()
    }
}

/// The version of the key a person row's sealed fields need, unless the person was erased
/// (or nothing is sealed).
fn key_wanted(r: &PersonRow) -> Option<u32> {
    if r.erased_at.is_some() {
        return None;
    }
    [
        &r.given_name,
        &r.family_name,
        &r.birth_date,
        &r.phone,
        &r.email,
        &r.identity_numbers,
    ]
    .into_iter()
    .flatten()
    .find_map(|s| key_version_of(s))
}

/// A person row opened with its key (`None`: erased, or the key is gone).
fn person_view(r: PersonRow, key: Option<&DataKey>) -> Result<PersonView, StoreError> {
    let pid = r.id;
    let erased_at = r.erased_at;
    let sealed = [
        r.given_name,
        r.family_name,
        r.birth_date,
        r.phone,
        r.email,
        r.identity_numbers,
    ];
    let open = |i: usize, column: &str| -> Option<String> {
        let key: &DataKey = key?;
        let s = sealed.get(i)?.as_ref()?;
        let plain = open_field(
            key,
            FieldRef {
                table: "persons",
                column,
                row: &pid,
            },
            s,
        )?;
        String::from_utf8(plain.to_vec()).ok()
    };
    let ids: Vec<String> = open(5, "identity_numbers")
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    Ok(PersonView {
        id: pid
            .parse()
            .map_err(|_| StoreError::Internal("bad person id".into()))?,
        given_name: open(0, "given_name"),
        family_name: open(1, "family_name"),
        birth_date: open(2, "birth_date"),
        phone: open(3, "phone"),
        email: open(4, "email"),
        identity_numbers: ids,
        gender: r.gender,
        citizenship: split(r.citizenship),
        languages: split(r.languages),
        erased: erased_at.is_some() || key.is_none(),
        created_at: r.created_at,
        cases: vec![],
    })
}
