//! Comparison levels: how alike two records are on each field, as a small integer per field.
//!
//! Fellegi-Sunter needs discrete agreement levels whose match (m) and non-match (u)
//! probabilities are estimated from data. Level 0 is always exact agreement and the last level
//! "else"; in between sit the near misses typical of hand-entered records (typos, day and month
//! swapped, an initial for a given name, a phone number with one wrong digit, the same e-mail
//! user at another provider). Given name and surname swapped between the two records count as
//! exact agreement on both.

use super::dataset::{Dataset, Row, MISSING};
use super::field::Field;
use super::metrics::{edits_up_to, jaro_winkler_at_least, within_edits};
use super::normalise::Date;
use super::variants::are_variants;

/// Level of a field that is missing on either side: no evidence either way.
pub const NULL_LEVEL: u8 = u8::MAX;

/// Level per field for one pair of records, indexed by [`Field::index`].
pub type Gamma = [u8; Field::COUNT];

/// Names of the levels of `field`, level 0 first; the last is "else".
pub fn level_names(field: Field) -> &'static [&'static str] {
    match field {
        Field::FirstName => &[
            "exact",
            "jaro_winkler_0.92",
            "variant",
            "jaro_winkler_0.8",
            "initial",
            "else",
        ],
        Field::Surname => &["exact", "jaro_winkler_0.92", "jaro_winkler_0.8", "else"],
        Field::Dob => &[
            "exact",
            "day_month_swapped",
            "one_edit",
            "same_year_placeholder",
            "within_a_year",
            "else",
        ],
        Field::Address => &["exact", "jaro_winkler_0.95", "jaro_winkler_0.85", "else"],
        Field::City => &["exact", "jaro_winkler_0.9", "else"],
        Field::Postcode => &["exact", "one_edit", "two_edits", "else"],
        Field::Phone | Field::NationalId => &["exact", "one_edit", "else"],
        Field::Email => &["exact", "same_user", "jaro_winkler_user_0.88", "else"],
        Field::Gender | Field::Occupation => &["exact", "else"],
    }
}

/// Number of levels of `field`.
pub fn level_count(field: Field) -> usize {
    level_names(field).len()
}

/// Whether the exact level of `field` gets a term-frequency adjustment: agreeing on a common
/// value (a frequent surname, a hostel address, a hub phone number) is weaker evidence than
/// agreeing on a rare one. Gender has too few values for it to mean anything.
pub fn uses_term_frequency(field: Field) -> bool {
    field != Field::Gender
}

/// Compares records `i` and `j` on the fields marked in `active`.
pub fn compare(ds: &Dataset, active: &[bool; Field::COUNT], i: usize, j: usize) -> Gamma {
    let (ri, rj) = (ds.row(i), ds.row(j));
    let mut g = [NULL_LEVEL; Field::COUNT];
    for f in Field::ALL {
        if active[f.index()] {
            g[f.index()] = level(ds, f, ri[f.index()], rj[f.index()]);
        }
    }
    if swapped_names(ds, ri, rj) {
        for f in [Field::FirstName, Field::Surname] {
            if active[f.index()] {
                g[f.index()] = 0;
            }
        }
    }
    if active[Field::Surname.index()] {
        if let Some(l) = shifted_surname(ds, ri, rj) {
            g[Field::FirstName.index()] = NULL_LEVEL;
            g[Field::Surname.index()] = l;
        }
    }
    g
}

