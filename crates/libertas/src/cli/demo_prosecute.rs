//! Demo data of the Prosecute pillar (see `demo.rs` for the organisations, staff and cases):
//! HTCDS roles on the suspects, charges under the UK Modern Slavery Act 2015 and the Romanian
//! Criminal Code, hearings, verdicts (convictions with sentences and restitution, acquittals)
//! so that the proceedings and timeline pages look like a real caseload.

use super::demo::{DemoCase, DemoContext};
use anyhow::anyhow;
use libertas_domain::admin::{Principal, Role};
use libertas_domain::justice::proceedings::{
    ChargeNote, CourtName, Currency, HearingKind, HearingOutcome, LawName, LawSection,
    SentenceTerms, VerdictOutcome,
};
use libertas_domain::justice::proceedings::{NewCharge, NewHearing};
use libertas_domain::justice::suspects::SuspectRole;
use libertas_store::Store;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration};

/// Believable role sets: who did what in a trafficking network.
const ROLE_SETS: &[&[SuspectRole]] = &[
    &[
        SuspectRole::RecruiterOrIntermediary,
        SuspectRole::Transporter,
    ],
    &[SuspectRole::Exploiter, SuspectRole::Controller],
    &[SuspectRole::Exploiter, SuspectRole::Abuser],
    &[SuspectRole::RecruiterOrIntermediary],
    &[SuspectRole::Financier, SuspectRole::Controller],
    &[
        SuspectRole::HarbouredIndividual,
        SuspectRole::ControlledIndividual,
    ],
    &[SuspectRole::Smuggler, SuspectRole::Transporter],
    &[SuspectRole::BrokerTravelAgent],
];

/// (law, section, note, currency, courts)
struct Law {
    law: &'static str,
    section: &'static str,
    note: &'static str,
    currency: &'static str,
    courts: [&'static str; 2],
}

const LAWS: &[Law] = &[
    Law {
        law: "Modern Slavery Act 2015",
        section: "s.2 (human trafficking)",
        note: "Arranged travel of the victims from Constanța to Luton with a view to exploitation.",
        currency: "GBP",
        courts: ["Westminster Magistrates' Court", "Southwark Crown Court"],
    },
    Law {
        law: "Modern Slavery Act 2015",
        section: "s.1 (slavery, servitude and forced or compulsory labour)",
        note: "Held the workers' passports and paid no wages for eleven months.",
        currency: "GBP",
        courts: ["Leicester Magistrates' Court", "Leicester Crown Court"],
    },
    Law {
        law: "Codul penal (România)",
        section: "art. 210 (traficul de persoane)",
        note: "Recrutare prin înșelăciune cu promisiunea unui loc de muncă în agricultură.",
        currency: "RON",
        courts: ["Judecătoria Sectorului 1 București", "Tribunalul București"],
    },
    Law {
        law: "Codul penal (România)",
        section: "art. 182 (exploatarea unei persoane)",
        note: "Munca forțată într-o spălătorie auto; datorii fictive pentru cazare.",
        currency: "RON",
        courts: ["Judecătoria Constanța", "Tribunalul Constanța"],
    },
];

/// What happened at a first appearance.
const FIRST: &[&str] = &[
    "Defendant entered a not guilty plea; remanded in custody.",
    "Adjourned: interpreter unavailable.",
    "Bail refused: risk of contact with witnesses.",
];
/// What happened at a trial.
const TRIAL: &[&str] = &[
    "Trial concluded; the survivor gave evidence behind a screen.",
    "Survivor's evidence given by video link; special measures granted.",
    "Financial investigator gave evidence on the money transfers.",
];

pub async fn seed(store: &Store, ctx: &DemoContext) -> anyhow::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(808);
    let investigator = ctx.staff(Role::Investigator).clone();
    let lawyer = ctx.staff(Role::Legal).clone();
    let with_suspects = ctx.cases.iter().filter(|c| !c.suspects.is_empty());
    for (n, case) in with_suspects.take(18).enumerate() {
        for who in [&investigator, &lawyer] {
            if who.user_id != case.owner.user_id {
                store
                    .add_member(&case.owner, case.id, &who.username, "demo data")
                    .await?;
            }
        }
        for s in &case.suspects {
            let roles = ROLE_SETS[rng.gen_range(0..ROLE_SETS.len())];
            store
                .set_suspect_roles(&investigator, case.id, *s, roles, "demo data")
                .await?;
        }
        // Two cases in three go to court; the rest are still under investigation.
        if n % 3 != 2 {
            let writer = if n % 2 == 0 { &investigator } else { &lawyer };
            prosecute(store, writer, case, ctx.today, n, &mut rng).await?;
        }
    }
    Ok(())
}

