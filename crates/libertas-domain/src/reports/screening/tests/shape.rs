//! The output JSON, checked whole: a change to the shape or the wording must be deliberate.

use super::run;
use crate::reports::screening::{render, Jurisdiction, Lang};
use serde_json::json;

const ADULT: &str = r#"{"age":30,"acts":["recruitment","transportation"],"means":["deception"],
    "indicators":["retention_of_identity_documents"],"purposes":["forced_labour"],"consented":true}"#;

#[test]
fn adult_trafficking_in_english() {
    let out = render(&run(ADULT, Jurisdiction::Palermo), Lang::En).to_json();
    assert_eq!(
        out,
        json!({
            "verdict": "trafficking",
            "child": false,
            "elements": {"act": true, "means": "present", "purpose": true},
            "smuggling": false,
            "means_found": ["coercion", "deception"],
            "exploitation": ["forced_labour"],
            "urgent": false,
            "reasons": [
                "This is trafficking in persons: there is an act (recruitment and transportation), a means (coercion and deception) and a purpose of exploitation (forced labour), the three elements of the Palermo Protocol, article 3(a).",
                "One of the 11 ILO indicators of forced labour was described: retention of identity documents.",
                "These signs also count as means of trafficking: retention of identity documents (as coercion).",
                "The person's agreement does not change this assessment: once any means have been used, consent to the exploitation is irrelevant (Palermo Protocol, article 3(b)). Ask carefully about threats, deception, debts or dependence.",
            ],
        })
    );
}

#[test]
fn child_in_romanian() {
    let json = r#"{"age":15,"acts":["recruitment"],"purposes":["sexual_exploitation","forced_begging","organ_removal"]}"#;
    let out = render(&run(json, Jurisdiction::Palermo), Lang::Ro).to_json();
    assert_eq!(
        out,
        json!({
            "verdict": "trafficking",
            "child": true,
            "elements": {"act": true, "means": "not_required", "purpose": true},
            "smuggling": false,
            "means_found": [],
            "exploitation": ["sexual_exploitation", "forced_begging", "organ_removal"],
            "urgent": true,
            "reasons": [
                "Este trafic de persoane: persoana are 15 ani, deci este copil, iar o acțiune (recrutare) în scop de exploatare (exploatare sexuală, cerșetorie forțată și prelevare de organe) este suficientă. Pentru un copil nu este nevoie de mijloace (Protocolul de la Palermo, articolul 3 litera (c)).",
                "Un copil poate fi victimă a traficului: tratați cazul ca urgent și urmați procedura de protecție a copilului.",
            ],
        })
    );
}

#[test]
fn unknown_age_has_null_child_and_names_what_is_missing() {
    let out = render(
        &run(
            r#"{"acts":["harbouring"],"purposes":["domestic_servitude"]}"#,
            Jurisdiction::UkModernSlaveryAct,
        ),
        Lang::En,
    )
    .to_json();
    assert_eq!(out["verdict"], "possible_trafficking");
    assert_eq!(out["child"], json!(null));
    assert_eq!(out["elements"]["means"], "absent");
    assert_eq!(
        out["reasons"],
        json!([
            "This may be trafficking: there is an act (harbouring) and a purpose of exploitation (domestic servitude), but no means were described and the person's age is not known. If the person is under 18, this is trafficking, because a child needs no means. Assess the age and treat the person as a child in the meantime.",
            "Under the Modern Slavery Act 2015, section 2, which applies here, no means are needed for adults either: arranging or facilitating someone's travel with a view to their exploitation is an offence even if they agreed. This may be human trafficking under national law.",
        ])
    );
}

#[test]
fn serialised_output_keeps_the_contract_key_order() {
    let out = render(&run("{}", Jurisdiction::Palermo), Lang::En);
    let text = serde_json::to_string(&out).unwrap();
    let keys = [
        "\"verdict\"",
        "\"child\"",
        "\"elements\"",
        "\"act\"",
        "\"means\"",
        "\"purpose\"",
        "\"smuggling\"",
        "\"means_found\"",
        "\"exploitation\"",
        "\"urgent\"",
        "\"reasons\"",
    ];
    let positions: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        out.to_json()
    );
}

#[test]
fn stored_form_keeps_reasons_structured() {
    let r = run(
        r#"{"age":16,"acts":["receipt"],"purposes":["slavery"]}"#,
        Jurisdiction::Palermo,
    );
    let stored = serde_json::to_value(&r).unwrap();
    assert_eq!(stored["rule"], "all_elements");
    assert_eq!(
        stored["reasons"][0],
        json!({
            "id": "screening-reason-trafficking-child",
            "args": {"acts": ["receipt"], "age": 16, "purposes": ["slavery"]},
        })
    );
    assert_eq!(
        stored["reasons"][1],
        json!({"id": "screening-reason-urgent-child"})
    );
}

#[test]
fn input_serialises_back_to_what_was_parsed() {
    let input = super::input(
        r#"{"age":30,"acts":["transfer"],"in_danger_now":false,"border_crossing":"none"}"#,
    );
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({"age": 30, "acts": ["transfer"], "border_crossing": "none", "in_danger_now": false})
    );
}
