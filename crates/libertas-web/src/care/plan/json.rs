//! The JSON shapes of the care-plan API (`plan_api.rs`): request bodies that parse into the
//! domain's validated types, and the responses built from the store's views.

use crate::http::input::given;
use crate::http::schema;
use libertas_domain::care::{
    parse_domain, Delivered, DeliveryNote, GoalStatus, GoalText, NewDelivery, NewGoal, NewService,
    Provider, ServiceStatus, ServiceType, DOMAINS,
};
use libertas_domain::cases::decisions::{date_text, parse_date};
use libertas_domain::FieldError;
use libertas_store::care::{CarePlanView, DeliveryView, GoalView, ServiceView};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

pub fn today() -> Date {
    crate::http::clock::now().date()
}

fn opt_date(field: &str, raw: &Option<String>) -> Result<Option<Date>, FieldError> {
    given(raw).map(|v| parse_date(field, v)).transpose()
}

/// The keys of the ASO domains a goal belongs to (`care::parse_domain`).
pub struct AsoDomains;

impl schema::Codes for AsoDomains {
    fn codes() -> Vec<&'static str> {
        DOMAINS.iter().map(|d| d.key).collect()
    }
}

/// Opening a care plan.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NewCarePlanJson {
    /// `YYYY-MM-DD`, not in the future (else 400 naming `opened_on`); today when absent.
    #[schema(schema_with = schema::blank_or_date)]
    pub opened_on: Option<String>,
}

impl NewCarePlanJson {
    pub fn parse(&self, today: Date) -> Result<Date, FieldError> {
        let on = opt_date("opened_on", &self.opened_on)?.unwrap_or(today);
        if on > today {
            return Err(FieldError::new("opened_on", "must not be in the future"));
        }
        Ok(on)
    }
}

/// A new goal.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGoalJson {
    /// An ASO domain: safety, legal_protection, mental_wellbeing, economic_empowerment,
    /// social_support, physical_wellbeing.
    #[schema(schema_with = schema::code::<AsoDomains>)]
    pub domain: String,
    /// What the survivor wants to reach (sealed), 1 to 2,000 characters.
    #[schema(schema_with = schema::text::<GoalText>)]
    pub text: String,
    /// `YYYY-MM-DD`.
    #[schema(schema_with = schema::blank_or_date)]
    pub target_date: Option<String>,
    /// planned (default when absent or null), in_progress, achieved, discontinued.
    #[schema(schema_with = schema::code_opt::<GoalStatus>)]
    pub status: Option<String>,
}

impl NewGoalJson {
    pub fn parse(&self) -> Result<NewGoal, FieldError> {
        Ok(NewGoal {
            domain: parse_domain(&self.domain)?,
            text: GoalText::parse(&self.text)?,
            target_date: opt_date("target_date", &self.target_date)?,
            status: match &self.status {
                Some(s) => GoalStatus::parse(s)?,
                None => GoalStatus::Planned,
            },
        })
    }
}

/// A new service.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewServiceJson {
    /// HTCDS `spl_Type` (Education, Financial, Health, LabourExploitationRehabilitation, Legal,
    /// Livelihood, RightsBasedTraining, SexualExploitationRehabilitation, SocialCare), Housing
    /// or Counselling.
    #[schema(schema_with = schema::code::<ServiceType>)]
    pub service_type: String,
    /// Who provides it (sealed), 1 to 200 characters.
    #[schema(schema_with = schema::text::<Provider>)]
    pub provider: String,
    /// `YYYY-MM-DD`.
    #[schema(schema_with = schema::date)]
    pub start_date: String,
    /// `YYYY-MM-DD`, not before `start_date` (else 400 naming `end_date`).
    #[schema(schema_with = schema::blank_or_date)]
    pub end_date: Option<String>,
    /// planned (default when absent or null), active, completed, cancelled.
    #[schema(schema_with = schema::code_opt::<ServiceStatus>)]
    pub status: Option<String>,
}

impl NewServiceJson {
    pub fn parse(&self) -> Result<NewService, FieldError> {
        let s = NewService {
            service_type: ServiceType::parse(&self.service_type)?,
            provider: Provider::parse(&self.provider)?,
            start_date: parse_date("start_date", &self.start_date)?,
            end_date: opt_date("end_date", &self.end_date)?,
            status: match &self.status {
                Some(s) => ServiceStatus::parse(s)?,
                None => ServiceStatus::Planned,
            },
        };
        s.check()?;
        Ok(s)
    }
}

/// A status change of a goal.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalStatusJson {
    #[schema(schema_with = schema::code::<GoalStatus>)]
    pub status: String,
}

/// A status change of a service, optionally with its end date.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceStatusJson {
    #[schema(schema_with = schema::code::<ServiceStatus>)]
    pub status: String,
    /// `YYYY-MM-DD`, not before the service's start date (else 400 naming `end_date`).
    #[schema(schema_with = schema::blank_or_date)]
    pub end_date: Option<String>,
}

