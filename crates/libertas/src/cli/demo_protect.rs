//! Demo data of the Protect pillar (see `demo.rs` for the organisations, staff and cases):
//! a partner directory of eight services, referrals in every state (one to the police unit
//! on this same Libertas, one made without consent on a written override, one for a child
//! with a safeguarding note), two anonymous duty-to-notify records and operations with
//! authorities (planned, executed with people brought to safety, cancelled), and NRM
//! identification decisions for most victims.

use super::demo::{DemoCase, DemoContext};
use anyhow::anyhow;
use libertas_domain::admin::{Principal, Role};
use libertas_domain::care::{ConsentAnswers, RetentionMonths};
use libertas_domain::cases::decisions::parse_date;
use libertas_domain::cases::notifications::{
    ExploitationRegion, ExploitationType, NewNotification,
};
use libertas_domain::cases::operations::{
    Agency, NewOperation, OperationEnd, OperationLocation, OperationName, OperationOutcome,
    OperationStatus,
};
use libertas_domain::cases::referrals::NewReferral;
use libertas_domain::cases::referrals::{
    HelpKind, NewPartner, OverrideReason, ReferralKind, ReferralNote, ReferralStatus,
    SafeguardingNote, StatusReason,
};
use libertas_domain::ids::{OrgId, PersonId};
use libertas_domain::FieldError;
use libertas_store::Store;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use time::Duration;

const R: &str = "demo data";

fn e(err: FieldError) -> anyhow::Error {
    anyhow!(err)
}

/// (name, kinds, area, languages, how to refer, contact, linked organisation index)
type PartnerSeed = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    Option<usize>,
);

/// (adult victim index, partner index, kind, services, note, consent given, later states)
type ReferralSeed = (
    usize,
    usize,
    ReferralKind,
    &'static [HelpKind],
    &'static str,
    bool,
    &'static [ReferralStatus],
);

/// (case index, name, agencies, location, days from today, how it ended)
type OperationSeed = (
    usize,
    &'static str,
    &'static [Agency],
    &'static str,
    i64,
    Option<OperationStatus>,
);

const PARTNERS: [PartnerSeed; 8] = [
    ("National Anti-Trafficking Unit (police)", &["legal", "other"], "National", &["ro", "en"],
     "Refer through Libertas; for danger to life call 112 first.", "Duty desk +40 21 000 0112", Some(1)),
    ("Lighthouse Legal Aid", &["legal"], "Bucharest and Ilfov", &["ro", "en", "fr"],
     "Refer through Libertas with the services needed; first appointment within 5 working days.",
     "intake@lighthouse.example.org", Some(2)),
    ("Casa Luminii emergency shelter", &["shelter", "counselling"], "Iași county", &["ro", "uk", "ru"],
     "Phone the night coordinator, then send the referral form the same day. Women and children only.",
     "+40 232 000 451 (24 h)", None),
    ("Sf. Spiridon hospital – social ward", &["medical"], "Iași county", &["ro", "en"],
     "Ask for the social worker on duty; bring any documents the person has.", "+40 232 000 222", None),
    ("Pas cu Pas counselling centre", &["counselling"], "Bucharest", &["ro", "en", "it"],
     "E-mail the referral form; a counsellor calls back within 48 hours.", "pascupas@example.org", None),
    ("Drumul Acasă return programme", &["repatriation", "livelihood"], "National", &["ro", "en", "uk", "vi"],
     "Send the referral form with the person's consent to travel; allow two weeks.", "+40 21 000 0300", None),
    ("County child protection service (DGASPC Iași)", &["child_protection", "shelter"], "Iași county", &["ro"],
     "Call the emergency line for any child; a case manager is assigned the same day.", "+40 232 000 983 (24 h)", None),
    ("Meserii Noi vocational school", &["education", "livelihood"], "Iași and Vaslui", &["ro"],
     "Enrolment each September and February; call the coordinator to arrange a visit.", "+40 232 000 777", None),
];

fn sharing_consent() -> anyhow::Result<ConsentAnswers> {
    Ok(ConsentAnswers {
        interview: true,
        purpose_explained: true,
        data_use: true,
        data_sharing: true,
        research_use: false,
        storytelling: false,
        right_to_see_explained: true,
        withdrawal_explained: true,
        retention: RetentionMonths::parse(60).map_err(e)?,
    })
}

/// The age of a victim on `today`, read through the owner (audited like any demo read).
async fn age(
    store: &Store,
    owner: &Principal,
    pid: PersonId,
    today: time::Date,
) -> anyhow::Result<Option<i32>> {
    let v = store.get_person(owner, pid, R).await?;
    Ok(v.birth_date
        .and_then(|b| parse_date("birth_date", &b).ok())
        .map(|b| {
            let mut a = today.year() - b.year();
            if (today.month() as u8, today.day()) < (b.month() as u8, b.day()) {
                a -= 1;
            }
            a
        }))
}

