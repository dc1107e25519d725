//! `libertas demo`: a data directory full of invented, believable casework, then `serve`.
//!
//! The data is generated from a fixed seed, so every demo shows the same organisations,
//! people and notes. Names come from the `fake` crate's generators: they are invented, never
//! real people. A data directory that holds real (non-demo) data is refused.

use super::serve::{run, ServeArgs};
use crate::config::Config;
use anyhow::{bail, Context};
use fake::faker::name::raw::{FirstName, LastName};
use fake::locales::{DE_DE, EN, FR_FR, PT_BR};
use fake::Fake;
use libertas_domain::admin::{OrgName, Password, Principal, Role, Username};
use libertas_domain::cases::{CaseTitle, NoteText};
use libertas_domain::people::{
    BirthDate, CountryCode, Email, Gender, NewPerson, PersonName, PersonRole, Phone,
    TraffickingStatus,
};
use libertas_store::admin::Operator;
use libertas_store::Store;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::process::ExitCode;

pub const DEFAULT_DEMO_DIR: &str = "./libertas-demo";
pub const DEMO_PASSWORD: &str = "libertas-demo-2026";

/// A case of the demo's first organisation, as the pillar seeders receive it.
pub struct DemoCase {
    pub id: libertas_domain::ids::CaseId,
    /// The case's owner: a staff member of the first organisation.
    pub owner: Principal,
    pub victims: Vec<libertas_domain::ids::PersonId>,
    pub suspects: Vec<libertas_domain::ids::PersonId>,
}

/// What the main demo seeding made, handed to the per-pillar seeders.
pub struct DemoContext {
    /// Speranta Shelter Network, National Anti-Trafficking Unit, Lighthouse Legal Aid.
    pub orgs: Vec<libertas_domain::ids::OrgId>,
    /// One user of every role (`Role::ALL` order) in the first organisation.
    pub staff: Vec<Principal>,
    /// An investigator of the police unit (second organisation).
    pub police: Principal,
    /// The 50 cases of the first organisation with their victims and suspects.
    pub cases: Vec<DemoCase>,
    pub today: time::Date,
}

impl DemoContext {
    /// The first-organisation user of a role.
    pub fn staff(&self, role: Role) -> &Principal {
        self.staff
            .iter()
            .find(|p| p.role == role)
            .unwrap_or(&self.staff[0])
    }
}

const ORGS: [&str; 3] = [
    "Speranta Shelter Network",
    "National Anti-Trafficking Unit",
    "Lighthouse Legal Aid",
];

pub async fn demo(config: Config, a: ServeArgs) -> anyhow::Result<ExitCode> {
    let dir = &config.store.data_dir;
    let fresh = !dir.exists() || std::fs::read_dir(dir)?.next().is_none();
    let store = if fresh {
        let store = Store::init(config.store.clone())
            .await
            .with_context(|| format!("cannot initialise {}", dir.display()))?;
        eprintln!("Creating demo data in {} …", dir.display());
        seed(&store).await?;
        store.mark_demo(Operator::console()).await?;
        store.checkpoint().await?;
        store
    } else {
        let store = super::open_store(&config).await?;
        if store.meta("demo").await?.as_deref() != Some("1") {
            bail!(
                "{} holds real (non-demo) data; `libertas demo` refuses to touch it. Use `libertas serve`, or choose another --data-dir.",
                dir.display()
            );
        }
        store
    };
    print_logins(&store).await?;
    run(config, a, store, true).await
}

async fn print_logins(store: &Store) -> anyhow::Result<()> {
    println!("Demo logins (password for all: {DEMO_PASSWORD}; second factor waived in demo mode):");
    let op = Operator::console();
    for org in store.orgs(op).await? {
        for u in store.users_of_org(op, org.id).await? {
            println!("  {:<22} {:<13} {}", u.username, u.role.as_str(), org.name);
        }
    }
    Ok(())
}

async fn user(
    store: &Store,
    org: libertas_domain::ids::OrgId,
    name: &str,
    role: Role,
) -> anyhow::Result<Principal> {
    let pw = Password::parse(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!(e))?;
    let username = Username::parse(name).map_err(|e| anyhow::anyhow!(e))?;
    let id = store
        .create_user(Operator::console(), org, &username, role, &pw, "demo data")
        .await?;
    store
        .principal(Operator::console(), id)
        .await?
        .context("demo user vanished")
}

