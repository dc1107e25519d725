//! Charges against suspects of a case, and court hearings (of a charge or of the case).
//!
//! Counts, dates and kind are plain. Law, section and court are sealed under the case key
//! (migration 0014): with the hearing dates they find the prosecution in public court lists,
//! and through it the victims. A charge's note and a hearing's outcome are narrative, sealed
//! under the case key too. Suspects' names are decrypted on read.

use super::evidence::seal;
use super::suspects::require_prosecute;
use crate::audit::AuditEvent;
use crate::crypto::{open_text, DataKey};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::ids::{CaseId, PersonId};
use libertas_domain::justice::proceedings::{
    not_before, ChargeId, HearingId, HearingKind, NewCharge, NewHearing,
};
use serde::Serialize;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// A charge, the suspect's name decrypted (`None` once the person was erased).
#[derive(Clone, Debug, Serialize)]
pub struct ChargeView {
    pub id: ChargeId,
    pub case_id: CaseId,
    pub suspect_id: PersonId,
    pub suspect_name: Option<String>,
    pub law: String,
    pub section: String,
    pub counts: u32,
    pub filed_on: Date,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

/// A hearing; `charge_id` is `None` for a hearing of the whole case.
#[derive(Clone, Debug, Serialize)]
pub struct HearingView {
    pub id: HearingId,
    pub case_id: CaseId,
    pub charge_id: Option<ChargeId>,
    pub date: Date,
    pub court: String,
    pub kind: HearingKind,
    pub outcome: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

const CHARGE_SELECT: &str = "select c.id, c.case_id, cp.person_id, c.law, c.section, c.counts,
     c.filed_on, c.note, u.username, c.created_at
     from charges c join case_people cp on cp.id = c.case_person_id
     join users u on u.id = c.created_by";

const HEARING_SELECT: &str = "select h.id, h.charge_id, h.held_on, h.court, h.kind, h.outcome,
     u.username, h.created_at from hearings h join users u on u.id = h.created_by";

/// A row of [`CHARGE_SELECT`], text still sealed.
#[derive(FromRow)]
struct ChargeRow {
    id: String,
    person_id: String,
    law: Option<Vec<u8>>,
    section: Option<Vec<u8>>,
    counts: i64,
    filed_on: String,
    note: Option<Vec<u8>>,
    username: String,
    created_at: String,
}

/// A row of [`HEARING_SELECT`], text still sealed.
#[derive(FromRow)]
struct HearingRow {
    id: String,
    charge_id: Option<String>,
    held_on: String,
    court: Option<Vec<u8>>,
    kind: String,
    outcome: Option<Vec<u8>>,
    username: String,
    created_at: String,
}

pub(crate) fn bad(w: &str) -> StoreError {
    StoreError::Internal(format!("bad proceedings row: {w}"))
}

pub(crate) fn date_of(s: &str) -> Result<Date, StoreError> {
    parse_date("date", s).map_err(|_| bad("date"))
}

/// Opens a sealed text column of a proceedings row (`None` in the column means a value from
/// before 0014 that start-up has not sealed yet, which cannot happen once the store is open).
fn open_required(
    key: &DataKey,
    table: &str,
    column: &str,
    row: &str,
    sealed: Option<Vec<u8>>,
) -> Result<String, StoreError> {
    let sealed = sealed.ok_or(StoreError::Crypto("proceedings value not sealed"))?;
    open_text(key, table, column, row, &sealed).ok_or(StoreError::Crypto("proceedings value"))
}

impl Store {
    /// Files a charge against a suspect of `case` (investigator, legal or admin members).
    pub async fn add_charge(
        &self,
        p: &Principal,
        case: CaseId,
        new: &NewCharge,
        reason: &str,
    ) -> Result<ChargeView, StoreError> {
        require_prosecute(p)?;
        self.check_member(p, case).await?;
        let cp = self
            .case_person_field(case, &new.suspect, "suspect", "suspect_id")
            .await?;
        let cid = case.to_string();
        let id = ChargeId::from_uuid(Uuid::now_v7());
        let sid = id.to_string();
        let key = self.case_key(&cid).await?;
        let note = new
            .note
            .as_ref()
            .map(|n| seal(&key, "charges", "note", &sid, n.as_str()));
        let law = seal(&key, "charges", "law", &sid, new.law.as_str());
        let section = seal(&key, "charges", "section", &sid, new.section.as_str());
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into charges (id, case_id, case_person_id, law, section, counts, filed_on,
             note, created_by, created_at, law_legacy, section_legacy)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '', '')",
        )
        .bind(&sid)
        .bind(&cid)
        .bind(&cp)
        .bind(law)
        .bind(section)
        .bind(i64::from(new.counts))
        .bind(date_text(new.filed_on))
        .bind(note)
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("charge.create", "charge", Some(sid), reason).detail(
                serde_json::json!({ "case_id": cid, "suspect_id": new.suspect, "counts": new.counts }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(ChargeView {
            id,
            case_id: case,
            suspect_id: new.suspect.parse().map_err(|_| bad("suspect id"))?,
            suspect_name: self.person_name(&new.suspect).await?,
            law: new.law.as_str().to_owned(),
            section: new.section.as_str().to_owned(),
            counts: new.counts,
            filed_on: new.filed_on,
            note: new.note.as_ref().map(|n| n.as_str().to_owned()),
            created_by: p.username.clone(),
            created_at: now,
        })
    }

    /// The charges of `case`, oldest filing first; audited as one `charge.list` read and one
    /// `person.read` per suspect named.
    pub async fn charges(
        &self,
        p: &Principal,
        case: CaseId,
        reason: &str,
    ) -> Result<Vec<ChargeView>, StoreError> {
        self.check_member(p, case).await?;
        let out = self.charge_rows(case, None).await?;
        let cid = case.to_string();
        let mut events = vec![
            AuditEvent::new("charge.list", "case", Some(cid.clone()), reason)
                .detail(serde_json::json!({ "count": out.len() })),
        ];
        let mut named: Vec<PersonId> = out.iter().map(|c| c.suspect_id).collect();
        named.sort();
        named.dedup();
        for person in named {
            events.push(
                AuditEvent::new("person.read", "person", Some(person.to_string()), reason)
                    .detail(serde_json::json!({ "case_id": cid, "as": "charged" })),
            );
        }
        self.record(p.into(), events).await?;
        Ok(out)
    }

    /// The case of charge `id`, if the caller may work it (role, organisation, membership);
    /// `NotFound` otherwise, exactly as for a charge that does not exist.
    pub async fn charge_case(&self, p: &Principal, id: ChargeId) -> Result<CaseId, StoreError> {
        crate::cases::require_case_work(p)?;
        let cid: String = sqlx::query_scalar(
            "select c.case_id from charges c join cases k on k.id = c.case_id
             join case_members m on m.case_id = c.case_id
             where c.id = $1 and k.org_id = $2 and m.user_id = $3",
        )
        .bind(id.to_string())
        .bind(p.org_id.to_string())
        .bind(p.user_id.to_string())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        cid.parse().map_err(|_| bad("case id"))
    }

    /// Records a hearing of `charge` (or of the whole case when `None`). A hearing of a charge
    /// cannot be dated before the charge was filed (400 naming `date`).
    pub async fn add_hearing(
        &self,
        p: &Principal,
        case: CaseId,
        charge: Option<ChargeId>,
        new: &NewHearing,
        reason: &str,
    ) -> Result<HearingView, StoreError> {
        require_prosecute(p)?;
        self.check_member(p, case).await?;
        if let Some(ch) = charge {
            let filed = self.charge_filed_on(case, ch).await?;
            not_before("date", new.date, filed, "charge")?;
        }
        let cid = case.to_string();
        let id = HearingId::from_uuid(Uuid::now_v7());
        let sid = id.to_string();
        let key = self.case_key(&cid).await?;
        let outcome = new
            .outcome
            .as_ref()
            .map(|o| seal(&key, "hearings", "outcome", &sid, o.as_str()));
        let court = seal(&key, "hearings", "court", &sid, new.court.as_str());
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into hearings (id, case_id, charge_id, held_on, court, kind, outcome,
             created_by, created_at, court_legacy) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, '')",
        )
        .bind(&sid)
        .bind(&cid)
        .bind(charge.map(|c| c.to_string()))
        .bind(date_text(new.date))
        .bind(court)
        .bind(new.kind.as_str())
        .bind(outcome)
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        tx.audit(
            AuditEvent::new("hearing.create", "hearing", Some(sid), reason).detail(
                serde_json::json!({
                    "case_id": cid,
                    "charge_id": charge.map(|c| c.to_string()),
                    "kind": new.kind.as_str(),
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(HearingView {
            id,
            case_id: case,
            charge_id: charge,
            date: new.date,
            court: new.court.as_str().to_owned(),
            kind: new.kind,
            outcome: new.outcome.as_ref().map(|o| o.as_str().to_owned()),
            created_by: p.username.clone(),
            created_at: now,
        })
    }

    /// The hearings of `case` (all, or those of one charge), by date; audited.
    pub async fn hearings(
        &self,
        p: &Principal,
        case: CaseId,
        charge: Option<ChargeId>,
        reason: &str,
    ) -> Result<Vec<HearingView>, StoreError> {
        self.check_member(p, case).await?;
        let out = self.hearing_rows(case, charge).await?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("hearing.list", "case", Some(case.to_string()), reason).detail(
                    serde_json::json!({
                        "count": out.len(),
                        "charge_id": charge.map(|c| c.to_string()),
                    }),
                ),
            ],
        )
        .await?;
        Ok(out)
    }

    /// The filing date of a charge of `case` (`NotFound` if it is not one).
    pub(crate) async fn charge_filed_on(
        &self,
        case: CaseId,
        charge: ChargeId,
    ) -> Result<Date, StoreError> {
        let filed_on: String =
            sqlx::query_scalar("select filed_on from charges where id = $1 and case_id = $2")
                .bind(charge.to_string())
                .bind(case.to_string())
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::NotFound)?;
        date_of(&filed_on)
    }