/// Identification decisions under the UK NRM rules for most victims: a referral, then (for
/// most) a positive reasonable-grounds decision a few working days later, and for some a
/// conclusive-grounds decision after the recovery period. Referrals without a decision yet
/// leave their "decision due" task open, as in real casework.
async fn seed_decisions(store: &Store, ctx: &DemoContext) -> anyhow::Result<()> {
    use libertas_domain::cases::deadlines::{Calendar, RuleSet};
    use libertas_domain::cases::decisions::{NewDecision, OrgType, Outcome};
    use libertas_domain::people::TraffickingStatus;
    use libertas_store::cases::VictimRef;
    use rand::Rng;
    let mut rng = ChaCha8Rng::seed_from_u64(7001);
    let today = ctx.today;
    for c in &ctx.cases {
        for victim in &c.victims {
            if !rng.gen_bool(0.8) {
                continue;
            }
            let pid = victim.to_string();
            let who = VictimRef::Person(&pid);
            let referral = today - Duration::days(rng.gen_range(20..800));
            let mut steps = vec![NewDecision {
                trafficking_status: Some(TraffickingStatus::Possible),
                deciding_org_type: Some(OrgType::Ngo),
                referral_date: Some(referral),
                ..NewDecision::default()
            }];
            let rg = referral + Duration::days(rng.gen_range(3..12));
            if rng.gen_bool(0.85) && rg <= today {
                steps.push(NewDecision {
                    rg_decision: Some(Outcome::Positive),
                    rg_date: Some(rg),
                    deciding_org_type: Some(OrgType::CentralGovernmentOrganisation),
                    ..NewDecision::default()
                });
                let cg = rg + Duration::days(rng.gen_range(45..200));
                if rng.gen_bool(0.6) && cg <= today {
                    steps.push(NewDecision {
                        trafficking_status: Some(TraffickingStatus::Actual),
                        cg_decision: Some(Outcome::Positive),
                        cg_date: Some(cg),
                        ..NewDecision::default()
                    });
                }
            }
            for step in &steps {
                store
                    .record_decision(
                        &c.owner,
                        c.id,
                        who,
                        step,
                        Calendar {
                            rules: &RuleSet::UK_NRM,
                            holidays: &[],
                        },
                        R,
                    )
                    .await?;
            }
        }
    }
    Ok(())
}

