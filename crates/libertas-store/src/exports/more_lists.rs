//! The referral and care-service lists of an export. Rows come from the store readers that
//! apply the lists' need-to-know (`all_referrals`: the caller's outgoing and incoming
//! referral lists; `all_care_services`: the care plans of people of the caller's cases); the
//! columns after the plain ones are written only for a personal export, and each record whose
//! personal data the file holds is audited as its own read.

use super::file::Table;
use super::lists::{opt, person_reads, Read};
use crate::audit::AuditEvent;
use crate::{Store, StoreError};
use libertas_domain::admin::Principal;
use libertas_domain::exports::ExportList;
use std::collections::{BTreeSet, HashMap};

fn date(d: Option<time::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl Store {
    /// One row per referral: direction, codes, statuses and dates always; the person's name
    /// and birth date, the partner's name and the narrative notes only when `personal`. The
    /// receiving side's rows carry what its incoming list shows and nothing more.
    pub(super) async fn referrals_table(
        &self,
        p: &Principal,
        personal: bool,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
        reason: &str,
    ) -> Result<Read, StoreError> {
        let referrals = self.all_referrals(p, progress).await?;
        let mut header = vec![
            "id",
            "direction",
            "kind",
            "status",
            "basis",
            "services",
            "sharing",
            "partner_id",
            "from_org",
            "case_id",
            "person_id",
            "created_by",
            "created_at",
            "updated_at",
        ];
        if personal {
            header.extend([
                "partner",
                "person_name",
                "birth_date",
                "note",
                "status_reason",
                "override_reason",
                "safeguarding_note",
            ]);
        }
        let mut events = vec![];
        let rows = referrals
            .into_iter()
            .map(|v| {
                let mut row = vec![
                    v.id.to_string(),
                    if v.incoming { "incoming" } else { "outgoing" }.to_owned(),
                    v.kind.as_str().to_owned(),
                    v.status.as_str().to_owned(),
                    v.basis.map(|b| b.as_str().to_owned()).unwrap_or_default(),
                    v.services.join(" "),
                    v.sharing.to_string(),
                    v.partner_id.to_string(),
                    v.from_org.clone(),
                    opt(&v.case_id),
                    opt(&v.person_id),
                    opt(&v.created_by),
                    v.created_at.clone(),
                    v.updated_at.clone(),
                ];
                if personal {
                    let action = if v.incoming {
                        "referral.incoming.read"
                    } else {
                        "referral.read"
                    };
                    events.push(
                        AuditEvent::new(action, "referral", Some(v.id.to_string()), reason).detail(
                            serde_json::json!({
                                "export": ExportList::Referrals.as_str(),
                                "sharing": v.sharing,
                            }),
                        ),
                    );
                    row.extend([
                        v.partner_name,
                        opt(&v.person_name),
                        opt(&v.birth_date),
                        opt(&v.note),
                        opt(&v.status_reason),
                        opt(&v.override_reason),
                        opt(&v.safeguarding_note),
                    ]);
                }
                row
            })
            .collect();
        Ok((Table { header, rows }, events))
    }

    /// One row per care-plan service, with its plan, person id, type, status, dates and how
    /// often it was delivered; the provider and the person's name only when `personal`.
    pub(super) async fn services_table(
        &self,
        p: &Principal,
        personal: bool,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
        reason: &str,
    ) -> Result<Read, StoreError> {
        let services = self.all_care_services(p, personal, progress).await?;
        let mut names: HashMap<String, Option<String>> = HashMap::new();
        if personal {
            let people: BTreeSet<&str> = services.iter().map(|s| s.person_id.as_str()).collect();
            for id in people {
                names.insert(id.to_owned(), self.person_basics(id).await?.name);
            }
        }
        let mut header = vec![
            "id",
            "plan_id",
            "plan_status",
            "person_id",
            "service_type",
            "status",
            "start_date",
            "end_date",
            "deliveries",
            "last_delivered_on",
            "updated_at",
        ];
        if personal {
            header.extend(["person_name", "provider"]);
        }
        let rows = services
            .into_iter()
            .map(|s| {
                let mut row = vec![
                    s.id,
                    s.plan_id,
                    s.plan_status,
                    s.person_id.clone(),
                    s.service_type.as_str().to_owned(),
                    s.status.as_str().to_owned(),
                    s.start_date.to_string(),
                    date(s.end_date),
                    s.deliveries.to_string(),
                    date(s.last_delivered_on),
                    s.updated_at,
                ];
                if personal {
                    let name = names.get(&s.person_id).cloned().flatten();
                    row.extend([name.unwrap_or_default(), s.provider.unwrap_or_default()]);
                }
                row
            })
            .collect();
        // Every person whose name or provider the file holds (erased people hold nothing).
        let read: Vec<String> = names
            .into_iter()
            .filter(|(_, name)| name.is_some())
            .map(|(id, _)| id)
            .collect();
        Ok((
            Table { header, rows },
            person_reads(read, ExportList::Services, reason),
        ))
    }
}