    /// Charges decrypted (the caller checks access and audits).
    pub(crate) async fn charge_rows(
        &self,
        case: CaseId,
        only: Option<ChargeId>,
    ) -> Result<Vec<ChargeView>, StoreError> {
        let cid = case.to_string();
        let sql = format!(
            "{CHARGE_SELECT} where c.case_id = $1 and ($2 = '' or c.id = $2)
             order by c.filed_on, c.created_at, c.id"
        );
        let rows = sqlx::query_as::<_, ChargeRow>(&sql)
            .bind(&cid)
            .bind(only.map(|c| c.to_string()).unwrap_or_default())
            .fetch_all(self.pool())
            .await?;
        if rows.is_empty() {
            return Ok(vec![]);
        }
        let key = self.case_key(&cid).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id = r.id;
            let person = r.person_id;
            let note = match r.note {
                Some(n) => Some(
                    open_text(&key, "charges", "note", &id, &n)
                        .ok_or(StoreError::Crypto("charge note"))?,
                ),
                None => None,
            };
            out.push(ChargeView {
                law: open_required(&key, "charges", "law", &id, r.law)?,
                section: open_required(&key, "charges", "section", &id, r.section)?,
                id: id.parse().map_err(|_| bad("charge id"))?,
                case_id: case,
                suspect_name: self.person_name(&person).await?,
                suspect_id: person.parse().map_err(|_| bad("person id"))?,
                counts: u32::try_from(r.counts).map_err(|_| bad("counts"))?,
                filed_on: date_of(&r.filed_on)?,
                note,
                created_by: r.username,
                created_at: r.created_at,
            });
        }
        Ok(out)
    }