pub async fn seed(store: &Store, ctx: &DemoContext) -> anyhow::Result<()> {
    seed_decisions(store, ctx).await?;
    let mut rng = ChaCha8Rng::seed_from_u64(7007);
    let admin = ctx.staff(Role::Admin);
    let mut partners = vec![];
    for (name, kinds, area, langs, how, contact, linked) in PARTNERS {
        let kinds: Vec<String> = kinds.iter().map(|s| s.to_string()).collect();
        let langs: Vec<String> = langs.iter().map(|s| s.to_string()).collect();
        let p = NewPartner::parse(name, &kinds, area, &langs, how, contact).map_err(e)?;
        let linked: Option<OrgId> = linked.and_then(|i| ctx.orgs.get(i).copied());
        partners.push(store.create_partner(admin, &p, linked, R).await?.id);
    }

    // Sort the victims into adults and children.
    let mut adults: Vec<(&DemoCase, PersonId)> = vec![];
    let mut children: Vec<(&DemoCase, PersonId)> = vec![];
    for c in &ctx.cases {
        for v in &c.victims {
            match age(store, &c.owner, *v, ctx.today).await? {
                Some(a) if a < 18 => children.push((c, *v)),
                _ => adults.push((c, *v)),
            }
        }
    }
    let note = |s: &str| ReferralNote::parse(s).map_err(e);
    let reason = |s: &str| StatusReason::parse(s).map_err(e);
    // (adult index, partner index, kind, services, note, consent?, final states)
    let plan: [ReferralSeed; 6] = [
        (
            0,
            0,
            ReferralKind::Referral,
            &[HelpKind::Legal],
            "Ready to give a statement about the recruiter; asks for an interpreter.",
            true,
            &[],
        ),
        (
            1,
            0,
            ReferralKind::Referral,
            &[HelpKind::Legal, HelpKind::Other],
            "Can identify the house where they were held.",
            true,
            &[ReferralStatus::Accepted],
        ),
        (
            2,
            2,
            ReferralKind::Transfer,
            &[HelpKind::Shelter, HelpKind::Counselling],
            "Needs a safe bed tonight; has a small child with them.",
            true,
            &[ReferralStatus::Accepted, ReferralStatus::Done],
        ),
        (
            3,
            3,
            ReferralKind::Referral,
            &[HelpKind::Medical],
            "Untreated hand injury from the workshop.",
            true,
            &[ReferralStatus::Rejected],
        ),
        (
            4,
            4,
            ReferralKind::Referral,
            &[HelpKind::Counselling],
            "Asked for weekly counselling in Italian.",
            true,
            &[ReferralStatus::Revoked],
        ),
        (
            5,
            1,
            ReferralKind::Referral,
            &[HelpKind::Legal],
            "Unpaid wages for eight months; the employer kept the passport.",
            false,
            &[],
        ),
    ];
    for (ai, pi, kind, services, text, consent, states) in plan {
        let Some((case, pid)) = adults.get(ai).copied() else {
            continue;
        };
        if consent {
            store
                .record_consent(&case.owner, pid, &sharing_consent()?, R)
                .await?;
        }
        let new = NewReferral {
            person: pid,
            partner_id: partners[pi],
            kind,
            services: services.to_vec(),
            note: Some(note(text)?),
            child: false,
            override_reason: (!consent)
                .then(|| OverrideReason::parse("Too frightened to sign anything, but the employer has threatened the family; legal aid must act before the court deadline.").map_err(e))
                .transpose()?,
            safeguarding_note: None,
        };
        let r = store
            .create_referral(&case.owner, case.id, &new, ctx.today, R)
            .await?;
        for s in states {
            // The police unit answers its own referrals; external partners' answers are
            // recorded by the caseworker.
            let who = if pi == 0 { &ctx.police } else { &case.owner };
            let why = match s {
                ReferralStatus::Rejected => Some(reason(
                    "No free places on the social ward until next month.",
                )?),
                ReferralStatus::Revoked => Some(reason(
                    "Found a counsellor through their church and asked to stop.",
                )?),
                _ => None,
            };
            store
                .set_referral_status(who, r.id, *s, why.as_ref(), R)
                .await?;
        }
    }
    if let Some((case, pid)) = children.first().copied() {
        let new = NewReferral {
            person: pid,
            partner_id: partners[6],
            kind: ReferralKind::Transfer,
            services: vec![HelpKind::ChildProtection, HelpKind::Shelter],
            note: Some(note("Found at a roadside market with no adult. Speaks Romanian and some Ukrainian.")?),
            child: true,
            override_reason: None,
            safeguarding_note: Some(SafeguardingNote::parse("Escorted by our caseworker and a police officer; the placement address is not to be shared with any relative.").map_err(e)?),
        };
        let r = store
            .create_referral(&case.owner, case.id, &new, ctx.today, R)
            .await?;
        store
            .set_referral_status(&case.owner, r.id, ReferralStatus::Accepted, None, R)
            .await?;
    }

    // Two adults who did not consent to a referral: anonymous duty-to-notify records.
    let regions = [
        "Brăila county",
        "Constanța county",
        "Ilfov",
        "Vaslui county",
    ];
    for (i, (case, pid)) in adults.iter().skip(6).take(2).enumerate() {
        let types = if i == 0 {
            vec![ExploitationType::ForcedLabour]
        } else {
            vec![
                ExploitationType::SexualExploitation,
                ExploitationType::ForcedCriminality,
            ]
        };
        let region = regions.choose(&mut rng).copied().unwrap_or("Ilfov");
        store
            .add_notification(
                &case.owner,
                case.id,
                &NewNotification {
                    person: *pid,
                    types,
                    region: ExploitationRegion::parse(region).map_err(e)?,
                    notified_on: ctx.today - Duration::days(3 + 4 * i as i64),
                },
                ctx.today,
                R,
            )
            .await?;
    }

    // Operations: one executed with its victims brought to safety, one planned, one cancelled.
    let ops: [OperationSeed; 3] = [
        (
            0,
            "Greenhouse inspection, Însurăței",
            &[Agency::Police, Agency::LabourInspectorate, Agency::Ngo],
            "Vegetable farm on the DJ 212 road, near Însurăței",
            -21,
            Some(OperationStatus::Executed),
        ),
        (
            1,
            "Night check of the Vama Veche hostels",
            &[Agency::Police, Agency::SocialServices],
            "Two hostels behind the beach road, Vama Veche",
            9,
            None,
        ),
        (
            2,
            "Car wash visit, Pantelimon",
            &[Agency::Police, Agency::BorderPolice],
            "Car wash on Pantelimon road, Bucharest",
            -5,
            Some(OperationStatus::Cancelled),
        ),
    ];
    for (ci, name, agencies, place, days, end) in ops {
        let Some(case) = ctx.cases.get(ci) else {
            continue;
        };
        let planned = ctx.today + Duration::days(days);
        let op = store
            .create_operation(
                &case.owner,
                case.id,
                &NewOperation {
                    name: OperationName::parse(name).map_err(e)?,
                    agencies: agencies.to_vec(),
                    location: OperationLocation::parse(place).map_err(e)?,
                    planned_on: planned,
                },
                R,
            )
            .await?;
        let Some(status) = end else { continue };
        let executed = status == OperationStatus::Executed;
        let outcome = if executed {
            "Workers found living in a container; those who wanted to leave were brought to the shelter. The farm manager was detained."
        } else {
            "Called off: the car wash had closed two days earlier."
        };
        let end = OperationEnd {
            status,
            executed_on: executed.then_some(planned),
            outcome: Some(OperationOutcome::parse(outcome).map_err(e)?),
            people: if executed {
                case.victims.clone()
            } else {
                vec![]
            },
        };
        store
            .end_operation(&case.owner, &op.id, &end, ctx.today, R)
            .await?;
    }
    Ok(())
}