/// The surname level of a pair where one record holds only one name, in the given-name column,
/// and that name is (nearly) the other record's surname: "Hodges" / "" against "Charles" /
/// "Hodges". Registers and transcriptions often record a person by surname alone, and it lands
/// in whichever column comes first. Compared column by column the pair disagrees on the given
/// name and has no surname evidence; compared as it was meant, the surname agrees and the given
/// name is unknown. `None` when the shape does not apply or the names are not close (level
/// exact or Jaro-Winkler ≥ 0.92), and then the columns are compared as they stand.
pub fn shifted_surname(ds: &Dataset, ri: &Row, rj: &Row) -> Option<u8> {
    let (f, s) = (Field::FirstName.index(), Field::Surname.index());
    let only_first = |r: &Row| r[f] != MISSING && r[s] == MISSING;
    let (lone, full) = if only_first(ri) && rj[s] != MISSING {
        (ri, rj)
    } else if only_first(rj) && ri[s] != MISSING {
        (rj, ri)
    } else {
        return None;
    };
    let x = ds.column(Field::FirstName).values[lone[f] as usize].as_str();
    let y = ds.column(Field::Surname).values[full[s] as usize].as_str();
    let level = if x == y { 0 } else { bands(x, y, &[0.92, 0.8]) };
    (level <= 1).then_some(level)
}

/// Level of `field` for value ids `a` and `b` (either may be [`MISSING`]).
pub fn level(ds: &Dataset, field: Field, a: u32, b: u32) -> u8 {
    if a == MISSING || b == MISSING {
        NULL_LEVEL
    } else if a == b {
        0
    } else {
        inexact_level(ds, field, a, b)
    }
}

/// Level of two different, present values of `field` (never 0).
pub fn inexact_level(ds: &Dataset, field: Field, a: u32, b: u32) -> u8 {
    let col = ds.column(field);
    let (x, y) = (
        col.values[a as usize].as_str(),
        col.values[b as usize].as_str(),
    );
    match field {
        Field::Dob => dob_level(ds, a, b, x, y),
        Field::Address => bands(x, y, &[0.95, 0.85]),
        Field::City => bands(x, y, &[0.9]),
        Field::Postcode => edit_bands(x, y, 2),
        Field::Phone | Field::NationalId => edit_bands(x, y, 1),
        Field::Email => email_level(x, y),
        Field::Gender | Field::Occupation => 1,
        Field::FirstName => first_name_level(x, y),
        Field::Surname => bands(x, y, &[0.92, 0.8]),
    }
}

/// Whether the given name of each record is the surname of the other (both present, distinct).
pub fn swapped_names(ds: &Dataset, ri: &Row, rj: &Row) -> bool {
    let (f, s) = (Field::FirstName.index(), Field::Surname.index());
    if ri[f] == MISSING || ri[s] == MISSING || rj[f] == MISSING || rj[s] == MISSING {
        return false;
    }
    if ri[f] == rj[f] && ri[s] == rj[s] {
        return false;
    }
    let first = &ds.column(Field::FirstName).values;
    let sur = &ds.column(Field::Surname).values;
    let (fi, si) = (&first[ri[f] as usize], &sur[ri[s] as usize]);
    fi == &sur[rj[s] as usize] && si == &first[rj[f] as usize] && fi != si
}

/// Levels: exact, Jaro-Winkler ≥ 0.92, a known variant of the name (nickname or another
/// language's form, see [`super::variants`]), Jaro-Winkler ≥ 0.8, an initial, else. A variant
/// is checked after the close spellings because "jon"/"john" is better evidence as a typo-level
/// match, and before the loose band so that "bill"/"william" is not scored as two strangers.
fn first_name_level(x: &str, y: &str) -> u8 {
    let initial = |short: &str, long: &str| short.len() == 1 && long.starts_with(short);
    if initial(x, y) || initial(y, x) {
        return 4;
    }
    match bands(x, y, &[0.92, 0.8]) {
        1 => 1,
        _ if are_variants(x, y) => 2,
        2 => 3,
        _ => 5,
    }
}

