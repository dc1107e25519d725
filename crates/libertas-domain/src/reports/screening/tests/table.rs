//! The contract's verdict rules, one row per rule and per tricky edge.

use super::super::{MeansElement as M, ReasonId as R, Verdict as V};
use super::{reason_ids, run};
use crate::reports::screening::{Jurisdiction, Means, Purpose};

struct Case {
    name: &'static str,
    json: &'static str,
    law: Jurisdiction,
    verdict: V,
    rule: u8,
    child: Option<bool>,
    means: M,
    smuggling: bool,
    urgent: bool,
    reasons: &'static [R],
}

const P: Jurisdiction = Jurisdiction::Palermo;
const UK: Jurisdiction = Jurisdiction::UkModernSlaveryAct;

#[rustfmt::skip]
const CASES: &[Case] = &[
    // Rule 1: act + purpose + means, or a child.
    Case { name: "adult with all three elements", json: r#"{"age":30,"acts":["recruitment"],"means":["deception"],"purposes":["forced_labour"]}"#,
        law: P, verdict: V::Trafficking, rule: 1, child: Some(false), means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::Trafficking] },
    Case { name: "child without means", json: r#"{"age":15,"acts":["transportation"],"purposes":["sexual_exploitation"]}"#,
        law: P, verdict: V::Trafficking, rule: 1, child: Some(true), means: M::NotRequired, smuggling: false, urgent: true,
        reasons: &[R::TraffickingChild, R::UrgentChild] },
    Case { name: "child aged 17 with means", json: r#"{"age":17,"acts":["harbouring"],"means":["force"],"purposes":["forced_begging"]}"#,
        law: P, verdict: V::Trafficking, rule: 1, child: Some(true), means: M::Present, smuggling: false, urgent: true,
        reasons: &[R::TraffickingChild, R::UrgentChild] },
    Case { name: "baby aged 0", json: r#"{"age":0,"acts":["transfer"],"purposes":["slavery"]}"#,
        law: P, verdict: V::Trafficking, rule: 1, child: Some(true), means: M::NotRequired, smuggling: false, urgent: true,
        reasons: &[R::TraffickingChild, R::UrgentChild] },
    Case { name: "unknown age with means", json: r#"{"acts":["receipt"],"means":["abduction"],"purposes":["organ_removal"]}"#,
        law: P, verdict: V::Trafficking, rule: 1, child: None, means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::Trafficking] },
    Case { name: "means only from an indicator", json: r#"{"age":40,"acts":["recruitment"],"purposes":["forced_labour"],"indicators":["debt_bondage"]}"#,
        law: P, verdict: V::Trafficking, rule: 1, child: Some(false), means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::Trafficking, R::IndicatorsFound, R::MeansFromIndicators] },
    // Rule 2: act + purpose, no means, age unknown.
    Case { name: "unknown age, no means", json: r#"{"acts":["recruitment"],"purposes":["sexual_exploitation"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 2, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleAgeUnknown] },
    Case { name: "age null is unknown", json: r#"{"age":null,"acts":["recruitment"],"purposes":["forced_marriage"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 2, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleAgeUnknown] },
    Case { name: "unknown age, indicator that is not a means", json: r#"{"acts":["recruitment"],"purposes":["forced_labour"],"indicators":["excessive_overtime"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 2, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleAgeUnknown, R::IndicatorsFound, R::IndicatorsNotMeans] },
    // Adult with act + purpose but no means falls through to rule 5.
    Case { name: "adult aged 18, no means", json: r#"{"age":18,"acts":["recruitment"],"purposes":["forced_labour"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 5, child: Some(false), means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleTrafficking, R::MissingMeans] },
    Case { name: "adult, only non-means indicators", json: r#"{"age":25,"acts":["recruitment"],"purposes":["forced_labour"],"indicators":["abusive_working_and_living_conditions","excessive_overtime"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 5, child: Some(false), means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleTrafficking, R::MissingMeans, R::IndicatorsFound, R::IndicatorsNotMeans] },
    // Rule 3: no act, means, forced-labour purpose.
    Case { name: "forced labour, acts absent", json: r#"{"means":["coercion"],"purposes":["domestic_servitude"]}"#,
        law: P, verdict: V::ForcedLabour, rule: 3, child: None, means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::ForcedLabour, R::MissingAct] },
    Case { name: "forced labour, acts empty", json: r#"{"acts":[],"means":["threat"],"purposes":["servitude","sexual_exploitation"]}"#,
        law: P, verdict: V::ForcedLabour, rule: 3, child: None, means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::ForcedLabour, R::MissingAct] },
    Case { name: "forced labour from an indicator", json: r#"{"age":35,"purposes":["forced_labour"],"indicators":["withholding_of_wages"]}"#,
        law: P, verdict: V::ForcedLabour, rule: 3, child: Some(false), means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::ForcedLabour, R::MissingAct, R::IndicatorsFound, R::MeansFromIndicators] },
    Case { name: "forced labour of a child is not urgent by the contract", json: r#"{"age":14,"means":["force"],"purposes":["slavery"]}"#,
        law: P, verdict: V::ForcedLabour, rule: 3, child: Some(true), means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::ForcedLabour, R::MissingAct] },
    Case { name: "no act, means, purpose not forced-labour kind", json: r#"{"means":["fraud"],"purposes":["sexual_exploitation"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 5, child: None, means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::PossibleTrafficking, R::MissingAct] },
    Case { name: "no act, forced labour, no means", json: r#"{"purposes":["forced_labour"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 5, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleTrafficking, R::MissingAct, R::MissingMeans] },
    // Rule 4: smuggling.
    Case { name: "smuggling, free on arrival unknown", json: r#"{"border_crossing":"irregular","paid_facilitator":true}"#,
        law: P, verdict: V::Smuggling, rule: 4, child: None, means: M::Absent, smuggling: true, urgent: false,
        reasons: &[R::Smuggling, R::MissingAct, R::MissingMeans, R::MissingPurpose, R::AskFreeOnArrival] },
    Case { name: "smuggling, free on arrival", json: r#"{"age":22,"border_crossing":"irregular","paid_facilitator":true,"free_on_arrival":true}"#,
        law: P, verdict: V::Smuggling, rule: 4, child: Some(false), means: M::Absent, smuggling: true, urgent: false,
        reasons: &[R::Smuggling, R::MissingAct, R::MissingMeans, R::MissingPurpose] },
    Case { name: "smuggling with an act of transport", json: r#"{"acts":["transportation"],"border_crossing":"irregular","paid_facilitator":true,"free_on_arrival":null}"#,
        law: P, verdict: V::Smuggling, rule: 4, child: None, means: M::Absent, smuggling: true, urgent: false,
        reasons: &[R::Smuggling, R::MissingMeans, R::MissingPurpose, R::AskFreeOnArrival] },
    Case { name: "smuggling of a child with nothing else", json: r#"{"age":16,"border_crossing":"irregular","paid_facilitator":true,"free_on_arrival":true}"#,
        law: P, verdict: V::Smuggling, rule: 4, child: Some(true), means: M::NotRequired, smuggling: true, urgent: false,
        reasons: &[R::Smuggling, R::MissingAct, R::MissingPurpose, R::ChildNoMeansNeeded] },
    Case { name: "smuggling, not free on arrival", json: r#"{"border_crossing":"irregular","paid_facilitator":true,"free_on_arrival":false}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 5, child: None, means: M::Absent, smuggling: true, urgent: false,
        reasons: &[R::PossibleTrafficking, R::MissingAct, R::MissingMeans, R::MissingPurpose, R::SmugglingWithSigns, R::NotFreeOnArrival] },
    Case { name: "smuggling with a non-means indicator", json: r#"{"border_crossing":"irregular","paid_facilitator":true,"indicators":["excessive_overtime"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 5, child: None, means: M::Absent, smuggling: true, urgent: false,
        reasons: &[R::PossibleTrafficking, R::MissingAct, R::MissingMeans, R::MissingPurpose, R::IndicatorsFound, R::IndicatorsNotMeans, R::SmugglingWithSigns, R::AskFreeOnArrival] },
    Case { name: "regular crossing with a paid facilitator is not smuggling", json: r#"{"border_crossing":"regular","paid_facilitator":true}"#,
        law: P, verdict: V::NoIndication, rule: 6, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::NoIndication, R::MissingAct, R::MissingMeans, R::MissingPurpose] },
    Case { name: "irregular crossing, facilitator unknown", json: r#"{"border_crossing":"irregular"}"#,
        law: P, verdict: V::NoIndication, rule: 6, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: NOTHING },
    Case { name: "irregular crossing, nobody paid", json: r#"{"border_crossing":"irregular","paid_facilitator":false}"#,
        law: P, verdict: V::NoIndication, rule: 6, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: NOTHING },
    // Rule 5: any sign.
    Case { name: "not free on arrival alone", json: r#"{"free_on_arrival":false}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 5, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleTrafficking, R::MissingAct, R::MissingMeans, R::MissingPurpose, R::NotFreeOnArrival] },
    Case { name: "violence alone is urgent", json: r#"{"indicators":["physical_and_sexual_violence"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 5, child: None, means: M::Present, smuggling: false, urgent: true,
        reasons: &[R::PossibleTrafficking, R::UrgentViolence, R::MissingAct, R::MissingPurpose, R::IndicatorsFound, R::MeansFromIndicators] },
    Case { name: "child, purpose only", json: r#"{"age":12,"purposes":["forced_begging"]}"#,
        law: P, verdict: V::PossibleTrafficking, rule: 5, child: Some(true), means: M::NotRequired, smuggling: false, urgent: true,
        reasons: &[R::PossibleTrafficking, R::UrgentChild, R::MissingAct, R::ChildNoMeansNeeded] },
    // Rule 6: nothing.
    Case { name: "empty object", json: "{}",
        law: P, verdict: V::NoIndication, rule: 6, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: NOTHING },
    Case { name: "act alone", json: r#"{"age":30,"acts":["recruitment"]}"#,
        law: P, verdict: V::NoIndication, rule: 6, child: Some(false), means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::NoIndication, R::MissingMeans, R::MissingPurpose] },
    Case { name: "child, act alone", json: r#"{"age":10,"acts":["recruitment"]}"#,
        law: P, verdict: V::NoIndication, rule: 6, child: Some(true), means: M::NotRequired, smuggling: false, urgent: false,
        reasons: &[R::NoIndication, R::MissingPurpose, R::ChildNoMeansNeeded] },
    Case { name: "in danger now, nothing else", json: r#"{"in_danger_now":true}"#,
        law: P, verdict: V::NoIndication, rule: 6, child: None, means: M::Absent, smuggling: false, urgent: true,
        reasons: &[R::NoIndication, R::InDangerNow, R::MissingAct, R::MissingMeans, R::MissingPurpose] },
    Case { name: "not in danger now", json: r#"{"in_danger_now":false}"#,
        law: P, verdict: V::NoIndication, rule: 6, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: NOTHING },
    // Consent never changes the verdict; it adds a reason.
    Case { name: "adult consented", json: r#"{"age":30,"acts":["recruitment"],"means":["deception"],"purposes":["forced_labour"],"consented":true}"#,
        law: P, verdict: V::Trafficking, rule: 1, child: Some(false), means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::Trafficking, R::ConsentIrrelevant] },
    Case { name: "child consented", json: r#"{"age":16,"acts":["recruitment"],"purposes":["sexual_exploitation"],"consented":true}"#,
        law: P, verdict: V::Trafficking, rule: 1, child: Some(true), means: M::NotRequired, smuggling: false, urgent: true,
        reasons: &[R::TraffickingChild, R::UrgentChild, R::ConsentChild] },
    Case { name: "consented false says nothing", json: r#"{"age":30,"acts":["recruitment"],"means":["deception"],"purposes":["forced_labour"],"consented":false}"#,
        law: P, verdict: V::Trafficking, rule: 1, child: Some(false), means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::Trafficking] },
    // UK Modern Slavery Act: same verdicts, an extra reason when adult means are missing.
    Case { name: "uk adult without means", json: r#"{"age":30,"acts":["recruitment"],"purposes":["forced_labour"]}"#,
        law: UK, verdict: V::PossibleTrafficking, rule: 5, child: Some(false), means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleTrafficking, R::MissingMeans, R::UkNoMeansForAdults] },
    Case { name: "uk unknown age without means", json: r#"{"acts":["recruitment"],"purposes":["forced_labour"]}"#,
        law: UK, verdict: V::PossibleTrafficking, rule: 2, child: None, means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleAgeUnknown, R::UkNoMeansForAdults] },
    Case { name: "uk with means needs no note", json: r#"{"age":30,"acts":["recruitment"],"means":["fraud"],"purposes":["forced_labour"]}"#,
        law: UK, verdict: V::Trafficking, rule: 1, child: Some(false), means: M::Present, smuggling: false, urgent: false,
        reasons: &[R::Trafficking] },
    Case { name: "uk child needs no note", json: r#"{"age":9,"acts":["recruitment"],"purposes":["forced_labour"]}"#,
        law: UK, verdict: V::Trafficking, rule: 1, child: Some(true), means: M::NotRequired, smuggling: false, urgent: true,
        reasons: &[R::TraffickingChild, R::UrgentChild] },
    Case { name: "uk without act needs no note", json: r#"{"age":30,"purposes":["forced_labour"]}"#,
        law: UK, verdict: V::PossibleTrafficking, rule: 5, child: Some(false), means: M::Absent, smuggling: false, urgent: false,
        reasons: &[R::PossibleTrafficking, R::MissingAct, R::MissingMeans] },
];

