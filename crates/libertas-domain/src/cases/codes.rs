//! A small macro for the code lists of the Protect features (partners, referrals,
//! notifications, operations): a closed enum with its API spelling and a parser that names
//! the field and lists the allowed codes when a value is unknown.

macro_rules! protect_codes {
    ($(#[$doc:meta])* $name:ident, $field:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(raw: &str) -> Result<Self, $crate::FieldError> {
                Self::ALL.iter().copied().find(|v| v.as_str() == raw.trim()).ok_or_else(|| {
                    let codes: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::FieldError::new($field, format!("must be one of {}", codes.join(", ")))
                })
            }
        }
    };
}
pub(crate) use protect_codes;

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