/// Levels after exact: day and month swapped, one typo, the same year where one date is
/// 1 January, within a year, else. 1 January is what is written when only the year is known:
/// historical records give a year of birth, and registrations of refugees and migrants
/// without documents record an unknown birthday as 1 January of the estimated year. Such a
/// date agreeing on the year is weak but real evidence, unlike two full dates months apart.
fn dob_level(ds: &Dataset, a: u32, b: u32, x: &str, y: &str) -> u8 {
    let dates = &ds.column(Field::Dob).dates;
    let da = dates.get(a as usize).copied().flatten();
    let db = dates.get(b as usize).copied().flatten();
    if let (Some(p), Some(q)) = (da, db) {
        if p.year == q.year && p.month == q.day && p.day == q.month {
            return 1;
        }
    }
    if within_edits(x, y, 1) {
        return 2;
    }
    if let (Some(p), Some(q)) = (da, db) {
        let placeholder = |d: Date| d.month == 1 && d.day == 1;
        if p.year == q.year && (placeholder(p) || placeholder(q)) {
            return 3;
        }
        if p.is_valid() && q.is_valid() && (p.ordinal() - q.ordinal()).abs() <= 366 {
            return 4;
        }
    }
    5
}

fn email_level(x: &str, y: &str) -> u8 {
    let user = |s: &'_ str| -> usize { s.find('@').unwrap_or(s.len()) };
    let (ux, uy) = (&x[..user(x)], &y[..user(y)]);
    if ux == uy {
        1
    } else if jaro_winkler_at_least(ux, uy, 0.88).is_some() {
        2
    } else {
        3
    }
}

/// Level 1 + index of the first (descending) Jaro-Winkler threshold reached; levels start
/// after exact.
fn bands(x: &str, y: &str, thresholds: &[f64]) -> u8 {
    let lowest = thresholds.last().copied().unwrap_or(1.0);
    let Some(sim) = jaro_winkler_at_least(x, y, lowest) else {
        return (thresholds.len() + 1) as u8;
    };
    let k = thresholds.iter().take_while(|&&t| sim < t).count();
    (k + 1) as u8
}

/// Level `k` for `k` edits apart (1..=max), `max + 1` otherwise.
fn edit_bands(x: &str, y: &str, max: usize) -> u8 {
    edits_up_to(x, y, max).map_or(max + 1, |d| d.max(1)) as u8
}

#[cfg(test)]
mod tests {
    use super::super::dataset::{DatasetBuilder, RawRecord};
    use super::*;
    use proptest::prelude::*;

    fn dataset(rows: &[[String; 4]]) -> Dataset {
        let mut b = DatasetBuilder::new();
        for r in rows {
            let mut raw = RawRecord {
                source: "x",
                ..Default::default()
            };
            raw.values[Field::FirstName.index()] = &r[0];
            raw.values[Field::Surname.index()] = &r[1];
            raw.values[Field::Dob.index()] = &r[2];
            raw.values[Field::Email.index()] = &r[3];
            b.push(&raw);
        }
        b.finish()
    }

    fn row(first: &str, sur: &str, dob: &str, email: &str) -> [String; 4] {
        [first.into(), sur.into(), dob.into(), email.into()]
    }

    const ALL: [bool; Field::COUNT] = [true; Field::COUNT];

    #[test]
    fn levels_for_typical_errors() {
        let ds = dataset(&[
            row("Anna", "Popescu", "1990-07-04", "anna.popescu@gmail.com"),
            row("Popescu", "Anna", "1990-04-07", "anna.popescu@yahoo.com"),
            row("A", "Popesku", "1990-07-05", ""),
            row("Ion", "Ionescu", "", "ion@x.ro"),
        ]);
        let g = compare(&ds, &ALL, 0, 1);
        assert_eq!(g[Field::FirstName.index()], 0);
        assert_eq!(g[Field::Surname.index()], 0);
        assert_eq!(g[Field::Dob.index()], 1);
        assert_eq!(g[Field::Email.index()], 1);
        assert_eq!(g[Field::Phone.index()], NULL_LEVEL);
        let g = compare(&ds, &ALL, 0, 2);
        assert_eq!(g[Field::FirstName.index()], 4);
        assert_eq!(g[Field::Surname.index()], 1);
        assert_eq!(g[Field::Dob.index()], 2);
        assert_eq!(g[Field::Email.index()], NULL_LEVEL);
        let g = compare(&ds, &ALL, 0, 3);
        assert_eq!(g[Field::FirstName.index()], 5);
        assert_eq!(g[Field::Dob.index()], NULL_LEVEL);
        assert_eq!(g[Field::Email.index()], 3);
    }

