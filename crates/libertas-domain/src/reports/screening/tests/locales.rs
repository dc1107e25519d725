//! Every reason and label exists in every language, and the two files define the same ids.

use crate::reports::screening::{
    label_id, render_reason, Act, Age, Indicator, Lang, Means, Purpose, Reason, ReasonArg, ReasonId,
};
use std::collections::BTreeSet;

const EN: &str = include_str!("../../../../locales/en/screening.ftl");
const RO: &str = include_str!("../../../../locales/ro/screening.ftl");

/// Message and term ids defined at the start of a line (`id = ...`).
fn ids(ftl: &str) -> BTreeSet<&str> {
    ftl.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-'))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
        .collect()
}

/// A reason with every argument it could need, so any placeable resolves.
fn full(id: ReasonId) -> Reason {
    let mut reason = Reason {
        id,
        args: Default::default(),
    };
    let args = [
        ("age", ReasonArg::Age(Age::try_from(7).unwrap())),
        ("count", ReasonArg::Count(2)),
        ("acts", ReasonArg::Acts(Act::ALL.to_vec())),
        ("means", ReasonArg::Means(Means::ALL.to_vec())),
        ("purposes", ReasonArg::Purposes(Purpose::ALL.to_vec())),
        ("indicators", ReasonArg::Indicators(Indicator::ALL.to_vec())),
    ];
    reason.args.extend(args);
    reason
}

#[test]
fn english_and_romanian_define_the_same_ids() {
    assert_eq!(ids(EN), ids(RO));
}

#[test]
fn every_reason_id_exists_and_renders() {
    for lang in Lang::ALL {
        for id in ReasonId::ALL {
            let text = render_reason(&full(*id), lang).unwrap();
            assert!(
                !text.is_empty() && !text.contains('\u{2068}'),
                "{id:?}: {text}"
            );
        }
    }
    let defined = ids(EN);
    for id in ReasonId::ALL {
        assert!(defined.contains(id.as_str()), "{id:?}");
    }
    let reasons = defined
        .iter()
        .filter(|id| id.starts_with("screening-reason-"))
        .count();
    assert_eq!(
        reasons,
        ReasonId::ALL.len(),
        "an unused reason in screening.ftl"
    );
}

#[test]
fn every_code_has_a_label() {
    let defined = ids(EN);
    let codes = Act::ALL
        .iter()
        .map(|c| label_id("act", c.as_str()))
        .chain(Means::ALL.iter().map(|c| label_id("means", c.as_str())))
        .chain(Purpose::ALL.iter().map(|c| label_id("purpose", c.as_str())))
        .chain(
            Indicator::ALL
                .iter()
                .map(|c| label_id("indicator", c.as_str())),
        );
    for id in codes {
        assert!(defined.contains(id.as_str()), "{id}");
    }
}

#[test]
fn ages_and_lists_read_naturally() {
    let child = |years: u64, lang| {
        let mut reason = Reason {
            id: ReasonId::ChildNoMeansNeeded,
            args: Default::default(),
        };
        reason
            .args
            .insert("age", ReasonArg::Age(Age::try_from(years).unwrap()));
        render_reason(&reason, lang).unwrap()
    };
    assert!(child(0, Lang::En).starts_with("The person is under one year old, a child"));
    assert!(child(1, Lang::En).starts_with("The person is 1 year old, a child"));
    assert!(child(12, Lang::En).starts_with("The person is 12 years old, a child"));
    assert!(child(1, Lang::Ro).starts_with("Persoana are un an, deci"));
    assert!(child(17, Lang::Ro).starts_with("Persoana are 17 ani, deci"));

    let mut reason = Reason {
        id: ReasonId::IndicatorsNotMeans,
        args: Default::default(),
    };
    reason.args.insert(
        "indicators",
        ReasonArg::Indicators(vec![
            Indicator::AbusiveWorkingAndLivingConditions,
            Indicator::ExcessiveOvertime,
        ]),
    );
    assert_eq!(
        render_reason(&reason, Lang::En).unwrap(),
        "On their own, these signs of forced labour are not means of trafficking: abusive working and living conditions and excessive overtime."
    );
    assert_eq!(
        render_reason(&reason, Lang::Ro).unwrap(),
        "Luate singure, aceste semne de muncă forțată nu sunt mijloace de trafic: condiții abuzive de muncă și de viață și ore suplimentare excesive."
    );
}
