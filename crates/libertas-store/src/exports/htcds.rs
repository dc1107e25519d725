//! The HTCDS v2 export: the cases a user sees, each with its victims, in the field names of
//! the Human Trafficking Case Data Standard (`docs/exports.md` has the mapping). The same
//! readers as the case and people lists decide what is in it; personal fields only when asked
//! for by a role that reads personal data, and then the JSON is an AES-256 encrypted ZIP.

use super::{file, ListExport};
use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::{Policy, Principal};
use libertas_domain::exports::htcds::{values, HtcdsField};
use libertas_domain::stats::ctdc::Exploitation;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use zeroize::Zeroizing;

/// A victim's place in one of the caller's cases.
#[derive(sqlx::FromRow)]
struct VictimLink {
    person_id: String,
    case_id: String,
    trafficking_status: Option<String>,
}

/// A saved screening of a report linked to one of the caller's cases (codes only).
#[derive(sqlx::FromRow)]
struct ScreeningRow {
    case_id: String,
    screening: String,
}

fn text(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

impl Store {
    /// `p`'s cases (as their case list shows them) with their victims, as an HTCDS v2 JSON
    /// document. `Forbidden` without case work, or with `personal` and a role that may not
    /// read personal data. Audited as `export.htcds`, and one `person.read` per victim whose
    /// personal data the file holds.
    pub async fn export_htcds(
        &self,
        p: &Principal,
        personal: bool,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
        reason: &str,
    ) -> Result<ListExport, StoreError> {
        if personal && !Policy::reads_personal_data(p.role) {
            return Err(StoreError::Forbidden);
        }
        let cases = self.all_cases(p, progress).await?;
        let people = self.all_people(p, &|_, _| {}).await?;
        // The victims of the caller's cases (the case list's membership filter).
        let links = sqlx::query_as::<_, VictimLink>(
            "select cp.person_id, cp.case_id, cp.trafficking_status
             from case_people cp
             join case_members m on m.case_id = cp.case_id
             join cases c on c.id = cp.case_id
             where m.user_id = $1 and c.org_id = $2 and cp.role = 'victim'
             order by cp.created_at, cp.id",
        )
        .bind(p.user_id.to_string())
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let screenings = self.case_screenings(p).await?;
        let mut of_person: HashMap<&str, Vec<&VictimLink>> = HashMap::new();
        for l in &links {
            of_person.entry(l.person_id.as_str()).or_default().push(l);
        }
        let mut victims: HashMap<String, Vec<Value>> = HashMap::new();
        let mut read = vec![];
        for v in &people {
            let id = v.id.to_string();
            let Some(places) = of_person.get(id.as_str()) else {
                continue;
            };
            let mut person = Map::new();
            person.insert("prs_Gender".into(), text(&v.gender));
            person.insert("prs_Citizenship".into(), json!(v.citizenship));
            person.insert("prs_PrimaryLanguage".into(), json!(v.languages.first()));
            person.insert("prs_SecondaryLanguage".into(), json!(v.languages.get(1)));
            if personal {
                person.insert("prs_FirstName".into(), text(&v.given_name));
                person.insert("prs_SecondName".into(), text(&v.family_name));
                person.insert("prs_Birthdate".into(), text(&v.birth_date));
                person.insert("prs_Email".into(), text(&v.email));
                person.insert("prs_MobilePhone".into(), text(&v.phone));
                person.insert(
                    "prs_IdentityNumber".into(),
                    json!(v.identity_numbers.first()),
                );
            }
            for link in places {
                let mut entry = person.clone();
                entry.insert(
                    "vic_TraffickingStatus".into(),
                    text(&link.trafficking_status),
                );
                // From the screenings of the case's reports; null when none was screened.
                let (control, types) = match screenings.get(&link.case_id) {
                    Some(e) => (
                        json!(values(e, HtcdsField::MethodsOfControl)),
                        json!(values(e, HtcdsField::TypeOfExploitation)),
                    ),
                    None => (Value::Null, Value::Null),
                };
                entry.insert("vic_MethodsOfControl".into(), control);
                entry.insert("vic_TypeOfExploitation".into(), types);
                victims
                    .entry(link.case_id.clone())
                    .or_default()
                    .push(Value::Object(entry));
            }
            if personal && !v.erased {
                read.push(id);
            }
        }
        let mut victim_count = 0;
        let out: Vec<Value> = cases
            .iter()
            .map(|c| {
                let vs = victims.remove(&c.id.to_string()).unwrap_or_default();
                victim_count += vs.len();
                json!({
                    "lib_CaseNumber": c.number,
                    "cas_Status": c.status.as_str(),
                    "cas_ReasonForCaseClosure": c.closure_reason,
                    "cas_CaseOwner": c.owner,
                    "victims": vs,
                })
            })
            .collect();
        let doc = json!({ "standard": "HTCDS 2.0", "cases": out });
        let plain = Zeroizing::new(
            serde_json::to_vec_pretty(&doc).map_err(|e| StoreError::Internal(e.to_string()))?,
        );
        drop(doc);
        let export = if personal {
            let passphrase = file::new_passphrase();
            ListExport {
                bytes: file::encrypted_zip("htcds.json", &plain, &passphrase)?,
                file_name: "htcds.zip".into(),
                content_type: "application/zip",
                passphrase: Some(passphrase),
                rows: cases.len(),
            }
        } else {
            ListExport {
                bytes: plain.to_vec(),
                file_name: "htcds.json".into(),
                content_type: "application/json",
                passphrase: None,
                rows: cases.len(),
            }
        };
        let mut events: Vec<AuditEvent> = read
            .into_iter()
            .map(|id| {
                AuditEvent::new("person.read", "person", Some(id), reason)
                    .detail(json!({ "export": "htcds" }))
            })
            .collect();
        events.push(
            AuditEvent::new("export.htcds", "case", None, reason).detail(json!({
                "cases": cases.len(),
                "victims": victim_count,
                "screened_cases": screenings.len(),
                "personal": personal,
            })),
        );
        self.record(p.into(), events).await?;
        Ok(export)
    }

    /// The codes of the saved screenings of the reports linked to each of `p`'s cases (the
    /// case list's membership filter), by case id. Codes only: a screening holds no personal
    /// value.
    async fn case_screenings(
        &self,
        p: &Principal,
    ) -> Result<HashMap<String, Exploitation>, StoreError> {
        let rows = sqlx::query_as::<_, ScreeningRow>(
            "select r.case_id, r.screening
             from reports r
             join cases c on c.id = r.case_id
             join case_members m on m.case_id = r.case_id
             where m.user_id = $1 and c.org_id = $2 and r.org_id = $2
               and r.screening is not null
             order by r.created_at, r.id",
        )
        .bind(p.user_id.to_string())
        .bind(p.org_id.to_string())
        .fetch_all(self.pool())
        .await?;
        let mut out: HashMap<String, Exploitation> = HashMap::new();
        for r in rows {
            // A screening that does not read as JSON adds nothing (as in the CTDC export).
            if let Ok(saved) = serde_json::from_str::<Value>(&r.screening) {
                out.entry(r.case_id).or_default().add_screening(&saved);
            }
        }
        Ok(out)
    }
}
