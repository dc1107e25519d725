use super::*;
use proptest::prelude::*;

fn cols() -> Vec<QiColumn> {
    vec![
        QiColumn {
            name: "year",
            blankable: false,
        },
        QiColumn {
            name: "age",
            blankable: true,
        },
        QiColumn {
            name: "citizenship",
            blankable: true,
        },
    ]
}

fn rec(year: &str, age: &[&str], citizenship: &[&str]) -> Vec<Vec<String>> {
    let chain = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
    vec![vec![year.to_owned()], chain(age), chain(citizenship)]
}

fn kept(out: &KAnonymised) -> Vec<Vec<String>> {
    out.rows.iter().flatten().cloned().collect()
}

#[test]
fn already_anonymous_data_is_left_as_recorded() {
    let records: Vec<_> = (0..6)
        .map(|i| {
            let age = if i < 3 { "21--23" } else { "30--38" };
            rec("2024", &[age, "18+"], &["RO", "Europe"])
        })
        .collect();
    let out = k_anonymise(&cols(), &records, 3, 0).unwrap();
    assert_eq!(out.levels, vec![0, 0, 0]);
    assert_eq!((out.blanked, out.dropped), (0, 0));
    assert_eq!(out.rows[0].as_deref().unwrap(), ["2024", "21--23", "RO"]);
}

#[test]
fn generalises_the_busiest_column_then_suppresses_then_drops() {
    let mut records = vec![];
    // Four Romanians of four ages: only the broad band groups them.
    for age in ["18--20", "21--23", "24--26", "27--29"] {
        records.push(rec("2024", &[age, "18--29"], &["RO", "Europe"]));
    }
    // Two Moldovans and two Ukrainians of the same age: the region groups them.
    for c in ["MD", "MD", "UA", "UA"] {
        records.push(rec("2024", &["18--20", "18--29"], &[c, "Europe"]));
    }
    // One child from Vietnam: blanked, still alone among 2024's blanked records: dropped.
    records.push(rec("2024", &["9--17", "0--17"], &["VN", "Asia"]));
    // A record in a year of its own can never reach k: dropped.
    records.push(rec("2019", &["30--38", "30--47"], &["RO", "Europe"]));
    let out = k_anonymise(&cols(), &records, 4, 2).unwrap();
    assert_eq!(out.levels, vec![0, 1, 1]);
    assert_eq!(out.dropped, 2);
    assert_eq!(out.blanked, 0);
    assert!(out.rows[8].is_none() && out.rows[9].is_none());
    let rows = kept(&out);
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|r| r == &["2024", "18--29", "Europe"]));
    assert_eq!(smallest_class(&rows), Some(8));
}

#[test]
fn suppressed_records_join_those_recorded_without_the_facts() {
    let mut records = vec![];
    for _ in 0..3 {
        records.push(rec("2023", &[SUPPRESSED], &[SUPPRESSED]));
    }
    records.push(rec("2023", &["48+"], &["NG"]));
    for _ in 0..5 {
        records.push(rec("2023", &["24--26"], &["RO"]));
    }
    let out = k_anonymise(&cols(), &records, 4, 4).unwrap();
    assert_eq!((out.blanked, out.dropped), (1, 0));
    assert_eq!(out.rows[3].as_deref().unwrap(), ["2023", "-99", "-99"]);
    assert_eq!(smallest_class(&kept(&out)), Some(4));
}

#[test]
fn refuses_a_k_that_protects_nothing_and_malformed_records() {
    assert!(k_anonymise(&cols(), &[], 1, 0).is_err());
    assert!(k_anonymise(&cols(), &[vec![vec!["2024".into()]]], 2, 0).is_err());
    let empty_chain = vec![vec!["2024".into()], vec![], vec!["RO".into()]];
    assert!(k_anonymise(&cols(), &[empty_chain], 2, 0).is_err());
    let out = k_anonymise(&cols(), &[], 10, 0).unwrap();
    assert!(out.rows.is_empty());
}

/// Chains shaped like the export's: a few exact values, each with a fixed generalisation.
fn record() -> impl Strategy<Value = Vec<Vec<String>>> {
    let year = prop::sample::select(vec!["2021", "2022", "2023"]);
    let age = prop::sample::select(vec![
        ("0--8", "0--17", "0--17"),
        ("9--17", "0--17", "0--17"),
        ("18--20", "18--29", "18+"),
        ("27--29", "18--29", "18+"),
        ("39--47", "30--47", "18+"),
        ("-99", "-99", "-99"),
    ]);
    let citizenship = prop::sample::select(vec![
        ("RO", "Europe"),
        ("MD", "Europe"),
        ("VN", "Asia"),
        ("NG", "Africa"),
        ("-99", "-99"),
    ]);
    (year, age, citizenship).prop_map(|(y, a, c)| rec(y, &[a.0, a.1, a.2], &[c.0, c.1]))
}

proptest! {
    #[test]
    fn k_holds_on_any_input(
        records in prop::collection::vec(record(), 0..120),
        k in 2usize..12,
        outliers in 0usize..20,
    ) {
        let out = k_anonymise(&cols(), &records, k, outliers).unwrap();
        prop_assert_eq!(out.rows.len(), records.len());
        let rows = kept(&out);
        if let Some(smallest) = smallest_class(&rows) {
            prop_assert!(smallest >= k, "a combination appears {} < {} times", smallest, k);
        }
        prop_assert_eq!(out.dropped, out.rows.iter().filter(|r| r.is_none()).count());
    }

    #[test]
    fn no_row_gains_information(
        records in prop::collection::vec(record(), 0..120),
        k in 2usize..12,
        outliers in 0usize..20,
    ) {
        let out = k_anonymise(&cols(), &records, k, outliers).unwrap();
        for (input, output) in records.iter().zip(&out.rows) {
            let Some(output) = output else { continue };
            for (c, ((chain, value), column)) in input.iter().zip(output).zip(cols()).enumerate() {
                let own = &chain[out.levels[c].min(chain.len() - 1)] == value;
                let blank = column.blankable && value == SUPPRESSED;
                prop_assert!(own || blank, "{} shows {:?}, not in {:?}", column.name, value, chain);
            }
            // The year is never generalised or blanked.
            prop_assert_eq!(&output[0], &input[0][0]);
        }
    }
}
