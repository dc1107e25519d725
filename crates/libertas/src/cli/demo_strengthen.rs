//! Demo data of the Strengthen pillar (see `demo.rs` for the organisations, staff and cases):
//! about twelve training events over the past year for police, prosecutors, judges and social
//! workers, with believable pre- and post-test scores, and a handful of mentoring sessions,
//! all recorded by the first organisation's trainer. Drawn from a fixed seed; nobody is named.

use super::demo::DemoContext;
use anyhow::anyhow;
use libertas_domain::admin::Role;
use libertas_domain::training::{
    Audience, MeanScore, MentoringNotes, NewMentoring, NewTraining, Participants, Place, Topic,
};
use libertas_store::Store;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::Duration;

const REASON: &str = "demo data";

/// (topic, audiences)
const EVENTS: [(&str, &[Audience]); 12] = [
    (
        "Identifying victims of trafficking at border checks",
        &[Audience::Police],
    ),
    (
        "Victim-centred and trauma-informed interviewing",
        &[Audience::Police, Audience::SocialWorker],
    ),
    (
        "Financial investigation of trafficking networks",
        &[Audience::Police, Audience::Prosecutor],
    ),
    (
        "Non-punishment of victims for crimes they were forced to commit",
        &[Audience::Prosecutor, Audience::Judge],
    ),
    (
        "Protecting child victims in criminal proceedings",
        &[Audience::Judge, Audience::SocialWorker],
    ),
    (
        "Indicators of labour exploitation in agriculture and construction",
        &[Audience::Police, Audience::SocialWorker, Audience::Other],
    ),
    (
        "Online recruitment and evidence from social media",
        &[Audience::Police, Audience::Prosecutor],
    ),
    (
        "Compensation for victims: law and practice",
        &[Audience::Prosecutor, Audience::Judge],
    ),
    (
        "Referral of presumed victims to assistance",
        &[Audience::SocialWorker, Audience::Police],
    ),
    ("Sentencing in trafficking cases", &[Audience::Judge]),
    (
        "Joint investigation teams with EU partners",
        &[Audience::Police, Audience::Prosecutor],
    ),
    (
        "Working with interpreters and cultural mediators",
        &[Audience::SocialWorker, Audience::Other, Audience::Judge],
    ),
];

const PLACES: [&str; 6] = [
    "Bucharest, National Institute of Magistracy",
    "Iasi, Police Academy regional centre",
    "Cluj-Napoca, Court of Appeal",
    "Timisoara, County Police Inspectorate",
    "Constanta, Prosecutor's Office",
    "Online (video conference)",
];

const MENTORING: [(&str, Audience); 6] = [
    (
        "Preparing a victim for cross-examination",
        Audience::Prosecutor,
    ),
    (
        "Planning a first interview with an interpreter",
        Audience::Police,
    ),
    (
        "Assessing risk before a family reunion",
        Audience::SocialWorker,
    ),
    (
        "Using special measures for vulnerable witnesses",
        Audience::Judge,
    ),
    ("Tracing proceeds of exploitation", Audience::Police),
    (
        "Drafting an indictment with exploitation indicators",
        Audience::Prosecutor,
    ),
];

pub async fn seed(store: &Store, ctx: &DemoContext) -> anyhow::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(4010);
    let trainer = ctx.staff(Role::Trainer).clone();
    for (i, (topic, audiences)) in EVENTS.iter().enumerate() {
        let held_on = ctx.today - Duration::days(360 - (i as i64) * 29 - rng.gen_range(0..10));
        let mut counts = [0i64; 5];
        for a in audiences.iter() {
            let idx = Audience::ALL.iter().position(|x| x == a).unwrap_or(4);
            counts[idx] = rng.gen_range(6..=28);
        }
        let pre: f64 = rng.gen_range(38.0..64.0);
        let post: f64 = (pre + rng.gen_range(6.0..26.0)).min(97.0);
        let e = NewTraining {
            topic: Topic::parse(topic).map_err(|e| anyhow!(e))?,
            held_on,
            place: Place::parse(PLACES[rng.gen_range(0..PLACES.len())]).map_err(|e| anyhow!(e))?,
            audiences: audiences.to_vec(),
            participants: Participants::parse(counts).map_err(|e| anyhow!(e))?,
            pre_score: Some(MeanScore::parse(pre, "pre_score").map_err(|e| anyhow!(e))?),
            post_score: Some(MeanScore::parse(post, "post_score").map_err(|e| anyhow!(e))?),
        };
        store.create_training(&trainer, &e, REASON).await?;
    }
    for k in 0..9 {
        let (topic, mentee) = MENTORING[k % MENTORING.len()];
        let notes = rng
            .gen_bool(0.6)
            .then(|| {
                MentoringNotes::parse(
                    "Went through a recent file together; agreed to review the next interview plan.",
                )
            })
            .transpose()
            .map_err(|e| anyhow!(e))?;
        let m = NewMentoring {
            held_on: ctx.today - Duration::days(rng.gen_range(3..330)),
            mentee_type: mentee,
            topic: Topic::parse(topic).map_err(|e| anyhow!(e))?,
            duration_minutes: [45, 60, 90, 120][rng.gen_range(0..4)],
            notes,
        };
        store.add_mentoring(&trainer, &m, REASON).await?;
    }
    Ok(())
}
