//! Properties of the rules over every kind of input, not just the table's rows.

use crate::reports::screening::{
    parse_screening, render_reason, screen, Act, Age, BorderCrossing, Indicator, Jurisdiction,
    Lang, Means, Purpose, ReasonId, Rule, ScreeningInput, Verdict,
};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use std::collections::BTreeSet;
use std::fmt::Debug;

fn subset<T: Copy + Ord + Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = BTreeSet<T>> {
    subsequence(all.to_vec(), 0..=all.len()).prop_map(|v| v.into_iter().collect())
}

fn age() -> impl Strategy<Value = Option<Age>> {
    prop_oneof![
        Just(None),
        (0_u64..18).prop_map(Some),
        (18_u64..=130).prop_map(Some)
    ]
    .prop_map(|years| years.and_then(|y| Age::try_from(y).ok()))
}

fn arb_input() -> impl Strategy<Value = ScreeningInput> {
    let flag = || proptest::option::of(any::<bool>());
    (
        (
            age(),
            subset(Act::ALL),
            subset(Means::ALL),
            subset(Purpose::ALL),
            subset(Indicator::ALL),
        ),
        (
            proptest::option::of(select(BorderCrossing::ALL)),
            flag(),
            flag(),
            flag(),
            flag(),
        ),
    )
        .prop_map(
            |(
                (age, acts, means, purposes, indicators),
                (border_crossing, paid, free, consented, danger),
            )| {
                ScreeningInput {
                    age,
                    acts,
                    means,
                    purposes,
                    indicators,
                    border_crossing,
                    paid_facilitator: paid,
                    free_on_arrival: free,
                    consented,
                    in_danger_now: danger,
                }
            },
        )
}

fn law() -> impl Strategy<Value = Jurisdiction> {
    select(vec![
        Jurisdiction::Palermo,
        Jurisdiction::UkModernSlaveryAct,
    ])
}