impl ServiceStatusJson {
    pub fn parse(&self) -> Result<(ServiceStatus, Option<Date>), FieldError> {
        Ok((
            ServiceStatus::parse(&self.status)?,
            opt_date("end_date", &self.end_date)?,
        ))
    }
}

/// One delivery of a service.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDeliveryJson {
    /// `YYYY-MM-DD`, not before the service's start and not in the future (else 400 naming
    /// `delivered_on`).
    #[schema(schema_with = schema::date)]
    pub delivered_on: String,
    /// What was delivered (sealed), 1 to 500 characters.
    #[schema(schema_with = schema::text::<Delivered>)]
    pub delivered: String,
    /// A note (sealed).
    #[schema(schema_with = schema::blank_or_text::<DeliveryNote>)]
    pub note: Option<String>,
}

impl NewDeliveryJson {
    pub fn parse(&self) -> Result<NewDelivery, FieldError> {
        Ok(NewDelivery {
            delivered_on: parse_date("delivered_on", &self.delivered_on)?,
            delivered: Delivered::parse(&self.delivered)?,
            note: given(&self.note).map(DeliveryNote::parse).transpose()?,
        })
    }
}

/// A goal. `text` is null once the person was erased.
#[derive(Serialize, ToSchema)]
pub struct GoalJson {
    id: String,
    plan_id: String,
    domain: String,
    text: Option<String>,
    target_date: Option<String>,
    #[schema(value_type = String)]
    status: GoalStatus,
    updated_at: String,
}

impl From<&GoalView> for GoalJson {
    fn from(g: &GoalView) -> Self {
        Self {
            id: g.id.to_string(),
            plan_id: g.plan_id.to_string(),
            domain: g.domain.clone(),
            text: g.text.clone(),
            target_date: g.target_date.map(date_text),
            status: g.status,
            updated_at: g.updated_at.clone(),
        }
    }
}

/// One delivery of a service.
#[derive(Serialize, ToSchema)]
pub struct DeliveryJson {
    id: String,
    service_id: String,
    delivered_on: String,
    delivered: Option<String>,
    note: Option<String>,
    recorded_by: String,
    recorded_at: String,
}

impl From<&DeliveryView> for DeliveryJson {
    fn from(d: &DeliveryView) -> Self {
        Self {
            id: d.id.clone(),
            service_id: d.service_id.to_string(),
            delivered_on: date_text(d.delivered_on),
            delivered: d.delivered.clone(),
            note: d.note.clone(),
            recorded_by: d.recorded_by.clone(),
            recorded_at: d.recorded_at.clone(),
        }
    }
}

/// A service with its deliveries.
#[derive(Serialize, ToSchema)]
pub struct ServiceJson {
    id: String,
    plan_id: String,
    #[schema(value_type = String)]
    service_type: ServiceType,
    provider: Option<String>,
    start_date: String,
    end_date: Option<String>,
    #[schema(value_type = String)]
    status: ServiceStatus,
    updated_at: String,
    deliveries: Vec<DeliveryJson>,
}

impl From<&ServiceView> for ServiceJson {
    fn from(s: &ServiceView) -> Self {
        Self {
            id: s.id.to_string(),
            plan_id: s.plan_id.to_string(),
            service_type: s.service_type,
            provider: s.provider.clone(),
            start_date: date_text(s.start_date),
            end_date: s.end_date.map(date_text),
            status: s.status,
            updated_at: s.updated_at.clone(),
            deliveries: s.deliveries.iter().map(Into::into).collect(),
        }
    }
}

/// A care plan with its goals and services.
#[derive(Serialize, ToSchema)]
pub struct CarePlanJson {
    id: String,
    person_id: String,
    case_id: String,
    opened_on: String,
    /// open or closed.
    status: String,
    created_by: String,
    created_at: String,
    goals: Vec<GoalJson>,
    services: Vec<ServiceJson>,
}

impl From<&CarePlanView> for CarePlanJson {
    fn from(p: &CarePlanView) -> Self {
        Self {
            id: p.id.to_string(),
            person_id: p.person_id.clone(),
            case_id: p.case_id.clone(),
            opened_on: date_text(p.opened_on),
            status: p.status.clone(),
            created_by: p.created_by.clone(),
            created_at: p.created_at.clone(),
            goals: p.goals.iter().map(Into::into).collect(),
            services: p.services.iter().map(Into::into).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CarePlanListJson {
    pub(crate) care_plans: Vec<CarePlanJson>,
}

#[derive(Serialize, ToSchema)]
pub struct GoalListJson {
    pub(crate) goals: Vec<GoalJson>,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceListJson {
    pub(crate) services: Vec<ServiceJson>,
}

#[derive(Serialize, ToSchema)]
pub struct DeliveryListJson {
    pub(crate) deliveries: Vec<DeliveryJson>,
}
