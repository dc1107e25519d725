//! Shared fixtures: the reference data sets in `shared/mse` and their published figures.

use libertas_analytics::mse::CaptureData;

/// Where the shared reference data live, relative to this crate. The same relative path holds
/// in the helper workspace (`/work/helpers/mse/analytics`) and in the main repository
/// (`/work/main/crates/libertas-analytics`): change it here only.
pub const FIXTURE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/mse");

/// Reads a fixture; a missing file fails the test (it must never be skipped silently).
pub fn read_fixture(name: &str) -> String {
    let path = format!("{FIXTURE_DIR}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path} is missing: {e}"))
}

/// Parses a `list columns + count` CSV.
pub fn load(name: &str) -> CaptureData {
    let text = read_fixture(name);
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|s| s.trim().to_string())
        .collect();
    let names = header[..header.len() - 1].to_vec();
    let mut data = CaptureData::new(names).unwrap();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        let mut mask = 0;
        for (k, c) in cols[..cols.len() - 1].iter().enumerate() {
            if *c == "1" {
                mask |= 1 << k;
            }
        }
        data.add(mask, cols[cols.len() - 1].parse().unwrap())
            .unwrap();
    }
    data
}

/// Reads R's bootstrap replicates (header: capture patterns) as cell-count vectors.
pub fn load_replicates(name: &str, data: &CaptureData) -> Vec<Vec<f64>> {
    let text = read_fixture(name);
    let mut lines = text.lines();
    let header: Vec<usize> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|s| data.parse_pattern(s.trim().trim_matches('"')).unwrap())
        .collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut counts = vec![0.0; data.counts().len()];
            for (mask, v) in header.iter().zip(l.split(',')) {
                counts[*mask] += v.trim().parse::<f64>().unwrap();
            }
            counts
        })
        .collect()
}

/// The reference figures.
pub fn expected() -> serde_json::Value {
    serde_json::from_str(&read_fixture("expected.json")).unwrap()
}

/// Relative agreement to four significant digits.
pub fn close(got: f64, want: f64) -> bool {
    ((got - want) / want).abs() < 5e-4
}