proptest! {
    #[test]
    fn adding_a_means_never_undoes_trafficking(input in arb_input(), means in select(Means::ALL), law in law()) {
        prop_assume!(screen(&input, law).verdict == Verdict::Trafficking);
        let mut more = input.clone();
        more.means.insert(means);
        prop_assert_eq!(screen(&more, law).verdict, Verdict::Trafficking);
    }

    #[test]
    fn adding_an_indicator_never_undoes_trafficking(input in arb_input(), indicator in select(Indicator::ALL)) {
        prop_assume!(screen(&input, Jurisdiction::Palermo).verdict == Verdict::Trafficking);
        let mut more = input.clone();
        more.indicators.insert(indicator);
        prop_assert_eq!(screen(&more, Jurisdiction::Palermo).verdict, Verdict::Trafficking);
    }

    /// With an act and a purpose, a child is trafficked whatever the means (Palermo art. 3(c)).
    #[test]
    fn for_a_child_with_act_and_purpose_means_do_not_matter(
        input in arb_input(),
        years in 0_u64..18,
        means in subset(Means::ALL),
        indicators in subset(Indicator::ALL),
    ) {
        prop_assume!(!input.acts.is_empty() && !input.purposes.is_empty());
        let mut a = input.clone();
        a.age = Age::try_from(years).ok();
        let mut b = a.clone();
        b.means = means;
        b.indicators = indicators;
        let (ra, rb) = (screen(&a, Jurisdiction::Palermo), screen(&b, Jurisdiction::Palermo));
        prop_assert_eq!(ra.verdict, Verdict::Trafficking);
        prop_assert_eq!(rb.verdict, Verdict::Trafficking);
        prop_assert!(ra.urgent && rb.urgent);
    }

    #[test]
    fn consent_never_changes_the_outcome(input in arb_input(), consent in proptest::option::of(any::<bool>()), law in law()) {
        let mut other = input.clone();
        other.consented = consent;
        let (a, b) = (screen(&input, law), screen(&other, law));
        prop_assert_eq!(a.verdict, b.verdict);
        prop_assert_eq!(a.elements, b.elements);
        prop_assert_eq!(a.urgent, b.urgent);
        prop_assert_eq!(a.means_found, b.means_found);
    }

    #[test]
    fn the_law_changes_reasons_only(input in arb_input()) {
        let (a, b) = (screen(&input, Jurisdiction::Palermo), screen(&input, Jurisdiction::UkModernSlaveryAct));
        prop_assert_eq!(a.verdict, b.verdict);
        prop_assert_eq!(a.rule, b.rule);
        prop_assert_eq!(a.urgent, b.urgent);
    }

    #[test]
    fn any_indicator_rules_out_no_indication(input in arb_input(), law in law()) {
        prop_assume!(!input.indicators.is_empty());
        let verdict = screen(&input, law).verdict;
        prop_assert_ne!(verdict, Verdict::NoIndication);
        prop_assert_ne!(verdict, Verdict::Smuggling);
    }

    #[test]
    fn reasons_explain_the_verdict_and_what_is_missing(input in arb_input(), law in law()) {
        let r = screen(&input, law);
        let first = r.reasons.first().map(|reason| reason.id);
        let expected: &[ReasonId] = match r.rule {
            Rule::AllElements => &[ReasonId::Trafficking, ReasonId::TraffickingChild],
            Rule::AgeUnknown => &[ReasonId::PossibleAgeUnknown],
            Rule::ForcedLabour => &[ReasonId::ForcedLabour],
            Rule::Smuggling => &[ReasonId::Smuggling],
            Rule::SomeSigns => &[ReasonId::PossibleTrafficking],
            Rule::Nothing => &[ReasonId::NoIndication],
        };
        prop_assert!(first.is_some_and(|id| expected.contains(&id)), "{:?}", r.reasons);
        if r.verdict != Verdict::Trafficking {
            let missing = [ReasonId::MissingAct, ReasonId::MissingMeans, ReasonId::MissingPurpose, ReasonId::PossibleAgeUnknown];
            prop_assert!(r.reasons.iter().any(|reason| missing.contains(&reason.id)), "{:?}", r.reasons);
        }
    }

    #[test]
    fn urgent_exactly_as_the_contract_says(input in arb_input(), law in law()) {
        let r = screen(&input, law);
        let expected = input.in_danger_now == Some(true)
            || (r.child == Some(true) && matches!(r.verdict, Verdict::Trafficking | Verdict::PossibleTrafficking))
            || input.indicators.contains(&Indicator::PhysicalAndSexualViolence);
        prop_assert_eq!(r.urgent, expected);
    }

    #[test]
    fn means_found_is_sorted_unique_and_complete(input in arb_input()) {
        let r = screen(&input, Jurisdiction::Palermo);
        prop_assert!(r.means_found.windows(2).all(|w| w[0] < w[1]));
        for m in &input.means {
            prop_assert!(r.means_found.contains(m));
        }
        for m in input.indicators.iter().filter_map(|i| i.means()) {
            prop_assert!(r.means_found.contains(&m));
        }
    }

    #[test]
    fn every_reason_renders_in_every_language(input in arb_input(), law in law()) {
        for reason in &screen(&input, law).reasons {
            for lang in Lang::ALL {
                let text = render_reason(reason, lang);
                prop_assert!(text.is_ok(), "{:?}", text);
                let text = text.unwrap_or_default();
                prop_assert!(!text.contains(['\u{2068}', '\u{2069}', '{', '}', '$']), "{}", text);
                prop_assert!(text.ends_with('.'), "{}", text);
            }
        }
    }

    #[test]
    fn input_round_trips_through_json(input in arb_input()) {
        let json = serde_json::to_string(&input).unwrap();
        prop_assert_eq!(parse_screening(&json).unwrap(), input);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in "\\PC{0,40}") {
        let _ = parse_screening(&text);
    }
}
