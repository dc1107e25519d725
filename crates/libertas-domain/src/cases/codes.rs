//! Helpers for the code lists of the Protect features (partners, referrals, notifications,
//! operations); the lists themselves are declared with `crate::codes::code_list`.

/// Parses a list of codes with `parse`, naming `field[i]` for a bad entry; refuses an empty
/// list when `required`, and drops duplicates (keeping the first order).
pub(crate) fn parse_list<T: PartialEq + Copy>(
    field: &str,
    raw: &[String],
    required: bool,
    parse: impl Fn(&str) -> Result<T, crate::FieldError>,
) -> Result<Vec<T>, crate::FieldError> {
    if raw.len() > 50 {
        return Err(crate::FieldError::new(field, "must hold at most 50 values"));
    }
    let mut out: Vec<T> = vec![];
    for (i, r) in raw.iter().enumerate() {
        let v = parse(r).map_err(|e| e.at(format!("{field}[{i}]")))?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    if required && out.is_empty() {
        return Err(crate::FieldError::new(
            field,
            "must name at least one value",
        ));
    }
    Ok(out)
}