fn name(rng: &mut ChaCha8Rng, family: bool) -> String {
    let pick = rng.gen_range(0..4);
    let s: String = match (pick, family) {
        (0, false) => FirstName(EN).fake_with_rng(rng),
        (1, false) => FirstName(FR_FR).fake_with_rng(rng),
        (2, false) => FirstName(DE_DE).fake_with_rng(rng),
        (_, false) => FirstName(PT_BR).fake_with_rng(rng),
        (0, true) => LastName(EN).fake_with_rng(rng),
        (1, true) => LastName(FR_FR).fake_with_rng(rng),
        (2, true) => LastName(DE_DE).fake_with_rng(rng),
        (_, true) => LastName(PT_BR).fake_with_rng(rng),
    };
    s
}

const PLACES: [&str; 10] = [
    "Leeds",
    "Birmingham",
    "Bristol",
    "Constanța",
    "Iași",
    "Kent",
    "Glasgow",
    "Timișoara",
    "Manchester",
    "Norwich",
];
const KINDS: [&str; 8] = [
    "Car wash labour exploitation",
    "Agricultural gangmaster",
    "Domestic servitude in private household",
    "Sexual exploitation via online adverts",
    "Forced criminality: cannabis cultivation",
    "Construction site debt bondage",
    "Nail bar forced labour",
    "Forced begging ring",
];
const NOTES: [&str; 10] = [
    "Initial call from the helpline: caller describes workers collected by minibus at 5am and returned after midnight.",
    "Met the person at the safe house with an interpreter. Describes passport taken by the employer on arrival.",
    "Police liaison confirms the address is known from an earlier welfare check. Joint visit planned.",
    "Person is frightened of reprisals against family at home; do not contact relatives without consent.",
    "Medical appointment arranged; GP registration completed.",
    "Recovery needs assessment done. Priority: safe accommodation and legal advice on immigration status.",
    "Employer claims the workers owe travel and accommodation debts; amounts keep rising.",
    "Bank statements show wages paid into an account controlled by a third party.",
    "Interview postponed: the person asked for a female interviewer.",
    "Referral to legal aid accepted; first appointment next week.",
];

async fn seed(store: &Store) -> anyhow::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut orgs = vec![];
    for o in ORGS {
        orgs.push(
            store
                .create_org(
                    Operator::console(),
                    &OrgName::parse(o).map_err(|e| anyhow::anyhow!(e))?,
                    "demo data",
                )
                .await?,
        );
    }
    let mut staff = vec![];
    for role in Role::ALL {
        staff.push(user(store, orgs[0], &format!("demo-{}", role.as_str()), role).await?);
    }
    let police = user(store, orgs[1], "police-investigator", Role::Investigator).await?;
    user(store, orgs[1], "police-admin", Role::Admin).await?;
    let lawyer = user(store, orgs[2], "legal-aid-lawyer", Role::Legal).await?;
    let workers: Vec<Principal> = staff
        .iter()
        .filter(|p| libertas_domain::admin::Policy::reads_personal_data(p.role))
        .cloned()
        .collect();
    let today = libertas_store::clock::now().date();
    let mut demo_cases: Vec<DemoCase> = vec![];
    for i in 0..50 {
        let owner = workers[i % workers.len()].clone();
        let title = format!(
            "{} – {}",
            KINDS[i % KINDS.len()],
            PLACES[rng.gen_range(0..PLACES.len())]
        );
        let case = store
            .create_case(
                &owner,
                &CaseTitle::parse(&title).map_err(|e| anyhow::anyhow!(e))?,
                "demo data",
            )
            .await?;
        for other in workers.choose_multiple(&mut rng, 2) {
            if other.user_id != owner.user_id {
                store
                    .add_member(&owner, case.id, &other.username, "demo data")
                    .await?;
            }
        }
        let victims = rng.gen_range(1..=3);
        let mut this = DemoCase {
            id: case.id,
            owner: owner.clone(),
            victims: vec![],
            suspects: vec![],
        };
        for v in 0..victims + rng.gen_range(0..=2) {
            let role = if v < victims {
                PersonRole::Victim
            } else {
                PersonRole::Suspect
            };
            let (person_id, _) = store
                .add_person(
                    &owner,
                    case.id,
                    &person(&mut rng, role, today)?,
                    "demo data",
                )
                .await?;
            if v < victims {
                this.victims.push(person_id);
            } else {
                this.suspects.push(person_id);
            }
        }
        demo_cases.push(this);
        if rng.gen_bool(0.3) {
            store
                .add_person(
                    &owner,
                    case.id,
                    &person(&mut rng, PersonRole::Witness, today)?,
                    "demo data",
                )
                .await?;
        }
        for _ in 0..rng.gen_range(1..=4) {
            let text = NOTES[rng.gen_range(0..NOTES.len())];
            store
                .add_note(
                    &owner,
                    case.id,
                    &NoteText::parse(text).map_err(|e| anyhow::anyhow!(e))?,
                    "demo data",
                )
                .await?;
        }
    }
    seed_reports(store, orgs[0], &staff).await?;
    let ctx = DemoContext {
        orgs: orgs.clone(),
        staff: staff.clone(),
        police: police.clone(),
        cases: demo_cases,
        today,
    };
    // One seeding function per pillar, each in its own module, each with its own fixed seed.
    super::demo_protect::seed(store, &ctx).await?;
    super::demo_prosecute::seed(store, &ctx).await?;
    super::demo_restore::seed(store, &ctx).await?;
    super::demo_strengthen::seed(store, &ctx).await?;
    seed_duplicate(store, &ctx).await?;
    for (who, n) in [(&police, 5), (&lawyer, 3)] {
        for i in 0..n {
            let title = format!(
                "{} – {}",
                KINDS[(i * 3) % KINDS.len()],
                PLACES[(i * 7) % PLACES.len()]
            );
            let case = store
                .create_case(
                    who,
                    &CaseTitle::parse(&title).map_err(|e| anyhow::anyhow!(e))?,
                    "demo data",
                )
                .await?;
            store
                .add_person(
                    who,
                    case.id,
                    &person(&mut rng, PersonRole::Victim, today)?,
                    "demo data",
                )
                .await?;
        }
    }
    Ok(())
}