async fn prosecute(
    store: &Store,
    p: &Principal,
    case: &DemoCase,
    today: Date,
    n: usize,
    rng: &mut ChaCha8Rng,
) -> anyhow::Result<()> {
    let e = |e: libertas_domain::FieldError| anyhow!(e);
    let law = &LAWS[n % LAWS.len()];
    let filed_on = today - Duration::days(rng.gen_range(150..700));
    for (i, suspect) in case.suspects.iter().enumerate() {
        let charge = store
            .add_charge(
                p,
                case.id,
                &NewCharge {
                    suspect: suspect.to_string(),
                    law: LawName::parse(law.law).map_err(e)?,
                    section: LawSection::parse(law.section).map_err(e)?,
                    counts: rng.gen_range(1..=4),
                    filed_on: filed_on + Duration::days(i as i64 * 3),
                    note: Some(ChargeNote::parse(law.note).map_err(e)?),
                },
                "demo data",
            )
            .await?;
        let first = charge.filed_on + Duration::days(rng.gen_range(1..10));
        let trial = charge.filed_on + Duration::days(rng.gen_range(90..260));
        for (kind, date, court, said) in [
            (HearingKind::FirstAppearance, first, law.courts[0], FIRST),
            (HearingKind::Trial, trial, law.courts[1], TRIAL),
        ] {
            let outcome = (date <= today)
                .then(|| said.choose(rng).copied())
                .flatten()
                .map(HearingOutcome::parse)
                .transpose()
                .map_err(e)?;
            store
                .add_hearing(
                    p,
                    case.id,
                    Some(charge.id),
                    &NewHearing {
                        date,
                        court: CourtName::parse(court).map_err(e)?,
                        kind,
                        outcome,
                    },
                    "demo data",
                )
                .await?;
        }
        let decided = trial + Duration::days(rng.gen_range(1..20));
        if decided > today {
            continue;
        }
        // Most trials end in conviction; the last suspect of every fourth case is acquitted.
        let outcome = if n % 4 == 1 && i + 1 == case.suspects.len() {
            VerdictOutcome::Acquitted
        } else if rng.gen_bool(0.1) {
            VerdictOutcome::Withdrawn
        } else {
            VerdictOutcome::Convicted
        };
        let verdict = store
            .add_verdict(p, case.id, charge.id, outcome, decided, "demo data")
            .await?;
        if outcome != VerdictOutcome::Convicted {
            continue;
        }
        let restitution = case
            .victims
            .iter()
            .take(rng.gen_range(0..=case.victims.len()))
            .map(|v| (uuid_of(v), rng.gen_range(800..6_000) * 100))
            .collect();
        let terms = SentenceTerms {
            prison_months: 0,
            suspended: false,
            fine: rng.gen_bool(0.4).then(|| rng.gen_range(5..50) * 100_000),
            currency: Some(Currency::parse(law.currency).map_err(e)?),
            restitution,
        };
        let terms = SentenceTerms::check(rng.gen_range(18..=144), terms).map_err(e)?;
        store
            .add_sentence(
                p,
                case.id,
                verdict.id,
                &terms,
                Some(decided + Duration::days(rng.gen_range(0..30)).min(today - decided)),
                "demo data",
            )
            .await?;
    }
    Ok(())
}

fn uuid_of(p: &libertas_domain::ids::PersonId) -> uuid::Uuid {
    uuid::Uuid::parse_str(&p.to_string()).unwrap_or_default()
}
