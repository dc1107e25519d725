//! Tests of the screening module: the rules as a table, the output shape, parse errors,
//! properties over all inputs, and the translations.

mod locales;
mod parse;
mod props;
mod shape;
mod table;

use super::{parse_screening, screen, Jurisdiction, ReasonId, ScreeningInput, ScreeningResult};

/// Parses a JSON literal the test knows is valid.
fn input(json: &str) -> ScreeningInput {
    match parse_screening(json) {
        Ok(input) => input,
        Err(e) => panic!("test input {json} did not parse: {e}"),
    }
}

fn run(json: &str, law: Jurisdiction) -> ScreeningResult {
    screen(&input(json), law)
}

fn reason_ids(result: &ScreeningResult) -> Vec<ReasonId> {
    result.reasons.iter().map(|r| r.id).collect()
}
