//! Training and mentoring of justice professionals (Strengthen).
//!
//! Nobody is named: a training event counts its participants by professional type and keeps
//! the mean scores of the tests taken before and after, which is what a programme reports on
//! (reach by audience, and the average gain in knowledge). Mentoring sessions record the
//! mentee's professional type, never the mentee.

use crate::text::text_type;
use crate::FieldError;
use serde::{Deserialize, Serialize};
use time::Date;

/// The professional groups the programme trains and mentors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Police,
    Prosecutor,
    Judge,
    SocialWorker,
    Other,
}

impl Audience {
    pub const ALL: [Audience; 5] = [
        Audience::Police,
        Audience::Prosecutor,
        Audience::Judge,
        Audience::SocialWorker,
        Audience::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Police => "police",
            Audience::Prosecutor => "prosecutor",
            Audience::Judge => "judge",
            Audience::SocialWorker => "social_worker",
            Audience::Other => "other",
        }
    }

    /// `field` names the value in errors (`audiences[0]`, `mentee_type`).
    pub fn parse(raw: &str, field: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == raw.trim())
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    "must be one of police, prosecutor, judge, social_worker, other",
                )
            })
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|a| *a == self).unwrap_or(0)
    }
}

impl crate::codes::CodeList for Audience {
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|a| a.as_str()).collect()
    }
}

text_type!(
    /// What a training or mentoring session was about: free text, sealed (it may name a case).
    Topic, "topic", 1, 200, false
);

text_type!(
    /// Where a training took place (a venue or town, never a person's address): sealed.
    Place, "place", 1, 200, false
);

text_type!(
    /// Notes on a mentoring session: may touch on the mentee's cases, so sealed.
    MentoringNotes, "notes", 1, 10_000, true
);

/// Participants counted per audience type, in `Audience::ALL` order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Participants([u32; 5]);

impl Participants {
    /// The most participants one event may count per type.
    pub const MAX: i64 = 100_000;

    /// Counts in `Audience::ALL` order; each 0 to `MAX`, else 400 naming `participants.<type>`.
    pub fn parse(counts: [i64; 5]) -> Result<Self, FieldError> {
        let mut out = [0u32; 5];
        for (i, n) in counts.into_iter().enumerate() {
            out[i] = u32::try_from(n)
                .ok()
                .filter(|n| i64::from(*n) <= Self::MAX)
                .ok_or_else(|| {
                    FieldError::new(
                        format!("participants.{}", Audience::ALL[i].as_str()),
                        format!("must be a whole number from 0 to {}", Self::MAX),
                    )
                })?;
        }
        Ok(Self(out))
    }

    pub fn get(&self, a: Audience) -> u32 {
        self.0[a.index()]
    }

    pub fn total(&self) -> u64 {
        self.0.iter().map(|n| u64::from(*n)).sum()
    }
}

/// A mean test score from 0 to 100, kept in tenths of a point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct MeanScore(u16);

impl MeanScore {
    pub fn parse(value: f64, field: &str) -> Result<Self, FieldError> {
        if !value.is_finite() || !(0.0..=100.0).contains(&value) {
            return Err(FieldError::new(field, "must be a number from 0 to 100"));
        }
        Ok(Self((value * 10.0).round() as u16))
    }

    pub fn from_tenths(tenths: i64, field: &str) -> Result<Self, FieldError> {
        u16::try_from(tenths)
            .ok()
            .filter(|t| *t <= 1000)
            .map(Self)
            .ok_or_else(|| FieldError::new(field, "must be from 0 to 100"))
    }

    pub fn tenths(self) -> u16 {
        self.0
    }

    pub fn value(self) -> f64 {
        f64::from(self.0) / 10.0
    }
}

/// A training event as recorded, validated by [`NewTraining::check`].
#[derive(Clone, Debug)]
pub struct NewTraining {
    pub topic: Topic,
    pub held_on: Date,
    pub place: Place,
    pub audiences: Vec<Audience>,
    pub participants: Participants,
    pub pre_score: Option<MeanScore>,
    pub post_score: Option<MeanScore>,
}

impl NewTraining {
    /// At least one audience; nobody counted outside the audiences.
    pub fn check(&self) -> Result<(), FieldError> {
        if self.audiences.is_empty() {
            return Err(FieldError::new("audiences", "name at least one audience"));
        }
        for a in Audience::ALL {
            if self.participants.get(a) > 0 && !self.audiences.contains(&a) {
                return Err(FieldError::new(
                    format!("participants.{}", a.as_str()),
                    "counts participants of a type that is not an audience of the event",
                ));
            }
        }
        Ok(())
    }

