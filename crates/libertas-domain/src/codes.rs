//! Closed code lists (HTCDS and our own): one macro declares the enum, its JSON codes, the
//! list of all values and a parser whose error names the request field and lists the codes.

/// A closed list of codes, for documents that must state it (the API schema).
pub trait CodeList {
    fn codes() -> Vec<&'static str>;
}

/// Declares a code list: `code_list!(/// doc \n Name, "field", { Variant => "Code", … })`.
macro_rules! code_list {
    ($(#[$doc:meta])* $name:ident, $field:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $crate::codes::CodeList for $name {
            fn codes() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value of a code (surrounding spaces ignored); else an error naming `$field`.
            pub fn parse(raw: &str) -> Result<Self, $crate::FieldError> {
                Self::ALL.iter().copied().find(|v| v.as_str() == raw.trim()).ok_or_else(|| {
                    let codes: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::FieldError::new($field, format!("must be one of {}", codes.join(", ")))
                })
            }
        }
    };
}
pub(crate) use code_list;
