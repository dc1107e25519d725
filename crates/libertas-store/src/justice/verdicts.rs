//! Verdicts (one final verdict per charge) and sentences (one per conviction), with
//! restitution ordered to victims of the case. All plain values except the names of the
//! survivors owed restitution, which are decrypted on read.

use super::charges::{bad, date_of};
use super::suspects::require_prosecute;
use crate::audit::AuditEvent;
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::decisions::date_text;
use libertas_domain::ids::{CaseId, PersonId};
use libertas_domain::justice::proceedings::{
    check_sentence_follows, not_before, ChargeId, Currency, SentenceId, SentenceTerms, VerdictId,
    VerdictOutcome,
};
use serde::Serialize;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

#[derive(Clone, Debug, Serialize)]
pub struct VerdictView {
    pub id: VerdictId,
    pub case_id: CaseId,
    pub charge_id: ChargeId,
    pub outcome: VerdictOutcome,
    pub date: Date,
    pub created_by: String,
    pub created_at: String,
}

/// Restitution owed to one survivor (`name` is `None` once the person was erased).
#[derive(Clone, Debug, Serialize)]
pub struct RestitutionView {
    pub person_id: PersonId,
    pub name: Option<String>,
    /// Minor units of the sentence's currency.
    pub amount_minor: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct SentenceView {
    pub id: SentenceId,
    pub case_id: CaseId,
    pub verdict_id: VerdictId,
    pub charge_id: ChargeId,
    pub prison_months: u32,
    pub suspended: bool,
    pub fine_minor: Option<i64>,
    pub currency: Option<String>,
    pub date: Date,
    pub restitution: Vec<RestitutionView>,
    pub created_by: String,
    pub created_at: String,
}

const VERDICT_SELECT: &str = "select v.id, v.charge_id, v.outcome, v.decided_on, u.username,
     v.created_at from verdicts v join users u on u.id = v.created_by";

const SENTENCE_SELECT: &str = "select s.id, s.verdict_id, v.charge_id, s.prison_months,
     s.suspended, s.fine_minor, s.currency, s.sentenced_on, u.username, s.created_at
     from sentences s join verdicts v on v.id = s.verdict_id join users u on u.id = s.created_by";

/// A row of [`VERDICT_SELECT`].
#[derive(FromRow)]
struct VerdictRow {
    id: String,
    charge_id: String,
    outcome: String,
    decided_on: String,
    username: String,
    created_at: String,
}

/// A row of [`SENTENCE_SELECT`]; `suspended` is an integer 0/1 on both backends.
#[derive(FromRow)]
struct SentenceRow {
    id: String,
    verdict_id: String,
    charge_id: String,
    prison_months: i64,
    suspended: i64,
    fine_minor: Option<i64>,
    currency: Option<String>,
    sentenced_on: String,
    username: String,
    created_at: String,
}

#[derive(FromRow)]
struct RestitutionRow {
    person_id: String,
    amount_minor: i64,
}

impl Store {
    /// Records the final verdict of a charge of `case`: not before the charge was filed (400
    /// naming `date`), one per charge (409).
    pub async fn add_verdict(
        &self,
        p: &Principal,
        case: CaseId,
        charge: ChargeId,
        outcome: VerdictOutcome,
        date: Date,
        reason: &str,
    ) -> Result<VerdictView, StoreError> {
        require_prosecute(p)?;
        self.check_member(p, case).await?;
        let filed = self.charge_filed_on(case, charge).await?;
        not_before("date", date, filed, "charge")?;
        let id = VerdictId::from_uuid(Uuid::now_v7());
        let sid = id.to_string();
        let cid = case.to_string();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into verdicts (id, case_id, charge_id, outcome, decided_on, created_by,
             created_at) values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&sid)
        .bind(&cid)
        .bind(charge.to_string())
        .bind(outcome.as_str())
        .bind(date_text(date))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await
        .map_err(|e| {
            StoreError::on_constraint(
                e,
                "verdicts_charge_id_key",
                "this charge already has its final verdict",
            )
        })?;
        tx.audit(
            AuditEvent::new("verdict.create", "verdict", Some(sid), reason).detail(
                serde_json::json!({
                    "case_id": cid,
                    "charge_id": charge.to_string(),
                    "outcome": outcome.as_str(),
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(VerdictView {
            id,
            case_id: case,
            charge_id: charge,
            outcome,
            date,
            created_by: p.username.clone(),
            created_at: now,
        })
    }

    /// The verdicts of `case` (all, or of one charge); audited.
    pub async fn verdicts(
        &self,
        p: &Principal,
        case: CaseId,
        charge: Option<ChargeId>,
        reason: &str,
    ) -> Result<Vec<VerdictView>, StoreError> {
        self.check_member(p, case).await?;
        let out = self.verdict_rows(case, charge).await?;
        self.record(
            p.into(),
            vec![
                AuditEvent::new("verdict.list", "case", Some(case.to_string()), reason)
                    .detail(serde_json::json!({ "count": out.len() })),
            ],
        )
        .await?;
        Ok(out)
    }

    /// The case of verdict `id` if the caller may work it; `NotFound` otherwise.
    pub async fn verdict_case(&self, p: &Principal, id: VerdictId) -> Result<CaseId, StoreError> {
        crate::cases::require_case_work(p)?;
        let cid: String = sqlx::query_scalar(
            "select v.case_id from verdicts v join cases k on k.id = v.case_id
             join case_members m on m.case_id = v.case_id
             where v.id = $1 and k.org_id = $2 and m.user_id = $3",
        )
        .bind(id.to_string())
        .bind(p.org_id.to_string())
        .bind(p.user_id.to_string())
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        cid.parse().map_err(|_| bad("case id"))
    }

    /// Records the sentence of a conviction: refused (400 naming `verdict`) for any other
    /// verdict, before the verdict's date (`date`), or with restitution to anyone who is not a
    /// victim of the case (`restitution`); one per verdict (409). One transaction.
    pub async fn add_sentence(
        &self,
        p: &Principal,
        case: CaseId,
        verdict: VerdictId,
        terms: &SentenceTerms,
        date: Option<Date>,
        reason: &str,
    ) -> Result<SentenceView, StoreError> {
        require_prosecute(p)?;
        self.check_member(p, case).await?;
        let v = self
            .verdict_rows(case, None)
            .await?
            .into_iter()
            .find(|v| v.id == verdict)
            .ok_or(StoreError::NotFound)?;
        let date = date.unwrap_or(v.date);
        // A verdict that is no conviction is the record's state (409); a date before the
        // verdict is the request's (400).
        check_sentence_follows(v.outcome, v.date, date).map_err(|e| {
            if e.field == "verdict" {
                StoreError::Conflicting(e)
            } else {
                StoreError::Invalid(e)
            }
        })?;
        let mut owed = Vec::with_capacity(terms.restitution.len());
        for (person, amount) in &terms.restitution {
            let cp = self
                .case_person_field(case, &person.to_string(), "victim", "restitution")
                .await?;
            owed.push((cp, *person, *amount));
        }
        let id = SentenceId::from_uuid(Uuid::now_v7());
        let sid = id.to_string();
        let cid = case.to_string();
        let now = clock::now_text();
        let mut tx = self.write(p.into()).await?;
        sqlx::query(
            "insert into sentences (id, case_id, verdict_id, prison_months, suspended, fine_minor,
             currency, sentenced_on, created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&sid)
        .bind(&cid)
        .bind(verdict.to_string())
        .bind(i64::from(terms.prison_months))
        .bind(i64::from(terms.suspended))
        .bind(terms.fine)
        .bind(terms.currency.as_ref().map(|c| c.as_str().to_owned()))
        .bind(date_text(date))
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await
        .map_err(|e| {
            StoreError::on_constraint(
                e,
                "sentences_verdict_id_key",
                "this verdict already has its sentence",
            )
        })?;
        for (cp, _, amount) in &owed {
            sqlx::query(
                "insert into sentence_restitutions (sentence_id, case_person_id, amount_minor)
                 values ($1, $2, $3)",
            )
            .bind(&sid)
            .bind(cp)
            .bind(*amount)
            .execute(tx.conn()?)
            .await?;
        }
        tx.audit(
            AuditEvent::new("sentence.create", "sentence", Some(sid), reason).detail(
                serde_json::json!({
                    "case_id": cid,
                    "verdict_id": verdict.to_string(),
                    "restitution_orders": owed.len(),
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        let mut restitution = Vec::with_capacity(owed.len());
        for (_, person, amount) in owed {
            let pid = person.to_string();
            restitution.push(RestitutionView {
                name: self.person_name(&pid).await?,
                person_id: pid.parse().map_err(|_| bad("person id"))?,
                amount_minor: amount,
            });
        }
        Ok(SentenceView {
            id,
            case_id: case,
            verdict_id: verdict,
            charge_id: v.charge_id,
            prison_months: terms.prison_months,
            suspended: terms.suspended,
            fine_minor: terms.fine,
            currency: terms.currency.as_ref().map(|c| c.as_str().to_owned()),
            date,
            restitution,
            created_by: p.username.clone(),
            created_at: now,
        })
    }

    /// The sentences of `case` (all, or of one verdict), survivors' names decrypted; audited
    /// with one `person.read` per survivor named.
    pub async fn sentences(
        &self,
        p: &Principal,
        case: CaseId,
        verdict: Option<VerdictId>,
        reason: &str,
    ) -> Result<Vec<SentenceView>, StoreError> {
        self.check_member(p, case).await?;
        let out = self.sentence_rows(case, verdict).await?;
        let cid = case.to_string();
        let mut events = vec![
            AuditEvent::new("sentence.list", "case", Some(cid.clone()), reason)
                .detail(serde_json::json!({ "count": out.len() })),
        ];
        for r in out.iter().flat_map(|s| &s.restitution) {
            events.push(
                AuditEvent::new(
                    "person.read",
                    "person",
                    Some(r.person_id.to_string()),
                    reason,
                )
                .detail(serde_json::json!({ "case_id": cid, "as": "restitution" })),
            );
        }
        self.record(p.into(), events).await?;
        Ok(out)
    }

    pub(crate) async fn verdict_rows(
        &self,
        case: CaseId,
        charge: Option<ChargeId>,
    ) -> Result<Vec<VerdictView>, StoreError> {
        let sql = format!(
            "{VERDICT_SELECT} where v.case_id = $1 and ($2 = '' or v.charge_id = $2)
             order by v.decided_on, v.created_at, v.id"
        );
        let rows = sqlx::query_as::<_, VerdictRow>(&sql)
            .bind(case.to_string())
            .bind(charge.map(|c| c.to_string()).unwrap_or_default())
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(VerdictView {
                id: r.id.parse().map_err(|_| bad("verdict id"))?,
                case_id: case,
                charge_id: r.charge_id.parse().map_err(|_| bad("charge id"))?,
                outcome: VerdictOutcome::parse(&r.outcome).map_err(|_| bad("outcome"))?,
                date: date_of(&r.decided_on)?,
                created_by: r.username,
                created_at: r.created_at,
            });
        }
        Ok(out)
    }

    /// Sentences with restitution, names decrypted (the caller checks access and audits).
    pub(crate) async fn sentence_rows(
        &self,
        case: CaseId,
        verdict: Option<VerdictId>,
    ) -> Result<Vec<SentenceView>, StoreError> {
        let sql = format!(
            "{SENTENCE_SELECT} where s.case_id = $1 and ($2 = '' or s.verdict_id = $2)
             order by s.sentenced_on, s.created_at, s.id"
        );
        let rows = sqlx::query_as::<_, SentenceRow>(&sql)
            .bind(case.to_string())
            .bind(verdict.map(|v| v.to_string()).unwrap_or_default())
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id = r.id;
            let owed = sqlx::query_as::<_, RestitutionRow>(
                "select cp.person_id, r.amount_minor from sentence_restitutions r
                 join case_people cp on cp.id = r.case_person_id
                 where r.sentence_id = $1 order by cp.created_at, cp.id",
            )
            .bind(&id)
            .fetch_all(self.pool())
            .await?;
            let mut restitution = Vec::with_capacity(owed.len());
            for o in owed {
                restitution.push(RestitutionView {
                    name: self.person_name(&o.person_id).await?,
                    person_id: o.person_id.parse().map_err(|_| bad("person id"))?,
                    amount_minor: o.amount_minor,
                });
            }
            out.push(SentenceView {
                id: id.parse().map_err(|_| bad("sentence id"))?,
                case_id: case,
                verdict_id: r.verdict_id.parse().map_err(|_| bad("verdict id"))?,
                charge_id: r.charge_id.parse().map_err(|_| bad("charge id"))?,
                prison_months: u32::try_from(r.prison_months).map_err(|_| bad("months"))?,
                suspended: r.suspended != 0,
                fine_minor: r.fine_minor,
                currency: r
                    .currency
                    .map(|c| Currency::parse(&c).map(|c| c.as_str().to_owned()))
                    .transpose()
                    .map_err(|_| bad("currency"))?,
                date: date_of(&r.sentenced_on)?,
                restitution,
                created_by: r.username,
                created_at: r.created_at,
            });
        }
        Ok(out)
    }
}
