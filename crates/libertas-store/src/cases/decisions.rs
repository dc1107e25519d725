//! Identification decisions per victim, the deadlines they start, and the tasks the rules
//! make from them (in the same transaction, so a recorded referral never lacks its task).

use super::tasks::{apply_rule_task, RuleTask};
use crate::audit::AuditEvent;
use crate::crypto::{seal_field, FieldRef};
use crate::{clock, Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::cases::deadlines::{Calendar, Deadlines, RuleSet};
use libertas_domain::cases::decisions::{date_text, parse_date, NewDecision, OrgType, Outcome};
use libertas_domain::cases::tasks::TaskKind;
use libertas_domain::ids::CaseId;
use libertas_domain::people::TraffickingStatus;
use libertas_domain::FieldError;
use serde::Serialize;
use sqlx::FromRow;
use time::Date;
use uuid::Uuid;

/// How the caller names the victim: by their place in the case or by the person.
#[derive(Clone, Copy, Debug)]
pub enum VictimRef<'a> {
    CasePerson(&'a str),
    Person(&'a str),
}

/// One recorded decision, with the deadlines computed under its rule set.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionView {
    pub id: Uuid,
    pub case_id: CaseId,
    pub case_person_id: String,
    pub person_id: String,
    pub trafficking_status: Option<TraffickingStatus>,
    pub deciding_org_type: Option<OrgType>,
    pub rule_set: String,
    pub referral_date: Option<Date>,
    pub rg_decision: Option<Outcome>,
    pub rg_date: Option<Date>,
    pub cg_decision: Option<Outcome>,
    pub cg_date: Option<Date>,
    pub note: Option<String>,
    pub deadlines: Deadlines,
    pub created_by: String,
    pub created_at: String,
}

const DECISION_SELECT: &str = "select d.id, d.case_person_id, cp.person_id, d.trafficking_status, d.deciding_org_type,
        d.rule_set, d.referral_date, d.rg_decision, d.rg_date, d.cg_decision, d.cg_date, d.note, u.username,
        d.created_at
     from decisions d join case_people cp on cp.id = d.case_person_id join users u on u.id = d.created_by";

/// A row of [`DECISION_SELECT`]: codes and dates as stored, the note sealed.
#[derive(FromRow)]
struct DecisionRow {
    id: String,
    case_person_id: String,
    person_id: String,
    trafficking_status: Option<String>,
    deciding_org_type: Option<String>,
    rule_set: String,
    referral_date: Option<String>,
    rg_decision: Option<String>,
    rg_date: Option<String>,
    cg_decision: Option<String>,
    cg_date: Option<String>,
    note: Option<Vec<u8>>,
    username: String,
    created_at: String,
}

#[derive(FromRow)]
struct VictimRow {
    id: String,
    person_id: String,
}

impl Store {
    /// Records a decision about a victim of the case over their current one (values not given
    /// are kept), checks the ordering rules, and creates or closes the rule-made tasks.
    pub async fn record_decision(
        &self,
        p: &Principal,
        case: CaseId,
        victim: VictimRef<'_>,
        decision: &NewDecision,
        calendar: Calendar<'_>,
        reason: &str,
    ) -> Result<DecisionView, StoreError> {
        let Calendar { rules, holidays } = calendar;
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let (field, raw, column) = match victim {
            VictimRef::CasePerson(v) => ("case_person_id", v, "id"),
            VictimRef::Person(v) => ("person_id", v, "person_id"),
        };
        let not_victim = || FieldError::new(field, "must name a victim of this case");
        Uuid::parse_str(raw).map_err(|_| not_victim())?;
        let sql =
            format!("select id, person_id from case_people where case_id = $1 and role = 'victim' and {column} = $2");
        let VictimRow {
            id: cp_id,
            person_id,
        } = sqlx::query_as::<_, VictimRow>(&sql)
            .bind(&cid)
            .bind(raw)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(not_victim)?;
        // The decision is merged over the current one, read inside the write transaction:
        // two decisions about one victim recorded at the same time then merge one over the
        // other, and neither loses what the other recorded.
        let mut tx = self.write(p.into()).await?;
        let sql = format!(
            "{DECISION_SELECT} where d.case_person_id = $1 order by d.created_at desc, d.id desc limit 1"
        );
        let latest = sqlx::query(&sql)
            .bind(&cp_id)
            .fetch_optional(tx.conn()?)
            .await?;
        let current = match latest {
            Some(r) => Some(self.decision_from_row(case, &r, holidays).await?),
            None => None,
        };
        let merged = decision.merged_over(&current.as_ref().map(as_new).unwrap_or_default());
        merged.check(rules)?;
        let decision = &merged;
        let key = self.case_key(&cid).await?;
        let id = Uuid::now_v7();
        let did = id.to_string();
        let note = decision.note.as_ref().map(|n| {
            seal_field(
                &key,
                1,
                FieldRef {
                    table: "decisions",
                    column: "note",
                    row: &did,
                },
                n.as_str().as_bytes(),
            )
        });
        let dl = decision.deadlines(rules, holidays);
        let now = clock::now_text();
        sqlx::query(
            "insert into decisions (id, case_id, case_person_id, trafficking_status, deciding_org_type, rule_set,
                referral_date, rg_decision, rg_date, cg_decision, cg_date, note, created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(&did)
        .bind(&cid)
        .bind(&cp_id)
        .bind(decision.trafficking_status.map(|s| s.as_str()))
        .bind(decision.deciding_org_type.map(|o| o.as_str()))
        .bind(rules.name)
        .bind(decision.referral_date.map(date_text))
        .bind(decision.rg_decision.map(|o| o.as_str()))
        .bind(decision.rg_date.map(date_text))
        .bind(decision.cg_decision.map(|o| o.as_str()))
        .bind(decision.cg_date.map(date_text))
        .bind(note)
        .bind(p.user_id.to_string())
        .bind(&now)
        .execute(tx.conn()?)
        .await?;
        if let Some(status) = decision.trafficking_status {
            sqlx::query("update case_people set trafficking_status = $1 where id = $2")
                .bind(status.as_str())
                .bind(&cp_id)
                .execute(tx.conn()?)
                .await?;
        }
        let mut made = 0;
        let rule = |kind, due| RuleTask {
            case_id: &cid,
            case_person_id: &cp_id,
            decision_id: &did,
            kind,
            due,
        };
        if let Some(due) = dl.reasonable_grounds_due {
            let close = decision.rg_decision.is_some();
            made += apply_rule_task(
                &mut tx,
                &key,
                p,
                rule(TaskKind::ReasonableGroundsDue, due),
                close,
                &now,
            )
            .await?
            .is_some() as usize;
        }
        if let Some(earliest) = dl.conclusive_grounds_earliest {
            let close = decision.cg_decision.is_some();
            let task = rule(TaskKind::ConclusiveGroundsEarliest, earliest);
            made += apply_rule_task(&mut tx, &key, p, task, close, &now)
                .await?
                .is_some() as usize;
        }
        sqlx::query("update cases set updated_at = $1 where id = $2")
            .bind(&now)
            .bind(&cid)
            .execute(tx.conn()?)
            .await?;
        tx.audit(
            AuditEvent::new(
                "case.decision.create",
                "decision",
                Some(did.clone()),
                reason,
            )
            .detail(serde_json::json!({
                "case_id": cid,
                "case_person_id": cp_id,
                "rule_set": rules.name,
                "tasks_created": made,
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(DecisionView {
            id,
            case_id: case,
            case_person_id: cp_id,
            person_id,
            trafficking_status: decision.trafficking_status,
            deciding_org_type: decision.deciding_org_type,
            rule_set: rules.name.to_owned(),
            referral_date: decision.referral_date,
            rg_decision: decision.rg_decision,
            rg_date: decision.rg_date,
            cg_decision: decision.cg_decision,
            cg_date: decision.cg_date,
            note: decision.note.as_ref().map(|n| n.as_str().to_owned()),
            deadlines: dl,
            created_by: p.username.clone(),
            created_at: now,
        })
    }

    /// Every decision of the case, oldest first (the newest per victim is current). Audited.
    pub async fn decisions(
        &self,
        p: &Principal,
        case: CaseId,
        holidays: &[Date],
        reason: &str,
    ) -> Result<Vec<DecisionView>, StoreError> {
        self.check_member(p, case).await?;
        let cid = case.to_string();
        let sql = format!("{DECISION_SELECT} where d.case_id = $1 order by d.created_at, d.id");
        let rows = sqlx::query(&sql).bind(&cid).fetch_all(self.pool()).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(self.decision_from_row(case, r, holidays).await?);
        }
        self.record(
            p.into(),
            vec![
                AuditEvent::new("case.decision.read", "case", Some(cid), reason)
                    .detail(serde_json::json!({ "count": out.len() })),
            ],
        )
        .await?;
        Ok(out)
    }

    /// The current (newest) decision of each victim, for the deadlines view.
    pub async fn current_decisions(
        &self,
        p: &Principal,
        case: CaseId,
        holidays: &[Date],
        reason: &str,
    ) -> Result<Vec<DecisionView>, StoreError> {
        let all = self.decisions(p, case, holidays, reason).await?;
        let mut current: Vec<DecisionView> = Vec::new();
        for d in all.into_iter().rev() {
            if !current.iter().any(|c| c.case_person_id == d.case_person_id) {
                current.push(d);
            }
        }
        current.reverse();
        Ok(current)
    }

    async fn decision_from_row(
        &self,
        case: CaseId,
        r: &sqlx::any::AnyRow,
        holidays: &[Date],
    ) -> Result<DecisionView, StoreError> {
        let bad = |w: &str| StoreError::Internal(format!("bad decision {w}"));
        let date = |s: Option<String>| -> Result<Option<Date>, StoreError> {
            s.map(|s| parse_date("date", &s).map_err(|_| bad("date")))
                .transpose()
        };
        let outcome = |s: Option<String>| -> Result<Option<Outcome>, StoreError> {
            s.map(|s| Outcome::parse(&s).map_err(|_| bad("outcome")))
                .transpose()
        };
        let r = DecisionRow::from_row(r)?;
        let id = r.id;
        let (status, org, rule_set) = (r.trafficking_status, r.deciding_org_type, r.rule_set);
        let rules = RuleSet::by_name(&rule_set).ok_or_else(|| bad("rule set"))?;
        let note = match r.note {
            Some(n) => {
                self.open_case_field(&case.to_string(), "decisions", "note", &id, &n)
                    .await?
            }
            None => None,
        };
        let d = NewDecision {
            trafficking_status: status
                .map(|s| TraffickingStatus::parse(&s))
                .transpose()
                .map_err(|_| bad("status"))?,
            deciding_org_type: org
                .map(|o| OrgType::parse(&o))
                .transpose()
                .map_err(|_| bad("org type"))?,
            referral_date: date(r.referral_date)?,
            rg_decision: outcome(r.rg_decision)?,
            rg_date: date(r.rg_date)?,
            cg_decision: outcome(r.cg_decision)?,
            cg_date: date(r.cg_date)?,
            note: None,
        };
        Ok(DecisionView {
            id: id.parse().map_err(|_| bad("id"))?,
            case_id: case,
            case_person_id: r.case_person_id,
            person_id: r.person_id,
            deadlines: d.deadlines(&rules, holidays),
            trafficking_status: d.trafficking_status,
            deciding_org_type: d.deciding_org_type,
            rule_set,
            referral_date: d.referral_date,
            rg_decision: d.rg_decision,
            rg_date: d.rg_date,
            cg_decision: d.cg_decision,
            cg_date: d.cg_date,
            note,
            created_by: r.username,
            created_at: r.created_at,
        })
    }
}

/// A stored decision's values, to merge a follow-up over.
fn as_new(d: &DecisionView) -> NewDecision {
    NewDecision {
        trafficking_status: d.trafficking_status,
        deciding_org_type: d.deciding_org_type,
        referral_date: d.referral_date,
        rg_decision: d.rg_decision,
        rg_date: d.rg_date,
        cg_decision: d.cg_decision,
        cg_date: d.cg_date,
        note: None,
    }
}