/// One survivor recorded twice, in two cases of the demo caseworker, with a name spelt two
/// ways ("Ioana"/"Ioanna Munteanu", same birth date and phone); then the duplicates job runs
/// over the organisation, so the review queue (`/people/duplicates`) has a pair to show.
async fn seed_duplicate(store: &Store, ctx: &DemoContext) -> anyhow::Result<()> {
    let e = |e: libertas_domain::FieldError| anyhow::anyhow!(e);
    let caseworker = ctx.staff(Role::Caseworker);
    let cases: Vec<_> = ctx
        .cases
        .iter()
        .filter(|c| c.owner.user_id == caseworker.user_id)
        .take(2)
        .collect();
    anyhow::ensure!(
        cases.len() == 2,
        "the demo caseworker owns fewer than two cases"
    );
    for (case, given) in cases.iter().zip(["Ioana", "Ioanna"]) {
        let person = NewPerson {
            role: PersonRole::Victim,
            given_name: PersonName::parse(given).map_err(e)?,
            family_name: PersonName::parse("Munteanu").map_err(e)?,
            birth_date: Some(BirthDate::parse("1994-03-17", ctx.today).map_err(e)?),
            gender: Some(Gender::Feminine),
            citizenship: vec![CountryCode::parse("RO").map_err(e)?],
            languages: vec![],
            phone: Some(Phone::parse("+40 721 555 017").map_err(e)?),
            email: None,
            identity_numbers: vec![],
            trafficking_status: None,
        };
        store
            .add_person(caseworker, case.id, &person, "demo data")
            .await?;
    }
    store
        .run_dedupe_job(
            Operator::console().into(),
            ctx.orgs[0],
            &Default::default(),
            Default::default(),
        )
        .await?;
    Ok(())
}

const REPORTS: [(&str, bool, &[&str]); 6] = [
    ("Young women are driven to a flat above the takeaway every night and collected at dawn. One had bruises on her arms.", true, &["AB12 CDE"]),
    ("My neighbour's 'cleaner' never leaves the house, sleeps in the garage and is not allowed a phone.", false, &[]),
    ("Advert promising hotel jobs in the UK, travel paid, 'repay from wages'. Friends who went stopped answering.", false, &["https://jobs-uk.example.org/hotel", "+40 721 000 555"]),
    ("Men picked up by minibus at 5am from the car park, look exhausted, one said they owe the driver money.", false, &["07700 900777"]),
    ("Boy of about 14 selling flowers at the junction late at night, an adult watches him and takes the money.", true, &[]),
    ("Text from 07700 900777: they took our passports at the farm, please help.", false, &[]),
];

