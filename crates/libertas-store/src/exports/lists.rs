//! The rows of each exportable list, read through the same store readers as the list pages,
//! and the columns written for them. Columns after the plain ones are personal or narrative
//! and are written only when the export asks for personal data.

use super::file::Table;
use super::ExportRequest;
use crate::audit::AuditEvent;
use crate::cases::{TaskBrowse, TaskDue};
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::exports::ExportList;
use libertas_domain::training::Audience;
use time::Date;

/// A table and the audit events of the records whose personal data it holds (`person.read`
/// per person, `referral.read` per referral), recorded with the export's own event.
pub(super) type Read = (Table, Vec<AuditEvent>);

/// `person.read` of each of `ids`, for an export of `list`.
pub(super) fn person_reads(ids: Vec<String>, list: ExportList, reason: &str) -> Vec<AuditEvent> {
    ids.into_iter()
        .map(|id| {
            AuditEvent::new("person.read", "person", Some(id), reason)
                .detail(serde_json::json!({ "export": list.as_str() }))
        })
        .collect()
}

pub(super) fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// Tasks read at once: far more than any caseload (the list reader takes a page size).
const ALL_TASKS: i64 = 1_000_000_000;

impl Store {
    pub(super) async fn list_table(
        &self,
        p: &Principal,
        r: ExportRequest,
        today: Date,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
        reason: &str,
    ) -> Result<Read, StoreError> {
        let personal = r.personal;
        match r.list {
            ExportList::Cases => {
                let cases = self.all_cases(p, progress).await?;
                let mut header = vec![
                    "number",
                    "status",
                    "closure_reason",
                    "owner",
                    "created_at",
                    "updated_at",
                ];
                if personal {
                    header.push("title");
                }
                let rows = cases
                    .into_iter()
                    .map(|c| {
                        let mut row = vec![
                            c.number,
                            c.status.as_str().to_owned(),
                            opt(&c.closure_reason),
                            c.owner,
                            c.created_at,
                            c.updated_at,
                        ];
                        if personal {
                            row.push(c.title);
                        }
                        row
                    })
                    .collect();
                Ok((Table { header, rows }, vec![]))
            }
            ExportList::People => {
                let people = self.all_people(p, progress).await?;
                let mut header = vec![
                    "id",
                    "gender",
                    "citizenship",
                    "languages",
                    "erased",
                    "created_at",
                ];
                if personal {
                    header.extend([
                        "given_name",
                        "family_name",
                        "birth_date",
                        "phone",
                        "email",
                        "identity_numbers",
                    ]);
                }
                let mut ids = vec![];
                let rows = people
                    .into_iter()
                    .map(|v| {
                        let mut row = vec![
                            v.id.to_string(),
                            opt(&v.gender),
                            v.citizenship.join(" "),
                            v.languages.join(" "),
                            v.erased.to_string(),
                            v.created_at.clone(),
                        ];
                        if personal && !v.erased {
                            ids.push(v.id.to_string());
                        }
                        if personal {
                            row.extend([
                                opt(&v.given_name),
                                opt(&v.family_name),
                                opt(&v.birth_date),
                                opt(&v.phone),
                                opt(&v.email),
                                v.identity_numbers.join(" "),
                            ]);
                        }
                        row
                    })
                    .collect();
                Ok((Table { header, rows }, person_reads(ids, r.list, reason)))
            }
            ExportList::Tasks => {
                // The task list's own reader, every open task of every due date; it audits
                // the listing and the people it names itself.
                let f = TaskBrowse {
                    due: TaskDue::Any,
                    group: None,
                    page: 0,
                    limit: ALL_TASKS,
                };
                progress(0, 0);
                let list = self.browse_tasks(p, &f, today, reason).await?;
                progress(list.tasks.len() as u64, list.tasks.len() as u64);
                let mut header = vec![
                    "case_number",
                    "kind",
                    "due_date",
                    "overdue",
                    "assignee",
                    "created_at",
                ];
                if personal {
                    header.extend(["case_title", "title", "description", "person"]);
                }
                let rows = list
                    .tasks
                    .into_iter()
                    .map(|t| {
                        let mut row = vec![
                            t.case_number,
                            t.task.kind.as_str().to_owned(),
                            t.task.due_date.to_string(),
                            t.task.overdue.to_string(),
                            opt(&t.task.assignee),
                            t.task.created_at.clone(),
                        ];
                        if personal {
                            let person = t.person.and_then(|(_, name)| name);
                            row.extend([
                                t.case_title,
                                t.task.title.clone(),
                                opt(&t.task.description),
                                opt(&person),
                            ]);
                        }
                        row
                    })
                    .collect();
                Ok((Table { header, rows }, vec![]))
            }
            ExportList::Referrals => self.referrals_table(p, personal, progress, reason).await,
            ExportList::Services => self.services_table(p, personal, progress, reason).await,
            ExportList::Trainings => {
                let events = self.trainings(p).await?;
                progress(events.len() as u64, events.len() as u64);
                let mut header = vec!["held_on", "topic", "place"];
                header.extend(Audience::ALL.iter().map(|a| a.as_str()));
                header.extend(["pre_score", "post_score", "created_by"]);
                let score = |s: Option<libertas_domain::training::MeanScore>| {
                    s.map(|s| format!("{:.1}", f64::from(s.tenths()) / 10.0))
                        .unwrap_or_default()
                };
                let rows = events
                    .into_iter()
                    .map(|t| {
                        let mut row = vec![
                            t.event.held_on.to_string(),
                            t.event.topic.as_str().to_owned(),
                            t.event.place.as_str().to_owned(),
                        ];
                        row.extend(
                            Audience::ALL
                                .iter()
                                .map(|a| t.event.participants.get(*a).to_string()),
                        );
                        row.extend([
                            score(t.event.pre_score),
                            score(t.event.post_score),
                            t.created_by,
                        ]);
                        row
                    })
                    .collect();
                Ok((Table { header, rows }, vec![]))
            }
        }
    }
}
