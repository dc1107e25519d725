//! Demo data of the Restore pillar (see `demo.rs` for the organisations, staff and cases):
//! care plans for about a third of the victims, opened by the aftercare worker (who joins the
//! case), with goals in several outcome domains, services in every state with their
//! deliveries, and outcome assessments at intake and six months where the plan is old enough.
//! Everything is invented and drawn from a fixed seed.

use super::demo::DemoContext;
use anyhow::anyhow;
use libertas_domain::admin::{Principal, Role};
use libertas_domain::care::{
    AssessmentScores, Delivered, DeliveryNote, GoalStatus, GoalText, NewDelivery, NewGoal,
    NewService, Provider, ServiceStatus, ServiceType, DOMAINS,
};
use libertas_domain::ids::PersonId;
use libertas_store::Store;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration};

const REASON: &str = "demo data";

const GOALS: [(&str, &str); 14] = [
    (
        "safety",
        "Lives in safe accommodation that the recruiters do not know about",
    ),
    (
        "safety",
        "Has a safety plan for any contact from the exploiters",
    ),
    (
        "legal_protection",
        "Obtains a new identity card and birth certificate copy",
    ),
    (
        "legal_protection",
        "Understands her rights as a witness in the criminal trial",
    ),
    (
        "legal_protection",
        "Receives advice on claiming compensation",
    ),
    (
        "mental_wellbeing",
        "Sleeps through most nights without nightmares",
    ),
    (
        "mental_wellbeing",
        "Attends weekly counselling and feels able to talk about what happened",
    ),
    (
        "economic_empowerment",
        "Completes a vocational course in cooking",
    ),
    (
        "economic_empowerment",
        "Finds paid work with a written contract",
    ),
    ("economic_empowerment", "Opens a bank account in own name"),
    ("social_support", "Reconnects with family at own pace"),
    ("social_support", "Joins the survivors' peer support group"),
    ("physical_wellbeing", "Registers with a family doctor"),
    (
        "physical_wellbeing",
        "Completes the dental treatment that was put off",
    ),
];

const SERVICES: [(ServiceType, &str, &str); 10] = [
    (
        ServiceType::Housing,
        "Speranta safe house",
        "Accommodation and meals",
    ),
    (
        ServiceType::Housing,
        "Transitional flat, municipal social housing",
        "Rent support for the month",
    ),
    (
        ServiceType::Counselling,
        "Trauma counsellor, Speranta centre",
        "Counselling session",
    ),
    (
        ServiceType::Education,
        "Second-chance school programme",
        "Attended classes this week",
    ),
    (
        ServiceType::Health,
        "Family doctor practice",
        "Medical appointment",
    ),
    (
        ServiceType::Legal,
        "Lighthouse Legal Aid",
        "Legal consultation",
    ),
    (
        ServiceType::Livelihood,
        "Vocational centre: cook's assistant course",
        "Training day",
    ),
    (
        ServiceType::Financial,
        "Local social services: emergency allowance",
        "Allowance paid",
    ),
    (
        ServiceType::SocialCare,
        "Local social assistance directorate",
        "Home visit",
    ),
    (
        ServiceType::Counselling,
        "Peer support group, Wednesday evenings",
        "Group session",
    ),
];

const NOTES: [&str; 4] = [
    "Went well; she asked to keep the same worker.",
    "Arrived late because of the bus; rescheduled the rest.",
    "Talked about the trial date and felt anxious afterwards.",
    "Good progress; agreed next steps together.",
];

