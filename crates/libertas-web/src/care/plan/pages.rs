//! The care-plan part of the care page: the newest plan's goals grouped by ASO domain, its
//! services with their deliveries, and the option lists of the forms, all already translated.

use crate::i18n::Tr;
use libertas_domain::care::{GoalStatus, ServiceStatus, ServiceType, DOMAINS};
use libertas_domain::cases::decisions::date_text;
use libertas_store::care::CarePlanView;

pub struct GoalRow {
    pub id: String,
    pub text: String,
    pub target: String,
    pub status: String,
    /// The status code, so the status select starts at the current value.
    pub status_code: &'static str,
}

/// The goals of one ASO domain.
pub struct GoalGroup {
    pub label: String,
    pub goals: Vec<GoalRow>,
}

pub struct DeliveryRow {
    pub on: String,
    pub delivered: String,
    pub note: String,
    pub by: String,
}

pub struct ServiceRow {
    pub id: String,
    pub kind: String,
    pub provider: String,
    pub start: String,
    pub end: String,
    pub status: String,
    /// The status code, so the status select starts at the current value.
    pub status_code: &'static str,
    pub deliveries: Vec<DeliveryRow>,
}

/// The newest care plan, ready for the template.
pub struct PlanSection {
    pub id: String,
    pub opened_on: String,
    pub open: bool,
    pub groups: Vec<GoalGroup>,
    pub services: Vec<ServiceRow>,
}

/// Option lists (code, label) for the plan forms.
pub struct PlanOptions {
    pub domains: Vec<(String, String)>,
    pub goal_statuses: Vec<(String, String)>,
    pub service_types: Vec<(String, String)>,
    pub service_statuses: Vec<(String, String)>,
}

pub fn goal_status_label(t: &Tr, s: GoalStatus) -> String {
    t.get(&format!(
        "care-goal-status-{}",
        s.as_str().replace('_', "-")
    ))
}

pub fn service_status_label(t: &Tr, s: ServiceStatus) -> String {
    t.get(&format!("care-service-status-{}", s.as_str()))
}

pub fn service_type_label(t: &Tr, s: ServiceType) -> String {
    t.get(&format!("care-service-type-{}", s.as_str().to_lowercase()))
}

fn domain_label(t: &Tr, key: &str) -> String {
    t.get(&format!("care-domain-{}", key.replace('_', "-")))
}

pub fn options(t: &Tr) -> PlanOptions {
    PlanOptions {
        domains: DOMAINS
            .iter()
            .map(|d| (d.key.to_owned(), domain_label(t, d.key)))
            .collect(),
        goal_statuses: GoalStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), goal_status_label(t, *s)))
            .collect(),
        service_types: ServiceType::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), service_type_label(t, *s)))
            .collect(),
        service_statuses: ServiceStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), service_status_label(t, *s)))
            .collect(),
    }
}

pub fn section(t: &Tr, plans: &[CarePlanView]) -> Option<PlanSection> {
    let plan = plans.first()?;
    let erased = || t.get("care-erased");
    let groups = DOMAINS
        .iter()
        .filter_map(|d| {
            let goals: Vec<GoalRow> = plan
                .goals
                .iter()
                .filter(|g| g.domain == d.key)
                .map(|g| GoalRow {
                    id: g.id.to_string(),
                    text: g.text.clone().unwrap_or_else(erased),
                    target: g.target_date.map(date_text).unwrap_or_default(),
                    status: goal_status_label(t, g.status),
                    status_code: g.status.as_str(),
                })
                .collect();
            (!goals.is_empty()).then(|| GoalGroup {
                label: domain_label(t, d.key),
                goals,
            })
        })
        .collect();
    let services = plan
        .services
        .iter()
        .map(|s| ServiceRow {
            id: s.id.to_string(),
            kind: service_type_label(t, s.service_type),
            provider: s.provider.clone().unwrap_or_else(erased),
            start: date_text(s.start_date),
            end: s.end_date.map(date_text).unwrap_or_default(),
            status: service_status_label(t, s.status),
            status_code: s.status.as_str(),
            deliveries: s
                .deliveries
                .iter()
                .map(|d| DeliveryRow {
                    on: date_text(d.delivered_on),
                    delivered: d.delivered.clone().unwrap_or_else(erased),
                    note: d.note.clone().unwrap_or_default(),
                    by: d.recorded_by.clone(),
                })
                .collect(),
        })
        .collect();
    Some(PlanSection {
        id: plan.id.to_string(),
        opened_on: date_text(plan.opened_on),
        open: plan.status == "open",
        groups,
        services,
    })
}