/// A helpline queue with public and operator reports, one of them screened and questioned.
async fn seed_reports(
    store: &Store,
    org: libertas_domain::ids::OrgId,
    staff: &[Principal],
) -> anyhow::Result<()> {
    use libertas_domain::reports::identifiers::DefaultRegion;
    use libertas_domain::reports::{Channel, RawReport, ReportInput};
    let e = |e: libertas_domain::FieldError| anyhow::anyhow!(e);
    let hotline = staff
        .iter()
        .find(|p| p.role == Role::Hotline)
        .context("demo hotline user")?;
    for (i, (text, danger, ids)) in REPORTS.iter().enumerate() {
        let ids: Vec<String> = ids.iter().map(|s| (*s).to_owned()).collect();
        let input = ReportInput::parse(&RawReport {
            narrative: text,
            in_danger_now: *danger,
            identifiers: &ids,
            language: Some("en"),
            ..RawReport::default()
        })
        .map_err(e)?;
        if i % 2 == 0 {
            store
                .submit_public_report(org, &input, DefaultRegion::default())
                .await?;
        } else {
            let channel = [Channel::Phone, Channel::Sms, Channel::Email][i % 3];
            let id = store
                .operator_intake(hotline, channel, &input, DefaultRegion::default())
                .await?;
            if i == 3 {
                use libertas_domain::reports::screening::{
                    parse_screening, render, screen, Jurisdiction, Lang,
                };
                let answers = serde_json::json!({"acts": ["transportation"], "indicators": ["debt_bondage"], "purposes": ["forced_labour"]});
                let parsed = parse_screening(&answers.to_string())
                    .map_err(|e| anyhow::anyhow!(e.message()))?;
                let result = render(&screen(&parsed, Jurisdiction::Palermo), Lang::En).to_json();
                let verdict = result["verdict"]
                    .as_str()
                    .unwrap_or("no_indication")
                    .to_owned();
                let urgent = result["urgent"].as_bool().unwrap_or(false);
                store
                    .save_screening(
                        hotline,
                        id,
                        serde_json::json!({"input": answers, "result": result}),
                        &verdict,
                        urgent,
                    )
                    .await?;
            }
        }
    }
    Ok(())
}

fn person(rng: &mut ChaCha8Rng, role: PersonRole, today: time::Date) -> anyhow::Result<NewPerson> {
    let e = |e: libertas_domain::FieldError| anyhow::anyhow!(e);
    let given = name(rng, false);
    let family = name(rng, true);
    let year = today.year() - rng.gen_range(15..55);
    let birth = format!(
        "{year:04}-{:02}-{:02}",
        rng.gen_range(1..=12),
        rng.gen_range(1..=28)
    );
    let countries = ["RO", "AL", "VN", "NG", "GB", "ER", "PL", "UA"];
    let ascii: String = given
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_lowercase();
    Ok(NewPerson {
        role,
        given_name: PersonName::parse(&given).map_err(e)?,
        family_name: PersonName::parse(&family).map_err(e)?,
        birth_date: Some(BirthDate::parse(&birth, today).map_err(e)?),
        gender: Some(if rng.gen_bool(0.6) {
            Gender::Feminine
        } else {
            Gender::Masculine
        }),
        citizenship: vec![
            CountryCode::parse(countries[rng.gen_range(0..countries.len())]).map_err(e)?,
        ],
        languages: vec![],
        phone: rng
            .gen_bool(0.6)
            .then(|| Phone::parse(&format!("+44 7700 9{:05}", rng.gen_range(0..100_000))))
            .transpose()
            .map_err(e)?,
        email: rng
            .gen_bool(0.3)
            .then(|| Email::parse(&format!("{ascii}{}@example.org", rng.gen_range(1..99))))
            .transpose()
            .map_err(e)?,
        identity_numbers: vec![],
        trafficking_status: (role == PersonRole::Victim).then(|| {
            if rng.gen_bool(0.5) {
                TraffickingStatus::Possible
            } else {
                TraffickingStatus::Actual
            }
        }),
    })
}