/// The reasons for a screening where nothing at all was found.
const NOTHING: &[R] = &[
    R::NoIndication,
    R::MissingAct,
    R::MissingMeans,
    R::MissingPurpose,
];

#[test]
fn every_rule_and_edge() {
    for case in CASES {
        let r = run(case.json, case.law);
        let name = case.name;
        assert_eq!(r.verdict, case.verdict, "{name}: verdict");
        assert_eq!(r.rule.number(), case.rule, "{name}: rule");
        assert_eq!(r.child, case.child, "{name}: child");
        assert_eq!(r.elements.means, case.means, "{name}: elements.means");
        assert_eq!(r.smuggling, case.smuggling, "{name}: smuggling");
        assert_eq!(r.urgent, case.urgent, "{name}: urgent");
        assert_eq!(reason_ids(&r), case.reasons, "{name}: reasons");
    }
}

#[test]
fn every_rule_is_covered_by_the_table() {
    for rule in 1..=6 {
        assert!(
            CASES.iter().any(|c| c.rule == rule),
            "no case for rule {rule}"
        );
    }
}

#[test]
fn means_found_is_the_union_in_contract_order_without_repeats() {
    let r = run(
        r#"{"means":["payment_to_controller","deception","deception"],
            "indicators":["deception","isolation","debt_bondage","intimidation_and_threats","excessive_overtime"]}"#,
        P,
    );
    assert_eq!(
        r.means_found,
        [
            Means::Threat,
            Means::Coercion,
            Means::Deception,
            Means::PaymentToController
        ]
    );
}