    /// Post minus pre, when both were measured.
    pub fn gain(&self) -> Option<f64> {
        gain(self.pre_score, self.post_score)
    }
}

/// Post minus pre, when both were measured.
pub fn gain(pre: Option<MeanScore>, post: Option<MeanScore>) -> Option<f64> {
    Some(post?.value() - pre?.value())
}

/// Totals over a set of events: participants per type, events, and the average gain over the
/// events that measured both scores (each event weighs the same).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrainingTotals {
    pub events: usize,
    pub participants: [u64; 5],
    pub total: u64,
    pub mean_pre: Option<f64>,
    pub mean_post: Option<f64>,
    pub mean_gain: Option<f64>,
}

pub fn totals<'a>(events: impl IntoIterator<Item = &'a NewTraining>) -> TrainingTotals {
    let mut t = TrainingTotals::default();
    let (mut pre, mut post, mut n) = (0.0, 0.0, 0u32);
    for e in events {
        t.events += 1;
        for (i, a) in Audience::ALL.iter().enumerate() {
            t.participants[i] += u64::from(e.participants.get(*a));
        }
        if let (Some(a), Some(b)) = (e.pre_score, e.post_score) {
            pre += a.value();
            post += b.value();
            n += 1;
        }
    }
    t.total = t.participants.iter().sum();
    if n > 0 {
        let n = f64::from(n);
        t.mean_pre = Some(pre / n);
        t.mean_post = Some(post / n);
        t.mean_gain = Some((post - pre) / n);
    }
    t
}

/// A mentoring session.
#[derive(Clone, Debug)]
pub struct NewMentoring {
    pub held_on: Date,
    pub mentee_type: Audience,
    pub topic: Topic,
    pub duration_minutes: u16,
    pub notes: Option<MentoringNotes>,
}

/// A session lasts 1 minute to 12 hours.
pub fn parse_duration(minutes: i64) -> Result<u16, FieldError> {
    u16::try_from(minutes)
        .ok()
        .filter(|m| (1..=720).contains(m))
        .ok_or_else(|| FieldError::new("duration_minutes", "must be 1 to 720 minutes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn event(counts: [i64; 5], pre: Option<f64>, post: Option<f64>) -> NewTraining {
        NewTraining {
            topic: Topic::parse("Victim-centred interviewing").unwrap(),
            held_on: date!(2026 - 03 - 10),
            place: Place::parse("Iasi").unwrap(),
            audiences: Audience::ALL.to_vec(),
            participants: Participants::parse(counts).unwrap(),
            pre_score: pre.map(|v| MeanScore::parse(v, "pre_score").unwrap()),
            post_score: post.map(|v| MeanScore::parse(v, "post_score").unwrap()),
        }
    }

    #[test]
    fn scores_and_counts_name_their_field() {
        assert_eq!(
            MeanScore::parse(100.1, "post_score").unwrap_err().field,
            "post_score"
        );
        assert_eq!(
            MeanScore::parse(-0.5, "pre_score").unwrap_err().field,
            "pre_score"
        );
        assert!(MeanScore::parse(f64::NAN, "pre_score").is_err());
        assert_eq!(MeanScore::parse(62.44, "pre_score").unwrap().tenths(), 624);
        let e = Participants::parse([1, 2, -1, 0, 0]).unwrap_err();
        assert_eq!(e.field, "participants.judge");
        assert_eq!(
            Audience::parse("lawyer", "audiences[1]").unwrap_err().field,
            "audiences[1]"
        );
        assert_eq!(parse_duration(0).unwrap_err().field, "duration_minutes");
    }

    #[test]
    fn nobody_is_counted_outside_the_audiences() {
        let mut e = event([3, 0, 2, 0, 0], None, None);
        e.audiences = vec![Audience::Police];
        assert_eq!(e.check().unwrap_err().field, "participants.judge");
        e.audiences = vec![];
        assert_eq!(e.check().unwrap_err().field, "audiences");
    }

    #[test]
    fn totals_add_up_and_gain_is_the_mean_of_gains() {
        let a = event([10, 2, 0, 0, 1], Some(50.0), Some(70.0));
        let b = event([0, 5, 4, 0, 0], Some(60.0), Some(70.0));
        let c = event([0, 0, 0, 8, 0], None, Some(90.0));
        let t = totals([&a, &b, &c]);
        assert_eq!(t.events, 3);
        assert_eq!(t.participants, [10, 7, 4, 8, 1]);
        assert_eq!(t.total, 30);
        assert_eq!(t.mean_gain, Some(15.0));
        assert_eq!(c.gain(), None);
        assert_eq!(totals([]).mean_gain, None);
    }
}