    /// Hearings decrypted (the caller checks access and audits).
    pub(crate) async fn hearing_rows(
        &self,
        case: CaseId,
        charge: Option<ChargeId>,
    ) -> Result<Vec<HearingView>, StoreError> {
        let cid = case.to_string();
        let sql = format!(
            "{HEARING_SELECT} where h.case_id = $1 and ($2 = '' or h.charge_id = $2)
             order by h.held_on, h.created_at, h.id"
        );
        let rows = sqlx::query_as::<_, HearingRow>(&sql)
            .bind(&cid)
            .bind(charge.map(|c| c.to_string()).unwrap_or_default())
            .fetch_all(self.pool())
            .await?;
        if rows.is_empty() {
            return Ok(vec![]);
        }
        let key = self.case_key(&cid).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id = r.id;
            let outcome = match r.outcome {
                Some(o) => Some(
                    open_text(&key, "hearings", "outcome", &id, &o)
                        .ok_or(StoreError::Crypto("hearing outcome"))?,
                ),
                None => None,
            };
            out.push(HearingView {
                court: open_required(&key, "hearings", "court", &id, r.court)?,
                id: id.parse().map_err(|_| bad("hearing id"))?,
                case_id: case,
                charge_id: r
                    .charge_id
                    .map(|c| c.parse().map_err(|_| bad("charge id")))
                    .transpose()?,
                date: date_of(&r.held_on)?,
                kind: HearingKind::parse(&r.kind).map_err(|_| bad("kind"))?,
                outcome,
                created_by: r.username,
                created_at: r.created_at,
            });
        }
        Ok(out)
    }
}