#[test]
fn every_indicator_maps_as_the_contract_says() {
    use crate::reports::screening::Indicator as I;
    let expected = [
        (I::Deception, Some(Means::Deception)),
        (I::PhysicalAndSexualViolence, Some(Means::Force)),
        (I::IntimidationAndThreats, Some(Means::Threat)),
        (I::AbuseOfVulnerability, Some(Means::AbuseOfVulnerability)),
        (I::DebtBondage, Some(Means::Coercion)),
        (I::RetentionOfIdentityDocuments, Some(Means::Coercion)),
        (I::RestrictionOfMovement, Some(Means::Coercion)),
        (I::Isolation, Some(Means::Coercion)),
        (I::WithholdingOfWages, Some(Means::Coercion)),
        (I::AbusiveWorkingAndLivingConditions, None),
        (I::ExcessiveOvertime, None),
    ];
    assert_eq!(expected.len(), I::ALL.len());
    for (indicator, means) in expected {
        assert_eq!(indicator.means(), means, "{indicator}");
    }
}

#[test]
fn exploitation_lists_purposes_in_contract_order() {
    let r = run(
        r#"{"purposes":["organ_removal","sexual_exploitation","forced_labour","organ_removal"]}"#,
        P,
    );
    assert_eq!(
        r.exploitation,
        [
            Purpose::SexualExploitation,
            Purpose::ForcedLabour,
            Purpose::OrganRemoval
        ]
    );
}