fn scores(rng: &mut ChaCha8Rng, base: i64) -> anyhow::Result<AssessmentScores> {
    let raw: Vec<Option<Vec<i64>>> = DOMAINS
        .iter()
        .map(|d| {
            Some(
                d.subdomains
                    .iter()
                    .map(|_| (base + rng.gen_range(-1..=1)).clamp(1, 4))
                    .collect(),
            )
        })
        .collect();
    AssessmentScores::parse(&raw).map_err(|e| anyhow!(e))
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

async fn plan_for(
    store: &Store,
    rng: &mut ChaCha8Rng,
    who: &Principal,
    person: PersonId,
    today: Date,
) -> anyhow::Result<()> {
    let opened = today - days(rng.gen_range(20..420));
    let plan = store.open_care_plan(who, person, opened, REASON).await?;
    let plan_id = plan.id;
    // Assessments: intake soon after opening, six months later when that date has passed.
    let intake = (opened + days(rng.gen_range(0..10))).min(today);
    let base = rng.gen_range(1..=2);
    store
        .add_assessment(who, person, intake, &scores(rng, base)?, REASON)
        .await?;
    let six = libertas_domain::care::schedule::add_months(intake, 6) + days(rng.gen_range(0..12));
    if six <= today {
        store
            .add_assessment(who, person, six, &scores(rng, base + 1)?, REASON)
            .await?;
    }
    for _ in 0..rng.gen_range(2..=4) {
        let (domain, text) = GOALS[rng.gen_range(0..GOALS.len())];
        let status = GoalStatus::ALL[rng.gen_range(0..GoalStatus::ALL.len())];
        let goal = NewGoal {
            domain: libertas_domain::care::parse_domain(domain).map_err(|e| anyhow!(e))?,
            text: GoalText::parse(text).map_err(|e| anyhow!(e))?,
            target_date: Some(opened + days(rng.gen_range(90..365))),
            status,
        };
        store.add_care_goal(who, plan_id, &goal, REASON).await?;
    }
    for _ in 0..rng.gen_range(2..=4) {
        let (kind, provider, delivered) = SERVICES[rng.gen_range(0..SERVICES.len())];
        let start = opened + days(rng.gen_range(0..30));
        let (status, end) = match rng.gen_range(0..10) {
            0 => (ServiceStatus::Cancelled, Some(start)),
            1 | 2 => (ServiceStatus::Planned, None),
            3..=5 => (
                ServiceStatus::Completed,
                Some((start + days(rng.gen_range(14..120))).min(today)),
            ),
            _ => (ServiceStatus::Active, None),
        };
        let start = if status == ServiceStatus::Planned {
            today + days(rng.gen_range(3..30))
        } else {
            start.min(today)
        };
        let end = end.map(|e| e.max(start));
        let service = NewService {
            service_type: kind,
            provider: Provider::parse(provider).map_err(|e| anyhow!(e))?,
            start_date: start,
            end_date: end,
            status,
        };
        let v = store
            .add_care_service(who, plan_id, &service, REASON)
            .await?;
        if matches!(status, ServiceStatus::Active | ServiceStatus::Completed) {
            let last = end.unwrap_or(today);
            let span = (last - start).whole_days().max(0);
            for _ in 0..rng.gen_range(1..=4) {
                let on = start + days(rng.gen_range(0..=span));
                let note = rng
                    .gen_bool(0.4)
                    .then(|| DeliveryNote::parse(NOTES[rng.gen_range(0..NOTES.len())]))
                    .transpose()
                    .map_err(|e| anyhow!(e))?;
                let d = NewDelivery {
                    delivered_on: on,
                    delivered: Delivered::parse(delivered).map_err(|e| anyhow!(e))?,
                    note,
                };
                store
                    .add_care_delivery(who, v.id, &d, today, REASON)
                    .await?;
            }
        }
    }
    Ok(())
}

pub async fn seed(store: &Store, ctx: &DemoContext) -> anyhow::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(4009);
    let aftercare = ctx.staff(Role::Aftercare).clone();
    for case in &ctx.cases {
        for &victim in &case.victims {
            if !rng.gen_bool(0.34) {
                continue;
            }
            store
                .add_member(&case.owner, case.id, &aftercare.username, REASON)
                .await?;
            plan_for(store, &mut rng, &aftercare, victim, ctx.today).await?;
        }
    }
    Ok(())
}