    #[test]
    fn nicknames_have_their_own_level() {
        let ds = dataset(&[
            row("William", "", "", ""),
            row("Bill", "", "", ""),
            row("Willam", "", "", ""),
            row("Robert", "", "", ""),
        ]);
        let first = |i, j| compare(&ds, &ALL, i, j)[Field::FirstName.index()];
        assert_eq!(level_names(Field::FirstName)[2], "variant");
        assert_eq!(first(0, 1), 2);
        assert_eq!(first(0, 2), 1);
        assert_eq!(first(1, 3), 5);
    }

    #[test]
    fn dates_within_a_year() {
        let ds = dataset(&[row("", "", "1990-07-04", ""), row("", "", "1991-03-30", "")]);
        assert_eq!(compare(&ds, &ALL, 0, 1)[Field::Dob.index()], 4);
    }

    #[test]
    fn a_year_only_date_agrees_on_the_year() {
        let ds = dataset(&[
            row("", "", "1853-01-01", ""),
            row("", "", "1853-02-25", ""),
            row("", "", "1852-09-30", ""),
            row("", "", "1853-09-30", ""),
        ]);
        let dob = |i, j| compare(&ds, &ALL, i, j)[Field::Dob.index()];
        assert_eq!(level_names(Field::Dob)[3], "same_year_placeholder");
        assert_eq!(dob(0, 1), 3);
        assert_eq!(dob(1, 0), 3);
        assert_eq!(dob(0, 2), 4);
        assert_eq!(dob(1, 3), 4);
    }

    #[test]
    fn a_lone_surname_in_the_given_name_column() {
        let ds = dataset(&[
            row("Hodges", "", "", ""),
            row("Charles", "Hodges", "", ""),
            row("Charles", "Hodgson", "", ""),
            row("Hodgez", "", "", ""),
        ]);
        let g = compare(&ds, &ALL, 0, 1);
        assert_eq!(g[Field::FirstName.index()], NULL_LEVEL);
        assert_eq!(g[Field::Surname.index()], 0);
        assert_eq!(compare(&ds, &ALL, 1, 3)[Field::Surname.index()], 1);
        let g = compare(&ds, &ALL, 0, 2);
        assert_eq!(g[Field::FirstName.index()], 5);
        assert_eq!(g[Field::Surname.index()], NULL_LEVEL);
        assert_eq!(compare(&ds, &ALL, 0, 3)[Field::Surname.index()], NULL_LEVEL);
    }

    proptest! {
        #[test]
        fn compare_is_symmetric_and_in_range(
            a in ("[a-c]{0,4}", "[a-c]{0,4}", "199[0-1]-0[1-2]-0[1-3]", "[a-b]{0,2}@[xy]?"),
            b in ("[a-c]{0,4}", "[a-c]{0,4}", "199[0-1]-0[1-2]-0[1-3]", "[a-b]{0,2}@[xy]?"),
        ) {
            let ds = dataset(&[row(&a.0, &a.1, &a.2, &a.3), row(&b.0, &b.1, &b.2, &b.3)]);
            let g = compare(&ds, &ALL, 0, 1);
            prop_assert_eq!(g, compare(&ds, &ALL, 1, 0));
            for f in Field::ALL {
                let l = g[f.index()];
                prop_assert!(l == NULL_LEVEL || (l as usize) < level_count(f));
            }
            prop_assert_eq!(compare(&ds, &ALL, 0, 0)[Field::Dob.index()], 0);
        }
    }
}
