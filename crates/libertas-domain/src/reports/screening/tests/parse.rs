//! Parse errors name the field and say what is accepted.

use crate::reports::screening::{parse_screening, Act, Age, ScreeningError};

fn error(json: &str) -> ScreeningError {
    match parse_screening(json) {
        Ok(input) => panic!("{json} parsed as {input:?}"),
        Err(e) => e,
    }
}

fn field_error(json: &str) -> (String, String) {
    let e = error(json);
    (e.field().unwrap_or("<none>").to_owned(), e.message())
}

#[test]
fn unknown_list_value_names_index_and_choices() {
    let (field, message) = field_error(r#"{"acts":["recruitment","transfer","kidnap"]}"#);
    assert_eq!(field, "acts[2]");
    assert_eq!(
        message,
        r#"unknown value "kidnap"; expected one of recruitment, transportation, transfer, harbouring, receipt"#
    );
    assert_eq!(
        error(r#"{"acts":["kidnap"]}"#).to_string(),
        r#"acts[0]: unknown value "kidnap"; expected one of recruitment, transportation, transfer, harbouring, receipt"#
    );
}

#[test]
fn every_list_field_checks_its_values() {
    for field in ["acts", "means", "purposes", "indicators"] {
        let (path, message) = field_error(&format!(r#"{{"{field}":["nope"]}}"#));
        assert_eq!(path, format!("{field}[0]"));
        assert!(
            message.starts_with(r#"unknown value "nope"; expected one of "#),
            "{message}"
        );
    }
    // `deception` is both a means and an indicator, but `force` is only a means.
    assert_eq!(
        field_error(r#"{"indicators":["force"]}"#).0,
        "indicators[0]"
    );
    assert_eq!(field_error(r#"{"means":["debt_bondage"]}"#).0, "means[0]");
}

#[test]
fn age_must_be_a_whole_number_in_range() {
    for bad in [
        "-1", "131", "1000", "17.5", "30.0", "\"17\"", "true", "[17]", "1e2",
    ] {
        let (field, message) = field_error(&format!(r#"{{"age":{bad}}}"#));
        assert_eq!(field, "age", "{bad}");
        assert_eq!(
            message, "must be a whole number from 0 to 130, or null",
            "{bad}"
        );
    }
    for good in [0_u64, 17, 18, 130] {
        let input = parse_screening(&format!(r#"{{"age":{good}}}"#)).unwrap();
        assert_eq!(input.age, Some(Age::try_from(good).unwrap()));
    }
    assert!(Age::try_from(131).is_err());
    assert_eq!(parse_screening(r#"{"age":null}"#).unwrap().age, None);
}

#[test]
fn wrong_types_name_the_field() {
    let cases = [
        (
            r#"{"acts":"recruitment"}"#,
            "acts",
            "must be an array of strings; expected one of recruitment",
        ),
        (
            r#"{"means":[1]}"#,
            "means[0]",
            "must be a string; expected one of threat",
        ),
        (
            r#"{"border_crossing":"by sea"}"#,
            "border_crossing",
            r#"unknown value "by sea"; expected one of irregular, regular, none, unknown"#,
        ),
        (
            r#"{"border_crossing":true}"#,
            "border_crossing",
            "must be a string",
        ),
        (
            r#"{"paid_facilitator":"yes"}"#,
            "paid_facilitator",
            "must be true, false or null",
        ),
        (
            r#"{"free_on_arrival":0}"#,
            "free_on_arrival",
            "must be true, false or null",
        ),
        (
            r#"{"consented":"true"}"#,
            "consented",
            "must be true, false or null",
        ),
        (
            r#"{"in_danger_now":1}"#,
            "in_danger_now",
            "must be true, false or null",
        ),
    ];
    for (json, field, start) in cases {
        let (f, message) = field_error(json);
        assert_eq!(f, field, "{json}");
        assert!(message.starts_with(start), "{json}: {message}");
    }
}

#[test]
fn unknown_and_repeated_fields_are_errors() {
    let (field, message) = field_error(r#"{"age":20,"indicator":["isolation"]}"#);
    assert_eq!(field, "indicator");
    assert!(
        message.starts_with("unknown field; expected one of age, acts, means"),
        "{message}"
    );
    let (field, message) = field_error(r#"{"age":20,"age":12}"#);
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("age", "appears more than once")
    );
}

#[test]
fn whole_document_errors_have_no_field() {
    let e = error(r#"{"age": 20,"#);
    assert_eq!(e.field(), None);
    assert!(matches!(e, ScreeningError::Syntax { line: 1, .. }), "{e:?}");
    let e = error("{\n  \"age\": 20\n  \"acts\": []\n}");
    assert!(
        matches!(
            e,
            ScreeningError::Syntax {
                line: 3,
                column: 3,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "invalid JSON at line 3, column 3: expected `,` or `}`"
    );
    assert_eq!(
        error("[1,2]").to_string(),
        "must be a JSON object, not an array"
    );
    assert_eq!(error("null").to_string(), "must be a JSON object, not null");
    assert_eq!(
        error("  ").to_string(),
        "must be a JSON object, not empty input"
    );
}

#[test]
fn repeated_values_and_nulls_are_accepted() {
    let input = parse_screening(
        r#"{"acts":["receipt","receipt"],"means":null,"purposes":[],"border_crossing":null,"consented":null}"#,
    )
    .unwrap();
    assert_eq!(
        input.acts.iter().copied().collect::<Vec<_>>(),
        [Act::Receipt]
    );
    assert!(input.means.is_empty() && input.purposes.is_empty());
    assert_eq!((input.border_crossing, input.consented), (None, None));
}
